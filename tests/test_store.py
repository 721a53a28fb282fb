import shutil

import pytest

from extractor import store
from extractor.ingest import find_files, ingest_paths
from extractor.store.search import zh_match

from .conftest import EXAMPLE_TXT


@pytest.fixture
def workdir(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(EXAMPLE_TXT, src / "report.txt")
    return tmp_path


def _ingest(db, folder, **kw):
    return ingest_paths(db, list(find_files([folder])), **kw)


def test_ingest_stores_every_mention_with_provenance(workdir):
    db = store.open_db(workdir / "r.db")
    summary = _ingest(db, workdir / "in")
    assert (summary.ingested, summary.errors) == (1, 0)
    [doc] = db["documents"].rows
    assert doc["file_name"] == "report.txt" and doc["format"] == "txt" and len(doc["sha256"]) == 64
    [report] = db["reports"].rows
    kinds = dict(db.execute("select kind, count(*) from mentions group by kind").fetchall())
    assert (kinds["amount"], kinds["percent"], kinds["length"]) == (52, 11, 27)
    text = report["text"]
    for m in db["mentions"].rows:
        assert text[m["start"]:m["end"]] == m["raw"]
    yuan = db.execute("select value, unit from mentions where raw = '22120元'").fetchone()
    assert yuan == (2.212, "万元")
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"


def test_reingest_unchanged_does_nothing(workdir):
    db = store.open_db(workdir / "r.db")
    _ingest(db, workdir / "in")
    before = store.counts(db)
    doc_id = db.execute("select id from documents").fetchone()[0]
    summary = _ingest(db, workdir / "in")
    assert (summary.unchanged, summary.ingested) == (1, 0)
    assert store.counts(db) == before
    assert db.execute("select id from documents").fetchone()[0] == doc_id


def test_changed_file_replaces_its_rows(workdir):
    db = store.open_db(workdir / "r.db")
    _ingest(db, workdir / "in")
    path = workdir / "in" / "report.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\n新增支出12万元。\n", encoding="utf-8")
    summary = _ingest(db, workdir / "in")
    assert summary.ingested == 1
    assert db["documents"].count == 1 and db["reports"].count == 1
    assert db.execute("select count(*) from mentions where kind='amount'").fetchone()[0] == 53
    # no orphans left behind
    assert db.execute("select count(*) from mentions where report_id not in (select id from reports)").fetchone()[0] == 0


def test_force_reextracts(workdir):
    db = store.open_db(workdir / "r.db")
    _ingest(db, workdir / "in")
    summary = _ingest(db, workdir / "in", force=True)
    assert summary.ingested == 1 and db["reports"].count == 1


def test_bad_files_are_recorded_and_batch_goes_on(workdir):
    (workdir / "in" / "empty.txt").write_bytes(b"")
    (workdir / "in" / "binary.txt").write_bytes(bytes(range(256)) * 16)
    db = store.open_db(workdir / "r.db")
    summary = _ingest(db, workdir / "in")
    assert (summary.ingested, summary.errors) == (1, 2)
    errors = {r["file_name"]: r for r in db["ingest_errors"].rows}
    assert errors["empty.txt"]["error_kind"] == "empty"
    assert errors["binary.txt"]["error_kind"] == "decode_error"
    assert "binary.txt" in errors["binary.txt"]["message"]


def test_error_then_fixed_clears_error(workdir):
    bad = workdir / "in" / "later.txt"
    bad.write_bytes(b"")
    db = store.open_db(workdir / "r.db")
    _ingest(db, workdir / "in")
    assert db["ingest_errors"].count == 1
    bad.write_text("2023年度某局部门整体支出绩效自评报告\n基本支出10万元。", encoding="utf-8")
    _ingest(db, workdir / "in")
    assert db["ingest_errors"].count == 0 and db["documents"].count == 2


def test_sections_store_their_own_text_once(workdir):
    """A section's body stops at its first subsection, so together the bodies cover the text
    after the first heading exactly once, and a search hit names the innermost section."""
    db = store.open_db(workdir / "r.db")
    _ingest(db, workdir / "in")
    [text] = [r["text"] for r in db["reports"].rows]
    sections = list(db.query("select * from sections order by ordinal"))
    assert len(sections) > 10 and any(s["level"] > 1 for s in sections)
    for s, nxt in zip(sections, sections[1:] + [None]):
        assert s["body"] == text[s["start"]:s["body_end"]]
        assert s["body_end"] == (nxt["start"] if nxt else s["end"])
        assert s["start"] < s["body_end"] <= s["end"]
    assert "".join(s["body"] for s in sections) == text[sections[0]["start"]:]
    # the whole of a section with subsections is still text[start:end]
    parent = next(s for s in sections if s["body_end"] < s["end"])
    assert any(parent["start"] < c["start"] < parent["end"] and c["level"] > parent["level"] for c in sections)


