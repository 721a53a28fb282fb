"""How every reader renders a table into its page's text, and where each cell's text goes.

A table is written as one line per row, its cells joined by " | " (``CELL_SEPARATOR``), a blank
cell as nothing. The readers record each cell's span in the page text (``Table.spans``) so that
the forms stage reads cells by position instead of searching the text for them.

DOCX, XLSX and PDF build their page text by joining lines, so :func:`render` gives the lines and
the spans directly. HTML collapses whitespace after the page is walked: its cells are wrapped in
two private-use marks (:func:`marked`), which no whitespace rule touches, and :func:`unmark`
removes them after the clean-up and reads the spans off their places.
"""
from __future__ import annotations

from ..model import Span, Table

CELL_SEPARATOR = " | "
OPEN, CLOSE = "\ue000", "\ue001"  # around a cell's text while a page is being cleaned (HTML)


def _content(cell: str) -> tuple[int, int] | None:
    """The span of ``cell`` without its surrounding whitespace, or None for a blank cell."""
    stripped = cell.strip()
    if not stripped:
        return None
    lead = len(cell) - len(cell.lstrip())
    return lead, lead + len(stripped)


def render(rows: list[list[str]], start: int = 0) -> tuple[list[str], list[list[Span | None]]]:
    """``rows`` as text lines (" | "-joined cells) and each cell's span, the first line starting
    at offset ``start`` of the page text and the lines joined by one newline."""
    lines: list[str] = []
    spans: list[list[Span | None]] = []
    pos = start
    for row in rows:
        row_spans: list[Span | None] = []
        at = pos
        for k, cell in enumerate(row):
            if k:
                at += len(CELL_SEPARATOR)
            inner = _content(cell or "")
            row_spans.append((at + inner[0], at + inner[1]) if inner else None)
            at += len(cell or "")
        line = CELL_SEPARATOR.join(cell or "" for cell in row)
        lines.append(line)
        spans.append(row_spans)
        pos += len(line) + 1
    return lines, spans


def marked(row: list[str]) -> str:
    """One row rendered with its non-blank cells between the marks (see :func:`unmark`)."""
    return CELL_SEPARATOR.join(f"{OPEN}{cell.strip()}{CLOSE}" if cell and cell.strip() else "" for cell in row)


def unmark(text: str, tables: list[Table]) -> str:
    """``text`` without the marks :func:`marked` put in, and ``spans`` set on ``tables`` (the
    tables in the order their rows were written). When the marks do not pair up with the tables'
    cells (the page itself held such characters), the text is cleaned and no spans are set."""
    if OPEN not in text:
        return text
    places: list[Span] = []
    out: list[str] = []
    pos = removed = 0
    while True:
        a = text.find(OPEN, pos)
        if a == -1:
            break
        b = text.find(CLOSE, a + 1)
        if b == -1 or OPEN in text[a + 1:b]:
            places = []
            break
        out.append(text[pos:a])
        start = a - removed
        out.append(text[a + 1:b])
        removed += 1
        places.append((start, b - removed))
        removed += 1
        pos = b + 1
    out.append(text[pos:])
    clean = "".join(out)
    wanted = sum(1 for t in tables for row in t.rows for cell in row if cell and cell.strip())
    if not places or len(places) != wanted or OPEN in clean or CLOSE in clean:
        return text.replace(OPEN, "").replace(CLOSE, "")
    it = iter(places)
    for t in tables:
        t.spans = [[next(it) if cell and cell.strip() else None for cell in row] for row in t.rows]
    return clean
