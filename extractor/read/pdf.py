"""PDF: text per page with pypdfium2 (fast), tables with pdfplumber on pages that have ruling lines.

Text is rebuilt from pdfium's characters so that layout artefacts do not reach later stages:
spaces pdfium inserts between CJK characters are removed, and lines that a paragraph was wrapped
into are joined back (a line that reaches the right margin and does not end a sentence continues
on the next line). Real paragraph breaks stay newlines.
"""
from __future__ import annotations

import ctypes
import io
import logging
import re
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..errors import CorruptFile, Encrypted, NeedsOCR, Timeout, TooLarge, UnmappableFont
from ..model import Page, RawDocument, Table

# pdfminer (under pdfplumber) logs a warning for every odd object; the CLI should show our errors only.
for _name in ("pdfminer", "pdfplumber", "pypdfium2"):
    logging.getLogger(_name).setLevel(logging.ERROR)

SENTENCE_END = set("。！？!?…")  # not ；：, which end clauses inside a paragraph
# Characters that take no space from a neighbouring CJK character: ideographs, CJK and fullwidth
# punctuation, Chinese quotes and dashes.
_CJK = r"\u2e80-\u2fff\u3001-\u303f\u3040-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u2014\u2018\u2019\u201c\u201d\u2026"
_SPURIOUS_SPACE = re.compile(
    rf"(?<=[{_CJK}])[ \t\u3000\xa0]+(?=[{_CJK}0-9])|(?<=[0-9])[ \t\u3000\xa0]+(?=[{_CJK}])"
)
_CID = re.compile(r"\(cid:\d+\)")
UNMAPPABLE_SHARE = 0.5  # "mostly": more than half the visible characters have no Unicode


@dataclass
class _Line:
    text: str
    x0: float  # left edge of the first visible character
    x1: float  # right edge of the last visible character
    baseline: float
    size: float  # font size, used as the unit ("em") for every tolerance
    lead: float  # width of the first word (a Latin/number run) or of the first CJK character


def read_pdf(data: bytes, path: Path, limits) -> RawDocument:
    name = path.name
    # pdfium silently rebuilds a truncated file from what is left; a half document would lose facts
    # without notice, so a missing end-of-file marker is an error.
    if b"%%EOF" not in data.rstrip(b"\x00\r\n\t ")[-1024:]:
        raise CorruptFile(f"{name}: the PDF is truncated (no %%EOF marker at the end); download it again")
    pdf = _open(data, name)
    try:
        if len(pdf) > limits.max_pages:
            raise TooLarge(
                f"{name}: {len(pdf)} pages exceeds the limit of {limits.max_pages};"
                " raise --max-pages to ingest it"
            )
        deadline = time.monotonic() + limits.max_seconds
        page_lines: list[list[_Line]] = []
        widths: list[float] = []
        counts: list[tuple[int, int]] = []  # (visible, unmappable) characters per page
        fallback: set[int] = set()  # pages whose text pdfium could not take in full
        ruled: set[int] = set()  # pages that draw paths: candidates for tables
        for i in range(len(pdf)):
            page = pdf[i]
            lines, n_visible, n_unmappable = _page_lines(page)
            lost_text, has_paths = _inspect_objects(page)
            widths.append(page.get_width())
            page.close()
            page_lines.append(lines)
            counts.append((n_visible, n_unmappable))
            if lost_text:
                fallback.add(i)
            if has_paths:
                ruled.add(i)
            if time.monotonic() > deadline:
                raise Timeout(f"{name}: reading took longer than {limits.max_seconds:g} s; raise --max-seconds")
    finally:
        pdf.close()

    tables: list[Table] = []
    bands: dict[int, list[tuple[float, float, Table]]] = {}
    if fallback or ruled:
        tables, bands = _plumber_pass(data, name, fallback, ruled, page_lines, counts)
    visible = sum(v for v, _ in counts)
    unmappable = sum(u for _, u in counts)
    if visible == 0:
        raise NeedsOCR(
            f"{name}: the PDF has no text layer (scanned images only);"
            " install the OCR extra: pip install 'extractor[ocr]'"
        )
    if unmappable > UNMAPPABLE_SHARE * visible:
        raise UnmappableFont(
            f"{name}: {unmappable} of {visible} characters use fonts without a Unicode map;"
            " export the PDF again with embedded Unicode fonts, or OCR it: pip install 'extractor[ocr]'"
        )
    right = _right_margin(page_lines, widths)
    indented = _indented_style(page_lines, right)
    pages = [
        Page(i + 1, _page_text(lines, right, indented, bands.get(i, []))) for i, lines in enumerate(page_lines)
    ]
    return RawDocument(path=str(path), format="pdf", pages=pages, tables=tables)


def _open(data: bytes, name: str) -> pdfium.PdfDocument:
    """Open with the empty password, so PDFs restricted only by an owner password read normally."""
    try:
        return pdfium.PdfDocument(data, password="")
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise Encrypted(
                f"{name}: the PDF is password protected; save an unprotected copy and ingest that"
            ) from None
        raise CorruptFile(f"{name}: the PDF is damaged and cannot be opened ({exc}); download it again") from None


