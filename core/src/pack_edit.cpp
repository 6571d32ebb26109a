// Merging and pruning packs: their versions taken out into a version store, filtered, and built again.
#include "storyprint/pack_edit.hpp"

#include <cstring>
#include <string>
#include <string_view>
#include <unordered_set>

#include "pack_layout.hpp"
#include "storyprint/pack_upgrade.hpp"
#include "version_store.hpp"

namespace storyprint {

PackMerger::PackMerger() : store_(std::make_unique<VersionStore>()) {}
PackMerger::~PackMerger() = default;
PackMerger::PackMerger(PackMerger&&) noexcept = default;
PackMerger& PackMerger::operator=(PackMerger&&) noexcept = default;

std::size_t PackMerger::size() const { return store_ ? store_->size() : 0; }

VersionStore& PackMerger::store() {
  if (!store_) store_ = std::make_unique<VersionStore>();
  return *store_;
}

void PackMerger::add(const Pack& pack) { store().add_pack(pack); }

Result<bool> PackMerger::add_bytes(std::span<const std::uint8_t> bytes) {
  auto pack = Pack::open(bytes);
  if (pack) {
    add(*pack);
    return true;
  }
  if (pack.error().code != "pack.version" || pack_format_of(bytes) < kOldestUpgradable) return pack.error();
  auto old = legacy_versions(bytes);
  if (!old) return old.error();
  for (const auto& v : *old) store().add(v);
  return true;
}

void PackMerger::add(const PackBuilder& builder) {
  for (std::uint32_t v = 0; v < builder.size(); ++v) store().add(builder.store_->version(v));
}

Result<PackEdit> PackMerger::build() {
  PackEdit out;
  VersionStore all = std::move(store());
  store_ = std::make_unique<VersionStore>();
  std::vector<std::uint32_t> kept;
  {
    std::unordered_set<std::string_view> ids, urls;  // views into `all`
    for (std::uint32_t v = 0; v < all.size(); ++v) {
      const auto f = all.fields(v);
      const std::string_view id = f[0], url = f[2];
      // Pruned first: an old version left out must not keep a newer one of the same id out too.
      if (before_ != kNoDate && all.day[v] != kNoDate && all.day[v] < before_) {
        ++out.pruned;
        continue;
      }
      if (drop_.count(std::string(id))) {
        ++out.dropped;
        continue;
      }
      const bool seen_url = !url.empty() && urls.count(url);
      if (!ids.insert(id).second || seen_url) {
        ++out.duplicates;
        continue;
      }
      if (!url.empty()) urls.insert(url);
      kept.push_back(v);
    }
  }
  // Versions left out must leave no trace (their sentences are numbered in the store): the rest
  // are held again, apart. A plain merge keeps every version and builds from the store it has.
  if (kept.size() != all.size()) {
    VersionStore some;
    for (const std::uint32_t v : kept) some.add(all.version(v));
    all = std::move(some);
  }
  auto bytes = build_pack(std::move(all));
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
