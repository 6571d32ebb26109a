#include "storyprint/pack_summary.hpp"

#include <algorithm>
#include <map>

#include "json_writer.hpp"

namespace storyprint {

PackSummary summarize(const Pack& pack) {
  PackSummary s;
  s.versions = pack.version_count();
  s.stories = pack.story_count();
  std::map<std::string_view, std::uint32_t> counts;
  std::int32_t lo = kNoDate, hi = kNoDate;
  for (std::uint32_t v = 0; v < s.versions; ++v) {
    const VersionLabel x = pack.label(v);
    if (x.outlet.empty()) ++s.unnamed;
    else ++counts[x.outlet];
    if (x.day == kNoDate) {
      ++s.undated;
      continue;
    }
    // The record's day is the one of `published`, whose first ten characters are that date.
    if (lo == kNoDate || x.day < lo) lo = x.day, s.earliest = std::string(x.published.substr(0, 10));
    if (hi == kNoDate || x.day > hi) hi = x.day, s.latest = std::string(x.published.substr(0, 10));
  }
  std::vector<std::pair<std::string, std::uint32_t>> all;
  for (const auto& [name, n] : counts) all.emplace_back(std::string(name), n);
  std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  if (all.size() > PackSummary::kMaxOutlets) {
    s.other_outlets = static_cast<std::uint32_t>(all.size() - PackSummary::kMaxOutlets);
    all.resize(PackSummary::kMaxOutlets);
  }
  s.outlets = std::move(all);
  return s;
}

std::string pack_summary_json(const PackSummary& s) {
  Json j;
  j.open('{');
  j.key("versions"), j.num(std::int64_t(s.versions));
  j.key("stories"), j.num(std::int64_t(s.stories));
  j.key("outlets"), j.open('[');
  for (const auto& [name, n] : s.outlets) {
    j.open('{');
    j.key("name"), j.str(name);
    j.key("versions"), j.num(std::int64_t(n));
    j.close('}');
  }
  j.close(']');
  j.key("other_outlets"), j.num(std::int64_t(s.other_outlets));
  j.key("unnamed"), j.num(std::int64_t(s.unnamed));
  j.key("undated"), j.num(std::int64_t(s.undated));
  j.key("earliest"), j.str(s.earliest);
  j.key("latest"), j.str(s.latest);
  j.close('}');
  return std::move(j.out);
}

}  // namespace storyprint
