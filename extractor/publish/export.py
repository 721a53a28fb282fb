"""The comparable dataset: one wide row per report plus long tables, as CSV, JSONL or Parquet.

``export(db, out_dir, fmt)`` writes one file per table into ``out_dir``:

    reports_wide   one row per report: metadata and every canonical fact key (with its
                   qualifiers, e.g. ``personnel_expenditure.share_pct``) as a column, and the
                   copies of the report (another format, a mirror: reports.duplicate_of), which
                   are counted once: their rows are not exported, here or in the tables below
    facts          every fact with its provenance (raw, start, end, page, derived)
    projects, outputs, indicators
    findings       every finding with its fingerprint and the reviewer's mark (status, note, time)
    dictionary     every column above with its meaning in Chinese and English and its unit,
                   generated from patterns/dictionary.toml

Values are in the database's canonical units (money 万元, lengths km, rates %). Output is a pure
function of the database: rows sorted by report id then row id, columns in a fixed order, numbers
rounded to 6 decimals (1 元 = 0.0001 万元, so amounts in 元 with 分 stay exact) and written without
exponent, no timestamps. Exporting twice gives byte-identical files.

Formats
  csv      UTF-8 with a byte-order mark and CRLF line ends, because Excel, which most users in
           China open CSVs with, reads BOM-less UTF-8 as GBK and garbles Chinese. Missing values
           are empty cells. Text cells that start with = + - @, a tab, a carriage return or an
           apostrophe get a leading apostrophe, so a spreadsheet never runs report text as a
           formula (OWASP "CSV injection"); ``read_table`` removes it again. Number columns are
           written as plain numbers and never prefixed, so -33.67 stays a number.
  jsonl    UTF-8 without BOM, one JSON object per line, keys in column order, null for missing.
  parquet  typed columns (int64, float64, string) via pyarrow.

A wide cell holds one value: when a report has several facts with the same key, the one read
from the text (not derived) that comes first in the text wins; the ``facts`` table keeps them all.
"""
from __future__ import annotations

import csv
import json
import math
from pathlib import Path

from .. import store
from ..errors import ExportError, PatternError
from .dictionary import DECIMALS, dictionary, dictionary_path, fact_columns, fact_label, format_number

FORMATS = ("csv", "jsonl", "parquet")
TABLES = ("reports_wide", "facts", "projects", "outputs", "indicators", "findings", "dictionary")
# Text cells starting with one of these are prefixed with an apostrophe in CSV.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")

INTEGER, NUMBER, TEXT = "integer", "number", "text"

# Fixed columns of each table, in output order, with their types. patterns/dictionary.toml
# describes each one; reports_wide continues with one number column per fact key.
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "reports_wide": [
        ("report_id", INTEGER), ("file_name", TEXT), ("report_ordinal", INTEGER),
        ("unit_name", TEXT), ("unit_name_normalized", TEXT), ("region", TEXT),
        ("fiscal_year", INTEGER), ("report_kind", TEXT), ("template", TEXT), ("copies", TEXT),
    ],
    "facts": [
        ("id", INTEGER), ("report_id", INTEGER), ("key", TEXT), ("base_key", TEXT),
        ("qualifier", TEXT), ("key_zh", TEXT), ("value", NUMBER), ("unit", TEXT),
        ("derived", INTEGER), ("label", TEXT), ("raw", TEXT), ("start", INTEGER),
        ("end", INTEGER), ("page", INTEGER), ("mention_id", INTEGER), ("rule_id", TEXT),
    ],
    "projects": [
        ("id", INTEGER), ("report_id", INTEGER), ("group_label", TEXT), ("ordinal", INTEGER),
        ("name", TEXT), ("amount", NUMBER), ("purpose", TEXT), ("output_value", NUMBER),
        ("output_unit", TEXT), ("output_text", TEXT), ("goal_status", TEXT),
        ("goal_pct", NUMBER), ("road_code", TEXT), ("stake_from", NUMBER),
        ("stake_to", NUMBER), ("amount_raw", TEXT), ("start", INTEGER), ("end", INTEGER),
        ("page", INTEGER),
    ],
    "outputs": [
        ("id", INTEGER), ("report_id", INTEGER), ("project_id", INTEGER), ("activity", TEXT),
        ("value", NUMBER), ("unit", TEXT), ("raw", TEXT), ("start", INTEGER), ("end", INTEGER),
        ("page", INTEGER),
    ],
    "indicators": [
        ("id", INTEGER), ("report_id", INTEGER), ("form_index", INTEGER), ("form_title", TEXT),
        ("form_project_name", TEXT), ("level1", TEXT), ("level2", TEXT), ("name", TEXT),
        ("target_text", TEXT), ("target_value", NUMBER), ("target_comparator", TEXT),
        ("actual_text", TEXT), ("actual_value", NUMBER), ("unit", TEXT), ("weight", NUMBER),
        ("score", NUMBER), ("deviation_reason", TEXT), ("table_index", INTEGER),
        ("row", INTEGER), ("page", INTEGER), ("start", INTEGER), ("end", INTEGER),
    ],
    "findings": [
        ("id", INTEGER), ("report_id", INTEGER), ("rule", TEXT), ("severity", TEXT),
        ("message", TEXT), ("expected", NUMBER), ("actual", NUMBER), ("difference", NUMBER),
        ("evidence", TEXT), ("fingerprint", TEXT), ("review_status", TEXT), ("review_note", TEXT),
        ("reviewed_at", TEXT),
    ],
    "dictionary": [
        ("table", TEXT), ("column", TEXT), ("meaning_zh", TEXT), ("meaning_en", TEXT),
        ("unit", TEXT), ("type", TEXT),
    ],
}


