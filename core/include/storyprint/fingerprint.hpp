// Canonical tokens -> fingerprints: what a pack keeps of a known version instead of its text.
//
// A version is kept as the sequence of 16-bit token hashes (order-preserving, so verbatim runs,
// bigrams and sentence alignment can be recomputed at check time) plus its sentence starts; its
// content words (stopwords dropped) also go, as 32-bit keys, into the pack's inverted index, which
// finds candidates and gives IDF-weighted containment. 16 bits per token is lossy (65,536 buckets):
// a single word collides often, a run of two or three almost never, and single-word evidence is
// taken from the 32-bit index instead.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "storyprint/text.hpp"

namespace storyprint {

inline std::uint16_t seq_hash(std::uint64_t token_hash) { return static_cast<std::uint16_t>(token_hash >> 48); }
inline std::uint32_t key_hash(std::uint64_t token_hash) { return static_cast<std::uint32_t>(token_hash); }

// Function words of English and the other languages the demo meets; they carry no evidence of
// derivation on their own and would bloat the index.
bool is_stopword(std::uint64_t token_hash);
// The same test on a pack's 16-bit token hash (a content word is mistaken for one of the ~200
// stopwords about 0.3 % of the time).
bool is_stopword_seq(std::uint16_t seq_hash);

struct Fingerprint {
  std::vector<std::uint16_t> seq;              // one per token, in order
  std::vector<std::uint32_t> sentence_starts;  // token index where each sentence starts
  std::vector<std::uint32_t> keys;             // distinct content-word keys, sorted
  std::vector<std::uint16_t> key_seq;          // the 16-bit token hash of each key's word (not stored in packs)
};

// Content keys come from every token but those `leave_out` marks (when given, one per token): a
// check leaves out text many stories hold (common_text.hpp).
Fingerprint fingerprint(const CanonicalText& text, std::span<const std::uint8_t> leave_out = {});

}  // namespace storyprint
