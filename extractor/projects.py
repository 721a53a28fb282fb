"""Projects, groups and outputs (placeholder until the projects stage lands)."""
from __future__ import annotations


def extract_projects(report):
    return [], [], []
