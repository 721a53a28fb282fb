"""Group a set's misses by kind, for reading where the remaining errors are.

    bash bench/pool.sh --verbose | python bench/misses.py --gold corpus/pool/gold

Reads the scorer's ``--verbose`` lines from stdin and prints one count per kind of miss: a fact key
missing or read with the wrong value, a metadata field missing or wrong, a project not found (split
by the report's kind in the gold: the one project of a project report, or one of a department's),
and the quantity lines. It classifies by what was missed, not by why: the why needs a person reading
the text (the closing notes of the issues list those causes).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

LINE = re.compile(r"^(?P<doc>[^:\s]+\.\w+): (?P<what>.*)$")
FACT = re.compile(r"^fact (?P<key>\S+): want (?P<want>\S+) got \[(?P<got>.*)\]$")
META = re.compile(r"^(?P<field>unit_name|fiscal_year|report_kind): want (?P<want>.+) got \[(?P<got>.*)\]$")
QUANTITY = re.compile(r"^(?P<kind>amount|percent|length): (?P<matched>\d+) matched of gold (?P<gold>\d+) / found (?P<found>\d+)")


def _unit_relation(want: str, got: str) -> str:
    """How a wrong unit name stands to the gold's, counts only: longer (it holds the gold's: a verb or a
    label dragged in, or a parent's name before it), shorter (the gold holds it: a place or parent
    dropped), sharing a head or a tail, or apart."""
    want, got = want.strip().strip("'\""), got.strip().strip("[]'\"")
    if want in got:
        return "holds the gold's (longer)"
    if got in want:
        return "held in the gold's (shorter)"
    head = next((i for i, (a, b) in enumerate(zip(want, got)) if a != b), min(len(want), len(got)))
    tail = next((i for i, (a, b) in enumerate(zip(want[::-1], got[::-1])) if a != b), min(len(want), len(got)))
    if tail >= 2:
        return "same ending, other head"
    if head >= 2:
        return "same head, other ending"
    return "apart"


def classify(lines, gold_dir: Path | None) -> Counter:
    """Counts of each kind of miss in the scorer's verbose ``lines``."""
    kinds = {}
    if gold_dir is not None:
        for f in gold_dir.glob("*.json"):
            g = json.loads(f.read_text(encoding="utf-8"))
            kinds[g.get("file", f.stem + ".txt")] = g.get("report_kind")
    out = Counter()
    for line in lines:
        m = LINE.match(line.rstrip("\n"))
        if not m:
            continue
        what = m["what"]
        if what.startswith("project not found"):
            kind = kinds.get(m["doc"])
            out[f"project not found ({kind or 'kind unknown'} report)"] += 1
        elif f := FACT.match(what):
            state = "missing" if f["got"].strip() in ("", "None") else "wrong value"
            out[f"fact {f['key']}: {state}"] += 1
        elif md := META.match(what):
            state = "missing" if md["got"].strip() in ("", "None") else "wrong"
            out[f"{md['field']}: {state}"] += 1
            if md["field"] == "unit_name" and state == "wrong":
                out[f"  unit_name wrong: {_unit_relation(md['want'], md['got'])}"] += 1
        elif q := QUANTITY.match(what):
            gold, found, matched = int(q["gold"]), int(q["found"]), int(q["matched"])
            if gold > matched:
                out[f"{q['kind']}: not found"] += gold - matched
            if found > matched:
                out[f"{q['kind']}: spurious"] += found - matched
        else:
            out["other: " + what[:40]] += 1
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, help="the set's gold folder (to split projects by report kind)")
    args = ap.parse_args(argv)
    counts = classify(sys.stdin, args.gold)
    for what, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"{n:4d}  {what}")
    print(f"{sum(counts.values()):4d}  in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
