// `storyprint tokens`: what the core sees of a text, for people and for the native/wasm parity test.
#include <cstdio>
#include <iostream>

#include "cli_io.hpp"
#include "commands.hpp"
#include "json_writer.hpp"
#include "storyprint/text.hpp"

namespace storyprint::cli {

namespace {

// Keys sorted, as this output has always had them and as the runner's `tokens` writes them.
std::string tokens_json(const CanonicalText& ct) {
  Json j;
  j.open('{');
  j.key("language"), j.str(language_name(ct.language));
  j.key("sentences"), j.open('[');
  for (const Sentence& s : ct.sentences) {
    j.open('['), j.num(std::int64_t(s.first_token)), j.num(std::int64_t(s.end_token)), j.close(']');
  }
  j.close(']');
  j.key("tokens"), j.open('[');
  for (std::size_t i = 0; i < ct.tokens.size(); ++i) {
    const Token& t = ct.tokens[i];
    char key[17];
    std::snprintf(key, sizeof key, "%016llx", static_cast<unsigned long long>(t.hash));
    j.open('{');
    j.key("end"), j.num(std::int64_t(t.end_cp));
    j.key("form"), j.str(ct.forms[i]);
    j.key("key"), j.str(key);
    j.key("sentence"), j.num(std::int64_t(t.sentence));
    j.key("start"), j.num(std::int64_t(t.begin_cp));
    j.close('}');
  }
  j.close(']');
  j.close('}');
  return std::move(j.out);
}

}  // namespace

int cmd_tokens(const std::vector<std::string>& args) {
  bool jsonl = false;
  std::vector<std::string> files;
  for (const auto& a : args) {
    if (a == "--jsonl") jsonl = true;  // input files are JSON lines with a "text" key
    else files.push_back(a);
  }
  if (files.empty()) {
    std::fputs("usage: storyprint tokens [--jsonl] FILE...\n", stderr);
    return 2;
  }
  CanonicalizeOptions opt;
  opt.keep_forms = true;
  for (const auto& f : files) {
    auto content = read_file(f);
    if (!content) return fail(content.error());
    std::vector<std::string> texts;
    if (jsonl) {
      auto lines = read_jsonl(*content, f);
      if (!lines) return fail(lines.error());
      for (auto& o : *lines) texts.push_back(o.value("text", ""));
    } else {
      texts.push_back(std::move(*content));
    }
    for (const auto& text : texts) {
      auto ct = canonicalize(text, opt);
      if (!ct) return fail(ct.error());
      std::cout << tokens_json(*ct) << '\n';
    }
  }
  return 0;
}

}  // namespace storyprint::cli
