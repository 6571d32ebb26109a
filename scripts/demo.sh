#!/usr/bin/env bash
# The main job on the bundled demo data: builds everything (installing what is missing), checks the
# demo sample pages (demo/, in the repository) against the demo pack with the headless runner (the wasm core in Node), prints
# what the core says of each, then builds the demo page and serves it on 127.0.0.1.
#   scripts/demo.sh [--no-serve] [--port N] [--out DIR]   (--out: also write the static site to DIR)
set -euo pipefail
cd "$(dirname "$0")/.."
serve=1 port=8080 out=
while (($#)); do
  case $1 in
    --no-serve) serve=0 ;;
    --port) port=$2; shift ;;
    --out) out=$2; shift ;;
    *) echo "usage: scripts/demo.sh [--no-serve] [--port N] [--out DIR]" >&2; exit 2 ;;
  esac
  shift
done
scripts/build.sh >&2

# The sample pages of demo/ (CC0, in the repository), in the words of the report view the popup and
# the demo page use.
echo
echo "Sample pages checked against the demo pack ($(node core/js/runner.mjs pack info build/demo/demo.pack)):"
node --input-type=module - <<'JS'
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { STATES, stateOf, whySentences, confidenceOf } from './core/js/report-view.mjs';
const { samples } = JSON.parse(fs.readFileSync('demo/samples.json', 'utf8'));
const shown = samples.filter((s) => s.sample);
const pages = shown.map(({ file, id, outlet, url, title, published }) =>
  JSON.stringify({ id, outlet, url, title, published, text: fs.readFileSync(`demo/${file}`, 'utf8') })).join('\n');
fs.mkdirSync('build/demo', { recursive: true });
fs.writeFileSync('build/demo/samples.jsonl', pages + '\n');
const out = execFileSync('node', ['core/js/runner.mjs', 'check', '--pack', 'build/demo/demo.pack', '--pages', 'build/demo/samples.jsonl'], { encoding: 'utf8' });
for (const r of out.trim().split('\n').map((l) => JSON.parse(l))) {
  const s = shown.find((x) => x.id === r.id);
  if (r.error) { console.log(`  ${s.file}: error: ${r.error.message}`); continue; }
  const state = stateOf(r);
  const conf = ['syndicated', 'rewrite', 'independent'].includes(state) ? `, ${confidenceOf(r).text.toLowerCase()}` : '';
  console.log(`  ${s.file.padEnd(24)} [${STATES[state].badge}] ${STATES[state].label}${conf}`);
  for (const w of whySentences(r, { packs: 1, text: JSON.parse(pages.split('\n')[shown.indexOf(s)]).text })) console.log(`  ${''.padEnd(24)} ${w}`);
}
JS

site=${out:-build/site}
scripts/build-web.sh "$site" >&2
echo
echo "Static demo site written to $site"
if ((serve)); then
  exec node scripts/serve-web.mjs "$site" --port "$port"
fi
