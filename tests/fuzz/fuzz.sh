#!/usr/bin/env bash
# Runs the libFuzzer targets (tests/fuzz: pack reader, text canonicaliser, full check against a real
# pack) under ASan + UBSan, each for SECONDS, on seed corpora made from ../shared/data; the corpora
# grow in build/fuzz/corpus/ from run to run. Prints executions and coverage per target; exits 1 if
# anything crashed (the input is kept in build/fuzz/artifacts/ to replay: build/fuzz/fuzz_X FILE).
#   tests/fuzz/fuzz.sh [SECONDS=60] [pack|text|check ...]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(pack text check)
command -v clang++ >/dev/null || { echo "fuzz: clang++ is missing (apt install clang)" >&2; exit 1; }
[[ -x build/native/storyprint ]] || scripts/build.sh >&2
[[ -f build/fuzz/build.ninja ]] || cmake --preset fuzz >&2
cmake --build --preset fuzz >&2
out=build/fuzz
if [[ ! -f $out/corpus/check.pack || build/native/storyprint -nt $out/corpus/check.pack ]]; then
  python3 tests/fuzz/seeds.py ../shared/data "$out/corpus" build/native/storyprint
fi
mkdir -p "$out/artifacts" "$out/logs"
status=0
printf '%-6s %12s %10s %8s %8s %s\n' target executions exec/s cov ft crashes
for t in "${targets[@]}"; do
  log=$out/logs/$t-$$.log  # per run: a CI round may overlap a long campaign
  # -rss_limit_mb: a check must stay well inside what a browser worker has.
  STORYPRINT_FUZZ_PACK=$out/corpus/check.pack \
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "$out/fuzz_$t" "$out/corpus/$t" -max_total_time="$seconds" -print_final_stats=1 -rss_limit_mb=2048 \
      -timeout=10 -max_len=65536 -artifact_prefix="$out/artifacts/$t-" >"$log" 2>&1 || status=1
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1 | awk '{print $2, $4}')
  crashes=$(ls "$out/artifacts" | grep -c "^$t-" || true)
  printf '%-6s %12s %10s %8s %8s %s\n' "$t" "${execs:-?}" "${rate:-?}" ${cov:-? ?} "$crashes"
done
((status == 0)) || echo "fuzz: a target failed; see $out/logs/ and $out/artifacts/" >&2
exit $status
