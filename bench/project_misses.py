"""Why projects are missed, in counts only, so a blind set can be diagnosed without reading it.

    python bench/project_misses.py DB --gold corpus/heldout4/gold

For every gold project the scorer did not match (name similarity ≥ 0.85 after the scorer's
normalisation, and the same amount), the nearest project found in the same report decides the
cause: none found in the report at all; the name matches but the amount differs or is missing; a
near name (0.6–0.85, usually a prefix or suffix too many or too few); or only distant names. Found
projects that match nothing are counted as extra, split by whether the gold lists any project for
that report. Only counts are printed, never a name, so the output says nothing about the texts.
"""
from __future__ import annotations

import argparse
import difflib
import json
import math
import re
import sqlite3
import unicodedata
from collections import Counter
from pathlib import Path


def norm_name(s: str | None) -> str:
    """The scorer's name normalisation (../shared/eval/score.py)."""
    s = unicodedata.normalize("NFKC", s or "")
    for ch in " \t\r\n\u3000“”\"'‘’《》<>":
        s = s.replace(ch, "")
    return s.rstrip("、，,。.；;")


def same_amount(want, got) -> bool:
    """The scorer's amount test: no gold amount matches anything."""
    return want is None or (got is not None and math.isclose(float(got), float(want), rel_tol=1e-9, abs_tol=1e-6))


def bare(name: str) -> str:
    """A name without a leading year and a trailing 项目/资金 word, to tell conventions from misses."""
    name = re.sub(r"^(?:\d{4}(?:年度|年)?|\d{4}-\d{4}年)", "", name)
    return re.sub(r"(?:项目|专项资金|资金)$", "", name)


def causes(db: sqlite3.Connection, gold_dir: Path) -> Counter:
    """Counts of each cause over the gold files in ``gold_dir``."""
    out = Counter()
    for f in sorted(gold_dir.glob("*.json")):
        gold = json.loads(f.read_text(encoding="utf-8"))
        kind = gold.get("report_kind") or "?"
        found = db.execute(
            "select p.name, p.amount from projects p join reports r on r.id = p.report_id"
            " join documents d on d.id = r.document_id where d.file_name = ?",
            (gold["file"],),
        ).fetchall()
        pool = list(found)
        want = gold.get("projects") or []
        out[f"gold projects ({kind} reports)"] += len(want)
        missed = []
        for wp in want:
            for i, (name, amount) in enumerate(pool):
                ratio = difflib.SequenceMatcher(None, norm_name(wp["name"]), norm_name(name)).ratio()
                if ratio >= 0.85 and same_amount(wp.get("amount_wan"), amount):
                    del pool[i]
                    break
            else:
                missed.append(wp)
        moneyless = not gold.get("amounts_wan") and not gold.get("table_amounts_wan")
        for wp in missed:
            if not found:
                # an excerpt stating no money at all: the dev gold lists no project there (d010: "no
                # amounts in the excerpt, so no project entry"), and the extractor follows it
                if moneyless and wp.get("amount_wan") is None:
                    why = " (no money in the excerpt: dev d010 lists none)"
                else:
                    # one project or a list: a single-project report's project is a different
                    # mechanism from a list of several
                    why = " (report's only gold project)" if len(want) == 1 else " (one of a gold list)"
                out[f"missed: report has no project found{why} ({kind})"] += 1
                continue
            best = max(found, key=lambda p: difflib.SequenceMatcher(None, norm_name(wp["name"]), norm_name(p[0])).ratio())
            ratio = difflib.SequenceMatcher(None, norm_name(wp["name"]), norm_name(best[0])).ratio()
            a, b = norm_name(wp["name"]), norm_name(best[0])
            if ratio >= 0.85:
                why = "amount missing" if best[1] is None else "amount differs"
                out[f"missed: name matches, {why} ({kind})"] += 1
            elif difflib.SequenceMatcher(None, bare(a), bare(b)).ratio() >= 0.85:
                # the two differ only by a year or a 项目/资金 kind word (a naming convention)
                out[f"missed: names differ by a year or kind word only ({kind})"] += 1
            elif a in b or b in a:
                out[f"missed: one name holds the other ({kind})"] += 1
            elif ratio >= 0.6:
                out[f"missed: near name 0.6-0.85 ({kind})"] += 1
            else:
                out[f"missed: only distant names ({kind})"] += 1
        for _ in pool:
            out[f"extra: gold lists {'projects' if want else 'no project'} ({kind})"] += 1
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("db")
    ap.add_argument("--gold", required=True, type=Path)
    args = ap.parse_args()
    with sqlite3.connect(args.db) as db:
        for cause, n in sorted(causes(db, args.gold).items()):
            print(f"{n:4d}  {cause}")


if __name__ == "__main__":
    main()
