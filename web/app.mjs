// The demo page: reads the article (pasted, dropped, opened or a seed sample), asks the engine in
// worker.mjs for a report and renders it. The engine never runs on this thread; HTML extraction
// does (DOMParser exists only here). All text from pages and packs is inserted as text nodes.
import { extractArticle, looksLikeHtml } from './extract.mjs';
import {
  STATES, confidenceOf, decidedBy, el as h, formatDate, outletName, pct, quoteTag, quotesOf, quotesSummary,
  safeHref, showProbabilities, sourceOf, stateOf, summaryLine, timelineOf, whySentences,
} from './runtime/report-view.mjs';

const $ = (id) => document.getElementById(id);
const ui = {
  status: $('engine-status'), samples: $('samples'), form: $('check-form'), text: $('text'), drop: $('drop-zone'),
  file: $('file'), meta: $('meta'), title: $('meta-title'), outlet: $('meta-outlet'), published: $('meta-published'),
  url: $('meta-url'), check: $('check'), addKnown: $('add-known'), clear: $('clear'), inputMessage: $('input-message'),
  result: $('result'), verdict: $('verdict'), scores: $('scores'), timeline: $('timeline'), compare: $('compare'),
  compareSummary: $('compare-summary'), quotesSection: $('quotes-section'), quotesSummary: $('quotes-summary'), quotes: $('quotes'), packList: $('pack-list'), packFile: $('pack-file'),
  packMessage: $('pack-message'), yoursList: $('yours-list'), yoursDownload: $('yours-download'),
};

// ---- worker RPC ---------------------------------------------------------------------------------
const worker = new Worker(new URL('./worker.mjs', import.meta.url), { type: 'module' });
const pending = new Map();
let nextId = 1;
function call(type, args = {}, transfer = []) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, type, ...args }, transfer);
  });
}
worker.onmessage = ({ data }) => {
  const p = pending.get(data.id);
  if (!p) return;
  pending.delete(data.id);
  if (data.ok) p.resolve(data.result);
  else p.reject(Object.assign(new Error(data.error.message), { code: data.error.code }));
};
// A worker that fails to load (old browser, missing file) fires only this event.
worker.onerror = (e) => {
  e.preventDefault?.();
  fail(`The engine could not start${e.message ? `: ${e.message}` : ''}. This page needs a browser with module workers and WebAssembly.`);
  for (const p of pending.values()) p.reject(new Error('the engine stopped'));
  pending.clear();
};

// ---- small helpers (elements: report-view's el) ------------------------------------------------
const setMessage = (el, text, kind = 'info') => {
  el.textContent = text;
  el.dataset.kind = kind;
};
function fail(message) {
  setMessage(ui.status, message, 'error');
  ui.check.disabled = ui.addKnown.disabled = ui.packFile.disabled = true;
}
// "Outlet — “Title” (23 Nov 2024)", linked when the version has an address.
function describeVersion(v, { link = true, date = true } = {}) {
  const parts = [];
  parts.push(h('span', { class: 'outlet', text: outletName(v) }));
  if (v.title) {
    const href = link ? safeHref(v.url) : null;
    const t = `“${v.title}”`;
    parts.push(' — ', href ? h('a', { href, rel: 'noopener noreferrer', target: '_blank', text: t }) : h('cite', { text: t }));
  }
  if (date) parts.push(' ', h('span', { class: 'date', text: v.published ? `(${formatDate(v.published)})` : '(date unknown)' }));
  return h('span', { class: 'version', 'data-id': v.id }, ...parts);
}

// ---- state --------------------------------------------------------------------------------------
let samples = [];
let ready = false;
let checkSeq = 0;
let checksDone = 0;
let lastCheck = null; // {text, meta} of the report on screen

function currentMeta() {
  return {
    title: ui.title.value.trim(), outlet: ui.outlet.value.trim(),
    published: ui.published.value.trim(), url: ui.url.value.trim(),
  };
}
function setMeta(m = {}) {
  ui.title.value = m.title ?? '';
  ui.outlet.value = m.outlet ?? '';
  ui.published.value = /^\d{4}-\d{2}-\d{2}$/.test(m.published ?? '') ? m.published : '';
  ui.url.value = m.url ?? '';
}
// Buttons stay enabled while the worker is busy (a disabled button would drop keyboard focus);
// the worker runs requests in order and only the latest check is shown.
function setBusy(on) {
  ui.check.disabled = ui.addKnown.disabled = !ready;
  ui.form.setAttribute('aria-busy', String(on));
}
function selectSample(id) {
  for (const b of ui.samples.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b.dataset.id === id));
}

