// libFuzzer target: a full check of a fuzzed page against a real pack (the story grouping, index
// and alignment of real data), with fuzzed page metadata too. The pack comes from
// STORYPRINT_FUZZ_PACK (tests/fuzz/fuzz.sh builds it from the development data).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>

#include "storyprint/library.hpp"
#include "storyprint/text.hpp"

using namespace storyprint;

static Library* library = nullptr;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  const char* path = std::getenv("STORYPRINT_FUZZ_PACK");
  if (!path) {
    std::fprintf(stderr, "fuzz_check: set STORYPRINT_FUZZ_PACK to a pack file (tests/fuzz/fuzz.sh does)\n");
    std::exit(2);
  }
  std::ifstream in(path, std::ios::binary);
  std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  library = new Library();
  auto info = library->add("fuzz", std::move(bytes));
  if (!info) {
    std::fprintf(stderr, "fuzz_check: %s: %s\n", path, info.error().message.c_str());
    std::exit(2);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Input: "url\noutlet\ntext..." (metadata lines may be absent).
  std::string_view in(reinterpret_cast<const char*>(data), size);
  PageMeta meta;
  std::string* fields[] = {&meta.url, &meta.outlet};
  for (std::string* f : fields) {
    auto nl = in.find('\n');
    if (nl == std::string_view::npos || nl > 200) break;
    *f = std::string(in.substr(0, nl));
    in.remove_prefix(nl + 1);
  }
  bool replaced = false;
  auto u16 = utf8_to_utf16(in, &replaced);
  if (!u16) return 0;
  auto r = library->check(*u16, meta);
  if (!r) return 0;
  const Report& rep = r->report;
  for (const Passage& p : rep.passages)
    if (p.begin16 >= p.end16 || p.end16 > u16->size() || p.begin_cp >= p.end_cp) std::abort();
  if (rep.source >= 0 && r->pack && rep.source >= std::int64_t(r->pack->version_count())) std::abort();
  (void)library_report_json(*r, "page", OffsetUnits::Utf16);
  return 0;
}
