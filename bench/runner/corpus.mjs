// Reading the bench corpus (bench/gen-corpus.mjs) and the cached large packs.
import fs from 'node:fs';
import readline from 'node:readline';
import { CliError } from '../../core/js/runner/io.mjs';

/** The first `limit` objects of a JSON-lines file (0: all), streamed: known.jsonl is hundreds of MB. */
export async function readJsonlHead(path, limit = 0) {
  if (!fs.existsSync(path)) throw new CliError('io.open', `cannot open ${path} (generate it: node bench/gen-corpus.mjs)`);
  const out = [];
  const stream = fs.createReadStream(path, { encoding: 'utf8' });
  const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (!line.trim()) continue;
    let o;
    try {
      o = JSON.parse(line);
    } catch {
      throw new CliError('jsonl.parse', `${path}:${n}: not a JSON object`);
    }
    out.push(o);
    if (limit && out.length >= limit) break;
  }
  lines.close();
  stream.destroy();
  return out;
}

const str = (v) => (typeof v === 'string' ? v : '');
export const versionOf = (o) => ({ id: str(o.id), outlet: str(o.outlet), url: str(o.url), title: str(o.title), published: str(o.published), text: str(o.text) });
export const metaOf = (o) => ({ id: str(o.id), url: str(o.url), outlet: str(o.outlet), title: str(o.title), published: str(o.published) });

/** Nearest-rank percentile. */
export function percentile(values, p) {
  if (!values.length) return 0;
  const v = [...values].sort((a, b) => a - b);
  return v[Math.min(v.length, Math.max(1, Math.ceil(p * v.length))) - 1];
}
