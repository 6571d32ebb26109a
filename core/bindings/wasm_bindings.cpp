// The product's embind surface of the core, for core/js/storyprint.mjs (extension, demo page, runner).
// The runner's evaluation has its own file, eval_bindings.cpp, linked into the same module.
// Text crosses as UTF-16 in wasm memory (the wrapper writes JS strings there unchanged), so
// passage offsets are UTF-16 code units of the caller's string and lone surrogates survive as
// one unit each. Results cross as JSON strings from the core's one serialiser; errors are values.
#include <emscripten/bind.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "embind_util.hpp"
#include "json_writer.hpp"
#include "storyprint/check.hpp"
#include "storyprint/library.hpp"
#include "storyprint/pack.hpp"
#include "storyprint/pack_summary.hpp"
#include "storyprint/pack_edit.hpp"
#include "storyprint/pack_filter.hpp"
#include "storyprint/text.hpp"

using namespace storyprint;

namespace {

void pack_info_json(Json& j, std::string_view name, const PackInfo& p) {
  j.open('{');
  j.key("name"), j.str(name);
  j.key("versions"), j.num(std::int64_t(p.versions));
  j.key("stories"), j.num(std::int64_t(p.stories));
  j.key("bytes"), j.num(std::int64_t(p.bytes));
  j.close('}');
}

// {"name": value, ...} of counts, through the one JSON writer.
std::string counts_json(std::initializer_list<std::pair<const char*, std::int64_t>> counts) {
  Json j;
  j.open('{');
  for (const auto& [name, n] : counts) j.key(name), j.num(n);
  j.close('}');
  return std::move(j.out);
}

class Engine {
 public:
  // A pack is written by the wrapper straight into the buffer the core keeps (stagePack, then
  // addStagedPack): one copy into wasm memory instead of two. Memory touched for the first time is
  // what a cold start pays most for (a 21 MB pack: about 60 ms per copy on the bench machine).
  // Returns 0 when the memory cannot be had.
  std::uintptr_t stagePack(std::size_t len) {
    staged_ = {};
    // Without exceptions a failed vector allocation aborts the module: ask malloc first.
    void* probe = std::malloc(std::max<std::size_t>(len, 1));
    if (!probe) return 0;
    std::free(probe);
    staged_.resize(len);
    return reinterpret_cast<std::uintptr_t>(staged_.data());
  }
  std::string addStagedPack(const std::string& name) {
    auto info = library_.add(name, std::exchange(staged_, {}));
    if (!info) return error_json(info.error());
    Json j;
    pack_info_json(j, name, *info);
    return std::move(j.out);
  }
  bool removePack(const std::string& name) { return library_.remove(name); }
  std::string packs() const {
    Json j;
    j.open('[');
    for (const auto& p : library_.packs()) pack_info_json(j, p.name, p);
    j.close(']');
    return std::move(j.out);
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
    return r ? counts_json({{"versions", std::int64_t(builder_.size())}}) : error_json(r.error());
  }
  // Builds, keeps the bytes for builtBytes(), and resets the builder.
  std::string builderFinish() {
    auto r = builder_.take_build();
    if (!r) return error_json(r.error());
    built_ = std::move(*r);
    return counts_json({{"bytes", std::int64_t(built_.size())}});
  }
  void builderReset() { builder_ = PackBuilder(); }
  emscripten::val builtBytes() const {
    return emscripten::val(emscripten::typed_memory_view(built_.size(), built_.data()));
  }

  // Pack merging and pruning: packs and versions are staged, then built into builtBytes().
  // Packs of an earlier format that can be upgraded are taken too (Engine.upgradePack).
  std::string mergerAddPack(std::uintptr_t ptr, std::size_t len) {
    auto added = merger_.add_bytes(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(ptr), len));
    if (!added) return error_json(added.error());
    return counts_json({{"versions", std::int64_t(merger_.size())}});
  }
  // The versions given to builderAdd since the last build, as new versions of the merge.
  std::string mergerAddBuilt() {
    merger_.add(builder_);
    builder_ = PackBuilder();
    return counts_json({{"versions", std::int64_t(merger_.size())}});
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
    return counts_json({{"bytes", std::int64_t(built_.size())}, {"versions", r->versions}, {"stories", r->stories},
                        {"duplicates", r->duplicates}, {"pruned", r->pruned}});
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
    return counts_json({{"bytes", std::int64_t(built_.size())}, {"versions", r->versions}, {"stories", r->stories},
                        {"dropped", r->dropped}});
  }

 private:
  Library library_;
  PackBuilder builder_;
  PackMerger merger_;
  std::vector<std::uint8_t> built_;
  std::vector<std::uint8_t> staged_;  // a pack being written in by the wrapper (stagePack)
};

std::string tokenize(std::uintptr_t ptr16, std::size_t len16) {
  CanonicalizeOptions opt;
  opt.keep_forms = true;
  auto r = canonicalize_utf16(view16(ptr16, len16), opt);
  if (!r) return error_json(r.error());
  Json j;
  j.open('{');
  j.key("language"), j.str(language_name(r->language));
  j.key("tokens"), j.open('[');
  for (std::size_t i = 0; i < r->tokens.size(); ++i) {
    const Token& t = r->tokens[i];
    char key[17];
    std::snprintf(key, sizeof key, "%016llx", static_cast<unsigned long long>(t.hash));
    j.open('{');
    j.key("form"), j.str(r->forms[i]);
    j.key("key"), j.str(key);
    j.key("start"), j.num(std::int64_t(t.begin16));
    j.key("end"), j.num(std::int64_t(t.end16));
    j.key("startCp"), j.num(std::int64_t(t.begin_cp));
    j.key("endCp"), j.num(std::int64_t(t.end_cp));
    j.key("sentence"), j.num(std::int64_t(t.sentence));
    j.close('}');
  }
  j.close(']');
  j.key("sentences"), j.open('[');
  for (const Sentence& s : r->sentences) {
    j.open('['), j.num(std::int64_t(s.first_token)), j.num(std::int64_t(s.end_token)), j.close(']');
  }
  j.close(']');
  j.close('}');
  return std::move(j.out);
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
      .function("stagePack", &Engine::stagePack)
      .function("addStagedPack", &Engine::addStagedPack)
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
      .function("dropVersions", &Engine::dropVersions);
  emscripten::register_vector<std::string>("StringVector");  // dropVersions' ids; the eval bindings use it too
  emscripten::function("tokenize", &tokenize);
  emscripten::function("registerDictionaries", &registerDictionaries);
  emscripten::function("needsDictionaries", &needsDictionaries);
  emscripten::function("packSizeError", &packSizeError);
  emscripten::function("packSummary", &packSummary);
}
