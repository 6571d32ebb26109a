#!/usr/bin/env node
// The cost of the reader's own reading (extension/lib/reading.js) at 10k, 50k and 100k remembered
// articles, over the wasm core as the extension runs it: the segments a reader would have after N
// articles (extension/lib/segments.js decides their sizes), in an engine of their own.
//   node bench/reading.mjs [--corpus DIR] [--sizes 10000,50000,100000] [--pages 300] [--json OUT]
// Articles are the synthetic bench corpus (scripts/gen-bench-corpus.mjs, generated when missing,
// as scripts/bench.sh does); the pages checked are its 800-word latency pages, half derived from the
// first 1,000 articles. Segment packs are cached under the corpus by the wasm module's hash.
//
// Measured for each N:
// - add one article: fingerprint it into a one-article segment and load it (what happens on the page);
// - merges, amortised per article: a merge of 4 segments of tier t happens once per 4^(t+1)
//   articles, so sum over the tiers below N of (time of that merge) / 4^(t+1); and the largest one;
// - check: one page against all N articles' segments (p50, p99), and for comparison against the
//   same articles in one pack;
// - memory: the module's memory with the segments loaded (it never shrinks), and the segments' bytes;
// - forgetting one article: its segment rebuilt without it (the largest segment, the worst case);
// - rebuilding the whole pack: what growing without segments would cost on every page.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../core/js/storyprint.mjs';
import { metaOf, percentile, readJsonlHead, versionOf } from '../core/js/runner/bench/corpus.mjs';
import { FANOUT, nextMerge, tierOf } from '../extension/lib/segments.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WASM = path.join(ROOT, 'core/js/wasm/storyprint-core.wasm');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const SIZES = arg('sizes', '10000,50000,100000').split(',').map(Number);
const PAGES = Number(arg('pages', 300));
const hash = (...files) => createHash('sha256').update(Buffer.concat(files.map((f) => fs.readFileSync(f)))).digest('hex').slice(0, 12);
// The corpus directory scripts/bench.sh uses for 100,000 versions, seed 1: one corpus for both.
const CORPUS = arg('corpus', path.join(ROOT, 'build/bench', `corpus-${createHash('sha256')
  .update(`100000 1 ${hash(path.join(ROOT, 'scripts/gen-bench-corpus.mjs'))}\n`).digest('hex').slice(0, 12)}`));
const log = (s) => process.stderr.write(`[bench-reading] ${s}\n`);
const ms = (t0) => performance.now() - t0;
const wasm = fs.readFileSync(WASM);
const engine = () => createEngine({ wasm, dictionaries: false });

if (!fs.existsSync(path.join(CORPUS, 'known.jsonl'))) {
  log(`generating the corpus in ${CORPUS}`);
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/gen-bench-corpus.mjs'), '--out', CORPUS, '--versions', '100000'], { stdio: 'inherit' });
}
const articles = (await readJsonlHead(path.join(CORPUS, 'known.jsonl'), Math.max(...SIZES, FANOUT ** 8))).map(versionOf);
const pages = (await readJsonlHead(path.join(CORPUS, 'latency.jsonl'), PAGES)).map((o) => ({ text: o.text, meta: metaOf(o), kind: o.kind }));

// Segment packs, cached: a slice of the corpus built at once, as merging its one-article segments gives.
const CACHE = path.join(CORPUS, `reading-${hash(WASM)}`);
fs.mkdirSync(CACHE, { recursive: true });
for (const d of fs.readdirSync(CORPUS)) if (d.startsWith('reading-') && path.join(CORPUS, d) !== CACHE) fs.rmSync(path.join(CORPUS, d), { recursive: true });
const builder = await engine();
function slicePack(start, count) {
  const file = path.join(CACHE, `${start}-${count}.pack`);
  if (fs.existsSync(file)) return new Uint8Array(fs.readFileSync(file));
  const t0 = performance.now();
  const bytes = builder.buildPack(articles.slice(start, start + count));
  if (count >= 10000) log(`built ${count} articles in ${(ms(t0) / 1000).toFixed(1)} s`);
  fs.writeFileSync(file, bytes);
  return bytes;
}

// The segment sizes after N articles, each added alone and merged by the extension's policy;
// the oldest articles are in the first (largest) segments.
function segmentSizes(n) {
  let segs = [];
  for (let i = 0; i < n; i++) {
    segs.push({ ids: { length: 1 }, created: i });
    for (let g; (g = nextMerge(segs));) {
      segs = segs.filter((s) => !g.includes(s));
      segs.push({ ids: { length: g.reduce((a, s) => a + s.ids.length, 0) }, created: Math.min(...g.map((s) => s.created)) });
    }
  }
  return segs.sort((a, b) => a.created - b.created).map((s) => s.ids.length);
}

