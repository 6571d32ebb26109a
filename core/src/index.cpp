#include "storyprint/index.hpp"

#include <algorithm>

namespace storyprint {

std::uint32_t df_cap(std::uint32_t n_stories) { return std::max<std::uint32_t>(200, n_stories / 500); }

IndexQuery::IndexQuery(const Pack& pack)
    : pack_(&pack), version_mass_(pack.version_count(), 0.f), in_pool_(pack.version_count(), 0) {}

bool IndexQuery::holds(std::uint32_t v, std::uint16_t seq) {
  auto [it, fresh] = token_sets_.try_emplace(v);
  if (fresh) {
    const auto s = pack_->version(v).seq;
    it->second.assign(s.begin(), s.end());
    std::sort(it->second.begin(), it->second.end());
    it->second.erase(std::unique(it->second.begin(), it->second.end()), it->second.end());
  }
  return std::binary_search(it->second.begin(), it->second.end(), seq);
}

void IndexQuery::run(const Fingerprint& fp) {
  for (auto v : touched_) version_mass_[v] = 0;
  touched_.clear();
  rare_.clear();
  common_.clear();
  token_sets_.clear();
  key_idf_.assign(fp.keys.size(), 0.f);
  query_mass_ = 0;
  const std::uint32_t cap = df_cap(pack_->story_count());
  for (std::size_t k = 0; k < fp.keys.size(); ++k) {
    const std::int64_t w = pack_->find_key(fp.keys[k]);
    const float idf = w < 0 ? pack_->idf_of_df(0) : pack_->idf(static_cast<std::uint32_t>(w));
    key_idf_[k] = idf;
    query_mass_ += idf;
    if (w < 0) continue;
    const auto word = static_cast<std::uint32_t>(w);
    if (pack_->df(word) > cap) {
      common_.emplace_back(fp.key_seq[k], idf);
      continue;
    }
    rare_.emplace_back(word, idf);
    pack_->for_each_posting(word, [&](std::uint32_t v) {
      if (version_mass_[v] == 0) touched_.push_back(v);
      version_mass_[v] += idf;
    });
  }
  if (common_.empty()) return;
  // Common words count for the best candidates by their rare words.
  const std::size_t top = std::min(kCommonChecked, touched_.size());
  std::partial_sort(touched_.begin(), touched_.begin() + static_cast<std::ptrdiff_t>(top), touched_.end(),
                    [&](std::uint32_t a, std::uint32_t b) {
                      return version_mass_[a] > version_mass_[b] || (version_mass_[a] == version_mass_[b] && a < b);
                    });
  for (std::size_t i = 0; i < top; ++i)
    for (const auto& [seq, idf] : common_)
      if (holds(touched_[i], seq)) version_mass_[touched_[i]] += idf;
}

float IndexQuery::pooled_mass(std::span<const std::uint32_t> pool) {
  for (auto v : pool) in_pool_[v] = 1;
  float mass = 0;
  for (const auto& [word, idf] : rare_) {
    bool found = false;
    pack_->for_each_posting(word, [&](std::uint32_t v) { found |= in_pool_[v] != 0; });
    if (found) mass += idf;
  }
  for (auto v : pool) in_pool_[v] = 0;
  for (const auto& [seq, idf] : common_)
    for (auto v : pool)
      if (holds(v, seq)) {
        mass += idf;
        break;
      }
  return mass;
}

}  // namespace storyprint