// ---- checking -----------------------------------------------------------------------------------
async function runCheck({ id = '' } = {}) {
  const text = ui.text.value;
  if (!text.trim()) {
    setMessage(ui.inputMessage, 'Paste or open an article first.', 'error');
    ui.text.focus();
    return;
  }
  if (!ready) return;
  const seq = ++checkSeq;
  setBusy(true);
  setMessage(ui.inputMessage, 'Checking…');
  const meta = { id, ...currentMeta() };
  try {
    const { report, counterpart } = await call('check', { text, meta });
    if (seq !== checkSeq) return; // a newer check is on its way
    lastCheck = { text, meta };
    renderResult(text, meta, report, counterpart);
    setMessage(ui.inputMessage, `Checked ${report.page.tokens} words: ${summaryLine(report)} The result is below.`);
    // Bring the result into view without moving keyboard focus (the visitor may pick another sample).
    const smooth = !matchMedia('(prefers-reduced-motion: reduce)').matches;
    ui.result.scrollIntoView({ block: 'start', behavior: smooth ? 'smooth' : 'auto' });
  } catch (e) {
    if (seq === checkSeq) setMessage(ui.inputMessage, `Could not check this text: ${e.message}`, 'error');
  } finally {
    if (seq === checkSeq) setBusy(false);
    // Finished checks, for tests and tools that drive the page.
    document.documentElement.dataset.checks = String(++checksDone);
  }
}

