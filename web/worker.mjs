// The demo's engine, off the page's main thread: a module worker importing the one shared wrapper
// (runtime/storyprint.mjs is core/js/storyprint.mjs, copied by scripts/build-web.sh). Messages are
// {id, type, ...args}; every reply is {id, ok: true, result} or {id, ok: false, error: {code, message}}.
import { createEngine, StoryprintError } from './runtime/storyprint.mjs';
import { counterpartOf } from './runtime/report-view.mjs';

const WASM_URL = new URL('./runtime/wasm/storyprint-core.wasm', import.meta.url);
const DEMO_PACK_URL = new URL('./data/demo.pack', import.meta.url);
const YOURS = 'yours'; // the pack built from versions the visitor added

let wasmBytes = null; // fetched once, shared by both engines
let engine = null; // checks pages against every loaded pack
let reverseEngine = null; // holds only a one-version pack of the page, to find passages in a known text
const held = new Map(); // id -> known version whose text the demo holds ({id, outlet, url, title, published, text})
let yours = []; // versions the visitor added, in the order added
// Every loaded pack's bytes by name, so that a fresh engine can be given them all again should the
// core's module abort (it returns errors as values and is fuzzed; an abort would be a bug). The
// page hands its bytes over (transferred), so keeping them costs no copy.
const loaded = new Map();

function load(name, bytes) {
  const info = engine.addPack(name, bytes);
  loaded.set(name, bytes);
  return info;
}
function unload(name) {
  engine.removePack(name);
  loaded.delete(name);
}

// A module that aborted refuses every later call: replace it with a new one holding the same packs.
async function restart() {
  engine = await createEngine({ wasm: wasmBytes });
  reverseEngine = null;
  for (const [name, bytes] of loaded) engine.addPack(name, bytes);
}

async function fetchBytes(url) {
  const res = await fetch(url);
  if (!res.ok) throw new StoryprintError('load.fetch', `cannot fetch ${url.pathname}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

async function init() {
  wasmBytes = await fetchBytes(WASM_URL);
  engine = await createEngine({ wasm: wasmBytes });
  // A missing demo pack leaves a working engine without it: report it, do not fail the page.
  let demoError = null;
  try {
    load('demo', await fetchBytes(DEMO_PACK_URL));
  } catch (e) {
    demoError = errorOf(e);
  }
  return { packs: engine.packs(), demoError };
}

function hold(versions) {
  for (const v of versions) held.set(v.id, v);
  return held.size;
}

// Which known version to show beside the page: report-view's counterpartOf (itself, its source, or
// for an independent report the closest version of the story).

// Passages on the known version's side: check the known text against a pack built from the page.
async function reversePassages(pageText, knownText) {
  reverseEngine ??= await createEngine({ wasm: wasmBytes });
  await reverseEngine.ensureDictionaries(pageText + '\n' + knownText);
  reverseEngine.removePack('page');
  reverseEngine.addPack('page', reverseEngine.buildPack([{ id: 'page', text: pageText }]));
  return reverseEngine.check(knownText).passages;
}

async function check({ text, meta }) {
  await engine.ensureDictionaries(text);
  const report = engine.check(text, meta);
  const cp = counterpartOf(report);
  let counterpart = null;
  if (cp) {
    // Its metadata: from the report's version records, else the (shorter) match record.
    const info = report.known_version ?? report.source_version ?? report.story.find((v) => v.id === cp.id)
      ?? report.matches.find((m) => m.id === cp.id) ?? {};
    const h = held.get(cp.id);
    counterpart = { ...cp, version: { ...info, id: cp.id }, text: null, passages: [] };
    if (h) {
      counterpart.text = h.text;
      counterpart.passages = await reversePassages(text, h.text);
    }
  }
  return { report, counterpart };
}

function addPack({ name, bytes }) {
  const info = load(name, bytes);
  return { info, packs: engine.packs() };
}

function removePack({ name }) {
  unload(name);
  if (name === YOURS) yours = [];
  return { packs: engine.packs(), yours: yours.map(({ text, ...m }) => m) };
}

// Rebuilds the visitor's pack from all their versions (a pack cannot be appended to).
async function rebuildYours() {
  if (!yours.length) {
    unload(YOURS);
    return null;
  }
  for (const v of yours) await engine.ensureDictionaries(v.text);
  const bytes = engine.buildPack(yours);
  load(YOURS, bytes);
  return bytes.slice(); // the page gets a copy: this one stays, to reload after a restart
}

async function addVersion({ version }) {
  if (!version.id || !version.text.trim()) throw new StoryprintError('version.empty', 'a known version needs an id and some text');
  const before = yours;
  yours = [...yours.filter((v) => v.id !== version.id), version];
  let bytes;
  try {
    bytes = await rebuildYours();
  } catch (e) {
    yours = before;
    // The wrapper's builder keeps what it was given before a failure: flush it (see report to the lead).
    try { engine.buildPack([]); } catch { /* nothing to flush */ }
    throw e;
  }
  held.set(version.id, version);
  return { bytes, packs: engine.packs(), yours: yours.map(({ text, ...m }) => m) };
}

async function removeVersion({ id }) {
  yours = yours.filter((v) => v.id !== id);
  held.delete(id);
  const bytes = await rebuildYours();
  return { bytes, packs: engine.packs(), yours: yours.map(({ text, ...m }) => m) };
}

const handlers = {
  init,
  hold: ({ versions }) => hold(versions),
  check,
  addPack,
  removePack,
  addVersion,
  removeVersion,
  packs: () => engine.packs(),
};

function errorOf(e) {
  return {
    code: e?.code ?? 'internal',
    message: e?.message ?? String(e),
  };
}

// One message at a time, in order: the engine is synchronous and the demo state must not interleave.
let queue = Promise.resolve();
self.onmessage = ({ data }) => {
  const { id, type, ...args } = data;
  queue = queue.then(async () => {
    try {
      const handler = handlers[type];
      if (!handler) throw new StoryprintError('worker.unknown', `unknown request ${type}`);
      if (type !== 'init' && !engine) throw new StoryprintError('worker.not_ready', 'the engine is not loaded');
      const result = await handler(args);
      // Pack bytes go back as a transferable copy (the engine's own buffer stays in the worker).
      const transfer = result?.bytes instanceof Uint8Array ? [result.bytes.buffer] : [];
      self.postMessage({ id, ok: true, result }, transfer);
    } catch (e) {
      let error = errorOf(e);
      if (error.code === 'engine.aborted') {
        try {
          await restart();
          error = { code: error.code, message: `the engine stopped on this request (${e.message}) and has restarted with the same packs; other texts can be checked` };
        } catch (again) {
          engine = null; // every later request then says the engine is not loaded
          error = { code: error.code, message: `the engine stopped (${e.message}) and could not restart (${again.message}); reload the page` };
        }
      }
      self.postMessage({ id, ok: false, error });
    }
  });
};
