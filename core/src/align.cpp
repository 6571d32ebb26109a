#include "storyprint/align.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

#include "storyprint/common_text.hpp"
#include "storyprint/fingerprint.hpp"
#include "sort_pairs.hpp"

namespace storyprint {
namespace {

constexpr std::size_t kLongRun = 8;  // tokens: a run this long is copied text, not a shared phrase

std::uint64_t gram3(const std::uint16_t* s) {
  return (std::uint64_t(s[0]) << 32) | (std::uint64_t(s[1]) << 16) | s[2];
}
std::uint32_t gram2(const std::uint16_t* s) { return (std::uint32_t(s[0]) << 16) | s[1]; }

template <class T>
void sort_unique(std::vector<T>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}
template <class T>
bool has(const std::vector<T>& sorted, T x) {
  return std::binary_search(sorted.begin(), sorted.end(), x);
}

// A page 3-gram that may count as shared: none of its tokens is common text.
bool own_gram(const PageTokens& page, std::size_t i) {
  return page.common.empty() || !(page.common[i] | page.common[i + 1] | page.common[i + 2]);
}

// Marked tokens inside runs of kLongRun or more consecutive marked ones.
std::size_t in_long_runs(const std::vector<std::uint8_t>& marked) {
  std::size_t total = 0;
  for (std::size_t i = 0; i < marked.size();) {
    if (!marked[i]) { ++i; continue; }
    std::size_t j = i;
    while (j < marked.size() && marked[j]) ++j;
    if (j - i >= kLongRun) total += j - i;
    i = j;
  }
  return total;
}

}  // namespace

// Length of the longest common subsequence of a and b, bit-parallel over b (Allison & Dix 1986,
// Hyyrö 2004): one pass over a, each step a few word operations per 64 words of b, instead of the
// |a|·|b| table. V holds a 0 bit for each position of b in the current LCS; for a symbol x with
// match mask M, V' = (V + (V & M)) | (V & ~M), the addition carrying across words.
std::size_t lcs_length(std::span<const std::uint16_t> a, std::span<const std::uint16_t> b) {
  const std::size_t words = (b.size() + 63) / 64;
  // Match masks of b's distinct symbols, found by sorted (symbol, position) pairs.
  std::vector<std::pair<std::uint16_t, std::uint32_t>> at(b.size());
  for (std::size_t j = 0; j < b.size(); ++j) at[j] = {b[j], static_cast<std::uint32_t>(j)};
  sort_by_symbol(at);
  std::vector<std::uint16_t> symbols;
  std::vector<std::uint64_t> masks;
  for (std::size_t i = 0; i < at.size(); ++i) {
    if (i == 0 || at[i].first != at[i - 1].first) symbols.push_back(at[i].first), masks.resize(masks.size() + words, 0);
    masks[(symbols.size() - 1) * words + at[i].second / 64] |= std::uint64_t{1} << (at[i].second % 64);
  }
  std::vector<std::uint64_t> v(words, ~std::uint64_t{0});
  for (const std::uint16_t x : a) {
    const auto it = std::lower_bound(symbols.begin(), symbols.end(), x);
    if (it == symbols.end() || *it != x) continue;
    const std::uint64_t* m = &masks[static_cast<std::size_t>(it - symbols.begin()) * words];
    std::uint64_t carry = 0;
    for (std::size_t w = 0; w < words; ++w) {
      const std::uint64_t old = v[w], u = old & m[w];
      const std::uint64_t t = old + carry;
      const std::uint64_t s = t + u;
      carry = (t < carry) | (s < u);
      v[w] = s | (old & ~m[w]);
    }
  }
  std::size_t ones = 0;
  for (const std::uint64_t w : v) ones += static_cast<std::size_t>(std::popcount(w));
  return words * 64 - ones;
}

OrderedRetelling ordered_retelling(const PageTokens& page, std::span<const std::uint16_t> version_seq) {
  std::vector<std::uint16_t> a, b;
  for (std::size_t i = 0; i < page.seq.size(); ++i)
    if (page.idf[i] > 0) a.push_back(page.seq[i]);
  for (std::uint16_t h : version_seq)
    if (!is_stopword_seq(h)) b.push_back(h);
  OrderedRetelling out;
  // Bounded work for huge texts: at most the first 4,000 content words of each.
  if (a.size() > 4000) a.resize(4000);
  if (b.size() > 4000) b.resize(4000);
  out.page_words = static_cast<std::uint32_t>(a.size()), out.version_words = static_cast<std::uint32_t>(b.size());
  if (a.empty() || b.empty()) return out;
  out.common = static_cast<std::uint32_t>(lcs_length(a, b));
  return out;
}

namespace {

// Version tokens inside word 3-grams the page also has.
std::vector<std::uint8_t> covered_by_page(const PageTokens& page, std::span<const std::uint16_t> seq) {
  std::vector<std::uint8_t> vc(seq.size(), 0);
  for (std::size_t i = 0; i + 3 <= seq.size(); ++i)
    if (page.grams3.find(gram3(&seq[i])) != KeyIndex::kNone) vc[i] = vc[i + 1] = vc[i + 2] = 1;
  return vc;
}

// Shortest stretch of the version holding kWindowShare of its covered tokens, widened to at least
// min_len tokens (within the version). Two pointers over the covered positions: linear.
std::pair<std::size_t, std::size_t> draw_window(const std::vector<std::uint8_t>& vc, std::size_t min_len) {
  const std::size_t n = vc.size();
  std::vector<std::uint32_t> pos;
  for (std::size_t i = 0; i < n; ++i)
    if (vc[i]) pos.push_back(static_cast<std::uint32_t>(i));
  if (n <= min_len || pos.empty()) return {0, n};
  const std::size_t need = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(kWindowShare * float(pos.size()))));
  std::size_t b = 0, e = n;
  for (std::size_t i = 0; i + need <= pos.size(); ++i)
    if (pos[i + need - 1] + 1 - pos[i] < e - b) b = pos[i], e = pos[i + need - 1] + 1;
  if (e - b < min_len) {
    const std::size_t grow = min_len - (e - b);
    const std::size_t left = std::min(b, grow / 2);
    b -= left;
    e = std::min(n, e + (grow - left));
    if (e - b < min_len) b = e - min_len;
  }
  return {b, e};
}

