// Candidate lookup through a pack's inverted index: which known versions share a text's content
// words, weighted by IDF. Used by checks and by story grouping at pack build.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "storyprint/fingerprint.hpp"
#include "storyprint/pack.hpp"

namespace storyprint {

// Words held by more stories than this are "common": walking their posting lists would cost
// O(versions) per word in a large pack, so they are not used to find candidates; their IDF is
// added to the best kCommonChecked candidates by looking them up in those versions' own tokens.
std::uint32_t df_cap(std::uint32_t n_stories);
inline constexpr std::size_t kCommonChecked = 64;

// A version can explain a page only when a fair share of its own content is on the page, or nearly
// all of the page is in it (a page drawn from one stretch of a long version): a 16,000-word live
// blog holds half of any article's words and is no source of it. On METER and heavy-dev every
// derived page's source holds at least 0.058 of its content on the page (core/ACCURACY.md).
inline constexpr float kMinVersionShare = 0.05f;  // of the version's content weight
inline constexpr float kContained = 0.7f;         // of the page's content

class IndexQuery {
 public:
  explicit IndexQuery(const Pack& pack);
  // The text's distinct content words (Fingerprint::keys and key_seq); common words are counted
  // for the best `common_checked` candidates.
  void run(const Fingerprint& fp, std::size_t common_checked = kCommonChecked);

  float query_mass() const { return query_mass_; }  // IDF mass of all the query's content words
  // Adds content of the page that no version may explain (its common text) to query_mass().
  void add_unexplained(float mass) { query_mass_ += mass; }
  const std::vector<std::uint32_t>& versions() const { return touched_; }
  float version_mass(std::uint32_t v) const { return version_mass_[v]; }
  // Whether the version can explain the page at all (kMinVersionShare, kContained).
  bool can_explain(std::uint32_t v) const { return can_explain(v, version_mass_[v]); }
  // IDF mass of the last query's words held by at least one of the pool's versions.
  float pooled_mass(std::span<const std::uint32_t> pool);
  // IDF of each query key, in Fingerprint::keys order (unknown words get the IDF of df = 0).
  const std::vector<float>& key_idf() const { return key_idf_; }

 private:
  // IDF mass of the common query words found in a version's tokens; marks them in found_ with stamp.
  float common_mass(std::uint32_t version, std::uint32_t stamp);
  bool can_explain(std::uint32_t v, float mass) const;
  const Pack* pack_;
  float query_mass_ = 0;
  std::vector<float> version_mass_;
  std::vector<std::uint32_t> touched_;
  std::vector<float> key_idf_;
  std::vector<std::pair<std::uint32_t, float>> rare_;    // vocabulary entry, IDF
  std::vector<std::pair<std::uint16_t, float>> common_;  // token hash, IDF
  std::vector<std::uint8_t> in_pool_;
  std::vector<std::uint16_t> common_at_;    // per 16-bit token hash: 1 + first index in common_, or 0
  std::vector<std::uint64_t> is_common_;    // per 16-bit token hash, a bit: whether common_at_ is set
  std::vector<std::uint32_t> found_;        // per common word: stamp of the last scan that found it
};

}  // namespace storyprint
