// Pack files for the runner's pack commands, as natively (core/cli/pack_files.cpp): packs read
// with their size checked first, and packs written atomically with their signature kept honest.
import fs from 'node:fs';
import { fixed } from './fmt.mjs';
import { CliError, readBytes, writeFileAtomic } from './io.mjs';

/** A pack file's bytes, refused by size before it is read (validated later, by the engine). */
export function readPackFile(engine, file) {
  const st = fs.statSync(file, { throwIfNoEntry: false });
  try {
    if (st?.isFile()) engine.checkPackSize(st.size);
  } catch (e) {
    throw new CliError(e.code, e.message);
  }
  return readBytes(file);
}

/**
 * Writes a pack and says what it wrote: the same bytes as the file there are not written again
 * (its signature stays valid); other bytes replace it atomically, and a FILE.sig beside it, which
 * signed the old bytes, is removed with a note. {duplicates, pruned, before} as natively.
 */
export function writePackFile(engine, file, bytes, { duplicates = 0, pruned = 0, before = '' } = {}) {
  let info;
  try {
    info = engine.addPack('written', bytes); // what is written must be a pack this version reads
  } catch (e) {
    if (e.code) throw new CliError(e.code, e.message);
    throw e;
  } finally {
    engine.removePack('written');
  }
  const counts = `${info.versions} versions in ${info.stories} stories`;
  let leftOut = '';
  if (duplicates) leftOut += `; ${duplicates} duplicates left out`;
  if (pruned) leftOut += `; ${pruned} published before ${before} left out`;
  const st = fs.statSync(file, { throwIfNoEntry: false });
  if (st?.isFile() && st.size === bytes.length && fs.readFileSync(file).equals(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length))) {
    process.stderr.write(`${file} unchanged: ${counts}${leftOut}\n`);
    return;
  }
  writeFileAtomic(file, bytes);
  const per = info.versions ? fixed(bytes.length / info.versions, 0) : '0';
  process.stderr.write(`wrote ${file}: ${counts}, ${bytes.length} bytes (${per} bytes per version)${leftOut}\n`);
  const sig = `${file}.sig`;
  if (fs.existsSync(sig)) {
    try {
      fs.rmSync(sig);
      process.stderr.write(`removed ${sig}: it signed the pack as it was; sign the new one (storyprint pack sign ${file} --key NAME.key)\n`);
    } catch {
      process.stderr.write(`warning: ${sig} signed the pack as it was and could not be removed: it no longer verifies\n`);
    }
  }
}