def _page_lines(page: pdfium.PdfPage) -> tuple[list[_Line], int, int]:
    """The page's lines in pdfium's reading order, plus counts of visible and unmappable chars."""
    textpage = page.get_textpage()
    lines: list[_Line] = []
    chars: list[str] = []
    boxes: list[tuple[float, float, float, float]] = []  # x0, x1, baseline, size of visible chars
    visible = unmappable = 0
    rect = pdfium_c.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()

    def flush() -> None:
        text = "".join(chars).strip()
        if text and boxes:
            x0, baseline, size = boxes[0][0], boxes[0][2], boxes[0][3]
            lead = _lead_width([c for c in chars if not c.isspace()], [b[1] for b in boxes]) - x0
            lines.append(_Line(text, x0, max(b[1] for b in boxes), baseline, size, lead))
        chars.clear()
        boxes.clear()

    for i in range(textpage.count_chars()):
        ch = chr(pdfium_c.FPDFText_GetUnicode(textpage, i))
        if ch in "\r\n":  # pdfium ends each line with a generated \r\n
            flush()
            continue
        if ch.isspace():
            chars.append(" ")
            continue
        if ord(ch) < 32:  # control codes (pdfium marks soft hyphens with \x02) carry no text
            continue
        visible += 1
        if pdfium_c.FPDFText_HasUnicodeMapError(textpage, i) == 1 or ch == "\ufffd" or 0xE000 <= ord(ch) <= 0xF8FF:
            unmappable += 1
        chars.append(ch)
        # The loose box spans the glyph's advance: a tight box would make a line ending in "，"
        # look short of the margin.
        pdfium_c.FPDFText_GetLooseCharBox(textpage, i, rect)
        pdfium_c.FPDFText_GetCharOrigin(textpage, i, ox, oy)
        size = pdfium_c.FPDFText_GetFontSize(textpage, i) or (rect.top - rect.bottom)
        boxes.append((rect.left, rect.right, oy.value, size))
    flush()
    textpage.close()
    return lines, visible, unmappable


def _inspect_objects(page: pdfium.PdfPage) -> tuple[bool, bool]:
    """(text lost, has paths) for a page.

    Text is lost when a font is not embedded and this system has no substitute: pdfium cannot size
    the glyphs, gives the text object an empty box and leaves short runs (a lone "无") out of the
    text page. Paths (ruling lines, cell borders) are what pdfplumber needs to find tables.
    """
    lost = paths = False
    for obj in page.get_objects(max_depth=2):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
            paths = True
        elif obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT and not lost:
            try:
                left, bottom, right, top = obj.get_bounds()
            except pdfium.PdfiumError:  # an object without glyphs has no bounds: nothing to lose
                continue
            if (right - left < 0.01 or top - bottom < 0.01) and not pdfium_c.FPDFFont_GetIsEmbedded(
                pdfium_c.FPDFTextObj_GetFont(obj.raw)
            ):
                lost = True
        if lost and paths:
            break
    return lost, paths


def _right_margin(page_lines: list[list[_Line]], widths: list[float]) -> float:
    """Right edge of the body text.

    Wrapped paragraphs end many lines at the margin: if enough lines end near the median over
    pages of each page's rightmost line end, that is the margin (the median ignores a short last
    page or a page with a wide table). Otherwise no line was wrapped, and the widest line is not
    the margin; assume margins as wide on the right as on the left.
    """
    pages = [(lines, width) for lines, width in zip(page_lines, widths) if lines]
    if not pages:
        return 0.0
    observed = statistics.median(max(line.x1 for line in lines) for lines, _ in pages)
    at_margin = sum(1 for lines, _ in pages for line in lines if line.x1 >= observed - line.size)
    if at_margin >= 5:
        return observed
    return statistics.median(width - min(line.x0 for line in lines) for lines, width in pages)


def _indented_style(page_lines: list[list[_Line]], right: float) -> bool:
    """Whether paragraphs start with a first-line indent (as GB/T 9704 documents do): most lines
    that follow a line ending well short of the margin start right of the page's left edge."""
    starts = indented = 0
    for lines in page_lines:
        if not lines:
            continue
        left = min(line.x0 for line in lines)
        for prev, line in zip(lines, lines[1:]):
            if right - prev.x1 > 4 * prev.size:  # prev certainly ended a paragraph
                starts += 1
                indented += line.x0 - left >= 1.5 * line.size
    return starts >= 3 and indented > 0.8 * starts


def _page_text(lines: list[_Line], right: float, indented: bool, bands: list[tuple[float, float, Table]]) -> str:
    """Join wrapped lines; lines inside a table's band are replaced by its rows as " | " lines."""
    left = min((line.x0 for line in lines), default=0.0)
    out: list[str] = []
    prev: _Line | None = None
    emitted: set[int] = set()
    for line in lines:
        table = next((t for bottom, top, t in bands if bottom - 1 <= line.baseline <= top + 1), None)
        if table is not None:
            if table.index not in emitted:
                emitted.add(table.index)
                out.extend(" | ".join(row) for row in table.rows)
            prev = None  # never join text across a table
            continue
        if prev is not None and _continues(prev, line, right, left if indented else None):
            out[-1] = _glue(out[-1], _SPURIOUS_SPACE.sub("", line.text))
        else:
            out.append(_SPURIOUS_SPACE.sub("", line.text))
        prev = line
    return "\n".join(out)


