#include "storyprint/index.hpp"

#include <algorithm>

namespace storyprint {

std::uint32_t df_cap(std::uint32_t n_versions) { return std::max<std::uint32_t>(2000, n_versions / 20); }

IndexQuery::IndexQuery(const Pack& pack)
    : pack_(&pack),
      version_mass_(pack.version_count(), 0.f),
      story_mass_(pack.story_count(), 0.f),
      story_seen_(pack.story_count(), 0),
      in_pool_(pack.version_count(), 0) {}

float IndexQuery::pooled_mass(std::span<const std::uint32_t> keys, std::span<const std::uint32_t> pool) {
  for (auto v : pool) in_pool_[v] = 1;
  const std::uint32_t cap = df_cap(pack_->version_count());
  float mass = 0;
  for (std::size_t k = 0; k < keys.size(); ++k) {
    const std::int64_t w = pack_->find_key(keys[k]);
    if (w < 0 || pack_->df(static_cast<std::uint32_t>(w)) > cap) continue;
    bool found = false;
    pack_->for_each_posting(static_cast<std::uint32_t>(w), [&](std::uint32_t v) { found |= in_pool_[v] != 0; });
    if (found) mass += key_idf_[k];
  }
  for (auto v : pool) in_pool_[v] = 0;
  return mass;
}

void IndexQuery::run(std::span<const std::uint32_t> keys) {
  for (auto v : touched_versions_) version_mass_[v] = 0;
  for (auto s : touched_stories_) story_mass_[s] = 0, story_seen_[s] = 0;
  touched_versions_.clear();
  touched_stories_.clear();
  key_idf_.assign(keys.size(), 0.f);
  query_mass_ = 0;
  const std::uint32_t cap = df_cap(pack_->version_count());
  const float unseen_idf = pack_->idf_of_df(0);
  for (std::size_t k = 0; k < keys.size(); ++k) {
    const std::int64_t w = pack_->find_key(keys[k]);
    if (w < 0) {
      key_idf_[k] = unseen_idf;
      query_mass_ += unseen_idf;
      continue;
    }
    const auto word = static_cast<std::uint32_t>(w);
    const float idf = pack_->idf(word);
    key_idf_[k] = idf;
    query_mass_ += idf;
    if (pack_->df(word) > cap) continue;
    const std::uint32_t mark = static_cast<std::uint32_t>(k) + 1;
    pack_->for_each_posting(word, [&](std::uint32_t v) {
      if (version_mass_[v] == 0) touched_versions_.push_back(v);
      version_mass_[v] += idf;
      const std::uint32_t s = pack_->story_of(v);
      if (story_seen_[s] != mark) {
        if (story_seen_[s] == 0) touched_stories_.push_back(s);
        story_seen_[s] = mark;
        story_mass_[s] += idf;
      }
    });
  }
}

}  // namespace storyprint
