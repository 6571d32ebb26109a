// libFuzzer target: the pack reader, then a check against whatever it accepted.
// The harness rewrites the checksum of each input, so that mutations get past it and reach the
// structural validation behind it: anyone can publish a pack with a correct checksum.
// Property: the reader accepts exactly what the writer makes, so any pack it accepts, written again
// by the writer (write_again), is the same bytes; anything else is a fault of the reader. And any
// pack it accepts can be taken apart and built again (merge, prune): the result opens, and a pack
// merged with itself is that pack merged alone. A pack the reader refuses may be one of an earlier
// format to upgrade (pack_upgrade.hpp): what that makes must open.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "pack_layout.hpp"
#include "storyprint/check.hpp"
#include "storyprint/pack.hpp"
#include "storyprint/pack_edit.hpp"

#define XXH_INLINE_ALL
#include <xxhash.h>

using namespace storyprint;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<std::uint8_t> bytes(data, data + size);
  if (bytes.size() >= layout::kHeaderSize) {
    layout::Header h;
    std::memcpy(&h, bytes.data(), sizeof h);
    if (h.total_size >= layout::kHeaderSize && h.total_size <= bytes.size()) {
      h.checksum = XXH3_64bits(bytes.data() + layout::kHeaderSize, h.total_size - layout::kHeaderSize);
      std::memcpy(bytes.data(), &h, sizeof h);
    }
  }
  const std::vector<std::uint8_t> input = bytes;
  auto pack = Pack::load(std::move(bytes));
  if (!pack) {
    // A pack of an earlier format may be upgraded: whatever it holds, the result must open.
    PackMerger m;
    if (m.add_bytes(input)) {
      auto up = m.build();
      if (up && !Pack::open(up->bytes)) __builtin_trap();
    }
    return 0;
  }
  if (write_again(*pack) != input) __builtin_trap();  // accepted, yet not what the writer makes
  // Everything the checker reads: metadata, stories, postings; then a real check.
  std::size_t sum = 0;
  for (std::uint32_t v = 0; v < pack->version_count(); ++v) {
    const VersionView vv = pack->version(v);
    sum += vv.id.size() + vv.seq.size() + vv.sentence_starts.size();
  }
  for (std::uint32_t s = 0; s < pack->story_count(); ++s) sum += pack->story_versions(s).size();
  for (std::uint32_t w = 0; w < pack->vocab_count(); ++w) pack->for_each_posting(w, [&](std::uint32_t id) { sum += id; });
  static const char kPage[] =
      "NATO Secretary General Mark Rutte met President-elect Donald Trump in Palm Beach, Florida, "
      "on Friday to discuss global security issues facing the alliance, a NATO spokesperson said. "
      "\"They discussed the range of global security issues facing the Alliance,\" she said.";
  Checker checker(*pack);
  auto r = checker.check_utf8(kPage);
  if (r) (void)report_json(*r, *pack, "page", OffsetUnits::CodePoints);
  const Pack* twice[] = {&*pack, &*pack};
  auto one = merge_packs(std::span<const Pack* const>(twice, 1));
  auto both = merge_packs(twice);
  if (!one || !both || one->bytes != both->bytes || !Pack::open(one->bytes)) __builtin_trap();
  if (pack->version_count()) {
    auto pruned = prune_pack(*pack, pack->version(pack->version_count() / 2).day);
    if (!pruned || !Pack::open(pruned->bytes)) __builtin_trap();
  }
  static volatile std::size_t sink;
  sink = sum;  // keeps the walks from being optimised away
  return 0;
}
