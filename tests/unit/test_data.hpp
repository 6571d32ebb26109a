// Paths to the project's own test inputs and to the shared development data (never copied here).
#pragma once
#include <fstream>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

namespace storyprint::test {

inline std::string shared_data(const std::string& rel) {
  const std::string path = std::string(STORYPRINT_SHARED_DATA) + "/" + rel;
  std::ifstream probe(path);
  if (!probe) FAIL("shared development data missing: " << path << " (expected ../shared/data beside the checkout)");
  return path;
}

inline std::string project_file(const std::string& rel) { return std::string(STORYPRINT_SOURCE_DIR) + "/" + rel; }

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) FAIL("cannot read " << path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace storyprint::test
