// HTML pages -> article text and metadata for the runner: jsdom gives the DOM, and the shared
// core/js/article.mjs does the rest exactly as the extension and the demo page do. jsdom is loaded
// only when an HTML file is checked (it is slow to load).
import { pathToFileURL } from 'node:url';

import { extractArticle as articleOf, pageMeta } from '../article.mjs';

export { looksLikeHtml } from '../article.mjs';

/**
 * {text, meta: {title, outlet, url, published}, readability, readerable, stated} of an HTML page
 * read from `path`: `stated` is the metadata the page states itself (meta tags, JSON-LD), before
 * `meta` fills gaps from Readability and <title>; relative URLs in it resolve against `baseUrl`.
 * `readerable`: Readability's own test of whether the page is an article, as the extension asks it.
 */
export async function extractArticle(html, path, baseUrl = '') {
  const [{ JSDOM, VirtualConsole }, { Readability, isProbablyReaderable }] = await Promise.all([import('jsdom'), import('@mozilla/readability')]);
  // A silent console: pages' broken CSS would otherwise be reported on our stderr.
  const dom = new JSDOM(html, { url: pathToFileURL(path).href, virtualConsole: new VirtualConsole() });
  try {
    const doc = dom.window.document;
    const { text, meta, readability } = articleOf(doc, Readability, baseUrl);
    return { text, meta, readability, readerable: isProbablyReaderable(doc), stated: pageMeta(doc, baseUrl) };
  } finally {
    try {
      dom.window.close();
    } catch {
      // jsdom takes a deep tree apart recursively; what it could not free, the collector will
    }
  }
}
