// Shared by the JS tests: where things are, and running the native CLI and the runner.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const NATIVE = path.join(ROOT, 'build/native/storyprint');
export const RUNNER = path.join(ROOT, 'core/js/runner.mjs');
// The shared development data sits beside the checkout, never inside it.
export const SHARED = path.resolve(ROOT, '../shared/data');

/** Throws a message saying what to do when a prerequisite is missing (the tests never skip silently). */
export function require(file, what) {
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: ${what}`);
  return file;
}
export const requireNative = () => require(NATIVE, 'build the native CLI first (scripts/build.sh --no-setup)');
export const requireWasm = () =>
  require(path.join(ROOT, 'core/js/wasm/storyprint-core.wasm'), 'build the wasm module first (scripts/build.sh --no-setup)');
export const requireShared = (rel = '') =>
  require(path.join(SHARED, rel), 'the shared development data must sit at ../shared/data relative to the repository root');

const exec = promisify(execFile);
const OPTS = { maxBuffer: 1 << 30, cwd: ROOT };
export const runNative = async (...args) => (await exec(NATIVE, args, OPTS)).stdout;
export const runRunner = async (...args) => (await exec(process.execPath, [RUNNER, ...args], OPTS)).stdout;
/** Runs a command expected to fail: {code, stderr}. */
export async function runFailing(file, args) {
  try {
    await exec(file, args, OPTS);
  } catch (e) {
    return { code: e.code, stderr: e.stderr, stdout: e.stdout };
  }
  throw new Error(`${file} ${args.join(' ')} succeeded; expected it to fail`);
}
