// The report view (core/js/report-view.mjs), the words every surface shows: on real reports of the
// demo samples (demo/, in the repository) and of the seed pages, and on hand-made edge cases.
//   node --test tests/js/report-view.test.mjs
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { createEngine } from '../../core/js/storyprint.mjs';
import * as view from '../../core/js/report-view.mjs';
import { ROOT, SHARED, requireShared, requireWasm } from './helpers.mjs';

requireWasm();
const { samples } = JSON.parse(fs.readFileSync(path.join(ROOT, 'demo/samples.json'), 'utf8'));
for (const s of samples) s.text = fs.readFileSync(path.join(ROOT, 'demo', s.file), 'utf8');
const meta = ({ id, outlet, url, title, published }) => ({ id, outlet, url, title, published });
let engine;
const reports = {};

before(async () => {
  engine = await createEngine({ wasm: fs.readFileSync(path.join(ROOT, 'core/js/wasm/storyprint-core.wasm')), dictionaries: false });
  engine.addPack('demo', engine.buildPack(samples.filter((s) => s.known).map((s) => ({ ...meta(s), text: s.text }))));
  for (const s of samples) reports[s.id] = engine.check(s.text, meta(s));
});

const READER_STATES = ['known', 'syndicated', 'rewrite', 'independent', 'none', 'seen'];

