#include "pack_files.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "cli_io.hpp"

namespace storyprint::cli {

namespace {
bool ends_with(const std::string& s, const char* tail) {
  const std::size_t n = std::strlen(tail);
  if (s.size() < n) return false;
  for (std::size_t i = 0; i < n; ++i)
    if (std::tolower(static_cast<unsigned char>(s[s.size() - n + i])) != tail[i]) return false;
  return true;
}
}  // namespace

InputKind input_kind(const std::string& path) {
  if (ends_with(path, ".pack")) return InputKind::Pack;
  struct stat st{};
  if (stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) return InputKind::PageOrFeed;
  for (const char* ext : {".html", ".htm", ".xhtml", ".xml", ".rss", ".atom"})
    if (ends_with(path, ext)) return InputKind::PageOrFeed;
  char magic[8] = {};
  std::ifstream in(path, std::ios::binary);
  if (in.read(magic, 8) && std::memcmp(magic, "SPRTPACK", 8) == 0) return InputKind::Pack;
  return InputKind::Jsonl;
}

Error page_input_error(const std::string& path) {
  return make_error("pack.input", path +
                                      ": the native CLI reads known versions as JSON lines; HTML pages and feeds are "
                                      "read by the runner (node core/js/runner.mjs pack build|add ...)");
}

Result<Pack> open_pack_file(const std::string& path) {
  auto bytes = read_pack_file(path);
  if (!bytes) return bytes.error();
  auto pack = Pack::load(std::move(*bytes));
  if (!pack) return make_error(pack.error().code, path + ": " + pack.error().message);
  return pack;
}

namespace {
// Whether the file holds exactly these bytes, read a block at a time: the pack is in memory once
// already, and a large one read whole to be compared was two or three copies more at a build's peak.
bool same_as_file(const std::string& path, const std::vector<std::uint8_t>& bytes) {
  std::ifstream in(path, std::ios::binary);
  std::vector<char> block(std::size_t(1) << 20);
  std::size_t at = 0;
  while (in && at < bytes.size()) {
    in.read(block.data(), static_cast<std::streamsize>(std::min(block.size(), bytes.size() - at)));
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got == 0 || std::memcmp(block.data(), bytes.data() + at, got) != 0) return false;
    at += got;
  }
  return at == bytes.size() && in.peek() == std::char_traits<char>::eof();
}
}  // namespace

Result<bool> write_pack_file(const std::string& path, const std::vector<std::uint8_t>& bytes, const PackSummary& s) {
  auto pack = Pack::open(bytes);  // what is written must be a pack this version reads
  if (!pack) return pack.error();
  std::string counts = std::to_string(pack->version_count()) + " versions in " + std::to_string(pack->story_count()) + " stories";
  std::string left_out;
  if (s.duplicates) left_out += "; " + std::to_string(s.duplicates) + " duplicates left out";
  if (s.pruned) left_out += "; " + std::to_string(s.pruned) + " published before " + s.before + " left out";
  struct stat st{};
  if (stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && std::uint64_t(st.st_size) == bytes.size() &&
      same_as_file(path, bytes)) {
    std::fprintf(stderr, "%s unchanged: %s%s\n", path.c_str(), counts.c_str(), left_out.c_str());
    return true;
  }
  if (auto w = write_file(path, bytes.data(), bytes.size()); !w) return w.error();
  std::fprintf(stderr, "wrote %s: %s, %zu bytes (%.0f bytes per version)%s\n", path.c_str(), counts.c_str(), bytes.size(),
               pack->version_count() ? double(bytes.size()) / pack->version_count() : 0.0, left_out.c_str());
  const std::string sig = path + ".sig";
  if (stat(sig.c_str(), &st) == 0) {
    if (std::remove(sig.c_str()) == 0)
      std::fprintf(stderr, "removed %s: it signed the pack as it was; sign the new one (storyprint pack sign %s --key NAME.key)\n",
                   sig.c_str(), path.c_str());
    else
      std::fprintf(stderr, "warning: %s signed the pack as it was and could not be removed: it no longer verifies\n", sig.c_str());
  }
  return true;
}

}  // namespace storyprint::cli
