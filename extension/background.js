// Storyprint background worker: runs the core on the text the content script extracted, badges
// the tab, and manages packs. Everything stays in the browser: the only network requests it makes
// are downloads of packs the user subscribed to (no page data goes with them).
// A module service worker (Chromium) or module background script (Firefox): static imports only.
import { createEngine } from './runtime/storyprint.mjs';
import { parsePublicKey, sha256Hex, signatureUrl, verifyPackSignature } from './runtime/pack-signature.mjs';
import * as db from './lib/db.js';
import { STATES, stateOf } from './runtime/report-view.mjs';

const BUNDLED = { name: 'demo', kind: 'bundled', path: 'packs/demo.pack' };
const REFRESH_ALARM = 'storyprint-refresh';
const REFRESH_MINUTES = 6 * 60;
const MAX_PACK_BYTES = 64 << 20;
const MAX_TEXT = 400_000; // UTF-16 units; longer "articles" are almost always whole-page dumps
const EXTENSION_ORIGIN = chrome.runtime.getURL('');

class UserError extends Error {
  constructor(code, words, extra = {}) {
    super(words);
    Object.assign(this, { code, words }, extra);
  }
}

// Plain words for the core's error codes (StoryprintError.code).
const WORDS = {
  'pack.checksum': 'The pack file is damaged or was altered: its checksum does not match.',
  'pack.truncated': 'The pack file is incomplete: it may have been cut off while downloading.',
  'pack.foreign': 'This file is not a Storyprint pack.',
  'pack.corrupt': 'The pack file is corrupt.',
  'pack.newer': 'This pack was made for a newer version of Storyprint: update the extension.',
  'pack.version': 'This pack format is not supported.',
  'pack.too_large': 'The pack is too large.',
  'key.format': 'A publisher key is 44 characters of base64, as `storyprint pack keygen` prints it.',
  'text.too_large': 'The article is too long to check.',
  'text.too_many_tokens': 'The article is too long to check.',
  'engine.aborted': 'Storyprint stopped on this page; it has restarted for the next one.',
};

function explain(err) {
  const code = err?.code ?? 'internal';
  return { code, words: err?.words ?? WORDS[code] ?? String(err?.message ?? err), detail: err?.message, origin: err?.origin };
}

// Listeners are registered in the first turn: a stopped worker is restarted for an event and only
// receives it if the listener exists before any await.
const HANDLERS = {
  'storyprint:check': (msg, sender) => check(msg, sender),
  'storyprint:page': (msg, sender) => notArticle(sender),
  'storyprint:packs:import': (msg, sender) => manage(sender, () => importFile(msg)),
  'storyprint:packs:subscribe': (msg, sender) => manage(sender, () => subscribe(msg)),
  'storyprint:packs:refresh': (msg, sender) => manage(sender, () => refresh(msg.name, true)),
  'storyprint:packs:remove': (msg, sender) => manage(sender, () => removePack(msg.name)),
  'storyprint:packs:restore-bundled': (msg, sender) => manage(sender, () => installBundled()),
};

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  const handler = HANDLERS[msg?.type];
  if (!handler) return false;
  handler(msg, sender).then(sendResponse, (err) => sendResponse({ error: explain(err) }));
  return true; // answers asynchronously
});
chrome.tabs.onRemoved.addListener((tabId) => { chrome.storage.session.remove(tabKey(tabId)); });
chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === REFRESH_ALARM) serial(refreshAll).catch(() => {});
});

let engine;
let ready = start();

// Errors come back as values; should the core's module stop all the same (a bug), the next check
// gets a fresh module with every pack loaded again, instead of a worker that fails from then on.
function afterAbort(err) {
  if (err?.code === 'engine.aborted') ready = start();
}

