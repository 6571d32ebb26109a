#include "storyprint/pack_filter.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_set>

namespace storyprint {

Result<FilteredPack> drop_versions(const Pack& pack, std::span<const std::string> ids) {
  const std::unordered_set<std::string_view> drop(ids.begin(), ids.end());
  auto versions = packed_versions(pack);
  const auto before = versions.size();
  std::erase_if(versions, [&](const PackedVersion& v) { return drop.count(v.meta.id) > 0; });
  FilteredPack out;
  out.dropped = static_cast<std::uint32_t>(before - versions.size());
  auto bytes = build_pack(versions);
  if (!bytes) return bytes.error();
  auto built = Pack::open(*bytes);  // the counts, read back as any reader would
  if (!built) return built.error();
  out.versions = built->version_count();
  out.stories = built->story_count();
  out.bytes = std::move(*bytes);
  return out;
}

}  // namespace storyprint