# ------------------------------------------------------------------ columns and their meaning
def table_columns(table: str) -> list[tuple[str, str]]:
    """(name, type) of every column ``table`` exports, in order."""
    cols = list(COLUMNS[table])
    if table == "reports_wide":
        cols += [(c["key"], NUMBER) for c in fact_columns()]
    return cols


def dictionary_rows() -> list[dict]:
    """The ``dictionary`` table: every exported column described, in export order."""
    d = dictionary()
    facts = {c["key"]: c for c in fact_columns()}
    rows = []
    for table in TABLES:
        described = {c["name"]: c for c in d.get("tables", {}).get(table, {}).get("columns", [])}
        for name, typ in table_columns(table):
            if name in described:
                c = described[name]
                zh, en, unit = c["zh"], c["en"], c["unit"]
            elif table == "reports_wide" and name in facts:
                f = facts[name]
                zh, en, unit = f["zh"], f["en"], f["unit"]
            else:
                raise PatternError(f"{dictionary_path()}: exported column {table}.{name} is not described; add it")
            rows.append({"table": table, "column": name, "meaning_zh": zh, "meaning_en": en,
                         "unit": unit, "type": typ})
    return rows


def _by_id(rows: list[dict]) -> dict:
    """Rows by their id."""
    return {r["id"]: r for r in rows}


