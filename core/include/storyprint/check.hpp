// A check: page text -> canonical tokens -> candidate stories from the index -> alignment with
// each candidate story -> verdict, attribution and passages. The last stage of the pipeline.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <optional>

#include "storyprint/align.hpp"
#include "storyprint/credit.hpp"
#include "storyprint/index.hpp"
#include "storyprint/pack.hpp"
#include "storyprint/result.hpp"
#include "storyprint/verdict.hpp"

namespace storyprint {

struct PageMeta {
  std::string url, outlet, title, published;
};

enum class PassageKind : std::uint8_t { Verbatim = 0, Reworded = 1 };

struct Passage {
  std::uint32_t begin16, end16;    // UTF-16 code units into the page text
  std::uint32_t begin_cp, end_cp;  // code points
  PassageKind kind;
};

// A quotation on the page and the known version that has it too, word for word.
struct Quote {
  std::uint32_t begin16, end16;    // from its first word to its last (UTF-16 code units)
  std::uint32_t begin_cp, end_cp;  // code points
  float shared;                    // best share of its words in word 3-grams shared with a compared version
  std::int64_t version;            // that version when it has most of the quotation (kQuoteShared); else -1
};
// Quotations of fewer words are not listed (scare quotes, titles of a word or two).
inline constexpr std::uint32_t kMinQuoteWords = 3;
// A known version "has" a quotation when its 3-grams cover at least this share of the words: the
// same words, perhaps cut or with a word changed, not two quotations that share a phrase.
inline constexpr float kQuoteShared = 0.5f;
// Quotations listed per page: the first ones in reading order. No article has more; a page made
// of quotations would otherwise make the report as long as itself.
inline constexpr std::size_t kMaxQuotes = 1000;

struct VersionMatch {
  std::uint32_t version;
  float containment;  // IDF-weighted share of the page's content words found in this version
  float cov3;         // share of page tokens in 3-grams shared with it
  float reverse3;     // share of its tokens in 3-grams shared with the page
};

struct Report {
  Verdict verdict = Verdict::Original;
  float confidence = 1.f;                  // probability of the verdict given
  std::array<float, 3> probabilities{0, 0, 1};  // syndicated, rewrite, original
  std::int64_t source = -1;                // attributed known version; for originals the closest one
  std::int64_t known_version = -1;         // the page is this known version itself
  std::int64_t story = -1;                 // best-matching story, derived or not
  Features features{};
  std::vector<VersionMatch> matches;       // every version of the candidate stories above the floor
  std::vector<Passage> passages;           // shared passages on the page
  std::vector<Quote> quotes;               // quotations on the page, in reading order (with a story)
  std::optional<Credit> credit;            // the page names the source's outlet as its source
  bool republished = false;                // the page holds its source word for word (kRepublished)
  std::uint32_t page_tokens = 0, length16 = 0, length_cp = 0;
  bool replaced_invalid = false;
  std::uint32_t marks_dropped = 0;         // CanonicalText::marks_dropped
};

// A page that holds at least this share of its source's words in shared runs of 8 words or more
// republishes it: syndicated, however much else the page carries.
inline constexpr float kRepublished = 0.9f;
// Candidate stories must hold at least this IDF-weighted share of the page's content words.
inline constexpr float kMatchFloor = 0.1f;

// Whether the evidence says the page and its closest known version tell the same story, not merely
// share words (one rare phrase, "the Islamic State", ties nothing): much of the version is found in
// the page (its content words and sentences, with a fifth of the page's content and some shared
// phrase: in a pack of two articles every word looks rare), or the page copies runs of it, or most
// of the page's content and sentences are found in it. Below all three the page has no story. The
// thresholds keep 99 % of derived pages and 95 % of same-story independent ones, and tie 5 % of
// pages checked against packs of other stories (156 of 2,967: other corpora, and the other half of
// each corpus's stories, most of them heavy-dev's same-event distractors); core/ACCURACY.md.
inline constexpr float kStorySourceSide = 0.25f;  // source_containment + source_soft
inline constexpr float kStorySourceSideContainment = 0.2f;
inline constexpr float kStoryCopied = 0.25f;      // cov8
inline constexpr float kStoryPageSide = 1.0f;     // containment + sentences_soft
bool same_story(const Features& f);

class Checker {
 public:
  explicit Checker(const Pack& pack, const Model& model = default_model());
  Result<Report> check(std::u16string_view text, const PageMeta& meta = {});
  Result<Report> check_utf8(std::string_view text, const PageMeta& meta = {});
  // The same for a text already canonicalised (one page checked against several packs).
  Report check_canonical(std::u16string_view text, const CanonicalText& ct, const PageMeta& meta);
  const Pack& pack() const { return *pack_; }

 private:
  const Pack* pack_;
  const Model* model_;
  IndexQuery query_;
};

enum class OffsetUnits { CodePoints, Utf16 };
// The report as one JSON object (format in core/REPORT_FORMAT.md); native CLI and wasm share it.
std::string report_json(const Report& r, const Pack& pack, std::string_view page_id, OffsetUnits units);
// A JSON string literal, quotes included, escaped as the core's JSON escapes (names, ids, errors).
std::string json_string(std::string_view s);

}  // namespace storyprint
