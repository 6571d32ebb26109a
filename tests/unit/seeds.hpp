// The five seed articles (texts from ../shared/data/seeds, metadata from tests/data/seeds.json)
// and a demo pack built from the known ones, as the tests of later stages need them.
#pragma once
#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

#include "storyprint/check.hpp"
#include "storyprint/pack.hpp"
#include "test_data.hpp"

namespace storyprint::test {

struct Seed {
  std::string file, id, outlet, url, title, published, expect, source, text;
  bool known = false;
};

inline const std::vector<Seed>& seeds() {
  static const std::vector<Seed> all = [] {
    std::vector<Seed> out;
    const auto meta = nlohmann::json::parse(slurp(project_file("tests/data/seeds.json")));
    for (const auto& s : meta["seeds"]) {
      Seed x;
      x.file = s["file"];
      x.id = s["id"];
      x.outlet = s["outlet"];
      x.url = s["url"];
      x.title = s["title"];
      x.published = s["published"];
      x.known = s["known"];
      x.expect = s["expect"].is_string() ? s["expect"].get<std::string>() : "";
      x.source = s.value("source", "");
      x.text = slurp(shared_data("seeds/" + x.file));
      out.push_back(std::move(x));
    }
    return out;
  }();
  return all;
}

inline const Seed& seed(const std::string& prefix) {
  for (const auto& s : seeds())
    if (s.file.rfind(prefix, 0) == 0) return s;
  FAIL("no seed " << prefix);
  return seeds().front();
}

inline PageMeta meta_of(const Seed& s) { return PageMeta{s.url, s.outlet, s.title, s.published}; }

// A pack of these versions, built and loaded as a check sees it.
inline Pack pack_of(const std::vector<std::pair<VersionMeta, std::string>>& versions) {
  PackBuilder b;
  for (const auto& [meta, text] : versions) REQUIRE(b.add(meta, text).ok());
  auto bytes = b.build();
  REQUIRE(bytes.ok());
  auto p = Pack::load(std::move(*bytes));
  REQUIRE(p.ok());
  return std::move(*p);
}

inline const Pack& demo_pack() {
  static const Pack pack = [] {
    std::vector<std::pair<VersionMeta, std::string>> known;
    for (const auto& s : seeds())
      if (s.known) known.emplace_back(VersionMeta{s.id, s.outlet, s.url, s.title, s.published}, s.text);
    return pack_of(known);
  }();
  return pack;
}

inline std::string id_of(const Pack& pack, std::int64_t v) {
  return v < 0 ? std::string() : std::string(pack.version(static_cast<std::uint32_t>(v)).id);
}

}  // namespace storyprint::test
