// The popup: shows the stored result of the tab's check (chrome.storage.session, written by the
// worker) in the words of the shared report view (runtime/report-view.mjs, also the demo page's),
// and asks the tab's content script to mark the shared passages. All page-derived strings go in
// through text nodes, never as HTML.
import {
  STATES, confidenceOf, el, formatDate, listedPassages, outletName, quoteTag, quotesOf, quotesSummary, readLine, sharedShares,
  sourceOf, timelineHeading, timelineOf, titleNode, whySentences, pct,
} from './runtime/report-view.mjs';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);

// ?tab=N lets the popup be opened for a given tab (tests, or a pinned window).
async function targetTab() {
  if (params.has('tab')) return Number(params.get('tab'));
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

const SECTIONS = [['source-section'], ['shared-section'], ['passages-section', 'Shared passages'],
  ['quotes-section', 'Quotations'], ['timeline-section', 'Timeline']];

function render(result) {
  for (const [id] of SECTIONS) $(id).hidden = true;
  $('confidence').hidden = true;
  $('why').replaceChildren();
  const state = result?.state;
  const s = STATES[state];
  const chip = $('verdict-chip');
  chip.textContent = s?.badge || '';
  chip.hidden = !s?.badge;
  chip.style.background = s?.color ?? '';
  document.body.dataset.state = state ?? 'unchecked';
  if (!result) {
    $('verdict-label').textContent = 'Not checked';
    $('verdict-sentence').textContent = 'Storyprint checks articles on web pages as they load. Reload the page ' +
      'if it was open before Storyprint was installed.';
    $('jump').hidden = true;
    return;
  }
  $('verdict-label').textContent = s.label;
  $('verdict-sentence').textContent = state === 'error' ? result.error : s.sentence;
  const r = result.report;
  if (!r) {
    $('jump').hidden = true;
    return;
  }
  const reading = result.reading;
  $('why').replaceChildren(...whySentences(r, { packs: result.packs, reading }).map((t) => el('li', { text: t })));
  if (['syndicated', 'rewrite', 'independent'].includes(state)) {
    const c = confidenceOf(r);
    $('confidence').hidden = false;
    $('confidence').dataset.level = c.level;
    $('confidence-level').textContent = `${c.text}.`;
    $('confidence-explain').textContent = c.explain;
  }

  const version = state === 'known' ? r.known_version : state === 'seen' ? reading.seen.version : sourceOf(r);
  if (version) {
    $('source-section').hidden = false;
    $('source-heading').textContent = { known: 'This page is', seen: 'You read', syndicated: 'Copied from' }[state] ?? 'Derived from';
    $('source-read').textContent = readLine(version, reading) ?? '';
    $('source-read').hidden = !$('source-read').textContent;
    $('source-outlet').textContent = outletName(version);
    $('source-date').textContent = formatDate(version.published);
    $('source-date').dateTime = version.published ?? '';
    $('source-link').replaceWith(Object.assign(titleNode(version), { id: 'source-link' }));
    $('source-credit').hidden = !(state !== 'known' && r.credit);
    if (r.credit) $('source-credit').textContent = `The page names it as its source (“${r.credit.name}”).`;
  }

  if (r.passages.length && !['known', 'none', 'seen'].includes(state)) renderShared(result, version);
  const quotes = quotesOf(r);
  if (quotes.length && state !== 'none' && state !== 'seen') renderQuotes(quotes);
  const timeline = timelineOf(r, result.page, reading);
  $('timeline-heading').textContent = timelineHeading(reading);
  if (timeline.length) renderTimeline(timeline);
  // Sections below the popup's fold are named at the top, as links.
  const below = SECTIONS.filter(([id, name]) => name && !$(id).hidden);
  $('jump').hidden = !below.length;
  $('jump').replaceChildren(...(below.length ? ['Below: '] : []), ...below.flatMap(([id, name], i) =>
    [i ? ' · ' : '', el('a', { href: `#${id}`, text: name })]));
}

function renderShared(result, source) {
  const r = result.report;
  const share = sharedShares(r, result.length);
  $('shared-section').hidden = false;
  $('bar-verbatim').style.width = pct(share.verbatim);
  $('bar-reworded').style.width = pct(share.reworded);
  // Without a source (an independent report) the passages are shared with the closest known version.
  const whom = source ? outletName(source) : 'the closest known version';
  $('shared-words').textContent = `${pct(share.total)} of this article's text is shared with ${whom}: ` +
    `${pct(share.verbatim)} word for word, ${pct(share.reworded)} reworded.`;

  $('passages-section').hidden = false;
  $('passages').replaceChildren(...listedPassages(r.passages).map((p) => {
    const text = p.text.length > 280 ? `${p.text.slice(0, 280)}…` : p.text;
    return el('li', { class: p.kind },
      el('span', { class: `kind ${p.kind}`, text: p.kind === 'verbatim' ? 'word for word' : 'reworded' }),
      ' ', el('q', { text }));
  }));
}

// Quotations, each once, with the known version that has it too: evidence of another weight than
// shared narration, since independent reports of an event quote the same people.
function renderQuotes(quotes) {
  $('quotes-section').hidden = false;
  $('quotes-summary').textContent = quotesSummary(quotes);
  $('quotes').replaceChildren(...quotes.map((q) => {
    const text = q.text.length > 200 ? `${q.text.slice(0, 200)}…` : q.text;
    return el('li', {}, el('q', { text }), ' ', el('span', { class: q.version ? 'tag' : 'tag own', text: quoteTag(q) }));
  }));
}

function renderTimeline(items) {
  $('timeline-section').hidden = false;
  $('timeline').replaceChildren(...items.map(({ version: v, page, tags }) => el('li', { class: page || tags.includes('this page') ? 'self' : null },
    el('time', { datetime: v.published || null, text: formatDate(v.published) || 'undated' }), ' ',
    el('strong', { text: page ? (v.outlet || 'This page') : outletName(v) }), ' ',
    ...tags.map((t) => el('span', { class: 'tag', text: t })),
    el('br'), page ? el('span', { text: v.title || '' }) : titleNode(v))));
}

const tabId = await targetTab();
const key = `tab:${tabId}`;
let highlighted = false;

function setHighlighted(on, status) {
  highlighted = on;
  $('highlight').textContent = on ? 'Remove highlights' : 'Highlight shared passages on the page';
  $('highlight').setAttribute('aria-pressed', String(on));
  $('highlight-status').textContent = status ?? '';
}

$('highlight').addEventListener('click', async () => {
  try {
    const res = await chrome.tabs.sendMessage(tabId, { type: 'storyprint:highlight', on: !highlighted });
    if (!highlighted) {
      const missing = res.missing ? ` (${res.missing} not or not fully found on the page)` : '';
      setHighlighted(res.marked > 0, res.marked ? `Marked ${res.marked} passage${res.marked === 1 ? '' : 's'}${missing}.` : 'Nothing could be marked.');
    } else {
      setHighlighted(false, 'Highlights removed.');
    }
  } catch {
    setHighlighted(false, 'The page is not reachable any more: reload it.');
  }
});

render((await chrome.storage.session.get(key))[key]);
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'session' && changes[key]) {
    render(changes[key].newValue);
    setHighlighted(false); // a new check removes the marks (offsets changed)
  }
});
chrome.tabs.sendMessage(tabId, { type: 'storyprint:highlight-state' })
  .then((st) => setHighlighted(!!st?.highlighted), () => {});
