// One serialiser of reports for every consumer (CLI, wasm, runner), so their JSON cannot drift.
// Scores are printed with 4 decimals: native and wasm compare equal at that precision.
#include <algorithm>

#include "json_writer.hpp"
#include "storyprint/check.hpp"

namespace storyprint {
namespace {

void version_object(Json& j, const Pack& pack, std::uint32_t v) {
  const VersionLabel vv = pack.label(v);
  j.open('{');
  j.key("id"), j.str(vv.id);
  j.key("outlet"), j.str(vv.outlet);
  j.key("url"), j.str(vv.url);
  j.key("title"), j.str(vv.title);
  j.key("published"), j.str(vv.published);
  j.close('}');
}

}  // namespace

std::string json_string(std::string_view s) {
  Json j;
  j.str(s);
  return std::move(j.out);
}

std::string report_json(const Report& r, const Pack& pack, std::string_view page_id, OffsetUnits units) {
  Json j;
  j.open('{');
  j.key("id"), j.str(page_id);
  j.key("verdict"), j.str(verdict_name(r.verdict));
  j.key("confidence"), j.num(double(r.confidence));
  j.key("probabilities"), j.open('{');
  for (int c = 0; c < 3; ++c) j.key(verdict_name(static_cast<Verdict>(c))), j.num(double(r.probabilities[c]));
  j.close('}');
  j.key("source");
  if (r.source >= 0) j.str(pack.label(static_cast<std::uint32_t>(r.source)).id);
  else j.raw("null");
  j.key("source_version");
  if (r.source >= 0) version_object(j, pack, static_cast<std::uint32_t>(r.source));
  else j.raw("null");
  j.key("known_version");
  if (r.known_version >= 0) version_object(j, pack, static_cast<std::uint32_t>(r.known_version));
  else j.raw("null");
  j.key("scores"), j.open('{');
  for (int i = 0; i < kFeatureCount; ++i) j.key(kFeatureNames[i]), j.num(double(r.features[i]));
  j.close('}');
  j.key("matches"), j.open('[');
  for (const auto& m : r.matches) {
    const VersionLabel v = pack.label(m.version);
    j.open('{');
    j.key("id"), j.str(v.id);
    j.key("outlet"), j.str(v.outlet);
    j.key("published"), j.str(v.published);
    j.key("containment"), j.num(double(m.containment));
    j.key("cov3"), j.num(double(m.cov3));
    j.key("reverse3"), j.num(double(m.reverse3));
    j.close('}');
  }
  j.close(']');
  // The story's known versions, oldest first: the timeline a reader sees.
  j.key("story"), j.open('[');
  if (r.story >= 0) {
    auto members = pack.story_versions(static_cast<std::uint32_t>(r.story));
    std::vector<std::uint32_t> order(members.begin(), members.end());
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      return pack.label(a).published < pack.label(b).published;
    });
    for (auto v : order) version_object(j, pack, v);
  }
  j.close(']');
  j.key("offsets"), j.str(units == OffsetUnits::Utf16 ? "utf16" : "codepoint");
  j.key("passages"), j.open('[');
  for (const auto& p : r.passages) {
    j.open('{');
    j.key("start"), j.num(std::int64_t(units == OffsetUnits::Utf16 ? p.begin16 : p.begin_cp));
    j.key("end"), j.num(std::int64_t(units == OffsetUnits::Utf16 ? p.end16 : p.end_cp));
    j.key("kind"), j.str(p.kind == PassageKind::Verbatim ? "verbatim" : "reworded");
    j.close('}');
  }
  j.close(']');
  j.key("quotes"), j.open('[');
  for (const auto& q : r.quotes) {
    j.open('{');
    j.key("start"), j.num(std::int64_t(units == OffsetUnits::Utf16 ? q.begin16 : q.begin_cp));
    j.key("end"), j.num(std::int64_t(units == OffsetUnits::Utf16 ? q.end16 : q.end_cp));
    j.key("shared"), j.num(double(q.shared));
    j.key("version");
    if (q.version >= 0) j.str(pack.label(static_cast<std::uint32_t>(q.version)).id);
    else j.raw("null");
    j.close('}');
  }
  j.close(']');
  j.key("credit");
  if (r.credit) {
    j.open('{');
    j.key("name"), j.str(r.credit->name);
    j.key("start"), j.num(std::int64_t(units == OffsetUnits::Utf16 ? r.credit->begin16 : r.credit->begin_cp));
    j.key("end"), j.num(std::int64_t(units == OffsetUnits::Utf16 ? r.credit->end16 : r.credit->end_cp));
    j.close('}');
  } else {
    j.raw("null");
  }
  j.key("republished"), j.raw(r.republished ? "true" : "false");
  j.key("page"), j.open('{');
  j.key("tokens"), j.num(std::int64_t(r.page_tokens));
  j.key("length"), j.num(std::int64_t(units == OffsetUnits::Utf16 ? r.length16 : r.length_cp));
  j.key("replaced_invalid"), j.raw(r.replaced_invalid ? "true" : "false");
  j.key("marks_dropped"), j.num(std::int64_t(r.marks_dropped));
  j.close('}');
  j.close('}');
  return std::move(j.out);
}

}  // namespace storyprint
