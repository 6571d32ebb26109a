// Test fixtures for the extension tests: real-looking article pages generated at test time from
// the seed texts (../shared/data/seeds, never copied into the repository), a non-article page,
// and a local HTTP server on 127.0.0.1 that logs every request it gets.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function loadSeeds(root) {
  const dir = path.join(root, '../shared/data/seeds');
  if (!fs.existsSync(dir)) {
    throw new Error(`The seed texts are missing: expected them in ${dir} (the shared development data ` +
      'must sit beside the checkout, at ../shared/data relative to the repository root).');
  }
  const { seeds } = JSON.parse(fs.readFileSync(path.join(root, 'tests/data/seeds.json'), 'utf8'));
  return seeds.map((s) => ({ ...s, text: fs.readFileSync(path.join(dir, s.file), 'utf8') }));
}

// Each page states its metadata differently, as real sites do, so every extraction path is used.
const META = [
  (s) => `<meta property="og:site_name" content="${esc(s.outlet)}">
<meta property="og:title" content="${esc(s.title)}">
<meta property="article:published_time" content="${s.published}T20:27:32-05:00">
<link rel="canonical" href="${esc(s.url)}">`,
  (s) => `<script type="application/ld+json">${JSON.stringify({
    '@context': 'https://schema.org', '@type': 'NewsArticle', headline: s.title, url: s.url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': s.url }, datePublished: `${s.published}T09:00:00Z`,
    publisher: { '@type': 'Organization', name: s.outlet } })}</script>`,
  (s) => `<meta property="og:title" content="${esc(s.title)}">
<link rel="canonical" href="${esc(s.url)}">
<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@graph': [
    { '@type': 'WebSite', name: 'Home' },
    { '@type': ['NewsArticle'], headline: s.title, datePublished: `${s.published}T08:15:00+02:00`,
      publisher: { '@type': 'NewsMediaOrganization', name: s.outlet } }] })}</script>`,
  (s) => `<meta property="og:site_name" content="${esc(s.outlet)}">
<meta property="og:url" content="${esc(s.url)}">
<meta property="og:title" content="${esc(s.title)}">
<meta itemprop="datePublished" content="${s.published}">`,
  (s) => `<meta property="og:site_name" content="${esc(s.outlet)}">
<meta name="twitter:title" content="${esc(s.title)}">
<link rel="canonical" href="${esc(s.url)}">`,
];

const HEADER = (outlet) => `<header class="site-header">
<a class="logo" href="/">${esc(outlet)}</a>
<nav class="menu"><ul><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/business">Business</a></li><li><a href="/opinion">Opinion</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/login">Sign in</a></li></ul></nav></header>`;

const FOOTER = (outlet) => `<footer class="site-footer"><p>© 2024 ${esc(outlet)}. All rights reserved.</p>
<nav><a href="/privacy">Privacy</a> · <a href="/terms">Terms</a> · <a href="/contact">Contact</a></nav></footer>`;

const STYLE = `body{font:17px/1.6 Georgia,serif;margin:0;color:#222}
.site-header{display:flex;gap:24px;align-items:center;padding:10px 24px;background:#102a43;color:#fff}
.site-header a{color:#fff;text-decoration:none}.logo{font-weight:bold;font-size:20px}
.menu ul{display:flex;gap:14px;list-style:none;margin:0;padding:0;font:14px sans-serif}
main{display:grid;grid-template-columns:minmax(0,680px) 260px;gap:32px;padding:20px 24px}
h1{font-size:30px;line-height:1.2}.byline{font:13px sans-serif;color:#666}
figure{margin:0 0 16px}figcaption{font:13px sans-serif;color:#666}
aside{font:14px sans-serif;background:#f3f4f6;padding:12px;align-self:start}
.site-footer{font:13px sans-serif;padding:16px 24px;border-top:1px solid #ddd}
@media (max-width:700px){main{grid-template-columns:minmax(0,1fr)}.menu{display:none}img{max-width:100%;height:auto}}`;

