#!/usr/bin/env node
// Native and wasm bench results (`storyprint bench --json`, `storyprint-js bench --json`) -> one
// markdown table with the wasm/native ratio per measure and the target of each (README, Performance).
//   node bench/report.mjs NATIVE.json WASM.json [CONTEXT.json] > results.md
import fs from 'node:fs';

const [nat, wasm] = process.argv.slice(2, 4).map((f) => JSON.parse(fs.readFileSync(f, 'utf8')));
const ctx = process.argv[4] ? JSON.parse(fs.readFileSync(process.argv[4], 'utf8')) : {};
const f = (x, d = 1) => (x === undefined || x === null ? '–' : Number(x).toFixed(d));
const get = (o, p) => p.split('.').reduce((v, k) => v?.[k], o);

const rows = [];
// kind: 'rate' (higher is better, ratio wasm/native), 'time' (lower is better, ratio native/wasm:
// wasm's speed as a share of native's), 'same' (should agree; no ratio).
const row = (label, path, kind, digits, target = '', met = null) => {
  const n = get(nat, path), w = get(wasm, path);
  // Rounded down, so that a ratio shown as 0.60 really is at least 0.6.
  const down = (x) => (Math.floor(x * 100) / 100).toFixed(2);
  const ratio = n === undefined || w === undefined || kind === 'same' ? '' : kind === 'rate' ? down(w / n) : down(n / w);
  const verdict = met === null ? '' : met(n, w) ? 'met' : '**missed**';
  rows.push(`| ${label} | ${f(n, digits)} | ${f(w, digits)} | ${ratio} | ${target} | ${verdict} |`);
};

row('Canonicalisation (MB/s of UTF-8)', 'canonicalize_mb_s', 'rate', 1, 'wasm ≥ 0.6× native', (n, w) => w >= 0.6 * n);
row('Fingerprint: text → fingerprint + index lookup (MB/s)', 'fingerprint_mb_s', 'rate', 1, 'wasm ≥ 0.6× native', (n, w) => w >= 0.6 * n);
row(`Pack build, ${nat.pack_build_docs} docs, 1 thread (docs/s)`, 'pack_build_docs_s', 'rate', 0, 'native ≥ 20,000; wasm ≥ 0.6×',
  (n, w) => n >= 20000 && w >= 0.6 * n);
const large = nat.pack_build_large ?? wasm.pack_build_large;
if (large) {
  const how = `${large.engine ?? 'native'}, 1 thread, ${f(large.seconds, 0)} s${large.cached ? ', when first built' : ''}`;
  const cells = large.engine === 'wasm' ? `– | ${f(large.docs_s, 0)}` : `${f(large.docs_s, 0)} | –`;
  rows.push(`| Pack build, ${large.versions} docs (${how}) (docs/s) | ${cells} | | native ≥ 20,000 | ${large.engine === 'wasm' ? '' : large.docs_s >= 20000 ? 'met' : '**missed**'} |`);
}
for (const n of Object.keys(nat.check_ms ?? {})) {
  const big = Number(n) === 100000;
  row(`Check p50, 800-word page, ${Number(n).toLocaleString('en')} versions (ms)`, `check_ms.${n}.p50`, 'time', 2,
    big ? 'wasm ≤ 2 ms; wasm ≥ 0.6×' : 'wasm ≥ 0.6×', big ? (a, b) => b <= 2 && a / b >= 0.6 : (a, b) => a / b >= 0.6);
  row(`Check p99, 800-word page, ${Number(n).toLocaleString('en')} versions (ms)`, `check_ms.${n}.p99`, 'time', 2);
}
row('Cold start: instantiate + load a 10k pack (ms, median of 5)', 'cold_start_ms.median', 'time', 1);
row('Cold start: the first of those (ms)', 'cold_start_ms.first', 'time', 1);
row('First check after a cold start (ms)', 'cold_start_ms.first_check_ms', 'time', 2);
for (const n of Object.keys(nat.pack_bytes_per_version ?? {}))
  row(`Pack bytes per version, ${Number(n).toLocaleString('en')} versions`, `pack_bytes_per_version.${n}`, 'same', 0, '≤ 1,024', (a) => a <= 1024);
const recallPack = Number(nat.recall_pack_versions).toLocaleString('en');
for (const [kind, what] of [['boilerplate', 'boilerplate-wrapped copies'], ['edited', 'copies with 5–20 % of words edited'], ['excerpt', '30–60 % excerpts']]) {
  row(`Recall: ${what}, derived and attributed to the story (${recallPack}-version pack)`, `recall.${kind}.attributed`, 'same', 3);
  row(`… attributed to the very version copied`, `recall.${kind}.attributed_version`, 'same', 3);
}
row(`Original pages called derived (${recallPack}-version pack)`, 'recall.original.derived', 'same', 3);
const s = wasm.shipped_bytes;
if (s) {
  const kb = (b) => (b / 1024).toFixed(1);
  rows.push(`| Shipped wasm (core + ICU code + ICU base data) + JS loader, gzip -9 (KB) | – | ${kb(s.total_gzip)} (${kb(s.wasm.gzip)} + ${kb(s.loader.gzip)}) | | ≤ 400 KB | ${s.total_gzip <= 400 * 1024 ? 'met' : '**missed**'} |`);
}

const out = [
  '# Storyprint benchmarks',
  '',
  `${ctx.date ?? new Date().toISOString()} · ${ctx.cpu ?? ''} · ${ctx.node ?? process.version} · ${ctx.emcc ?? ''}`,
  '',
  `Corpus: bench/gen-corpus.mjs, ${ctx.versions ?? '?'} synthetic versions (seed ${ctx.seed ?? '?'}), ` +
    'latency pages of 800 words (half derived from a version, half original), 100 planted pages per kind. ' +
    'Ratio: wasm speed as a share of native (throughput wasm/native; times native/wasm). ' +
    'Wasm runs in Node through core/js/storyprint.mjs, after a warm-up.',
  '',
  '| Measure | native | wasm | wasm/native | target | |',
  '|---|---:|---:|---:|---|---|',
  ...rows,
  '',
];
process.stdout.write(out.join('\n'));
