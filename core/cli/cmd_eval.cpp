// `storyprint eval`: build a pack from known.jsonl, check every page, report the measures.
// `storyprint fit`: fit the verdict model on a labelled set and write core/src/verdict_model.inc.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "cli_io.hpp"
#include "commands.hpp"
#include "corpus.hpp"

namespace storyprint::cli {
namespace {

// A further labelled corpus to train on, and its total weight relative to the main corpus.
struct AlsoTrain {
  std::string known, pages;
  float weight = 1.f;
};

struct EvalArgs {
  std::string known, pages, spans, predictions, model_out;
  std::vector<AlsoTrain> also;
  bool json = false, held_out = false;
  int cv = 0;
  FitOptions fit;  // --drop-features: features the model may not weigh
};

// "a,b,c" -> those features unused; false for a name that is not a feature.
bool drop_features(const std::string& list, FitOptions& fit) {
  std::size_t b = 0;
  while (b <= list.size()) {
    const std::size_t e = std::min(list.find(',', b), list.size());
    const std::string name = list.substr(b, e - b);
    const auto it = std::find(kFeatureNames.begin(), kFeatureNames.end(), name);
    if (it == kFeatureNames.end()) return false;
    fit.use[static_cast<std::size_t>(it - kFeatureNames.begin())] = false;
    b = e + 1;
  }
  return true;
}

bool parse(const std::vector<std::string>& args, EvalArgs& a) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    auto next = [&]() -> std::string { return i + 1 < args.size() ? args[++i] : std::string(); };
    if (args[i] == "--known") a.known = next();
    else if (args[i] == "--pages") a.pages = next();
    else if (args[i] == "--spans") a.spans = next();
    else if (args[i] == "--predictions") a.predictions = next();
    else if (args[i] == "--json") a.json = true;
    else if (args[i] == "--held-out") a.held_out = true;
    else if (args[i] == "--drop-features") {
      if (!drop_features(next(), a.fit)) return false;
    }
    else if (args[i] == "--cv") a.cv = std::atoi(next().c_str());
    else if (args[i] == "-o" || args[i] == "--output") a.model_out = next();
    else if (args[i] == "--also-train" && i + 2 < args.size()) a.also.push_back({args[i + 1], args[i + 2]}), i += 2;
    else if (args[i] == "--also-weight" && !a.also.empty()) {
      const std::string w = next();
      char* end = nullptr;
      a.also.back().weight = std::strtof(w.c_str(), &end);
      if (w.empty() || *end || !(a.also.back().weight >= 0)) return false;
    } else return false;
  }
  if (a.spans.empty()) {  // METER ships its phrase-level gold beside the pages
    const auto slash = a.pages.find_last_of('/');
    const std::string guess = (slash == std::string::npos ? std::string() : a.pages.substr(0, slash + 1)) + "spans.jsonl";
    if (std::ifstream(guess)) a.spans = guess;
  }
  return !a.known.empty() && !a.pages.empty();
}

Result<EvalResult> run_one(const std::string& known, const std::string& pages_path, const std::string& spans_path,
                           EvalOptions opt) {
  auto bytes = build_pack_from_jsonl(known, false);
  if (!bytes) return bytes.error();
  auto pack = Pack::load(std::move(*bytes));
  if (!pack) return pack.error();
  auto pages = read_pages(pages_path);
  if (!pages) return pages.error();
  std::map<std::string, GoldSpans> spans;
  if (!spans_path.empty()) {
    auto s = read_spans(spans_path);
    if (!s) return s.error();
    spans = std::move(*s);
  }
  return evaluate(*pack, *pages, spans, opt);
}

// The corpora named by --also-train, evaluated for their features.
Result<std::vector<EvalResult>> run_also(const EvalArgs& a) {
  std::vector<EvalResult> out;
  for (const auto& extra : a.also) {
    auto r = run_one(extra.known, extra.pages, "", EvalOptions{});
    if (!r) return r.error();
    out.push_back(std::move(*r));
  }
  return out;
}

Result<EvalResult> run(const EvalArgs& a, bool predictions) {
  auto also = run_also(a);
  if (!also) return also.error();
  EvalOptions opt;
  opt.cv_folds = a.cv;
  opt.predictions = predictions;
  opt.held_out = a.held_out;
  opt.fit = a.fit;
  // Each extra corpus weighs its --also-weight (default 1) times what the evaluated one's training
  // folds would, in total.
  auto main_pages = read_pages(a.pages);
  if (!main_pages) return main_pages.error();
  const auto n_main = std::count_if(main_pages->begin(), main_pages->end(), [](auto& p) { return !p.label.empty(); });
  for (std::size_t k = 0; k < also->size(); ++k) {
    const EvalResult& r = (*also)[k];
    const auto n = std::count_if(r.labels.begin(), r.labels.end(), [](int l) { return l >= 0; });
    for (std::size_t i = 0; i < r.labels.size(); ++i)
      if (r.labels[i] >= 0)
        opt.extra_features.push_back(r.features[i]), opt.extra_labels.push_back(r.labels[i]),
            opt.extra_weights.push_back(a.also[k].weight * float(n_main) / float(n));
  }
  return run_one(a.known, a.pages, a.spans, opt);
}

