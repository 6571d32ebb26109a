// `storyprint eval`: build a pack from known.jsonl, check every page, report the measures.
// `storyprint fit`: fit the verdict model on a labelled set and write core/src/verdict_model.inc.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>

#include "cli_io.hpp"
#include "commands.hpp"
#include "corpus.hpp"
#include "metrics.hpp"

namespace storyprint::cli {
namespace {

struct EvalRun {
  std::vector<Page> pages;
  std::vector<Report> reports;
  std::vector<Prediction> preds;
  double seconds = 0;
  std::vector<std::uint8_t> pack_bytes;
};

Result<EvalRun> run_checks(const std::string& known, const std::string& pages_path, std::ostream* jsonl) {
  EvalRun run;
  auto bytes = build_pack_from_jsonl(known, false);
  if (!bytes) return bytes.error();
  run.pack_bytes = std::move(*bytes);
  auto pack = Pack::open(run.pack_bytes);
  if (!pack) return pack.error();
  auto pages = read_pages(pages_path);
  if (!pages) return pages.error();
  run.pages = std::move(*pages);
  Checker checker(*pack);
  const auto t0 = std::chrono::steady_clock::now();
  for (const auto& p : run.pages) {
    auto r = checker.check_utf8(p.text, p.meta);
    if (!r) return make_error(r.error().code, p.id + ": " + r.error().message);
    Prediction pr{std::string(verdict_name(r->verdict)),
                  r->source >= 0 ? std::string(pack->version(static_cast<std::uint32_t>(r->source)).id) : "",
                  r->passages};
    if (jsonl) *jsonl << report_json(*r, *pack, p.id, OffsetUnits::CodePoints) << '\n';
    run.reports.push_back(std::move(*r));
    run.preds.push_back(std::move(pr));
  }
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return run;
}

int label_index(const std::string& l) { return l == "syndicated" ? 0 : l == "rewrite" ? 1 : 2; }

// Story-grouped K-fold: every page of a story lands in the same fold.
std::vector<Prediction> cross_validate(const EvalRun& run, int folds) {
  std::vector<Prediction> out = run.preds;
  std::map<std::string, int> fold_of;
  for (const auto& p : run.pages)
    if (!fold_of.count(p.story)) fold_of[p.story] = 0;
  int k = 0;
  for (auto& [story, f] : fold_of) f = k++ % folds;  // stories in id order, dealt round-robin
  for (int f = 0; f < folds; ++f) {
    std::vector<Features> x;
    std::vector<int> y;
    for (std::size_t i = 0; i < run.pages.size(); ++i)
      if (!run.pages[i].label.empty() && fold_of[run.pages[i].story] != f)
        x.push_back(run.reports[i].features), y.push_back(label_index(run.pages[i].label));
    const Model m = fit_model(x, y);
    for (std::size_t i = 0; i < run.pages.size(); ++i) {
      if (fold_of[run.pages[i].story] != f) continue;
      const Report& r = run.reports[i];
      if (r.story < 0 || r.known_version >= 0) continue;  // no candidate: stays original
      const auto p = classify(m, r.features);
      const int c = int(std::max_element(p.begin(), p.end()) - p.begin());
      out[i].verdict = std::string(verdict_name(static_cast<Verdict>(c)));
    }
  }
  return out;
}

void print_metrics(const nlohmann::json& m, const char* title) {
  std::printf("%s\n", title);
  std::printf("  confusion (gold -> predicted): syn / rew / orig\n");
  for (const char* g : {"syndicated", "rewrite", "original"})
    std::printf("    %-10s %4d %4d %4d\n", g, m["confusion"][g]["syndicated"].get<int>(),
                m["confusion"][g]["rewrite"].get<int>(), m["confusion"][g]["original"].get<int>());
  for (const char* c : {"syndicated", "rewrite", "original"})
    std::printf("  %-10s P %.3f  R %.3f  F1 %.3f\n", c, m["per_class"][c]["precision"].get<double>(),
                m["per_class"][c]["recall"].get<double>(), m["per_class"][c]["f1"].get<double>());
  std::printf("  macro-F1 %.3f  binary F1 %.3f  original F1 %.3f  binary macro-F1 %.3f  attribution@1 %s\n",
              m["macro_f1"].get<double>(), m["binary_f1"].get<double>(), m["original_f1"].get<double>(),
              m["binary_macro_f1"].get<double>(), m["attribution_at_1"].dump().c_str());
}

struct EvalArgs {
  std::string known, pages, spans, predictions, model_out;
  bool json = false;
  int cv = 0;
};

bool parse(const std::vector<std::string>& args, EvalArgs& a) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    auto next = [&]() -> std::string { return i + 1 < args.size() ? args[++i] : std::string(); };
    if (args[i] == "--known") a.known = next();
    else if (args[i] == "--pages") a.pages = next();
    else if (args[i] == "--spans") a.spans = next();
    else if (args[i] == "--predictions") a.predictions = next();
    else if (args[i] == "--json") a.json = true;
    else if (args[i] == "--cv") a.cv = std::atoi(next().c_str());
    else if (args[i] == "-o" || args[i] == "--output") a.model_out = next();
    else return false;
  }
  if (a.spans.empty()) {  // METER ships its phrase-level gold beside the pages
    const auto slash = a.pages.find_last_of('/');
    const std::string guess = (slash == std::string::npos ? std::string() : a.pages.substr(0, slash + 1)) + "spans.jsonl";
    if (std::ifstream(guess)) a.spans = guess;
  }
  return !a.known.empty() && !a.pages.empty();
}

}  // namespace

