#!/usr/bin/env bash
# Builds the browser extension: dist/extension/ (unpacked, loads in Chromium and Firefox) and the
# zips dist/storyprint-chromium.zip and dist/storyprint-firefox.zip. Needs the wasm build and the
# demo pack (scripts/build.sh --no-setup) and node_modules (npm ci). Everything the extension runs
# is copied in here, at build time: nothing is fetched when it runs.
#   scripts/build-extension.sh [--no-zip]     (--no-zip: only dist/extension, no lint, no zips)
set -euo pipefail
cd "$(dirname "$0")/.."

need() { [[ -e $1 ]] || { echo "build-extension: $1 is missing: $2" >&2; exit 1; }; }
need build/demo/demo.pack "run scripts/build.sh --no-setup (or scripts/build-demo-pack.sh)"

out=dist/extension
rm -rf "$out"
mkdir -p "$out/packs"
cp -r extension/. "$out/"
rm -f "$out/README.md"
# The wrapper, the wasm core, the report view, the article extraction and Readability: staged once
# for both front ends (the demo site gets the same runtime/).
scripts/stage-runtime.sh "$out/runtime"
cp build/demo/demo.pack "$out/packs/demo.pack"
echo "[build-extension] $out" >&2

[[ ${1:-} == --no-zip ]] && exit 0
# Fails on lint errors (the warnings about background.service_worker and Readability's innerHTML
# are expected: Firefox uses background.scripts; Readability only parses an inert clone).
node_modules/.bin/web-ext lint --source-dir "$out" --output text >&2
command -v zip >/dev/null || { echo "build-extension: zip is missing (apt-get install zip)" >&2; exit 1; }
version=$(node -p "require('./extension/manifest.json').version")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Firefox: the manifest as is. Chromium: without the Firefox-only keys (background.scripts,
# browser_specific_settings), which the Chrome Web Store reports as warnings.
rm -f dist/storyprint-*.zip
(cd "$out" && zip -qrX9 "$OLDPWD/dist/storyprint-firefox-$version.zip" .)
cp -r "$out" "$tmp/chromium"
node -e '
  const fs = require("fs"), p = process.argv[1], m = JSON.parse(fs.readFileSync(p, "utf8"));
  delete m.background.scripts; delete m.browser_specific_settings;
  fs.writeFileSync(p, JSON.stringify(m, null, 2) + "\n");' "$tmp/chromium/manifest.json"
(cd "$tmp/chromium" && zip -qrX9 "$OLDPWD/dist/storyprint-chromium-$version.zip" .)
ls -l dist/storyprint-*.zip >&2
