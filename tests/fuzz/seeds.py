#!/usr/bin/env python3
"""Seed corpora for the libFuzzer targets (tests/fuzz), from the development data.

  seeds.py DATA_DIR OUT_DIR STORYPRINT_CLI

Writes OUT_DIR/{text,check,pack}/ (one input per file) and OUT_DIR/check.pack, the real pack the
check target runs against (METER dev's known versions). Nothing of it goes into the repository.
"""
import hashlib, json, os, subprocess, sys, tempfile

data, out, cli = sys.argv[1:4]


def jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def put(kind, payload: bytes):
    d = os.path.join(out, kind)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, hashlib.sha1(payload).hexdigest()), "wb") as f:
        f.write(payload)


def build_pack(records, path):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    subprocess.run([cli, "pack", "build", f.name, "-o", path], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    os.unlink(f.name)


meter = os.path.join(data, "meter-dev")
for need in (meter, os.path.join(data, "seeds")):
    if not os.path.isdir(need):
        sys.exit(f"fuzz-seeds: {need} is missing (shared development data beside the checkout)")
known = jsonl(os.path.join(meter, "known.jsonl"))
pages = jsonl(os.path.join(meter, "pages.jsonl"))
cs = jsonl(os.path.join(data, "clough-stevenson", "pages.jsonl"))
seeds = [open(os.path.join(data, "seeds", n), encoding="utf-8").read()
         for n in sorted(os.listdir(os.path.join(data, "seeds")))]
here = os.path.dirname(os.path.abspath(__file__))
multi = [r["text"] for r in jsonl(os.path.join(here, "..", "data", "multilingual.jsonl"))]

# text: byte 0 picks UTF-8 (even) or UTF-16LE (odd); inputs kept short so that runs stay fast.
texts = [p["text"][:3000] for p in pages[::8]] + [p["text"][:3000] for p in cs[::10]] + seeds + multi
for t in texts:
    put("text", b"\0" + t.encode("utf-8"))
    put("text", b"\1" + t.encode("utf-16-le"))

# check: "url\noutlet\ntext"
for p in pages[::4]:
    put("check", f"{p.get('url', '')}\n{p.get('outlet', '')}\n{p['text']}".encode("utf-8"))
for t in seeds:
    put("check", b"\n\n" + t.encode("utf-8"))

# pack: small real packs (the reader is fuzzed, not the data), and the real pack for check.
os.makedirs(out, exist_ok=True)
build_pack(known, os.path.join(out, "check.pack"))
with tempfile.TemporaryDirectory() as tmp:
    for i, n in enumerate((1, 2, 5, 12)):
        path = os.path.join(tmp, f"{i}.pack")
        build_pack(known[i * 20:i * 20 + n], path)
        put("pack", open(path, "rb").read())
    path = os.path.join(tmp, "seeds.pack")
    build_pack([{"id": f"seed{i}", "outlet": "", "text": t} for i, t in enumerate(seeds[:2])], path)
    put("pack", open(path, "rb").read())
# Packs of the earlier formats 2, 3 and 4, which the harness upgrades (tests/data/format2.pack, format3.pack, format4.pack).
for old in ("format2.pack", "format3.pack", "format4.pack"):
    put("pack", open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", old), "rb").read())
