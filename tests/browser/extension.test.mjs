// End-to-end tests of the browser extension in Debian's Chromium (see /work/shared/TOOLCHAIN.md):
// badges, popup, highlighting, packs, worker restarts, and that no page data leaves the browser.
//   node --test tests/browser/extension.test.mjs      (builds dist/extension first)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { createEngine } from '../../core/js/storyprint.mjs';
import { STATES, formatDate, listedPassages, quoteTag, quotesOf, whySentences } from '../../core/js/report-view.mjs';
import { loadSeeds, startServer } from './extension-pages.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const EXT = path.join(ROOT, 'dist/extension');
const SHOTS = path.join(ROOT, 'build/screenshots');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/lib/chromium/chromium';
// Badges and labels are the report view's (core/js/report-view.mjs), which the popup shows too.
const BADGES = Object.fromEntries(Object.entries(STATES).map(([k, v]) => [k, v.badge]));
const LABELS = Object.fromEntries(Object.entries(STATES).map(([k, v]) => [k, v.label]));

const seeds = loadSeeds(ROOT); // throws a clear message when ../shared/data/seeds is absent
let context, srv, extId, userDataDir;
const requests = []; // every request Playwright sees: pages, frames and the service worker
const tabs = {}; // seed id -> {page, tabId}
const closedWorkers = new WeakSet();
let seedPacks;

// ---- helpers ----

async function until(fn, what, timeout = 10_000) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// The live extension worker (a new one after a restart).
async function worker() {
  return until(async () => context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extId}/`) && !closedWorkers.has(w)), 'the service worker');
}
const inWorker = async (fn, arg) => (await worker()).evaluate(fn, arg);
const session = () => inWorker(() => chrome.storage.session.get(null));
const badge = (tabId) => inWorker((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
// The worker stores a result just before it sets the badge: allow it a moment.
async function expectBadge(tabId, text, message) {
  let got;
  const end = Date.now() + 3000;
  while ((got = await badge(tabId)) !== text && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  assert.equal(got, text, message);
}

// The tab showing a seed, found through the worker's stored result (its canonical URL).
async function resultFor(seed) {
  return until(async () => {
    for (const [k, v] of Object.entries(await session())) {
      if (v.page?.url === seed.url) return { tabId: Number(k.slice(4)), result: v };
    }
  }, `the check of ${seed.id}`);
}

async function openPopup(tabId) {
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 420, height: 900 });
  await popup.goto(`chrome-extension://${extId}/popup.html?tab=${tabId}`);
  await popup.waitForFunction(() => document.body.dataset.state);
  return popup;
}

