#include "storyprint/common_text.hpp"

#include <algorithm>
#include <bit>
#include <utility>

#include "sort_pairs.hpp"

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

std::vector<std::uint32_t> common_sentences(std::span<const SentenceSource> versions) {
  std::uint32_t stories = 0;
  for (const SentenceSource& v : versions) stories = std::max(stories, v.story + 1);
  // (key, story) pairs made story by story, then sorted stably by key: (key, story) order, in
  // linear passes (the writer does this for every sentence of every version).
  std::vector<std::uint32_t> first(stories + 1, 0), order(versions.size());
  std::size_t sentences = 0;
  for (const SentenceSource& v : versions) ++first[v.story + 1], sentences += v.sentence_starts.size();
  for (std::uint32_t s = 0; s < stories; ++s) first[s + 1] += first[s];
  for (std::uint32_t i = 0; i < versions.size(); ++i) order[first[versions[i].story]++] = i;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> held;
  held.reserve(sentences);
  for (const std::uint32_t i : order) {
    const SentenceSource& v = versions[i];
    each_sentence(v.seq, v.sentence_starts, [&](std::size_t, std::size_t, std::uint32_t key) { held.emplace_back(key, v.story); });
  }
  return common_sentences_of(std::move(held), stories);
}

std::vector<std::uint32_t> common_sentences_of(std::vector<std::pair<std::uint32_t, std::uint32_t>> held, std::uint32_t stories) {
  const std::uint32_t threshold = common_threshold(stories);
  sort_pairs(held);
  held.erase(std::unique(held.begin(), held.end()), held.end());
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i < held.size();) {
    std::size_t j = i;
    while (j < held.size() && held[j].first == held[i].first) ++j;
    if (j - i >= threshold) out.push_back(held[i].first);
    i = j;
  }
  return out;
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
