// Packs: the fingerprints of known versions, their metadata, story groups and a candidate index,
// in one versioned little-endian binary (core/PACK_FORMAT.md). One reader for native and wasm; it
// validates everything once at open so that later accessors need no checks.
#pragma once
#include <atomic>
#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storyprint/fingerprint.hpp"
#include "storyprint/result.hpp"

namespace storyprint {

// 2: content keys are hashes of Snowball stems in the version's language (1: of the words).
// 3: the keys of sentences held by many stories (common_text.hpp).
// 4: each distinct sentence's tokens once, versions as lists of sentence numbers.
// 5: tokens coded by frequency rank, records of 24 bytes, lengths as varints.
inline constexpr std::uint32_t kPackFormatVersion = 5;
inline constexpr std::int32_t kNoDate = INT32_MIN;
inline constexpr std::int32_t kMinDay = -719528, kMaxDay = 2932896;  // 0000-01-01 .. 9999-12-31
// Packs beyond this are refused by the writer and the reader ("pack.too_large"), their versions
// counted as if written out in full (tokens and sentence starts), whatever sentences they share:
// about 190,000 versions of news articles. A browser worker must keep room for pages
// (core/LIMITS.md).
inline constexpr std::size_t kMaxPackBytes = std::size_t(256) << 20;
Error pack_too_large(std::uint64_t bytes);  // the "pack.too_large" error for a pack of this size

// IDF of a word held by `df` of `n` stories. A prior of 20 pseudo-documents keeps it meaningful
// in small packs (a demo pack of two versions would otherwise weigh every word it lacks far above
// every word it has).
float idf_weight(std::uint32_t n, std::uint32_t df);

struct VersionMeta {
  std::string id, outlet, url, title, published;
};

// Days since 1970-01-01 of an ISO date ("2024-11-23", "2024-11-23T20:27:32Z"); kNoDate if none.
std::int32_t parse_iso_day(std::string_view iso);

// A known version as a pack holds it: metadata and fingerprint, no text. Taken from a pack (a
// merge), its fingerprint has no key_seq, which packs do not store and building does not need.
struct PackedVersion {
  VersionMeta meta;
  Fingerprint fp;
};

// Groups versions into stories (near-duplicate and update chains), builds the index, serialises:
// what PackBuilder::build does with its versions. Versions keep their order; the same versions
// give the same bytes, whether fingerprinted from text or taken from packs (core/PACK_FORMAT.md).
// `threads` (native only; wasm builds use one) share story grouping: the bytes are the same.
Result<std::vector<std::uint8_t>> build_pack(std::span<const PackedVersion> versions, unsigned threads = 1);

struct VersionStore;  // versions as the pack being built holds them (core/src/version_store.hpp)

class PackBuilder {
 public:
  PackBuilder();
  ~PackBuilder();
  PackBuilder(PackBuilder&&) noexcept;
  PackBuilder& operator=(PackBuilder&&) noexcept;
  // Canonicalises and fingerprints the text; the text itself is not kept.
  Result<bool> add(VersionMeta meta, std::string_view text_utf8);
  Result<bool> add_utf16(VersionMeta meta, std::u16string_view text);
  // What add() does before adding, without a builder: callers may fingerprint versions on several
  // threads and add() the results in order (the same pack as add() of each text in that order).
  static Result<PackedVersion> fingerprint_version(VersionMeta meta, std::string_view text_utf8);
  static Result<PackedVersion> fingerprint_version_utf16(VersionMeta meta, std::u16string_view text);
  Result<bool> add(PackedVersion version);
  std::size_t size() const;
  // The versions added, in order, as build_pack takes them.
  std::vector<PackedVersion> versions() const;
  // build_pack() of the versions added.
  Result<std::vector<std::uint8_t>> build(unsigned threads = 1) const;
  // build(), the builder left empty: what it held is freed as it is written into the pack.
  Result<std::vector<std::uint8_t>> take_build(unsigned threads = 1);

 private:
  friend class PackMerger;  // takes the versions a version at a time, not all copied out at once
  std::unique_ptr<VersionStore> store_;
  std::size_t bytes_estimate_ = 0;  // lower bound of the pack's size, to refuse early
};

// What names a version, when it appeared and its story: read from its record and strings alone.
struct VersionLabel {
  std::string_view id, outlet, url, title, published;
  std::int32_t day;  // kNoDate when unknown
  std::uint32_t story;
};

struct VersionView : VersionLabel {
  std::span<const std::uint16_t> seq;
  std::span<const std::uint32_t> sentence_starts;
  float weight;  // sum of IDF over the version's distinct content words
};

class Pack {
 public:
  // A view over bytes the caller keeps alive (no copy).
  static Result<Pack> open(std::span<const std::uint8_t> bytes);
  // Takes ownership of the bytes.
  static Result<Pack> load(std::vector<std::uint8_t> bytes);

  std::uint32_t version_count() const { return n_versions_; }
  std::uint32_t story_count() const { return n_stories_; }
  std::uint32_t vocab_count() const { return n_vocab_; }
  std::size_t byte_size() const { return bytes_.size(); }
  VersionView version(std::uint32_t i) const;
  // The same without its tokens: a version is decoded the first time its tokens are read, and kept,
  // so what only names or dates versions (reports, timelines, summaries) reads this.
  VersionLabel label(std::uint32_t i) const;
  // A version's tokens and sentence starts copied out, the version not kept decoded (taking every
  // version out of a pack, as a merge does, would otherwise hold each twice).
  void copy_version(std::uint32_t i, std::vector<std::uint16_t>& seq, std::vector<std::uint32_t>& sentence_starts) const;
  std::span<const std::uint32_t> story_versions(std::uint32_t story) const;
  // Keys of the sentences kCommonStories or more stories hold (common_text.hpp), ascending.
  std::span<const std::uint32_t> common_sentences() const { return {common_, n_common_}; }

