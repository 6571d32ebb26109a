#pragma once
// A read-only map from 64-bit hashes to small values, built once from a list: open addressing,
// linear probing, at most half full, the slot taken from the key's top bits after a Fibonacci
// multiply. Word lists looked up once per word of every page (function-word profiles, stopwords)
// were std::unordered_map and unordered_set: chasing their nodes took a tenth of canonicalisation
// in wasm.
#include <cstdint>
#include <utility>
#include <vector>

namespace storyprint {

template <class V>
class HashTable64 {
 public:
  HashTable64() : HashTable64(std::vector<std::pair<std::uint64_t, V>>{}) {}
  // Each key once (a repeated key keeps its first value).
  explicit HashTable64(const std::vector<std::pair<std::uint64_t, V>>& entries) {
    while ((std::size_t(1) << bits_) < 2 * entries.size() + 2) ++bits_;
    slots_.resize(std::size_t(1) << bits_);
    for (const auto& [key, value] : entries) {
      Slot& s = slots_[slot_of(key)];
      if (!s.used) s = Slot{key, value, true};
    }
  }
  const V* find(std::uint64_t key) const {
    const Slot& s = slots_[slot_of(key)];
    return s.used ? &s.value : nullptr;
  }

 private:
  struct Slot {
    std::uint64_t key = 0;
    V value{};
    bool used = false;
  };
  // The slot holding key, or the empty one where it would go (the table is never full).
  std::size_t slot_of(std::uint64_t key) const {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = (key * 0x9E3779B97F4A7C15ull) >> (64 - bits_);; i = (i + 1) & mask)
      if (!slots_[i].used || slots_[i].key == key) return i;
  }
  unsigned bits_ = 1;
  std::vector<Slot> slots_;
};

}  // namespace storyprint
