// End-to-end tests of the static demo page in Debian's Chromium through playwright-core.
// Builds the site into a temp dir with scripts/build-web.sh, serves it with scripts/serve-web.mjs on
// a free port, and drives the real page (module worker + wasm). Expectations for the samples come
// from demo/samples.json (pages written for the project, in the repository); the words come from the
// report view the extension uses too. Screenshots go to build/screenshots/.
//   node --test tests/browser/web.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createEngine } from '../../core/js/storyprint.mjs';
import { STATES, quotesOf, showProbabilities, stateOf } from '../../core/js/report-view.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DEMO = JSON.parse(fs.readFileSync(path.join(ROOT, 'demo/samples.json'), 'utf8')).samples;
const SAMPLES = DEMO.filter((s) => s.sample);
const sampleText = (s) => fs.readFileSync(path.join(ROOT, 'demo', s.file), 'utf8');
const sample = (id) => DEMO.find((s) => s.id === id);
const COURIER = sample('courier-2026-03-14-old-mill-bridge');
const REWRITE = sample('countytimes-2026-03-15-bridge');
const SHOTS = path.join(ROOT, 'build/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';
// As TOOLCHAIN.md says: new headless, no sandbox (root), no network lookups except local ones.
const CHROMIUM_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1'];

// A made-up story (not in any pack) for the paste and "add as known version" cases.
const LIGHTHOUSE = [
  'Residents of the harbour town of Port Ellis woke on Sunday to find that the old lighthouse, closed for forty years, had been switched back on overnight.',
  'The harbour master, Joan Pike, said nobody in the town had held a key to the tower since the lamp was removed in 1984, and that the door was still locked when she arrived at dawn.',
  'Police said they were investigating but that no crime appeared to have been committed, since the lamp had been powered from a small solar panel fixed to the gallery rail.',
  'The town council will meet on Monday to decide whether the light should stay on through the winter, when storms make the rocky entrance to the harbour dangerous.',
  'Local fishermen welcomed the beam. "It is the first time in my life I have seen it lit," said Tom Rees, whose grandfather kept the light until the 1950s.',
  'A collection for a permanent lamp had raised more than three thousand pounds by Sunday evening, the council said.',
].join('\n\n');
const UNRELATED = 'The city council voted on Tuesday to extend the opening hours of public libraries across the district, after a long campaign by parents and teachers. ' +
  'The change will cost about two million pounds a year, officials said, and will be paid for from the culture budget. Libraries will open on Sundays from March.';

let outDir, server, baseUrl, browser, engine;

before(async () => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'storyprint-web-'));
  execFileSync(path.join(ROOT, 'scripts/build-web.sh'), [outDir], { stdio: ['ignore', 'ignore', 'pipe'] });
  server = spawn(process.execPath, [path.join(ROOT, 'scripts/serve-web.mjs'), outDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  // Never leave the server behind, even when the run ends without after() (e.g. interrupted).
  process.on('exit', () => server.kill());
  baseUrl = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (m) resolve(m[0]);
    });
    server.on('exit', (code) => reject(new Error(`serve-web exited with ${code}`)));
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  // The same wrapper and pack bytes as the page: the reference for what "the engine returned" means.
  engine = await createEngine();
  engine.addPack('demo', fs.readFileSync(path.join(outDir, 'data/demo.pack')));
  fs.mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  server?.kill();
  if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
});

// A fresh page, ready to check; collects page errors so every test can assert there were none.
async function openPage(viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  await page.goto(baseUrl);
  await page.waitForSelector('html[data-samples="true"]', { state: 'attached', timeout: 15000 });
  return { page, errors, close: () => context.close() };
}

const checksDone = (page) => page.evaluate(() => Number(document.documentElement.dataset.checks ?? 0));
// Runs action (which starts a check) and waits until that check has finished.
async function afterCheck(page, action) {
  const n = await checksDone(page);
  await action();
  await page.waitForFunction((k) => Number(document.documentElement.dataset.checks ?? 0) > k, n, { timeout: 15000 });
}
const verdictData = (page) => page.$eval('#verdict', (el) => ({ state: el.dataset.state, verdict: el.dataset.verdict, source: el.dataset.source, known: el.dataset.known, text: el.innerText,
  bars: [...el.querySelectorAll('.probabilities li')].map((li) => ({ label: li.querySelector('.prob-label').textContent, chosen: li.classList.contains('chosen') })) }));
