// PackBuilder and build_pack: known versions -> pack bytes, their versions grouped into stories.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <numeric>
#include <span>
#include <type_traits>
#include <utility>
#ifndef __EMSCRIPTEN__
#include <thread>
#endif

#include "pack_layout.hpp"
#include "sort_pairs.hpp"
#include "storyprint/common_text.hpp"
#include "storyprint/index.hpp"
#include "storyprint/pack.hpp"
#include "version_store.hpp"

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace storyprint {
namespace {

// Two versions belong to one story when most of the smaller one's content (by IDF) is in the
// other — wire updates, writethrus and reprints — and they appeared within a few days.
constexpr float kStoryLink = 0.5f;
constexpr int kStoryDays = 3;
// Versions of one story are each other's best candidates: a few suffice for grouping.
constexpr std::size_t kGroupCandidates = 8;

struct Buffer {
  std::vector<std::uint8_t> bytes;
  void align8() { bytes.resize((bytes.size() + 7) & ~std::size_t(7), 0); }
  std::size_t put(const void* p, std::size_t n) {
    const std::size_t at = bytes.size();
    bytes.insert(bytes.end(), static_cast<const std::uint8_t*>(p), static_cast<const std::uint8_t*>(p) + n);
    return at;
  }
};

// Appends the sections, given in table order, and frees each vector once copied: the buffer is
// reserved at the pack's exact size first, so the pack is held once, not twice, and never copied
// to grow.
template <class... T>
void put_sections(Buffer& b, layout::SectionEntry (&sec)[layout::kSectionCount], std::vector<T>&&... v) {
  static_assert(sizeof...(T) == layout::kSectionCount);
  std::size_t total = b.bytes.size();
  ((total = ((total + 7) & ~std::size_t(7)) + v.size() * sizeof(T)), ...);
  b.bytes.reserve((total + 7) & ~std::size_t(7));
  std::size_t i = 0;
  const auto put = [&](auto& vec) {
    b.align8();
    sec[i].offset = b.bytes.size();
    sec[i].size = vec.size() * sizeof(vec[0]);
    if (!vec.empty()) b.put(vec.data(), sec[i].size);
    std::remove_reference_t<decltype(vec)>().swap(vec);
    ++i;
  };
  (put(v), ...);
}

template <class T>
void free_vector(std::vector<T>& v) {
  std::vector<T>().swap(v);
}

struct UnionFind {
  std::vector<std::uint32_t> parent;
  explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0u); }
  std::uint32_t find(std::uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void unite(std::uint32_t a, std::uint32_t b) {
    a = find(a), b = find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
};

Error too_large() {
  return make_error("pack.too_large", "the pack would exceed " + std::to_string(kMaxPackBytes >> 20) +
                                          " MiB: split the known versions into several packs");
}

}  // namespace

PackBuilder::PackBuilder() : store_(std::make_unique<VersionStore>()) {}
PackBuilder::~PackBuilder() = default;
PackBuilder::PackBuilder(PackBuilder&&) noexcept = default;
PackBuilder& PackBuilder::operator=(PackBuilder&&) noexcept = default;

std::size_t PackBuilder::size() const { return store_ ? store_->size() : 0; }

std::vector<PackedVersion> PackBuilder::versions() const {
  std::vector<PackedVersion> out;
  for (std::uint32_t v = 0; v < size(); ++v) out.push_back(store_->version(v));
  return out;
}

Result<bool> PackBuilder::add(VersionMeta meta, std::string_view text_utf8) {
  auto v = fingerprint_version(std::move(meta), text_utf8);
  if (!v) return v.error();
  return add(std::move(*v));
}

Result<bool> PackBuilder::add_utf16(VersionMeta meta, std::u16string_view text) {
  auto v = fingerprint_version_utf16(std::move(meta), text);
  if (!v) return v.error();
  return add(std::move(*v));
}

Result<PackedVersion> PackBuilder::fingerprint_version(VersionMeta meta, std::string_view text_utf8) {
  auto u16 = utf8_to_utf16(text_utf8);
  if (!u16) return u16.error();
  return fingerprint_version_utf16(std::move(meta), *u16);
}

Result<PackedVersion> PackBuilder::fingerprint_version_utf16(VersionMeta meta, std::u16string_view text) {
  if (meta.id.empty()) return make_error("pack.meta", "a known version needs an id");
  // Metadata reaches JSON output later: make it valid UTF-8 now (invalid bytes become U+FFFD).
  for (std::string* f : {&meta.id, &meta.outlet, &meta.url, &meta.title, &meta.published}) {
    auto u = utf8_to_utf16(*f);
    *f = u ? utf16_to_utf8(*u) : std::string();
  }
  auto ct = canonicalize_utf16(text);
  if (!ct) return ct.error();
  PackedVersion v{std::move(meta), fingerprint(*ct)};
  std::vector<std::uint16_t>().swap(v.fp.key_seq);  // packs do not store it, building does not read it
  return v;
}

Result<bool> PackBuilder::add(PackedVersion v) {
  // Token sequence, sentence starts, the record and its strings: all in the pack, whatever else is.
  const VersionMeta& meta = v.meta;
  const std::size_t bytes = v.fp.seq.size() * 2 + v.fp.sentence_starts.size() * 4 + layout::kRecordSize + meta.id.size() +
                            meta.outlet.size() + meta.url.size() + meta.title.size() + meta.published.size();
  if (bytes_estimate_ + bytes > kMaxPackBytes) return too_large();
  bytes_estimate_ += bytes;
  if (!store_) store_ = std::make_unique<VersionStore>();
  store_->add(v);
  return true;
}

namespace {

// The pack of the versions in `s`, their stories given. The store is used up: each of its arrays
// is freed once written, so that a large build does not hold its versions and the pack at once.
std::vector<std::uint8_t> serialise(VersionStore&& s, const std::vector<std::uint32_t>& story_of) {
  const std::uint32_t n = s.size();
  std::uint32_t n_stories = 0;
  for (auto st : story_of) n_stories = std::max(n_stories, st + 1);
  s.distinct = SentenceTable();

  // Stories: members listed story by story.
  std::vector<std::uint32_t> story_off(n_stories + 1, 0), members(n);
  for (auto st : story_of) ++story_off[st + 1];
  for (std::uint32_t st = 0; st < n_stories; ++st) story_off[st + 1] += story_off[st];
  {
    std::vector<std::uint32_t> fill(story_off.begin(), story_off.end() - 1);
    for (std::uint32_t v = 0; v < n; ++v) members[fill[story_of[v]]++] = v;
  }

  // Records; weights once the index is laid out.
  std::vector<std::uint8_t> records(std::size_t(n) * layout::kRecordSize);
  for (std::uint32_t v = 0; v < n; ++v) {
    layout::Record r{};
    r.str_off = s.str_off[v];
    r.day = s.day[v];
    r.story = story_of[v];
    r.tok_count = s.tok_count[v];
    r.sent_count = s.sent_at[v + 1] - s.sent_at[v];
    std::memcpy(records.data() + std::size_t(v) * layout::kRecordSize, &r, sizeof r);
  }
  free_vector(s.str_off), free_vector(s.day), free_vector(s.tok_count);

  // Sentences: each distinct one's tokens once, in order of first use (reprints of wire copy in
  // forty sites' templates hold the same sentences forty times); versions list theirs as numbers,
  // 0 for the next sentence not used before.
  std::vector<std::uint8_t> refs;
  {
    std::uint32_t next_new = 0;
    for (const std::uint32_t d : s.sent_ids) {
      const bool added = d == next_new;
      next_new += added;
      varint::put(refs, added ? 0 : d + 1);
    }
  }
  // Common sentences: held word for word by many stories (common_text.hpp).
  std::vector<std::uint32_t> common = common_keys(stories_holding(s.lengths.size(), s.sent_at, s.sent_ids, members, story_of),
                                                  n_stories, [&](std::uint32_t d) { return sentence_key(s.sentence(d)); });
  free_vector(s.sent_ids), free_vector(s.sent_at), free_vector(s.first_token);

  // Tokens coded by their rank in frequency order (token_code in pack_layout.hpp): a hash is as
  // likely to be any 16-bit value, but a text's words are not, and the 128 most frequent tokens
  // are about a third of them. Ties in frequency are ranked by value, so the table is canonical.
  std::vector<std::uint16_t> table;
  std::vector<std::uint8_t> coded, sentence_lengths;
  {
    const std::vector<std::uint16_t>& tokens = s.tokens;
    std::vector<std::uint32_t> freq(65536, 0);
    for (std::uint16_t t : tokens) ++freq[t];
    for (std::uint32_t t = 0; t < 65536; ++t)
      if (freq[t]) table.push_back(static_cast<std::uint16_t>(t));
    std::stable_sort(table.begin(), table.end(), [&](std::uint16_t a, std::uint16_t b) { return freq[a] > freq[b]; });
    std::vector<std::uint32_t> rank(65536);
    for (std::size_t i = 0; i < table.size(); ++i) rank[table[i]] = static_cast<std::uint32_t>(i);
    // Both streams at their exact sizes, counted first: grown by doubling, with the tails inserted
    // after the heads, they were at the build's peak.
    std::size_t n_tails = 0;
    for (const std::uint16_t t : tokens) n_tails += token_code::tail_bytes_of_rank(rank[t]);
    std::vector<std::uint8_t> tails;
    tails.reserve(n_tails);
    coded.reserve(tokens.size() + n_tails + token_code::kTailPadding);
    coded.resize(tokens.size());
    for (std::size_t i = 0; i < tokens.size(); ++i) token_code::put(coded[i], tails, rank[tokens[i]]);
    coded.insert(coded.end(), tails.begin(), tails.end());
    coded.resize(coded.size() + token_code::kTailPadding, 0);
    free_vector(s.tokens);
    for (std::uint32_t len : s.lengths) varint::put(sentence_lengths, len);
    free_vector(s.lengths);
  }

  // Index: (key, version) pairs sorted by key then version, a slice of the key space at a time:
  // all of them at once, with the sort's buffer, were 16 bytes per posting and most of a build's
  // peak memory (a version's keys are sorted, so each slice continues where the last one ended).
  const std::size_t n_postings = s.n_keys;
  const std::uint64_t slices = std::clamp<std::uint64_t>(n_postings >> 20, 1, 1024);  // about a million pairs each
  std::vector<std::uint32_t> cursor(n, 0);  // per version: its keys taken
  const auto slice_end = [&](std::uint64_t slice) { return ((slice + 1) << 32) / slices; };  // keys below it
  // The pairs and the sort's scratch sized for the largest slice once: grown slice by slice they
  // left holes that a wasm heap, which never shrinks, grew around (a 30k news build: 144 -> 120 MiB).
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs, scratch;
  {
    std::vector<std::size_t> in_slice(slices, 0);
    for (std::uint32_t v = 0; v < n; ++v)
      for (const std::uint32_t k : s.keys_of(v)) {
        std::uint64_t slice = (std::uint64_t(k) * slices) >> 32;
        while (k >= slice_end(slice)) ++slice;
        ++in_slice[slice];
      }
    const std::size_t largest = *std::max_element(in_slice.begin(), in_slice.end());
    pairs.reserve(largest), scratch.reserve(largest);
  }
  std::vector<std::uint32_t> keys, df, posting_off;
  std::vector<std::uint8_t> postings;
#ifndef __EMSCRIPTEN__
  // Room for every posting at the longest its varint can be (a gap below n): pages never written
  // stay unused, where growing by doubling held the postings up to three times over (a 100k news
  // build: peak 309 -> 264 MB). Not in wasm, whose linear memory is taken as soon as reserved.
  {
    std::size_t longest = 1;
    for (std::uint32_t x = n; x >= 0x80; x >>= 7) ++longest;
    postings.reserve(n_postings * longest);
  }
#endif
  // Each version's IDF mass, with the formula and in the order the reader sums it: its keys
  // ascending, as the slices and the keys within each come.
  std::vector<float> weight(n, 0.f);
  std::vector<std::uint32_t> stories;
  for (std::uint64_t slice = 0; slice < slices; ++slice) {
    const std::uint64_t end = slice_end(slice);  // keys below this, not taken yet
    pairs.clear();
    for (std::uint32_t v = 0; v < n; ++v) {
      const auto k = s.keys_of(v);
      for (std::uint32_t& i = cursor[v]; i < k.size() && k[i] < end; ++i) pairs.emplace_back(k[i], v);
    }
    sort_pairs(pairs, scratch);
    for (std::size_t i = 0; i < pairs.size();) {
      std::size_t j = i;
      keys.push_back(pairs[i].first);
      posting_off.push_back(static_cast<std::uint32_t>(postings.size()));
      std::uint32_t prev = 0;
      stories.clear();
      for (; j < pairs.size() && pairs[j].first == pairs[i].first; ++j) {
        varint::put(postings, pairs[j].second - prev);
        prev = pairs[j].second;
        stories.push_back(story_of[pairs[j].second]);
      }
      // Document frequency counts stories, not versions: twenty wire updates of one story must not
      // make its names look like common words.
      std::sort(stories.begin(), stories.end());
      df.push_back(static_cast<std::uint32_t>(std::unique(stories.begin(), stories.end()) - stories.begin()));
      const float idf = idf_weight(n_stories, df.back());
      for (std::size_t k = i; k < j; ++k) weight[pairs[k].second] += idf;
      i = j;
    }
  }
  posting_off.push_back(static_cast<std::uint32_t>(postings.size()));
  free_vector(pairs), free_vector(scratch), free_vector(cursor), free_vector(s.key_chunks), free_vector(s.key_range);
  for (std::uint32_t v = 0; v < n; ++v)
    std::memcpy(records.data() + std::size_t(v) * layout::kRecordSize + offsetof(layout::Record, weight), &weight[v], sizeof(float));

  Buffer b;
  layout::Header h{};
  std::memcpy(h.magic, layout::kMagic, 8);
  h.format_version = kPackFormatVersion;
  h.header_size = layout::kHeaderSize;
  h.n_versions = n;
  h.n_stories = n_stories;
  h.n_vocab = static_cast<std::uint32_t>(keys.size());
  h.n_sections = layout::kSectionCount;
  b.put(&h, sizeof h);
  layout::SectionEntry sec[layout::kSectionCount]{};
  const std::size_t table_at = b.put(sec, sizeof sec);
  put_sections(b, sec, std::move(records), std::move(s.strings), std::move(coded), std::move(sentence_lengths),
               std::move(keys), std::move(df), std::move(posting_off), std::move(postings), std::move(story_off),
               std::move(members), std::move(common), std::move(refs), std::move(table));
  b.align8();
  std::memcpy(b.bytes.data() + table_at, sec, sizeof sec);
  auto* hp = reinterpret_cast<layout::Header*>(b.bytes.data());
  hp->total_size = b.bytes.size();
  hp->checksum = XXH3_64bits(b.bytes.data() + layout::kHeaderSize, b.bytes.size() - layout::kHeaderSize);
  return std::move(b.bytes);
}

}  // namespace

std::vector<std::uint8_t> write_again(const Pack& pack) {
  VersionStore store;
  store.add_pack(pack);
  std::vector<std::uint32_t> story_of;
  for (std::uint32_t v = 0; v < pack.version_count(); ++v) story_of.push_back(pack.label(v).story);
  return serialise(std::move(store), story_of);
}

namespace {

// Story grouping runs the index query a check runs (IndexQuery over a pack of singleton stories),
// with the words held by many stories counted by the candidates' own content keys rather than by
// scanning their tokens for the word: everything it reads is in a pack, so versions taken from
// packs group as they did when fingerprinted from text, and a merge is the pack built from all its
// versions at once. The query is computed here straight from the versions' keys, without
// serialising that pack and reading it back: the same document frequencies (versions holding the
// word), IDFs, weights and masses, summed in the same order, so the same floats and the same
// stories. Queries are independent; with threads, each takes versions from a shared counter and
// keeps its links, which are united afterwards (a union's result does not depend on its order).

// Open addressing from content key to a dense word id, in order of first appearance.
class KeyTable {
 public:
  explicit KeyTable(std::size_t expected) {
    std::size_t cap = 1024;
    while (cap < expected * 2) cap <<= 1;
    slots_.assign(cap, kEmpty);
  }
  std::uint32_t id(std::uint32_t key) {
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash(key) & mask;; i = (i + 1) & mask) {
      const std::uint32_t w = slots_[i];
      if (w == kEmpty) {
        const auto nw = static_cast<std::uint32_t>(keys_.size());
        slots_[i] = nw;
        keys_.push_back(key);
        if (keys_.size() * 2 > slots_.size()) grow();
        return nw;
      }
      if (keys_[w] == key) return w;
    }
  }
  // The id of a key the table holds.
  std::uint32_t find(std::uint32_t key) const {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash(key) & mask;; i = (i + 1) & mask)
      if (keys_[slots_[i]] == key) return slots_[i];
  }
  std::size_t size() const { return keys_.size(); }

 private:
  static constexpr std::uint32_t kEmpty = ~0u;
  static std::size_t hash(std::uint32_t k) { return std::size_t(k) * 0x9E3779B97F4A7C15ull >> 20; }
  void grow() {
    std::vector<std::uint32_t> old(slots_.size() * 2, kEmpty);
    old.swap(slots_);
    const std::size_t mask = slots_.size() - 1;
    for (std::uint32_t w = 0; w < keys_.size(); ++w) {
      std::size_t i = hash(keys_[w]) & mask;
      while (slots_[i] != kEmpty) i = (i + 1) & mask;
      slots_[i] = w;
    }
  }
  std::vector<std::uint32_t> slots_, keys_;
};

