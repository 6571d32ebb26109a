// The reader's own reading: articles the reader opens are remembered as fingerprints (a pack,
// "Your reading"), never as text, with their address, title, site, date and the day they were
// read; later pages are checked against them apart from the packs (a second engine over the same
// core, see checks.js). Only when the reader said yes on the first-run page or in the options, not
// while paused, never for the sites they excluded.
//
// Storage (reading-store.js): each article becomes a one-article segment when it is read (its text
// is not kept, so it cannot wait for others); segments of similar size are merged in the background
// (segments.js). Forgetting a site or the oldest articles rebuilds the segments that held them
// without those versions. Everything is in IndexedDB: a worker restart loads it again.
import { UserError } from './errors.js';
import * as db from './db.js';
import * as store from './reading-store.js';
import { nextMerge } from './segments.js';
import { addCurrent } from './packs.js';

// A year of heavy reading: 50 articles a day × 365 days = 18,250, so 20,000 articles. At about
// 1.4 KB of fingerprint per article (README, "Your reading": measured) that is about 28 MB.
export const DEFAULT_CAP = 20_000;
// The largest keeps the exported pack (about 54 MB) under the 64 MB a pack may have to be imported
// (packs.js), so what one browser saves another can load.
export const CAPS = [5_000, 10_000, 20_000, 40_000];
// Pruning waits for 2 % over the cap, so the segments holding the oldest articles are rebuilt once
// per few hundred articles, not on every page.
const CAP_SLACK = 0.02;
const DEFAULTS = { choice: null, paused: false, never: [], cap: DEFAULT_CAP };

let lib = null; // the engine holding the segments, a sibling of the packs' engine
const segs = new Map(); // name -> {name, ids, created, bytes: size} (the bytes stay in IndexedDB and the engine)

export async function getSettings() {
  const { reading } = await chrome.storage.local.get('reading');
  return { ...DEFAULTS, ...reading };
}

async function saveSettings(patch) {
  const s = { ...(await getSettings()), ...patch };
  await chrome.storage.local.set({ reading: s });
  return s;
}

/** At the worker's start: the segments into an engine of their own. */
export async function loadReading(engine) {
  lib = engine.sibling();
  segs.clear();
  const broken = [];
  const upgraded = [];
  for (const seg of await store.segments()) {
    try {
      // Segments stored before a pack format change are built again in today's, articles kept.
      const added = addCurrent(lib, seg.name, seg.bytes);
      if (added.upgraded) seg.bytes = added.bytes, upgraded.push(seg);
      segs.set(seg.name, entry(seg));
    } catch (err) {
      // Not expected (the core wrote them); a segment that no longer loads cannot match anything,
      // so it and its articles go rather than showing as remembered.
      console.error('Storyprint: a segment of your reading did not load:', err);
      broken.push(seg);
    }
  }
  if (upgraded.length) await store.replace({ put: upgraded });
  if (broken.length) await store.replace({ remove: broken.map((s) => s.name), forget: broken.flatMap((s) => s.ids) });
}

const entry = (seg) => ({ name: seg.name, ids: seg.ids, created: seg.created, bytes: seg.bytes.length });

/** The page checked against the reading, or null when nothing is remembered. */
export function checkReading(text, meta) {
  return lib && segs.size ? lib.check(text, meta) : null;
}

