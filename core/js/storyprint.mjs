// The one JS wrapper around the Storyprint wasm core, shared by the extension, the demo page and
// the Node runner. It loads the module in Node, pages, Web Workers and MV3 service workers alike
// (always handing it the wasm bytes: Emscripten 3.1.6's own loader fails under Node ES modules and
// fetches file paths), moves strings into wasm memory as UTF-16 (so passage offsets are offsets
// into the caller's string), and turns the core's error values into StoryprintError.
import createStoryprintCore from './wasm/storyprint-core.mjs';

const WASM_URL = new URL('./wasm/storyprint-core.wasm', import.meta.url);
const DICT_URL = new URL('./wasm/storyprint-dict.dat', import.meta.url);

export class StoryprintError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'StoryprintError';
    this.code = code;
  }
}

const nodeFs = () => globalThis.process?.getBuiltinModule?.('node:fs');

async function readBytes(source) {
  if (source instanceof Uint8Array) return source;
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  const url = source instanceof URL ? source : new URL(String(source), import.meta.url);
  if (url.protocol === 'file:') {
    const fs = nodeFs();
    if (!fs) throw new StoryprintError('load.unsupported', 'cannot read file: URLs here: pass the bytes instead');
    return new Uint8Array(await fs.promises.readFile(url));
  }
  const res = await fetch(url);
  if (!res.ok) throw new StoryprintError('load.fetch', `cannot fetch ${url}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

// Strings that cross into the module through embind as UTF-8 (names, ids, metadata, eval pages).
// Emscripten's encoder pairs a lone surrogate with whatever unit follows it, eating that unit: a
// lone surrogate becomes U+FFFD here first, as the core does with page text.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const utf8Safe = (v) => String(v ?? '').replace(LONE_SURROGATE, '\uFFFD');

function parse(json) {
  const v = JSON.parse(json);
  if (v && v.error) throw new StoryprintError(v.error.code, v.error.message);
  return v;
}

// The core's JSON text unchanged (its numbers keep their 4 decimals), or its error thrown.
function checked(json) {
  if (json.startsWith('{"error":')) parse(json);
  return json;
}

/**
 * Loads the core. Options: wasm (bytes or URL of storyprint-core.wasm), dictionaries (bytes or URL
 * of storyprint-dict.dat, the CJK/Thai/Lao/Khmer/Burmese break dictionaries, fetched only when a
 * text needs them; false to never load them).
 */
export async function createEngine(options = {}) {
  const wasmBinary = await readBytes(options.wasm ?? WASM_URL);
  const module = await createStoryprintCore({ wasmBinary, print: () => {}, printErr: () => {} });
  return new Engine(module, options.dictionaries ?? DICT_URL);
}

/**
 * Key of what core/js/evaluate.mjs (the runner's evaluation, not part of this API) needs of an
 * engine: engine[internals](fn) calls fn({module, withText, utf8Safe, parse, checked}) under the
 * engine's abort guard, so that evaluation shares its module (and loaded dictionaries).
 */
export const internals = Symbol('storyprint.internals');

export class Engine {
  #m;
  #engine;
  #dictSource;
  #dictLoaded = false;

  constructor(module, dictionaries) {
    this.#m = module;
    this.#engine = new module.Engine();
    this.#dictSource = dictionaries;
  }

  #aborted = null;

  // The core returns errors as values and is fuzzed; should its module still abort (a bug), the
  // module is unusable from then on: say so with a code callers can act on (the extension makes a
  // new engine), instead of a RuntimeError now and mysterious failures later.
  #guard(fn) {
    if (this.#aborted) throw new StoryprintError('engine.aborted', this.#aborted);
    try {
      return fn();
    } catch (e) {
      if (e instanceof StoryprintError || !(e instanceof WebAssembly.RuntimeError || /^Aborted/.test(e?.message))) throw e;
      this.#aborted = `the core stopped (${e.message}); create a new engine`;
      throw new StoryprintError('engine.aborted', this.#aborted);
    }
  }

  // Runs fn(ptr, length) with the string in wasm memory as UTF-16 code units.
  #withText(text, fn) {
    const s = String(text ?? '');
    const ptr = this.#m._malloc(s.length * 2 + 2);
    if (!ptr) throw new StoryprintError('text.too_large', 'not enough memory for this text');
    try {
      const heap = this.#m.HEAPU16; // read after malloc: memory growth replaces the view
      const base = ptr >> 1;
      for (let i = 0; i < s.length; i++) heap[base + i] = s.charCodeAt(i);
      return fn(ptr, s.length);
    } finally {
      this.#m._free(ptr);
    }
  }

  #withBytes(bytes, fn) {
    const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    const ptr = this.#m._malloc(Math.max(1, b.length));
    if (!ptr) throw new StoryprintError('pack.too_large', 'not enough memory for this pack');
    try {
      this.#m.HEAPU8.set(b, ptr);
      return fn(ptr, b.length);
    } finally {
      this.#m._free(ptr);
    }
  }

  /** Adds (or replaces) a named pack; throws StoryprintError for a bad pack, keeping the others. */
  addPack(name, bytes) {
    if (!(bytes instanceof Uint8Array || bytes instanceof ArrayBuffer))
      throw new StoryprintError('pack.type', 'a pack must be given as bytes (Uint8Array or ArrayBuffer)');
    this.checkPackSize(bytes.byteLength);
    const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    // Written straight into the buffer the core keeps: one copy into wasm memory, not two.
    return this.#guard(() => {
      const ptr = this.#engine.stagePack(b.length);
      if (!ptr && b.length) throw new StoryprintError('pack.too_large', 'not enough memory for this pack');
      this.#m.HEAPU8.set(b, ptr);
      return parse(this.#engine.addStagedPack(utf8Safe(name)));
    });
  }

  /** Throws the core's `pack.too_large` for a pack of this many bytes, before anything is copied. */
  checkPackSize(byteLength) {
    const e = this.#m.packSizeError(Number(byteLength));
    if (e) parse(e);
  }

  removePack(name) { return this.#guard(() => this.#engine.removePack(utf8Safe(name))); }

  /**
   * What a pack covers: {versions, stories, outlets: [{name, versions}], other_outlets, unnamed,
   * undated, earliest, latest}. The bytes are validated (throws as addPack does) and not kept.
   */
  packSummary(bytes) {
    const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    this.checkPackSize(b.byteLength);
    return this.#guard(() => this.#withBytes(b, (p, n) => parse(this.#m.packSummary(p, n))));
  }

  /**
   * Another engine over the same loaded module: its own packs, checked apart from this one's, with
   * no second copy of the module (a page can then be checked against two sets of packs).
   */
  sibling() { return new Engine(this.#m, this.#dictSource); }

  packs() { return this.#guard(() => parse(this.#engine.packs())); }

  /** Checks a page against every loaded pack. Offsets in the report are UTF-16 offsets into text. */
  check(text, meta = {}) { return JSON.parse(this.checkJson(text, meta)); }

  /** check() as the core's JSON text, for output that must equal the native CLI's byte for byte. */
  checkJson(text, meta = {}) {
    const m = meta ?? {};
    return this.#guard(() => this.#withText(text, (p, n) =>
      checked(this.#engine.check(p, n, utf8Safe(m.id), utf8Safe(m.url), utf8Safe(m.outlet), utf8Safe(m.title),
        utf8Safe(m.published)))));
  }

  /** Builds a pack from [{id, outlet, url, title, published, text}]; returns its bytes. */
  buildPack(versions) { return this.#guard(() => this.#buildPack(versions)); }

  #buildPack(versions) {
    this.#stageVersions(versions);
    parse(this.#engine.builderFinish());
    return this.#engine.builtBytes().slice();
  }

  // Fingerprints versions into the core's builder; a refused one throws with its index, and the
  // builder is emptied (a failed build must not leak its versions into the next one).
  #stageVersions(versions) {
    let i = 0;
    try {
      for (const v of versions) {
        this.#withText(v.text, (p, n) =>
          parse(this.#engine.builderAdd(utf8Safe(v.id), utf8Safe(v.outlet), utf8Safe(v.url), utf8Safe(v.title),
            utf8Safe(v.published), p, n)));
        ++i;
      }
    } catch (err) {
      if (err instanceof StoryprintError) err.index = i; // which version was refused
      this.#engine.builderReset();
      throw err;
    }
  }

  /**
   * Packs combined at the fingerprint level, no text needed: the versions of `packs` (bytes, in
   * order) and new `versions` ({id, outlet, url, title, published, text}, fingerprinted here), the
   * first of each id or URL kept, those published before `before` (YYYY-MM-DD) left out, grouped
   * into stories as if built at once. Returns {bytes, versions, stories, duplicates, pruned}. A
   * refused pack throws its StoryprintError with `pack` (its place in packs), a refused version
   * with `index` (its place in versions), a bad date with code `pack.date`.
   */
  editPacks(edit) { return this.#guard(() => this.#editPacks(edit)); }

  /** Merges packs into one (see editPacks); returns its bytes. */
  mergePacks(packs) { return this.editPacks({ packs }).bytes; }

  /**
   * A pack of an earlier format (2: before common sentences) built again in today's, its versions
   * kept: what a reader's stored reading needs after an update. Returns its bytes; throws the
   * pack's error when it cannot be upgraded (format 1: `pack.version`, damage: `pack.checksum`...).
   */
  upgradePack(pack) { return this.editPacks({ packs: [pack] }).bytes; }

  /** The pack without the versions published before `before` (YYYY-MM-DD); returns its bytes. */
  prunePack(pack, before) { return this.editPacks({ packs: [pack], before }).bytes; }

  #editPacks({ packs = [], versions = [], before } = {}) {
    const asBytes = (b) => (b instanceof Uint8Array ? b : b instanceof ArrayBuffer ? new Uint8Array(b) : null);
    try {
      if (before !== undefined) parse(this.#engine.mergerDropBefore(utf8Safe(before)));
      packs.forEach((p, i) => {
        try {
          const bytes = asBytes(p);
          if (!bytes) throw new StoryprintError('pack.type', 'a pack must be given as bytes (Uint8Array or ArrayBuffer)');
          this.checkPackSize(bytes.byteLength);
          this.#withBytes(bytes, (ptr, n) => parse(this.#engine.mergerAddPack(ptr, n)));
        } catch (err) {
          if (err instanceof StoryprintError) err.pack = i;
          throw err;
        }
      });
      if (versions.length) {
        this.#stageVersions(versions);
        parse(this.#engine.mergerAddBuilt());
      }
    } catch (err) {
      this.#engine.mergerReset(); // a failed edit must not leak its versions into the next one
      throw err;
    }
    const info = parse(this.#engine.mergerFinish());
    return { bytes: this.#engine.builtBytes().slice(), versions: info.versions, stories: info.stories,
      duplicates: info.duplicates, pruned: info.pruned };
  }

  [internals](fn) {
    return this.#guard(() => fn({ module: this.#m, withText: (text, f) => this.#withText(text, f), utf8Safe, parse, checked }));
  }

  /**
   * The pack without the versions of these ids (ids it lacks are ignored), its stories regrouped as
   * if built at once: {bytes, versions, stories, dropped}. Throws as addPack does for a bad pack.
   */
  dropVersions(pack, ids) {
    const bytes = pack instanceof Uint8Array ? pack : new Uint8Array(pack);
    this.checkPackSize(bytes.byteLength);
    return this.#guard(() => {
      const list = new this.#m.StringVector();
      try {
        for (const id of ids) list.push_back(utf8Safe(id));
        const info = this.#withBytes(bytes, (p, n) => parse(this.#engine.dropVersions(p, n, list)));
        return { bytes: this.#engine.builtBytes().slice(), versions: info.versions, stories: info.stories, dropped: info.dropped };
      } finally {
        list.delete();
      }
    });
  }

  /** Size of the module's memory in bytes (it grows as needed and never shrinks). */
  memoryBytes() { return this.#m.HEAPU8.buffer.byteLength; }

  /** Canonical tokens and sentences, as the core sees the text (offsets: UTF-16 and code points). */
  tokenize(text) { return this.#guard(() => this.#withText(text, (p, n) => parse(this.#m.tokenize(p, n)))); }

  /** Whether the text has scripts whose words need the break dictionaries, not yet loaded. */
  needsDictionaries(text) { return this.#guard(() => this.#withText(text, (p, n) => this.#m.needsDictionaries(p, n))); }

  /**
   * Loads the break dictionaries if the text needs them (Chinese, Japanese, Thai, Lao, Khmer,
   * Burmese). Returns true when they are (now) loaded. Call before check() for such pages.
   */
  async ensureDictionaries(text) {
    if (this.#dictLoaded) return true;
    if (text !== undefined && !this.needsDictionaries(text)) return false;
    if (this.#dictSource === false) return false;
    const bytes = await readBytes(this.#dictSource);
    this.#guard(() => this.#withBytes(bytes, (p, n) => parse(this.#m.registerDictionaries(p, n))));
    this.#dictLoaded = true;
    return true;
  }
}
