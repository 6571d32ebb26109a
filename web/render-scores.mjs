// The scores behind the verdict, in a reader's words, and the candidate versions compared.
import { el as h, formatDate, pct } from './runtime/report-view.mjs';
import { ui } from './elements.mjs';

// What each score means, in a reader's words (features of the verdict model; see core/src/check.cpp).
// "Matched version": the attributed source, or for an original page the closest version of the story.
const SCORE_WORDS = [
  ['containment', 'Page words in the story', 'share of the page’s content words found in the story’s known versions (rarer words count more)'],
  ['source_containment', 'Matched version in the page', 'share of the matched version’s content words that the page contains'],
  ['bigram', 'Shared word pairs', 'share of the page’s word pairs found in the story'],
  ['cov3', 'Shared 3-word runs', 'share of page words inside word 3-grams shared with the story'],
  ['cov8', 'Long verbatim runs', 'share of page words inside shared runs of 8 words or more'],
  ['source_cov3', 'Matched version reused', 'share of the matched version’s words inside 3-grams shared with the page'],
  ['sentences', 'Page sentences matched', 'share of the page’s sentences copied or reworded from a source sentence'],
  ['source_sentences', 'Its sentences used', 'share of the matched version’s sentences the page copies or rewords'],
  ['sentences_soft', 'Sentence overlap', 'average share of a page sentence’s content words found in its best source sentence'],
  ['bigram_idf', 'Shared pairs of rare words', 'word pairs shared with the story, rarer words counting more'],
  ['retelling', 'Retold in order', 'share of the matched version’s content words the page repeats in the same order'],
  ['ordinary', 'Everyday wording shared', 'share of the page’s ordinary words (not names or numbers) found in the story: independent reports share names, not wording'],
];

export function renderScores(report) {
  ui.scores.replaceChildren();
  if (!report.matches.length) {
    ui.scores.append(h('p', { class: 'hint', text: 'No known version shares enough words with this page to be compared.' }));
    return;
  }
  const dl = h('dl', { class: 'scores' });
  for (const [key, label, explain] of SCORE_WORDS) {
    const v = report.scores[key];
    if (v === undefined) continue;
    dl.append(h('div', { class: 'score', 'data-key': key },
      h('dt', {}, h('span', { text: label }), h('span', { class: 'score-explain', text: explain })),
      h('dd', { text: pct(v) })));
  }
  if (report.scores.length_ratio !== undefined) {
    // The model sees log(page words / source words); a ratio reads better.
    const r = Math.exp(report.scores.length_ratio);
    dl.append(h('div', { class: 'score', 'data-key': 'length_ratio' },
      h('dt', {}, h('span', { text: 'Length vs. matched version' }), h('span', { class: 'score-explain', text: 'page words divided by the matched version’s words' })),
      h('dd', { text: `×${r.toFixed(2)}` })));
  }
  ui.scores.append(dl);
  const table = h('table', { class: 'matches' },
    h('caption', { text: 'Candidate known versions' }),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col', text: 'Version' }), h('th', { scope: 'col', text: 'Words' }),
      h('th', { scope: 'col', text: '3-grams' }), h('th', { scope: 'col', text: 'Reverse' }))),
    h('tbody', {}, report.matches.map((m) => h('tr', {},
      h('th', { scope: 'row' }, h('span', { class: 'outlet', text: m.outlet || m.id }), h('br'), h('span', { class: 'date', text: formatDate(m.published) || 'date unknown' })),
      h('td', { text: pct(m.containment) }), h('td', { text: pct(m.cov3) }), h('td', { text: pct(m.reverse3) })))));
  ui.scores.append(table);
}
