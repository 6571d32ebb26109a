// `storyprint bench`: speed, size, memory and recall on a bench corpus (bench/gen-corpus.mjs, synthetic,
// or bench/gen-news-corpus.mjs, news-shaped: both write known / latency / planted JSON lines).
// `storyprint-js bench` (bench/runner/) measures the same things the same way through the
// wasm wrapper, and bench/bench.sh compares the two. Each measure takes the path a host takes:
// the core's own API here, the JS wrapper there.
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstring>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include <sys/resource.h>

#include "cli_io.hpp"
#include "commands.hpp"
#include "corpus.hpp"
#include "storyprint/library.hpp"

namespace storyprint::cli {
namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

// Peak resident memory of a stretch of work. Linux: the high-water mark VmHWM is reset through
// /proc/self/clear_refs ("5") before it, read from /proc/self/status after it; elsewhere (or where
// the reset is refused) getrusage's ru_maxrss, the peak of the whole process so far.
double status_mb(const char* key) {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind(key, 0) == 0) return std::atof(line.c_str() + std::strlen(key)) / 1024.0;  // kB
  return -1;
}
struct PeakMemory {
  double rss_before_mb = status_mb("VmRSS:");
  bool reset = static_cast<bool>(std::ofstream("/proc/self/clear_refs") << "5");
  nlohmann::json done() const {
    double peak = reset ? status_mb("VmHWM:") : -1;
    if (peak < 0) {
      rusage ru{};
      getrusage(RUSAGE_SELF, &ru);
      peak = double(ru.ru_maxrss) / 1024.0;
    }
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return {{"peak_rss_mb", peak}, {"growth_mb", rss_before_mb < 0 ? nullptr : nlohmann::json(peak - rss_before_mb)},
            {"process_peak_rss_mb", double(ru.ru_maxrss) / 1024.0},
            {"measure", reset ? "VmHWM, reset before the build" : "ru_maxrss (process peak)"}};
  }
};

struct BenchArgs {
  std::string corpus = "build/bench/corpus", packs;
  std::vector<std::uint32_t> sizes{1000, 10000, 100000};
  std::size_t canon_docs = 1500, build_docs = 10000;
  int cold_runs = 5;
  bool json = false;
};

struct Doc {
  VersionMeta meta;
  std::string text;
  std::u16string text16;
};

std::string str_of(const nlohmann::json& o, const char* k) {
  auto it = o.find(k);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Streams a JSON-lines file: at most `limit` objects (0: all), each handed to f.
template <class F>
Result<std::size_t> each_jsonl(const std::string& path, std::size_t limit, F&& f) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("io.open", "cannot open " + path + " (generate it: node bench/gen-corpus.mjs)");
  std::string line;
  std::size_t n = 0, line_no = 0;
  while ((!limit || n < limit) && std::getline(in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object())
      return make_error("jsonl.parse", path + ":" + std::to_string(line_no) + ": not a JSON object");
    f(j);
    ++n;
  }
  return n;
}

Result<std::vector<Doc>> read_docs(const std::string& path, std::size_t limit) {
  std::vector<Doc> docs;
  auto r = each_jsonl(path, limit, [&](const nlohmann::json& o) {
    Doc d{{str_of(o, "id"), str_of(o, "outlet"), str_of(o, "url"), str_of(o, "title"), str_of(o, "published")},
          str_of(o, "text"), {}};
    d.text16 = *utf8_to_utf16(d.text);
    docs.push_back(std::move(d));
  });
  if (!r) return r.error();
  return docs;
}

// Pages with what the generator planted in them.
struct Page {
  std::string id, kind, source;
  std::vector<std::string> sources, story;  // sources: the version copied and its reprints (default: source)
  PageMeta meta;
  std::u16string text16;
  std::size_t utf8_bytes;
};

Result<std::vector<Page>> read_pages_file(const std::string& path) {
  std::vector<Page> pages;
  auto r = each_jsonl(path, 0, [&](const nlohmann::json& o) {
    Page p{str_of(o, "id"), str_of(o, "kind"), str_of(o, "source"), {}, {}, {str_of(o, "url"), str_of(o, "outlet"), str_of(o, "title"), str_of(o, "published")}, {}, 0};
    auto strings = [&](const char* key, std::vector<std::string>& to) {
      if (auto it = o.find(key); it != o.end() && it->is_array())
        for (const auto& s : *it)
          if (s.is_string()) to.push_back(s.get<std::string>());
    };
    strings("sources", p.sources);
    strings("story_sources", p.story);
    if (p.sources.empty() && !p.source.empty()) p.sources.push_back(p.source);
    const std::string text = str_of(o, "text");
    p.utf8_bytes = text.size();
    p.text16 = *utf8_to_utf16(text);
    pages.push_back(std::move(p));
  });
  if (!r) return r.error();
  return pages;
}

