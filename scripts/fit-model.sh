#!/usr/bin/env bash
# Refits the verdict model (core/src/verdict_model.inc): multinomial logistic regression over the
# features of core/src/check.cpp, on two labelled corpora that weigh the same in the fit:
#   METER dev (news wire reuse: wholly / partially / non-derived) and
#   Clough-Stevenson (near copy / light and heavy revision / independent answers: paraphrase).
# It first prints the story-grouped 5-fold cross-validated measures of the same procedure on each
# corpus (the other corpus always in training), so a refit is judged by data it did not see.
#   scripts/fit-model.sh            (needs build/native/storyprint; rebuild afterwards)
set -euo pipefail
cd "$(dirname "$0")/.."
meter=../shared/data/meter-dev
cs=../shared/data/clough-stevenson
for d in "$meter" "$cs"; do
  [[ -f $d/pages.jsonl ]] || { echo "fit-model: $d is missing (shared development data)" >&2; exit 1; }
done
cli=build/native/storyprint
echo "== METER dev, cross-validated (Clough-Stevenson in every training fold)"
$cli eval --known "$meter/known.jsonl" --pages "$meter/pages.jsonl" --cv 5 \
  --also-train "$cs/known.jsonl" "$cs/pages.jsonl" | sed -n '/cross-validation/,/attribution/p'
echo "== Clough-Stevenson, cross-validated (METER dev in every training fold)"
$cli eval --known "$cs/known.jsonl" --pages "$cs/pages.jsonl" --cv 5 \
  --also-train "$meter/known.jsonl" "$meter/pages.jsonl" | sed -n '/cross-validation/,/attribution/p'
$cli fit --known "$meter/known.jsonl" --pages "$meter/pages.jsonl" \
  --also-train "$cs/known.jsonl" "$cs/pages.jsonl" -o core/src/verdict_model.inc
echo "now rebuild (scripts/build.sh) so that the CLI and the wasm module carry the new weights" >&2
