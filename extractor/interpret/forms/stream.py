"""The cell stream one form is read from, and the tests on a cell that every part of the grammar
shares: is it a label, an indicator level, the end of a block?"""
from __future__ import annotations

from collections.abc import Iterator

from .cells import Cell
from .vocabulary import Vocabulary


class CellStream:
    """``cells`` of one form in reading order. ``rows_known``: the cells carry real table rows
    (a reader's table); otherwise rows are text lines that may cut a table row anywhere."""

    def __init__(self, cells: list[Cell], rows_known: bool, vocab: Vocabulary, constraints=()):
        self.cells = cells
        self.rows_known = rows_known
        self.v = vocab
        self.constraints = list(constraints)  # the template's arithmetic (constraints.Constraint)

    def next_value(self, i: int, hi: int) -> int | None:
        """Index of the first non-empty cell after ``i`` that is not a label."""
        for j in range(i + 1, min(hi, i + 6)):
            c = self.cells[j]
            if c.empty:
                continue
            if self.is_label(c) or self.v.labelled.match(c.key) or self.v.lexicon.fullmatch(c.key):
                return None
            return j
        return None

    def is_label(self, c: Cell) -> bool:
        """Whether ``c`` is any label of the form (field, column, line, money header, block end, total)."""
        v, k = self.v, c.key
        return bool(
            v.field(k) or v.budget_col(k) or v.budget_line(k) or v.ind_col(k) or v.money.search(k)
            or v.money_cell.match(k) or v.budget_end.fullmatch(k) or v.marker.fullmatch(k) or v.is_total(k)
        )

    def level(self, cs: list[Cell], i: int, end: int) -> tuple[str, str] | None:
        """("level1"|"level2", label without points) when ``cs[i]`` names an indicator level."""
        k = cs[i].key
        one, two = self.v.level1.fullmatch(k), self.v.level2.fullmatch(k)
        if not (one or two):
            return None
        bare = self.v.without_points(k)
        if one and two:  # 满意度指标: level 1 with points or over a level 2, else level 2
            nxt = next((c for c in cs[i + 1:end] if not c.empty), None)
            if k != bare or (nxt is not None and self.v.level2.fullmatch(nxt.key)):
                return "level1", bare
            return "level2", bare
        return ("level1" if one else "level2"), bare

    def level_in(self, cs: list[Cell], i: int, n: int) -> str | None:
        """"level1" or "level2" when ``cs[i]`` names an indicator level, else None."""
        lv = self.level(cs, i, n)
        return lv[0] if lv else None

    def ind_stop(self, c: Cell) -> bool:
        """Whether ``c`` ends the indicator block (a closing label, the total row, a title)."""
        v, k = self.v, c.key
        return bool(
            v.ind_end.fullmatch(k) or v.is_total(k) or v.is_title(c.text)
            or v.budget_end.fullmatch(k) and not v.marker.fullmatch(k)
        )

    def hard_stop(self, cs: list[Cell], i: int, n: int) -> bool:
        """Whether ``cs[i]`` cannot continue an indicator row: a block end or a new level."""
        return self.ind_stop(cs[i]) or self.level_in(cs, i, n) is not None

    def budget_stop(self, c: Cell) -> bool:
        """Whether ``c`` ends the budget block (a closing label, the indicator header, a total, a title)."""
        v, k = self.v, c.key
        return bool(
            v.budget_end.fullmatch(k) or v.marker.fullmatch(k) or v.ind_col(k) in ("level1", "name")
            or v.level1.fullmatch(k) or v.is_total(k) or v.is_title(c.text)
        )

    def content(self, c: Cell) -> bool:
        """A cell with a value: neither blank nor a placeholder (—, /, 无)."""
        return not c.empty and not self.v.placeholder.match(c.key)

    def row_runs(self, lo: int, hi: int) -> Iterator[list[Cell]]:
        """The cells of [lo, hi) in runs of one row (table row or text line) each."""
        cs, i = self.cells, lo
        while i < hi:
            j = i
            while j < hi and cs[j].rid == cs[i].rid:
                j += 1
            yield cs[i:j]
            i = j
