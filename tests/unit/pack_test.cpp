#include <catch2/catch.hpp>

#include <cstring>
#include <set>
#include <sstream>

#include "../../core/src/pack_layout.hpp"
#include "seeds.hpp"
#include "storyprint/index.hpp"

#define XXH_INLINE_ALL
#include <xxhash.h>

using namespace storyprint;

namespace {
std::vector<std::uint8_t> demo_bytes() {
  const auto& p = test::demo_pack();
  PackBuilder b;
  for (const auto& s : test::seeds())
    if (s.known) REQUIRE(b.add(VersionMeta{s.id, s.outlet, s.url, s.title, s.published}, s.text).ok());
  auto bytes = b.build();
  REQUIRE(bytes.ok());
  REQUIRE(bytes->size() == p.byte_size());
  return std::move(*bytes);
}
void reseal(std::vector<std::uint8_t>& b) {  // recompute the checksum after an edit
  const std::uint64_t sum = XXH3_64bits(b.data() + layout::kHeaderSize, b.size() - layout::kHeaderSize);
  std::memcpy(b.data() + offsetof(layout::Header, checksum), &sum, 8);
}
}  // namespace

TEST_CASE("a pack keeps metadata and fingerprints, never the text", "[pack]") {
  const auto& pack = test::demo_pack();
  REQUIRE(pack.version_count() == 2);
  const VersionView v = pack.version(0);
  const auto& s = test::seed("000");
  CHECK(v.id == s.id);
  CHECK(v.outlet == s.outlet);
  CHECK(v.url == s.url);
  CHECK(v.title == s.title);
  CHECK(v.published == s.published);
  CHECK(v.day == parse_iso_day("2024-11-23"));
  // Its label (what reports and summaries read, no tokens decoded) says the same.
  for (std::uint32_t i = 0; i < pack.version_count(); ++i) {
    const VersionLabel l = pack.label(i);
    const VersionView w = pack.version(i);
    CHECK((l.id == w.id && l.outlet == w.outlet && l.url == w.url && l.title == w.title && l.published == w.published));
    CHECK((l.day == w.day && l.story == w.story));
  }
  CHECK(pack.label(1).id == test::seed("001").id);
  auto ct = canonicalize(s.text);
  CHECK(v.seq.size() == ct->tokens.size());
  // No run of the article's words appears in the bytes.
  const auto bytes = demo_bytes();
  const std::string raw(bytes.begin(), bytes.end());
  CHECK(raw.find("Palm Beach sit-down") == std::string::npos);
  CHECK(raw.find("transatlantic") == std::string::npos);
}

TEST_CASE("versions of one story share a story; different reports do not", "[pack]") {
  PackBuilder b;
  const auto& s0 = test::seed("000");
  REQUIRE(b.add({"a", "Wire", "", "", "2024-11-23"}, s0.text).ok());
  // An update of the same wire story: the same text with a new paragraph on top.
  REQUIRE(b.add({"a-update", "Wire", "", "", "2024-11-24"}, "UPDATE: Officials later confirmed the meeting.\n\n" + s0.text).ok());
  REQUIRE(b.add({"b", "Other", "", "", "2024-11-23"}, test::seed("001").text).ok());
  REQUIRE(b.add({"far", "Wire", "", "", "2025-03-01"}, s0.text).ok());  // the same text months later: a new story
  auto bytes = b.build();
  REQUIRE(bytes.ok());
  auto pack = Pack::load(std::move(*bytes));
  REQUIRE(pack.ok());
  CHECK(pack->story_of(0) == pack->story_of(1));
  CHECK(pack->story_of(0) != pack->story_of(2));
  CHECK(pack->story_of(0) != pack->story_of(3));
  CHECK(pack->story_versions(pack->story_of(0)).size() == 2);
}