test('each state a reader can meet has its own badge, colour and label', () => {
  for (const key of ['badge', 'color', 'label']) {
    const values = READER_STATES.map((s) => view.STATES[s][key]);
    assert.equal(new Set(values).size, values.length, `${key}s are distinct: ${values}`);
  }
  for (const s of READER_STATES) assert.ok(view.STATES[s].badge.length <= 4, `${s}: badge of at most 4 characters`);
  // Green was read as an endorsement: no state uses it now.
  assert.ok(READER_STATES.every((s) => !/^#2e7d32$/i.test(view.STATES[s].color)));
});

for (const s of samples) {
  test(`demo sample ${s.file}: ${s.expect}, and why in words`, () => {
    const r = reports[s.id];
    const state = view.stateOf(r);
    assert.equal(state, s.expect, `state of ${s.id}: verdict ${r.verdict}, story ${r.story?.length}, scores ${JSON.stringify(r.scores)}`);
    if (s.source) assert.equal(r.source, s.source);
    const why = view.whySentences(r, { packs: 1, text: s.text });
    assert.ok(why.length >= 1 && why.length <= 4, `one to four sentences: ${JSON.stringify(why)}`);
    const all = why.join(' ');
    switch (state) {
      case 'known':
        assert.match(all, new RegExp(`^This page is ${s.outlet}’s report “${s.title}” of \\d+ Mar 2026, one of the versions in your packs\\.`));
        assert.equal(view.sourceOf(r), null);
        assert.equal(view.confidenceOf(r).level, 'certain');
        assert.equal(view.showProbabilities(r), false);
        break;
      case 'syndicated':
      case 'rewrite':
        // Names the source and says how much of the page it holds, with the words the evidence gives.
        assert.match(all, /Riverton Courier’s report/);
        assert.match(all, /\d+% of this page is shared with it: \d+% word for word, \d+% reworded\./);
        // The rewrite rewords most sentences beyond sentence matching: its words and their order say it.
        if (state === 'rewrite') assert.match(all, /^It retells \d+% of the sentences of Riverton Courier’s report(, in the same order)?, partly word for word, partly reworded\./);
        if (state === 'rewrite') assert.match(all, /Its one quotation is in a known version too/);
        if (r.republished) assert.match(all, /a republication/);
        assert.equal(view.sourceOf(r)?.id, s.source);
        break;
      case 'independent':
        // A story the packs know, but no source is named and the closest version is only "closest".
        assert.match(all, /^Your packs hold 1 version of the story it covers \(closest: Riverton Courier\), but it does not retell any of them\./);
        assert.equal(view.sourceOf(r), null);
        assert.equal(view.counterpartOf(r)?.role, 'closest');
        // The Gazette's bridge report names people of its own (a nurse, a farmer, a street).
        assert.ok(view.feature(r, 'names') < 0.8, `names ${view.feature(r, 'names')}`);
        assert.match(all, /Only \d+% of the names and figures it gives are in the closest version’s story: it brings people, places or numbers of its own\./);
        assert.doesNotMatch(view.whySentences({ ...r, scores: { ...r.scores, names: 0.95 } }, {}).join(' '), /names and figures/);
        break;
      case 'none':
        assert.deepEqual(why, ['No version in your packs tells this story: Storyprint cannot say whether it is original or derived from a report it does not know.']);
        assert.deepEqual(view.timelineOf(r, meta(s)), []);
        assert.equal(view.counterpartOf(r), null);
        break;
      default:
        assert.fail(state);
    }
  });
}

test('the copy inside an aggregator page: its verdict is settled by its text, so no probability bars', () => {
  const r = reports['digest-2026-03-15-bridge'];
  assert.equal(r.republished, true, 'the page holds its source nearly whole');
  assert.equal(view.decidedBy(r), 'republished');
  assert.equal(view.showProbabilities(r), false);
  assert.deepEqual(view.confidenceOf(r).level, 'certain');
});

test('quotations are listed once each, with the outlet that has them too', () => {
  const s = samples.find((x) => x.id === 'gazette-2026-03-14-bridge-day');
  const r = reports[s.id];
  const quotes = view.quotesOf(r, s.text);
  assert.equal(quotes.length, new Set(quotes.map((q) => q.text)).size);
  const shared = quotes.filter((q) => q.version);
  assert.deepEqual(shared.map((q) => [q.text, view.quoteTag(q)]),
    [['We promised the town we would have it open before the spring market', 'also in Riverton Courier']]);
  assert.match(view.quotesSummary(quotes), new RegExp(`^1 of the ${quotes.length} quotations on this page is also in a known version\\.`));
  // A quotation repeated on the page is listed once.
  const twice = { ...r, quotes: [...r.quotes, ...r.quotes] };
  assert.equal(view.quotesOf(twice, s.text).length, quotes.length);
});

test('passages are listed as stretches: a changed word between copied runs is not an item of its own', () => {
  const derived = samples.filter((x) => ['rewrite', 'syndicated'].includes(view.stateOf(reports[x.id])));
  assert.ok(derived.length > 0);
  for (const s of derived) {
    const { passages } = reports[s.id];
    const listed = view.listedPassages(passages, s.text);
    assert.ok(listed.length <= passages.length);
    for (let i = 1; i < listed.length; i++) assert.ok(listed[i].start - listed[i - 1].end > 3, `${s.id}: items ${i - 1} and ${i} touch`);
    for (const p of listed) assert.equal(p.text, s.text.slice(p.start, p.end));
    const chars = (ps) => ps.reduce((n, p) => n + p.end - p.start, 0);
    assert.ok(chars(listed) >= chars(passages), 'merging loses no shared text');
  }
  const merged = view.listedPassages([{ start: 0, end: 10, kind: 'verbatim', text: 'a' }, { start: 11, end: 14, kind: 'reworded', text: 'b' }]);
  assert.deepEqual(merged, [{ start: 0, end: 14, kind: 'verbatim', text: 'a b' }]);
});

test('timeline: the story oldest first, the checked page placed by its date, the source tagged', () => {
  const s = samples.find((x) => x.id === 'countytimes-2026-03-15-bridge');
  const items = view.timelineOf(reports[s.id], meta(s));
  assert.deepEqual(items.map((it) => [it.page, it.version.published, it.tags]),
    [[false, '2026-03-14', ['source']], [true, '2026-03-15', ['this page']]]);
  const early = view.timelineOf(reports[s.id], { ...meta(s), published: '2026-03-01' });
  assert.equal(early[0].page, true, 'a page older than every version comes first');
});

test('features are read by name: absent ones are left out, renamed ones are found', () => {
  const r = structuredClone(reports['countytimes-2026-03-15-bridge']);
  delete r.scores.source_sentences;
  delete r.scores.source_containment;
  delete r.scores.log_tokens;
  r.scores.source_coverage = 0.5;
  delete r.scores.source_cov3;
  const why = view.whySentences(r, {}).join(' ');
  assert.match(why, /50% of the words of Riverton Courier’s report are in phrases it shares with this page/);
  assert.equal(view.feature(r, 'nope', 'source_coverage'), 0.5);
  assert.equal(view.feature(r, 'nope'), undefined);
});

test('a story given as an index below zero, or none at all, reads as no known version', () => {
  const r = reports['gazette-2026-03-14-bridge-day'];
  assert.equal(view.stateOf({ ...r, story: -1 }), 'none');
  assert.equal(view.stateOf({ ...r, story: [] }), 'none');
  assert.equal(view.stateOf({ ...r, story: 0 }), 'independent');
  assert.equal(view.whySentences({ ...r, story: [] }, { packs: 0 })[0], 'No packs are loaded: add one to check articles against known versions.');
});

test('confidence in words: three classes, so levels at 80% and 60%', () => {
  const base = { ...reports['countytimes-2026-03-15-bridge'], credit: null, republished: false };
  assert.equal(view.confidenceOf({ ...base, confidence: 0.85 }).text, 'High confidence (85%)');
  assert.equal(view.confidenceOf({ ...base, confidence: 0.6 }).level, 'medium');
  assert.equal(view.confidenceOf({ ...base, confidence: 0.45 }).level, 'low');
  assert.match(view.confidenceOf({ ...base, confidence: 0.45 }).explain, /a third of the time/);
});

test('dates, links and outlets', () => {
  assert.equal(view.formatDate('2024-11-23'), '23 Nov 2024');
  assert.equal(view.formatDate('2024-11-23T20:27:32-05:00'), '23 Nov 2024');
  assert.equal(view.formatDate('yesterday'), 'yesterday');
  assert.equal(view.safeHref('javascript:alert(1)'), null);
  assert.equal(view.safeHref('data:text/html,x'), null);
  assert.equal(view.safeHref('https://example.org/a b'), 'https://example.org/a%20b');
  assert.equal(view.outletName({ outlet: '', url: 'https://www.bbc.co.uk/news/1' }), 'bbc.co.uk');
  assert.equal(view.outletName({ outlet: '', url: 'javascript:x' }), 'a known version');
});

test('seeds: a rewrite credited in its byline says so, with no bars against its verdict', () => {
  requireShared('seeds');
  const { seeds } = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/data/seeds.json'), 'utf8'));
  for (const s of seeds) s.text = fs.readFileSync(path.join(SHARED, 'seeds', s.file), 'utf8');
  const e = engine;
  e.addPack('seeds', e.buildPack(seeds.filter((s) => s.known).map((s) => ({ ...meta(s), text: s.text }))));
  try {
    const check = (s) => e.check(s.text, meta(s));
    const credited = check(seeds[3]);
    assert.equal(view.stateOf(credited), 'rewrite');
    assert.equal(view.decidedBy(credited), 'credit');
    assert.equal(view.showProbabilities(credited), false);
    assert.match(view.whySentences(credited, { text: seeds[3].text }).join(' '), /The page names it as its source \(“[^”]+” in its credit line\)\./);
    const kyiv = check(seeds[2]);
    assert.equal(view.stateOf(kyiv), 'rewrite');
    assert.match(view.whySentences(kyiv, { text: seeds[2].text })[0], /^It retells \d+% of the sentences of New York Post’s report/);
    assert.equal(view.stateOf(check(seeds[0])), 'known');
  } finally {
    e.removePack('seeds');
  }
});

describe('the reader\'s own reading: checked apart from the packs, named in the words', () => {
  let seeds, packsEngine, readingEngine;
  const READ = '2026-11-23';
  before(() => {
    requireShared('seeds');
    ({ seeds } = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/data/seeds.json'), 'utf8')));
    for (const s of seeds) s.text = fs.readFileSync(path.join(SHARED, 'seeds', s.file), 'utf8');
    // The demo pack (another story) as the packs; the New York Post report, read, as the reading
    // holds it: a pack of its own.
    packsEngine = engine;
    readingEngine = engine.sibling();
    readingEngine.addPack('read-1', readingEngine.buildPack([{ ...meta(seeds[0]), text: seeds[0].text }]));
  });
  const both = (s) => [packsEngine.check(s.text, meta(s)), readingEngine.check(s.text, meta(s))];

  test('a rewrite of an article read: the reading\'s report is shown, naming the article and the day', () => {
    const [p, r] = both(seeds[2]);
    assert.equal(view.stateOf(p), 'none', 'no pack knows the story');
    const { report, seen, fromReading } = view.withReading(p, r);
    assert.equal(fromReading, true);
    assert.equal(seen, null);
    assert.equal(view.stateOf(report), 'rewrite');
    assert.equal(view.sourceOf(report).id, seeds[0].id);
    const reading = { read: { [seeds[0].url]: READ }, seen, fromReading };
    const why = view.whySentences(report, { text: seeds[2].text, reading });
    assert.match(why[0], /^It retells \d+% of the sentences of the New York Post report you read on 23 Nov 2026/);
    assert.equal(view.readLine(view.sourceOf(report), reading), 'You read it on 23 Nov 2026.');
    assert.deepEqual(view.timelineOf(report, meta(seeds[2]), reading).find((i) => i.version.id === seeds[0].id).tags,
      ['source', 'you read it 23 Nov 2026']);
    // Without the day (an article not in the reading), the usual words.
    assert.match(view.whySentences(report, { text: seeds[2].text })[0], /of New York Post’s report/);
  });

  test('the article read, opened again: seen, never a rewrite of itself', () => {
    const [p, r] = both(seeds[0]);
    assert.ok(r.known_version, 'the reading knows the page');
    const { report, seen, fromReading } = view.withReading(p, r);
    assert.equal(report, p, 'the packs\' report is shown');
    assert.equal(fromReading, false);
    const reading = { read: { [seeds[0].url]: READ }, seen, fromReading };
    assert.equal(view.stateOf(report, reading), 'seen');
    assert.equal(view.stateOf(report), 'none', 'without the reading, as before');
    assert.deepEqual(view.whySentences(report, { reading }),
      [`You read this article (“${seeds[0].title}”) on 23 Nov 2026. No version in your packs tells its story.`]);
    assert.equal(view.summaryLine(report, reading), 'You have read this article before.');
  });

  test('when a pack knows the story too, the stronger report wins and the day read is still said', () => {
    const e = engine.sibling();
    e.addPack('seeds', e.buildPack(seeds.filter((s) => s.known).map((s) => ({ ...meta(s), text: s.text }))));
    try {
      const kyiv = view.withReading(e.check(seeds[2].text, meta(seeds[2])), readingEngine.check(seeds[2].text, meta(seeds[2])));
      assert.equal(view.sourceOf(kyiv.report).id, seeds[0].id);
      const reading = { read: { [seeds[0].url]: READ }, ...kyiv };
      assert.match(view.whySentences(kyiv.report, { reading })[0], /the New York Post report you read on 23 Nov 2026/);
      // The page is in a pack and was read: the pack's state, and the visit in one sentence.
      const nyp = view.withReading(e.check(seeds[0].text, meta(seeds[0])), readingEngine.check(seeds[0].text, meta(seeds[0])));
      const r2 = { read: { [seeds[0].url]: READ }, ...nyp };
      assert.equal(view.stateOf(nyp.report, r2), 'known');
      assert.equal(view.whySentences(nyp.report, { reading: r2 }).at(-1), 'You read this article before, on 23 Nov 2026.');
    } finally {
      e.removePack('seeds');
    }
  });

  test('another report of a story read, not derived from it: independent, of a story in your reading', () => {
    const [p, r] = both(seeds[4]);
    const { report, fromReading } = view.withReading(p, r);
    assert.equal(fromReading, true);
    assert.equal(view.stateOf(report), 'independent');
    assert.match(view.whySentences(report, { reading: { fromReading } })[0], /^Your reading holds 1 version of the story it covers/);
  });
});
