#include "storyprint/credit.hpp"

#include <array>
#include <cctype>
#include <vector>

namespace storyprint {
namespace {

constexpr std::array<std::string_view, 9> kPhrases = {
    "original source", "source:", "sources:", "originally published", "first published",
    "republished from", "read the original", "read more at", "courtesy of"};
constexpr std::array<std::string_view, 4> kPhotoWords = {"photo", "image", "getty", "picture"};

bool alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// Names an outlet may be credited by: words of its name (4+ letters, so "The" and "AFP"-like
// initials inside other words do not match by accident) and the main label of its URL's host.
std::vector<std::string> outlet_names(std::string_view outlet, std::string_view url) {
  std::vector<std::string> names;
  std::string word;
  auto flush = [&] {
    static constexpr std::array<std::string_view, 6> kGeneric = {"news", "report", "based", "daily", "times", "post"};
    bool generic = false;
    for (auto g : kGeneric) generic |= word == g;
    if (word.size() >= 4 && !generic) names.push_back(word);
    word.clear();
  };
  for (char c : outlet) {
    if (alnum(c)) word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    else flush();
  }
  flush();
  auto p = url.find("://");
  if (p != std::string_view::npos) {
    std::string_view host = url.substr(p + 3);
    host = host.substr(0, host.find_first_of("/:?#"));
    if (host.rfind("www.", 0) == 0) host.remove_prefix(4);
    std::string label(host.substr(0, host.find('.')));
    for (auto& c : label) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (label.size() >= 4 && label != "example") names.push_back(label);
  }
  return names;
}

}  // namespace

std::optional<Credit> find_credit(std::u16string_view page, std::string_view outlet, std::string_view url) {
  const auto names = outlet_names(outlet, url);
  if (names.empty()) return std::nullopt;
  // ASCII-lowercased copy with the same indices; other characters become spaces.
  std::string low(page.size(), ' ');
  for (std::size_t i = 0; i < page.size(); ++i)
    if (page[i] < 0x80) low[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(page[i])));
  for (auto phrase : kPhrases) {
    for (std::size_t at = low.find(phrase); at != std::string::npos; at = low.find(phrase, at + 1)) {
      if (at > 0 && alnum(low[at - 1])) continue;
      std::size_t line_begin = low.rfind('\n', at);
      line_begin = line_begin == std::string::npos ? 0 : line_begin + 1;
      std::size_t line_end = low.find('\n', at);
      if (line_end == std::string::npos) line_end = low.size();
      const std::string_view line(low.data() + line_begin, line_end - line_begin);
      bool photo = false;
      for (auto w : kPhotoWords) photo |= line.find(w) != std::string_view::npos;
      if (photo) continue;
      // The name must follow the phrase on its line, as a whole word (domains: "www.name.com").
      const std::string_view rest(low.data() + at + phrase.size(), line_end - at - phrase.size());
      for (const auto& name : names) {
        for (std::size_t k = rest.find(name); k != std::string_view::npos; k = rest.find(name, k + 1)) {
          const bool left = k == 0 || !alnum(rest[k - 1]);
          const bool right = k + name.size() == rest.size() || !alnum(rest[k + name.size()]);
          if (!left || !right) continue;
          Credit c{static_cast<std::uint32_t>(line_begin), static_cast<std::uint32_t>(line_end), 0, 0, name};
          std::uint32_t cp = 0;  // code point offsets of the line
          for (std::size_t i = 0; i < line_end; ++i) {
            if (i == line_begin) c.begin_cp = cp;
            if (!(page[i] >= 0xDC00 && page[i] < 0xE000 && i > 0 && page[i - 1] >= 0xD800 && page[i - 1] < 0xDC00)) ++cp;
          }
          c.end_cp = cp;
          return c;
        }
      }
    }
  }
  return std::nullopt;
}

}  // namespace storyprint