TEST_CASE("a build that gives its versions up makes the same bytes and leaves the builder empty", "[pack]") {
  // METER's wire versions: stories of several updates, sentences repeated across them.
  std::istringstream in(test::slurp(test::shared_data("meter-dev/known.jsonl")));
  PackBuilder b;
  std::string line;
  while (b.size() < 120 && std::getline(in, line)) {
    const auto o = nlohmann::json::parse(line);
    REQUIRE(b.add({o["id"], o["outlet"], "", o.value("title", ""), o["published"]}, o["text"].get<std::string>()).ok());
  }
  auto kept = b.build();
  REQUIRE(kept.ok());
  auto taken = b.take_build();
  REQUIRE(taken.ok());
  CHECK(*taken == *kept);
  CHECK(b.size() == 0);
  // Emptied, it builds the empty pack, and takes new versions as a new builder does.
  CHECK(*b.build() == *PackBuilder().build());
  REQUIRE(b.add({"x", "", "", "", ""}, test::seed("001").text).ok());
  CHECK(b.size() == 1);
}

TEST_CASE("a builder gives every version back as added, sentences repeated across versions included", "[pack]") {
  // METER's wire updates repeat whole sentences, which the builder holds once (version_store.hpp).
  std::istringstream in(test::slurp(test::shared_data("meter-dev/known.jsonl")));
  PackBuilder b;
  std::vector<PackedVersion> added;
  std::string line;
  while (added.size() < 120 && std::getline(in, line)) {
    const auto o = nlohmann::json::parse(line);
    auto v = PackBuilder::fingerprint_version({o["id"], o["outlet"], "", o.value("title", ""), o["published"]},
                                              o["text"].get<std::string>());
    REQUIRE(v.ok());
    added.push_back(*v);
    REQUIRE(b.add(std::move(*v)).ok());
  }
  const auto back = b.versions();
  REQUIRE(back.size() == added.size());
  std::size_t sentences = 0;
  std::set<std::vector<std::uint16_t>> distinct;
  for (std::size_t i = 0; i < added.size(); ++i) {
    const auto &a = added[i], &r = back[i];
    CHECK((r.meta.id == a.meta.id && r.meta.outlet == a.meta.outlet && r.meta.title == a.meta.title &&
           r.meta.published == a.meta.published));
    CHECK(r.fp.seq == a.fp.seq);
    CHECK(r.fp.sentence_starts == a.fp.sentence_starts);
    CHECK(r.fp.keys == a.fp.keys);
    const auto& st = a.fp.sentence_starts;
    for (std::size_t k = 0; k < st.size(); ++k, ++sentences)
      distinct.emplace(a.fp.seq.begin() + st[k], a.fp.seq.begin() + (k + 1 < st.size() ? st[k + 1] : a.fp.seq.size()));
  }
  CHECK(distinct.size() + 50 < sentences);  // the sample repeats sentences (about 6 % of them)
  // The versions given back build the same pack.
  CHECK(*build_pack(back) == *b.build());
}