const pageMarks = (page) => page.$$eval('.pane-page mark.passage', (ms) => ms.map((m) => m.dataset.kind));
const knownMarks = (page) => page.$$eval('.pane-known mark.passage', (ms) => ms.map((m) => m.dataset.kind));

// WCAG contrast of each kind of text on the page against its effective background; lists those under 4.5:1.
const lowContrast = (page) => page.evaluate(() => {
  const rgb = (c) => {
    const m = /rgba?\(([^)]+)\)/.exec(c);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return { r, g, b, a };
  };
  const lum = ({ r, g, b }) => [r, g, b].map((c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; })
    .reduce((s, c, i) => s + c * [0.2126, 0.7152, 0.0722][i], 0);
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0.5) return c;
    }
    return { r: 255, g: 255, b: 255 };
  };
  const sel = ['body', '.lede', '.hint', '.sample-num', '.sample-title', 'button.primary', 'button.sample', '.verdict-title',
    '.verdict a', '.score-explain', '.score dd', 'table.matches .date', '.tl-date', '.badge-source', 'mark.verbatim',
    'mark.reworded', '.pane-sub', '.pane-count', '.pack-info', 'label', '.site-footer'];
  const out = [];
  for (const s of sel) {
    const el = document.querySelector(s);
    if (!el) { out.push(`${s}: missing`); continue; }
    const fg = rgb(getComputedStyle(el).color);
    const [l1, l2] = [lum(fg), lum(background(el))].sort((a, b) => b - a);
    const ratio = (l1 + 0.05) / (l2 + 0.05);
    if (ratio < 4.5) out.push(`${s}: ${ratio.toFixed(2)}`);
  }
  return out;
});

async function pickSample(page, seed) {
  await afterCheck(page, () => page.click(`button.sample[data-id="${seed.id}"]`));
  assert.equal(await page.getAttribute(`button.sample[data-id="${seed.id}"]`, 'aria-pressed'), 'true');
}

test('serve-web answers with the MIME types browsers insist on, and stays inside its directory', async () => {
  for (const [file, type] of [['', 'text/html'], ['app.mjs', 'text/javascript'], ['runtime/wasm/storyprint-core.wasm', 'application/wasm'], ['style.css', 'text/css']]) {
    const res = await fetch(baseUrl + file);
    assert.equal(res.status, 200, file);
    assert.equal(res.headers.get('content-type').split(';')[0], type, file);
  }
  assert.equal((await fetch(`${baseUrl}%2e%2e/%2e%2e/etc/passwd`)).status, 404);
});

