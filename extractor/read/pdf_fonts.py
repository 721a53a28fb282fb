"""PDF font diagnosis: which fonts carry no Unicode map, so their text comes out as garbage.

A font whose glyphs have no ToUnicode map and no standard encoding gives private-use or
(cid:NN) characters; when most of a page is in such fonts the page is read by OCR instead.
"""
from __future__ import annotations

import ctypes
import io
import re
import time

import pypdfium2.raw as pdfium_c

from ..errors import ExtractorError, Timeout

# pdfium renamed FPDFFont_GetFontName (which gave the BaseFont name) to FPDFFont_GetBaseFontName.
_BASE_FONT_NAME = getattr(pdfium_c, "FPDFFont_GetBaseFontName", None) or getattr(pdfium_c, "FPDFFont_GetFontName", None)


_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")


_STANDARD_ENCODINGS = {"WinAnsiEncoding", "MacRomanEncoding", "StandardEncoding", "MacExpertEncoding"}


def font_of(textpage, index: int, names: dict) -> int | None:
    """Key of the font that draws character ``index`` (None for generated characters); its BaseFont
    name, without the subset tag (pdfium drops it), goes into ``names``. Keys hold for one page."""
    obj = pdfium_c.FPDFText_GetTextObject(textpage, index)
    if not obj:
        return None
    font = pdfium_c.FPDFTextObj_GetFont(obj)
    key = ctypes.cast(font, ctypes.c_void_p).value
    if key and key not in names:
        buf = ctypes.create_string_buffer(256)
        n = _BASE_FONT_NAME(font, buf, len(buf)) if _BASE_FONT_NAME else 0
        names[key] = _SUBSET_TAG.sub("", buf.value.decode("latin-1")) if n else ""
    return key


def garbage_fonts(textpage, unmapped: frozenset[str], names: dict) -> set[int]:
    """Fonts of this page named in ``unmapped`` that pdfium reads as garbage: some of their glyphs
    have no Unicode, or none of their characters is CJK. A font that yields Chinese text without
    a single error keeps its text, whatever its dictionary says."""
    stats: dict[int, list[int]] = {}  # font -> [map errors, CJK characters]
    for i in range(textpage.count_chars()):
        key = font_of(textpage, i, names)
        if key is None or names[key] not in unmapped:
            continue
        entry = stats.setdefault(key, [0, 0])
        entry[0] += pdfium_c.FPDFText_HasUnicodeMapError(textpage, i) == 1
        entry[1] += 0x2E80 <= pdfium_c.FPDFText_GetUnicode(textpage, i) <= 0x9FFF
    return {key for key, (errors, cjk) in stats.items() if errors or not cjk}


def fonts_without_unicode(data: bytes, name: str, limits, deadline: float) -> frozenset[str]:
    """BaseFont names (without subset tag) of the fonts that give no way to Unicode: no /ToUnicode,
    and neither a standard encoding (simple fonts) nor a registered character collection such as
    Adobe-GB1 (CID fonts).

    pdfium cannot tell these apart: without /ToUnicode it falls back on the font's built-in
    encoding, so a reportlab or Word subset font comes out as control characters, Mac Roman
    letters and, worse, plausible ASCII letters and digits. The check is best effort: a PDF that
    pdfminer cannot parse gives no names.
    """
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    names: set[str] = set()
    seen: set[int] = set()

    def visit(resources, depth: int) -> None:
        resources = resolve1(resources)
        if not isinstance(resources, dict) or depth > 4:
            return
        fonts = resolve1(resources.get("Font"))
        for spec in (fonts.values() if isinstance(fonts, dict) else ()):
            objid = getattr(spec, "objid", None)
            if objid is not None:
                if objid in seen:
                    continue
                seen.add(objid)
            spec = resolve1(spec)
            if isinstance(spec, dict) and not _has_unicode(spec, resolve1):
                names.add(_SUBSET_TAG.sub("", _literal(resolve1(spec.get("BaseFont")))))
        xobjects = resolve1(resources.get("XObject"))
        for ref in (xobjects.values() if isinstance(xobjects, dict) else ()):
            objid = getattr(ref, "objid", None)
            if objid in seen:
                continue
            if objid is not None:
                seen.add(objid)
            stream = resolve1(ref)
            attrs = getattr(stream, "attrs", None)
            if isinstance(attrs, dict) and _literal(attrs.get("Subtype")) == "Form":
                visit(attrs.get("Resources"), depth + 1)

    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)), password="")
        for page in PDFPage.create_pages(document):
            visit(page.resources, 0)
            if time.monotonic() > deadline:
                raise Timeout(f"{name}: reading took longer than {limits.max_seconds:g} s; raise --max-seconds")
    except ExtractorError:
        raise
    except Exception:  # noqa: BLE001 - best effort: pdfium already read the file
        pass
    names.discard("")
    return frozenset(names)


_CID_COLLECTIONS = {"GB1", "CNS1", "Japan1", "Japan2", "Korea1", "KR"}


def _has_unicode(spec: dict, resolve1) -> bool:
    if "ToUnicode" in spec:
        return True
    subtype = _literal(resolve1(spec.get("Subtype")))
    encoding = resolve1(spec.get("Encoding"))
    if subtype == "Type0":
        if _literal(encoding) not in ("", "Identity-H", "Identity-V"):
            return True  # a predefined CMap such as UniGB-UCS2-H names the characters
        descendants = resolve1(spec.get("DescendantFonts"))
        descendant = resolve1(descendants[0]) if isinstance(descendants, list) and descendants else {}
        info = resolve1(descendant.get("CIDSystemInfo")) if isinstance(descendant, dict) else None
        ordering = resolve1(info.get("Ordering")) if isinstance(info, dict) else None
        if isinstance(ordering, bytes):
            ordering = ordering.decode("latin-1")
        return ordering in _CID_COLLECTIONS
    if isinstance(encoding, dict) or _literal(encoding) in _STANDARD_ENCODINGS:
        return subtype != "Type3" or isinstance(encoding, dict)
    descriptor = resolve1(spec.get("FontDescriptor"))
    if not isinstance(descriptor, dict):
        return True  # one of the standard 14 fonts: standard encoding
    flags = resolve1(descriptor.get("Flags"))
    symbolic = isinstance(flags, int) and bool(flags & 4)
    return subtype != "Type3" and not symbolic  # a symbolic font's built-in encoding names no characters


def _literal(value) -> str:
    """A PDF name (pdfminer's PSLiteral) or string as text; "" for anything else."""
    value = getattr(value, "name", value)
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return value if isinstance(value, str) else ""
