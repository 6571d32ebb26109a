// The only wasm-specific file: embind surface of the core for core/js/storyprint.mjs.
// Text crosses as UTF-16 in wasm memory (the wrapper writes JS strings there unchanged), so
// passage offsets are UTF-16 code units of the caller's string and lone surrogates survive as
// one unit each. Results cross as JSON strings from the core's one serialiser; errors are values.
#include <emscripten/bind.h>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "storyprint/check.hpp"
#include "storyprint/evaluate.hpp"
#include "storyprint/library.hpp"
#include "storyprint/pack.hpp"
#include "storyprint/pack_summary.hpp"
#include "storyprint/pack_edit.hpp"
#include "storyprint/pack_filter.hpp"
#include "storyprint/text.hpp"

using namespace storyprint;

namespace {

std::string error_json(const Error& e) {
  return "{\"error\":{\"code\":" + json_string(e.code) + ",\"message\":" + json_string(e.message) + "}}";
}

std::u16string_view view16(std::uintptr_t ptr, std::size_t len) {
  return {reinterpret_cast<const char16_t*>(ptr), len};
}

class Engine {
 public:
  std::string addPack(const std::string& name, std::uintptr_t ptr, std::size_t len) {
    auto info = library_.add(name, std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(ptr), len));
    if (!info) return error_json(info.error());
    return "{\"name\":" + json_string(name) + ",\"versions\":" + std::to_string(info->versions) +
           ",\"stories\":" + std::to_string(info->stories) + ",\"bytes\":" + std::to_string(info->bytes) + "}";
  }
  bool removePack(const std::string& name) { return library_.remove(name); }
  std::string packs() const {
    std::string out = "[";
    for (const auto& p : library_.packs())
      out += std::string(out.size() > 1 ? "," : "") + "{\"name\":" + json_string(p.name) + ",\"versions\":" +
             std::to_string(p.versions) + ",\"stories\":" + std::to_string(p.stories) + ",\"bytes\":" +
             std::to_string(p.bytes) + "}";
    return out + "]";
  }
  std::string check(std::uintptr_t ptr16, std::size_t len16, const std::string& id, const std::string& url,
                    const std::string& outlet, const std::string& title, const std::string& published) {
    auto r = library_.check(view16(ptr16, len16), PageMeta{url, outlet, title, published});
    if (!r) return error_json(r.error());
    return library_report_json(*r, id, OffsetUnits::Utf16);
  }

  // Pack building in the browser (demo page: "add as known version").
  std::string builderAdd(const std::string& id, const std::string& outlet, const std::string& url,
                         const std::string& title, const std::string& published, std::uintptr_t ptr16,
                         std::size_t len16) {
    auto r = builder_.add_utf16(VersionMeta{id, outlet, url, title, published}, view16(ptr16, len16));
    return r ? std::string("{\"versions\":") + std::to_string(builder_.size()) + "}" : error_json(r.error());
  }
  // Builds, keeps the bytes for builtBytes(), and resets the builder.
  std::string builderFinish() {
    auto r = builder_.build();
    builder_ = PackBuilder();
    if (!r) return error_json(r.error());
    built_ = std::move(*r);
    return "{\"bytes\":" + std::to_string(built_.size()) + "}";
  }
  void builderReset() { builder_ = PackBuilder(); }
  emscripten::val builtBytes() const {
    return emscripten::val(emscripten::typed_memory_view(built_.size(), built_.data()));
  }

