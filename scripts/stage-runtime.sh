#!/usr/bin/env bash
# Stages what both front ends run, once, into one layout (as uBlock copies its common files once):
# the extension (scripts/build-extension.sh) and the demo site (scripts/build-web.sh) both call it.
#   scripts/stage-runtime.sh DIR
# DIR/ (all relative: the modules find the wasm beside them)
#   storyprint.mjs article.mjs pack-signature.mjs report-view.mjs   core/js: wrapper, extraction, signatures, report view
#   wasm/storyprint-core.{mjs,wasm} wasm/storyprint-dict.dat        the core and its on-demand break dictionaries
#   readability.mjs                                                 @mozilla/readability as an ES module (pages, workers)
#   Readability.js Readability-readerable.js article.js             the same as classic scripts (extension content scripts)
#   readability-LICENSE.md
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
[[ $# == 1 ]] || { echo "usage: scripts/stage-runtime.sh DIR" >&2; exit 2; }
out=$1
cd "$root"
die() { echo "stage-runtime: $*" >&2; exit 1; }
for f in core/js/wasm/storyprint-core.mjs core/js/wasm/storyprint-core.wasm core/js/wasm/storyprint-dict.dat; do
  [[ -f $f ]] || die "$f is missing: run scripts/build.sh first"
done
readability=node_modules/@mozilla/readability
[[ -f $readability/Readability.js ]] || die "$readability is missing: run npm ci (scripts/setup.sh)"

mkdir -p "$out/wasm"
cp core/js/storyprint.mjs core/js/article.mjs core/js/pack-signature.mjs core/js/report-view.mjs "$out/"
cp core/js/wasm/storyprint-core.mjs core/js/wasm/storyprint-core.wasm core/js/wasm/storyprint-dict.dat "$out/wasm/"

# Readability.js is a plain script declaring `function Readability` (its CommonJS export is guarded
# by `typeof module`): appending an export statement makes it an ES module a page can import.
version=$(node -p "require('./$readability/package.json').version")
{
  echo "// @mozilla/readability $version (Apache-2.0, see readability-LICENSE.md), made an ES module by scripts/stage-runtime.sh."
  cat "$readability/Readability.js"
  echo
  echo "export { Readability };"
  echo "export default Readability;"
} > "$out/readability.mjs"
cp "$readability/Readability.js" "$readability/Readability-readerable.js" "$out/"
cp "$readability/LICENSE.md" "$out/readability-LICENSE.md"
# The shared article extraction as a classic content script: the module only exports at top level.
sed 's/^export //' core/js/article.mjs > "$out/article.js"
grep -q '^\(import\|export\)' "$out/article.js" && die "article.mjs must stay import-free (it becomes a classic script)"
exit 0
