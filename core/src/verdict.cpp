#include "storyprint/verdict.hpp"

#include <algorithm>
#include <cmath>

namespace storyprint {

const std::array<std::string_view, kFeatureCount> kFeatureNames = {
    "containment", "source_containment", "bigram", "cov3", "cov8", "source_cov3", "sentences",
    "source_sentences", "length_ratio", "sentences_soft", "bigram_idf", "retelling", "ordinary",
    "source_soft", "sentence_order", "narration3", "narration8", "page_retelling", "names"};

std::string_view verdict_name(Verdict v) {
  switch (v) {
    case Verdict::Syndicated: return "syndicated";
    case Verdict::Rewrite: return "rewrite";
    default: return "original";
  }
}

const Model& default_model() {
  static const Model m = [] {
    Model x;
#include "verdict_model.inc"
    return x;
  }();
  return m;
}

std::array<float, 3> classify(const Model& m, const Features& f) {
  std::array<double, 3> z{};
  for (int c = 0; c < 3; ++c) {
    double s = m.w[c][0];
    for (int i = 0; i < kFeatureCount; ++i) s += double(m.w[c][i + 1]) * std::clamp(f[i], m.lo[i], m.hi[i]);
    z[c] = s;
  }
  const double mx = *std::max_element(z.begin(), z.end());
  double sum = 0;
  for (auto& v : z) sum += (v = std::exp(v - mx));
  return {float(z[0] / sum), float(z[1] / sum), float(z[2] / sum)};
}

Verdict decide(const std::array<float, 3>& p) {
  return static_cast<Verdict>(std::max_element(p.begin(), p.end()) - p.begin());
}

Settled settle(const std::array<float, 3>& p, const Features& f, bool republished, bool credited) {
  if (republished) return {Verdict::Syndicated, 1.f};
  std::array<bool, 3> allowed{true, true, true};
  if (f[Feature::source_cov3] < kMinCopyDensity) allowed[0] = false;
  if (credited) allowed[2] = false;
  int best = -1;
  float left = 0;
  for (int c = 0; c < 3; ++c) {
    if (!allowed[c]) continue;
    left += p[c];
    if (best < 0 || p[c] > p[best]) best = c;
  }
  return {static_cast<Verdict>(best), p[best] / std::max(1e-6f, left)};
}

Model fit_model(const std::vector<Features>& x, const std::vector<int>& y, const FitOptions& opt) {
  const std::size_t n = x.size();
  Model out;
  if (n == 0) return out;
  // Standardise for a well-conditioned descent, then fold the scaling back into the weights.
  for (int i = 0; i < kFeatureCount; ++i) {
    out.lo[i] = out.hi[i] = x[0][i];
    for (const auto& f : x) out.lo[i] = std::min(out.lo[i], f[i]), out.hi[i] = std::max(out.hi[i], f[i]);
  }
  // Moments under the pages' weights: a corpus weighing little in the loss weighs as little in
  // the scaling, and so in what the L2 penalty means (unweighted, a corpus at weight 0.0001 moved
  // METER's cross-validated macro-F1 from 0.657 to 0.620).
  auto sw = [&](std::size_t k) { return opt.sample_weights.empty() ? 1.0 : double(opt.sample_weights[k]); };
  std::array<double, kFeatureCount> mean{}, sd{};
  double total = 0;
  for (std::size_t k = 0; k < n; ++k) {
    total += sw(k);
    for (int i = 0; i < kFeatureCount; ++i) mean[i] += sw(k) * x[k][i];
  }
  if (total <= 0) return out;
  for (auto& m : mean) m /= total;
  for (std::size_t k = 0; k < n; ++k)
    for (int i = 0; i < kFeatureCount; ++i) sd[i] += sw(k) * (x[k][i] - mean[i]) * (x[k][i] - mean[i]);
  for (auto& s : sd) s = std::sqrt(s / total) + 1e-6;
  std::array<double, 3> cw{1, 1, 1}, counts{};
  for (std::size_t k = 0; k < n; ++k) counts[y[k]] += sw(k);
  if (opt.balance_classes)
    for (int c = 0; c < 3; ++c) cw[c] = counts[c] > 0 ? (counts[0] + counts[1] + counts[2]) / (3.0 * counts[c]) : 0;

  std::array<std::array<double, kFeatureCount + 1>, 3> w{};
  std::vector<std::array<double, kFeatureCount + 1>> z(n);
  for (std::size_t k = 0; k < n; ++k) {
    z[k][0] = 1;
    for (int i = 0; i < kFeatureCount; ++i) z[k][i + 1] = opt.use[i] ? (x[k][i] - mean[i]) / sd[i] : 0.0;
  }
  const double lr = 0.5;
  double wsum = 0;
  for (std::size_t k = 0; k < n; ++k) wsum += cw[y[k]] * sw(k);
  for (int it = 0; it < opt.iterations; ++it) {
    std::array<std::array<double, kFeatureCount + 1>, 3> g{};
    for (std::size_t k = 0; k < n; ++k) {
      std::array<double, 3> p{};
      double mx = -1e300;
      for (int c = 0; c < 3; ++c) {
        double s = 0;
        for (int i = 0; i <= kFeatureCount; ++i) s += w[c][i] * z[k][i];
        p[c] = s, mx = std::max(mx, s);
      }
      double sum = 0;
      for (auto& v : p) sum += (v = std::exp(v - mx));
      for (int c = 0; c < 3; ++c) {
        const double err = (p[c] / sum - (y[k] == c ? 1.0 : 0.0)) * cw[y[k]] * sw(k);
        for (int i = 0; i <= kFeatureCount; ++i) g[c][i] += err * z[k][i];
      }
    }
    for (int c = 0; c < 3; ++c)
      for (int i = 0; i <= kFeatureCount; ++i)
        w[c][i] -= lr * (g[c][i] / wsum + (i ? opt.l2 * w[c][i] : 0.0));
    // Evidence only ever points towards derivation: after each step, a derived class's weight on an
    // evidence feature is kept at or above the original class's (the two meet at their mean; three
    // passes settle the pairs that share the original's weight). Without it, correlated scores took
    // opposite signs that held on one corpus and not on another (core/ACCURACY.md, step 5).
    if (opt.monotone)
      for (int pass = 0; pass < 3; ++pass)
        for (int i = 0; i < kFeatureCount; ++i) {
          if (!is_evidence(static_cast<Feature>(i))) continue;
          for (int c : {0, 1})
            if (w[c][i + 1] < w[2][i + 1]) {
              const double mid = (w[c][i + 1] + w[2][i + 1]) / 2;
              w[c][i + 1] = w[2][i + 1] = mid;
            }
        }
  }
  for (int c = 0; c < 3; ++c) {
    double bias = w[c][0];
    for (int i = 0; i < kFeatureCount; ++i) {
      out.w[c][i + 1] = float(w[c][i + 1] / sd[i]);
      bias -= w[c][i + 1] * mean[i] / sd[i];
    }
    out.w[c][0] = float(bias);
  }
  return out;
}

}  // namespace storyprint
