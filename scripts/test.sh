#!/usr/bin/env bash
# Runs every test: installs and builds what is missing (scripts/build.sh), then
#   1. C++ unit, stage and regression tests (Catch2 through ctest), native
#   2. the same under AddressSanitizer + UndefinedBehaviorSanitizer
#   3. wrapper, runner and native/wasm parity tests (node --test)
#   4. browser tests of the demo page (Chromium) and the extension: extension-both.test.mjs runs the same
#      tests in Debian Chromium (playwright-core) and Firefox ESR (puppeteer-core 24, WebDriver BiDi)
#   5. a short fuzzing round of each libFuzzer target (STORYPRINT_FUZZ_SECONDS each, default 15;
#      0 skips it); long campaigns: tests/fuzz/fuzz.sh SECONDS
# Needs ../shared/data beside the checkout (development data; never copied into the repo).
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh || exit 1

failed=()
step() {  # step NAME COMMAND...: runs it, keeps going, remembers failures
  local name=$1; shift
  echo "::: $name" >&2
  if ! "$@"; then failed+=("$name"); fi
}

step "unit (native)" ctest --preset native --output-on-failure
if [[ ${STORYPRINT_SKIP_ASAN:-0} != 1 ]]; then
  [[ -f build/asan/build.ninja ]] || cmake --preset asan >&2
  step "asan build" cmake --build --preset asan
  step "unit (asan+ubsan)" env ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --preset asan --output-on-failure
fi
step "wrapper and parity (node)" node --test --test-reporter=spec tests/js/
step "browser (node)" node --test --test-concurrency=1 --test-reporter=spec tests/browser/
fuzz_seconds=${STORYPRINT_FUZZ_SECONDS:-15}
((fuzz_seconds > 0)) && step "fuzz (${fuzz_seconds} s per target)" tests/fuzz/fuzz.sh "$fuzz_seconds"

if ((${#failed[@]})); then
  echo "FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "all test steps passed" >&2
