"""OCR of scans: the scanned example report (image-only PDF, PNG page) yields the text version's
quantities, every mention keeps its page and box, and without the OCR extra a scan is a clear
needs_ocr error.

The fixture is made by scripts/make_scan.py. Tests that run OCR are skipped when rapidocr is not
importable (``pip install 'extractor[ocr]'``); the OCR of the scanned PDF is done once per session.
"""
from __future__ import annotations

import io
import os
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

from extractor import errors, extract
from extractor.model import Page, RawDocument
from extractor.text.normalize import normalize
from extractor.pipeline import build_report, join_pages
from extractor.read import Limits, read, read_bytes, sniff_format
from extractor.read import ocr
from extractor.read.ocr import TextBox
from extractor.text.recognize import recognize

from .conftest import CORPUS, EXAMPLE_STEM, EXAMPLE_TXT, load_script

SCANNED = CORPUS / "scanned"
SCAN_PDF = SCANNED / f"{EXAMPLE_STEM}(扫描件).pdf"
SCAN_PNG = SCANNED / f"{EXAMPLE_STEM}(扫描件)-第2页.png"
TEXT_PDF = CORPUS / f"{EXAMPLE_STEM}.pdf"
SCORED = ("amount", "percent", "length")
A4 = (595.3, 841.9)  # points

needs_ocr = pytest.mark.skipif(
    not ocr.available(),
    reason="OCR extra not installed: rapidocr_onnxruntime is not importable (pip install 'extractor[ocr]')",
)


def f1(found, expected) -> float:
    found, expected = Counter(found), Counter(expected)
    hits = sum((found & expected).values())
    if not hits:
        return 0.0
    precision, recall = hits / sum(found.values()), hits / sum(expected.values())
    return 2 * precision * recall / (precision + recall)


def values(report, kind, with_page=False):
    return [(round(m.value, 6), m.unit) + ((m.page,) if with_page else ()) for m in report.mentions
            if m.kind == kind and m.value is not None]


@pytest.fixture(scope="session")
def scan(scan_extraction):
    """The scanned PDF, OCR'd once for the session (shared with tests/test_golden.py)."""
    return scan_extraction


@pytest.fixture(scope="session")
def scan_report(scan):
    return scan.reports[0]


@pytest.fixture(scope="session")
def text_pdf_report():
    return extract(TEXT_PDF).reports[0]


# ------------------------------------------------------------------------------ the fixture
def test_fixture_is_committed_and_small():
    """What scripts/make_scan.py writes is committed and stays small."""
    module = load_script("make_scan")
    assert {module.PDF_OUT, module.PNG_OUT} == {SCAN_PDF, SCAN_PNG}
    assert all(path.exists() for path in (SCAN_PDF, SCAN_PNG)), "run scripts/make_scan.py"
    assert sum(p.stat().st_size for p in SCANNED.iterdir()) < 3_000_000
    # an image-only PDF: pdfium finds no text at all
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(SCAN_PDF)
    assert len(pdf) == 6 and all(pdf[i].get_textpage().count_chars() == 0 for i in range(len(pdf)))
    pdf.close()


# ---------------------------------------------------------------- the scanned example report
@needs_ocr
def test_scan_is_read_by_ocr_with_its_confidence(scan):
    assert scan.document.format == "pdf" and scan.document.pages == 6
    assert scan.document.ocr is True
    assert 0.9 < scan.document.ocr_confidence <= 1.0


@needs_ocr
@pytest.mark.parametrize("kind", SCORED)
def test_scan_quantities_match_the_text_version(scan_report, example_report, kind):
    assert f1(values(scan_report, kind), values(example_report, kind)) >= 0.97


@needs_ocr
def test_scan_finds_all_projects_with_their_amounts(scan_report, example_report):
    expected = [p.amount for p in example_report.projects if p.amount is not None]
    found = [p.amount for p in scan_report.projects if p.amount is not None]
    assert len(expected) == 31
    assert sorted(found) == sorted(expected)


@needs_ocr
def test_scan_metadata_and_facts(scan_report, example_report):
    assert (scan_report.fiscal_year, scan_report.report_kind) == (example_report.fiscal_year, example_report.report_kind)
    expected = Counter((f.key, round(f.value, 6)) for f in example_report.facts)
    found = Counter((f.key, round(f.value, 6)) for f in scan_report.facts)
    assert sum((found & expected).values()) >= 0.95 * sum(expected.values())