@pytest.mark.parametrize("query", ["公路", "养护", "三公经费", "危桥改造", "安全隐患治理"])
def test_chinese_full_text_search(workdir, query):
    db = store.open_db(workdir / "r.db")
    _ingest(db, workdir / "in")
    rows = db.execute(
        "select s.heading, s.body from sections_fts f join sections s on s.rowid = f.rowid"
        " where sections_fts match ?", [zh_match(query)]
    ).fetchall()
    assert rows, query
    assert any(query in body.replace("“", "").replace("”", "") for _, body in rows)


def test_search_words_are_bigrams_and_longer_dictionary_words():
    from extractor.store.search import index_text

    words = index_text("农村公路养护，三公经费").split()
    # every bigram once, and the three-or-more-character word jieba knows; its two-character
    # words (农村, 公路, 养护) are bigrams already and are not written twice
    assert words == ["农村", "村公", "公路", "路养", "养护", "农村公路", "三公", "公经", "经费"]


def test_fts_merges_segments_sixteen_at_a_time(tmp_path):
    db = store.open_db(tmp_path / "r.db")
    rows = dict(db.execute("select k, v from sections_fts_config").fetchall())
    assert rows["automerge"] == store.FTS_AUTOMERGE == 16


@pytest.mark.parametrize("query", ["公路", "养护", "农村公路"])
def test_datasette_style_two_character_search(workdir, query):
    """Datasette's search box sends the query quoted as one token: two characters must match,
    and a longer dictionary word."""
    db = store.open_db(workdir / "r.db")
    _ingest(db, workdir / "in")
    n = db.execute("select count(*) from sections_fts where sections_fts match ?", [f'"{query}"']).fetchone()[0]
    assert n > 0


def test_load_report_round_trips(workdir):
    from dataclasses import asdict

    from extractor.pipeline import extract

    db = store.open_db(workdir / "r.db")
    path = workdir / "in" / "report.txt"
    extraction = extract(path)
    store.save_extraction(db, extraction, str(path))
    original = extraction.reports[0]
    report_id = db.execute("select id from reports").fetchone()[0]
    stored = store.load_report(db, report_id)
    loaded = stored.report
    for field in ("text", "unit_name", "fiscal_year", "report_kind", "template"):
        assert getattr(loaded, field) == getattr(original, field)
    for field in ("sections", "mentions", "facts", "projects", "project_groups", "outputs", "forms"):
        assert [asdict(x) for x in getattr(loaded, field)] == [asdict(x) for x in getattr(original, field)], field
    # findings come back with their evidence; mention evidence also carries the mention's row id
    assert [(f.rule, f.message) for f in loaded.findings] == [(f.rule, f.message) for f in original.findings]
    mention_row_ids = stored.row_ids["mentions"]
    for f in loaded.findings:
        for item in f.evidence:
            if item.get("type") == "mention":
                assert item["id"] == mention_row_ids[item["index"]]
    # the ids of the rows each record came from, in the Report's order
    assert (stored.id, stored.file_name) == (report_id, "report.txt")
    for table in ("sections", "mentions", "facts", "projects", "outputs", "findings"):
        expected = [r[0] for r in db.execute(f"select id from {table} where report_id = ? order by id", [report_id])]
        assert sorted(stored.row_ids[table]) == expected, table
        assert len(stored.row_ids[table]) == len(getattr(loaded, table)), table
    assert stored.row_ids["mentions"] == sorted(stored.row_ids["mentions"])


def test_load_report_of_an_unknown_id_is_refused(tmp_path):
    from extractor.errors import NoSuchReport

    db = store.open_db(tmp_path / "r.db")
    with pytest.raises(NoSuchReport, match="no report with id 7"):
        store.load_report(db, 7)


def test_load_report_reads_a_database_of_an_older_schema(workdir):
    """Render and recheck load databases written before a column existed: it reads as None."""
    db = store.open_db(workdir / "r.db")
    _ingest(db, workdir / "in")
    db.execute("alter table mentions drop column low_confidence")
    db.execute("drop table findings")
    db.conn.commit()
    old = store.as_database(str(workdir / "r.db"))  # as it is: open_db would add the column back
    stored = store.load_report(old, 1)
    assert stored.report.mentions and not any(m.low_confidence for m in stored.report.mentions)
    assert stored.report.findings == [] and stored.row_ids["findings"] == []


