#!/usr/bin/env bash
# Rewrites tests/data/format2.pack, the fixture of the format-2 upgrade tests: the seeds' known
# versions, then METER's first eight wire versions, built by the CLI of commit 045a78a (the last
# format-2 writer). The fixture is committed (it is the old writer's bytes, which today's tree can no
# longer make); this script only says how it was made.
#   tests/data/make-format2-pack.sh    (needs git, cmake, python3 and ../shared/data)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
data=$root/../shared/data
[[ -f $data/meter-dev/known.jsonl ]] || { echo "make-format2-pack: $data is missing (shared development data)" >&2; exit 1; }
wt=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$wt" >/dev/null 2>&1 || true' EXIT
git -C "$root" worktree add --detach "$wt" 045a78a >/dev/null
cmake --preset native -S "$wt" >/dev/null
cmake --build "$wt/build/native" --target storyprint >/dev/null
python3 - "$root/tests/data/seeds.json" "$data" "$wt/texts.jsonl" <<'EOF'
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
"$wt/build/native/storyprint" pack build "$wt/texts.jsonl" -o "$root/tests/data/format2.pack"
echo "wrote tests/data/format2.pack" >&2
