#!/usr/bin/env bash
# Writes the static demo site (issue 6): the page in web/, the shared JS wrapper and wasm core,
# Readability wrapped as an ES module, the demo pack and the seed samples. Needs the wasm build and
# the demo pack (scripts/build.sh). Only copies: takes about a second.
#   scripts/build-web.sh [OUT_DIR]        (default dist/web)
# Layout of OUT_DIR (all paths relative, so any static host and any sub-path works):
#   index.html app.mjs worker.mjs extract.mjs style.css   from web/
#   lib/storyprint.mjs lib/article.mjs lib/wasm/*           core/js (the one wrapper and article extraction)
#   lib/readability.mjs lib/readability-LICENSE.md          @mozilla/readability from node_modules
#   data/demo.pack data/seeds.json                          seed texts from ../shared/data/seeds, build output only
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/dist/web}
seeds_dir=$root/../shared/data/seeds
cd "$root"

die() { echo "build-web: $*" >&2; exit 1; }
for f in core/js/storyprint.mjs core/js/wasm/storyprint-core.mjs core/js/wasm/storyprint-core.wasm \
         core/js/wasm/storyprint-dict.dat build/demo/demo.pack; do
  [[ -f $f ]] || die "$f is missing: run scripts/build.sh first"
done
readability=node_modules/@mozilla/readability
[[ -f $readability/Readability.js ]] || die "$readability is missing: run npm install (scripts/setup.sh)"
[[ -d $seeds_dir ]] || die "$seeds_dir is missing (the shared development data must sit beside the checkout)"
[[ tests/data/seeds.json -nt build/demo/demo.pack ]] &&
  echo "build-web: note: build/demo/demo.pack is older than tests/data/seeds.json (scripts/build-demo-pack.sh refreshes it)" >&2

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
mkdir -p "$tmp/lib/wasm" "$tmp/data"
cp core/js/storyprint.mjs core/js/article.mjs "$tmp/lib/"
cp core/js/wasm/storyprint-core.mjs core/js/wasm/storyprint-core.wasm core/js/wasm/storyprint-dict.dat "$tmp/lib/wasm/"
cp build/demo/demo.pack "$tmp/data/"

# Readability.js is a plain script declaring `function Readability` (its CommonJS export is guarded
# by `typeof module`): appending an export statement makes it an ES module the page can import.
version=$(node -p "require('./$readability/package.json').version")
{
  echo "// @mozilla/readability $version (Apache-2.0, see readability-LICENSE.md), made an ES module by scripts/build-web.sh."
  cat "$readability/Readability.js"
  echo
  echo "export { Readability };"
  echo "export default Readability;"
} > "$tmp/lib/readability.mjs"
cp "$readability/LICENSE.md" "$tmp/lib/readability-LICENSE.md"

# Seed samples: metadata from tests/data/seeds.json, texts from the shared data, into the output only.
node - "$seeds_dir" "$tmp/data/seeds.json" <<'JS'
const fs = require('node:fs');
const path = require('node:path');
const [seedsDir, out] = process.argv.slice(2);
const { seeds } = JSON.parse(fs.readFileSync('tests/data/seeds.json', 'utf8'));
const samples = seeds.map(({ file, ...meta }) => ({ ...meta, text: fs.readFileSync(path.join(seedsDir, file), 'utf8') }));
fs.writeFileSync(out, JSON.stringify({ samples }));
JS

touch "$tmp/$marker"
chmod -R a+rX "$tmp"
rm -rf "$out"
mv "$tmp" "$out"
trap - EXIT
echo "build-web: wrote $out" >&2
