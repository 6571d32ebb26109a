// Options page: lists the packs (metadata in chrome.storage.local, kept by the worker) and asks
// the worker to import, subscribe, update or remove. The worker owns the engine and validates
// every pack; this page only moves bytes (through IndexedDB, see lib/db.js) and shows results.
import * as db from './lib/db.js';
import { $, button, call, count, size as kb, status } from './options-ui.js';
import { el, formatDate } from './runtime/report-view.mjs';

const when = (t) => (t ? new Date(t).toLocaleString() : 'never');
const summary = (info) => `${count(info.versions, 'known version')} of ${count(info.stories, 'story').replace(/ys$/, 'ies')}`;

function describe(p) {
  if (p.kind === 'bundled') return 'Bundled with the extension: the demo sample pages (fictional news written for Storyprint, two stories).';
  if (p.kind === 'file') return 'Imported from a file.';
  return `Subscribed: ${p.url}`;
}

// What a pack covers: its outlets (most versions first) and the dates of its versions.
function covers(c) {
  if (!c) return [];
  const names = c.outlets.map((o) => `${o.name} (${o.versions})`);
  const outlets = names.length ? `Outlets: ${names.join(', ')}${c.other_outlets ? ` and ${count(c.other_outlets, 'other')}` : ''}` +
    `${c.unnamed ? `; ${count(c.unnamed, 'version')} without one` : ''}.` : 'No outlet is named.';
  const dates = c.earliest ? `Published ${c.earliest === c.latest ? `on ${formatDate(c.earliest)}` :
    `${formatDate(c.earliest)} – ${formatDate(c.latest)}`}${c.undated ? ` (${count(c.undated, 'version')} undated)` : ''}.` : 'No version is dated.';
  return [el('br'), el('span', { class: 'covers', text: outlets }), el('br'), el('span', { class: 'dates', text: dates })];
}

function publisher(p) {
  if (p.kind === 'bundled') return 'Publisher: Storyprint, bundled with the extension.';
  if (p.kind === 'file') return 'Publisher: unknown (imported from a file).';
  return `Publisher: ${new URL(p.url).host}.`;
}

function renderPacks(packs) {
  const list = Object.values(packs).sort((a, b) => a.name.localeCompare(b.name));
  $('no-packs').hidden = list.length > 0;
  $('restore-bundled').hidden = list.some((p) => p.kind === 'bundled');
  $('packs').replaceChildren(...list.map((p) => {
    const li = el('li', {}, el('strong', { text: p.name }), ' ', el('span', { class: 'muted', text: describe(p) }));
    li.dataset.pack = p.name;
    if (p.info) li.append(el('br'), `${summary(p.info)}, ${kb(p.info.bytes)}.`);
    li.append(...covers(p.covers), el('br'), publisher(p));
    if (p.sha256) li.append(el('br'), el('span', { class: 'hash', title: p.sha256, text: `SHA-256 ${p.sha256}` }));
    if (p.pin) li.append(el('br'), 'Pinned to this SHA-256.');
    if (p.key) li.append(el('br'), el('span', { class: 'hash', title: p.key, text: `Signed by publisher key ${p.key}` }),
      p.signed ? ` on ${p.signed.replace('T', ' ').replace('Z', ' UTC')}.` : '.');
    else if (p.kind === 'url') li.append(el('br'), 'Not signed: no publisher key was given, so any pack at this address is accepted.');
    else if (p.kind === 'file') li.append(el('br'), 'Not signed: imported as it was.');
    if (p.kind === 'url') li.append(el('br'), `Updated ${when(p.updated)}; last checked ${when(p.checked)}.`);
    for (const e of [p.loadError, p.error]) if (e) li.append(el('p', { class: 'error', text: e }));
    const actions = el('p');
    if (p.kind === 'url') {
      actions.append(button('Update now', async () => {
        status(`Updating “${p.name}”…`);
        try {
          await call({ type: 'storyprint:packs:refresh', name: p.name });
          status(`“${p.name}” is up to date.`);
        } catch (e) {
          showError(`Could not update “${p.name}”`, e);
        }
      }), ' ');
    }
    actions.append(button('Remove', async () => {
      try {
        await call({ type: 'storyprint:packs:remove', name: p.name });
        status(`Removed “${p.name}”.`);
      } catch (e) {
        showError(`Could not remove “${p.name}”`, e);
      }
    }));
    li.append(actions);
    return li;
  }));
}

function showError(what, e) {
  status(`${what}: ${e?.words ?? e?.message ?? e}`, 'error');
  // A server that does not allow cross-origin fetches needs a host permission, asked for only
  // now and only for that origin (optional_host_permissions).
  if (e?.origin) {
    $('grant').hidden = false;
    $('grant').textContent = `Allow access to ${e.origin} and retry`;
    $('grant').dataset.origin = e.origin;
  }
}

function done(verb, name, packs) {
  const info = packs?.[name]?.info;
  status(`${verb} “${name}”${info ? `: ${summary(info)}` : ''}.`);
}

// The name follows the chosen file until the user types one.
let nameTyped = false;
$('import-name').addEventListener('input', () => { nameTyped = true; });
$('import-form').addEventListener('reset', () => { nameTyped = false; });
$('import-file').addEventListener('change', () => {
  const f = $('import-file').files[0];
  if (f && !nameTyped) $('import-name').value = f.name.replace(/\.pack$/i, '').slice(0, 64);
});

$('import-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const file = $('import-file').files[0];
  const name = $('import-name').value.trim();
  if (!file) return;
  $('import-button').disabled = true;
  try {
    const staged = await db.stage(new Uint8Array(await file.arrayBuffer()));
    const res = await call({ type: 'storyprint:packs:import', staged, name });
    done('Imported', name, res.packs);
    $('import-form').reset();
  } catch (e) {
    showError(`Could not import “${file.name}”`, e);
  } finally {
    $('import-button').disabled = false;
  }
});

async function subscribe() {
  const url = $('subscribe-url').value.trim();
  const name = $('subscribe-name').value.trim();
  $('subscribe-button').disabled = true;
  $('grant').hidden = true;
  status(`Downloading ${url}…`);
  try {
    const res = await call({ type: 'storyprint:packs:subscribe', url, name, pin: $('subscribe-pin').value,
      key: $('subscribe-key').value });
    done('Subscribed to', name, res.packs);
    $('subscribe-form').reset();
  } catch (e) {
    showError(`Could not subscribe to ${url}`, e);
  } finally {
    $('subscribe-button').disabled = false;
  }
}

$('subscribe-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  subscribe();
});

$('grant').addEventListener('click', async () => {
  // Must run straight from the click: permission requests need a user gesture.
  const granted = await chrome.permissions.request({ origins: [`${$('grant').dataset.origin}/*`] });
  if (granted) subscribe();
  else status('Access was not granted: the pack cannot be downloaded from that server.', 'error');
});

$('restore-bundled').addEventListener('click', async () => {
  try {
    const res = await call({ type: 'storyprint:packs:restore-bundled' });
    done('Added', 'demo', res.packs);
  } catch (e) {
    showError('Could not add the demo pack', e);
  }
});

// Listen before reading: a change stored while the first read is under way (the worker installing
// the bundled pack at its first start) would otherwise never be shown.
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && changes.packs) renderPacks(changes.packs.newValue ?? {});
});
const stored = (await chrome.storage.local.get('packs')).packs;
if (!document.querySelector('#packs li')) renderPacks(stored ?? {});
