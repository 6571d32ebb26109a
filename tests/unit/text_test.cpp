#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "storyprint/text.hpp"
#include "test_data.hpp"

using namespace storyprint;

namespace {
std::vector<std::string> forms(std::string_view text) {
  CanonicalizeOptions opt;
  opt.keep_forms = true;
  auto r = canonicalize(text, opt);
  REQUIRE(r.ok());
  return r->forms;
}
// Code point slice of a UTF-8 string, to check that offsets point at the token's own text.
std::string cp_slice(const std::string& s, std::uint32_t b, std::uint32_t e) {
  auto u16 = utf8_to_utf16(s);
  REQUIRE(u16.ok());
  std::u32string cps;
  for (std::size_t i = 0; i < u16->size(); ++i) {
    char32_t c = (*u16)[i];
    if (c >= 0xD800 && c < 0xDC00) c = 0x10000 + ((c - 0xD800) << 10) + ((*u16)[++i] - 0xDC00);
    cps.push_back(c);
  }
  std::u16string out;
  for (std::uint32_t i = b; i < e; ++i) {
    char32_t c = cps[i];
    if (c >= 0x10000) out.push_back(char16_t(0xD800 + ((c - 0x10000) >> 10))), out.push_back(char16_t(0xDC00 + (c & 0x3FF)));
    else out.push_back(char16_t(c));
  }
  return utf16_to_utf8(out);
}
}  // namespace

TEST_CASE("typographic apostrophes, ligatures and case fold to one form", "[text]") {
  auto f = forms("Trump’s ﬁrst ﬂight — DIDN'T “Comment” Straße STRASSE");
  CHECK(f == std::vector<std::string>{"trump's", "first", "flight", "didn't", "comment", "strasse", "strasse"});
}

TEST_CASE("punctuation, dashes, quotes and spaces are dropped; numbers stay whole", "[text]") {
  CanonicalizeOptions opt;
  opt.keep_forms = true;
  auto r = canonicalize("NATO's 32 members — spent $1,300.5 billion (in 2024)!", opt);
  REQUIRE(r.ok());
  CHECK(r->forms == std::vector<std::string>{"nato's", "32", "members", "spent", "1,300.5", "billion", "in", "2024"});
  CHECK(r->tokens[1].kind == TokenKind::Number);
  CHECK(r->tokens[0].kind == TokenKind::Word);
}

TEST_CASE("tokens know whether they were capitalised: names and openings, in any cased script", "[text]") {
  auto r = canonicalize("NATO chief Mark Rutte met Trump in Palm Beach; Ілля said ǅemal and 北京 had 32 ideas.");
  REQUIRE(r.ok());
  std::vector<bool> caps;
  for (const auto& t : r->tokens) caps.push_back(t.capitalised);
  // NATO chief Mark Rutte met Trump in Palm Beach Ілля said ǅemal and 北 京 had 32 ideas
  const std::vector<bool> want{true, false, true, true, false, true, false, true, true, true, false, true, false};
  REQUIRE(caps.size() >= want.size());
  CHECK(std::vector<bool>(caps.begin(), caps.begin() + want.size()) == want);
  for (std::size_t i = want.size(); i < caps.size(); ++i) CHECK_FALSE(caps[i]);  // 北京 (no case), had, 32, ideas
}

TEST_CASE("offsets are code points into the input", "[text]") {
  const std::string text = "« C’était » 🇫🇷 l’Élysée a dit.";
  auto r = canonicalize(text);
  REQUIRE(r.ok());
  REQUIRE(r->tokens.size() == 4);
  CHECK(cp_slice(text, r->tokens[0].begin_cp, r->tokens[0].end_cp) == "C’était");
  CHECK(cp_slice(text, r->tokens[1].begin_cp, r->tokens[1].end_cp) == "l’Élysée");
  // the flag is two astral code points = four UTF-16 units: the two offsets diverge after it
  CHECK(r->tokens[1].begin16 == r->tokens[1].begin_cp + 2);
}

TEST_CASE("sentences: punctuation and blank lines end them, wrapped lines do not", "[text]") {
  auto r = canonicalize("The court heard the case on\nMonday. It was adjourned.\n\nA new paragraph without a stop\n\nand another");
  REQUIRE(r.ok());
  REQUIRE(r->sentences.size() == 4);
  CHECK(r->sentences[0].first_token == 0);
  CHECK(r->sentences[0].end_token == 7);  // "The court heard the case on Monday"
  for (std::size_t i = 0; i < r->tokens.size(); ++i) {
    const auto& s = r->sentences[r->tokens[i].sentence];
    CHECK((i >= s.first_token && i < s.end_token));
  }
}

TEST_CASE("invalid UTF-8, NUL bytes and lone surrogates are replaced, never fatal", "[text]") {
  const std::string bad = std::string("caf\xC3") + "\xA9 ok \xFF\xFE word" + std::string(1, '\0') + "after \xED\xA0\x80 end";
  CanonicalizeOptions opt;
  opt.keep_forms = true;
  auto r = canonicalize(bad, opt);
  REQUIRE(r.ok());
  CHECK(r->replaced_invalid);
  CHECK(r->forms == std::vector<std::string>{"café", "ok", "word", "after", "end"});
  std::u16string lone = u"alpha ";
  lone.push_back(char16_t(0xD800));
  lone += u" beta";
  lone.push_back(char16_t(0xDC00));
  auto r2 = canonicalize_utf16(lone, opt);
  REQUIRE(r2.ok());
  CHECK(r2->replaced_invalid);
  CHECK(r2->forms == std::vector<std::string>{"alpha", "beta"});
}

