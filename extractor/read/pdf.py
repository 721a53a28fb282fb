"""PDF: text per page with pypdfium2 (fast), tables with pdfplumber on pages that have ruling lines.

Text is rebuilt from pdfium's characters so that layout artefacts do not reach later stages:
spaces pdfium inserts between CJK characters are removed, and lines that a paragraph was wrapped
into are joined back (a line that reaches the right margin and does not end a sentence continues
on the next line). Real paragraph breaks stay newlines.

Pages without a usable text layer (scans: images and no text; or text mostly in fonts without a
Unicode map) are rendered and read by OCR (``Limits.ocr``: "auto" does that, "always" OCRs every
page, "never" none) when the OCR extra is installed; see :mod:`extractor.read.ocr`.
"""
from __future__ import annotations

import bisect
import ctypes
import itertools
import logging
import re
import time
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..errors import CorruptFile, Encrypted, NeedsOCR, Timeout, TooLarge, UnmappableFont
from ..model import Page, RawDocument, Table
from . import ocr
from .layout import Line, indented_style, lead_width, page_text, right_margin
from .pdf_fonts import font_of, fonts_without_unicode, garbage_fonts
from .pdf_tables import plumber_pass

# pdfminer (under pdfplumber) logs a warning for every odd object; the CLI should show our errors only.
for _name in ("pdfminer", "pdfplumber", "pypdfium2"):
    logging.getLogger(_name).setLevel(logging.ERROR)

_CID = re.compile(r"\(cid:\d+\)")
UNMAPPABLE_SHARE = 0.5  # "mostly": more than half the visible characters have no Unicode


def read_pdf(data: bytes, path: Path, limits) -> RawDocument:
    """A PDF's text per page (pdfium), tables on ruled pages (pdfplumber), OCR for pages without usable text."""
    name = path.name
    # pdfium silently rebuilds a truncated file from what is left; a half document would lose facts
    # without notice, so a missing end-of-file marker is an error.
    if b"%%EOF" not in data.rstrip(b"\x00\r\n\t ")[-1024:]:
        raise CorruptFile(f"{name}: the PDF is truncated (no %%EOF marker at the end); download it again")
    mode = ocr.check_mode(getattr(limits, "ocr", "auto"))
    pdf = _open(data, name)
    try:
        if len(pdf) > limits.max_pages:
            raise TooLarge(
                f"{name}: {len(pdf)} pages exceeds the limit of {limits.max_pages};"
                " raise --max-pages to ingest it"
            )
        deadline = time.monotonic() + limits.max_seconds
        page_lines, widths, counts, fallback, ruled, suspect, imaged = _read_pages(pdf, name, limits, deadline)
        if suspect:
            # Some glyphs have no Unicode: if some fonts have no Unicode map at all, read again with
            # their characters marked, so their made-up letters and digits do not pass as text.
            unmapped = fonts_without_unicode(data, name, limits, deadline)
            if unmapped:
                page_lines, widths, counts, fallback, ruled, _, imaged = _read_pages(
                    pdf, name, limits, deadline, unmapped
                )
    finally:
        pdf.close()

    tables: list[Table] = []
    bands: dict[int, list[tuple[float, float, Table]]] = {}
    if mode == "always":  # the text layer is not used: no fallback text, no tables
        fallback, ruled = set(), set()
    if fallback or ruled:
        tables, bands = plumber_pass(data, name, fallback, ruled, page_lines, counts)
    scanned = _pages_to_ocr(mode, counts, imaged)
    if scanned and not ocr.available():
        if mode == "always":
            ocr.require(name, "--ocr always reads every page by OCR")
        scanned = set()  # auto: read what has text, or explain below why nothing has
    recognised: dict[int, tuple[str, list]] = {}
    if scanned:
        # A page where OCR finds nothing keeps its text layer, for what it is worth (the errors
        # below then describe it): a blank page, or fonts that draw nothing.
        recognised = {i: got for i, got in _ocr_pages(data, name, sorted(scanned), limits, deadline).items() if got[0]}
        tables, bands = _drop_tables(tables, bands, set(recognised))
        for i in recognised:
            page_lines[i] = []
            counts[i] = (0, 0)
    visible = sum(v for v, _ in counts)
    unmappable = sum(u for _, u in counts)
    if visible == 0 and not recognised:
        if scanned:
            raise NeedsOCR(
                f"{name}: the PDF has no text layer and OCR found no text in its page images;"
                " check that the scan is legible (resolution, orientation) or find a text copy"
            )
        if mode == "never":
            raise NeedsOCR(
                f"{name}: the PDF has no text layer (scanned images only) and OCR is off (--ocr never);"
                f" run with --ocr auto to read it (needs the OCR extra: {ocr.INSTALL_HINT})"
            )
        raise NeedsOCR(
            f"{name}: the PDF has no text layer (scanned images only);"
            f" install the OCR extra: {ocr.INSTALL_HINT}"
        )
    if unmappable > UNMAPPABLE_SHARE * visible:
        if scanned:
            found, how = " and OCR found no text on the rendered pages either", ""
        elif mode == "never":
            found, how = "", f", or run with --ocr auto to OCR it (needs {ocr.INSTALL_HINT})"
        else:
            found, how = "", f", or OCR it: {ocr.INSTALL_HINT}"
        raise UnmappableFont(
            f"{name}: {unmappable} of {visible} characters use fonts without a Unicode map{found};"
            f" export the PDF again with embedded Unicode fonts{how}"
        )
    right = right_margin(page_lines, widths)
    indented = indented_style(page_lines, right)
    pages = []
    for i, lines in enumerate(page_lines):
        if i in recognised:
            text, boxes = recognised[i]
            pages.append(Page(i + 1, text, boxes, ocr=True))
        else:
            text = page_text(lines, right, indented, bands.get(i, []))
            whole = _whole_characters(text)
            if len(whole) != len(text):  # surrogates joined: the cells' offsets no longer hold
                for _, _, table in bands.get(i, []):
                    table.spans = []
            pages.append(Page(i + 1, whole))
    return RawDocument(
        path=str(path), format="pdf", pages=pages, tables=tables,
        ocr=bool(recognised), ocr_confidence=ocr.confidence(pages) if recognised else None,
    )