double percentile(std::vector<double> v, double p) {  // nearest rank
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto k = static_cast<std::size_t>(std::ceil(p * double(v.size())));
  return v[std::min(v.size(), std::max<std::size_t>(k, 1)) - 1];
}

Result<std::vector<std::uint8_t>> build(const std::vector<Doc>& docs, std::size_t n) {
  PackBuilder b;
  for (std::size_t i = 0; i < n && i < docs.size(); ++i) {
    auto r = b.add_utf16(docs[i].meta, docs[i].text16);
    if (!r) return r.error();
  }
  return b.take_build();
}

// The largest packs take minutes to build: kept beside the corpus and reused while they load,
// with the time their build took in PACK.json (reported again by later runs).
Result<std::vector<std::uint8_t>> cached_pack(const BenchArgs& a, std::uint32_t n, nlohmann::json* build) {
  const std::string path = a.packs + "/pack-" + std::to_string(n) + ".pack";
  if (auto bytes = read_file(path)) {
    std::vector<std::uint8_t> v(bytes->begin(), bytes->end());
    if (auto p = Pack::open(v); p && p->version_count() == n) {
      if (auto m = read_file(path + ".json")) {
        *build = nlohmann::json::parse(*m, nullptr, false);
        if (build->is_object()) (*build)["cached"] = true;
        else *build = nullptr;
      }
      return v;
    }
  }
  std::fprintf(stderr, "bench: building %s (%u versions; slow, kept for later runs)\n", path.c_str(), n);
  const PeakMemory mem;
  const auto t0 = Clock::now();
  PackBuilder b;
  std::size_t added = 0;
  Error err;
  auto r = each_jsonl(a.corpus + "/known.jsonl", n, [&](const nlohmann::json& o) {
    auto ok = b.add({str_of(o, "id"), str_of(o, "outlet"), str_of(o, "url"), str_of(o, "title"), str_of(o, "published")},
                    str_of(o, "text"));
    if (ok) ++added;
    else err = ok.error();
  });
  if (!r) return r.error();
  if (!err.code.empty()) return err;
  if (added < n) return make_error("bench.corpus", "the corpus has " + std::to_string(added) + " versions, fewer than " + std::to_string(n));
  auto bytes = b.take_build();
  if (!bytes) return bytes.error();
  const double s = ms_since(t0) / 1000;
  *build = {{"versions", n}, {"seconds", s}, {"docs_s", n / s}, {"engine", "native"}, {"memory", mem.done()}};
  auto w = write_file(path, bytes->data(), bytes->size());
  if (!w) return w.error();
  const std::string meta = build->dump() + "\n";
  if (auto wm = write_file(path + ".json", meta.data(), meta.size()); !wm) return wm.error();
  return bytes;
}

// MB/s of UTF-8 input through lib.check() (what the wasm bench times through the wrapper).
double text_mb_s(Library& lib, const std::vector<Doc>& docs, std::size_t n) {
  double bytes = 0;
  const auto t0 = Clock::now();
  for (std::size_t i = 0; i < n && i < docs.size(); ++i) {
    auto r = lib.check(docs[i].text16, {});
    if (r) library_report_json(*r, docs[i].meta.id, OffsetUnits::Utf16);
    bytes += double(docs[i].text.size());
  }
  return bytes / 1e6 / (ms_since(t0) / 1000);
}

bool parse(const std::vector<std::string>& args, BenchArgs& a) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    auto next = [&]() -> std::string { return i + 1 < args.size() ? args[++i] : std::string(); };
    if (args[i] == "--corpus") a.corpus = next();
    else if (args[i] == "--packs") a.packs = next();
    else if (args[i] == "--sizes") {
      a.sizes.clear();
      std::stringstream ss(next());
      for (std::string s; std::getline(ss, s, ',');) a.sizes.push_back(static_cast<std::uint32_t>(std::atol(s.c_str())));
    } else if (args[i] == "--canon-docs") a.canon_docs = std::strtoul(next().c_str(), nullptr, 10);
    else if (args[i] == "--build-docs") a.build_docs = std::strtoul(next().c_str(), nullptr, 10);
    else if (args[i] == "--json") a.json = true;
    else return false;
  }
  if (a.packs.empty()) a.packs = a.corpus;
  std::sort(a.sizes.begin(), a.sizes.end());
  return !a.sizes.empty() && a.sizes.front() > 0;
}

}  // namespace

