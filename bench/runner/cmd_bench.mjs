// `storyprint-js bench`: the measures of the native `storyprint bench` (bench/cmd_bench.cpp) on a bench
// corpus (bench/gen-corpus.mjs or bench/gen-news-corpus.mjs), taken through the JS wrapper as the
// extension and the demo page use it. Same options, same JSON.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { CliError } from '../../core/js/runner/io.mjs';
import { fixed, left } from '../../core/js/runner/fmt.mjs';
import { createEngine } from '../../core/js/storyprint.mjs';
import { metaOf, percentile, readJsonlHead, versionOf } from './corpus.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const WASM_DIR = path.resolve(HERE, '../../core/js/wasm');
const COLD = path.join(HERE, 'cold.mjs');
const exec = promisify(execFile);
const USAGE = `usage: storyprint-js bench [--corpus DIR] [--packs DIR] [--sizes 1000,10000,100000] [--canon-docs N]
                          [--build-docs N] [--json]
  corpus: node bench/gen-corpus.mjs --out DIR; packs larger than --build-docs are cached in --packs
`;

function parseArgs(args) {
  const a = { corpus: 'build/bench/corpus', packs: '', sizes: [1000, 10000, 100000], canonDocs: 1500, buildDocs: 10000, coldRuns: 5, json: false };
  for (let i = 0; i < args.length; i++) {
    const next = () => (i + 1 < args.length ? args[++i] : '');
    const k = args[i];
    if (k === '--corpus') a.corpus = next();
    else if (k === '--packs') a.packs = next();
    else if (k === '--sizes') a.sizes = next().split(',').map(Number).sort((x, y) => x - y);
    else if (k === '--canon-docs') a.canonDocs = Number(next());
    else if (k === '--build-docs') a.buildDocs = Number(next());
    else if (k === '--json') a.json = true;
    else return null;
  }
  a.packs ||= a.corpus;
  return a.sizes.length && a.sizes.every((n) => n > 0) ? a : null;
}

const ms = (t0) => performance.now() - t0;
/** p50 / p99 of times[i] by pages[i].kind. */
function byKind(pages, times) {
  const by = {};
  pages.forEach((p, i) => (by[p.kind] ??= []).push(times[i]));
  return Object.fromEntries(Object.keys(by).sort().map((k) => [k, { p50: percentile(by[k], 0.5), p99: percentile(by[k], 0.99) }]));
}
const utf8Bytes = (s) => Buffer.byteLength(s, 'utf8');

// MB/s of UTF-8 input through engine.checkJson(): the same work the native bench times.
function textMbS(engine, docs, n) {
  let bytes = 0;
  const t0 = performance.now();
  for (const d of docs.slice(0, n)) {
    engine.checkJson(d.text, { id: d.id });
    bytes += d.bytes;
  }
  return bytes / 1e6 / (ms(t0) / 1000);
}

function packFor(engine, a, n) {
  const file = path.join(a.packs, `pack-${n}.pack`);
  if (fs.existsSync(file)) {
    const bytes = fs.readFileSync(file);
    try {
      const probe = engine.addPack('probe', bytes);
      engine.removePack('probe');
      if (probe.versions === n) return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
    } catch {
      // stale or damaged: rebuilt below
    }
  }
  return null;
}

async function buildLarge(engine, a, n, out) {
  process.stderr.write(`bench: building ${a.packs}/pack-${n}.pack in wasm (slow; run the native bench first to build it faster)\n`);
  const t0 = performance.now();
  const versions = (await readJsonlHead(path.join(a.corpus, 'known.jsonl'), n)).map(versionOf);
  if (versions.length < n) throw new CliError('bench.corpus', `the corpus has ${versions.length} versions, fewer than ${n}`);
  const bytes = engine.buildPack(versions);
  const s = ms(t0) / 1000;
  out.pack_build_large = { versions: n, seconds: s, docs_s: n / s, engine: 'wasm' };
  fs.writeFileSync(path.join(a.packs, `pack-${n}.pack`), bytes);
  fs.writeFileSync(path.join(a.packs, `pack-${n}.pack.json`), `${JSON.stringify(out.pack_build_large)}\n`);
  return bytes;
}

function sizes() {
  const f = (name) => {
    const b = fs.readFileSync(path.join(WASM_DIR, name));
    return { raw: b.length, gzip: gzipSync(b, { level: 9 }).length };
  };
  const wasm = f('storyprint-core.wasm'), loader = f('storyprint-core.mjs');
  return { wasm, loader, total_gzip: wasm.gzip + loader.gzip };
}

