// The JS wrapper (core/js/storyprint.mjs) over the wasm core: UTF-16 offsets, bad packs, break
// dictionaries on demand, and token parity with the native CLI (native and wasm must
// see the same tokens). Run: node --test tests/js/
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { ROOT, requireNative, requireWasm, runNative } from './helpers.mjs';

requireWasm();
const { createEngine, Engine, StoryprintError } = await import('../../core/js/storyprint.mjs');

const KNOWN = 'The mayor of the small town announced on Tuesday that the old bridge over the river would be closed ' +
  'for repairs until the end of next year. Engineers found serious cracks in two of the supporting pillars during ' +
  'a routine inspection last month. Residents will have to use a ferry service that the council has promised to ' +
  'run every half hour.';
const COPY = 'Engineers found serious cracks in two of the supporting pillars during a routine inspection last month. ' +
  'Residents will have to use a ferry service that the council has promised to run every half hour';

describe('UTF-16 offsets', () => {
  let engine;
  before(async () => {
    engine = await createEngine();
    engine.addPack('k', engine.buildPack([{ id: 'k1', text: KNOWN }]));
  });

  // Astral characters (emoji, flags, skin tones, mathematical letters) are two UTF-16 units and
  // one code point: offsets that counted code points would land mid-word here.
  const prefixes = {
    emoji: '😀 👍🏽 🇫🇷 😀😀😀 — ',
    accents: 'Ça va? naïve café, São Paulo, Ærø — ',
    cjk: '北约秘书长吕特在佛罗里达州会见了当选总统特朗普。',
    astral: '𝒳𝒴𝒵 𠀀𠀁 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ',
  };
  for (const [name, prefix] of Object.entries(prefixes)) {
    test(`text.slice(start, end) is the passage (${name} before and inside the page)`, async () => {
      const page = `${prefix}${COPY}. 👍🏽 Fin. ${prefix}`;
      await engine.ensureDictionaries(page);
      const r = engine.check(page);
      assert.equal(r.offsets, 'utf16');
      assert.equal(r.page.length, page.length);
      const verbatim = r.passages.filter((p) => p.kind === 'verbatim');
      assert.ok(verbatim.some((p) => page.slice(p.start, p.end) === COPY),
        `no verbatim passage is the copied text: ${JSON.stringify(r.passages.map((p) => page.slice(p.start, p.end)))}`);
      // Every passage starts and ends on token boundaries (never inside a surrogate pair).
      const { tokens } = engine.tokenize(page);
      const starts = new Set(tokens.map((t) => t.start)), ends = new Set(tokens.map((t) => t.end));
      for (const p of r.passages) assert.ok(starts.has(p.start) && ends.has(p.end), `passage ${p.start}-${p.end} off token bounds`);
    });
  }

  test('token offsets: UTF-16 and code points index the same characters', () => {
    const text = 'a😀b café 𝒳y 中文';
    const cps = [...text];
    for (const t of engine.tokenize(text).tokens)
      assert.equal(text.slice(t.start, t.end), cps.slice(t.startCp, t.endCp).join(''));
  });
});

describe('bad packs', () => {
  let engine, good;
  before(async () => {
    engine = await createEngine();
    good = engine.buildPack([{ id: 'k1', text: KNOWN }, { id: 'k2', text: 'An entirely different story about a football match and its result.' }]);
    engine.addPack('good', good);
  });
  const flipped = () => {
    const b = good.slice();
    b[b.length - 20] ^= 0x40; // a payload byte: only the checksum can tell
    return b;
  };
  const foreign = () => new TextEncoder().encode('PK\u0003\u0004 this is a zip file, not a pack'.padEnd(200, '.'));
  const cases = [
    ['truncated', () => good.slice(0, Math.floor(good.length / 2)), 'pack.truncated'],
    ['truncated inside the header', () => good.slice(0, 10), 'pack.truncated'],
    ['flipped byte', flipped, 'pack.checksum'],
    ['foreign', foreign, 'pack.foreign'],
    // Zero bytes carry no magic: the reader calls that foreign (a failed download, say).
    ['empty', () => new Uint8Array(0), 'pack.foreign'],
  ];
  for (const [name, bytes, code] of cases) {
    test(`${name} pack: StoryprintError ${code}, and the engine keeps working`, () => {
      assert.throws(() => engine.addPack(`bad-${name}`, bytes()), (e) => e instanceof StoryprintError && e.code === code);
      assert.deepEqual(engine.packs().map((p) => p.name), ['good']);
      const r = engine.check(`${COPY}.`);
      assert.equal(r.pack, 'good');
      assert.equal(r.source, 'k1');
    });
  }
  test('a bad pack never replaces a good one of the same name', () => {
    assert.throws(() => engine.addPack('good', flipped()), StoryprintError);
    assert.equal(engine.check(`${COPY}.`).source, 'k1');
  });
  test('not bytes at all', () => {
    assert.throws(() => engine.addPack('x', 'a string'), (e) => e instanceof StoryprintError && e.code === 'pack.type');
  });
});

