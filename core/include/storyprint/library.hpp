// A reader's set of packs (bundled demo pack, imported and subscribed ones), checked together:
// the report from the pack that explains the page best wins. Shared by the wasm engine and the CLI.
#pragma once
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "storyprint/check.hpp"

namespace storyprint {

struct PackInfo {
  std::string name;
  std::uint32_t versions, stories;
  std::size_t bytes;
};

struct LibraryReport {
  Report report;
  const Pack* pack = nullptr;  // null when no pack is loaded
  std::string pack_name;
};

class Library {
 public:
  // Replaces a pack of the same name. A bad pack is refused with its error; the others stay.
  Result<PackInfo> add(std::string name, std::vector<std::uint8_t> bytes);
  // The same from bytes the caller keeps; an oversized pack is refused before it is copied (in
  // wasm a second copy of it could exhaust the module's memory).
  Result<PackInfo> add(std::string name, std::span<const std::uint8_t> bytes);
  bool remove(const std::string& name);
  std::vector<PackInfo> packs() const;
  Result<LibraryReport> check(std::u16string_view text, const PageMeta& meta);

 private:
  struct Entry {
    std::string name;
    std::unique_ptr<Pack> pack;
    std::unique_ptr<Checker> checker;
  };
  std::vector<Entry> entries_;
};

// JSON of a library check: the report object with "pack" (the pack's name) added.
std::string library_report_json(const LibraryReport& r, std::string_view page_id, OffsetUnits units);

}  // namespace storyprint