async function openOptions() {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extId}/options.html`);
  await page.waitForSelector('#packs li');
  return page;
}

const stripWs = (s) => s.replace(/\s+/g, '');

// ---- setup ----

before(async () => {
  execFileSync(path.join(ROOT, 'scripts/build-extension.sh'), ['--no-zip'], { stdio: 'inherit' });
  fs.mkdirSync(SHOTS, { recursive: true });
  const engine = await createEngine({ wasm: fs.readFileSync(path.join(ROOT, 'core/js/wasm/storyprint-core.wasm')), dictionaries: false });
  const packOf = (s) => engine.buildPack([{ id: s.id, outlet: s.outlet, url: s.url, title: s.title, published: s.published, text: s.text }]);
  seedPacks = { kyiv: packOf(seeds[2]), other: packOf(seeds[4]),
    // The two known seed versions: the bundled demo pack holds the demo samples, not the seeds.
    seeds: engine.buildPack(seeds.filter((s) => s.known).map(({ id, outlet, url, title, published, text }) => ({ id, outlet, url, title, published, text }))) };
  srv = await startServer({ root: ROOT, seeds, packs: { other: seedPacks.other } });

  userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'storyprint-ext-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: false, // '--headless=new' below: extensions need the new headless mode
    ignoreDefaultArgs: ['--disable-extensions'],
    viewport: { width: 1100, height: 900 },
    args: ['--headless=new', `--disable-extensions-except=${EXT}`, `--load-extension=${EXT}`, '--no-sandbox',
      '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1'],
  });
  context.on('request', (r) => requests.push({ url: r.url(), method: r.method(), post: r.postDataBuffer()?.length ?? 0,
    worker: !!r.serviceWorker() }));
  context.on('serviceworker', (w) => w.on('close', () => closedWorkers.add(w)));
  const w = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  w.on('close', () => closedWorkers.add(w));
  extId = new URL(w.url()).host;
  // The bundled pack is installed at the worker's first start.
  await until(() => inWorker(async () => (await chrome.storage.local.get('packs')).packs?.demo?.info), 'the bundled pack');
  // The seeds' known versions, imported as a user would.
  const options = await openOptions();
  await options.setInputFiles('#import-file', { name: 'seeds.pack', mimeType: 'application/octet-stream', buffer: Buffer.from(seedPacks.seeds) });
  await options.click('#import-button');
  await options.waitForFunction(() => /Imported “seeds”/.test(document.getElementById('status').textContent));
  await options.close();

  // Open every seed article in its own tab, all at once.
  await Promise.all(seeds.map(async (s, i) => {
    const page = await context.newPage();
    await page.goto(`${srv.origin}/article/${i}.html`);
    tabs[s.id] = { page, ...(await resultFor(s)) };
  }));
});

after(async () => {
  await context?.close();
  srv?.server.close();
  if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
});

// ---- seeds: badge, popup, metadata ----

// What each seed must come out as (tests/data/seeds.json 'expect'); 004 is unlabelled.
function expected(seed) {
  if (seed.expect === 'known') return { state: 'known', known: seed.id };
  if (seed.expect) return { state: seed.expect, source: seed.source };
  return null;
}

for (const seed of seeds) {
  test(`seed ${seed.file.slice(0, 3)} (${seed.expect ?? 'unlabelled'}): badge, popup and page metadata`, async () => {
    const { tabId, result } = tabs[seed.id];
    const { state, report } = result;
    // The metadata the content script read from the page's meta tags / JSON-LD.
    assert.deepEqual(result.page, { url: seed.url, outlet: seed.outlet, title: seed.title, published: seed.published });

    // The UI shows what the engine said, consistently: badge, then popup.
    await expectBadge(tabId, BADGES[state]);
    const popup = await openPopup(tabId);
    try {
      await popup.screenshot({ path: path.join(SHOTS, `popup-${seed.file.slice(0, 3)}.png`), fullPage: true });
      assert.equal(await popup.textContent('#verdict-label'), LABELS[state]);
      assert.equal(await popup.textContent('#verdict-chip'), BADGES[state]);
      // Why, in sentences built from this report's evidence.
      const why = await popup.locator('#why li').allTextContents();
      assert.deepEqual(why, whySentences(report, { packs: 2 }));
      if (seed.id === 'rewrite-of-france24-2024-11-24') assert.ok(why.some((w) => /names it as its source \(“[^”]+” in its credit line\)/.test(w)), JSON.stringify(why));
      if (state === 'rewrite' || state === 'syndicated') assert.match(why.join(' '), new RegExp(`${report.source_version.outlet}’s report`));
      if (state === 'known') assert.match(why[0], new RegExp(`^This page is ${seed.outlet}’s report`));
      // An original's `source` is only its closest version: the popup names no source for it.
      const version = state === 'known' ? report.known_version : report.verdict !== 'original' ? report.source_version : null;
      if (version) {
        assert.equal(await popup.textContent('#source-outlet'), version.outlet);
        assert.equal(await popup.textContent('#source-link'), version.title);
        assert.equal(await popup.getAttribute('#source-date', 'datetime'), version.published);
      } else {
        assert.ok(await popup.isHidden('#source-section'));
      }
      if (report.story.length) {
        const items = await popup.locator('#timeline li').allTextContents();
        assert.equal(items.length, report.story.length + (report.known_version ? 0 : 1));
        assert.ok(items.some((t) => t.includes('this page')));
      }
      if (state !== 'known' && report.quotes.length) {
        // Each quotation once, with the outlet of the known version that has it too, or none.
        const tags = await popup.locator('#quotes li .tag').allTextContents();
        assert.deepEqual(tags, quotesOf(report).map(quoteTag));
        assert.ok(tags.some((t) => /^also in /.test(t)) || tags.every((t) => t === 'not in a known version'));
      } else {
        assert.ok(await popup.isHidden('#quotes-section'));
      }
      if (state === 'syndicated' || state === 'rewrite') {
        assert.equal(await popup.locator('#passages li').count(), listedPassages(report.passages).length);
        assert.match(await popup.textContent('#shared-words'), /of this article's text is shared with/);
      }
    } finally {
      await popup.close();
    }

    // And what the engine said is what a careful reader finds (strict: see seeds.json).
    const exp = expected(seed);
    if (exp) {
      assert.equal(state, exp.state, `verdict of ${seed.id}: engine said ${state} (${report?.verdict}, ` +
        `confidence ${report?.confidence}, scores ${JSON.stringify(report?.scores)})`);
      if (exp.known) assert.equal(report.known_version?.id, exp.known);
      if (exp.source) assert.equal(report.source, exp.source);
    }
  });
}

// ---- highlighting ----

test('highlighting marks the shared passages (verbatim and reworded apart) and removes them again', async () => {
  const seed = seeds[2]; // the Kyiv Independent rewrite: reworded and verbatim passages
  const { page, tabId, result } = tabs[seed.id];
  const passages = result.report.passages;
  assert.ok(passages.length > 0, 'the engine found shared passages');
  assert.ok(passages.some((p) => p.kind === 'verbatim') && passages.some((p) => p.kind === 'reworded'),
    `both kinds of passage (got ${[...new Set(passages.map((p) => p.kind))]})`);
  const before = await page.innerHTML('article');

  const popup = await openPopup(tabId);
  await popup.click('#highlight');
  await popup.waitForFunction(() => /Marked/.test(document.getElementById('highlight-status').textContent));
  assert.equal(await popup.textContent('#highlight-status'), `Marked ${passages.length} passages.`, 'every passage found on the page');
  assert.equal(await popup.textContent('#highlight'), 'Remove highlights');

  // Each passage's marks, joined, are exactly that passage's text, inside the article element.
  const marks = await page.$$eval('mark[data-storyprint]', (ms) => ms.map((m) => ({
    kind: m.dataset.storyprint, i: Number(m.dataset.storyprintPassage), text: m.textContent,
    inArticle: !!m.closest('article .article-body') })));
  assert.ok(marks.every((m) => m.inArticle), 'marks only inside the article body');
  passages.forEach((p, i) => {
    const mine = marks.filter((m) => m.i === i);
    assert.ok(mine.length, `passage ${i} marked`);
    assert.ok(mine.every((m) => m.kind === p.kind), `passage ${i} marked as ${p.kind}`);
    assert.equal(stripWs(mine.map((m) => m.text).join('')), stripWs(p.text), `passage ${i} text`);
  });
  // Verbatim and reworded look different.
  const colours = await page.evaluate(() => ['verbatim', 'reworded'].map((k) =>
    getComputedStyle(document.querySelector(`mark[data-storyprint="${k}"]`)).backgroundColor));
  assert.notEqual(colours[0], colours[1]);

  await page.bringToFront();
  await page.locator('mark[data-storyprint]').first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, 'highlighted-002.png'), fullPage: true });
  await popup.screenshot({ path: path.join(SHOTS, 'popup-002-highlighting.png'), fullPage: true });

  await popup.click('#highlight');
  await popup.waitForFunction(() => /removed/.test(document.getElementById('highlight-status').textContent));
  assert.equal(await page.locator('mark[data-storyprint]').count(), 0);
  assert.equal(await page.innerHTML('article'), before, 'the article is exactly as before');
  await popup.close();
});

// ---- pages that are not articles ----

test('deeply nested HTML (5,000 <div>s): the content script still extracts and checks the article', async () => {
  // Chromium's parser nests at most 512 elements: the page arrives flattened, under the
  // extraction's cap (MAX_DEPTH, core/js/article.mjs), and its article is checked as usual.
  const page = await context.newPage();
  await page.goto(`${srv.origin}/deep.html`);
  const { tabId, result } = await resultFor({ url: `${seeds[0].url}?deep` });
  assert.notEqual(result.state, 'not-article');
  await expectBadge(tabId, BADGES[result.state]);
  await page.close();
});

test('a non-article page gets no badge', async () => {
  const page = await context.newPage();
  await page.goto(`${srv.origin}/index.html`);
  const tabId = await until(async () => {
    for (const [k, v] of Object.entries(await session())) if (v.state === 'not-article') return Number(k.slice(4));
  }, 'the not-article report');
  await expectBadge(tabId, '');
  const popup = await openPopup(tabId);
  assert.equal(await popup.textContent('#verdict-label'), 'Not an article');
  await popup.close();
  await page.close();
});

test('a Chinese/Japanese article is split into words: the break dictionaries load in the worker', async () => {
  const page = await context.newPage();
  await page.goto(`${srv.origin}/cjk.html`);
  const r = await until(async () => Object.values(await session()).find((v) => v.page?.outlet === '示例新闻'), 'the check of the CJK page');
  const text = await page.innerText('article');
  const runs = text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu).length;
  // Without the dictionaries every run of CJK characters would be a single token.
  assert.equal(r.state, 'none');
  assert.ok(r.report.page.tokens > 4 * runs, `${r.report.page.tokens} tokens for ${runs} runs of CJK characters`);
  await page.close();
});

// ---- packs ----

test('options: importing a corrupt or foreign pack shows an error in words; checks keep working', async () => {
  const options = await openOptions();
  const names = () => options.$$eval('#packs li', (lis) => lis.map((li) => li.dataset.pack));
  assert.deepEqual(await names(), ['demo', 'seeds']);
  // What each pack covers: its outlets with their versions, its dates, its publisher.
  const seedsItem = options.locator('#packs li[data-pack="seeds"]');
  const known = seeds.filter((s) => s.known);
  assert.equal(await seedsItem.locator('.covers').textContent(),
    `Outlets: ${known.map((s) => `${s.outlet} (1)`).sort().join(', ')}.`);
  assert.equal(await seedsItem.locator('.dates').textContent(), 'Published on 23 Nov 2024.');
  assert.match(await seedsItem.textContent(), /Publisher: unknown \(imported from a file\)\..*Not signed: imported as it was\./);

  const damaged = Buffer.from(fs.readFileSync(path.join(EXT, 'packs/demo.pack')));
  damaged[damaged.length - 20] ^= 0x5a;
  const attempts = [
    { name: 'damaged.pack', buffer: damaged, words: /damaged or was altered/ },
    { name: 'notes.pack', buffer: Buffer.from('this is not a pack at all\n'.repeat(20)), words: /not a Storyprint pack/ },
  ];
  for (const a of attempts) {
    await options.setInputFiles('#import-file', { name: a.name, mimeType: 'application/octet-stream', buffer: a.buffer });
    await options.click('#import-button');
    await options.waitForSelector('#status.error');
    assert.match(await options.textContent('#status'), a.words);
    assert.deepEqual(await names(), ['demo', 'seeds'], 'a refused pack is not listed');
    if (a === attempts[0]) await options.screenshot({ path: path.join(SHOTS, 'options-error.png'), fullPage: true });
    await options.evaluate(() => { document.getElementById('status').className = ''; });
  }
  // The engine still works: a reloaded article is checked again, with the same verdict.
  const t = tabs[seeds[0].id];
  await inWorker((id) => chrome.storage.session.remove(`tab:${id}`), t.tabId);
  await t.page.reload();
  const again = await resultFor(seeds[0]);
  assert.equal(again.result.state, t.result.state);
  await expectBadge(t.tabId, BADGES[t.result.state]);

  // A good pack file is imported and used: it holds the Kyiv Independent page as a known version.
  await options.setInputFiles('#import-file', { name: 'kyiv.pack', mimeType: 'application/octet-stream', buffer: Buffer.from(seedPacks.kyiv) });
  assert.equal(await options.inputValue('#import-name'), 'kyiv');
  await options.click('#import-button');
  await options.waitForFunction(() => /Imported “kyiv”/.test(document.getElementById('status').textContent));
  assert.deepEqual(await names(), ['demo', 'kyiv', 'seeds']);
  // Open tabs are checked again after a pack change.
  const kyiv = await until(async () => {
    const r = (await session())[`tab:${tabs[seeds[2].id].tabId}`];
    return r?.report?.known_version?.id === seeds[2].id && r;
  }, 'the recheck of the Kyiv Independent tab');
  assert.equal(kyiv.state, 'known');
  await options.close();
});

test('options: subscribing to a pack URL checks the pin and validates the pack', async () => {
  const options = await openOptions();
  const url = `${srv.origin}/packs/other.pack`;
  const sha = (await import('node:crypto')).createHash('sha256').update(seedPacks.other).digest('hex');

  await options.fill('#subscribe-url', url);
  await options.fill('#subscribe-name', 'regional');
  await options.fill('#subscribe-pin', 'ab'.repeat(32));
  await options.click('#subscribe-button');
  await options.waitForSelector('#status.error');
  assert.match(await options.textContent('#status'), /is not the one you pinned/);
  assert.equal(await options.locator('#packs li[data-pack="regional"]').count(), 0);

  await options.fill('#subscribe-pin', sha.toUpperCase());
  await options.click('#subscribe-button');
  await options.waitForFunction(() => /Subscribed to “regional”/.test(document.getElementById('status').textContent));
  const li = options.locator('#packs li[data-pack="regional"]');
  assert.match(await li.textContent(), new RegExp(`Subscribed: ${url}`));
  assert.match(await li.textContent(), new RegExp(sha));
  assert.ok(await inWorker(async () => !!(await chrome.alarms.get('storyprint-refresh'))), 'the periodic update is scheduled');

  // "Update now" with the same bytes keeps the pack.
  await li.getByRole('button', { name: 'Update now' }).click();
  await options.waitForFunction(() => /is up to date/.test(document.getElementById('status').textContent));
  await options.screenshot({ path: path.join(SHOTS, 'options.png'), fullPage: true });

  await li.getByRole('button', { name: 'Remove' }).click();
  await options.waitForFunction(() => !document.querySelector('#packs li[data-pack="regional"]'));
  assert.equal(await inWorker(async () => !!(await chrome.alarms.get('storyprint-refresh'))), false);
  await options.close();
});

test('options: a signed subscription refuses a swapped pack and an older signed one, keeping its pack', async () => {
  // The publisher's side, with the native CLI: a key, and two packs signed a second apart.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'storyprint-sign-'));
  const cli = (...a) => execFileSync(path.join(ROOT, 'build/native/storyprint'), a, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const key = cli('pack', 'keygen', '-o', path.join(dir, 'publisher')).trim();
  const signed = {};
  for (const name of ['older', 'newer']) {
    fs.writeFileSync(path.join(dir, `${name}.pack`), name === 'older' ? seedPacks.kyiv : seedPacks.other);
    cli('pack', 'sign', path.join(dir, `${name}.pack`), '--key', path.join(dir, 'publisher.key'));
    signed[name] = { pack: fs.readFileSync(path.join(dir, `${name}.pack`)), sig: fs.readFileSync(path.join(dir, `${name}.pack.sig`)) };
    if (name === 'older') await new Promise((r) => setTimeout(r, 1100)); // signing times have whole seconds
  }
  const served = srv.packs;
  Object.assign(served, { signed: signed.newer.pack, 'signed.sig': signed.newer.sig });
  const sha = (b) => createHash('sha256').update(b).digest('hex');

  const options = await openOptions();
  await options.fill('#subscribe-url', `${srv.origin}/packs/signed.pack`);
  await options.fill('#subscribe-name', 'signed');
  await options.fill('#subscribe-key', key.slice(0, 40));
  await options.click('#subscribe-button');
  await options.waitForSelector('#status.error');
  assert.match(await options.textContent('#status'), /44 characters of base64/);
  await options.fill('#subscribe-key', key);
  await options.click('#subscribe-button');
  await options.waitForFunction(() => /Subscribed to “signed”/.test(document.getElementById('status').textContent));
  const li = options.locator('#packs li[data-pack="signed"]');
  assert.match(await li.textContent(), new RegExp(`Signed by publisher key ${key.replace(/[+/]/g, '\\$&')}`));
  assert.match(await li.textContent(), new RegExp(sha(signed.newer.pack)));

  const refused = async (pack, sig, why) => {
    Object.assign(served, { signed: pack, 'signed.sig': sig });
    await li.getByRole('button', { name: 'Update now' }).click();
    await options.waitForSelector('#status.error');
    assert.match(await options.textContent('#status'), why);
    assert.match(await li.textContent(), new RegExp(sha(signed.newer.pack)), 'the pack we had stays');
    const stored = await inWorker(async () => (await chrome.storage.local.get('packs')).packs.signed.sha256);
    assert.equal(stored, sha(signed.newer.pack));
    await options.evaluate(() => { document.getElementById('status').className = ''; });
  };
  // A valid pack, but not the one signed: swapped on the server or on the way.
  await refused(signed.older.pack, signed.newer.sig, /not signed by the publisher key you pinned.*another pack/);
  // The signed pack with one byte changed.
  const tampered = Buffer.from(signed.newer.pack);
  tampered[tampered.length - 9] ^= 0x20;
  await refused(tampered, signed.newer.sig, /not signed by the publisher key you pinned/);
  // A genuinely signed pack, but older than the one we have (rollback).
  await refused(signed.older.pack, signed.older.sig, /before the one you have/);
  // A new pack without a signature.
  delete served['signed.sig'];
  await refused(signed.older.pack, undefined, /signature could not be downloaded/);

  await li.getByRole('button', { name: 'Remove' }).click();
  await options.waitForFunction(() => !document.querySelector('#packs li[data-pack="signed"]'));
  await options.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

// ---- worker restart ----

// Stops the extension's worker (CDP) and waits until it has stopped: the next event starts a new one.
async function stopWorker(page) {
  const cdp = await context.newCDPSession(page);
  // A mark in the worker's global scope: gone after a real restart. (Playwright may keep the same
  // Worker handle across the restart, so its 'close' event is not a reliable signal.)
  await inWorker(() => { globalThis.storyprintTestMark = true; });
  let stopped = false;
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    if (versions.some((v) => v.scriptURL.startsWith(`chrome-extension://${extId}/`) && v.runningStatus === 'stopped')) stopped = true;
  });
  await cdp.send('ServiceWorker.enable');
  await until(async () => {
    await cdp.send('ServiceWorker.stopAllWorkers');
    await new Promise((r) => setTimeout(r, 200));
    return stopped;
  }, 'the worker to stop');
  await cdp.detach();
}

