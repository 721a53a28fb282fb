"""Report metadata from the title lines (placeholder: year and kind from the first title)."""
from __future__ import annotations

import regex

TITLE = regex.compile(r"(?P<year>(?:19|20)\d{2})年度?(?P<unit>.*?)(?P<kind>整体支出|项目支出)?\n?绩效(?:自评|评价)")


def describe(report, raw) -> None:
    head = report.text[:600]
    m = TITLE.search(head)
    if m:
        report.fiscal_year = int(m.group("year"))
        report.report_kind = "department" if m.group("kind") == "整体支出" else "project"
        report.unit_name = m.group("unit") or None
        report.title = m.group(0)
