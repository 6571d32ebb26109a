#!/usr/bin/env bash
# Writes the static demo site: the page in web/, the staged runtime (wrapper, wasm core, report view,
# Readability), the demo pack and the sample pages of demo/ (CC0, in the repository). Needs the wasm build and
# the demo pack (scripts/build.sh). Only copies: takes about a second.
#   scripts/build-web.sh [OUT_DIR]        (default dist/web)
# Layout of OUT_DIR (all paths relative, so any static host and any sub-path works):
#   index.html style.css *.mjs                             from web/ (app.mjs and the modules it loads, worker.mjs)
#   runtime/                                               scripts/stage-runtime.sh: wrapper, wasm, report view,
#                                                           article extraction, Readability (as in the extension)
#   data/demo.pack data/samples.json                        the demo pack and the sample pages of demo/samples.json
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/dist/web}
cd "$root"

die() { echo "build-web: $*" >&2; exit 1; }
[[ -f build/demo/demo.pack ]] || die "build/demo/demo.pack is missing: run scripts/build.sh first"
[[ demo/samples.json -nt build/demo/demo.pack ]] &&
  echo "build-web: note: build/demo/demo.pack is older than demo/samples.json (scripts/build-demo-pack.sh refreshes it)" >&2

# Never wipe a directory this script did not write: OUT must be new, empty or carry our marker.
marker=.storyprint-web
if [[ -e $out ]]; then
  [[ -d $out ]] || die "$out exists and is not a directory"
  if [[ -n $(ls -A "$out") && ! -f $out/$marker ]]; then
    die "$out is not empty and was not written by build-web.sh; refusing to replace it"
  fi
fi
mkdir -p "$(dirname "$out")"
tmp=$(mktemp -d "$(dirname "$out")/.build-web.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

cp -R web/. "$tmp/"
scripts/stage-runtime.sh "$tmp/runtime"
mkdir -p "$tmp/data"
cp build/demo/demo.pack "$tmp/data/"

# The samples offered on the page, with their texts, in one file.
node - "$tmp/data/samples.json" <<'JS'
const fs = require('node:fs');
const { samples } = JSON.parse(fs.readFileSync('demo/samples.json', 'utf8'));
const out = samples.filter((s) => s.sample).map(({ file, sample, ...meta }) => ({ ...meta, text: fs.readFileSync(`demo/${file}`, 'utf8') }));
fs.writeFileSync(process.argv[2], JSON.stringify({ samples: out }));
JS

touch "$tmp/$marker"
chmod -R a+rX "$tmp"
rm -rf "$out"
mv "$tmp" "$out"
trap - EXIT
echo "build-web: wrote $out" >&2
