#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>
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

// --- The fast segmentation paths against ICU -------------------------------------------------------
// Word and sentence boundaries come from ICU's BreakIterators or, for text of the classes the fast
// paths implement, from text.cpp's own reading of the same rules. ICU is the definition: every field
// of every token (hashes, offsets, kinds, sentences) must be the same either way.
namespace {

void same_as_icu(std::u16string_view text) {
  CanonicalizeOptions fast, icu;
  fast.keep_forms = icu.keep_forms = true;
  icu.icu_only = true;
  auto a = canonicalize_utf16(text, fast);
  auto b = canonicalize_utf16(text, icu);
  REQUIRE(a.ok() == b.ok());
  if (!a.ok()) return;
  INFO("text: " << utf16_to_utf8(text));
  REQUIRE(a->forms == b->forms);
  REQUIRE(a->tokens.size() == b->tokens.size());
  for (std::size_t i = 0; i < a->tokens.size(); ++i) {
    const Token &x = a->tokens[i], &y = b->tokens[i];
    INFO("token " << i << " " << a->forms[i]);
    REQUIRE(x.hash == y.hash);
    REQUIRE(x.begin16 == y.begin16);
    REQUIRE(x.end16 == y.end16);
    REQUIRE(x.begin_cp == y.begin_cp);
    REQUIRE(x.end_cp == y.end_cp);
    REQUIRE(x.sentence == y.sentence);
    REQUIRE(x.kind == y.kind);
    REQUIRE(x.capitalised == y.capitalised);
    REQUIRE(x.stopword == y.stopword);
  }
  REQUIRE(a->sentences.size() == b->sentences.size());
  for (std::size_t i = 0; i < a->sentences.size(); ++i) {
    REQUIRE(a->sentences[i].first_token == b->sentences[i].first_token);
    REQUIRE(a->sentences[i].end_token == b->sentences[i].end_token);
  }
  REQUIRE(a->length_cp == b->length_cp);
  REQUIRE(a->language == b->language);
  REQUIRE(a->marks_dropped == b->marks_dropped);
  REQUIRE(a->replaced_invalid == b->replaced_invalid);
}

// One or more code units of each word and sentence class the fast paths know (and a few they leave
// to ICU), so that generated strings meet every pair and triple of classes.
const std::u16string kAlphabet =
    u"aZé\u0436\u0416\u0628"          // letters: Latin lower/upper, accented, Cyrillic lower/upper, Arabic (OLetter)
    u"7\u0663"                          // digits
    u":\u00B7;,\u066C.\u2019\u2018\u2024'"  // MidLetter, MidNum, MidNumLet, Single_Quote (and ATerm, Close)
    u"_\u203F"                          // ExtendNumLet
    u" \t\u00A0\n\r\u2029\u0085"        // spaces, line and paragraph separators
    u"!?\"()\u201C\u201D-\u2013\u2026$\u00A9@#"  // STerm, Close, SContinue, others
    u"\u0301\u00AD\u05D0\u30A2";        // combining mark, soft hyphen, Hebrew, Katakana: ICU's

}  // namespace

TEST_CASE("fast segmentation: the same tokens as ICU on the shared development data", "[text][fast]") {
  std::size_t texts = 0;
  for (const char* rel : {"heavy-dev/known.jsonl", "heavy-dev/pages.jsonl", "meter-dev/known.jsonl",
                          "meter-dev/pages.jsonl", "clough-stevenson/known.jsonl", "clough-stevenson/pages.jsonl"}) {
    std::istringstream in(test::slurp(test::shared_data(rel)));
    for (std::string line; std::getline(in, line);) {
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      auto j = nlohmann::json::parse(line);
      if (!j.contains("text")) continue;
      auto u16 = utf8_to_utf16(j["text"].get<std::string>());
      REQUIRE(u16.ok());
      same_as_icu(*u16);
      ++texts;
    }
  }
  {
    std::istringstream in(test::slurp(test::shared_data("msrp-train/msr_paraphrase_train.txt")));
    std::string all;
    for (std::string line; std::getline(in, line);) all += line + "\n";
    auto u16 = utf8_to_utf16(all);
    REQUIRE(u16.ok());
    same_as_icu(*u16);
  }
  CHECK(texts > 1000);
}

TEST_CASE("fast segmentation: the same tokens as ICU on every short string of the classes", "[text][fast]") {
  const std::u16string& a = kAlphabet;
  std::u16string s;
  for (char16_t x : a) {
    same_as_icu(std::u16string(1, x));
    for (char16_t y : a) {
      same_as_icu(std::u16string{x, y});
      for (char16_t z : a) same_as_icu(std::u16string{x, y, z});
    }
  }
}

TEST_CASE("fast segmentation: the same tokens as ICU on random strings of the classes", "[text][fast]") {
  std::uint64_t seed = 0x9E3779B97F4A7C15ull;
  auto next = [&] {
    seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
    return seed;
  };
  const std::u16string& a = kAlphabet;
  const std::size_t common = a.find(u'\u0301');  // most strings without the classes left to ICU
  for (int i = 0; i < 60000; ++i) {
    const std::size_t len = 4 + next() % (i % 10 == 0 ? 200 : 14);
    const std::size_t range = (i % 4 == 0) ? a.size() : common;
    std::u16string s;
    for (std::size_t k = 0; k < len; ++k) s.push_back(a[next() % range]);
    same_as_icu(s);
  }
}

TEST_CASE("fast segmentation: every BMP code unit in word and sentence contexts", "[text][fast]") {
  for (std::uint32_t c = 1; c < 0x10000; ++c) {
    if (c >= 0xD800 && c < 0xE000) continue;
    const char16_t x = static_cast<char16_t>(c);
    std::u16string s = u"a";
    s += x;
    s += u"b 1";
    s += x;
    s += u"2 ";
    s += x;
    s += x;
    s += u" Ab.";
    s += x;
    s += u"c. ";
    s += x;
    s += u"d x";
    s += x;
    s += u" y. ";
    s += x;
    s += u"Z _";
    s += x;
    s += u"_ 3.";
    s += x;
    same_as_icu(s);
  }
}
