// Errors as values: the wasm module is built without exception catching, so nothing in the core
// may throw across its API; every fallible call returns Result<T>.
#pragma once
#include <string>
#include <utility>
#include <variant>

namespace storyprint {

struct Error {
  std::string code;     // stable, machine-readable: "pack.truncated", "text.too_large", ...
  std::string message;  // for people
};

template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Error e) : v_(std::move(e)) {}
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

inline Error make_error(std::string code, std::string message) {
  return Error{std::move(code), std::move(message)};
}

}  // namespace storyprint