TEST_CASE("empty and whitespace-only texts give no tokens", "[text]") {
  auto r = canonicalize("");
  REQUIRE(r.ok());
  CHECK(r->tokens.empty());
  CHECK(r->sentences.empty());
  auto r2 = canonicalize(" \n\t — … !! ");
  REQUIRE(r2.ok());
  CHECK(r2->tokens.empty());
}

TEST_CASE("text over the size limit is refused with a clear error", "[text]") {
  std::u16string big(kMaxTextUnits + 1, u'a');
  auto r = canonicalize_utf16(big);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "text.too_large");
}

TEST_CASE("text with more words than the limit is refused with a clear error", "[text]") {
  std::u16string many;
  many.reserve((kMaxTokens + 1) * 2);
  for (std::size_t i = 0; i <= kMaxTokens; ++i) many += u"a ";
  REQUIRE(many.size() <= kMaxTextUnits);  // the word limit, not the size limit, must be what refuses it
  auto r = canonicalize_utf16(many);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "text.too_many_tokens");
  many.resize(kMaxTokens * 2);
  CHECK(canonicalize_utf16(many).ok());  // exactly at the limit
}

TEST_CASE("native ICU segments Chinese, Japanese and Thai into words", "[text]") {
  REQUIRE(break_dictionaries_available());
  for (const char* s : {"北约秘书长吕特在佛罗里达州会见了当选总统特朗普。", "安全保障の問題について話し合った。",
                        "ทั้งสองหารือเกี่ยวกับปัญหาความมั่นคงระดับโลก"}) {
    auto f = forms(s);
    INFO(s);
    CHECK(f.size() >= 5);
    auto u16 = utf8_to_utf16(s);
    CHECK(needs_break_dictionaries(*u16));
  }
  CHECK_FALSE(needs_break_dictionaries(u"Plain English and русский"));
}

TEST_CASE("runs of combining marks are bounded before normalisation, and said so", "[text][hostile]") {
  // 'a' followed by 100,000 marks (U+0301 acute, U+0316 grave below, alternating): ICU reorders such
  // a run in quadratic time. Only the first 30 marks of the run reach the canonical form.
  std::u16string page = u"before a";
  for (int i = 0; i < 50000; ++i) page += u"\u0301\u0316";
  page += u" after";
  CanonicalizeOptions opt;
  opt.keep_forms = true;
  auto r = canonicalize_utf16(page, opt);
  REQUIRE(r.ok());
  REQUIRE(r->forms.size() == 3);
  CHECK(r->forms[0] == "before");
  CHECK(r->forms[2] == "after");
  CHECK(r->marks_dropped == 100000 - 30);
  // The token still spans all of its marks in the page.
  CHECK(r->tokens[1].end16 - r->tokens[1].begin16 == 1 + 100000);
  // Its form is the same as that of the word cut after 30 marks.
  std::u16string cut = u"a";
  for (int i = 0; i < 15; ++i) cut += u"\u0301\u0316";
  auto c = canonicalize_utf16(cut, opt);
  REQUIRE(c.ok());
  CHECK(c->marks_dropped == 0);
  CHECK(r->forms[1] == c->forms.at(0));
  // A page of marks alone, and a starter that decomposes to marks (U+0F73) repeated, are bounded too.
  std::u16string marks(200000, u'\u0316');
  auto m = canonicalize_utf16(u"x" + marks);
  REQUIRE(m.ok());
  CHECK(m->marks_dropped == 200000 - 30);
  auto t = canonicalize_utf16(u"\u0F40" + std::u16string(100000, u'\u0F73'));
  REQUIRE(t.ok());
  CHECK(t->marks_dropped > 0);
  // Real words lose nothing.
  auto real = canonicalize("Ærøskøbing Straße naïve Việt Nam ﬁnancial", opt);
  REQUIRE(real.ok());
  CHECK(real->marks_dropped == 0);
}

TEST_CASE("well-formed UTF-8 is told from what utf8_to_utf16 would replace", "[text][utf8]") {
  // Unicode's table 3-7 at its edges: what is accepted converts without replacement, what is
  // refused converts with it (a pack's metadata and a JSON line are refused on the same rule).
  const std::vector<std::string> good = {"", "plain", std::string("nul\0inside", 10), "caf\xC3\xA9", "\xE0\xA0\x80",
                                         "\xED\x9F\xBF", "\xEE\x80\x80", "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF",
                                         "Rutte \xE2\x80\x98range\xE2\x80\x99 \xF0\x9F\x93\xB0"};
  const std::vector<std::string> bad = {"\x80", "\xC0\x80", "\xC1\xBF", "\xE0\x9F\xBF", "\xED\xA0\x80", "\xF0\x8F\xBF\xBF",
                                        "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xC3", "caf\xC3", "\xE2\x80", "\xFF"};
  for (const auto& s : good) {
    bool replaced = true;
    REQUIRE(utf8_to_utf16(s, &replaced));
    CHECK_FALSE(replaced);
    CHECK(is_valid_utf8(s));
  }
  for (const auto& s : bad) {
    bool replaced = false;
    REQUIRE(utf8_to_utf16(s, &replaced));
    CHECK(replaced);
    CHECK_FALSE(is_valid_utf8(s));
  }
}
