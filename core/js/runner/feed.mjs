// RSS and Atom feeds whose items link to saved pages: the items, and the saved file each links to.
// A publisher's feed names public URLs; the pages are saved beside the feed as a site mirror would
// keep them (wget --mirror, a static site's output folder), so a link is looked up by its path.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { isoDay } from '../article.mjs';
import { CliError } from './io.mjs';

const kids = (el, name) => [...(el?.children ?? [])].filter((c) => c.localName === name);
const text = (el, name) => kids(el, name)[0]?.textContent.trim() ?? '';

// Atom: the rel="alternate" link (or one without rel) of an entry; RSS: <link>, else a permalink guid.
function itemLink(item) {
  const atom = kids(item, 'link').find((l) => l.hasAttribute('href') && ['', 'alternate'].includes(l.getAttribute('rel') ?? ''));
  if (atom) return atom.getAttribute('href').trim();
  const link = text(item, 'link');
  if (link) return link;
  const guid = kids(item, 'guid')[0];
  return guid && guid.getAttribute('isPermaLink') !== 'false' ? guid.textContent.trim() : '';
}

/**
 * The items of an RSS 2.0, RSS 1.0 (RDF) or Atom feed: {title, outlet, items: [{link, title,
 * published}]}. published is YYYY-MM-DD from pubDate, dc:date, published or updated ('' if none).
 */
export async function parseFeed(xml, file) {
  const { JSDOM, VirtualConsole } = await import('jsdom');
  let doc;
  try {
    doc = new JSDOM(xml, { contentType: 'application/xml', virtualConsole: new VirtualConsole() }).window.document;
  } catch (e) {
    throw new CliError('feed.parse', `${file}: not a well-formed feed (${String(e.message).replace(/^about:blank:/, 'line ')})`);
  }
  const root = doc.documentElement;
  const kind = root?.localName;
  if (!['rss', 'RDF', 'feed'].includes(kind)) throw new CliError('feed.parse', `${file}: not an RSS or Atom feed`);
  const channel = kind === 'rss' ? kids(root, 'channel')[0] : kind === 'RDF' ? kids(root, 'channel')[0] : root;
  const entries = kind === 'feed' ? kids(root, 'entry') : kind === 'rss' ? kids(channel, 'item') : kids(root, 'item');
  return {
    outlet: text(channel, 'title'),
    items: entries.map((e) => ({
      link: itemLink(e),
      title: text(e, 'title'),
      published: isoDay(text(e, 'pubDate') || text(e, 'date') || text(e, 'published') || text(e, 'updated')),
    })),
  };
}

const isFile = (f) => fs.statSync(f, { throwIfNoEntry: false })?.isFile() ?? false;

/**
 * The saved file an item's link names, or null; `tried` gets the paths looked at. A relative link
 * is a path from the feed's folder. A file: URL is that file. An http(s) URL is looked up by its
 * path under the feed's folder: the whole path, then without its leading folders one at a time
 * (so the feed may sit at the mirror's root or in any folder of it); a path ending in / means its
 * index.html, and a path without an extension may be saved with .html added.
 */
export function savedPage(link, feedFile, tried = []) {
  const dir = path.dirname(path.resolve(feedFile));
  let url;
  try {
    url = new URL(link);
  } catch {
    url = null;
  }
  const look = (candidates) => {
    for (const c of candidates) {
      tried.push(c);
      if (isFile(c)) return c;
    }
    return null;
  };
  const variants = (rel) => {
    if (rel === '' || rel.endsWith('/')) return [path.join(dir, rel, 'index.html')];
    return path.extname(rel) ? [path.join(dir, rel)] : [path.join(dir, rel), path.join(dir, `${rel}.html`)];
  };
  const decode = (p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  };
  if (!url) {
    const rel = decode(link.replace(/[?#].*$/, ''));
    return path.isAbsolute(rel) ? look([rel]) : look(variants(rel));
  }
  if (url.protocol === 'file:') return look([fileURLToPath(url)]);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const segments = decode(url.pathname).split('/').filter((s, i, all) => s || i === all.length - 1);
  for (let i = 0; i < segments.length; i++) {
    const rel = segments.slice(i).join('/');
    // Never outside the feed's folder; and a folder's URL is not the feed folder's own index.
    if (rel.split('/').includes('..') || (i > 0 && rel === '')) continue;
    const found = look(variants(rel));
    if (found) return found;
  }
  return null;
}
