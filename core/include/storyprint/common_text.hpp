// Text held by many stories: site furniture, agency credits, newsletter prompts, background
// paragraphs pasted into every story of a saga. A sentence that several unrelated stories hold word
// for word is evidence of nothing: found at pack build time, it neither finds candidates nor counts
// as shared text, and is never shown as a passage (core/PACK_FORMAT.md, "common sentences").
#pragma once
#include <algorithm>
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

// How many stories hold each distinct sentence word for word. Version v's sentences are the distinct
// sentence numbers sentence_of[start_at[v] .. start_at[v + 1]); versions are visited story by story
// (`by_story`: every version once, a story's versions one after another), `story_of[v]` their story.
// The pack writer and the reader count them so, from what a pack stores.
std::vector<std::uint32_t> stories_holding(std::size_t n_distinct, std::span<const std::uint32_t> start_at,
                                           std::span<const std::uint32_t> sentence_of,
                                           std::span<const std::uint32_t> by_story,
                                           std::span<const std::uint32_t> story_of);
// The common sentences' keys, ascending and distinct: key_of(d) of each distinct sentence d that
// common_threshold(stories) or more stories hold. A sentence is judged on its own stories: another
// sentence under the same 32-bit key adds nothing to them (a page's sentence under a common key is
// still left out as common).
template <class KeyOf>
std::vector<std::uint32_t> common_keys(std::span<const std::uint32_t> holding, std::uint32_t stories, KeyOf&& key_of) {
  const std::uint32_t threshold = common_threshold(stories);
  std::vector<std::uint32_t> keys;
  for (std::size_t d = 0; d < holding.size(); ++d)
    if (holding[d] >= threshold) keys.push_back(key_of(static_cast<std::uint32_t>(d)));
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

// Per token of `seq`, 1 when it lies in a sentence whose key is in `common` (sorted); empty when
// there is none, so that callers can skip the text with a glance.
std::vector<std::uint8_t> common_mask(std::span<const std::uint16_t> seq, std::span<const std::uint32_t> sentence_starts,
                                      std::span<const std::uint32_t> common);

}  // namespace storyprint
