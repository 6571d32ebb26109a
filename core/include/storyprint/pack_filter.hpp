// A pack without some of its versions, named by id: what a reader's "forget" needs (the articles
// of one site, the ones read longest ago), where pruning by publication date does not fit. Built
// as pack_edit.hpp builds (build_pack of the versions kept), so the result is the pack those
// versions would make from their texts, its stories regrouped.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "storyprint/pack.hpp"
#include "storyprint/result.hpp"

namespace storyprint {

struct FilteredPack {
  std::vector<std::uint8_t> bytes;
  std::uint32_t versions = 0, stories = 0;
  std::uint32_t dropped = 0;  // versions of the pack whose id was named (ids it lacks are ignored)
};

Result<FilteredPack> drop_versions(const Pack& pack, std::span<const std::string> ids);

}  // namespace storyprint
