#!/usr/bin/env bash
# Refits the verdict model (core/src/verdict_model.inc): multinomial logistic regression over the
# features of core/src/check.cpp, on three labelled corpora, each weighing in total:
#   METER dev         1    news wire reuse judged by journalists (wholly / partially / non-derived)
#   heavy-dev         1    LLM rewrites and paraphrases of real articles against independent reports
#                          of the same events: the case the product exists for, and the one METER
#                          barely holds; as much say as METER
#   Clough-Stevenson  1/2  graded revisions of short answers: teaches paraphrase, but its 95 answers on
#                          5 Wikipedia texts should not outweigh hundreds of news pages
# It first prints, for each corpus, the story-grouped 5-fold cross-validation of this procedure (the
# other corpora in every training fold) and the leave-one-corpus-out score (fitted on the other two
# alone): the second is the forecast for news of a kind the model has never seen. Both with the
# calibration error of the confidence (ECE, 10 bins).
#   model/fit-model.sh            (needs build/native/storyprint; rebuild afterwards)
#   model/fit-model.sh --report   (measures only; the model is not rewritten)
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data
source model/model-corpora.sh
drop=${STORYPRINT_DROP_FEATURES-$drop}  # an experiment may weigh other features
for c in "${!dir[@]}"; do
  [[ -f $data/${dir[$c]}/pages.jsonl ]] || { echo "fit-model: $data/${dir[$c]} is missing (shared development data)" >&2; exit 1; }
done
cli=build/native/storyprint
[[ -x $cli ]] || { echo "fit-model: $cli is missing: run scripts/build.sh first" >&2; exit 1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%g", a / b }'; }
also_for() {  # the other corpora, weighed relative to corpus $1
  local c=$1 o
  for o in meter heavy clough; do
    [[ $o == "$c" ]] && continue
    echo --also-train "$data/${dir[$o]}/known.jsonl" "$data/${dir[$o]}/pages.jsonl" --also-weight "$(ratio "${weight[$o]}" "${weight[$c]}")"
  done
}
for c in meter heavy clough; do
  echo "== ${dir[$c]}: story-grouped 5-fold CV (other corpora in every fold), then held out (fitted on the other two)"
  # shellcheck disable=SC2046
  $cli eval --known "$data/${dir[$c]}/known.jsonl" --pages "$data/${dir[$c]}/pages.jsonl" --cv 5 --held-out \
    $(also_for "$c") ${drop:+--drop-features "$drop"} | sed -n '/cross-validation/,$p'
done
[[ ${1:-} == --report ]] && exit 0
# shellcheck disable=SC2046
$cli fit --known "$data/${dir[meter]}/known.jsonl" --pages "$data/${dir[meter]}/pages.jsonl" $(also_for meter) \
  ${drop:+--drop-features "$drop"} -o core/src/verdict_model.inc
echo "now rebuild (scripts/build.sh) so that the CLI and the wasm module carry the new weights" >&2
