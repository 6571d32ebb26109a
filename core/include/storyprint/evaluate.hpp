// Evaluation on a labelled corpus (the shared format: known.jsonl, pages.jsonl, spans.jsonl):
// the measures of ../shared/tools/score.py and score_spans.py, computed the same way. Parsing the
// JSON lines is the caller's job (CLI: nlohmann; runner: JSON.parse); the measures live here once.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "storyprint/check.hpp"
#include "storyprint/verdict.hpp"

namespace storyprint {

struct LabelledPage {
  std::string id, text;
  PageMeta meta;
  std::string label;                 // syndicated | rewrite | original | "" (unlabelled)
  std::string revision;              // light | heavy (Clough-Stevenson), else ""
  std::vector<std::string> sources;  // known ids it derives from
  std::string story;                 // cross-validation group: first story source, else first source, else id
  std::string kind;                  // how the page was made (heavy-dev), else ""
};

// METER phrase-level gold: [start, end) in code points, kind verbatim | rewrite | new.
using GoldSpans = std::vector<std::tuple<std::uint32_t, std::uint32_t, std::string>>;

struct EvalOptions {
  int cv_folds = 0;            // > 1: also report story-grouped cross-validated verdicts
  bool predictions = false;    // keep each page's report JSON
  // Labelled features from other corpora, added to the training data of every fold.
  std::vector<Features> extra_features;
  std::vector<int> extra_labels;
  std::vector<float> extra_weights;  // per extra page; the evaluated corpus' own pages weigh 1
  // Also score the corpus with a model fitted on the extra corpora alone ("held_out"): how the
  // verdict holds on a corpus it has never seen (leave one corpus out).
  bool held_out = false;
  FitOptions fit;  // features and regularisation of the models fitted here
};

struct EvalResult {
  std::string json;                      // the measures (format in core/REPORT_FORMAT.md)
  std::vector<std::string> predictions;  // one report per page, if asked for
  std::vector<Features> features;        // per page, for fitting
  std::vector<int> labels;               // per page: 0 syndicated, 1 rewrite, 2 original, -1 unlabelled
};

Result<EvalResult> evaluate(const Pack& pack, const std::vector<LabelledPage>& pages,
                            const std::map<std::string, GoldSpans>& spans, const EvalOptions& opt);

// Fits the verdict model on the labelled pages of one or more evaluations, each corpus weighing in
// total what `weights` says (one per evaluation: corpora differ in size, and the weight is a choice
// about what the model should learn from each, not a by-product of how many pages each has);
// returns the source of core/src/verdict_model.inc.
std::string fitted_model_source(const std::vector<const EvalResult*>& evals, const std::vector<float>& weights,
                                const std::string& description, FitOptions opt = {});

}  // namespace storyprint
