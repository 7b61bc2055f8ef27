#!/usr/bin/env python3
"""Cross-check `byline eval` against nervaluate and seqeval on a generated fixture set.

    python3 -m pip install nervaluate==1.2.1 seqeval==1.2.2
    scripts/crosscheck-eval.py [--byline .build/debug/byline] [--documents 200] [--seed 1]

Generates gold and predicted documents (whitespace-separated tokens, entities on token boundaries, and
predictions perturbed from the gold: shifted boundaries, wrong labels, drops, spurious spans, nested and
crossing spans), scores them with `byline eval --format json`, with nervaluate (all four schemes, overall
and per label) and with seqeval (entity-level strict, on BIO tags of the flat, non-nested subset), and
fails unless every precision, recall and F1 agrees to the third decimal.
"""
import argparse, json, os, random, subprocess, sys, tempfile

LABELS = ["PERSON", "TITLE", "PLACE"]
WORDS = "the minister said on Monday that talks in Geneva would resume after a pause of two weeks".split()


def make_document(rng, index, nested):
    tokens = [rng.choice(WORDS) for _ in range(rng.randint(5, 40))]
    starts, position = [], 0
    for token in tokens:
        starts.append(position)
        position += len(token) + 1
    text = " ".join(tokens)

    def span(first, last, label):
        return {"start": starts[first], "end": starts[last] + len(tokens[last]), "label": label}

    gold, taken, i = [], set(), 0
    while i < len(tokens):
        if rng.random() < 0.25:
            length = rng.randint(1, 3)
            last = min(len(tokens) - 1, i + length - 1)
            gold.append(span(i, last, rng.choice(LABELS)))
            if nested and last > i and rng.random() < 0.3:
                gold.append(span(i, i, "PLACE" if gold[-1]["label"] != "PLACE" else "PERSON"))
            i = last + 2
        else:
            i += 1
    pred = []
    for g in gold:
        r = rng.random()
        first = next(k for k, s in enumerate(starts) if s == g["start"])
        last = max(k for k, s in enumerate(starts) if s < g["end"])
        if r < 0.55:
            pred.append(dict(g))
        elif r < 0.65:
            pred.append(dict(g, label=rng.choice([l for l in LABELS if l != g["label"]])))
        elif r < 0.8 and last + 1 < len(tokens):
            pred.append(span(first, last + 1, g["label"]))
        elif r < 0.9 and last > first:
            pred.append(span(first + 1, last, g["label"]))
        # else: missed
    for _ in range(rng.randint(0, 2)):
        k = rng.randrange(len(tokens))
        pred.append(span(k, k, rng.choice(LABELS)))
    if not nested:  # BIO cannot hold overlapping spans: keep the flat subset seqeval can read
        pred = flat(pred)
    # byline drops identical predictions; so that both tools see the same input, the fixture has none.
    unique = {(p["start"], p["end"], p["label"]): p for p in pred}
    pred = list(unique.values())
    key = lambda e: (e["start"], e["end"], e["label"])
    return ({"id": f"d{index:04d}", "text": text, "entities": sorted(gold, key=key)},
            {"id": f"d{index:04d}", "text": text, "entities": sorted(pred, key=key)}, tokens, starts)


def flat(spans):
    out = []
    for s in sorted(spans, key=lambda e: (e["start"], -e["end"])):
        if all(s["start"] >= o["end"] or s["end"] <= o["start"] for o in out):
            out.append(s)
    return out


def bio(entities, tokens, starts):
    tags = ["O"] * len(tokens)
    for e in entities:
        inside = [k for k, s in enumerate(starts) if e["start"] <= s < e["end"]]
        for n, k in enumerate(inside):
            tags[k] = ("B-" if n == 0 else "I-") + e["label"]
    return tags


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--byline", default=os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), ".build", "debug", "byline"))
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    from nervaluate import Evaluator
    from seqeval.metrics import precision_score, recall_score, f1_score, classification_report

    failures, checked = [], 0

    def agree(name, ours, theirs):
        nonlocal checked
        checked += 1
        if round(ours, 3) != round(theirs, 3) and abs(ours - theirs) > 5e-4:
            failures.append(f"{name}: byline {ours:.6f}, reference {theirs:.6f}")

    for nested in (True, False):
        rng = random.Random(args.seed + (0 if nested else 1000))
        docs = [make_document(rng, i, nested) for i in range(args.documents)]
        with tempfile.TemporaryDirectory() as work:
            gold_path, pred_path = os.path.join(work, "gold.jsonl"), os.path.join(work, "pred.jsonl")
            with open(gold_path, "w") as g, open(pred_path, "w") as p:
                for gold, pred, _, _ in docs:
                    g.write(json.dumps(gold) + "\n")
                    p.write(json.dumps(pred) + "\n")
            report = json.loads(subprocess.run([args.byline, "eval", gold_path, pred_path, "--format", "json"],
                                               check=True, capture_output=True, text=True).stdout)
        inclusive = lambda entities: [{"label": e["label"], "start": e["start"], "end": e["end"] - 1} for e in entities]
        # nervaluate's dict loader wants a non-empty first document to infer nothing; pass loader explicitly.
        evaluator = Evaluator([inclusive(g["entities"]) for g, _, _, _ in docs],
                              [inclusive(p["entities"]) for _, p, _, _ in docs], tags=LABELS, loader="dict")
        results = evaluator.evaluate()
        schemes = {"strict": "strict", "exact": "exact", "partial": "partial", "type": "ent_type"}
        for ours, theirs in schemes.items():
            reference = results["overall"][theirs]
            for metric in ("precision", "recall", "f1"):
                agree(f"nested={nested} micro.{ours}.{metric}", report["entities"]["micro"][ours][metric], getattr(reference, metric))
            for label in LABELS:
                if label in results["entities"]:
                    reference = results["entities"][label][theirs]
                    for metric in ("precision", "recall", "f1"):
                        agree(f"nested={nested} {label}.{ours}.{metric}", report["entities"][label][ours][metric], getattr(reference, metric))
        if not nested:
            true_tags = [bio(g["entities"], t, s) for g, _, t, s in docs]
            pred_tags = [bio(p["entities"], t, s) for _, p, t, s in docs]
            agree("seqeval micro.strict.precision", report["entities"]["micro"]["strict"]["precision"], precision_score(true_tags, pred_tags))
            agree("seqeval micro.strict.recall", report["entities"]["micro"]["strict"]["recall"], recall_score(true_tags, pred_tags))
            agree("seqeval micro.strict.f1", report["entities"]["micro"]["strict"]["f1"], f1_score(true_tags, pred_tags))
            per_label = classification_report(true_tags, pred_tags, output_dict=True)
            for label in LABELS:
                for metric, name in (("precision", "precision"), ("recall", "recall"), ("f1", "f1-score")):
                    agree(f"seqeval {label}.strict.{metric}", report["entities"][label]["strict"][metric], per_label[label][name])
    if failures:
        print("\n".join(failures))
        sys.exit(f"crosscheck-eval: {len(failures)} of {checked} scores disagree")
    print(f"crosscheck-eval: all {checked} scores agree with nervaluate and seqeval to the third decimal")


if __name__ == "__main__":
    main()
