// Verifies a publisher's signature of a pack (core/PACK_FORMAT.md, "Signatures") against a pinned
// Ed25519 public key, with WebCrypto: the same code in the extension's worker and the Node runner.
// The native CLI signs and verifies the same files with libsodium.
import { StoryprintError } from './storyprint.mjs';

const FORMAT = 'storyprint-pack-signature';
const UTC_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

const bad = (message) => new StoryprintError('pack.signature', message);

// Exactly n bytes from canonical, padded base64; whitespace around it allowed, none inside. The
// native CLI reads the same (core/cli/pack_signature.cpp unbase64).
function fromBase64(s, n) {
  if (typeof s !== 'string') return null;
  const t = s.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
  if (t.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(t)) return null;
  const bin = atob(t);
  if (bin.length !== n || btoa(bin) !== t) return null;
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** A pinned public key as given (44 base64 characters), or a StoryprintError('key.format'). */
export function parsePublicKey(text) {
  const key = String(text ?? '').replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
  if (!fromBase64(key, 32)) throw new StoryprintError('key.format', 'A publisher key is 44 characters of base64 (32 bytes).');
  return key;
}

export async function sha256Hex(bytes) {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(d, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Where a pack's signature is published: its URL with ".sig" added to the path. */
export function signatureUrl(packUrl) {
  const u = new URL(packUrl);
  u.pathname += '.sig';
  return u;
}

/**
 * Checks signatureText (the .sig file) against the pack bytes and the pinned key. Returns
 * {signed, sha256}: the signing time (ISO 8601 UTC; compare it with the last one accepted to
 * refuse an older pack served in place of a newer one) and the pack's SHA-256. Throws
 * StoryprintError 'pack.signature' saying what failed.
 */
export async function verifyPackSignature(bytes, signatureText, publicKey) {
  const key = parsePublicKey(publicKey);
  let sig;
  try {
    sig = JSON.parse(String(signatureText));
  } catch {
    sig = null;
  }
  if (!sig || typeof sig !== 'object' || sig.format !== FORMAT) throw bad('not a Storyprint pack signature');
  if (sig.version !== 1) throw bad('unsupported signature version');
  const signedKey = fromBase64(sig.key, 32);
  const pinned = fromBase64(key, 32);
  if (!signedKey || signedKey.some((b, i) => b !== pinned[i])) throw bad('the pack is signed by another key than the one pinned');
  const sha256 = await sha256Hex(bytes);
  if (sig.sha256 !== sha256) throw bad('the signature is for another pack (SHA-256 differs)');
  if (typeof sig.signed !== 'string' || !UTC_TIME.test(sig.signed)) throw bad('the signing time is missing or malformed');
  const signature = fromBase64(sig.signature, 64);
  const message = new TextEncoder().encode(`storyprint-pack-signature-v1\n${sha256}\n${sig.signed}`);
  let ok = false;
  if (signature) {
    const k = await crypto.subtle.importKey('raw', pinned, { name: 'Ed25519' }, false, ['verify']);
    ok = await crypto.subtle.verify({ name: 'Ed25519' }, k, signature, message);
  }
  if (!ok) throw bad('the signature does not verify: the pack or its signature was altered');
  return { signed: sig.signed, sha256 };
}