struct GroupIndex {
  std::uint32_t cap = 0;
  KeyTable words{0};                       // content key -> word id (looked up, not stored per posting)
  std::vector<std::uint32_t> df;           // per word: versions holding it
  std::vector<float> idf;                  // per word, as the singletons pack gives it
  std::vector<std::uint32_t> post_off;     // per word + 1: postings of words with df <= cap
  std::vector<std::uint32_t> postings;     // ascending version ids
  std::vector<float> weight;               // per version: the singletons pack's record weight
  std::vector<std::int32_t> day;
};

GroupIndex group_index(const VersionStore& versions) {
  GroupIndex g;
  const auto n = static_cast<std::uint32_t>(versions.size());
  g.cap = df_cap(n);  // every version its own story
  // Word ids are looked up by key where needed, not stored per (version, key): that copy of every
  // posting was as large as the versions' keys themselves. Sized for a modest vocabulary and
  // grown as needed (sized by the postings, it was once the largest block of a build).
  const std::size_t n_postings = versions.n_keys;
  KeyTable& table = g.words;
  table = KeyTable(std::min<std::size_t>(n_postings, std::size_t(1) << 16));
  for (std::uint32_t v = 0; v < n; ++v)
    for (std::uint32_t k : versions.keys_of(v)) {
      const std::uint32_t w = table.id(k);
      if (w >= g.df.size()) g.df.push_back(0);
      ++g.df[w];
    }
  const std::size_t words = table.size();
  g.idf.resize(words);
  for (std::size_t w = 0; w < words; ++w) g.idf[w] = idf_weight(n, g.df[w]);
  g.post_off.assign(words + 1, 0);
  for (std::size_t w = 0; w < words; ++w) g.post_off[w + 1] = g.post_off[w] + (g.df[w] <= g.cap ? g.df[w] : 0);
  g.postings.resize(g.post_off[words]);
  g.weight.resize(n);
  g.day.resize(n);
  {
    std::vector<std::uint32_t> fill(g.post_off.begin(), g.post_off.end() - 1);
    for (std::uint32_t v = 0; v < n; ++v) {
      float w = 0;
      for (std::uint32_t k : versions.keys_of(v)) {
        const std::uint32_t word = table.find(k);
        if (g.df[word] <= g.cap) g.postings[fill[word]++] = v;
        w += g.idf[word];
      }
      g.weight[v] = w;
      g.day[v] = versions.day[v];
    }
  }
  return g;
}

