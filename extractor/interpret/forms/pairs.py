"""Label → value blocks of a template: a label cell and the figure after it, wherever the form puts
them (湖南 财政支出项目绩效评价自评报告: 计划安排资金 | (万元) | 55 | 实际到位资金 | (万元) | 55 | 实际支出 |
(万元) | 55 | 结余(万元) | 0; 四川 区域绩效目标自评表: 预算数: | 2.38 | 执行数: | 2.38; 转移支付预算数(A) |
5.8万 | 预算执行率(B/A) | 100%). A pair may fill
a column of the form's total budget line (``budget``) and stand for a fact (``fact``)."""
from __future__ import annotations

from dataclasses import dataclass

from .cells import Cell, numeric
from .stream import CellStream
from .templates import Block, Pair

VALUE_WINDOW = 4  # non-empty cells after a label within which its figure is looked for


@dataclass
class PairValue:
    """One pair as read: the block, the pair's spec, its label cell, its figure, the unit named."""

    block: Block
    spec: Pair
    label: Cell
    value: Cell
    unit: str | None


def read_pairs(s: CellStream, block: Block, lo: int, hi: int) -> list[PairValue]:
    """The pairs of ``block`` found in ``cells[lo:hi]`` (the first label of each pair that has a
    figure after it)."""
    cs, v = s.cells, s.v
    out: list[PairValue] = []
    for spec in block.pairs:
        for i in range(lo, hi):
            key = cs[i].key
            if not key:
                continue
            bare = v.column_suffix.sub("", key)
            if not any(p.fullmatch(key) or p.fullmatch(bare) for p in spec.labels):
                continue
            unit = v.column_suffix.search(key)
            unit_name = unit["unit"] if unit else None
            found = _figure_after(s, i, hi)
            if found is None:
                continue
            j, cell_unit = found
            out.append(PairValue(block, spec, cs[i], cs[j], unit_name or cell_unit or block.unit))
            break
    return out


def _figure_after(s: CellStream, i: int, hi: int) -> tuple[int, str | None] | None:
    """Index of the figure right after a label (a "(万元)" cell between them is its unit), or
    None when another label or text comes first."""
    cs, v = s.cells, s.v
    unit = None
    seen = 0
    for j in range(i + 1, hi):
        c = cs[j]
        if c.empty:
            continue
        seen += 1
        if seen > VALUE_WINDOW:
            return None
        m = v.money_cell.match(c.key)
        if m:
            unit = m["unit"]
            continue
        if numeric(c) or v.money_short.fullmatch(c.key) or v.money_amount.fullmatch(c.key):
            return j, unit  # a figure, or one that names its unit ("5.8万", "90万元")
        return None
    return None
