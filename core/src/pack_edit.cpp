// Merging and pruning packs: their versions taken out (packed_versions), filtered, and built again.
#include "storyprint/pack_edit.hpp"

#include <cstring>
#include <string>
#include <unordered_set>

#include "pack_layout.hpp"
#include "storyprint/pack_upgrade.hpp"

namespace storyprint {

void PackMerger::add(const Pack& pack) {
  auto more = packed_versions(pack);
  versions_.insert(versions_.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
}

Result<bool> PackMerger::add_bytes(std::span<const std::uint8_t> bytes) {
  auto pack = Pack::open(bytes);
  if (pack) {
    add(*pack);
    return true;
  }
  if (pack.error().code != "pack.version" || pack_format_of(bytes) < kOldestUpgradable) return pack.error();
  auto old = legacy_versions(bytes);
  if (!old) return old.error();
  versions_.insert(versions_.end(), std::make_move_iterator(old->begin()), std::make_move_iterator(old->end()));
  return true;
}

void PackMerger::add(const PackBuilder& builder) {
  auto more = builder.versions();
  versions_.insert(versions_.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
}

Result<PackEdit> PackMerger::build() {
  PackEdit out;
  std::unordered_set<std::string> ids, urls;
  std::size_t kept = 0;
  for (auto& v : versions_) {
    // Pruned first: an old version left out must not keep a newer one of the same id out too.
    const std::int32_t day = parse_iso_day(v.meta.published);
    if (before_ != kNoDate && day != kNoDate && day < before_) {
      ++out.pruned;
      continue;
    }
    if (drop_.count(v.meta.id)) {
      ++out.dropped;
      continue;
    }
    const bool seen_url = !v.meta.url.empty() && urls.count(v.meta.url);
    if (!ids.insert(v.meta.id).second || seen_url) {
      ++out.duplicates;
      continue;
    }
    if (!v.meta.url.empty()) urls.insert(v.meta.url);
    if (&versions_[kept] != &v) versions_[kept] = std::move(v);
    ++kept;
  }
  versions_.resize(kept);
  auto bytes = build_pack(std::move(versions_));  // each freed once the build holds it
  versions_.clear();
  if (!bytes) return bytes.error();
  layout::Header h;
  std::memcpy(&h, bytes->data(), sizeof h);
  out.versions = h.n_versions;
  out.stories = h.n_stories;
  out.bytes = std::move(*bytes);
  return out;
}

Result<PackEdit> merge_packs(std::span<const Pack* const> packs) {
  PackMerger m;
  for (const Pack* p : packs) m.add(*p);
  return m.build();
}

Result<PackEdit> prune_pack(const Pack& pack, std::int32_t before_day) {
  PackMerger m;
  m.add(pack);
  m.drop_before(before_day);
  return m.build();
}

Result<std::int32_t> parse_before_day(std::string_view date) {
  const std::int32_t day = parse_iso_day(date);
  if (day == kNoDate)
    return make_error("pack.date", "not a date: \"" + std::string(date) + "\" (expected YYYY-MM-DD)");
  return day;
}

}  // namespace storyprint
