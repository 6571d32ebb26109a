// Merging and pruning packs: the result is the pack built from the kept versions' texts at once.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <set>
#include <sstream>

#include "seeds.hpp"
#include "storyprint/check.hpp"
#include "storyprint/pack_edit.hpp"

using namespace storyprint;

namespace {

struct Known {
  VersionMeta meta;
  std::string text;
};

std::vector<std::uint8_t> built(const std::vector<Known>& versions) {
  PackBuilder b;
  for (const auto& v : versions) REQUIRE(b.add(v.meta, v.text).ok());
  auto bytes = b.build();
  REQUIRE(bytes.ok());
  return std::move(*bytes);
}

Pack loaded(std::vector<std::uint8_t> bytes) {
  auto p = Pack::load(std::move(bytes));
  REQUIRE(p.ok());
  return std::move(*p);
}

std::vector<Known> seed_versions(std::initializer_list<const char*> files) {
  std::vector<Known> out;
  for (const char* f : files) {
    const auto& s = test::seed(f);
    out.push_back({{s.id, s.outlet, s.url, s.title, s.published}, s.text});
  }
  return out;
}

// The known versions of a shared development set (real wire copy and news), in file order.
std::vector<Known> corpus(const std::string& set) {
  std::vector<Known> out;
  std::istringstream lines(test::slurp(test::shared_data(set + "/known.jsonl")));
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    const auto o = nlohmann::json::parse(line);
    out.push_back({{o.value("id", ""), o.value("outlet", ""), o.value("url", ""), o.value("title", ""),
                    o.value("published", "")},
                   o.value("text", "")});
  }
  return out;
}

Result<PackEdit> merged(const std::vector<const Pack*>& packs) { return merge_packs(packs); }

}  // namespace

TEST_CASE("a merge of the seeds' packs is the pack built from both at once, and checks alike", "[pack][edit]") {
  const Pack a = loaded(built(seed_versions({"000"}))), b = loaded(built(seed_versions({"001"})));
  auto m = merged({&a, &b});
  REQUIRE(m.ok());
  CHECK(m->versions == 2);
  CHECK(m->duplicates == 0);
  CHECK(m->bytes == built(seed_versions({"000", "001"})));
  // The seeds' verdicts and sources (tests/data/seeds.json) against the merged pack.
  const Pack p = loaded(m->bytes);
  Checker c(p);
  for (const auto& s : test::seeds()) {
    if (s.expect.empty()) continue;
    INFO(s.id);
    auto r = c.check_utf8(s.text, test::meta_of(s));
    REQUIRE(r.ok());
    if (s.expect == "known") {
      CHECK(test::id_of(p, r->known_version) == s.id);
    } else {
      CHECK(r->verdict == Verdict::Rewrite);
      CHECK(test::id_of(p, r->source) == s.source);
    }
  }
}

TEST_CASE("versions of one story from different packs are grouped into one story", "[pack][edit]") {
  const auto& s0 = test::seed("000");
  const Known wire{{"a", "Wire", "", "", "2024-11-23"}, s0.text};
  const Known update{{"a-update", "Wire", "", "", "2024-11-24"}, "UPDATE: Officials later confirmed the meeting.\n\n" + s0.text};
  const Known other{{"b", "Other", "", "", "2024-11-23"}, test::seed("001").text};
  const Pack first = loaded(built({wire, other})), second = loaded(built({update}));
  auto m = merged({&first, &second});
  REQUIRE(m.ok());
  const Pack p = loaded(m->bytes);
  REQUIRE(p.version_count() == 3);
  CHECK(p.version(2).id == "a-update");
  CHECK(p.story_of(0) == p.story_of(2));
  CHECK(p.story_of(0) != p.story_of(1));
  CHECK(p.story_count() == 2);
}

TEST_CASE("merging halves of real corpora gives the pack built from all of it", "[pack][edit][corpus]") {
  for (const char* set : {"meter-dev", "heavy-dev"}) {
    INFO(set);
    const auto all = corpus(set);
    REQUIRE(all.size() > 300);
    // Three uneven parts, so that many stories have versions in two packs.
    const std::size_t cut1 = all.size() / 3, cut2 = all.size() * 3 / 4;
    const Pack p1 = loaded(built({all.begin(), all.begin() + cut1}));
    const Pack p2 = loaded(built({all.begin() + cut1, all.begin() + cut2}));
    const Pack p3 = loaded(built({all.begin() + cut2, all.end()}));
    const auto whole = built(all);
    auto m = merged({&p1, &p2, &p3});
    REQUIRE(m.ok());
    CHECK(m->versions == all.size());
    CHECK(m->stories == loaded(whole).story_count());
    CHECK(m->bytes == whole);
  }
}

