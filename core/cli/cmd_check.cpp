// `storyprint check --pack P.pack FILE...` or `--pages PAGES.jsonl`: one JSON report per page.
#include <cstdio>
#include <iostream>

#include "cli_io.hpp"
#include "storyprint/text.hpp"
#include "commands.hpp"
#include "corpus.hpp"

namespace storyprint::cli {

int cmd_check(const std::vector<std::string>& args) {
  std::string pack_path, pages_path;
  std::vector<std::string> files;
  PageMeta meta;
  bool pretty = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto& a = args[i];
    auto next = [&]() -> std::string { return i + 1 < args.size() ? args[++i] : std::string(); };
    if (a == "--pack") pack_path = next();
    else if (a == "--pages") pages_path = next();
    else if (a == "--url") meta.url = next();
    else if (a == "--outlet") meta.outlet = next();
    else if (a == "--title") meta.title = next();
    else if (a == "--published") meta.published = next();
    else if (a == "--json") {}  // JSON is the only output format; accepted for symmetry with eval
    else if (a == "--pretty") pretty = true;
    else files.push_back(a);
  }
  if (pack_path.empty() || (files.empty() && pages_path.empty())) {
    std::fputs("usage: storyprint check --pack P.pack [--url U --outlet O --title T --published D] FILE...\n"
               "       storyprint check --pack P.pack --pages PAGES.jsonl\n", stderr);
    return 2;
  }
  auto bytes = read_pack_file(pack_path);
  if (!bytes) return fail(bytes.error());
  auto pack = Pack::load(std::move(*bytes));
  if (!pack) return fail(pack.error());
  Checker checker(*pack);
  // A page that cannot be checked gets an error object in its place; the batch goes on.
  auto emit_error = [&](nlohmann::json where, const Error& e) {
    where["error"] = {{"code", e.code}, {"message", e.message}};
    std::cout << where.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    return 1;
  };
  auto emit = [&](const std::string& raw_id, const std::string& text, const PageMeta& m) -> int {
    // A file name need not be UTF-8; the report is JSON: invalid bytes become U+FFFD, as the runner
    // (Node decodes its arguments so) prints them.
    auto u16 = utf8_to_utf16(raw_id);
    const std::string id = u16 ? utf16_to_utf8(*u16) : std::string();
    auto r = checker.check_utf8(text, m);
    if (!r) return emit_error({{"id", id}}, r.error());
    const std::string js = report_json(*r, *pack, id, OffsetUnits::CodePoints);
    if (pretty) std::cout << nlohmann::json::parse(js).dump(2) << '\n';
    else std::cout << js << '\n';
    return 0;
  };
  int rc = 0;
  if (!pages_path.empty()) {
    auto content = read_file(pages_path);
    if (!content) return fail(content.error());
    each_jsonl(*content, pages_path, [&](std::size_t line, Result<nlohmann::json> o) {
      auto p = o ? page_from_json(*o) : Result<LabelledPage>(o.error());
      rc |= p ? emit(p->id, p->text, p->meta) : emit_error({{"line", line}}, p.error());
    });
  }
  for (const auto& f : files) {
    auto text = read_file(f);
    if (!text) { fail(text.error()); rc = 1; continue; }
    rc |= emit(f, *text, meta);
  }
  return rc;
}

}  // namespace storyprint::cli