# A page "has no usable text layer" when it shows an image and at most this many characters (a
# scanner's page number or a phone app's watermark), or when most of its characters are unmappable.
SCAN_MAX_CHARS = 20


def _pages_to_ocr(mode: str, counts: list[tuple[int, int]], imaged: set[int]) -> set[int]:
    """Indexes of the pages OCR should read in this mode."""
    if mode == "never":
        return set()
    if mode == "always":
        return set(range(len(counts)))
    return {
        i for i, (visible, unmappable) in enumerate(counts)
        if (i in imaged and visible - unmappable <= SCAN_MAX_CHARS) or unmappable > UNMAPPABLE_SHARE * visible
    }


def _ocr_pages(data: bytes, name: str, indexes: list[int], limits, deadline: float) -> dict[int, tuple[str, list]]:
    """Render the pages at ocr.DPI and read them: page index -> (text, text boxes in points)."""
    pdf = _open(data, name)
    fragments, widths = [], []
    try:
        for i in indexes:
            page = pdf[i]
            width, height = page.get_size()
            scale = min(ocr.DPI / 72, ocr.MAX_SIDE / max(width, height, 1.0))
            try:
                image = page.render(scale=scale, grayscale=True).to_numpy()
            except pdfium.PdfiumError as exc:
                raise CorruptFile(f"{name}: page {i + 1} of the PDF cannot be rendered ({exc}); download it again") from None
            finally:
                page.close()
            fragments.append(ocr.recognize_image(image, scale))
            widths.append(width)
            if time.monotonic() > deadline:
                raise Timeout(
                    f"{name}: reading took longer than {limits.max_seconds:g} s (OCR of page {i + 1});"
                    " raise --max-seconds"
                )
    finally:
        pdf.close()
    return dict(zip(indexes, ocr.layout(fragments, widths)))


def _drop_tables(tables: list[Table], bands, pages: set[int]):
    """Tables of pages read by OCR go (their text came from the unusable text layer); the others
    are numbered again in document order."""
    kept = [t for t in tables if t.page is None or t.page - 1 not in pages]
    for index, table in enumerate(kept):
        table.index = index
    return kept, {i: b for i, b in bands.items() if i not in pages}


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