// Longest non-decreasing subsequence of xs (patience sorting).
std::size_t longest_in_order(const std::vector<std::uint32_t>& xs) {
  std::vector<std::uint32_t> tails;
  for (const std::uint32_t x : xs) {
    auto it = std::upper_bound(tails.begin(), tails.end(), x);
    if (it == tails.end()) tails.push_back(x);
    else *it = x;
  }
  return tails.size();
}

}  // namespace

namespace {
constexpr std::uint64_t kEmptySlot = ~std::uint64_t{0};  // a 3-gram has 48 bits, a bigram 32: never this
inline std::size_t slot_of(std::uint64_t key, std::size_t mask) {
  return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 32) & mask;
}
}  // namespace

void KeyIndex::build(std::vector<std::uint64_t> keys) {
  sort_unique(keys);
  keys_ = std::move(keys);
  std::size_t size = 16;
  while (size < 2 * keys_.size()) size *= 2;
  table_.assign(size, kEmptySlot);
  slot_.assign(size, kNone);
  for (std::size_t k = 0; k < keys_.size(); ++k) {
    std::size_t s = slot_of(keys_[k], size - 1);
    while (table_[s] != kEmptySlot) s = (s + 1) & (size - 1);
    table_[s] = keys_[k], slot_[s] = static_cast<std::uint32_t>(k);
  }
}

std::uint32_t KeyIndex::find(std::uint64_t key) const {
  if (table_.empty()) return kNone;
  const std::size_t mask = table_.size() - 1;
  for (std::size_t s = slot_of(key, mask);; s = (s + 1) & mask) {
    if (table_[s] == key) return slot_[s];
    if (table_[s] == kEmptySlot) return kNone;
  }
}

