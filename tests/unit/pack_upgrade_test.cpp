// Packs of formats 2, 3 and 4 (tests/data/format2.pack, written by the format-2 writer of commit
// 045a78a, tests/data/format3.pack, by the format-3 writer of 7e94050, and tests/data/format4.pack,
// by the format-4 writer of 35d61e9, all from the seeds' known versions and METER's first eight
// wire versions) are upgraded to exactly the pack today's builder
// makes of the same texts: the reader's stored reading survives the format changes.
#include <catch2/catch.hpp>

#include <cstring>
#include <sstream>

#include <nlohmann/json.hpp>

#include "seeds.hpp"
#include "storyprint/pack_edit.hpp"
#include "storyprint/pack_upgrade.hpp"

#define XXH_INLINE_ALL
#include <xxhash.h>

using namespace storyprint;

namespace {
std::vector<std::uint8_t> fixture(int format) {
  const std::string s = test::slurp(test::project_file("tests/data/format" + std::to_string(format) + ".pack"));
  return std::vector<std::uint8_t>(s.begin(), s.end());
}
std::vector<std::uint8_t> format2_bytes() { return fixture(2); }

// The texts the fixture was built from, in its order.
std::vector<std::uint8_t> built_today() {
  PackBuilder b;
  for (const auto& s : test::seeds())
    if (s.known) REQUIRE(b.add(VersionMeta{s.id, s.outlet, s.url, s.title, s.published}, s.text).ok());
  std::istringstream in(test::slurp(test::shared_data("meter-dev/known.jsonl")));
  std::string line;
  for (int i = 0; i < 8 && std::getline(in, line); ++i) {
    const auto j = nlohmann::json::parse(line);
    REQUIRE(b.add(VersionMeta{j["id"], j.value("outlet", ""), j.value("url", ""), j.value("title", ""), j.value("published", "")},
                  j["text"].get<std::string>()).ok());
  }
  auto bytes = b.build();
  REQUIRE(bytes.ok());
  return *bytes;
}
}  // namespace

TEST_CASE("packs of formats 2, 3 and 4 are upgraded to the pack their texts make today", "[pack][upgrade]") {
  const int format = GENERATE(2, 3, 4);
  CAPTURE(format);
  const auto old = fixture(format);
  REQUIRE(pack_format_of(old) == static_cast<std::uint32_t>(format));
  auto refused = Pack::open(old);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == "pack.version");
  PackMerger m;
  REQUIRE(m.add_bytes(old).ok());
  CHECK(m.size() == 10);
  auto up = m.build();
  REQUIRE(up.ok());
  CHECK(up->versions == 10);
  CHECK(up->bytes == built_today());
  CHECK(Pack::open(up->bytes).ok());
  // Today's packs go through add_bytes as themselves.
  PackMerger again;
  REQUIRE(again.add_bytes(up->bytes).ok());
  CHECK(again.build()->bytes == up->bytes);
}

TEST_CASE("what cannot be upgraded is refused with a reason", "[pack][upgrade]") {
  const auto old = format2_bytes();
  auto code_of = [](std::vector<std::uint8_t> b) {
    PackMerger m;
    auto r = m.add_bytes(b);
    return r.ok() ? std::string("ok") : r.error().code;
  };
  auto damaged = old;
  damaged[old.size() / 2] ^= 0x40;
  CHECK(code_of(damaged) == "pack.checksum");
  CHECK(code_of({old.begin(), old.begin() + 100}) == "pack.truncated");
  CHECK(code_of({old.begin(), old.end() - 8}) == "pack.truncated");
  auto v1 = old;
  const std::uint32_t one = 1;
  std::memcpy(v1.data() + 8, &one, 4);
  CHECK(code_of(v1) == "pack.version");  // its keys are words, not stems: only its texts can rebuild it
  CHECK(code_of({'n', 'o', 't', ' ', 'a', ' ', 'p', 'a', 'c', 'k'}) == "pack.foreign");
  // Damage behind a valid checksum (a hostile pack) gives an error or a pack, never a crash or a
  // pack the reader refuses; the section table and records are hit at every field.
  int refused = 0, upgraded = 0;
  for (std::size_t at = 64; at < old.size(); at += at < 1024 ? 3 : 97) {
    auto b = old;
    b[at] ^= 0xFF;
    const std::uint64_t sum = XXH3_64bits(b.data() + 64, b.size() - 64);
    std::memcpy(b.data() + 24, &sum, 8);
    PackMerger m;
    if (!m.add_bytes(b)) { ++refused; continue; }
    auto r = m.build();
    if (!r) continue;
    CHECK(Pack::open(r->bytes).ok());
    ++upgraded;
  }
  CHECK(refused > 0);
  CHECK(upgraded > 0);  // damaged metadata or tokens still make a pack: nothing checks them but the writer
}
