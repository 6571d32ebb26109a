// Native CLI vs headless runner (wasm) on every shared dev set: the same reports from
// `check --pages` and the same `eval --json`. Run: node --test tests/js/
//
// Tolerance: a number the core prints with decimals (scores, probabilities: 4 decimals) may differ
// by at most 1e-4 (one unit in the last printed place, from float rounding); everything else —
// verdicts, attributions, ids, offsets, counts — must be equal strings. Matches are compared as a
// set (each list must still be ordered by score): the core sorts them without a tie-breaker, so
// versions with equal scores may come in either order (reported to the core's owner).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { NATIVE as NATIVE_BIN, ROOT, RUNNER as RUNNER_JS, SHARED, requireNative, requireShared, requireWasm, runNative, runRunner } from './helpers.mjs';
import { Raw, RawObject, parseRaw, stringifyRaw } from '../../core/js/runner/rawjson.mjs';

requireNative();
requireWasm();
requireShared();
const promisifiedExec = (cmd, args) => promisify(execFile)(cmd, args, { maxBuffer: 1 << 30, cwd: ROOT });

const TOL = 1e-4;
const lines = (s) => s.split('\n').filter((l) => l);

/** Compares two raw JSON trees; returns the first difference as "path: a != b", or null. */
function diff(a, b, at = '$') {
  if (a instanceof Raw && b instanceof Raw) {
    if (a.text === b.text) return null;
    const decimal = /^-?\d+\.\d+$/;
    if (decimal.test(a.text) && decimal.test(b.text) && Math.abs(Number(a.text) - Number(b.text)) <= TOL + 1e-9) return null;
    return `${at}: ${a.text} != ${b.text}`;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${at}: ${a.length} items != ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = diff(a[i], b[i], `${at}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (a instanceof RawObject && b instanceof RawObject) {
    const ka = a.entries.map((e) => e[0]), kb = b.entries.map((e) => e[0]);
    if (ka.join() !== kb.join()) return `${at}: keys ${ka} != ${kb}`;
    for (const k of ka) {
      const d = diff(a.get(k), b.get(k), `${at}.${k}`);
      if (d) return d;
    }
    return null;
  }
  return `${at}: different types`;
}

const score = (m) => Number(m.get('containment').text) + Number(m.get('cov3').text);
function matchesAsSet(report) {
  const m = report.get('matches');
  for (let i = 1; i < m.length; i++)
    assert.ok(score(m[i - 1]) >= score(m[i]) - 2e-4, `${report.get('id').text}: matches out of order`);
  m.sort((x, y) => (x.get('id').text < y.get('id').text ? -1 : x.get('id').text > y.get('id').text ? 1 : 0));
  return report;
}

/** Every report line the same, within the tolerance; returns how many were byte-identical. */
function assertSameReports(nativeOut, runnerOut) {
  const n = lines(nativeOut), r = lines(runnerOut);
  assert.equal(r.length, n.length, 'number of reports');
  let identical = 0;
  for (let i = 0; i < n.length; i++) {
    if (n[i] === r[i]) { identical++; continue; }
    const d = diff(matchesAsSet(parseRaw(n[i])), matchesAsSet(parseRaw(r[i])));
    assert.equal(d, null, `report ${i + 1} (${JSON.parse(n[i]).id}): native vs runner differ at ${d}`);
  }
  return identical;
}

async function checkParity(t, pack, pages) {
  const [n, r] = await Promise.all([runNative('check', '--pack', pack, '--pages', pages), runRunner('check', '--pack', pack, '--pages', pages)]);
  const identical = assertSameReports(n, r);
  const total = lines(n).length;
  assert.ok(total > 0);
  // Verdicts and attributions exactly, stated on their own so that a failure says which.
  const v = (s) => lines(s).map((l) => { const o = JSON.parse(l); return `${o.id} ${o.verdict} ${o.source}`; });
  assert.deepEqual(v(r), v(n));
  t.diagnostic(`${identical}/${total} reports byte-identical, the others equal up to the order of tied matches and ${TOL}`);
}

async function evalParity(set, cv) {
  const args = ['eval', '--known', path.join(SHARED, set, 'known.jsonl'), '--pages', path.join(SHARED, set, 'pages.jsonl'), '--cv', String(cv), '--json'];
  const [n, r] = await Promise.all([runNative(...args), runRunner(...args)]);
  const strip = (s) => {
    const o = parseRaw(s.trim());
    assert.ok(o.get('pages_per_second'), 'pages_per_second present');
    o.delete('pages_per_second'); // timing: the one field allowed to differ
    return o;
  };
  const [a, b] = [strip(n), strip(r)];
  assert.equal(diff(a, b), null);
  assert.equal(stringifyRaw(b), stringifyRaw(a), 'eval --json must be identical text');
}

for (const set of ['meter-dev', 'clough-stevenson']) {
  describe(set, () => {
    let tmp, pack;
    before(async () => {
      requireShared(`${set}/known.jsonl`);
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sp-parity-'));
      pack = path.join(tmp, 'native.pack');
      await runNative('pack', 'build', path.join(SHARED, set, 'known.jsonl'), '-o', pack);
    });
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    test('pack build: the runner writes the same bytes', async () => {
      const js = path.join(tmp, 'runner.pack');
      await runRunner('pack', 'build', path.join(SHARED, set, 'known.jsonl'), '-o', js);
      assert.ok(fs.readFileSync(js).equals(fs.readFileSync(pack)), 'pack bytes differ');
    });
    test('check --pages: same verdicts, attributions, scores, passages', (t) => checkParity(t, pack, path.join(SHARED, set, 'pages.jsonl')));
    test('eval --json --cv 5: identical except pages_per_second', () => evalParity(set, 5));
    test('eval (the table): identical except the pages/s figure', async () => {
      const args = ['eval', '--known', path.join(SHARED, set, 'known.jsonl'), '--pages', path.join(SHARED, set, 'pages.jsonl')];
      const [n, r] = await Promise.all([runNative(...args), runRunner(...args)]);
      const speed = (s) => s.replace(/, \d+ pages\/s$/m, ', N pages/s');
      assert.match(n, /pages\/s/);
      assert.equal(speed(r), speed(n));
    });
  });
}

describe('seeds', () => {
  let tmp, pack, pagesFile;
  const seedsDir = path.join(SHARED, 'seeds');
  const seeds = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/data/seeds.json'), 'utf8')).seeds;
  before(async () => {
    requireShared('seeds');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sp-parity-'));
    // The demo pack's recipe (scripts/build-demo-pack.sh): the known seeds, texts from ../shared/data.
    const rec = (s) => ({ id: s.id, outlet: s.outlet, url: s.url, title: s.title, published: s.published,
      text: fs.readFileSync(path.join(seedsDir, s.file), 'utf8') });
    const known = path.join(tmp, 'known.jsonl');
    fs.writeFileSync(known, seeds.filter((s) => s.known).map((s) => `${JSON.stringify(rec(s))}\n`).join(''));
    pagesFile = path.join(tmp, 'pages.jsonl');
    fs.writeFileSync(pagesFile, seeds.map((s) => `${JSON.stringify(rec(s))}\n`).join(''));
    pack = path.join(tmp, 'seeds.pack');
    await runNative('pack', 'build', known, '-o', pack);
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('check --pages (with metadata)', (t) => checkParity(t, pack, pagesFile));
  test('check FILE... (text files, metadata from the command line)', async (t) => {
    const files = seeds.map((s) => path.join(seedsDir, s.file));
    const meta = ['--outlet', 'Some Outlet', '--published', '2024-11-25', '--url', 'https://example.com/x'];
    const [n, r] = await Promise.all([runNative('check', '--pack', pack, ...meta, ...files), runRunner('check', '--pack', pack, ...meta, ...files)]);
    t.diagnostic(`${assertSameReports(n, r)}/${files.length} reports byte-identical`);
  });
  test('astral characters before quotations and a credit line: the same code point offsets', async () => {
    // Each emoji is two UTF-16 units and one code point: the runner must convert every offset
    // the wasm core reports (passages, quotes, credit), or they drift from the native CLI's.
    const farm = seeds.find((s) => s.id === 'rewrite-of-france24-2024-11-24');
    const text = `\u{1F4F0}\u{1F1FA}\u{1F1E6} ${fs.readFileSync(path.join(seedsDir, farm.file), 'utf8')}\n\n` +
      '\u{1F30D} Trump said in February that Russia could do "whatever the hell they want" to allies that do not pay.';
    const file = path.join(tmp, 'astral.txt');
    fs.writeFileSync(file, text);
    const [n, r] = await Promise.all([runNative('check', '--pack', pack, file), runRunner('check', '--pack', pack, file)]);
    assertSameReports(n, r);
    const report = JSON.parse(r);
    const cps = Array.from(text);
    const at = (x) => cps.slice(x.start, x.end).join('');
    assert.ok(report.quotes.some((q) => at(q) === 'whatever the hell they want'), JSON.stringify(report.quotes));
    assert.equal(at(report.credit), 'Original Source: www.france24.com');
  });
  test('check --pretty prints what the native CLI prints', async () => {
    const file = path.join(seedsDir, seeds[2].file);
    const [n, r] = await Promise.all([runNative('check', '--pretty', '--pack', pack, file), runRunner('check', '--pretty', '--pack', pack, file)]);
    assert.equal(r, n);
  });
});

// A publisher's daily pack on real wire copy: built, added to, merged and pruned by both CLIs,
// byte for byte the same packs and the same words on stderr.
describe('pack add, merge, prune: the same packs and words from both CLIs', () => {
  let tmp, parts;
  const both = async (args) => {
    const out = {};
    for (const [name, cmd] of [['native', [NATIVE_BIN]], ['runner', [process.execPath, RUNNER_JS]]]) {
      const dir = path.join(tmp, name);
      const { stderr } = await promisifiedExec(cmd[0], [...cmd.slice(1), ...args(dir)]);
      out[name] = stderr.replaceAll(dir, 'DIR');
    }
    assert.equal(out.runner, out.native);
    return out.native;
  };
  const same = (file) => assert.ok(fs.readFileSync(path.join(tmp, 'native', file)).equals(fs.readFileSync(path.join(tmp, 'runner', file))), `${file} differs`);
  before(() => {
    requireShared('meter-dev/known.jsonl');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sp-parity-edit-'));
    for (const d of ['native', 'runner']) fs.mkdirSync(path.join(tmp, d));
    // METER's wire copy in three parts: days that follow one another, so stories cross the parts.
    const all = lines(fs.readFileSync(path.join(SHARED, 'meter-dev/known.jsonl'), 'utf8'));
    parts = [all.slice(0, 130), all.slice(130, 260), all.slice(260)].map((p, i) => {
      const f = path.join(tmp, `part${i}.jsonl`);
      fs.writeFileSync(f, p.map((l) => `${l}\n`).join(''));
      return f;
    });
    fs.writeFileSync(path.join(tmp, 'all.jsonl'), all.map((l) => `${l}\n`).join(''));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('build, add (JSON lines and a pack, one of them twice), merge, prune', async () => {
    await both((d) => ['pack', 'build', parts[0], '-o', path.join(d, 'daily.pack')]);
    await both((d) => ['pack', 'build', parts[2], '-o', path.join(d, 'third.pack')]);
    const added = await both((d) => ['pack', 'add', path.join(d, 'daily.pack'), parts[1], path.join(d, 'third.pack'), parts[0]]);
    assert.match(added, /; 130 duplicates left out\n$/);
    same('daily.pack');
    // Versions in the order packs first, then JSON lines: the pack built from them in that order.
    await both((d) => ['pack', 'build', parts[0], parts[2], parts[1], '-o', path.join(d, 'expected.pack')]);
    same('expected.pack');
    assert.ok(fs.readFileSync(path.join(tmp, 'native/daily.pack')).equals(fs.readFileSync(path.join(tmp, 'native/expected.pack'))));
    await both((d) => ['pack', 'build', parts[1], '-o', path.join(d, 'second.pack')]);
    await both((d) => ['pack', 'merge', path.join(d, 'daily.pack'), path.join(d, 'second.pack'), '-o', path.join(d, 'merged.pack')]);
    same('merged.pack');
    const pruned = await both((d) => ['pack', 'prune', path.join(d, 'merged.pack'), '--before', '2000-01-01', '-o', path.join(d, 'recent.pack')]);
    assert.match(pruned, /published before 2000-01-01 left out/);
    same('recent.pack');
    const unchanged = await both((d) => ['pack', 'prune', path.join(d, 'recent.pack'), '--before', '2000-01-01']);
    assert.match(unchanged, /^DIR\/recent\.pack unchanged: /);
  });
});

describe('tokens: the same language and stem keys natively and in wasm', () => {
  let tmp, file;
  before(() => {
    requireShared('heavy-dev/known.jsonl');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sp-parity-'));
    // Every 40th text of each dev set, and every one that is not in Latin script or has Spanish
    // function words (heavy-dev's known versions hold Russian and Spanish ones).
    const picked = [];
    for (const set of ['meter-dev', 'heavy-dev', 'clough-stevenson']) {
      for (const kind of ['known', 'pages']) {
        const ls = lines(fs.readFileSync(path.join(SHARED, set, `${kind}.jsonl`), 'utf8'));
        ls.forEach((l, i) => {
          const { text } = JSON.parse(l);
          if (i % 40 === 0 || /[\u0400-\u04FF]/.test(text) || / las | los /.test(text)) picked.push(JSON.stringify({ text }));
        });
      }
    }
    for (const l of lines(fs.readFileSync(path.join(ROOT, 'tests/data/multilingual.jsonl'), 'utf8'))) picked.push(l);
    file = path.join(tmp, 'texts.jsonl');
    fs.writeFileSync(file, picked.map((l) => `${l}\n`).join(''));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('every token the same form, key and offsets; every text the same language', async (t) => {
    const [n, r] = await Promise.all([runNative('tokens', '--jsonl', file), runRunner('tokens', '--jsonl', file)]);
    const a = lines(n).map((l) => JSON.parse(l)), b = lines(r).map((l) => JSON.parse(l));
    assert.equal(b.length, a.length);
    const langs = new Set(a.map((o) => o.language));
    for (const lang of ['english', 'russian', 'spanish', 'french', 'german', 'arabic', 'none']) assert.ok(langs.has(lang), `no ${lang} text in the sample`);
    for (let i = 0; i < a.length; i++) assert.deepEqual(b[i], a[i], `text ${i + 1}`);
    t.diagnostic(`${a.length} texts, ${a.reduce((s, o) => s + o.tokens.length, 0)} tokens; languages: ${[...langs].sort().join(', ')}`);
  });
});

// One JSON-lines reading in both CLIs. Each bad line sits between good ones; both CLIs
// must give the same exit code and the same words, line for line.
describe('bad JSON lines: the same result and the same words from both CLIs', () => {
  const demoPack = path.join(ROOT, 'build/demo/demo.pack');
  const good = (id) => Buffer.from(`${JSON.stringify({ id, text: 'Zorblat quimble fervent. Another plain sentence here.' })}\n`);
  const bad = {
    'invalid UTF-8 in a string': Buffer.from('{"id": "x", "text": "caf\xff"}', 'latin1'),
    'invalid UTF-8 outside strings': Buffer.from('\xfe{"id": "x", "text": "y"}', 'latin1'),
    'an overlong encoding': Buffer.from('{"id": "x", "text": "\xc0\xaf"}', 'latin1'),
    'an encoded surrogate': Buffer.from('{"id": "x", "text": "\xed\xa0\x80"}', 'latin1'),
    'a lone surrogate escape': Buffer.from('{"id": "x", "text": "\\ud800"}'),
    'a lone trail surrogate escape in a key': Buffer.from('{"id": "x", "text": "y", "\\udc00": 1}'),
    'a number beyond a double': Buffer.from('{"id": "x", "text": "y", "n": 1e999999}'),
    'a negative number beyond a double': Buffer.from('{"id": "x", "text": "y", "n": -1e400}'),
    'a byte order mark on line 2': Buffer.from('\ufeff{"id": "x", "text": "y"}'),
    'a byte order mark alone': Buffer.from('\ufeff'),
    'a raw control character in a string': Buffer.from('{"id": "x", "text": "a\u0001b"}'),
    'a NUL byte in a string': Buffer.from('{"id": "x", "text": "a\u0000b"}'),
    'an array': Buffer.from('[1, 2]'),
    'a string': Buffer.from('"text"'),
    'null': Buffer.from('null'),
    'a truncated object': Buffer.from('{"id": "x", "text": '),
    'trailing text': Buffer.from('{"id": "x", "text": "y"} z'),
    'duplicate keys': Buffer.from('{"id": "x", "text": "first", "text": "second"}'),
    'text not a string': Buffer.from('{"id": "x", "text": 5}'),
    'a CR before the newline': Buffer.from('{"id": "x", "text": "y"}\r'),
  };
  let dir;
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sp-badlines-')); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const run = async (cmd, args) => {
    try {
      const { stdout, stderr } = await promisifiedExec(cmd[0], [...cmd.slice(1), ...args]);
      return { code: 0, stdout, stderr };
    } catch (e) {
      return { code: e.code, stdout: e.stdout, stderr: e.stderr.replace(/^storyprint-js:/gm, 'storyprint:') };
    }
  };
  const [NATIVE_CMD, RUNNER_CMD] = [[NATIVE_BIN], [process.execPath, RUNNER_JS]];
  const both = async (args) => [await run(NATIVE_CMD, args), await run(RUNNER_CMD, args)];
  for (const [name, line] of Object.entries(bad)) {
    test(name, async () => {
      const file = path.join(dir, `${name.replace(/\W+/g, '-')}.jsonl`);
      fs.writeFileSync(file, Buffer.concat([good('a'), line, Buffer.from('\n'), good('b')]));
      const [n, r] = await both(['check', '--pack', demoPack, '--pages', file]);
      const summary = (o) => o.stdout.trim().split('\n').map((l) => { const j = JSON.parse(l); return j.error ? `line ${j.line} id ${j.id}: ${j.error.code}: ${j.error.message}` : `${j.id}: ${j.verdict}`; });
      assert.deepEqual(summary(r), summary(n));
      assert.equal(r.code, n.code);
      const out = path.join(dir, 'out.pack');
      fs.rmSync(out, { force: true });
      const nb = await run(NATIVE_CMD, ['pack', 'build', file, '-o', out]);
      fs.rmSync(out, { force: true }); // else the runner finds the same bytes there: "unchanged"
      const rb = await run(RUNNER_CMD, ['pack', 'build', file, '-o', out]);
      assert.equal(rb.code, nb.code);
      assert.equal(rb.stderr, nb.stderr);
    });
  }
  test('a text over the size limit is named by its place in both CLIs', async () => {
    const file = path.join(dir, 'long.jsonl');
    fs.writeFileSync(file, Buffer.concat([good('a'), Buffer.from(`${JSON.stringify({ id: 'long', text: 'ab '.repeat(6_000_000) })}\n`)]));
    const [nb, rb] = await both(['pack', 'build', file, '-o', path.join(dir, 'out.pack')]);
    assert.equal(nb.code, 1);
    assert.match(nb.stderr, /long\.jsonl:2: /);
    assert.equal(rb.code, nb.code);
    assert.equal(rb.stderr, nb.stderr);
  });
});
