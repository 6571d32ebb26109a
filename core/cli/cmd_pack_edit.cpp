// `storyprint pack add P.pack MORE.jsonl|MORE.pack... [-o OUT]`, `pack merge A.pack B.pack... -o OUT`
// and `pack prune P.pack --before DATE [-o OUT]`: packs combined and filtered by the core's
// PackMerger, written atomically (pack_files.hpp). The runner has the same commands and output.
#include <cstdio>

#include "cli_io.hpp"
#include "commands.hpp"
#include "corpus.hpp"
#include "pack_files.hpp"
#include "storyprint/pack_edit.hpp"

namespace storyprint::cli {

namespace {

constexpr char kUsage[] =
    "usage: storyprint pack add P.pack MORE.jsonl|MORE.pack... [-o OUT.pack]   (default: P.pack in place)\n"
    "       storyprint pack merge A.pack B.pack... -o OUT.pack   (one pack of an earlier format: upgraded)\n"
    "       storyprint pack prune P.pack --before YYYY-MM-DD [-o OUT.pack]      (default: P.pack in place)\n";

struct Args {
  std::vector<std::string> inputs;
  std::string out, before;
  bool has_before = false;
};

Args parse(const std::vector<std::string>& args) {
  Args a;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const bool has = i + 1 < args.size();
    if ((args[i] == "-o" || args[i] == "--output") && has) a.out = args[++i];
    else if (args[i] == "--before" && has) a.before = args[++i], a.has_before = true;
    else a.inputs.push_back(args[i]);
  }
  return a;
}

// Versions in this order: the packs' (in the order given), then those of the JSON lines files.
Result<PackEdit> combine(const std::vector<std::string>& inputs, const std::string& before) {
  PackMerger m;
  if (!before.empty()) {
    auto day = parse_before_day(before);
    if (!day) return day.error();
    m.drop_before(*day);
  }
  std::vector<std::string> texts;
  for (const auto& path : inputs) {
    const InputKind kind = input_kind(path);
    if (kind == InputKind::PageOrFeed) return page_input_error(path);
    if (kind == InputKind::Jsonl) {
      texts.push_back(path);
      continue;
    }
    // Packs of an earlier format that can be upgraded are read too: `pack merge old.pack -o new.pack`
    // upgrades one.
    auto bytes = read_pack_file(path);
    if (!bytes) return bytes.error();
    if (auto r = m.add_bytes(*bytes); !r) return make_error(r.error().code, path + ": " + r.error().message);
  }
  for (const auto& path : texts) {
    PackBuilder b;
    if (auto r = add_known_jsonl(b, path, true); !r) return r.error();
    m.add(b);
  }
  return m.build();
}

}  // namespace

int cmd_pack_edit(const std::vector<std::string>& args) {
  Args a = parse(args);
  const std::string& cmd = args.at(0);
  const bool ok = cmd == "add"     ? a.inputs.size() >= 2 && !a.has_before
                  : cmd == "merge" ? a.inputs.size() >= 1 && !a.out.empty() && !a.has_before
                                   : a.inputs.size() == 1 && a.has_before;
  if (!ok) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  if (a.out.empty()) a.out = a.inputs[0];
  // The pack added to must be a pack: a JSON lines file in its place would become its first input.
  if (cmd != "merge" && input_kind(a.inputs[0]) != InputKind::Pack) {
    auto p = open_pack_file(a.inputs[0]);
    return fail(p ? make_error("pack.foreign", a.inputs[0] + ": not a Storyprint pack (wrong magic bytes)") : p.error());
  }
  auto r = combine(a.inputs, a.before);
  if (!r) return fail(r.error());
  auto w = write_pack_file(a.out, r->bytes, PackSummary{r->duplicates, r->pruned, a.before});
  if (!w) return fail(w.error());
  return 0;
}

}  // namespace storyprint::cli
