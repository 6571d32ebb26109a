#include "storyprint/text.hpp"

#include "storyprint/fingerprint.hpp"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/udata.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include <cstring>
#include <memory>
#include <string>

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace storyprint {
namespace {

// Iterators are costly to create (rule tables); keep one of each per thread and rebuild them when
// dictionaries were registered, since an iterator only sees data present at its creation.
unsigned g_data_generation = 0;

struct Iterators {
  unsigned generation = ~0u;
  std::unique_ptr<icu::BreakIterator> word, sentence;
};

Result<Iterators*> iterators() {
  thread_local Iterators it;
  if (it.generation != g_data_generation || !it.word || !it.sentence) {
    UErrorCode st = U_ZERO_ERROR;
    it.word.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), st));
    if (U_FAILURE(st)) return make_error("icu.data", std::string("word break rules unavailable: ") + u_errorName(st));
    it.sentence.reset(icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), st));
    if (U_FAILURE(st)) return make_error("icu.data", std::string("sentence break rules unavailable: ") + u_errorName(st));
    it.generation = g_data_generation;
  }
  return &it;
}

bool is_apostrophe(char16_t c) {
  return c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x2032 || c == 0xFF07;
}

// Single line breaks inside a paragraph are layout (wire copy wraps its lines); only blank lines and
// sentence punctuation end sentences. Same length, so offsets stay valid.
std::u16string unwrap_lines(std::u16string_view text) {
  std::u16string out(text);
  const std::size_t n = out.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (out[i] != u'\n' && out[i] != u'\r') continue;
    std::size_t j = i;
    while (j < n && (out[j] == u'\n' || out[j] == u'\r' || out[j] == u' ' || out[j] == u'\t')) ++j;
    std::size_t newlines = 0;
    for (std::size_t k = i; k < j; ++k) newlines += out[k] == u'\n';
    if (newlines <= 1) {
      for (std::size_t k = i; k < j; ++k) out[k] = u' ';
    }
    i = j - 1;
  }
  return out;
}

// Bounding step before normalisation. ICU's NFKC_Casefold reorders a run of combining marks in time
// quadratic in the run's length (a page of 400,000 marks took a minute). No real word has more than
// 30 in a row (UAX #15's stream-safe format allows 30), so marks beyond the 30th of a run are left
// out of the token's canonical form; the token's offsets still cover them. A run is a sequence of
// code points without a normalisation boundary before them (non-starters, and starters that
// decompose to or combine with what precedes them). Returns how many code points were left out.
constexpr int kMaxMarkRun = 30;

std::uint32_t bound_mark_runs(const icu::Normalizer2& norm, icu::UnicodeString& s) {
  std::uint32_t dropped = 0;
  int run = 0;
  icu::UnicodeString kept;
  const int32_t n = s.length();
  for (int32_t i = 0; i < n;) {
    const UChar32 c = s.char32At(i);
    const int32_t len = U16_LENGTH(c);
    run = norm.hasBoundaryBefore(c) ? 0 : run + 1;
    if (run > kMaxMarkRun) {
      if (dropped == 0) kept.setTo(s, 0, i);
      ++dropped;
    } else if (dropped != 0) {
      kept.append(c);
    }
    i += len;
  }
  if (dropped != 0) s = kept;
  return dropped;
}

