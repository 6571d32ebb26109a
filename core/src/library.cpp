#include "storyprint/library.hpp"

#include <algorithm>

namespace storyprint {

Result<PackInfo> Library::add(std::string name, std::vector<std::uint8_t> bytes) {
  auto pack = Pack::load(std::move(bytes));
  if (!pack) return pack.error();
  remove(name);
  Entry e{std::move(name), std::make_unique<Pack>(std::move(*pack)), nullptr};
  e.checker = std::make_unique<Checker>(*e.pack);
  PackInfo info{e.name, e.pack->version_count(), e.pack->story_count(), e.pack->byte_size()};
  entries_.push_back(std::move(e));
  return info;
}

Result<PackInfo> Library::add(std::string name, std::span<const std::uint8_t> bytes) {
  if (bytes.size() > kMaxPackBytes) return pack_too_large(bytes.size());
  return add(std::move(name), std::vector<std::uint8_t>(bytes.begin(), bytes.end()));
}

bool Library::remove(const std::string& name) {
  auto it = std::find_if(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.name == name; });
  if (it == entries_.end()) return false;
  entries_.erase(it);
  return true;
}

std::vector<PackInfo> Library::packs() const {
  std::vector<PackInfo> out;
  for (const auto& e : entries_) out.push_back({e.name, e.pack->version_count(), e.pack->story_count(), e.pack->byte_size()});
  return out;
}

Result<LibraryReport> Library::check(std::u16string_view text, const PageMeta& meta) {
  auto ct = canonicalize_utf16(text);  // once, whatever the number of packs
  if (!ct) return ct.error();
  LibraryReport best;
  float best_score = -1;
  for (auto& e : entries_) {
    Report r = e.checker->check_canonical(text, *ct, meta);
    // Being a known version beats everything; then the most likely derivation; then any match.
    const float score = r.known_version >= 0 ? 3.f
                        : r.story >= 0        ? 1.f + r.probabilities[0] + r.probabilities[1]
                                              : 0.f;
    if (score > best_score) {
      best_score = score;
      best.report = std::move(r);
      best.pack = e.pack.get();
      best.pack_name = e.name;
    }
  }
  if (!best.pack) {
    // Nothing loaded: still tell the page's size, so callers can report "no packs".
    best.report.page_tokens = static_cast<std::uint32_t>(ct->tokens.size());
    best.report.length16 = ct->length16;
    best.report.length_cp = ct->length_cp;
    best.report.replaced_invalid = ct->replaced_invalid;
    best.report.marks_dropped = ct->marks_dropped;
  }
  return best;
}

std::string library_report_json(const LibraryReport& r, std::string_view page_id, OffsetUnits units) {
  static const Pack empty = [] {
    PackBuilder b;
    auto pack = Pack::load(std::move(*b.build()));
    return std::move(pack.value());
  }();
  std::string js = report_json(r.report, r.pack ? *r.pack : empty, page_id, units);
  const std::string name = "{\"pack\":" + json_string(r.pack_name) + ",";
  // "pack" names the pack that matched; with no match anywhere there is none to name.
  const bool matched = r.report.story >= 0 || r.report.known_version >= 0;
  return r.pack && matched ? name + js.substr(1) : "{\"pack\":null," + js.substr(1);
}

}  // namespace storyprint
