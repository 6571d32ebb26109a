#include "corpus.hpp"

#include <unistd.h>

#include <cstdio>

#include "cli_io.hpp"

namespace storyprint::cli {
namespace {
std::string str_field(const nlohmann::json& o, const char* k) {
  auto it = o.find(k);
  return (it != o.end() && it->is_string()) ? it->get<std::string>() : std::string();
}
}  // namespace

Result<bool> add_known_jsonl(PackBuilder& b, const std::string& known_path, bool progress) {
  auto content = read_file(known_path);
  if (!content) return content.error();
  auto lines = read_jsonl(*content, known_path);
  if (!lines) return lines.error();
  const bool tty = progress && isatty(fileno(stderr));
  std::size_t i = 0;
  for (const auto& o : *lines) {
    ++i;
    VersionMeta m{str_field(o, "id"), str_field(o, "outlet"), str_field(o, "url"), str_field(o, "title"),
                  str_field(o, "published")};
    auto r = b.add(std::move(m), str_field(o, "text"));
    if (!r) return make_error(r.error().code, known_path + ":" + std::to_string(i) + ": " + r.error().message);
    if (tty && (i % 500 == 0 || i == lines->size()))
      std::fprintf(stderr, "\rfingerprinting %zu/%zu versions", i, lines->size());
  }
  if (tty) std::fprintf(stderr, "\n");
  return true;
}

Result<std::vector<std::uint8_t>> build_pack_from_jsonl(const std::string& known_path, bool progress) {
  PackBuilder b;
  if (auto r = add_known_jsonl(b, known_path, progress); !r) return r.error();
  if (progress && isatty(fileno(stderr))) std::fprintf(stderr, "indexing and grouping stories...\n");
  return b.build();
}

Result<LabelledPage> page_from_json(const nlohmann::json& o) {
  auto text = o.find("text");
  if (text == o.end() || !text->is_string())
    return make_error("page.text", "page " + str_field(o, "id") + " has no \"text\" string");
  LabelledPage p;
  p.id = str_field(o, "id");
  p.text = text->get<std::string>();
  p.meta = {str_field(o, "url"), str_field(o, "outlet"), str_field(o, "title"), str_field(o, "published")};
  p.label = str_field(o, "label");
  p.revision = str_field(o, "revision");
  p.kind = str_field(o, "kind");
  for (const char* k : {"sources", "story_sources"}) {
    auto it = o.find(k);
    if (it == o.end() || !it->is_array()) continue;
    for (const auto& s : *it)
      if (s.is_string()) {
        if (std::string(k) == "sources") p.sources.push_back(s.get<std::string>());
        else if (p.story.empty()) p.story = s.get<std::string>();
      }
  }
  if (p.story.empty()) p.story = p.sources.empty() ? p.id : p.sources.front();
  return p;
}

Result<std::vector<LabelledPage>> read_pages(const std::string& path) {
  auto content = read_file(path);
  if (!content) return content.error();
  auto lines = read_jsonl(*content, path);
  if (!lines) return lines.error();
  std::vector<LabelledPage> pages;
  for (const auto& o : *lines) {
    auto p = page_from_json(o);
    if (!p) return make_error(p.error().code, path + ": " + p.error().message);
    pages.push_back(std::move(*p));
  }
  return pages;
}

Result<std::map<std::string, GoldSpans>> read_spans(const std::string& path) {
  auto content = read_file(path);
  if (!content) return content.error();
  auto lines = read_jsonl(*content, path);
  if (!lines) return lines.error();
  std::map<std::string, GoldSpans> out;
  for (const auto& o : *lines) {
    auto it = o.find("spans");
    if (it == o.end() || !it->is_array()) continue;
    GoldSpans& g = out[str_field(o, "id")];
    for (const auto& s : *it)
      if (s.is_array() && s.size() >= 3 && s[0].is_number_unsigned() && s[1].is_number_unsigned() && s[2].is_string())
        g.emplace_back(s[0].get<std::uint32_t>(), s[1].get<std::uint32_t>(), s[2].get<std::string>());
  }
  return out;
}

}  // namespace storyprint::cli