  // Pack merging and pruning: packs and versions are staged, then built into builtBytes().
  std::string mergerAddPack(std::uintptr_t ptr, std::size_t len) {
    auto pack = Pack::open(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(ptr), len));
    if (!pack) return error_json(pack.error());
    merger_.add(*pack);
    return "{\"versions\":" + std::to_string(merger_.size()) + "}";
  }
  // The versions given to builderAdd since the last build, as new versions of the merge.
  std::string mergerAddBuilt() {
    merger_.add(builder_);
    builder_ = PackBuilder();
    return "{\"versions\":" + std::to_string(merger_.size()) + "}";
  }
  // Versions published before this date are left out of the merge: {} or the date's error.
  std::string mergerDropBefore(const std::string& before) {
    auto day = parse_before_day(before);
    if (!day) return error_json(day.error());
    merger_.drop_before(*day);
    return "{}";
  }
  std::string mergerFinish() {
    auto r = merger_.build();
    merger_ = PackMerger();
    if (!r) return error_json(r.error());
    built_ = std::move(r->bytes);
    return "{\"bytes\":" + std::to_string(built_.size()) + ",\"versions\":" + std::to_string(r->versions) +
           ",\"stories\":" + std::to_string(r->stories) + ",\"duplicates\":" + std::to_string(r->duplicates) +
           ",\"pruned\":" + std::to_string(r->pruned) + "}";
  }
  void mergerReset() {
    merger_ = PackMerger();
    builder_ = PackBuilder();
  }

  // The pack without the versions of these ids, into builtBytes(): forgetting, in the extension.
  std::string dropVersions(std::uintptr_t ptr, std::size_t len, const std::vector<std::string>& ids) {
    auto pack = Pack::open(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(ptr), len));
    if (!pack) return error_json(pack.error());
    auto r = drop_versions(*pack, ids);
    if (!r) return error_json(r.error());
    built_ = std::move(r->bytes);
    return "{\"bytes\":" + std::to_string(built_.size()) + ",\"versions\":" + std::to_string(r->versions) +
           ",\"stories\":" + std::to_string(r->stories) + ",\"dropped\":" + std::to_string(r->dropped) + "}";
  }

  // Evaluation (runner's `eval`): pages and gold spans are staged, then measured against the pack
  // last made by builderFinish(), by the same code as the native CLI.
  void evalAddPage(const std::string& id, const std::string& text, const std::string& url, const std::string& outlet,
                   const std::string& title, const std::string& published, const std::string& label,
                   const std::string& revision, const std::string& story, const std::vector<std::string>& sources,
                   const std::string& kind) {
    eval_pages_.push_back(LabelledPage{id, text, PageMeta{url, outlet, title, published}, label, revision, sources, story, kind});
  }
  void evalAddSpan(const std::string& id, std::uint32_t start, std::uint32_t end, const std::string& kind) {
    eval_spans_[id].emplace_back(start, end, kind);
  }
  // Returns {"result": {...}, "predictions": [...]}; clears the staged pages.
  std::string evalRun(int cv_folds, bool predictions) {
    auto pack = Pack::open(built_);
    if (!pack) return error_json(pack.error());
    auto r = evaluate(*pack, eval_pages_, eval_spans_, EvalOptions{cv_folds, predictions});
    eval_pages_.clear();
    eval_spans_.clear();
    if (!r) return error_json(r.error());
    std::string out = "{\"result\":" + r->json + ",\"predictions\":[";
    for (std::size_t i = 0; i < r->predictions.size(); ++i) out += (i ? "," : "") + r->predictions[i];
    return out + "]}";
  }

 private:
  Library library_;
  PackBuilder builder_;
  PackMerger merger_;
  std::vector<std::uint8_t> built_;
  std::vector<LabelledPage> eval_pages_;
  std::map<std::string, GoldSpans> eval_spans_;
};

