// The reader's packs: the bundled demo pack, imported files and subscriptions (downloaded, pinned,
// signature-checked, refreshed on an alarm). The list lives in chrome.storage.local, the bytes in
// IndexedDB (lib/db.js); the core validates every pack before it replaces anything.
import { parsePublicKey, sha256Hex, signatureUrl, verifyPackSignature } from '../runtime/pack-signature.mjs';
import * as db from './db.js';
import { UserError, WORDS, explain } from './errors.js';

const BUNDLED = { name: 'demo', kind: 'bundled', path: 'packs/demo.pack' };
export const REFRESH_ALARM = 'storyprint-refresh';
const REFRESH_MINUTES = 6 * 60;
const MAX_PACK_BYTES = 64 << 20;

export async function getPacks() {
  return (await chrome.storage.local.get('packs')).packs ?? {};
}
const setPacks = (packs) => chrome.storage.local.set({ packs });

// At the worker's start: every stored pack into the engine. A pack that no longer loads is kept,
// marked with its error, so the user sees why instead of it silently disappearing.
export async function loadStoredPacks(engine) {
  const { bundledInstalled } = await chrome.storage.local.get('bundledInstalled');
  if (!bundledInstalled) {
    try {
      await installBundled(engine);
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
      const added = addCurrent(engine, meta.name, await loadBytes(meta));
      const bytes = added.bytes;
      if (added.upgraded) {
        if (meta.kind !== 'bundled') await db.putBytes(meta.name, bytes);
        meta.sha256 = await sha256Hex(bytes);
      }
      meta.info = added.info;
      meta.covers ??= engine.packSummary(bytes); // packs stored before summaries were kept
      delete meta.loadError;
    } catch (err) {
      meta.loadError = explain(err).words;
    }
  }
  if (JSON.stringify(packs) !== before) await setPacks(packs);
}

/**
 * Adds a pack to the engine; one of an earlier format the core can upgrade is built again in
 * today's first (its versions kept). Returns {info, bytes, upgraded}: addPack's info and the bytes
 * now in the engine. Throws as addPack does otherwise.
 */
export function addCurrent(engine, name, bytes) {
  try {
    return { info: engine.addPack(name, bytes), bytes, upgraded: false };
  } catch (err) {
    if (err?.code !== 'pack.version') throw err;
    const upgraded = engine.upgradePack(bytes); // format 1 throws pack.version again: only its texts can rebuild it
    return { info: engine.addPack(name, upgraded), bytes: upgraded, upgraded: true };
  }
}

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
async function installPack(engine, meta, bytes, hash) {
  if (bytes.length > MAX_PACK_BYTES) throw new UserError('pack.too_large', WORDS['pack.too_large']);
  const added = addCurrent(engine, meta.name, bytes); // a publisher's pack of the earlier format is upgraded
  if (added.upgraded) bytes = added.bytes, hash = undefined;
  const { info } = added;
  try {
    if (meta.kind !== 'bundled') await db.putBytes(meta.name, bytes);
  } catch (err) {
    engine.removePack(meta.name); // keep engine and storage in agreement
    const old = (await getPacks())[meta.name];
    if (old) addCurrent(engine, old.name, await loadBytes(old));
    throw new UserError('storage', `The pack could not be stored: ${err?.message ?? err}`);
  }
  const packs = await getPacks();
  const now = Date.now();
  packs[meta.name] = { ...meta, info, covers: engine.packSummary(bytes), sha256: hash ?? (await sha256Hex(bytes)), added: packs[meta.name]?.added ?? now,
    updated: now, checked: now, error: undefined, loadError: undefined };
  await setPacks(packs);
}

export async function installBundled(engine) {
  await installPack(engine, BUNDLED, await loadBytes(BUNDLED));
}

export async function importFile(engine, { staged, name }) {
  const bytes = await db.takeStaged(staged); // first, so a refused import leaves nothing behind
  if (!(bytes instanceof Uint8Array)) throw new UserError('file', 'The file could not be read.');
  await installPack(engine, { name: cleanName(name), kind: 'file' }, bytes);
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

export async function subscribe(engine, { url, name, pin, key }) {
  let u;
  try { u = new URL(String(url)); } catch { u = null; }
  if (!u || !/^https?:$/.test(u.protocol)) throw new UserError('url', 'Enter an http or https address of a pack.');
  const meta = { name: cleanName(name), kind: 'url', url: u.href, pin: cleanPin(pin), key: cleanKey(key) };
  const bytes = await download(u);
  const hash = await sha256Hex(bytes);
  checkPin(meta.pin, hash, u);
  meta.signed = await checkSignature(meta, bytes, u);
  await installPack(engine, meta, bytes, hash);
  await syncAlarm();
}

// Keeps the old version when the new one fails; the error is shown with the pack.
export async function refresh(engine, name, userAsked) {
  const meta = (await getPacks())[name];
  if (meta?.kind !== 'url') throw new UserError('name', 'No subscription of that name.');
  try {
    const u = new URL(meta.url);
    const bytes = await download(u);
    const hash = await sha256Hex(bytes);
    checkPin(meta.pin, hash, u);
    if (hash !== meta.sha256 || meta.loadError) {
      const signed = await checkSignature(meta, bytes, u);
      return await installPack(engine, { ...meta, signed }, bytes, hash);
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

export async function refreshAll(engine) {
  for (const meta of Object.values(await getPacks())) {
    if (meta.kind === 'url') await refresh(engine, meta.name, false);
  }
}

export async function removePack(engine, name) {
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
