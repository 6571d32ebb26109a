// The wasm engine and packs for the runner's commands.
import { createEngine } from '../storyprint.mjs';
import { CliError, readBytes } from './io.mjs';

export const newEngine = (options) => createEngine(options);

/** Reads a pack into the engine; a bad pack is a CliError with the core's code and message. */
export function loadPack(engine, path, name = 'pack') {
  const bytes = readBytes(path);
  try {
    return { info: engine.addPack(name, bytes), bytes };
  } catch (e) {
    if (e.code) throw new CliError(e.code, e.message);
    throw e;
  }
}
