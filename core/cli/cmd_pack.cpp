// `storyprint pack build KNOWN.jsonl... -o OUT.pack`, `pack info P.pack`, and publisher signatures:
// `pack keygen -o NAME`, `pack sign P.pack --key NAME.key`, `pack verify P.pack --public-key K`.
// add, merge and prune are in cmd_pack_edit.cpp.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <span>

#include "cli_io.hpp"
#include "commands.hpp"
#include "corpus.hpp"
#include "json_writer.hpp"
#include "pack_files.hpp"
#include "pack_signature.hpp"

namespace storyprint::cli {

namespace {

constexpr char kUsage[] =
    "usage: storyprint pack build KNOWN.jsonl... -o OUT.pack [-j THREADS]\n"
    "       storyprint pack add P.pack MORE.jsonl|MORE.pack... [-o OUT.pack]\n"
    "       storyprint pack merge A.pack B.pack... -o OUT.pack\n"
    "       storyprint pack prune P.pack --before YYYY-MM-DD [-o OUT.pack]\n"
    "       storyprint pack info P.pack\n"
    "       storyprint pack keygen -o NAME                  writes NAME.key (secret) and NAME.pub\n"
    "       storyprint pack sign P.pack --key NAME.key [-o P.pack.sig]\n"
    "       storyprint pack verify P.pack --public-key KEY|NAME.pub [--sig P.pack.sig]\n";

std::span<const std::uint8_t> as_bytes(const std::string& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

int keygen(const std::string& out) {
  auto k = generate_key();
  if (!k) return fail(k.error());
  const mode_t old = umask(077);  // the secret key is readable by its owner only
  auto w = write_file(out + ".key", k->secret_file.data(), k->secret_file.size());
  umask(old);
  if (!w) return fail(w.error());
  const std::string pub = k->public_key + "\n";
  if (auto w2 = write_file(out + ".pub", pub.data(), pub.size()); !w2) return fail(w2.error());
  std::fprintf(stderr, "wrote %s.key (keep it secret) and %s.pub; subscribers pin this public key:\n", out.c_str(),
               out.c_str());
  std::printf("%s\n", k->public_key.c_str());
  return 0;
}

int sign(const std::string& pack_path, const std::string& key_path, std::string out) {
  auto pack = read_file(pack_path);
  if (!pack) return fail(pack.error());
  // Only a pack this version reads is worth signing.
  if (auto p = Pack::load(std::vector<std::uint8_t>(pack->begin(), pack->end())); !p) return fail(p.error());
  auto key = read_file(key_path);
  if (!key) return fail(key.error());
  auto sig = sign_pack(as_bytes(*pack), *key);
  if (!sig) return fail(sig.error());
  if (out.empty()) out = pack_path + ".sig";
  if (auto w = write_file(out, sig->data(), sig->size()); !w) return fail(w.error());
  std::fprintf(stderr, "wrote %s\n", out.c_str());
  return 0;
}

int verify(const std::string& pack_path, std::string key, std::string sig_path) {
  // A file of that name is read as NAME.pub, whatever its length; else 44 characters are the key.
  // The runner decides the same way (core/js/runner/cmd_pack.mjs).
  struct stat st{};
  if ((stat(key.c_str(), &st) == 0 && S_ISREG(st.st_mode)) || key.size() != 44) {
    auto k = read_file(key);
    if (!k) return fail(k.error());
    key = *k;
    while (!key.empty() && (key.back() == '\n' || key.back() == '\r' || key.back() == ' ')) key.pop_back();
  }
  auto pack = read_file(pack_path);
  if (!pack) return fail(pack.error());
  if (sig_path.empty()) sig_path = pack_path + ".sig";
  auto sig = read_file(sig_path);
  if (!sig) return fail(sig.error());
  auto when = verify_pack(as_bytes(*pack), *sig, key);
  if (!when) return fail(when.error());
  Json j;
  j.open('{');
  j.key("valid"), j.raw("true");
  j.key("signed"), j.str(*when);
  j.close('}');
  std::printf("%s\n", j.out.c_str());
  return 0;
}

}  // namespace

int cmd_pack(const std::vector<std::string>& args) {
  if (!args.empty() && (args[0] == "keygen" || args[0] == "sign" || args[0] == "verify")) {
    std::string pos, out, key, sig;
    for (std::size_t i = 1; i < args.size(); ++i) {
      const bool has = i + 1 < args.size();
      if ((args[i] == "-o" || args[i] == "--output") && has) out = args[++i];
      else if ((args[i] == "--key" || args[i] == "--public-key") && has) key = args[++i];
      else if (args[i] == "--sig" && has) sig = args[++i];
      else pos = args[i];
    }
    if (args[0] == "keygen" && !out.empty()) return keygen(out);
    if (args[0] == "sign" && !pos.empty() && !key.empty()) return sign(pos, key, out);
    if (args[0] == "verify" && !pos.empty() && !key.empty()) return verify(pos, key, sig);
    std::fputs(kUsage, stderr);
    return 2;
  }
  if (args.size() >= 2 && args[0] == "info") {
    auto bytes = read_pack_file(args[1]);
    if (!bytes) return fail(bytes.error());
    auto pack = Pack::load(std::move(*bytes));
    if (!pack) return fail(pack.error());
    Json j;
    j.open('{');
    j.key("versions"), j.num(std::int64_t(pack->version_count()));
    j.key("stories"), j.num(std::int64_t(pack->story_count()));
    j.key("vocabulary"), j.num(std::int64_t(pack->vocab_count()));
    j.key("bytes"), j.num(std::int64_t(pack->byte_size()));
    j.key("bytes_per_version"), j.num(pack->version_count() ? double(pack->byte_size()) / pack->version_count() : 0.0, 1);
    j.close('}');
    std::printf("%s\n", j.out.c_str());
    return 0;
  }
  if (!args.empty() && (args[0] == "add" || args[0] == "merge" || args[0] == "prune")) return cmd_pack_edit(args);
  std::vector<std::string> inputs;
  std::string out;
  unsigned threads = 1;  // -j N: fingerprinting and story grouping on N threads, the same bytes
  bool bad_threads = false;
  for (std::size_t i = 1; i < args.size(); ++i) {
    if ((args[i] == "-o" || args[i] == "--output") && i + 1 < args.size()) out = args[++i];
    else if ((args[i] == "-j" || args[i] == "--threads") && i + 1 < args.size()) {
      const std::string& n = args[++i];
      char* end = nullptr;
      const unsigned long v = std::strtoul(n.c_str(), &end, 10);
      bad_threads = n.empty() || *end != '\0' || v < 1 || v > 256;
      threads = bad_threads ? 1 : static_cast<unsigned>(v);
    } else inputs.push_back(args[i]);
  }
  if (args.empty() || args[0] != "build" || inputs.empty() || out.empty() || bad_threads) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  PackBuilder b;
  for (const auto& in : inputs) {
    if (input_kind(in) == InputKind::PageOrFeed) return fail(page_input_error(in));
    if (auto r = add_known_jsonl(b, in, true, threads); !r) return fail(r.error());
  }
  if (isatty(fileno(stderr))) std::fprintf(stderr, "indexing and grouping stories...\n");
  auto bytes = b.take_build(threads);  // versions freed as written: not held beside the pack
  if (!bytes) return fail(bytes.error());
  if (auto w = write_pack_file(out, *bytes); !w) return fail(w.error());
  return 0;
}

}  // namespace storyprint::cli
