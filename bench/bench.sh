#!/usr/bin/env bash
# Benchmarks the native CLI and the wasm module (through the JS wrapper) on two corpora, the
# synthetic one (bench/gen-corpus.mjs) and the news-shaped one (bench/gen-news-corpus.mjs), then
# writes build/bench/results.md: issue 17's targets for both side by side, and every measure of each
# with its wasm/native ratio and its target (README, Performance).
#   bench/bench.sh [--versions 100000] [--sizes 1000,10000,100000] [--seed 1] [--corpora synthetic,news]
#                  [--rounds 3]
# Native and wasm run alternately, --rounds times each per corpus, and every figure is the median of
# its rounds (bench/merge-rounds.mjs): this machine's speed drifts by tens of per cent over minutes.
# Needs the builds (scripts/build.sh --no-setup) and ../shared/data (the generators' material).
# Corpora and their large packs are cached under build/bench/ (a corpus by generator, size and seed,
# its packs by the sources that decide their bytes). A first run generates the corpora and builds
# their 100k packs natively (minutes each, see the results); later runs take a few minutes per corpus.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSIONS=100000 SIZES=1000,10000,100000 SEED=1 CORPORA=synthetic,news ROUNDS=3
while (($#)); do
  case $1 in
    --versions) VERSIONS=$2; shift 2 ;;
    --sizes) SIZES=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --corpora) CORPORA=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    *) echo "usage: bench/bench.sh [--versions N] [--sizes A,B,C] [--seed S] [--corpora synthetic,news] [--rounds R]" >&2; exit 2 ;;
  esac
done
log() { printf '[bench] %s\n' "$*" >&2; }

NATIVE=build/native/storyprint
[[ -x $NATIVE && -f core/js/wasm/storyprint-core.wasm ]] || { log "build first: scripts/build.sh --no-setup"; exit 1; }
probe=$("$NATIVE" bench --help 2>&1 || true)
[[ $probe != *"unknown command"* ]] || { log "$NATIVE has no bench command: rebuild it"; exit 1; }

hash() { cat "$@" | sha256sum | cut -c1-12; }
# Pack bytes depend on canonicalisation, fingerprints and the pack writer only.
PACK_HASH=$(hash core/src/text.cpp core/src/fingerprint.cpp core/src/pack_writer.cpp core/src/version_store.cpp core/src/index.cpp \
  core/src/pack_layout.hpp core/include/storyprint/{text,fingerprint,pack,index}.hpp)
mkdir -p build/bench
rm -rf build/bench/corpus-* build/bench/native.json build/bench/wasm.json  # the cache's and results' former names
rm -f build/bench/*-native.[0-9]*.json build/bench/*-wasm.[0-9]*.json  # rounds of an earlier run
reports=() corpus_json=''
for name in ${CORPORA//,/ }; do
  case $name in
    synthetic) gen=bench/gen-corpus.mjs ;;
    news) gen=bench/gen-news-corpus.mjs ;;
    *) log "unknown corpus $name (synthetic, news)"; exit 2 ;;
  esac
  t0=$SECONDS
  CORPUS=build/bench/$name-$(echo "$VERSIONS $SEED $(hash "$gen" bench/gen-common.mjs)" | sha256sum | cut -c1-12)
  PACKS=$CORPUS/packs-$PACK_HASH
  # Old corpora are hundreds of MB each: keep the current one of each generator only.
  for d in build/bench/"$name"-*; do [[ -d $d && $d != "$CORPUS" ]] && rm -rf "$d"; done
  if [[ ! -f $CORPUS/CORPUS.json ]]; then
    log "$name: generating $VERSIONS versions in $CORPUS"
    node "$gen" --out "$CORPUS" --versions "$VERSIONS" --seed "$SEED"
  fi
  for d in "$CORPUS"/packs-*; do [[ -d $d && $d != "$PACKS" ]] && rm -rf "$d"; done
  mkdir -p "$PACKS"

  rounds_native=() rounds_wasm=()
  for ((r = 1; r <= ROUNDS; r++)); do
    log "$name: native, round $r of $ROUNDS"
    "$NATIVE" bench --corpus "$CORPUS" --packs "$PACKS" --sizes "$SIZES" --json > "build/bench/$name-native.$r.json"
    log "$name: wasm, round $r of $ROUNDS"
    node core/js/runner.mjs bench --corpus "$CORPUS" --packs "$PACKS" --sizes "$SIZES" --json > "build/bench/$name-wasm.$r.json"
    rounds_native+=("build/bench/$name-native.$r.json") rounds_wasm+=("build/bench/$name-wasm.$r.json")
  done
  node bench/merge-rounds.mjs "build/bench/$name-native.json" "${rounds_native[@]}"
  node bench/merge-rounds.mjs "build/bench/$name-wasm.json" "${rounds_wasm[@]}"
  reports+=("$name:build/bench/$name-native.json:build/bench/$name-wasm.json")
  corpus_json+="${corpus_json:+, }\"$name\": $(cat "$CORPUS/CORPUS.json")"
  log "$name: $((SECONDS - t0)) s"
done

# sed, not head: head may close the pipe while emcc still writes, and pipefail would end the run here.
emcc_version="emcc $(NODE_PATH=/usr/share/nodejs emcc --version 2>/dev/null | sed -n 1p | grep -o ') [0-9][0-9.]*' | cut -c3-)"
cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
cat > build/bench/context.json <<EOF
{"date": "$(date -u +%Y-%m-%dT%H:%MZ)", "cpu": "$cpu, $(nproc) cores", "node": "node $(node --version)",
 "emcc": "$emcc_version", "versions": $VERSIONS, "seed": $SEED, "corpora": {$corpus_json}}
EOF
node bench/report.mjs build/bench/context.json "${reports[@]}" > build/bench/results.md
cat build/bench/results.md
log "wrote build/bench/results.md"
