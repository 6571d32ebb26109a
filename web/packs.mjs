// The packs the page checks against, and the known versions the visitor adds (the "yours" pack,
// offered for download): listing, loading and removing them.
import { el as h } from './runtime/report-view.mjs';
import { setMessage, ui } from './elements.mjs';
import { currentMeta, setBusy } from './form.mjs';
import { describeVersion } from './render-version.mjs';
import { call } from './rpc.mjs';
import { state } from './state.mjs';

let yours = [];
let yoursUrl = null;

export function renderPacks(packs) {
  state.packCount = packs.length;
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

function uniqueId(base) {
  const slug = base.toLowerCase().normalize('NFKD').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 48) || 'version';
  let id = `yours-${slug}`;
  for (let n = 2; yours.some((v) => v.id === id) || state.samples.some((s) => s.id === id); n++) id = `yours-${slug}-${n}`;
  return id;
}

/** Listens to the pack file picker and the "add as known version" button. */
export function wirePacks() {
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
      if (state.lastCheck) setMessage(ui.inputMessage, 'Packs changed: check again to use them.');
    } catch (e) {
      setMessage(ui.packMessage, `“${f.name}” is not a usable pack: ${e.message}${e.code ? ` (${e.code})` : ''}. The other packs are still loaded.`, 'error');
    } finally {
      ui.packFile.value = '';
    }
  });

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
}