// Loads the core and every stored pack. A pack that no longer loads is kept, marked with its
// error, so the user sees why instead of it silently disappearing.
async function start() {
  engine = await createEngine();
  const { bundledInstalled } = await chrome.storage.local.get('bundledInstalled');
  if (!bundledInstalled) {
    try {
      await installBundled();
    } catch (err) {
      console.error('Storyprint: the bundled pack did not load:', err);
    }
    await chrome.storage.local.set({ bundledInstalled: true }); // removing it later sticks
    return;
  }
  const packs = await getPacks();
  const before = JSON.stringify(packs);
  for (const meta of Object.values(packs)) {
    try {
      meta.info = engine.addPack(meta.name, await loadBytes(meta));
      delete meta.loadError;
    } catch (err) {
      meta.loadError = explain(err).words;
    }
  }
  if (JSON.stringify(packs) !== before) await setPacks(packs);
}

// Pack changes run one at a time: they read-modify-write the metadata.
let queue = Promise.resolve();
function serial(fn) {
  const p = queue.then(() => ready).then(fn);
  queue = p.catch(() => {});
  return p;
}

async function manage(sender, fn) {
  // Only the extension's own pages manage packs, never a content script (whose sender.url is the
  // page's; the options page may sit in a tab too, so sender.tab says nothing).
  if (sender.id !== chrome.runtime.id || !String(sender.url ?? '').startsWith(EXTENSION_ORIGIN))
    throw new UserError('denied', 'Not allowed.');
  await serial(fn);
  recheckTabs();
  return { ok: true, packs: await getPacks() };
}

// ---- checks ----

const tabKey = (tabId) => `tab:${tabId}`;

async function check(msg, sender) {
  const tabId = sender.tab?.id;
  if (tabId === undefined || typeof msg.text !== 'string') throw new UserError('bad-request', 'Bad request.');
  await ready;
  const text = msg.text.slice(0, MAX_TEXT);
  const page = cleanMeta(msg.meta);
  let result;
  try {
    // CJK/Thai pages need the break dictionaries (a local file of the extension); without them
    // the check still runs, with coarser words.
    await engine.ensureDictionaries(text).catch(() => false);
    const report = engine.check(text, { id: page.url, ...page });
    for (const p of [...report.passages, ...report.quotes]) p.text = text.slice(p.start, p.end);
    result = { state: stateOf(report), report, page, length: text.length, packs: engine.packs().length };
  } catch (err) {
    afterAbort(err);
    result = { state: 'error', error: explain(err).words, page };
  }
  result.checked = Date.now();
  await chrome.storage.session.set({ [tabKey(tabId)]: result });
  await setBadge(tabId, result.state);
  const passages = result.report?.passages.map(({ start, end, kind }) => ({ start, end, kind })) ?? [];
  return { tabId, state: result.state, passages };
}

async function notArticle(sender) {
  const tabId = sender.tab?.id;
  if (tabId === undefined) return {};
  // Replaces whatever the tab showed before (a previous page's result).
  await chrome.storage.session.set({ [tabKey(tabId)]: { state: 'not-article', checked: Date.now() } });
  await setBadge(tabId, 'not-article');
  return { tabId };
}

function cleanMeta(meta) {
  const out = {};
  for (const k of ['url', 'outlet', 'title', 'published']) out[k] = String(meta?.[k] ?? '').slice(0, 2000);
  return out;
}

async function setBadge(tabId, state) {
  const s = STATES[state];
  try {
    await chrome.action.setBadgeText({ tabId, text: s.badge });
    await chrome.action.setBadgeBackgroundColor({ tabId, color: s.color });
    await chrome.action.setBadgeTextColor?.({ tabId, color: '#ffffff' });
    await chrome.action.setTitle({ tabId, title: `Storyprint: ${s.label}` });
  } catch {
    // the tab was closed meanwhile
  }
}

// After the packs change, open article tabs check again (their content scripts hold the text).
async function recheckTabs() {
  for (const tab of await chrome.tabs.query({})) {
    chrome.tabs.sendMessage(tab.id, { type: 'storyprint:recheck' }).catch(() => {});
  }
}

