#!/usr/bin/env bash
# Benchmarks the native CLI and the wasm module (through the JS wrapper) on one synthetic corpus,
# then writes build/bench/results.md: every measure side by side with its wasm/native ratio and
# its target (README, Performance).
#   bench/bench.sh [--versions 100000] [--sizes 1000,10000,100000] [--seed 1]
# Needs the builds (scripts/build.sh --no-setup) and ../shared/data (the word list's source).
# The corpus and the large packs are cached under build/bench/ (the corpus by generator and seed,
# the packs by the sources that decide their bytes). A first run builds the 100k pack natively,
# which alone takes minutes (see the results); later runs take about a minute.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSIONS=100000 SIZES=1000,10000,100000 SEED=1
while (($#)); do
  case $1 in
    --versions) VERSIONS=$2; shift 2 ;;
    --sizes) SIZES=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    *) echo "usage: bench/bench.sh [--versions N] [--sizes A,B,C] [--seed S]" >&2; exit 2 ;;
  esac
done
log() { printf '[bench] %s\n' "$*" >&2; }

NATIVE=build/native/storyprint
[[ -x $NATIVE && -f core/js/wasm/storyprint-core.wasm ]] || { log "build first: scripts/build.sh --no-setup"; exit 1; }
probe=$("$NATIVE" bench --help 2>&1 || true)
[[ $probe != *"unknown command"* ]] || { log "$NATIVE has no bench command: rebuild it"; exit 1; }

hash() { cat "$@" | sha256sum | cut -c1-12; }
CORPUS=build/bench/corpus-$(echo "$VERSIONS $SEED $(hash bench/gen-corpus.mjs)" | sha256sum | cut -c1-12)
# Pack bytes depend on canonicalisation, fingerprints and the pack writer only.
PACKS=$CORPUS/packs-$(hash core/src/text.cpp core/src/fingerprint.cpp core/src/pack_writer.cpp core/src/index.cpp \
  core/src/pack_layout.hpp core/include/storyprint/{text,fingerprint,pack,index}.hpp)
mkdir -p build/bench
# Old corpora are hundreds of MB each: keep the current one only.
for d in build/bench/corpus-*; do [[ -d $d && $d != "$CORPUS" ]] && rm -rf "$d"; done
if [[ ! -f $CORPUS/CORPUS.json ]]; then
  log "generating $VERSIONS synthetic versions in $CORPUS"
  node bench/gen-corpus.mjs --out "$CORPUS" --versions "$VERSIONS" --seed "$SEED"
fi
for d in "$CORPUS"/packs-*; do [[ -d $d && $d != "$PACKS" ]] && rm -rf "$d"; done
mkdir -p "$PACKS"

log "native"
"$NATIVE" bench --corpus "$CORPUS" --packs "$PACKS" --sizes "$SIZES" --json > build/bench/native.json
log "wasm"
node core/js/runner.mjs bench --corpus "$CORPUS" --packs "$PACKS" --sizes "$SIZES" --json > build/bench/wasm.json

emcc_version="emcc $(NODE_PATH=/usr/share/nodejs emcc --version 2>/dev/null | head -1 | grep -o ') [0-9][0-9.]*' | cut -c3-)"
cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
cat > build/bench/context.json <<EOF
{"date": "$(date -u +%Y-%m-%dT%H:%MZ)", "cpu": "$cpu, $(nproc) cores", "node": "node $(node --version)",
 "emcc": "$emcc_version", "versions": $VERSIONS, "seed": $SEED}
EOF
node bench/report.mjs build/bench/native.json build/bench/wasm.json build/bench/context.json > build/bench/results.md
cat build/bench/results.md
log "wrote build/bench/results.md"
