// HTML page -> article text and metadata, in the page (DOMParser is not available in workers).
// Readability picks the article; its HTML is then turned into text with paragraph breaks, because
// the engine's sentences and the side-by-side view both read better with them than textContent.
// DOMParser documents never run scripts or load resources, so a dropped file is inert.
import { Readability } from './lib/readability.mjs';

const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER',
  'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE',
  'SECTION', 'TABLE', 'TR', 'UL',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'svg', 'IFRAME', 'OBJECT']);

/** Text of a DOM subtree with blank lines between blocks and single breaks for <br>. */
export function htmlToText(root) {
  const parts = [];
  const walk = (node) => {
    for (let n = node.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === Node.TEXT_NODE) {
        parts.push(n.data.replace(/\s+/g, ' '));
      } else if (n.nodeType === Node.ELEMENT_NODE) {
        if (SKIP.has(n.tagName)) continue;
        if (n.tagName === 'BR') { parts.push('\n'); continue; }
        const block = BLOCK.has(n.tagName);
        if (block) parts.push('\n\n');
        if (n.tagName === 'PRE') parts.push(n.textContent);
        else walk(n);
        if (block) parts.push('\n\n');
      }
    }
  };
  walk(root);
  return parts.join('')
    .split('\n').map((l) => l.trim()).join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const metaContent = (doc, ...selectors) => {
  for (const s of selectors) {
    const el = doc.querySelector(s);
    const v = el?.getAttribute('content') ?? el?.getAttribute('href') ?? el?.getAttribute('datetime');
    if (v && v.trim()) return v.trim();
  }
  return '';
};

/** ISO date (YYYY-MM-DD) from a date string, or '' when it cannot be read. */
export function isoDay(s) {
  if (!s) return '';
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(s.trim());
  if (m) return m[1];
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10);
}

/**
 * Extracts the article of an HTML document. Returns {text, title, outlet, published, url, readability}
 * where readability tells whether Readability found an article (else the whole body's text is used).
 */
export function extractArticle(html) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  // Read what Readability does not return before it rewrites the document.
  const url = metaContent(doc, 'link[rel="canonical"]', 'meta[property="og:url"]');
  const published = metaContent(doc, 'meta[property="article:published_time"]', 'meta[name="date"]',
    'meta[itemprop="datePublished"]', 'time[datetime]');
  const outlet = metaContent(doc, 'meta[property="og:site_name"]', 'meta[name="application-name"]');
  const fallbackTitle = doc.title?.trim() ?? '';
  const fallbackBody = doc.body ? htmlToText(doc.body) : '';

  let article = null;
  try {
    article = new Readability(doc).parse();
  } catch {
    article = null; // malformed pages: fall back to the body text
  }
  let text = '';
  if (article?.content) text = htmlToText(new DOMParser().parseFromString(article.content, 'text/html').body);
  const readability = text.length > 0;
  if (!readability) text = fallbackBody;
  return {
    text,
    title: article?.title?.trim() || fallbackTitle,
    outlet: article?.siteName?.trim() || outlet,
    published: isoDay(article?.publishedTime || published),
    url,
    readability,
  };
}

/** Whether a file's content looks like HTML (by name, type or first tag). */
export function looksLikeHtml(name, type, text) {
  return /\.x?html?$/i.test(name) || /html/i.test(type) || /^\s*(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html|head|body)\b/i.test(text);
}
