// Quotations on a page: what someone said, between quotation marks. Shared quotes are evidence a
// reader weighs differently from shared wording: independent reports of the same event quote the
// same speakers, while a rewrite also takes over the narration around them.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

namespace storyprint {

struct QuoteSpan {
  std::uint32_t begin16, end16;  // the quoted text, without its marks (UTF-16 units)
};

// Longest quotation looked for, in UTF-16 units: a pair of marks further apart is a stray mark.
inline constexpr std::size_t kMaxQuoteUnits = 2000;

// Quotations in reading order: “…”, „…“, «…», 「…」, 『…』, "…", ``…'' (wire copy) and ‘…’ (the
// opening mark at a word's start, the closing one not inside a word: "Trump’s" is no quote). A
// quotation ends in its own paragraph; a mark without its partner there is not a quotation. Nested
// quotations are part of the one around them.
std::vector<QuoteSpan> find_quotes(std::u16string_view text);

}  // namespace storyprint
