"""Is this a report at all? A weak, principled test, so a README is not stored as a report.

A text is *report-like* when it has a figure (an amount or a percentage) or a word of the
budget-performance vocabulary (预算, 绩效, 支出, 资金, …); both lists are data in
patterns/reportlike.toml with examples and counterexamples. Only a text with neither is refused,
so even a one-paragraph excerpt of a real report passes: ingest records the rest as
``not_a_report`` in ingest_errors instead of a report with no unit, no year and no facts.
"""
from __future__ import annotations

from functools import lru_cache

from . import rules
from .errors import NotAReport
from .model import Extraction, Report

FILE = "reportlike"


@lru_cache(maxsize=1)
def _rules() -> tuple[frozenset[str], rules.Rule]:
    conf = rules.load(FILE)
    kinds = rules.require(conf, "figures.kinds", list, f"{FILE}.toml")
    return frozenset(kinds), rules.require(conf, "vocabulary", rules.Rule, f"{FILE}.toml")


def figures(report: Report) -> int:
    """How many amounts and percentages the report's text holds."""
    kinds, _ = _rules()
    return sum(1 for m in report.mentions if m.kind in kinds)


def is_report_like(text: str, n_figures: int) -> bool:
    """True when the text has a figure or a word of the vocabulary."""
    _, vocabulary = _rules()
    return n_figures > 0 or bool(vocabulary.regex.search(text or ""))


def require_report(extraction: Extraction, name: str) -> None:
    """Raise :class:`NotAReport` when no report of the extraction is report-like."""
    if any(is_report_like(r.text, figures(r)) for r in extraction.reports):
        return
    raise NotAReport(f"{name}: no amounts or percentages and none of a report's words (预算, 绩效, 支出, 资金…);"
                     " not stored as a report. If it is one, it is too short to tell: add the whole report")