int cmd_eval(const std::vector<std::string>& args) {
  EvalArgs a;
  if (!parse(args, a)) {
    std::fputs("usage: storyprint eval --known KNOWN.jsonl --pages PAGES.jsonl [--spans SPANS.jsonl] [--cv K]\n"
               "                      [--predictions OUT.jsonl] [--json]\n", stderr);
    return 2;
  }
  std::ofstream pred_out;
  if (!a.predictions.empty()) pred_out.open(a.predictions);
  auto run = run_checks(a.known, a.pages, a.predictions.empty() ? nullptr : &pred_out);
  if (!run) return fail(run.error());
  nlohmann::json out;
  out["pages"] = run->pages.size();
  out["pages_per_second"] = run->seconds > 0 ? std::round(run->pages.size() / run->seconds) : 0;
  out["verdicts"] = verdict_metrics(run->pages, run->preds);
  // Clough-Stevenson style sets carry a revision degree: report the 4-way breakdown.
  bool has_revision = false;
  for (const auto& p : run->pages) has_revision |= !p.revision.empty();
  if (has_revision) {
    nlohmann::json four;
    for (std::size_t i = 0; i < run->pages.size(); ++i) {
      const auto& p = run->pages[i];
      std::string g = p.label == "rewrite" ? (p.revision.empty() ? "rewrite" : p.revision) : p.label;
      if (g == "syndicated") g = "near_copy";
      int cur = four[g].value(run->preds[i].verdict, 0);
      four[g][run->preds[i].verdict] = cur + 1;
    }
    out["revision_confusion"] = four;
  }
  if (a.cv > 1) out["cross_validated"] = verdict_metrics(run->pages, cross_validate(*run, a.cv)), out["cv_folds"] = a.cv;
  if (!a.spans.empty()) {
    auto sm = span_metrics(a.spans, run->pages, run->preds);
    if (!sm) return fail(sm.error());
    out["passages"] = *sm;
  }
  if (a.json) {
    std::cout << out.dump(2) << '\n';
    return 0;
  }
  std::printf("%zu pages, %.0f pages/s\n", run->pages.size(), out["pages_per_second"].get<double>());
  print_metrics(out["verdicts"], "verdicts (compiled-in model)");
  if (out.contains("cross_validated")) print_metrics(out["cross_validated"], ("verdicts, story-grouped " + std::to_string(a.cv) + "-fold cross-validation").c_str());
  if (out.contains("revision_confusion")) std::printf("revision degree -> verdict: %s\n", out["revision_confusion"].dump().c_str());
  if (out.contains("passages"))
    std::printf("passages: token macro-F1 %.3f (reused F1 %.3f, new F1 %.3f, verbatim F1 %.3f) over %d pages\n",
                out["passages"]["token_macro_f1"].get<double>(), out["passages"]["reused"]["f1"].get<double>(),
                out["passages"]["new"]["f1"].get<double>(), out["passages"]["verbatim"]["f1"].get<double>(),
                out["passages"]["pages"].get<int>());
  return 0;
}

int cmd_fit(const std::vector<std::string>& args) {
  EvalArgs a;
  if (!parse(args, a) || a.model_out.empty()) {
    std::fputs("usage: storyprint fit --known KNOWN.jsonl --pages PAGES.jsonl -o core/src/verdict_model.inc\n", stderr);
    return 2;
  }
  auto run = run_checks(a.known, a.pages, nullptr);
  if (!run) return fail(run.error());
  std::vector<Features> x;
  std::vector<int> y;
  for (std::size_t i = 0; i < run->pages.size(); ++i)
    if (!run->pages[i].label.empty()) x.push_back(run->reports[i].features), y.push_back(label_index(run->pages[i].label));
  const Model m = fit_model(x, y);
  std::ofstream out(a.model_out);
  out << "// Written by `storyprint fit` (scripts/fit-model.sh): multinomial logistic regression, classes\n"
         "// weighted by inverse frequency, L2 0.01, on "
      << x.size() << " labelled pages of " << a.pages << ".\n// Columns: bias";
  for (auto n : kFeatureNames) out << ", " << n;
  out << "\n";
  char buf[64];
  for (int c = 0; c < 3; ++c) {
    out << "x.w[" << c << "] = {";
    for (int i = 0; i <= kFeatureCount; ++i) {
      std::snprintf(buf, sizeof buf, "%s%.6ff", i ? ", " : "", double(m.w[c][i]));
      out << buf;
    }
    out << "};  // " << verdict_name(static_cast<Verdict>(c)) << "\n";
  }
  std::fprintf(stderr, "wrote %s from %zu pages\n", a.model_out.c_str(), x.size());
  return 0;
}

}  // namespace storyprint::cli
