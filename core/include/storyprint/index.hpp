// Candidate lookup through a pack's inverted index: which known versions (and stories) share a
// text's content words, weighted by IDF. Used by checks and by story grouping at pack build.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "storyprint/pack.hpp"

namespace storyprint {

// Words held by more versions than this are skipped: they carry little IDF and dominate the
// cost of a lookup in large packs.
std::uint32_t df_cap(std::uint32_t n_versions);

class IndexQuery {
 public:
  explicit IndexQuery(const Pack& pack);
  // keys: distinct content-word keys of the query text (Fingerprint::keys).
  void run(std::span<const std::uint32_t> keys);

  float query_mass() const { return query_mass_; }  // IDF mass of the query words found in the pack vocabulary or not
  const std::vector<std::uint32_t>& versions() const { return touched_versions_; }
  float version_mass(std::uint32_t v) const { return version_mass_[v]; }
  const std::vector<std::uint32_t>& stories() const { return touched_stories_; }
  float story_mass(std::uint32_t s) const { return story_mass_[s]; }
  // IDF mass of the query words (as given to the last run()) held by at least one pool version.
  float pooled_mass(std::span<const std::uint32_t> keys, std::span<const std::uint32_t> pool);
  // IDF of each query key, in the order given (unknown words get the IDF of df = 0).
  const std::vector<float>& key_idf() const { return key_idf_; }

 private:
  const Pack* pack_;
  float query_mass_ = 0;
  std::vector<float> version_mass_, story_mass_;
  std::vector<std::uint32_t> story_seen_;  // last query word that reached a story, +1
  std::vector<std::uint32_t> touched_versions_, touched_stories_;
  std::vector<float> key_idf_;
  std::vector<std::uint8_t> in_pool_;
};

}  // namespace storyprint