// The verdict in the words of the shared report view (the extension's popup says the same).
function renderVerdict(report, packs, text) {
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

function renderScores(report) {
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

function renderTimeline(report, meta) {
  ui.timeline.replaceChildren();
  const items = timelineOf(report, meta);
  if (!items.length) {
    ui.timeline.append(h('p', { class: 'hint', text: 'No known story matches this page.' }));
    return;
  }
  ui.timeline.append(h('ol', { class: 'timeline' }, items.map(({ version: v, page, tags }) => {
    const hit = !page && tags.length > 0;
    return h('li', { class: page ? 'tl-page' : hit ? 'tl-hit' : null },
      h('span', { class: 'tl-date', text: formatDate(v.published) || 'date unknown' }),
      page ? h('span', { class: 'tl-body' }, h('strong', { text: 'The checked page' }), v.outlet ? ` — ${v.outlet}` : '')
        : h('span', { class: 'tl-body' }, describeVersion(v, { date: false }), tags.length ? ' ' : '',
          tags.map((t) => h('span', { class: t === 'this page' ? 'badge badge-known' : 'badge badge-source', text: t }))));
  })));
}

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

function renderCompare(text, meta, report, counterpart) {
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

// The page's quotations, each once, with the known version that has it too. Reports of the same
// event quote the same people, so these weigh less than shared narration: said so beside them.
function renderQuotes(text, report) {
  const quotes = stateOf(report) === 'none' ? [] : quotesOf(report, text);
  ui.quotesSection.hidden = !quotes.length;
  ui.quotes.replaceChildren();
  if (!quotes.length) return;
  ui.quotesSummary.textContent = quotesSummary(quotes);
  ui.quotes.replaceChildren(...quotes.map((q) => h('li', { 'data-version': q.version ?? '' },
    h('q', { text: q.text.length > 300 ? `${q.text.slice(0, 300)}…` : q.text }), ' ',
    h('span', { class: q.version ? 'badge badge-source' : 'badge badge-own', text: quoteTag(q) }))));
}

function renderResult(text, meta, report, counterpart) {
  renderVerdict(report, packCount, text);
  renderScores(report);
  renderTimeline(report, meta);
  renderCompare(text, meta, report, counterpart);
  renderQuotes(text, report);
  ui.result.hidden = false;
  ui.result.dataset.pack = report.pack ?? '';
}

// ---- input: samples, files, drop ----------------------------------------------------------------
async function loadSamples() {
  try {
    const res = await fetch(new URL('./data/samples.json', import.meta.url));
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    samples = (await res.json()).samples;
  } catch (e) {
    ui.samples.replaceChildren(h('p', { class: 'hint', text: `The samples could not be loaded (${e.message}).` }));
    return;
  }
  ui.samples.replaceChildren(...samples.map((s, i) => h('button', {
    type: 'button', class: 'sample', 'data-id': s.id, 'aria-pressed': 'false',
    onclick: () => pickSample(s),
  }, h('span', { class: 'sample-num', text: `Sample ${i + 1}${s.known ? ' · in the demo pack' : ''}` }),
  h('span', { class: 'sample-outlet', text: s.outlet }), h('span', { class: 'sample-title', text: s.title }))));
  // The demo holds the samples' texts: the side-by-side view can show them as known versions.
  await call('hold', { versions: samples.map(({ id, outlet, url, title, published, text }) => ({ id, outlet, url, title, published, text })) });
}

async function pickSample(s) {
  ui.text.value = s.text;
  setMeta(s);
  selectSample(s.id);
  await runCheck({ id: s.id });
}

async function readFile(file) {
  const raw = await file.text();
  selectSample(null);
  if (looksLikeHtml(file.name, raw, file.type)) {
    const a = extractArticle(raw);
    ui.text.value = a.text;
    setMeta(a);
    setMessage(ui.inputMessage, a.readability
      ? `Read the article from ${file.name}.`
      : `No article found in ${file.name}: using all of its text.`);
  } else {
    ui.text.value = raw;
    setMeta({});
    setMessage(ui.inputMessage, `Read ${file.name}.`);
  }
  if (ui.text.value.trim()) await runCheck();
  else setMessage(ui.inputMessage, `${file.name} holds no text to check.`, 'error');
}

ui.file.addEventListener('change', async () => {
  const f = ui.file.files[0];
  if (f) await readFile(f).catch((e) => setMessage(ui.inputMessage, `Could not read ${f.name}: ${e.message}`, 'error'));
});
ui.drop.addEventListener('dragover', (e) => {
  if (![...e.dataTransfer.types].includes('Files')) return; // dropped text falls through to the textarea
  e.preventDefault();
  e.dataTransfer.dropEffect = 'copy';
  ui.drop.classList.add('dragging');
});
ui.drop.addEventListener('dragleave', () => ui.drop.classList.remove('dragging'));
ui.drop.addEventListener('drop', async (e) => {
  ui.drop.classList.remove('dragging');
  const f = e.dataTransfer.files[0];
  if (!f) return;
  e.preventDefault();
  await readFile(f).catch((err) => setMessage(ui.inputMessage, `Could not read ${f.name}: ${err.message}`, 'error'));
});

ui.form.addEventListener('submit', (e) => {
  e.preventDefault();
  runCheck();
});
// Editing a sample's text makes it the visitor's own: the sample's details no longer describe it.
ui.text.addEventListener('input', () => {
  if (ui.samples.querySelector('[aria-pressed="true"]')) setMeta({});
  selectSample(null);
});
// Ctrl/Cmd+Enter in the text box checks, as the visible button does.
ui.text.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    runCheck();
  }
});
ui.clear.addEventListener('click', () => {
  ui.text.value = '';
  setMeta({});
  selectSample(null);
  ui.file.value = '';
  setMessage(ui.inputMessage, '');
  ui.result.hidden = true;
  ui.text.focus();
});

// ---- packs and the visitor's own versions ---------------------------------------------------------
let yours = [];
let yoursUrl = null;

let packCount = 0;
function renderPacks(packs) {
  packCount = packs.length;
  ui.packList.replaceChildren(...packs.map((p) => h('li', { 'data-name': p.name },
    h('span', { class: 'pack-name', text: p.name }),
    h('span', { class: 'pack-info', text: ` — ${p.versions} version${p.versions === 1 ? '' : 's'} in ${p.stories} stor${p.stories === 1 ? 'y' : 'ies'}, ${(p.bytes / 1024).toFixed(1)} KB ` }),
    h('button', { type: 'button', class: 'small', 'aria-label': `Remove pack ${p.name}`, onclick: () => removePack(p.name), text: 'Remove' }))));
  if (!packs.length) ui.packList.append(h('li', { class: 'hint', text: 'No pack loaded: every page will read as original.' }));
  const total = packs.reduce((n, p) => n + p.versions, 0);
  setMessage(ui.status, `Engine ready. ${packs.length} pack${packs.length === 1 ? '' : 's'} loaded, ${total} known version${total === 1 ? '' : 's'}.`);
}