def _read_pages(pdf, name: str, limits, deadline: float, unmapped: frozenset[str] = frozenset()):
    """Lines, widths, (visible, unmappable) counts, fallback and ruled pages of every page,
    whether any character looked unmapped (a reason to check the fonts), and the pages that show
    images. ``unmapped``: names of fonts without a Unicode map (see :func:`fonts_without_unicode`)."""
    page_lines: list[list[Line]] = []
    widths: list[float] = []
    counts: list[tuple[int, int]] = []  # (visible, unmappable) characters per page
    fallback: set[int] = set()  # pages whose text pdfium could not take in full
    ruled: set[int] = set()  # pages that draw paths: candidates for tables
    imaged: set[int] = set()  # pages that show an image: a scan, if they have no text
    suspect = False
    for i in range(len(pdf)):
        try:
            page = pdf[i]
            lines, n_visible, n_unmappable, n_suspect = _page_lines(page, unmapped)
            lost_text, has_paths, has_images = _inspect_objects(page)
            # only a page with (almost) no text can be a scan
            has_images = has_images and n_visible - n_unmappable <= SCAN_MAX_CHARS
            widths.append(page.get_width())
            page.close()
        except pdfium.PdfiumError as exc:
            raise CorruptFile(f"{name}: page {i + 1} of the PDF is damaged ({exc}); download it again") from None
        page_lines.append(lines)
        counts.append((n_visible, n_unmappable))
        suspect = suspect or n_unmappable > 0 or n_suspect > 0.01 * n_visible
        if lost_text:
            fallback.add(i)
        if has_paths:
            ruled.add(i)
        if has_images:
            imaged.add(i)
        if time.monotonic() > deadline:
            raise Timeout(f"{name}: reading took longer than {limits.max_seconds:g} s; raise --max-seconds")
    return page_lines, widths, counts, fallback, ruled, suspect, imaged


# Latin-1 and Latin Extended letters and the symbols of Mac Roman: what the 1-byte codes of a CJK
# subset font without a Unicode map come out as. Symbols Chinese reports use (×·°±≤≥…) are left out.
_MOJIBAKE = re.compile(r"[\u0080-\u00a6\u00a8-\u00af\u00b4-\u00b6\u00b8-\u00d6\u00d8-\u00f6\u00f8-\u02ff"
                       r"\u2020\u2021\u2022\u2039\u203a\u2044\u2122\u2202\u2206\u220f\u2211\u221a"
                       r"\u221e\u222b\u25ca\ufb01\ufb02]")


def _unchecked(func, restype=ctypes.c_int, *argtypes):
    """A copy of a pdfium function for the calls made per character or page object, at a third of
    the cost of a call: keeping the GIL, as PYFUNCTYPE functions do (releasing it costs more than
    these getters take), and without pypdfium2's prototypes, which check and convert every
    argument. Without ``argtypes`` ints and ctypes pointers pass as they are; functions that take
    or return handles as ints declare them (an undeclared int is passed as 32 bits)."""
    copy = ctypes.PYFUNCTYPE(restype, *argtypes)(ctypes.cast(func, ctypes.c_void_p).value)
    copy.argtypes = argtypes or None
    return copy


_GET_UNICODE = _unchecked(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint)
_MAP_ERROR = _unchecked(pdfium_c.FPDFText_HasUnicodeMapError)
_LOOSE_BOX = _unchecked(pdfium_c.FPDFText_GetLooseCharBox)
_CHAR_ORIGIN = _unchecked(pdfium_c.FPDFText_GetCharOrigin)
_FONT_SIZE = _unchecked(pdfium_c.FPDFText_GetFontSize, ctypes.c_double)
_LINE = re.compile(r"[^\r\n]+")  # pdfium ends each line with a generated \r\n
_LAYOUT_SPACE = re.compile(r"\s")  # the characters str.isspace() takes for space
_INVISIBLE = re.compile(r"[\s\x00-\x1f]+")  # what no line shows: spaces and control codes
_CONTROL = re.compile(r"[\x00-\x1f]")  # control codes (pdfium marks soft hyphens with \x02) carry no text
_UNMAPPABLE = re.compile(r"[\ufffd\ue000-\uf8ff]")


