// Reads formats 2, 3 and 4 on their own terms (their layout is frozen here, apart from today's
// pack_layout.hpp: format 3 is format 2 with an eleventh section, the common sentences, which are
// derived and not read; format 4 stores each distinct sentence's tokens once and numbers them per
// version in a twelfth section) and checks every offset before use: the bytes may be anything.
// What it gives back is rebuilt by build_pack, whose output the reader validates in full.
#include "storyprint/pack_upgrade.hpp"

#include <cstring>
#include <string>

#include "pack_layout.hpp"  // the varints only: LEB128 is every format's
#include "storyprint/text.hpp"

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace storyprint {
namespace {

constexpr char kMagic[8] = {'S', 'P', 'R', 'T', 'P', 'A', 'C', 'K'};
constexpr std::size_t kHeader = 64, kRecord = 72;
enum V2Section { kRecords, kStrings, kTokens, kSentences, kKeys, kDf, kPostingOff, kPostings, kStoryOff, kStoryMembers, kCommon, kSentenceRefs };

Error corrupt(const std::string& what) { return make_error("pack.corrupt", "pack is corrupt: " + what); }

template <class T>
T read_at(std::span<const std::uint8_t> b, std::size_t at) {
  T x;
  std::memcpy(&x, b.data() + at, sizeof x);
  return x;
}

// Format 4's versions, in order: each one's tokens and sentence starts from its sentence numbers
// (0: the next distinct sentence not used before; k: distinct sentence k - 1).
struct SentenceNumbers {
  std::vector<std::uint64_t> dist;  // where each distinct sentence's tokens start, and the end
  std::span<const std::uint8_t> tokens, refs;
  std::size_t pos = 0, next_new = 0;

  Result<bool> read(Fingerprint& fp, std::uint32_t tok_count, std::uint32_t sent_count) {
    if ((tok_count == 0) != (sent_count == 0) || sent_count > refs.size() - pos) return corrupt("sentence starts");
    for (std::uint32_t i = 0; i < sent_count; ++i) {
      const std::uint8_t* p = refs.data() + pos;
      std::uint32_t x;
      if (!varint::get(p, refs.data() + refs.size(), x)) return corrupt("sentence number");
      pos = static_cast<std::size_t>(p - refs.data());
      const std::uint64_t d = x == 0 ? next_new++ : std::uint64_t(x) - 1;
      if (d + 1 >= dist.size() || d >= next_new) return corrupt("sentence number");
      const std::uint64_t len = dist[d + 1] - dist[d];
      if (len > tok_count - fp.seq.size()) return corrupt("token count");
      fp.sentence_starts.push_back(static_cast<std::uint32_t>(fp.seq.size()));
      const std::size_t at = fp.seq.size();
      fp.seq.resize(at + len);
      std::memcpy(fp.seq.data() + at, tokens.data() + dist[d] * 2, len * 2);
    }
    if (fp.seq.size() != tok_count) return corrupt("token count");
    return true;
  }
};

}  // namespace

std::uint32_t pack_format_of(std::span<const std::uint8_t> bytes) {
  if (bytes.size() < 12 || std::memcmp(bytes.data(), kMagic, 8) != 0) return 0;
  return read_at<std::uint32_t>(bytes, 8);
}

Result<std::vector<PackedVersion>> legacy_versions(std::span<const std::uint8_t> bytes) {
  const std::uint32_t format = pack_format_of(bytes);
  if (format < 2 || format > 4) {
    auto p = Pack::open(bytes);  // the error today's reader gives (or none: nothing to upgrade)
    if (!p) return p.error();
    return make_error("pack.current", "the pack is already in the current format");
  }
  const std::size_t n_sections = format == 2 ? 10 : format == 3 ? 11 : 12;
  if (bytes.size() < kHeader + n_sections * 16 || read_at<std::uint64_t>(bytes, 16) > bytes.size())
    return make_error("pack.truncated", "pack is truncated");
  if (read_at<std::uint32_t>(bytes, 12) != kHeader || read_at<std::uint32_t>(bytes, 44) != n_sections)
    return corrupt("bad header fields");
  if (read_at<std::uint64_t>(bytes, 16) != bytes.size()) return corrupt("stated size");
  if (XXH3_64bits(bytes.data() + kHeader, bytes.size() - kHeader) != read_at<std::uint64_t>(bytes, 24))
    return make_error("pack.checksum", "pack checksum does not match: damaged in transit or altered");
  const std::uint32_t n = read_at<std::uint32_t>(bytes, 32), n_vocab = read_at<std::uint32_t>(bytes, 40);
  std::uint64_t off[12], size[12];
  for (std::size_t s = 0; s < n_sections; ++s) {
    off[s] = read_at<std::uint64_t>(bytes, kHeader + 16 * s);
    size[s] = read_at<std::uint64_t>(bytes, kHeader + 16 * s + 8);
    if (off[s] > bytes.size() || size[s] > bytes.size() - off[s]) return corrupt("section layout");
  }
  if (size[kRecords] != std::uint64_t(n) * kRecord || size[kKeys] != std::uint64_t(n_vocab) * 4 ||
      size[kPostingOff] != (std::uint64_t(n_vocab) + 1) * 4 || size[kTokens] % 2 || size[kSentences] % 4)
    return corrupt("section sizes");
  const auto sec = [&](V2Section s) { return bytes.subspan(off[s], size[s]); };
  const auto strings = sec(kStrings), tokens = sec(kTokens), sentences = sec(kSentences), postings = sec(kPostings);

  SentenceNumbers numbers{{0}, tokens, format == 4 ? sec(kSentenceRefs) : std::span<const std::uint8_t>()};
  if (format == 4)
    for (std::size_t d = 0; d < sentences.size() / 4; ++d) {
      const std::uint32_t len = read_at<std::uint32_t>(sentences, 4 * d);
      if (len == 0 || len > tokens.size() / 2 - numbers.dist.back()) return corrupt("sentence lengths");
      numbers.dist.push_back(numbers.dist.back() + len);
    }
  std::vector<PackedVersion> out(n);
  for (std::uint32_t v = 0; v < n; ++v) {
    const std::size_t r = off[kRecords] + std::size_t(v) * kRecord;
    std::string* fields[5] = {&out[v].meta.id, &out[v].meta.outlet, &out[v].meta.url, &out[v].meta.title, &out[v].meta.published};
    for (int f = 0; f < 5; ++f) {
      const std::uint32_t so = read_at<std::uint32_t>(bytes, r + 4 * f), sl = read_at<std::uint32_t>(bytes, r + 20 + 4 * f);
      if (so > strings.size() || sl > strings.size() - so) return corrupt("string bounds");
      auto u = utf8_to_utf16(std::string_view(reinterpret_cast<const char*>(strings.data()) + so, sl));
      if (!u) return u.error();
      *fields[f] = utf16_to_utf8(*u);
    }
    if (out[v].meta.id.empty()) return corrupt("version without an id");
    const std::uint32_t tok_off = read_at<std::uint32_t>(bytes, r + 48), tok_count = read_at<std::uint32_t>(bytes, r + 52);
    const std::uint32_t sent_off = read_at<std::uint32_t>(bytes, r + 56), sent_count = read_at<std::uint32_t>(bytes, r + 60);
    if (format == 4) {
      auto ok = numbers.read(out[v].fp, tok_count, sent_count);
      if (!ok) return ok.error();
      continue;
    }
    if (tok_off > tokens.size() / 2 || tok_count > tokens.size() / 2 - tok_off) return corrupt("token bounds");
    if (sent_off > sentences.size() / 4 || sent_count > sentences.size() / 4 - sent_off) return corrupt("sentence bounds");
    if ((tok_count == 0) != (sent_count == 0)) return corrupt("sentence starts");
    auto& fp = out[v].fp;
    fp.seq.resize(tok_count);
    if (tok_count) std::memcpy(fp.seq.data(), tokens.data() + std::size_t(tok_off) * 2, std::size_t(tok_count) * 2);
    fp.sentence_starts.resize(sent_count);
    if (sent_count) std::memcpy(fp.sentence_starts.data(), sentences.data() + std::size_t(sent_off) * 4, std::size_t(sent_count) * 4);
    for (std::uint32_t i = 0; i < sent_count; ++i) {
      const std::uint32_t s = fp.sentence_starts[i];
      if (i == 0 ? s != 0 : (s >= tok_count || s <= fp.sentence_starts[i - 1])) return corrupt("sentence starts");
    }
  }
  // Content keys: each word's posting list names the versions holding it; walking the vocabulary
  // in key order gives every version its keys ascending, as fingerprint() makes them.
  std::uint32_t prev_key = 0;
  for (std::uint32_t w = 0; w < n_vocab; ++w) {
    const std::uint32_t key = read_at<std::uint32_t>(bytes, off[kKeys] + 4 * std::size_t(w));
    if (w && key <= prev_key) return corrupt("vocabulary order");
    prev_key = key;
    const std::uint32_t b = read_at<std::uint32_t>(bytes, off[kPostingOff] + 4 * std::size_t(w));
    const std::uint32_t e = read_at<std::uint32_t>(bytes, off[kPostingOff] + 4 * std::size_t(w) + 4);
    if (b > e || e > postings.size()) return corrupt("posting offsets");
    std::uint64_t id = 0;
    const std::uint8_t* p = postings.data() + b;
    for (std::size_t k = 0; p < postings.data() + e; ++k) {
      std::uint32_t delta;
      if (!varint::get(p, postings.data() + e, delta)) return corrupt("posting varint");
      if (k > 0 && delta == 0) return corrupt("posting order");
      id += delta;
      if (id >= n) return corrupt("posting version id");
      out[id].fp.keys.push_back(key);
    }
  }
  return out;
}

}  // namespace storyprint