TEST_CASE("corrupt, truncated, foreign and newer packs give clear errors", "[pack]") {
  const auto good = demo_bytes();
  REQUIRE(Pack::open(good).ok());

  SECTION("every truncation is refused") {
    for (std::size_t n = 0; n < good.size(); n += (n < 200 ? 1 : 97)) {
      auto r = Pack::load(std::vector<std::uint8_t>(good.begin(), good.begin() + n));
      REQUIRE_FALSE(r.ok());
      INFO(n << ": " << r.error().code);
      CHECK((r.error().code == "pack.truncated" || r.error().code == "pack.foreign"));
    }
  }
  SECTION("a flipped byte anywhere after the header fails the checksum") {
    for (std::size_t at = layout::kHeaderSize; at < good.size(); at += 131) {
      auto bad = good;
      bad[at] ^= 0x5A;
      auto r = Pack::load(std::move(bad));
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().code == "pack.checksum");
    }
  }
  SECTION("a pack over the size limit is refused before anything is read") {
    auto big = good;
    big.resize(kMaxPackBytes + 1);
    auto r = Pack::load(std::move(big));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "pack.too_large");
  }
  SECTION("foreign files") {
    const std::string html = "<!doctype html><html><body>not a pack</body></html>";
    auto r = Pack::load(std::vector<std::uint8_t>(html.begin(), html.end()));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "pack.foreign");
  }
  SECTION("a newer format says so") {
    auto newer = good;
    const std::uint32_t v = kPackFormatVersion + 1;
    std::memcpy(newer.data() + offsetof(layout::Header, format_version), &v, 4);
    auto r = Pack::load(std::move(newer));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "pack.newer");
  }
  SECTION("a format-1 pack (keys of unstemmed words) is refused with the reason") {
    auto old = good;
    const std::uint32_t v = 1;
    std::memcpy(old.data() + offsetof(layout::Header, format_version), &v, 4);
    auto r = Pack::load(std::move(old));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "pack.version");
    CHECK(r.error().message.find("rebuild") != std::string::npos);
  }
  SECTION("structural lies behind a valid checksum are caught") {
    auto bad = good;  // a story id out of range in the first record
    layout::SectionEntry sec[layout::kSectionCount];
    std::memcpy(sec, bad.data() + layout::kHeaderSize, sizeof sec);
    const std::uint32_t story = 999;
    std::memcpy(bad.data() + sec[layout::kRecords].offset + offsetof(layout::Record, story), &story, 4);
    reseal(bad);
    auto r = Pack::load(std::move(bad));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "pack.corrupt");
    auto bad2 = good;  // a posting list pointing past the versions
    std::memcpy(sec, bad2.data() + layout::kHeaderSize, sizeof sec);
    bad2[sec[layout::kPostings].offset] = 0x7F;
    reseal(bad2);
    auto r2 = Pack::load(std::move(bad2));
    REQUIRE_FALSE(r2.ok());
    CHECK(r2.error().code == "pack.corrupt");
    // Found by fuzzing: a date far outside any calendar overflowed day arithmetic in the check.
    auto bad3 = good;
    std::memcpy(sec, bad3.data() + layout::kHeaderSize, sizeof sec);
    const std::int32_t day = INT32_MIN + 76;
    std::memcpy(bad3.data() + sec[layout::kRecords].offset + offsetof(layout::Record, day), &day, 4);
    reseal(bad3);
    auto r3 = Pack::load(std::move(bad3));
    REQUIRE_FALSE(r3.ok());
    CHECK(r3.error().message.find("date") != std::string::npos);
  }
  SECTION("every date the writer can make is one the reader accepts") {
    CHECK(parse_iso_day("0000-01-01") == kMinDay);
    CHECK(parse_iso_day("9999-12-31") == kMaxDay);
    CHECK(parse_iso_day("1970-01-01") == 0);
  }
  SECTION("a misaligned buffer is read through a copy") {
    std::vector<std::uint8_t> shifted(good.size() + 1);
    std::memcpy(shifted.data() + 1, good.data(), good.size());
    auto r = Pack::open(std::span<const std::uint8_t>(shifted.data() + 1, good.size()));
    REQUIRE(r.ok());
    CHECK(r->version(1).id == test::seed("001").id);
  }
}

TEST_CASE("an empty pack is valid and matches nothing", "[pack]") {
  auto bytes = PackBuilder().build();
  REQUIRE(bytes.ok());
  auto pack = Pack::load(std::move(*bytes));
  REQUIRE(pack.ok());
  CHECK(pack->version_count() == 0);
  CHECK(pack->find_key(0) == -1);
  CHECK(pack->find_key(0xFFFFFFFFu) == -1);
  Checker c(*pack);
  auto r = c.check_utf8(test::seed("002").text);
  REQUIRE(r.ok());
  CHECK(r->verdict == Verdict::Original);
  CHECK(r->source == -1);
}