describe('merging and pruning packs', () => {
  let engine, seeds;
  before(async () => {
    engine = await createEngine();
    const meta = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/data/seeds.json'), 'utf8')).seeds;
    seeds = meta.map((s) => ({ id: s.id, outlet: s.outlet, url: s.url, title: s.title, published: s.published,
      text: fs.readFileSync(path.join(ROOT, '../shared/data/seeds', s.file), 'utf8') }));
  });
  const same = (a, b) => assert.ok(Buffer.from(a).equals(Buffer.from(b)), 'pack bytes differ');

  test('mergePacks is buildPack of all the versions at once; the merged pack checks alike', () => {
    const a = engine.buildPack([seeds[0]]), b = engine.buildPack([seeds[1]]);
    const merged = engine.mergePacks([a, b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)]);
    same(merged, engine.buildPack([seeds[0], seeds[1]]));
    engine.addPack('merged', merged);
    try {
      const r = engine.check(seeds[2].text, seeds[2]);
      assert.equal(r.verdict, 'rewrite');
      assert.equal(r.source, seeds[0].id);
      assert.equal(engine.check(seeds[1].text, seeds[1]).known_version.id, seeds[1].id);
    } finally {
      engine.removePack('merged');
    }
  });
  test('editPacks adds new versions to a pack, skips those it has, and counts both', () => {
    const pack = engine.buildPack([seeds[0], seeds[1]]);
    const r = engine.editPacks({ packs: [pack], versions: [seeds[1], seeds[2]] });
    const all = engine.buildPack([seeds[0], seeds[1], seeds[2]]);
    same(r.bytes, all);
    const stories = Buffer.from(all).readUInt32LE(36); // the header's story count
    assert.deepEqual({ ...r, bytes: undefined }, { bytes: undefined, versions: 3, stories, duplicates: 1, pruned: 0 });
  });
  test('prunePack drops the versions published before the date, keeping the undated', () => {
    const dated = [{ ...seeds[0], published: '2024-11-20' }, { ...seeds[1], published: '' }, seeds[2]];
    const r = engine.editPacks({ packs: [engine.buildPack(dated)], before: '2024-11-21' });
    assert.equal(r.pruned, 1);
    same(r.bytes, engine.buildPack(dated.slice(1)));
    same(engine.prunePack(engine.buildPack(dated), '2024-11-21'), r.bytes);
  });
  test('a bad pack, a bad version or a bad date: an error naming it, and the next edit is clean', () => {
    const good = engine.buildPack([seeds[0]]);
    const bad = good.slice();
    bad[bad.length - 20] ^= 0x40;
    assert.throws(() => engine.mergePacks([good, bad]), (e) => e instanceof StoryprintError && e.code === 'pack.checksum' && e.pack === 1);
    assert.throws(() => engine.mergePacks([good, 'not bytes']), (e) => e.code === 'pack.type' && e.pack === 1);
    assert.throws(() => engine.editPacks({ packs: [good], versions: [seeds[1], { id: '', text: 'x' }] }),
      (e) => e.code === 'pack.meta' && e.index === 1);
    for (const before of ['', 'last week', '2024-13-01'])
      assert.throws(() => engine.prunePack(good, before), (e) => e.code === 'pack.date', before);
    // Nothing of the failed edits is left in the core: the next merge holds only its own packs.
    same(engine.mergePacks([good]), good);
  });
  test('upgradePack builds packs of formats 2 to 4 again in today\'s format, as the native CLI does', async () => {
    requireNative();
    const old = fs.readFileSync(path.join(ROOT, 'tests/data/format2.pack'));
    assert.throws(() => engine.addPack('old', old), (e) => e.code === 'pack.version');
    const up = engine.upgradePack(old);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sp-upgrade-'));
    await runNative('pack', 'merge', path.join(ROOT, 'tests/data/format2.pack'), '-o', path.join(dir, 'up.pack'));
    same(up, fs.readFileSync(path.join(dir, 'up.pack')));
    const info = engine.addPack('old', up);
    assert.equal(info.versions, 10);
    engine.removePack('old');
    const v1 = Uint8Array.from(old);
    v1[8] = 1; // format 1: its keys are words, not stems; only its texts can rebuild it
    assert.throws(() => engine.upgradePack(v1), (e) => e.code === 'pack.version');
    // Packs of formats 3 and 4 (the same texts, by those formats' writers) become the same pack.
    for (const format of [3, 4]) {
      const older = fs.readFileSync(path.join(ROOT, `tests/data/format${format}.pack`));
      assert.throws(() => engine.addPack('old', older), (e) => e.code === 'pack.version', `format ${format}`);
      same(engine.upgradePack(older), up);
    }
  });
});

