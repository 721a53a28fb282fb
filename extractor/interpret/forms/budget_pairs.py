"""A budget line written as column labels each followed by its figure, with no header over the
figures ("全年预算数: | 512 | 全年执行数: | 472 | 执行率: | 92.19%"; 四川 "预算数: | 2.38 | 执行数: | 2.38"),
read as the block's total line (see budget.py for blocks under a header)."""
from __future__ import annotations

from .budget import _amount, _valid
from .cells import numeric
from .numbers import PCT_RE
from .parsed import Block, BudgetRow
from .stream import CellStream
from .vocabulary import MONEY_KEYS, UNSTORED

PAIRS_MIN = 2  # column labels each followed by its figure that make a budget line of pairs


def read_budget_pairs(s: CellStream, lo: int, hi: int) -> tuple[Block, list[str]] | None:
    """A budget line written as column labels each followed by its figure, with no header over the
    figures ("全年预算数: | 512 | 全年执行数: | 472 | 执行率: | 92.19%"; 四川 "预算数: | 2.38 | 执行数: |
    2.38"): the first run of at least PAIRS_MIN such pairs in ``cells[lo:hi]`` (a "(万元)" cell may
    stand between a label and its figure), one of them a money column, no column twice; read as
    the total line. Returns the block and its column keys in written order, or None."""
    cs, v = s.cells, s.v
    i = lo
    while i < hi:
        pairs: list[tuple[str, int, int]] = []
        j = i
        while j < hi:
            key = v.budget_col(cs[j].key)
            if key is None or key in UNSTORED or any(k == key for k, _, _ in pairs):
                break
            f = _pair_figure(s, j, hi)
            if f is None:
                break
            pairs.append((key, j, f))
            j = f + 1
        if len(pairs) >= PAIRS_MIN and any(k in MONEY_KEYS for k, _, _ in pairs):
            mapped = {k: cs[f] for k, _, f in pairs if not v.placeholder.match(cs[f].key)}
            if _valid(s, mapped):
                label = cs[pairs[0][1]]
                used = [c for _, a, f in pairs for c in (cs[a], cs[f])]
                return Block([BudgetRow(v.total_line, label, mapped)], used, j), [k for k, _, _ in pairs]
        i = max(i + 1, j if pairs else i + 1)
    return None


def _pair_figure(s: CellStream, i: int, hi: int) -> int | None:
    """Index of the figure right after the column label at ``i`` (past blanks and a "(万元)" cell)."""
    cs, v = s.cells, s.v
    for j in range(i + 1, min(hi, i + 4)):
        c = cs[j]
        if c.empty or v.money_cell.match(c.key):
            continue
        return j if numeric(c) or _amount(v, c.key) or PCT_RE.fullmatch(c.key) else None
    return None
