// Known versions as a pack being built holds them: metadata already in the pack's string layout,
// each distinct sentence's tokens once (numbered in order of first use, as the pack numbers them)
// and every version's content keys in a few large arrays. Large arrays instead of several small
// blocks per version: half the memory on news, where reprints share sentences, and nothing left
// scattered when they are freed (a build's peak was the versions held as PackedVersion beside the
// index being laid out, and their small blocks, freed, were never handed back to the system).
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "storyprint/pack.hpp"

namespace storyprint {

// Open addressing from a sentence's 64-bit hash to its number (two arrays, no node per sentence).
class SentenceTable {
 public:
  // The number of hash h, or `next` given to it if it had none (second: true).
  std::pair<std::uint32_t, bool> number(std::uint64_t h, std::uint32_t next);

 private:
  static constexpr std::uint32_t kEmpty = ~0u;
  void grow();
  std::vector<std::uint64_t> hashes_;
  std::vector<std::uint32_t> ids_;
  std::size_t size_ = 0;
};

struct VersionStore {
  // Per version.
  std::vector<std::uint32_t> str_off;    // its id, outlet, url, title, published in `strings`
  std::vector<std::int32_t> day;         // parse_iso_day(published)
  std::vector<std::uint32_t> tok_count;  // its tokens, written out
  std::vector<std::uint32_t> sent_at{0};  // its sentences: sent_ids[sent_at[v], sent_at[v + 1])
  struct KeyRange {
    std::uint32_t chunk, begin, end;
  };
  std::vector<KeyRange> key_range;        // its content keys, ascending: key_chunks[chunk][begin, end)
  std::vector<std::uint8_t> strings;     // the pack's string section: each field a LEB128 length then the bytes
  std::vector<std::uint32_t> sent_ids;   // distinct sentence numbers
  // Content keys in chunks of up to kKeyChunk (or one version's, if more), each version's in one: a
  // single array grown by doubling held its old and new copies at once (in wasm, memory taken for good).
  static constexpr std::size_t kKeyChunk = std::size_t(1) << 20;
  std::vector<std::vector<std::uint32_t>> key_chunks;
  std::size_t n_keys = 0;
  // Per distinct sentence.
  std::vector<std::uint16_t> tokens;     // their tokens, one after the other
  std::vector<std::uint32_t> first_token, lengths;
  SentenceTable distinct;                // XXH3-64 of a sentence's tokens -> its number

  std::uint32_t size() const { return static_cast<std::uint32_t>(str_off.size()); }
  std::span<const std::uint32_t> keys_of(std::uint32_t v) const {
    const KeyRange r = key_range[v];
    return {key_chunks[r.chunk].data() + r.begin, r.end - r.begin};
  }
  std::span<const std::uint16_t> sentence(std::uint32_t d) const { return {tokens.data() + first_token[d], lengths[d]}; }
  void add(const PackedVersion& v);
  // Every version of a pack, in order, its keys ascending as fingerprint() makes them.
  void add_pack(const Pack& pack);
  // Its id, outlet, url, title and published, as added.
  std::array<std::string_view, 5> fields(std::uint32_t v) const;
  // The version as it was added (its fingerprint without key_seq).
  PackedVersion version(std::uint32_t v) const;
};

// build_pack() of the versions in the store, which it uses up (core/src/pack_writer.cpp).
Result<std::vector<std::uint8_t>> build_pack(VersionStore&& store, unsigned threads = 1);

}  // namespace storyprint
