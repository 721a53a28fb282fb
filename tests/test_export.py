"""The comparable dataset: wide + long tables as CSV, JSONL and Parquet, and its dictionary."""
import csv
import importlib.util
import json
import tomllib

import pytest

from extractor.errors import ExportError
from extractor.publish import export as ex
from extractor.publish.export import TABLES, build_tables, csv_cell, dictionary_rows, export, read_table, table_columns
from extractor.rules import patterns_dir

from .conftest import CORPUS, EXAMPLE_TXT

PRIOR_2023 = CORPUS / "synthetic" / "prior-year" / "agree" / "2023年度渌口区交通事务中心整体支出绩效自评报告.txt"
from .test_render import add_hand_rows, ingest

HAVE_ARROW = importlib.util.find_spec("pyarrow") is not None
needs_arrow = pytest.mark.skipif(not HAVE_ARROW, reason="Parquet export needs pyarrow (pip install pyarrow)")
FORMATS = ["csv", "jsonl", "parquet"] if HAVE_ARROW else ["csv", "jsonl"]


@pytest.fixture(scope="module")
def real_db(tmp_path_factory):
    return ingest(tmp_path_factory.mktemp("real") / "r.db", sorted(CORPUS.glob("*.txt")))


@pytest.fixture(scope="module")
def hand_db(tmp_path_factory):
    """The UTF-8 example plus the unit's 2023 report; report 1 gets known facts, projects, findings
    (a project named like a formula), report 2 keeps whatever the pipeline extracted. (The GB18030
    copy of the example would be a copy of report 1, counted once: test_copies_are_counted_once.)"""
    db = ingest(tmp_path_factory.mktemp("hand") / "h.db", [EXAMPLE_TXT, PRIOR_2023])
    add_hand_rows(db, 1)
    db["outputs"].insert({"id": 932, "report_id": 1, "activity": "+SUM(A1:A9)", "value": 0.1 + 0.2,
                          "unit": "@km"})
    db["outputs"].insert({"id": 933, "report_id": 1, "activity": "\tcmd|' /C calc'!A0", "value": 1e-9,
                          "unit": "-m"})
    db["outputs"].insert({"id": 934, "report_id": 1, "activity": "'quoted", "value": -2.0, "unit": "\rx"})
    return db


def _rows_by_id(table, db):
    return {r["id"]: r for r in build_tables(db)[table]}


# ------------------------------------------------------------------ content
def test_reports_wide_has_one_row_per_report_and_every_fact_key(hand_db):
    wide = build_tables(hand_db)["reports_wide"]
    assert [r["report_id"] for r in wide] == [1, 2]
    cols = [name for name, _ in table_columns("reports_wide")]
    assert cols[:10] == ["report_id", "file_name", "report_ordinal", "unit_name", "unit_name_normalized",
                         "region", "fiscal_year", "report_kind", "template", "copies"]
    for key in ("total_expenditure", "personnel_expenditure", "personnel_expenditure.share_pct",
                "three_public_total.yoy_pct", "self_score", "staff_actual"):
        assert key in cols
    row = wide[0]
    assert row["file_name"] == EXAMPLE_TXT.name and row["fiscal_year"] == 2024 and row["report_kind"] == "department"
    assert row["unit_name"] == "渌口区交通事务中心"
    assert row["personnel_expenditure"] == 1048.772537
    assert row["personnel_expenditure.share_pct"] == 10
    assert row["three_public_total.yoy_pct"] == -33.67
    assert row["total_expenditure"] == 10488.604785  # derived, still a value
    assert row["budget_initial"] is None


def test_wide_cell_prefers_a_stated_value_to_a_derived_one(hand_db, tmp_path):
    db = ingest(tmp_path / "w.db", [EXAMPLE_TXT])
    add_hand_rows(db, 1)
    db["facts"].insert({"id": 999, "report_id": 1, "key": "total_expenditure", "value": 10488.6, "unit": "万元",
                        "derived": 0, "start": 10, "end": 20})
    assert build_tables(db)["reports_wide"][0]["total_expenditure"] == 10488.6


