#include "storyprint/evaluate.hpp"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>

#include "json_writer.hpp"

namespace storyprint {
namespace {

const std::array<std::string_view, 3> kClasses = {"syndicated", "rewrite", "original"};
int class_index(std::string_view c) { return c == "syndicated" ? 0 : c == "rewrite" ? 1 : c == "original" ? 2 : -1; }
double round4(double x) { return std::round(x * 10000.0) / 10000.0; }

struct Prediction {
  int verdict = 2;
  float confidence = 1.f;
  std::string source;
  const std::vector<Passage>* passages = nullptr;
};

// Expected calibration error of the verdict's confidence: |accuracy - mean confidence| over ten
// equal-width bins, weighted by their share of the pages.
double calibration_error(const std::vector<LabelledPage>& pages, const std::vector<Prediction>& pred) {
  std::array<double, 10> conf{}, correct{}, count{};
  double n = 0;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const int g = class_index(pages[i].label);
    if (g < 0) continue;
    const auto b = static_cast<std::size_t>(std::clamp(int(pred[i].confidence * 10), 0, 9));
    conf[b] += pred[i].confidence, correct[b] += pred[i].verdict == g, count[b] += 1, n += 1;
  }
  double e = 0;
  for (std::size_t b = 0; b < 10; ++b)
    if (count[b] > 0) e += std::fabs(conf[b] - correct[b]) / n;
  return e;
}

void verdict_metrics(Json& j, const std::vector<LabelledPage>& pages, const std::vector<Prediction>& pred) {
  std::array<std::array<int, 3>, 3> conf{};
  int att_ok = 0, att_n = 0, n = 0;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const int g = class_index(pages[i].label);
    if (g < 0) continue;
    const int p = pred[i].verdict;
    ++conf[g][p], ++n;
    if (g != 2) {
      ++att_n;
      att_ok += std::find(pages[i].sources.begin(), pages[i].sources.end(), pred[i].source) != pages[i].sources.end();
    }
  }
  std::array<double, 3> f1{};
  j.open('{');
  j.key("n"), j.num(std::int64_t(n));
  j.key("per_class"), j.open('{');
  for (int c = 0; c < 3; ++c) {
    double tp = conf[c][c], fp = 0, fn = 0;
    for (int o = 0; o < 3; ++o)
      if (o != c) fp += conf[o][c], fn += conf[c][o];
    const double p = tp + fp ? tp / (tp + fp) : 0, r = tp + fn ? tp / (tp + fn) : 0;
    f1[c] = p + r ? 2 * p * r / (p + r) : 0;
    j.key(kClasses[c]), j.open('{');
    j.key("precision"), j.num(round4(p));
    j.key("recall"), j.num(round4(r));
    j.key("f1"), j.num(round4(f1[c]));
    j.key("support"), j.num(std::int64_t(conf[c][0] + conf[c][1] + conf[c][2]));
    j.close('}');
  }
  j.close('}');
  // Derived (syndicated or rewrite) against original, exactly as score.py computes it.
  const double tp = conf[0][0] + conf[0][1] + conf[1][0] + conf[1][1];
  const double fp = conf[2][0] + conf[2][1], fn = conf[0][2] + conf[1][2], tn = conf[2][2];
  const double bp = tp + fp ? tp / (tp + fp) : 0, br = tp + fn ? tp / (tp + fn) : 0;
  const double bf = bp + br ? 2 * bp * br / (bp + br) : 0;
  const double of1 = tn ? 2 * tn / (2 * tn + fn + fp) : 0;
  j.key("macro_f1"), j.num(round4((f1[0] + f1[1] + f1[2]) / 3));
  j.key("binary_f1"), j.num(round4(bf));
  j.key("original_f1"), j.num(round4(of1));
  j.key("binary_macro_f1"), j.num(round4((bf + of1) / 2));
  j.key("accuracy"), j.num(n ? round4(double(conf[0][0] + conf[1][1] + conf[2][2]) / n) : 0.0);
  j.key("attribution_at_1");
  if (att_n) j.num(round4(double(att_ok) / att_n));
  else j.raw("null");
  j.key("calibration_error"), j.num(round4(calibration_error(pages, pred)));
  // Sets that say how each page was made (heavy-dev): per kind, the share of its pages called
  // derived, and the share called derived and attributed to one of their gold sources.
  if (std::any_of(pages.begin(), pages.end(), [](const LabelledPage& p) { return !p.kind.empty(); })) {
    std::map<std::string, std::array<int, 3>> by_kind;  // pages, called derived, derived and attributed
    for (std::size_t i = 0; i < pages.size(); ++i) {
      if (pages[i].kind.empty() || class_index(pages[i].label) < 0) continue;
      auto& k = by_kind[pages[i].kind];
      const bool derived = pred[i].verdict != 2;
      const auto& src = pages[i].sources;
      ++k[0], k[1] += derived;
      k[2] += derived && std::find(src.begin(), src.end(), pred[i].source) != src.end();
    }
    j.key("by_kind"), j.open('{');
    for (const auto& [kind, k] : by_kind) {
      j.key(kind), j.open('{');
      j.key("pages"), j.num(std::int64_t(k[0]));
      j.key("derived"), j.num(round4(double(k[1]) / k[0]));
      j.key("derived_attributed"), j.num(round4(double(k[2]) / k[0]));
      j.close('}');
    }
    j.close('}');
  }
  j.key("confusion"), j.open('{');
  for (int g = 0; g < 3; ++g) {
    j.key(kClasses[g]), j.open('{');
    for (int p = 0; p < 3; ++p) j.key(kClasses[p]), j.num(std::int64_t(conf[g][p]));
    j.close('}');
  }
  j.close('}');
  j.close('}');
}