test('each demo sample shows its state in the report view’s words, its source and never bars against its verdict', async (t) => {
  const { page, errors, close } = await openPage();
  assert.match(await page.textContent('#engine-status'), /Engine ready\. 1 pack loaded, 2 known versions/);
  for (const seed of SAMPLES) {
    await t.test(`${seed.file} (${seed.expect})`, async () => {
      await pickSample(page, seed);
      const v = await verdictData(page);
      const { id, url, outlet, title, published } = seed;
      const r = engine.check(sampleText(seed), { id, url, outlet, title, published });
      assert.equal(v.state, seed.expect, `state of ${seed.file}`);
      assert.match(v.text, new RegExp(`^${STATES[seed.expect].badge}\\s+${STATES[seed.expect].label}`), 'badge and label of the state');
      assert.ok(v.text.includes(STATES[seed.expect].sentence));
      if (seed.expect === 'known') {
        // The page is one of the pack's own versions: shown as such, nothing attributed.
        assert.equal(v.known, seed.id);
        assert.equal(v.source, '');
        assert.match(v.text, /This page is Riverton Courier — “Old Mill Bridge reopens/);
        assert.match(v.text, /one of the versions in your packs/);
      } else if (seed.source) {
        assert.equal(v.verdict, seed.expect, `verdict of ${seed.file}`);
        assert.equal(v.source, seed.source, `source of ${seed.file}`);
        assert.equal(v.known, '');
        assert.match(v.text, /(Copied|Derived) from Riverton Courier — “Old Mill Bridge reopens six weeks after flood damage” \(14 Mar 2026\)\./);
        // The demo holds the source's text: side by side, shared passages marked on both sides.
        assert.equal(await page.textContent('.pane-known h4'), 'The attributed known version');
        assert.ok((await pageMarks(page)).length > 0);
        assert.ok((await knownMarks(page)).length > 0);
        assert.ok((await page.$$('.timeline li.tl-hit')).length === 1, 'the source is marked in the timeline');
      } else if (seed.expect === 'independent') {
        // A story the pack knows, but no source named: the closest version is shown as "not a source".
        assert.equal(v.source, '');
        assert.match(v.text, /Your packs hold 1 version of the story it covers \(closest: Riverton Courier\), but it does not retell any of them\./);
        assert.equal(await page.textContent('.pane-known h4'), 'The closest known version (not a source)');
      } else {
        assert.equal(v.source, '');
        assert.match(v.text, /No version in your packs tells this story/);
        assert.equal((await pageMarks(page)).length, 0);
      }
      // Bars only where the model decided, and then they agree with the verdict.
      if (showProbabilities(r)) {
        assert.equal(v.bars.length, 3);
        const top = Object.entries(r.probabilities).sort((a, b) => b[1] - a[1])[0][0];
        assert.equal(top, r.verdict, 'the model’s most probable class is the verdict');
        assert.deepEqual(v.bars.filter((b) => b.chosen).map((b) => b.label.split(' ')[0]), [r.verdict]);
      } else {
        assert.deepEqual(v.bars, []);
      }
      // Quotations: each listed once with the known version that has it too, as the engine says.
      const quotes = await page.$$eval('#quotes li', (ls) => ls.map((l) => ({ version: l.dataset.version, text: l.querySelector('q').textContent })));
      if (seed.expect === 'known' || seed.expect === 'none') {
        assert.ok(await page.isHidden('#quotes-section'));
      } else {
        assert.deepEqual(quotes.map((q) => q.version), quotesOf(r, sampleText(seed)).map((q) => q.version ?? ''));
      }
      if (seed.id === REWRITE.id) {
        // It quotes the piers' "remarkably good shape" as the Courier does.
        assert.deepEqual(quotes, [{ text: 'in remarkably good shape', version: COURIER.id }]);
        assert.match(await page.textContent('#quotes-summary'), /^1 of the 1 quotation on this page is also in a known version/);
      }
      // The timeline lists the story's known versions, oldest first.
      const dates = await page.$$eval('.timeline li:not(.tl-page) .tl-date', (els) => els.map((e) => e.textContent));
      assert.deepEqual(dates, [...dates].sort((a, b) => Date.parse(a) - Date.parse(b)));
    });
  }
  assert.deepEqual(errors, []);
  await close();
});

test('pasted text: unrelated story is original, a verbatim known text is that known version', async () => {
  const { page, errors, close } = await openPage();
  await page.fill('#text', UNRELATED);
  await afterCheck(page, () => page.click('#check'));
  let v = await verdictData(page);
  assert.equal(v.verdict, 'original');
  assert.equal(v.source, '');
  assert.equal(v.known, '');
  // In the state the engine's report reads as (no story: no known version; a story: independent).
  const r = engine.check(UNRELATED, { id: '' });
  assert.equal(v.state, stateOf(r));
  assert.equal((await pageMarks(page)).length, r.passages.length);

  // Pasted without any metadata: recognised by its text alone.
  await page.fill('#text', sampleText(COURIER));
  await afterCheck(page, () => page.click('#check'));
  v = await verdictData(page);
  assert.equal(v.known, COURIER.id);
  assert.equal(v.state, 'known');
  assert.deepEqual(errors, []);
  await close();
});

