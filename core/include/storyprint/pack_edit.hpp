// Packs combined and filtered at the fingerprint level, no text needed: several packs merged into
// one, newly fingerprinted versions added to a pack, versions published before a date dropped.
// Every result is made by build_pack, the builder's own grouping and serialiser, so it is the pack
// that building its versions from their texts at once would give (checksum and format version
// included): versions of one story that came from different packs are grouped into one story.
#pragma once
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "storyprint/pack.hpp"
#include "storyprint/result.hpp"

namespace storyprint {

struct PackEdit {
  std::vector<std::uint8_t> bytes;
  std::uint32_t versions = 0, stories = 0;
  std::uint32_t duplicates = 0;  // left out: an earlier version has the same id or the same URL
  std::uint32_t pruned = 0;      // left out: published before the date
  std::uint32_t dropped = 0;     // left out: its id was named (drop_ids)
};

class PackMerger {
 public:
  PackMerger();
  ~PackMerger();
  PackMerger(PackMerger&&) noexcept;
  PackMerger& operator=(PackMerger&&) noexcept;
  // Versions are kept in the order added. Of versions with the same id, or the same non-empty URL,
  // the first is kept: adding a pack's own versions again changes nothing.
  void add(const Pack& pack);
  void add(const PackBuilder& builder);
  // A pack as bytes: one this Storyprint reads, or one of an earlier format it can upgrade
  // (pack_upgrade.hpp), whose versions are then built into today's format. The error otherwise.
  Result<bool> add_bytes(std::span<const std::uint8_t> bytes);
  // Leaves out versions published before this day (parse_iso_day); undated versions are kept.
  void drop_before(std::int32_t day) { before_ = day; }
  // Leaves out the versions of these ids (a reader forgetting some articles).
  void drop_ids(std::span<const std::string> ids) { drop_.insert(ids.begin(), ids.end()); }
  std::size_t size() const;
  // The new pack. Moves the versions out (a large merge holds them once): the merger is empty after.
  Result<PackEdit> build();

 private:
  VersionStore& store();
  std::unique_ptr<VersionStore> store_;  // the versions added, as the builder holds them
  std::int32_t before_ = kNoDate;
  std::unordered_set<std::string> drop_;
};

Result<PackEdit> merge_packs(std::span<const Pack* const> packs);
Result<PackEdit> prune_pack(const Pack& pack, std::int32_t before_day);

// The day of a --before date ("2024-11-23", or a time on that day); "pack.date" when it is none.
Result<std::int32_t> parse_before_day(std::string_view date);

}  // namespace storyprint