// score_spans.py's tokens: Python's \w+ (letters, numbers, underscore) over code points.
using Span = std::pair<std::uint32_t, std::uint32_t>;
std::vector<Span> word_tokens(const std::u32string& t) {
  auto is_w = [](char32_t c) {
    return c == U'_' || (U_MASK(u_charType(static_cast<UChar32>(c))) & (U_GC_L_MASK | U_GC_N_MASK)) != 0;
  };
  std::vector<Span> out;
  for (std::uint32_t i = 0; i < t.size();) {
    if (!is_w(t[i])) { ++i; continue; }
    std::uint32_t k = i;
    while (k < t.size() && is_w(t[k])) ++k;
    out.emplace_back(i, k);
    i = k;
  }
  return out;
}

std::u32string to_u32(const std::string& s) {
  std::u32string out;
  auto u16 = utf8_to_utf16(s);
  if (!u16) return out;
  const auto& w = *u16;
  for (std::size_t i = 0; i < w.size(); ++i) {
    char32_t c = w[i];
    if (c >= 0xD800 && c < 0xDC00 && i + 1 < w.size()) c = 0x10000 + ((c - 0xD800) << 10) + (w[++i] - 0xDC00);
    out.push_back(c);
  }
  return out;
}

// A token is covered when at least half of it lies inside the union of the spans.
std::vector<bool> coverage(const std::vector<Span>& toks, std::vector<Span> spans) {
  std::vector<bool> out(toks.size(), false);
  std::sort(spans.begin(), spans.end());
  std::vector<Span> merged;
  for (auto [s, e] : spans) {
    if (e <= s) continue;
    if (!merged.empty() && s <= merged.back().second) merged.back().second = std::max(merged.back().second, e);
    else merged.emplace_back(s, e);
  }
  for (std::size_t k = 0; k < toks.size(); ++k) {
    auto [a, b] = toks[k];
    std::uint32_t cov = 0;
    for (auto [s, e] : merged) {
      if (s >= b) break;
      if (e > a) cov += std::min(b, e) - std::max(a, s);
    }
    out[k] = 2 * cov >= b - a;
  }
  return out;
}

