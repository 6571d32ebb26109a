// The headless runner's own behaviour: errors as the native CLI reports them, HTML pages, and the
// npm package installed into a fresh project. Run: node --test tests/js/
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { NATIVE, ROOT, RUNNER, SHARED, requireNative, requireShared, requireWasm, runFailing, runNative, runRunner } from './helpers.mjs';
import { extractArticle } from '../../core/js/runner/html.mjs';

requireNative();
requireWasm();
requireShared('seeds');
const exec = promisify(execFile);
const seeds = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/data/seeds.json'), 'utf8')).seeds;
const seedText = (i) => fs.readFileSync(path.join(SHARED, 'seeds', seeds[i].file), 'utf8');

let tmp, pack;
before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sp-runner-'));
  const known = path.join(tmp, 'known.jsonl');
  fs.writeFileSync(known, seeds.map((s, i) => ({ ...s, text: seedText(i) })).filter((s) => s.known).map((s) =>
    `${JSON.stringify({ id: s.id, outlet: s.outlet, url: s.url, title: s.title, published: s.published, text: s.text })}\n`).join(''));
  pack = path.join(tmp, 'seeds.pack');
  await runRunner('pack', 'build', known, '-o', pack);
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('errors: exit code and message as the native CLI', () => {
  const cases = {
    'missing pack file': () => ['check', '--pack', path.join(tmp, 'nope.pack'), 'x.txt'],
    'missing page file': () => ['check', '--pack', pack, path.join(tmp, 'nope.txt')],
    'truncated pack': () => {
      fs.writeFileSync(path.join(tmp, 'trunc.pack'), fs.readFileSync(pack).subarray(0, 100));
      return ['check', '--pack', path.join(tmp, 'trunc.pack'), 'x.txt'];
    },
    'foreign pack': () => ['pack', 'info', path.join(ROOT, 'package.json')],
    'bad JSON lines': () => {
      fs.writeFileSync(path.join(tmp, 'bad.jsonl'), '{"id": "a", "text": "fine"}\n\n{"id": "b", "text": \n');
      return ['check', '--pack', pack, '--pages', path.join(tmp, 'bad.jsonl')];
    },
    'a line that is not an object': () => {
      fs.writeFileSync(path.join(tmp, 'arr.jsonl'), '[1, 2]\n');
      return ['eval', '--known', path.join(tmp, 'arr.jsonl'), '--pages', path.join(tmp, 'arr.jsonl')];
    },
    'a labelled page without its text': () => {
      fs.writeFileSync(path.join(tmp, 'onek.jsonl'), '{"id": "k", "text": "NATO met Trump"}\n');
      fs.writeFileSync(path.join(tmp, 'notext.jsonl'), '{"id": "a", "text": "x", "label": "original"}\n{"id": "b", "label": "original"}\n');
      return ['eval', '--known', path.join(tmp, 'onek.jsonl'), '--pages', path.join(tmp, 'notext.jsonl')];
    },
    // A directory is not an empty file: "cannot open", in both CLIs (but see "pack build DIR"
    // below: the runner reads a folder of saved pages).
    'check --pages DIR': () => ['check', '--pack', pack, '--pages', tmp],
    'check DIR': () => ['check', '--pack', pack, tmp],
    'check --pack DIR': () => ['check', '--pack', tmp, 'x.txt'],
    'eval --known DIR': () => ['eval', '--known', tmp, '--pages', tmp],
    'tokens DIR': () => ['tokens', tmp],
    'pack info DIR': () => ['pack', 'info', tmp],
    'a pack over the size limit, refused before it is read': () => {
      const big = path.join(tmp, 'big.pack');
      fs.writeFileSync(big, fs.readFileSync(pack));
      fs.truncateSync(big, (256 << 20) + 1); // sparse: nothing is written
      return ['check', '--pack', big, 'x.txt'];
    },
    'pack merge: a damaged pack, named': () => {
      const bad = Buffer.from(fs.readFileSync(pack));
      bad[bad.length - 20] ^= 0x40;
      fs.writeFileSync(path.join(tmp, 'damaged.pack'), bad);
      return ['pack', 'merge', pack, path.join(tmp, 'damaged.pack'), '-o', path.join(tmp, 'never.pack')];
    },
    'pack add: to a file that is not a pack': () => ['pack', 'add', path.join(tmp, 'known.jsonl'), path.join(tmp, 'known.jsonl')],
    'pack add: to a pack that is not there': () => ['pack', 'add', path.join(tmp, 'nope.pack'), path.join(tmp, 'known.jsonl')],
    'pack add: an input that is not there': () => ['pack', 'add', pack, path.join(tmp, 'nope.jsonl')],
    'pack add: a bad JSON line': () => ['pack', 'add', pack, path.join(tmp, 'bad.jsonl')],
    'pack prune: a date that is not one': () => ['pack', 'prune', pack, '--before', '23/11/2024'],
    'known version without an id': () => {
      fs.writeFileSync(path.join(tmp, 'noid.jsonl'), '{"id": "a", "text": "x"}\n{"text": "y"}\n');
      return ['pack', 'build', path.join(tmp, 'noid.jsonl'), '-o', path.join(tmp, 'noid.pack')];
    },
  };
  for (const [name, args] of Object.entries(cases)) {
    test(name, async () => {
      const a = args();
      const [n, r] = [await runFailing(NATIVE, a), await runFailing(process.execPath, [RUNNER, ...a])];
      assert.equal(r.code, 1);
      assert.equal(r.code, n.code);
      assert.equal(r.stderr.replace(/^storyprint-js:/gm, 'storyprint:'), n.stderr);
    });
  }
  test('pack build DIR: "cannot open" natively; the runner looks for saved pages in it', async () => {
    const empty = fs.mkdtempSync(path.join(tmp, 'empty-'));
    const a = ['pack', 'build', empty, '-o', path.join(tmp, 'dir.pack')];
    const [n, r] = [await runFailing(NATIVE, a), await runFailing(process.execPath, [RUNNER, ...a])];
    assert.equal(n.stderr, `storyprint: ${empty}: the native CLI reads known versions as JSON lines; HTML pages and feeds are read by the runner (node core/js/runner.mjs pack build|add ...) (pack.input)\n`);
    assert.equal(r.stderr, `storyprint-js: ${empty}: no saved pages (.html) in it (pack.input)\n`);
    assert.ok(!fs.existsSync(path.join(tmp, 'dir.pack')));
  });
  test('a failed pack add or prune leaves the pack, and its signature, as they were', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'signed-'));
    const p = path.join(dir, 'p.pack');
    fs.copyFileSync(pack, p);
    await runNative('pack', 'keygen', '-o', path.join(dir, 'key'));
    await runNative('pack', 'sign', p, '--key', path.join(dir, 'key.key'));
    const before = fs.readFileSync(p), sig = fs.readFileSync(`${p}.sig`);
    fs.writeFileSync(path.join(dir, 'late.jsonl'), `${JSON.stringify({ id: 'x', text: seedText(2) })}\n{"text": "no id"}\n`);
    for (const cmd of [[NATIVE], [process.execPath, RUNNER]]) {
      for (const args of [['pack', 'add', p, path.join(dir, 'late.jsonl')], ['pack', 'prune', p, '--before', 'soon']]) {
        const r = await runFailing(cmd[0], [...cmd.slice(1), ...args]);
        assert.equal(r.code, 1, r.stderr);
        assert.ok(fs.readFileSync(p).equals(before), `${cmd.at(-1)} ${args[1]}: the pack changed`);
        assert.ok(fs.readFileSync(`${p}.sig`).equals(sig), `${cmd.at(-1)} ${args[1]}: the signature changed`);
      }
    }
    assert.deepEqual(fs.readdirSync(dir).sort(), ['key.key', 'key.pub', 'late.jsonl', 'p.pack', 'p.pack.sig']);
    // A pack that changes loses its signature, which would no longer verify; an unchanged one keeps it.
    for (const cmd of [[NATIVE], [process.execPath, RUNNER]]) {
      fs.copyFileSync(pack, p);
      fs.writeFileSync(`${p}.sig`, sig);
      const same = await exec(cmd[0], [...cmd.slice(1), 'pack', 'add', p, pack]);
      assert.match(same.stderr, /p\.pack unchanged: 2 versions in 2 stories; 2 duplicates left out\n$/);
      assert.ok(fs.existsSync(`${p}.sig`));
      const changed = await exec(cmd[0], [...cmd.slice(1), 'pack', 'prune', p, '--before', '2024-11-24']);
      assert.match(changed.stderr, /removed .*p\.pack\.sig: it signed the pack as it was/);
      assert.ok(!fs.existsSync(`${p}.sig`));
      assert.equal(JSON.parse(await runNative('pack', 'info', p)).versions, 0);
    }
  });
  test('fields the builder does not read (numbers, literals, arrays, objects) change nothing; a bad one is an error', async () => {
    // The native CLI reads plain lines on a fast path and anything else with the full parser.
    const bare = fs.readFileSync(path.join(tmp, 'known.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const extras = [{ story: 12 }, { score: -0.5e-3, ok: true }, { gone: null, rank: 0 }, { tags: ['a', 'b'], at: { n: 1 } }];
    const known = path.join(tmp, 'extra.jsonl');
    fs.writeFileSync(known, bare.map((o, i) => `${JSON.stringify({ ...extras[i % extras.length], ...o, n: 1e21 })}\n`).join(''));
    const out = path.join(tmp, 'extra.pack');
    await runNative('pack', 'build', known, '-o', out);
    assert.deepEqual(fs.readFileSync(out), fs.readFileSync(pack));
    await runRunner('pack', 'build', known, '-o', out);
    assert.deepEqual(fs.readFileSync(out), fs.readFileSync(pack));
    const bad = path.join(tmp, 'badnum.jsonl');
    fs.writeFileSync(bad, `{"id": "a", "story": 01, "text": "x"}\n`);
    const [n, r] = [await runFailing(NATIVE, ['pack', 'build', bad, '-o', out]), await runFailing(process.execPath, [RUNNER, 'pack', 'build', bad, '-o', out])];
    assert.equal(n.code, 1);
    assert.match(n.stderr, /badnum\.jsonl:1: not a JSON object/);
    assert.equal(r.stderr.replace(/^storyprint-js:/gm, 'storyprint:'), n.stderr);
  });

  test('a batch goes on past bad lines, each reported in its place', async () => {
    const file = path.join(tmp, 'mixed.jsonl');
    fs.writeFileSync(file, [JSON.stringify({ id: 'a', text: seedText(2) }), '{"id": "b", "text": 5}', 'not json',
      JSON.stringify({ id: 'c', text: seedText(0) })].join('\n'));
    const a = ['check', '--pack', pack, '--pages', file];
    const [n, r] = [await runFailing(NATIVE, a), await runFailing(process.execPath, [RUNNER, ...a])];
    assert.equal(n.code, 1);
    assert.equal(r.code, 1);
    const lines = n.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => l.id ?? `line ${l.line}: ${l.error.code}`),
      ['a', 'line 2: page.text', 'line 3: jsonl.parse', 'c']);
    assert.equal(lines[0].verdict, 'rewrite');
    assert.equal(r.stdout, n.stdout);
  });
  test('the directory cases say "cannot open" (and no 0-version pack is written)', async () => {
    const n = await runFailing(NATIVE, ['check', '--pack', pack, '--pages', tmp]);
    assert.equal(n.stderr, `storyprint: cannot open ${tmp} (io.open)\n`);
    const big = await runFailing(NATIVE, ['check', '--pack', path.join(tmp, 'big.pack'), 'x.txt']);
    assert.equal(big.stderr, 'storyprint: pack has 268435457 bytes; the limit is 268435456 bytes (256 MiB) (pack.too_large)\n');
  });
  test('a failed -o into an existing directory leaves nothing behind, in both CLIs', async () => {
    const known = path.join(tmp, 'known.jsonl');
    const out = fs.mkdtempSync(path.join(tmp, 'out-'));
    for (const cmd of [NATIVE, process.execPath]) {
      const args = cmd === NATIVE ? [] : [RUNNER];
      const r = await runFailing(cmd, [...args, 'pack', 'build', known, '-o', out]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /cannot move the written file to .* \(io\.rename\)/);
      assert.deepEqual(fs.readdirSync(tmp).filter((f) => f.includes('.tmp')), [], `${cmd}: a temporary file left behind`);
      assert.deepEqual(fs.readdirSync(out), []);
    }
  });
  // (The runner cannot open such a file at all: Node decodes its arguments, U+FFFD in place of the
  // bytes, so the name no longer names the file; it says "cannot open".)
  test('a page file name that is not UTF-8 gives valid JSON natively, --pretty too', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'names-'));
    fs.writeFileSync(Buffer.from(`${dir}/page-\xff.txt`, 'latin1'), seedText(2));
    // Node cannot put such bytes in an argument: a shell does.
    const run = async (...cmd) => (await exec('/bin/sh', ['-c', `cd "$0" && exec "$@" "$(printf 'page-\\377.txt')"`, dir, ...cmd],
      { encoding: 'buffer', maxBuffer: 1 << 26 })).stdout;
    const strict = new TextDecoder('utf-8', { fatal: true });
    for (const pretty of [[], ['--pretty']]) {
      const n = strict.decode(await run(NATIVE, 'check', ...pretty, '--pack', pack));
      assert.equal(JSON.parse(n).id, 'page-\uFFFD.txt');
    }
  });
  test('usage errors exit with 2', async () => {
    for (const a of [[], ['frobnicate'], ['check'], ['pack'], ['eval', '--known', 'k']])
      assert.equal((await runFailing(process.execPath, [RUNNER, ...a])).code, 2, a.join(' '));
  });
});

