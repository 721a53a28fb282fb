"""Run the cross-checks over reports already in the database (``extractor check``).

Per-report rules run inside the pipeline at ingest; the prior-year rule needs two reports, so it
runs here, after a batch, for the reports it touched and their next-year neighbours.
"""
from __future__ import annotations

from typing import Iterable

from . import store
from .checks import check_prior_year, check_report

PRIOR_YEAR_RULE = "prior_year_mismatch"


def check_all(db, report_ids: Iterable[int] | None = None) -> int:
    """Recompute every finding of these reports (default: all). Idempotent. Returns the count."""
    ids = list(report_ids) if report_ids is not None else store.report_ids(db)
    total = 0
    for report_id in ids:
        report = store.load_report(db, report_id)
        findings = check_report(report) + _prior_year(db, report_id, report)
        store.replace_findings(db, report_id, findings)
        total += len(findings)
    return total


def check_prior_years(db, touched: Iterable[int]) -> None:
    """After an ingest: redo the prior-year rule for touched reports and the year after them."""
    ids = set()
    for report_id in touched:
        ids.add(report_id)
        ids.update(store.next_year_reports(db, report_id))
    for report_id in sorted(ids):
        report = store.load_report(db, report_id)
        store.replace_findings(db, report_id, _prior_year(db, report_id, report), rules={PRIOR_YEAR_RULE})


def _prior_year(db, report_id: int, report) -> list:
    previous_id = store.previous_year_report(db, report_id)
    if previous_id is None:
        return []
    return check_prior_year(report, store.load_report(db, previous_id))
