// HTML pages -> article text and metadata for the runner: jsdom gives the DOM, and the shared
// core/js/article.mjs does the rest exactly as the extension and the demo page do. jsdom is loaded
// only when an HTML file is checked (it is slow to load).
import { pathToFileURL } from 'node:url';

import { extractArticle as articleOf } from '../article.mjs';

export { looksLikeHtml } from '../article.mjs';

/** {text, meta: {title, outlet, url, published}} of an HTML page read from `path`. */
export async function extractArticle(html, path) {
  const [{ JSDOM, VirtualConsole }, { Readability }] = await Promise.all([import('jsdom'), import('@mozilla/readability')]);
  // A silent console: pages' broken CSS would otherwise be reported on our stderr.
  const dom = new JSDOM(html, { url: pathToFileURL(path).href, virtualConsole: new VirtualConsole() });
  try {
    const { text, meta } = articleOf(dom.window.document, Readability);
    return { text, meta };
  } finally {
    try {
      dom.window.close();
    } catch {
      // jsdom takes a deep tree apart recursively; what it could not free, the collector will
    }
  }
}
