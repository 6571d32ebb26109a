// Packs of an earlier format read for their versions, so that they can be built again in today's:
// a reader's own reading is kept as packs (no texts), and must survive a format change. Formats 2
// (content keys of stems, no common sentences), 3 (every version's tokens written out) and 4 (16-bit
// tokens of each distinct sentence once) hold everything a pack is built from; format 1 (content keys of the words themselves) does not, and
// stays refused ("pack.version").
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "storyprint/pack.hpp"
#include "storyprint/result.hpp"

namespace storyprint {

inline constexpr std::uint32_t kOldestUpgradable = 2;

// The versions of a format-2, 3 or 4 pack, in order, as build_pack takes them; any other bytes
// get the error Pack::open would give them, and a damaged old pack "pack.checksum" or "pack.corrupt".
Result<std::vector<PackedVersion>> legacy_versions(std::span<const std::uint8_t> bytes);

// The format version a pack's header states (0 when the bytes are no pack).
std::uint32_t pack_format_of(std::span<const std::uint8_t> bytes);

}  // namespace storyprint
