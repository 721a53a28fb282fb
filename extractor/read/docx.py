"""DOCX with python-docx: paragraphs and tables in document order, heading styles as hints.

The zip is checked before python-docx opens it (zip bombs, non-zip files). python-docx parses every
XML part with lxml and ``resolve_entities=False`` (docx.oxml.parser, docx.opc.oxml): entity
references, including an XXE payload naming file:///etc/passwd, stay unexpanded, and external DTDs
are not loaded (lxml's default).
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from lxml import etree

from ..errors import ZIP_ERRORS, CorruptFile, ZipBomb
from ..model import Page, RawDocument, Table
from .tables import render

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
# Word stores built-in styles under English names ("heading 1"); WPS and localized templates
# sometimes name them "标题 1".
HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
MAX_RATIO = 200  # deflate reaches ~1000:1 only on degenerate data such as runs of zeros
RATIO_MIN_SIZE = 10 * 1024 * 1024  # small members may compress well (styles.xml); only big ones matter


def check_zip(data: bytes, name: str, limits, kind: str = "Word (.docx)") -> zipfile.ZipFile:
    """Open ``data`` as a zip after checking the sizes its directory declares.

    Declared sizes are enough: zipfile stops reading a member at its declared size, so a member
    that lies about its size fails its CRC check instead of inflating without bound.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except ZIP_ERRORS:
        raise CorruptFile(
            f"{name}: not a valid {kind} file (not a zip archive, or damaged);"
            " open it in an office program and save it again, or check that the extension is right"
        ) from None
    total = 0
    for info in archive.infolist():
        total += info.file_size
        # Media are exempt: a blank bitmap compresses like a bomb, and the total limit bounds them.
        if (
            info.file_size > RATIO_MIN_SIZE
            and info.file_size > MAX_RATIO * max(info.compress_size, 1)
            and "/media/" not in f"/{info.filename}"
        ):
            raise ZipBomb(
                f"{name}: member {info.filename} would inflate {info.file_size} bytes from"
                f" {info.compress_size} (ratio over {MAX_RATIO}:1); the file is not a normal document:"
                " do not open it, and get the report from its publisher again"
            )
    if total > limits.max_inflated_bytes:
        raise ZipBomb(
            f"{name}: the archive inflates to {total} bytes, over the limit of"
            f" {limits.max_inflated_bytes}; raise --max-inflated-bytes if the file is genuine"
        )
    return archive


def read_docx(data: bytes, path: Path, limits) -> RawDocument:
    """A Word document: paragraphs and tables in document order, heading styles as hints."""
    import docx
    from docx.exceptions import InvalidXmlError
    from docx.opc.exceptions import PackageNotFoundError

    name = path.name
    archive = check_zip(data, name, limits)
    if "word/document.xml" not in archive.namelist():
        raise CorruptFile(
            f"{name}: the zip holds no Word document (word/document.xml is missing);"
            " check that the file is really a .docx"
        )
    try:
        document = docx.Document(io.BytesIO(data))
        levels = _style_levels(document)
        body = document.element.body
        if body is None:
            raise CorruptFile(f"{name}: the Word document has no body; open and save it again in Word")
        lines: list[str] = []
        tables: list[Table] = []
        hints: list[tuple[str, int]] = []
        pos = 0  # where the next line starts in the page text
        for block in _children(body, "p", "tbl"):
            if block.tag == f"{W}p":
                text = _paragraph_text(block)
                level = levels.get(block.style)
                if level is not None and text.strip():
                    hints.append((text.strip(), level))
                lines.append(text)
                pos += len(text) + 1
            else:
                rows = _table_rows(block)
                if rows:
                    rendered, spans = render(rows, pos)
                    tables.append(Table(len(tables), None, rows, spans))
                    lines.extend(rendered)
                    pos += sum(len(line) + 1 for line in rendered)
    except (PackageNotFoundError, KeyError, etree.XMLSyntaxError, InvalidXmlError, *ZIP_ERRORS,
            AttributeError, TypeError, IndexError) as exc:
        # python-docx reads parts lazily and trusts their shape: damaged XML, a part whose root is
        # not the expected element (AttributeError) or a missing attribute (TypeError) can surface
        # while walking the body, not only when the package is opened.
        raise CorruptFile(
            f"{name}: the Word document is damaged ({type(exc).__name__}: {exc}); open and save it again in Word"
        ) from None
    return RawDocument(
        path=str(path), format="docx", pages=[Page(1, "\n".join(lines))], tables=tables, heading_hints=hints
    )


def _children(parent, *tags: str):
    """Direct children of ``parent`` with the given w: tags, in order, looking inside content controls."""
    wanted = {f"{W}{tag}" for tag in tags}
    for child in parent.iterchildren():
        if child.tag in wanted:
            yield child
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _children(content, *tags)


# Text, tabs and breaks of a paragraph, including runs inside hyperlinks, fields, tracked insertions
# and text boxes. A text box is stored twice (mc:Choice and the VML mc:Fallback): skip the fallback.
# Deleted text is w:delText, field codes are w:instrText: neither matches.
_TEXT_NODES = etree.XPath(
    ".//w:t[not(ancestor::mc:Fallback)] | .//w:tab[not(ancestor::mc:Fallback) and not(ancestor::w:tabs)]"
    " | .//w:br[not(ancestor::mc:Fallback)] | .//w:cr[not(ancestor::mc:Fallback)]",
    namespaces={"w": W_NS, "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"},
)


def _paragraph_text(p) -> str:
    parts = []
    for node in _TEXT_NODES(p):
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag == f"{W}tab":
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


def _style_levels(document) -> dict[str, int]:
    """Paragraph style id -> heading level, following basedOn; Title counts as level 0."""
    styles = document.styles.element
    levels: dict[str, int] = {}
    for style in styles.iterchildren(f"{W}style"):
        current = style
        for _ in range(10):  # follow basedOn a few steps; a cycle must not loop forever
            if current is None:
                break
            name = current.name_val or ""
            match = HEADING_STYLE.match(name)
            if match or name.lower() in ("title", "标题"):
                levels[style.styleId] = int(match.group(1)) if match else 0
                break
            current = current.base_style
    return levels


def _table_rows(tbl) -> list[list[str]]:
    """One list of cell texts per row. A cell spanning columns (gridSpan) appears once; a cell
    continuing a vertical merge (vMerge without "restart") is "" so columns stay aligned."""
    rows = []
    for tr in _children(tbl, "tr"):
        row = []
        for tc in _children(tr, "tc"):
            v_merge = tc.find(f"{W}tcPr/{W}vMerge")
            if v_merge is not None and v_merge.get(f"{W}val", "continue") == "continue":
                row.append("")
            else:
                row.append(_cell_text(tc))
        if any(row):
            rows.append(row)
    return rows


# A cell's own paragraphs and those of nested tables, not those of text boxes inside a paragraph
# (the paragraph's text already includes them).
_CELL_PARAGRAPHS = etree.XPath(".//w:p[not(ancestor::w:p)]", namespaces={"w": W_NS})


def _cell_text(tc) -> str:
    """A cell's paragraphs (and those of nested tables) on one line."""
    parts = [_paragraph_text(p).strip() for p in _CELL_PARAGRAPHS(tc)]
    return " ".join(part for part in parts if part).replace("\n", " ")
