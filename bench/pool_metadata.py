"""Metadata accuracy on the whole development pool: unit, fiscal year and kind against sources.tsv.

    python bench/pool_metadata.py [--db X.db] [--verbose] [--pool corpus/pool]

corpus/pool holds 237 real excerpts; all have full gold (bench/pool.sh), and every one has the unit,
year and kind a person read from it in corpus/pool/sources.tsv (columns file, unit, year, kind).
This ingests the pool's *.txt (not the 40 whose gold is in gold-validation: blind) into a temporary database (or reads ``--db``, a database already
ingested from the pool) and compares each document's reports with those cells: a field is right
when any report of the document has it (as ../shared/eval/score.py scores). Unit names are compared
after score.py's ``norm_name``; an empty cell is not scored. ``--verbose`` lists every miss.

Some cells copy a traditional-character mirror as it reads (岳陽縣林業(yè)局, with the mirror's pinyin
glosses), while the extractor reads the text in simplified characters: such a miss is still counted,
but marked "[traditional]" and tallied apart, so the figure can be read both ways. A year cell that
is a range ("2017-2019", a multi-year evaluation) can match no single fiscal year: marked "[range]".
"""
from __future__ import annotations

import argparse
import csv
import sqlite3
import sys
import tempfile
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # corpus_sets.py, beside this script, also when loaded by path
from corpus_sets import ingest, is_blind

ROOT = Path(__file__).resolve().parent.parent
FIELDS = ("unit_name", "fiscal_year", "report_kind")
COLUMNS = {"unit_name": "unit", "fiscal_year": "year", "report_kind": "kind"}


def norm_name(s: str | None) -> str:
    """A name as ../shared/eval/score.py compares it: NFKC, no spaces or quotes, no end punctuation."""
    s = unicodedata.normalize("NFKC", s or "")
    for ch in " \t\r\n\u3000“”\"'‘’《》<>":
        s = s.replace(ch, "")
    return s.rstrip("、，,。.；;")



def reports(db: Path) -> dict[str, list[tuple]]:
    """file name → [(unit_name, fiscal_year, report_kind), ...] of its reports."""
    con = sqlite3.connect(db)
    out: dict[str, list[tuple]] = {}
    for f, u, y, k in con.execute(
        "select d.file_name, r.unit_name, r.fiscal_year, r.report_kind"
        " from reports r join documents d on d.id = r.document_id order by r.id"
    ):
        out.setdefault(f, []).append((u, y, k))
    con.close()
    return out


def same(field: str, want: str, got) -> bool:
    """Whether one report's value equals the hand-read cell."""
    if got is None:
        return False
    if field == "unit_name":
        return norm_name(str(got)) == norm_name(want)
    if field == "fiscal_year":
        return str(got) == want.strip()
    return str(got) == want.strip()


def simplified(s: str) -> str:
    """A cell as the extractor reads text: pinyin glosses dropped, traditional characters simplified."""
    from extractor.text.normalize import normalize
    from extractor.text.traditional import to_simplified

    return to_simplified(normalize(s).text)


def score(pool: Path, found: dict[str, list[tuple]]) -> tuple[dict, list[str]]:
    """Per field (right, scored, misses only in traditional characters), and the misses as lines
    "file field: want … got …"."""
    tally = {f: [0, 0, 0] for f in FIELDS}
    misses = []
    with open(pool / "sources.tsv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if is_blind(pool / row["file"]):
                continue  # a validation excerpt: never run, never scored here
            got = found.get(row["file"], [])
            for i, field in enumerate(FIELDS):
                want = (row.get(COLUMNS[field]) or "").strip()
                if not want:
                    continue
                tally[field][1] += 1
                values = [r[i] for r in got]
                if any(same(field, want, v) for v in values):
                    tally[field][0] += 1
                elif field == "fiscal_year" and not want.isdigit():
                    tally[field][2] += 1
                    misses.append(f"{row['file']} {field}: want {want!r} got {values!r} [range]")
                elif field == "unit_name" and any(same(field, simplified(want), v) for v in values):
                    tally[field][2] += 1
                    misses.append(f"{row['file']} {field}: want {want!r} got {values!r} [traditional]")
                else:
                    misses.append(f"{row['file']} {field}: want {want!r} got {values!r}")
    return tally, misses


def main(argv=None) -> int:
    """Print accuracy per field (and the misses with --verbose)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pool", type=Path, default=ROOT / "corpus" / "pool")
    ap.add_argument("--db", type=Path, help="a database already ingested from the pool")
    ap.add_argument("--verbose", "-v", action="store_true", help="list every miss")
    args = ap.parse_args(argv)
    if args.db:
        found = reports(args.db)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "pool.db"
            ingest(args.pool, db)
            found = reports(db)
    tally, misses = score(args.pool, found)
    if args.verbose:
        for m in misses:
            print(m)
    right = scored = 0
    for field in FIELDS:
        ok, n, trad = tally[field]
        right, scored = right + ok, scored + n
        why = "written in traditional characters" if field == "unit_name" else "a range of years"
        note = f"  (of the misses, {trad} {why} in sources.tsv)" if trad else ""
        print(f"{field:12} accuracy {ok / n if n else 0:.4f}  ({ok}/{n}){note}")
    print(f"{'all':12} accuracy {right / scored if scored else 0:.4f}  ({right}/{scored})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
