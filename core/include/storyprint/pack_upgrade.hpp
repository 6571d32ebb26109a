// Packs of an earlier format read for their versions, so that they can be built again in today's:
// a reader's own reading is kept as packs (no texts), and must survive a format change. Format 2
// (content keys of stems, no common sentences) holds everything a pack is built from; format 1
// (content keys of the words themselves) does not, and stays refused ("pack.version").
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "storyprint/pack.hpp"
#include "storyprint/result.hpp"

namespace storyprint {

inline constexpr std::uint32_t kOldestUpgradable = 2;

// The versions of a format-2 pack, in order, as build_pack takes them; any other bytes get the
// error Pack::open would give them, and a damaged format-2 pack "pack.checksum" or "pack.corrupt".
Result<std::vector<PackedVersion>> legacy_versions(std::span<const std::uint8_t> bytes);

// The format version a pack's header states (0 when the bytes are no pack).
std::uint32_t pack_format_of(std::span<const std::uint8_t> bytes);

}  // namespace storyprint
