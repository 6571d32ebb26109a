// Storyprint content script. Extracts the article with Readability and the shared extraction
// (bundled: the runtime scripts listed before this one in the manifest), sends its text and metadata
// to the extension's own worker (runtime messaging: nothing leaves the browser), and marks the
// shared passages on request.
// A classic script in an IIFE, because content scripts cannot be modules.
(() => {
  'use strict';

  const SKIP = new Set(['script', 'style', 'noscript', 'template', 'textarea', 'select', 'option']);
  const MAX_TEXT = 400_000;

  let current = null; // {text, passages} of the last check: passage offsets are into this text
  let highlighted = false;

  function extract() {
    // Leaves home pages, search results, web apps and the like alone.
    if (!isProbablyReaderable(document)) return null;
    // The shared extraction (core/js/article.mjs, loaded before this script), as the demo page and
    // the runner do it: the same page gives the same text everywhere.
    const { text, meta, readability } = extractArticle(document, Readability, location.href);
    if (!readability || text.length < 200) return null;
    const here = new URL(location.href);
    here.hash = '';
    meta.url ||= here.href;
    // The site the reader is on (not the canonical address's): what "never remember this site" means.
    meta.host = siteHost(here.href);
    return { text: text.slice(0, MAX_TEXT), meta };
  }

  async function send(msg) {
    try {
      return await chrome.runtime.sendMessage(msg);
    } catch {
      return null; // the extension was reloaded or removed: this script is orphaned
    }
  }

  // opened: the page has just been loaded (the reader opened it), not checked again after a pack
  // change; only an opened article may be remembered in the reader's own reading.
  async function check(opened = false) {
    unmark();
    let page = null;
    try {
      page = extract();
    } catch (err) {
      console.debug('Storyprint: article extraction failed', err);
    }
    current = null;
    if (!page) {
      await send({ type: 'storyprint:page', article: false });
      return;
    }
    const reply = await send({ type: 'storyprint:check', text: page.text, meta: page.meta, opened });
    current = { text: page.text, passages: reply?.passages ?? [] };
  }

  // ---- highlighting ----

  const WS = /\s/;
  const strip = (s) => s.replace(/\s+/g, '');

  // The text nodes under root flattened without whitespace, with each character's node and
  // offset: whitespace differs between the extracted text and the DOM, the other characters do not.
  function indexText(root) {
    const nodes = [];
    const nodeOf = [];
    const offOf = [];
    const parts = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => (SKIP.has(n.parentElement?.localName) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const k = nodes.push(n) - 1;
      const d = n.data;
      for (let i = 0; i < d.length; i++) {
        if (WS.test(d[i])) continue;
        parts.push(d[i]);
        nodeOf.push(k);
        offOf.push(i);
      }
    }
    return { str: parts.join(''), nodes, nodeOf, offOf };
  }

  // The live element holding the article: the nearest ancestor of its longest paragraph that
  // also holds its first and last paragraphs (Readability only tells us about its clone).
  function articleRoot(text) {
    const paras = text.split('\n\n').map(strip).filter((p) => p.length >= 20);
    if (!paras.length) return document.body;
    const longest = paras.reduce((a, b) => (b.length > a.length ? b : a));
    const idx = indexText(document.body);
    const at = idx.str.indexOf(longest);
    if (at < 0) return document.body;
    for (let el = idx.nodes[idx.nodeOf[at]].parentElement; el && el !== document.body; el = el.parentElement) {
      const s = strip(el.textContent);
      if (s.includes(paras[0]) && s.includes(paras[paras.length - 1])) return el;
    }
    return document.body;
  }

  function mark() {
    unmark();
    if (!current?.passages.length) return { marked: 0, missing: 0 };
    const idx = indexText(articleRoot(current.text));
    const ranges = [];
    let cursor = 0;
    const missing = new Set(); // passages with a piece not found
    const overlaps = (a, b) => ranges.some((r) => a < r.to && r.from < b);
    current.passages.forEach((p, i) => {
      // Piece by piece (paragraphs): blocks Readability dropped (captions, ads) may sit between
      // them in the page.
      for (const piece of current.text.slice(p.start, p.end).split('\n')) {
        const s = strip(piece);
        if (!s) continue;
        let at = idx.str.indexOf(s, cursor);
        if (at < 0 || overlaps(at, at + s.length)) at = idx.str.indexOf(s);
        if (at < 0 || overlaps(at, at + s.length)) { missing.add(i); continue; }
        ranges.push({ from: at, to: at + s.length, kind: p.kind, i });
        cursor = at + s.length;
      }
    });
    // Cut the ranges into per-text-node segments, then wrap each in a <mark>.
    const perNode = new Map();
    for (const r of ranges) {
      for (let k = r.from; k < r.to;) {
        const node = idx.nodeOf[k];
        let j = k;
        while (j + 1 < r.to && idx.nodeOf[j + 1] === node) j++;
        if (!perNode.has(node)) perNode.set(node, []);
        perNode.get(node).push({ start: idx.offOf[k], end: idx.offOf[j] + 1, kind: r.kind, i: r.i });
        k = j + 1;
      }
    }
    for (const [k, segs] of perNode) {
      const node = idx.nodes[k];
      segs.sort((a, b) => b.start - a.start); // back to front, so earlier offsets stay valid
      for (const s of segs) {
        const mid = node.splitText(s.start);
        mid.splitText(s.end - s.start);
        const m = document.createElement('mark');
        m.dataset.storyprint = s.kind;
        m.dataset.storyprintPassage = String(s.i);
        mid.replaceWith(m);
        m.append(mid);
      }
    }
    highlighted = ranges.length > 0;
    document.querySelector('mark[data-storyprint]')?.scrollIntoView({ block: 'center' });
    return { marked: new Set(ranges.map((r) => r.i)).size, missing: missing.size };
  }

  function unmark() {
    const parents = new Set();
    for (const m of document.querySelectorAll('mark[data-storyprint]')) {
      parents.add(m.parentNode);
      m.replaceWith(...m.childNodes);
    }
    for (const p of parents) p?.normalize(); // rejoin the text nodes split for the marks
    highlighted = false;
  }

  chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    switch (msg?.type) {
      case 'storyprint:highlight':
        sendResponse(msg.on ? mark() : (unmark(), { marked: 0, missing: 0 }));
        break;
      case 'storyprint:highlight-state':
        sendResponse({ highlighted, passages: current?.passages.length ?? 0 });
        break;
      case 'storyprint:recheck':
        check();
        break;
    }
  });

  // A page restored from the back/forward cache keeps this script but lost its badge.
  addEventListener('pageshow', (e) => { if (e.persisted) check(); });
  check(true);
})();
