// The bench commands (not a timed test): on a small generated corpus, `storyprint bench` and
// `storyprint-js bench` run, report the same measures, and agree where they must (pack sizes,
// recall). Run: node --test tests/js/
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, test } from 'node:test';
import { ROOT, requireNative, requireShared, requireWasm, runNative, runRunner } from './helpers.mjs';

requireNative();
requireWasm();
requireShared('meter-dev');
const exec = promisify(execFile);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sp-bench-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const keys = (o, prefix = '') => Object.entries(o).flatMap(([k, v]) =>
  v && typeof v === 'object' && !Array.isArray(v) ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]);

test('native and wasm bench: same measures, same pack sizes and recall', { timeout: 300_000 }, async () => {
  const corpus = path.join(tmp, 'corpus');
  const gen = (out) => exec(process.execPath, [path.join(ROOT, 'bench/gen-corpus.mjs'), '--out', out, '--versions', '3000',
    '--latency-pages', '20', '--planted-per-kind', '10']);
  await gen(corpus);
  // Deterministic: the same seed gives the same corpus.
  await gen(path.join(tmp, 'again'));
  for (const f of ['known.jsonl', 'latency.jsonl', 'planted.jsonl'])
    assert.ok(fs.readFileSync(path.join(corpus, f)).equals(fs.readFileSync(path.join(tmp, 'again', f))), `${f} differs between runs`);

  const args = ['bench', '--corpus', corpus, '--sizes', '300,1000,3000', '--build-docs', '1000', '--canon-docs', '100', '--json'];
  const native = JSON.parse(await runNative(...args));
  const wasm = JSON.parse(await runRunner(...args)); // reuses the 3000-version pack the native bench cached
  assert.ok(fs.existsSync(path.join(corpus, 'pack-3000.pack')));
  // Only the engine that built the large pack reports its build; only wasm reports its shipped size.
  const common = (o) => keys(o).filter((k) => !/^(shipped_bytes|pack_build_large)/.test(k) && k !== 'engine');
  assert.deepEqual(common(wasm).sort(), common(native).sort());
  assert.deepEqual(wasm.pack_bytes_per_version, native.pack_bytes_per_version);
  assert.deepEqual(wasm.recall, native.recall);
  for (const k of ['canonicalize_mb_s', 'fingerprint_mb_s', 'pack_build_docs_s', 'check_ms.1000.p50'])
    assert.ok(keys(native).includes(k) && keys(wasm).includes(k), k);
  assert.ok(wasm.shipped_bytes.total_gzip > 100_000);
});

test('bench rounds merge to each figure\'s median; what one round alone measured is kept', async () => {
  const { mergeRounds } = await import('../../bench/merge-rounds.mjs');
  const round = (p50, mb, extra = {}) => ({ engine: 'native', canonicalize_mb_s: mb, check_ms: { 1000: { p50, pages: 300 } }, ...extra });
  const merged = mergeRounds([
    round(2.4, 20, { pack_build_large: { docs_s: 3000, versions: 100000 } }),  // the round that built the 100k pack
    round(1.5, 31),
    round(1.7, 25),
  ]);
  assert.equal(merged.check_ms[1000].p50, 1.7);
  assert.equal(merged.check_ms[1000].pages, 300);
  assert.equal(merged.canonicalize_mb_s, 25);
  assert.equal(merged.engine, 'native');
  assert.deepEqual(merged.pack_build_large, { docs_s: 3000, versions: 100000 });
  assert.equal(mergeRounds([round(1, 10), round(3, 30)]).check_ms[1000].p50, 2);  // an even count: the mean of the middle two
});
