"""A 自评表 as a list of :class:`Cell`, whatever shape it came in.

* Real tables from the readers (DOCX, XLSX, PDF via pdfplumber, HTML): one cell per table cell,
  read from ``Report.text`` at the span its reader recorded (:func:`table_cells`).
* Flattened text (:func:`text_cells`): cells between pipes (" | " rows of 安徽 转移支付 forms, one
  cell a line ending in " |" of 四川), a whole line as one cell (云南 2022), or, in a line with no
  separator at all (a DOCX saved as text: normalization removed the spaces between Han
  characters), cells cut at the labels of patterns/forms.toml, with a budget row's figures glued
  together ("194.9194.9100%") cut where the rate agrees (:func:`glued_figures`).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from ... import rules
from ...model import Table
from .numbers import is_figure
from .vocabulary import Vocabulary

GLUED_MAX_CHARS = 40  # three figures of a budget row: "12345678.12345678.12345678.12%" fits
_GLUED_FIGURES = regex.compile(r"[\d.]{5,}%")
_FIGURE = regex.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?")


def cell_key(text: str) -> str:
    """What labels are matched against: the text without whitespace and trailing colon."""
    return rules.compiled(r"\s+").sub("", text).rstrip(":")


@dataclass
class Cell:
    """One cell of a form: its text, its span in ``Report.text`` when known, and its place."""

    text: str
    start: int | None = None  # span in Report.text, when known
    end: int | None = None
    row: int = 0  # table row, or line number of flattened text
    col: int = 0  # position in its row
    table: int | None = None
    page: int | None = None
    glued: bool = False  # cut out of a line that had no separators
    key: str = field(init=False)

    def __post_init__(self):
        self.key = cell_key(self.text)

    @property
    def rid(self) -> tuple:
        """The row the cell belongs to: (table, row), unique across the tables of a form."""
        return (self.table, self.row)

    @property
    def empty(self) -> bool:
        """A blank cell (a merged cell's continuation, an unfilled slot)."""
        return not self.key


def numeric(cell: Cell) -> bool:
    """A number or a percent: what fills 实际完成值 / 分值 / 得分."""
    return is_figure(cell.key)


def span_of(cells) -> tuple[int | None, int | None]:
    """(start, end) covering the located cells among ``cells`` (None entries allowed)."""
    located = [c for c in cells if c is not None and c.start is not None]
    if not located:
        return None, None
    return min(c.start for c in located), max(c.end for c in located)


# ------------------------------------------------------------ text → cells
def text_cells(text: str, lo: int, hi: int, vocab: Vocabulary) -> list[Cell]:
    """The cells of ``text[lo:hi]``, one text line a row."""
    cells: list[Cell] = []
    line_no = 0
    pos = lo
    while pos < hi:
        nl = text.find("\n", pos, hi)
        end = hi if nl == -1 else nl
        cells += _line_cells(text, pos, end, line_no, vocab)
        line_no += 1
        pos = end + 1
    return _join_split_labels(text, cells, vocab)


def _join_split_labels(text: str, cells: list[Cell], vocab: Vocabulary) -> list[Cell]:
    """A column label a narrow cell broke over two lines ("全年" / "执行数", one cell a line) is one
    cell again, when together the parts are a budget column label and the first is no label."""
    out: list[Cell] = []
    i = 0
    while i < len(cells):
        c, n = cells[i], cells[i + 1] if i + 1 < len(cells) else None
        if (n is not None and c.key and n.key and c.start is not None and n.start is not None
                and not vocab.budget_col(c.key) and not vocab.lexicon.fullmatch(c.key)
                and vocab.budget_col(c.key + n.key)):
            out.append(Cell(text[c.start:n.end], c.start, n.end, c.row, c.col, glued=c.glued))
            i += 2
        else:
            out.append(c)
            i += 1
    return out


def _line_cells(text: str, s: int, e: int, line_no: int, vocab: Vocabulary) -> list[Cell]:
    line = text[s:e]
    if not line.strip():
        return []
    if "|" not in line:
        hits = list(vocab.lexicon.finditer(line))
        if len(hits) < 2:
            a = s + len(line) - len(line.lstrip())
            b = s + len(line.rstrip())
            return [Cell(text[a:b], a, b, line_no, 0)]
        return _glued_cells(text, s, e, line_no, vocab)
    # Cells between pipes; one leading and one trailing pipe are frames, not separators.
    a = s + len(line) - len(line.lstrip())
    b = s + len(line.rstrip())
    if text[a] == "|":
        a += 1
    if b > a and text[b - 1] == "|":
        b -= 1
    out = []
    col = 0
    p = a
    while True:
        q = text.find("|", p, b)
        q = b if q == -1 else q
        piece = text[p:q]
        lead = len(piece) - len(piece.lstrip())
        cs, ce = p + lead, p + len(piece.rstrip())
        out.append(Cell(text[cs:ce], cs if ce > cs else None, ce if ce > cs else None, line_no, col))
        col += 1
        if q >= b:
            break
        p = q + 1
    return out


def _glued_cells(text: str, s: int, e: int, line_no: int, vocab: Vocabulary) -> list[Cell]:
    out: list[Cell] = []
    col = 0

    def add(a: int, b: int) -> None:
        nonlocal col
        piece = text[a:b]
        a2 = a + len(piece) - len(piece.lstrip(" :"))
        b2 = a + len(piece.rstrip(" :"))
        if b2 <= a2:
            return
        spans, p = [], a2
        for m in _GLUED_FIGURES.finditer(text, a2, b2):  # "…资金194.9194.9100%其中…"
            figures = glued_figures(text, m.start(), m.end())
            if figures:
                spans += ([(p, m.start())] if m.start() > p else []) + figures
                p = m.end()
        spans += [(p, b2)] if b2 > p else []
        for x, y in spans:
            out.append(Cell(text[x:y], x, y, line_no, col, glued=True))
            col += 1

    for tok in rules.compiled(r"\S+").finditer(text[s:e]):
        ta, tb = s + tok.start(), s + tok.end()
        p = ta
        for m in vocab.lexicon.finditer(text, ta, tb):
            if m.end() == m.start():
                continue
            add(p, ta + (m.start() - ta))
            add(m.start(), m.end())
            p = m.end()
        add(p, tb)
    return out


def glued_figures(text: str, a: int, b: int) -> list[tuple[int, int]] | None:
    """Spans of budget, spent and rate in a run a flattened form glued together
    ("194.9194.9100%": 194.9 | 194.9 | 100%), when exactly one way of cutting it has
    spent / budget × 100 equal to the rate (to the rate's last digit); otherwise None."""
    if b - a > GLUED_MAX_CHARS or not _GLUED_FIGURES.fullmatch(text, a, b):
        return None  # (the cuts are tried in pairs: a hostile run of digits must stay short)
    digits = text[a:b - 1]
    found = []
    for i in range(1, len(digits) - 1):
        for j in range(i + 1, len(digits)):
            budget, spent, rate = digits[:i], digits[i:j], digits[j:]
            # nothing spent (rate 0) fits too many cuts of a long run: such a run stays whole
            if not all(_FIGURE.fullmatch(f) and float(f) > 0 for f in (budget, spent, rate)):
                continue
            places = len(rate.partition(".")[2])
            if abs(float(spent) / float(budget) * 100 - float(rate)) <= 0.5 * 10 ** -places + 1e-9:
                found.append((i, j))
    if len(found) != 1:
        return None
    i, j = found[0]
    return [(a, a + i), (a + i, a + j), (a + j, b)]


# ------------------------------------------------------------ tables → cells
def table_cells(table: Table, text: str) -> list[Cell]:
    """The cells of a reader's table row by row, each read from ``text`` (Report.text) at the
    span the reader recorded and the pipeline mapped (``Table.text_spans``). A cell without a
    span (a table no reader rendered, a blank cell) keeps its own text, full-width forms folded."""
    cells = []
    for r, row in enumerate(table.rows):
        for c, raw in enumerate(row):
            span = table.span(r, c)
            if span is not None:
                a, b = span
                cells.append(Cell(text[a:b], a, b, r, c, table.index, table.page))
            else:
                cells.append(Cell(rules.fold_width((raw or "").strip()), None, None, r, c, table.index, table.page))
    return cells