def test_long_tables_carry_provenance(hand_db):
    text = hand_db["reports"].get(1)["text"]
    facts = _rows_by_id("facts", hand_db)
    f = facts[901]
    assert (f["key"], f["base_key"], f["qualifier"], f["key_zh"]) == ("personnel_expenditure", "personnel_expenditure", None, "人员经费")
    assert f["raw"] == "1048.772537万元" == text[f["start"]:f["end"]]
    assert (facts[902]["base_key"], facts[902]["qualifier"], facts[902]["key_zh"]) == ("personnel_expenditure", "share_pct", "人员经费占比")
    assert facts[904]["derived"] == 1 and facts[904]["raw"] is None
    p = _rows_by_id("projects", hand_db)[921]
    assert p["amount"] == 125.1126 and p["amount_raw"] == "125.1126万元" and p["group_label"] == "年初预算项目"
    o = _rows_by_id("outputs", hand_db)[931]
    assert (o["value"], o["unit"], o["raw"]) == (2.315, "km", "2315米")
    i = _rows_by_id("indicators", hand_db)[961]
    assert (i["form_index"], i["form_title"], i["form_project_name"]) == (0, "2024年度项目支出绩效自评表", "农村公路日常养护项目")
    finding = _rows_by_id("findings", hand_db)[972]
    assert json.loads(finding["evidence"])[0] == {"id": 901, "type": "fact"}


def test_every_exported_column_is_in_the_dictionary_and_nothing_else(hand_db, tmp_path):
    with open(patterns_dir() / "dictionary.toml", "rb") as f:
        d = tomllib.load(f)
    described = {(t, c["name"]) for t, spec in d["tables"].items() for c in spec["columns"]}
    described |= {("reports_wide", c["key"]) for c in ex.fact_columns()}
    exported = set()
    for path in export(hand_db, tmp_path, "csv"):
        with open(path, encoding="utf-8-sig", newline="") as f:
            exported |= {(path.stem, c) for c in next(csv.reader(f))}
    assert exported == described
    assert set(d["tables"]) == set(TABLES)
    rows = dictionary_rows()
    assert {(r["table"], r["column"]) for r in rows} == exported
    for r in rows:
        assert r["meaning_zh"] and r["meaning_en"] and r["type"] in ("integer", "number", "text"), r
    units = {r["column"]: r["unit"] for r in rows if r["table"] == "reports_wide"}
    assert units["personnel_expenditure"] == "万元" and units["personnel_expenditure.share_pct"] == "%"
    assert units["staff_actual.yoy_delta"] == "人"


def test_dictionary_covers_every_fact_key_the_extractor_knows(real_db):
    known = {c["key"] for c in ex.fact_columns()}
    facts_toml = patterns_dir() / "facts.toml"
    if facts_toml.exists():
        with open(facts_toml, "rb") as f:
            keys = {entry["key"] for entry in tomllib.load(f).get("fact", [])}
        assert keys <= known, keys - known
    stored = {r[0] for r in real_db.execute("select distinct key from facts")}
    assert stored <= known, stored - known


def test_unknown_format_is_refused(hand_db, tmp_path):
    with pytest.raises(ExportError, match="csv, jsonl, parquet"):
        export(hand_db, tmp_path, "xlsx")


# ------------------------------------------------------------------ formats
@pytest.mark.parametrize("fmt", ["csv", "jsonl", pytest.param("parquet", marks=needs_arrow)])
def test_exporting_twice_gives_identical_bytes(hand_db, tmp_path, fmt):
    first = export(hand_db, tmp_path / "a", fmt)
    second = export(hand_db, tmp_path / "b", fmt)
    assert [p.name for p in first] == [f"{t}.{fmt}" for t in TABLES]
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_csv_is_utf8_with_bom_and_neutralizes_formulas(hand_db, tmp_path):
    export(hand_db, tmp_path, "csv")
    raw = (tmp_path / "outputs.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    with open(tmp_path / "outputs.csv", encoding="utf-8-sig", newline="") as f:
        rows = {r["id"]: r for r in csv.DictReader(f)}
    assert rows["932"]["activity"] == "'+SUM(A1:A9)" and rows["932"]["unit"] == "'@km"
    assert rows["933"]["activity"] == "'\tcmd|' /C calc'!A0" and rows["933"]["unit"] == "'-m"
    assert rows["934"]["activity"] == "''quoted" and rows["934"]["unit"] == "'\rx"
    assert rows["934"]["value"] == "-2"  # a number is never prefixed
    assert rows["932"]["value"] == "0.3" and rows["933"]["value"] == "0"  # fixed float formatting
    assert rows["931"]["activity"] == "护栏安装" and rows["931"]["value"] == "2.315"
    with open(tmp_path / "projects.csv", encoding="utf-8-sig", newline="") as f:
        names = [r["name"] for r in csv.DictReader(f)]
    assert "'=HYPERLINK(\"http://x\")" in names
    with open(tmp_path / "facts.csv", encoding="utf-8-sig", newline="") as f:
        values = {r["id"]: r["value"] for r in csv.DictReader(f)}
    assert values["903"] == "-33.67" and values["904"] == "10488.604785"


@pytest.mark.parametrize("value, cell", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@A1", "'@A1"), ("\t=1", "'\t=1"), ("\r=1", "'\r=1"),
    ("'x", "''x"), ("人员经费", "人员经费"), ("a=1", "a=1"),
], ids=["eq", "plus", "minus", "at", "tab", "cr", "apostrophe", "chinese", "inner-eq"])
def test_csv_cell_text(value, cell):
    assert csv_cell(value, "text") == cell


