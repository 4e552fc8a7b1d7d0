#!/usr/bin/env python3
"""Issue 9 point 10: a complete NuVidio payload whose free-form
content.customerData object holds N keys, each written twice (what
`check --strict` reports as duplicate-key). N=80000 gives about 1.7 MB.

Usage: gen_duplicate_keys.py N > payload.json
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "..", "..", "samples", "nuvidio",
                      "attendant_closed_issue.complete.json")


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 80000
    with open(SAMPLE, encoding="utf-8") as f:
        payload = json.load(f)
    payload["content"]["customerData"] = {"@DUPLICATES@": 0}
    text = json.dumps(payload, separators=(",", ":"), ensure_ascii=False)
    pairs = ",".join(f'"k{i}":{i},"k{i}":{i}' for i in range(n))
    sys.stdout.write(text.replace('{"@DUPLICATES@":0}', "{" + pairs + "}", 1))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
