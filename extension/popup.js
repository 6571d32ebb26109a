// The popup: shows the stored result of the tab's check (chrome.storage.session, written by the
// worker) and asks the tab's content script to mark the shared passages. All page-derived strings
// go in through textContent, never as HTML.
import { STATES } from './lib/states.js';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);

// ?tab=N lets the popup be opened for a given tab (tests, or a pinned window).
async function targetTab() {
  if (params.has('tab')) return Number(params.get('tab'));
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

const pct = (x) => `${Math.round(100 * x)}%`;

function formatDate(iso) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso ?? '')) return iso ?? '';
  return new Date(`${iso}T12:00:00`).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

function safeHref(url) {
  try {
    return /^https?:$/.test(new URL(url).protocol) ? url : null;
  } catch {
    return null;
  }
}

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  Object.assign(e, props);
  e.append(...children.filter((c) => c != null));
  return e;
}

function titleNode(version) {
  const href = safeHref(version.url);
  return href ? el('a', { href, target: '_blank', rel: 'noreferrer', textContent: version.title || href })
    : el('span', { textContent: version.title || '' });
}

function sentenceFor(result) {
  const r = result.report;
  switch (result.state) {
    case 'known': {
      const v = r.known_version;
      return `This page is a known version of the story: ${v.outlet}${v.published ? `, ${formatDate(v.published)}` : ''}.`;
    }
    case 'original': {
      const n = r.story.length;
      return `${STATES.original.sentence} ${n} known version${n === 1 ? ' covers' : 's cover'} the same story.`;
    }
    case 'none':
      return result.packs === 0 ? 'No packs are loaded: add one in Packs and settings.' : STATES.none.sentence;
    case 'error':
      return result.error;
    default:
      return STATES[result.state].sentence;
  }
}

function render(result) {
  for (const id of ['source-section', 'shared-section', 'passages-section', 'quotes-section', 'timeline-section']) $(id).hidden = true;
  $('confidence').textContent = '';
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
    return;
  }
  $('verdict-label').textContent = s.label;
  $('verdict-sentence').textContent = sentenceFor(result);
  const r = result.report;
  if (!r) return;
  if (['syndicated', 'rewrite', 'original'].includes(state)) $('confidence').textContent = `Confidence ${pct(r.confidence)}`;

  // For an original, `source` is only the closest known version: it is not named as a source.
  const attributed = r.verdict !== 'original' ? r.source_version : null;
  const version = state === 'known' ? r.known_version : attributed;
  if (version) {
    $('source-section').hidden = false;
    $('source-heading').textContent = state === 'known' ? 'This page is' : 'Derived from';
    $('source-outlet').textContent = version.outlet;
    $('source-date').textContent = formatDate(version.published);
    $('source-date').dateTime = version.published ?? '';
    $('source-link').replaceWith(Object.assign(titleNode(version), { id: 'source-link' }));
    $('source-credit').hidden = !(state !== 'known' && r.credit);
    $('source-republished').hidden = !(state !== 'known' && r.republished);
    if (r.credit) $('source-credit').textContent = `The page names it as its source (“${r.credit.name}”).`;
  }

  if (r.passages.length && state !== 'known') renderShared(result);
  if (r.quotes?.length && state !== 'known') renderQuotes(result);
  if (r.story.length) renderTimeline(result);
}

function renderShared(result) {
  const r = result.report;
  let verbatim = 0;
  let reworded = 0;
  for (const p of r.passages) {
    if (p.kind === 'verbatim') verbatim += p.end - p.start;
    else reworded += p.end - p.start;
  }
  const len = Math.max(1, result.length);
  $('shared-section').hidden = false;
  $('bar-verbatim').style.width = pct(verbatim / len);
  $('bar-reworded').style.width = pct(reworded / len);
  // Without a source (an original report) the passages are shared with the closest known version.
  const attributed = r.verdict !== 'original' ? r.source_version : null;
  const whom = attributed ? attributed.outlet : 'the closest known version';
  $('shared-words').textContent = `${pct((verbatim + reworded) / len)} of this article's text is shared with ${whom}: ` +
    `${pct(verbatim / len)} word for word, ${pct(reworded / len)} reworded. ` +
    `${pct(r.scores.containment ?? 0)} of its content words occur in ${attributed ? 'the source' : 'it'}.`;

  $('passages-section').hidden = false;
  $('passages').replaceChildren(...r.passages.map((p) => {
    const text = p.text.length > 280 ? `${p.text.slice(0, 280)}…` : p.text;
    return el('li', { className: p.kind },
      el('span', { className: `kind ${p.kind}`, textContent: p.kind === 'verbatim' ? 'word for word' : 'reworded' }),
      ' ', el('q', { textContent: text }));
  }));
}

// Quotations the page shares with a known version, named with it: evidence of another weight than
// shared narration, since independent reports of an event quote the same people.
function renderQuotes(result) {
  const r = result.report;
  const outlets = new Map([...r.story, ...r.matches].map((v) => [v.id, v.outlet || 'a known version']));
  const shared = r.quotes.filter((q) => q.version);
  const n = r.quotes.length;
  $('quotes-section').hidden = false;
  $('quotes-summary').textContent = `${shared.length} of the ${n} quotation${n === 1 ? '' : 's'} on this page ` +
    `${shared.length === 1 ? 'is' : 'are'} also in a known version. Reports of the same event often quote the same ` +
    'people: shared quotations say less about copying than shared narration.';
  $('quotes').replaceChildren(...r.quotes.map((q) => {
    const text = q.text.length > 200 ? `${q.text.slice(0, 200)}…` : q.text;
    const own = !q.version;
    return el('li', {}, el('q', { textContent: text }), ' ',
      el('span', { className: own ? 'tag own' : 'tag', textContent: own ? 'not in a known version' : `also in ${outlets.get(q.version) ?? q.version}` }));
  }));
}

function renderTimeline(result) {
  const r = result.report;
  const items = r.story.map((v) => ({ v, tags: [] }));
  for (const it of items) {
    if (it.v.id === r.source && r.verdict !== 'original') it.tags.push('source');
    if (it.v.id === r.known_version?.id) it.tags.push('this page');
  }
  if (!r.known_version) {
    // The page itself, placed by its date among the known versions.
    const page = { ...result.page, id: null };
    const at = items.findIndex((it) => page.published && it.v.published > page.published);
    items.splice(at < 0 ? items.length : at, 0, { v: page, tags: ['this page'] });
  }
  $('timeline-section').hidden = false;
  $('timeline').replaceChildren(...items.map(({ v, tags }) => el('li', { className: tags.includes('this page') ? 'self' : '' },
    el('time', { dateTime: v.published ?? '', textContent: formatDate(v.published) || 'undated' }), ' ',
    el('strong', { textContent: v.outlet || '' }), ' ',
    ...tags.map((t) => el('span', { className: 'tag', textContent: t })),
    el('br'), tags.includes('this page') && !r.known_version ? el('span', { textContent: v.title || '' }) : titleNode(v))));
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
