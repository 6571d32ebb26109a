#include "corpus.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>
#include <optional>
#include <thread>

#include "cli_io.hpp"

namespace storyprint::cli {
namespace {
std::string str_field(const nlohmann::json& o, const char* k) {
  auto it = o.find(k);
  return (it != o.end() && it->is_string()) ? it->get<std::string>() : std::string();
}
}  // namespace

namespace {

// The fields of a known version, read from one JSON line.
struct KnownLine {
  VersionMeta meta;
  std::string text;
};

// A line that is a flat JSON object of string members, read without building a DOM (nlohmann's
// was a sixth of pack building, and the DOM of a whole file its peak memory). Anything else (other
// value types, control characters, surrogate escapes, malformed JSON) returns false and the line
// goes to nlohmann, so every line is read as before: the same values (the last of duplicate
// members wins, as in nlohmann) and the same errors.
class FlatObject {
 public:
  explicit FlatObject(std::string_view s) : p_(s.data()), end_(s.data() + s.size()) {}

  bool read(KnownLine& out) {
    ws();
    if (!eat('{')) return false;
    ws();
    if (eat('}')) return rest();
    std::string key, value;
    for (;;) {
      if (!string(key)) return false;
      ws();
      if (!eat(':')) return false;
      ws();
      if (std::string* f = field(out, key)) {
        if (!string(value)) return false;
        f->swap(value);
      } else if (!scalar()) {
        return false;
      }
      ws();
      if (eat(',')) { ws(); continue; }
      if (eat('}')) return rest();
      return false;
    }
  }

 private:
  static std::string* field(KnownLine& k, const std::string& key) {
    if (key == "text") return &k.text;
    if (key == "id") return &k.meta.id;
    if (key == "outlet") return &k.meta.outlet;
    if (key == "url") return &k.meta.url;
    if (key == "title") return &k.meta.title;
    if (key == "published") return &k.meta.published;
    return nullptr;
  }
  void ws() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\r' || *p_ == '\n')) ++p_;
  }
  bool eat(char c) {
    if (p_ < end_ && *p_ == c) return ++p_, true;
    return false;
  }
  bool rest() {
    ws();
    return p_ == end_;
  }
  // A field the builder does not read: a string, number, true, false or null is skipped here
  // (corpora carry story numbers and the like); anything else goes to the full parser.
  bool scalar() {
    std::string ignored;
    if (p_ < end_ && *p_ == '"') return string(ignored);
    for (const std::string_view lit : {"true", "false", "null"})
      if (std::string_view(p_, static_cast<std::size_t>(end_ - p_)).starts_with(lit)) return p_ += lit.size(), true;
    // -?(0|[1-9][0-9]*)(.[0-9]+)?, short enough for a double: an exponent, or more digits, and
    // whether it is a number at all (beyond a double it is not) is the full parser's to say.
    const char* const from = p_;
    const auto digits = [&] {
      const char* d = p_;
      while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
      return p_ > d;
    };
    eat('-');
    if (!eat('0') && !digits()) return false;  // 0, or digits not starting with 0
    if (eat('.') && !digits()) return false;
    return p_ - from <= 15 && (p_ == end_ || (*p_ != 'e' && *p_ != 'E'));
  }
  static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }
  bool string(std::string& out) {
    out.clear();
    if (!eat('"')) return false;
    for (;;) {
      const char* run = p_;
      while (p_ < end_ && *p_ != '"' && *p_ != '\\' && static_cast<unsigned char>(*p_) >= 0x20) ++p_;
      out.append(run, p_);
      if (p_ >= end_ || static_cast<unsigned char>(*p_) < 0x20) return false;
      if (*p_++ == '"') return true;
      if (p_ >= end_) return false;
      switch (const char e = *p_++) {
        case '"': case '\\': case '/': out += e; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          if (end_ - p_ < 4) return false;
          unsigned cp = 0;
          for (int k = 0; k < 4; ++k) {
            const int h = hex(*p_++);
            if (h < 0) return false;
            cp = cp << 4 | static_cast<unsigned>(h);
          }
          if (cp >= 0xD800 && cp <= 0xDFFF) return false;  // pairs and their errors: nlohmann's
          if (cp < 0x80) {
            out += static_cast<char>(cp);
          } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
          } else {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
          }
          break;
        }
        default: return false;
      }
    }
  }
  const char* p_;
  const char* end_;
};

