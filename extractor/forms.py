"""Self-assessment forms (placeholder until the forms stage lands)."""
from __future__ import annotations


def extract_forms(report, tables):
    return []
