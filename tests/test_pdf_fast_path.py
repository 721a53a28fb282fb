"""The PDF reader takes a page's characters from pdfium's text in one call (the fast path) and
asks per character only for what the text cannot tell. It must give exactly the lines that
reading every character by its own calls gives, and pages whose text does not line up with the
characters (soft hyphens, characters beyond the BMP) must take the per-character path."""
from __future__ import annotations

import ctypes
import dataclasses
import io
import time
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from extractor.read import Limits
from extractor.read import layout, pdf_fonts
from extractor.read import pdf as pdf_reader

from .conftest import CORPUS, load_script
# (PDF, whether its pages take the fast path)
TEXT_PDFS = [
    (CORPUS / "2024年度渌口区交通事务中心整体支出绩效自评报告.pdf", True),
    (CORPUS / "forms" / "项目支出绩效自评表.pdf", True),
    (CORPUS / "bad" / "cid-identity.pdf", True),  # glyphs without Unicode: map errors
    # a font without a Unicode map whose codes pdfium takes for control characters and leaves out
    # of its text; fonts named in ``unmapped`` that read as garbage
    (CORPUS / "bad" / "no-tounicode.pdf", False),
]


def _reference_lines(page, unmapped: frozenset[str]):
    """The specification: every character read by its own calls (the reader's loop before the
    fast path), as (lines as tuples, visible, unmappable, suspect)."""
    textpage = page.get_textpage()
    tp = textpage.raw
    names: dict[int, str] = {}
    garbage = pdf_fonts.garbage_fonts(textpage, unmapped, names) if unmapped else set()
    rect, ox, oy = pdfium_c.FS_RECTF(), ctypes.c_double(), ctypes.c_double()
    lines, chars, rights = [], [], []
    first = (0.0, 0.0, 0.0)
    visible = unmappable = suspect = 0

    def flush():
        text = "".join(chars).strip()
        if text and rights:
            lead = layout.lead_width([c for c in chars if not c.isspace()], rights) - first[0]
            lines.append((text, first[0], max(rights), first[1], first[2], lead))
        chars.clear()
        rights.clear()

    for i in range(textpage.count_chars()):
        code = pdfium_c.FPDFText_GetUnicode(tp, i)
        ch = chr(code)
        unmapped_glyph = pdfium_c.FPDFText_HasUnicodeMapError(tp, i) == 1 or (
            bool(garbage) and pdf_fonts.font_of(textpage, i, names) in garbage
        )
        if not unmapped_glyph:
            if code in (10, 13):
                flush()
                continue
            if ch.isspace():
                chars.append(" ")
                continue
            if code < 32:
                continue
        visible += 1
        if unmapped_glyph or code == 0xFFFD or 0xE000 <= code <= 0xF8FF:
            unmappable += 1
            ch = "\ufffd"
        elif pdf_reader._MOJIBAKE.match(ch):
            suspect += 1
        chars.append(ch)
        pdfium_c.FPDFText_GetLooseCharBox(tp, i, rect)
        if not rights:
            pdfium_c.FPDFText_GetCharOrigin(tp, i, ox, oy)
            first = (rect.left, oy.value, pdfium_c.FPDFText_GetFontSize(tp, i) or (rect.top - rect.bottom))
        rights.append(rect.right)
    flush()
    textpage.close()
    return lines, visible, unmappable, suspect


def _lines(page, unmapped: frozenset[str]):
    lines, *counts = pdf_reader._page_lines(page, unmapped)
    return [dataclasses.astuple(line) for line in lines], *counts


def _per_character(monkeypatch, page, unmapped: frozenset[str]):
    """_page_lines with the fast path turned off, as for a page whose text does not line up."""
    with monkeypatch.context() as patch:
        patch.setattr(pdf_reader, "_text_of", lambda tp, count: None)
        return _lines(page, unmapped)


def _fast_path_applies(page) -> bool:
    textpage = page.get_textpage()
    aligned = pdf_reader._text_of(textpage.raw, textpage.count_chars()) is not None
    textpage.close()
    return aligned


def _pages(data: bytes) -> list:
    """The document's pages (each keeps its document open)."""
    pdf = pdfium.PdfDocument(data)
    return [pdf[i] for i in range(len(pdf))]


