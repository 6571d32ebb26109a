// Alignment of a page with a pool of known versions (those of its story): verbatim runs (shared word 3-grams),
// bigram containment, and reworded sentences (IDF-weighted content-word containment of each page
// sentence in its best source sentence). Produces the evidence a verdict is made from and the
// per-token marks that become the passages shown to a reader.
#pragma once
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "storyprint/pack.hpp"
#include "storyprint/text.hpp"

namespace storyprint {

enum class Mark : std::uint8_t { New = 0, Verbatim = 1, Reworded = 2 };

// Distinct keys (a page's word 3-grams or bigrams) and each one's place among them, found in one
// probe (open addressing): a version is compared with the page in time linear in its length.
class KeyIndex {
 public:
  static constexpr std::uint32_t kNone = ~0u;
  void build(std::vector<std::uint64_t> keys);  // keys: any order, repeats allowed
  std::size_t size() const { return keys_.size(); }
  const std::vector<std::uint64_t>& keys() const { return keys_; }  // distinct, ascending
  std::uint32_t find(std::uint64_t key) const;  // the key's place in keys(), or kNone
 private:
  std::vector<std::uint64_t> keys_, table_;
  std::vector<std::uint32_t> slot_;
};

// The page as the aligner needs it.
struct PageTokens {
  std::vector<std::uint16_t> seq;   // 16-bit token hashes, as in packs
  std::vector<float> idf;           // per token; 0 for stopwords
  std::vector<Sentence> sentences;  // from the canonical text
  // The page's ordinary words, distinct and sorted: content words written in lower case (not names,
  // numbers or sentence openings). Derived copy reuses its source's ordinary wording; independent
  // coverage of the same event shares names and quotes but words its own account.
  std::vector<std::uint16_t> ordinary_words;
  // The page's names and numbers, distinct and sorted: content words written capitalised after a
  // sentence's first word, and numbers. A retelling names the people, places and figures of its
  // source; a reporter of the event brings some of their own.
  std::vector<std::uint16_t> names;
  // Per token, 1 for the page's own narration: lower-case words (stopwords too) outside quotations.
  // Independent reports of one event share its names, numbers and quotes; a copy or a close
  // retelling shares the wording around them as well.
  std::vector<std::uint8_t> narration;
  // Per token, 1 inside a sentence many stories hold (common_text.hpp), or empty when none is:
  // such tokens are no evidence (no shared 3-grams, bigrams, content or passages), yet shares stay
  // over all the page's tokens: taken over the rest only, a page mostly of common text would be
  // judged on its last few sentences and look made of them.
  std::vector<std::uint8_t> common;
  bool is_common(std::size_t i) const { return !common.empty() && common[i]; }
  // The page's distinct word 3-grams and bigrams outside common text (set_grams3): built once per
  // check, used by the alignment of every pool and by every source's retelling window. gram_at[i]
  // (bigram_at[i]) is the place of the 3-gram (bigram) starting at token i, or KeyIndex::kNone.
  KeyIndex grams3, bigrams;
  std::vector<std::uint32_t> gram_at, bigram_at;
};
void set_grams3(PageTokens& page);

struct VersionEvidence {
  std::uint32_t version;
  float cov3 = 0;     // share of page tokens inside 3-grams shared with this version
  float reverse3 = 0; // share of this version's tokens inside 3-grams shared with the page
  float reverse8 = 0; // the same inside runs of 8 or more such tokens: the version reproduced word for word
  float sent_reverse = 0;  // share of this version's sentences that some page sentence rewords or copies
};

struct PoolEvidence {
  float bigram = 0;   // share of page bigrams found in the pool
  float cov3 = 0;     // share of page tokens in shared 3-grams
  float cov8 = 0;     // share of page tokens in shared runs of 8 tokens or more
  float sent = 0;     // share of page sentences (with content) aligned to a source sentence
  float sent_soft = 0;   // mean best IDF-weighted containment of page sentences in a source sentence
  float bigram_idf = 0;  // IDF-weighted share of page bigrams found in the pool
  float narration3 = 0;  // share of the page's narration tokens (PageTokens::narration) in shared 3-grams
  float narration8 = 0;  // the same in shared runs of 8 tokens or more
  std::vector<Mark> marks;  // per page token
  std::vector<VersionEvidence> versions;  // in pool order
};

// Minimum IDF-weighted share of a page sentence's content words found in one source sentence for
// the pair to count as a (possibly reworded) copy.
inline constexpr float kSentenceAlign = 0.5f;
// The same share for marking a page sentence as a reworded passage. The three passage constants are
// set on METER's phrase-level gold (token macro-F1 0.769 with 0.5 / no gaps / no page rule; 0.775
// with these, better in three of four story-grouped quarters and level in the fourth).
inline constexpr float kRewordedMark = 0.45f;
// Gaps of at most this many unmarked tokens between reused tokens are marked reworded.
inline constexpr std::size_t kMaxGap = 2;
// Content words a reused stretch standing alone needs to be shown (METER: reused precision 0.804 ->
// 0.805, token macro-F1 0.777 either way; at 3, 0.816 and the same F1, but "military aid" is a
// passage).
inline constexpr std::size_t kMinPassageWords = 2;
// A page whose tokens from the first reused one to the last are at least this share reused is
// marked reused over that stretch.
inline constexpr float kWhollyReused = 0.8f;
inline constexpr std::size_t kMaxAlignedSentences = 5000;
// IDF a shared run needs to be shown as a verbatim passage (about one rare word, or two of middling
// frequency). On METER's phrase-level gold: token macro-F1 0.762 without, 0.769 with 4; 0.765 with 8.
inline constexpr float kMinRunIdf = 4.f;

// The content words a page retells from a version in the same order: the longest common
// subsequence of the two content-word sequences. A retelling keeps the order of its source even
// when it rewords most of it; independent coverage of the same event shares words but not their
// order. Over the version's content words it says how much of the source is retold; over the
// page's, how much of the page is retelling (a condensed paraphrase retells little of a long source
// but is made of little else).
struct OrderedRetelling {
  std::uint32_t common = 0, page_words = 0, version_words = 0;
  float of_version() const { return version_words ? float(common) / float(version_words) : 0.f; }
  float of_page() const { return page_words ? float(common) / float(page_words) : 0.f; }
};
OrderedRetelling ordered_retelling(const PageTokens& page, std::span<const std::uint16_t> version_seq);
// Length of the longest common subsequence of two symbol sequences (bit-parallel: |a|·|b|/64 word
// operations).
std::size_t lcs_length(std::span<const std::uint16_t> a, std::span<const std::uint16_t> b);

// How much of a known version the page retells, measured on the part of the version the page draws
// on: a page may copy or retell one stretch of a long version (a transcript, a live blog), and is
// then judged against that stretch, not against the whole; a page whose shared words are scattered
// over a long version (quotes from a debate) is judged against most of it. The window is the
// shortest stretch holding kWindowShare of the version's words in 3-grams shared with the page,
// widened to at least twice the page's length (or the whole version).
struct SourceRetelling {
  std::uint32_t window_begin = 0, window_end = 0;  // version tokens [begin, end)
  float cov3 = 0;          // share of window tokens inside 3-grams shared with the page
  float retelling = 0;     // ordered_retelling against the window, over its content words
  float page_retelling = 0;  // the same over the page's content words
  float soft = 0;          // mean over window sentences of the best share of their content words in one page sentence
  float order = 0;         // share of window sentences retold (kRetoldSentence) in the page's order
  float length_ratio = 0;  // ln((page tokens + 1) / (window tokens + 1))
  float sentences = 0;     // share of window sentences retold
};
inline constexpr float kWindowShare = 0.8f;
inline constexpr std::size_t kMaxWordSentences = 256;
// A source sentence counts as retold when this share of its distinct content words is in one page
// sentence (unweighted: the words the page left out have no IDF on the page's side).
inline constexpr float kRetoldSentence = 0.4f;
SourceRetelling source_retelling(const PageTokens& page, const VersionView& version);

// Share of the page's distinct ordinary words (see PageTokens) found anywhere in the given versions,
// in any order: how much of the page's own wording a story's versions account for.
inline constexpr float kOrdinaryPrior = 10.f;
float ordinary_containment(const PageTokens& page, const Pack& pack, std::span<const std::uint32_t> versions);

// Share of the page's distinct names (see PageTokens) found anywhere in the given versions. A page
// with few names is taken, for kNamesPrior of them, to name as it words (the share of its ordinary
// words found there): a page that names nothing is no evidence either way.
inline constexpr float kNamesPrior = 3.f;
float names_containment(const PageTokens& page, const Pack& pack, std::span<const std::uint32_t> versions);

// For each token range [first, second) of the page (a quotation), the version of `pool` whose word
// 3-grams cover most of its tokens (3-grams inside the range: a quotation stands on its own words),
// and that share. A quotation shared with no version has share 0 and version -1.
struct QuoteEvidence {
  float shared = 0;
  std::int64_t version = -1;
};
std::vector<QuoteEvidence> match_quotes(const PageTokens& page, const Pack& pack, std::span<const std::uint32_t> pool,
                                        std::span<const std::pair<std::uint32_t, std::uint32_t>> ranges);

PoolEvidence align_pool(const PageTokens& page, const Pack& pack, std::span<const std::uint32_t> pool);

}  // namespace storyprint
