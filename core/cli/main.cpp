// storyprint: native command line. Each sub-command lives in its own file (cmd_*.cpp).
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "commands.hpp"

namespace {
void usage(FILE* f) {
  std::fputs(
      "usage: storyprint <command> [options]\n"
      "  tokens FILE...                         canonical tokens and sentences of text files (JSON lines)\n",
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
  if (cmd == "tokens") return storyprint::cli::cmd_tokens(args);
  std::fprintf(stderr, "storyprint: unknown command '%s'\n", cmd.c_str());
  usage(stderr);
  return 2;
}
