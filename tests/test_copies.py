"""One report, counted once: copies in other formats, mirrors and re-posts point at their canonical
copy (reports.duplicate_of); copies whose figures disagree raise ``conflicting_copies``; two
different reports of one unit and year stay apart."""
from __future__ import annotations

import shutil

import pytest

from extractor import store
from extractor.checks.copies import Copy, canonical_order, containment, relation, resolve
from extractor.ingest import find_sources, ingest_paths
from extractor.pipeline import extract
from extractor.read import Limits
from extractor.recheck import check_all

from .conftest import CORPUS, EXAMPLE_STEM, EXAMPLE_TXT, load_script

FORMATS = (".txt", ".gbk.txt", ".docx", ".pdf")
PERSONNEL = "1048.772537"


def _copy(path, report_id, **kw) -> Copy:
    r = extract(path).reports[0]
    figures = {}
    for f in r.facts:
        if not f.derived:
            figures.setdefault(f.key, []).append((f.value, f.start, f.end))
    fmt = kw.pop("format", path.suffix.lstrip("."))
    return Copy(report_id=report_id, text=r.text, format=fmt, path=str(path), figures=figures, **kw)


@pytest.fixture(scope="module")
def example_copies():
    return [_copy(CORPUS / f"{EXAMPLE_STEM}{s}", i + 1) for i, s in enumerate(FORMATS)]


def _variant(tmp_path, name: str, edit) -> Copy:
    p = tmp_path / name
    p.write_text(edit(EXAMPLE_TXT.read_text(encoding="utf-8")), encoding="utf-8")
    return p


# ------------------------------------------------------------------ the rule, on records
def test_four_formats_are_one_canonical_docx_and_three_copies(example_copies):
    for a in example_copies:
        for b in example_copies:
            assert containment(a, b) >= 0.98
    duplicate_of, findings = resolve(example_copies)
    docx = next(c.report_id for c in example_copies if c.format == "docx")
    assert duplicate_of == {c.report_id: (None if c.report_id == docx else docx) for c in example_copies}
    assert findings == {}


def test_canonical_order_richest_format_then_text_layer_then_earliest_ingested():
    text = "渌口区交通事务中心" * 40
    def c(i, fmt, **kw):
        return Copy(report_id=i, text=text, format=fmt, path=kw.pop("path", f"/a/{i}"), **kw)
    order = lambda copies: [x.report_id for x in sorted(copies, key=canonical_order)]  # noqa: E731
    assert order([c(1, "txt"), c(2, "pdf"), c(3, "html"), c(4, "docx"), c(5, "image")]) == [4, 3, 2, 1, 5]
    assert order([c(1, "pdf", ocr=True), c(2, "pdf")]) == [2, 1]
    assert order([c(1, "pdf", ingested_at="2025-02-01T00:00:00+00:00"),
                  c(2, "pdf", ingested_at="2025-01-01T00:00:00+00:00")]) == [2, 1]
    # ingested within the same second: the report id (ingest order) decides, not the path
    same = "2025-01-01T00:00:00+00:00"
    assert order([c(2, "pdf", path="/a/x.pdf", ingested_at=same), c(1, "pdf", path="/b/x.pdf", ingested_at=same)]) == [1, 2]


def test_an_excerpt_never_becomes_the_canonical_copy(example_copies, tmp_path):
    """corpus/bad holds a 500-character excerpt as DOCX: a copy of the whole TXT, not its canonical."""
    txt = next(c for c in example_copies if c.format == "txt")
    excerpt = _copy(CORPUS / "bad" / "xxe.docx", 9)
    assert relation(txt, excerpt) == "duplicate"
    duplicate_of, _ = resolve([excerpt, txt])
    assert duplicate_of == {txt.report_id: None, 9: txt.report_id}


def test_a_repost_under_another_header_is_a_copy(example_copies, tmp_path):
    header = "转载 | 株洲市渌口区人民政府门户网站\n发布时间：2025-03-18 09:30 来源：区财政局 浏览次数：1024\n【字体：大 中 小】 打印本页\n"
    repost = _copy(_variant(tmp_path, "repost.html.txt", lambda t: header + t + "\n相关链接：区政府办 区财政局\n"), 7,
                   format="html")
    docx = next(c for c in example_copies if c.format == "docx")
    assert relation(docx, repost) == "duplicate"


def test_copies_whose_figures_disagree_are_a_finding_not_a_duplicate(example_copies, tmp_path):
    changed = _copy(_variant(tmp_path, "revised.txt", lambda t: t.replace(PERSONNEL, "1148.772537")), 8)
    docx = next(c for c in example_copies if c.format == "docx")
    assert relation(docx, changed) == "conflict"
    duplicate_of, findings = resolve([docx, changed])
    assert duplicate_of == {docx.report_id: None, 8: None}  # both count: two versions that disagree
    [f] = findings[8]
    assert f.rule == "conflicting_copies" and f.severity == "warning"
    assert "人员经费" in f.message and "1148.772537" in f.message and PERSONNEL in f.message
    assert (f.actual, f.expected) == (1148.772537, 1048.772537)
    assert any(e["type"] == "copy" and e["report_id"] == docx.report_id for e in f.evidence)


