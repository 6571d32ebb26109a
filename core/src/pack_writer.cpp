// PackBuilder and build_pack: known versions -> pack bytes, their versions grouped into stories.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>

#include "pack_layout.hpp"
#include "storyprint/common_text.hpp"
#include "storyprint/index.hpp"
#include "storyprint/pack.hpp"

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

template <class T>
void put_vec(Buffer& b, layout::SectionEntry& e, const std::vector<T>& v) {
  b.align8();
  e.offset = b.bytes.size();
  e.size = v.size() * sizeof(T);
  if (!v.empty()) b.put(v.data(), e.size);
}

void put_varint(std::vector<std::uint8_t>& out, std::uint32_t v) {
  while (v >= 0x80) out.push_back(static_cast<std::uint8_t>(v | 0x80)), v >>= 7;
  out.push_back(static_cast<std::uint8_t>(v));
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

Result<bool> PackBuilder::add(VersionMeta meta, std::string_view text_utf8) {
  auto u16 = utf8_to_utf16(text_utf8);
  if (!u16) return u16.error();
  return add_utf16(std::move(meta), *u16);
}

Result<bool> PackBuilder::add_utf16(VersionMeta meta, std::u16string_view text) {
  if (meta.id.empty()) return make_error("pack.meta", "a known version needs an id");
  // Metadata reaches JSON output later: make it valid UTF-8 now (invalid bytes become U+FFFD).
  for (std::string* f : {&meta.id, &meta.outlet, &meta.url, &meta.title, &meta.published}) {
    auto u = utf8_to_utf16(*f);
    *f = u ? utf16_to_utf8(*u) : std::string();
  }
  auto ct = canonicalize_utf16(text);
  if (!ct) return ct.error();
  Fingerprint fp = fingerprint(*ct);
  // Token sequence, sentence starts, the record and its strings: all in the pack, whatever else is.
  const std::size_t bytes = fp.seq.size() * 2 + ct->sentences.size() * 4 + layout::kRecordSize + meta.id.size() +
                            meta.outlet.size() + meta.url.size() + meta.title.size() + meta.published.size();
  if (bytes_estimate_ + bytes > kMaxPackBytes) return too_large();
  bytes_estimate_ += bytes;
  versions_.push_back({std::move(meta), std::move(fp)});
  return true;
}

namespace {

std::vector<std::uint8_t> serialise(const std::vector<const VersionMeta*>& metas, const std::vector<const Fingerprint*>& fps,
                                    const std::vector<std::uint32_t>& story_of) {
  const auto n = static_cast<std::uint32_t>(metas.size());
  std::uint32_t n_stories = 0;
  for (auto s : story_of) n_stories = std::max(n_stories, s + 1);
  // Index: (key, version) pairs sorted by key then version.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  for (std::uint32_t v = 0; v < n; ++v)
    for (std::uint32_t k : fps[v]->keys) pairs.emplace_back(k, v);
  std::sort(pairs.begin(), pairs.end());
  std::vector<std::uint32_t> keys, df, posting_off;
  std::vector<std::uint8_t> postings;
  for (std::size_t i = 0; i < pairs.size();) {
    std::size_t j = i;
    keys.push_back(pairs[i].first);
    posting_off.push_back(static_cast<std::uint32_t>(postings.size()));
    std::uint32_t prev = 0;
    std::vector<std::uint32_t> stories;
    for (; j < pairs.size() && pairs[j].first == pairs[i].first; ++j) {
      put_varint(postings, pairs[j].second - prev);
      prev = pairs[j].second;
      stories.push_back(story_of[pairs[j].second]);
    }
    // Document frequency counts stories, not versions: twenty wire updates of one story must not
    // make its names look like common words.
    std::sort(stories.begin(), stories.end());
    df.push_back(static_cast<std::uint32_t>(std::unique(stories.begin(), stories.end()) - stories.begin()));
    i = j;
  }
  posting_off.push_back(static_cast<std::uint32_t>(postings.size()));

  // IDF mass of each version, with the same formula the reader uses.

  // Stories: members listed story by story.
  std::vector<std::uint32_t> story_off(n_stories + 1, 0), members(n);
  for (auto s : story_of) ++story_off[s + 1];
  for (std::uint32_t s = 0; s < n_stories; ++s) story_off[s + 1] += story_off[s];
  {
    std::vector<std::uint32_t> fill(story_off.begin(), story_off.end() - 1);
    for (std::uint32_t v = 0; v < n; ++v) members[fill[story_of[v]]++] = v;
  }

  std::vector<std::uint8_t> records(std::size_t(n) * layout::kRecordSize);
  std::vector<char> strings;
  std::vector<std::uint16_t> tokens;
  std::vector<std::uint32_t> sentences;
  for (std::uint32_t v = 0; v < n; ++v) {
    layout::Record r{};
    const std::string* fields[5] = {&metas[v]->id, &metas[v]->outlet, &metas[v]->url, &metas[v]->title,
                                    &metas[v]->published};
    for (int f = 0; f < 5; ++f) {
      r.str_off[f] = static_cast<std::uint32_t>(strings.size());
      r.str_len[f] = static_cast<std::uint32_t>(fields[f]->size());
      strings.insert(strings.end(), fields[f]->begin(), fields[f]->end());
    }
    r.day = parse_iso_day(metas[v]->published);
    r.story = story_of[v];
    r.tok_off = static_cast<std::uint32_t>(tokens.size());
    r.tok_count = static_cast<std::uint32_t>(fps[v]->seq.size());
    tokens.insert(tokens.end(), fps[v]->seq.begin(), fps[v]->seq.end());
    r.sent_off = static_cast<std::uint32_t>(sentences.size());
    r.sent_count = static_cast<std::uint32_t>(fps[v]->sentence_starts.size());
    sentences.insert(sentences.end(), fps[v]->sentence_starts.begin(), fps[v]->sentence_starts.end());
    float w = 0;
    for (std::uint32_t k : fps[v]->keys) {
      auto it = std::lower_bound(keys.begin(), keys.end(), k);
      w += idf_weight(n_stories, df[static_cast<std::size_t>(it - keys.begin())]);
    }
    r.weight = w;
    std::memcpy(records.data() + std::size_t(v) * layout::kRecordSize, &r, sizeof r);
  }

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
  put_vec(b, sec[layout::kRecords], records);
  put_vec(b, sec[layout::kStrings], strings);
  put_vec(b, sec[layout::kTokens], tokens);
  put_vec(b, sec[layout::kSentences], sentences);
  put_vec(b, sec[layout::kKeys], keys);
  put_vec(b, sec[layout::kDf], df);
  put_vec(b, sec[layout::kPostingOff], posting_off);
  put_vec(b, sec[layout::kPostings], postings);
  put_vec(b, sec[layout::kStoryOff], story_off);
  put_vec(b, sec[layout::kStoryMembers], members);
  std::vector<SentenceSource> sources;
  sources.reserve(n);
  for (std::uint32_t v = 0; v < n; ++v) sources.push_back({fps[v]->seq, fps[v]->sentence_starts, story_of[v]});
  put_vec(b, sec[layout::kCommon], common_sentences(sources));
  b.align8();
  std::memcpy(b.bytes.data() + table_at, sec, sizeof sec);
  auto* hp = reinterpret_cast<layout::Header*>(b.bytes.data());
  hp->total_size = b.bytes.size();
  hp->checksum = XXH3_64bits(b.bytes.data() + layout::kHeaderSize, b.bytes.size() - layout::kHeaderSize);
  return std::move(b.bytes);
}

}  // namespace

std::vector<PackedVersion> packed_versions(const Pack& pack) {
  const std::uint32_t n = pack.version_count();
  std::vector<PackedVersion> out(n);
  for (std::uint32_t v = 0; v < n; ++v) {
    const VersionView x = pack.version(v);
    out[v].meta = {std::string(x.id), std::string(x.outlet), std::string(x.url), std::string(x.title), std::string(x.published)};
    out[v].fp.seq.assign(x.seq.begin(), x.seq.end());
    out[v].fp.sentence_starts.assign(x.sentence_starts.begin(), x.sentence_starts.end());
  }
  // Keys come out ascending, as fingerprint() makes them: the vocabulary is walked in key order.
  for (std::uint32_t w = 0; w < pack.vocab_count(); ++w)
    pack.for_each_posting(w, [&](std::uint32_t v) { out[v].fp.keys.push_back(pack.key(w)); });
  return out;
}

std::vector<std::uint8_t> write_again(const Pack& pack) {
  const auto versions = packed_versions(pack);
  std::vector<const VersionMeta*> mp;
  std::vector<const Fingerprint*> fp;
  std::vector<std::uint32_t> story_of;
  for (std::uint32_t v = 0; v < pack.version_count(); ++v)
    mp.push_back(&versions[v].meta), fp.push_back(&versions[v].fp), story_of.push_back(pack.version(v).story);
  return serialise(mp, fp, story_of);
}

namespace {

// Story grouping runs the same index query as a check, with the words held by many stories
// counted by the candidates' own content keys rather than by scanning their tokens for the
// word: everything it reads is in a pack, so versions taken from packs group as they did when
// fingerprinted from text, and a merge is the pack built from all its versions at once.
std::vector<std::uint32_t> group_stories(const Pack& singletons, std::span<const PackedVersion> versions) {
  const auto n = static_cast<std::uint32_t>(versions.size());
  const std::uint32_t cap = df_cap(singletons.story_count());
  UnionFind uf(n);
  IndexQuery q(singletons);
  Fingerprint rare;                                     // the query: words whose postings are walked
  std::vector<std::pair<std::uint32_t, float>> common;  // key, IDF: the rest
  std::vector<std::uint32_t> best;
  std::vector<float> mass(n, 0.f);
  for (std::uint32_t v = 0; v < n; ++v) {
    rare.keys.clear();
    common.clear();
    for (std::uint32_t k : versions[v].fp.keys) {
      const auto w = static_cast<std::uint32_t>(singletons.find_key(k));  // the pack holds every version's keys
      if (singletons.df(w) > cap) common.emplace_back(k, singletons.idf(w));
      else rare.keys.push_back(k);
    }
    // No query word is common, so key_seq (which packs do not keep) is never read.
    rare.key_seq.assign(rare.keys.size(), 0);
    q.run(rare);
    const auto& touched = q.versions();
    for (std::uint32_t u : touched) mass[u] = q.version_mass(u);
    if (!common.empty()) {
      // Common words count for the best candidates by their rare words.
      best.assign(touched.begin(), touched.end());
      const std::size_t top = std::min(kGroupCandidates, best.size());
      std::partial_sort(best.begin(), best.begin() + static_cast<std::ptrdiff_t>(top), best.end(),
                        [&](std::uint32_t a, std::uint32_t b) { return mass[a] > mass[b] || (mass[a] == mass[b] && a < b); });
      best.resize(top);
      for (std::uint32_t u : best) {
        const auto& keys = versions[u].fp.keys;
        for (const auto& [k, idf] : common)
          if (std::binary_search(keys.begin(), keys.end(), k)) mass[u] += idf;
      }
    }
    const VersionView a = singletons.version(v);
    for (std::uint32_t u : touched) {
      if (u <= v) continue;
      const VersionView b = singletons.version(u);
      if (a.day != kNoDate && b.day != kNoDate && std::abs(a.day - b.day) > kStoryDays) continue;
      const float smaller = std::min(a.weight, b.weight);
      if (smaller > 0 && mass[u] / smaller >= kStoryLink) uf.unite(v, u);
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

Result<std::vector<std::uint8_t>> build_pack(std::span<const PackedVersion> versions) {
  if (versions.size() >= (1u << 31)) return make_error("pack.too_large", "too many versions for one pack");
  std::vector<const VersionMeta*> metas;
  std::vector<const Fingerprint*> fps;
  for (const auto& e : versions) metas.push_back(&e.meta), fps.push_back(&e.fp);
  const auto n = static_cast<std::uint32_t>(versions.size());
  std::vector<std::uint32_t> singletons(n);
  std::iota(singletons.begin(), singletons.end(), 0u);
  // First pass: every version its own story, to query the index for story grouping.
  auto first = Pack::load(serialise(metas, fps, singletons));
  if (!first) return first.error();
  auto bytes = serialise(metas, fps, group_stories(*first, versions));
  if (bytes.size() > kMaxPackBytes) return too_large();
  return bytes;
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
