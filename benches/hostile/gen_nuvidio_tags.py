#!/usr/bin/env python3
"""Issue 9 point 8: a complete NuVidio payload whose content.tags holds N
primary tags and N sub-tags (each sub-tag after every primary, pointing at
primary i; one in a hundred points nowhere, one primary in a hundred has
two sub-tags). N=20000 gives about 5 MB.

Usage: gen_nuvidio_tags.py N > payload.json
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "..", "..", "samples", "nuvidio",
                      "attendant_closed_issue.complete.json")


def oid(kind, i):
    return f"{kind:02x}{i:022x}"


def tags(n):
    out = []
    for i in range(n):
        subs = [oid(2, i)] + ([oid(3, i)] if i % 100 == 7 else [])
        out.append({"_id": oid(1, i), "id": oid(1, i), "label": f"Primary {i}",
                    "color": "#85cb3c", "type": "primary", "subTags": subs,
                    "settings": {"minSubTags": 1, "maxSubTags": 1}})
    for i in range(n):
        parent = oid(9, i) if i % 100 == 3 else oid(1, i)
        out.append({"_id": oid(2, i), "id": oid(2, i), "label": f"Sub {i}",
                    "color": "#137cd0", "type": "sub-tag", "parentTag": parent})
        if i % 100 == 7:
            out.append({"_id": oid(3, i), "id": oid(3, i), "label": f"Extra {i}",
                        "type": "sub-tag", "parentTag": oid(1, i)})
    return out


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    with open(SAMPLE, encoding="utf-8") as f:
        payload = json.load(f)
    payload["content"]["tags"] = tags(n)
    json.dump(payload, sys.stdout, separators=(",", ":"), ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
