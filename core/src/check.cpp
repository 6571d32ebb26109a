#include "storyprint/check.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "storyprint/fingerprint.hpp"
#include "storyprint/quotes.hpp"

namespace storyprint {
namespace {

constexpr std::size_t kMaxStories = 3;  // candidate pools aligned per check
constexpr float kPoolShare = 0.5f;     // a version joins an anchor's pool above this share of its containment
constexpr std::size_t kMaxPool = 32;
constexpr int kPoolDays = 3;

// "https://www.Example.com/a/b/?utm=1#x" -> "example.com/a/b": URLs that name the same page.
std::string url_key(std::string_view url) {
  auto p = url.find("://");
  if (p != std::string_view::npos) url.remove_prefix(p + 3);
  auto q = url.find_first_of("?#");
  if (q != std::string_view::npos) url = url.substr(0, q);
  while (!url.empty() && url.back() == '/') url.remove_suffix(1);
  std::string out(url);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (out.rfind("www.", 0) == 0) out.erase(0, 4);
  return out;
}

bool same_outlet(std::string_view a, std::string_view b) {
  if (a.empty() || a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

}  // namespace

bool same_story(const Features& f) {
  using F = Feature;
  const bool source_side = f[F::source_containment] + f[F::source_soft] >= kStorySourceSide &&
                           f[F::containment] >= kStorySourceSideContainment && f[F::cov3] > 0;
  return source_side || f[F::cov8] >= kStoryCopied || f[F::containment] + f[F::sentences_soft] >= kStoryPageSide;
}

Checker::Checker(const Pack& pack, const Model& model) : pack_(&pack), model_(&model), query_(pack) {}

Result<Report> Checker::check_utf8(std::string_view text, const PageMeta& meta) {
  bool replaced = false;
  auto u16 = utf8_to_utf16(text, &replaced);
  if (!u16) return u16.error();
  auto r = check(*u16, meta);
  if (r) r->replaced_invalid |= replaced;
  return r;
}

Result<Report> Checker::check(std::u16string_view text, const PageMeta& meta) {
  auto ct = canonicalize_utf16(text);
  if (!ct) return ct.error();
  return check_canonical(text, *ct, meta);
}

Report Checker::check_canonical(std::u16string_view text, const CanonicalText& ct, const PageMeta& meta) {
  Report rep;
  rep.page_tokens = static_cast<std::uint32_t>(ct.tokens.size());
  rep.length16 = ct.length16;
  rep.length_cp = ct.length_cp;
  rep.replaced_invalid = ct.replaced_invalid;
  rep.marks_dropped = ct.marks_dropped;
  const Fingerprint fp = fingerprint(ct);
  query_.run(fp);
  if (query_.query_mass() <= 0) return rep;

  PageTokens page;
  page.seq = fp.seq;
  page.sentences = ct.sentences;
  page.idf.resize(ct.tokens.size(), 0.f);
  const std::vector<QuoteSpan> quote_spans = find_quotes(text);
  page.narration.assign(ct.tokens.size(), 0);
  for (std::size_t i = 0, q = 0; i < ct.tokens.size(); ++i) {
    const Token& t = ct.tokens[i];
    while (q < quote_spans.size() && quote_spans[q].end16 <= t.begin16) ++q;
    const bool quoted = q < quote_spans.size() && quote_spans[q].begin16 <= t.begin16;
    page.narration[i] = !quoted && t.kind == TokenKind::Word && !t.capitalised;
  }
  for (std::size_t i = 0; i < ct.tokens.size(); ++i) {
    const std::uint64_t h = ct.tokens[i].hash;
    if (ct.tokens[i].stopword) continue;
    if (ct.tokens[i].kind == TokenKind::Word && !ct.tokens[i].capitalised) page.ordinary_words.push_back(fp.seq[i]);
    auto it = std::lower_bound(fp.keys.begin(), fp.keys.end(), key_hash(h));
    page.idf[i] = query_.key_idf()[static_cast<std::size_t>(it - fp.keys.begin())];
  }

  // Anchors: the best-matching versions, one per story. Each anchor's pool holds every version
  // that explains at least kPoolShare of what the anchor does, from around the same days: papers
  // draw on several wire updates, and the page is compared with all of them together.
  const float qm = query_.query_mass();
  std::vector<std::pair<float, std::uint32_t>> ranked;
  // Only versions that could anchor or join a pool are ranked (the sort dominates in big packs).
  for (std::uint32_t v : query_.versions()) {
    const float c = query_.version_mass(v) / qm;
    if (c >= kPoolShare * kMatchFloor) ranked.emplace_back(c, v);
  }
  std::sort(ranked.begin(), ranked.end(), [](auto& a, auto& b) { return a.first > b.first || (a.first == b.first && a.second < b.second); });
  std::vector<std::uint32_t> anchors, anchor_stories;
  for (const auto& [c, v] : ranked) {
    if (c < kMatchFloor || anchors.size() == kMaxStories) break;
    const std::uint32_t s = pack_->story_of(v);
    if (std::find(anchor_stories.begin(), anchor_stories.end(), s) != anchor_stories.end()) continue;
    anchors.push_back(v), anchor_stories.push_back(s);
  }
  if (anchors.empty()) return rep;
  set_grams3(page);
  std::sort(page.ordinary_words.begin(), page.ordinary_words.end());
  page.ordinary_words.erase(std::unique(page.ordinary_words.begin(), page.ordinary_words.end()), page.ordinary_words.end());

  const std::int32_t page_day = parse_iso_day(meta.published);
  const std::string page_url = url_key(meta.url);
  // The story a page is judged against is chosen on evidence alone (shared content plus shared
  // text), not on the model's P(derived): the features then do not depend on the fitted model, so a
  // refit sees the same features and cross-validation is not fed by a model fitted on all pages.
  float best_evidence = -1;
  PoolEvidence best_ev;
  for (const std::uint32_t anchor : anchors) {
    const float anchor_c = query_.version_mass(anchor) / qm;
    const std::int32_t anchor_day = pack_->version(anchor).day;
    std::vector<std::uint32_t> pool{anchor};
    for (const auto& [c, v] : ranked) {
      if (c < kPoolShare * anchor_c || pool.size() == kMaxPool) break;
      if (v == anchor) continue;
      const std::int32_t d = pack_->version(v).day;
      if (anchor_day != kNoDate && d != kNoDate && std::abs(d - anchor_day) > kPoolDays) continue;
      pool.push_back(v);
    }
    PoolEvidence ev = align_pool(page, *pack_, pool);
    // Attribution inside the pool: most shared text, then most shared content, then earliest.
    std::int64_t src = -1;
    float src_score = -1;
    std::int32_t src_day = kNoDate;
    for (const auto& ve : ev.versions) {
      const VersionView v = pack_->version(ve.version);
      // A version published after the page cannot be its source.
      if (page_day != kNoDate && v.day != kNoDate && v.day > page_day) continue;
      const float score = ve.cov3 + query_.version_mass(ve.version) / qm;
      const bool earlier = v.day != kNoDate && (src_day == kNoDate || v.day < src_day);
      if (score > src_score + 1e-4f || (std::fabs(score - src_score) <= 1e-4f && earlier))
        src = ve.version, src_score = score, src_day = v.day;
    }
    if (src < 0) continue;
    const auto& sv = *std::find_if(ev.versions.begin(), ev.versions.end(), [&](auto& e) { return e.version == src; });
    const VersionView v = pack_->version(static_cast<std::uint32_t>(src));
    // Source-side measures against the stretch of the source the page draws on (see SourceRetelling).
    const SourceRetelling sr = source_retelling(page, v);
    Features f{};
    using F = Feature;
    f[F::containment] = query_.pooled_mass(pool) / qm;
    f[F::source_containment] = v.weight > 0 ? std::min(1.f, query_.version_mass(sv.version) / v.weight) : 0.f;
    f[F::bigram] = ev.bigram;
    f[F::cov3] = ev.cov3;
    f[F::cov8] = ev.cov8;
    f[F::source_cov3] = sr.cov3;
    f[F::sentences] = ev.sent;
    f[F::source_sentences] = sr.sentences;
    f[F::length_ratio] = std::log((rep.page_tokens + 1.f) / (v.seq.size() + 1.f));
    f[F::sentences_soft] = ev.sent_soft;
    f[F::bigram_idf] = ev.bigram_idf;
    f[F::retelling] = sr.retelling;
    // Against the whole story, not just the pool: papers draw wording from any of its wire updates.
    f[F::ordinary] = ordinary_containment(page, *pack_, pack_->story_versions(pack_->story_of(anchor)));
    f[F::source_soft] = sr.soft;
    f[F::sentence_order] = sr.order;
    f[F::narration3] = ev.narration3;
    f[F::narration8] = ev.narration8;
    f[F::page_retelling] = sr.page_retelling;
    const float evidence = f[F::containment] + f[F::cov3];
    // Equally good explanations: the earlier version is the source.
    const std::int32_t best_day = rep.source >= 0 ? pack_->version(static_cast<std::uint32_t>(rep.source)).day : kNoDate;
    const bool tie_earlier = std::fabs(evidence - best_evidence) <= 1e-5f && v.day != kNoDate &&
                             (best_day == kNoDate || v.day < best_day);
    if (evidence > best_evidence + 1e-5f || tie_earlier) {
      best_evidence = evidence;
      rep.probabilities = classify(*model_, f);
      rep.features = f;
      rep.story = pack_->story_of(static_cast<std::uint32_t>(src));
      rep.source = src;
      best_ev = std::move(ev);
    }
  }
  if (rep.story < 0) return rep;

  const auto& p = rep.probabilities;

  // The page may be a known version itself: same URL, or same outlet and nearly the same text.
  for (const auto& ve : best_ev.versions) {
    const VersionView v = pack_->version(ve.version);
    const bool url_match = !page_url.empty() && !v.url.empty() && url_key(v.url) == page_url;
    const bool near_identical = ve.cov3 >= 0.95f && ve.reverse3 >= 0.95f;
    const bool own_copy = same_outlet(meta.outlet, v.outlet) && ve.cov3 >= 0.8f && ve.reverse3 >= 0.8f;
    if (url_match || own_copy || (near_identical && meta.outlet.empty() && meta.url.empty())) {
      rep.known_version = ve.version;
      break;
    }
  }
  // An original page keeps `source` = its closest known version: the UI names it only for derived
  // verdicts, but it is what the page would derive from, and attribution is measured on it.
  if (rep.known_version >= 0) {
    rep.verdict = Verdict::Original;
    rep.source = rep.known_version;
    rep.confidence = 1.f;  // established by URL, outlet or identity, not by the model
  } else {
    const VersionView src = pack_->version(static_cast<std::uint32_t>(rep.source));
    rep.credit = find_credit(text, src.outlet, src.url);  // shown as evidence whatever decides
    if (!rep.credit && !same_story(rep.features)) {
      // Shared words, even a shared rare phrase, are not a shared story: the page is unrelated to
      // every known version, and the report says nothing of any.
      Report none;
      none.page_tokens = rep.page_tokens, none.length16 = rep.length16, none.length_cp = rep.length_cp;
      none.replaced_invalid = rep.replaced_invalid, none.marks_dropped = rep.marks_dropped;
      return none;
    }
    // A page that holds nearly all of its source word for word republishes it, whatever the site
    // put around it (navigation, related links, comments): syndicated by definition. The fitted
    // model never saw this case: METER's wire versions are longer than the papers' copies of them.
    const auto& sv = *std::find_if(best_ev.versions.begin(), best_ev.versions.end(),
                                   [&](const VersionEvidence& e) { return e.version == rep.source; });
    rep.republished = sv.reverse8 >= kRepublished;
    const Settled settled = settle(p, rep.features, rep.republished, rep.credit.has_value());
    rep.verdict = settled.verdict;
    rep.confidence = settled.confidence;
  }

  for (const auto& ve : best_ev.versions) {
    const float c = query_.version_mass(ve.version) / qm;
    if (c >= kMatchFloor || ve.cov3 > 0) rep.matches.push_back({ve.version, c, ve.cov3, ve.reverse3});
  }
  std::sort(rep.matches.begin(), rep.matches.end(),
            [](auto& a, auto& b) {
              const float sa = a.cov3 + a.containment, sb = b.cov3 + b.containment;
              return sa > sb || (sa == sb && a.version < b.version);  // total order: same on every libc++
            });

  // Passages: runs of equally marked tokens, spanning the gaps between them.
  const auto& toks = ct.tokens;
  for (std::size_t i = 0; i < toks.size();) {
    const Mark m = best_ev.marks[i];
    if (m == Mark::New) { ++i; continue; }
    std::size_t j = i;
    while (j + 1 < toks.size() && best_ev.marks[j + 1] == m) ++j;
    rep.passages.push_back({toks[i].begin16, toks[j].end16, toks[i].begin_cp, toks[j].end_cp,
                            m == Mark::Verbatim ? PassageKind::Verbatim : PassageKind::Reworded});
    i = j + 1;
  }

  // Quotations, and which of them a known version compared here has too, word for word.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> ranges;
  for (const QuoteSpan& q : quote_spans) {
    if (ranges.size() == kMaxQuotes) break;
    const auto b = std::lower_bound(toks.begin(), toks.end(), q.begin16, [](const Token& t, std::uint32_t x) { return t.begin16 < x; });
    auto e = b;
    while (e != toks.end() && e->end16 <= q.end16) ++e;
    if (e - b >= kMinQuoteWords)
      ranges.emplace_back(static_cast<std::uint32_t>(b - toks.begin()), static_cast<std::uint32_t>(e - toks.begin()));
  }
  std::vector<std::uint32_t> pool;  // a version sharing no word 3-gram with the page has none of its quotations
  for (const auto& ve : best_ev.versions)
    if (ve.cov3 > 0) pool.push_back(ve.version);
  const auto found = match_quotes(page, *pack_, pool, ranges);
  for (std::size_t q = 0; q < ranges.size(); ++q) {
    const Token& first = toks[ranges[q].first];
    const Token& last = toks[ranges[q].second - 1];
    const bool has = found[q].shared >= kQuoteShared;
    rep.quotes.push_back({first.begin16, last.end16, first.begin_cp, last.end_cp, found[q].shared, has ? found[q].version : -1});
  }
  return rep;
}

}  // namespace storyprint
