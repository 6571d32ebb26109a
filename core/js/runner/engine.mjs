// The wasm engine and packs for the runner's commands.
import { createEngine } from '../storyprint.mjs';
import fs from 'node:fs';
import { CliError, readBytes } from './io.mjs';

export const newEngine = (options) => createEngine(options);

/** Reads a pack into the engine; a bad pack is a CliError with the core's code and message. */
export function loadPack(engine, path, name = 'pack') {
  let bytes;
  try {
    // Refused by size before it is read, as natively (core/cli/cli_io.cpp read_pack_file).
    const st = fs.statSync(path, { throwIfNoEntry: false });
    if (st?.isFile()) engine.checkPackSize(st.size);
    bytes = readBytes(path);
    return { info: engine.addPack(name, bytes), bytes };
  } catch (e) {
    if (e.code) throw new CliError(e.code, e.message);
    throw e;
  }
}

/** Loads the dictionaries if any text needs them, as native ICU always has them. */
export async function dictionariesFor(engine, texts) {
  for (const t of texts) if (await engine.ensureDictionaries(t)) return;
}
