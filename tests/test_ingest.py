"""Batch ingest: parallel workers give the same rows as one process; .zip members are read in place."""
import shutil
import zipfile

from extractor import store
from extractor.ingest import Source, find_sources, ingest_paths

from .conftest import CORPUS, EXAMPLE_STEM, EXAMPLE_TXT


def _table_dump(db):
    return {
        "mentions": db.execute("select d.file_name, m.kind, m.value, m.raw, m.start from mentions m join reports r on r.id = m.report_id join documents d on d.id = r.document_id order by 1, 5").fetchall(),
        "errors": db.execute("select file_name, error_kind from ingest_errors order by 1").fetchall(),
    }


def _folder(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for suffix in (".txt", ".docx", ".pdf", ".gbk.txt"):
        shutil.copy(CORPUS / f"{EXAMPLE_STEM}{suffix}", folder / f"example{suffix}")
    (folder / "empty.txt").write_bytes(b"")
    return folder


def test_parallel_equals_serial(tmp_path):
    folder = _folder(tmp_path)
    serial = store.open_db(tmp_path / "serial.db")
    s1 = ingest_paths(serial, list(find_sources([folder])), jobs=1)
    parallel = store.open_db(tmp_path / "parallel.db")
    s2 = ingest_paths(parallel, list(find_sources([folder])), jobs=2)
    assert (s1.ingested, s1.errors) == (s2.ingested, s2.errors) == (4, 1)
    assert _table_dump(serial) == _table_dump(parallel)


def test_zip_members_read_without_unpacking(tmp_path):
    archive = tmp_path / "archive.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(EXAMPLE_TXT, "2024/渌口区/交通事务中心/report.txt")
        z.write(CORPUS / f"{EXAMPLE_STEM}.docx", "2024/渌口区/交通事务中心/report.docx")
        z.writestr("2024/readme.json", "{}")  # not a report format: skipped
    sources = list(find_sources([tmp_path]))
    assert sorted(s.member for s in sources) == ["2024/渌口区/交通事务中心/report.docx", "2024/渌口区/交通事务中心/report.txt"]
    db = store.open_db(tmp_path / "r.db")
    summary = ingest_paths(db, sources)
    assert summary.ingested == 2
    paths = [r[0] for r in db.execute("select path from documents order by path")]
    assert all("archive.zip!/2024/" in p for p in paths)
    assert db.execute("select count(*) from mentions where kind = 'amount'").fetchone()[0] == 104
    again = ingest_paths(db, list(find_sources([tmp_path])))
    assert again.unchanged == 2 and again.ingested == 0


def test_changed_zip_member_is_reingested(tmp_path):
    archive = tmp_path / "a.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(EXAMPLE_TXT, "r.txt")
    db = store.open_db(tmp_path / "r.db")
    ingest_paths(db, list(find_sources([archive])))
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("r.txt", EXAMPLE_TXT.read_text(encoding="utf-8") + "\n另支出5万元。")
    summary = ingest_paths(db, list(find_sources([archive])))
    assert summary.ingested == 1
    assert db.execute("select count(*) from mentions where kind = 'amount'").fetchone()[0] == 53


def test_source_key_names_member(tmp_path):
    s = Source(tmp_path / "x.zip", "a/b.pdf")
    assert s.key.endswith("x.zip!/a/b.pdf") and s.name == "b.pdf"


def test_metadata_from_path_when_the_document_is_silent(tmp_path):
    from extractor.pipeline import extract

    folder = tmp_path / "2023" / "株洲市渌口区" / "区交通事务中心"
    folder.mkdir(parents=True)
    (folder / "自评报告.txt").write_text("一、基本情况\n基本支出10万元。\n", encoding="utf-8")
    report = extract(folder / "自评报告.txt").reports[0]
    assert (report.fiscal_year, report.unit_name, report.region) == (2023, "区交通事务中心", "株洲市渌口区")
    assert report.metadata_sources["fiscal_year"] == "path"


def test_document_beats_path(tmp_path):
    from extractor.pipeline import extract

    folder = tmp_path / "2019" / "其他单位"
    folder.mkdir(parents=True)
    shutil.copy(EXAMPLE_TXT, folder / "r.txt")
    report = extract(folder / "r.txt").reports[0]
    assert (report.fiscal_year, report.unit_name) == (2024, "渌口区交通事务中心")


def test_exclude_globs(tmp_path):
    folder = _folder(tmp_path)
    (folder / "bad").mkdir()
    (folder / "bad" / "x.txt").write_bytes(b"")
    names = sorted(s.name for s in find_sources([folder], exclude=["bad/*", "*.pdf"]))
    assert names == ["empty.txt", "example.docx", "example.gbk.txt", "example.txt"]
