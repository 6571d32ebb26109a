// Dropping versions by id: the rest is the pack built from the kept versions' texts at once.
#include <catch2/catch.hpp>

#include "seeds.hpp"
#include "storyprint/check.hpp"
#include "storyprint/pack_filter.hpp"

using namespace storyprint;

namespace {

std::vector<std::uint8_t> built(std::initializer_list<const char*> files) {
  PackBuilder b;
  for (const char* f : files) {
    const auto& s = test::seed(f);
    REQUIRE(b.add({s.id, s.outlet, s.url, s.title, s.published}, s.text).ok());
  }
  auto bytes = b.build();
  REQUIRE(bytes.ok());
  return std::move(*bytes);
}

}  // namespace

TEST_CASE("dropping versions gives the pack of the others, byte for byte") {
  auto all = Pack::load(built({"000", "001", "002"}));
  REQUIRE(all.ok());
  const std::vector<std::string> ids{test::seed("001").id, "not-in-the-pack"};
  auto r = drop_versions(*all, ids);
  REQUIRE(r.ok());
  CHECK(r->dropped == 1);
  CHECK(r->versions == 2);
  CHECK(r->bytes == built({"000", "002"}));
  // The rewrite (002) and its source (000) are still one story, and checks see 002 as itself.
  CHECK(r->stories == 1);
  auto left = Pack::load(std::move(r->bytes));
  REQUIRE(left.ok());
  Checker checker(*left);
  const auto& page = test::seed("002");
  auto report = checker.check_utf8(page.text, test::meta_of(page));
  REQUIRE(report.ok());
  CHECK(report->known_version >= 0);
}

TEST_CASE("dropping every version leaves a valid empty pack") {
  auto all = Pack::load(built({"000"}));
  REQUIRE(all.ok());
  const std::vector<std::string> ids{test::seed("000").id};
  auto r = drop_versions(*all, ids);
  REQUIRE(r.ok());
  CHECK(r->versions == 0);
  CHECK(Pack::open(r->bytes).ok());
}
