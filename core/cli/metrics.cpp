#include "metrics.hpp"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include "cli_io.hpp"
#include "storyprint/text.hpp"

namespace storyprint::cli {
namespace {

double round4(double x) { return std::round(x * 10000.0) / 10000.0; }
const std::array<std::string, 3> kClasses = {"syndicated", "rewrite", "original"};
int class_index(const std::string& c) {
  for (int i = 0; i < 3; ++i)
    if (kClasses[i] == c) return i;
  return 2;
}

struct Prf { double p, r, f; };
Prf prf(double tp, double fp, double fn) {
  const double p = tp + fp > 0 ? tp / (tp + fp) : (tp + fn == 0 ? 1.0 : 0.0);
  const double r = tp + fn > 0 ? tp / (tp + fn) : (tp + fp == 0 ? 1.0 : 0.0);
  const double f = (2 * tp + fp + fn) > 0 ? 2 * tp / (2 * tp + fp + fn) : 1.0;
  return {p, r, f};
}

// Python's \w+ over code points: letters, numbers, underscore.
std::vector<std::pair<std::uint32_t, std::uint32_t>> word_tokens(const std::u32string& t) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
  auto is_w = [](char32_t c) {
    if (c == U'_') return true;
    const auto cat = u_charType(static_cast<UChar32>(c));
    return (U_MASK(cat) & (U_GC_L_MASK | U_GC_N_MASK)) != 0;
  };
  for (std::uint32_t i = 0; i < t.size();) {
    if (!is_w(t[i])) { ++i; continue; }
    std::uint32_t j = i;
    while (j < t.size() && is_w(t[j])) ++j;
    out.emplace_back(i, j);
    i = j;
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

using Spans = std::vector<std::pair<std::uint32_t, std::uint32_t>>;
std::vector<bool> coverage(const std::vector<std::pair<std::uint32_t, std::uint32_t>>& toks, Spans spans) {
  std::vector<bool> out(toks.size(), false);
  std::sort(spans.begin(), spans.end());
  Spans merged;
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

}  // namespace

nlohmann::json verdict_metrics(const std::vector<Page>& pages, const std::vector<Prediction>& pred) {
  std::array<std::array<int, 3>, 3> conf{};
  int att_ok = 0, att_n = 0, n = 0;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    if (pages[i].label.empty()) continue;
    const int g = class_index(pages[i].label), p = class_index(pred[i].verdict);
    ++conf[g][p];
    ++n;
    if (g != 2) {
      ++att_n;
      att_ok += std::find(pages[i].sources.begin(), pages[i].sources.end(), pred[i].source) != pages[i].sources.end();
    }
  }
  nlohmann::json per_class;
  double macro = 0;
  for (int c = 0; c < 3; ++c) {
    double tp = conf[c][c], fp = 0, fn = 0;
    for (int o = 0; o < 3; ++o)
      if (o != c) fp += conf[o][c], fn += conf[c][o];
    const double p = tp + fp ? tp / (tp + fp) : 0, r = tp + fn ? tp / (tp + fn) : 0;
    const double f = p + r ? 2 * p * r / (p + r) : 0;
    per_class[kClasses[c]] = {{"precision", round4(p)}, {"recall", round4(r)}, {"f1", round4(f)}, {"support", conf[c][0] + conf[c][1] + conf[c][2]}};
    macro += f;
  }
  // Derived (syndicated or rewrite) against original, as score.py computes it.
  const double tp = conf[0][0] + conf[0][1] + conf[1][0] + conf[1][1];
  const double fp = conf[2][0] + conf[2][1], fn = conf[0][2] + conf[1][2], tn = conf[2][2];
  const double bp = tp + fp ? tp / (tp + fp) : 0, br = tp + fn ? tp / (tp + fn) : 0;
  const double bf = bp + br ? 2 * bp * br / (bp + br) : 0;
  const double of1 = tn ? 2 * tn / (2 * tn + fn + fp) : 0;
  nlohmann::json confusion;
  for (int g = 0; g < 3; ++g)
    for (int p = 0; p < 3; ++p) confusion[kClasses[g]][kClasses[p]] = conf[g][p];
  return {{"n", n},
          {"macro_f1", round4(macro / 3)},
          {"binary_f1", round4(bf)},
          {"original_f1", round4(of1)},
          {"binary_macro_f1", round4((bf + of1) / 2)},
          {"accuracy", n ? round4(double(conf[0][0] + conf[1][1] + conf[2][2]) / n) : 0.0},
          {"attribution_at_1", att_n ? nlohmann::json(round4(double(att_ok) / att_n)) : nlohmann::json(nullptr)},
          {"per_class", per_class},
          {"confusion", confusion}};
}

Result<nlohmann::json> span_metrics(const std::string& spans_path, const std::vector<Page>& pages,
                                    const std::vector<Prediction>& pred) {
  auto content = read_file(spans_path);
  if (!content) return content.error();
  auto lines = read_jsonl(*content, spans_path);
  if (!lines) return lines.error();
  std::map<std::string, std::size_t> by_id;
  for (std::size_t i = 0; i < pages.size(); ++i) by_id[pages[i].id] = i;
  double tp[2] = {0, 0}, fp[2] = {0, 0}, fn[2] = {0, 0};  // reused, new
  double vtp = 0, vfp = 0, vfn = 0;
  std::size_t n_pages = 0, n_tokens = 0;
  for (const auto& o : *lines) {
    auto it = by_id.find(o.value("id", std::string()));
    if (it == by_id.end() || !o.contains("spans")) continue;
    const Page& page = pages[it->second];
    const std::u32string text = to_u32(page.text);
    Spans any, reused, verbatim, p_reused, p_verb;
    for (const auto& s : o["spans"]) {
      if (!s.is_array() || s.size() < 3) continue;
      const std::uint32_t a = s[0].get<std::uint32_t>(), b = s[1].get<std::uint32_t>();
      const std::string kind = s[2].get<std::string>();
      any.emplace_back(a, b);
      if (kind == "verbatim" || kind == "rewrite") reused.emplace_back(a, b);
      if (kind == "verbatim") verbatim.emplace_back(a, b);
    }
    for (const auto& p : pred[it->second].passages) {
      p_reused.emplace_back(p.begin_cp, p.end_cp);
      if (p.kind == PassageKind::Verbatim) p_verb.emplace_back(p.begin_cp, p.end_cp);
    }
    auto toks_all = word_tokens(text);
    // Only tokens some gold span touches are scored, as in score_spans.py.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> toks;
    for (auto t : toks_all) {
      bool touched = false;
      for (auto [s, e] : any)
        if (s < t.second && e > t.first) { touched = true; break; }
      if (touched) toks.push_back(t);
    }
    ++n_pages;
    n_tokens += toks.size();
    auto g_r = coverage(toks, reused), g_v = coverage(toks, verbatim), p_r = coverage(toks, p_reused),
         p_v = coverage(toks, p_verb);
    for (std::size_t k = 0; k < toks.size(); ++k) {
      tp[0] += g_r[k] && p_r[k], fp[0] += !g_r[k] && p_r[k], fn[0] += g_r[k] && !p_r[k];
      tp[1] += !g_r[k] && !p_r[k], fp[1] += g_r[k] && !p_r[k], fn[1] += !g_r[k] && p_r[k];
      vtp += g_v[k] && p_v[k], vfp += !g_v[k] && p_v[k], vfn += g_v[k] && !p_v[k];
    }
  }
  const Prf r = prf(tp[0], fp[0], fn[0]), nw = prf(tp[1], fp[1], fn[1]), v = prf(vtp, vfp, vfn);
  auto obj = [](const Prf& x) { return nlohmann::json{{"p", round4(x.p)}, {"r", round4(x.r)}, {"f1", round4(x.f)}}; };
  return nlohmann::json{{"pages", n_pages},     {"tokens", n_tokens}, {"reused", obj(r)}, {"new", obj(nw)},
                        {"verbatim", obj(v)}, {"token_macro_f1", round4((r.f + nw.f) / 2)}};
}

}  // namespace storyprint::cli