export async function cmdBench(args, out) {
  const a = parseArgs(args);
  if (!a) return { usage: USAGE };
  const res = { engine: 'wasm' };
  const need = Math.max(a.canonDocs, a.buildDocs);
  const docs = (await readJsonlHead(path.join(a.corpus, 'known.jsonl'), need)).map((o) => ({ ...versionOf(o), bytes: utf8Bytes(o.text ?? '') }));
  const latency = await readJsonlHead(path.join(a.corpus, 'latency.jsonl'));
  const planted = await readJsonlHead(path.join(a.corpus, 'planted.jsonl'));
  res.shipped_bytes = sizes();

  // Canonicalisation: a check with no pack loaded is canonicalisation and an empty report.
  {
    const none = await createEngine();
    textMbS(none, docs, 500); // warm-up: ICU data, and V8 tiers the module up from its baseline compiler
    res.canonicalize_mb_s = textMbS(none, docs, a.canonDocs);
  }
  // Fingerprinting: a check against a pack that shares no word with the texts.
  {
    const one = await createEngine();
    one.addPack('null', one.buildPack([{ id: 'null', text: 'zzzqxv' }]));
    textMbS(one, docs, 500);
    res.fingerprint_mb_s = textMbS(one, docs, a.canonDocs);
  }
  const engine = await createEngine();
  const packs = new Map();
  {
    const n = Math.min(a.buildDocs, docs.length);
    const before = engine.memoryBytes();
    const t0 = performance.now();
    const bytes = engine.buildPack(docs.slice(0, n));
    res.pack_build_docs = n;
    res.pack_build_docs_s = n / (ms(t0) / 1000);
    // Wasm memory never shrinks: its size after the build is the build's peak (module's own data
    // included). The process's peak RSS counts Node, V8 and the corpus read into JS as well.
    const mb = (b) => b / (1024 * 1024);
    res.pack_build_memory = { peak_rss_mb: mb(engine.memoryBytes()), growth_mb: mb(engine.memoryBytes() - before),
      process_peak_rss_mb: process.resourceUsage().maxRSS / 1024, measure: 'wasm memory size after the build' };
    if (a.sizes.includes(a.buildDocs)) packs.set(a.buildDocs, bytes);
  }
  for (const n of a.sizes) {
    if (packs.has(n)) continue;
    if (n <= a.buildDocs) packs.set(n, engine.buildPack(docs.slice(0, n)));
    else packs.set(n, packFor(engine, a, n) ?? (await buildLarge(engine, a, n, res)));
  }

  res.pack_bytes_per_version = {};
  res.check_ms = {};
  for (const [n, bytes] of packs) {
    res.pack_bytes_per_version[n] = bytes.length / n;
    const e = await createEngine();
    e.addPack('bench', bytes);
    // Untimed checks first (50 pages, as natively): V8 runs new wasm code on its baseline compiler
    // until it has tiered up, and the first checks grow the module's memory. Cold behaviour is
    // measured below.
    for (const p of latency.slice(0, 50)) e.check(p.text, metaOf(p));
    const t = latency.map((p) => {
      const t0 = performance.now();
      e.check(p.text, metaOf(p));
      return ms(t0);
    });
    res.check_ms[n] = { p50: percentile(t, 0.5), p99: percentile(t, 0.99), pages: t.length, by_kind: byKind(latency, t) };
  }

  // Cold start: a fresh process imports the wrapper, instantiates the module and loads a 10k pack
  // (the pack read from disk beforehand, as the native bench has it in memory); then a first check.
  if (packs.has(10000)) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sp-cold-'));
    try {
      fs.writeFileSync(path.join(dir, 'p.pack'), packs.get(10000));
      fs.writeFileSync(path.join(dir, 'page.txt'), latency[0].text);
      const runs = [];
      for (let i = 0; i < a.coldRuns; i++) {
        const { stdout } = await exec(process.execPath, [COLD, path.join(dir, 'p.pack'), path.join(dir, 'page.txt')]);
        runs.push(JSON.parse(stdout));
      }
      res.cold_start_ms = { first: runs[0].load_ms, median: percentile(runs.map((r) => r.load_ms), 0.5),
        first_check_ms: percentile(runs.map((r) => r.first_check_ms), 0.5) };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  // Verdicts on the planted pages against the largest pack: derived, attributed to the story (any
  // version of it counts) or to the very version copied (or a reprint of its text: `sources`); timed.
  {
    const n = a.sizes.at(-1);
    const e = await createEngine();
    e.addPack('bench', packs.get(n));
    const counts = {};
    const t = planted.map((p) => {
      const t0 = performance.now();
      const r = e.check(p.text, metaOf(p));
      const took = ms(t0);
      const k = (counts[p.kind] ??= [0, 0, 0, 0, 0]);
      k[0]++;
      if (r.verdict !== 'original') {
        k[1]++;
        if (r.verdict === 'syndicated') k[2]++;
        if ((p.story_sources ?? []).includes(r.source)) k[3]++;
        if ((p.sources ?? (p.source ? [p.source] : [])).includes(r.source)) k[4]++;
      }
      return took;
    });
    const times = byKind(planted, t);
    res.recall_pack_versions = n;
    res.recall = {};
    for (const kind of Object.keys(counts).sort()) {
      const [pages, d, syn, s, v] = counts[kind];
      res.recall[kind] = { pages, derived: d / pages, syndicated: syn / pages, attributed: s / pages, attributed_version: v / pages };
    }
    res.planted_check_ms = { p50: percentile(t, 0.5), p99: percentile(t, 0.99), pages: t.length, by_kind: times };
  }

  if (a.json) {
    out.write(`${JSON.stringify(res)}\n`);
    return { rc: 0 };
  }
  out.write(`wasm: canonicalise ${fixed(res.canonicalize_mb_s, 1)} MB/s, fingerprint ${fixed(res.fingerprint_mb_s, 1)} MB/s, pack build ${fixed(res.pack_build_docs_s, 0)} docs/s (${res.pack_build_docs} docs)\n`);
  for (const [k, v] of Object.entries(res.check_ms))
    out.write(`  ${String(k).padStart(7)} versions: check p50 ${fixed(v.p50, 2)} ms, p99 ${fixed(v.p99, 2)} ms; ${fixed(res.pack_bytes_per_version[k], 0)} bytes per version\n`);
  if (res.cold_start_ms) out.write(`  cold start (instantiate + load a 10k pack): ${fixed(res.cold_start_ms.median, 1)} ms\n`);
  for (const [k, v] of Object.entries(res.recall)) out.write(`  ${left(k, 12)} derived ${fixed(v.derived, 3)}, attributed ${fixed(v.attributed, 3)}\n`);
  out.write(`  shipped: wasm ${res.shipped_bytes.wasm.gzip} + loader ${res.shipped_bytes.loader.gzip} bytes gzipped\n`);
  return { rc: 0 };
}
