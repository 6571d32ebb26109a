#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "storyprint/quotes.hpp"
#include "storyprint/text.hpp"

using namespace storyprint;

namespace {
// The quoted texts of a page, as UTF-8.
std::vector<std::string> quoted(const std::string& page) {
  const std::u16string u = *utf8_to_utf16(page);
  std::vector<std::string> out;
  for (const auto& q : find_quotes(u)) out.push_back(utf16_to_utf8(u.substr(q.begin16, q.end16 - q.begin16)));
  return out;
}
}  // namespace

TEST_CASE("quotations in the marks of several languages and of wire copy", "[quotes]") {
  CHECK(quoted("The mayor said: “We will rebuild the harbour wall before winter,” and left.") ==
        std::vector<std::string>{"We will rebuild the harbour wall before winter,"});
  CHECK(quoted("Il a déclaré : « Nous reconstruirons le mur du port » hier.") ==
        std::vector<std::string>{" Nous reconstruirons le mur du port "});
  CHECK(quoted("Er sagte: „Wir bauen die Hafenmauer wieder auf“, und ging.") ==
        std::vector<std::string>{"Wir bauen die Hafenmauer wieder auf"});
  CHECK(quoted("市長は「港の壁を再建する」と述べた。") == std::vector<std::string>{"港の壁を再建する"});
  // Press Association copy opens with two backticks and closes with two apostrophes.
  CHECK(quoted("He told the court: ``There seems to be lots of numbers all over the place.''<") ==
        std::vector<std::string>{"There seems to be lots of numbers all over the place."});
  CHECK(quoted("Trump said Russia could do \"whatever the hell they want\" to NATO members. \"It is a joke,\" he added.") ==
        std::vector<std::string>{"whatever the hell they want", "It is a joke,"});
}

TEST_CASE("apostrophes are not quotation marks; a mark without its partner opens nothing", "[quotes]") {
  // ‘…’ only from a word's start to a mark not inside a word: Trump’s and Rutte’s are apostrophes.
  CHECK(quoted("Trump’s team met Rutte’s staff to discuss ‘global security issues’ on Friday.") ==
        std::vector<std::string>{"global security issues"});
  CHECK(quoted("It’s the players’ union that wants more.").empty());
  // An unclosed quotation ends with its paragraph: the next paragraph's quotation is found whole.
  CHECK(quoted("He was 6'2\" tall and said “nothing at all.\n\nThen “a new start” came.") ==
        std::vector<std::string>{"a new start"});
  CHECK(quoted("“").empty());
  CHECK(quoted("\"\"").empty());
}

TEST_CASE("a page of stray marks: no quotation, until a partner comes within reach", "[quotes]") {
  // Half a million openers without a partner. The search is linear (each unit once per kind of
  // mark, not once per opener); its time is measured by scripts/limits.mjs, not asserted here.
  std::u16string page;
  for (int i = 0; i < 500000; ++i) page += u"\u201C a ";
  CHECK(find_quotes(page).empty());
  page += u"\u201D";  // a partner for the openers within reach of it: the first of them opens
  const auto q = find_quotes(page);
  REQUIRE(q.size() == 1);
  CHECK(q[0].end16 == page.size() - 1);
  CHECK(q[0].end16 - q[0].begin16 <= kMaxQuoteUnits);
}