// ---- packs ----

async function getPacks() {
  return (await chrome.storage.local.get('packs')).packs ?? {};
}
const setPacks = (packs) => chrome.storage.local.set({ packs });

async function loadBytes(meta) {
  if (meta.kind === 'bundled') {
    const res = await fetch(chrome.runtime.getURL(meta.path));
    return new Uint8Array(await res.arrayBuffer());
  }
  const bytes = await db.getBytes(meta.name);
  if (!bytes) throw new UserError('pack.missing', 'The stored pack is missing: import or subscribe again.');
  return bytes;
}

function cleanName(name) {
  const n = String(name ?? '').trim();
  if (!n || n.length > 64) throw new UserError('name', 'Give the pack a name of 1 to 64 characters.');
  return n;
}

// The core validates the pack (format, checksum) before it replaces anything: a bad pack throws
// and the previously loaded pack of that name stays as it was.
async function installPack(meta, bytes, hash) {
  if (bytes.length > MAX_PACK_BYTES) throw new UserError('pack.too_large', WORDS['pack.too_large']);
  const info = engine.addPack(meta.name, bytes);
  try {
    if (meta.kind !== 'bundled') await db.putBytes(meta.name, bytes);
  } catch (err) {
    engine.removePack(meta.name); // keep engine and storage in agreement
    const old = (await getPacks())[meta.name];
    if (old) engine.addPack(old.name, await loadBytes(old));
    throw new UserError('storage', `The pack could not be stored: ${err?.message ?? err}`);
  }
  const packs = await getPacks();
  const now = Date.now();
  packs[meta.name] = { ...meta, info, sha256: hash ?? (await sha256Hex(bytes)), added: packs[meta.name]?.added ?? now,
    updated: now, checked: now, error: undefined, loadError: undefined };
  await setPacks(packs);
}

async function installBundled() {
  await installPack(BUNDLED, await loadBytes(BUNDLED));
}

async function importFile({ staged, name }) {
  const bytes = await db.takeStaged(staged); // first, so a refused import leaves nothing behind
  if (!(bytes instanceof Uint8Array)) throw new UserError('file', 'The file could not be read.');
  await installPack({ name: cleanName(name), kind: 'file' }, bytes);
}

function cleanPin(pin) {
  const p = String(pin ?? '').trim().toLowerCase().replace(/^sha-?256[:-]?/, '');
  if (p && !/^[0-9a-f]{64}$/.test(p)) throw new UserError('pin', 'A SHA-256 pin is 64 hexadecimal digits.');
  return p;
}

function cleanKey(key) {
  const k = String(key ?? '').trim();
  return k ? parsePublicKey(k) : '';
}

// Downloads are anonymous (no cookies, no referrer) and carry nothing about the pages read.
async function download(url, maxBytes = MAX_PACK_BYTES) {
  let res;
  try {
    res = await fetch(url, { cache: 'no-cache', credentials: 'omit', referrerPolicy: 'no-referrer' });
  } catch {
    throw new UserError('fetch.failed', `Could not download the pack from ${url.host}. The server may be ` +
      `unreachable, or it may not let extensions fetch from it: then allow Storyprint to access ${url.origin} ` +
      'and try again.', { origin: url.origin });
  }
  if (!res.ok) throw new UserError('fetch.status', `The server ${url.host} answered HTTP ${res.status}.`);
  if (Number(res.headers.get('content-length')) > maxBytes) throw new UserError('pack.too_large', WORDS['pack.too_large']);
  const bytes = new Uint8Array(await res.arrayBuffer());
  // Again after reading: a server need not announce the length, or may announce it wrongly.
  if (bytes.length > maxBytes) throw new UserError('pack.too_large', WORDS['pack.too_large']);
  return bytes;
}

