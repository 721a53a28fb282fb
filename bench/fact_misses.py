"""Why gold facts are missed, as counts: which stage lost each one.

    python bench/fact_misses.py DB --gold DIR [--list]

For every gold fact the database does not hold right (../shared/eval/score.py's rule: the key is
there and every value equals the gold's), the cause is the first stage that lost it:

* ``no mention``: the gold value is no quantity mention of the report (the recognizer or the
  unit lost it, or the gold figure is derived);
* ``no candidate``: a mention holds the value but no reading labelled it with the key (the
  label, the clause, or the form's row was not read as that key);
* ``outranked``: a candidate of the key holds the value, and another value was chosen;
* ``wrong only``: the key holds only other values and no candidate the gold's.

Each cause is split by the self-assessment forms the report has (``form:`` their templates and
status) or none (``prose``). Prints counts only (``--list`` adds file and key, never text), so it may run on a
blind set; it is the integrator's measure, not a tuning loop.
"""
from __future__ import annotations

import argparse
import json
import math
import sqlite3
import sys
from collections import Counter
from pathlib import Path


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)


def causes(conn: sqlite3.Connection, gold_dir: Path) -> tuple[Counter, list[tuple[str, str, str]]]:
    """(count per "cause (form|prose)", [(file, key, cause)])."""
    counts: Counter = Counter()
    rows: list[tuple[str, str, str]] = []
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        ids = [r for (r,) in conn.execute(
            "select r.id from reports r join documents d on d.id = r.document_id where d.file_name = ?",
            (gold["file"],))]
        if not ids:
            continue
        marks = ",".join("?" * len(ids))
        forms = conn.execute(f"select template, status from forms where report_id in ({marks})", ids).fetchall()
        where = "form: " + ", ".join(sorted({f"{t or '?'} {st or '?'}" for t, st in forms})) if forms else "prose"
        mentions = [v for (v,) in conn.execute(
            f"select value from mentions where report_id in ({marks}) and value is not null", ids)]
        for key, want in (gold.get("facts") or {}).items():
            got = [v for (v,) in conn.execute(
                f"select value from facts where key = ? and report_id in ({marks}) and value is not null", (key, *ids))]
            if got and all(close(float(v), float(want)) for v in got):
                continue
            cands = [v for (v,) in conn.execute(
                f"select value from fact_candidates where key = ? and report_id in ({marks}) and value is not null",
                (key, *ids))]
            base = key.split(".")[0]
            if any(close(float(v), float(want)) for v in cands):
                cause = "outranked"
            elif got:
                cause = "wrong only"
            elif any(close(float(v), float(want)) for v in mentions):
                cause = "no candidate"
            else:
                cause = "no mention"
            counts[f"{cause} ({where})"] += 1
            rows.append((gold["file"], base if base == key else key, cause))
    return counts, rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("db", type=Path)
    ap.add_argument("--gold", type=Path, required=True)
    ap.add_argument("--list", action="store_true", help="also each miss's file, key and cause")
    ap.add_argument("--by-key", action="store_true", help="also the count per key and cause")
    args = ap.parse_args()
    with sqlite3.connect(args.db) as conn:
        counts, rows = causes(conn, args.gold)
    for cause, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"{n:4d}  {cause}")
    if args.by_key:
        for (key, cause), n in sorted(Counter((k, c) for _, k, c in rows).items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"{n:4d}  {key}: {cause}")
    if args.list:
        for file, key, cause in rows:
            print(f"{file}\t{key}\t{cause}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
