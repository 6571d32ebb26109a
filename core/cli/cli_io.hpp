// Files, JSON lines and errors for the CLI commands.
#pragma once
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "storyprint/result.hpp"

namespace storyprint::cli {

Result<std::string> read_file(const std::string& path);
Result<bool> write_file(const std::string& path, const void* data, std::size_t size);
// One JSON object per non-empty line; errors name the file and line.
Result<std::vector<nlohmann::json>> read_jsonl(const std::string& content, const std::string& name);
// Prints "storyprint: <message>" and returns the exit code for errors.
int fail(const Error& e);

}  // namespace storyprint::cli