describe('limits and hostile input: errors as values, the module keeps working', () => {
  test('over-long pages and lone surrogates', async () => {
    const engine = await createEngine({ dictionaries: false });
    engine.addPack('p', engine.buildPack([{ id: 'k', text: KNOWN }]));
    assert.throws(() => engine.check('a'.repeat((16 << 20) + 1)), (e) => e instanceof StoryprintError && e.code === 'text.too_large');
    assert.throws(() => engine.check('a '.repeat((4 << 20) + 1)), (e) => e.code === 'text.too_many_tokens');
    const r = engine.check(`\uD800${COPY}\uDFFF`);
    assert.equal(r.source, 'k');
    assert.equal(r.page.replaced_invalid, true);
    assert.equal(r.page.length, COPY.length + 2); // one unit each: offsets still index the caller's string
  });
  test('a pack over the limit is refused by its size, before it is copied into wasm memory', async () => {
    const engine = await createEngine({ dictionaries: false });
    const before = engine.memoryBytes();
    for (const n of [(256 << 20) + 1, (512 << 20) + 5]) {
      assert.throws(() => engine.addPack('big', new Uint8Array(n)), (e) => e instanceof StoryprintError &&
        e.code === 'pack.too_large' && e.message === `pack has ${n} bytes; the limit is 268435456 bytes (256 MiB)`);
      assert.throws(() => engine.checkPackSize(n), (e) => e.code === 'pack.too_large');
    }
    assert.equal(engine.memoryBytes(), before); // wasm memory never shrinks: it must not have grown
    engine.checkPackSize(256 << 20); // the limit itself is allowed
    assert.deepEqual(engine.packs(), []);
  });
  test('a page of combining marks: its run is bounded, and the report says how much was left out', async () => {
    const engine = await createEngine({ dictionaries: false });
    engine.addPack('p', engine.buildPack([{ id: 'k', text: KNOWN }]));
    const r = engine.check(`a${'\u0301\u0316'.repeat(50_000)} ${COPY}`);
    assert.equal(r.page.marks_dropped, 100_000 - 30);
    assert.equal(r.source, 'k');
    assert.equal(engine.check(COPY).page.marks_dropped, 0);
  });
  test('names and metadata with lone surrogates, quotes and controls come back whole', async () => {
    const engine = await createEngine({ dictionaries: false });
    const name = 'p"\\\u0001\uD800x';
    engine.addPack(name, engine.buildPack([{ id: 'k\uDC00"', outlet: '\u0000', text: KNOWN }]));
    assert.deepEqual(engine.packs().map((p) => p.name), ['p"\\\u0001\uFFFDx']); // the x is not eaten
    const r = engine.check(COPY, { id: '\uD800"id', url: '\uDFFF' });
    assert.equal(r.id, '\uFFFD"id');
    assert.equal(r.source, 'k\uFFFD"');
    assert.equal(r.pack, 'p"\\\u0001\uFFFDx');
  });
  test('a module that aborted anyway is reported as such, and refuses further calls', () => {
    // A stand-in module whose check aborts as an Emscripten module does (RuntimeError "Aborted(...)").
    const heap = new ArrayBuffer(1 << 16);
    const fake = {
      Engine: class { check() { throw new WebAssembly.RuntimeError('Aborted(OOM)'); } packs() { return '[]'; } },
      _malloc: () => 16, _free: () => {}, HEAPU8: new Uint8Array(heap), HEAPU16: new Uint16Array(heap),
    };
    const engine = new Engine(fake, false);
    assert.deepEqual(engine.packs(), []);
    assert.throws(() => engine.check('text'), (e) => e instanceof StoryprintError && e.code === 'engine.aborted' && /Aborted\(OOM\)/.test(e.message));
    assert.throws(() => engine.packs(), (e) => e.code === 'engine.aborted');
  });
});