// Stems are a function of (language, word): the content key each word gets is kept per thread, so
// a word is stemmed once, not at every occurrence (Snowball was a quarter of pack building). Open
// addressing on the word's own XXH3 hash, the word compared byte for byte; cleared when half full.
class StemCache {
 public:
  // The low 32 bits of XXH3 of the word's stem into *key, true when the stem differs from the word.
  bool lookup(Language lang, std::string_view word, std::uint64_t word_hash, std::string& scratch, std::uint32_t* key) {
    if (slots_.empty()) slots_.resize(kSlots);
    const std::uint64_t h = word_hash ^ (std::uint64_t(lang) * 0x9E3779B97F4A7C15ull);
    for (std::size_t i = h & (kSlots - 1);; i = (i + 1) & (kSlots - 1)) {
      Slot& s = slots_[i];
      if (s.state == 0) {
        if (used_ >= kSlots / 2 || arena_.size() + word.size() > kArenaBytes) {
          clear();
          return lookup(lang, word, word_hash, scratch, key);
        }
        s.hash = h, s.lang = static_cast<std::uint8_t>(lang);
        s.off = static_cast<std::uint32_t>(arena_.size()), s.len = static_cast<std::uint32_t>(word.size());
        arena_.append(word);
        ++used_;
        if (stem_word(lang, word, &scratch) && scratch != word) {
          s.state = 2, s.key = static_cast<std::uint32_t>(XXH3_64bits(scratch.data(), scratch.size()));
        } else {
          s.state = 1;
        }
      } else if (s.hash != h || s.lang != static_cast<std::uint8_t>(lang) || s.len != word.size() ||
                 std::memcmp(arena_.data() + s.off, word.data(), word.size()) != 0) {
        continue;
      }
      *key = s.key;
      return s.state == 2;
    }
  }

 private:
  static constexpr std::size_t kSlots = std::size_t(1) << 16, kArenaBytes = std::size_t(1) << 20;
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t off = 0, len = 0, key = 0;
    std::uint8_t lang = 0, state = 0;  // state: 0 empty, 1 not stemmed (or stem == word), 2 stemmed
  };
  void clear() {
    std::fill(slots_.begin(), slots_.end(), Slot{});
    arena_.clear();
    used_ = 0;
  }
  std::vector<Slot> slots_;
  std::string arena_;
  std::size_t used_ = 0;
};

bool stem_key(Language lang, std::string_view word, std::uint64_t word_hash, std::string& scratch, std::uint32_t* key) {
  thread_local StemCache cache;
  return cache.lookup(lang, word, word_hash, scratch, key);
}

}  // namespace

Result<std::u16string> utf8_to_utf16(std::string_view utf8, bool* replaced) {
  if (utf8.size() > kMaxTextUnits * 3)
    return make_error("text.too_large", "text exceeds " + std::to_string(kMaxTextUnits) + " UTF-16 units");
  std::u16string out(utf8.size() + 1, u'\0');
  int32_t len = 0, subs = 0;
  UErrorCode st = U_ZERO_ERROR;
  u_strFromUTF8WithSub(reinterpret_cast<UChar*>(out.data()), static_cast<int32_t>(out.size()), &len, utf8.data(),
                       static_cast<int32_t>(utf8.size()), 0xFFFD, &subs, &st);
  if (U_FAILURE(st)) return make_error("text.utf8", std::string("cannot decode UTF-8: ") + u_errorName(st));
  out.resize(static_cast<std::size_t>(len));
  if (replaced) *replaced = subs > 0;
  return out;
}

