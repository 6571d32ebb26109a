// Stems for content matching: the language chosen per text, inflections of one word sharing a
// content key, and what is left alone (token boundaries, the sequence hash, texts with no stemmer).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <sstream>

#include "seeds.hpp"
#include "storyprint/fingerprint.hpp"
#include "storyprint/stem.hpp"
#include "storyprint/text.hpp"
#include "test_data.hpp"

#define XXH_INLINE_ALL
#include <xxhash.h>

using namespace storyprint;
using namespace storyprint::test;

namespace {

CanonicalText canon(const std::string& text) {
  CanonicalizeOptions opt;
  opt.keep_forms = true;
  auto r = canonicalize(text, opt);
  REQUIRE(r.ok());
  return std::move(*r);
}

// The token whose canonical form is `form` (the first one).
const Token& token(const CanonicalText& ct, const std::string& form) {
  auto it = std::find(ct.forms.begin(), ct.forms.end(), form);
  REQUIRE(it != ct.forms.end());
  return ct.tokens[static_cast<std::size_t>(it - ct.forms.begin())];
}

// Two forms of one word in one text: same content key, different sequence hash (the text as
// written), both stemmed (their key is not the hash of either form).
void same_word(const CanonicalText& ct, const std::string& a, const std::string& b) {
  INFO(a << " / " << b << " in " << language_name(ct.language));
  const Token& x = token(ct, a);
  const Token& y = token(ct, b);
  CHECK(key_hash(x.hash) == key_hash(y.hash));
  CHECK(seq_hash(x.hash) != seq_hash(y.hash));
  CHECK(seq_hash(x.hash) == seq_hash(XXH3_64bits(a.data(), a.size())));
  CHECK(key_hash(x.hash) != key_hash(XXH3_64bits(a.data(), a.size())));
}

std::vector<nlohmann::json> multilingual() {
  std::vector<nlohmann::json> out;
  std::istringstream in(slurp(project_file("tests/data/multilingual.jsonl")));
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(nlohmann::json::parse(line));
  return out;
}

}  // namespace

TEST_CASE("inflections of one word share a content key", "[stem]") {
  SECTION("English") {
    const auto ct = canon(
        "The agency rewrites wire reports for its own readers. Rewriting a report takes an editor about "
        "an hour, and the reported facts are checked again.");
    REQUIRE(ct.language == Language::English);
    same_word(ct, "rewrites", "rewriting");
    same_word(ct, "reports", "reported");
  }
  SECTION("French") {
    const auto ct = canon(
        "Le président élu a rencontré le secrétaire général de l’OTAN à Palm Beach. Il déclare que la "
        "réunion était très cordiale, a déclaré l’Élysée, et que les négociations sur la sécurité "
        "continuent ; une nouvelle négociation est prévue.");
    REQUIRE(ct.language == Language::French);
    same_word(ct, "déclare", "déclaré");
    same_word(ct, "négociations", "négociation");
  }
  SECTION("German") {
    const auto ct = canon(
        "Der NATO-Generalsekretär traf den gewählten Präsidenten in Florida. Die Verhandlungen über die "
        "Sicherheit sind nicht beendet, und die nächste Verhandlung wird im Dezember sein, sagte der "
        "Präsident.");
    REQUIRE(ct.language == Language::German);
    same_word(ct, "verhandlungen", "verhandlung");
    same_word(ct, "präsidenten", "präsident");
  }
  SECTION("Russian") {
    const auto ct = canon(
        "Генеральный секретарь НАТО Марк Рютте встретился с Дональдом Трампом во Флориде. «Обсуждали "
        "вопросы безопасности», — сообщили в альянсе. Они встретились впервые после выборов, и "
        "безопасность Европы была главным вопросом.");
    REQUIRE(ct.language == Language::Russian);
    same_word(ct, "безопасности", "безопасность");
    same_word(ct, "встретился", "встретились");
  }
}

TEST_CASE("a rewrite that only changes inflections keeps every content key; the sequence shows the change",
          "[stem]") {
  const auto a = canon("The minister rejected the claims and said the talks would resume when the unions agreed.");
  const auto b = canon("The minister rejects the claim, saying talks will resume once the union agrees.");
  REQUIRE(a.language == Language::English);
  REQUIRE(b.language == Language::English);
  const Fingerprint fa = fingerprint(a), fb = fingerprint(b);
  for (const std::string w : {"minister", "rejects", "claim", "talks", "resume", "union", "agrees"}) {
    INFO(w);
    const auto k = key_hash(token(b, w).hash);
    CHECK(std::binary_search(fa.keys.begin(), fa.keys.end(), k));
  }
  // Verbatim evidence is the words as written: "rejected" and "rejects" are different tokens there.
  CHECK(seq_hash(token(a, "rejected").hash) != seq_hash(token(b, "rejects").hash));
}

