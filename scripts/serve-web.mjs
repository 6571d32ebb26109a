#!/usr/bin/env node
// Serves a static directory (default dist/web) on 127.0.0.1 for trying the demo page, hosting a
// pack in the publisher walkthrough (README) and for the browser tests. Only Node's http module: no dependencies. Browsers refuse module workers and
// wasm streaming with wrong MIME types, and module scripts do not load from file: URLs, hence this.
//   node scripts/serve-web.mjs [DIR] [--port N]      (--port 0 picks a free port)
// Prints the URL ("http://127.0.0.1:PORT/") on stdout once listening.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.pack': 'application/octet-stream',
  '.sig': 'application/json; charset=utf-8',
};
// Packs and their signatures are public, and subscribers' extensions fetch them from their own
// origin: allowed cross-origin, as a publisher's pack host should (no host permission is asked).
const CROSS_ORIGIN = new Set(['.pack', '.sig']);

function usage(msg) {
  if (msg) console.error(`serve-web: ${msg}`);
  console.error('usage: node scripts/serve-web.mjs [DIR] [--port N]');
  process.exit(2);
}

let dir = null;
let port = 8080;
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--port') {
    port = Number(args[++i]);
    if (!Number.isInteger(port) || port < 0 || port > 65535) usage('--port needs a number 0-65535');
  } else if (a.startsWith('--port=')) {
    port = Number(a.slice(7));
    if (!Number.isInteger(port) || port < 0 || port > 65535) usage('--port needs a number 0-65535');
  } else if (a === '-h' || a === '--help') {
    usage();
  } else if (!a.startsWith('-') && dir === null) {
    dir = a;
  } else {
    usage(`unexpected argument ${a}`);
  }
}
const root = path.resolve(dir ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'web'));
if (!fs.statSync(root, { throwIfNoEntry: false })?.isDirectory())
  usage(`${root} is not a directory (build the site first: scripts/build-web.sh)`);

const server = http.createServer(async (req, res) => {
  const send = (status, body, type = 'text/plain; charset=utf-8') => {
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n');
  let rel, rawPath;
  try {
    rawPath = new URL(req.url, 'http://x').pathname;
    rel = decodeURIComponent(rawPath);
  } catch {
    return send(400, 'bad request\n');
  }
  // Resolve inside root only: "..", encoded or not, must not escape it.
  let file = path.resolve(root, '.' + path.posix.normalize('/' + rel));
  if (file !== root && !file.startsWith(root + path.sep)) return send(403, 'forbidden\n');
  try {
    let st = await fs.promises.stat(file);
    if (st.isDirectory()) {
      if (!rel.endsWith('/')) {
        res.writeHead(301, { Location: rawPath + '/' }); // still percent-encoded: safe in a header
        return res.end();
      }
      file = path.join(file, 'index.html');
      st = await fs.promises.stat(file);
    }
    // Revalidated on every use (a rebuilt site shows at once), but unchanged files answer 304:
    // the page's two engines fetch the same break dictionaries.
    const lastModified = st.mtime.toUTCString();
    const since = Date.parse(req.headers['if-modified-since'] ?? '');
    const headers = { 'Cache-Control': 'no-cache', 'Last-Modified': lastModified, 'X-Content-Type-Options': 'nosniff' };
    if (CROSS_ORIGIN.has(path.extname(file).toLowerCase())) headers['Access-Control-Allow-Origin'] = '*';
    if (!Number.isNaN(since) && Math.floor(st.mtimeMs / 1000) * 1000 <= since) {
      res.writeHead(304, headers);
      return res.end();
    }
    res.writeHead(200, {
      ...headers,
      'Content-Type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': st.size,
    });
    if (req.method === 'HEAD') return res.end();
    fs.createReadStream(file).on('error', () => res.destroy()).pipe(res);
  } catch {
    send(404, 'not found\n');
  }
});

server.on('error', (err) => {
  console.error(`serve-web: ${err.message}`);
  process.exit(1);
});
server.listen(port, '127.0.0.1', () => {
  console.log(`http://127.0.0.1:${server.address().port}/`);
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(0));
