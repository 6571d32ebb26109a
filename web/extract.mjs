// HTML file -> article text and metadata, in the page (DOMParser is not available in workers), by
// the shared core/js/article.mjs, as the extension and the runner do. DOMParser documents never
// run scripts or load resources, so a dropped file is inert.
import { Readability } from './runtime/readability.mjs';
import { extractArticle as articleOf } from './runtime/article.mjs';

export { looksLikeHtml } from './runtime/article.mjs';

/**
 * Extracts the article of an HTML document. Returns {text, title, outlet, published, url, readability}
 * where readability tells whether Readability found an article (else the whole body's text is used).
 */
export function extractArticle(html) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const { text, meta, readability } = articleOf(doc, Readability);
  return { text, ...meta, readability };
}