TEST_CASE("a merge keeps the first of versions with the same id or URL", "[pack][edit]") {
  const auto seeds = seed_versions({"000", "001"});
  const auto bytes = built(seeds);
  const Pack p = loaded(bytes);
  SECTION("the same pack twice is that pack") {
    auto m = merged({&p, &p});
    REQUIRE(m.ok());
    CHECK(m->duplicates == 2);
    CHECK(m->bytes == bytes);
  }
  SECTION("a version with a known URL under a new id, and one with a known id at a new URL") {
    Known same_url = seeds[0], same_id = seeds[1];
    same_url.meta.id = "another-id";
    same_url.text += "\n\nA correction was appended.";
    same_id.meta.url = "https://example.org/elsewhere";
    const Pack more = loaded(built({same_url, same_id, seed_versions({"002"})[0]}));
    auto m = merged({&p, &more});
    REQUIRE(m.ok());
    CHECK(m->duplicates == 2);
    CHECK(m->bytes == built(seed_versions({"000", "001", "002"})));
  }
}

TEST_CASE("adding fingerprinted versions to a pack is building them all at once", "[pack][edit]") {
  const Pack p = loaded(built(seed_versions({"000"})));
  PackBuilder more;
  for (const auto& k : seed_versions({"001", "002"})) REQUIRE(more.add(k.meta, k.text).ok());
  PackMerger m;
  m.add(p);
  m.add(more);
  auto r = m.build();
  REQUIRE(r.ok());
  CHECK(r->versions == 3);
  CHECK(r->bytes == built(seed_versions({"000", "001", "002"})));
  CHECK(m.size() == 0);
}

TEST_CASE("prune drops exactly the versions published before the date", "[pack][edit]") {
  SECTION("seeds with dates around the cut, and one without a date") {
    auto v = seed_versions({"000", "001", "002", "003", "004"});
    v[0].meta.published = "2024-11-20";
    v[1].meta.published = "2024-11-22T23:59:59Z";
    v[2].meta.published = "2024-11-23";
    v[3].meta.published = "";
    v[4].meta.published = "2024-11-24T00:30:00+05:00";
    const Pack p = loaded(built(v));
    auto day = parse_before_day("2024-11-23");
    REQUIRE(day.ok());
    auto r = prune_pack(p, *day);
    REQUIRE(r.ok());
    CHECK(r->pruned == 2);
    CHECK(r->versions == 3);
    CHECK(r->bytes == built({v[2], v[3], v[4]}));
  }
  SECTION("a real corpus cut at a date: what is left is what was published since") {
    const auto all = corpus("meter-dev");
    std::set<std::int32_t> days;
    for (const auto& k : all) days.insert(parse_iso_day(k.meta.published));
    REQUIRE(days.size() > 10);
    const std::int32_t cut = *std::next(days.begin(), static_cast<std::ptrdiff_t>(days.size() / 2));
    std::vector<Known> since;
    for (const auto& k : all)
      if (parse_iso_day(k.meta.published) >= cut) since.push_back(k);
    REQUIRE(since.size() < all.size());
    auto r = prune_pack(loaded(built(all)), cut);
    REQUIRE(r.ok());
    CHECK(r->pruned == all.size() - since.size());
    CHECK(r->bytes == built(since));
  }
  SECTION("pruning everything leaves an empty pack that opens") {
    const Pack p = loaded(built(seed_versions({"000", "001"})));
    auto r = prune_pack(p, parse_iso_day("2030-01-01"));
    REQUIRE(r.ok());
    CHECK(r->versions == 0);
    CHECK(loaded(r->bytes).version_count() == 0);
  }
  SECTION("an old version pruned does not keep a newer one of the same id out") {
    auto v = seed_versions({"000"});
    Known newer = v[0];
    v[0].meta.published = "2024-01-01";
    const Pack old = loaded(built(v)), fresh = loaded(built({newer}));
    PackMerger m;
    m.add(old);
    m.add(fresh);
    m.drop_before(parse_iso_day("2024-06-01"));
    auto r = m.build();
    REQUIRE(r.ok());
    CHECK(r->pruned == 1);
    CHECK(r->duplicates == 0);
    CHECK(r->bytes == built({newer}));
  }
}

TEST_CASE("a --before that is not a date is refused", "[pack][edit]") {
  for (const char* bad : {"", "yesterday", "23/11/2024", "2024-13-01"}) {
    INFO(bad);
    auto r = parse_before_day(bad);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "pack.date");
  }
  CHECK(*parse_before_day("2024-11-23") == parse_iso_day("2024-11-23"));
}
