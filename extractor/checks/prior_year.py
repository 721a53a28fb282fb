"""Across two years of one unit (``prior_year_mismatch``): last year's stated KEY against this
year's KEY − KEY.yoy_delta. The database layer pairs the reports (extractor/recheck.py)."""
from __future__ import annotations

import logging

from ..model import Finding, Report
from .context import Ctx, diff_fields, evidence, finding, guarded, rule_config
from .tolerance import best_failure, fmt, judge, sum_decimals


def previous_of(ivs):
    """Last year's value from this year's (value, change): value − change."""
    value, delta = ivs
    return value - delta

log = logging.getLogger(__name__)

RULE_ID = "prior_year_mismatch"


def check_prior_year(current: Report, previous: Report, lang: str = "zh") -> list[Finding]:
    """Last year's stated KEY against this year's KEY − KEY.yoy_delta. Never raises.

    ``previous`` is the same unit's report for the year before (the database layer pairs them).
    Evidence items pointing into ``previous`` carry ``"report": "previous"``.
    """
    try:
        conf = rule_config(RULE_ID)
        if not conf.get("enabled", True):
            return []
        cur, prev = Ctx(current, lang), Ctx(previous, lang)
    except Exception as e:
        log.warning("prior-year check not run: %s: %s", type(e).__name__, e)
        return []
    out = []
    for key in list(cur.facts):
        if key.endswith(".yoy_delta"):
            out += guarded(RULE_ID, _prior_one, cur, prev, key.removesuffix(".yoy_delta"))
    return out


def _prior_one(cur: Ctx, prev: Ctx, base: str) -> list[Finding]:
    values, deltas, before = cur.qs(base), cur.qs(f"{base}.yoy_delta", True), prev.qs(base, True)
    if not (values and deltas and before):
        return []
    for q in before:
        for e in q.evidence:
            e["report"] = "previous"

    def verdicts():
        for value, delta, stated in cur.combos([values, deltas, before]):
            v = judge(stated, [value, delta], previous_of, cur.eps, sum_decimals(stated, value, delta))
            yield v, (value, delta, stated)

    failed = best_failure(verdicts())
    if failed is None:
        return []
    v, (value, delta, stated) = failed
    year = prev.report.fiscal_year if prev.report.fiscal_year else cur.msg(RULE_ID, "unknown_year")
    return [finding(cur, RULE_ID, cur.msg(
        RULE_ID, "prior", label=cur.label(base), value=fmt(value.value), delta=fmt(delta.value),
        year=year, unit=value.unit or "", **diff_fields(v)), v, evidence(value, delta, stated))]
