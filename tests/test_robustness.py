"""Robustness: hostile and broken input, a writer killed mid-batch, readers while writing.

Run alone with ``pytest -k robustness``. The committed bad inputs are made by
scripts/make_bad_corpus.py (its docstring lists them); what cannot be committed (a 200 MB file,
symlink loops, a FIFO) is made here in a temporary folder.
"""
from __future__ import annotations

import asyncio
import io
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import tracemalloc
import zipfile
from decimal import Decimal
from pathlib import Path
from unittest import mock

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor import errors, store
from extractor.cli import cli
from extractor.ingest import find_files, ingest_paths
from extractor.model import Page, RawDocument
from extractor.text.normalize import normalize
from extractor.pipeline import build_report, extract
from extractor.read import Limits, read, read_bytes
from extractor.text.recognize import recognize

from .conftest import CORPUS, EXAMPLE_TXT, load_script

BAD = CORPUS / "bad"


make_bad_corpus = load_script("make_bad_corpus")
EXCERPT = make_bad_corpus.EXCERPT

# Every committed bad input and what ingest must make of it: an error_kind, or None when the file
# must be read as a document (hostile but readable). Read without OCR (--ocr never): with the OCR
# extra, auto mode reads no-tounicode.pdf from its rendered page (tests/test_ocr.py covers that).
TEXT_LAYER_ONLY = Limits(ocr="never")
BAD_CORPUS: dict[str, str | None] = {
    "empty.txt": "empty",
    "empty.pdf": "empty",
    "no-pages.pdf": "corrupt",  # pdfium refuses an empty page tree
    "binary.txt": "decode_error",
    "truncated.pdf": "corrupt",
    "not-a-zip.docx": "corrupt",
    "garbage.pdf": "corrupt",
    "encrypted-user.pdf": "encrypted",
    "image-only.pdf": "needs_ocr",
    "no-tounicode.pdf": "unmappable_font",
    "cid-identity.pdf": "unmappable_font",
    "zip-bomb.docx": "zip_bomb",
    "lying-sizes.docx": "corrupt",  # declares 4 KB, inflates to 16 MiB: reading stops at 4 KB
    "legacy.doc": "unsupported_format",  # with LibreOffice hidden (see _no_libreoffice)
    "script-only.html": "empty",
    # libxml2 refuses nested entities (amplification limit): an error, quickly, never an expansion.
    "billion-laughs.docx": "corrupt",
    # expat leaves the external entity undefined and openpyxl fails: an error, never a leak.
    "xxe.xlsx": "corrupt",
    "broken-xref.pdf": None,
    "encrypted-owner.pdf": None,
    "xxe.docx": None,
    "xxe.html": None,
    "wrong-charset.html": None,
    make_bad_corpus.GBK_NAME: None,
    make_bad_corpus.SPACED_NAME: None,
}

# What each kind's message must tell the user to do (README, "Limits and errors").
ADVICE = {
    "empty": r"download|save the report",
    "decode_error": r"convert|save the report|check",
    "corrupt": r"download it again|save it again|check that",
    "encrypted": r"unprotected copy|remove the password",
    "needs_ocr": r"OCR|ocr",
    "unmappable_font": r"OCR|ocr|export",
    "too_large": r"raise --max-(bytes|pages)",
    "zip_bomb": r"do not open|raise --max-inflated-bytes",
    "unsupported_format": r"install|save the file",
    "timeout": r"raise --max-seconds",
}


