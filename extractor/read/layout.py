"""Paragraph layout shared by the PDF reader and OCR: lines placed on a page become paragraphs.

A wrapped paragraph ends many lines at the right margin; a line continues the previous one when
the previous did not end a sentence and the first word of the line would not have fitted in the
space the previous left free. Spaces a layout engine put between CJK characters are removed.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from ..model import Table
from .tables import render


SENTENCE_END = set("。！？!?…")  # not ；：, which end clauses inside a paragraph


# Characters that take no space from a neighbouring CJK character: ideographs, CJK and fullwidth
# punctuation, Chinese quotes and dashes.
_CJK = r"\u2e80-\u2fff\u3001-\u303f\u3040-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u2014\u2018\u2019\u201c\u201d\u2026"


SPURIOUS_SPACE = re.compile(
    rf"(?<=[{_CJK}])[ \t\u3000\xa0]+(?=[{_CJK}0-9])|(?<=[0-9])[ \t\u3000\xa0]+(?=[{_CJK}])"
)


@dataclass
class Line:
    """A text line as placed on a page: its text, horizontal extent, baseline and font size."""
    text: str
    x0: float  # left edge of the first visible character
    x1: float  # right edge of the last visible character
    baseline: float
    size: float  # font size, used as the unit ("em") for every tolerance
    lead: float  # width of the first word (a Latin/number run) or of the first CJK character


def right_margin(page_lines: list[list[Line]], widths: list[float]) -> float:
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


def indented_style(page_lines: list[list[Line]], right: float) -> bool:
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


def page_text(lines: list[Line], right: float, indented: bool, bands: list[tuple[float, float, Table]]) -> str:
    """Join wrapped lines; lines inside a table's band are replaced by its rows as " | " lines,
    and the table records where its cells went (``Table.spans``)."""
    left = min((line.x0 for line in lines), default=0.0)
    out: list[str] = []
    prev: Line | None = None
    emitted: dict[int, tuple[Table, int]] = {}  # table index -> (table, index of its first row in out)
    for line in lines:
        table = next((t for bottom, top, t in bands if bottom - 1 <= line.baseline <= top + 1), None)
        if table is not None:
            if table.index not in emitted:
                emitted[table.index] = (table, len(out))
                out.extend(render(table.rows)[0])
            prev = None  # never join text across a table
            continue
        if prev is not None and continues(prev, line, right, left if indented else None):
            out[-1] = glue(out[-1], SPURIOUS_SPACE.sub("", line.text))
        else:
            out.append(SPURIOUS_SPACE.sub("", line.text))
        prev = line
    for table, first in emitted.values():  # lines before a table may have grown by glue: count now
        table.spans = render(table.rows, sum(len(text) + 1 for text in out[:first]))[1]
    return "\n".join(out)


def lead_width(chars: str | list[str], rights: list[float]) -> float:
    """Right edge of the line's first word: a run of Latin letters/digits, or one CJK character."""
    end = 0
    while end + 1 < len(chars) and chars[end].isascii() and chars[end + 1].isascii():
        end += 1
    return rights[end]


def continues(prev: Line, line: Line, right: float, indent_left: float | None) -> bool:
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


def glue(a: str, b: str) -> str:
    """Join wrapped lines: Latin words keep a space; CJK text and numbers split by the wrap do not."""
    if a[-1:].isascii() and a[-1:].isalpha() and b[:1].isascii() and b[:1].isalpha():
        return f"{a} {b}"
    return a + b
