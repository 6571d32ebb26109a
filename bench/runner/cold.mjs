// One cold start, in a fresh process (V8 reuses compiled wasm within a process, so only a new one
// is cold): import the wrapper, instantiate the module, load the pack, check one page.
//   node cold.mjs PACK PAGE.txt  ->  {"load_ms": ..., "first_check_ms": ...}
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';

const [packPath, pagePath] = process.argv.slice(2);
const pack = fs.readFileSync(packPath);
const page = fs.readFileSync(pagePath, 'utf8');
const t0 = performance.now();
const { createEngine } = await import('../../core/js/storyprint.mjs');
const engine = await createEngine();
engine.addPack('cold', pack);
const t1 = performance.now();
engine.check(page);
const t2 = performance.now();
process.stdout.write(`${JSON.stringify({ load_ms: t1 - t0, first_check_ms: t2 - t1 })}\n`);
