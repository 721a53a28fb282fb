"""The arithmetic a report's figures obey settles which reading of a key is the fact: when the
first readings of 全年执行数, 全年预算数 and 执行率 disagree (执行率 ≠ 执行数 ÷ 全年预算数) and another
reading of the budget (or of the executed amount) makes them agree, that reading wins ("全年预算
安排收入1449.54万元 … 批复支出预算1824.15万元,实际执行支出预算1711.15万元,执行率93.81%": 1824.15)."""
from __future__ import annotations

from .candidates import Candidate
from .vocabulary import Config


def settle_by_rate(by_key: dict[str, list[Candidate]], cfg: Config) -> None:
    """Reorder the sorted candidate lists of ``by_key`` so that executed ÷ budget = rate holds,
    when one other reading of the budget or of the executed amount makes it hold."""
    executed_key, budget_key, rate_key = cfg.rate_keys
    lists = {k: [c for c in by_key.get(k, []) if c.barred is None] for k in cfg.rate_keys}
    if not all(lists.values()):
        return
    executed, budget, rate = (lists[k][0] for k in cfg.rate_keys)
    if _agrees(executed.value, budget.value, rate.value, cfg):
        return
    for key, other in ((budget_key, executed), (executed_key, budget)):
        for alt in lists[key][1:]:
            pair = (alt.value, other.value) if key == executed_key else (other.value, alt.value)
            if _agrees(*pair, rate.value, cfg):
                by_key[key].remove(alt)
                by_key[key].insert(0, alt)
                alt.promoted = f"agrees with {rate_key} = {executed_key} ÷ {budget_key} ({rate.value:g}%)"
                return


def _agrees(executed: float, budget: float, rate: float, cfg: Config) -> bool:
    """Whether executed ÷ budget is the rate, within the rounding of a printed rate."""
    return budget > 0 and abs(executed / budget * 100 - rate) <= cfg.rate_tolerance
