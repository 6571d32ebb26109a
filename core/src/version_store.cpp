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

PackedVersion VersionStore::version(std::uint32_t v) const {
  PackedVersion out;
  const std::uint8_t* p = strings.data() + str_off[v];
  for (std::string* f : {&out.meta.id, &out.meta.outlet, &out.meta.url, &out.meta.title, &out.meta.published}) {
    const std::uint32_t n = varint::get(p);
    f->assign(reinterpret_cast<const char*>(p), n);
    p += n;
  }
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
