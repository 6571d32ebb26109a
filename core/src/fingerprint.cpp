#include "storyprint/fingerprint.hpp"

#include <algorithm>
#include <string_view>
#include <vector>

#include "hash_table64.hpp"

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace storyprint {
namespace {

// Canonical (case-folded) forms; the apostrophe is ASCII after canonicalisation.
constexpr std::string_view kStopwords[] = {
    // English
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at",
    "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do",
    "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he",
    "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "it's",
    "its", "itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on",
    "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she", "should", "so",
    "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they",
    "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when",
    "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself",
    "said", "says", "say", "told", "mr", "mrs", "ms", "s", "t", "he's", "she's", "they're", "we're", "there's",
    "don't", "didn't", "wasn't", "isn't", "won't", "can't", "yesterday", "today", "last", "year", "new",
    // French
    "le", "la", "les", "un", "une", "des", "du", "de", "et", "en", "à", "au", "aux", "est", "que", "qui", "dans",
    "par", "pour", "sur", "pas", "ne", "se", "ce", "il", "elle", "ils", "a", "l'", "d'",
    // German
    "der", "die", "das", "und", "ist", "den", "dem", "ein", "eine", "zu", "mit", "von", "im", "auf", "nicht", "sich",
};

std::vector<std::pair<std::uint64_t, bool>> stopword_hashes() {
  std::vector<std::pair<std::uint64_t, bool>> out;
  for (auto w : kStopwords) out.emplace_back(XXH3_64bits(w.data(), w.size()), true);
  return out;
}

}  // namespace

bool is_stopword(std::uint64_t token_hash) {
  static const HashTable64<bool> table(stopword_hashes());
  return table.find(token_hash) != nullptr;
}

bool is_stopword_seq(std::uint16_t h) {
  static const std::vector<bool> table = [] {
    std::vector<bool> t(1u << 16, false);
    for (const auto& [s, _] : stopword_hashes()) t[seq_hash(s)] = true;
    return t;
  }();
  return table[h];
}

Fingerprint fingerprint(const CanonicalText& text, std::span<const std::uint8_t> leave_out) {
  Fingerprint fp;
  fp.seq.reserve(text.tokens.size());
  std::vector<std::pair<std::uint32_t, std::uint16_t>> words;
  for (std::size_t i = 0; i < text.tokens.size(); ++i) {
    const Token& t = text.tokens[i];
    fp.seq.push_back(seq_hash(t.hash));
    if (!t.stopword && (leave_out.empty() || !leave_out[i])) words.emplace_back(key_hash(t.hash), seq_hash(t.hash));
  }
  for (const Sentence& s : text.sentences) fp.sentence_starts.push_back(s.first_token);
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end(), [](auto& a, auto& b) { return a.first == b.first; }), words.end());
  for (const auto& [key, seq] : words) fp.keys.push_back(key), fp.key_seq.push_back(seq);
  return fp;
}

}  // namespace storyprint