def _text_of(tp, count: int) -> str | None:
    """The text page's characters as one string, one code point per character, from a single
    call; None when pdfium's text does not line up with its characters.

    pdfium builds that text alongside the characters, but leaves control characters out, writes
    U+FFFE for a soft hyphen or a glyph mapped to U+0000 (whose code points are 2 and 0) and
    leaves characters beyond the BMP out; a character it keeps as two, its UTF-16 surrogates,
    decodes to one. Each of these shows as U+FFFE or in the length.
    """
    if count == 0:
        return ""
    buf = (ctypes.c_ushort * (count + 1))()
    written = pdfium_c.FPDFText_GetText(tp, 0, count, buf)
    text = bytes(buf)[: 2 * max(written - 1, 0)].decode("utf-16-le", "surrogatepass")
    return text if len(text) == count and "\ufffe" not in text else None


def _page_lines(page: pdfium.PdfPage, unmapped: frozenset[str] = frozenset()) -> tuple[list[Line], int, int, int]:
    """The page's lines in pdfium's reading order, plus counts of visible, unmappable and suspect
    (mojibake-looking) characters. Characters of ``unmapped`` fonts that read as garbage count as
    unmappable and become U+FFFD.

    The characters are classified on the page's text as a whole; pdfium is asked for the boxes of
    the visible characters only, and for origin and font size of each line's first character.
    """
    textpage = page.get_textpage()
    tp = textpage.raw  # the raw handle: no Python property lookup per ctypes call
    count = textpage.count_chars()
    text = _text_of(tp, count)
    if text is None:
        text = "".join([chr(_GET_UNICODE(tp, i)) for i in range(count)])
    # A glyph without Unicode comes back as its raw code, often a control character or a line
    # break: it is unmappable, whatever its code says about layout.
    flags = list(map(_MAP_ERROR, [tp] * count, range(count)))
    errors = [i for i, flag in enumerate(flags) if flag == 1] if 1 in flags else []
    if unmapped:
        names: dict[int, str] = {}
        garbage = garbage_fonts(textpage, unmapped, names)
        if garbage:
            errors += [i for i in range(count) if font_of(textpage, i, names) in garbage]
    if errors:
        chars = list(text)
        for i in errors:
            chars[i] = "\ufffd"
        text = "".join(chars)
    # visible characters: all but spaces and control codes, taken as the gaps between runs of those
    gaps, previous = [], 0
    for match in _INVISIBLE.finditer(text):
        gaps.append(range(previous, match.start()))
        previous = match.end()
    gaps.append(range(previous, count))
    visible = list(itertools.chain.from_iterable(gaps))
    # The loose box spans the glyph's advance: a tight box would make a line ending in "，" look
    # short of the margin. (It fails only for an index out of range.)
    rect = pdfium_c.FS_RECTF()
    rect_ref = ctypes.byref(rect)
    rights = [_LOOSE_BOX(tp, i, rect_ref) and rect.right for i in visible]
    spaced = _LAYOUT_SPACE.sub(" ", text)
    ox, oy = ctypes.c_double(), ctypes.c_double()
    ox_ref, oy_ref = ctypes.byref(ox), ctypes.byref(oy)
    lines: list[Line] = []
    for match in _LINE.finditer(text):
        begin, stop = match.span()
        start = bisect.bisect_left(visible, begin)
        end = bisect.bisect_left(visible, stop, start)
        if start == end:  # spaces and control codes only
            continue
        # origin and font size matter for a line's first char only
        first = visible[start]
        _LOOSE_BOX(tp, first, rect_ref)
        _CHAR_ORIGIN(tp, first, ox_ref, oy_ref)
        size = _FONT_SIZE(tp, first) or (rect.top - rect.bottom)
        line_text = _CONTROL.sub("", spaced[begin:stop]).strip()
        line_rights = rights[start:end]
        lead = lead_width(line_text.replace(" ", ""), line_rights) - rect.left
        lines.append(Line(line_text, rect.left, max(line_rights), oy.value, size, lead))
    textpage.close()
    # (\x85 and \xa0, the whitespace in the _MOJIBAKE class, are layout: no longer in ``spaced``)
    return lines, len(visible), len(_UNMAPPABLE.findall(text)), len(_MOJIBAKE.findall(spaced))


