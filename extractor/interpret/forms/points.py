"""Points written on the labels of a form's indicator block (湖北 财政项目绩效自评表: 年度绩效目标(80分)
over 产出指标(60分) / 效益指标(40分) / 满意度指标(10分)): read in one cell or in the pieces a flattening
cut the label into ("年度 | 绩效 | 目标 | (80 | 分)"), each label once (``[indicator.stated_points]``).
They become form values of block "points" (interpret/forms/values.py), judged by the template's
constraints (the levels' points do not exceed the block's)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .cells import Cell
from .stream import CellStream

PIECES_MAX = 5  # cells one label with its points may be cut into


@dataclass
class StatedPoints:
    """A label (年度绩效目标, 产出指标, …), the points written on it, its first and last cell."""

    label: str
    points: Decimal
    first: Cell
    last: Cell


def stated_points(s: CellStream, lo: int, hi: int) -> list[StatedPoints]:
    """The labels with points in ``cells[lo:hi]``, the first of each label."""
    cs, rule = s.cells, s.v.stated_points
    out: list[StatedPoints] = []
    seen: set[str] = set()
    i = lo
    while i < hi:
        width = 0
        for w in range(1, PIECES_MAX + 1):
            if i + w > hi or cs[i + w - 1].empty or cs[i].start is None or cs[i + w - 1].end is None:
                break
            m = rule.fullmatch("".join(c.key for c in cs[i:i + w]))
            if m:
                width = w
                if m["label"] not in seen:
                    seen.add(m["label"])
                    out.append(StatedPoints(m["label"], Decimal(m["points"]), cs[i], cs[i + w - 1]))
                break
        i += max(width, 1)
    return out