test('a known report pasted whole with more comments than it has words is a republication, and says why', async () => {
  const { page, errors, close } = await openPage();
  const comments = Array.from({ length: 60 }, (_, i) => `Reader comment ${i}: the council should have published the harbour budget before the vote.`);
  await page.fill('#text', `${sampleText(COURIER)}\n\nComments\n${comments.join('\n')}`);
  await afterCheck(page, () => page.click('#check'));
  const v = await verdictData(page);
  assert.equal(v.verdict, 'syndicated');
  assert.equal(v.source, COURIER.id);
  assert.match(v.text, /It holds nearly all of Riverton Courier’s report word for word, in long runs: a republication/);
  assert.match(v.text, /Certain: the page’s own text settles it/);
  // The model's view of the page as a whole would read otherwise: no bars, and a sentence saying why.
  assert.deepEqual(v.bars, []);
  assert.match(v.text, /No probabilities are shown: the verdict comes from a republication/);
  assert.deepEqual(errors, []);
  await close();
});

test('an HTML file (opened or dropped) is reduced to its article by Readability, then checked', async () => {
  const { page, errors, close } = await openPage();
  const kyiv = { ...REWRITE, title: REWRITE.title };
  const paras = sampleText(kyiv).split('\n').filter((l) => l.length > 100);
  const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const html = `<!doctype html><html><head><title>${esc(kyiv.title)} | Kyiv</title>
    <meta property="og:site_name" content="County Times Online"><meta property="article:published_time" content="2026-03-15T10:00:00Z">
    <script>window.ranScript = true</script></head><body>
    <nav><a href="/">Skip to content</a> <a href="/news">News Feed</a> <a href="/s">Subscribe</a></nav>
    <article><h1>${esc(kyiv.title)}</h1>${paras.map((p) => `<p>${esc(p)}</p>`).join('\n')}</article>
    <footer><p>Enter your email to subscribe</p></footer></body></html>`;
  await afterCheck(page, () => page.setInputFiles('#file', { name: 'kyiv.html', mimeType: 'text/html', buffer: Buffer.from(html) }));
  const text = await page.inputValue('#text');
  assert.ok(text.includes(paras[1]), 'article paragraphs are kept');
  assert.ok(!text.includes('Enter your email'), 'page furniture is dropped');
  assert.match(text, /\n\n/, 'paragraph breaks survive');
  assert.equal(await page.inputValue('#meta-outlet'), 'County Times Online');
  assert.equal(await page.inputValue('#meta-published'), '2026-03-15');
  assert.equal(await page.evaluate(() => window.ranScript), undefined, 'scripts in the file never run');
  const meta = { id: '', title: await page.inputValue('#meta-title'), outlet: 'County Times Online', published: '2026-03-15', url: '' };
  const r = engine.check(text, meta);
  const v = await verdictData(page);
  assert.equal(v.verdict, r.verdict);
  assert.equal(v.source, r.verdict !== 'original' ? r.source ?? '' : '');

  // Dropping a plain text file on the box reads it as is.
  await afterCheck(page, () => page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], 'pasted.txt', { type: 'text/plain' }));
    document.getElementById('drop-zone').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, UNRELATED));
  assert.equal(await page.inputValue('#text'), UNRELATED);
  assert.equal((await verdictData(page)).verdict, 'original');
  assert.deepEqual(errors, []);
  await close();
});