function renderYours(list, bytes) {
  yours = list;
  ui.yoursList.replaceChildren(...list.map((v) => h('li', { 'data-id': v.id }, describeVersion(v, { link: false }), ' ',
    h('button', { type: 'button', class: 'small', 'aria-label': `Remove your version ${v.title || v.id}`, onclick: () => removeVersion(v.id), text: 'Remove' }))));
  if (yoursUrl) URL.revokeObjectURL(yoursUrl);
  yoursUrl = bytes ? URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' })) : null;
  ui.yoursDownload.hidden = !yoursUrl;
  if (yoursUrl) ui.yoursDownload.href = yoursUrl;
  else ui.yoursDownload.removeAttribute('href');
}

async function removePack(name) {
  try {
    const r = await call('removePack', { name });
    renderPacks(r.packs);
    if (name === 'yours') renderYours(r.yours, null);
    setMessage(ui.packMessage, `Removed pack “${name}”.`);
  } catch (e) {
    setMessage(ui.packMessage, `Could not remove pack “${name}”: ${e.message}`, 'error');
  }
}

ui.packFile.addEventListener('change', async () => {
  const f = ui.packFile.files[0];
  if (!f) return;
  // Reserved names would replace the demo's own packs; a loaded file is added beside them.
  let name = f.name.replace(/\.pack$/i, '') || 'pack';
  if (name === 'demo' || name === 'yours') name = `${name}-file`;
  try {
    const bytes = new Uint8Array(await f.arrayBuffer());
    const r = await call('addPack', { name, bytes }, [bytes.buffer]);
    renderPacks(r.packs);
    setMessage(ui.packMessage, `Loaded pack “${name}”: ${r.info.versions} known version${r.info.versions === 1 ? '' : 's'}.`);
    if (lastCheck) setMessage(ui.inputMessage, 'Packs changed: check again to use them.');
  } catch (e) {
    setMessage(ui.packMessage, `“${f.name}” is not a usable pack: ${e.message}${e.code ? ` (${e.code})` : ''}. The other packs are still loaded.`, 'error');
  } finally {
    ui.packFile.value = '';
  }
});

function uniqueId(base) {
  const slug = base.toLowerCase().normalize('NFKD').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 48) || 'version';
  let id = `yours-${slug}`;
  for (let n = 2; yours.some((v) => v.id === id) || samples.some((s) => s.id === id); n++) id = `yours-${slug}-${n}`;
  return id;
}

ui.addKnown.addEventListener('click', async () => {
  const text = ui.text.value;
  if (!text.trim()) {
    setMessage(ui.inputMessage, 'Paste the text of the known version first.', 'error');
    ui.text.focus();
    return;
  }
  const m = currentMeta();
  const version = { id: uniqueId(m.title || `version ${yours.length + 1}`), outlet: m.outlet || 'Your version', url: m.url, title: m.title || `Your version ${yours.length + 1}`, published: m.published, text };
  setBusy(true);
  try {
    const r = await call('addVersion', { version });
    renderPacks(r.packs);
    renderYours(r.yours, r.bytes);
    setMessage(ui.inputMessage, `Added “${version.title}” as a known version. Now paste or open another text and check it.`);
  } catch (e) {
    setMessage(ui.inputMessage, `Could not add this text as a known version: ${e.message}`, 'error');
  } finally {
    setBusy(false);
  }
});

async function removeVersion(id) {
  try {
    const r = await call('removeVersion', { id });
    renderPacks(r.packs);
    renderYours(r.yours, r.bytes);
    setMessage(ui.packMessage, 'Removed your version.');
  } catch (e) {
    setMessage(ui.packMessage, `Could not remove it: ${e.message}`, 'error');
  }
}

// ---- start --------------------------------------------------------------------------------------
(async () => {
  try {
    const { packs, demoError } = await call('init');
    ready = true;
    setBusy(false);
    ui.packFile.disabled = false;
    renderPacks(packs);
    if (demoError) setMessage(ui.packMessage, `The demo pack could not be loaded: ${demoError.message}`, 'error');
    document.documentElement.dataset.ready = 'true';
  } catch (e) {
    fail(`The engine could not start: ${e.message}`);
    return;
  }
  await loadSamples();
  document.documentElement.dataset.samples = 'true';
})();
