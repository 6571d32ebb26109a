// The page's quotations, each once, with the known version that has it too. Reports of the same
// event quote the same people, so these weigh less than shared narration: said so beside them.
import { el as h, quoteTag, quotesOf, quotesSummary, stateOf } from './runtime/report-view.mjs';
import { ui } from './elements.mjs';

export function renderQuotes(text, report) {
  const quotes = stateOf(report) === 'none' ? [] : quotesOf(report, text);
  ui.quotesSection.hidden = !quotes.length;
  ui.quotes.replaceChildren();
  if (!quotes.length) return;
  ui.quotesSummary.textContent = quotesSummary(quotes);
  ui.quotes.replaceChildren(...quotes.map((q) => h('li', { 'data-version': q.version ?? '' },
    h('q', { text: q.text.length > 300 ? `${q.text.slice(0, 300)}…` : q.text }), ' ',
    h('span', { class: q.version ? 'badge badge-source' : 'badge badge-own', text: quoteTag(q) }))));
}
