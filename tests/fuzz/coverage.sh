#!/usr/bin/env bash
# Source coverage of the core reached by the fuzz corpora (build/fuzz/corpus/, grown by
# tests/fuzz/fuzz.sh): replays every input through coverage-instrumented targets and prints line and
# branch coverage per file of core/src. Writes build/fuzz-coverage/report.txt.
#   tests/fuzz/coverage.sh [pack|text|check ...]
set -euo pipefail
cd "$(dirname "$0")/../.."
targets=("$@")
((${#targets[@]})) || targets=(pack text check)
command -v llvm-cov >/dev/null && command -v llvm-profdata >/dev/null ||
  { echo "fuzz-coverage: llvm-cov and llvm-profdata are missing (apt install llvm; scripts/setup.sh does)" >&2; exit 1; }
[[ -d build/fuzz/corpus ]] || { echo "fuzz-coverage: no corpus yet: run tests/fuzz/fuzz.sh first" >&2; exit 1; }
[[ -f build/fuzz-coverage/build.ninja ]] || cmake --preset fuzz-coverage >&2
cmake --build --preset fuzz-coverage >&2
out=build/fuzz-coverage
rm -f "$out"/*.profraw
objects=()
for t in "${targets[@]}"; do
  STORYPRINT_FUZZ_PACK=build/fuzz/corpus/check.pack LLVM_PROFILE_FILE="$out/$t-%p.profraw" \
    "$out/fuzz_$t" -runs=0 "build/fuzz/corpus/$t" >"$out/$t.log" 2>&1
  objects+=(-object "$out/fuzz_$t")
done
llvm-profdata merge -sparse "$out"/*.profraw -o "$out/merged.profdata"
llvm-cov report "${objects[@]:1}" -instr-profile="$out/merged.profdata" core/src/*.cpp | tee "$out/report.txt"