@pytest.mark.parametrize(("path", "fast"), TEXT_PDFS, ids=[path.name for path, _ in TEXT_PDFS])
def test_fast_path_gives_exactly_the_per_character_lines(path, fast, monkeypatch):
    data = path.read_bytes()
    # also with every font the PDF declares without Unicode: the garbage-font branch
    unmapped = pdf_fonts.fonts_without_unicode(data, path.name, Limits(), time.monotonic() + 60)
    for page in _pages(data):
        assert _fast_path_applies(page) == fast
        for fonts in {frozenset(), unmapped}:
            expected = _reference_lines(page, fonts)
            assert _lines(page, fonts) == expected
            assert _per_character(monkeypatch, page, fonts) == expected


def test_corpus_report_has_lines_and_takes_the_fast_path():
    pages = _pages(TEXT_PDFS[0][0].read_bytes())
    counts = [(_fast_path_applies(page), len(pdf_reader._page_lines(page)[0])) for page in pages]
    assert all(fast for fast, _ in counts)
    assert sum(n for _, n in counts) > 100


def _helvetica_pdf(content: bytes, to_unicode: bytes) -> bytes:
    """One page showing ``content`` in Helvetica, whose codes map to Unicode by ``to_unicode``."""
    return load_script("make_bad_corpus").minimal_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >>"
        b" /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(to_unicode), to_unicode),
    ])


_CMAP = b"""/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<00> <FF>
endcodespacerange
4 beginbfchar
<41> <0041>
<42> <D835DC00>
<43> <0043>
<20> <0020>
endbfchar
endcmap
CMapName currentdict /CMap defineresource pop
end
end"""


def test_character_beyond_the_bmp_takes_the_per_character_path():
    """pdfium keeps U+1D400 as two characters, its UTF-16 surrogates, which its one-call text
    gives as a pair that decodes to one code point: the page is read character by character."""
    data = _helvetica_pdf(b"BT /F1 12 Tf 72 700 Td (AB C) Tj 0 -20 Td (CA) Tj ET", _CMAP)
    (page,) = _pages(data)
    assert not _fast_path_applies(page)
    lines, visible, unmappable, suspect = _lines(page, frozenset())
    assert [line[0] for line in lines] == ["A\ud835\udc00 C", "CA"]
    assert (visible, unmappable, suspect) == (6, 0, 0)
    assert (lines, visible, unmappable, suspect) == _reference_lines(page, frozenset())


def test_soft_hyphen_takes_the_per_character_path():
    """pdfium marks a hyphen that splits a word at a line end as \\x02 (U+FFFE in its text)."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setFont("Helvetica", 12)
    c.drawString(72, 750, "The budget was spent on mainte-")
    c.drawString(72, 735, "nance of roads.")
    c.save()
    (page,) = _pages(buf.getvalue())
    assert not _fast_path_applies(page)
    lines, *counts = _lines(page, frozenset())
    assert [line[0] for line in lines] == ["The budget was spent on maintenance of roads."]
    assert (lines, *counts) == _reference_lines(page, frozenset())


def test_text_of_checks_that_text_and_characters_line_up():
    """The alignment check itself: the text must have one code point per character and no U+FFFE."""
    data = _helvetica_pdf(b"BT /F1 12 Tf 72 700 Td (A C) Tj ET", _CMAP)
    (page,) = _pages(data)
    textpage = page.get_textpage()
    count = textpage.count_chars()
    assert count == 3
    assert pdf_reader._text_of(textpage.raw, count) == "A C"
    textpage.close()


def test_a_character_beyond_the_bmp_reaches_the_database_whole(tmp_path):
    """The surrogate pair pdfium gives becomes one character in the page text, so the document
    stores (UTF-8 cannot encode a lone surrogate) and offsets count it once."""

    from extractor import store
    from extractor.pipeline import extract_bytes

    data = _helvetica_pdf(b"BT /F1 12 Tf 72 700 Td (AB C) Tj 0 -20 Td (CA) Tj ET", _CMAP)
    extraction = extract_bytes(data, Path("beyond.pdf"))
    text = extraction.reports[0].text
    assert "A\U0001d400 C" in text and not any(0xD800 <= ord(c) <= 0xDFFF for c in text)
    db = store.open_db(tmp_path / "r.db")
    store.save_extraction(db, extraction, "beyond.pdf")
    assert "\U0001d400" in db.execute("select text from reports").fetchone()[0]