TEST_CASE("language chosen per text: tests/data/multilingual.jsonl and the seeds", "[stem]") {
  const std::map<std::string, Language> expected = {
      {"en", Language::English}, {"fr", Language::French}, {"de", Language::German}, {"ru", Language::Russian},
      {"ar", Language::Arabic},  {"zh", Language::None},   {"ja", Language::None},   {"th", Language::None}};
  const auto lines = multilingual();
  REQUIRE(lines.size() == expected.size());
  for (const auto& j : lines) {
    const std::string lang = j["lang"];
    INFO(lang);
    const std::string text = j["text"];
    auto u16 = utf8_to_utf16(text);
    REQUIRE(u16.ok());
    CHECK(choose_language(*u16) == expected.at(lang));
    CHECK(canon(text).language == expected.at(lang));
  }
  REQUIRE(seeds().size() == 5);
  for (const auto& s : seeds()) {
    INFO(s.file);
    CHECK(canon(s.text).language == Language::English);
  }
}

TEST_CASE("language choice: other scripts and languages, and when it declines", "[stem]") {
  auto lang = [](const std::string& text) {
    auto u16 = utf8_to_utf16(text);
    REQUIRE(u16.ok());
    return choose_language(*u16);
  };
  CHECK(lang("Ο γενικός γραμματέας του ΝΑΤΟ συναντήθηκε με τον εκλεγμένο πρόεδρο στη Φλόριντα.") == Language::Greek);
  CHECK(lang("Генерални секретар НАТО-а састао се са изабраним председником у Флориди. Разговарали "
             "су о безбедности, саопштила је алијанса.") == Language::Serbian);
  CHECK(lang("El secretario general de la OTAN se reunió con el presidente electo en Florida. Los dos "
             "hablaron sobre la seguridad y también sobre los gastos de defensa de sus aliados.") ==
        Language::Spanish);
  CHECK(lang("O secretário-geral da NATO reuniu-se com o presidente eleito na Flórida. Os dois falaram "
             "sobre a segurança e também sobre os gastos com a defesa dos aliados, não só da Europa.") ==
        Language::Portuguese);
  CHECK(lang("Il segretario generale della NATO ha incontrato il presidente eletto in Florida. Hanno "
             "parlato della sicurezza e anche delle spese per la difesa degli alleati.") == Language::Italian);
  CHECK(lang("De secretaris-generaal van de NAVO heeft de gekozen president in Florida ontmoet. Zij "
             "hebben het over de veiligheid gehad en ook over de uitgaven voor defensie.") == Language::Dutch);
  // No stemmer: Polish, Ukrainian, Hebrew; too short; half English, half French.
  CHECK(lang("Sekretarz generalny NATO spotkał się z prezydentem elektem na Florydzie. Rozmowy dotyczyły "
             "bezpieczeństwa, jak również wydatków na obronę, które są już wyższe niż przez lata.") ==
        Language::None);
  CHECK(lang("Генеральний секретар НАТО зустрівся з обраним президентом у Флориді. Вони обговорили "
             "питання безпеки, повідомили в альянсі.") == Language::None);
  CHECK(lang("מזכ\"ל נאט\"ו נפגש עם הנשיא הנבחר בפלורידה. הוא אמר כי הפגישה הייתה טובה וכי יש עוד הרבה "
             "על מה לדבר עם כל המדינות.") == Language::None);
  CHECK(lang("Rutte met Trump.") == Language::None);
  CHECK(lang("The president said that the talks were good. Le président a dit que les discussions "
             "étaient bonnes et que la réunion était très cordiale pour les deux pays.") == Language::None);
}

TEST_CASE("a text in a language with no stemmer is left as it was", "[stem]") {
  for (const std::string text : {
           "Sekretarz generalny NATO spotkał się z prezydentem elektem na Florydzie. Rozmowy dotyczyły "
           "bezpieczeństwa, jak również wydatków na obronę, które są już wyższe niż przez lata.",
           "北大西洋条約機構のルッテ事務総長は、フロリダ州でトランプ次期大統領と会談した。安全保障の問題について話し合った。"}) {
    const auto ct = canon(text);
    CHECK(ct.language == Language::None);
    REQUIRE(!ct.tokens.empty());
    for (std::size_t i = 0; i < ct.tokens.size(); ++i)
      CHECK(ct.tokens[i].hash == XXH3_64bits(ct.forms[i].data(), ct.forms[i].size()));
  }
}

TEST_CASE("stem_word: bounded, and only for a language", "[stem]") {
  std::string out = "unchanged";
  CHECK(stem_word(Language::English, "rewriting", &out));
  CHECK(out == "rewrit");
  out = "unchanged";
  CHECK_FALSE(stem_word(Language::None, "rewriting", &out));
  CHECK_FALSE(stem_word(Language::English, std::string(kMaxStemBytes + 1, 'a') + "ing", &out));
  CHECK_FALSE(stem_word(Language::English, "", &out));
  CHECK(out == "unchanged");
  // Every language has a working stemmer, natively and in wasm (same Snowball source).
  for (int l = 1; l < static_cast<int>(Language::Count); ++l) {
    INFO(language_name(static_cast<Language>(l)));
    CHECK(stem_word(static_cast<Language>(l), "abc", &out));
  }
  // Stopwords are told on the word: "others" is a content word even though its stem "other" is a stopword.
  const auto ct = canon("The others rewrote the report that other reporters had written for the paper.");
  REQUIRE(ct.language == Language::English);
  CHECK_FALSE(token(ct, "others").stopword);
  CHECK(token(ct, "other").stopword);
}