// One merge of 4 segments of tier t (4^t articles each), timed in a fresh module.
const mergeMs = {};
async function timeMerge(t) {
  if (mergeMs[t] !== undefined) return mergeMs[t];
  const size = FANOUT ** t;
  const parts = Array.from({ length: FANOUT }, (_, i) => slicePack(i * size, size));
  const e = await engine();
  const t0 = performance.now();
  e.mergePacks(parts);
  mergeMs[t] = ms(t0);
  log(`merge of ${FANOUT} × ${size}: ${mergeMs[t].toFixed(0)} ms`);
  return mergeMs[t];
}

const checkTimes = (e) => {
  for (const p of pages.slice(0, 5)) e.check(p.text, p.meta); // warm-up
  const times = pages.map((p) => { const t0 = performance.now(); e.check(p.text, p.meta); return ms(t0); });
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
};

const rows = [];
for (const n of SIZES) {
  const sizes = segmentSizes(n);
  log(`${n} articles: segments of ${sizes.join(', ')}`);
  const segs = [];
  for (let start = 0, i = 0; i < sizes.length; start += sizes[i], i++) segs.push(slicePack(start, sizes[i]));

  // The reading's engine, as the worker has it after a restart: a sibling of the packs' engine.
  const main = await engine();
  const reading = main.sibling();
  segs.forEach((b, i) => reading.addPack(`seg-${i}`, b));
  const memory = main.memoryBytes();
  const check = checkTimes(reading);
  // Sanity: pages derived from remembered articles are still found derived through the segments.
  const derived = pages.filter((p) => p.kind === 'derived');
  const attributed = derived.filter((p) => reading.check(p.text, p.meta).verdict !== 'original').length;

  // Adding: one-article segments of new articles (the latency pages stand in for them).
  const adds = pages.slice(0, 50).map((p, i) => {
    const t0 = performance.now();
    const b = reading.buildPack([{ id: `new-${i}`, url: `https://new.example/${i}`, outlet: 'New', title: '', published: '', text: p.text }]);
    reading.addPack(`new-${i}`, b);
    return ms(t0);
  });
  for (let i = 0; i < 50; i++) reading.removePack(`new-${i}`);

  let amortised = 0;
  for (let t = 0; t < tierOf(n); t++) amortised += (await timeMerge(t)) / FANOUT ** (t + 1);
  const largestMerge = await timeMerge(tierOf(n) - 1);

  // Forgetting one article of the largest segment (its oldest), in the reading's engine.
  let t0 = performance.now();
  reading.dropVersions(segs[0], [articles[0].id]);
  const forget = ms(t0);

  // Without segments: one pack, rebuilt from its fingerprints with every article added.
  const whole = await engine();
  t0 = performance.now();
  const one = whole.mergePacks(segs);
  const rebuild = ms(t0);
  whole.addPack('all', one);
  const checkOne = checkTimes(whole);

  rows.push({ articles: n, segments: sizes.length, bytes: segs.reduce((a, b) => a + b.length, 0), memory,
    add_p50_ms: percentile(adds, 0.5), merge_amortised_ms: amortised, largest_merge_ms: largestMerge,
    check_p50_ms: check.p50, check_p99_ms: check.p99, check_one_pack_p50_ms: checkOne.p50, forget_ms: forget,
    rebuild_whole_ms: rebuild, derived_found: `${attributed}/${derived.length}` });
  log(JSON.stringify(rows.at(-1)));
}

const mb = (b) => (b / (1 << 20)).toFixed(1);
const f = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(2));
const cpu = fs.readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*: (.*)/)?.[1];
const out = [
  `${new Date().toISOString().slice(0, 16)}Z · ${cpu} · node ${process.version} · wasm, one thread`,
  '',
  '| remembered articles | segments | add one article (ms, p50) | merges, amortised per article (ms) | largest merge (s) | check p50 / p99 (ms) | same articles in one pack: check p50 (ms) | forget one article (s) | rebuild whole pack (s) | module memory (MB) | segment bytes (MB) |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map((r) => `| ${r.articles.toLocaleString('en')} | ${r.segments} | ${f(r.add_p50_ms)} | ${f(r.merge_amortised_ms)} | ${(r.largest_merge_ms / 1000).toFixed(1)} | ${f(r.check_p50_ms)} / ${f(r.check_p99_ms)} | ${f(r.check_one_pack_p50_ms)} | ${(r.forget_ms / 1000).toFixed(1)} | ${(r.rebuild_whole_ms / 1000).toFixed(1)} | ${mb(r.memory)} | ${mb(r.bytes)} |`),
];
console.log(out.join('\n'));
const json = arg('json', path.join(ROOT, 'build/bench/reading.json'));
fs.mkdirSync(path.dirname(json), { recursive: true });
fs.writeFileSync(json, `${JSON.stringify({ rows, merge_ms_by_tier: mergeMs }, null, 2)}\n`);
