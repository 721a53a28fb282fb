"""Canonical facts (placeholder until the facts stage lands)."""
from __future__ import annotations


def extract_facts(report):
    return []