def test_two_different_reports_of_one_unit_and_year_stay_apart(tmp_path):
    """Two reports from one template (the generator's two years of one unit, same wording, other
    numbers) are not copies, even compared as if of one year; nor are forms of two projects."""
    out = tmp_path / "a"
    load_script("make_archive").generate(out, units=1, years=range(2023, 2025), seed=2, formats=("txt",),
                                         project_report_share=0)
    a, b = [_copy(p, i) for i, p in enumerate(sorted(out.rglob("*.txt")))]
    assert containment(a, b) < 0.9
    assert relation(a, b) is None
    assert resolve([a, b]) == ({0: None, 1: None}, {})
    f1 = Copy(report_id=1, text=a.text, format="docx", subjects=frozenset({"农村公路日常养护项目"}))
    f2 = Copy(report_id=2, text=a.text, format="pdf", subjects=frozenset({"危桥改造项目"}))
    assert relation(f1, f2) is None


# ------------------------------------------------------------------ in the database
def test_ingest_marks_copies_incrementally_and_check_keeps_them(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for s in (".txt", ".pdf"):
        shutil.copy(CORPUS / f"{EXAMPLE_STEM}{s}", folder)
    db = store.open_db(tmp_path / "r.db")
    ingest_paths(db, list(find_sources([folder])), Limits())
    heads = dict(db.execute("select d.format, r.duplicate_of from reports r join documents d on d.id = r.document_id"))
    assert heads == {"pdf": None, "txt": db.execute("select r.id from reports r join documents d on"
                                                    " d.id = r.document_id where d.format = 'pdf'").fetchone()[0]}
    shutil.copy(CORPUS / f"{EXAMPLE_STEM}.docx", folder)  # a richer copy arrives in a later batch
    summary = ingest_paths(db, list(find_sources([folder])), Limits())
    assert (summary.ingested, summary.unchanged) == (1, 2)
    rows = db.execute("select d.format, r.duplicate_of, r.id from reports r join documents d on d.id = r.document_id").fetchall()
    docx = next(i for fmt, _, i in rows if fmt == "docx")
    assert sorted((fmt, dup) for fmt, dup, _ in rows) == [("docx", None), ("pdf", docx), ("txt", docx)]
    # the richer copy is damaged later: the others fall back to the next canonical copy
    (folder / f"{EXAMPLE_STEM}.docx").write_bytes(b"PK\x03\x04 not a zip")
    ingest_paths(db, list(find_sources([folder])), Limits())
    rows = db.execute("select d.format, r.duplicate_of, r.id from reports r join documents d on d.id = r.document_id").fetchall()
    pdf = next(i for fmt, _, i in rows if fmt == "pdf")
    assert sorted((fmt, dup) for fmt, dup, _ in rows) == [("pdf", None), ("txt", pdf)]
    before = db.execute("select id, duplicate_of from reports order by id").fetchall()
    check_all(db)
    assert db.execute("select id, duplicate_of from reports order by id").fetchall() == before


def test_conflicting_copies_survive_extractor_check(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLE_TXT, folder / "a.txt")
    _variant(folder, "b.txt", lambda t: t.replace(PERSONNEL, "1148.772537"))
    db = store.open_db(tmp_path / "r.db")
    ingest_paths(db, list(find_sources([folder])), Limits())
    q = "select count(*) from findings where rule = 'conflicting_copies'"
    assert db.execute(q).fetchone()[0] == 1
    assert db.execute("select count(*) from reports where duplicate_of is not null").fetchone()[0] == 0
    check_all(db)
    assert db.execute(q).fetchone()[0] == 1
    # the revised copy is corrected: the finding goes, the copy is a duplicate now
    shutil.copy(EXAMPLE_TXT, folder / "b.txt")
    ingest_paths(db, list(find_sources([folder])), Limits())
    assert db.execute(q).fetchone()[0] == 0
    assert db.execute("select count(*) from reports where duplicate_of is not null").fetchone()[0] == 1


def test_views_count_the_users_report_once(tmp_path):
    from extractor.publish.datasette_plugin import prepare_connection
    from extractor.publish.serve import METADATA
    import json

    db = store.open_db(tmp_path / "r.db")
    ingest_paths(db, [CORPUS / f"{EXAMPLE_STEM}{s}" for s in FORMATS], Limits())
    [(year, total)] = store.chart_rows(db.conn, "expenditure_by_year")
    assert year == "2024" and total == pytest.approx(10488.604785)  # once, not four times
    queries = json.loads(METADATA.read_text(encoding="utf-8"))["databases"]["performance"]["queries"]
    prepare_connection(db.conn)
    rows = db.execute(queries["comparable_facts"]["sql"]).fetchall()
    assert len(rows) == 1 and rows[0][-1].count(";") == 2  # the copies, listed
    [copies] = db.execute(queries["report_copies"]["sql"], {"unit": ""}).fetchall()
    assert copies[6] == 3
