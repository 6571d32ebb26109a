#include <catch2/catch.hpp>

#include "seeds.hpp"
#include "storyprint/fingerprint.hpp"

using namespace storyprint;

TEST_CASE("a fingerprint keeps one 16-bit hash per token and the distinct content words", "[fingerprint]") {
  CanonicalizeOptions opt;
  opt.keep_forms = true;
  auto ct = canonicalize(test::seed("000").text, opt);
  REQUIRE(ct.ok());
  const Fingerprint fp = fingerprint(*ct);
  REQUIRE(fp.seq.size() == ct->tokens.size());
  for (std::size_t i = 0; i < fp.seq.size(); ++i) CHECK(fp.seq[i] == seq_hash(ct->tokens[i].hash));
  REQUIRE(fp.sentence_starts.size() == ct->sentences.size());
  CHECK(std::is_sorted(fp.keys.begin(), fp.keys.end()));
  CHECK(std::adjacent_find(fp.keys.begin(), fp.keys.end()) == fp.keys.end());
  // Function words stay out of the index; names and numbers go in.
  std::size_t stop = 0;
  for (std::size_t i = 0; i < ct->tokens.size(); ++i) {
    const bool indexed = std::binary_search(fp.keys.begin(), fp.keys.end(), key_hash(ct->tokens[i].hash));
    if (ct->forms[i] == "the" || ct->forms[i] == "and" || ct->forms[i] == "of") {
      CHECK_FALSE(indexed);
      ++stop;
    }
    if (ct->forms[i] == "rutte" || ct->forms[i] == "nato" || ct->forms[i] == "2024") CHECK(indexed);
  }
  CHECK(stop > 10);
  CHECK(is_stopword_seq(seq_hash(ct->tokens[0].hash)) == is_stopword(ct->tokens[0].hash));
}

TEST_CASE("rewording keeps content-word keys that the source shares", "[fingerprint]") {
  auto a = canonicalize("NATO Secretary General Mark Rutte met President-elect Donald Trump in Florida.");
  auto b = canonicalize("In Florida, Donald Trump, the president-elect, held talks with NATO chief Mark Rutte.");
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  const auto fa = fingerprint(*a), fb = fingerprint(*b);
  std::vector<std::uint32_t> shared;
  std::set_intersection(fa.keys.begin(), fa.keys.end(), fb.keys.begin(), fb.keys.end(), std::back_inserter(shared));
  CHECK(shared.size() >= 7);  // nato mark rutte donald trump florida president elect
}
