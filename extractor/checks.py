"""Cross-checks (placeholder until the checks stage lands)."""
from __future__ import annotations


def check_report(report):
    return []


def check_prior_year(current, previous):
    return []