@needs_ocr
def test_scan_mentions_keep_page_offsets_and_box(scan_report, text_pdf_report):
    for m in scan_report.mentions:
        assert scan_report.text[m.start:m.end] == m.raw
        assert m.page is not None and m.bbox is not None, m
        x0, y0, x1, y1 = m.bbox
        assert 0 <= x0 < x1 <= A4[0] + 1 and 0 <= y0 < y1 <= A4[1] + 1, m
    # the same pages as the text-layer PDF the scan was made from
    for kind in SCORED:
        assert f1(values(scan_report, kind, True), values(text_pdf_report, kind, True)) >= 0.97


def _text_layer_box(path: Path, page_index: int, needle: str) -> tuple[float, float, float, float]:
    """Where ``needle`` is printed in a text PDF: (x0, y0, x1, y1) from the top-left, in points."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    page = pdf[page_index]
    textpage = page.get_textpage()
    index, count = textpage.search(needle).get_next()
    boxes = [textpage.get_charbox(i) for i in range(index, index + count)]
    height = page.get_height()
    pdf.close()
    return (min(b[0] for b in boxes), height - max(b[3] for b in boxes),
            max(b[2] for b in boxes), height - min(b[1] for b in boxes))


@needs_ocr
@pytest.mark.parametrize("raw", ["1337.358269万元", "2315米", "40.35%"])
def test_mention_box_is_where_the_number_is_printed(scan_report, raw):
    """The box of a mention holds the number as the original text PDF prints it (the scan is
    rotated by 0.5°: a few points of slack)."""
    mention = next(m for m in scan_report.mentions if m.raw == raw)
    x0, y0, x1, y1 = _text_layer_box(TEXT_PDF, mention.page - 1, raw)
    bx0, by0, bx1, by1 = mention.bbox
    em = 11  # the body text's size, in points
    assert abs(bx0 - x0) < em and abs(bx1 - x1) < em  # the number's part of its line, within an em
    assert by0 - 6 <= y0 and y1 <= by1 + 6 and by1 - by0 < 2.5 * em  # its line


@needs_ocr
def test_scan_wrapped_lines_are_joined(scan_report, example_report):
    """Paragraphs come back whole, as the text version has them (wrapped lines rejoined)."""
    paragraphs = [line for line in example_report.text.split("\n") if len(line) > 60]
    scan_lines = set(scan_report.text.split("\n"))
    whole = sum(1 for p in paragraphs if p in scan_lines or any(_close(p, s) for s in scan_lines))
    assert whole >= 0.8 * len(paragraphs)


def _close(a: str, b: str) -> bool:
    """Same paragraph up to a few OCR character errors (渌 read as 录)."""
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b)) <= max(2, len(a) // 20)


@pytest.mark.slow
@needs_ocr
def test_png_page_is_read(text_pdf_report):
    result = extract(SCAN_PNG)
    report = result.reports[0]
    assert (result.document.format, result.document.pages, result.document.ocr) == ("png", 1, True)
    expected = [v for kind in SCORED for v in values(text_pdf_report, kind, True) if v[2] == 2]
    found = [v[:2] + (2,) for kind in SCORED for v in values(report, kind, True)]
    assert f1(found, expected) >= 0.97
    from PIL import Image

    width, height = Image.open(SCAN_PNG).size
    for m in report.mentions:
        assert m.page == 1 and m.bbox is not None
        assert 0 <= m.bbox[0] < m.bbox[2] <= width and 0 <= m.bbox[1] < m.bbox[3] <= height  # pixels


def _strips(n: int) -> list:
    """``n`` horizontal strips of the PNG page, each a few lines of text holding numbers."""
    from PIL import Image

    page = Image.open(SCAN_PNG).convert("L")
    width, height = page.size
    bands = [(0.19, 0.27), (0.47, 0.57)][:n]
    return [page.crop((0, int(height * top), width, int(height * bottom))) for top, bottom in bands]


@pytest.mark.slow
@needs_ocr
def test_multipage_tiff_gives_one_page_per_frame(tmp_path):
    first, second = _strips(2)
    path = tmp_path / "scan.tif"
    first.save(path, format="TIFF", save_all=True, append_images=[second], compression="tiff_deflate")
    raw = read(path)
    assert (raw.format, len(raw.pages), raw.ocr) == ("tiff", 2, True)
    assert all(page.ocr and page.boxes and page.text for page in raw.pages)
    for page in raw.pages:
        for box in page.boxes:
            assert 0 <= box.start < box.end <= len(page.text)
    report = extract(path).reports[0]
    assert {m.page for m in report.mentions} == {1, 2}


@needs_ocr
def test_jpeg_image_is_read(tmp_path):
    [strip] = _strips(1)
    path = tmp_path / "photo.jpg"
    strip.save(path, format="JPEG", quality=80)
    raw = read(path)
    assert raw.format == "jpeg" and raw.pages[0].text


def test_image_formats_are_sniffed_by_their_bytes():
    assert sniff_format(b"\x89PNG\r\n\x1a\n....", ".txt") == "image"
    assert sniff_format(b"\xff\xd8\xff\xe0....", "") == "image"
    assert sniff_format(b"II*\x00....", ".pdf") == "image"
    assert sniff_format(b"MM\x00*....", ".tiff") == "image"
    assert sniff_format(b"plain text", ".png") == "image"  # the image reader then says it is damaged
    assert sniff_format(SCAN_PDF.read_bytes()[:16], ".png") == "pdf"


@needs_ocr
def test_damaged_image_is_corrupt(tmp_path):
    path = tmp_path / "scan.png"
    path.write_bytes(SCAN_PNG.read_bytes()[:2000])
    with pytest.raises(errors.CorruptFile, match="scan.png"):
        read(path)
    (tmp_path / "fake.png").write_bytes(b"not an image at all")
    with pytest.raises(errors.CorruptFile, match="fake.png"):
        read(tmp_path / "fake.png")


@needs_ocr
def test_huge_image_is_refused_before_decoding(tmp_path):
    from PIL import Image

    path = tmp_path / "huge.png"
    Image.new("1", (16000, 12000), 1).save(path)  # small file, 192 million pixels
    with pytest.raises(errors.TooLarge, match="huge.png.*(max-inflated-bytes|too large)"):
        read(path)


# ------------------------------------------------------------------ modes and other PDFs
@pytest.mark.slow
@needs_ocr
def test_pdf_with_fonts_without_unicode_map_is_read_by_ocr():
    """auto OCRs pages whose text layer is mostly unmappable (the (cid:NN) case)."""
    bad = CORPUS / "bad" / "no-tounicode.pdf"
    raw = read(bad)
    assert raw.ocr and raw.pages[0].ocr
    text = re.sub(r"\s+", "", raw.pages[0].text)
    assert "区交通事务中心下设8个内设机构，1个二级机构" in text
    with pytest.raises(errors.UnmappableFont, match="no-tounicode.pdf"):
        read(bad, Limits(ocr="never"))


@needs_ocr
def test_pdf_whose_fonts_draw_nothing_stays_unmappable():
    with pytest.raises(errors.UnmappableFont, match="cid-identity.pdf.*OCR found no text"):
        read(CORPUS / "bad" / "cid-identity.pdf")


@pytest.mark.slow
@needs_ocr
def test_scan_of_no_text_is_needs_ocr():
    with pytest.raises(errors.NeedsOCR, match="image-only.pdf.*OCR found no text"):
        read(CORPUS / "bad" / "image-only.pdf")


def _latin_pdf() -> bytes:
    from reportlab import rl_config
    from reportlab.pdfgen import canvas

    rl_config.invariant = 1
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setFont("Helvetica", 14)
    c.drawString(72, 750, "Budget 1337.36")
    c.save()
    return buf.getvalue()


@pytest.mark.slow
@needs_ocr
def test_ocr_always_reads_text_pdfs_too():
    data = _latin_pdf()
    assert read_bytes(data, Path("t.pdf")).ocr is False  # auto: the text layer is used
    raw = read_bytes(data, Path("t.pdf"), Limits(ocr="always"))
    assert raw.ocr and raw.pages[0].ocr
    assert "1337.36" in raw.pages[0].text
    [box] = raw.pages[0].boxes
    assert 60 < box.bbox[0] < 80 and 70 < box.bbox[1] < 92 < box.bbox[3] < 100  # baseline 750 pt up = 92 pt down


def test_ocr_never_leaves_scans_unread():
    with pytest.raises(errors.NeedsOCR, match=r"扫描件\).pdf.*--ocr never.*--ocr auto.*pip install 'extractor\[ocr\]'"):
        read(SCAN_PDF, Limits(ocr="never"))
    with pytest.raises(errors.NeedsOCR, match=r"--ocr never"):
        read(SCAN_PNG, Limits(ocr="never"))


def test_unknown_ocr_mode_is_refused():
    with pytest.raises(errors.UsageError, match="auto, always, never"):
        read(SCAN_PDF, Limits(ocr="sometimes"))


# -------------------------------------------------------------- without the OCR extra
@pytest.fixture
def without_ocr_extra(monkeypatch):
    """The OCR extra is not installed: importing rapidocr fails."""
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)  # import raises ImportError
    ocr._engine.cache_clear()
    yield
    ocr._engine.cache_clear()


def test_without_the_extra_a_scan_says_how_to_enable_ocr(without_ocr_extra):
    assert not ocr.available()
    for path in (SCAN_PDF, SCAN_PNG):
        with pytest.raises(errors.NeedsOCR, match=re.escape(path.name) + r".*pip install 'extractor\[ocr\]'") as caught:
            extract(path)
        assert caught.value.kind == "needs_ocr"
    with pytest.raises(errors.NeedsOCR, match=r"--ocr always.*pip install 'extractor\[ocr\]'"):
        read_bytes(_latin_pdf(), Path("t.pdf"), Limits(ocr="always"))
    # unmappable fonts: the error suggests OCR
    with pytest.raises(errors.UnmappableFont, match=r"pip install 'extractor\[ocr\]'"):
        read(CORPUS / "bad" / "no-tounicode.pdf")


def test_without_the_extra_text_pdfs_read_as_before(without_ocr_extra):
    raw = read(TEXT_PDF)
    assert not raw.ocr and raw.ocr_confidence is None and all(not p.boxes for p in raw.pages)


# ----------------------------------------------------------------------- offline, always
@needs_ocr
def test_models_ship_in_the_wheel():
    """RapidOCR loads its PP-OCRv4 models from its own package: nothing is downloaded."""
    import rapidocr_onnxruntime

    models = Path(rapidocr_onnxruntime.__file__).parent / "models"
    names = {p.name for p in models.glob("*.onnx")}
    assert {"ch_PP-OCRv4_det_infer.onnx", "ch_PP-OCRv4_rec_infer.onnx"} <= names
    assert ocr._engine() is ocr._engine()  # loaded once per process


@pytest.mark.slow
@needs_ocr
def test_ocr_opens_no_connection_and_sends_no_telemetry(tmp_path, monkeypatch):
    """No socket is connected while reading an image, and onnxruntime's telemetry (which keeps a
    device id under ~/.cache/Microsoft and uploads usage) is switched off before it loads."""
    import socket
    import subprocess

    def refuse(*args, **kwargs):
        raise AssertionError(f"network access: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    [strip] = _strips(1)
    path = tmp_path / "page.png"
    strip.save(path)
    assert read(path).pages[0].text
    # a fresh process, with an empty home: onnxruntime writes nothing there
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k != ocr.TELEMETRY_OPT_OUT}
    env["HOME"] = str(home)
    code = "from extractor.read import ocr; ocr._engine(); import os; print(os.environ['ORT_DISABLE_TELEMETRY'])"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "1"
    assert not (home / ".cache" / "Microsoft").exists()


# ------------------------------------------------------------ layout and boxes (no OCR run)
def _fragment(x0, y0, x1, y1, text, score=0.99, angle=0.0):
    """A recognised box; ``angle`` (radians, y down) rotates it about the page origin."""
    import math

    cos, sin = math.cos(angle), math.sin(angle)
    corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    return ocr.Fragment([(x * cos - y * sin, x * sin + y * cos) for x, y in corners], text, score)


def _width(text: str, em: float) -> float:
    return em * sum(1.0 if ord(ch) > 0x2E80 else 0.55 for ch in text)


def test_layout_orders_boxes_into_lines_and_rejoins_wrapped_paragraphs():
    em, left, right = 11.0, 100.0, 500.0
    heading = "（一）基本支出情况"
    first_a, first_b = "基本支出1337.358269万元，其中", "人员经费1048.772537万元，占"
    full, last = "全年总支出的10%，较上年增加47.793949万元，增", "长4.77%。"
    rows = [
        (left, 100, left + _width(heading, em), 100 + em, heading),  # short line: ends its paragraph
        (left + 2 * em, 118, left + 2 * em + _width(first_a, em), 118 + em, first_a),  # indented first line
        (left + 2 * em + _width(first_a, em) + 3, 118, right, 118 + em, first_b),  # same line, next box
        (left, 136, right, 136 + em, full),  # a full line: the paragraph goes on
        (left, 154, left + _width(last, em), 154 + em, last),
    ]
    for angle in (0.0, 0.01):  # straight, and a page scanned 0.6° askew
        fragments = [_fragment(*row, angle=angle) for row in rows]
        [(text, boxes)] = ocr.layout([fragments[::-1]], [600.0])  # the recogniser's order does not matter
        assert text.split("\n") == [heading, first_a + first_b + full + last]
        assert sorted(text[b.start:b.end] for b in boxes) == sorted(row[4] for row in rows)
        for box in boxes:
            fragment = next(f for f in fragments if f.text == text[box.start:box.end])
            xs, ys = [x for x, _ in fragment.quad], [y for _, y in fragment.quad]
            assert box.bbox == pytest.approx((min(xs), min(ys), max(xs), max(ys)), abs=0.01)


def test_layout_keeps_far_apart_cells_as_a_table_row():
    em = 11.0
    fragments = [
        _fragment(100, 100, 100 + 4 * em, 100 + em, "项目名称"),
        _fragment(300, 100, 300 + 4 * em, 100 + em, "100万元"),
        _fragment(100, 120, 500, 120 + em, "下一行正文很长很长很长很长很长很长很长很长很长很长很长很长很长"),
    ]
    [(text, boxes)] = ocr.layout([fragments], [600.0])
    assert text.split("\n")[0] == "项目名称 | 100万元"
    assert [text[b.start:b.end] for b in boxes] == ["项目名称", "100万元", fragments[2].text]


def _ocr_document(lines: list[tuple[str, float]]) -> RawDocument:
    """A one-page OCR document: one box per line, 20 pt high, with the given confidences."""
    text, boxes = "", []
    for i, (line, confidence) in enumerate(lines):
        if text:
            text += "\n"
        boxes.append(TextBox(len(text), len(text) + len(line), (72.0, 100.0 + 30 * i, 500.0, 120.0 + 30 * i), confidence))
        text += line
    return RawDocument(path="scan.pdf", format="pdf", pages=[Page(1, text, boxes, ocr=True)], ocr=True,
                       ocr_confidence=0.9)


def test_attach_boxes_gives_each_mention_its_box_and_flags_unsure_lines():
    raw = _ocr_document([
        ("基本支出1337.358269万元。", 0.98),
        ("其中人员经费1048.772537万元，占全年总支出的10%，较上年增加47.793949万元，", 0.62),
        ("增长4.77%。", 0.97),
    ])
    source, starts = join_pages(raw)
    norm = normalize(source)
    mentions = recognize(norm.text)
    ocr.attach_boxes(mentions, norm, starts, raw.pages)
    by_raw = {m.raw: m for m in mentions}
    # "基本支出1337.358269万元。": 4 + 2 CJK and 11 narrow characters share the 428 pt of the box
    em = 428 / (4 + 2 + 1 + 11 * 0.55)
    assert by_raw["1337.358269万元"].bbox == pytest.approx((72 + 4 * em, 100.0, 72 + (6 + 11 * 0.55) * em, 120.0), abs=0.01)
    assert by_raw["1337.358269万元"].low_confidence is False
    x0, y0, x1, y1 = by_raw["1048.772537万元"].bbox
    assert 72 < x0 < x1 < 500 and (y0, y1) == (130.0, 150.0)
    assert by_raw["1048.772537万元"].low_confidence is True and by_raw["10%"].low_confidence is True
    assert by_raw["4.77%"].low_confidence is False and by_raw["4.77%"].bbox[1::2] == (160.0, 180.0)
    assert all(m.page == 1 for m in mentions)


def test_a_mention_across_two_boxes_gets_their_union():
    raw = _ocr_document([("较上年增加47.7", 0.99), ("93949万元，增长4.77%。", 0.8)])
    raw.pages[0].text = raw.pages[0].text.replace("\n", "")  # one line broken into two boxes
    raw.pages[0].boxes[1].start -= 1
    raw.pages[0].boxes[1].end -= 1
    source, starts = join_pages(raw)
    norm = normalize(source)
    mentions = recognize(norm.text)
    ocr.attach_boxes(mentions, norm, starts, raw.pages)
    amount = next(m for m in mentions if m.raw == "47.793949万元")
    # the end of the first box ("47.7" ends at 500) and the start of the second (93949万元 at 72)
    assert amount.bbox == (72.0, 100.0, 500.0, 150.0)
    assert amount.low_confidence is True


def test_pipeline_attaches_boxes_for_ocr_documents():
    """build_report maps mentions to boxes (pipeline wiring), and text documents get none."""
    raw = _ocr_document([("基本支出1337.358269万元。", 0.98), ("增长4.77%。", 0.5)])
    report = build_report(raw)
    by_raw = {m.raw: m for m in report.mentions}
    assert by_raw["1337.358269万元"].bbox[1::2] == (100.0, 120.0)
    assert by_raw["4.77%"].low_confidence is True and by_raw["4.77%"].page == 1
    text = extract(EXAMPLE_TXT).reports[0]
    assert all(m.bbox is None and not m.low_confidence for m in text.mentions)
