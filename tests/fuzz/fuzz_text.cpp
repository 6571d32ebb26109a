// libFuzzer target: the text canonicaliser, from UTF-8 (invalid sequences, NUL bytes) and from
// UTF-16 (lone surrogates, as JS strings can hold), with the invariants later stages rely on.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "storyprint/fingerprint.hpp"
#include "storyprint/text.hpp"

using namespace storyprint;

static void check_invariants(const CanonicalText& ct) {
  std::uint32_t prev_end = 0;
  for (const Token& t : ct.tokens) {
    if (t.begin16 >= t.end16 || t.end16 > ct.length16 || t.begin16 < prev_end) std::abort();
    if (t.begin_cp >= t.end_cp || t.end_cp > ct.length_cp) std::abort();
    if (t.sentence >= ct.sentences.size()) std::abort();
    prev_end = t.end16;
  }
  std::uint32_t next = 0;
  for (const Sentence& s : ct.sentences) {
    if (s.first_token != next || s.end_token <= s.first_token || s.end_token > ct.tokens.size()) std::abort();
    next = s.end_token;
  }
  if (next != ct.tokens.size()) std::abort();
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  // The first byte picks the entry point, so one corpus serves both.
  const bool as_utf16 = data[0] & 1;
  ++data, --size;
  if (as_utf16) {
    std::u16string text(size / 2, u'\0');  // copied: the fuzzer's bytes are not 2-aligned
    std::memcpy(text.data(), data, text.size() * 2);
    (void)needs_break_dictionaries(text);
    // UTF-16 -> UTF-8 -> UTF-16 keeps the length: a lone surrogate becomes one U+FFFD (the wasm
    // module's offsets are UTF-16 units of the caller's string).
    auto back = utf8_to_utf16(utf16_to_utf8(text));
    if (!back || back->size() != text.size()) std::abort();
    auto r = canonicalize_utf16(text);
    if (r) {
      check_invariants(*r);
      (void)fingerprint(*r);
    }
  } else {
    auto r = canonicalize(std::string_view(reinterpret_cast<const char*>(data), size));
    if (r) {
      check_invariants(*r);
      (void)fingerprint(*r);
    }
  }
  return 0;
}
