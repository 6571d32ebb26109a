#!/usr/bin/env bash
# Rewrites tests/data/format2.pack, format3.pack and format4.pack, the fixtures of the upgrade tests: the seeds'
# known versions, then METER's first eight wire versions, built by the CLI of the last commit that
# wrote that format (045a78a for format 2, 7e94050 for format 3, 35d61e9 for format 4). The fixtures are committed (they are
# old writers' bytes, which today's tree can no longer make); this script only says how they were made.
#   tests/data/make-old-packs.sh    (needs git, cmake, python3 and ../shared/data)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
data=$root/../shared/data
[[ -f $data/meter-dev/known.jsonl ]] || { echo "make-old-packs: $data is missing (shared development data)" >&2; exit 1; }
texts=$(mktemp)
python3 - "$root/tests/data/seeds.json" "$data" "$texts" <<'EOF'
import json, sys
seeds, data, out = sys.argv[1], sys.argv[2], sys.argv[3]
with open(out, "w") as o:
    for s in json.load(open(seeds))["seeds"]:
        if s["known"]:
            text = open(f"{data}/seeds/{s['file']}").read()
            o.write(json.dumps({k: s[k] for k in ("id", "outlet", "url", "title", "published")} | {"text": text}) + "\n")
    with open(f"{data}/meter-dev/known.jsonl") as m:
        for _, line in zip(range(8), m):
            o.write(line if line.endswith("\n") else line + "\n")
EOF
for fc in 2:045a78a 3:7e94050 4:35d61e9; do
  wt=$(mktemp -d)
  git -C "$root" worktree add --detach "$wt" "${fc#*:}" >/dev/null
  cmake --preset native -S "$wt" >/dev/null
  cmake --build "$wt/build/native" --target storyprint >/dev/null
  "$wt/build/native/storyprint" pack build "$texts" -o "$root/tests/data/format${fc%%:*}.pack"
  git -C "$root" worktree remove --force "$wt"
done
rm -f "$texts"