describe('HTML pages', () => {
  const boilerplate = '<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>' +
    '<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>';
  const html = (body) => `<!doctype html><html><head><title>Page title | Example</title>
    <meta property="og:title" content="NATO chief meets Trump">
    <meta property="og:site_name" content="Example News">
    <link rel="canonical" href="https://news.example.com/world/nato-trump?utm_source=x">
    <meta property="article:published_time" content="2024-11-24T08:00:00Z">
    <style>nav { display: flex</style></head>
    <body>${boilerplate}<article><h1>NATO chief meets Trump</h1>${body}</article>
    <aside><h3>Most read</h3><ul><li><a href="/a">Celebrity wedding pictures</a></li><li><a href="/b">Weather warning</a></li></ul></aside>
    <footer>Copyright 2024 Example News. All rights reserved. Privacy policy. Terms.</footer></body></html>`;
  const paragraphs = (text) => text.split('\n').filter((l) => l.trim()).map((l) => `<p>${l.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join('\n');

  test('deeply nested HTML is that page\'s error; the batch goes on', async () => {
    const deep = path.join(tmp, 'deep.html');
    fs.writeFileSync(deep, html(`${'<div>'.repeat(5000)}<p>${seedText(0)}</p>${'</div>'.repeat(5000)}`));
    const after = path.join(tmp, 'after.txt');
    fs.writeFileSync(after, seedText(0));
    const r = await runFailing(process.execPath, [RUNNER, 'check', '--pack', pack, deep, after]);
    assert.equal(r.code, 1);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines.length, 2);
    assert.equal(lines[0].id, deep);
    assert.equal(lines[0].error.code, 'page.too_deep');
    assert.equal(lines[1].id, after);
    assert.equal(typeof lines[1].verdict, 'string');
  });
  test('article text and meta tags', async () => {
    const { text, meta } = await extractArticle(html(paragraphs(seedText(2))), path.join(tmp, 'p.html'));
    assert.deepEqual(meta, { title: 'NATO chief meets Trump', outlet: 'Example News',
      url: 'https://news.example.com/world/nato-trump?utm_source=x', published: '2024-11-24' });
    assert.ok(!/cookies|Most read|All rights reserved/.test(text), 'boilerplate left in the article text');
    assert.ok(text.includes('Rutte'));
  });
  test('check FILE.html: a known version republished in another page is found', async () => {
    const file = path.join(tmp, 'copy.html');
    fs.writeFileSync(file, html(paragraphs(seedText(0))));
    const r = JSON.parse(await runRunner('check', '--pack', pack, file));
    assert.equal(r.id, file);
    assert.equal(r.offsets, 'codepoint');
    // Another outlet (og:site_name) carrying the known text: a derived copy, not the version itself.
    assert.equal(r.known_version, null);
    assert.notEqual(r.verdict, 'original');
    assert.equal(r.source, seeds[0].id);
  });
});

describe('npm package', () => {
  test('npm install of core/js into a fresh project gives a working npx storyprint-js', { timeout: 300_000 }, async () => {
    const proj = path.join(tmp, 'project');
    fs.mkdirSync(proj);
    const { stdout } = await exec('npm', ['pack', '--silent', '--pack-destination', tmp], { cwd: path.join(ROOT, 'core/js') });
    const tarball = path.join(tmp, stdout.trim().split('\n').at(-1));
    fs.writeFileSync(path.join(proj, 'package.json'), '{"name": "try-storyprint", "private": true}\n');
    // jsdom and readability come from npm's cache when it has them, else from the registry.
    await exec('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], { cwd: proj });
    const npx = (...a) => exec('npx', ['--no-install', 'storyprint-js', ...a], { cwd: proj });
    const info = JSON.parse((await npx('pack', 'info', pack)).stdout);
    assert.equal(info.versions, 2);
    const page = path.join(SHARED, 'seeds', seeds[3].file);
    assert.equal((await npx('check', '--pack', pack, page)).stdout, await runNative('check', '--pack', pack, page));
    // The package's API, imported by name.
    const api = await exec(process.execPath, ['--input-type=module', '-e',
      "import {createEngine} from 'storyprint'; const e = await createEngine(); console.log(e.tokenize('Hello, world').tokens.length)"], { cwd: proj });
    assert.equal(api.stdout.trim(), '2');
  });
});
