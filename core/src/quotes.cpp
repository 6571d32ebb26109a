#include "storyprint/quotes.hpp"

#include <unicode/uchar.h>

#include <array>

namespace storyprint {
namespace {

enum Kind { kCurly, kLow9, kGuillemet, kCorner, kWhiteCorner, kStraight, kBackticks, kSingle, kKinds };

bool in_word(char16_t c) { return u_isalnum(c) != 0; }

// The kind of quotation opened at t[i], and the length of its mark; kKinds if none.
Kind opener(std::u16string_view t, std::size_t i, std::size_t* len) {
  *len = 1;
  switch (t[i]) {
    case u'\u201C': return kCurly;
    case u'\u201E': return kLow9;
    case u'\u00AB': return kGuillemet;
    case u'\u300C': return kCorner;
    case u'\u300E': return kWhiteCorner;
    case u'"': return kStraight;
    case u'`':
      if (i + 1 < t.size() && t[i + 1] == u'`') return *len = 2, kBackticks;
      return kKinds;
    case u'\u2018': return i == 0 || !in_word(t[i - 1]) ? kSingle : kKinds;
    default: return kKinds;
  }
}

// Whether t[j] closes a quotation of this kind, and the length of its mark.
bool closes(Kind k, std::u16string_view t, std::size_t j, std::size_t* len) {
  *len = 1;
  const char16_t c = t[j];
  switch (k) {
    case kCurly: return c == u'\u201D';
    case kLow9: return c == u'\u201C' || c == u'\u201D';
    case kGuillemet: return c == u'\u00BB';
    case kCorner: return c == u'\u300D';
    case kWhiteCorner: return c == u'\u300F';
    case kStraight: return c == u'"';
    case kBackticks: return c == u'\'' && j + 1 < t.size() && t[j + 1] == u'\'' && (*len = 2);
    case kSingle: return c == u'\u2019' && !(j + 1 < t.size() && in_word(t[j + 1]));  // not "Trump’s"
    default: return false;
  }
}

// A line break followed by a blank line: the paragraph ends at j.
bool paragraph_ends(std::u16string_view t, std::size_t j) {
  if (t[j] != u'\n') return false;
  for (std::size_t k = j + 1; k < t.size(); ++k) {
    if (t[k] == u'\n') return true;
    if (t[k] != u' ' && t[k] != u'\t' && t[k] != u'\r') return false;
  }
  return true;
}

}  // namespace

std::vector<QuoteSpan> find_quotes(std::u16string_view t) {
  std::vector<QuoteSpan> out;
  // Per kind, how far the text is known to hold no closing mark (and whether a paragraph end is
  // what stopped that search): each unit is searched at most once per kind, so a page of stray
  // marks costs a few passes over it, not one search per mark.
  std::array<std::size_t, kKinds> clear_to{};
  std::array<bool, kKinds> clear_at_paragraph{};
  const std::size_t n = t.size();
  for (std::size_t i = 0; i < n;) {
    std::size_t open_len = 0;
    const Kind k = opener(t, i, &open_len);
    if (k == kKinds) { ++i; continue; }
    const std::size_t start = i + open_len, limit = i + open_len + kMaxQuoteUnits;
    std::size_t j = start, close_len = 0;
    bool found = false;
    if (clear_to[k] > start) {
      if (clear_at_paragraph[k]) { ++i; continue; }  // no partner before the paragraph ends
      j = clear_to[k];
    }
    for (; j < n && j < limit; ++j) {
      if (paragraph_ends(t, j)) break;
      if (closes(k, t, j, &close_len)) { found = true; break; }
    }
    if (!found) {
      clear_to[k] = j, clear_at_paragraph[k] = j < n && j < limit;
      ++i;
      continue;
    }
    if (j > start) out.push_back({static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(j)});
    i = j + close_len;
  }
  return out;
}

}  // namespace storyprint