int cmd_bench(const std::vector<std::string>& args) {
  BenchArgs a;
  if (!parse(args, a)) {
    std::fputs("usage: storyprint bench [--corpus DIR] [--packs DIR] [--sizes 1000,10000,100000] [--canon-docs N]\n"
               "                       [--build-docs N] [--json]\n"
               "  corpus: node bench/gen-corpus.mjs --out DIR; packs larger than --build-docs are cached in --packs\n",
               stderr);
    return 2;
  }
  nlohmann::json out = {{"engine", "native"}};
  const std::size_t need = std::max(a.canon_docs, a.build_docs);
  auto docs = read_docs(a.corpus + "/known.jsonl", need);
  if (!docs) return fail(docs.error());
  auto latency = read_pages_file(a.corpus + "/latency.jsonl");
  if (!latency) return fail(latency.error());
  auto planted = read_pages_file(a.corpus + "/planted.jsonl");
  if (!planted) return fail(planted.error());

  // Canonicalisation: a check with no pack loaded is canonicalisation and an empty report.
  {
    Library none;
    text_mb_s(none, *docs, 500);  // warm-up (the same as in wasm, where the JIT needs it most)
    out["canonicalize_mb_s"] = text_mb_s(none, *docs, a.canon_docs);
  }
  // Fingerprinting: a check against a pack that shares no word with the texts stops after
  // canonicalisation, fingerprint and index lookup.
  {
    PackBuilder b;
    (void)b.add({"null", "", "", "", ""}, "zzzqxv");
    Library one;
    if (auto r = one.add("null", *b.build()); !r) return fail(r.error());
    text_mb_s(one, *docs, 500);
    out["fingerprint_mb_s"] = text_mb_s(one, *docs, a.canon_docs);
  }
  // Pack build, one thread; packs up to --build-docs are built here, larger ones come from the cache.
  std::map<std::uint32_t, std::vector<std::uint8_t>> packs;
  {
    const PeakMemory mem;
    const auto t0 = Clock::now();
    auto bytes = build(*docs, a.build_docs);
    if (!bytes) return fail(bytes.error());
    const double s = ms_since(t0) / 1000;
    out["pack_build_memory"] = mem.done();
    out["pack_build_docs"] = std::min(a.build_docs, docs->size());
    out["pack_build_docs_s"] = double(std::min(a.build_docs, docs->size())) / s;
    if (a.sizes.end() != std::find(a.sizes.begin(), a.sizes.end(), a.build_docs)) packs[std::uint32_t(a.build_docs)] = std::move(*bytes);
  }
  for (auto n : a.sizes) {
    if (packs.count(n)) continue;
    if (n <= a.build_docs) {
      auto b = build(*docs, n);
      if (!b) return fail(b.error());
      packs[n] = std::move(*b);
      continue;
    }
    nlohmann::json build_info;
    auto b = cached_pack(a, n, &build_info);
    if (!b) return fail(b.error());
    if (build_info.is_object()) out["pack_build_large"] = build_info;
    packs[n] = std::move(*b);
  }

  for (auto& [n, bytes] : packs) {
    const std::string key = std::to_string(n);
    out["pack_bytes_per_version"][key] = double(bytes.size()) / n;
    Library lib;
    if (auto r = lib.add("bench", bytes); !r) return fail(r.error());
    // Untimed checks first (50 pages: a whole pass costs minutes when checks are slow): steady state,
    // as in wasm where the first checks still run baseline code.
    for (std::size_t i = 0; i < latency->size() && i < 50; ++i) (void)lib.check((*latency)[i].text16, (*latency)[i].meta);
    std::vector<double> t;
    std::map<std::string, std::vector<double>> by_kind;
    for (const auto& p : *latency) {
      const auto t0 = Clock::now();
      auto r = lib.check(p.text16, p.meta);
      if (r) library_report_json(*r, p.id, OffsetUnits::Utf16);
      t.push_back(ms_since(t0));
      by_kind[p.kind].push_back(t.back());
    }
    out["check_ms"][key] = {{"p50", percentile(t, 0.5)}, {"p99", percentile(t, 0.99)}, {"pages", t.size()}};
    for (auto& [kind, v] : by_kind) out["check_ms"][key]["by_kind"][kind] = {{"p50", percentile(v, 0.5)}, {"p99", percentile(v, 0.99)}};
  }

  // Cold start: a 10k pack from its bytes to a first verdict (native: no instantiation to speak of).
  if (packs.count(10000)) {
    std::vector<double> load, first;
    for (int i = 0; i < a.cold_runs; ++i) {
      const auto t0 = Clock::now();
      Library lib;
      if (auto r = lib.add("cold", packs[10000]); !r) return fail(r.error());
      load.push_back(ms_since(t0));
      const auto t1 = Clock::now();
      (void)lib.check(latency->front().text16, latency->front().meta);
      first.push_back(ms_since(t1));
    }
    out["cold_start_ms"] = {{"first", load.front()}, {"median", percentile(load, 0.5)}, {"first_check_ms", percentile(first, 0.5)}};
  }

  // Verdicts on the planted pages against the largest pack: derived (syndicated or rewrite), and
  // attributed to a version of the source's story (any version counts, as in ../shared/data/README.md)
  // or to the very version copied (or a reprint of the same text: `sources`). Each check is timed.
  {
    const std::uint32_t n = a.sizes.back();
    Library lib;
    if (auto r = lib.add("bench", packs[n]); !r) return fail(r.error());
    std::map<std::string, std::array<int, 5>> by_kind;  // pages, derived, syndicated, attributed to the story, to the version
    std::map<std::string, std::vector<double>> ms_kind;
    std::vector<double> ms_all;
    for (const auto& p : *planted) {
      const auto t0 = Clock::now();
      auto r = lib.check(p.text16, p.meta);
      if (!r) return fail(r.error());
      ms_all.push_back(ms_since(t0));
      ms_kind[p.kind].push_back(ms_all.back());
      auto& k = by_kind[p.kind];
      ++k[0];
      const Report& rep = r->report;
      if (rep.verdict == Verdict::Original) continue;
      ++k[1];
      if (rep.verdict == Verdict::Syndicated) ++k[2];
      const std::string src = rep.source >= 0 ? std::string(r->pack->label(std::uint32_t(rep.source)).id) : "";
      if (std::find(p.story.begin(), p.story.end(), src) != p.story.end()) ++k[3];
      if (std::find(p.sources.begin(), p.sources.end(), src) != p.sources.end()) ++k[4];
    }
    out["recall_pack_versions"] = n;
    for (auto& [kind, k] : by_kind)
      out["recall"][kind] = {{"pages", k[0]}, {"derived", double(k[1]) / k[0]}, {"syndicated", double(k[2]) / k[0]},
                             {"attributed", double(k[3]) / k[0]}, {"attributed_version", double(k[4]) / k[0]}};
    out["planted_check_ms"] = {{"p50", percentile(ms_all, 0.5)}, {"p99", percentile(ms_all, 0.99)}, {"pages", ms_all.size()}};
    for (auto& [kind, v] : ms_kind) out["planted_check_ms"]["by_kind"][kind] = {{"p50", percentile(v, 0.5)}, {"p99", percentile(v, 0.99)}};
  }

  if (a.json) {
    std::cout << out.dump() << '\n';
    return 0;
  }
  std::printf("native: canonicalise %.1f MB/s, fingerprint %.1f MB/s, pack build %.0f docs/s (%zu docs)\n",
              out["canonicalize_mb_s"].get<double>(), out["fingerprint_mb_s"].get<double>(),
              out["pack_build_docs_s"].get<double>(), out["pack_build_docs"].get<std::size_t>());
  for (auto& [k, v] : out["check_ms"].items())
    std::printf("  %7s versions: check p50 %.2f ms, p99 %.2f ms; %.0f bytes per version\n", k.c_str(), v["p50"].get<double>(),
                v["p99"].get<double>(), out["pack_bytes_per_version"][k].get<double>());
  if (out.contains("cold_start_ms")) std::printf("  cold start (load a 10k pack): %.1f ms\n", out["cold_start_ms"]["median"].get<double>());
  for (auto& [k, v] : out["recall"].items())
    std::printf("  %-12s derived %.3f, attributed %.3f\n", k.c_str(), v["derived"].get<double>(), v["attributed"].get<double>());
  return 0;
}

}  // namespace storyprint::cli
