#!/usr/bin/env python3
"""How far can reuse evidence take METER's verdicts? An analysis, not part of the product.

METER's 255 phrase-annotated dev pages carry two judgements by the corpus authors: the page label
(wholly / partially / non-derived) and, token by token, which words came from the wire (spans.jsonl).
This fits the same kind of model the engine ships (multinomial logistic regression, classes weighted
by inverse frequency, L2 0.01, standardised features) on those pages alone, under story-grouped
5-fold cross-validation over several shuffled fold assignments, with four feature sets:

  engine      the engine's own features (`storyprint eval --predictions`, the `scores` object)
  gold        the annotators' own reuse: share of the page's words marked verbatim, and verbatim+rewrite
  gold+len    the same plus the page's length (log tokens)
  engine+gold both: what perfect passage evidence would add to the engine

If `gold` scores below `engine`, and `engine+gold` barely above it, better passage evidence cannot
lift the verdicts much: what is left is how the labels were given, not what the text shows.

  model/label-ceiling.py [build/native/storyprint]     (needs python3-numpy, Debian)
"""
import json, os, re, subprocess, sys, tempfile

try:
    import numpy as np
except ImportError:
    sys.exit("label-ceiling: needs numpy (apt install python3-numpy)")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "..", "shared", "data", "meter-dev")
CLASSES = ["syndicated", "rewrite", "original"]
WORD = re.compile(r"\w+")  # the tokens of ../shared/tools/score_spans.py
ASSIGNMENTS = 10


def fit(X, y, l2=0.01, iterations=3000, rate=0.5):
    mu, sd = X.mean(0), X.std(0) + 1e-6
    Z = np.hstack([np.ones((len(X), 1)), (X - mu) / sd])
    count = np.bincount(y, minlength=3).astype(float)
    sw = (count.sum() / (3 * np.maximum(count, 1)))[y]
    Y, W = np.eye(3)[y], np.zeros((3, Z.shape[1]))
    for _ in range(iterations):
        S = Z @ W.T
        P = np.exp(S - S.max(1, keepdims=True))
        P /= P.sum(1, keepdims=True)
        R = l2 * W
        R[:, 0] = 0
        W -= rate * (((P - Y) * sw[:, None]).T @ Z / sw.sum() + R)
    return lambda X2: (np.hstack([np.ones((len(X2), 1)), (X2 - mu) / sd]) @ W.T).argmax(1)


def scores(y, pred):
    f1 = []
    for c in range(3):
        tp, np_, ng = ((y == c) & (pred == c)).sum(), (pred == c).sum(), (y == c).sum()
        f1.append(2 * tp / (np_ + ng) if np_ + ng else 0.0)
    yd, pd = y < 2, pred < 2
    fd = 2 * (yd & pd).sum() / (yd.sum() + pd.sum())
    fo = 2 * (~yd & ~pd).sum() / ((~yd).sum() + (~pd).sum())
    return np.mean(f1), (fd + fo) / 2


def cross_validate(X, y, story, known):
    stories = sorted(set(story))
    out = []
    for seed in range(ASSIGNMENTS):
        order = list(stories)
        if seed:  # assignment 0 is eval's own: stories dealt round-robin in id order
            np.random.RandomState(seed).shuffle(order)
        fold = {s: i % 5 for i, s in enumerate(order)}
        f = np.array([fold[s] for s in story])
        pred = np.zeros(len(y), int)
        for k in range(5):
            pred[f == k] = fit(X[f != k], y[f != k])(X[f == k])
        pred[known] = 2  # a known version is reported as itself, as eval does
        out.append(scores(y, pred))
    return np.mean(out, 0), np.min(out, 0), np.max(out, 0)


def main():
    cli = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build", "native", "storyprint")
    for f in ("known.jsonl", "pages.jsonl", "spans.jsonl"):
        if not os.path.exists(os.path.join(DATA, f)):
            sys.exit(f"label-ceiling: {DATA}/{f} is missing (shared development data)")
    pages = {p["id"]: p for p in map(json.loads, open(os.path.join(DATA, "pages.jsonl"), encoding="utf-8"))}
    spans = {s["id"]: s["spans"] for s in map(json.loads, open(os.path.join(DATA, "spans.jsonl"), encoding="utf-8"))}
    with tempfile.NamedTemporaryFile(suffix=".jsonl") as tmp:
        subprocess.run([cli, "eval", "--known", os.path.join(DATA, "known.jsonl"), "--pages",
                        os.path.join(DATA, "pages.jsonl"), "--predictions", tmp.name],
                       check=True, stdout=subprocess.DEVNULL)
        preds = [json.loads(line) for line in open(tmp.name, encoding="utf-8")]
    engine, gold, y, story, known = [], [], [], [], []
    for r in preds:
        if r["id"] not in spans:
            continue
        p = pages[r["id"]]
        engine.append(list(r["scores"].values()) if r.get("scores") else None)
        words = {"verbatim": 0, "rewrite": 0, "new": 0}
        for a, b, kind in spans[r["id"]]:
            words[kind] += len(WORD.findall(p["text"][a:b]))
        total = max(1, sum(words.values()))
        gold.append([words["verbatim"] / total, (words["verbatim"] + words["rewrite"]) / total])
        y.append(CLASSES.index(p["label"]))
        story.append((p.get("story_sources") or p.get("sources") or [p["id"]])[0])
        known.append(r.get("known_version") is not None or not r.get("scores"))
    width = max(len(e) for e in engine if e)
    engine = np.array([e if e else [0.0] * width for e in engine])
    gold, y, known = np.array(gold), np.array(y), np.array(known)
    names = next(list(r["scores"]) for r in preds if r.get("scores"))
    # The page's own length (the engine no longer reports it: only comparisons decide its verdict).
    log_tokens = np.log1p(np.array([r["page"]["tokens"] for r in preds if r["id"] in spans], float))[:, None]
    print(f"METER dev, {len(y)} phrase-annotated pages, story-grouped 5-fold CV over {ASSIGNMENTS} fold assignments")
    print(f"{'features':<12} {'macro-F1 mean (range)':<26} binary macro-F1 mean (range)")
    for name, X in (("engine", engine), ("gold", gold), ("gold+len", np.hstack([gold, log_tokens])),
                    ("engine+gold", np.hstack([engine, gold]))):
        mean, lo, hi = cross_validate(X, y, story, known)
        print(f"{name:<12} {mean[0]:.3f} ({lo[0]:.3f}-{hi[0]:.3f})        {mean[1]:.3f} ({lo[1]:.3f}-{hi[1]:.3f})")


if __name__ == "__main__":
    main()
