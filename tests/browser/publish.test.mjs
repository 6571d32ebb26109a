// The publisher walkthrough of README.md, end to end: its commands run as written (from the
// repository root, after scripts/build.sh; the server on a free port instead of 8090), then the
// extension, in Chromium, subscribes to the signed pack on that local server with the printed key,
// and pages elsewhere are checked against it.
//   node --test --test-concurrency=1 tests/browser/publish.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { launch } from './browsers.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const EXT = path.join(ROOT, 'dist/extension');
const SHOTS = path.join(ROOT, 'build/screenshots');
const BARRIER = 'https://harbourtimes.example/news/2024/11/storm-barrier-first-test.html';
const FERRY = 'https://harbourtimes.example/news/2024/10/winter-ferry-timetable.html';

// The lines of the README's walkthrough block, comments and blank lines left out.
function walkthrough() {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const block = /<!-- walkthrough -->\n```sh\n([\s\S]*?)```\n<!-- \/walkthrough -->/.exec(readme);
  assert.ok(block, 'README.md has the walkthrough block');
  return block[1].split('\n').map((l) => l.replace(/\s+#.*$/, '').trim()).filter((l) => l && !l.startsWith('#'));
}

// A static server as the walkthrough starts it (scripts/serve-web.mjs), on a free port: its URL.
function serve(args) {
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts/serve-web.mjs'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  servers.push(child);
  return new Promise((resolve, reject) => {
    child.stdout.once('data', (d) => resolve(String(d).trim().replace(/\/$/, '')));
    child.once('exit', (code) => reject(new Error(`serve-web exited with ${code}`)));
  });
}

const servers = [];
let b, inspector, site, elsewhere, publicKey;

before(async () => {
  execFileSync(path.join(ROOT, 'scripts/build-extension.sh'), ['--no-zip'], { stdio: ['ignore', 'ignore', 'inherit'] });
  fs.mkdirSync(SHOTS, { recursive: true });
  // What earlier runs left: the walkthrough starts from a clean checkout.
  fs.rmSync(path.join(ROOT, 'build/publish'), { recursive: true, force: true });
  for (const f of ['publisher.key', 'publisher.pub']) fs.rmSync(path.join(ROOT, 'build', f), { force: true });
  for (const line of walkthrough()) {
    const server = /^node scripts\/serve-web\.mjs (\S+) --port \d+ &$/.exec(line);
    if (server) {
      site = await serve([server[1], '--port', '0']);
      continue;
    }
    const out = execFileSync('bash', ['-euo', 'pipefail', '-c', line], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (/ pack keygen /.test(line)) publicKey = out.trim();
  }
  assert.ok(site, 'the walkthrough starts a server');
  assert.match(publicKey ?? '', /^[A-Za-z0-9+/]{43}=$/, 'keygen printed the public key');
  elsewhere = await serve([path.join(ROOT, 'tests/data/publisher/elsewhere'), '--port', '0']);

  b = await launch('chromium', EXT);
  inspector = await b.openExtensionPage('options.html');
  await inspector.waitFor(async () => (await chrome.storage.local.get('packs')).packs?.demo?.info, null, 'the bundled pack', 60_000);
  await inspector.waitFor(() => !!document.querySelector('#packs li[data-pack="demo"]'), null, 'the options page to list it', 60_000);
});

after(async () => {
  await b?.close();
  for (const s of servers) s.kill();
});

test('the walkthrough\'s daily run leaves a pack without the pruned article, and signed again', () => {
  const pack = path.join(ROOT, 'build/publish/harbour.pack');
  const info = JSON.parse(execFileSync(path.join(ROOT, 'build/native/storyprint'), ['pack', 'info', pack], { encoding: 'utf8' }));
  assert.equal(info.versions, 2);
  const verified = execFileSync(path.join(ROOT, 'build/native/storyprint'), ['pack', 'verify', pack, '--public-key', publicKey], { encoding: 'utf8' });
  assert.match(verified, /"valid":true/);
});

test('the extension subscribes to the signed pack with the publisher key, and names its articles in copies', async () => {
  await inspector.fill('#subscribe-url', `${site}/harbour.pack`);
  await inspector.fill('#subscribe-name', 'harbour');
  await inspector.fill('#subscribe-key', publicKey);
  await inspector.click('#subscribe-button');
  await inspector.waitFor(() => /Subscribed to “harbour”|error/.test(document.getElementById('status').textContent + document.getElementById('status').className), null, 'the subscription');
  assert.match(await inspector.text('#status'), /Subscribed to “harbour”/);
  const li = await inspector.text('#packs li[data-pack="harbour"]');
  assert.match(li, new RegExp(`Signed by publisher key ${publicKey.replace(/[+/]/g, '\\$&')}`));
  await inspector.screenshot(path.join(SHOTS, 'publish-options.png'));

  const resultFor = (url) => inspector.waitFor(async (u) => {
    for (const [k, v] of Object.entries(await chrome.storage.session.get(null)))
      if (v.page?.url === u && v.report) return { tabId: Number(k.slice(4)), result: v };
  }, url, `the check of ${url}`, 30_000);

  // The publisher's own page, from its site: the known version itself.
  const own = await b.open(`${site}/news/2024/11/storm-barrier-first-test.html`);
  const known = await resultFor(BARRIER);
  assert.equal(known.result.state, 'known');
  assert.equal(known.result.report.known_version.id, BARRIER);
  await own.close();

  // Another site republishing it: a syndicated copy of the Harbour Times report, named in the popup.
  const copy = await b.open(`${elsewhere}/storm-barrier.html`);
  const { tabId, result } = await resultFor('https://coastaldigest.example/storm-barrier');
  assert.equal(result.state, 'syndicated');
  assert.equal(result.report.source, BARRIER);
  assert.equal(result.report.pack, 'harbour');
  const popup = await b.openExtensionPage(`popup.html?tab=${tabId}`);
  await popup.waitFor(() => document.body.dataset.state === 'syndicated', null, 'the popup');
  assert.equal(await popup.text('#source-outlet'), 'Harbour Times');
  assert.equal(await popup.text('#source-link'), 'Storm barrier holds back highest tide in a decade');
  await popup.screenshot(path.join(SHOTS, 'publish-popup.png'));
  await popup.close();
  await copy.close();

  // A copy of the article the daily run pruned: the pack no longer knows it.
  const old = await b.open(`${elsewhere}/winter-ferry.html`);
  const pruned = await resultFor('https://coastaldigest.example/winter-ferry');
  assert.notEqual(pruned.result.report?.source, FERRY);
  assert.ok(!['syndicated', 'rewrite', 'known'].includes(pruned.result.state), `state ${pruned.result.state}`);
  await old.close();

  // The extension fetched the pack and its signature from the walkthrough's server.
  const fetched = b.requests.map((r) => r.url);
  assert.ok(fetched.includes(`${site}/harbour.pack`) && fetched.includes(`${site}/harbour.pack.sig`), fetched.join('\n'));
});
