#!/usr/bin/env python3
"""Regression test of `storyprint eval` on the shared development sets:
1. its measures agree with the reference scorers in ../shared/tools (score.py, score_spans.py)
   on its own predictions;
2. the story-grouped cross-validated measures stay above floors set slightly under what was
   reached (see README, "Accuracy"): a drop means a change made the engine worse.
usage: eval_regression.py PATH/TO/storyprint"""
import json, os, subprocess, sys, tempfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
shared = os.path.join(root, "..", "shared")
cli = sys.argv[1]
failures = []


def need(path):
    if not os.path.exists(path):
        sys.exit(f"eval_regression: {path} is missing (shared development data beside the checkout)")
    return path


# Total weight of a training corpus relative to the evaluated one, as in scripts/fit-model.sh.
also_weight = {"clough-stevenson": "0.5", "meter-dev": "2"}


def run_eval(name, also=None):
    d = need(os.path.join(shared, "data", name))
    pred = tempfile.NamedTemporaryFile(suffix=".jsonl", delete=False).name
    cmd = [cli, "eval", "--known", f"{d}/known.jsonl", "--pages", f"{d}/pages.jsonl", "--cv", "5",
           "--predictions", pred, "--json"]
    if also:
        a = os.path.join(shared, "data", also)
        cmd += ["--also-train", f"{a}/known.jsonl", f"{a}/pages.jsonl", "--also-weight", also_weight[also]]
    out = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    return d, pred, out


def last_json(cmd):
    lines = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip().splitlines()
    return json.loads(lines[-1])


def check(cond, msg):
    print(("ok   " if cond else "FAIL ") + msg)
    if not cond:
        failures.append(msg)


def agree(name, ours, ref, keys):
    for k in keys:
        check(abs(ours[k] - ref[k]) <= 1e-4, f"{name}: eval {k} {ours[k]} == scorer {ref[k]}")


floors = {
    # corpus: (cv macro-F1, cv binary macro-F1, attribution@1, passages token macro-F1)
    "meter-dev": (0.66, 0.72, 0.99, 0.77),
    "clough-stevenson": (0.63, 0.88, 0.97, None),
}
also = {"meter-dev": "clough-stevenson", "clough-stevenson": "meter-dev"}
for name, (f_macro, f_binary, f_att, f_tokens) in floors.items():
    d, pred, out = run_eval(name, also[name])
    ref = last_json([sys.executable, need(os.path.join(shared, "tools", "score.py")), f"{d}/pages.jsonl", pred])
    v = out["verdicts"]
    agree(name, v, ref, ["macro_f1", "binary_f1", "binary_macro_f1", "accuracy", "attribution_at_1"])
    cv = out["cross_validated"]
    check(cv["macro_f1"] >= f_macro, f"{name}: CV macro-F1 {cv['macro_f1']} >= {f_macro}")
    check(cv["binary_macro_f1"] >= f_binary, f"{name}: CV binary macro-F1 {cv['binary_macro_f1']} >= {f_binary}")
    check(v["attribution_at_1"] >= f_att, f"{name}: attribution@1 {v['attribution_at_1']} >= {f_att}")
    if f_tokens is not None:
        spans = last_json([sys.executable, os.path.join(shared, "tools", "score_spans.py"), f"{d}/spans.jsonl", pred])
        p = out["passages"]
        check(abs(p["token_macro_f1"] - spans["token_macro_f1"]) <= 1e-4,
              f"{name}: eval token macro-F1 {p['token_macro_f1']} == scorer {spans['token_macro_f1']}")
        check(abs(p["reused"]["f1"] - spans["reused"]["micro"]["f1"]) <= 1e-4, f"{name}: reused F1 agrees with scorer")
        check(p["token_macro_f1"] >= f_tokens, f"{name}: passages token macro-F1 {p['token_macro_f1']} >= {f_tokens}")
    os.unlink(pred)

if failures:
    print(f"eval regression: {len(failures)} check(s) failed")
    sys.exit(1)
print("eval regression: all checks passed")
