// Labelled corpora in the shared format (known.jsonl + pages.jsonl [+ spans.jsonl]).
#pragma once
#include <string>
#include <vector>

#include <map>
#include <nlohmann/json.hpp>

#include "storyprint/check.hpp"
#include "storyprint/evaluate.hpp"
#include "storyprint/pack.hpp"
#include "storyprint/result.hpp"

namespace storyprint::cli {

// The known versions of a known.jsonl, fingerprinted into b (errors name file and line), on
// `threads` threads: the versions are added in file order whatever their number.
Result<bool> add_known_jsonl(PackBuilder& b, const std::string& known_path, bool progress, unsigned threads = 1);
Result<std::vector<std::uint8_t>> build_pack_from_jsonl(const std::string& known_path, bool progress);
Result<std::vector<LabelledPage>> read_pages(const std::string& path);
// One line of pages.jsonl; an error when it has no text.
Result<LabelledPage> page_from_json(const nlohmann::json& o);
Result<std::map<std::string, GoldSpans>> read_spans(const std::string& path);

}  // namespace storyprint::cli
