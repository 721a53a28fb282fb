"""Label-free audit of report metadata (unit_name, fiscal_year, report_kind) over every non-blind text.

    python bench/metadata_audit.py [--sets pool,heldout,...] [--keep DIR] [--db-dir DIR] [--flagged] [--quiet]

Ingests corpus/pool/*.txt (all but the 40 whose gold is in gold-validation: blind), corpus/heldout, heldout2,
heldout3 and findings — each folder's *.txt only — into temporary databases (``--keep DIR`` keeps
them, ``--db-dir DIR`` reads databases kept before), and prints every report's unit, year and kind
with the source the extractor recorded for each (metadata_sources), and flags what looks wrong
without needing gold:

  no-unit      no unit_name (``no-unit*`` when the person-read cell names one)
  unit-word    the unit holds a verb, a form label or a title word (承担, 负责, 主管部门, 实施单位, 编制,
               关于, 的, 绩效, 自评, 报告, 项目, 年度, a digit …): a name cut at the wrong place
  not-org      the unit is no plausible organisation name: it does not end in an organisation suffix
               of patterns/metadata.toml [unit] suffixes (nor is it a township after its county)
  unit≠ref     the unit differs (after score.py's norm_name, traditional characters simplified) from
               the person-read unit: the set's gold JSON where one exists, else its sources.tsv
  no-year, year≠ref, no-kind, kind≠ref   the same for the year and the kind

``flagged`` counts the documents with any flag. A document's reports are checked together: the document is flagged for a field when none of its
reports has a good value (as ../shared/eval/score.py scores: any report may match). Counts per set
and in all come last. The person-read cells are used only to flag; the label-free flags (no-unit,
unit-word, not-org, no-year, no-kind) need none.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sqlite3
import sys
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # corpus_sets.py, beside this script, also when loaded by path
from corpus_sets import BLIND_FOLDERS, ingest

ROOT = Path(__file__).resolve().parent.parent
SETS = ("pool", "heldout", "heldout2", "heldout3", "findings")
BLIND = BLIND_FOLDERS
# Words that never belong in a unit name: verbs, form labels and title words a cut dragged in.
SUSPECT_WORDS = ("承担", "负责", "主管部门", "实施单位", "编制", "关于", "的", "绩效", "自评", "报告",
                 "项目", "年度", "预算", "资金", "支出", "开展", "组织", "根据", "按照", "名称")
# ... unless inside a name's own words (组织部, 机构编制委员会办公室)
NAME_WORDS = ("组织部", "机构编制", "编制委员会", "编制办公室", "编办")
DIGIT = re.compile(r"[0-9]")


def norm_name(s: str | None) -> str:
    """A name as ../shared/eval/score.py compares it: NFKC, no spaces or quotes, no end punctuation."""
    s = unicodedata.normalize("NFKC", s or "")
    for ch in " \t\r\n\u3000“”\"'‘’《》<>":
        s = s.replace(ch, "")
    return s.rstrip("、，,。.；;")


def simplified(s: str) -> str:
    """A cell as the extractor reads text (traditional characters simplified, glosses dropped)."""
    from extractor.text.normalize import normalize
    from extractor.text.traditional import to_simplified

    return to_simplified(normalize(s).text)



def reports(db: Path) -> dict[str, list[dict]]:
    """file name → its reports as dicts (unit, year, kind, sources), documents without one included."""
    con = sqlite3.connect(db)
    out: dict[str, list[dict]] = {f: [] for (f,) in con.execute("select file_name from documents")}
    for f, u, y, k, src in con.execute(
        "select d.file_name, r.unit_name, r.fiscal_year, r.report_kind, r.metadata_sources"
        " from reports r join documents d on d.id = r.document_id order by r.id"
    ):
        out[f].append({"unit": u, "year": y, "kind": k, "sources": json.loads(src or "{}")})
    con.close()
    return out


def references(folder: Path) -> dict[str, dict]:
    """file → person-read unit/year/kind: the gold JSON where one exists, else sources.tsv."""
    refs: dict[str, dict] = {}
    tsv = folder / "sources.tsv"
    if tsv.exists():
        with open(tsv, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                refs[row["file"]] = {"unit": (row.get("unit") or "").strip() or None,
                                     "year": (row.get("year") or "").strip() or None,
                                     "kind": (row.get("kind") or "").strip() or None, "from": "tsv"}
    for r in refs.values():  # notes rather than names ("(not named: 抚远市 unit)", "**市…", "table")
        if r["unit"] and (r["unit"][0] in "(*_" or "not named" in r["unit"] or " (" in r["unit"]):
            r["unit"] = None
        if r["kind"] not in ("department", "project"):
            r["kind"] = None
    gold = folder / "gold"
    if gold.is_dir():
        for p in gold.glob("*.json"):
            g = json.loads(p.read_text(encoding="utf-8"))
            if "report_kind" not in g and "amounts_wan" not in g:
                continue  # a findings gold (inconsistencies), no metadata
            f = g.get("file", p.stem + ".txt")
            refs[f] = {"unit": g.get("unit_name"), "year": str(g["fiscal_year"]) if g.get("fiscal_year") else None,
                       "kind": g.get("report_kind"), "from": "gold"}
    return refs


def unit_flags(unit: str | None) -> list[str]:
    """Label-free flags of one unit name."""
    from extractor.interpret.metadata.lexicon import is_township, region_of, suffix_ends

    if not unit:
        return ["no-unit"]
    flags = []
    masked = unit
    for w in NAME_WORDS:
        masked = masked.replace(w, "_")
    if any(w in masked for w in SUSPECT_WORDS) or DIGIT.search(unit):
        flags.append("unit-word")
    unit = re.sub(r"\([^()]*\)$", "", unit) or unit  # other names in brackets: 宁国市财政局(市国资委、…)
    reg = region_of(unit)
    if len(unit) not in suffix_ends(unit) and not (reg and is_township(unit[len(reg):])):
        flags.append("not-org")
    return flags


def same_unit(want: str, got: str | None) -> bool:
    """Whether ``got`` is the person-read unit (as written, or with traditional characters simplified)."""
    if not got:
        return False
    return norm_name(got) in (norm_name(want), norm_name(simplified(want)))


def audit(name: str, found: dict[str, list[dict]], refs: dict[str, dict]) -> tuple[list[str], Counter]:
    """Lines describing each document (flags first) and the count of each flag."""
    lines, counts = [], Counter()
    for f in sorted(found):
        reps = found[f] or [{"unit": None, "year": None, "kind": None, "sources": {}}]
        ref = refs.get(f, {})
        flags: list[str] = []
        per_report = [unit_flags(r["unit"]) for r in reps]
        best = min(per_report, key=len)
        flags += best
        if "no-unit" in best and ref.get("unit"):
            flags[flags.index("no-unit")] = "no-unit*"
        if ref.get("unit") and any(r["unit"] for r in reps) and not any(same_unit(ref["unit"], r["unit"]) for r in reps):
            flags.append("unit≠ref")
        if ref.get("from") == "gold" and not ref.get("unit") and any(r["unit"] for r in reps):
            flags.append("unit-not-in-gold")
        if not any(r["year"] for r in reps):
            flags.append("no-year")
        elif ref.get("year", "") and ref["year"].isdigit() and not any(str(r["year"]) == ref["year"] for r in reps):
            flags.append("year≠ref")
        if not any(r["kind"] for r in reps):
            flags.append("no-kind")
        elif ref.get("kind") and not any(r["kind"] == ref["kind"] for r in reps):
            flags.append("kind≠ref")
        counts.update(flags)
        counts["documents"] += 1
        counts["flagged"] += bool(flags)
        for i, r in enumerate(reps):
            src = r["sources"]
            head = f"{name}/{f}" + (f"#{i + 1}" if len(reps) > 1 else "")
            lines.append(
                f"{'!' if flags else ' '} {head:22} unit={r['unit']!s} [{src.get('unit_name', '-')}]"
                f"  year={r['year']!s} [{src.get('fiscal_year', '-')}]  kind={r['kind']!s} [{src.get('report_kind', '-')}]"
                + (f"  ref={ref.get('unit')!s}/{ref.get('year')!s}/{ref.get('kind')!s}({ref.get('from')})" if ref else "")
                + (f"  FLAGS {' '.join(flags)}" if flags and i == 0 else "")
            )
    return lines, counts


ORDER = ("documents", "flagged", "no-unit", "no-unit*", "unit-word", "not-org", "unit≠ref", "unit-not-in-gold",
         "no-year", "year≠ref", "no-kind", "kind≠ref")


def main(argv=None) -> int:
    """Print the audit and the counts of each flag per set and in all."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sets", default=",".join(SETS), help="comma-separated folders of corpus/")
    ap.add_argument("--keep", type=Path, help="keep the databases in this folder")
    ap.add_argument("--db-dir", type=Path, help="read databases kept before by --keep (SET.db)")
    ap.add_argument("--flagged", action="store_true", help="print flagged documents only")
    ap.add_argument("--quiet", action="store_true", help="print the counts only")
    args = ap.parse_args(argv)
    sets = [s for s in args.sets.split(",") if s]
    if any(s in BLIND for s in sets):
        sys.exit("blind sets are never audited")
    total: Counter = Counter()
    table = []
    with tempfile.TemporaryDirectory() as tmp:
        where = args.keep or Path(tmp)
        where.mkdir(parents=True, exist_ok=True)
        for s in sets:
            folder = ROOT / "corpus" / s
            db = (args.db_dir or where) / f"{s}.db"
            if not args.db_dir:
                db.unlink(missing_ok=True)
                ingest(folder, db)
            lines, counts = audit(s, reports(db), references(folder))
            if not args.quiet:
                for line in lines:
                    if not args.flagged or line.startswith("!"):
                        print(line)
            total.update(counts)
            table.append((s, counts))
    table.append(("all", total))
    print()
    width = max(map(len, ORDER)) + 1
    print(f"{'set':10}" + "".join(f"{k:>{width}}" for k in ORDER))
    for s, c in table:
        print(f"{s:10}" + "".join(f"{c.get(k, 0):>{width}}" for k in ORDER))
    return 0


if __name__ == "__main__":
    sys.exit(main())
