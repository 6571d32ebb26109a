// The measures of ../shared/tools/score.py and score_spans.py, computed the same way, so that
// `storyprint eval` and the reference scorers agree (a test checks it).
#pragma once
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "corpus.hpp"

namespace storyprint::cli {

struct Prediction {
  std::string verdict;  // syndicated | rewrite | original
  std::string source;   // attributed known id, "" if none
  std::vector<Passage> passages;
};

// Verdict measures over labelled pages (unlabelled ones are skipped).
nlohmann::json verdict_metrics(const std::vector<Page>& pages, const std::vector<Prediction>& pred);
// Passage measures against METER-style gold spans; pages without gold spans are skipped.
Result<nlohmann::json> span_metrics(const std::string& spans_path, const std::vector<Page>& pages,
                                    const std::vector<Prediction>& pred);

}  // namespace storyprint::cli
