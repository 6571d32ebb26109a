// Known versions with their texts, from what a publisher has: JSON lines (the shared corpus format),
// saved HTML pages (files or folders of them) and RSS / Atom feeds whose items link to saved pages.
// Pages are read by the extension's own extraction (core/js/article.mjs through html.mjs), so a
// pack holds what the extension will compare a reader's page with.
import fs from 'node:fs';
import path from 'node:path';

import { CliError, knownVersion, readJsonl, readText } from './io.mjs';
import { extractArticle, looksLikeHtml } from './html.mjs';
import { parseFeed, savedPage } from './feed.mjs';

const PAGE = /\.x?html?$/i;
const FEED = /\.(xml|rss|atom)$/i;
const FEED_START = /^\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*<(rss|feed|rdf:RDF)\b/;

/**
 * What an input is: 'pack' (by its name or its magic bytes), 'folder' (of saved pages), 'page',
 * 'feed', or 'jsonl'. By the name first, as the native CLI decides (core/cli/pack_files.cpp), then
 * by the content.
 */
export function inputKind(file) {
  if (/\.pack$/i.test(file)) return 'pack';
  const st = fs.statSync(file, { throwIfNoEntry: false });
  if (st?.isDirectory()) return 'folder';
  if (PAGE.test(file)) return 'page';
  if (FEED.test(file)) return 'feed';
  if (!st?.isFile()) return 'jsonl'; // reading it says "cannot open", as natively
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(4096);
  const n = fs.readSync(fd, head, 0, head.length, 0);
  fs.closeSync(fd);
  if (n >= 8 && head.subarray(0, 8).toString('latin1') === 'SPRTPACK') return 'pack';
  const start = head.subarray(0, n).toString('utf8');
  if (FEED_START.test(start)) return 'feed';
  return looksLikeHtml(file, start) ? 'page' : 'jsonl';
}

/** Known versions of a known.jsonl, checked as the native builder checks them (with line numbers). */
export function readKnown(file) {
  return readJsonl(file).map((o, i) => {
    const v = knownVersion(o);
    if (!v.id) throw new CliError('pack.meta', `${file}:${i + 1}: a known version needs an id`);
    return v;
  });
}

const httpUrl = (u) => (/^https?:\/\//i.test(u ?? '') ? u : '');

/**
 * The known version of a saved page: its article and metadata (canonical URL, og: and JSON-LD
 * title, site and date), with what a feed says of it where the page says nothing. Its id is its
 * URL (the same article added again is then left out as a duplicate), else its path.
 */
async function pageVersion(file, item = {}) {
  const { text: html } = readText(file);
  let article;
  try {
    article = await extractArticle(html, file, httpUrl(item.link));
  } catch (e) {
    if (e.code) throw new CliError(e.code, `${file}: ${e.message}`);
    throw e;
  }
  const { text, meta, readability, readerable, stated } = article;
  // What the extension's content script takes for an article (extension/content.js): a pack holds
  // only pages the extension would check.
  if (!readerable || !readability || text.length < 200) throw new CliError('page.article', `${file}: no article found in the page (Readability)`);
  const url = meta.url || httpUrl(item.link);
  // What the page states, then what the feed says, then what Readability and <title> guess.
  const pick = (k, fromFeed) => stated[k] || fromFeed || meta[k] || '';
  return { id: url || file, outlet: pick('outlet', item.outlet), url, title: pick('title', item.title),
    published: pick('published', item.published), text };
}

function pagesIn(folder) {
  const out = [];
  for (const e of fs.readdirSync(folder, { withFileTypes: true, recursive: true }))
    if (e.isFile() && PAGE.test(e.name)) out.push(path.join(e.parentPath ?? e.path, e.name));
  if (!out.length) throw new CliError('pack.input', `${folder}: no saved pages (.html) in it`);
  return out.sort();
}

async function feedVersions(file) {
  const { text: xml } = readText(file);
  const feed = await parseFeed(xml, file);
  if (!feed.items.length) throw new CliError('feed.empty', `${file}: the feed has no items`);
  const out = [];
  for (const [i, item] of feed.items.entries()) {
    const where = `${file}: item ${i + 1}${item.link ? ` (${item.link})` : ''}`;
    if (!item.link) throw new CliError('feed.link', `${where}: the item has no link`);
    const tried = [];
    const page = savedPage(item.link, file, tried);
    if (!page) throw new CliError('feed.page', `${where}: no saved page for it (looked for ${tried.join(', ') || 'a local file'})`);
    out.push({ version: await pageVersion(page, { ...item, outlet: feed.outlet }), where: page });
  }
  return out;
}

/**
 * Known versions of every input but packs, in the order given: [{version, where}], where naming
 * the version in errors ("FILE:LINE" for JSON lines, as natively; the page's path for pages).
 */
export async function readSources(files) {
  const out = [];
  for (const file of files) {
    const kind = inputKind(file);
    if (kind === 'jsonl') out.push(...readKnown(file).map((version, i) => ({ version, where: `${file}:${i + 1}` })));
    else if (kind === 'page') out.push({ version: await pageVersion(file), where: file });
    else if (kind === 'folder') for (const f of pagesIn(file)) out.push({ version: await pageVersion(f), where: f });
    else if (kind === 'feed') out.push(...(await feedVersions(file)));
  }
  return out;
}
