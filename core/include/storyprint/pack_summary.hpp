// What a pack covers, for a reader deciding whether to keep it: its outlets and the dates of its
// versions. Read from the pack's version records only (no index or fingerprint is touched).
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "storyprint/pack.hpp"

namespace storyprint {

struct PackSummary {
  std::uint32_t versions = 0, stories = 0;
  // Outlets by number of versions, most first (ties by name); at most kMaxOutlets of them.
  std::vector<std::pair<std::string, std::uint32_t>> outlets;
  std::uint32_t other_outlets = 0;  // outlets beyond the list
  std::uint32_t unnamed = 0;        // versions with no outlet
  std::uint32_t undated = 0;        // versions with no publication date
  std::string earliest, latest;     // YYYY-MM-DD of the oldest and newest dated versions ("" if none)
  static constexpr std::size_t kMaxOutlets = 20;
};

PackSummary summarize(const Pack& pack);

// {"versions","stories","outlets":[{"name","versions"}],"other_outlets","unnamed","undated","earliest","latest"}
std::string pack_summary_json(const PackSummary& s);

}  // namespace storyprint
