#include "cli_io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>

namespace storyprint::cli {

Result<std::string> read_file(const std::string& path) {
  // A directory opens as an empty stream: it must be refused as the runner refuses it.
  struct stat st{};
  if (stat(path.c_str(), &st) != 0 || S_ISDIR(st.st_mode)) return make_error("io.open", "cannot open " + path);
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("io.open", "cannot open " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Result<std::vector<std::uint8_t>> read_pack_file(const std::string& path) {
  // Refused by size before a byte is read: a 1 GiB file must not be read whole to be refused.
  struct stat st{};
  if (stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && std::uint64_t(st.st_size) > kMaxPackBytes)
    return pack_too_large(std::uint64_t(st.st_size));
  auto s = read_file(path);
  if (!s) return s.error();
  return std::vector<std::uint8_t>(s->begin(), s->end());
}

// A temporary file beside the target (the same file system, so the rename is atomic), flushed to
// disk before it replaces the target, then the directory entry: whatever fails or crashes, PATH is
// either the old file whole or the new one whole, and no temporary file is left by a failed write.
// The runner writes the same way (core/js/runner/io.mjs writeFileAtomic).
Result<bool> write_file(const std::string& path, const void* data, std::size_t size) {
  static unsigned serial = 0;
  const std::string tmp = path + ".tmp-" + std::to_string(getpid()) + "-" + std::to_string(serial++);
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);  // the umask decides
  if (fd < 0) return make_error("io.open", "cannot write " + path);
  const auto* p = static_cast<const char*>(data);
  bool ok = true;
  for (std::size_t done = 0; ok && done < size;) {
    const ssize_t n = ::write(fd, p + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<std::size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  ok = (::close(fd) == 0) && ok;
  if (!ok) {
    ::unlink(tmp.c_str());
    return make_error("io.write", "cannot write " + path);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());  // a directory at PATH, say
    return make_error("io.rename", "cannot move the written file to " + path);
  }
  const auto slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
  if (const int d = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); d >= 0) {
    ::fsync(d);  // the rename itself, on disk
    ::close(d);
  }
  return true;
}

// The runner reads JSON lines the same way (core/js/runner/io.mjs eachJsonl; parity test over a
// table of bad lines in tests/js/parity.test.mjs).
void each_jsonl(const std::string& content, const std::string& name,
                const std::function<void(std::size_t, Result<nlohmann::json>)>& f) {
  std::size_t pos = 0, line_no = 0;
  while (pos < content.size()) {
    std::size_t nl = content.find('\n', pos);
    if (nl == std::string::npos) nl = content.size();
    ++line_no;
    std::string_view line(content.data() + pos, nl - pos);
    pos = nl + 1;
    if (line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);  // a byte order mark opening a line
    if (!is_valid_utf8(line)) {
      f(line_no, make_error("jsonl.parse", name + ":" + std::to_string(line_no) + ": not valid UTF-8"));
      continue;
    }
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object())
      f(line_no, make_error("jsonl.parse", name + ":" + std::to_string(line_no) + ": not a JSON object"));
    else
      f(line_no, std::move(j));
  }
}

Result<std::vector<nlohmann::json>> read_jsonl(const std::string& content, const std::string& name) {
  std::vector<nlohmann::json> out;
  std::optional<Error> first;
  each_jsonl(content, name, [&](std::size_t, Result<nlohmann::json> j) {
    if (first) return;
    if (!j) first = j.error();
    else out.push_back(std::move(*j));
  });
  if (first) return *first;
  return out;
}

int fail(const Error& e) {
  std::fprintf(stderr, "storyprint: %s (%s)\n", e.message.c_str(), e.code.c_str());
  return 1;
}

}  // namespace storyprint::cli
