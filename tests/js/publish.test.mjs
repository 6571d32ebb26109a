// A publisher's inputs: saved HTML pages, folders of them and RSS / Atom feeds linking to them, read
// by the runner with the extension's article extraction (tests/data/publisher: fictional news of our
// own, CC0). Run: node --test tests/js/
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { NATIVE, ROOT, RUNNER, requireNative, requireWasm, runFailing, runNative, runRunner } from './helpers.mjs';
import { parseFeed, savedPage } from '../../core/js/runner/feed.mjs';

requireNative();
requireWasm();
const SITE = path.join(ROOT, 'tests/data/publisher/site');
const ELSEWHERE = path.join(ROOT, 'tests/data/publisher/elsewhere');
const URL_OF = (slug) => `https://harbourtimes.example/news/${slug}.html`;
const COLD_STORE = URL_OF('2024/11/cold-store-east-quay'), BARRIER = URL_OF('2024/11/storm-barrier-first-test');
const FERRY = URL_OF('2024/10/winter-ferry-timetable');

let tmp;
before(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sp-publish-')); });
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const readJsonl = (f) => fs.readFileSync(f, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const runnerFails = (...args) => runFailing(process.execPath, [RUNNER, ...args]);
const runnerStderr = async (...args) => (await promisify(execFile)(process.execPath, [RUNNER, ...args])).stderr;

describe('a feed of saved pages', () => {
  test('extract: each item\'s article and metadata, the page\'s own first, then the feed\'s', async () => {
    const out = path.join(tmp, 'feed.jsonl');
    await runRunner('extract', path.join(SITE, 'feed.xml'), '-o', out);
    const v = readJsonl(out);
    assert.deepEqual(v.map(({ text, ...meta }) => meta), [
      // No canonical link, site name or JSON-LD: URL and outlet from the feed.
      { id: COLD_STORE, outlet: 'Harbour Times', url: COLD_STORE, title: 'Fishing cooperative opens cold store on the east quay', published: '2024-11-22' },
      // JSON-LD only (url, headline, datePublished, publisher).
      { id: BARRIER, outlet: 'Harbour Times', url: BARRIER, title: 'Storm barrier holds back highest tide in a decade', published: '2024-11-20' },
      // og: tags, article:published_time and a canonical link.
      { id: FERRY, outlet: 'Harbour Times', url: FERRY, title: 'Harbour board approves winter ferry timetable', published: '2024-10-28' },
    ]);
    for (const { text } of v) {
      assert.ok(!/Most read|Newsletter|About us|fictional newspaper/.test(text), `boilerplate in the article: ${text.slice(-200)}`);
      assert.ok(text.split('\n\n').length >= 6, 'paragraphs kept apart');
    }
    assert.match(v[1].text, /^Port Alder's new storm surge barrier was closed for the first time/);
    assert.match(v[1].text, /recorded on each side of the gates\.$/);
  });

  test('pack build FEED in the runner = the native CLI\'s pack build of the runner\'s JSON lines', async () => {
    const jsonl = path.join(tmp, 'feed.jsonl');
    await runRunner('extract', path.join(SITE, 'feed.xml'), '-o', jsonl);
    await runRunner('pack', 'build', path.join(SITE, 'feed.xml'), '-o', path.join(tmp, 'runner.pack'));
    await runNative('pack', 'build', jsonl, '-o', path.join(tmp, 'native.pack'));
    assert.ok(fs.readFileSync(path.join(tmp, 'runner.pack')).equals(fs.readFileSync(path.join(tmp, 'native.pack'))));
    // The same article on another site, with a credit line: a syndicated copy of the feed's item.
    const r = JSON.parse(await runRunner('check', '--pack', path.join(tmp, 'runner.pack'), path.join(ELSEWHERE, 'storm-barrier.html')));
    assert.equal(r.verdict, 'syndicated');
    assert.equal(r.source, BARRIER);
  });

  test('pack add of the same feed again adds nothing (the same URLs); the native CLI refuses pages', async () => {
    const p = path.join(tmp, 'daily.pack');
    await runRunner('pack', 'build', path.join(SITE, 'news/2024/11/cold-store-east-quay.html'), '-o', p);
    const first = await runFailing(NATIVE, ['pack', 'add', p, path.join(SITE, 'feed.xml')]);
    assert.match(first.stderr, /reads known versions as JSON lines; HTML pages and feeds are read by the runner .*\(pack\.input\)/);
    // A page given alone has no feed to say its URL: its path is its id. The feed's item of it
    // comes with its URL, so it is a new version; the second add finds all three there.
    await runRunner('pack', 'add', p, path.join(SITE, 'feed.xml'));
    assert.equal(JSON.parse(await runNative('pack', 'info', p)).versions, 4);
    assert.match(await runnerStderr('pack', 'add', p, path.join(SITE, 'feed.xml')), /daily\.pack unchanged: 4 versions in \d stories; 3 duplicates left out/);
  });
});

describe('saved pages and folders', () => {
  test('a folder: every .html page in it, in name order, each its own version', async () => {
    const out = path.join(tmp, 'folder.jsonl');
    await runRunner('extract', SITE, '-o', out);
    const v = readJsonl(out);
    const cold = path.join(SITE, 'news/2024/11/cold-store-east-quay.html');
    assert.deepEqual(v.map((x) => x.id), [FERRY, cold, BARRIER]);
    // Without the feed the page says nothing of its site or URL; Readability's title stands.
    assert.deepEqual({ ...v[1], text: undefined }, { id: cold, outlet: '', url: '', title: 'Fishing cooperative opens cold store on the east quay',
      published: '2024-11-22', text: undefined });
  });

  test('a page that is not an article, a folder with no pages: errors that say so, and nothing written', async () => {
    const home = path.join(tmp, 'home.html');
    fs.writeFileSync(home, '<!doctype html><html><head><title>Home</title></head><body><nav><a href="/a">A</a></nav></body></html>');
    const out = path.join(tmp, 'never.pack');
    let r = await runnerFails('pack', 'build', home, '-o', out);
    assert.equal(r.stderr, `storyprint-js: ${home}: no article found in the page (Readability) (page.article)\n`);
    const empty = fs.mkdtempSync(path.join(tmp, 'empty-'));
    r = await runnerFails('pack', 'build', path.join(SITE, 'feed.xml'), empty, '-o', out);
    assert.equal(r.stderr, `storyprint-js: ${empty}: no saved pages (.html) in it (pack.input)\n`);
    assert.ok(!fs.existsSync(out));
  });
});

describe('feeds: formats and where their links lead', () => {
  const write = (rel, text) => {
    const f = path.join(tmp, 'mirror', rel);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, text);
    return f;
  };
  before(() => {
    // A mirror of the site kept under its host name, with the feed in a folder of it.
    const page = fs.readFileSync(path.join(SITE, 'news/2024/11/storm-barrier-first-test.html'), 'utf8');
    write('harbourtimes.example/news/2024/11/storm-barrier-first-test.html', page);
    write('harbourtimes.example/news/latest/index.html', page);
    write('harbourtimes.example/news/2024/11/no-extension.html', page);
  });

  test('Atom: alternate links, published or updated dates, the feed title', async () => {
    const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour Times</title>
<link rel="self" href="https://harbourtimes.example/feeds/atom.xml"/>
<entry><title>Barrier</title><link rel="edit" href="https://cms.example/edit/1"/><link href="${BARRIER}"/><published>2024-11-20T18:10:00Z</published></entry>
<entry><title type="html">Latest &amp;amp; more</title><link rel="alternate" type="text/html" href="https://harbourtimes.example/news/latest/"/><updated>2024-11-21</updated></entry>
</feed>`;
    const feed = await parseFeed(atom, 'atom.xml');
    assert.deepEqual(feed, { outlet: 'Harbour Times', items: [
      { link: BARRIER, title: 'Barrier', published: '2024-11-20' },
      { link: 'https://harbourtimes.example/news/latest/', title: 'Latest &amp; more', published: '2024-11-21' }] });
  });

  test('RSS 1.0 (RDF) items with dc:date, and RSS 2.0 permalink guids', async () => {
    const rdf = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Harbour Times</title></channel><item><title>A</title><link>${BARRIER}</link><dc:date>2024-11-20T18:10:00+00:00</dc:date></item></rdf:RDF>`;
    assert.deepEqual((await parseFeed(rdf, 'f.rdf')).items, [{ link: BARRIER, title: 'A', published: '2024-11-20' }]);
    const guid = `<rss version="2.0"><channel><title>T</title><item><guid>${BARRIER}</guid><pubDate>Wed, 20 Nov 2024 18:10:00 +0000</pubDate></item>
<item><guid isPermaLink="false">tag:123</guid></item></channel></rss>`;
    assert.deepEqual((await parseFeed(guid, 'g.xml')).items.map((i) => i.link), [BARRIER, '']);
  });

  test('a link is found by its path under the feed\'s folder, wherever the feed sits in the mirror', () => {
    const inRoot = path.join(tmp, 'mirror/harbourtimes.example/feed.xml');
    const inFolder = path.join(tmp, 'mirror/harbourtimes.example/feeds/news.xml');
    const atMirror = path.join(tmp, 'mirror/feed.xml');
    const saved = path.join(tmp, 'mirror/harbourtimes.example/news/2024/11/storm-barrier-first-test.html');
    assert.equal(savedPage(BARRIER, inRoot), saved);
    assert.equal(savedPage(BARRIER, atMirror), null); // the host is not part of the path
    assert.equal(savedPage('news/2024/11/storm-barrier-first-test.html', inRoot), saved);
    assert.equal(savedPage('../news/2024/11/storm-barrier-first-test.html?utm=x#top', inFolder), saved);
    assert.equal(savedPage('https://harbourtimes.example/news/latest/', inRoot), path.join(tmp, 'mirror/harbourtimes.example/news/latest/index.html'));
    assert.equal(savedPage('https://harbourtimes.example/news/2024/11/no-extension', inRoot), path.join(tmp, 'mirror/harbourtimes.example/news/2024/11/no-extension.html'));
    // A link whose path, taken from the feed's folder, would leave it is never followed.
    assert.equal(savedPage('https://harbourtimes.example/%2e%2e/%2e%2e/etc/passwd', inRoot), null);
    assert.equal(savedPage('mailto:desk@harbourtimes.example', inRoot), null);
  });

  test('an item whose page was not saved, a feed that is not well formed: errors naming them', async () => {
    const feed = write('harbourtimes.example/partial.xml', `<rss version="2.0"><channel><title>T</title>
<item><link>${BARRIER}</link></item><item><title>Gone</title><link>https://harbourtimes.example/news/gone.html</link></item></channel></rss>`);
    const out = path.join(tmp, 'never.pack');
    let r = await runnerFails('pack', 'build', feed, '-o', out);
    assert.match(r.stderr, /^storyprint-js: .*partial\.xml: item 2 \(https:\/\/harbourtimes\.example\/news\/gone\.html\): no saved page for it \(looked for .*harbourtimes\.example\/news\/gone\.html, .*\) \(feed\.page\)\n$/);
    const broken = write('broken.xml', '<rss version="2.0"><channel><item></channel></rss>');
    r = await runnerFails('pack', 'build', broken, '-o', out);
    assert.match(r.stderr, /^storyprint-js: .*broken\.xml: not a well-formed feed \(line 1:\d+: unexpected close tag\.\) \(feed\.parse\)\n$/);
    const html = write('notafeed.xml', '<html><body>hi</body></html>');
    r = await runnerFails('pack', 'build', html, '-o', out);
    assert.match(r.stderr, /notafeed\.xml: not an RSS or Atom feed \(feed\.parse\)/);
    assert.ok(!fs.existsSync(out));
  });
});
