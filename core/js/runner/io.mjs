// Files, JSON lines and errors for the runner's commands, with the native CLI's messages and codes
// (core/cli/cli_io.cpp), so that scripts can treat storyprint and storyprint-js alike.
import fs from 'node:fs';
import nodePath from 'node:path';

/** An error for the user: printed as "storyprint-js: MESSAGE (CODE)", exit code 1. */
export class CliError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

export function readBytes(path) {
  try {
    return fs.readFileSync(path);
  } catch {
    throw new CliError('io.open', `cannot open ${path}`);
  }
}

const lenient = new TextDecoder('utf-8', { ignoreBOM: true });
const strict = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true });

/**
 * UTF-8 bytes -> string, invalid sequences replaced by U+FFFD as ICU does natively (maximal
 * subparts); `replaced` tells the caller, since the wasm core only ever sees the decoded string.
 */
export function decodeUtf8(bytes) {
  try {
    return { text: strict.decode(bytes), replaced: false };
  } catch {
    return { text: lenient.decode(bytes), replaced: true };
  }
}

export function readText(path) { return decodeUtf8(readBytes(path)); }

/**
 * Calls fn(lineNumber, object, error) for each non-blank line, error a CliError when the line is
 * not a JSON object: a batch goes on past a bad line. The native reading exactly (core/cli/cli_io.cpp,
 * tests/js/parity.test.mjs "bad JSON lines"): a byte order mark opening a line is skipped; a line
 * that is not valid UTF-8 is refused as such; JSON.parse's extensions of nlohmann's JSON (lone
 * surrogate escapes, numbers beyond a double) are refused as nlohmann refuses them.
 */
export function eachJsonl(path, fn) {
  const bytes = readBytes(path);
  let line = 0;
  for (let pos = 0; pos < bytes.length;) {
    let nl = bytes.indexOf(0x0a, pos);
    if (nl < 0) nl = bytes.length;
    let start = pos;
    pos = nl + 1;
    ++line;
    if (bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf && start + 3 <= nl) start += 3;
    let text;
    try {
      text = strict.decode(bytes.subarray(start, nl));
    } catch {
      fn(line, null, new CliError('jsonl.parse', `${path}:${line}: not valid UTF-8`));
      continue;
    }
    if (!/[^ \t\r]/.test(text)) continue;
    let v;
    try {
      v = JSON.parse(text);
    } catch {
      v = undefined;
    }
    if (v === null || typeof v !== 'object' || Array.isArray(v) || !strictJson(v))
      fn(line, null, new CliError('jsonl.parse', `${path}:${line}: not a JSON object`));
    else fn(line, v, null);
  }
}

// What JSON.parse accepts beyond nlohmann: lone surrogates in strings, numbers beyond a double.
function strictJson(v) {
  if (typeof v === 'string') return v.isWellFormed();
  if (typeof v === 'number') return Number.isFinite(v);
  if (v === null || typeof v !== 'object') return true;
  if (Array.isArray(v)) return v.every(strictJson);
  for (const k in v) if (!k.isWellFormed() || !strictJson(v[k])) return false;
  return true;
}

/** One JSON object per non-blank line; the first bad line fails it all, naming file and line. */
export function readJsonl(path) {
  const out = [];
  eachJsonl(path, (line, v, err) => {
    if (err) throw err;
    out.push(v);
  });
  return out;
}

let serial = 0;

/**
 * Written to a temporary file beside the target, flushed to disk, renamed over it, and the
 * directory flushed: PATH is the old file whole or the new one whole, and a failed write leaves no
 * temporary file. Errors as natively (core/cli/cli_io.cpp write_file).
 */
export function writeFileAtomic(path, data) {
  const tmp = `${path}.tmp-${process.pid}-${serial++}`;
  let fd;
  try {
    fd = fs.openSync(tmp, 'wx', 0o666);
  } catch {
    throw new CliError('io.open', `cannot write ${path}`);
  }
  try {
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } catch {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw new CliError('io.write', `cannot write ${path}`);
  }
  fs.closeSync(fd);
  try {
    fs.renameSync(tmp, path);
  } catch {
    fs.rmSync(tmp, { force: true }); // a directory at path, say
    throw new CliError('io.rename', `cannot move the written file to ${path}`);
  }
  try {
    const dir = fs.openSync(nodePath.dirname(path), 'r');
    fs.fsyncSync(dir); // the rename itself, on disk
    fs.closeSync(dir);
  } catch {
    // a directory that cannot be opened or flushed: the rename is done all the same
  }
}

export const str = (v) => (typeof v === 'string' ? v : '');

/** A known version as the native reader takes it: string fields only. */
export function knownVersion(o) {
  return { id: str(o.id), outlet: str(o.outlet), url: str(o.url), title: str(o.title), published: str(o.published), text: str(o.text) };
}
