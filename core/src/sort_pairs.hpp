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

// `tmp` is scratch, kept by callers that sort many times (its memory is then allocated once).
inline void sort_pairs(std::vector<std::pair<std::uint32_t, std::uint32_t>>& pairs,
                       std::vector<std::pair<std::uint32_t, std::uint32_t>>& tmp) {
  if (pairs.size() < 4096) {
    std::sort(pairs.begin(), pairs.end());
    return;
  }
  tmp.resize(pairs.size());
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
inline void sort_pairs(std::vector<std::pair<std::uint32_t, std::uint32_t>>& pairs) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> tmp;
  sort_pairs(pairs, tmp);
}

// The same for (symbol, position) pairs made in ascending position order, keyed by a 16-bit token
// hash: two 8-bit digits. The aligner sorts a few thousand of these per version compared, and
// std::sort of them was a twentieth of a check (in wasm, where comparisons that branch cost most).
inline void sort_by_symbol(std::vector<std::pair<std::uint16_t, std::uint32_t>>& pairs) {
  if (pairs.size() < 64) {
    std::sort(pairs.begin(), pairs.end());
    return;
  }
  std::vector<std::pair<std::uint16_t, std::uint32_t>> tmp(pairs.size());
  std::uint32_t count[256];
  for (int shift = 0; shift < 16; shift += 8) {
    std::fill(std::begin(count), std::end(count), 0u);
    for (const auto& p : pairs) ++count[(p.first >> shift) & 0xFF];
    std::uint32_t at = 0;
    for (auto& c : count) at += std::exchange(c, at);
    for (const auto& p : pairs) tmp[count[(p.first >> shift) & 0xFF]++] = p;
    pairs.swap(tmp);
  }
}

}  // namespace storyprint
