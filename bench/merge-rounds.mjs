#!/usr/bin/env node
// Several rounds of one bench (`storyprint bench --json` or the wasm runner's, on one corpus) -> one
// result: each number the median of the rounds that measured it, anything else the first round's.
// bench.sh runs native and wasm rounds alternately: this machine's speed drifts by tens of per cent
// over minutes, and a ratio of two figures taken minutes apart measured the drift as much as wasm.
//   node bench/merge-rounds.mjs OUT.json ROUND1.json ROUND2.json...
import fs from 'node:fs';

const median = (xs) => {
  const v = [...xs].sort((a, b) => a - b);
  return v.length % 2 ? v[(v.length - 1) >> 1] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};

export function mergeRounds(rounds) {
  const present = rounds.filter((r) => r !== undefined && r !== null);
  if (!present.length) return undefined;
  if (present.every((r) => typeof r === 'number')) return median(present);
  if (present.every((r) => typeof r === 'object' && !Array.isArray(r))) {
    const out = {};
    for (const k of new Set(present.flatMap((r) => Object.keys(r)))) out[k] = mergeRounds(present.map((r) => r[k]));
    return out;
  }
  return present[0];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [out, ...inputs] = process.argv.slice(2);
  if (!out || !inputs.length) {
    console.error('usage: node bench/merge-rounds.mjs OUT.json ROUND.json...');
    process.exit(2);
  }
  const merged = mergeRounds(inputs.map((f) => JSON.parse(fs.readFileSync(f, 'utf8'))));
  merged.rounds = inputs.length;
  fs.writeFileSync(out, JSON.stringify(merged));
}
