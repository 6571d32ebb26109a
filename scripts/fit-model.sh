#!/usr/bin/env bash
# Refits the verdict model (core/src/verdict_model.inc) on METER's development half, the only
# labelled news set we have with all three classes; prints the story-grouped 5-fold CV measures
# of the same fitting procedure first, so a refit is judged by data it did not see.
#   scripts/fit-model.sh            (needs build/native/storyprint; rebuild afterwards)
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data/meter-dev
[[ -f $data/pages.jsonl ]] || { echo "fit-model: $data is missing (shared development data)" >&2; exit 1; }
build/native/storyprint eval --known "$data/known.jsonl" --pages "$data/pages.jsonl" --cv 5 | sed -n '/cross-validation/,/attribution/p'
build/native/storyprint fit --known "$data/known.jsonl" --pages "$data/pages.jsonl" -o core/src/verdict_model.inc
echo "now rebuild (scripts/build.sh) so that the CLI and the wasm module carry the new weights" >&2