const localDay = (t) => {
  const d = new Date(t);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** The days the reader read the versions a report names (by URL), as the report view takes them. */
export async function readDays(...reports) {
  const urls = new Set();
  for (const r of reports) {
    if (!r) continue;
    for (const v of [r.known_version, r.source_version, ...(Array.isArray(r.story) ? r.story : [])]) if (v?.url) urls.add(v.url);
  }
  const read = {};
  for (const url of urls) {
    const a = await store.articleAt(url);
    if (a) read[url] = localDay(a.read);
  }
  return read;
}

/**
 * Remembers an article the reader opened, unless they have not said yes, have paused, excluded its
 * site, or it is remembered already (`seen`: the reading knows the page). Returns whether it did.
 */
export async function remember(text, page, host, seen) {
  const s = await getSettings();
  if (s.choice !== 'yes' || s.paused || seen || s.never.includes(host) || !page.url) return false;
  if (await store.articleAt(page.url)) return false;
  const read = Date.now();
  const id = `r${read.toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const article = { id, url: page.url, title: page.title, outlet: page.outlet, published: page.published, host, read };
  const bytes = lib.buildPack([{ id, url: page.url, title: page.title, outlet: page.outlet, published: page.published, text }]);
  const seg = { name: `seg-${id}`, bytes, ids: [id], created: read };
  await store.add(article, seg);
  lib.addPack(seg.name, bytes);
  segs.set(seg.name, entry(seg));
  return true;
}

// Swaps segments in storage first (one transaction), then in the engine (synchronous, so a check
// never sees half of it).
async function swap({ put = [], remove = [], forget = [] }) {
  await store.replace({ put, remove: remove.map((s) => s.name), forget });
  for (const seg of put) {
    lib.addPack(seg.name, seg.bytes);
    segs.set(seg.name, entry(seg));
  }
  for (const seg of remove) {
    lib.removePack(seg.name);
    segs.delete(seg.name);
  }
}

const segmentBytes = (name) => db.transact(['segments'], 'readonly', (s) => s.segments.get(name)).then((x) => x.bytes);

/** Merges segments of similar size until no tier holds too many (background work, after a page). */
export async function compact() {
  for (let group; (group = nextMerge([...segs.values()]));) {
    const bytes = lib.mergePacks(await Promise.all(group.map((s) => segmentBytes(s.name))));
    const created = Math.min(...group.map((s) => s.created));
    await swap({ put: [{ name: `seg-m${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`, bytes,
      ids: group.flatMap((s) => s.ids), created }], remove: group });
  }
}

// Rebuilds the segments holding any of these articles without them, and forgets the articles.
async function forgetArticles(ids) {
  const drop = new Set(ids);
  if (!drop.size) return 0;
  const put = [];
  const remove = [];
  for (const seg of segs.values()) {
    if (!seg.ids.some((id) => drop.has(id))) continue;
    remove.push(seg);
    const keep = seg.ids.filter((id) => !drop.has(id));
    if (keep.length) {
      put.push({ name: `seg-f${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
        bytes: lib.dropVersions(await segmentBytes(seg.name), seg.ids.filter((id) => drop.has(id))).bytes, ids: keep, created: seg.created });
    }
  }
  await swap({ put, remove, forget: [...drop] });
  return drop.size;
}

export const forgetSite = async (host) => forgetArticles(await store.idsOfHost(cleanHost(host)));

export async function forgetAll() {
  await store.clear();
  for (const name of segs.keys()) lib.removePack(name);
  segs.clear();
}

/** Over the cap (with some slack), the articles read longest ago are forgotten. */
export async function enforceCap() {
  const { cap } = await getSettings();
  const n = await store.articleCount();
  if (n <= cap * (1 + CAP_SLACK)) return 0;
  const oldest = (await store.articles()).sort((a, b) => a.read - b.read).slice(0, n - cap);
  return forgetArticles(oldest.map((a) => a.id));
}

function cleanHost(host) {
  const h = String(host ?? '').trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '').replace(/^www\./, '');
  if (!h || h.length > 253 || !/^[\p{L}\p{N}.:[\]-]+$/u.test(h)) throw new UserError('host', 'Give a site as its address, for example nytimes.com.');
  return h;
}

/** The reader's choice (first-run page or options): 'yes' or 'no'; pause; cap. */
export async function setSettings({ choice, paused, cap }) {
  const patch = {};
  if (choice !== undefined) {
    if (choice !== 'yes' && choice !== 'no') throw new UserError('choice', 'Choose yes or no.');
    patch.choice = choice;
  }
  if (paused !== undefined) patch.paused = !!paused;
  if (cap !== undefined) {
    if (!CAPS.includes(Number(cap))) throw new UserError('cap', `Choose one of ${CAPS.join(', ')} articles.`);
    patch.cap = Number(cap);
  }
  await saveSettings(patch);
  if (patch.cap) await enforceCap();
}

/** Never remember a site (and forget what is remembered of it), or allow it again. */
export async function neverSite(host, on = true) {
  const h = cleanHost(host);
  const { never } = await getSettings();
  await saveSettings({ never: on ? [...new Set([...never, h])].sort() : never.filter((x) => x !== h) });
  if (on) await forgetSite(h);
}

/** Everything remembered as one pack (importable elsewhere), staged for the page asking (lib/db.js). */
export async function exportPack() {
  const all = [...segs.values()];
  if (!all.length) throw new UserError('reading.empty', 'Nothing is remembered yet.');
  const parts = await Promise.all(all.map((s) => segmentBytes(s.name)));
  const bytes = parts.length === 1 ? parts[0] : lib.mergePacks(parts);
  return { staged: await db.stage(bytes), bytes: bytes.length };
}

/** What the options page shows: settings, count, size, and the sites remembered. */
export async function summary() {
  const sites = new Map();
  for (const a of await store.articles()) {
    const s = sites.get(a.host) ?? { host: a.host, outlet: a.outlet, articles: 0, last: 0 };
    s.articles += 1;
    s.last = Math.max(s.last, a.read);
    sites.set(a.host, s);
  }
  let bytes = 0;
  let articles = 0;
  for (const s of segs.values()) bytes += s.bytes, articles += s.ids.length;
  return { settings: await getSettings(), caps: CAPS, articles, bytes, segments: segs.size,
    sites: [...sites.values()].sort((a, b) => b.last - a.last) };
}