describe('break dictionaries, loaded on demand', () => {
  const samples = {
    zh: '北约秘书长吕特在佛罗里达州会见了当选总统特朗普',
    ja: '北大西洋条約機構のルッテ事務総長は、フロリダ州でトランプ次期大統領と会談した',
    th: 'เลขาธิการนาโตพบกับประธานาธิบดีคนใหม่ที่ฟลอริดา',
  };
  test('not loaded until a text needs them; then each script splits into words', async () => {
    const engine = await createEngine();
    assert.equal(await engine.ensureDictionaries('Plain English needs none.'), false);
    const before = {};
    for (const [lang, text] of Object.entries(samples)) {
      assert.equal(engine.needsDictionaries(text), true, lang);
      before[lang] = engine.tokenize(text).tokens.length;
    }
    assert.equal(await engine.ensureDictionaries(samples.zh), true);
    for (const [lang, text] of Object.entries(samples)) {
      assert.equal(engine.needsDictionaries(text), false, `${lang}: loaded now`);
      const words = engine.tokenize(text).tokens;
      assert.ok(words.length >= 5 && words.length > before[lang], `${lang}: ${before[lang]} -> ${words.length} tokens`);
      // Words, not single characters everywhere: some token spans several characters.
      assert.ok(words.some((t) => t.end - t.start >= 2), `${lang}: no multi-character word`);
    }
  });
  test('dictionaries: false never loads them', async () => {
    const engine = await createEngine({ dictionaries: false });
    assert.equal(await engine.ensureDictionaries(samples.th), false);
    assert.equal(engine.needsDictionaries(samples.th), true);
  });
});

describe('tokens: wasm equals native (tests/data/multilingual.jsonl)', () => {
  const file = path.join(ROOT, 'tests/data/multilingual.jsonl');
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
  let native, engine;
  before(async () => {
    requireNative();
    native = (await runNative('tokens', '--jsonl', file)).trim().split('\n').map((l) => JSON.parse(l));
    engine = await createEngine();
    for (const { text } of lines) await engine.ensureDictionaries(text);
  });
  for (const [i, { lang, text }] of lines.entries()) {
    test(`${lang}: same language, forms, stem keys, code point offsets, sentences`, () => {
      const w = engine.tokenize(text);
      const mine = w.tokens.map((t) => ({ form: t.form, key: t.key, start: t.startCp, end: t.endCp, sentence: t.sentence }));
      const theirs = native[i].tokens.map((t) => ({ form: t.form, key: t.key, start: t.start, end: t.end, sentence: t.sentence }));
      assert.ok(theirs.length > 0);
      assert.equal(w.language, native[i].language);
      assert.match(theirs[0].key, /^[0-9a-f]{16}$/);
      assert.deepEqual(mine, theirs);
      assert.deepEqual(w.sentences, native[i].sentences);
    });
  }
});

describe('pack summary and sibling engines', () => {
  const seedsMeta = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/data/seeds.json'), 'utf8')).seeds;
  const seedText = (s) => fs.readFileSync(path.join(ROOT, '../shared/data/seeds', s.file), 'utf8');
  let engine, pack;
  before(async () => {
    engine = await createEngine();
    pack = engine.buildPack([...seedsMeta.map((s) => ({ ...s, text: seedText(s) })),
      { id: 'undated', text: KNOWN }]);
  });

  test('packSummary: outlets by versions, the dated range, what has no outlet or date', () => {
    const s = engine.packSummary(pack);
    assert.equal(s.versions, 6);
    assert.deepEqual(s.outlets.map((o) => o.versions), [1, 1, 1, 1, 1]);
    assert.deepEqual(s.outlets.map((o) => o.name).sort(), seedsMeta.map((m) => m.outlet).sort());
    assert.deepEqual([s.earliest, s.latest, s.unnamed, s.undated, s.other_outlets], ['2024-11-23', '2024-11-24', 1, 1, 0]);
    assert.deepEqual(engine.packs(), [], 'the summarised pack is not loaded');
  });

  test('packSummary refuses a damaged pack as addPack does', () => {
    const bad = pack.slice();
    bad[bad.length - 20] ^= 0x40;
    assert.throws(() => engine.packSummary(bad), (e) => e instanceof StoryprintError && e.code === 'pack.checksum');
  });

  test('dropVersions: the pack without those versions, the rest still found', () => {
    const r = engine.dropVersions(pack, [seedsMeta[0].id, 'undated', 'not-in-the-pack']);
    assert.deepEqual([r.versions, r.dropped], [4, 2]);
    const e = engine.sibling();
    e.addPack('rest', r.bytes);
    assert.equal(e.check(seedText(seedsMeta[0])).known_version, null, 'a dropped version is gone');
    assert.equal(e.check(seedText(seedsMeta[2])).known_version?.id, seedsMeta[2].id);
    assert.equal(engine.packSummary(r.bytes).undated, 0);
  });

  test('a sibling engine shares the module but not the packs', () => {
    const a = engine.sibling();
    const b = engine.sibling();
    a.addPack('seeds', pack);
    const page = seedText(seedsMeta[2]);
    assert.equal(a.check(page).known_version?.id, seedsMeta[2].id);
    assert.equal(b.check(page).pack, null, 'the other sibling has no pack');
    assert.deepEqual(b.packs(), []);
    assert.equal(a.memoryBytes(), engine.memoryBytes(), 'one module memory');
  });
});
