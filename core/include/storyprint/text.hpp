// Text -> canonical tokens: the first stage of the pipeline. Everything later (fingerprints,
// matching, passages) sees only these tokens, so native and wasm must produce them identically.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "storyprint/result.hpp"
#include "storyprint/stem.hpp"

namespace storyprint {

// Inputs beyond these are refused with an error instead of exhausting a browser worker.
inline constexpr std::size_t kMaxTextUnits = 16u << 20;  // UTF-16 code units (~16 MB of text)
inline constexpr std::size_t kMaxTokens = 4u << 20;

enum class TokenKind : std::uint8_t { Word = 0, Number = 1, Ideographic = 2 };

struct Token {
  // XXH3-64 of the canonical form (UTF-8), except bits 31-0, which are those of its Snowball stem in
  // the text's language (CanonicalText::language) when the token is a word and not a stopword.
  // fingerprint.hpp cuts the 16-bit sequence hash from bits 63-48 (verbatim runs, bigrams,
  // sentences: the words as written) and the 32-bit content key from bits 31-0 (containment,
  // candidates, IDF: "rewrites" and "rewriting" are one content word).
  std::uint64_t hash;
  std::uint32_t begin16;  // offsets into the input, UTF-16 code units, end exclusive
  std::uint32_t end16;
  std::uint32_t begin_cp;  // the same in Unicode code points
  std::uint32_t end_cp;
  std::uint32_t sentence;  // index into CanonicalText::sentences
  TokenKind kind;
  // Began with an upper- or titlecase letter in the input: names and sentence openings. Lets the
  // matcher tell a page's ordinary wording from the names any coverage of an event shares.
  bool capitalised;
  bool stopword;  // the canonical form (not its stem) is a stopword (fingerprint.hpp)
};

struct Sentence {
  std::uint32_t first_token;  // [first_token, end_token)
  std::uint32_t end_token;
};

struct CanonicalText {
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;  // only sentences that hold at least one token
  std::vector<std::string> forms;   // canonical forms, filled only when asked for (tests, CLI)
  std::uint32_t length16 = 0;
  std::uint32_t length_cp = 0;
  Language language = Language::None;  // choose_language() of the text: what its words are stemmed in
  bool replaced_invalid = false;  // invalid UTF-8 / lone surrogates were replaced by U+FFFD
  // Combining marks beyond the 30th of a run (no real word has so many) left out of tokens' forms,
  // which keeps normalisation linear in the page's length.
  std::uint32_t marks_dropped = 0;
};

struct CanonicalizeOptions {
  bool keep_forms = false;
};

// Word tokens (letters, numbers, ideographs; punctuation, symbols and spaces dropped), each folded:
// typographic apostrophes to ', then NFKC_Casefold (case, ligatures, width, compatibility forms).
Result<CanonicalText> canonicalize_utf16(std::u16string_view text, const CanonicalizeOptions& opt = {});
// Invalid UTF-8 is replaced by U+FFFD (flagged), never rejected.
Result<CanonicalText> canonicalize(std::string_view utf8, const CanonicalizeOptions& opt = {});

// UTF-8 -> UTF-16 with U+FFFD for invalid sequences. Sets *replaced when something was replaced.
Result<std::u16string> utf8_to_utf16(std::string_view utf8, bool* replaced = nullptr);
std::string utf16_to_utf8(std::u16string_view text);
// Whether utf8 is well-formed (Unicode's table 3-7, the rules utf8_to_utf16 replaces by and a fatal
// TextDecoder accepts), without converting: a pack's metadata is checked at open, and JSON lines.
bool is_valid_utf8(std::string_view utf8);

// Registers ICU data holding the CJK / Thai / Lao / Khmer / Burmese break dictionaries. Native
// builds have them from the system ICU; the wasm build loads them on demand. Iterators created
// afterwards use them. The bytes must stay alive for the life of the process.
Result<bool> register_break_dictionaries(const std::uint8_t* data, std::size_t size);
// True when text of this script would need the dictionaries to be split into words.
bool needs_break_dictionaries(std::u16string_view text);
bool break_dictionaries_available();

}  // namespace storyprint
