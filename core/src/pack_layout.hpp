// On-disk layout of a pack (see core/PACK_FORMAT.md); shared by the writer and the reader only.
#pragma once
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace storyprint::layout {

static_assert(std::endian::native == std::endian::little, "packs are little-endian; big-endian hosts need swapping");

inline constexpr char kMagic[8] = {'S', 'P', 'R', 'T', 'P', 'A', 'C', 'K'};
inline constexpr std::uint32_t kHeaderSize = 64;
inline constexpr std::uint32_t kRecordSize = 24;

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
  kTokenTable,    // format 5: the distinct tokens by frequency, which section kTokens codes by rank
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
  std::uint32_t str_off;  // its id, outlet, url, title, published in the string section, each a LEB128 length then the bytes
  std::int32_t day;
  std::uint32_t story;
  std::uint32_t tok_count;   // its tokens, written out
  std::uint32_t sent_count;  // its sentences (numbers in kSentenceRefs)
  float weight;
};
static_assert(sizeof(Record) == kRecordSize);

}  // namespace storyprint::layout

namespace storyprint::varint {
// Appends v as the writer's LEB128: seven bits a byte, low first, the high bit set on all but the last.
inline void put(std::vector<std::uint8_t>& out, std::uint32_t v) {
  while (v >= 0x80) out.push_back(static_cast<std::uint8_t>(v | 0x80)), v >>= 7;
  out.push_back(static_cast<std::uint8_t>(v));
}
// Reads the writer's LEB128 (minimal, at most 32 bits) at p, within end; false if it is not one.
inline bool get_long(const std::uint8_t*& p, const std::uint8_t* end, std::uint32_t& x) {
  const std::uint8_t* const first = p;
  std::uint64_t v = 0;
  int shift = 0;
  while (p < end && (*p & 0x80) && shift < 28) v |= std::uint64_t(*p++ & 0x7F) << shift, shift += 7;
  if (p == end || (*p & 0x80) || (p != first && *p == 0)) return false;
  v |= std::uint64_t(*p++) << shift;
  if (v > 0xFFFFFFFFu) return false;
  return x = static_cast<std::uint32_t>(v), true;
}
inline bool get(const std::uint8_t*& p, const std::uint8_t* end, std::uint32_t& x) {
  if (p < end && *p < 0x80) return x = *p++, true;  // most lengths and numbers take one byte
  return get_long(p, end, x);
}
// The same, for bytes already checked.
inline std::uint32_t get(const std::uint8_t*& p) {
  std::uint32_t x = 0;
  int shift = 0;
  while (*p & 0x80) x |= std::uint32_t(*p++ & 0x7F) << shift, shift += 7;
  return x | std::uint32_t(*p++) << shift;
}
}  // namespace storyprint::varint

namespace storyprint::token_code {
// A token's rank in the token table, coded (format 5) as a head byte per token, in order, and for
// ranks of 128 and above one or two tail bytes in a second stream: the 128 most frequent tokens
// take one byte, the next 32,512 two (head 0x80-0xFE), the rest three (head 0xFF, then the rank
// beyond those, little-endian). Heads are one per token, so a decoder finds each token's head
// without decoding the ones before it, and only the tail position carries from token to token.
inline constexpr std::uint32_t kOneByte = 128, kTwoBytes = kOneByte + 127 * 256;
// Two zero bytes end the tails, so that a decoder may always read two bytes ahead.
inline constexpr std::size_t kTailPadding = 2;

inline void put(std::uint8_t& head, std::vector<std::uint8_t>& tails, std::uint32_t rank) {
  if (rank < kOneByte) {
    head = std::uint8_t(rank);
  } else if (rank < kTwoBytes) {
    rank -= kOneByte;
    head = std::uint8_t(0x80 + (rank >> 8));
    tails.push_back(std::uint8_t(rank));
  } else {
    rank -= kTwoBytes;
    head = 0xFF;
    tails.push_back(std::uint8_t(rank));
    tails.push_back(std::uint8_t(rank >> 8));
  }
}
inline std::size_t tail_bytes(std::uint8_t head) { return (head >= 0x80) + (head == 0xFF); }
// The tail bytes put() writes for a rank.
inline std::size_t tail_bytes_of_rank(std::uint32_t rank) { return (rank >= kOneByte) + (rank >= kTwoBytes); }

// Per head byte: the rank it starts from, and which of the next two tail bytes (as a little-endian
// u16) add to it. Looked up, not branched on: which length comes next is a coin toss to a branch
// predictor, and a mispredicted branch per token was most of a cold start.
struct HeadTable {
  std::array<std::uint32_t, 256> base{}, tail_mask{};
  constexpr HeadTable() {
    for (std::uint32_t h = 0; h < 256; ++h) {
      base[h] = h < 0x80 ? h : h < 0xFF ? kOneByte + ((h - 0x80) << 8) : kTwoBytes;
      tail_mask[h] = h < 0x80 ? 0 : h < 0xFF ? 0xFF : 0xFFFF;
    }
  }
};
inline constexpr HeadTable kHeads;

// The rank of a head and the tails at t (two bytes readable); t moves past its tails.
inline std::uint32_t get(std::uint8_t head, const std::uint8_t*& t) {
  const std::uint32_t rank = kHeads.base[head] + ((t[0] | std::uint32_t(t[1]) << 8) & kHeads.tail_mask[head]);
  t += tail_bytes(head);
  return rank;
}

}  // namespace storyprint::token_code