TEST_CASE("index: every known METER version finds itself first", "[index]") {
  const auto known = test::slurp(test::shared_data("meter-dev/known.jsonl"));
  PackBuilder b;
  std::vector<std::string> texts;
  std::size_t pos = 0;
  while (pos < known.size()) {
    const auto nl = known.find('\n', pos);
    const auto line = known.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    pos = nl == std::string::npos ? known.size() : nl + 1;
    if (line.empty()) continue;
    const auto o = nlohmann::json::parse(line);
    REQUIRE(b.add({o["id"], o["outlet"], "", o.value("title", ""), o["published"]}, o["text"].get<std::string>()).ok());
    texts.push_back(o["text"]);
  }
  auto bytes = b.build();
  REQUIRE(bytes.ok());
  auto pack = Pack::load(std::move(*bytes));
  REQUIRE(pack.ok());
  CHECK(pack->story_count() < pack->version_count());  // wire updates were grouped
  // Every key is found where it is (the lookup starts from the key's top bits), the values between
  // keys and beyond both ends are not.
  REQUIRE(pack->vocab_count() > 1000);
  std::size_t found = 0, absent = 0;
  for (std::uint32_t w = 0; w < pack->vocab_count(); ++w) {
    found += pack->find_key(pack->key(w)) == w;
    const std::uint32_t next = w + 1 < pack->vocab_count() ? pack->key(w + 1) : 0xFFFFFFFFu;
    if (pack->key(w) + 1 < next) absent += pack->find_key(pack->key(w) + 1) == -1;
    else ++absent;
  }
  CHECK(found == pack->vocab_count());
  CHECK(absent == pack->vocab_count());
  if (pack->key(0) > 0) CHECK(pack->find_key(0) == -1);
  IndexQuery q(*pack);
  std::size_t self_first = 0;
  for (std::uint32_t v = 0; v < texts.size(); ++v) {
    auto ct = canonicalize(texts[v]);
    const auto fp = fingerprint(*ct);
    q.run(fp);
    float best = -1;
    for (auto u : q.versions()) best = std::max(best, q.version_mass(u));
    self_first += q.version_mass(v) >= best - 1e-4f;
    CHECK(q.version_mass(v) / q.query_mass() > 0.99f);  // a version contains all its own words
  }
  CHECK(self_first == texts.size());
}

namespace {
// Four versions, two of them one story: every section holds something.
std::vector<std::uint8_t> story_bytes() {
  PackBuilder b;
  const auto& s0 = test::seed("000");
  REQUIRE(b.add({"a", "Wire", "https://wire.example/a", "Talks", "2024-11-23"}, s0.text).ok());
  REQUIRE(b.add({"a-update", "Wire", "", "", "2024-11-24"}, "UPDATE: Officials later confirmed the meeting.\n\n" + s0.text).ok());
  REQUIRE(b.add({"b", "Other", "", "", "2024-11-23"}, test::seed("001").text).ok());
  REQUIRE(b.add({"empty", "", "", "", ""}, "").ok());
  auto bytes = b.build();
  REQUIRE(bytes.ok());
  return std::move(*bytes);
}
layout::SectionEntry section(const std::vector<std::uint8_t>& b, layout::Section s) {
  layout::SectionEntry sec[layout::kSectionCount];
  std::memcpy(sec, b.data() + layout::kHeaderSize, sizeof sec);
  return sec[s];
}
void set_section(std::vector<std::uint8_t>& b, layout::Section s, layout::SectionEntry e) {
  std::memcpy(b.data() + layout::kHeaderSize + s * sizeof e, &e, sizeof e);
}
template <class T>
void poke(std::vector<std::uint8_t>& b, std::size_t at, T v) { std::memcpy(b.data() + at, &v, sizeof v); }
template <class T>
T peek(const std::vector<std::uint8_t>& b, std::size_t at) { T v; std::memcpy(&v, b.data() + at, sizeof v); return v; }
std::size_t record(const std::vector<std::uint8_t>& b, std::uint32_t v, std::size_t field) {
  return section(b, layout::kRecords).offset + v * layout::kRecordSize + field;
}
std::string refusal(std::vector<std::uint8_t> b) {  // the reader's error code after resealing
  reseal(b);
  auto r = Pack::load(std::move(b));
  return r.ok() ? "accepted" : r.error().code + ": " + r.error().message;
}
}  // namespace

