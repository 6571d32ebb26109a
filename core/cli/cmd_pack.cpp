// `storyprint pack build KNOWN.jsonl -o OUT.pack` and `storyprint pack info P.pack`.
#include <cstdio>

#include "cli_io.hpp"
#include "commands.hpp"
#include "corpus.hpp"

namespace storyprint::cli {

int cmd_pack(const std::vector<std::string>& args) {
  if (args.size() >= 2 && args[0] == "info") {
    auto bytes = read_file(args[1]);
    if (!bytes) return fail(bytes.error());
    auto pack = Pack::load(std::vector<std::uint8_t>(bytes->begin(), bytes->end()));
    if (!pack) return fail(pack.error());
    std::printf("{\"versions\":%u,\"stories\":%u,\"vocabulary\":%u,\"bytes\":%zu,\"bytes_per_version\":%.1f}\n",
                pack->version_count(), pack->story_count(), pack->vocab_count(), pack->byte_size(),
                pack->version_count() ? double(pack->byte_size()) / pack->version_count() : 0.0);
    return 0;
  }
  std::string in, out;
  for (std::size_t i = 1; i < args.size(); ++i) {
    if ((args[i] == "-o" || args[i] == "--output") && i + 1 < args.size()) out = args[++i];
    else in = args[i];
  }
  if (args.empty() || args[0] != "build" || in.empty() || out.empty()) {
    std::fputs("usage: storyprint pack build KNOWN.jsonl -o OUT.pack\n       storyprint pack info P.pack\n", stderr);
    return 2;
  }
  auto bytes = build_pack_from_jsonl(in, true);
  if (!bytes) return fail(bytes.error());
  auto w = write_file(out, bytes->data(), bytes->size());
  if (!w) return fail(w.error());
  auto pack = Pack::open(*bytes);
  if (!pack) return fail(pack.error());
  std::fprintf(stderr, "wrote %s: %u versions in %u stories, %zu bytes (%.0f bytes per version)\n", out.c_str(),
               pack->version_count(), pack->story_count(), bytes->size(),
               pack->version_count() ? double(bytes->size()) / pack->version_count() : 0.0);
  return 0;
}

}  // namespace storyprint::cli