bool is_valid_utf8(std::string_view utf8) {
  if (utf8.size() > static_cast<std::size_t>(INT32_MAX)) return false;  // beyond U8_NEXT's int32 offsets
  const auto* s = reinterpret_cast<const std::uint8_t*>(utf8.data());
  const auto n = static_cast<int32_t>(utf8.size());
  for (int32_t i = 0; i < n;) {
    if (s[i] < 0x80) { ++i; continue; }  // ASCII, most of any metadata
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

std::string utf16_to_utf8(std::u16string_view text) {
  std::string out(text.size() * 3 + 1, '\0');
  int32_t len = 0;
  UErrorCode st = U_ZERO_ERROR;
  u_strToUTF8WithSub(out.data(), static_cast<int32_t>(out.size()), &len, reinterpret_cast<const UChar*>(text.data()),
                     static_cast<int32_t>(text.size()), 0xFFFD, nullptr, &st);
  out.resize(U_SUCCESS(st) ? static_cast<std::size_t>(len) : 0);
  return out;
}

Result<CanonicalText> canonicalize(std::string_view utf8, const CanonicalizeOptions& opt) {
  bool replaced = false;
  auto u16 = utf8_to_utf16(utf8, &replaced);
  if (!u16) return u16.error();
  auto r = canonicalize_utf16(*u16, opt);
  if (r) r->replaced_invalid |= replaced;
  return r;
}

Result<CanonicalText> canonicalize_utf16(std::u16string_view input, const CanonicalizeOptions& opt) {
  if (input.size() > kMaxTextUnits)
    return make_error("text.too_large", "text has " + std::to_string(input.size()) + " UTF-16 units; the limit is " +
                                            std::to_string(kMaxTextUnits));
  auto its = iterators();
  if (!its) return its.error();
  UErrorCode st = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(st);
  if (U_FAILURE(st)) return make_error("icu.data", std::string("NFKC_Casefold data unavailable: ") + u_errorName(st));

  CanonicalText out;
  // Lone surrogates (possible in JS strings) become U+FFFD so ICU and offsets see one unit each.
  std::u16string text(input);
  for (std::size_t i = 0; i < text.size(); ++i) {
    char16_t c = text[i];
    if (U16_IS_LEAD(c) && i + 1 < text.size() && U16_IS_TRAIL(text[i + 1])) { ++i; continue; }
    if (U16_IS_SURROGATE(c)) { text[i] = 0xFFFD; out.replaced_invalid = true; }
  }
  out.length16 = static_cast<std::uint32_t>(text.size());
  out.language = choose_language(text);

  icu::UnicodeString ustr(false, reinterpret_cast<const UChar*>(text.data()), static_cast<int32_t>(text.size()));
  icu::BreakIterator& words = *(*its)->word;
  words.setText(ustr);

  // Sentence boundaries first, so each token can be given its sentence as it is made. The
  // unwrapped copy goes before the tokens grow: peak memory on 10 MB pages is what limits them.
  std::vector<int32_t> sentence_ends;
  {
    std::u16string unwrapped = unwrap_lines(text);
    icu::UnicodeString ssent(false, reinterpret_cast<const UChar*>(unwrapped.data()), static_cast<int32_t>(unwrapped.size()));
    icu::BreakIterator& sents = *(*its)->sentence;
    sents.setText(ssent);
    for (int32_t b = sents.next(); b != icu::BreakIterator::DONE; b = sents.next()) sentence_ends.push_back(b);
    sents.setText(icu::UnicodeString());  // the iterator must not keep pointing into unwrapped
  }

  std::size_t sent_idx = 0;
  std::uint32_t cp = 0, cp_pos16 = 0;  // running code point count up to cp_pos16
  auto cp_at = [&](std::uint32_t pos16) {
    while (cp_pos16 < pos16) {
      char16_t c = text[cp_pos16];
      cp_pos16 += (U16_IS_LEAD(c) && cp_pos16 + 1 < text.size() && U16_IS_TRAIL(text[cp_pos16 + 1])) ? 2 : 1;
      ++cp;
    }
    return cp;
  };

  icu::UnicodeString folded_in, folded;
  std::string utf8, stem;
  std::int32_t start = words.first();
  for (std::int32_t end = words.next(); end != icu::BreakIterator::DONE; start = end, end = words.next()) {
    const int32_t status = words.getRuleStatus();
    if (status < UBRK_WORD_NONE_LIMIT) continue;  // spaces, punctuation, symbols
    if (out.tokens.size() >= kMaxTokens)
      return make_error("text.too_many_tokens", "text has more than " + std::to_string(kMaxTokens) + " words");
    // NFKC_Casefold leaves ASCII alone but for A-Z: most words of most pages skip ICU here. The
    // word is lower-cased into place in the same pass that tells whether it is ASCII.
    {
      const char16_t* w = text.data() + start;
      const std::size_t len = static_cast<std::size_t>(end - start);
      utf8.resize(len);
      char16_t bits = 0;
      for (std::size_t k = 0; k < len; ++k) {
        const char16_t c = w[k];
        bits |= c;
        utf8[k] = static_cast<char>(c + (static_cast<char16_t>(c - u'A') < 26 ? 32 : 0));
      }
      if (bits >= 0x80) utf8.clear();
    }
    if (utf8.empty()) {
      folded_in.setTo(ustr, start, end - start);
      for (int32_t i = 0; i < folded_in.length(); ++i)
        if (is_apostrophe(folded_in.charAt(i))) folded_in.setCharAt(i, u'\'');
      out.marks_dropped += bound_mark_runs(*nfkc_cf, folded_in);
      st = U_ZERO_ERROR;
      nfkc_cf->normalize(folded_in, folded, st);
      if (U_FAILURE(st) || folded.isEmpty()) continue;
      folded.toUTF8String(utf8);
    }

    Token t{};
    t.hash = XXH3_64bits(utf8.data(), utf8.size());
    t.stopword = is_stopword(t.hash);
    t.begin16 = static_cast<std::uint32_t>(start);
    t.end16 = static_cast<std::uint32_t>(end);
    t.begin_cp = cp_at(t.begin16);
    t.end_cp = cp_at(t.end16);
    t.kind = status < UBRK_WORD_NUMBER_LIMIT ? TokenKind::Number
             : status >= UBRK_WORD_KANA      ? TokenKind::Ideographic
                                             : TokenKind::Word;
    std::uint32_t key;
    if (out.language != Language::None && t.kind == TokenKind::Word && !t.stopword &&
        stem_key(out.language, utf8, t.hash, stem, &key)) {
      // The content key (bits 31-0) from the stem; the sequence hash (bits 63-48) stays the word's.
      t.hash = (t.hash & ~std::uint64_t(0xFFFFFFFF)) | key;
    }
    {
      UChar32 first;
      U16_GET(text.data(), 0, start, static_cast<int32_t>(text.size()), first);
      t.capitalised = u_isupper(first) || u_istitle(first);
    }
    while (sent_idx < sentence_ends.size() && sentence_ends[sent_idx] <= start) ++sent_idx;
    t.sentence = static_cast<std::uint32_t>(sent_idx);
    out.tokens.push_back(t);
    if (opt.keep_forms) out.forms.push_back(utf8);
  }
  out.length_cp = cp_at(out.length16);

  // Dense sentence numbering over sentences that hold tokens.
  std::uint32_t prev_raw = 0;
  for (std::size_t i = 0; i < out.tokens.size(); ++i) {
    const std::uint32_t raw = out.tokens[i].sentence;
    if (i == 0 || raw != prev_raw) {
      if (i != 0) out.sentences.back().end_token = static_cast<std::uint32_t>(i);
      out.sentences.push_back({static_cast<std::uint32_t>(i), 0});
    }
    prev_raw = raw;
    out.tokens[i].sentence = static_cast<std::uint32_t>(out.sentences.size() - 1);
  }
  if (!out.sentences.empty()) out.sentences.back().end_token = static_cast<std::uint32_t>(out.tokens.size());
  return out;
}

Result<bool> register_break_dictionaries(const std::uint8_t* data, std::size_t size) {
  if (!data || size < 32) return make_error("icu.dictionaries", "dictionary data is empty");
  UErrorCode st = U_ZERO_ERROR;
  udata_setCommonData(data, &st);
  if (U_FAILURE(st) && st != U_USING_DEFAULT_WARNING)
    return make_error("icu.dictionaries", std::string("cannot register dictionary data: ") + u_errorName(st));
  ++g_data_generation;
  return break_dictionaries_available();
}

bool break_dictionaries_available() {
  UErrorCode st = U_ZERO_ERROR;
  UDataMemory* m = udata_open(U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "brkitr", "dict", "cjdict", &st);
  if (U_FAILURE(st) || !m) return false;
  udata_close(m);
  return true;
}

bool needs_break_dictionaries(std::u16string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    UChar32 c;
    U16_NEXT(text.data(), i, text.size(), c);
    if (c < 0x0E00) continue;  // below Thai nothing needs a dictionary
    UErrorCode st = U_ZERO_ERROR;
    switch (uscript_getScript(c, &st)) {
      case USCRIPT_HAN: case USCRIPT_HIRAGANA: case USCRIPT_KATAKANA: case USCRIPT_THAI:
      case USCRIPT_LAO: case USCRIPT_KHMER: case USCRIPT_MYANMAR:
        return true;
      default:
        break;
    }
  }
  return false;
}

}  // namespace storyprint