test('a worker restart keeps the packs and the verdicts', async () => {
  await stopWorker(tabs[seeds[0].id].page);

  // Verdicts: the popup reads them from session storage, with no worker running.
  const t = tabs[seeds[0].id];
  const popup = await openPopup(t.tabId);
  assert.equal(await popup.textContent('#verdict-label'), LABELS[t.result.state]);
  await popup.close();

  // Packs: a reload wakes the worker, which loads the stored packs again (the imported one too).
  const k = tabs[seeds[2].id];
  await k.page.reload();
  const r = await until(async () => {
    const v = (await session())[`tab:${k.tabId}`];
    return v && v.checked > Date.now() - 5000 && v;
  }, 'the check after the restart');
  assert.equal(r.report.known_version?.id, seeds[2].id, 'the imported pack is loaded again');
  await expectBadge(k.tabId, BADGES.known);
  assert.ok(await badge(tabs[seeds[1].id].tabId), 'other tabs keep their badges');
  const packs = await inWorker(async () => Object.keys((await chrome.storage.local.get('packs')).packs).sort());
  assert.deepEqual(packs, ['demo', 'kyiv', 'seeds']);
  assert.equal(await inWorker(() => globalThis.storyprintTestMark), undefined, 'the worker really restarted');
});

// ---- your reading ----

