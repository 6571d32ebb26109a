// The merge policy of the reader's own reading (extension/lib/segments.js): segments stay few and
// every article is merged a logarithmic number of times, whatever the number of articles.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FANOUT, nextMerge, tierOf } from '../../extension/lib/segments.js';

// Adds `n` one-article segments, merging as the extension does after each; counts the merges each
// article went through and the largest number of segments seen.
function simulate(n) {
  let segments = [];
  const merges = new Map();
  let most = 0;
  for (let i = 0; i < n; i++) {
    segments.push({ name: `s${i}`, ids: [i], created: i });
    for (let group; (group = nextMerge(segments));) {
      const names = new Set(group.map((s) => s.name));
      const ids = group.flatMap((s) => s.ids);
      for (const id of ids) merges.set(id, (merges.get(id) ?? 0) + 1);
      segments = segments.filter((s) => !names.has(s.name));
      segments.push({ name: `m${i}-${segments.length}`, ids, created: Math.min(...group.map((s) => s.created)) });
    }
    most = Math.max(most, segments.length);
  }
  return { segments, most, maxMerges: Math.max(0, ...merges.values()), ids: segments.flatMap((s) => s.ids) };
}

test('tiers: 1-3 articles tier 0, 4-15 tier 1, 16-63 tier 2', () => {
  assert.deepEqual([1, 3, 4, 15, 16, 63, 64].map((n) => tierOf(n)), [0, 0, 1, 1, 2, 2, 3]);
});

test('four segments of one tier are merged, the oldest first; fewer are left alone', () => {
  const seg = (name, n, created) => ({ name, ids: Array.from({ length: n }, (_, i) => `${name}${i}`), created });
  assert.equal(nextMerge([seg('a', 1, 1), seg('b', 1, 2), seg('c', 1, 3)]), null);
  assert.deepEqual(nextMerge([seg('e', 1, 5), seg('a', 1, 1), seg('big', 20, 0), seg('b', 1, 2), seg('c', 1, 3), seg('d', 1, 4)])
    .map((s) => s.name), ['a', 'b', 'c', 'd']);
  // Sizes 5 and 12 are one tier (4-15): merged together.
  assert.deepEqual(nextMerge([seg('a', 5, 1), seg('b', 12, 2), seg('c', 4, 3), seg('d', 9, 4)]).map((s) => s.name), ['a', 'b', 'c', 'd']);
});

for (const n of [1000, 20000]) {
  test(`${n} articles: every one kept once, few segments, each article merged about log4(n) times`, () => {
    const r = simulate(n);
    assert.equal(r.ids.length, n);
    assert.equal(new Set(r.ids).size, n);
    const levels = Math.ceil(Math.log(n) / Math.log(FANOUT));
    assert.ok(r.most <= (FANOUT - 1) * levels + 1, `at most ${(FANOUT - 1) * levels + 1} segments (saw ${r.most})`);
    assert.ok(r.maxMerges <= levels, `an article merged at most ${levels} times (saw ${r.maxMerges})`);
  });
}