struct Counts {
  double tp = 0, fp = 0, fn = 0;
};
double f1_of(const Counts& c) { return (2 * c.tp + c.fp + c.fn) > 0 ? 2 * c.tp / (2 * c.tp + c.fp + c.fn) : 1.0; }
void prf_object(Json& j, const Counts& c) {
  const double p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : (c.tp + c.fn == 0 ? 1.0 : 0.0);
  const double r = c.tp + c.fn ? c.tp / (c.tp + c.fn) : (c.tp + c.fp == 0 ? 1.0 : 0.0);
  j.open('{');
  j.key("p"), j.num(round4(p));
  j.key("r"), j.num(round4(r));
  j.key("f1"), j.num(round4(f1_of(c)));
  j.close('}');
}

void span_metrics(Json& j, const std::vector<LabelledPage>& pages, const std::vector<Prediction>& pred,
                  const std::map<std::string, GoldSpans>& gold) {
  Counts reused, fresh, verbatim;
  std::int64_t n_pages = 0, n_tokens = 0;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    auto it = gold.find(pages[i].id);
    if (it == gold.end()) continue;
    std::vector<Span> any, g_reused, g_verbatim, p_reused, p_verbatim;
    for (const auto& [s, e, kind] : it->second) {
      any.emplace_back(s, e);
      if (kind == "verbatim" || kind == "rewrite") g_reused.emplace_back(s, e);
      if (kind == "verbatim") g_verbatim.emplace_back(s, e);
    }
    if (pred[i].passages)
      for (const auto& p : *pred[i].passages) {
        p_reused.emplace_back(p.begin_cp, p.end_cp);
        if (p.kind == PassageKind::Verbatim) p_verbatim.emplace_back(p.begin_cp, p.end_cp);
      }
    // Only tokens that some gold span touches are scored.
    std::vector<Span> toks;
    for (auto t : word_tokens(to_u32(pages[i].text)))
      if (std::any_of(any.begin(), any.end(), [&](const Span& s) { return s.first < t.second && s.second > t.first; }))
        toks.push_back(t);
    ++n_pages;
    n_tokens += static_cast<std::int64_t>(toks.size());
    const auto gr = coverage(toks, g_reused), gv = coverage(toks, g_verbatim), pr = coverage(toks, p_reused),
               pv = coverage(toks, p_verbatim);
    for (std::size_t k = 0; k < toks.size(); ++k) {
      reused.tp += gr[k] && pr[k], reused.fp += !gr[k] && pr[k], reused.fn += gr[k] && !pr[k];
      fresh.tp += !gr[k] && !pr[k], fresh.fp += gr[k] && !pr[k], fresh.fn += !gr[k] && pr[k];
      verbatim.tp += gv[k] && pv[k], verbatim.fp += !gv[k] && pv[k], verbatim.fn += gv[k] && !pv[k];
    }
  }
  j.open('{');
  j.key("pages"), j.num(n_pages);
  j.key("tokens"), j.num(n_tokens);
  j.key("reused"), prf_object(j, reused);
  j.key("new"), prf_object(j, fresh);
  j.key("verbatim"), prf_object(j, verbatim);
  // score_spans.py averages the two F1s as it prints them, rounded: so do we.
  j.key("token_macro_f1"), j.num(round4((round4(f1_of(reused)) + round4(f1_of(fresh))) / 2));
  j.close('}');
}

// The verdict a model gives a page, with the rules the checker applies (see settle()). Pages with
// no candidate story, or that are known versions, are not the model's to decide: they keep `base`.
Prediction predict_with(const Model& m, const Report& r, Prediction base) {
  if (r.story < 0 || r.known_version >= 0) return base;
  const Settled s = settle(classify(m, r.features), r.features, r.republished, r.credit.has_value());
  base.verdict = static_cast<int>(s.verdict), base.confidence = s.confidence;
  return base;
}

