// What the bench corpus generators share (bench/gen-corpus.mjs, bench/gen-news-corpus.mjs):
// options, deterministic randomness, text helpers and atomic JSON-lines output.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** `--key value` pairs of the command line. */
export const cliArgs = (argv = process.argv.slice(2)) => Object.fromEntries(argv.reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));

/** The shared development data (../shared/data), or exit saying where it should be. */
export function dataDir(args, need = 'meter-dev') {
  const dir = args.data ?? path.resolve(ROOT, '../shared/data');
  if (!fs.existsSync(path.join(dir, need))) {
    console.error(`${path.basename(process.argv[1])}: ${path.join(dir, need)} is missing (the shared development data must sit beside the checkout)`);
    process.exit(1);
  }
  return dir;
}

/** Deterministic randomness for a seed (sfc32) and the draws the generators make of it. */
export function random(seed) {
  let a = 0x9e3779b9, b = 0x243f6a88, c = 0xb7e15162, d = seed;
  const rand = () => {
    a |= 0; b |= 0; c |= 0; d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 20; i++) rand();
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1)); // inclusive
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const chance = (p) => rand() < p;
  const normal = () => {
    const u = 1 - rand(), v = rand();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  /** Fisher-Yates, in place. */
  const shuffle = (xs) => {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [xs[i], xs[j]] = [xs[j], xs[i]];
    }
    return xs;
  };
  return { rand, int, pick, chance, normal, shuffle };
}

export const cap = (w) => w.charAt(0).toUpperCase() + w.slice(1);
export const words = (text) => text.split(/\s+/).filter(Boolean).length;
export const DAY0 = Date.UTC(2020, 0, 1) / 86400000;
export const iso = (day) => new Date(day * 86400000).toISOString().slice(0, 10);
export const vid = (i) => `v${String(i).padStart(6, '0')}`;

/** Sentences joined into paragraphs of one to three. */
export function paragraphs(rng, sentences) {
  const out = [];
  for (let i = 0; i < sentences.length;) {
    const k = rng.int(1, 3);
    out.push(sentences.slice(i, i + k).join(' '));
    i += k;
  }
  return out.join('\n\n');
}

/** Writes DIR/NAME.tmp line by line (buffered); commit() moves every file written into place. */
export function outputs(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const done = [];
  const open = (name) => {
    const tmp = path.join(dir, `${name}.tmp`);
    const fd = fs.openSync(tmp, 'w');
    let buf = [];
    const flush = () => { if (buf.length) fs.writeSync(fd, buf.join('')); buf = []; };
    return {
      write(o) { buf.push(`${JSON.stringify(o)}\n`); if (buf.length >= 2000) flush(); },
      close() { flush(); fs.closeSync(fd); done.push([tmp, path.join(dir, name)]); },
    };
  };
  const all = (name, objects) => { const f = open(name); objects.forEach((o) => f.write(o)); f.close(); };
  const commit = (meta) => {
    for (const [tmp, to] of done) fs.renameSync(tmp, to);
    fs.writeFileSync(path.join(dir, 'CORPUS.json'), `${JSON.stringify(meta)}\n`);
  };
  return { open, all, commit };
}
