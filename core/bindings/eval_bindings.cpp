// Evaluation on a labelled corpus in wasm, for the runner's `eval` (core/js/evaluate.mjs): the same
// code as the native `storyprint eval`, so the two can be compared. Linked into the one module
// beside wasm_bindings.cpp (it shares the module's break dictionaries), but not part of the
// Engine the extension and the demo page use: they never evaluate.
#include <emscripten/bind.h>

#include <map>
#include <string>
#include <vector>

#include "embind_util.hpp"
#include "storyprint/evaluate.hpp"
#include "storyprint/pack.hpp"

using namespace storyprint;

namespace {

// Known versions, pages and gold spans are staged, then measured at once by run().
class Evaluation {
 public:
  // "" when added, else the core's error.
  std::string addKnown(const std::string& id, const std::string& outlet, const std::string& url,
                       const std::string& title, const std::string& published, std::uintptr_t ptr16,
                       std::size_t len16) {
    auto r = builder_.add_utf16(VersionMeta{id, outlet, url, title, published}, view16(ptr16, len16));
    return r ? std::string() : error_json(r.error());
  }
  void addPage(const std::string& id, const std::string& text, const std::string& url, const std::string& outlet,
               const std::string& title, const std::string& published, const std::string& label,
               const std::string& revision, const std::string& story, const std::vector<std::string>& sources,
               const std::string& kind) {
    pages_.push_back(LabelledPage{id, text, PageMeta{url, outlet, title, published}, label, revision, sources, story, kind});
  }
  void addSpan(const std::string& id, std::uint32_t start, std::uint32_t end, const std::string& kind) {
    spans_[id].emplace_back(start, end, kind);
  }
  // Returns {"result": {...}, "predictions": [...]}, the result as `storyprint eval --json` prints it.
  std::string run(int cv_folds, bool predictions) {
    auto bytes = builder_.build();
    if (!bytes) return error_json(bytes.error());
    auto pack = Pack::open(*bytes);
    if (!pack) return error_json(pack.error());
    auto r = evaluate(*pack, pages_, spans_, EvalOptions{cv_folds, predictions});
    if (!r) return error_json(r.error());
    Json j;
    j.open('{');
    j.key("result"), j.raw(r->json);
    j.key("predictions"), j.open('[');
    for (const auto& p : r->predictions) j.raw(p);
    j.close(']');
    j.close('}');
    return std::move(j.out);
  }

 private:
  PackBuilder builder_;
  std::vector<LabelledPage> pages_;
  std::map<std::string, GoldSpans> spans_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(storyprint_eval) {
  emscripten::class_<Evaluation>("Evaluation")
      .constructor<>()
      .function("addKnown", &Evaluation::addKnown)
      .function("addPage", &Evaluation::addPage)
      .function("addSpan", &Evaluation::addSpan)
      .function("run", &Evaluation::run);
  // StringVector (the pages' sources) is registered with the product bindings, which use it too.
}