void set_grams3(PageTokens& page) {
  const std::size_t n = page.seq.size();
  std::vector<std::uint64_t> g3, g2;
  for (std::size_t i = 0; i + 3 <= n; ++i)
    if (own_gram(page, i)) g3.push_back(gram3(&page.seq[i]));
  for (std::size_t i = 0; i + 2 <= n; ++i)
    if (!page.is_common(i) && !page.is_common(i + 1)) g2.push_back(gram2(&page.seq[i]));
  page.grams3.build(std::move(g3));
  page.bigrams.build(std::move(g2));
  page.gram_at.assign(n, KeyIndex::kNone);
  page.bigram_at.assign(n, KeyIndex::kNone);
  for (std::size_t i = 0; i + 3 <= n; ++i)
    if (own_gram(page, i)) page.gram_at[i] = page.grams3.find(gram3(&page.seq[i]));
  for (std::size_t i = 0; i + 2 <= n; ++i)
    if (!page.is_common(i) && !page.is_common(i + 1)) page.bigram_at[i] = page.bigrams.find(gram2(&page.seq[i]));
}

SourceRetelling source_retelling(const PageTokens& page, const VersionView& v) {
  SourceRetelling out;
  const std::size_t n = page.seq.size();
  const std::vector<std::uint8_t> vc = covered_by_page(page, v.seq);
  const auto [wb, we] = draw_window(vc, 2 * n);
  out.window_begin = static_cast<std::uint32_t>(wb), out.window_end = static_cast<std::uint32_t>(we);
  if (we <= wb) return out;
  out.cov3 = float(std::count(vc.begin() + static_cast<std::ptrdiff_t>(wb), vc.begin() + static_cast<std::ptrdiff_t>(we), 1)) / float(we - wb);
  out.length_ratio = std::log((float(n) + 1.f) / (float(we - wb) + 1.f));
  const OrderedRetelling lcs = ordered_retelling(page, v.seq.subspan(wb, we - wb));
  out.retelling = lcs.of_version(), out.page_retelling = lcs.of_page();

  // Page sentences by content word: (word, sentence) pairs, one per word and sentence.
  std::vector<std::pair<std::uint16_t, std::uint32_t>> where;
  const std::size_t n_sent = std::min(page.sentences.size(), kMaxAlignedSentences);
  for (std::size_t s = 0; s < n_sent; ++s)
    for (std::uint32_t t = page.sentences[s].first_token; t < page.sentences[s].end_token; ++t)
      if (page.idf[t] > 0) where.emplace_back(page.seq[t], static_cast<std::uint32_t>(s));
  sort_by_symbol(where);
  where.erase(std::unique(where.begin(), where.end()), where.end());
  // Each window sentence: its best page sentence by share of its distinct content words.
  std::vector<std::uint32_t> count(n_sent, 0), touched, retold_at;
  std::vector<std::uint16_t> words;
  std::size_t with_content = 0, retold = 0;
  float soft = 0;
  const auto& starts = v.sentence_starts;
  for (std::size_t s = 0; s < starts.size() && with_content < kMaxAlignedSentences; ++s) {
    const std::size_t b = starts[s], e = s + 1 < starts.size() ? starts[s + 1] : v.seq.size();
    if (e <= wb || b >= we) continue;  // outside the window
    words.clear();
    for (std::size_t i = b; i < e; ++i)
      if (!is_stopword_seq(v.seq[i])) words.push_back(v.seq[i]);
    sort_unique(words);
    if (words.size() < 3) continue;
    ++with_content;
    for (const std::uint16_t w : words) {
      auto lo = std::lower_bound(where.begin(), where.end(), std::pair<std::uint16_t, std::uint32_t>{w, 0});
      // A word in very many page sentences says nothing about which one retells this sentence.
      for (std::size_t k = 0; lo != where.end() && lo->first == w && k < kMaxWordSentences; ++lo, ++k) {
        if (count[lo->second]++ == 0) touched.push_back(lo->second);
      }
    }
    std::uint32_t best = 0, best_at = 0;
    for (const std::uint32_t p : touched) {
      if (count[p] > best || (count[p] == best && p < best_at)) best = count[p], best_at = p;
      count[p] = 0;
    }
    touched.clear();
    const float share = float(best) / float(words.size());
    soft += share;
    if (share >= kRetoldSentence) ++retold, retold_at.push_back(best_at);
  }
  if (with_content) {
    out.soft = soft / float(with_content);
    out.sentences = float(retold) / float(with_content);
    out.order = float(longest_in_order(retold_at)) / float(with_content);
  }
  return out;
}