def nows(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def _no_libreoffice(monkeypatch, tmp_path_factory):
    """legacy.doc must be unsupported_format whether or not this machine has soffice (worker
    processes see the patched function when forked, the empty PATH when spawned)."""
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    monkeypatch.setenv("PATH", str(tmp_path_factory.mktemp("empty-path")))


# ------------------------------------------------------------------------------- the corpus
# Made through reportlab, Pillow, python-docx or openpyxl: other versions may write other bytes.
LIBRARY_MADE = {"broken-xref.pdf", "encrypted-user.pdf", "encrypted-owner.pdf", "image-only.pdf", "no-tounicode.pdf",
                "xxe.docx", "billion-laughs.docx", "lying-sizes.docx", "xxe.xlsx"}


def test_bad_corpus_is_committed_and_reproducible():
    """The script is deterministic, every file it makes is committed (byte for byte where no
    third-party writer is involved), small, and listed in BAD_CORPUS."""
    if not make_bad_corpus.CJK_FONT.exists():
        pytest.skip("fonts-wqy-microhei is not installed")
    made = make_bad_corpus.outputs()
    assert made == make_bad_corpus.outputs()
    for name, data in made.items():
        assert (BAD / name).exists(), f"{name} is missing: run scripts/make_bad_corpus.py"
        if name not in LIBRARY_MADE:
            assert (BAD / name).read_bytes() == data, f"{name} is stale: run scripts/make_bad_corpus.py"
    on_disk = {p.name for p in BAD.iterdir()}
    assert on_disk == set(BAD_CORPUS)
    assert all((BAD / name).stat().st_size < 300_000 for name in on_disk)


@pytest.mark.parametrize("name", sorted(k for k, v in BAD_CORPUS.items() if v))
def test_bad_file_raises_its_error_with_advice(name, _no_libreoffice):
    kind = BAD_CORPUS[name]
    start = time.monotonic()
    with pytest.raises(errors.ExtractorError) as caught:
        read(BAD / name, TEXT_LAYER_ONLY)
    assert time.monotonic() - start < 5
    assert caught.value.kind == kind, str(caught.value)
    message = str(caught.value)
    assert name in message
    assert re.search(ADVICE[kind], message), message
    assert "root:" not in message


@pytest.mark.parametrize("name", sorted(k for k, v in BAD_CORPUS.items() if v is None))
def test_hostile_but_readable_file_reads_the_excerpt(name):
    raw = read(BAD / name)
    text = "\n".join(page.text for page in raw.pages)
    assert "root:" not in text and "/bin/" not in text  # no external entity was expanded
    if raw.format == "txt":
        assert text == EXCERPT  # GBK despite the .utf8.txt name; a name with spaces and CJK
    else:
        assert nows(text) == nows(EXCERPT)
    if name == "wrong-charset.html" or name == make_bad_corpus.GBK_NAME:
        assert raw.encoding == "gb18030"


def test_pdf_without_tounicode_never_passes_garbage_as_text():
    """With /ToUnicode gone from one of three subset fonts, that font's glyphs are U+FFFD, never
    Mac Roman letters or made-up digits; the other fonts' text is intact."""
    data = (CORPUS / "2024年度渌口区交通事务中心整体支出绩效自评报告.pdf").read_bytes()
    refs = re.findall(rb"/ToUnicode \d+ 0 R", data)
    assert len(refs) == 3  # reportlab subsets the CJK font into three 256-glyph fonts
    one_stripped = data.replace(refs[1], b" " * len(refs[1]))
    text = "\n".join(p.text for p in read_bytes(one_stripped, Path("partial.pdf"), TEXT_LAYER_ONLY).pages)
    assert "\ufffd" in text
    assert not re.search(r"[A-Za-z\u00c0-\u02ff]{3,}", text)
    kept = nows(text).replace("\ufffd", "")
    source = nows(EXAMPLE_TXT.read_text(encoding="utf-8"))
    assert len(kept) > 0.5 * len(source)
    # All three stripped: mostly unmappable.
    all_stripped = re.sub(rb"/ToUnicode \d+ 0 R", lambda m: b" " * len(m.group()), data)
    with pytest.raises(errors.UnmappableFont, match="stripped.pdf"):
        read_bytes(all_stripped, Path("stripped.pdf"), TEXT_LAYER_ONLY)


# -------------------------------------------------------------------- safe input: XML, zips
SECRET = "SECRET-8d1f2c"


def _hostile_doctypes(secret: Path) -> list[bytes]:
    uri = secret.as_uri().encode()
    return [
        b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "' + uri + b'">]>',  # external general entity
        b'<!DOCTYPE x [<!ENTITY % p SYSTEM "' + uri + b'"> %p;]>',  # external parameter entity
        b'<!DOCTYPE x SYSTEM "' + uri + b'">',  # external DTD
        make_bad_corpus.LAUGHS_DOCTYPE.replace(b"]>", b'<!ENTITY xxe "&lol9;">]>'),  # 10^9 "lol"s
    ]


def _text_or_error(data: bytes, name: str) -> str:
    try:
        return "\n".join(p.text for p in read_bytes(data, Path(name)).pages)
    except errors.ExtractorError as exc:  # refusing the file is safe too
        return str(exc)