// The story links (v, u > v) of versions [from, to) whose queries are computed by one thread.
class GroupWorker {
 public:
  GroupWorker(const GroupIndex& g, const VersionStore& versions)
      : g_(g), versions_(versions), mass_(versions.size(), 0.f) {}

  void query(std::uint32_t v, std::vector<std::pair<std::uint32_t, std::uint32_t>>& links) {
    for (std::uint32_t u : touched_) mass_[u] = 0;
    touched_.clear();
    common_.clear();
    for (const std::uint32_t key : versions_.keys_of(v)) {
      const std::uint32_t w = g_.words.find(key);
      const float idf = g_.idf[w];
      if (g_.df[w] > g_.cap) {
        common_.emplace_back(key, idf);
        continue;
      }
      for (std::uint32_t p = g_.post_off[w]; p < g_.post_off[w + 1]; ++p) {
        const std::uint32_t u = g_.postings[p];
        if (mass_[u] == 0) touched_.push_back(u);
        mass_[u] += idf;
      }
    }
    if (!common_.empty()) {
      // Common words count for the best candidates by their rare words.
      best_.assign(touched_.begin(), touched_.end());
      const std::size_t top = std::min(kGroupCandidates, best_.size());
      std::partial_sort(best_.begin(), best_.begin() + static_cast<std::ptrdiff_t>(top), best_.end(),
                        [&](std::uint32_t a, std::uint32_t b) { return mass_[a] > mass_[b] || (mass_[a] == mass_[b] && a < b); });
      best_.resize(top);
      // Both lists ascending: one walk through each (a binary search per common word was half of
      // grouping on news, whose boilerplate makes many words common).
      for (std::uint32_t u : best_) {
        const auto keys = versions_.keys_of(u);
        std::size_t i = 0;
        for (const auto& [k, idf] : common_) {
          while (i < keys.size() && keys[i] < k) ++i;
          if (i == keys.size()) break;
          if (keys[i] == k) mass_[u] += idf;
        }
      }
    }
    const std::int32_t a_day = g_.day[v];
    for (std::uint32_t u : touched_) {
      if (u <= v) continue;
      const std::int32_t b_day = g_.day[u];
      if (a_day != kNoDate && b_day != kNoDate && std::abs(a_day - b_day) > kStoryDays) continue;
      const float smaller = std::min(g_.weight[v], g_.weight[u]);
      if (smaller > 0 && mass_[u] / smaller >= kStoryLink) links.emplace_back(v, u);
    }
  }