// With a pinned publisher key, a pack is accepted only with a valid signature by that key
// (fetched from the pack's URL + ".sig"), and never one signed earlier than the pack we have:
// a server or network that swaps the pack, or serves an old one, changes nothing.
async function checkSignature(meta, bytes, u) {
  if (!meta.key) return undefined;
  const sigBytes = await download(signatureUrl(u), 4096).catch((err) => {
    throw new UserError('pack.signature', `The pack's signature could not be downloaded from ${signatureUrl(u).href}: ` +
      `${err.words ?? err.message}. Nothing was changed.`);
  });
  let signed;
  try {
    ({ signed } = await verifyPackSignature(bytes, new TextDecoder().decode(sigBytes), meta.key));
  } catch (err) {
    throw new UserError('pack.signature', `The pack at ${u.host} is not signed by the publisher key you pinned ` +
      `(${err.message}). Nothing was changed.`);
  }
  if (meta.signed && signed < meta.signed) {
    throw new UserError('pack.signature', `The pack at ${u.host} was signed ${signed}, before the one you have ` +
      `(${meta.signed}): an older pack is not accepted in place of a newer one. Nothing was changed.`);
  }
  return signed;
}

function checkPin(pin, hash, url) {
  if (pin && hash !== pin) {
    throw new UserError('pin', `The pack at ${url.host} is not the one you pinned: its SHA-256 is ` +
      `${hash.slice(0, 12)}…, the pin is ${pin.slice(0, 12)}…. Nothing was changed.`);
  }
}

async function subscribe({ url, name, pin, key }) {
  let u;
  try { u = new URL(String(url)); } catch { u = null; }
  if (!u || !/^https?:$/.test(u.protocol)) throw new UserError('url', 'Enter an http or https address of a pack.');
  const meta = { name: cleanName(name), kind: 'url', url: u.href, pin: cleanPin(pin), key: cleanKey(key) };
  const bytes = await download(u);
  const hash = await sha256Hex(bytes);
  checkPin(meta.pin, hash, u);
  meta.signed = await checkSignature(meta, bytes, u);
  await installPack(meta, bytes, hash);
  await syncAlarm();
}

// Keeps the old version when the new one fails; the error is shown with the pack.
async function refresh(name, userAsked) {
  const meta = (await getPacks())[name];
  if (meta?.kind !== 'url') throw new UserError('name', 'No subscription of that name.');
  try {
    const u = new URL(meta.url);
    const bytes = await download(u);
    const hash = await sha256Hex(bytes);
    checkPin(meta.pin, hash, u);
    if (hash !== meta.sha256 || meta.loadError) {
      const signed = await checkSignature(meta, bytes, u);
      return await installPack({ ...meta, signed }, bytes, hash);
    }
    const packs = await getPacks();
    packs[name] = { ...packs[name], checked: Date.now(), error: undefined };
    await setPacks(packs);
  } catch (err) {
    const packs = await getPacks();
    if (packs[name]) {
      packs[name] = { ...packs[name], checked: Date.now(), error: explain(err).words };
      await setPacks(packs);
    }
    if (userAsked) throw err;
  }
}

async function refreshAll() {
  for (const meta of Object.values(await getPacks())) {
    if (meta.kind === 'url') await refresh(meta.name, false);
  }
  recheckTabs();
}

async function removePack(name) {
  const packs = await getPacks();
  if (!packs[name]) return;
  engine.removePack(name);
  await db.deleteBytes(name);
  delete packs[name];
  await setPacks(packs);
  await syncAlarm();
}

async function syncAlarm() {
  const wanted = Object.values(await getPacks()).some((p) => p.kind === 'url');
  const existing = await chrome.alarms.get(REFRESH_ALARM);
  if (wanted && !existing) {
    await chrome.alarms.create(REFRESH_ALARM, { delayInMinutes: REFRESH_MINUTES, periodInMinutes: REFRESH_MINUTES });
  } else if (!wanted && existing) {
    await chrome.alarms.clear(REFRESH_ALARM);
  }
}
