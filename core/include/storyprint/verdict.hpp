// Evidence -> verdict: a multinomial logistic model over a few interpretable features of the page
// against its best-matching story. The weights are fitted by `storyprint fit` (model/fit-model.sh)
// and compiled in from core/src/verdict_model.inc.
#pragma once
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace storyprint {

enum class Verdict : std::uint8_t { Syndicated = 0, Rewrite = 1, Original = 2 };
std::string_view verdict_name(Verdict v);

// The evidence a verdict is made from: every feature compares the page with known versions (page
// length only relative to the version), so nothing recognises a style of writing as such.
// Meanings in core/REPORT_FORMAT.md; computed in core/src/check.cpp and align.cpp.
enum class Feature : int {
  containment, source_containment, bigram, cov3, cov8, source_cov3, sentences, source_sentences,
  length_ratio, sentences_soft, bigram_idf, retelling, ordinary, source_soft, sentence_order, narration3, narration8, page_retelling,
  names, count
};
inline constexpr int kFeatureCount = static_cast<int>(Feature::count);
struct Features : std::array<float, kFeatureCount> {
  using std::array<float, kFeatureCount>::operator[];
  float& operator[](Feature f) { return (*this)[static_cast<std::size_t>(f)]; }
  float operator[](Feature f) const { return (*this)[static_cast<std::size_t>(f)]; }
};
// Stable names, in Feature order: they appear in the JSON output and in the fitted model file.
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

// The verdict and its confidence, from the model's probabilities and from what the text itself
// establishes:
// - a page that holds its source nearly whole word for word republishes it: syndicated, confidence 1;
// - a page is a syndicated copy only of what it mostly copies: when less than kMinCopyDensity of the
//   stretch of the version it draws on is in text shared with it (a report quoting a few lines of a
//   long transcript), it is not a copy, and the model's choice between the other two stands;
// - a page that credits its source is derived by its own statement (copy or rewrite is still the
//   model's call).
// Where a rule narrows the choice, the confidence is the model's probability within what is left.
inline constexpr float kMinCopyDensity = 0.1f;
struct Settled {
  Verdict verdict;
  float confidence;
};
Settled settle(const std::array<float, 3>& p, const Features& f, bool republished, bool credited);

// Features whose growth means more of the version is found in the page: all but length_ratio,
// which compares lengths and may point either way.
constexpr bool is_evidence(Feature f) { return f != Feature::length_ratio; }

struct FitOptions {
  float l2 = 0.01f;
  // Weights keep evidence pointing towards derivation (is_evidence): a derived class never weighs
  // an evidence feature below the original class.
  bool monotone = true;
  int iterations = 3000;
  bool balance_classes = true;  // weight classes by inverse frequency: macro-F1 is the measure
  std::vector<float> sample_weights;  // per page (empty: all 1), e.g. to weigh corpora equally
  std::array<bool, kFeatureCount> use = [] { std::array<bool, kFeatureCount> a; a.fill(true); return a; }();  // features the model may weigh
};
// Multinomial logistic regression by full-batch gradient descent on standardised features.
Model fit_model(const std::vector<Features>& x, const std::vector<int>& y, const FitOptions& opt = {});

}  // namespace storyprint
