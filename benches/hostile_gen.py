#!/usr/bin/env python3
"""Hostile inputs for benches/hostile.sh, one generator per kind of input.

    python3 benches/hostile_gen.py KIND N > FILE

Each generator takes one size argument N and writes one payload (or one
stream) to stdout, built from the samples so that it is recognised as the
real thing. To add a kind: write a function `kind_name(n)` that returns
the text and add it to KINDS.
"""

import json
import sys

ROOT = __file__.rsplit("/benches/", 1)[0] if "/benches/" in __file__ else "."


def sample(path):
    with open(f"{ROOT}/samples/{path}", encoding="utf-8") as f:
        return json.load(f)


def talk_message(text):
    """A PipeRun talk whose first message is `text`."""
    talk = sample("piperun/talk.json")
    talk["talk_histories"][0]["message"] = text
    return json.dumps(talk)


def nuvidio_notes(notes):
    """A complete NuVidio payload whose first issue's notes are `notes`."""
    payload = sample("nuvidio/attendant_closed_issue.complete.json")
    payload["content"]["issues"][0]["notes"] = notes
    return json.dumps(payload)


def talk_word(n):
    """One unbroken word of n bytes in a message (issue 9 point 7)."""
    return talk_message("x" * n)


def talk_number(n):
    """A number of n digits where the talk's id is (issue 9 point 7)."""
    text = talk_message("hello")
    return text.replace('"id": 114603,', '"id": ' + "7" * n + ",", 1)


def notes_comments(n):
    """`<!--` n times in issue notes, never closed (issue 9 point 9)."""
    return nuvidio_notes("<!--" * n)


def notes_a(n):
    """`<a` n times in issue notes, never closed (issue 9 point 9)."""
    return nuvidio_notes("<a" * n)


def talk_unknown_keys(n):
    """A talk with n unknown top-level keys (issue 9 point 13)."""
    text = talk_message("hello")
    extra = ",".join(f'"k{i:07}":{i}' for i in range(n))
    return text[:-1] + "," + extra + "}"


def oid(kind, i):
    """A 24-hex-digit object id: `kind` in the first byte, `i` after it."""
    return f"{kind:02x}{i:022x}"


def nuvidio_tags(n):
    """A complete NuVidio payload whose content.tags holds n primary tags
    and n sub-tags, every sub-tag after every primary; one sub-tag in a
    hundred points nowhere and one primary in a hundred has two sub-tags
    (issue 9 point 8; n=20000 is about 7 MB)."""
    tags = []
    for i in range(n):
        subs = [oid(2, i)] + ([oid(3, i)] if i % 100 == 7 else [])
        tags.append({"_id": oid(1, i), "id": oid(1, i), "label": f"Primary {i}",
                     "color": "#85cb3c", "type": "primary", "subTags": subs,
                     "settings": {"minSubTags": 1, "maxSubTags": 1}})
    for i in range(n):
        parent = oid(9, i) if i % 100 == 3 else oid(1, i)
        tags.append({"_id": oid(2, i), "id": oid(2, i), "label": f"Sub {i}",
                     "color": "#137cd0", "type": "sub-tag", "parentTag": parent})
        if i % 100 == 7:
            tags.append({"_id": oid(3, i), "id": oid(3, i), "label": f"Extra {i}",
                         "type": "sub-tag", "parentTag": oid(1, i)})
    payload = sample("nuvidio/attendant_closed_issue.complete.json")
    payload["content"]["tags"] = tags
    return json.dumps(payload, separators=(",", ":"))


def duplicate_keys(n):
    """A complete NuVidio payload whose free-form content.customerData
    holds n keys, each written twice (issue 9 point 10; n=80000 is about
    2.3 MB)."""
    payload = sample("nuvidio/attendant_closed_issue.complete.json")
    payload["content"]["customerData"] = {"@DUPLICATES@": 0}
    text = json.dumps(payload, separators=(",", ":"))
    pairs = ",".join(f'"k{i}":{i},"k{i}":{i}' for i in range(n))
    return text.replace('{"@DUPLICATES@":0}', "{" + pairs + "}", 1)


def talk_messages(n):
    """A talk with n copies of the sample's messages (issue 9 point 13: peak
    memory per payload)."""
    talk = sample("piperun/talk.json")
    base = talk["talk_histories"]
    talk["talk_histories"] = [dict(base[i % len(base)], id=i) for i in range(n)]
    return json.dumps(talk)


KINDS = {
    "talk-messages": talk_messages,
    "nuvidio-tags": nuvidio_tags,
    "duplicate-keys": duplicate_keys,
    "talk-word": talk_word,
    "talk-number": talk_number,
    "notes-comments": notes_comments,
    "notes-a": notes_a,
    "talk-unknown-keys": talk_unknown_keys,
}


def main():
    kind, n = sys.argv[1], int(sys.argv[2])
    sys.stdout.write(KINDS[kind](n))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
