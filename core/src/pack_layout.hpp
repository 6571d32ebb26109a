// On-disk layout of a pack (see core/PACK_FORMAT.md); shared by the writer and the reader only.
#pragma once
#include <bit>
#include <cstdint>

namespace storyprint::layout {

static_assert(std::endian::native == std::endian::little, "packs are little-endian; big-endian hosts need swapping");

inline constexpr char kMagic[8] = {'S', 'P', 'R', 'T', 'P', 'A', 'C', 'K'};
inline constexpr std::uint32_t kHeaderSize = 64;
inline constexpr std::uint32_t kRecordSize = 72;

enum Section : std::uint32_t {
  kRecords = 0,
  kStrings,
  kTokens,
  kSentences,
  kKeys,
  kDf,
  kPostingOff,
  kPostings,
  kStoryOff,
  kStoryMembers,
  kCommon,
  kSentenceRefs,  // format 4: each version's sentences as numbers into the distinct sentences
  kSectionCount
};

struct Header {
  char magic[8];
  std::uint32_t format_version;
  std::uint32_t header_size;
  std::uint64_t total_size;
  std::uint64_t checksum;  // XXH3-64 of bytes [header_size, total_size)
  std::uint32_t n_versions;
  std::uint32_t n_stories;
  std::uint32_t n_vocab;
  std::uint32_t n_sections;
  std::uint8_t reserved[16];
};
static_assert(sizeof(Header) == kHeaderSize);

struct SectionEntry {
  std::uint64_t offset;
  std::uint64_t size;
};

struct Record {
  std::uint32_t str_off[5];  // id, outlet, url, title, published: offsets into the string section
  std::uint32_t str_len[5];
  std::int32_t day;
  std::uint32_t story;
  std::uint32_t tok_off, tok_count;    // the version's tokens, counted as if every version were written out
  std::uint32_t sent_off, sent_count;  // byte offset of its sentence numbers in kSentenceRefs, and how many
  float weight;
  std::uint32_t reserved;
};
static_assert(sizeof(Record) == kRecordSize);

}  // namespace storyprint::layout
