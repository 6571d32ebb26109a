#!/usr/bin/env node
// Limits, measured: pathological pages (10 MB of news text, one word a million times, CJK without
// spaces, invalid UTF-8, NUL bytes, lone surrogates, pages over the limits) and damaged or
// oversized packs, checked by the native CLI and by the wasm module through the JS wrapper.
// For each: the outcome (verdict or error code), time, and peak memory (native: max RSS of the
// process; wasm: size of the module's memory, a fresh instance per case, since it never shrinks).
//   node scripts/limits.mjs [--only NAME]      (needs scripts/build.sh; writes build/limits/)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, StoryprintError } from '../core/js/storyprint.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'build/limits');
const cli = path.join(root, 'build/native/storyprint');
const demoPack = path.join(root, 'build/demo/demo.pack');
const data = path.join(root, '../shared/data');
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
for (const f of [cli, demoPack, path.join(data, 'meter-dev/pages.jsonl')])
  if (!fs.existsSync(f)) { console.error(`limits: ${f} is missing (run scripts/build.sh; shared data beside the checkout)`); process.exit(1); }
fs.mkdirSync(out, { recursive: true });

const MB = 1 << 20;
const fill = (unit, units) => unit.repeat(Math.ceil(units / unit.length)).slice(0, units);
const news = fs.readFileSync(path.join(data, 'meter-dev/pages.jsonl'), 'utf8').split('\n').filter(Boolean)
  .map((l) => JSON.parse(l).text).join('\n\n');
const seed = fs.readFileSync(path.join(data, 'seeds', fs.readdirSync(path.join(data, 'seeds')).sort()[0]), 'utf8');
const zh = JSON.parse(fs.readFileSync(path.join(root, 'tests/data/multilingual.jsonl'), 'utf8').split('\n')
  .find((l) => l.includes('"zh"'))).text.replace(/\s+/g, '');
// Bytes, not strings, where the case is about encoding: the native CLI reads them as they are.
const bytes = (s) => Buffer.from(s, 'utf8');
const invalidUtf8 = () => {
  const b = Buffer.from(fill(seed, 10 * MB), 'latin1');
  for (let i = 0; i < b.length; i += 7) b[i] = 0x80 | (i & 0x7f); // stray continuation bytes
  return b;
};

const cases = [
  { name: 'empty page', text: '' },
  { name: 'seed 000 (NY Post), 5 KB', text: seed },
  { name: 'news text, 400,000 units (the extension checks no more)', text: fill(news, 400_000) },
  { name: 'news text, 10 MB', text: fill(news, 10 * MB) },
  { name: 'seed 000 repeated to 10 MB', text: fill(seed + '\n\n', 10 * MB) },
  { name: '"Rutte" x 1,000,000', text: 'Rutte '.repeat(1_000_000) },
  { name: 'a quotation from seed 000 x 400,000 (10 MB)', text: fill('“leadership will again be key to keeping our Alliance strong” ', 10 * MB) },
  { name: 'stray quotation marks, 10 MB', text: fill('“ Rutte « Trump „ NATO ‘ "', 10 * MB) },
  { name: '"Rutte." x 1,000,000 (1M sentences)', text: 'Rutte. '.repeat(1_000_000) },
  { name: 'Chinese without spaces, 5M chars (15 MB UTF-8)', text: fill(zh, 5 * MB) },
  { name: 'invalid UTF-8 every 7th byte, 10 MB', raw: invalidUtf8 },
  { name: 'NUL bytes between words, 10 MB', text: fill('NATO\0Rutte\0Trump\0\0', 10 * MB) },
  { name: 'lone surrogates, 10 MB', text: fill('Rutte \uD800 Trump \uDFFF met\uDC00', 10 * MB), jsOnly: true },
  { name: 'single letters, 10 MB (5M words)', text: fill('a ', 10 * MB) },
  { name: 'over the size limit, 17 MB', text: fill(news, 17 * MB) },
];
// Combining marks: ICU reorders a run of marks in quadratic time unless the core bounds
// the runs first. Time per MB must be flat from 100 KB to 10 MB.
const KB = 1 << 10;
const marks = (units) => { // random marks of U+0300-U+036F, a fixed sequence
  let x = 12345;
  return String.fromCharCode(...Array.from({ length: units }, () => 0x300 + ((x = (x * 1103515245 + 12345) >>> 0) >>> 16) % 0x70));
};
const randomMarks = (units) => { let t = ''; for (let i = 0; i < units; i += 65536) t += marks(Math.min(65536, units - i)); return t; };
for (const [label, units] of [['100 KB', 100 * KB], ['1 MB', MB], ['10 MB', 10 * MB]]) {
  cases.push({ name: `combining marks: "a" + U+0301 U+0316 repeated, ${label}`, text: 'a' + fill('\u0301\u0316', units - 1), perMb: true });
  cases.push({ name: `combining marks: random marks, ${label}`, text: randomMarks(units), perMb: true });
}