namespace {

// The versions' words as a bitset over 16-bit token hashes (8 KB): no sort, however many versions.
std::vector<std::uint64_t> vocabulary_of(const Pack& pack, std::span<const std::uint32_t> versions) {
  std::vector<std::uint64_t> vocab(65536 / 64, 0);
  for (const std::uint32_t v : versions)
    for (const std::uint16_t h : pack.version(v).seq) vocab[h >> 6] |= std::uint64_t(1) << (h & 63);
  return vocab;
}

std::size_t found_in(const std::vector<std::uint64_t>& vocab, std::span<const std::uint16_t> words) {
  std::size_t shared = 0;
  for (const std::uint16_t w : words) shared += (vocab[w >> 6] >> (w & 63)) & 1;
  return shared;
}

}  // namespace

float ordinary_containment(const PageTokens& page, const Pack& pack, std::span<const std::uint32_t> versions) {
  // Distinct page words, so that repeating one shared word does not make a page look like the
  // story's wording; kOrdinaryPrior unseen words in the denominator keep a page of a handful of
  // words from scoring 1 on them alone (an article has hundreds: it barely moves).
  const std::size_t shared = found_in(vocabulary_of(pack, versions), page.ordinary_words);
  return float(shared) / (float(page.ordinary_words.size()) + kOrdinaryPrior);
}

float names_containment(const PageTokens& page, const Pack& pack, std::span<const std::uint32_t> versions) {
  const std::vector<std::uint64_t> vocab = vocabulary_of(pack, versions);
  const float ordinary = page.ordinary_words.empty()
                             ? 0.f
                             : float(found_in(vocab, page.ordinary_words)) / float(page.ordinary_words.size());
  return (float(found_in(vocab, page.names)) + kNamesPrior * ordinary) / (float(page.names.size()) + kNamesPrior);
}

std::vector<QuoteEvidence> match_quotes(const PageTokens& page, const Pack& pack, std::span<const std::uint32_t> pool,
                                        std::span<const std::pair<std::uint32_t, std::uint32_t>> ranges) {
  std::vector<QuoteEvidence> out(ranges.size());
  if (ranges.empty()) return out;
  std::vector<std::uint64_t> g3;
  for (const std::uint32_t v : pool) {
    const auto seq = pack.version(v).seq;
    g3.clear();
    for (std::size_t i = 0; i + 3 <= seq.size(); ++i) g3.push_back(gram3(&seq[i]));
    sort_unique(g3);
    for (std::size_t q = 0; q < ranges.size(); ++q) {
      const auto [b, e] = ranges[q];
      std::size_t covered = 0, run_end = b;  // tokens [b, run_end) are counted
      for (std::size_t i = b; i + 3 <= e; ++i) {
        if (!has(g3, gram3(&page.seq[i]))) continue;
        covered += i + 3 - std::max<std::size_t>(i, run_end);
        run_end = i + 3;
      }
      const float share = e > b ? float(covered) / float(e - b) : 0.f;
      if (share > out[q].shared) out[q] = {share, v};
    }
  }
  return out;
}