 private:
  const GroupIndex& g_;
  const VersionStore& versions_;
  std::vector<float> mass_;
  std::vector<std::uint32_t> touched_, best_;
  std::vector<std::pair<std::uint32_t, float>> common_;  // key, IDF: words held by many versions
};

std::vector<std::uint32_t> group_stories(const VersionStore& versions, unsigned threads) {
  const auto n = static_cast<std::uint32_t>(versions.size());
  UnionFind uf(n);
  {
    const GroupIndex g = group_index(versions);
#ifdef __EMSCRIPTEN__
    threads = 1;
#endif
    threads = std::max(1u, std::min(threads, std::max(1u, n / 256)));
    if (threads == 1) {
      GroupWorker w(g, versions);
      std::vector<std::pair<std::uint32_t, std::uint32_t>> links;
      for (std::uint32_t v = 0; v < n; ++v) {
        w.query(v, links);
        for (const auto& [a, b] : links) uf.unite(a, b);
        links.clear();
      }
    } else {
#ifndef __EMSCRIPTEN__
      // Each thread unites its links in a forest of its own (4 bytes a version; the links
      // themselves, kept until the end, were hundreds a version where reprints abound), and the
      // forests are united afterwards: the same components, whatever the order.
      std::atomic<std::uint32_t> next{0};
      constexpr std::uint32_t kChunk = 64;
      std::vector<UnionFind> forests(threads, UnionFind(0));
      std::vector<std::thread> pool;
      for (unsigned t = 0; t < threads; ++t)
        pool.emplace_back([&, t] {
          GroupWorker w(g, versions);
          UnionFind forest(n);
          std::vector<std::pair<std::uint32_t, std::uint32_t>> links;
          for (std::uint32_t from; (from = next.fetch_add(kChunk)) < n;)
            for (std::uint32_t v = from; v < std::min(n, from + kChunk); ++v) {
              w.query(v, links);
              for (const auto& [a, b] : links) forest.unite(a, b);
              links.clear();
            }
          forests[t] = std::move(forest);
        });
      for (auto& th : pool) th.join();
      for (auto& forest : forests)
        for (std::uint32_t v = 0; v < n; ++v) uf.unite(v, forest.find(v));
#endif
    }
  }
  // Dense story ids in order of first member.
  std::vector<std::uint32_t> story_of(n), root_story(n, ~0u);
  std::uint32_t next = 0;
  for (std::uint32_t v = 0; v < n; ++v) {
    const std::uint32_t r = uf.find(v);
    if (root_story[r] == ~0u) root_story[r] = next++;
    story_of[v] = root_story[r];
  }
  return story_of;
}

}  // namespace