const PHOTO = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="240"><rect width="640" height="240" fill="#9fb3c8"/>
<circle cx="250" cy="110" r="40" fill="#627d98"/><circle cx="390" cy="110" r="40" fill="#627d98"/></svg>`;

export function articleHtml(seed, n) {
  const paras = seed.text.split('\n').map((l) => l.trim()).filter(Boolean);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(seed.title)} | ${esc(seed.outlet)}</title>
${META[n % META.length](seed)}
<style>${STYLE}</style>
</head><body>
${HEADER(seed.outlet)}
<main>
<article>
<h1>${esc(seed.title)}</h1>
<p class="byline">By Staff Reporter · <time datetime="${seed.published}">${seed.published}</time></p>
<figure><img src="/img/photo.svg" alt="" width="640" height="240">
<figcaption>Mark Rutte and Donald Trump in Palm Beach, Florida. Photo: agency pool</figcaption></figure>
<div class="article-body">
${paras.map((p) => `<p>${esc(p)}</p>`).join('\n')}
</div>
<div class="share"><a href="/share/x">Share on X</a> <a href="/share/fb">Share on Facebook</a></div>
</article>
<aside class="newsletter"><h2>Morning briefing</h2><p>Get the day's top stories in your inbox.</p>
<form><input type="email" placeholder="Email address"> <button type="button">Sign up</button></form>
<h2>Most read</h2><ol><li><a href="/a1">Markets rally as rates hold</a></li><li><a href="/a2">Storm warning for the coast</a></li>
<li><a href="/a3">Cup final: what we learned</a></li></ol></aside>
</main>
${FOOTER(seed.outlet)}
</body></html>`;
}

export function homeHtml() {
  const items = ['Markets rally as rates hold', 'Storm warning for the coast', 'Cup final: what we learned',
    'New bridge opens', 'Ten recipes for autumn', 'Election results live', 'Your letters'];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>The Daily Example</title>
<style>${STYLE}</style></head><body>${HEADER('The Daily Example')}
<main><section><h1>Top stories</h1><ul>${items.map((t, i) => `<li><a href="/story/${i}">${esc(t)}</a></li>`).join('')}</ul>
</section><aside><h2>Weather</h2><p>Sunny, 21°C</p></aside></main>${FOOTER('The Daily Example')}</body></html>`;
}

/** A Chinese/Japanese article from the multilingual test sentences: its words need the break dictionaries. */
export function cjkHtml(root) {
  const lines = fs.readFileSync(path.join(root, 'tests/data/multilingual.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const zh = lines.find((l) => l.lang === 'zh').text;
  const ja = lines.find((l) => l.lang === 'ja').text;
  const paras = Array.from({ length: 8 }, () => zh + ja + zh + ja);
  return `<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>北约秘书长会见特朗普</title>
<meta property="og:site_name" content="示例新闻"><style>${STYLE}</style></head><body>${HEADER('示例新闻')}
<main><article><h1>北约秘书长会见特朗普</h1>${paras.map((p) => `<p>${esc(p)}</p>`).join('\n')}</article></main>
${FOOTER('示例新闻')}</body></html>`;
}

/** Seed 0's article inside 5,000 nested <div>s (the runner's jsdom once ran out of stack on such a page). */
export function deepHtml(seed) {
  const html = articleHtml({ ...seed, url: `${seed.url}?deep` }, 0);
  return html.replace('<div class="article-body">', `${'<div>'.repeat(5000)}<div class="article-body">`)
    .replace('<div class="share">', `${'</div>'.repeat(5000)}<div class="share">`);
}

/** Serves the pages and packs; `log` gets every request (method, url, headers, body length). */
export async function startServer({ root, seeds, packs }) {
  const log = [];
  const server = http.createServer((req, res) => {
    let bodyLength = 0;
    req.on('data', (c) => { bodyLength += c.length; });
    req.on('end', () => {
      log.push({ method: req.method, url: req.url, headers: req.headers, bodyLength });
      const send = (status, type, body, extra = {}) => {
        res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...extra });
        res.end(body);
      };
      const m = /^\/article\/(\d+)\.html$/.exec(req.url);
      if (m && seeds[Number(m[1])]) return send(200, 'text/html; charset=utf-8', articleHtml(seeds[Number(m[1])], Number(m[1])));
      if (req.url === '/' || req.url === '/index.html') return send(200, 'text/html; charset=utf-8', homeHtml());
      if (req.url === '/cjk.html') return send(200, 'text/html; charset=utf-8', cjkHtml(root));
      if (req.url === '/deep.html') return send(200, 'text/html; charset=utf-8', deepHtml(seeds[0]));
      if (req.url === '/img/photo.svg') return send(200, 'image/svg+xml', PHOTO);
      // packs[name] is the pack, packs[`${name}.sig`] its signature: tests may swap either.
      const p = /^\/packs\/([\w-]+\.pack(?:\.sig)?)$/.exec(req.url);
      const body = p && packs[p[1].replace(/\.pack/, '')];
      // Like a static pack host that allows cross-origin fetches (no host permission needed).
      if (body) return send(200, 'application/octet-stream', body, { 'access-control-allow-origin': '*' });
      send(404, 'text/plain', 'not found');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, log, packs, origin: `http://127.0.0.1:${server.address().port}` };
}
