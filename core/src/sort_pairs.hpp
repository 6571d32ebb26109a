// Sorting (key, id) pairs made in ascending id order into (key, id) order, as std::sort of the
// pairs would: a stable LSD radix sort by key (three 11-bit digits) keeps ids ascending within a
// key, in three linear passes instead of n log n comparisons. The pack writer (a word's versions)
// and the common sentences (a sentence's stories) sort millions of such pairs.
#pragma once
#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace storyprint {

inline void sort_pairs(std::vector<std::pair<std::uint32_t, std::uint32_t>>& pairs) {
  if (pairs.size() < 4096) {
    std::sort(pairs.begin(), pairs.end());
    return;
  }
  std::vector<std::pair<std::uint32_t, std::uint32_t>> tmp(pairs.size());
  std::vector<std::size_t> count(std::size_t(1) << 11);
  for (int shift = 0; shift < 33; shift += 11) {
    std::fill(count.begin(), count.end(), 0);
    for (const auto& p : pairs) ++count[(p.first >> shift) & 0x7FF];
    std::size_t at = 0;
    for (auto& c : count) at += std::exchange(c, at);
    for (const auto& p : pairs) tmp[count[(p.first >> shift) & 0x7FF]++] = p;
    pairs.swap(tmp);
  }
}

}  // namespace storyprint
