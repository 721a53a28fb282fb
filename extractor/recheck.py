"""Run the cross-checks over reports already in the database (``extractor check``).

Per-report rules run inside the pipeline at ingest; the prior-year rule needs two reports, so it
runs here, after a batch, for the reports it touched and their next-year neighbours.
"""
from __future__ import annotations

from typing import Iterable

from . import store
from .checks import PRIOR_YEAR_RULE, check_prior_year, check_report
from .linking import link_all, mark_copies

PAIRS_AT_ONCE = 1000  # bounds the reports held in memory (texts and facts of up to twice this many)


def check_all(db, report_ids: Iterable[int] | None = None) -> int:
    """Recompute every finding of these reports (default: all). Idempotent. Returns the count."""
    ids = list(report_ids) if report_ids is not None else store.report_ids(db)
    prior = prior_year_findings(db, ids)
    total = 0
    for report_id in ids:
        findings = check_report(store.load_report(db, report_id).report) + prior.get(report_id, [])
        store.replace_findings(db, report_id, findings)
        total += len(findings)
    _, conflicts = mark_copies(db, ids)  # replace_findings dropped them with the rest
    return total + conflicts


def after_batch(db, touched: Iterable[int]) -> None:
    """After an ingest or a load: link units and project series across years, redo the prior-year
    rule for the touched reports (linking first: the rule pairs reports by unit), then decide
    which of them are copies of one report (reports.duplicate_of, conflicting_copies)."""
    touched = list(touched)
    link_all(db)
    check_prior_years(db, touched)
    mark_copies(db, touched)


def check_prior_years(db, touched: Iterable[int]) -> None:
    """After an ingest: redo the prior-year rule for touched reports and the year after them."""
    touched = set(touched)
    ids = touched | store.next_year_reports_of(db, touched)
    findings = prior_year_findings(db, ids)
    # a report that had no such finding and has none now needs no write
    stale = store.reports_with_findings(db, ids, PRIOR_YEAR_RULE)
    with db.atomic():  # one commit for the batch, not one per report
        for report_id in sorted(ids):
            if report_id in stale or report_id in findings:
                store.replace_findings(db, report_id, findings.get(report_id, []), rules={PRIOR_YEAR_RULE})


def prior_year_findings(db, report_ids: Iterable[int]) -> dict[int, list]:
    """The prior-year findings of these reports, by report id (reports without one left out).

    Pairs them in one query, then loads the reports of up to PAIRS_AT_ONCE pairs at a time with
    only their facts and the mentions those cite: that is all ``check_prior_year`` reads. Every
    evidence item gets the database id of the report it points into (``report_id``), besides the
    ``report`` ("current" | "previous") the checks name.
    """
    pairs = sorted(store.previous_year_reports(db, report_ids).items())
    out = {}
    for start in range(0, len(pairs), PAIRS_AT_ONCE):
        chunk = pairs[start:start + PAIRS_AT_ONCE]
        reports = store.load_fact_reports(db, {i for pair in chunk for i in pair})
        for report_id, previous_id in chunk:
            findings = check_prior_year(reports[report_id], reports[previous_id])
            previous_mentions = None
            for f in findings:  # evidence names its report: "previous" items get that report's ids
                for item in f.evidence:
                    previous = item.get("report") == "previous"
                    item["report_id"] = previous_id if previous else report_id
                    if previous and item.get("type") == "mention" and "index" in item:
                        if previous_mentions is None:
                            previous_mentions = store.mention_ids(db, previous_id)
                        item["id"] = previous_mentions.get(item["index"])
            if findings:
                out[report_id] = findings
    return out
