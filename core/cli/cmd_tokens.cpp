// `storyprint tokens`: what the core sees of a text, for people and for the native/wasm parity test.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

#include "cli_io.hpp"
#include "commands.hpp"
#include "storyprint/text.hpp"

namespace storyprint::cli {

nlohmann::json tokens_json(const CanonicalText& ct) {
  nlohmann::json toks = nlohmann::json::array(), sents = nlohmann::json::array();
  for (std::size_t i = 0; i < ct.tokens.size(); ++i) {
    const Token& t = ct.tokens[i];
    char key[17];
    std::snprintf(key, sizeof key, "%016llx", static_cast<unsigned long long>(t.hash));
    toks.push_back({{"form", ct.forms[i]}, {"key", key}, {"start", t.begin_cp}, {"end", t.end_cp}, {"sentence", t.sentence}});
  }
  for (const Sentence& s : ct.sentences) sents.push_back({s.first_token, s.end_token});
  return {{"tokens", toks}, {"sentences", sents}, {"language", language_name(ct.language)}};
}

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
      std::cout << tokens_json(*ct).dump() << '\n';
    }
  }
  return 0;
}

}  // namespace storyprint::cli
