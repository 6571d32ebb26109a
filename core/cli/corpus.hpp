// Labelled corpora in the shared format (known.jsonl + pages.jsonl [+ spans.jsonl]).
#pragma once
#include <string>
#include <vector>

#include "storyprint/check.hpp"
#include "storyprint/pack.hpp"
#include "storyprint/result.hpp"

namespace storyprint::cli {

struct Page {
  std::string id, text;
  PageMeta meta;
  std::string label;                 // syndicated | rewrite | original | "" (unlabelled)
  std::vector<std::string> sources;  // known ids it derives from
  std::string story;                 // grouping key for cross-validation (first story source)
  std::string revision;              // clough-stevenson: light | heavy
};

Result<std::vector<std::uint8_t>> build_pack_from_jsonl(const std::string& known_path, bool progress);
Result<std::vector<Page>> read_pages(const std::string& path);

}  // namespace storyprint::cli
