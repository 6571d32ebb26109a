// The extension in both browsers it ships for, Chromium and Firefox ESR (tests/browser/browsers.mjs):
// each state's badge, popup words and why sentences on the demo sample pages and on the seeds, the
// page marks, and screenshots of popup, marks and options at desktop and phone width. The words
// expected are the report view's (core/js/report-view.mjs), plus what each sample's evidence must say.
// The reader's own reading, its one main path. Pack management, signatures, worker restarts and
// the rest of the reading: extension.test.mjs (Chromium).
//   node --test --test-concurrency=1 tests/browser/extension-both.test.mjs
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createEngine } from '../../core/js/storyprint.mjs';
import { STATES, quoteTag, quotesOf, whySentences } from '../../core/js/report-view.mjs';
import { BROWSERS, launch } from './browsers.mjs';
import { loadSeeds, startServer } from './extension-pages.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const EXT = path.join(ROOT, 'dist/extension');
const SHOTS = path.join(ROOT, 'build/screenshots');
const { samples: DEMO } = JSON.parse(fs.readFileSync(path.join(ROOT, 'demo/samples.json'), 'utf8'));
const SAMPLES = DEMO.filter((s) => s.sample).map((s) => ({ ...s, text: fs.readFileSync(path.join(ROOT, 'demo', s.file), 'utf8') }));
const SEEDS = loadSeeds(ROOT); // ../shared/data/seeds: a clear message when absent
const PAGES = [...SAMPLES, ...SEEDS]; // served as /article/N.html in this order
const REWRITE = SAMPLES.find((s) => s.id === 'countytimes-2026-03-15-bridge');

execFileSync(path.join(ROOT, 'scripts/build-extension.sh'), ['--no-zip'], { stdio: ['ignore', 'ignore', 'inherit'] });
fs.mkdirSync(SHOTS, { recursive: true });