std::string tokenize(std::uintptr_t ptr16, std::size_t len16) {
  CanonicalizeOptions opt;
  opt.keep_forms = true;
  auto r = canonicalize_utf16(view16(ptr16, len16), opt);
  if (!r) return error_json(r.error());
  std::string out = std::string("{\"language\":\"") + language_name(r->language) + "\",\"tokens\":[";
  for (std::size_t i = 0; i < r->tokens.size(); ++i) {
    const Token& t = r->tokens[i];
    char key[17];
    std::snprintf(key, sizeof key, "%016llx", static_cast<unsigned long long>(t.hash));
    out += (i ? "," : "") + std::string("{\"form\":") + json_string(r->forms[i]) + ",\"key\":\"" + key + "\",\"start\":" + std::to_string(t.begin16) +
           ",\"end\":" + std::to_string(t.end16) + ",\"startCp\":" + std::to_string(t.begin_cp) +
           ",\"endCp\":" + std::to_string(t.end_cp) + ",\"sentence\":" + std::to_string(t.sentence) + "}";
  }
  out += "],\"sentences\":[";
  for (std::size_t i = 0; i < r->sentences.size(); ++i)
    out += (i ? "," : "") + std::string("[") + std::to_string(r->sentences[i].first_token) + "," +
           std::to_string(r->sentences[i].end_token) + "]";
  return out + "]}";
}

// The dictionary data must outlive every iterator: it is kept for the life of the module.
std::vector<std::uint8_t>& dictionary_bytes() {
  static std::vector<std::uint8_t> bytes;
  return bytes;
}

std::string registerDictionaries(std::uintptr_t ptr, std::size_t len) {
  if (!dictionary_bytes().empty()) return "{\"ok\":true,\"already\":true}";
  const auto* p = reinterpret_cast<const std::uint8_t*>(ptr);
  dictionary_bytes().assign(p, p + len);
  auto r = register_break_dictionaries(dictionary_bytes().data(), dictionary_bytes().size());
  if (!r) {
    dictionary_bytes().clear();
    return error_json(r.error());
  }
  return std::string("{\"ok\":") + (*r ? "true" : "false") + "}";
}

// The wrapper asks before it copies a pack into wasm memory, which never shrinks: "" when the size
// is allowed, else the core's own "pack.too_large" error (a double, since sizes may pass 4 GiB).
std::string packSizeError(double bytes) {
  if (!(bytes > double(kMaxPackBytes))) return "";
  return error_json(pack_too_large(static_cast<std::uint64_t>(bytes)));
}

// What a pack covers (outlets, dates), read from bytes the caller keeps: validated, not kept.
std::string packSummary(std::uintptr_t ptr, std::size_t len) {
  auto pack = Pack::open(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(ptr), len));
  if (!pack) return error_json(pack.error());
  return pack_summary_json(summarize(*pack));
}

bool needsDictionaries(std::uintptr_t ptr16, std::size_t len16) {
  return !break_dictionaries_available() && needs_break_dictionaries(view16(ptr16, len16));
}

}  // namespace

EMSCRIPTEN_BINDINGS(storyprint) {
  emscripten::class_<Engine>("Engine")
      .constructor<>()
      .function("addPack", &Engine::addPack)
      .function("removePack", &Engine::removePack)
      .function("packs", &Engine::packs)
      .function("check", &Engine::check)
      .function("builderAdd", &Engine::builderAdd)
      .function("builderFinish", &Engine::builderFinish)
      .function("builderReset", &Engine::builderReset)
      .function("builtBytes", &Engine::builtBytes)
      .function("mergerAddPack", &Engine::mergerAddPack)
      .function("mergerAddBuilt", &Engine::mergerAddBuilt)
      .function("mergerDropBefore", &Engine::mergerDropBefore)
      .function("mergerFinish", &Engine::mergerFinish)
      .function("mergerReset", &Engine::mergerReset)
      .function("dropVersions", &Engine::dropVersions)
      .function("evalAddPage", &Engine::evalAddPage)
      .function("evalAddSpan", &Engine::evalAddSpan)
      .function("evalRun", &Engine::evalRun);
  emscripten::register_vector<std::string>("StringVector");
  emscripten::function("tokenize", &tokenize);
  emscripten::function("registerDictionaries", &registerDictionaries);
  emscripten::function("needsDictionaries", &needsDictionaries);
  emscripten::function("packSizeError", &packSizeError);
  emscripten::function("packSummary", &packSummary);
}
