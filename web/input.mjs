// The article to check: a sample, a file opened or dropped (HTML read by Readability), or text
// typed or pasted; each starts a check.
import { el as h } from './runtime/report-view.mjs';
import { runCheck } from './check.mjs';
import { setMessage, ui } from './elements.mjs';
import { extractArticle, looksLikeHtml } from './extract.mjs';
import { selectSample, setMeta } from './form.mjs';
import { call } from './rpc.mjs';
import { state } from './state.mjs';

export async function loadSamples() {
  try {
    const res = await fetch(new URL('./data/samples.json', import.meta.url));
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    state.samples = (await res.json()).samples;
  } catch (e) {
    ui.samples.replaceChildren(h('p', { class: 'hint', text: `The samples could not be loaded (${e.message}).` }));
    return;
  }
  ui.samples.replaceChildren(...state.samples.map((s, i) => h('button', {
    type: 'button', class: 'sample', 'data-id': s.id, 'aria-pressed': 'false',
    onclick: () => pickSample(s),
  }, h('span', { class: 'sample-num', text: `Sample ${i + 1}${s.known ? ' · in the demo pack' : ''}` }),
  h('span', { class: 'sample-outlet', text: s.outlet }), h('span', { class: 'sample-title', text: s.title }))));
  // The demo holds the samples' texts: the side-by-side view can show them as known versions.
  await call('hold', { versions: state.samples.map(({ id, outlet, url, title, published, text }) => ({ id, outlet, url, title, published, text })) });
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

/** Listens to the file picker, drops, the form and the text box. */
export function wireInput() {
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
}