@pytest.mark.parametrize("value, cell", [(-33.67, "-33.67"), (2.0, "2"), (1337.358269, "1337.358269"),
                                         (0.000001, "0.000001"), (0.0, "0")])
def test_csv_cell_number(value, cell):
    assert csv_cell(value, "number") == cell


def test_csv_jsonl_and_parquet_hold_the_same_rows(hand_db, tmp_path):
    tables = build_tables(hand_db)
    read = {}
    for fmt in FORMATS:
        for path in export(hand_db, tmp_path / fmt, fmt):
            read[(path.stem, fmt)] = read_table(path)
    for table in TABLES:
        expected = ([name for name, _ in table_columns(table)], ex.normalized_rows(table, tables[table]))
        for fmt in FORMATS:
            assert read[(table, fmt)] == expected, (table, fmt)
    names, rows = read[("outputs", "csv")]
    [row] = [r for r in rows if r[names.index("id")] == 934]
    assert [row[names.index("activity")], row[names.index("unit")]] == ["'quoted", "\rx"]
    assert len(read[("reports_wide", "jsonl")][1]) == 2 and len(read[("dictionary", "csv")][1]) == len(dictionary_rows())


def test_jsonl_is_one_object_per_line_with_nulls(hand_db, tmp_path):
    export(hand_db, tmp_path, "jsonl")
    lines = (tmp_path / "reports_wide.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    row = json.loads(lines[0])
    assert list(row)[:3] == ["report_id", "file_name", "report_ordinal"]
    assert row["budget_initial"] is None and row["personnel_expenditure"] == 1048.772537
    assert "渌口区" in lines[0]  # not \u-escaped


@needs_arrow
def test_parquet_columns_are_typed(hand_db, tmp_path):
    import pyarrow.parquet as pq

    export(hand_db, tmp_path, "parquet")
    schema = pq.read_schema(tmp_path / "reports_wide.parquet")
    assert str(schema.field("report_id").type) == "int64"
    assert str(schema.field("personnel_expenditure.share_pct").type) == "double"
    assert str(schema.field("unit_name").type) == "string"


def test_real_database_exports(real_db, tmp_path):
    """The pipeline's own rows, whatever stages have landed: every format, same rows."""
    paths = {fmt: export(real_db, tmp_path / fmt, fmt) for fmt in FORMATS}
    for table in TABLES:
        reads = [read_table(tmp_path / fmt / f"{table}.{fmt}") for fmt in FORMATS]
        assert all(r == reads[0] for r in reads), table
    names, rows = read_table(tmp_path / "csv" / "reports_wide.csv")
    canonical = real_db.execute("select count(*) from reports where duplicate_of is null").fetchone()[0]
    assert len(rows) == canonical
    assert all(len(p) == len(TABLES) for p in paths.values())


def test_copies_are_counted_once(tmp_path):
    """The example as UTF-8 TXT, GB18030 TXT, DOCX and PDF is one report: reports_wide has one row
    (the DOCX, the richest format) listing the three copies, and the long tables hold its rows only."""
    files = [CORPUS / f"{EXAMPLE_TXT.stem}{suffix}" for suffix in (".txt", ".gbk.txt", ".docx", ".pdf")]
    db = ingest(tmp_path / "c.db", files)
    tables = build_tables(db)
    [row] = tables["reports_wide"]
    assert row["file_name"] == f"{EXAMPLE_TXT.stem}.docx"
    assert sorted(c.split(" ", 1)[1] for c in row["copies"].split("; ")) == sorted(f.name for f in files if f.suffix != ".docx")
    for table in ("facts", "projects", "outputs", "findings"):
        assert {r["report_id"] for r in tables[table]} <= {row["report_id"]}, table
    n_facts = db.execute("select count(*) from facts where report_id = ?", [row["report_id"]]).fetchone()[0]
    assert len(tables["facts"]) == n_facts
