// What a check result means to the reader: one place for the badge (worker) and the popup, so the
// two can never disagree. Badge texts are at most 4 characters (Chromium truncates longer ones).
export const STATES = {
  syndicated: { badge: 'COPY', color: '#b71c1c', label: 'Syndicated copy',
    sentence: 'This article is copied, verbatim or nearly so, from a known report.' },
  rewrite: { badge: 'REW', color: '#e65100', label: 'Rewrite',
    sentence: 'This article rewrites or reuses material from a known report.' },
  original: { badge: 'ORIG', color: '#2e7d32', label: 'Original report',
    sentence: 'It does not derive from any known version in your packs.' },
  known: { badge: 'ORIG', color: '#2e7d32', label: 'Known version',
    sentence: 'This page is one of the known versions of the story itself.' },
  none: { badge: '–', color: '#616161', label: 'No match',
    sentence: 'No known story in your packs matches this article.' },
  error: { badge: '!', color: '#616161', label: 'Check failed', sentence: '' },
  'not-article': { badge: '', color: '#616161', label: 'Not an article',
    sentence: 'Storyprint leaves pages that do not look like articles alone.' },
};

/** The state of a check report (the wrapper's Report). */
export function stateOf(report) {
  if (report.known_version) return 'known';
  if (!report.story?.length) return 'none';
  return report.verdict in STATES ? report.verdict : 'error';
}