  // Index: position of a content-word key in the vocabulary, or -1.
  std::int64_t find_key(std::uint32_t key) const;
  std::uint32_t key(std::uint32_t vocab) const { return keys_[vocab]; }
  std::uint32_t df(std::uint32_t vocab) const { return df_[vocab]; }  // in stories
  float idf(std::uint32_t vocab) const { return idf_of_df(df_[vocab]); }
  float idf_of_df(std::uint32_t df) const;
  // Called once per posting in candidate lookup: inline, straight from the record.
  std::uint32_t story_of(std::uint32_t version) const {
    std::uint32_t s;
    std::memcpy(&s, records_ + std::size_t(version) * kRecordBytes + kRecordStoryAt, sizeof s);
    return s;
  }
  // Read for every candidate (can_explain): straight from the record too.
  float weight_of(std::uint32_t version) const {
    float w;
    std::memcpy(&w, records_ + std::size_t(version) * kRecordBytes + kRecordWeightAt, sizeof w);
    return w;
  }
  static constexpr std::size_t kRecordBytes = 24, kRecordStoryAt = 8, kRecordWeightAt = 20;  // checked against the layout
  // Version ids holding that word, ascending.
  template <class F>
  void for_each_posting(std::uint32_t vocab, F&& f) const {
    const std::uint8_t* p = postings_ + posting_off_[vocab];
    const std::uint8_t* end = postings_ + posting_off_[vocab + 1];
    std::uint32_t id = 0;
    while (p < end) {
      std::uint32_t delta = 0;
      int shift = 0;
      while (*p & 0x80) delta |= std::uint32_t(*p++ & 0x7F) << shift, shift += 7;
      delta |= std::uint32_t(*p++) << shift;
      id += delta;
      f(id);
    }
  }

 private:
  Result<bool> validate();
  void index_keys();
  std::shared_ptr<const std::vector<std::uint8_t>> owned_;
  // Each version as one contiguous token sequence, as the aligner reads it: decoded from the pack's
  // distinct sentences the first time the version is read (memory touched at open is most of a
  // cold start, and a check reads a few dozen versions). Shared by copies of the pack; writing out
  // takes a lock.
  struct Written {
    std::unique_ptr<std::uint32_t[]> starts;       // per sentence of each version: its first token within the version
    std::unique_ptr<std::uint32_t[]> sentence_of;  // per sentence of each version: its distinct sentence
    std::vector<std::uint32_t> start_at;           // per version: index of its first sentence, and the end
    std::vector<std::uint32_t> dist_head;          // per distinct sentence: its first token (its first head byte), and the end
    std::vector<std::uint32_t> dist_tail;          // per distinct sentence: its first tail byte, and the end
    std::unique_ptr<std::atomic<const std::uint16_t*>[]> seq;  // per version, once known
    std::vector<std::unique_ptr<std::uint16_t[]>> out;        // the versions written out
    std::mutex writing;
  };
  const std::uint16_t* tokens_of(std::uint32_t version) const;
  std::uint16_t* decode_into(std::uint32_t sentence, std::uint16_t* out) const;  // returns the end
  std::vector<std::uint16_t> decode_sentence(std::uint32_t sentence) const;
  std::shared_ptr<Written> written_;
  std::span<const std::uint8_t> bytes_;
  std::uint32_t n_versions_ = 0, n_stories_ = 0, n_vocab_ = 0;
  const std::uint8_t* records_ = nullptr;
  const char* strings_ = nullptr;
  std::size_t strings_size_ = 0;
  const std::uint8_t* heads_ = nullptr;      // the distinct sentences' tokens, coded by rank: a head byte each
  const std::uint8_t* tails_ = nullptr;      // then the tail bytes of those that have them
  const std::uint16_t* table_ = nullptr;     // the tokens by rank
  const std::uint32_t* sentences_ = nullptr;  // written_->starts
  const std::uint32_t* keys_ = nullptr;
  // Per bucket of keys by their top 32 - key_shift_ bits: its first vocabulary position, and the end.
  std::shared_ptr<const std::vector<std::uint32_t>> key_first_ = std::make_shared<const std::vector<std::uint32_t>>(2, 0);
  unsigned key_shift_ = 32;
  const std::uint32_t* df_ = nullptr;
  const std::uint32_t* posting_off_ = nullptr;
  const std::uint8_t* postings_ = nullptr;
  std::size_t postings_size_ = 0;
  const std::uint32_t* story_off_ = nullptr;
  const std::uint32_t* story_members_ = nullptr;
  const std::uint32_t* common_ = nullptr;
  std::size_t n_common_ = 0;
};

// The pack's contents written out again by PackBuilder's serialiser. The reader accepts exactly what
// the writer makes, so for every pack Pack::open accepts this gives the same bytes (the round-trip
// property of tests/unit/pack_test.cpp and tests/fuzz/fuzz_pack.cpp).
std::vector<std::uint8_t> write_again(const Pack& pack);

}  // namespace storyprint
