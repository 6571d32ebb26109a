// `storyprint-js pack add P.pack MORE... [-o OUT]`, `pack merge A.pack B.pack... -o OUT` and
// `pack prune P.pack --before DATE [-o OUT]`: the native commands (core/cli/cmd_pack_edit.cpp),
// the same output and bytes, through Engine.editPacks. `add` also takes what `pack build` takes
// here: saved pages, folders of them and feeds.
import { CliError } from './io.mjs';
import { dictionariesFor, newEngine } from './engine.mjs';
import { readPackFile, writePackFile } from './pack_files.mjs';
import { inputKind, readSources } from './sources.mjs';

const USAGE = 'usage: storyprint-js pack add P.pack MORE.jsonl|MORE.pack|PAGE.html|FOLDER|FEED.xml... [-o OUT.pack]   (default: P.pack in place)\n' +
  '       storyprint-js pack merge A.pack B.pack... -o OUT.pack\n' +
  '       storyprint-js pack prune P.pack --before YYYY-MM-DD [-o OUT.pack]      (default: P.pack in place)\n';

export async function cmdPackEdit(args) {
  const cmd = args[0];
  const inputs = [];
  let out = '', before;
  for (let i = 1; i < args.length; i++) {
    const has = i + 1 < args.length;
    if ((args[i] === '-o' || args[i] === '--output') && has) out = args[++i];
    else if (args[i] === '--before' && has) before = args[++i];
    else inputs.push(args[i]);
  }
  const ok = cmd === 'add' ? inputs.length >= 2 && before === undefined
    : cmd === 'merge' ? inputs.length >= 1 && out && before === undefined
      : inputs.length === 1 && before !== undefined;
  if (!ok) return { usage: USAGE };
  out ||= inputs[0];
  const engine = await newEngine();
  // The pack added to must be a pack: a JSON lines file in its place would become its first input.
  if (cmd !== 'merge' && inputKind(inputs[0]) !== 'pack') {
    readPackFile(engine, inputs[0]); // "cannot open" when it is not there
    throw new CliError('pack.foreign', `${inputs[0]}: not a Storyprint pack (wrong magic bytes)`);
  }
  // Versions in this order: the packs' (in the order given), then those of the other inputs.
  const packFiles = inputs.filter((f) => inputKind(f) === 'pack');
  const packs = packFiles.map((f) => readPackFile(engine, f));
  const sources = await readSources(inputs.filter((f) => inputKind(f) !== 'pack'));
  const versions = sources.map((s) => s.version);
  await dictionariesFor(engine, versions.map((v) => v.text));
  let r;
  try {
    r = engine.editPacks({ packs, versions, before });
  } catch (e) {
    if (!e.code) throw e;
    if (e.pack !== undefined) throw new CliError(e.code, `${packFiles[e.pack]}: ${e.message}`);
    if (e.index !== undefined) throw new CliError(e.code, `${sources[e.index].where}: ${e.message}`);
    throw new CliError(e.code, e.message);
  }
  writePackFile(engine, out, r.bytes, { duplicates: r.duplicates, pruned: r.pruned, before });
  return { rc: 0 };
}
