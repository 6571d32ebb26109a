// `storyprint-js pack build INPUT... -o OUT.pack` (known versions as JSON lines, as natively, and
// saved pages, folders of them and feeds, which only the runner reads), `pack info P.pack` and
// `pack verify P.pack --public-key KEY|NAME.pub [--sig P.pack.sig]` (keys and signing: native CLI).
// add, merge and prune are in cmd_pack_edit.mjs.
import fs from 'node:fs';
import { fixed } from './fmt.mjs';
import { CliError, readBytes } from './io.mjs';
import { dictionariesFor, loadPack, newEngine } from './engine.mjs';
import { writePackFile } from './pack_files.mjs';
import { readSources } from './sources.mjs';
import { verifyPackSignature } from '../pack-signature.mjs';

const USAGE = 'usage: storyprint-js pack build KNOWN.jsonl|PAGE.html|FOLDER|FEED.xml... -o OUT.pack\n' +
  '       storyprint-js pack add|merge|prune ...   (see pack add --help)\n' +
  '       storyprint-js pack info P.pack\n' +
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
  if (['add', 'merge', 'prune'].includes(args[0])) return (await import('./cmd_pack_edit.mjs')).cmdPackEdit(args);
  const inputs = [];
  let output = '';
  for (let i = 1; i < args.length; i++) {
    if ((args[i] === '-o' || args[i] === '--output') && i + 1 < args.length) output = args[++i];
    else inputs.push(args[i]);
  }
  if (!args.length || args[0] !== 'build' || !inputs.length || !output) return { usage: USAGE };
  const sources = await readSources(inputs);
  const versions = sources.map((s) => s.version);
  await dictionariesFor(engine, versions.map((v) => v.text));
  let bytes;
  try {
    bytes = engine.buildPack(versions);
  } catch (e) {
    // Named by its place in its file as natively (core/cli/corpus.cpp), or by its page.
    if (e.code) throw new CliError(e.code, e.index === undefined ? e.message : `${sources[e.index].where}: ${e.message}`);
    throw e;
  }
  writePackFile(engine, output, bytes);
  return { rc: 0 };
}