void print_verdicts(const nlohmann::json& m, const std::string& title) {
  std::printf("%s\n  confusion (gold -> predicted):  syn  rew  orig\n", title.c_str());
  for (const char* g : {"syndicated", "rewrite", "original"})
    std::printf("    %-10s %20d %4d %4d\n", g, m["confusion"][g]["syndicated"].get<int>(),
                m["confusion"][g]["rewrite"].get<int>(), m["confusion"][g]["original"].get<int>());
  for (const char* c : {"syndicated", "rewrite", "original"})
    std::printf("  %-10s P %.3f  R %.3f  F1 %.3f\n", c, m["per_class"][c]["precision"].get<double>(),
                m["per_class"][c]["recall"].get<double>(), m["per_class"][c]["f1"].get<double>());
  std::printf("  macro-F1 %.3f  binary F1 %.3f  original F1 %.3f  binary macro-F1 %.3f  attribution@1 %s\n",
              m["macro_f1"].get<double>(), m["binary_f1"].get<double>(), m["original_f1"].get<double>(),
              m["binary_macro_f1"].get<double>(), m["attribution_at_1"].dump().c_str());
  std::printf("  calibration error (ECE, 10 bins) %.3f\n", m["calibration_error"].get<double>());
  if (m.contains("by_kind"))
    for (const auto& [kind, k] : m["by_kind"].items())
      std::printf("  %-45s %4d pages  called derived %.3f  derived and attributed %.3f\n", kind.c_str(),
                  k["pages"].get<int>(), k["derived"].get<double>(), k["derived_attributed"].get<double>());
}

}  // namespace

int cmd_eval(const std::vector<std::string>& args) {
  EvalArgs a;
  if (!parse(args, a)) {
    std::fputs("usage: storyprint eval --known KNOWN.jsonl --pages PAGES.jsonl [--spans SPANS.jsonl] [--cv K]\n"
               "                      [--also-train K2.jsonl P2.jsonl [--also-weight W]]... [--held-out] [--drop-features A,B]\n"
               "                      [--predictions OUT.jsonl] [--json]\n", stderr);
    return 2;
  }
  auto res = run(a, !a.predictions.empty());
  if (!res) return fail(res.error());
  if (!a.predictions.empty()) {
    std::ofstream out(a.predictions);
    for (const auto& p : res->predictions) out << p << '\n';
    if (!out) return fail(make_error("io.write", "cannot write " + a.predictions));
  }
  if (a.json) {
    std::cout << res->json << '\n';
    return 0;
  }
  const auto m = nlohmann::json::parse(res->json);
  std::printf("%d pages against %d known versions in %d stories, %.0f pages/s\n", m["pages"].get<int>(),
              m["versions"].get<int>(), m["stories"].get<int>(), m["pages_per_second"].get<double>());
  print_verdicts(m["verdicts"], "verdicts (compiled-in model)");
  if (m.contains("cross_validated"))
    print_verdicts(m["cross_validated"], "verdicts, story-grouped " + std::to_string(a.cv) + "-fold cross-validation");
  if (m.contains("held_out"))
    print_verdicts(m["held_out"], "verdicts, held out: fitted on the --also-train corpora alone");
  if (m.contains("revision_confusion")) std::printf("revision degree -> verdict: %s\n", m["revision_confusion"].dump().c_str());
  if (m.contains("passages"))
    std::printf("passages: token macro-F1 %.3f (reused F1 %.3f, new F1 %.3f, verbatim F1 %.3f) over %d pages\n",
                m["passages"]["token_macro_f1"].get<double>(), m["passages"]["reused"]["f1"].get<double>(),
                m["passages"]["new"]["f1"].get<double>(), m["passages"]["verbatim"]["f1"].get<double>(),
                m["passages"]["pages"].get<int>());
  return 0;
}

int cmd_fit(const std::vector<std::string>& args) {
  EvalArgs a;
  if (!parse(args, a) || a.model_out.empty()) {
    std::fputs("usage: storyprint fit --known KNOWN.jsonl --pages PAGES.jsonl [--also-train K2.jsonl P2.jsonl [--also-weight W]]... [--drop-features A,B] -o OUT.inc\n", stderr);
    return 2;
  }
  auto res = run_one(a.known, a.pages, "", EvalOptions{});
  if (!res) return fail(res.error());
  auto also = run_also(a);
  if (!also) return fail(also.error());
  std::vector<const EvalResult*> all{&*res};
  std::vector<float> weights{1.f};
  std::string description = a.pages;
  for (std::size_t i = 0; i < also->size(); ++i)
    all.push_back(&(*also)[i]), weights.push_back(a.also[i].weight), description += ", " + a.also[i].pages;
  const std::string src = fitted_model_source(all, weights, description, a.fit);
  auto w = write_file(a.model_out, src.data(), src.size());
  if (!w) return fail(w.error());
  std::fprintf(stderr, "wrote %s\n", a.model_out.c_str());
  return 0;
}

}  // namespace storyprint::cli