# ------------------------------------------------------------------ building the tables
def build_tables(db) -> dict[str, list[dict]]:
    """Every exported table as rows (dicts keyed by column), sorted, values not yet normalized."""
    db = store.as_database(db)
    documents = _by_id(store.table_rows(db, "documents", ["id", "file_name"]))
    reports = store.table_rows(db, "reports", ["id", "document_id", "ordinal", "unit_name",
                                        "unit_name_normalized", "region", "fiscal_year",
                                        "report_kind", "template", "duplicate_of"])
    # copies of one report (another format, a mirror) are counted once: only canonical reports
    # and their rows are exported; reports_wide lists the copies
    copies: dict[int, list[dict]] = {}
    for r in reports:
        if r["duplicate_of"] is not None:
            copies.setdefault(r["duplicate_of"], []).append(r)
    reports = [r for r in reports if r["duplicate_of"] is None]
    canonical = {r["id"] for r in reports}
    mentions = _by_id(store.table_rows(db, "mentions", ["id", "raw", "start", "end", "page"]))
    facts = store.table_rows(db, "facts")
    forms = _by_id(store.table_rows(db, "forms", ["id", "form_index", "title", "project_name"]))

    def mention(mid) -> dict:
        return mentions.get(mid) or {}

    chosen: dict[tuple[int, str], dict] = {}
    for f in sorted(facts, key=lambda f: (bool(f["derived"]), f["start"] is None, f["start"] or 0, f["id"])):
        chosen.setdefault((f["report_id"], f["key"]), f)
    wide = []
    fact_keys = [c["key"] for c in fact_columns()]
    for r in reports:
        row = {
            "report_id": r["id"], "file_name": documents.get(r["document_id"], {}).get("file_name"),
            "report_ordinal": r["ordinal"], "unit_name": r["unit_name"],
            "unit_name_normalized": r["unit_name_normalized"], "region": r["region"],
            "fiscal_year": r["fiscal_year"], "report_kind": r["report_kind"], "template": r["template"],
            "copies": "; ".join(f"{c['id']} {documents.get(c['document_id'], {}).get('file_name')}"
                                for c in copies.get(r["id"], [])) or None,
        }
        for key in fact_keys:
            f = chosen.get((r["id"], key))
            row[key] = f["value"] if f else None
        wide.append(row)

    fact_rows = []
    for f in facts:
        m = mention(f["mention_id"])
        base, _, qualifier = f["key"].partition(".")
        fact_rows.append({
            "id": f["id"], "report_id": f["report_id"], "key": f["key"], "base_key": base,
            "qualifier": qualifier or None, "key_zh": fact_label(f["key"]), "value": f["value"],
            "unit": f["unit"], "derived": f["derived"] or 0, "label": f["label"], "raw": m.get("raw"),
            "start": f["start"] if f["start"] is not None else m.get("start"),
            "end": f["end"] if f["end"] is not None else m.get("end"),
            "page": m.get("page"), "mention_id": f["mention_id"], "rule_id": f["rule_id"],
        })

    project_rows = []
    for p in store.table_rows(db, "projects"):
        m = mention(p["amount_mention_id"])
        project_rows.append({
            **{c: p.get(c) for c, _ in COLUMNS["projects"]},
            "amount_raw": m.get("raw"), "page": m.get("page"),
        })

    output_rows = []
    for o in store.table_rows(db, "outputs"):
        m = mention(o["mention_id"])
        output_rows.append({
            **{c: o.get(c) for c, _ in COLUMNS["outputs"]},
            "raw": m.get("raw"),
            "start": o["start"] if o["start"] is not None else m.get("start"),
            "end": o["end"] if o["end"] is not None else m.get("end"),
            "page": m.get("page"),
        })

    indicator_rows = []
    for i in store.table_rows(db, "indicators"):
        form = forms.get(i["form_id"], {})
        indicator_rows.append({
            **{c: i.get(c) for c, _ in COLUMNS["indicators"]},
            "form_index": form.get("form_index"), "form_title": form.get("title"),
            "form_project_name": form.get("project_name"),
        })

    marks = {m["fingerprint"]: m for m in store.table_rows(db, "finding_reviews")}
    finding_rows = []
    for f in store.table_rows(db, "findings"):
        mark = marks.get(f.get("fingerprint")) or {}
        finding_rows.append({
            **{c: f.get(c) for c, _ in COLUMNS["findings"]},
            "evidence": _canonical_json(f["evidence"]),
            "review_status": mark.get("status"), "review_note": mark.get("note"),
            "reviewed_at": mark.get("reviewed_at"),
        })

    tables = {
        "reports_wide": wide, "facts": fact_rows, "projects": project_rows, "outputs": output_rows,
        "indicators": indicator_rows, "findings": finding_rows,
    }
    for name, rows in tables.items():
        rows[:] = [r for r in rows if r["report_id"] in canonical]
        rows.sort(key=lambda r: (r["report_id"] or 0, r.get("id") or 0))
    tables["dictionary"] = dictionary_rows()
    return tables


