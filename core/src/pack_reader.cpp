// Pack reader: validates once at open (sizes, bounds, checksum, index consistency), then serves
// views into the bytes. Every failure is an Error naming what is wrong; nothing is trusted.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "pack_layout.hpp"
#include "sort_pairs.hpp"
#include "storyprint/common_text.hpp"
#include "storyprint/pack.hpp"
#include "storyprint/text.hpp"

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace storyprint {
namespace {
Error corrupt(const std::string& what) { return make_error("pack.corrupt", "pack is corrupt: " + what); }
}  // namespace

Error pack_too_large(std::uint64_t bytes) {
  return make_error("pack.too_large", "pack has " + std::to_string(bytes) + " bytes; the limit is " +
                                          std::to_string(kMaxPackBytes) + " bytes (" +
                                          std::to_string(kMaxPackBytes >> 20) + " MiB)");
}

Result<Pack> Pack::open(std::span<const std::uint8_t> bytes) {
  // Arrays are read in place; a misaligned buffer is copied once.
  if (reinterpret_cast<std::uintptr_t>(bytes.data()) % 8 != 0)
    return load(std::vector<std::uint8_t>(bytes.begin(), bytes.end()));
  Pack p;
  p.bytes_ = bytes;
  auto ok = p.validate();
  if (!ok) return ok.error();
  return p;
}

Result<Pack> Pack::load(std::vector<std::uint8_t> bytes) {
  Pack p;
  p.owned_ = std::make_shared<const std::vector<std::uint8_t>>(std::move(bytes));
  p.bytes_ = std::span<const std::uint8_t>(*p.owned_);
  auto ok = p.validate();
  if (!ok) return ok.error();
  return p;
}

// Accepts exactly what PackBuilder writes (core/PACK_FORMAT.md): every field the writer derives is
// derived again here and compared, so that any pack accepted, written again by the writer, is the
// same bytes (tests/unit/pack_test.cpp, tests/fuzz/fuzz_pack.cpp).
Result<bool> Pack::validate() {
  using namespace layout;
  if (bytes_.size() < 8 || std::memcmp(bytes_.data(), kMagic, 8) != 0)
    return make_error("pack.foreign", "not a Storyprint pack (wrong magic bytes)");
  if (bytes_.size() < kHeaderSize) return make_error("pack.truncated", "pack is truncated (header incomplete)");
  if (bytes_.size() > kMaxPackBytes) return pack_too_large(bytes_.size());
  Header h;
  std::memcpy(&h, bytes_.data(), sizeof h);
  if (h.format_version > kPackFormatVersion)
    return make_error("pack.newer", "pack format " + std::to_string(h.format_version) +
                                        " is newer than this Storyprint reads (" + std::to_string(kPackFormatVersion) +
                                        "); update Storyprint");
  if (h.format_version != kPackFormatVersion)
    return make_error("pack.version", "pack format " + std::to_string(h.format_version) +
                                          " is older than this Storyprint reads (" + std::to_string(kPackFormatVersion) +
                                          "); rebuild it from its known versions");
  if (h.header_size != kHeaderSize || h.n_sections != kSectionCount) return corrupt("bad header fields");
  if (h.total_size > bytes_.size())
    return make_error("pack.truncated", "pack is truncated: " + std::to_string(bytes_.size()) + " of " +
                                            std::to_string(h.total_size) + " bytes");
  if (h.total_size < kHeaderSize + sizeof(SectionEntry) * kSectionCount) return corrupt("bad total size");
  if (h.total_size != bytes_.size())
    return corrupt(std::to_string(bytes_.size() - h.total_size) + " bytes after the end of the pack");
  if (XXH3_64bits(bytes_.data() + kHeaderSize, bytes_.size() - kHeaderSize) != h.checksum)
    return make_error("pack.checksum", "pack checksum does not match: damaged in transit or altered");
  for (std::uint8_t b : h.reserved)
    if (b != 0) return corrupt("reserved header bytes are not zero");

  // Sections follow the table in order, each on the next 8-byte boundary, zero padding between
  // them, and the pack ends with the last one (padded): no section overlaps another or the header.
  SectionEntry sec[kSectionCount];
  std::memcpy(sec, bytes_.data() + kHeaderSize, sizeof sec);
  {
    std::uint64_t pos = kHeaderSize + sizeof sec;
    for (const auto& s : sec) {
      const std::uint64_t aligned = (pos + 7) & ~std::uint64_t(7);
      if (s.offset != aligned || s.size > bytes_.size() - s.offset) return corrupt("section layout");
      for (std::uint64_t i = pos; i < aligned; ++i)
        if (bytes_[i] != 0) return corrupt("padding bytes are not zero");
      pos = s.offset + s.size;
    }
    const std::uint64_t aligned = (pos + 7) & ~std::uint64_t(7);
    if (aligned != bytes_.size()) return corrupt("section layout");
    for (std::uint64_t i = pos; i < aligned; ++i)
      if (bytes_[i] != 0) return corrupt("padding bytes are not zero");
  }
  auto at = [&](Section s) { return bytes_.data() + sec[s].offset; };
  auto count = [&](Section s, std::size_t unit) -> std::size_t { return sec[s].size % unit ? SIZE_MAX : sec[s].size / unit; };

  n_versions_ = h.n_versions, n_stories_ = h.n_stories, n_vocab_ = h.n_vocab;
  if (n_versions_ >= (1u << 31)) return corrupt("version count");
  if (count(kRecords, kRecordSize) != n_versions_) return corrupt("record count");
  if (count(kKeys, 4) != n_vocab_ || count(kDf, 4) != n_vocab_ || count(kPostingOff, 4) != std::size_t(n_vocab_) + 1)
    return corrupt("index sizes");
  if (count(kStoryOff, 4) != std::size_t(n_stories_) + 1 || count(kStoryMembers, 4) != n_versions_)
    return corrupt("story sizes");
  if (count(kTokenTable, 2) == SIZE_MAX || count(kTokenTable, 2) > 65536) return corrupt("token table size");
  if (count(kCommon, 4) == SIZE_MAX) return corrupt("common sentence sizes");
  records_ = at(kRecords);
  strings_ = reinterpret_cast<const char*>(at(kStrings));
  strings_size_ = sec[kStrings].size;
  keys_ = reinterpret_cast<const std::uint32_t*>(at(kKeys));
  df_ = reinterpret_cast<const std::uint32_t*>(at(kDf));
  posting_off_ = reinterpret_cast<const std::uint32_t*>(at(kPostingOff));
  postings_ = at(kPostings);
  postings_size_ = sec[kPostings].size;
  story_off_ = reinterpret_cast<const std::uint32_t*>(at(kStoryOff));
  story_members_ = reinterpret_cast<const std::uint32_t*>(at(kStoryMembers));
  common_ = reinterpret_cast<const std::uint32_t*>(at(kCommon));
  n_common_ = count(kCommon, 4);

  // Distinct sentences: their lengths (none empty), then their tokens, each coded as its rank in the
  // token table (token_code: a head byte per token, then the tails, then two zero bytes), which
  // lists distinct tokens, each used, by falling frequency and then by value (checked last).
  auto written = std::make_shared<Written>();
  std::vector<std::uint32_t>& dist_head = written->dist_head;
  std::vector<std::uint32_t>& dist_tail = written->dist_tail;
  {
    const std::uint8_t* p = at(kSentences);
    const std::uint8_t* const end = p + sec[kSentences].size;
    dist_head.reserve(sec[kSentences].size + 1);  // a byte at least each
    dist_head.push_back(0);
    while (p < end) {
      std::uint32_t len;
      if (!varint::get(p, end, len) || len == 0) return corrupt("sentence lengths");
      // Every token has a head byte.
      if (len > sec[kTokens].size - dist_head.back()) return corrupt("sentence lengths");
      dist_head.push_back(dist_head.back() + len);
    }
  }
  const std::size_t n_distinct = dist_head.size() - 1, n_tokens = dist_head.back();
  table_ = reinterpret_cast<const std::uint16_t*>(at(kTokenTable));
  heads_ = at(kTokens);
  tails_ = heads_ + n_tokens;
  const std::size_t n_table = count(kTokenTable, 2);
  const std::size_t size = sec[kTokens].size;
  if (size < n_tokens + token_code::kTailPadding || heads_[size - 1] != 0 || heads_[size - 2] != 0)
    return corrupt("token tails");
  const std::uint8_t* const tails_end = heads_ + size - token_code::kTailPadding;
  // Each distinct sentence's codes checked (their tails within the section, their ranks within the
  // table) and counted (for the table's order, checked last), and its heads hashed, to find a
  // sentence listed twice: no sentence is decoded here but the common ones (below).
  std::vector<std::pair<std::uint32_t, std::uint32_t>> by_code(n_distinct);  // (hash of its heads, sentence)
  std::vector<std::uint32_t> freq(n_table, 0);
  if (n_tokens > 0 && n_table == 0) return corrupt("token code");
  {
    dist_tail.resize(n_distinct + 1);
    const std::uint8_t* const heads = heads_;
    const std::uint8_t* const tails = tails_;
    std::uint32_t* const uses = freq.data();
    const std::uint32_t last = static_cast<std::uint32_t>(n_table) - 1;
    const std::uint8_t* t = tails;
    for (std::size_t d = 0; d < n_distinct; ++d) {
      dist_tail[d] = static_cast<std::uint32_t>(t - tails);
      const std::uint8_t* const h = heads + dist_head[d];
      const std::uint32_t len = dist_head[d + 1] - dist_head[d];
      // A token has two tail bytes at most, and two zero bytes follow the tails: when twice the
      // sentence's length is left, every read below is within the section whatever the heads say.
      if (std::size_t(tails_end - t) / 2 < len) {
        std::size_t need = 0;
        for (std::uint32_t k = 0; k < len; ++k) need += token_code::tail_bytes(h[k]);
        if (need > std::size_t(tails_end - t)) return corrupt("token tails");
      }
      std::uint32_t beyond = 0;  // a rank past the table, told once per sentence: no branch per token
      for (std::uint32_t k = 0; k < len; ++k) {
        const std::uint32_t rank = token_code::get(h[k], t);
        beyond |= rank > last;
        ++uses[std::min(rank, last)];
      }
      if (beyond) return corrupt("token code");
      by_code[d] = {static_cast<std::uint32_t>(XXH3_64bits(h, len)), static_cast<std::uint32_t>(d)};
    }
    if (t != tails_end) return corrupt("token tails");
    dist_tail[n_distinct] = static_cast<std::uint32_t>(t - tails);
  }
  const std::uint8_t* refs = at(kSentenceRefs);
  const std::uint8_t* const refs_end = refs + sec[kSentenceRefs].size;
  // Written out, the versions hold no more than a pack may: the writer counts them so too.
  std::uint64_t all_tokens = 0, all_sentences = 0;
  for (std::uint32_t v = 0; v < n_versions_; ++v) {
    Record r;
    std::memcpy(&r, records_ + std::size_t(v) * kRecordSize, sizeof r);
    all_tokens += r.tok_count, all_sentences += r.sent_count;
  }
  if (all_tokens * 2 + all_sentences * 4 > kMaxPackBytes) return corrupt("versions longer than a pack may hold");
  if (all_sentences > sec[kSentenceRefs].size) return corrupt("sentence count");  // each takes a byte at least
  // Both filled sentence by sentence below (not zeroed first: memory is touched once).
  written->starts.reset(new std::uint32_t[all_sentences]);
  written->sentence_of.reset(new std::uint32_t[all_sentences]);
  std::uint32_t* const starts = written->starts.get();
  std::uint32_t* const sentence_of = written->sentence_of.get();
  written->start_at.reserve(std::size_t(n_versions_) + 1);
  std::size_t n_sent = 0;
  written->seq.reset(new std::atomic<const std::uint16_t*>[n_versions_]);

  // Records: strings laid out version after version, each a length and its bytes; each version's
  // sentences numbered into the distinct ones (0: the next not used before; k: the k-th, used
  // before) and adding up to its token count; dates as the writer parses them; story ids dense in
  // order of each story's first version.
  const auto* const str_bytes = reinterpret_cast<const std::uint8_t*>(strings_);
  const std::uint8_t* str_pos = str_bytes;
  const std::uint8_t* const str_end = str_bytes + strings_size_;
  const std::uint8_t* ref_pos = refs;
  std::uint32_t next_story = 0, next_new = 0;
  std::vector<std::uint32_t> story_at(n_versions_);  // the records' story ids, read once for the postings below
  static const std::uint16_t kEmpty[1] = {0};
  for (std::uint32_t v = 0; v < n_versions_; ++v) {
    Record r;
    std::memcpy(&r, records_ + std::size_t(v) * kRecordSize, sizeof r);
    story_at[v] = r.story;
    if (r.str_off != std::size_t(str_pos - str_bytes)) return corrupt("string bounds");
    std::string_view fields[5];
    for (auto& f : fields) {
      std::uint32_t len;
      if (!varint::get(str_pos, str_end, len) || len > std::size_t(str_end - str_pos)) return corrupt("string bounds");
      f = std::string_view(reinterpret_cast<const char*>(str_pos), len);
      if (!is_valid_utf8(f)) return corrupt("metadata of version " + std::to_string(v) + " is not valid UTF-8");
      str_pos += len;
    }
    if (fields[0].empty()) return corrupt("version without an id");
    if (r.story > next_story || r.story >= n_stories_) return corrupt("story id");
    if (r.story == next_story) ++next_story;
    if ((r.tok_count == 0) != (r.sent_count == 0)) return corrupt("sentence starts");
    written->start_at.push_back(static_cast<std::uint32_t>(n_sent));
    std::uint64_t len = 0;
    for (std::uint32_t i = 0; i < r.sent_count; ++i) {
      std::uint32_t x, d;
      if (!varint::get(ref_pos, refs_end, x)) return corrupt("sentence number");
      if (x == 0) {
        if (next_new == n_distinct) return corrupt("sentence number");
        d = next_new++;
      } else if ((d = x - 1) >= next_new) {
        return corrupt("sentence number");  // a sentence is first used by 0, in order
      }
      starts[n_sent] = static_cast<std::uint32_t>(len);
      sentence_of[n_sent++] = d;
      len += dist_head[d + 1] - dist_head[d];
      if (len > r.tok_count) return corrupt("token count");
    }
    if (len != r.tok_count) return corrupt("token count");
    // Versions are decoded when first read (tokens_of); one without tokens has nothing to decode.
    written->seq[v].store(r.sent_count == 0 ? kEmpty : nullptr, std::memory_order_relaxed);
    if (!std::isfinite(r.weight) || r.weight < 0) return corrupt("version weight");
    // Days of years 0000-9999 (all that parse_iso_day makes): later date arithmetic cannot overflow.
    if (r.day != parse_iso_day(fields[4])) return corrupt("version date");
  }
  if (str_pos != str_end || ref_pos != refs_end || next_new != n_distinct) return corrupt("unreferenced data");
  written->start_at.push_back(static_cast<std::uint32_t>(n_sent));
  sentences_ = starts;
  written_ = std::move(written);
  if (next_story != n_stories_) return corrupt("story count");
  // Stories: members version by version within each story, each version in its own story once.
  if (story_off_[0] != 0 || story_off_[n_stories_] != n_versions_) return corrupt("story offsets");
  for (std::uint32_t s = 0; s < n_stories_; ++s) {
    if (story_off_[s + 1] <= story_off_[s] || story_off_[s + 1] > n_versions_) return corrupt("empty or unordered story");
    for (std::uint32_t i = story_off_[s]; i < story_off_[s + 1]; ++i)
      if (story_members_[i] >= n_versions_ || story_of(story_members_[i]) != s ||
          (i > story_off_[s] && story_members_[i] <= story_members_[i - 1]))
        return corrupt("story members");
  }
  // Index: keys ascending; each posting list decoded once (minimal varints, ascending existing ids);
  // df is the number of stories holding the word; weights are summed again in the writer's order.
  if (posting_off_[0] != 0 || posting_off_[n_vocab_] != postings_size_) return corrupt("posting offsets");
  std::vector<std::uint32_t> seen(n_stories_, ~0u);
  std::vector<float> weight(n_versions_, 0.f);
  for (std::uint32_t w = 0; w < n_vocab_; ++w) {
    if (w && keys_[w] <= keys_[w - 1]) return corrupt("vocabulary order");
    if (posting_off_[w + 1] < posting_off_[w]) return corrupt("posting offsets");
    const std::uint8_t* p = postings_ + posting_off_[w];
    const std::uint8_t* end = postings_ + posting_off_[w + 1];
    const float idf = idf_weight(n_stories_, df_[w]);
    std::uint64_t id = 0;
    std::uint32_t n = 0, stories = 0;
    while (p < end) {
      std::uint32_t delta = *p;
      if (delta < 0x80) {
        ++p;  // most deltas take one byte
      } else if (!varint::get(p, end, delta)) {
        return corrupt("posting varint");
      }
      if (n > 0 && delta == 0) return corrupt("posting order");
      id += delta;
      if (id >= n_versions_) return corrupt("posting version id");
      const std::uint32_t s = story_at[id];
      stories += seen[s] != w;  // without a branch: whether a posting opens a story is a coin toss
      seen[s] = w;
      weight[id] += idf;
      ++n;
    }
    if (n == 0 || df_[w] != stories) return corrupt("document frequency");
  }
  for (std::uint32_t v = 0; v < n_versions_; ++v) {
    Record r;
    std::memcpy(&r, records_ + std::size_t(v) * kRecordSize, sizeof r);
    if (std::memcmp(&r.weight, &weight[v], sizeof(float)) != 0) return corrupt("version weight");
  }
  // No distinct sentence listed twice (the writer lists each once): the same tokens are the same
  // codes, so sentences are grouped by a hash of their heads, and those sharing one compared, heads
  // and tails.
  sort_pairs(by_code);
  const auto codes = [&](std::uint32_t d) {
    return std::pair(std::span(heads_ + written_->dist_head[d], heads_ + written_->dist_head[d + 1]),
                     std::span(tails_ + written_->dist_tail[d], tails_ + written_->dist_tail[d + 1]));
  };
  const auto code_less = [&](std::uint32_t a, std::uint32_t b) {
    const auto [ha, ta] = codes(a);
    const auto [hb, tb] = codes(b);
    if (!std::equal(ha.begin(), ha.end(), hb.begin(), hb.end()))
      return std::lexicographical_compare(ha.begin(), ha.end(), hb.begin(), hb.end());
    return std::lexicographical_compare(ta.begin(), ta.end(), tb.begin(), tb.end());
  };
  for (std::size_t i = 0, j; i < by_code.size(); i = j) {
    for (j = i + 1; j < by_code.size() && by_code[j].first == by_code[i].first; ++j) {}
    if (j - i == 1) continue;
    std::vector<std::uint32_t> group;  // sorted by codes: a repeat would be next to itself
    for (std::size_t k = i; k < j; ++k) group.push_back(by_code[k].second);
    std::sort(group.begin(), group.end(), code_less);
    for (std::size_t k = 1; k < group.size(); ++k)
      if (!code_less(group[k - 1], group[k])) return corrupt("a sentence listed twice");
  }
  // Common sentences: held word for word by as many stories as the writer counts (common_text.hpp).
  const std::span<const std::uint32_t> by_story(story_members_, n_versions_);
  const std::vector<std::uint32_t> common =
      common_keys(stories_holding(n_distinct, written_->start_at, std::span(sentence_of, n_sent), by_story, story_at),
                  n_stories_, [&](std::uint32_t d) { return sentence_key(decode_sentence(d)); });
  if (common.size() != n_common_ || !std::equal(common.begin(), common.end(), common_)) return corrupt("common sentences");
  // The token table: distinct tokens, each used, by falling frequency and then by value.
  std::vector<std::uint8_t> listed(65536, 0);
  for (std::size_t i = 0; i < n_table; ++i) {
    if (freq[i] == 0 || listed[table_[i]]) return corrupt("token table lists a token unused or twice");
    listed[table_[i]] = 1;
    if (i && (freq[i] > freq[i - 1] || (freq[i] == freq[i - 1] && table_[i] < table_[i - 1]))) return corrupt("token table order");
  }
  index_keys();
  return true;
}

// Every content word of every page is looked up (find_key). Keys are hashes, spread evenly, so a
// key's top bits say where it lies to within a few entries: a binary search over the whole
// vocabulary took a cache miss and a mispredicted branch per step (in wasm a seventh of a check).
void Pack::index_keys() {
  unsigned bits = 0;
  while (bits < 24 && (std::size_t(4) << bits) < n_vocab_) ++bits;  // about four keys a bucket
  key_shift_ = 32 - bits;
  auto first = std::make_shared<std::vector<std::uint32_t>>((std::size_t(1) << bits) + 1);
  std::uint32_t w = 0;
  for (std::size_t b = 0; b + 1 < first->size(); ++b) {
    while (w < n_vocab_ && (std::uint64_t(keys_[w]) >> key_shift_) < b) ++w;
    (*first)[b] = w;
  }
  first->back() = n_vocab_;
  key_first_ = std::move(first);
}

std::uint16_t* Pack::decode_into(std::uint32_t sentence, std::uint16_t* out) const {
  const Written& w = *written_;
  const std::uint8_t* h = heads_ + w.dist_head[sentence];
  const std::uint8_t* const end = heads_ + w.dist_head[sentence + 1];
  const std::uint8_t* t = tails_ + w.dist_tail[sentence];
  while (h < end) *out++ = table_[token_code::get(*h++, t)];
  return out;
}

std::vector<std::uint16_t> Pack::decode_sentence(std::uint32_t sentence) const {
  std::vector<std::uint16_t> out(written_->dist_head[sentence + 1] - written_->dist_head[sentence]);
  decode_into(sentence, out.data());
  return out;
}

const std::uint16_t* Pack::tokens_of(std::uint32_t i) const {
  Written& w = *written_;
  if (const std::uint16_t* p = w.seq[i].load(std::memory_order_acquire)) return p;
  const std::lock_guard<std::mutex> lock(w.writing);
  if (const std::uint16_t* p = w.seq[i].load(std::memory_order_relaxed)) return p;
  layout::Record r;  // its token count, validated at open as its sentences' sum
  std::memcpy(&r, records_ + std::size_t(i) * layout::kRecordSize, sizeof r);
  const std::size_t b = w.start_at[i], e = w.start_at[i + 1];
  std::unique_ptr<std::uint16_t[]> out(new std::uint16_t[r.tok_count]);  // every element is written below
  std::uint16_t* at = out.get();
  for (std::size_t k = b; k < e; ++k) at = decode_into(w.sentence_of[k], at);
  const std::uint16_t* p = out.get();
  w.out.push_back(std::move(out));
  w.seq[i].store(p, std::memory_order_release);
  return p;
}

VersionLabel Pack::label(std::uint32_t i) const {
  layout::Record r;
  std::memcpy(&r, records_ + std::size_t(i) * layout::kRecordSize, sizeof r);
  const auto* p = reinterpret_cast<const std::uint8_t*>(strings_) + r.str_off;
  std::string_view f[5];
  for (auto& field : f) {
    const std::uint32_t len = varint::get(p);
    field = std::string_view(reinterpret_cast<const char*>(p), len);
    p += len;
  }
  return VersionLabel{f[0], f[1], f[2], f[3], f[4], r.day, r.story};
}

void Pack::copy_version(std::uint32_t i, std::vector<std::uint16_t>& seq, std::vector<std::uint32_t>& sentence_starts) const {
  const Written& w = *written_;
  layout::Record r;
  std::memcpy(&r, records_ + std::size_t(i) * layout::kRecordSize, sizeof r);
  sentence_starts.assign(sentences_ + w.start_at[i], sentences_ + w.start_at[i] + r.sent_count);
  seq.resize(r.tok_count);
  std::uint16_t* at = seq.data();
  for (std::size_t k = w.start_at[i]; k < w.start_at[i + 1]; ++k) at = decode_into(w.sentence_of[k], at);
}

VersionView Pack::version(std::uint32_t i) const {
  layout::Record r;
  std::memcpy(&r, records_ + std::size_t(i) * layout::kRecordSize, sizeof r);
  return VersionView{label(i), std::span<const std::uint16_t>(tokens_of(i), r.tok_count),
                     std::span<const std::uint32_t>(sentences_ + written_->start_at[i], r.sent_count), r.weight};
}

static_assert(Pack::kRecordBytes == layout::kRecordSize && Pack::kRecordStoryAt == offsetof(layout::Record, story) &&
              Pack::kRecordWeightAt == offsetof(layout::Record, weight));

std::span<const std::uint32_t> Pack::story_versions(std::uint32_t story) const {
  return {story_members_ + story_off_[story], story_off_[story + 1] - story_off_[story]};
}

std::int64_t Pack::find_key(std::uint32_t key) const {
  const std::uint32_t* first = key_first_->data() + (std::uint64_t(key) >> key_shift_);
  // A search, not a scan, within the bucket: a crafted pack may fill one bucket with every key.
  const std::uint32_t* end = keys_ + first[1];
  const std::uint32_t* it = std::lower_bound(keys_ + first[0], end, key);
  return (it != end && *it == key) ? it - keys_ : -1;
}

float idf_weight(std::uint32_t n, std::uint32_t df) { return std::log((float(n) + 20.f) / (float(df) + 1.f)); }
float Pack::idf_of_df(std::uint32_t df) const { return idf_weight(n_stories_, df); }

}  // namespace storyprint
