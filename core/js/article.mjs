// A page's article text and metadata, the same for every consumer: the extension's content script
// (on the live document), the demo page (DOMParser) and the Node runner (jsdom). It takes a
// Document and the Readability class, imports nothing, and uses only `export` at top level, so the
// extension build can turn it into a classic content script by dropping the keyword.

const BLOCK = new Set(['address', 'article', 'aside', 'blockquote', 'dd', 'div', 'dl', 'dt', 'figcaption',
  'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p',
  'pre', 'section', 'table', 'td', 'th', 'tr', 'ul']);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'textarea', 'select', 'option', 'svg', 'iframe',
  'object']);

/**
 * Text of a DOM subtree: a blank line between blocks (the core finds sentences and paragraphs in
 * them; Readability's own textContent runs paragraphs together), a line break for <br>. A loop,
 * not recursion: the depth of a page's markup must not decide whether the call stack suffices.
 */
export function blockText(root) {
  let out = '';
  let pre = 0; // <pre> elements entered
  const entered = []; // [block, pre] of each element whose children are being read
  let n = root.firstChild;
  while (n) {
    if (n.nodeType === 3) out += pre ? n.data : n.data.replace(/\s+/g, ' ');
    else if (n.nodeType === 1 && !SKIP.has(n.localName)) {
      const name = n.localName;
      if (name === 'br') out += '\n';
      else {
        const block = BLOCK.has(name);
        if (block) out += '\n\n';
        if (n.firstChild) {
          entered.push([block, name === 'pre']);
          if (name === 'pre') ++pre;
          n = n.firstChild;
          continue;
        }
        if (block) out += '\n\n';
      }
    }
    // On to the next sibling, closing the elements left on the way up.
    while (n && !n.nextSibling) {
      n = n.parentNode;
      if (!n || n === root || !entered.length) { n = null; break; }
      const [block, isPre] = entered.pop();
      if (isPre) --pre;
      if (block) out += '\n\n';
    }
    if (n) n = n.nextSibling;
  }
  return out.split('\n').map((l) => l.trim()).join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/**
 * Documents nesting elements deeper than this are not extracted (error code `page.too_deep`).
 * Chromium's parser nests at most 512 elements, so live pages stay below it; jsdom does not stop
 * and then exhausts the call stack in its own recursive code (5,000 nested <div>s did).
 */
export const MAX_DEPTH = 1000;

/** Whether elements under root nest deeper than max (a loop, as blockText). */
export function nestedDeeper(root, max) {
  let depth = 0;
  let n = root;
  while (n) {
    if (n.firstChild) {
      n = n.firstChild;
      if (++depth > max) return true;
      continue;
    }
    while (n && n !== root && !n.nextSibling) n = n.parentNode, --depth;
    n = n && n !== root ? n.nextSibling : null;
  }
  return false;
}

/** YYYY-MM-DD as written when the value starts with one (a zone must not move the day), else parsed. */
export function isoDay(v) {
  const s = String(v ?? '').trim();
  if (!s) return '';
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(s);
  if (m) return m[1];
  const t = Date.parse(s);
  return Number.isNaN(t) ? '' : new Date(t).toISOString().slice(0, 10);
}

function attr(doc, selectors) {
  for (const sel of selectors) {
    const el = doc.querySelector(sel);
    const v = el?.getAttribute('content') ?? el?.getAttribute('datetime') ?? el?.textContent;
    if (v?.trim()) return v.trim();
  }
  return '';
}

function collect(v, out) {
  if (Array.isArray(v)) v.forEach((x) => collect(x, out));
  else if (v && typeof v === 'object') {
    out.push(v);
    if (v['@graph']) collect(v['@graph'], out);
  }
}

// The page's JSON-LD items, flattened (@graph included).
function jsonLdItems(doc) {
  const items = [];
  for (const s of doc.querySelectorAll('script[type="application/ld+json"]')) {
    try { collect(JSON.parse(s.textContent), items); } catch { /* broken JSON-LD is common */ }
  }
  return items;
}

const isType = (o, re) => [].concat(o?.['@type'] ?? []).some((t) => re.test(t));

// The schema.org Article (NewsArticle, BlogPosting, ...) among them, if any.
const articleItem = (items) => items.find((o) => isType(o, /Article|BlogPosting|Report/)) ?? {};

const nameOf = (v) => (typeof v === 'string' ? v : Array.isArray(v) ? nameOf(v[0]) : String(v?.name ?? ''));

// The publisher's name from JSON-LD: the article's publisher, named in place or (as many sites'
// generators write it) by an @id pointing to an Organization elsewhere in the graph; else the one
// news organisation the page describes. A WebSite's name is not used: it is often "Home".
function ldPublisher(items, article) {
  const byId = (ref) => items.find((o) => o['@id'] && o['@id'] === ref);
  for (const p of [article.publisher, ...items.map((o) => o.publisher)]) {
    const one = Array.isArray(p) ? p[0] : p;
    const name = nameOf(one) || nameOf(byId(one?.['@id']));
    if (name.trim()) return name.trim();
  }
  const orgs = items.filter((o) => isType(o, /^NewsMediaOrganization$/));
  return orgs.length === 1 ? nameOf(orgs[0]).trim() : '';
}

function httpUrl(u, base) {
  if (!u || typeof u !== 'string') return '';
  try {
    const x = new URL(u, base || undefined);
    if (!/^https?:$/.test(x.protocol)) return '';
    x.hash = '';
    return x.href;
  } catch {
    return '';
  }
}

/** The host name a site is known by ("www." dropped), or '' for an address that is not http(s). */
export function siteHost(url) {
  const u = httpUrl(url);
  return u ? new URL(u).hostname.replace(/^www\./, '') : '';
}

/** Canonical URL, outlet, title and publication day from meta tags and JSON-LD ('' when absent). */
export function pageMeta(doc, baseUrl = '') {
  const items = jsonLdItems(doc);
  const ld = articleItem(items);
  const entity = ld.mainEntityOfPage;
  return {
    url: httpUrl(doc.querySelector('link[rel~="canonical"]')?.getAttribute('href'), baseUrl) ||
      httpUrl(attr(doc, ['meta[property="og:url"]']), baseUrl) || httpUrl(ld.url, baseUrl) ||
      httpUrl(typeof entity === 'string' ? entity : entity?.['@id'], baseUrl),
    outlet: attr(doc, ['meta[property="og:site_name"]']) || ldPublisher(items, ld) ||
      attr(doc, ['[itemprop="publisher"] [itemprop="name"]', 'meta[name="publisher"]', 'meta[name="DC.publisher"]',
        'meta[name="dcterms.publisher"]', 'meta[name="application-name"]']),
    title: attr(doc, ['meta[property="og:title"]', 'meta[name="twitter:title"]']) || nameOf(ld.headline),
    published: isoDay(ld.datePublished) || isoDay(attr(doc, ['meta[property="article:published_time"]',
      'meta[itemprop="datePublished"]', 'meta[name="pubdate"]', 'meta[name="publishdate"]', 'meta[name="date"]',
      'meta[name="DC.date.issued"]', 'meta[name="dcterms.created"]', '[itemprop="datePublished"]', 'time[datetime]'])),
  };
}

/**
 * The article of a document: {text, meta: {url, outlet, title, published}, readability}. Readability
 * parses a clone (an inert document: it loads nothing and leaves the page alone); `readability`
 * says whether it found an article, else `text` is the whole body's.
 */
export function extractArticle(doc, Readability, baseUrl = '') {
  if (nestedDeeper(doc, MAX_DEPTH)) {
    const e = new Error(`the page's HTML nests elements more than ${MAX_DEPTH} deep`);
    e.code = 'page.too_deep';
    throw e;
  }
  const meta = pageMeta(doc, baseUrl);
  let article = null;
  try {
    article = new Readability(doc.cloneNode(true), { serializer: (el) => el }).parse();
  } catch {
    article = null; // unusual markup: fall back to the whole body
  }
  let text = article?.content ? blockText(article.content) : '';
  const readability = text.length > 0;
  if (!readability) text = doc.body ? blockText(doc.body) : '';
  meta.title ||= article?.title?.trim() || doc.title?.trim() || '';
  // With no name for the site anywhere, its host: the canonical address's (the site that published
  // it, also when this copy is served from a cache or mirror), else the page's own.
  meta.outlet ||= article?.siteName?.trim() || siteHost(meta.url) || siteHost(baseUrl);
  meta.published ||= isoDay(article?.publishedTime);
  return { text, meta, readability };
}

/**
 * Whether a file is an HTML page: by its name (.html, .htm, .xhtml), its MIME type, or its first tag
 * (comments before it allowed). The one test the runner and the demo page both use.
 */
export function looksLikeHtml(name, text, type = '') {
  return /\.x?html?$/i.test(name ?? '') || /html/i.test(type ?? '') ||
    /^\s*(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html|head|body)\b/i.test(String(text ?? '').slice(0, 4096));
}
