#include "storyprint/common_text.hpp"

#include <algorithm>
#include <bit>

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace storyprint {

std::uint32_t sentence_key(std::span<const std::uint16_t> tokens) {
  static_assert(std::endian::native == std::endian::little, "sentence keys hash little-endian token hashes");
  return static_cast<std::uint32_t>(XXH3_64bits(tokens.data(), tokens.size() * sizeof(std::uint16_t)));
}

namespace {
template <class F>
void each_sentence(std::span<const std::uint16_t> seq, std::span<const std::uint32_t> starts, F&& f) {
  for (std::size_t s = 0; s < starts.size(); ++s) {
    const std::size_t b = starts[s], e = s + 1 < starts.size() ? starts[s + 1] : seq.size();
    f(b, e, sentence_key(seq.subspan(b, e - b)));
  }
}
}  // namespace

std::uint32_t common_threshold(std::uint32_t stories) { return std::max(kCommonStories, stories / kCommonShare); }

std::vector<std::uint32_t> stories_holding(std::size_t n_distinct, std::span<const std::uint32_t> start_at,
                                           std::span<const std::uint32_t> sentence_of,
                                           std::span<const std::uint32_t> by_story,
                                           std::span<const std::uint32_t> story_of) {
  // A story's versions come one after another: a sentence's last story seen tells a new one.
  std::vector<std::uint32_t> last_story(n_distinct, ~0u), holding(n_distinct, 0);
  for (const std::uint32_t v : by_story)
    for (std::size_t i = start_at[v]; i < start_at[v + 1]; ++i) {
      const std::uint32_t d = sentence_of[i];
      if (last_story[d] != story_of[v]) last_story[d] = story_of[v], ++holding[d];
    }
  return holding;
}

std::vector<std::uint8_t> common_mask(std::span<const std::uint16_t> seq, std::span<const std::uint32_t> starts,
                                      std::span<const std::uint32_t> common) {
  std::vector<std::uint8_t> mask;
  if (common.empty()) return mask;
  each_sentence(seq, starts, [&](std::size_t b, std::size_t e, std::uint32_t key) {
    if (!std::binary_search(common.begin(), common.end(), key)) return;
    if (mask.empty()) mask.assign(seq.size(), 0);
    std::fill(mask.begin() + static_cast<std::ptrdiff_t>(b), mask.begin() + static_cast<std::ptrdiff_t>(e), 1);
  });
  return mask;
}

}  // namespace storyprint
