#!/usr/bin/env bash
# The main job on the bundled demo data: builds everything (installing what is missing), checks the
# five seed articles against the demo pack with the headless runner (the wasm core in Node), prints
# what the core says of each, then builds the demo page and serves it on 127.0.0.1.
#   scripts/demo.sh [--no-serve] [--port N] [--out DIR]   (--out: also write the static site to DIR)
set -euo pipefail
cd "$(dirname "$0")/.."
serve=1 port=8080 out=
while (($#)); do
  case $1 in
    --no-serve) serve=0 ;;
    --port) port=$2; shift ;;
    --out) out=$2; shift ;;
    *) echo "usage: scripts/demo.sh [--no-serve] [--port N] [--out DIR]" >&2; exit 2 ;;
  esac
  shift
done
scripts/build.sh >&2

seeds=../shared/data/seeds
[[ -d $seeds ]] || { echo "demo: $seeds is missing (the shared development data must sit beside the checkout)" >&2; exit 1; }
echo
echo "Seed articles checked against the demo pack ($(node core/js/runner.mjs pack info build/demo/demo.pack)):"
node core/js/runner.mjs check --pack build/demo/demo.pack "$seeds"/*.txt | node -e '
  const lines = require("fs").readFileSync(0, "utf8").trim().split("\n").map((l) => JSON.parse(l));
  for (const r of lines) {
    const file = r.id.split("/").pop();
    let what;
    if (r.error) what = `error: ${r.error.message}`;
    else if (r.known_version) what = `is the known version ${r.known_version.id} (${r.known_version.outlet})`;
    else if (r.verdict === "original") what = `original report${r.source ? ` (closest known version: ${r.source})` : " (no known version matches)"}`;
    else what = `${r.verdict} of ${r.source} (${r.source_version.outlet}), confidence ${(100 * r.confidence).toFixed(0)}%`;
    const shared = r.passages ? r.passages.reduce((n, p) => n + p.end - p.start, 0) / Math.max(1, r.page.length) : 0;
    console.log(`  ${file.padEnd(26)} ${what}`);
    if (!r.error) console.log(`  ${"".padEnd(26)} ${r.passages.length} shared passages (${(100 * shared).toFixed(0)}% of the text), ` +
      `containment ${r.scores.containment.toFixed(2)}, retelling ${r.scores.retelling.toFixed(2)}, ` +
      `${r.quotes.length} quotations (${r.quotes.filter((q) => q.version).length} also in a known version)${r.credit ? `, credits "${r.credit.name}"` : ""}`);
  }'

site=${out:-build/site}
scripts/build-web.sh "$site" >&2
echo
echo "Static demo site written to $site"
if ((serve)); then
  exec node scripts/serve-web.mjs "$site" --port "$port"
fi
