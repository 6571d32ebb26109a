// The verdict box: state, source, why, confidence and the model's probabilities.
import { STATES, confidenceOf, decidedBy, el as h, pct, showProbabilities, sourceOf, stateOf, whySentences } from './runtime/report-view.mjs';
import { ui } from './elements.mjs';
import { describeVersion } from './render-version.mjs';

// The verdict in the words of the shared report view (the extension's popup says the same).
export function renderVerdict(report, packs, text) {
  const state = stateOf(report);
  const words = STATES[state];
  const box = ui.verdict;
  box.replaceChildren();
  box.className = `verdict verdict-${state}`;
  box.style.setProperty('--state-color', words.color);
  box.dataset.state = state;
  box.dataset.verdict = report.verdict;
  box.dataset.source = sourceOf(report)?.id ?? '';
  box.dataset.known = report.known_version?.id ?? '';

  box.append(h('p', { class: 'verdict-title' }, h('span', { class: 'state-badge', text: words.badge, 'aria-hidden': 'true' }), ' ', words.label));
  const version = state === 'known' ? report.known_version : sourceOf(report);
  if (version) box.append(h('p', {}, state === 'known' ? 'This page is ' : state === 'syndicated' ? 'Copied from ' : 'Derived from ', describeVersion(version), '.'));
  box.append(h('p', { class: 'hint', text: words.sentence }));
  box.append(h('ul', { class: 'why', 'aria-label': 'Why' }, whySentences(report, { packs, text }).map((t) => h('li', { text: t }))));
  if (state === 'known' || state === 'none') return;

  const c = confidenceOf(report);
  box.append(h('p', { class: `confidence confidence-${c.level}` }, h('strong', { text: `${c.text}.` }), ' ', h('span', { class: 'hint', text: c.explain })));
  if (!showProbabilities(report)) {
    // The text settled it: the model's reading of the wording alone would contradict the verdict.
    const why = { republished: 'a republication', credit: 'the page’s own credit line' }[decidedBy(report)];
    box.append(h('p', { class: 'hint probabilities-note', text: `No probabilities are shown: the verdict comes from ${why}, not from the model’s reading of the wording.` }));
    return;
  }
  // The model's probabilities, as text and as bars (the bars are decoration: the text carries them).
  const probs = h('ul', { class: 'probabilities', 'aria-label': 'Probabilities' });
  for (const k of ['syndicated', 'rewrite', 'original']) {
    const p = report.probabilities[k] ?? 0;
    probs.append(h('li', { class: k === report.verdict ? 'chosen' : null },
      h('span', { class: 'prob-label', text: `${k} ${pct(p)}` }),
      h('span', { class: 'bar', 'aria-hidden': 'true' }, h('span', { class: `bar-fill bar-${k}`, style: `width:${(p * 100).toFixed(1)}%` }))));
  }
  box.append(probs);
}