for (const kind of BROWSERS) {
  describe(kind, () => {
    let b, srv, inspector;
    const tabs = new Map(); // page id -> {tab, tabId, result}

    // Extension state, read from an extension page (the options page), as both browsers allow.
    const session = () => inspector.evaluate(() => chrome.storage.session.get(null));
    const badge = (tabId) => inspector.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
    async function resultFor(url) {
      return inspector.waitFor(async (u) => {
        for (const [k, v] of Object.entries(await chrome.storage.session.get(null))) {
          if (v.page?.url === u && v.report) return { tabId: Number(k.slice(4)), result: v };
        }
      }, url, `the check of ${url}`);
    }
    async function openArticle(page) {
      const tab = await b.open(`${srv.origin}/article/${PAGES.indexOf(page)}.html`);
      const found = await resultFor(page.url);
      tabs.set(page.id, { tab, ...found });
      return tabs.get(page.id);
    }
    async function popupFor(tabId) {
      const popup = await b.openExtensionPage(`popup.html?tab=${tabId}`);
      await popup.setViewport(420, 900);
      await popup.waitFor(() => document.body.dataset.state && document.body.dataset.state !== 'unchecked', null, 'the popup');
      return popup;
    }

    before(async () => {
      const engine = await createEngine({ wasm: fs.readFileSync(path.join(ROOT, 'core/js/wasm/storyprint-core.wasm')), dictionaries: false });
      const seedsPack = engine.buildPack(SEEDS.filter((s) => s.known).map(({ id, outlet, url, title, published, text }) => ({ id, outlet, url, title, published, text })));
      srv = await startServer({ root: ROOT, seeds: PAGES, packs: { seeds: seedsPack } });
      b = await launch(kind, EXT);
      inspector = await b.openExtensionPage('options.html');
      // The worker installs the bundled pack at its first start (compiling the core first: seconds).
      await inspector.waitFor(async () => (await chrome.storage.local.get('packs')).packs?.demo?.info, null, 'the bundled pack', 60_000);
      // A loaded machine may take long to render it after the worker stored it (seen once in Firefox at 15 s).
      await inspector.waitFor(() => !!document.querySelector('#packs li[data-pack="demo"]'), null, 'the options page to list it', 60_000);
      // The seeds' known versions, subscribed to as a user would (the demo pack holds the samples).
      await inspector.fill('#subscribe-url', `${srv.origin}/packs/seeds.pack`);
      await inspector.fill('#subscribe-name', 'seeds');
      await inspector.click('#subscribe-button');
      await inspector.waitFor(() => /Subscribed to “seeds”/.test(document.getElementById('status').textContent), null, 'the subscription');
      for (const p of PAGES) await openArticle(p);
    });

    after(async () => {
      await b?.close();
      srv?.server.close();
    });

    for (const s of SAMPLES) {
      test(`${kind}: demo sample ${s.file} is “${STATES[s.expect].label}”, badge and popup alike, with why`, async () => {
        const { tabId, result } = tabs.get(s.id);
        const popup = await popupFor(tabId);
        try {
          await popup.screenshot(path.join(SHOTS, `popup-${kind}-${s.file.replace(/\.txt$/, '')}.png`));
          assert.equal(result.state, s.expect, `state of ${s.id}: ${result.report?.verdict}, scores ${JSON.stringify(result.report?.scores)}`);
          assert.equal(await badge(tabId), STATES[s.expect].badge);
          assert.equal(await popup.text('#verdict-label'), STATES[s.expect].label);
          assert.equal(await popup.text('#verdict-chip'), STATES[s.expect].badge);
          assert.equal(await popup.evaluate(() => getComputedStyle(document.getElementById('verdict-chip')).backgroundColor),
            `rgb(${STATES[s.expect].color.slice(1).match(/../g).map((h) => parseInt(h, 16)).join(', ')})`);
          const why = await popup.texts('#why li');
          assert.deepEqual(why, whySentences(result.report, { packs: 2 }));
          const all = why.join(' ');
          if (s.expect === 'known') assert.match(all, /^This page is Riverton Courier’s report “Old Mill Bridge reopens six weeks after flood damage” of 14 Mar 2026/);
          if (s.expect === 'syndicated') assert.match(all, /It holds nearly all of Riverton Courier’s report word for word, in long runs: a republication/);
          if (s.expect === 'rewrite') assert.match(all, /^It retells \d+% of the sentences of Riverton Courier’s report/);
          if (s.expect === 'independent') assert.match(all, /^Your packs hold 1 version of the story it covers \(closest: Riverton Courier\), but it does not retell any of them\./);
          if (s.expect === 'none') assert.match(all, /^No version in your packs tells this story/);
          // Only derived pages name a source; an independent report names none.
          const source = await popup.evaluate(() => !document.getElementById('source-section').hidden && document.getElementById('source-outlet').textContent);
          assert.equal(source, ['syndicated', 'rewrite', 'known'].includes(s.expect) ? 'Riverton Courier' : false);
          if (['syndicated', 'rewrite', 'independent'].includes(s.expect)) {
            assert.deepEqual(await popup.texts('#quotes li .tag'), quotesOf(result.report).map(quoteTag));
            assert.match(await popup.text('#confidence'), s.expect === 'syndicated' ? /^Certain: the page’s own text settles it/ : /^(High|Medium|Low) confidence \(\d+%\)/);
          }
        } finally {
          await popup.close();
        }
      });
    }

    test(`${kind}: the seeds say why in words (the credited rewrite by its credit line, the Kyiv rewrite by its source)`, async () => {
      const expectations = [
        [SEEDS[0], 'known', /^This page is New York Post’s report/],
        [SEEDS[2], 'rewrite', /New York Post’s report/],
        [SEEDS[3], 'rewrite', /The page names it as its source \(“[^”]+” in its credit line\)\./],
      ];
      for (const [seed, state, words] of expectations) {
        const { tabId, result } = tabs.get(seed.id);
        assert.equal(result.state, state, seed.id);
        assert.equal(await badge(tabId), STATES[state].badge);
        const popup = await popupFor(tabId);
        try {
          assert.equal(await popup.text('#verdict-label'), STATES[state].label);
          assert.match((await popup.texts('#why li')).join(' '), words);
        } finally {
          await popup.close();
        }
      }
    });

    test(`${kind}: the popup marks the rewrite's shared passages on the page and removes them`, async () => {
      const { tab, tabId, result } = tabs.get(REWRITE.id);
      const passages = result.report.passages;
      assert.ok(passages.some((p) => p.kind === 'verbatim') && passages.some((p) => p.kind === 'reworded'));
      const before = await tab.evaluate(() => document.querySelector('article').innerHTML);
      const popup = await popupFor(tabId);
      await popup.click('#highlight');
      await popup.waitFor(() => /Marked/.test(document.getElementById('highlight-status').textContent), null, 'the marks');
      assert.equal(await popup.text('#highlight-status'), `Marked ${passages.length} passages.`);
      const marks = await tab.evaluate(() => [...document.querySelectorAll('mark[data-storyprint]')].map((m) => ({
        kind: m.dataset.storyprint, inBody: !!m.closest('article .article-body') })));
      assert.ok(marks.length >= passages.length);
      assert.ok(marks.every((m) => m.inBody), 'marks only in the article body');
      await popup.screenshot(path.join(SHOTS, `popup-${kind}-rewrite-marking.png`));
      for (const [name, width, height] of [['desktop', 1100, 900], ['phone', 390, 844]]) {
        await tab.setViewport(width, height);
        await tab.evaluate(() => document.querySelector('mark[data-storyprint]').scrollIntoView({ block: 'center' }));
        await tab.screenshot(path.join(SHOTS, `marks-${kind}-${name}.png`));
      }
      await popup.click('#highlight');
      await popup.waitFor(() => /removed/.test(document.getElementById('highlight-status').textContent), null, 'the marks removed');
      assert.equal(await tab.evaluate(() => document.querySelectorAll('mark[data-storyprint]').length), 0);
      assert.equal(await tab.evaluate(() => document.querySelector('article').innerHTML), before, 'the article is as it was');
      await popup.close();
    });

    test(`${kind}: the options page lists the packs; screenshots at desktop and phone width`, async () => {
      const names = await inspector.evaluate(() => [...document.querySelectorAll('#packs li')].map((li) => li.dataset.pack));
      assert.deepEqual(names, ['demo', 'seeds']);
      assert.match(await inspector.text('#packs li[data-pack="demo"]'), /the demo sample pages.*2 known versions of 2 stories/s);
      for (const [name, width, height] of [['desktop', 1100, 900], ['phone', 390, 844]]) {
        await inspector.setViewport(width, height);
        await inspector.screenshot(path.join(SHOTS, `options-${kind}-${name}.png`));
      }
    });

    test(`${kind}: your reading: asked on the first-run page; a rewrite of an article read names it, with the day`, async () => {
      const welcome = await b.openExtensionPage('welcome.html');
      await welcome.click('#yes');
      await welcome.waitFor(() => /will remember/.test(document.getElementById('status').textContent), null, 'the answer saved');
      await welcome.screenshot(path.join(SHOTS, `welcome-${kind}.png`));
      await welcome.close();
      // The seed pack knows the New York Post report: without it, only the reading can.
      await inspector.evaluate(() => chrome.runtime.sendMessage({ type: 'storyprint:packs:remove', name: 'seeds' }));
      const opened = async (page, origin) => {
        const known = Object.keys(await session());
        const tab = await b.open(`${origin}/article/${PAGES.indexOf(page)}.html`);
        const found = await inspector.waitFor(async ([u, old]) => {
          for (const [k, v] of Object.entries(await chrome.storage.session.get(null))) {
            if (!old.includes(k) && v.page?.url === u && v.report) return { tabId: Number(k.slice(4)), result: v };
          }
        }, [page.url, known], `the check of ${page.url} in a new tab`);
        return { tab, ...found };
      };
      await opened(SEEDS[0], srv.origin);
      await inspector.waitFor(async () => (await chrome.runtime.sendMessage({ type: 'storyprint:reading:get' })).reading.articles === 1,
        null, 'the article remembered');
      const { tabId, result } = await opened(SEEDS[2], srv.origin.replace('127.0.0.1', 'localhost'));
      assert.equal(result.state, 'rewrite');
      assert.equal(result.reading.fromReading, true);
      assert.equal(result.report.source_version.url, SEEDS[0].url);
      assert.equal(await badge(tabId), STATES.rewrite.badge);
      const popup = await popupFor(tabId);
      try {
        const why = await popup.texts('#why li');
        assert.deepEqual(why, whySentences(result.report, { packs: 1, reading: result.reading }));
        assert.match(why[0], /the New York Post report you read on \d+ \w{3} \d{4}/);
        assert.match(await popup.text('#source-read'), /^You read it on /);
        await popup.screenshot(path.join(SHOTS, `popup-${kind}-reading-rewrite.png`));
      } finally {
        await popup.close();
      }
    });

    test(`${kind}: nothing but the local pages and the subscribed pack was requested`, async () => {
      const paths = /^\/(article\/\d+\.html|img\/photo\.svg|packs\/seeds\.pack|favicon\.ico)$/;
      for (const r of srv.log) {
        assert.equal(r.method, 'GET', `${r.method} ${r.url}`);
        assert.match(r.url, paths);
        assert.equal(r.bodyLength, 0);
      }
      if (b.requests) {
        // The local server, as 127.0.0.1 and as localhost (the reading test's other site).
        const local = [new URL(srv.origin).host, new URL(srv.origin.replace('127.0.0.1', 'localhost')).host];
        assert.deepEqual(b.requests.filter((r) => !(local.includes(new URL(r.url).host) || r.url.startsWith(b.origin))), []);
      }
    });
  });
}
