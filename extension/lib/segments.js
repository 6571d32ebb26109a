// When to merge the segments of the reader's own reading. Each article read becomes a segment of
// its own (a one-article pack: its text is gone once the page is checked, so it cannot wait for
// others); checking against many small packs costs more than against a few large ones, so segments
// of similar size are merged, as log-structured stores do: a segment of n articles is in tier
// floor(log_F(n)), and F segments in one tier are merged into one of the next. An article is merged
// about log_F(N) times in all, and at most (F - 1) segments wait in each tier: with F = 4, about 27
// segments for 100,000 articles. No imports: the tests load it in Node.

export const FANOUT = 4;

export const tierOf = (articles, fanout = FANOUT) => Math.floor(Math.log(Math.max(1, articles)) / Math.log(fanout) + 1e-9);

/**
 * The segments to merge next: the oldest `fanout` of the lowest tier holding that many, or null.
 * segments: [{name, ids, created}].
 */
export function nextMerge(segments, fanout = FANOUT) {
  const tiers = new Map();
  for (const s of segments) {
    const t = tierOf(s.ids.length, fanout);
    if (!tiers.has(t)) tiers.set(t, []);
    tiers.get(t).push(s);
  }
  for (const t of [...tiers.keys()].sort((a, b) => a - b)) {
    const group = tiers.get(t);
    if (group.length >= fanout) return group.sort((a, b) => a.created - b.created).slice(0, fanout);
  }
  return null;
}
