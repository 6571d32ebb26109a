#include "storyprint/stem.hpp"

#include <libstemmer.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>

#include <array>
#include <memory>
#include <unordered_map>
#include <vector>

#include "hash_table64.hpp"

namespace storyprint {
namespace {

constexpr const char* kNames[] = {
    "none",      "arabic",  "armenian",   "basque",  "catalan",    "danish",    "dutch",     "english",
    "finnish",   "french",  "german",     "greek",   "hindi",      "hungarian", "indonesian", "irish",
    "italian",   "lithuanian", "nepali",  "norwegian", "portuguese", "romanian", "russian",   "serbian",
    "spanish",   "swedish", "tamil",      "turkish", "yiddish",
};
static_assert(std::size(kNames) == static_cast<std::size_t>(Language::Count));

// ---------------------------------------------------------------------------------------------
// Function-word profiles. Each lists frequent words of one language, lower-case, leaving out the
// words it shares with a neighbour it must be told from (Spanish/Catalan/Portuguese/Italian/French,
// Danish/Norwegian/Swedish, Dutch/German/Afrikaans, Finnish/Estonian, Serbian/Czech/Slovak/...):
// a shared word would count for both and only blur the margin. Languages with no Snowball stemmer
// have profiles too (Language::None), so that their text is not taken for a neighbour that has one.
struct Profile {
  Language lang;
  std::vector<std::u16string_view> words;
};

enum class Group : std::uint8_t { Latin, Devanagari, Hebrew };

struct Profiles {
  std::vector<Profile> latin, devanagari, hebrew;
};

const Profiles& profiles() {
  static const Profiles p = [] {
    Profiles q;
    using L = Language;
    q.latin = {
        {L::English, {u"the", u"and", u"of", u"to", u"was", u"that", u"for", u"with", u"he", u"his", u"on", u"are",
                      u"by", u"this", u"from", u"have", u"has", u"which", u"were", u"be", u"at", u"but", u"not",
                      u"they", u"their", u"will", u"would", u"been", u"who", u"said", u"it", u"she", u"her"}},
        {L::French, {u"le", u"et", u"des", u"est", u"du", u"dans", u"qui", u"pour", u"pas", u"sur", u"au", u"aux",
                     u"avec", u"ce", u"sont", u"été", u"mais", u"cette", u"ont", u"leur", u"nous", u"à", u"une",
                     u"était", u"très", u"ils", u"elle", u"été", u"aussi", u"après"}},
        {L::German, {u"der", u"die", u"und", u"das", u"ist", u"nicht", u"mit", u"dem", u"von", u"zu", u"sich",
                     u"auf", u"ein", u"eine", u"auch", u"im", u"für", u"wird", u"wurde", u"sind", u"aus", u"bei",
                     u"nach", u"hat", u"oder", u"werden", u"noch", u"dass", u"sie", u"einen", u"einer", u"über",
                     u"war"}},
        {L::Spanish, {u"y", u"los", u"las", u"por", u"para", u"su", u"sus", u"más", u"pero", u"también", u"está",
                      u"fue", u"como", u"este", u"esta", u"muy", u"ya", u"hay", u"desde", u"han", u"sobre", u"le",
                      u"lo", u"entre", u"cuando", u"sin"}},
        {L::Catalan, {u"els", u"és", u"amb", u"però", u"més", u"també", u"aquest", u"aquesta",
                      u"dels", u"pel", u"seu", u"seva", u"va", u"hi", u"molt", u"quan", u"ja", u"hem", u"ens",
                      u"fins"}},
        {L::Portuguese, {u"os", u"não", u"do", u"da", u"em", u"um", u"uma", u"com", u"na", u"dos", u"das", u"ao",
                         u"pelo", u"pela", u"são", u"também", u"seu", u"sua", u"ele", u"ela", u"já", u"isso",
                         u"é", u"foi", u"como", u"mais", u"ou", u"quando", u"nos"}},
        {L::Italian, {u"il", u"di", u"che", u"è", u"della", u"sono", u"gli", u"nel", u"anche", u"alla", u"più",
                      u"questo", u"questa", u"delle", u"stato", u"degli", u"dei", u"nella", u"dalla", u"essere",
                      u"hanno", u"non", u"ma", u"anni", u"perché", u"ancora", u"e"}},
        {L::Dutch, {u"het", u"een", u"van", u"niet", u"op", u"te", u"zijn", u"voor", u"aan", u"ook", u"maar",
                    u"bij", u"wordt", u"werd", u"naar", u"hij", u"zij", u"door", u"heeft", u"deze", u"worden",
                    u"hebben", u"geen", u"tot", u"uit", u"wel", u"veel", u"nog", u"dat"}},
        {L::Danish, {u"af", u"blev", u"havde", u"efter", u"nogle", u"meget", u"hvad", u"mig", u"dig", u"været",
                     u"være", u"hende", u"kunne", u"nu", u"sagde", u"mod", u"mellem", u"siger"}},
        {L::Norwegian, {u"av", u"ble", u"hadde", u"etter", u"noen", u"mye", u"hva", u"meg", u"deg", u"vært",
                        u"være", u"henne", u"kunne", u"nå", u"sa", u"mot", u"mellom", u"sier", u"ikke", u"og"}},
        {L::Swedish, {u"och", u"att", u"är", u"inte", u"också", u"från", u"jag", u"vid", u"sina", u"ett", u"till",
                      u"mycket", u"något", u"någon", u"när", u"eller", u"hade", u"sade", u"säger", u"efter",
                      u"mellan", u"mot", u"av"}},
        {L::Finnish, {u"että", u"oli", u"hän", u"joka", u"ovat", u"mutta", u"myös", u"kun", u"tai", u"sen",
                      u"kuin", u"niin", u"vain", u"ole", u"olla", u"tämä", u"mukaan", u"vuonna", u"sekä",
                      u"jotka", u"ei", u"ja"}},
        {L::Hungarian, {u"az", u"és", u"hogy", u"nem", u"egy", u"van", u"volt", u"meg", u"csak", u"már", u"még",
                        u"mint", u"ami", u"amely", u"pedig", u"szerint", u"vagy", u"lesz", u"után", u"között",
                        u"ez", u"azt"}},
        {L::Romanian, {u"și", u"şi", u"în", u"la", u"cu", u"pe", u"care", u"este", u"să", u"să", u"din", u"mai",
                       u"au", u"fost", u"pentru", u"că", u"că", u"lui", u"sunt", u"această", u"acest", u"între",
                       u"după", u"fi", u"ce"}},
        {L::Turkish, {u"ve", u"bir", u"bu", u"için", u"ile", u"olarak", u"daha", u"çok", u"gibi", u"ama", u"olan",
                      u"sonra", u"kadar", u"göre", u"ise", u"değil", u"ancak", u"tarafından", u"olduğu",
                      u"şu"}},
        {L::Indonesian, {u"yang", u"dan", u"di", u"ini", u"itu", u"dengan", u"untuk", u"tidak", u"dari", u"dalam",
                         u"akan", u"pada", u"juga", u"ke", u"ada", u"oleh", u"karena", u"bahwa", u"telah", u"atau",
                         u"saat", u"mereka", u"sudah"}},
        {L::Irish, {u"agus", u"ar", u"ag", u"go", u"sé", u"sí", u"bhí", u"tá", u"don", u"leis", u"atá", u"seo",
                    u"sin", u"mar", u"nach", u"ní", u"níos", u"chun", u"faoi", u"ina", u"freisin", u"dúirt"}},
        {L::Basque, {u"eta", u"da", u"ez", u"du", u"bat", u"ere", u"dira", u"zen", u"baina", u"izan", u"egin",
                     u"dute", u"hori", u"baino", u"gisa", u"beste", u"behar", u"bere", u"arabera", u"zuen",
                     u"dela", u"duen"}},
        {L::Lithuanian, {u"ir", u"kad", u"yra", u"buvo", u"su", u"į", u"iš", u"tai", u"bet", u"kaip", u"jo",
                         u"jis", u"ji", u"dėl", u"nuo", u"apie", u"taip", u"už", u"tačiau", u"savo", u"metų",
                         u"kuris", u"kuri"}},
        {L::Serbian, {u"je", u"u", u"se", u"na", u"su", u"za", u"od", u"koji", u"koja", u"koje", u"što", u"ali",
                      u"kao", u"sa", u"iz", u"će", u"bio", u"nije", u"godine", u"samo", u"još", u"biti",
                      u"takođe", u"prema", u"da"}},
        // No Snowball stemmer: profiles that keep these from being taken for a neighbour.
        {L::None, {u"się", u"nie", u"jest", u"że", u"w", u"z", u"przez", u"dla", u"są", u"jego", u"który",
                   u"która", u"też", u"już", u"tylko", u"oraz", u"został"}},  // Polish
        {L::None, {u"že", u"v", u"jsou", u"byl", u"byla", u"který", u"která", u"také", u"již", u"podle", u"až",
                   u"však", u"jako", u"může", u"jeho", u"se", u"je"}},  // Czech
        {L::None, {u"sa", u"že", u"v", u"sú", u"bol", u"bola", u"ktorý", u"ktorá", u"aj", u"podľa", u"už",
                   u"tiež", u"však", u"alebo", u"ako"}},  // Slovak
        {L::None, {u"ki", u"pa", u"tudi", u"bo", u"kot", u"še", u"bil", u"bila", u"lahko", u"je",
                   u"da", u"se"}},  // Slovenian
        {L::None, {u"et", u"see", u"ka", u"kui", u"mis", u"aga", u"või", u"ning", u"tema", u"mida", u"veel",
                   u"pärast", u"seda", u"nagu", u"kes", u"ja", u"ei"}},  // Estonian
        {L::None, {u"un", u"ir", u"ka", u"ar", u"par", u"uz", u"kas", u"arī", u"lai", u"tas", u"tā", u"gada",
                   u"viņš", u"jau", u"tikai", u"pēc", u"vai"}},  // Latvian
        {L::None, {u"và", u"của", u"là", u"các", u"có", u"được", u"cho", u"trong", u"một", u"những", u"không",
                   u"người", u"với", u"này", u"đã", u"để", u"khi", u"năm"}},  // Vietnamese
        {L::None, {u"ang", u"ng", u"sa", u"mga", u"si", u"ay", u"ni", u"hindi", u"ito", u"kay", u"niya",
                   u"kanyang"}},  // Tagalog
        {L::None, {u"na", u"ya", u"wa", u"kwa", u"za", u"katika", u"ni", u"kuwa", u"hiyo", u"huo", u"alisema",
                   u"pia", u"lakini", u"wake"}},  // Swahili
        {L::None, {u"die", u"nie", u"vir", u"hy", u"sy", u"word", u"deur", u"wat", u"ook", u"het", u"van"}},  // Afrikaans
        {L::None, {u"yn", u"yr", u"mae", u"wedi", u"bod", u"gan", u"ac", u"fod", u"ddim", u"hefyd", u"roedd",
                   u"ei"}},  // Welsh
    };
    q.devanagari = {
        {L::Hindi, {u"है", u"हैं", u"और", u"में", u"की", u"से", u"यह", u"था", u"थे", u"ने", u"पर", u"भी", u"तो",
                    u"गया", u"कहा", u"लिए", u"नहीं", u"एक", u"इस"}},
        {L::Nepali, {u"छ", u"छन्", u"र", u"मा", u"लाई", u"ले", u"पनि", u"गरेको", u"हो", u"थियो", u"भएको", u"गर्न",
                     u"बताए", u"तथा", u"यो", u"भने", u"नै"}},
        {L::None, {u"आहे", u"आणि", u"या", u"व", u"ला", u"चा", u"ची", u"चे", u"हे", u"केले", u"होते", u"त्या",
                   u"आहेत"}},  // Marathi
    };
    q.hebrew = {
        {L::Yiddish, {u"און", u"איז", u"די", u"דער", u"פֿון", u"פון", u"ניט", u"נישט", u"מיט", u"אַ", u"זיך",
                      u"האָט", u"ער", u"אויף", u"דאָס", u"דאס", u"זײַן", u"זיין", u"אין", u"צו", u"װאָס", u"וואס"}},
        {L::None, {u"של", u"את", u"על", u"הוא", u"לא", u"זה", u"עם", u"כי", u"גם", u"היא", u"אשר", u"בין", u"אבל",
                   u"היה", u"כל", u"או", u"אם", u"יותר"}},  // Hebrew
    };
    return q;
  }();
  return p;
}

// Hash of a lower-cased word, code point by code point (the same in the table and the text).
inline std::uint64_t word_step(std::uint64_t h, UChar32 c) {
  return (h ^ static_cast<std::uint64_t>(c)) * 0x100000001b3ull;
}
constexpr std::uint64_t kWordSeed = 0xcbf29ce484222325ull;
constexpr std::size_t kMaxProfileWord = 12;  // code points; longer words are never function words

struct WordTable {
  // word hash -> bit mask of profiles (bit i = profile i of its group; groups are told apart by script)
  HashTable64<std::uint64_t> latin, devanagari, hebrew;
};

const WordTable& word_table() {
  static const WordTable t = [] {
    WordTable w;
    auto fill = [](const std::vector<Profile>& ps, HashTable64<std::uint64_t>& table) {
      std::unordered_map<std::uint64_t, std::uint64_t> m;
      for (std::size_t i = 0; i < ps.size(); ++i)
        for (std::u16string_view word : ps[i].words) {
          std::uint64_t h = kWordSeed;
          for (std::size_t k = 0; k < word.size();) {
            UChar32 c;
            U16_NEXT(word.data(), k, word.size(), c);
            h = word_step(h, c);
          }
          m[h] |= std::uint64_t(1) << i;
        }
      table = HashTable64<std::uint64_t>({m.begin(), m.end()});
    };
    fill(profiles().latin, w.latin);
    fill(profiles().devanagari, w.devanagari);
    fill(profiles().hebrew, w.hebrew);
    return w;
  }();
  return t;
}

enum Script : int { kLatin, kCyrillic, kGreek, kArabic, kArmenian, kDevanagari, kTamil, kHebrew, kOther, kScripts };

// The profile with a clear majority of function-word hits: at least kMinHits, twice the runner-up,
// and one word in 25 of the script's words (running text has far more; a list of names has fewer).
Language by_profile(const std::vector<Profile>& ps, const std::uint32_t* hits, std::uint32_t words) {
  constexpr std::uint32_t kMinHits = 3;
  std::uint32_t best = 0, second = 0;
  std::size_t best_i = 0;
  for (std::size_t i = 0; i < ps.size(); ++i) {
    if (hits[i] > best) second = best, best = hits[i], best_i = i;
    else if (hits[i] > second) second = hits[i];
  }
  if (best < kMinHits || best < 2 * second || best * 25 < words) return Language::None;
  return ps[best_i].lang;
}

}  // namespace

const char* language_name(Language lang) {
  const auto i = static_cast<std::size_t>(lang);
  return i < std::size(kNames) ? kNames[i] : "none";
}

Language choose_language(std::u16string_view text) {
  constexpr std::uint32_t kMinLetters = 24;  // shorter texts are not stemmed
  const WordTable& table = word_table();
  const Profiles& ps = profiles();
  std::array<std::uint32_t, kScripts> letters{};
  std::array<std::uint32_t, 64> latin_hits{}, deva_hits{}, hebrew_hits{};
  std::array<std::uint32_t, kScripts> words{};
  // Letters that tell Cyrillic and Arabic-script languages apart.
  std::uint32_t cyr_ru = 0, cyr_sr = 0, cyr_uk = 0, cyr_mk = 0, arabic_fa_ur = 0;

  std::uint64_t h = kWordSeed;
  std::size_t len = 0;
  int word_script = kOther;
  auto end_word = [&] {
    if (len > 0 && len <= kMaxProfileWord) {
      ++words[word_script];
      const HashTable64<std::uint64_t>* m = nullptr;
      std::uint32_t* hits = nullptr;
      if (word_script == kLatin) m = &table.latin, hits = latin_hits.data();
      else if (word_script == kDevanagari) m = &table.devanagari, hits = deva_hits.data();
      else if (word_script == kHebrew) m = &table.hebrew, hits = hebrew_hits.data();
      if (m) {
        if (const std::uint64_t* profiles = m->find(h))
          for (std::uint64_t mask = *profiles; mask; mask &= mask - 1) ++hits[__builtin_ctzll(mask)];
      }
    } else if (len > 0) {
      ++words[word_script];
    }
    h = kWordSeed, len = 0, word_script = kOther;
  };

  for (std::size_t i = 0; i < text.size();) {
    UChar32 c;
    U16_NEXT(text.data(), i, text.size(), c);
    int script = -1;  // -1: not part of a word
    bool letter = false;
    if (c < 0x80) {
      if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') script = kLatin, c |= 0x20, letter = true;
    } else {
      const std::uint32_t gc = U_GET_GC_MASK(c);
      if (gc & U_GC_L_MASK) {
        letter = true;
        UErrorCode st = U_ZERO_ERROR;
        switch (uscript_getScript(c, &st)) {
          case USCRIPT_LATIN: script = kLatin; break;
          case USCRIPT_CYRILLIC: script = kCyrillic; break;
          case USCRIPT_GREEK: script = kGreek; break;
          case USCRIPT_ARABIC: script = kArabic; break;
          case USCRIPT_ARMENIAN: script = kArmenian; break;
          case USCRIPT_DEVANAGARI: script = kDevanagari; break;
          case USCRIPT_TAMIL: script = kTamil; break;
          case USCRIPT_HEBREW: script = kHebrew; break;
          default: script = kOther; break;
        }
        c = u_tolower(c);
        switch (c) {
          case 0x044B: case 0x044D: case 0x0451: ++cyr_ru; break;                // ы э ё
          case 0x0452: case 0x045B: cyr_sr += 4; break;                          // ђ ћ: Serbian only
          case 0x0458: case 0x0459: case 0x045A: case 0x045F: ++cyr_sr; break;   // ј љ њ џ
          case 0x0456: case 0x0457: case 0x0454: case 0x0491: case 0x045E: ++cyr_uk; break;  // і ї є ґ ў
          case 0x0453: case 0x045C: case 0x0455: ++cyr_mk; break;                // ѓ ќ ѕ
          case 0x067E: case 0x0686: case 0x0698: case 0x06AF: case 0x06A9: case 0x06CC:  // پ چ ژ گ ک ی
          case 0x0679: case 0x0688: case 0x0691: case 0x06BA: case 0x06D2: case 0x06BE:  // ٹ ڈ ڑ ں ے ھ
            ++arabic_fa_ur;
            break;
          default: break;
        }
      } else if (gc & U_GC_M_MASK) {
        if (len > 0) script = word_script;  // a mark continues its word (Devanagari vowel signs, points)
      }
    }
    if (script < 0) { end_word(); continue; }
    if (letter) ++letters[script];
    if (len == 0) word_script = script;
    else if (script != word_script) { end_word(); word_script = script; }
    h = word_step(h, c);
    ++len;
  }
  end_word();

  // The script: most of the letters (other scripts' letters count against it), and enough of them.
  std::uint32_t total = 0;
  int best = 0;
  for (int s = 0; s < kScripts; ++s) {
    total += letters[s];
    if (letters[s] > letters[best]) best = s;
  }
  if (letters[best] < kMinLetters || letters[best] * 10 < total * 7) return Language::None;
  const std::uint32_t n = letters[best];
  switch (best) {
    case kLatin: return by_profile(ps.latin, latin_hits.data(), words[kLatin]);
    case kDevanagari: return by_profile(ps.devanagari, deva_hits.data(), words[kDevanagari]);
    case kHebrew: return by_profile(ps.hebrew, hebrew_hits.data(), words[kHebrew]);
    case kGreek: return Language::Greek;
    case kArmenian: return Language::Armenian;
    case kTamil: return Language::Tamil;
    case kArabic: return arabic_fa_ur * 100 >= n ? Language::None : Language::Arabic;  // Persian, Urdu: none
    case kCyrillic:
      // Ukrainian/Belarusian (і ї є ґ ў) and Bulgarian/Macedonian (neither ы nor э) have no stemmer.
      if (cyr_uk * 100 >= n) return Language::None;
      if (cyr_sr * 100 >= n && cyr_mk * 500 < n) return Language::Serbian;
      if (cyr_ru * 200 >= n) return Language::Russian;
      return Language::None;
    default: return Language::None;
  }
}

namespace {

struct StemmerDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};

struct Stemmers {
  std::array<std::unique_ptr<sb_stemmer, StemmerDeleter>, static_cast<std::size_t>(Language::Count)> by_lang;
  std::array<bool, static_cast<std::size_t>(Language::Count)> failed{};
};

}  // namespace

bool stem_word(Language lang, std::string_view folded, std::string* out) {
  const auto i = static_cast<std::size_t>(lang);
  if (lang == Language::None || i >= static_cast<std::size_t>(Language::Count)) return false;
  if (folded.empty() || folded.size() > kMaxStemBytes) return false;
  thread_local Stemmers stemmers;
  auto& s = stemmers.by_lang[i];
  if (!s) {
    if (stemmers.failed[i]) return false;
    s.reset(sb_stemmer_new(kNames[i], "UTF_8"));
    if (!s) { stemmers.failed[i] = true; return false; }
  }
  const sb_symbol* r = sb_stemmer_stem(s.get(), reinterpret_cast<const sb_symbol*>(folded.data()),
                                       static_cast<int>(folded.size()));
  if (!r) return false;  // out of memory inside the stemmer
  out->assign(reinterpret_cast<const char*>(r), static_cast<std::size_t>(sb_stemmer_length(s.get())));
  return true;
}

}  // namespace storyprint