def _lead_width(chars: list[str], rights: list[float]) -> float:
    """Right edge of the line's first word: a run of Latin letters/digits, or one CJK character."""
    end = 0
    while end + 1 < len(chars) and chars[end].isascii() and chars[end + 1].isascii():
        end += 1
    return rights[end]


def _continues(prev: _Line, line: _Line, right: float, indent_left: float | None) -> bool:
    """Whether ``line`` continues the paragraph that ``prev`` was wrapped from.

    ``indent_left`` is the page's left edge when paragraphs start indented: then a line starting
    at that edge continues a full line even after "。". Otherwise a full line ending a sentence
    may end its paragraph, and the break is kept.
    """
    em = max(prev.size, 1.0)
    if indent_left is not None:
        sentence_ok = line.x0 < indent_left + em
    else:
        sentence_ok = prev.text[-1] not in SENTENCE_END
    return (
        sentence_ok
        # wrapping never splits a number; two numbers on consecutive lines are rows or list items
        and not (prev.text[-1].isdigit() and line.text[0].isdigit())
        # the first word of line did not fit in what prev left free before the margin
        and right - prev.x1 < line.lead + em
        and line.x0 <= prev.x0 + 0.8 * em  # line is not an indented first line of a new paragraph
        and 0 < prev.baseline - line.baseline <= 2.5 * em  # line sits directly below prev
    )


def _glue(a: str, b: str) -> str:
    """Join wrapped lines: Latin words keep a space; CJK text and numbers split by the wrap do not."""
    if a[-1:].isascii() and a[-1:].isalpha() and b[:1].isascii() and b[:1].isalpha():
        return f"{a} {b}"
    return a + b


def _plumber_pass(data, name, fallback, ruled, page_lines, counts):
    """pdfplumber (pdfminer) for what pdfium cannot do: text of ``fallback`` pages, replacing their
    entries in ``page_lines``/``counts``, and tables of ``ruled`` pages that have ruling lines.

    Returns the tables and, per page index, the vertical band (bottom, top) each table covers.
    """
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    tables: list[Table] = []
    bands: dict[int, list[tuple[float, float, Table]]] = {}
    try:
        with pdfplumber.open(io.BytesIO(data), password="") as doc:
            for i in sorted(fallback | ruled):
                page = doc.pages[i]
                if i in fallback:
                    page_lines[i], counts[i] = _plumber_lines(page)
                if i in ruled and (page.lines or page.rects):
                    for found in page.find_tables():
                        rows = [[_cell(c) for c in row] for row in found.extract()]
                        rows = [row for row in rows if any(row)]
                        # One row or one column is a framed paragraph or a page border, not a table.
                        if len(rows) < 2 or max(len(row) for row in rows) < 2:
                            continue
                        table = Table(len(tables), i + 1, rows)
                        tables.append(table)
                        x0, top, x1, bottom = found.bbox  # pdfplumber measures y downwards
                        bands.setdefault(i, []).append((page.height - bottom, page.height - top, table))
                page.close()  # drop the page's cached layout objects
    except (PDFSyntaxError, PSException) as exc:
        raise CorruptFile(f"{name}: the PDF cannot be parsed ({exc}); download it again") from None
    return tables, bands


def _plumber_lines(page) -> tuple[list[_Line], tuple[int, int]]:
    """A page's lines from pdfplumber, in the same form as :func:`_page_lines`."""
    lines: list[_Line] = []
    visible = unmappable = 0
    for found in page.extract_text_lines(strip=True, return_chars=True):
        chars = [c for c in found["chars"] if not c["text"].isspace()]
        if not chars:
            continue
        text = _CID.sub("\ufffd", found["text"])  # pdfminer writes an unmapped glyph as (cid:NN)
        visible += sum(1 for ch in text if not ch.isspace())
        unmappable += sum(1 for ch in text if ch == "\ufffd" or 0xE000 <= ord(ch) <= 0xF8FF)
        baseline = page.height - chars[0]["bottom"]  # pdfplumber measures y downwards
        lead = _lead_width([c["text"] for c in chars], [c["x1"] for c in chars]) - chars[0]["x0"]
        lines.append(_Line(found["text"], chars[0]["x0"], chars[-1]["x1"], baseline, chars[0]["size"], lead))
    return lines, (visible, unmappable)


def _cell(value: str | None) -> str:
    """A cell's text on one line; None (a cell covered by a merged cell) becomes ""."""
    if not value:
        return ""
    parts = [p.strip() for p in value.splitlines() if p.strip()]
    text = parts[0] if parts else ""
    for part in parts[1:]:
        text = _glue(text, part)
    return _SPURIOUS_SPACE.sub("", text)
