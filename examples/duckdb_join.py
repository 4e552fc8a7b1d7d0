"""Query hookscope's rows with DuckDB: messages joined to their talks by
the parent keys every child row carries, durations from the RFC 3339
datetimes (`--times utc`, the default).

    pip install duckdb
    cargo build --release
    python3 examples/duckdb_join.py samples/batch.ndjson [--hookscope target/release/hookscope]

It writes talks as CSV and messages as JSON Lines into a temporary folder,
runs the queries below and checks that every message found its talk.
The same SQL runs in the duckdb shell on files written by hand:

    hookscope csv --rows talks capture.ndjson > talks.csv
    hookscope csv --rows messages --format jsonl capture.ndjson > messages.jsonl
"""

import argparse
import os
import subprocess
import sys
import tempfile

import duckdb

# Messages per talk and who wrote them, with the talk's own duration.
# TRY_CAST: a datetime the payload spells wrong is written as it is.
PER_TALK = """
SELECT t.talk_id,
       t.customer_id,
       t.duration_s,
       count(*) AS messages,
       count(*) FILTER (WHERE m.sender_kind = 'customer') AS from_customer,
       count(*) FILTER (WHERE m.sender_kind = 'bot') AS from_bot,
       max(TRY_CAST(m.sent_at AS TIMESTAMPTZ)) - min(TRY_CAST(m.sent_at AS TIMESTAMPTZ)) AS span
FROM read_csv('{talks}', all_varchar = true) AS t
JOIN read_json('{messages}', format = 'newline_delimited') AS m
  ON m.talk_id::VARCHAR = t.talk_id AND m.tracking_number::VARCHAR = t.tracking_number
GROUP BY ALL
ORDER BY messages DESC
LIMIT 10
"""

# Every message of one customer, without a join: the rows carry customer_id.
OF_CUSTOMER = """
SELECT sent_at, sender, sender_kind, message
FROM read_json('{messages}', format = 'newline_delimited')
WHERE customer_id::VARCHAR = ?
ORDER BY sent_at
"""

UNMATCHED = """
SELECT count(*)
FROM read_json('{messages}', format = 'newline_delimited') AS m
ANTI JOIN read_csv('{talks}', all_varchar = true) AS t ON m.talk_id::VARCHAR = t.talk_id
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("capture")
    parser.add_argument("--hookscope", default="target/release/hookscope")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        files = {
            "talks": os.path.join(folder, "talks.csv"),
            "messages": os.path.join(folder, "messages.jsonl"),
        }
        export(args, ["--rows", "talks"], files["talks"])
        export(args, ["--rows", "messages", "--format", "jsonl"], files["messages"])

        db = duckdb.connect()
        show(db.execute(PER_TALK.format(**files)))
        customer = db.execute(
            "SELECT customer_id::VARCHAR FROM read_json('{messages}', format = 'newline_delimited') LIMIT 1".format(**files)
        ).fetchone()
        if customer:
            show(db.execute(OF_CUSTOMER.format(**files), [customer[0]]))
        (unmatched,) = db.execute(UNMATCHED.format(**files)).fetchone()
    if unmatched:
        print(f"{unmatched} messages have no talk", file=sys.stderr)
        sys.exit(1)
    print("every message joined its talk")


def export(args, options, path):
    with open(path, "w", encoding="utf-8") as out:
        subprocess.run([args.hookscope, "csv", *options, args.capture], stdout=out, check=True)


def show(relation):
    columns = [d[0] for d in relation.description]
    print("\t".join(columns))
    for row in relation.fetchall():
        print("\t".join("" if v is None else str(v) for v in row))
    print()


if __name__ == "__main__":
    main()
