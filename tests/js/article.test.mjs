// The shared article extraction (core/js/article.mjs): which name a page's site gets. A reader is
// shown the outlet, so a host name is the last resort, used only when no metadata names the site.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { JSDOM, VirtualConsole } from 'jsdom';
import { Readability } from '@mozilla/readability';
import { extractArticle, siteHost } from '../../core/js/article.mjs';
import { ROOT, requireShared } from './helpers.mjs';

requireShared('seeds');
const seed = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/data/seeds.json'), 'utf8')).seeds[0];
const body = fs.readFileSync(path.join(ROOT, '../shared/data/seeds', seed.file), 'utf8')
  .split('\n').filter((l) => l.trim()).map((l) => `<p>${l.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join('\n');
const ld = (o) => `<script type="application/ld+json">${JSON.stringify(o)}</script>`;

function outletOf(head, at = 'https://mirror.example.net/read/123') {
  const html = `<!doctype html><html><head><title>${seed.title}</title>${head}</head>
    <body><nav><a href="/">Home</a></nav><article><h1>${seed.title}</h1>${body}</article></body></html>`;
  const dom = new JSDOM(html, { url: at, virtualConsole: new VirtualConsole() });
  try {
    const { meta, readability } = extractArticle(dom.window.document, Readability, at);
    assert.ok(readability, 'Readability found the article');
    return meta.outlet;
  } finally {
    dom.window.close();
  }
}

test('a JSON-LD publisher given by @id is looked up in the graph', () => {
  assert.equal(outletOf(ld({ '@context': 'https://schema.org', '@graph': [
    { '@type': 'WebSite', '@id': 'https://nypost.example/#website', name: 'Home' },
    { '@type': 'NewsArticle', headline: seed.title, publisher: { '@id': 'https://nypost.example/#org' } },
    { '@type': 'NewsMediaOrganization', '@id': 'https://nypost.example/#org', name: 'New York Post' }] })), 'New York Post');
});

test('a page describing one news organisation, with no publisher on the article, is that organisation', () => {
  assert.equal(outletOf(ld([{ '@type': 'NewsArticle', headline: seed.title },
    { '@type': 'NewsMediaOrganization', name: 'The Kyiv Independent' }])), 'The Kyiv Independent');
});

test('microdata and meta tags name the publisher', () => {
  assert.equal(outletOf('<meta name="publisher" content="France 24">'), 'France 24');
  const html = `<div itemprop="publisher" itemscope itemtype="https://schema.org/Organization"><meta itemprop="name" content="Le Monde"></div>`;
  assert.equal(outletOf(html), 'Le Monde');
});

test('og:site_name wins over the rest', () => {
  assert.equal(outletOf(`<meta property="og:site_name" content="New York Post">${ld({ '@type': 'NewsArticle', publisher: { name: 'NYP Holdings' } })}`),
    'New York Post');
});

test('with no name for the site, the canonical address names it, not the mirror serving the page', () => {
  // A WebSite's name ("Home" here) is not taken for the site's.
  const head = `<link rel="canonical" href="https://www.nypost.com/2024/11/23/trump-rutte/">${ld({ '@graph': [{ '@type': 'WebSite', name: 'Home' }] })}`;
  assert.equal(outletOf(head), 'nypost.com');
  assert.equal(outletOf(''), 'mirror.example.net', 'nothing else: the page\'s own host');
});

test('siteHost: http(s) addresses only, "www." dropped', () => {
  assert.equal(siteHost('https://www.theguardian.com/world/x'), 'theguardian.com');
  assert.equal(siteHost('file:///tmp/page.html'), '');
  assert.equal(siteHost('not a url'), '');
});
