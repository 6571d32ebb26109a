// Word stems for content matching: which language a text is in (by script, and for Latin script by
// a small built-in function-word profile), and the Snowball stem of a case-folded word in it.
// Tokens, offsets and passages stay ICU's; only the hashes that match content words use the stem,
// so that "rewrites" and "rewriting" are one word to the matcher.
//
// The same choice is made for a known version when a pack is built and for a page at check time,
// natively and in wasm: both sides of a comparison are stemmed alike when they are in one language.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace storyprint {

// Every language of Snowball 2.2 (Debian bookworm's libstemmer) but "porter" (English's older
// stemmer). None: no stemming (no stemmer for the language, or the text is too short or mixed).
enum class Language : std::uint8_t {
  None = 0,
  Arabic, Armenian, Basque, Catalan, Danish, Dutch, English, Finnish, French, German, Greek, Hindi,
  Hungarian, Indonesian, Irish, Italian, Lithuanian, Nepali, Norwegian, Portuguese, Romanian, Russian,
  Serbian, Spanish, Swedish, Tamil, Turkish, Yiddish,
  Count
};

// Snowball's name of the language ("english"), "none" for Language::None.
const char* language_name(Language lang);

// The language a text's words are stemmed in. Linear in the text, no allocation beyond a few small
// counters. Decides by script where the script says it (Cyrillic, Greek, Arabic, Armenian,
// Devanagari, Tamil, Hebrew), else by function words; None when no script or language has a clear
// majority of the letters / function words, or the text has too few of them.
Language choose_language(std::u16string_view text);

// Words longer than this (UTF-8 bytes) are not stemmed: bounds the stemmer's work and memory.
inline constexpr std::size_t kMaxStemBytes = 64;

// The Snowball stem of `folded` (a canonical, case-folded word in UTF-8) into *out. False, with
// *out untouched, when nothing is stemmed: Language::None, a word over kMaxStemBytes, or no stemmer
// could be made. One stemmer per language per thread, made on first use (Snowball stemmers are not
// thread-safe).
bool stem_word(Language lang, std::string_view folded, std::string* out);

}  // namespace storyprint
