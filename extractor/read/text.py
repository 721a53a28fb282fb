"""Plain text (TXT/MD) with encoding detection: UTF-8 (with or without BOM), UTF-16, GB18030."""
from __future__ import annotations

import codecs
from pathlib import Path

from ..errors import DecodeError, EmptyFile
from ..model import Page, RawDocument

# GB18030 is a superset of GBK and GB2312, so one attempt covers all three.
FALLBACK_ENCODINGS = ("gb18030", "big5")


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Return (text, encoding). Never returns mojibake silently: undecodable bytes raise."""
    boms = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
    for bom, encoding in boms:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                raise DecodeError(
                    f"{name}: the file starts with a {encoding} byte order mark but is not {encoding} text"
                    " (damaged, or a binary file); check the file and convert it to UTF-8"
                ) from None
    if b"\x00" in data[:4096]:
        # UTF-16 without a BOM puts a NUL beside every ASCII character; anything else is binary.
        text = _try_utf16_nobom(data)
        if text is not None:
            return text
        raise DecodeError(
            f"{name}: binary content (NUL bytes), not a text file; check what the file really is"
            " and save the report as UTF-8 text, DOCX or PDF"
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for enc in FALLBACK_ENCODINGS:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text, enc
    raise DecodeError(
        f"{name}: the bytes are not UTF-8, UTF-16 or GB18030 text;"
        " convert the file to UTF-8 or check that it is really a text file"
    )


def _try_utf16_nobom(data: bytes) -> tuple[str, str] | None:
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text, enc
    return None


def _looks_like_text(text: str) -> bool:
    """Mostly printable characters: control characters other than whitespace are rare."""
    if not text:
        return False
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\n\r\f") or 0xE000 <= ord(ch) <= 0xF8FF)
    return bad / len(text) < 0.01


def read_text(data: bytes, path: Path) -> RawDocument:
    """A plain-text file in any of the encodings reports are published in."""
    text, encoding = decode(data, path.name)
    if not text.strip():
        raise EmptyFile(f"{path.name}: the file holds no text (only spaces or line breaks); download it again")
    pages = [Page(i + 1, t) for i, t in enumerate(text.split("\f"))] if "\f" in text else [Page(1, text)]
    return RawDocument(path=str(path), format="txt", pages=pages, encoding=encoding)
