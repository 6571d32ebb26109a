// HTML pages -> article text and metadata, as a reader's browser would see the story: the article
// body from @mozilla/readability on a jsdom DOM, and title / outlet / canonical URL / publication
// date from the page's meta tags. jsdom is loaded only when an HTML file is checked (it is slow to load).
import { pathToFileURL } from 'node:url';

const BLOCK = new Set(['ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE',
  'FOOTER', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION',
  'TABLE', 'TD', 'TH', 'TR', 'UL']);

// Block elements become paragraphs (blank lines): the core finds sentences and passages in them.
function blockText(root) {
  let out = '';
  const walk = (node, pre) => {
    for (const n of node.childNodes) {
      if (n.nodeType === 3) out += pre ? n.data : n.data.replace(/\s+/g, ' ');
      else if (n.nodeType === 1) {
        if (n.tagName === 'BR') { out += '\n'; continue; }
        if (n.tagName === 'SCRIPT' || n.tagName === 'STYLE' || n.tagName === 'NOSCRIPT') continue;
        const block = BLOCK.has(n.tagName);
        if (block) out += '\n\n';
        walk(n, pre || n.tagName === 'PRE');
        if (block) out += '\n\n';
      }
    }
  };
  walk(root, false);
  return out.split('\n').map((l) => l.trim()).join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

function metaContent(doc, ...names) {
  for (const n of names) {
    const el = doc.querySelector(`meta[property="${n}"], meta[name="${n}"], meta[itemprop="${n}"]`);
    const v = el?.getAttribute('content')?.trim();
    if (v) return v;
  }
  return '';
}

/** {text, meta: {title, outlet, url, published}} of an HTML page read from `path`. */
export async function extractArticle(html, path) {
  const [{ JSDOM, VirtualConsole }, { Readability }] = await Promise.all([import('jsdom'), import('@mozilla/readability')]);
  // A silent console: pages' broken CSS would otherwise be reported on our stderr.
  const dom = new JSDOM(html, { url: pathToFileURL(path).href, virtualConsole: new VirtualConsole() });
  const doc = dom.window.document;
  // Meta first: Readability rewrites the document it parses.
  const canonical = doc.querySelector('link[rel~="canonical"]')?.href || metaContent(doc, 'og:url');
  const meta = {
    title: metaContent(doc, 'og:title', 'twitter:title'),
    outlet: metaContent(doc, 'og:site_name', 'application-name'),
    url: canonical.startsWith('file:') ? '' : canonical,
    published: metaContent(doc, 'article:published_time', 'datePublished', 'date', 'pubdate', 'publishdate',
      'DC.date.issued', 'dcterms.created') || doc.querySelector('time[datetime]')?.getAttribute('datetime') || '',
  };
  const bodyText = () => blockText(doc.body ?? doc.documentElement);
  let article = null;
  try {
    article = new Readability(doc.cloneNode(true)).parse();
  } catch {
    article = null; // unusual markup: fall back to the whole body
  }
  let text;
  if (article?.content) {
    const box = doc.createElement('div');
    box.innerHTML = article.content;
    text = blockText(box);
  }
  if (!text) text = bodyText();
  meta.title ||= article?.title || doc.title || '';
  meta.outlet ||= article?.siteName || '';
  meta.published ||= article?.publishedTime || '';
  dom.window.close();
  return { text, meta };
}

export function looksLikeHtml(path, text) {
  return /\.x?html?$/i.test(path) || /^\s*(<!doctype html|<html[\s>])/i.test(text.slice(0, 512));
}
