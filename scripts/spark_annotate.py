#!/usr/bin/env python3
"""Annotate a JSONL corpus on a Spark cluster (or locally) through the byline binary.

    scripts/spark_annotate.py --input corpus.jsonl --output annotated/ [--partitions 64] [--master local[2]]

Each input line is {"id": ..., "text": ...}. Spark splits the lines into partitions and pipes each partition
through `byline annotate --input jsonl --format jsonl -` (RDD.pipe): byline is a clean Unix filter, one line
out per line in, in order, and a document that fails comes back as {"id", "error"} instead of being lost.
The output folder holds Spark's part files, one annotate JSON object a line.

Every executor needs the byline binary and the rule set at the paths given (--byline, --rules): ship them
with the job (spark-submit --files / an image) or put them on shared storage.
"""
import argparse
import os
import shlex
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", required=True, help="JSONL file, folder or glob (any path Spark reads)")
    parser.add_argument("--output", required=True, help="output folder (must not exist)")
    parser.add_argument("--byline", default=os.path.join(ROOT, ".build", "release", "byline"))
    parser.add_argument("--rules", default=os.path.join(ROOT, "Rules"))
    parser.add_argument("--partitions", type=int, default=None, help="number of partitions (default: Spark's)")
    parser.add_argument("--master", default=None, help="Spark master (default: spark-submit's, else local[*])")
    parser.add_argument("--threads", type=int, default=1, help="byline threads per partition (default 1: Spark runs one task per core)")
    args = parser.parse_args()

    from pyspark import SparkConf, SparkContext  # imported here so --help works without PySpark

    conf = SparkConf().setAppName("byline-annotate")
    if args.master:
        conf = conf.setMaster(args.master)
    elif not conf.contains("spark.master"):
        conf = conf.setMaster("local[*]")
    sc = SparkContext(conf=conf)
    sc.setLogLevel("WARN")
    try:
        lines = sc.textFile(args.input, minPartitions=args.partitions) if args.partitions else sc.textFile(args.input)
        # Blank lines would come back as nothing; drop them here so the counts below compare like with like.
        lines = lines.filter(lambda line: line.strip() != "")
        command = [args.byline, "annotate", "--rules", args.rules, "--input", "jsonl", "--format", "jsonl",
                   "--jobs", str(args.threads), "--quiet", "-"]
        annotated = lines.pipe(" ".join(shlex.quote(part) for part in command), checkCode=False)
        annotated.saveAsTextFile(args.output)
        read = lines.count()
        written = sc.textFile(args.output).count()
        print(f"spark_annotate: {read} documents in, {written} out -> {args.output}", file=sys.stderr)
        if read != written:
            sys.exit(f"spark_annotate: {read} documents in but {written} out")
    finally:
        sc.stop()


if __name__ == "__main__":
    main()