function nativeRun(file, args) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cli, ...args, file], { encoding: 'utf8', maxBuffer: 256 * MB });
  const [secs, kb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  let outcome;
  const line = r.stdout.split('\n').find(Boolean);
  if (line) {
    const j = JSON.parse(line);
    outcome = j.error ? `${j.error.code} (exit ${r.status})` : j.verdict;
  } else {
    const m = r.stderr.match(/\b([a-z]+\.[a-z_]+)\b/);
    outcome = `exit ${r.status}${m ? ' ' + m[1] : ''}`;
  }
  return { outcome, ms: secs * 1000, mb: kb / 1024 };
}

async function wasmRun(fn) {
  const engine = await createEngine();
  const before = engine.memoryBytes();
  const t0 = performance.now();
  let outcome;
  try { outcome = await fn(engine); } catch (e) { outcome = e instanceof StoryprintError ? e.code : `THREW ${e}`; }
  const ms = performance.now() - t0;
  // The module must still answer after the case.
  let alive = true;
  try { engine.check('NATO Secretary General Mark Rutte met Donald Trump.'); } catch { alive = false; }
  return { outcome: alive ? outcome : `${outcome}, MODULE DEAD`, ms, mb: engine.memoryBytes() / MB, startMb: before / MB };
}

const pack = fs.readFileSync(demoPack);
const rows = [];
for (const c of cases) {
  if (only && !c.name.includes(only)) continue;
  const raw = c.raw ? c.raw() : bytes(c.text);
  const file = path.join(out, 'page.txt');
  fs.writeFileSync(file, raw);
  const native = c.jsOnly ? null : nativeRun(file, ['check', '--pack', demoPack, '--json']);
  const text = c.text ?? raw.toString('utf8');
  // As the extension does: break dictionaries first for scripts that need them (outside the timing
  // would hide their cost; inside it counts the fetch-free load of the bytes).
  const wasm = await wasmRun(async (e) => { e.addPack('demo', pack); await e.ensureDictionaries(text); return e.check(text).verdict; });
  rows.push({ name: c.name, units: text.length, native, wasm });
  console.error(`[limits] ${c.name}: native ${native?.outcome ?? '-'}, wasm ${wasm.outcome}`);
}

// Packs: damaged ones must be refused by name, and the engine keep the packs it had.
const damaged = [
  ['pack truncated to half', pack.subarray(0, pack.length >> 1)],
  ['pack with one byte flipped', (() => { const b = Buffer.from(pack); b[b.length >> 1] ^= 1; return b; })()],
  ['a PNG given as a pack', Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(1000)])],
  ['empty pack file', Buffer.alloc(0)],
];
for (const [name, b] of damaged) {
  if (only && !name.includes(only)) continue;
  const file = path.join(out, 'bad.pack');
  fs.writeFileSync(file, b);
  fs.writeFileSync(path.join(out, 'page.txt'), seed);
  const native = nativeRun(path.join(out, 'page.txt'), ['check', '--pack', file, '--json']);
  const wasm = await wasmRun((e) => {
    e.addPack('demo', pack);
    try { e.addPack('bad', b); return 'accepted'; } catch (err) {
      return `${err.code}; demo pack kept: ${e.packs().length === 1 && e.check(seed).verdict}`;
    }
  });
  rows.push({ name, units: b.length, native, wasm });
}

const f = (x, d = 0) => (x == null ? '–' : x.toFixed(d));
const perMb = rows.filter((r) => cases.find((c) => c.name === r.name)?.perMb);
if (perMb.length) {
  console.log('| case | size | native outcome | native ms | native ms per MB | wasm outcome | wasm ms | wasm ms per MB |');
  console.log('|---|---:|---|---:|---:|---|---:|---:|');
  for (const r of perMb)
    console.log(`| ${r.name} | ${r.units.toLocaleString('en')} | ${r.native?.outcome ?? '–'} | ${f(r.native?.ms)} | ${f(r.native?.ms / (r.units / MB))} | ${r.wasm.outcome} | ${f(r.wasm.ms)} | ${f(r.wasm.ms / (r.units / MB))} |`);
  console.log('');
}
console.log('| case | size | native outcome | native ms | native peak MB | wasm outcome | wasm ms | wasm memory MB |');
console.log('|---|---:|---|---:|---:|---|---:|---:|');
for (const r of rows)
  console.log(`| ${r.name} | ${r.units.toLocaleString('en')} | ${r.native?.outcome ?? '–'} | ${f(r.native?.ms)} | ${f(r.native?.mb)} | ${r.wasm.outcome} | ${f(r.wasm.ms)} | ${f(r.wasm.mb)} |`);