// The first-run page, opened by the extension when it was installed: an extension page the tests
// also talk to the worker through (the worker only takes reading and pack changes from those).
const welcomePage = () => until(async () => context.pages().find((p) => p.url() === `chrome-extension://${extId}/welcome.html`), 'the first-run page');
const ext = async (fn, arg) => (await welcomePage()).evaluate(fn, arg);
const remembered = async () => (await ext(() => chrome.runtime.sendMessage({ type: 'storyprint:reading:get' }))).reading;
const localDay = (t = Date.now()) => { const d = new Date(t); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`; };
const otherSite = () => srv.origin.replace('127.0.0.1', 'localhost');

// Opens seed i at an origin in a new tab; resolves with its tab id and fresh result.
async function openSeed(i, origin = srv.origin) {
  const since = Date.now();
  const before = new Set(Object.keys(await session()));
  const page = await context.newPage();
  await page.goto(`${origin}/article/${i}.html`);
  const { tabId, result } = await until(async () => {
    for (const [k, v] of Object.entries(await session())) {
      if (!before.has(k) && v.page?.url === seeds[i].url && v.checked >= since) return { tabId: Number(k.slice(4)), result: v };
    }
  }, `the check of seed ${i} at ${origin}`);
  return { page, tabId, result };
}

// A tab's result after it was checked again (a reload, or a recheck after a change).
async function freshResult(tabId, since) {
  return until(async () => {
    const v = (await session())[`tab:${tabId}`];
    return v && v.checked >= since && v;
  }, `a new check of tab ${tabId}`);
}

// Remembering happens after the check answered: wait for it to be counted.
const rememberedCount = (n) => until(async () => (await remembered()).articles === n && n, `${n} articles remembered`);

async function openReadingOptions() {
  const page = await openOptions();
  await page.waitForFunction(() => document.getElementById('reading-stats').textContent);
  return page;
}

const reading = {}; // tabs of the reading tests

test('your reading: asked once, on a first-run page saying what is kept; nothing is remembered before the answer', async () => {
  const welcome = await welcomePage();
  await welcome.setViewportSize({ width: 900, height: 900 });
  const words = await welcome.textContent('body');
  assert.match(words, /Nothing leaves your browser/);
  assert.match(words, /its address, title, site and publication date, and the day you read it/);
  assert.match(words, /Not the text itself/);
  // Every seed was opened before the answer: none is remembered.
  assert.equal((await remembered()).articles, 0);
  assert.equal((await remembered()).settings.choice, null);
  await welcome.screenshot({ path: path.join(SHOTS, 'welcome.png'), fullPage: true });
  await welcome.click('#yes');
  await welcome.waitForFunction(() => /will remember/.test(document.getElementById('status').textContent));
  assert.equal((await remembered()).settings.choice, 'yes');
  // The reading tests need the seeds known only from the reading, not from imported packs.
  for (const name of ['kyiv', 'seeds']) await ext((n) => chrome.runtime.sendMessage({ type: 'storyprint:packs:remove', name: n }), name);
});

test('your reading: read article A, then a rewrite of A on another site is named as a rewrite of the A you read', async () => {
  reading.a = await openSeed(0);
  assert.equal(reading.a.result.state, 'none', 'no pack knows A now, and it was not read before');
  await rememberedCount(1);

  reading.rewrite = await openSeed(2, otherSite());
  const { state, report, reading: ctx } = reading.rewrite.result;
  assert.equal(state, 'rewrite');
  assert.equal(ctx.fromReading, true);
  assert.equal(report.source_version.url, seeds[0].url);
  assert.equal(ctx.read[seeds[0].url], localDay());
  await expectBadge(reading.rewrite.tabId, BADGES.rewrite);
  const popup = await openPopup(reading.rewrite.tabId);
  try {
    const why = await popup.locator('#why li').allTextContents();
    assert.deepEqual(why, whySentences(report, { packs: 1, reading: ctx }));
    assert.match(why[0], new RegExp(`the ${seeds[0].outlet} report you read on ${formatDate(localDay())}`));
    assert.equal(await popup.textContent('#source-outlet'), seeds[0].outlet);
    assert.equal(await popup.textContent('#source-link'), seeds[0].title);
    assert.equal(await popup.getAttribute('#source-link', 'href'), seeds[0].url);
    assert.equal(await popup.textContent('#source-read'), `You read it on ${formatDate(localDay())}.`);
    assert.equal(await popup.textContent('#timeline-heading'), 'Versions of this story in your reading');
    await popup.screenshot({ path: path.join(SHOTS, 'popup-reading-rewrite.png'), fullPage: true });
  } finally {
    await popup.close();
  }
  await rememberedCount(2); // the rewrite was read too
});

test('your reading: what is stored holds no text of the pages, only fingerprints and metadata', async () => {
  const dump = await ext(async () => {
    const db = await new Promise((resolve, reject) => {
      const r = indexedDB.open('storyprint');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const all = (store) => new Promise((resolve) => { const q = db.transaction(store).objectStore(store).getAll(); q.onsuccess = () => resolve(q.result); });
    const segments = await all('segments');
    return { articles: await all('articles'), bytes: segments.map((x) => Array.from(x.bytes)), local: await chrome.storage.local.get(null),
      session: await chrome.storage.session.get(null) };
  });
  assert.deepEqual(dump.articles.map((a) => a.url).sort(), [seeds[0].url, seeds[2].url].sort());
  assert.deepEqual(Object.keys(dump.articles[0]).sort(), ['host', 'id', 'outlet', 'published', 'read', 'title', 'url']);
  const stored = [JSON.stringify(dump.articles), JSON.stringify(dump.local),
    ...dump.bytes.flatMap((b) => [Buffer.from(b).toString('utf8'), Buffer.from(b).toString('latin1')])].join('\n');
  for (const seed of [seeds[0], seeds[2]]) {
    const words = seed.text.split(/\s+/).filter(Boolean);
    for (let i = 0; i + 6 <= words.length; i++) {
      const run = words.slice(i, i + 6).join(' ');
      if (seed.title.includes(run)) continue; // the title is kept, as the page states it
      assert.ok(!stored.includes(run), `stored: "${run}"`);
    }
  }
});

test('your reading: the article read, opened again, is recognised as read, not as a rewrite of itself; after a worker restart too', async () => {
  await stopWorker(reading.a.page);
  const since = Date.now();
  await reading.a.page.reload();
  const r = await freshResult(reading.a.tabId, since);
  assert.equal(r.state, 'seen');
  assert.equal(r.reading.seen.version.url, seeds[0].url);
  assert.equal(r.report.verdict, 'original');
  await expectBadge(reading.a.tabId, BADGES.seen);
  const popup = await openPopup(reading.a.tabId);
  try {
    assert.equal(await popup.textContent('#verdict-label'), LABELS.seen);
    assert.deepEqual(await popup.locator('#why li').allTextContents(), whySentences(r.report, { packs: 1, reading: r.reading }));
    assert.equal(await popup.textContent('#source-heading'), 'You read');
    await popup.screenshot({ path: path.join(SHOTS, 'popup-reading-seen.png'), fullPage: true });
  } finally {
    await popup.close();
  }
  assert.equal(await inWorker(() => globalThis.storyprintTestMark), undefined, 'the worker really restarted');
  assert.equal((await remembered()).articles, 2, 'opening it again adds nothing');
});

test('your reading: paused, nothing is remembered', async () => {
  const options = await openReadingOptions();
  await options.click('#reading-pause');
  await options.waitForFunction(() => /Paused/.test(document.getElementById('reading-paused').textContent));
  const other = await openSeed(3, otherSite());
  assert.notEqual(other.result.state, 'error');
  // Remembering is queued before the result is stored, and the question below waits in the same
  // queue: its answer comes after any remembering of these pages.
  await openSeed(4, otherSite());
  assert.equal((await remembered()).articles, 2);
  const since = Date.now();
  await other.page.reload();
  assert.notEqual((await freshResult(other.tabId, since)).state, 'seen', 'not remembered, so not seen');
  await options.click('#reading-pause');
  await options.waitForFunction(() => document.getElementById('reading-pause').textContent === 'Pause');
  await other.page.close();
  await options.close();
});

test('your reading: exported as a pack file, importable elsewhere', async () => {
  const options = await openReadingOptions();
  const [download] = await Promise.all([options.waitForEvent('download'), options.click('#reading-export')]);
  assert.equal(download.suggestedFilename(), 'your-reading.pack');
  const bytes = fs.readFileSync(await download.path());
  const engine = await createEngine({ wasm: fs.readFileSync(path.join(ROOT, 'core/js/wasm/storyprint-core.wasm')), dictionaries: false });
  const info = engine.addPack('elsewhere', bytes);
  assert.equal(info.versions, 2);
  assert.deepEqual(engine.packSummary(bytes).outlets.map((o) => o.name).sort(), [seeds[0].outlet, seeds[2].outlet].sort());
  // Elsewhere, both articles are known versions of it.
  for (const i of [0, 2]) assert.equal(engine.check(seeds[i].text, { url: seeds[i].url }).known_version?.url, seeds[i].url);
  await options.close();
});

test('your reading: forgetting the site of A takes the verdict away; never remembering a site forgets it too', async () => {
  const options = await openReadingOptions();
  const host = new URL(srv.origin).hostname; // A was read on 127.0.0.1, its rewrite on localhost
  const site = options.locator(`#reading-sites li[data-host="${host}"]`);
  assert.match(await site.textContent(), new RegExp(`^${seeds[0].outlet} ${host.replace(/\./g, '\\.')}: 1 article, last read`));
  await options.screenshot({ path: path.join(SHOTS, 'options-reading.png'), fullPage: true });
  const since = Date.now();
  await site.getByRole('button', { name: 'Forget' }).click();
  await options.waitForFunction(() => /Forgot 1 article from/.test(document.getElementById('status').textContent));
  assert.equal((await remembered()).articles, 1);
  // Open tabs are checked again: the rewrite no longer names A (it is itself still remembered).
  const r = await freshResult(reading.rewrite.tabId, since);
  assert.equal(r.state, 'seen');
  assert.equal(r.report.source_version?.url === seeds[0].url, false);
  assert.ok(!(seeds[0].url in r.reading.read));
  await expectBadge(reading.rewrite.tabId, BADGES.seen);

  // Never remember localhost: what was read there goes, and nothing more is kept from it.
  await options.fill('#never-host', 'localhost');
  const since2 = Date.now();
  await options.click('#never-button');
  await options.waitForSelector('#never-sites li[data-never="localhost"]');
  assert.equal((await remembered()).articles, 0);
  assert.equal((await freshResult(reading.rewrite.tabId, since2)).state, 'none');
  await openSeed(1, otherSite());
  assert.equal((await remembered()).articles, 0);
  await options.close();
});