def test_an_older_database_gets_its_rule_column_renamed(workdir):
    """Databases written when the column was called pattern_id open with it as rule_id, values kept."""
    db = store.open_db(workdir / "r.db")
    _ingest(db, workdir / "in")
    before = db.execute("select rule_id from facts order by id").fetchall()
    for table in ("mentions", "facts", "projects", "sections"):
        db.execute(f"alter table {table} rename column rule_id to pattern_id")
    db.conn.commit()
    db = store.open_db(workdir / "r.db")
    assert db.execute("select rule_id from facts order by id").fetchall() == before
    assert "pattern_id" not in db["mentions"].columns_dict and "rule_id" in db["sections"].columns_dict


def test_read_queries_for_publish_and_the_cli(workdir):
    import sqlite3

    db = store.open_db(workdir / "r.db")
    _ingest(db, workdir / "in")
    kinds = dict(db.execute("select kind, count(*) from mentions group by kind").fetchall())
    assert dict(store.chart_rows(db, "mentions_by_kind")) == kinds
    assert dict(store.chart_rows(db.conn, "mentions_by_kind")) == kinds  # Datasette passes a sqlite3 connection
    assert set(store.CHARTS) == {"expenditure_by_year", "expenditure_by_unit", "findings_by_rule", "mentions_by_kind"}
    by_rule = store.findings_by_rule(db)
    assert sum(n for _, _, n in by_rule) == db["findings"].count
    assert [r for r, _, _ in by_rule] == sorted(r for r, _, _ in by_rule)
    facts = store.table_rows(db, "facts", ["id", "key", "no_such_column"])
    assert [f["id"] for f in facts] == sorted(f["id"] for f in facts) and all(f["no_such_column"] is None for f in facts)
    assert store.table_rows(db, "no_such_table") == []
    # a database without our tables: every chart is empty, nothing raises
    empty = sqlite3.connect(":memory:")
    assert all(store.chart_rows(empty, name) == [] for name in store.CHARTS)


def test_as_database_refuses_a_missing_file(tmp_path):
    from extractor.errors import NoDatabase

    with pytest.raises(NoDatabase, match="extractor ingest"):
        store.as_database(tmp_path / "missing.db")


def test_only_the_store_speaks_sql():
    """Every query and write is a function of extractor/store/: the rest of the package asks it
    for rows (db.atomic() transactions and Datasette's execute_fn are not SQL)."""
    import re

    from .conftest import ROOT

    sql = re.compile(r"\.execute\(|\.executemany\(|\.query\(|rows_where\(|\bselect\b[^\n]*\bfrom\b"
                     r"|\binsert into\b|\bdelete from\b|\bupdate \w+ set\b", re.I)
    offenders = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in sorted((ROOT / "extractor").rglob("*.py")) if "store" not in path.relative_to(ROOT).parts
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if sql.search(line)
    ]
    assert not offenders, "\n".join(offenders)


SPAN_TABLES = ["sections", "mentions", "facts", "fact_candidates", "projects", "project_groups", "outputs",
               "forms", "form_budget_lines", "indicators", "form_values"]


def test_every_stored_row_names_its_span_page_and_rule(tmp_path):
    """Every row that points into the text carries (start, end, page) and the rule that made it;
    the two PDFs (the user's report, a project form) have pages, so page is never missing."""
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(EXAMPLE_TXT.with_suffix(".pdf"), src / "report.pdf")
    shutil.copy(EXAMPLE_TXT.parents[0] / "forms" / "项目支出绩效自评表.pdf", src / "form.pdf")
    db = store.open_db(tmp_path / "r.db")
    assert _ingest(db, src).ingested == 2
    texts = {r["id"]: r["text"] for r in db["reports"].rows}
    seen = {}
    for table in SPAN_TABLES:
        rows = [r for r in db[table].rows if r["start"] is not None]
        seen[table] = len(rows)
        for r in rows:
            assert r["rule_id"], (table, r)
            assert r["page"] is not None, (table, r)
            assert 0 <= r["start"] <= r["end"] <= len(texts[r["report_id"]]), (table, r)
    assert all(seen[t] for t in ("sections", "mentions", "facts", "projects", "outputs", "forms",
                                 "form_budget_lines", "indicators")), seen
    assert all(r["rule"] for r in db["findings"].rows)
