#pragma once
#include <string>
#include <vector>

namespace storyprint::cli {
int cmd_tokens(const std::vector<std::string>& args);
int cmd_pack(const std::vector<std::string>& args);
// pack add | merge | prune (args[0])
int cmd_pack_edit(const std::vector<std::string>& args);
int cmd_check(const std::vector<std::string>& args);
int cmd_eval(const std::vector<std::string>& args);
int cmd_fit(const std::vector<std::string>& args);
int cmd_bench(const std::vector<std::string>& args);
}