test('your reading: forget everything', async () => {
  const t = await openSeed(1);
  await rememberedCount(1);
  const options = await openReadingOptions();
  assert.match(await options.textContent('#reading-stats'), /^1 article remembered, \d+ KB/);
  await options.click('#reading-forget-all');
  assert.equal((await remembered()).articles, 1, 'one click only arms the button');
  await options.click('#reading-forget-all');
  await options.waitForFunction(() => /forgotten/.test(document.getElementById('status').textContent));
  assert.equal((await remembered()).articles, 0);
  assert.equal(await options.textContent('#reading-stats'), 'Nothing is remembered.');
  await options.close();
  await t.page.close();
});

test('your reading: stored in the earlier pack format, it is upgraded when the worker starts, articles kept', async () => {
  // tests/data/format2.pack holds seeds 000 and 001 (and METER wire copy) as the format-2 writer
  // made them: stored as a segment of the reading with seed 000's article, as an earlier
  // Storyprint would have left it.
  const old = fs.readFileSync(path.join(ROOT, 'tests/data/format2.pack'));
  assert.equal(old.readUInt32LE(8), 2);
  const a = seeds[0];
  const article = { id: a.id, url: a.url, title: a.title, outlet: a.outlet, published: a.published, host: new URL(a.url).host, read: Date.now() };
  const stored = (name) => ext(async (n) => {
    const db = await new Promise((resolve, reject) => {
      const r = indexedDB.open('storyprint');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const seg = await new Promise((resolve) => { const q = db.transaction('segments').objectStore('segments').get(n); q.onsuccess = () => resolve(q.result); });
    db.close();
    return seg && Array.from(seg.bytes.slice(0, 12));
  }, name);
  await ext(async ({ bytes, art }) => {
    const db = await new Promise((resolve, reject) => {
      const r = indexedDB.open('storyprint');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const tx = db.transaction(['segments', 'articles'], 'readwrite');
    tx.objectStore('segments').put({ name: 'seg-old', bytes: new Uint8Array(bytes), ids: [art.id], created: art.read });
    tx.objectStore('articles').put(art);
    await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); });
    db.close();
  }, { bytes: Array.from(old), art: article });
  assert.equal((await stored('seg-old'))[8], 2);
  const blank = await context.newPage();
  await stopWorker(blank);
  await blank.close();
  const t = await openSeed(2, otherSite());
  const { state, report, reading: ctx } = t.result;
  assert.equal(state, 'rewrite');
  assert.equal(ctx.fromReading, true);
  assert.equal(report.source_version.url, a.url, 'the article read before the update is still known');
  const today = fs.readFileSync(path.join(EXT, 'packs/demo.pack')).readUInt32LE(8);  // built by today's writer
  assert.ok(today > 2);
  assert.equal((await stored('seg-old'))[8], today, 'the segment is stored in today\'s format');
  const kept = await ext(async (id) => {
    const db = await new Promise((resolve, reject) => {
      const r = indexedDB.open('storyprint');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const art = await new Promise((resolve) => { const q = db.transaction('articles').objectStore('articles').get(id); q.onsuccess = () => resolve(q.result); });
    db.close();
    return art;
  }, a.id);
  assert.equal(kept?.url, a.url, 'the article read before the update is still remembered');
  await t.page.close();
});

// ---- privacy ----

test('privacy: no page text or fingerprint leaves the browser', async () => {
  // The local test server answers as 127.0.0.1 and as localhost (the reading tests' "other site").
  const local = [new URL(srv.origin).host, new URL(otherSite()).host];
  const allowed = (u) => { const x = new URL(u); return (x.protocol === 'http:' && local.includes(x.host)) || (x.protocol === 'chrome-extension:' && x.host === extId); };
  assert.deepEqual(requests.filter((r) => !allowed(r.url)), [], 'only the local test server and the extension itself');
  assert.ok(requests.some((r) => new URL(r.url).host === local[1]), 'the reading tests\' pages were watched too');
  // The watcher does see the service worker's own requests: its pack download is there.
  assert.ok(requests.some((r) => r.url === `${srv.origin}/packs/other.pack`), 'the subscription download was seen');
  // The local server got only plain GETs of its pages, the subscribed packs and their signatures:
  // no bodies, no query strings, no cookies.
  const paths = /^\/(article\/\d\.html|index\.html|cjk\.html|deep\.html|img\/photo\.svg|packs\/(other|signed)\.pack(\.sig)?|favicon\.ico)$/;
  for (const r of srv.log) {
    assert.equal(r.method, 'GET', `${r.method} ${r.url}`);
    assert.match(r.url, paths);
    assert.equal(r.bodyLength, 0);
    assert.equal(r.headers.cookie, undefined);
  }
  assert.deepEqual(requests.filter((r) => r.method !== 'GET' || r.post > 0), [], 'no request sends anything');
});
