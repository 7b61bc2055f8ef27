#!/usr/bin/env python3
"""Generate a deterministic news-like corpus for benchmarks: JSONL ({"id", "text"} a line) or plain text.

The sentences are templates written for this project, filled with names and places drawn from the
project's gazetteers and a fixed list of invented surnames. Same arguments, same bytes.

    scripts/generate-news.py --megabytes 50 --out /tmp/news.jsonl
    scripts/generate-news.py --megabytes 10 --format text --out /tmp/news.txt
"""
import argparse, csv, json, os, random

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SURNAMES = ["Okafor", "Mensah", "Castellano", "Nwosu", "Tanaka", "Kowalska", "Reyes", "Brandt", "Moyo",
            "Haddad", "Ivanova", "Lindqvist", "Oduya", "Park", "Sato", "Varga", "Quispe", "Achebe", "Farouk",
            "Dubois", "Kariuki", "Novak", "Petrov", "Silva", "Yilmaz", "Zhou", "Banda", "Ortega", "Murphy"]

TEMPLATES = [
    '{title} {first} {last} said on {day} that talks with {place2} would resume next week.',
    '"We are not going to accept this," {last} told reporters in {place}.',
    '{first} {last}, the {lower_title}, said the plan was "a serious mistake" and urged {place2} to reconsider.',
    'Officials in {place} said the agreement could be signed before the end of the month, according to {first} {last}.',
    'The {demonym} government has not commented. A spokesperson in {place} declined to give details.',
    'Markets in {place} rose 1.2% on {day} after {title} {last} signalled a pause in rate rises.',
    '"It is too early to say," said {first} {last}, an economist at a bank in {place}. "But the signs are good."',
    'Dr. {first} {last} arrived in {place} late on {day} for meetings with the U.S. delegation.',
    'Protesters gathered outside the parliament in {place} on {day}, calling on {title} {last} to resign.',
    '{last} added that {place2} had "every reason" to stay at the table.',
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def read_names(path, cls_prefix, min_population=0):
    names = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 2 and cols[1].startswith(cls_prefix) and "case=upper" not in line:
                attrs = dict(kv.split("=", 1) for kv in cols[3].split(";")) if len(cols) > 3 and cols[3] else {}
                if int(attrs.get("population", "0") or 0) >= min_population:
                    names.append(cols[0])
    return sorted(set(names))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--megabytes", type=float, default=50)
    parser.add_argument("--format", choices=["jsonl", "text"], default="jsonl")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    gaz = os.path.join(ROOT, "Gazetteers")
    places = (read_names(os.path.join(gaz, "countries.tsv"), "place") + read_names(os.path.join(gaz, "regions.tsv"), "place")
              + read_names(os.path.join(gaz, "cities.tsv"), "place", min_population=300_000))
    firsts = read_names(os.path.join(gaz, "first-names.tsv"), "person/first")
    demonyms = read_names(os.path.join(gaz, "demonyms.tsv"), "demonym")
    titles = ["Foreign Minister", "Finance Minister", "President", "Prime Minister", "Governor", "Senator",
              "Trade Secretary", "Deputy Prime Minister"]
    rng = random.Random(args.seed)
    target = int(args.megabytes * 1_000_000)
    written = 0
    number = 0
    tmp = args.out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as out:
        while written < target:
            number += 1
            paragraphs = []
            paragraphs.append(f"{rng.choice(places).upper()} TALKS: {rng.choice(SURNAMES).upper()} SEEKS DEAL")
            for _ in range(rng.randint(6, 12)):
                sentences = []
                for _ in range(rng.randint(1, 3)):
                    title = rng.choice(titles)
                    sentences.append(rng.choice(TEMPLATES).format(
                        title=title, lower_title=title.lower(), first=rng.choice(firsts), last=rng.choice(SURNAMES),
                        place=rng.choice(places), place2=rng.choice(places), demonym=rng.choice(demonyms),
                        day=rng.choice(DAYS)))
                paragraphs.append(" ".join(sentences))
            text = "\n\n".join(paragraphs) + "\n"
            if args.format == "jsonl":
                line = json.dumps({"id": f"doc{number:07d}", "text": text}, ensure_ascii=False) + "\n"
            else:
                line = text + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
    os.replace(tmp, args.out)
    print(f"{args.out}: {number} documents, {written / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