// The file's lines, a block at a time: a known.jsonl is never held whole.
class LineReader {
 public:
  explicit LineReader(std::FILE* f) : f_(f) {}
  bool next(std::string_view& line) {
    for (;;) {
      const std::size_t nl = buf_.find('\n', pos_);
      if (nl != std::string::npos) {
        line = std::string_view(buf_).substr(pos_, nl - pos_);
        pos_ = nl + 1;
        return true;
      }
      if (eof_) {
        if (pos_ >= buf_.size()) return false;
        line = std::string_view(buf_).substr(pos_);
        pos_ = buf_.size();
        return true;
      }
      buf_.erase(0, pos_);
      pos_ = 0;
      const std::size_t had = buf_.size();
      buf_.resize(had + kBlock);
      const std::size_t got = std::fread(buf_.data() + had, 1, kBlock, f_);
      buf_.resize(had + got);
      if (got < kBlock) eof_ = true;
    }
  }
  bool failed() const { return std::ferror(f_) != 0; }

 private:
  static constexpr std::size_t kBlock = std::size_t(4) << 20;
  std::FILE* f_;
  std::string buf_;
  std::size_t pos_ = 0;
  bool eof_ = false;
};

}  // namespace

Result<bool> add_known_jsonl(PackBuilder& b, const std::string& known_path, bool progress, unsigned threads) {
  // Opened as read_file opens (a directory is refused), then read a block at a time.
  struct stat st{};
  if (stat(known_path.c_str(), &st) != 0 || S_ISDIR(st.st_mode)) return make_error("io.open", "cannot open " + known_path);
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(known_path.c_str(), "rb"), &std::fclose);
  if (!file) return make_error("io.open", "cannot open " + known_path);
  LineReader reader(file.get());
  const bool tty = progress && isatty(fileno(stderr));
#ifdef __EMSCRIPTEN__
  threads = 1;
#endif
  threads = std::max(1u, threads);
  // Versions are fingerprinted a batch at a time (on `threads` threads) and added in file order,
  // so the builder holds the same versions as when they were added one by one. As before, every
  // line is read before an error of adding one is reported: a line that is not JSON is reported
  // first, whichever comes first in the file.
  const std::size_t batch_size = 128 * threads;
  std::vector<KnownLine> batch;
  std::vector<Result<PackedVersion>> done;
  std::optional<Error> add_error;
  std::size_t objects = 0, added = 0, line_no = 0;
  auto flush = [&] {
    if (batch.empty()) return;
    if (!add_error) {
      done.assign(batch.size(), Result<PackedVersion>(make_error("", "")));
      auto work = [&](std::atomic<std::size_t>& next) {
        for (std::size_t i; (i = next.fetch_add(1)) < batch.size();)
          done[i] = PackBuilder::fingerprint_version(std::move(batch[i].meta), batch[i].text);
      };
      std::atomic<std::size_t> next{0};
      if (threads == 1) {
        work(next);
      } else {
        std::vector<std::thread> pool;
        for (unsigned t = 1; t < threads; ++t) pool.emplace_back([&] { work(next); });
        work(next);
        for (auto& th : pool) th.join();
      }
      for (std::size_t i = 0; i < done.size() && !add_error; ++i) {
        const std::size_t ordinal = objects - batch.size() + i + 1;
        auto r = done[i] ? b.add(std::move(*done[i])) : Result<bool>(done[i].error());
        if (!r) add_error = make_error(r.error().code, known_path + ":" + std::to_string(ordinal) + ": " + r.error().message);
        else ++added;
      }
      done.clear();
      if (tty) std::fprintf(stderr, "\rfingerprinting %zu versions", added);
    }
    batch.clear();
  };
  std::string_view line;
  while (reader.next(line)) {
    ++line_no;
    if (line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);  // a byte order mark opening a line
    if (!is_valid_utf8(line))
      return make_error("jsonl.parse", known_path + ":" + std::to_string(line_no) + ": not valid UTF-8");
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    ++objects;
    if (add_error) {  // only looking for a line that is not JSON now
      KnownLine k;
      if (FlatObject(line).read(k)) continue;
      auto j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_discarded() || !j.is_object())
        return make_error("jsonl.parse", known_path + ":" + std::to_string(line_no) + ": not a JSON object");
      continue;
    }
    KnownLine k;
    if (!FlatObject(line).read(k)) {
      auto j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_discarded() || !j.is_object())
        return make_error("jsonl.parse", known_path + ":" + std::to_string(line_no) + ": not a JSON object");
      k.meta = {str_field(j, "id"), str_field(j, "outlet"), str_field(j, "url"),
                str_field(j, "title"), str_field(j, "published")};
      k.text = str_field(j, "text");
    }
    batch.push_back(std::move(k));
    if (batch.size() >= batch_size) flush();
  }
  if (reader.failed()) return make_error("io.read", "cannot read " + known_path);
  flush();
  if (tty) std::fprintf(stderr, "\n");
  if (add_error) return *add_error;
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
