#include "version_store.hpp"

#include <algorithm>
#include <string>

#include "pack_layout.hpp"

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace storyprint {

std::pair<std::uint32_t, bool> SentenceTable::number(std::uint64_t h, std::uint32_t next) {
  if ((size_ + 1) * 2 > ids_.size()) grow();
  const std::size_t mask = ids_.size() - 1;
  for (std::size_t i = static_cast<std::size_t>(h) & mask;; i = (i + 1) & mask) {
    if (ids_[i] == kEmpty) {
      hashes_[i] = h, ids_[i] = next, ++size_;
      return {next, true};
    }
    if (hashes_[i] == h) return {ids_[i], false};
  }
}

void SentenceTable::grow() {
  std::vector<std::uint64_t> hashes(std::max<std::size_t>(1024, ids_.size() * 2));
  std::vector<std::uint32_t> ids(hashes.size(), kEmpty);
  const std::size_t mask = ids.size() - 1;
  for (std::size_t j = 0; j < ids_.size(); ++j) {
    if (ids_[j] == kEmpty) continue;
    std::size_t i = static_cast<std::size_t>(hashes_[j]) & mask;
    while (ids[i] != kEmpty) i = (i + 1) & mask;
    hashes[i] = hashes_[j], ids[i] = ids_[j];
  }
  hashes_.swap(hashes), ids_.swap(ids);
}

void VersionStore::add(const PackedVersion& v) {
  str_off.push_back(static_cast<std::uint32_t>(strings.size()));
  for (const std::string* f : {&v.meta.id, &v.meta.outlet, &v.meta.url, &v.meta.title, &v.meta.published}) {
    varint::put(strings, static_cast<std::uint32_t>(f->size()));
    strings.insert(strings.end(), f->begin(), f->end());
  }
  day.push_back(parse_iso_day(v.meta.published));
  const auto& seq = v.fp.seq;
  const auto& starts = v.fp.sentence_starts;
  tok_count.push_back(static_cast<std::uint32_t>(seq.size()));
  for (std::size_t i = 0; i < starts.size(); ++i) {
    const std::size_t b = starts[i], e = i + 1 < starts.size() ? starts[i + 1] : seq.size();
    const std::span<const std::uint16_t> sent(seq.data() + b, e - b);
    // A 64-bit collision between different sentences moves the later one to the next hash value.
    for (std::uint64_t h = XXH3_64bits(sent.data(), sent.size() * 2);; ++h) {
      const auto [d, added] = distinct.number(h, static_cast<std::uint32_t>(lengths.size()));
      if (added) {
        first_token.push_back(static_cast<std::uint32_t>(tokens.size()));
        lengths.push_back(static_cast<std::uint32_t>(sent.size()));
        tokens.insert(tokens.end(), sent.begin(), sent.end());
      } else if (lengths[d] != sent.size() || !std::equal(sent.begin(), sent.end(), tokens.begin() + first_token[d])) {
        continue;
      }
      sent_ids.push_back(d);
      break;
    }
  }
  sent_at.push_back(static_cast<std::uint32_t>(sent_ids.size()));
  const auto& k = v.fp.keys;
  if (key_chunks.empty() || key_chunks.back().size() + k.size() > key_chunks.back().capacity()) {
    // Chunks double up to kKeyChunk: a pack of one article (the extension's reading) takes a few KB.
    const std::size_t last = key_chunks.empty() ? 0 : key_chunks.back().capacity();
    key_chunks.emplace_back().reserve(std::max({k.size(), std::min(kKeyChunk, std::max<std::size_t>(4096, 2 * last))}));
  }
  auto& chunk = key_chunks.back();
  const auto begin = static_cast<std::uint32_t>(chunk.size());
  chunk.insert(chunk.end(), k.begin(), k.end());
  key_range.push_back({static_cast<std::uint32_t>(key_chunks.size() - 1), begin, static_cast<std::uint32_t>(chunk.size())});
  n_keys += k.size();
}

void VersionStore::add_pack(const Pack& pack) {
  // The keys come from the index, walked word by word (so in ascending order for each version):
  // counted first, then gathered for a block of versions at a time (about 32 MB of keys, one walk
  // of the index each), each version of the block added whole.
  constexpr std::size_t kBlockKeys = std::size_t(1) << 23;
  const std::uint32_t n = pack.version_count();
  std::vector<std::size_t> at(std::size_t(n) + 1, 0);
  for (std::uint32_t w = 0; w < pack.vocab_count(); ++w) pack.for_each_posting(w, [&](std::uint32_t v) { ++at[v + 1]; });
  for (std::uint32_t v = 0; v < n; ++v) at[v + 1] += at[v];
  std::vector<std::uint32_t> block_keys;
  std::vector<std::size_t> fill;
  PackedVersion x;
  for (std::uint32_t first = 0; first < n;) {
    std::uint32_t last = first + 1;  // versions [first, last)
    while (last < n && at[last + 1] - at[first] <= kBlockKeys) ++last;
    block_keys.resize(at[last] - at[first]);
    fill.assign(at.begin() + first, at.begin() + last);
    for (std::uint32_t w = 0; w < pack.vocab_count(); ++w)
      pack.for_each_posting(w, [&](std::uint32_t v) {
        if (v >= first && v < last) block_keys[fill[v - first]++ - at[first]] = pack.key(w);
      });
    for (std::uint32_t v = first; v < last; ++v) {
      const VersionLabel l = pack.label(v);
      x.meta = {std::string(l.id), std::string(l.outlet), std::string(l.url), std::string(l.title), std::string(l.published)};
      pack.copy_version(v, x.fp.seq, x.fp.sentence_starts);
      x.fp.keys.assign(block_keys.begin() + static_cast<std::ptrdiff_t>(at[v] - at[first]),
                       block_keys.begin() + static_cast<std::ptrdiff_t>(at[v + 1] - at[first]));
      add(x);
    }
    first = last;
  }
}

std::array<std::string_view, 5> VersionStore::fields(std::uint32_t v) const {
  std::array<std::string_view, 5> out;
  const std::uint8_t* p = strings.data() + str_off[v];
  for (auto& f : out) {
    const std::uint32_t n = varint::get(p);
    f = std::string_view(reinterpret_cast<const char*>(p), n);
    p += n;
  }
  return out;
}

PackedVersion VersionStore::version(std::uint32_t v) const {
  PackedVersion out;
  const auto f = fields(v);
  out.meta = {std::string(f[0]), std::string(f[1]), std::string(f[2]), std::string(f[3]), std::string(f[4])};
  out.fp.seq.reserve(tok_count[v]);
  for (std::uint32_t i = sent_at[v]; i < sent_at[v + 1]; ++i) {
    out.fp.sentence_starts.push_back(static_cast<std::uint32_t>(out.fp.seq.size()));
    const auto s = sentence(sent_ids[i]);
    out.fp.seq.insert(out.fp.seq.end(), s.begin(), s.end());
  }
  const auto k = keys_of(v);
  out.fp.keys.assign(k.begin(), k.end());
  return out;
}

}  // namespace storyprint
