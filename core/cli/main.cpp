// storyprint: native command line. Each sub-command lives in its own file (cmd_*.cpp).
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include "commands.hpp"

namespace {
void usage(FILE* f) {
  std::fputs(
      "usage: storyprint <command> [options]\n"
      "  pack build KNOWN.jsonl -o OUT.pack     fingerprint known versions into a pack\n"
      "  pack add|merge|prune ...               add versions to a pack, merge packs, drop old versions\n"
      "  pack info P.pack                       counts and size of a pack\n"
      "  pack keygen|sign|verify ...            publisher signatures of packs (Ed25519)\n"
      "  check --pack P.pack FILE...            verdict, source and passages for each page (JSON lines)\n"
      "  check --pack P.pack --pages P.jsonl    the same for a batch of pages\n"
      "  eval --known K.jsonl --pages P.jsonl   measures on a labelled corpus [--cv K] [--json]\n"
      "  fit --known K.jsonl --pages P.jsonl -o core/src/verdict_model.inc   fit the verdict model\n"
      "  tokens FILE...                         canonical tokens and sentences of text files (JSON lines)\n"
      "  bench [--corpus DIR] [--json]          speed, size and recall on the synthetic bench corpus\n",
      f);
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || !std::strcmp(argv[1], "-h") || !std::strcmp(argv[1], "--help")) {
    usage(argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  std::vector<std::string> args(argv + 2, argv + argc);
  const std::string cmd = argv[1];
  try {
    if (cmd == "tokens") return storyprint::cli::cmd_tokens(args);
    if (cmd == "pack") return storyprint::cli::cmd_pack(args);
    if (cmd == "check") return storyprint::cli::cmd_check(args);
    if (cmd == "eval") return storyprint::cli::cmd_eval(args);
    if (cmd == "fit") return storyprint::cli::cmd_fit(args);
    if (cmd == "bench") return storyprint::cli::cmd_bench(args);
  } catch (const std::exception& e) {  // malformed JSON fields and the like: say so, never abort
    std::fprintf(stderr, "storyprint: %s\n", e.what());
    return 1;
  }
  std::fprintf(stderr, "storyprint: unknown command '%s'\n", cmd.c_str());
  usage(stderr);
  return 2;
}