test('a bad pack file shows an error and the page keeps working; a good one loads', async () => {
  const { page, errors, close } = await openPage();
  const demo = fs.readFileSync(path.join(outDir, 'data/demo.pack'));
  for (const [name, buffer] of [['junk.pack', Buffer.from('this is not a pack at all, just text')], ['cut.pack', demo.subarray(0, demo.length >> 1)]]) {
    await page.setInputFiles('#pack-file', { name, mimeType: 'application/octet-stream', buffer });
    await page.waitForFunction(() => document.getElementById('pack-message').dataset.kind === 'error');
    const msg = await page.textContent('#pack-message');
    assert.match(msg, new RegExp(`“${name}” is not a usable pack: .+\\(pack\\.[a-z_]+\\)`));
    assert.match(msg, /The other packs are still loaded/);
    assert.deepEqual(await page.$$eval('#pack-list li', (ls) => ls.map((l) => l.dataset.name)), ['demo']);
    await page.evaluate(() => { document.getElementById('pack-message').dataset.kind = ''; });
  }
  // Still checks against the demo pack.
  const kyiv = REWRITE;
  await pickSample(page, kyiv);
  assert.equal((await verdictData(page)).source, kyiv.source);

  // A valid pack from elsewhere (built here with the same wrapper) is added beside the demo pack.
  const other = await createEngine();
  const bytes = other.buildPack([{ id: 'lighthouse-wire', outlet: 'Wire', title: 'Lighthouse relit', published: '2025-01-05', text: LIGHTHOUSE }]);
  await page.setInputFiles('#pack-file', { name: 'lighthouse.pack', mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
  await page.waitForFunction(() => document.querySelectorAll('#pack-list li').length === 2);
  assert.match(await page.textContent('#pack-message'), /Loaded pack “lighthouse”: 1 known version/);
  await page.fill('#text', LIGHTHOUSE);
  // Replacing a sample's text drops the sample's details (its date would rule the wire out as a source).
  assert.equal(await page.inputValue('#meta-outlet'), '');
  await afterCheck(page, () => page.click('#check'));
  assert.equal((await verdictData(page)).known, 'lighthouse-wire');
  // Its text is not held by the demo: the page side only, with a note.
  assert.ok(await page.$('.pane-missing'));
  assert.deepEqual(errors, []);
  await close();
});

test('should the core abort, the worker restarts it with every loaded pack and says so', async () => {
  const { page, errors, close } = await openPage();
  const other = await createEngine();
  const bytes = other.buildPack([{ id: 'lighthouse-wire', outlet: 'Wire', title: 'Lighthouse relit', published: '2025-01-05', text: LIGHTHOUSE }]);
  await page.setInputFiles('#pack-file', { name: 'lighthouse.pack', mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
  await page.waitForFunction(() => document.querySelectorAll('#pack-list li').length === 2);
  // The core aborting is a bug nothing here triggers, so the next check's engine is made to behave as
  // an aborted module does: that engine throws engine.aborted on this and every later call.
  const [worker] = page.workers();
  assert.ok(worker, 'the demo runs its engine in a worker');
  await worker.evaluate(async () => {
    const { Engine, StoryprintError } = await import(new URL('./runtime/storyprint.mjs', self.location.href).href);
    const check = Engine.prototype.check;
    let victim = null;
    Engine.prototype.check = function (...args) {
      victim ??= this;
      if (this === victim) throw new StoryprintError('engine.aborted', 'the core stopped (Aborted(test)); create a new engine');
      return check.apply(this, args);
    };
  });
  const kyiv = REWRITE;
  await afterCheck(page, () => page.click(`button.sample[data-id="${kyiv.id}"]`));
  assert.equal(await page.getAttribute('#input-message', 'data-kind'), 'error');
  assert.match(await page.textContent('#input-message'), /Could not check this text: the engine stopped on this request \(.*Aborted\(test\).*\) and has restarted with the same packs/);
  // The same text again, on the new engine: the demo pack is there, and so is the imported one.
  await afterCheck(page, () => page.click('#check'));
  assert.equal((await verdictData(page)).source, kyiv.source);
  await page.fill('#text', LIGHTHOUSE);
  await afterCheck(page, () => page.click('#check'));
  assert.equal((await verdictData(page)).known, 'lighthouse-wire');
  assert.deepEqual(await page.$$eval('#pack-list li', (ls) => ls.map((l) => l.dataset.name)), ['demo', 'lighthouse']);
  assert.deepEqual(errors, []);
  await close();
});

async function addLighthouse(page) {
  await page.click('#meta summary');
  await page.fill('#text', LIGHTHOUSE);
  await page.fill('#meta-title', 'Port Ellis lighthouse relit');
  await page.fill('#meta-outlet', 'Ellis Gazette');
  await page.fill('#meta-published', '2025-01-05');
  await page.click('#add-known');
  await page.waitForSelector('#yours-list li');
  const id = await page.getAttribute('#yours-list li', 'data-id');
  assert.equal(id, 'yours-port-ellis-lighthouse-relit');
  assert.deepEqual(await page.$$eval('#pack-list li', (ls) => ls.map((l) => l.dataset.name)), ['demo', 'yours']);
  assert.equal(await page.isVisible('#yours-download'), true);
  await page.click('#clear');
  return id;
}

test('a worker that cannot load: the page says the engine could not start and checks nothing', async () => {
  const context = await browser.newContext();
  try {
    // As in a browser without module workers, or with worker.mjs missing: the worker never starts.
    await context.route('**/worker.mjs', (route) => route.abort());
    const page = await context.newPage();
    await page.goto(baseUrl);
    await page.waitForFunction(() => document.getElementById('engine-status').dataset.kind === 'error', null, { timeout: 15000 });
    // The pending init is rejected, so its message ('the engine stopped') is the one left on screen.
    assert.match(await page.textContent('#engine-status'), /^The engine could not start: the engine stopped$/);
    assert.ok(await page.isDisabled('#check'));
    assert.ok(await page.isDisabled('#add-known'));
    assert.ok(await page.isDisabled('#pack-file'));
    assert.equal(await page.getAttribute('html', 'data-ready'), null);
  } finally {
    await context.close();
  }
});

test('"add as known version", then an exact copy is shown as that known version', async () => {
  const { page, errors, close } = await openPage();
  const id = await addLighthouse(page);
  await page.fill('#text', LIGHTHOUSE);
  await afterCheck(page, () => page.click('#check'));
  const v = await verdictData(page);
  assert.equal(v.known, id);
  // The demo holds the added text: both sides shown.
  assert.equal(await page.textContent('.pane-known h4'), 'The known version (this page itself)');
  assert.ok((await knownMarks(page)).length > 0);
  assert.deepEqual(errors, []);
  await close();
});

test('"add as known version", then another outlet’s copy of it is syndicated from it', async () => {
  const { page, errors, close } = await openPage();
  const id = await addLighthouse(page);
  // What a syndicating outlet does: the same text under its own byline and footer, a day later.
  await page.fill('#text', `By Staff Reporter, Coast News\n\n${LIGHTHOUSE}\n\nShare this article.`);
  await page.fill('#meta-outlet', 'Coast News');
  await page.fill('#meta-published', '2025-01-06');
  await afterCheck(page, () => page.click('#check'));
  const v = await verdictData(page);
  assert.equal(v.source, id);
  assert.equal(v.verdict, 'syndicated');
  assert.deepEqual(errors, []);
  await close();
});

test('keyboard, labels, contrast and phone width', async () => {
  const { page, errors, close } = await openPage({ width: 390, height: 844 });
  // Every form control has a label (or an aria-label).
  const unlabelled = await page.$$eval('input, textarea, select', (els) => els.filter((e) => !e.labels?.length && !e.getAttribute('aria-label')).map((e) => e.id));
  assert.deepEqual(unlabelled, []);
  // Tab from the top reaches the samples; Enter on one runs a check.
  let reached = false;
  for (let i = 0; i < 15 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.classList.contains('sample'));
  }
  assert.ok(reached, 'a sample button is reachable by Tab');
  await afterCheck(page, () => page.keyboard.press('Enter'));
  assert.ok((await verdictData(page)).verdict);
  // Ctrl+Enter in the text box checks too.
  await page.focus('#text');
  await page.fill('#text', UNRELATED);
  await afterCheck(page, () => page.keyboard.press('Control+Enter'));
  assert.equal((await verdictData(page)).verdict, 'original');
  // Shows a derived result for the contrast checks below (verdict colours, marks, badges).
  await pickSample(page, REWRITE);
  // Nothing wider than the phone.
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'no horizontal scrolling at 390 px');
  // Both colour schemes the stylesheet has.
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    assert.deepEqual(await lowContrast(page), [], `contrast in the ${colorScheme} scheme`);
  }
  assert.deepEqual(errors, []);
  await close();
});

test('screenshots at desktop and phone width: a rewrite, and an independent report', async () => {
  for (const [name, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
    const { page, errors, close } = await openPage(viewport);
    for (const s of [REWRITE, sample('gazette-2026-03-14-bridge-day')]) {
      await pickSample(page, s);
      await page.screenshot({ path: path.join(SHOTS, `web-${s.expect}-${name}.png`), fullPage: true });
    }
    assert.deepEqual(errors, []);
    await close();
  }
});