PoolEvidence align_pool(const PageTokens& page, const Pack& pack, std::span<const std::uint32_t> members) {
  PoolEvidence ev;
  const std::size_t n = page.seq.size();
  ev.marks.assign(n, Mark::New);

  // Every version is compared through tables of the page (its 3-grams, bigrams and content words),
  // one probe per version token: a check costs what the versions compared hold, never a sort of them.
  std::vector<std::uint32_t> gram_seen(page.grams3.size(), 0);  // per page 3-gram: 1 + last member holding it
  std::vector<std::uint8_t> pool_gram(page.grams3.size(), 0);    // held by some member
  std::vector<std::uint8_t> pool_bigram(page.bigrams.size(), 0);
  // The page's content words (a bitset over 16-bit hashes): only they are looked up in source sentences.
  std::vector<std::uint64_t> content_words(65536 / 64, 0);
  for (std::size_t i = 0; i < n; ++i)
    if (page.idf[i] > 0) content_words[page.seq[i] >> 6] |= std::uint64_t{1} << (page.seq[i] & 63);
  const auto is_content = [&](std::uint16_t h) { return (content_words[h >> 6] >> (h & 63)) & 1; };

  // Source sentences as sorted sets of the page's content words they hold, for sentence alignment.
  struct SrcSentence {
    std::uint32_t member;  // index into members
    std::vector<std::uint16_t> tokens;
  };
  std::vector<SrcSentence> src_sentences;
  std::vector<std::uint32_t> first_sentence(members.size() + 1, 0);

  ev.versions.reserve(members.size());
  for (std::size_t m = 0; m < members.size(); ++m) {
    const VersionView v = pack.version(members[m]);
    const auto stamp = static_cast<std::uint32_t>(m + 1);
    // Reverse: tokens of the version inside 3-grams the page also has, over the version's own
    // tokens (its site's furniture, held by many stories, is not the version's text).
    const std::vector<std::uint8_t> vcommon = common_mask(v.seq, v.sentence_starts, pack.common_sentences());
    std::vector<std::uint8_t> vc(v.seq.size(), 0);
    for (std::size_t i = 0; i + 3 <= v.seq.size(); ++i) {
      const std::uint32_t g = page.grams3.find(gram3(&v.seq[i]));
      if (g == KeyIndex::kNone) continue;
      vc[i] = vc[i + 1] = vc[i + 2] = 1;
      gram_seen[g] = stamp, pool_gram[g] = 1;
    }
    for (std::size_t i = 0; i + 2 <= v.seq.size(); ++i)
      if (const std::uint32_t b = page.bigrams.find(gram2(&v.seq[i])); b != KeyIndex::kNone) pool_bigram[b] = 1;
    VersionEvidence ve;
    ve.version = members[m];
    if (n) {
      // Page tokens inside 3-grams this version holds.
      std::vector<std::uint8_t> c(n, 0);
      for (std::size_t i = 0; i + 3 <= n; ++i)
        if (page.gram_at[i] != KeyIndex::kNone && gram_seen[page.gram_at[i]] == stamp) c[i] = c[i + 1] = c[i + 2] = 1;
      ve.cov3 = float(std::count(c.begin(), c.end(), 1)) / float(n);
    }
    const std::size_t v_own = v.seq.size() - static_cast<std::size_t>(std::count(vcommon.begin(), vcommon.end(), 1));
    for (std::size_t i = 0; i < vcommon.size(); ++i) vc[i] &= static_cast<std::uint8_t>(!vcommon[i]);
    if (v_own) ve.reverse3 = float(std::count(vc.begin(), vc.end(), 1)) / float(v_own);
    if (v_own) ve.reverse8 = float(in_long_runs(vc)) / float(v_own);
    ev.versions.push_back(ve);

    first_sentence[m] = static_cast<std::uint32_t>(src_sentences.size());
    for (std::size_t s = 0; s < v.sentence_starts.size(); ++s) {
      const std::size_t b = v.sentence_starts[s];
      const std::size_t e = s + 1 < v.sentence_starts.size() ? v.sentence_starts[s + 1] : v.seq.size();
      if (!vcommon.empty() && vcommon[b]) continue;
      SrcSentence ss{static_cast<std::uint32_t>(m), {}};
      for (std::size_t i = b; i < e; ++i)
        if (is_content(v.seq[i])) ss.tokens.push_back(v.seq[i]);
      sort_unique(ss.tokens);
      src_sentences.push_back(std::move(ss));
    }
  }
  first_sentence[members.size()] = static_cast<std::uint32_t>(src_sentences.size());
  if (n == 0) return ev;

  // Verbatim: tokens in shared 3-grams; runs of them give cov8.
  std::vector<std::uint8_t> covered(n, 0);
  for (std::size_t i = 0; i + 3 <= n; ++i)
    if (page.gram_at[i] != KeyIndex::kNone && pool_gram[page.gram_at[i]]) covered[i] = covered[i + 1] = covered[i + 2] = 1;
  const auto n3 = static_cast<std::size_t>(std::count(covered.begin(), covered.end(), 1));
  ev.cov3 = float(n3) / float(n);
  ev.cov8 = float(in_long_runs(covered)) / float(n);
  if (page.narration.size() == n) {
    std::vector<std::uint8_t> long_run(n, 0);
    for (std::size_t i = 0; i < n;) {
      std::size_t j = i;
      while (j < n && covered[j]) ++j;
      if (j - i >= kLongRun) std::fill(long_run.begin() + static_cast<std::ptrdiff_t>(i), long_run.begin() + static_cast<std::ptrdiff_t>(j), 1);
      i = j == i ? i + 1 : j;
    }
    std::size_t own = 0, own3 = 0, own8 = 0;
    for (std::size_t i = 0; i < n; ++i)
      if (page.narration[i]) ++own, own3 += covered[i], own8 += long_run[i];
    // A prior of ten unshared tokens: a page of a few lines of narration cannot score 1 on them alone.
    ev.narration3 = float(own3) / (float(own) + kOrdinaryPrior);
    ev.narration8 = float(own8) / (float(own) + kOrdinaryPrior);
  }
  std::size_t shared2 = 0, own2 = 0;
  float w2 = 0, wshared2 = 0;
  for (std::size_t i = 0; i + 2 <= n; ++i) {
    if (page.bigram_at[i] == KeyIndex::kNone) continue;
    ++own2;
    const bool sh = pool_bigram[page.bigram_at[i]] != 0;
    shared2 += sh;
    const float w = page.idf[i] + page.idf[i + 1];
    w2 += w, wshared2 += sh ? w : 0.f;
  }
  ev.bigram_idf = w2 > 0 ? wshared2 / w2 : 0.f;
  ev.bigram = own2 ? float(shared2) / float(own2) : 0.f;
  // A shared run shown as copied must hold some rare content: "told the court that" is shared
  // by everyone. (Coverage scores above keep every run: the model weighs them itself.)
  for (std::size_t i = 0; i < n;) {
    if (!covered[i]) { ++i; continue; }
    std::size_t j = i;
    float weight = 0;
    while (j < n && covered[j]) weight += page.idf[j], ++j;
    if (weight >= kMinRunIdf)
      for (std::size_t k = i; k < j; ++k) ev.marks[k] = Mark::Verbatim;
    i = j;
  }

  // Sentences: best source sentence by IDF-weighted containment of the page sentence's content.
  // Each content word adds its IDF to the source sentences that hold it (found through a table of
  // (word, sentence) pairs), so a page sentence costs what its words occur in, not every sentence
  // of the pool; sums are made in the same order as word-by-word, and ties go to the first sentence.
  std::vector<std::pair<std::uint16_t, std::uint32_t>> holders;
  for (std::size_t s = 0; s < src_sentences.size(); ++s)
    for (const std::uint16_t t : src_sentences[s].tokens) holders.emplace_back(t, static_cast<std::uint32_t>(s));
  sort_by_symbol(holders);
  std::vector<float> acc(src_sentences.size(), 0.f);
  std::vector<std::uint32_t> touched;
  std::vector<std::uint8_t> src_hit(src_sentences.size(), 0);
  std::size_t with_content = 0, aligned = 0;
  // Bounded work on huge pages: sentence alignment looks at the first kMaxAlignedSentences (an
  // article has a few hundred); verbatim coverage above still spans the whole page.
  const std::size_t n_sent = std::min(page.sentences.size(), kMaxAlignedSentences);
  for (std::size_t si = 0; si < n_sent; ++si) {
    const Sentence& ps = page.sentences[si];
    float total = 0;
    std::vector<std::pair<std::uint16_t, float>> content;
    for (std::uint32_t t = ps.first_token; t < ps.end_token; ++t)
      if (page.idf[t] > 0) content.emplace_back(page.seq[t], page.idf[t]);
    std::sort(content.begin(), content.end());
    content.erase(std::unique(content.begin(), content.end(),
                              [](const auto& a, const auto& b) { return a.first == b.first; }),
                  content.end());
    for (const auto& c : content) total += c.second;
    if (content.size() < 3 || total <= 0) continue;
    ++with_content;
    float best = 0;
    std::size_t best_src = SIZE_MAX;
    touched.clear();
    for (const auto& c : content) {
      auto it = std::lower_bound(holders.begin(), holders.end(), std::pair<std::uint16_t, std::uint32_t>{c.first, 0});
      for (; it != holders.end() && it->first == c.first; ++it) {
        if (acc[it->second] == 0.f) touched.push_back(it->second);
        acc[it->second] += c.second;
      }
    }
    std::sort(touched.begin(), touched.end());
    for (const std::uint32_t s : touched) {
      if (acc[s] > best) best = acc[s], best_src = s;
      acc[s] = 0.f;
    }
    ev.sent_soft += best / total;
    if (best_src == SIZE_MAX) continue;
    if (best / total >= kRewordedMark) {
      // From the sentence's first content word its source sentence has to its last: a sentence
      // run together with page furniture ("Skip to content", a caption) by layout line breaks is
      // reworded only where it retells.
      const auto& src = src_sentences[best_src].tokens;
      std::uint32_t from = ps.end_token, to = ps.first_token;
      for (std::uint32_t t = ps.first_token; t < ps.end_token; ++t)
        if (page.idf[t] > 0 && has(src, page.seq[t])) from = std::min(from, t), to = t + 1;
      for (std::uint32_t t = from; t < to; ++t)
        if (ev.marks[t] == Mark::New) ev.marks[t] = Mark::Reworded;
    }
    if (best / total < kSentenceAlign) continue;
    ++aligned;
    src_hit[best_src] = 1;
  }
  // Passages as a reader (and METER's annotators) see them: a word or two changed between reused
  // stretches belongs to the reuse, and a text mostly reused from its first reused word to its last
  // is reused throughout (the rest is reworded copy the word and sentence evidence missed, not the
  // writer's own material); page furniture before and after it stays unmarked.
  for (std::size_t i = 0, last = SIZE_MAX; i < n; ++i) {
    if (ev.marks[i] == Mark::New) continue;
    if (last != SIZE_MAX && i - last - 1 <= kMaxGap)
      for (std::size_t k = last + 1; k < i; ++k)
        if (!page.is_common(k)) ev.marks[k] = Mark::Reworded;
    last = i;
  }
  // A reused stretch standing alone must hold kMinPassageWords content words: a lone "met" or "on
  // Friday" is shared by any two reports of the day, not a passage a reader would call shared.
  for (std::size_t i = 0; i < n;) {
    if (ev.marks[i] == Mark::New) { ++i; continue; }
    std::size_t j = i, words = 0;
    while (j < n && ev.marks[j] != Mark::New) words += page.idf[j] > 0, ++j;
    if (words < kMinPassageWords)
      std::fill(ev.marks.begin() + static_cast<std::ptrdiff_t>(i), ev.marks.begin() + static_cast<std::ptrdiff_t>(j), Mark::New);
    i = j;
  }
  const auto is_reused = [](Mark m) { return m != Mark::New; };
  const auto first = std::find_if(ev.marks.begin(), ev.marks.end(), is_reused);
  const auto last = std::find_if(ev.marks.rbegin(), ev.marks.rend(), is_reused).base();
  if (first < last && float(std::count_if(first, last, is_reused)) >= kWhollyReused * float(last - first))
    for (auto it = first; it != last; ++it)
      if (*it == Mark::New && !page.is_common(static_cast<std::size_t>(it - ev.marks.begin()))) *it = Mark::Reworded;
  ev.sent = with_content ? float(aligned) / float(with_content) : 0.f;
  ev.sent_soft = with_content ? ev.sent_soft / float(with_content) : 0.f;
  for (std::size_t m = 0; m < members.size(); ++m) {
    const std::uint32_t b = first_sentence[m], e = first_sentence[m + 1];
    std::size_t hit = 0;
    for (std::uint32_t s = b; s < e; ++s) hit += src_hit[s];
    ev.versions[m].sent_reverse = e > b ? float(hit) / float(e - b) : 0.f;
  }
  return ev;
}

}  // namespace storyprint
