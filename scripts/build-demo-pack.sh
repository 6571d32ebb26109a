#!/usr/bin/env bash
# The bundled demo pack: the known seed versions (tests/data/seeds.json) fingerprinted from the
# seed texts in ../shared/data/seeds. Output: build/demo/demo.pack and build/demo/known.jsonl.
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=../shared/data/seeds
[[ -d $seeds ]] || { echo "build-demo-pack: $seeds is missing (the shared development data must sit beside the checkout)" >&2; exit 1; }
mkdir -p build/demo
python3 - "$seeds" build/demo/known.jsonl <<'PY'
import json, sys, os
seeds, out = sys.argv[1], sys.argv[2]
meta = json.load(open("tests/data/seeds.json", encoding="utf-8"))["seeds"]
with open(out + ".tmp", "w", encoding="utf-8") as f:
    for s in meta:
        if not s["known"]:
            continue
        text = open(os.path.join(seeds, s["file"]), encoding="utf-8").read()
        rec = {k: s[k] for k in ("id", "outlet", "url", "title", "published")}
        rec["text"] = text
        f.write(json.dumps(rec, ensure_ascii=False) + "\n")
os.replace(out + ".tmp", out)
PY
if [[ ! -f build/demo/demo.pack || build/demo/known.jsonl -nt build/demo/demo.pack || build/native/storyprint -nt build/demo/demo.pack ]]; then
  build/native/storyprint pack build build/demo/known.jsonl -o build/demo/demo.pack
fi
