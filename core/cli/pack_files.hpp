// Pack files for the pack commands: inputs told apart, packs opened with their file named in any
// error, and packs written atomically with their signature kept honest.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "storyprint/pack.hpp"
#include "storyprint/result.hpp"

namespace storyprint::cli {

enum class InputKind { Pack, Jsonl, PageOrFeed };
// A pack by its name (.pack) or its magic bytes; an HTML page, a feed or a folder of them (which
// the runner extracts: the native CLI has no HTML parser); else JSON lines of known versions.
InputKind input_kind(const std::string& path);
// The "pack.input" error for pages and feeds given to the native CLI.
Error page_input_error(const std::string& path);

Result<Pack> open_pack_file(const std::string& path);

struct PackSummary {
  std::uint32_t duplicates = 0, pruned = 0;
  std::string before;  // the prune date, as given
};

// Writes a pack to path and says what it wrote. The same bytes as the file already there are not
// written again (its signature stays valid); other bytes replace it atomically, and a path.sig
// beside it, which signed the old bytes, is removed with a note.
Result<bool> write_pack_file(const std::string& path, const std::vector<std::uint8_t>& bytes, const PackSummary& s = {});

}  // namespace storyprint::cli