TEST_CASE("packs the spec refuses are refused, even behind a valid checksum", "[pack][hostile]") {
  const auto good = story_bytes();
  REQUIRE(Pack::open(good).ok());
  REQUIRE(Pack::open(good)->story_count() == 3);
  REQUIRE(refusal(good) == "accepted");
  auto corrupt = [](const std::string& r) { return r.rfind("pack.corrupt", 0) == 0; };

  auto dup = good;  // the story of "a" and "a-update" lists "a" twice: "a-update" drops out of it
  const auto members = section(dup, layout::kStoryMembers).offset;
  REQUIRE(peek<std::uint32_t>(dup, members) == 0);
  REQUIRE(peek<std::uint32_t>(dup, members + 4) == 1);
  poke<std::uint32_t>(dup, members + 4, 0);
  CHECK(corrupt(refusal(dup)));

  auto sent = good;  // a distinct sentence's length that its tokens do not add up to
  const auto first_len = section(sent, layout::kSentences).offset;
  REQUIRE(sent[first_len] > 1);
  REQUIRE(sent[first_len] < 0x80);
  sent[first_len] = 1;
  CHECK(corrupt(refusal(sent)));

  {  // a token coded by a rank the token table does not have
    auto rank = good;
    const auto toks = section(rank, layout::kTokens);
    const std::size_t n_table = section(rank, layout::kTokenTable).size / 2;
    std::size_t at = toks.offset;
    while (rank[at] < 0x80 || rank[at] == 0xFF) ++at;  // a head with one tail byte
    REQUIRE(at < toks.offset + toks.size);
    REQUIRE(n_table < token_code::kOneByte + (0x7E << 8));
    rank[at] = 0xFE;  // still one tail byte, now of a rank of 32,384 or more
    const auto r = refusal(rank);
    CHECK(corrupt(r));
    CHECK(r.find("token code") != std::string::npos);
  }

  auto tails = good;  // the two zero bytes after the tails, not zero
  const auto toks_end = section(tails, layout::kTokens).offset + section(tails, layout::kTokens).size;
  tails[toks_end - 1] = 1;
  CHECK(refusal(tails).find("token tails") != std::string::npos);

  auto heads = good;  // a one-byte code made the head of a two-byte one: its tail is not there
  const auto first_head = section(heads, layout::kTokens).offset;
  REQUIRE(heads[first_head] < 0x80);
  heads[first_head] = 0x80;
  CHECK(refusal(heads).find("token tails") != std::string::npos);

  {  // two tokens of one frequency swapped in the table: no longer ordered by value among equals
    auto order = good;
    const auto toks = section(order, layout::kTokens);
    const auto table = section(order, layout::kTokenTable);
    std::vector<std::uint32_t> freq(table.size / 2, 0);
    std::size_t n_tokens = 0;  // heads, as many as the sentence lengths add up to
    for (const std::uint8_t* p = order.data() + section(order, layout::kSentences).offset;
         p < order.data() + section(order, layout::kSentences).offset + section(order, layout::kSentences).size;)
      n_tokens += varint::get(p);
    const std::uint8_t* tail = order.data() + toks.offset + n_tokens;
    for (std::size_t k = 0; k < n_tokens; ++k) ++freq.at(token_code::get(order[toks.offset + k], tail));
    std::size_t i = 0;
    while (i + 1 < freq.size() && freq[i] != freq[i + 1]) ++i;
    REQUIRE(i + 1 < freq.size());
    const auto t0 = peek<std::uint16_t>(order, table.offset + 2 * i), t1 = peek<std::uint16_t>(order, table.offset + 2 * i + 2);
    poke<std::uint16_t>(order, table.offset + 2 * i, t1);
    poke<std::uint16_t>(order, table.offset + 2 * i + 2, t0);
    const auto r = refusal(order);
    CHECK(corrupt(r));
    CHECK(r.find("token table") != std::string::npos);
  }

  auto number = good;  // a version's first sentence numbered as one used before, when none was
  const auto refs_at = section(number, layout::kSentenceRefs).offset;
  REQUIRE(number[refs_at] == 0);
  number[refs_at] = 1;
  CHECK(corrupt(refusal(number)));

  {  // two distinct sentences made the same: the writer would have listed it once
    PackBuilder builder;  // few words, so each token's code is one byte
    REQUIRE(builder.add({"x", "", "", "", ""}, "The council met on Monday. The council met on Friday.").ok());
    auto twice = *builder.build();
    REQUIRE(refusal(twice) == "accepted");
    const auto lens = section(twice, layout::kSentences);
    const auto toks = section(twice, layout::kTokens);
    REQUIRE(lens.size == 2);
    REQUIRE(twice[lens.offset] == twice[lens.offset + 1]);
    const std::size_t len = twice[lens.offset];
    REQUIRE(toks.size == 2 * len + token_code::kTailPadding);  // heads only: no token has a tail
    std::memcpy(twice.data() + toks.offset + len, twice.data() + toks.offset, len);
    const auto r2 = refusal(twice);
    CHECK(corrupt(r2));
    CHECK(r2.find("twice") != std::string::npos);
  }

  auto strings = good;  // the strings section pointing into the header
  auto e = section(strings, layout::kStrings);
  set_section(strings, layout::kStrings, {0, e.size});
  CHECK(corrupt(refusal(strings)));

  auto tokens = good;  // the tokens section overlapping the records
  e = section(tokens, layout::kTokens);
  set_section(tokens, layout::kTokens, {section(tokens, layout::kRecords).offset, e.size});
  CHECK(corrupt(refusal(tokens)));

  auto reserved = good;  // reserved bytes of the header
  reserved[offsetof(layout::Header, reserved) + 3] = 1;
  CHECK(corrupt(refusal(reserved)));

  auto long_len = good;  // a string's length that runs into the next version's strings
  const auto id_len = section(long_len, layout::kStrings).offset + peek<std::uint32_t>(long_len, record(long_len, 0, offsetof(layout::Record, str_off)));
  REQUIRE(long_len[id_len] < 0x80);
  long_len[id_len] = 0x7F;
  CHECK(corrupt(refusal(long_len)));

  auto trailing = good;  // bytes after the end the header states
  trailing.resize(trailing.size() + 8, 0);
  CHECK(corrupt(refusal(trailing)));

  auto df = good;  // a word held by more stories than hold it
  const auto df_at = section(df, layout::kDf).offset;
  poke<std::uint32_t>(df, df_at, peek<std::uint32_t>(df, df_at) + 1);
  CHECK(corrupt(refusal(df)));

  auto weight = good;  // a version's IDF mass that is not the sum over its words
  const auto w_at = record(weight, 0, offsetof(layout::Record, weight));
  poke<float>(weight, w_at, peek<float>(weight, w_at) * 1.5f);
  CHECK(corrupt(refusal(weight)));

  auto day = good;  // a day that is not the one of its published date
  const auto d_at = record(day, 0, offsetof(layout::Record, day));
  poke<std::int32_t>(day, d_at, peek<std::int32_t>(day, d_at) + 1);
  CHECK(corrupt(refusal(day)));

  auto utf8 = good;  // metadata that is not valid UTF-8 (the title "Talks" of version 0)
  auto title = section(utf8, layout::kStrings).offset + peek<std::uint32_t>(utf8, record(utf8, 0, offsetof(layout::Record, str_off)));
  for (int f = 0; f < 3; ++f) {  // past id, outlet and url, each a one-byte length and its bytes
    REQUIRE(utf8[title] < 0x80);
    title += 1 + utf8[title];
  }
  ++title;  // past the title's length
  REQUIRE(utf8[title] == 'T');
  utf8[title] = 0xFF;
  const auto r = refusal(utf8);
  CHECK(corrupt(r));
  CHECK(r.find("UTF-8") != std::string::npos);

  auto story = good;  // story ids not in order of first member
  poke<std::uint32_t>(story, record(story, 2, offsetof(layout::Record, story)), 2);
  poke<std::uint32_t>(story, record(story, 3, offsetof(layout::Record, story)), 1);
  CHECK(corrupt(refusal(story)));
}

TEST_CASE("any pack the reader accepts, written again by the writer, is the same bytes", "[pack][hostile]") {
  for (const auto& bytes : {demo_bytes(), story_bytes(), *PackBuilder().build()}) {
    auto p = Pack::open(bytes);
    REQUIRE(p.ok());
    CHECK(write_again(*p) == bytes);
  }
}
