// Types of the Storyprint JS wrapper (storyprint.mjs). Report fields: see core/REPORT_FORMAT.md.

export type Verdict = 'syndicated' | 'rewrite' | 'original';

export interface VersionInfo {
  id: string;
  outlet: string;
  url: string;
  title: string;
  published: string;
}

export interface VersionMatch {
  id: string;
  outlet: string;
  published: string;
  /** IDF-weighted share of the page's content words found in this version */
  containment: number;
  /** share of page tokens in word 3-grams shared with this version */
  cov3: number;
  /** share of this version's tokens in 3-grams shared with the page */
  reverse3: number;
}

export interface Passage {
  /** UTF-16 code units into the checked string (the wrapper) or code points (native CLI) */
  start: number;
  end: number;
  kind: 'verbatim' | 'reworded';
}

export interface Quote {
  /** from the quotation's first word to its last, in the same units as passages */
  start: number;
  end: number;
  /** the largest share of its words in word 3-grams shared with one compared known version */
  shared: number;
  /** id of that version when the share is at least 0.5 (it has the quotation), else null */
  version: string | null;
}

export interface Credit {
  /** what the page names as its source, as matched (e.g. "france24") */
  name: string;
  /** the credit line */
  start: number;
  end: number;
}

export interface Report {
  pack: string | null;
  id: string;
  verdict: Verdict;
  confidence: number;
  probabilities: Record<Verdict, number>;
  /** id of the attributed known version (derived verdicts) */
  source: string | null;
  source_version: VersionInfo | null;
  /** set when the page is a known version itself */
  known_version: VersionInfo | null;
  scores: Record<string, number>;
  matches: VersionMatch[];
  /** the known versions of the best-matching story, oldest first */
  story: VersionInfo[];
  offsets: 'utf16' | 'codepoint';
  passages: Passage[];
  /** quotations on the page (when a story matched), in reading order */
  quotes: Quote[];
  credit: Credit | null;
  /** the page holds its source nearly whole, word for word: syndicated whatever else it carries */
  republished: boolean;
  page: { tokens: number; length: number; replaced_invalid: boolean };
}

export interface PageMeta {
  id?: string;
  url?: string;
  outlet?: string;
  title?: string;
  published?: string;
}

export interface KnownVersion extends Partial<VersionInfo> {
  id: string;
  text: string;
}

export interface PackInfo {
  name: string;
  versions: number;
  stories: number;
  bytes: number;
}

export interface PackSummary {
  versions: number;
  stories: number;
  /** outlets by number of versions, most first (at most 20) */
  outlets: { name: string; versions: number }[];
  /** outlets beyond those listed */
  other_outlets: number;
  /** versions with no outlet, and with no publication date */
  unnamed: number;
  undated: number;
  /** YYYY-MM-DD of the oldest and newest dated versions ("" when none is dated) */
  earliest: string;
  latest: string;
}

/** What Engine.editPacks made. */
export interface PackEdit {
  bytes: Uint8Array;
  versions: number;
  stories: number;
  /** versions left out because an earlier one has the same id or the same URL */
  duplicates: number;
  /** versions left out as published before the date */
  pruned: number;
}

export interface Token {
  /** canonical (case-folded) form */
  form: string;
  /** the token's hash (16 hex digits): bits 63-48 (the sequence hash) are XXH3-64 of the form, bits 31-0 (the content key) of its stem in the text's language, or of the form when it is not stemmed */
  key: string;
  start: number;
  end: number;
  startCp: number;
  endCp: number;
  sentence: number;
}

export class StoryprintError extends Error {
  /**
   * stable code, e.g. "pack.checksum", "pack.truncated", "pack.foreign", "pack.newer", "pack.too_large",
   * "pack.date", "text.too_large", "text.too_many_tokens"; "engine.aborted" when the module stopped (make a new engine)
   */
  code: string;
  /** buildPack / editPacks: the index of the version refused */
  index?: number;
  /** editPacks: the index of the pack refused */
  pack?: number;
}

export interface EngineOptions {
  /** bytes or URL of storyprint-core.wasm (default: beside the wrapper) */
  wasm?: Uint8Array | ArrayBuffer | URL | string;
  /** bytes or URL of storyprint-dict.dat, or false never to load the break dictionaries */
  dictionaries?: Uint8Array | ArrayBuffer | URL | string | false;
}

export function createEngine(options?: EngineOptions): Promise<Engine>;

export class Engine {
  /** Throws StoryprintError `pack.too_large` for a pack of this many bytes (checked before any copy). */
  checkPackSize(byteLength: number): void;
  addPack(name: string, bytes: Uint8Array | ArrayBuffer): PackInfo;
  removePack(name: string): boolean;
  packs(): PackInfo[];
  /** What a pack covers (outlets, dates); validates the bytes as addPack does, keeps nothing. */
  packSummary(bytes: Uint8Array | ArrayBuffer): PackSummary;
  /** Another engine over the same module, with packs of its own (checked apart from this one's). */
  sibling(): Engine;
  check(text: string, meta?: PageMeta): Report;
  /** check() as the core's JSON text (numbers as printed by the core, 4 decimals). */
  checkJson(text: string, meta?: PageMeta): string;
  buildPack(versions: KnownVersion[]): Uint8Array;
  /**
   * Packs combined at the fingerprint level: the versions of `packs` in order, then the new
   * `versions`, the first of each id or URL kept, those published before `before` (YYYY-MM-DD; the
   * undated are kept) left out, grouped into stories as if all were built at once. A refused pack
   * throws with `pack` set to its index, a refused version with `index`, a bad date `pack.date`.
   */
  editPacks(edit: { packs?: Array<Uint8Array | ArrayBuffer>; versions?: KnownVersion[]; before?: string }): PackEdit;
  /** editPacks({packs}).bytes: one pack of all their versions. */
  mergePacks(packs: Array<Uint8Array | ArrayBuffer>): Uint8Array;
  /** The pack without the versions of these ids, its stories regrouped (forgetting some of a reader's articles). */
  dropVersions(pack: Uint8Array | ArrayBuffer, ids: string[]): { bytes: Uint8Array; versions: number; stories: number; dropped: number };
  /** editPacks({packs: [pack], before}).bytes. */
  prunePack(pack: Uint8Array | ArrayBuffer, before: string): Uint8Array;
  /** A pack of an earlier format built again in today's, its versions kept. */
  upgradePack(pack: Uint8Array | ArrayBuffer): Uint8Array;
  /** Size of the module's memory in bytes (it grows as needed and never shrinks). */
  memoryBytes(): number;
  /** language: the Snowball language the text's words are stemmed in ("english"), or "none" */
  tokenize(text: string): { language: string; tokens: Token[]; sentences: [number, number][] };
  needsDictionaries(text: string): boolean;
  ensureDictionaries(text?: string): Promise<boolean>;
}
