"""Readers: path → RawDocument (text per page, tables, layout hints).

The reader is chosen by the file's content first (magic bytes) and its suffix second, so a
mislabelled file is read by the right reader or rejected with a clear error.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import ZIP_ERRORS, CorruptFile, EmptyFile, TooLarge, UnsupportedFormat
from ..model import RawDocument


@dataclass(frozen=True)
class Limits:
    """Safety limits per document; the CLI exposes each as an option."""

    max_bytes: int = 100 * 1024 * 1024
    max_pages: int = 2000
    max_seconds: float = 120.0
    max_inflated_bytes: int = 512 * 1024 * 1024
    # OCR of page images (needs the OCR extra): "auto" reads pages without a usable text layer
    # (scans, fonts without a Unicode map) by OCR, "always" every page, "never" none.
    ocr: str = "auto"


TEXT_SUFFIXES = {".txt", ".md", ".text", ".csv"}
HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
OFFICE_SUFFIXES = {".doc", ".wps", ".xls", ".rtf", ".et", ".dps", ".odt"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | OFFICE_SUFFIXES | IMAGE_SUFFIXES | {".pdf", ".docx", ".xlsx"}
# Magic bytes of the image formats a scan comes in (TIFF: little- and big-endian, classic and BigTIFF).
IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")


def sniff_format(data: bytes, suffix: str) -> str:
    """Decide the format from the leading bytes, falling back on the suffix."""
    head = data[:2048]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if suffix == ".xlsx":
            return "xlsx"
        return "docx" if suffix != ".zip" else "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):  # OLE2: .doc/.xls/.wps
        return "office"
    if head.startswith(b"{\\rtf"):
        return "office"
    if head.startswith(IMAGE_MAGIC):
        return "image"
    lowered = head.lower()
    if suffix in HTML_SUFFIXES or b"<html" in lowered or b"<!doctype html" in lowered:
        return "html"
    if suffix in OFFICE_SUFFIXES:
        return "office"
    if suffix == ".pdf":
        return "pdf"
    if suffix in (".docx", ".xlsx"):
        return suffix[1:]
    if suffix in IMAGE_SUFFIXES:
        return "image"  # not an image by its bytes: the image reader says the file is damaged
    return "txt"


def read(path: str | Path, limits: Limits = Limits()) -> RawDocument:
    """Read one file into a RawDocument, or raise an ExtractorError subclass."""
    path = Path(path)
    return read_bytes(file_bytes(path, limits), path, limits)


def file_bytes(path: Path, limits: Limits) -> bytes:
    """The file's bytes; an empty file or one over ``limits.max_bytes`` is an error, not read."""
    size = path.stat().st_size
    if size == 0:
        raise EmptyFile(f"{path.name}: the file is empty (0 bytes); re-download it")
    if size > limits.max_bytes:
        raise TooLarge(
            f"{path.name}: {size} bytes exceeds the limit of {limits.max_bytes} bytes;"
            " raise --max-bytes to ingest it"
        )
    return path.read_bytes()


def read_bytes(data: bytes, path: Path, limits: Limits = Limits()) -> RawDocument:
    """The document in ``data`` (named ``path``) as text per page and tables, by its sniffed format."""
    fmt = sniff_format(data, path.suffix.lower())
    if fmt == "txt":
        from .text import read_text

        return read_text(data, path)
    if fmt == "html":
        from .html import read_html

        return read_html(data, path)
    if fmt == "pdf":
        from .pdf import read_pdf

        return read_pdf(data, path, limits)
    if fmt == "docx":
        from .docx import read_docx

        return read_docx(data, path, limits)
    if fmt == "xlsx":
        from .xlsx import read_xlsx

        return read_xlsx(data, path, limits)
    if fmt == "office":
        from .office import read_office

        return read_office(data, path, limits)
    if fmt == "image":
        from .image import read_image

        return read_image(data, path, limits)
    if fmt == "zip":
        # ingest opens a .zip and reads its members: one that reaches a reader is damaged.
        import io
        import zipfile

        try:
            zipfile.ZipFile(io.BytesIO(data)).close()
        except ZIP_ERRORS:
            raise CorruptFile(
                f"{path.name}: the .zip archive is damaged and cannot be opened; download it again"
            ) from None
        raise UnsupportedFormat(
            f"{path.name}: a .zip archive is not a document; ingest the archive to read its members"
            " (extractor ingest reads .zip files member by member)"
        )
    raise UnsupportedFormat(f"{path.name}: format {fmt!r} is not supported")