namespace {

Result<std::vector<std::uint8_t>> build_store(VersionStore&& store, unsigned threads) {
  if (store.size() >= (1u << 31)) return make_error("pack.too_large", "too many versions for one pack");
  // Everything grouping needs is freed before the pack is written.
  std::vector<std::uint32_t> story_of = group_stories(store, threads);
  auto bytes = serialise(std::move(store), story_of);
  if (bytes.size() > kMaxPackBytes) return too_large();
  return bytes;
}

}  // namespace

Result<std::vector<std::uint8_t>> build_pack(VersionStore&& store, unsigned threads) {
  return build_store(std::move(store), threads);
}

Result<std::vector<std::uint8_t>> build_pack(std::span<const PackedVersion> versions, unsigned threads) {
  VersionStore store;
  for (const auto& v : versions) store.add(v);
  return build_store(std::move(store), threads);
}

Result<std::vector<std::uint8_t>> PackBuilder::build(unsigned threads) const {
  VersionStore copy = store_ ? *store_ : VersionStore();
  return build_store(std::move(copy), threads);
}

Result<std::vector<std::uint8_t>> PackBuilder::take_build(unsigned threads) {
  bytes_estimate_ = 0;
  VersionStore taken = store_ ? std::move(*store_) : VersionStore();
  store_ = std::make_unique<VersionStore>();
  return build_store(std::move(taken), threads);
}

std::int32_t parse_iso_day(std::string_view s) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return kNoDate;
  int y = 0, m = 0, d = 0;
  for (int i : {0, 1, 2, 3}) { if (s[i] < '0' || s[i] > '9') return kNoDate; y = y * 10 + (s[i] - '0'); }
  for (int i : {5, 6}) { if (s[i] < '0' || s[i] > '9') return kNoDate; m = m * 10 + (s[i] - '0'); }
  for (int i : {8, 9}) { if (s[i] < '0' || s[i] > '9') return kNoDate; d = d * 10 + (s[i] - '0'); }
  if (m < 1 || m > 12 || d < 1 || d > 31) return kNoDate;  // so days stay in [kMinDay, kMaxDay]
  // days_from_civil (H. Hinnant)
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

}  // namespace storyprint
