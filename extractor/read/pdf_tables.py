"""pdfplumber (pdfminer) for what pdfium cannot do: the text of pages pdfium cannot read and the
tables of pages with ruling lines."""
from __future__ import annotations

import io
import re

from ..errors import CorruptFile, ExtractorError
from ..model import Table
from .layout import SPURIOUS_SPACE, Line, glue, lead_width

_CID = re.compile(r"\(cid:\d+\)")


def plumber_pass(data, name, fallback, ruled, page_lines, counts):
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
    except ExtractorError:
        raise  # a Timeout from the ingest alarm, not a parse error
    except (PDFSyntaxError, PSException) as exc:
        raise CorruptFile(f"{name}: the PDF cannot be parsed ({exc}); download it again") from None
    except Exception as exc:  # noqa: BLE001 - pdfminer raises anything on a damaged file pdfium tolerated
        raise CorruptFile(
            f"{name}: the PDF is damaged ({type(exc).__name__}: {exc}); download it again"
        ) from None
    return tables, bands


def _plumber_lines(page) -> tuple[list[Line], tuple[int, int]]:
    """A page's lines from pdfplumber, in the same form as :func:`_page_lines`."""
    lines: list[Line] = []
    visible = unmappable = 0
    for found in page.extract_text_lines(strip=True, return_chars=True):
        chars = [c for c in found["chars"] if not c["text"].isspace()]
        if not chars:
            continue
        text = _CID.sub("\ufffd", found["text"])  # pdfminer writes an unmapped glyph as (cid:NN)
        visible += sum(1 for ch in text if not ch.isspace())
        unmappable += sum(1 for ch in text if ch == "\ufffd" or 0xE000 <= ord(ch) <= 0xF8FF)
        baseline = page.height - chars[0]["bottom"]  # pdfplumber measures y downwards
        lead = lead_width([c["text"] for c in chars], [c["x1"] for c in chars]) - chars[0]["x0"]
        lines.append(Line(text, chars[0]["x0"], chars[-1]["x1"], baseline, chars[0]["size"], lead))
    return lines, (visible, unmappable)


def _cell(value: str | None) -> str:
    """A cell's text on one line; None (a cell covered by a merged cell) becomes ""."""
    if not value:
        return ""
    parts = [p.strip() for p in value.splitlines() if p.strip()]
    text = parts[0] if parts else ""
    for part in parts[1:]:
        text = glue(text, part)
    return SPURIOUS_SPACE.sub("", text)
