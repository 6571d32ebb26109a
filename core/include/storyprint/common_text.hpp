// Text held by many stories: site furniture, agency credits, newsletter prompts, background
// paragraphs pasted into every story of a saga. A sentence that several unrelated stories hold word
// for word is evidence of nothing: found at pack build time, it neither finds candidates nor counts
// as shared text, and is never shown as a passage (core/PACK_FORMAT.md, "common sentences").
#pragma once
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace storyprint {

// A sentence is common when at least this many stories hold it word for word, and at least one in
// kCommonShare of the pack's stories. Stories, not versions: a wire story reprinted by forty outlets
// is one story, and its sentences are its own. The share keeps a sentence that a few stories of a
// large pack repeat (a quote, a background paragraph: 11 stories each in the news-shaped bench at
// 100k versions) as evidence; site furniture is held by hundreds or thousands.
inline constexpr std::uint32_t kCommonStories = 4;
inline constexpr std::uint32_t kCommonShare = 1000;
std::uint32_t common_threshold(std::uint32_t stories);

// Key of a sentence: the low 32 bits of XXH3-64 over its 16-bit token hashes (little-endian).
std::uint32_t sentence_key(std::span<const std::uint16_t> tokens);

// One version as the search for common sentences reads it: all a pack stores.
struct SentenceSource {
  std::span<const std::uint16_t> seq;
  std::span<const std::uint32_t> sentence_starts;
  std::uint32_t story;
};
// Sorted distinct keys of the sentences held by kCommonStories or more stories.
std::vector<std::uint32_t> common_sentences(std::span<const SentenceSource> versions);
// The same from (sentence key, story) pairs listed story by story (stories ascending): the pack
// reader counts stories per distinct sentence and comes here only for keys several sentences share.
std::vector<std::uint32_t> common_sentences_of(std::vector<std::pair<std::uint32_t, std::uint32_t>> held, std::uint32_t stories);

// Per token of `seq`, 1 when it lies in a sentence whose key is in `common` (sorted); empty when
// there is none, so that callers can skip the text with a glance.
std::vector<std::uint8_t> common_mask(std::span<const std::uint16_t> seq, std::span<const std::uint32_t> sentence_starts,
                                      std::span<const std::uint32_t> common);

}  // namespace storyprint
