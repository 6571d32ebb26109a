// Evidence -> verdict: a multinomial logistic model over a few interpretable features of the page
// against its best-matching story. The weights are fitted by `storyprint fit` (scripts/fit-model.sh)
// and compiled in from core/src/verdict_model.inc.
#pragma once
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace storyprint {

enum class Verdict : std::uint8_t { Syndicated = 0, Rewrite = 1, Original = 2 };
std::string_view verdict_name(Verdict v);

inline constexpr int kFeatureCount = 14;
using Features = std::array<float, kFeatureCount>;
// Stable names: they appear in the JSON output and in the fitted model file.
extern const std::array<std::string_view, kFeatureCount> kFeatureNames;

struct Model {
  // Per class: bias, then one weight per feature (raw feature scale).
  std::array<std::array<float, kFeatureCount + 1>, 3> w{};
  // The range of each feature in the data the model was fitted on. A page beyond it (a 10 MB page,
  // one word a million times) is classified as at its edge: a linear model extrapolated far past
  // its data says nothing about the page, only about the line.
  Features lo, hi;
  Model() { lo.fill(-1e30f), hi.fill(1e30f); }
};

const Model& default_model();
std::array<float, 3> classify(const Model& m, const Features& f);
// The most probable class.
Verdict decide(const std::array<float, 3>& p);

struct FitOptions {
  float l2 = 0.01f;
  int iterations = 3000;
  bool balance_classes = true;  // weight classes by inverse frequency: macro-F1 is the measure
  std::vector<float> sample_weights;  // per page (empty: all 1), e.g. to weigh corpora equally
};
// Multinomial logistic regression by full-batch gradient descent on standardised features.
Model fit_model(const std::vector<Features>& x, const std::vector<int>& y, const FitOptions& opt = {});

}  // namespace storyprint
