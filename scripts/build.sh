#!/usr/bin/env bash
# Builds everything: native CLI and tests, ICU and the Snowball stemmers for wasm (cached outside
# the repo), the wasm module with its JS wrapper files, and the demo pack. Quick when nothing changed.
#   scripts/build.sh [--no-setup]
set -euo pipefail
cd "$(dirname "$0")/.."
[[ ${1:-} == --no-setup ]] || scripts/setup.sh
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}

echo "[build] native" >&2
[[ -f build/native/build.ninja ]] || cmake --preset native >&2
cmake --build --preset native >&2

echo "[build] ICU for wasm" >&2
ICU_WASM_DIR=$(scripts/build-icu-wasm.sh)
export ICU_WASM_DIR
echo "[build] Snowball stemmers for wasm" >&2
STEMMER_WASM_DIR=$(scripts/build-stemmer-wasm.sh)
export STEMMER_WASM_DIR
echo "[build] wasm" >&2
if [[ ! -f build/wasm/build.ninja ]] || ! grep -q "ICU_WASM_DIR:PATH=$ICU_WASM_DIR\$" build/wasm/CMakeCache.txt ||
   ! grep -q "STEMMER_WASM_DIR:PATH=$STEMMER_WASM_DIR\$" build/wasm/CMakeCache.txt; then
  cmake --preset wasm -DICU_WASM_DIR="$ICU_WASM_DIR" -DSTEMMER_WASM_DIR="$STEMMER_WASM_DIR" >&2
fi
cmake --build --preset wasm >&2
# The break dictionaries ship beside the module and load on demand.
cmp -s "$ICU_WASM_DIR/data/icudt72l-dict.dat" core/js/wasm/storyprint-dict.dat ||
  cp "$ICU_WASM_DIR/data/icudt72l-dict.dat" core/js/wasm/storyprint-dict.dat

echo "[build] demo pack" >&2
scripts/build-demo-pack.sh >&2
