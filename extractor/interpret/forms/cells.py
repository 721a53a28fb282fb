"""A 自评表 as a list of :class:`Cell`: what a cell is (text, span, place), and the cells of a
reader's table, read from ``Report.text`` at the spans the reader recorded (:func:`table_cells`).
Flattened text is cut into cells by flatten.py.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ... import rules
from ...model import Table
from .numbers import is_figure



_LOST_AFTER_FIGURE = r"(?<=\d)\?+$"  # a character the page's encoding lost after a figure


def cell_key(text: str) -> str:
    """What labels are matched against: the text without whitespace and trailing colon, and
    without the "?" a lost character left after a figure ("3,724,055.00?" is 3,724,055.00)."""
    key = rules.compiled(r"\s+").sub("", text).rstrip(":")
    return rules.compiled(_LOST_AFTER_FIGURE).sub("", key)


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
    grid_run: bool = False  # a grid row's figures glued into one run (grid_glued): one figure a column
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