// Story-grouped K-fold: stories dealt round-robin in id order, so every page of a story shares a fold.
std::vector<Prediction> cross_validate(const std::vector<LabelledPage>& pages, const std::vector<Report>& reports,
                                       const std::vector<Prediction>& base, const EvalOptions& opt) {
  const int folds = opt.cv_folds;
  std::map<std::string, int> fold_of;
  for (const auto& p : pages) fold_of.emplace(p.story, 0);
  int k = 0;
  for (auto& entry : fold_of) entry.second = k++ % folds;
  std::vector<Prediction> out = base;
  for (int f = 0; f < folds; ++f) {
    std::vector<Features> x = opt.extra_features;
    std::vector<int> y = opt.extra_labels;
    FitOptions fo = opt.fit;
    fo.sample_weights = opt.extra_weights;
    fo.sample_weights.resize(x.size(), 1.f);
    for (std::size_t i = 0; i < pages.size(); ++i) {
      const int c = class_index(pages[i].label);
      if (c >= 0 && fold_of[pages[i].story] != f)
        x.push_back(reports[i].features), y.push_back(c), fo.sample_weights.push_back(1.f);
    }
    const Model m = fit_model(x, y, fo);
    for (std::size_t i = 0; i < pages.size(); ++i)
      if (fold_of[pages[i].story] == f) out[i] = predict_with(m, reports[i], base[i]);
  }
  return out;
}

// Leave this corpus out: a model fitted on the extra corpora alone.
std::vector<Prediction> held_out(const std::vector<Report>& reports, const std::vector<Prediction>& base,
                                 const EvalOptions& opt) {
  FitOptions fo = opt.fit;
  fo.sample_weights = opt.extra_weights;
  const Model m = fit_model(opt.extra_features, opt.extra_labels, fo);
  std::vector<Prediction> out = base;
  for (std::size_t i = 0; i < reports.size(); ++i) out[i] = predict_with(m, reports[i], base[i]);
  return out;
}

}  // namespace

Result<EvalResult> evaluate(const Pack& pack, const std::vector<LabelledPage>& pages,
                            const std::map<std::string, GoldSpans>& spans, const EvalOptions& opt) {
  EvalResult res;
  Checker checker(pack);
  std::vector<Report> reports;
  reports.reserve(pages.size());
  const auto t0 = std::chrono::steady_clock::now();
  for (const auto& p : pages) {
    auto r = checker.check_utf8(p.text, p.meta);
    if (!r) return make_error(r.error().code, p.id + ": " + r.error().message);
    reports.push_back(std::move(*r));
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::vector<Prediction> preds(pages.size());
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const Report& r = reports[i];
    preds[i].verdict = static_cast<int>(r.verdict);
    preds[i].confidence = r.confidence;
    if (r.source >= 0) preds[i].source = std::string(pack.label(static_cast<std::uint32_t>(r.source)).id);
    preds[i].passages = &r.passages;
    res.features.push_back(r.features);
    res.labels.push_back(class_index(pages[i].label));
    if (opt.predictions) res.predictions.push_back(report_json(r, pack, pages[i].id, OffsetUnits::CodePoints));
  }

  Json j;
  j.open('{');
  j.key("pages"), j.num(std::int64_t(pages.size()));
  j.key("versions"), j.num(std::int64_t(pack.version_count()));
  j.key("stories"), j.num(std::int64_t(pack.story_count()));
  j.key("pages_per_second"), j.num(seconds > 0 ? std::round(pages.size() / seconds) : 0.0);
  j.key("verdicts"), verdict_metrics(j, pages, preds);
  if (opt.cv_folds > 1) {
    j.key("cv_folds"), j.num(std::int64_t(opt.cv_folds));
    j.key("cross_validated"), verdict_metrics(j, pages, cross_validate(pages, reports, preds, opt));
  }
  if (opt.held_out && !opt.extra_labels.empty()) j.key("held_out"), verdict_metrics(j, pages, held_out(reports, preds, opt));
  // Sets with revision degrees (Clough-Stevenson): gold degree -> verdict counts.
  if (std::any_of(pages.begin(), pages.end(), [](const LabelledPage& p) { return !p.revision.empty(); })) {
    std::map<std::string, std::array<int, 3>> rc;
    for (std::size_t i = 0; i < pages.size(); ++i) {
      const auto& p = pages[i];
      if (p.label.empty()) continue;
      const std::string g = p.label == "syndicated" ? "near_copy" : p.label == "rewrite" && !p.revision.empty() ? p.revision : p.label;
      ++rc[g][preds[i].verdict];
    }
    j.key("revision_confusion"), j.open('{');
    for (const auto& [g, row] : rc) {
      j.key(g), j.open('{');
      for (int c = 0; c < 3; ++c) j.key(kClasses[c]), j.num(std::int64_t(row[c]));
      j.close('}');
    }
    j.close('}');
  }
  if (!spans.empty()) j.key("passages"), span_metrics(j, pages, preds, spans);
  j.close('}');
  res.json = std::move(j.out);
  return res;
}

