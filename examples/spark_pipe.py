"""Fan hookscope out over a Spark cluster with RDD.pipe.

hookscope stays a streaming filter (NDJSON in, rows out); Spark splits the
capture into partitions and runs one `hookscope csv` per partition. This
script does it in local mode and checks that the union of the partitions'
rows equals the single-process output (the same rows, in any order).

    pip install pyspark          # needs Java 17
    cargo build --release
    cargo run --release --example gen-corpus -- --mb 20 --seed 3 > corpus.ndjson
    python3 examples/spark_pipe.py corpus.ndjson [--hookscope target/release/hookscope] [--partitions 8]

On a cluster, ship the binary with `--files hookscope` (spark-submit) and
pipe to `./hookscope`; read the capture from HDFS/S3 with `sc.textFile`.
Each NDJSON line is one payload, so any line split is a valid partition.
JSON Lines rows come back as strings: one row per line, whatever the text
holds (TSV's escapes would do too; CSV's quoted line breaks would not,
since `pipe` splits the output on newlines).
"""

import argparse
import json
import shlex
import subprocess
import sys
from collections import Counter

from pyspark import SparkConf, SparkContext


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("capture", help="an NDJSON capture, one payload a line")
    parser.add_argument("--hookscope", default="target/release/hookscope")
    parser.add_argument("--rows", default="messages")
    parser.add_argument("--partitions", type=int, default=8)
    args = parser.parse_args()

    # `source` is PATH:LINE, which differs between the single run (the
    # capture's line) and a partition (its stdin's line): compare the rest.
    command = [args.hookscope, "--jobs", "1", "csv", "--rows", args.rows, "--format", "jsonl"]

    conf = SparkConf().setMaster(f"local[{args.partitions}]").setAppName("hookscope")
    sc = SparkContext(conf=conf)
    sc.setLogLevel("WARN")
    try:
        lines = sc.textFile(args.capture, minPartitions=args.partitions)
        # hookscope reads stdin when it has no input; an input it cannot
        # parse gives no rows and a message on stderr (Spark fails the task
        # on a nonzero exit, so add `|| true` in a shell wrapper to keep
        # going past bad payloads).
        piped = lines.pipe(shlex.join(command)).map(without_source)
        parallel = Counter(piped.collect())
        partitions = lines.getNumPartitions()
    finally:
        sc.stop()

    single = subprocess.run(command + [args.capture], check=True, capture_output=True, text=True)
    expected = Counter(without_source(line) for line in single.stdout.splitlines())

    print(f"{sum(parallel.values())} rows from {partitions} partitions, "
          f"{sum(expected.values())} rows from one process")
    if parallel != expected:
        missing = expected - parallel
        extra = parallel - expected
        print(f"DIFFERENT: {sum(missing.values())} missing, {sum(extra.values())} extra", file=sys.stderr)
        sys.exit(1)
    print("same rows")


def without_source(line):
    """A JSON Lines row, without its `source`, as canonical text."""
    row = json.loads(line)
    row.pop("source", None)
    return json.dumps(row, sort_keys=True, ensure_ascii=False)


if __name__ == "__main__":
    main()
