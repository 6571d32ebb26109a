// Publisher signatures of packs: made by the native CLI (libsodium), checked by the shared JS
// module (WebCrypto, as in the extension) and by both CLIs, which must agree on every outcome.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { NATIVE, ROOT, RUNNER, requireNative, requireWasm, runFailing, runNative, runRunner } from './helpers.mjs';
import { signatureUrl, verifyPackSignature } from '../../core/js/pack-signature.mjs';

requireNative();
requireWasm();
const demoPack = path.join(ROOT, 'build/demo/demo.pack');

let tmp, key, other, pack, sig;
const file = (n) => path.join(tmp, n);
before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sp-sign-'));
  key = (await runNative('pack', 'keygen', '-o', file('publisher'))).trim();
  other = (await runNative('pack', 'keygen', '-o', file('other'))).trim();
  fs.copyFileSync(demoPack, file('p.pack'));
  await runNative('pack', 'sign', file('p.pack'), '--key', file('publisher.key'));
  pack = fs.readFileSync(file('p.pack'));
  sig = fs.readFileSync(file('p.pack.sig'), 'utf8');
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('keygen writes a secret key only its owner can read, and prints the public key', () => {
  assert.match(key, /^[A-Za-z0-9+/]{43}=$/);
  assert.equal(fs.readFileSync(file('publisher.pub'), 'utf8').trim(), key);
  assert.equal(fs.statSync(file('publisher.key')).mode & 0o077, 0);
  assert.notEqual(key, other);
});

test('a signed pack verifies with WebCrypto, and with both CLIs alike', async () => {
  const { signed, sha256 } = await verifyPackSignature(pack, sig, key);
  assert.match(signed, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(sha256, JSON.parse(sig).sha256);
  const n = await runNative('pack', 'verify', file('p.pack'), '--public-key', key);
  assert.equal(n, `{"valid":true,"signed":"${signed}"}\n`);
  assert.equal(await runRunner('pack', 'verify', file('p.pack'), '--public-key', file('publisher.pub')), n);
});

describe('what is refused, by the module and by both CLIs with the same words', () => {
  const flip = (b, at) => { const c = Buffer.from(b); c[at] ^= 1; return c; };
  const sigWith = (f) => JSON.stringify({ ...JSON.parse(sig), ...f });
  const cases = {
    'a changed byte in the pack': () => [flip(pack, pack.length >> 1), sig, key, /another pack/],
    'another publisher key pinned': () => [pack, sig, other, /another key than the one pinned/],
    'a signature claiming the pinned key over another pack': () =>
      [flip(pack, 70), sigWith({ sha256: 'a'.repeat(64) }), key, /another pack/],
    'a later signing time written in': () => [pack, sigWith({ signed: '2099-01-01T00:00:00Z' }), key, /does not verify/],
    'a changed signature byte': () => {
      const s = Buffer.from(JSON.parse(sig).signature, 'base64');
      s[10] ^= 1;
      return [pack, sigWith({ signature: s.toString('base64') }), key, /does not verify/];
    },
    'a malformed signing time': () => [pack, sigWith({ signed: 'yesterday' }), key, /malformed/],
    'not a signature file': () => [pack, '<html>', key, /not a Storyprint pack signature/],
    // One rule for every parser: no whitespace inside base64, in either CLI or the extension.
    'whitespace inside the signature': () => {
      const s = JSON.parse(sig).signature;
      return [pack, sigWith({ signature: `${s.slice(0, 40)} \n${s.slice(40)}` }), key, /does not verify/];
    },
    'the key field split over two lines': () => [pack, sigWith({ key: `${key.slice(0, 20)}\n${key.slice(20)}` }), key, /another key than the one pinned/],
    'a signature without its padding': () => [pack, sigWith({ signature: JSON.parse(sig).signature.replace(/=+$/, '') }), key, /does not verify/],
  };
  for (const [name, make] of Object.entries(cases)) {
    test(name, async () => {
      const [p, s, k, why] = make();
      await assert.rejects(verifyPackSignature(p, s, k), (e) => e.code === 'pack.signature' && why.test(e.message));
      fs.writeFileSync(file('case.pack'), p);
      fs.writeFileSync(file('case.pack.sig'), s);
      const args = ['pack', 'verify', file('case.pack'), '--public-key', k];
      const [n, r] = [await runFailing(NATIVE, args), await runFailing(process.execPath, [RUNNER, ...args])];
      assert.equal(n.code, 1);
      assert.match(n.stderr, why);
      assert.equal(r.stderr.replace(/^storyprint-js:/, 'storyprint:'), n.stderr);
    });
  }
  test('a .pub file split over two lines is refused by both CLIs with the same words', async () => {
    fs.writeFileSync(file('split.pub'), `${key.slice(0, 22)}\n${key.slice(22)}\n`);
    const args = ['pack', 'verify', file('p.pack'), '--public-key', file('split.pub')];
    const [n, r] = [await runFailing(NATIVE, args), await runFailing(process.execPath, [RUNNER, ...args])];
    assert.equal(n.code, 1);
    assert.match(n.stderr, /\(key\.format\)/);
    assert.equal(r.stderr.replace(/^storyprint-js:/, 'storyprint:'), n.stderr);
    await assert.rejects(verifyPackSignature(pack, sig, fs.readFileSync(file('split.pub'), 'utf8')), (e) => e.code === 'key.format');
  });
  test('a key file whose path is 44 characters long is read as a file by both CLIs', async () => {
    const name = path.join(tmp, 'k'.repeat(44 - tmp.length - 1));
    assert.equal(name.length, 44);
    fs.copyFileSync(file('publisher.pub'), name);
    const args = ['pack', 'verify', file('p.pack'), '--public-key', name];
    const n = await runNative(...args);
    assert.match(n, /"valid":true/);
    assert.equal(await runRunner(...args), n);
  });
  test('a public key that is not one', async () => {
    await assert.rejects(verifyPackSignature(pack, sig, 'abc'), (e) => e.code === 'key.format');
  });
});

test('the signature of a pack lives at its URL + ".sig", query kept', () => {
  assert.equal(signatureUrl('https://example.org/packs/news.pack?v=3').href, 'https://example.org/packs/news.pack.sig?v=3');
});