std::string fitted_model_source(const std::vector<const EvalResult*>& evals, const std::vector<float>& weights,
                                const std::string& description, FitOptions opt) {
  std::vector<Features> x;
  std::vector<int> y;
  opt.sample_weights.clear();
  std::string weight_note;
  for (std::size_t e = 0; e < evals.size(); ++e) {
    const EvalResult* eval = evals[e];
    const float weight = e < weights.size() ? weights[e] : 1.f;
    char wb[32];
    std::snprintf(wb, sizeof wb, "%s%g", e ? " : " : "", double(weight));
    weight_note += wb;
    const auto labelled = std::count_if(eval->labels.begin(), eval->labels.end(), [](int l) { return l >= 0; });
    for (std::size_t i = 0; i < eval->labels.size(); ++i)
      if (eval->labels[i] >= 0)
        x.push_back(eval->features[i]), y.push_back(eval->labels[i]), opt.sample_weights.push_back(weight / float(labelled));
  }
  const Model m = fit_model(x, y, opt);
  std::string out = "// Written by `storyprint fit` (model/fit-model.sh); do not edit by hand.\n"
                    "// Multinomial logistic regression, corpora weighing " + weight_note +
                    " in total, classes weighted by\n// inverse frequency, L2 " +
                    std::to_string(opt.l2) + (opt.monotone ? ", evidence towards derivation only" : "") + ",\n// fitted on " + std::to_string(x.size()) + " labelled pages: " +
                    description + "\n// Columns: bias";
  for (auto n : kFeatureNames) out += ", " + std::string(n);
  std::string unused;
  for (int i = 0; i < kFeatureCount; ++i)
    if (!opt.use[i]) unused += (unused.empty() ? "" : ", ") + std::string(kFeatureNames[i]);
  if (!unused.empty()) out += "\n// Not weighed (reported as evidence only): " + unused;
  out += "\n";
  char buf[48];
  for (int c = 0; c < 3; ++c) {
    out += "x.w[" + std::to_string(c) + "] = {";
    for (int i = 0; i <= kFeatureCount; ++i) {
      std::snprintf(buf, sizeof buf, "%s%.6ff", i ? ", " : "", double(m.w[c][i]));
      out += buf;
    }
    out += "};  // " + std::string(verdict_name(static_cast<Verdict>(c))) + "\n";
  }
  // The fitted range, beyond which features are clamped (see Model).
  for (const auto& [name, range] : {std::pair{"lo", &m.lo}, std::pair{"hi", &m.hi}}) {
    out += std::string("x.") + name + " = {";
    for (int i = 0; i < kFeatureCount; ++i) {
      std::snprintf(buf, sizeof buf, "%s%.6ff", i ? ", " : "", double((*range)[i]));
      out += buf;
    }
    out += "};\n";
  }

  return out;
}

}  // namespace storyprint
