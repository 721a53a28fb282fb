"""How general the rules in patterns/ are: on how many real texts each one matches.

    PYTHONPATH=. python bench/rule_support.py [--list N] [--file facts]

A rule written for one document matches that document and little else; a rule that reads a family
of layouts or phrasings matches many texts from many sets. For every rule of every patterns file
(rules.rules_of) this searches its compiled pattern in every non-blind real text: corpus/pool,
heldout … heldout9 (corpus_sets.DEVELOPMENT), findings and the development set ../shared/corpus/real (bench/corpus_sets.py
keeps the blind texts out). It prints, per file, how many rules match no text, one text, 2–4,
5–19 and 20 or more, and how many texts of how many sets a rule reaches at the median.
``--list N`` names the rules that match exactly N texts (with the set of that text), to read them.

A rule that matches no text is not dead on that account: it may guard a phrasing the excerpts do
not hold (a counterexample-driven cut, a 大写 numeral) or only compose others through [macros].
The measure counts matches of the pattern alone, not whether the extractor used the match.
"""
from __future__ import annotations

import argparse
import statistics
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
from corpus_sets import DEVELOPMENT, ROOT, texts  # noqa: E402

from extractor import rules  # noqa: E402

SETS = (*DEVELOPMENT, "findings")
DEV = ROOT.parent / "shared" / "corpus" / "real"
BANDS = ((0, 0, "0"), (1, 1, "1"), (2, 4, "2-4"), (5, 19, "5-19"), (20, 10**9, "20+"))


def corpus() -> list[tuple[str, str]]:
    """(set, text) for every non-blind real text."""
    out = []
    for name in SETS:
        folder = ROOT / "corpus" / name
        if folder.is_dir():
            out += [(name, p.read_text(encoding="utf-8", errors="replace")) for p in texts(folder)]
    if DEV.is_dir():
        out += [("dev", p.read_text(encoding="utf-8", errors="replace")) for p in sorted(DEV.glob("*.txt"))]
    return out


def support(files: list[str], docs: list[tuple[str, str]]) -> dict[str, list[tuple[str, list[str]]]]:
    """file → [(rule id, [set of each text it matches])]."""
    out: dict[str, list[tuple[str, list[str]]]] = defaultdict(list)
    for name in files:
        for rule in rules.rules_of(rules.load(name)):
            hits = [s for s, text in docs if rule.regex.search(text)]
            out[name].append((rule.id, hits))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--file", action="append", help="patterns file stem (repeatable); default all")
    ap.add_argument("--list", type=int, metavar="N", help="name the rules matching exactly N texts")
    args = ap.parse_args(argv)
    docs = corpus()
    files = args.file or rules.all_files()
    table = support(files, docs)
    print(f"{len(docs)} non-blind real texts from {len({s for s, _ in docs})} sets\n")
    print(f"{'file':<28}{'rules':>6}" + "".join(f"{b[2]:>7}" for b in BANDS) + f"{'median':>8}{'sets':>6}")
    totals = [0] * len(BANDS)
    for name in files:
        rows = table[name]
        counts = [sum(lo <= len(h) <= hi for _, h in rows) for lo, hi, _ in BANDS]
        totals = [a + b for a, b in zip(totals, counts)]
        med = statistics.median(len(h) for _, h in rows) if rows else 0
        med_sets = statistics.median(len(set(h)) for _, h in rows) if rows else 0
        print(f"{name:<28}{len(rows):>6}" + "".join(f"{c:>7}" for c in counts) + f"{med:>8g}{med_sets:>6g}")
    print(f"{'all':<28}{sum(totals):>6}" + "".join(f"{c:>7}" for c in totals))
    if args.list is not None:
        print()
        for name in files:
            for rid, hits in table[name]:
                if len(hits) == args.list:
                    print(f"{name}: {rid}  {' '.join(sorted(set(hits)))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
