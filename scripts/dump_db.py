"""Dump every table of an extractor database as sorted JSON lines, minus what changes per run.

Used to show that a refactoring changed no behaviour: ingest the same folder before and after,
dump both databases, and diff the dumps.

    python scripts/dump_db.py before.db > before.jsonl
    python scripts/dump_db.py after.db > after.jsonl
    diff before.jsonl after.jsonl && echo identical
"""
from __future__ import annotations

import argparse
import json
import sqlite3

# Columns that differ between two runs over the same bytes: clocks and the code's own version.
VOLATILE = {"ingested_at", "at", "mtime", "extractor_version", "patterns_version"}


def dump(path: str, skip_tables: set[str] = frozenset()):
    """Yield one JSON line per row of every ordinary table, tables in name order, rows by id."""
    conn = sqlite3.connect(path)
    names = [r[0] for r in conn.execute(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'"
        " and name not like '%_fts%' order by name")]
    for name in names:
        if name in skip_tables:
            continue
        cols = [r[1] for r in conn.execute(f"pragma table_info([{name}])")]
        keep = [c for c in cols if c not in VOLATILE]
        order = "id" if "id" in cols else "rowid"
        for row in conn.execute(f"select {', '.join(f'[{c}]' for c in keep)} from [{name}] order by {order}"):
            yield json.dumps({"table": name, **dict(zip(keep, row))}, ensure_ascii=False, sort_keys=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("db")
    ap.add_argument("--skip", action="append", default=[], help="a table to leave out (repeatable)")
    args = ap.parse_args()
    for line in dump(args.db, set(args.skip)):
        print(line)


if __name__ == "__main__":
    main()
