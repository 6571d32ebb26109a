// The page and the known version side by side, their shared passages marked.
import { el as h } from './runtime/report-view.mjs';
import { ui } from './elements.mjs';
import { describeVersion } from './render-version.mjs';

// The text with its passages wrapped in <mark>; passages are [start, end) UTF-16 offsets.
function highlighted(text, passages) {
  const frag = document.createDocumentFragment();
  const sorted = [...passages].sort((a, b) => a.start - b.start);
  let at = 0;
  for (const p of sorted) {
    const start = Math.max(at, Math.min(p.start, text.length));
    const end = Math.max(start, Math.min(p.end, text.length));
    if (end <= start) continue;
    if (start > at) frag.append(text.slice(at, start));
    frag.append(h('mark', { class: `passage ${p.kind}`, 'data-kind': p.kind, title: p.kind, text: text.slice(start, end) }));
    at = end;
  }
  if (at < text.length) frag.append(text.slice(at));
  return frag;
}
function countPassages(passages) {
  const c = { verbatim: 0, reworded: 0 };
  for (const p of passages) c[p.kind] = (c[p.kind] ?? 0) + 1;
  return c;
}

const ROLE_WORDS = {
  known: 'The known version (this page itself)',
  source: 'The attributed known version',
  closest: 'The closest known version (not a source)',
};

export function renderCompare(text, meta, report, counterpart) {
  ui.compare.replaceChildren();
  const pageCount = countPassages(report.passages);
  const pane = (cls, heading, sub, body, count) => h('section', { class: `pane ${cls}`, 'aria-label': heading },
    h('h4', { text: heading }), sub ? h('p', { class: 'pane-sub' }, sub) : null,
    count ? h('p', { class: 'pane-count', text: `${count.verbatim} verbatim, ${count.reworded} reworded passage${count.verbatim + count.reworded === 1 ? '' : 's'}` }) : null,
    body);
  const pageSub = meta.title || meta.outlet ? `${meta.outlet || ''}${meta.outlet && meta.title ? ' — ' : ''}${meta.title ? `“${meta.title}”` : ''}` : null;
  ui.compare.append(pane('pane-page', 'The checked page', pageSub,
    h('div', { class: 'pane-text', tabindex: '0', role: 'region', 'aria-label': 'Text of the checked page' }, highlighted(text, report.passages)), pageCount));
  if (!counterpart) {
    ui.compareSummary.textContent = 'No known version shares passages with this page.';
    ui.compare.dataset.sides = '1';
    return;
  }
  const heading = ROLE_WORDS[counterpart.role];
  if (counterpart.text !== null) {
    ui.compare.append(pane('pane-known', heading, describeVersion(counterpart.version),
      h('div', { class: 'pane-text', tabindex: '0', role: 'region', 'aria-label': `Text of ${heading.toLowerCase()}` },
        highlighted(counterpart.text, counterpart.passages)), countPassages(counterpart.passages)));
    ui.compare.dataset.sides = '2';
    ui.compareSummary.textContent = 'Both texts are shown with the passages they share. Each text box scrolls on its own and can be reached with Tab.';
  } else {
    ui.compare.append(pane('pane-known pane-missing', heading, describeVersion(counterpart.version),
      h('p', { class: 'hint', text: 'Packs hold fingerprints, not texts, and this demo does not have the text of this version, so its side cannot be shown. The passages marked on the page are the ones it shares with it.' }), null));
    ui.compare.dataset.sides = '1';
    ui.compareSummary.textContent = 'The passages the page shares with the known version are marked.';
  }
}
