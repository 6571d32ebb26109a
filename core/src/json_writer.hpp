// A minimal JSON writer for the core's outputs (reports, evaluations, tokens, pack info; the CLI and
// the wasm bindings use it too): the core has no JSON dependency, and one writer keeps native and
// wasm output identical byte for byte.
#pragma once
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace storyprint {

class Json {
 public:
  std::string out;
  void key(std::string_view k) {
    sep();
    quoted(k);
    out += ':';
    need_comma_ = false;
  }
  void str(std::string_view s) { sep(), quoted(s), need_comma_ = true; }
  void raw(std::string_view s) { sep(), out += s, need_comma_ = true; }
  // 4 decimals by default: native and wasm floats agree at this precision.
  void num(double v, int decimals = 4) {
    char b[32];
    std::snprintf(b, sizeof b, "%.*f", decimals, v);
    raw(b);
  }
  void num(std::int64_t v) { raw(std::to_string(v)); }
  void open(char c) { sep(), out += c, need_comma_ = false; }
  void close(char c) { out += c, need_comma_ = true; }

 private:
  void sep() {
    if (need_comma_) out += ',';
  }
  void quoted(std::string_view s) {
    out += '"';
    for (unsigned char c : s) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
          if (c < 0x20) {
            char b[8];
            std::snprintf(b, sizeof b, "\\u%04x", c);
            out += b;
          } else {
            out += static_cast<char>(c);
          }
      }
    }
    out += '"';
  }
  bool need_comma_ = false;
};

}  // namespace storyprint