_HANDLE, _FLOAT_P = ctypes.c_void_p, ctypes.POINTER(ctypes.c_float)
_COUNT_OBJECTS = _unchecked(pdfium_c.FPDFPage_CountObjects, ctypes.c_int, _HANDLE)
_GET_OBJECT = _unchecked(pdfium_c.FPDFPage_GetObject, _HANDLE, _HANDLE, ctypes.c_int)
_HANDLE_TYPE = _unchecked(pdfium_c.FPDFPageObj_GetType, ctypes.c_int, _HANDLE)
_COUNT_FORM_OBJECTS = _unchecked(pdfium_c.FPDFFormObj_CountObjects, ctypes.c_int, _HANDLE)
_GET_FORM_OBJECT = _unchecked(pdfium_c.FPDFFormObj_GetObject, _HANDLE, _HANDLE, ctypes.c_ulong)
_HANDLE_BOUNDS = _unchecked(pdfium_c.FPDFPageObj_GetBounds, ctypes.c_int, _HANDLE, _FLOAT_P, _FLOAT_P, _FLOAT_P, _FLOAT_P)
_TEXT_FONT = _unchecked(pdfium_c.FPDFTextObj_GetFont, _HANDLE, _HANDLE)
_FONT_EMBEDDED = _unchecked(pdfium_c.FPDFFont_GetIsEmbedded, ctypes.c_int, _HANDLE)


def _objects(page: pdfium.PdfPage) -> tuple[list[int], list[int]]:
    """Handles and types of the page's objects and of the objects in its forms, one level deep:
    what ``page.get_objects(max_depth=2)`` yields, without a Python wrapper per object."""
    raw = ctypes.cast(page.raw, ctypes.c_void_p).value
    handles = [_GET_OBJECT(raw, i) for i in range(_COUNT_OBJECTS(raw))]
    kinds = [_HANDLE_TYPE(h) for h in handles]
    if pdfium_c.FPDF_PAGEOBJ_FORM in kinds:
        for handle, kind in list(zip(handles, kinds)):
            if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
                inner = [_GET_FORM_OBJECT(handle, j) for j in range(_COUNT_FORM_OBJECTS(handle))]
                handles += inner
                kinds += [_HANDLE_TYPE(h) for h in inner]
    return handles, kinds


def _inspect_objects(page: pdfium.PdfPage) -> tuple[bool, bool, bool]:
    """(text lost, has paths, has images) for a page.

    Text is lost when a font is not embedded and this system has no substitute: pdfium cannot size
    the glyphs, gives the text object an empty box and leaves short runs (a lone "无") out of the
    text page. Paths (ruling lines, cell borders) are what pdfplumber needs to find tables; images
    are what a scan is made of. Embedded fonts are ruled out first: a box costs pdfium more.
    """
    handles, kinds = _objects(page)
    left, bottom, right, top = box = [ctypes.c_float() for _ in range(4)]
    box_refs = [ctypes.byref(side) for side in box]
    embedded: dict[int, bool] = {}  # font handle -> embedded; handles hold while the page is open
    lost = False
    for handle, kind in zip(handles, kinds):
        if kind != pdfium_c.FPDF_PAGEOBJ_TEXT:
            continue
        font = _TEXT_FONT(handle)
        is_embedded = embedded.get(font)
        if is_embedded is None:
            is_embedded = embedded[font] = bool(_FONT_EMBEDDED(font))
        # an object without glyphs has no bounds: nothing to lose
        if not is_embedded and _HANDLE_BOUNDS(handle, *box_refs) and (
            right.value - left.value < 0.01 or top.value - bottom.value < 0.01
        ):
            lost = True
            break
    return lost, pdfium_c.FPDF_PAGEOBJ_PATH in kinds, pdfium_c.FPDF_PAGEOBJ_IMAGE in kinds


_SURROGATE = re.compile("[\ud800-\udfff]")


def _whole_characters(text: str) -> str:
    """pdfium gives a character beyond the BMP (𝐀, rare 𠀀) as its two UTF-16 surrogates: join
    them; a lone surrogate (a broken map) becomes U+FFFD, as SQLite and UTF-8 cannot hold it."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