@pytest.mark.parametrize("variant", ["entity", "parameter-entity", "external-dtd", "billion-laughs"])
def test_xml_parsers_never_resolve_external_entities(tmp_path, variant):
    """External entities and DTDs are never loaded, nested internal entities never expanded: in
    DOCX (lxml), XLSX (expat) and HTML (libxml2's HTML parser). Refusing the file is fine too."""
    secret = tmp_path / "secret.txt"
    secret.write_text(f'{SECRET}<!ENTITY xxe "{SECRET}">', encoding="utf-8")
    index = ["entity", "parameter-entity", "external-dtd", "billion-laughs"].index(variant)
    doctype = _hostile_doctypes(secret)[index]
    reference = b"&xxe;" if variant in ("entity", "billion-laughs") else b""
    edit = make_bad_corpus.with_doctype(doctype, "项目支出".encode(), reference)
    start = time.monotonic()

    docx_bytes = make_bad_corpus.make_corpus.make_docx(["项目支出9151.246516万元"])
    docx_hostile = make_bad_corpus.rezip(docx_bytes, {"word/document.xml": edit})
    assert SECRET not in _text_or_error(docx_hostile, "x.docx")

    xlsx = (BAD / "xxe.xlsx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as z:
        holder = next(n for n in z.namelist() if n.startswith("xl/worksheets/") and b"&xxe;" in z.read(n))
        clean = z.read(holder)
    clean = re.sub(rb"<!DOCTYPE[^\]]*\]>", b"", clean).replace(b"&xxe;", b"")
    marker = next(form for form in ("项目支出".encode(), "".join(f"&#{ord(c)};" for c in "项目支出").encode())
                  if form in clean)
    xlsx_hostile = make_bad_corpus.rezip(
        xlsx, {holder: lambda _: make_bad_corpus.with_doctype(doctype, marker, reference)(clean)}
    )
    assert SECRET not in _text_or_error(xlsx_hostile, "x.xlsx")

    html = doctype.replace(b"x ", b"html ", 1) + "<html><body><p>项目支出&xxe;</p></body></html>".encode()
    assert SECRET not in _text_or_error(html, "x.html")
    assert "lollollol" not in _text_or_error(docx_hostile, "x.docx") + _text_or_error(html, "x.html")
    assert time.monotonic() - start < 5


def _forbid_inflating(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a zip member was inflated")

    monkeypatch.setattr(zipfile.ZipFile, "open", refuse)
    monkeypatch.setattr(zipfile.ZipFile, "read", refuse)


def test_zip_bomb_limits_hold_before_anything_is_inflated(monkeypatch):
    bomb = (BAD / "zip-bomb.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(bomb)) as z:
        assert sum(i.file_size for i in z.infolist()) > 5 * 2**30  # 5 GiB declared, 40 KB stored
    example_docx = (CORPUS / "2024年度渌口区交通事务中心整体支出绩效自评报告.docx").read_bytes()
    _forbid_inflating(monkeypatch)
    tracemalloc.start()
    try:
        start = time.monotonic()
        with pytest.raises(errors.ZipBomb, match="zip-bomb.docx"):
            read_bytes(bomb, Path("zip-bomb.docx"))
        with pytest.raises(errors.ZipBomb, match="max-inflated-bytes"):  # the total, member by member fine
            read_bytes(example_docx, Path("big.docx"), Limits(max_inflated_bytes=100_000))
        with pytest.raises(errors.ZipBomb):
            read_bytes(bomb, Path("zip-bomb.xlsx"))
        assert time.monotonic() - start < 2
        assert tracemalloc.get_traced_memory()[1] < 20 * 2**20
    finally:
        tracemalloc.stop()


# ------------------------------------------------------------ the batch: CLI and ingest_paths
def _hostile_folder(tmp_path: Path) -> Path:
    """Inputs that cannot be committed: a 200 MB file (sparse), symlink loops, a FIFO, a device."""
    folder = tmp_path / "hostile"
    folder.mkdir()
    with open(folder / "huge.txt", "wb") as f:  # 200 MB without writing 200 MB
        f.write("2024年度渌口区交通事务中心整体支出绩效自评报告\n".encode())
        f.truncate(200 * 1024 * 1024)
    (folder / "loop").symlink_to(folder, target_is_directory=True)  # folder loop: not followed
    (folder / "a.txt").symlink_to(folder / "b.txt")  # file loop: a -> b -> a
    (folder / "b.txt").symlink_to(folder / "a.txt")
    (folder / "self.txt").symlink_to(folder / "self.txt")
    os.mkfifo(folder / "pipe.txt")  # reading it would block forever
    (folder / "zero.txt").symlink_to("/dev/zero")  # reading it would never end
    return folder


HOSTILE = {"huge.txt": "too_large", "pipe.txt": "empty", "zero.txt": "empty"}


def _document_rows(db, document_id: int) -> dict[str, list]:
    """Every row that belongs to one document, by table (ids included)."""
    reports = [r[0] for r in db.execute("select id from reports where document_id = ?", [document_id])]
    marks = ",".join("?" * len(reports))
    rows = {
        "documents": db.execute("select * from documents where id = ?", [document_id]).fetchall(),
        "reports": db.execute("select * from reports where document_id = ?", [document_id]).fetchall(),
        "source_tables": db.execute("select * from source_tables where document_id = ?", [document_id]).fetchall(),
    }
    for table in store.REPORT_CHILDREN:
        sql = f"select * from [{table}] where report_id in ({marks}) order by id"
        rows[table] = db.execute(sql, reports).fetchall()
    return rows


def _check_every_file_landed_once(db, paths: list[Path], expected: dict[str, str | None]) -> None:
    """Each source is one documents row or one ingest_errors row, never both, never two."""
    sources = list(find_files(paths))
    names = sorted(s.name for s in sources)
    assert names == sorted(expected), "find_files saw other files than expected"
    for source in sources:
        docs = db.execute("select count(*) from documents where path = ?", [source.key]).fetchone()[0]
        errs = db.execute("select error_kind, message from ingest_errors where path = ?", [source.key]).fetchall()
        kind = expected[source.name]
        if kind is None:
            assert (docs, errs) == (1, []), source.name
        else:
            assert docs == 0 and len(errs) == 1, (source.name, errs)
            assert errs[0][0] == kind, (source.name, errs[0])
            assert source.name in errs[0][1] and re.search(ADVICE[kind], errs[0][1]), errs[0][1]
    keys = {s.key for s in sources}
    stray = [p for (p,) in db.execute("select path from ingest_errors") if p not in keys]
    assert stray == []


def test_cli_survives_the_bad_corpus_and_leaves_good_rows_alone(tmp_path, _no_libreoffice):
    good = tmp_path / "good"
    good.mkdir()
    shutil.copy(EXAMPLE_TXT, good / "report.txt")
    db_path = tmp_path / "r.db"
    runner = CliRunner()
    first = runner.invoke(cli, ["ingest", str(good), "--db", str(db_path), "--quiet"])
    assert first.exit_code == 0, first.output
    db = store.open_db(db_path)
    [good_id] = [r[0] for r in db.execute("select id from documents")]
    before = _document_rows(db, good_id)

    hostile = _hostile_folder(tmp_path)
    args = ["ingest", str(BAD), str(hostile), "--db", str(db_path), "--quiet", "--jobs", "1", "--ocr", "never"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert result.exception is None
    assert "Traceback" not in result.output
    expected = {**BAD_CORPUS, **HOSTILE}
    n_errors = sum(1 for kind in expected.values() if kind)
    n_read = len(expected) - n_errors
    assert f"{len(expected)} files: {n_read} ingested, 0 unchanged, {n_errors} errors" in result.output
    for kind in set(filter(None, expected.values())):
        assert f"error {kind}: " in result.output

    db = store.open_db(db_path)
    _check_every_file_landed_once(db, [BAD, hostile], expected)
    assert _document_rows(db, good_id) == before  # the good document is untouched
    assert db.execute("select count(*) from documents").fetchone()[0] == n_read + 1

    again = runner.invoke(cli, args)  # failed files are tried again; still one row each
    assert again.exit_code == 0 and "Traceback" not in again.output
    assert f"{n_read} unchanged, {n_errors} errors" in again.output
    _check_every_file_landed_once(store.open_db(db_path), [BAD, hostile], expected)


def test_ingest_paths_in_workers_gives_one_row_per_file(tmp_path, _no_libreoffice):
    hostile = _hostile_folder(tmp_path)
    db = store.open_db(tmp_path / "r.db")
    summary = ingest_paths(db, list(find_files([BAD, hostile])), TEXT_LAYER_ONLY, jobs=2)
    expected = {**BAD_CORPUS, **HOSTILE}
    assert summary.files == len(expected)
    assert summary.errors == sum(1 for kind in expected.values() if kind)
    _check_every_file_landed_once(db, [BAD, hostile], expected)
    # The readable hostile files hold the excerpt: its amounts, whatever the format.
    amounts: dict[str, list[float]] = {}
    for name, value in db.execute(
        "select d.file_name, m.value from mentions m join reports r on r.id = m.report_id"
        " join documents d on d.id = r.document_id where m.kind = 'amount' order by d.id, m.start"
    ):
        amounts.setdefault(name, []).append(value)
    assert len(amounts) == sum(1 for kind in expected.values() if kind is None)
    assert len({tuple(values) for values in amounts.values()}) == 1, amounts
    assert 1337.358269 in next(iter(amounts.values()))


def test_damaged_zip_archives_are_errors_not_crashes(tmp_path):
    """.zip archives are read member by member: a damaged directory or member is one error row."""
    raw_zip, zeros = make_bad_corpus.raw_zip, make_bad_corpus.deflated_zeros
    text = EXCERPT.encode()
    ok = (b"report.txt", 0, text, zipfile.crc32(text), len(text))
    stream, crc, size = zeros(16)
    folder = tmp_path / "zips"
    folder.mkdir()
    (folder / "lying.zip").write_bytes(raw_zip([(b"lying.txt", 8, stream, crc, 4096)]))  # declares 4 KB
    (folder / "bomb.zip").write_bytes(raw_zip([(b"bomb.txt", 8, stream, crc, size)]))
    bad_date = bytearray(raw_zip([ok]))
    at = bad_date.index(b"PK\x01\x02")
    bad_date[at + 12:at + 16] = b"\xff\xff\xff\xff"  # hour 31, minute 63, month 15
    (folder / "bad-date.zip").write_bytes(bytes(bad_date))
    bad_version = bytearray(raw_zip([ok]))
    at = bad_version.index(b"PK\x01\x02")
    bad_version[at + 6:at + 8] = (241).to_bytes(2, "little")  # "needs zip 24.1"
    (folder / "bad-version.zip").write_bytes(bytes(bad_version))
    db = store.open_db(tmp_path / "r.db")
    summary = ingest_paths(db, list(find_files([folder])), jobs=1)
    rows = dict(db.execute("select file_name, error_kind from ingest_errors").fetchall())
    assert summary.error_kinds.get("internal_error", 0) == 0, summary.error_messages
    assert rows == {"lying.txt": "corrupt", "bomb.txt": "zip_bomb", "bad-version.zip": "corrupt"}, rows
    assert summary.ingested == 1  # bad-date.zip!/report.txt: a bad date is no reason to refuse
    for kind, message in summary.error_messages:
        assert re.search(ADVICE[kind], message), message


def test_huge_file_is_refused_without_being_read(tmp_path, monkeypatch):
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as f:
        f.truncate(200 * 1024 * 1024)
    original = Path.read_bytes

    def guarded(self):
        assert self.stat().st_size < 10 * 2**20, f"{self} was read whole"
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", guarded)
    db = store.open_db(tmp_path / "r.db")
    tracemalloc.start()
    try:
        summary = ingest_paths(db, list(find_files([huge])))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert summary.error_kinds == {"too_large": 1}
    assert peak < 20 * 2**20
    [(message,)] = db.execute("select message from ingest_errors").fetchall()
    assert "huge.txt" in message and "--max-bytes" in message


def test_slow_document_times_out_and_the_batch_goes_on(tmp_path, monkeypatch):
    import extractor.pipeline as pipeline_module  # the worker (sources.extract_rows) calls it

    for name in ("slow.txt", "fine.txt"):
        shutil.copy(EXAMPLE_TXT, tmp_path / name)
    real_extract = pipeline_module.extract

    def slow_extract(path, limits):
        if Path(path).name == "slow.txt":
            time.sleep(30)
        return real_extract(path, limits)

    monkeypatch.setattr(pipeline_module, "extract", slow_extract)
    db = store.open_db(tmp_path / "r.db")
    start = time.monotonic()
    summary = ingest_paths(db, list(find_files([tmp_path / "slow.txt", tmp_path / "fine.txt"])),
                           Limits(max_seconds=1))
    assert time.monotonic() - start < 15
    assert (summary.ingested, summary.error_kinds) == (1, {"timeout": 1})
    [(name, kind, message)] = db.execute("select file_name, error_kind, message from ingest_errors").fetchall()
    assert (name, kind) == ("slow.txt", "timeout") and re.search(ADVICE["timeout"], message)


def test_pathological_text_never_outlasts_the_time_limit(tmp_path):
    """A long run of Chinese numerals is hard on the quantity regex: it must end within
    --max-seconds, as a document or as a timeout row."""
    path = tmp_path / "numerals.txt"
    path.write_text("三千五百万元。" + "一二三四五六七八九十" * 3000 + "\n", encoding="utf-8")
    db = store.open_db(tmp_path / "r.db")
    start = time.monotonic()
    summary = ingest_paths(db, list(find_files([path])), Limits(max_seconds=2))
    assert time.monotonic() - start < 10
    assert summary.ingested + summary.error_kinds.get("timeout", 0) == 1


# ------------------------------------------------------------------- crash and concurrent reads
N_REPORTS = 80


def _synthetic_folder(root: Path) -> list[Path]:
    """N_REPORTS short reports (title, basic information, budget) with different amounts."""
    import random

    lines = EXAMPLE_TXT.read_text(encoding="utf-8").split("\n")
    base = "\n".join([*lines[:5], *lines[7:35], *lines[62:69]]) + "\n"
    folder = root / "reports"
    folder.mkdir()
    paths = []
    for i in range(N_REPORTS):
        rng = random.Random(i)

        def vary(m):
            whole, frac = m.group(1), m.group(2)
            low = 10 ** (len(whole) - 1) if len(whole) > 1 else 0
            return f"{rng.randint(low, 10 ** len(whole) - 1)}.{''.join(rng.choice('0123456789') for _ in frac)}"

        path = folder / f"report-{i:03d}.txt"
        path.write_text(re.sub(r"(\d+)\.(\d+)", vary, base), encoding="utf-8")
        paths.append(path)
    return paths


def _ingest_command(folder: Path, db_path: Path) -> list[str]:
    return [sys.executable, "-m", "extractor", "ingest", str(folder), "--db", str(db_path), "--quiet"]


def _read_only(db_path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=10)


def _stop(process: subprocess.Popen) -> None:
    """Kill what we started (the CLI and its worker processes: its own session)."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


def _documents_stored(db_path: Path) -> int:
    try:
        con = _read_only(db_path)
        try:
            return con.execute("select count(*) from documents").fetchone()[0]
        finally:
            con.close()
    except sqlite3.OperationalError as exc:  # before the schema exists
        if "locked" in str(exc):
            raise
        return 0


def _half_stored(con) -> list:
    """Documents without their report, reports without sections or mentions, orphans."""
    return con.execute(
        "select 'document', id from documents d where not exists (select 1 from reports r where r.document_id = d.id)"
        " union all select 'report', id from reports r where not exists"
        " (select 1 from sections s where s.report_id = r.id) or not exists"
        " (select 1 from mentions m where m.report_id = r.id)"
        " union all select 'orphan', id from reports r"
        " where not exists (select 1 from documents d where d.id = r.document_id)"
        " union all select 'orphan', id from mentions m where not exists (select 1 from reports r where r.id = m.report_id)"
        " union all select 'orphan', id from sections s where not exists (select 1 from reports r where r.id = s.report_id)"
    ).fetchall()


@pytest.fixture(scope="module")
def crash_scenario(tmp_path_factory):
    """Ingest N_REPORTS files in a subprocess, SIGKILL it once some documents are stored, check the
    database, then rerun to the end while reading it through sqlite3 and Datasette."""
    root = tmp_path_factory.mktemp("crash")
    paths = _synthetic_folder(root)
    db_path = root / "r.db"
    folder = paths[0].parent
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}

    process = subprocess.Popen(_ingest_command(folder, db_path), cwd=root, env=env, start_new_session=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while _documents_stored(db_path) < 10:
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "no documents stored in time"
            time.sleep(0.02)
        os.kill(process.pid, signal.SIGKILL)  # the writer dies mid-batch, maybe mid-transaction
    finally:
        _stop(process)

    con = sqlite3.connect(db_path)
    killed = {
        "integrity": con.execute("pragma integrity_check").fetchall(),
        "foreign_keys": con.execute("pragma foreign_key_check").fetchall(),
        "half_stored": _half_stored(con),
        "rows": {
            Path(path).name: (sections, mentions, facts)
            for path, sections, mentions, facts in con.execute(
                "select d.path, (select count(*) from sections s where s.report_id = r.id),"
                " (select count(*) from mentions m where m.report_id = r.id),"
                " (select count(*) from facts f where f.report_id = r.id)"
                " from documents d join reports r on r.document_id = d.id"
            )
        },
    }
    try:
        con.execute("insert into sections_fts(sections_fts) values('integrity-check')")
        killed["fts"] = "ok"
    except sqlite3.DatabaseError as exc:
        killed["fts"] = str(exc)
    con.close()

    # The rerun, with readers polling all along.
    process = subprocess.Popen(_ingest_command(folder, db_path), cwd=root, env=env, start_new_session=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        reads = asyncio.run(_read_while_running(db_path, process))
        stdout, stderr = process.communicate(timeout=300)
    finally:
        _stop(process)
    fresh = {}
    for path in paths:
        report = extract(path).reports[0]
        fresh[path.name] = (len(report.sections), len(report.mentions), len(report.facts))
    return {
        "paths": paths, "db_path": db_path, "killed": killed, "fresh": fresh, "reads": reads,
        "rerun": (process.returncode, stdout.decode(), stderr.decode()),
    }


async def _read_while_running(db_path: Path, process: subprocess.Popen) -> dict:
    """Poll the database with sqlite3 and Datasette until the writer exits; collect what failed."""
    from datasette.app import Datasette

    ds = Datasette([str(db_path)])
    await ds.invoke_startup()
    name = db_path.stem
    out = {"sqlite": 0, "datasette": 0, "failures": [], "half_stored": [], "counts": []}
    try:
        while process.poll() is None:
            try:
                con = _read_only(db_path)
                try:
                    out["counts"].append(con.execute("select count(*) from documents").fetchone()[0])
                    out["half_stored"].extend(_half_stored(con))  # one read transaction: a snapshot
                    con.execute("select count(*), sum(value) from mentions where kind = 'amount'").fetchone()
                finally:
                    con.close()
                out["sqlite"] += 1
            except sqlite3.Error as exc:
                out["failures"].append(f"sqlite3: {exc}")
            for url in (f"/{name}/documents.json?_shape=array&_size=5",
                        f"/{name}.json?sql=select+count(*)+from+mentions+where+kind%3D'amount'&_shape=array"):
                response = await ds.client.get(url)
                if response.status_code != 200:
                    out["failures"].append(f"datasette {url}: {response.status_code} {response.text[:200]}")
                else:
                    out["datasette"] += 1
            await asyncio.sleep(0.05)
    finally:
        for database in ds.databases.values():
            database.close()
    return out


@pytest.mark.slow
def test_killed_writer_leaves_a_consistent_database(crash_scenario):
    killed = crash_scenario["killed"]
    assert killed["integrity"] == [("ok",)]
    assert killed["foreign_keys"] == []
    assert killed["fts"] == "ok"
    assert killed["half_stored"] == []
    stored = killed["rows"]
    assert 10 <= len(stored) < N_REPORTS, "the kill came too late to test anything"
    for name, counts in stored.items():  # every stored document is whole
        assert counts == crash_scenario["fresh"][name], name


def test_rerun_after_the_kill_completes_without_duplicates(crash_scenario):
    returncode, stdout, stderr = crash_scenario["rerun"]
    assert returncode == 0, stderr
    assert "Traceback" not in stdout + stderr and "locked" not in stdout + stderr
    n_killed = len(crash_scenario["killed"]["rows"])
    assert f"{N_REPORTS} files: {N_REPORTS - n_killed} ingested, {n_killed} unchanged, 0 errors" in stdout
    con = _read_only(crash_scenario["db_path"])
    assert con.execute("pragma integrity_check").fetchall() == [("ok",)]
    paths = [Path(p) for (p,) in con.execute("select path from documents")]
    assert sorted(paths) == sorted(p.resolve() for p in crash_scenario["paths"])  # all, once each
    assert con.execute("select count(*) from reports").fetchone()[0] == N_REPORTS
    assert con.execute("select count(*) from ingest_errors").fetchone()[0] == 0
    totals = con.execute(
        "select (select count(*) from sections), (select count(*) from mentions), (select count(*) from facts)"
    ).fetchone()
    fresh = crash_scenario["fresh"].values()
    assert totals == tuple(sum(c[i] for c in fresh) for i in range(3))  # as a clean run stores
    assert _half_stored(con) == []
    con.close()


def test_readers_see_whole_documents_and_never_a_lock(crash_scenario):
    reads = crash_scenario["reads"]
    assert reads["failures"] == []
    assert reads["sqlite"] >= 5 and reads["datasette"] >= 5, reads
    assert reads["half_stored"] == []  # each read transaction saw whole documents only
    counts = reads["counts"]
    assert counts == sorted(counts)  # documents only ever appear


# ----------------------------------------------------------------------- property-based tests
HAN_DIGITS = "零一二三四五六七八九"
FULL_WIDTH = str.maketrans("0123456789.,", "０１２３４５６７８９．，")


def to_han(n: int) -> str:
    """An integer in Chinese numerals: 10305 → 一万零三百零五, 15 → 十五, 100000005 → 一亿零五."""

    def below_10000(k: int) -> str:
        out, gap = "", False
        for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            digit = k // value % 10
            if digit:
                out += ("零" if gap and out else "") + HAN_DIGITS[digit] + unit
                gap = False
            else:
                gap = True
        return out

    if n == 0:
        return "零"
    yi, rest = divmod(n, 10**8)
    wan, low = divmod(rest, 10**4)
    out = to_han(yi) + "亿" if yi else ""
    if wan:
        out += ("零" if out and wan < 1000 else "") + below_10000(wan) + "万"
    if low:
        out += ("零" if out and (low < 1000 or not wan) else "") + below_10000(low)
    return out[1:] if out.startswith("一十") else out


def test_to_han_helper():
    assert [to_han(n) for n in (15, 108, 10305, 35_000_000, 100_000_005)] == [
        "十五", "一百零八", "一万零三百零五", "三千五百万", "一亿零五"]


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _grouped(value: Decimal) -> str:
    whole, _, frac = _plain(value).partition(".")
    return f"{int(whole):,}" + (f".{frac}" if frac else "")


PREFIXES = ["项目资金共计", "其中人员经费", "年初预算", "本年度支出为", "下达资金"]
SUFFIXES = ["。", "，主要用于公路养护。", "；", "", "\n"]


@st.composite
def amount_sentences(draw):
    """(sentence, value in 万元): an amount in one of many notations inside a sentence."""
    fen = draw(st.integers(min_value=0, max_value=10**13 - 1))  # 分: 0.01 元
    wan = Decimal(fen) / Decimal(10**6)
    yuan = Decimal(fen) / Decimal(100)
    notations = [_plain(wan) + "万元", _plain(yuan) + "元", _grouped(yuan) + "元", _plain(wan / 10000) + "亿元",
                 _plain(yuan) + "元整", _grouped(wan) + "万元"]
    if fen % 100 == 0 and fen:
        notations.append(to_han(fen // 100) + "元")
    if fen % 10**6 == 0 and 0 < fen < 10**10:
        notations.append(to_han(fen // 10**6) + "万元")
    amount = draw(st.sampled_from(notations))
    if amount[0].isdigit() and draw(st.booleans()):  # one space before the unit: "1337.36 万元"
        number_end = next(i for i, ch in enumerate(amount) if ch in "元万亿")
        amount = amount[:number_end] + draw(st.sampled_from([" ", "\u3000"])) + amount[number_end:]
    if draw(st.booleans()):
        amount = amount.translate(FULL_WIDTH)
    sentence = draw(st.sampled_from(PREFIXES)) + amount + draw(st.sampled_from(SUFFIXES))
    return sentence, wan


PROPERTY = settings(max_examples=200, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(amount_sentences())
def test_amount_in_any_notation_parses_to_its_value(case):
    sentence, wan = case
    text = normalize(sentence).text
    amounts = [m for m in recognize(text) if m.kind == "amount"]
    assert len(amounts) == 1, (sentence, amounts)
    [m] = amounts
    assert m.unit == "万元"
    assert m.value == float(wan), (sentence, m)
    assert text[m.start:m.end] == m.raw


def _fragments() -> list[str]:
    lines = [line for line in EXAMPLE_TXT.read_text(encoding="utf-8").split("\n") if line.strip()]
    pieces = []
    for line in lines:
        pieces.extend(p for p in re.split(r"(?<=[，。；])", line) if p)
    return pieces


FRAGMENTS = _fragments()
NOISE = [" ", "  ", "\u3000", "\t", "\n", "\n\n", "\r\n", "\r", "\xa0", "\u200b", "\ufeff", "１２３４．５万元",
         "，", "（一）", "一、", "≧", "﹪", "％", "ＡＢＣ", "K7+620", "S330", "2024年", "|", " | "]


def _fullwidth(text: str) -> str:
    return "".join(chr(ord(ch) + 0xFEE0) if 0x21 <= ord(ch) <= 0x7E else ch for ch in text)


@st.composite
def messy_texts(draw):
    parts = draw(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.sampled_from(NOISE),
                                    st.sampled_from(FRAGMENTS).map(_fullwidth),
                                    st.text(alphabet="0123456789.,万元亿%米公里 \n，。", max_size=12)),
                          min_size=1, max_size=25))
    return "".join(parts)


@PROPERTY
@given(messy_texts())
def test_normalizer_keeps_offsets_and_mentions_exact(source):
    norm = normalize(source)
    text, origin = norm.text, norm.origin
    assert len(origin) == len(text) + 1
    assert all(a < b for a, b in zip(origin, origin[1:]))  # deletions and 1:1 replacements only
    assert all(0 <= o < len(source) for o in origin[:-1])
    for m in recognize(text):
        assert text[m.start:m.end] == m.raw
        start, end = norm.to_source(m.start, m.end)
        assert 0 <= start < end <= len(source)
        # the source span, normalized alone, still holds the number
        assert re.sub(r"\D", "", normalize(source[start:end]).text) == re.sub(r"\D", "", m.raw)
    report = build_report(RawDocument(path="x.txt", format="txt", pages=[Page(1, source)]))
    for m in report.mentions:
        assert report.text[m.start:m.end] == m.raw


def _workbook() -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in (["项目", "金额（万元）"], ["基本支出", 1337.358269], ["项目支出", 9151.246516]):
        sheet.append(row)
    sheet.merge_cells("A5:B5")
    workbook.create_sheet("自评表").append(["满意度", "90%"])
    buf = io.BytesIO()
    workbook.save(buf)
    return buf.getvalue()


SEEDS = {
    ".pdf": (BAD / "encrypted-owner.pdf").read_bytes(),
    ".docx": (CORPUS / "2024年度渌口区交通事务中心整体支出绩效自评报告.docx").read_bytes(),
    ".xlsx": _workbook(),
    ".html": (BAD / "wrong-charset.html").read_bytes(),
    ".txt": EXCERPT.encode("gbk"),
}
MAGIC = [b"", b"%PDF-1.7\n", b"PK\x03\x04", b"<html>", b"\xef\xbb\xbf", b"\xff\xfe", b"<?xml version='1.0'?>"]


@st.composite
def hostile_bytes(draw):
    suffix = draw(st.sampled_from(sorted(SEEDS)))
    if draw(st.booleans()):  # random bytes, maybe behind a format's magic
        data = draw(st.sampled_from(MAGIC)) + draw(st.binary(max_size=2048))
        if draw(st.booleans()):
            data += b"\n%%EOF\n"
    else:  # a real file of that format, damaged
        data = bytearray(SEEDS[suffix])
        for _ in range(draw(st.integers(1, 8))):
            at = draw(st.integers(0, len(data)))
            op = draw(st.sampled_from(["flip", "cut", "insert", "truncate"]))
            if op == "flip" and at < len(data):
                data[at] = draw(st.integers(0, 255))
            elif op == "cut":
                del data[at:at + draw(st.integers(1, 512))]
            elif op == "insert":
                data[at:at] = draw(st.binary(min_size=1, max_size=64))
            elif op == "truncate":
                del data[at:]
        data = bytes(data)
    return data, suffix


@PROPERTY
@given(hostile_bytes())
def test_readers_raise_only_extractor_errors(case):
    data, suffix = case
    with mock.patch("shutil.which", return_value=None):  # never start LibreOffice from here
        try:
            raw = read_bytes(data, Path(f"fuzz{suffix}"), Limits(max_seconds=10))
        except errors.ExtractorError as exc:
            assert "fuzz" in str(exc)
        else:
            assert all(isinstance(page.text, str) for page in raw.pages)
