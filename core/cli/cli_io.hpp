// Files, JSON lines and errors for the CLI commands.
#pragma once
#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <vector>

#include "storyprint/pack.hpp"
#include "storyprint/result.hpp"

namespace storyprint::cli {

// "io.open" for what cannot be read as a file, directories included.
Result<std::string> read_file(const std::string& path);
// A pack file: over kMaxPackBytes is "pack.too_large" before anything is read.
Result<std::vector<std::uint8_t>> read_pack_file(const std::string& path);
Result<bool> write_file(const std::string& path, const void* data, std::size_t size);
// Calls f(line number, object or error) for each non-blank line: a batch goes on past a bad line.
void each_jsonl(const std::string& content, const std::string& name,
                const std::function<void(std::size_t, Result<nlohmann::json>)>& f);
// One JSON object per non-empty line; the first bad line fails it all (naming file and line).
Result<std::vector<nlohmann::json>> read_jsonl(const std::string& content, const std::string& name);
// Prints "storyprint: <message>" and returns the exit code for errors.
int fail(const Error& e);

}  // namespace storyprint::cli