def _canonical_json(text: str | None) -> str | None:
    """Evidence JSON re-serialized with sorted keys; left as stored when it is not JSON."""
    if not text:
        return None
    try:
        return json.dumps(json.loads(text), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    except ValueError:
        return text


# ------------------------------------------------------------------ values
def normalize_value(value, typ: str):
    """One cell in its exported form: None for missing (and empty text), int, rounded float, str."""
    if value is None or value == "":
        return None
    if typ == INTEGER:
        return int(value)
    if typ == NUMBER:
        x = float(value)
        if not math.isfinite(x):
            return None
        x = round(x, DECIMALS)
        return 0.0 if x == 0 else x
    return str(value)


def csv_cell(value, typ: str) -> str:
    """A normalized value as a CSV cell; text that a spreadsheet would run as a formula is
    prefixed with an apostrophe."""
    if value is None:
        return ""
    if typ == NUMBER:
        return format_number(value)
    if typ == INTEGER:
        return str(value)
    return "'" + value if value.startswith(FORMULA_START) else value


def normalized_rows(table: str, rows: list[dict]) -> list[list]:
    """The rows of ``table`` as lists of normalized values in column order."""
    cols = table_columns(table)
    return [[normalize_value(r.get(name), typ) for name, typ in cols] for r in rows]


# ------------------------------------------------------------------ writing
def export(db, out_dir: str | Path, fmt: str) -> list[Path]:
    """Write every table of the dataset to ``out_dir/<table>.<fmt>``; returns the paths written."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    writer = {"csv": _write_csv, "jsonl": _write_jsonl, "parquet": _write_parquet}[fmt]
    tables = build_tables(db)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for table in TABLES:
        path = out_dir / f"{table}.{fmt}"
        writer(path, table_columns(table), normalized_rows(table, tables[table]))
        paths.append(path)
    return paths


def _write_csv(path: Path, cols, rows) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow([name for name, _ in cols])
        for row in rows:
            w.writerow([csv_cell(v, typ) for v, (_, typ) in zip(row, cols)])


def _write_jsonl(path: Path, cols, rows) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for row in rows:
            obj = {name: v for (name, _), v in zip(cols, row)}
            f.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _pyarrow():
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ModuleNotFoundError as e:
        raise ModuleNotFoundError("Parquet export needs pyarrow: pip install pyarrow") from e
    return pa, pq


def _arrow_schema(cols):
    pa, _ = _pyarrow()
    types = {INTEGER: pa.int64(), NUMBER: pa.float64(), TEXT: pa.string()}
    return pa.schema([(name, types[typ]) for name, typ in cols])


def _write_parquet(path: Path, cols, rows) -> None:
    pa, pq = _pyarrow()
    schema = _arrow_schema(cols)
    arrays = [pa.array([row[i] for row in rows], type=schema.field(i).type) for i in range(len(cols))]
    pq.write_table(pa.Table.from_arrays(arrays, schema=schema), path)


# ------------------------------------------------------------------ reading back
def read_table(path: str | Path) -> tuple[list[str], list[list]]:
    """Read an exported file back as (column names, rows of typed values), undoing the CSV
    apostrophe; the types come from the dictionary of the export format."""
    path = Path(path)
    table, fmt = path.stem, path.suffix.lstrip(".")
    cols = table_columns(table)
    names = [name for name, _ in cols]
    if fmt == "csv":
        with open(path, encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f)
            header = next(reader)
            rows = [[_parse_csv_cell(cell, typ) for cell, (_, typ) in zip(row, cols)] for row in reader]
    elif fmt == "jsonl":
        with open(path, encoding="utf-8") as f:
            objs = [json.loads(line) for line in f if line.strip()]
        header = list(objs[0]) if objs else names
        rows = [[normalize_value(o.get(name), typ) for name, typ in cols] for o in objs]
    elif fmt == "parquet":
        _, pq = _pyarrow()
        t = pq.read_table(path)
        header = t.column_names
        data = t.to_pydict()
        rows = [[normalize_value(data[name][i], typ) for name, typ in cols] for i in range(t.num_rows)]
    else:
        raise ExportError(f"{path}: unknown export format {fmt!r}")
    if header != names:
        raise ExportError(f"{path}: columns {header} differ from the export's {names}")
    return names, rows


def _parse_csv_cell(cell: str, typ: str):
    if cell == "":
        return None
    if typ == TEXT:
        return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_START) else cell
    return normalize_value(cell, typ)
