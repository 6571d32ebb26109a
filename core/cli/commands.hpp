#pragma once
#include <string>
#include <vector>

namespace storyprint::cli {
int cmd_tokens(const std::vector<std::string>& args);
}
