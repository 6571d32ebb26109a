#include "storyprint/index.hpp"

#include <algorithm>

namespace storyprint {

std::uint32_t df_cap(std::uint32_t n_stories) { return std::max<std::uint32_t>(200, n_stories / 500); }

IndexQuery::IndexQuery(const Pack& pack)
    : pack_(&pack), version_mass_(pack.version_count(), 0.f), in_pool_(pack.version_count(), 0),
      common_at_(1u << 16, 0), is_common_((1u << 16) / 64, 0) {}

// One pass over the version's tokens against tables indexed by token hash: cheaper than any
// per-word lookup. Most tokens are not common words: a bitset (8 KB, in the first-level cache)
// says so before the table of 128 KB is read.
float IndexQuery::common_mass(std::uint32_t v, std::uint32_t stamp) {
  float mass = 0;
  for (std::uint16_t t : pack_->version(v).seq) {
    if (!((is_common_[t >> 6] >> (t & 63)) & 1)) continue;
    for (auto it = common_.begin() + (common_at_[t] - 1); it != common_.end() && it->first == t; ++it) {
      std::uint32_t& f = found_[static_cast<std::size_t>(it - common_.begin())];
      if (f != stamp) f = stamp, mass += it->second;
    }
  }
  return mass;
}

bool IndexQuery::can_explain(std::uint32_t v, float mass) const {
  return mass >= kContained * query_mass_ || mass >= kMinVersionShare * pack_->weight_of(v);
}

void IndexQuery::run(const Fingerprint& fp, std::size_t common_checked) {
  for (auto v : touched_) version_mass_[v] = 0;
  touched_.clear();
  rare_.clear();
  for (const auto& c : common_) common_at_[c.first] = 0, is_common_[c.first >> 6] = 0;
  common_.clear();
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
  std::sort(common_.begin(), common_.end());
  if (common_.size() >= 0xFFFF) common_.resize(0xFFFE);  // indices fit the table; a text has far fewer words
  for (std::size_t i = common_.size(); i-- > 0;) {
    common_at_[common_[i].first] = static_cast<std::uint16_t>(i + 1);
    is_common_[common_[i].first >> 6] |= std::uint64_t(1) << (common_[i].first & 63);
  }
  found_.assign(common_.size(), 0);
  // Common words count for the best candidates by their rare words, among those that could explain
  // the page even if they held every common word (a long version that cannot is not scanned).
  float common_total = 0;
  for (const auto& c : common_) common_total += c.second;
  const auto may = std::partition(touched_.begin(), touched_.end(),
                                  [&](std::uint32_t v) { return can_explain(v, version_mass_[v] + common_total); });
  const std::size_t n_may = static_cast<std::size_t>(may - touched_.begin());
  const std::size_t top = std::min(std::min(common_checked, kCommonChecked), n_may);
  std::partial_sort(touched_.begin(), touched_.begin() + static_cast<std::ptrdiff_t>(top), may,
                    [&](std::uint32_t a, std::uint32_t b) {
                      return version_mass_[a] > version_mass_[b] || (version_mass_[a] == version_mass_[b] && a < b);
                    });
  for (std::size_t i = 0; i < top; ++i) version_mass_[touched_[i]] += common_mass(touched_[i], static_cast<std::uint32_t>(i) + 1);
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
  if (common_.empty()) return mass;
  // One stamp for the whole pool: a common word counts once, in whichever version holds it.
  const std::uint32_t stamp = static_cast<std::uint32_t>(kCommonChecked) + 1;
  std::fill(found_.begin(), found_.end(), 0u);
  for (auto v : pool) mass += common_mass(v, stamp);
  return mass;
}

}  // namespace storyprint
