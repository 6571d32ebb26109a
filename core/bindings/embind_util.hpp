// What both embind files (wasm_bindings.cpp, eval_bindings.cpp) need to take text in and give
// errors back: UTF-16 text from wasm memory, and the core's error as a JSON value.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "json_writer.hpp"
#include "storyprint/result.hpp"

namespace storyprint {

inline std::string error_json(const Error& e) {
  Json j;
  j.open('{');
  j.key("error"), j.open('{');
  j.key("code"), j.str(e.code);
  j.key("message"), j.str(e.message);
  j.close('}');
  j.close('}');
  return std::move(j.out);
}

inline std::u16string_view view16(std::uintptr_t ptr, std::size_t len) {
  return {reinterpret_cast<const char16_t*>(ptr), len};
}

}  // namespace storyprint
