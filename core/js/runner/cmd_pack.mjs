// `storyprint-js pack build KNOWN.jsonl -o OUT.pack`, `pack info P.pack` and
// `pack verify P.pack --public-key KEY|NAME.pub [--sig P.pack.sig]` (keys and signing: native CLI).
import fs from 'node:fs';
import { fixed } from './fmt.mjs';
import { CliError, knownVersion, readBytes, readJsonl, writeFileAtomic } from './io.mjs';
import { loadPack, newEngine } from './engine.mjs';
import { verifyPackSignature } from '../pack-signature.mjs';

const USAGE = 'usage: storyprint-js pack build KNOWN.jsonl -o OUT.pack\n       storyprint-js pack info P.pack\n' +
  '       storyprint-js pack verify P.pack --public-key KEY|NAME.pub [--sig P.pack.sig]\n';

// As the native CLI: the same checks with WebCrypto, the same output and errors.
async function verify(args, out) {
  let pack = '', key = '', sig = '';
  for (let i = 1; i < args.length; i++) {
    const has = i + 1 < args.length;
    if (args[i] === '--public-key' && has) key = args[++i];
    else if (args[i] === '--sig' && has) sig = args[++i];
    else pack = args[i];
  }
  if (!pack || !key) return { usage: USAGE };
  // A file of that name is read as NAME.pub, whatever its length; else 44 characters are the key
  // (as natively, core/cli/cmd_pack.cpp).
  if (fs.statSync(key, { throwIfNoEntry: false })?.isFile() || key.length !== 44)
    key = new TextDecoder().decode(readBytes(key)).replace(/[\r\n ]+$/, '');
  const bytes = readBytes(pack);
  const sigText = new TextDecoder().decode(readBytes(sig || `${pack}.sig`));
  try {
    const { signed } = await verifyPackSignature(bytes, sigText, key);
    out.write(`{"valid":true,"signed":"${signed}"}\n`);
    return { rc: 0 };
  } catch (e) {
    if (e.code) throw new CliError(e.code, e.message);
    throw e;
  }
}

/** Known versions of a known.jsonl, checked as the native builder checks them (with line numbers). */
export function readKnown(path) {
  return readJsonl(path).map((o, i) => {
    const v = knownVersion(o);
    if (!v.id) throw new CliError('pack.meta', `${path}:${i + 1}: a known version needs an id`);
    return v;
  });
}

/** Loads the dictionaries if any text needs them, as native ICU always has them. */
export async function dictionariesFor(engine, texts) {
  for (const t of texts) if (await engine.ensureDictionaries(t)) return;
}

export function buildPack(engine, path, versions) {
  try {
    return engine.buildPack(versions);
  } catch (e) {
    // Named by its place in the file as natively (core/cli/corpus.cpp).
    if (e.code) throw new CliError(e.code, e.index === undefined ? `${path}: ${e.message}` : `${path}:${e.index + 1}: ${e.message}`);
    throw e;
  }
}

export async function cmdPack(args, out) {
  if (args[0] === 'verify') return verify(args, out);
  const engine = await newEngine();
  if (args.length >= 2 && args[0] === 'info') {
    const { info, bytes } = loadPack(engine, args[1]);
    // The vocabulary size is not in the engine's pack info: read it from the header, which
    // addPack has just validated (u32 n_vocab at byte 40, core/src/pack_layout.hpp).
    const vocab = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).readUInt32LE(40);
    const bpv = info.versions ? fixed(info.bytes / info.versions, 1) : '0.0';
    out.write(`{"versions":${info.versions},"stories":${info.stories},"vocabulary":${vocab},"bytes":${info.bytes},"bytes_per_version":${bpv}}\n`);
    return { rc: 0 };
  }
  let input = '', output = '';
  for (let i = 1; i < args.length; i++) {
    if ((args[i] === '-o' || args[i] === '--output') && i + 1 < args.length) output = args[++i];
    else input = args[i];
  }
  if (!args.length || args[0] !== 'build' || !input || !output) return { usage: USAGE };
  const versions = readKnown(input);
  await dictionariesFor(engine, versions.map((v) => v.text));
  const bytes = buildPack(engine, input, versions);
  writeFileAtomic(output, bytes);
  const info = engine.addPack('built', bytes); // validates what was written, and counts its stories
  const per = info.versions ? fixed(bytes.length / info.versions, 0) : '0';
  process.stderr.write(`wrote ${output}: ${info.versions} versions in ${info.stories} stories, ${bytes.length} bytes (${per} bytes per version)\n`);
  return { rc: 0 };
}
