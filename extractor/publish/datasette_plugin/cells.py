"""How a cell of a Datasette table or query reads (the ``render_cell`` hook).

    numbers     at most 6 decimals, no trailing zeros (0.6000000000000005 → 0.6), with their unit
                from patterns/dictionary.toml [datasette.units] (facts.value in facts.unit, a
                finding's numbers in its rule's unit)
    evidence    a finding's JSON evidence as links to the highlighted spans of the review page
    links       reports.title to the review page, reports.unit_id and units.canonical_name to
                the unit page
    long text   a report's text and a few other long columns cut to a line in table views
                ([datasette.cut]); templates/_table.html shows them whole on the row page

Every other cell is left to Datasette (which cuts long text in table views).
"""
from __future__ import annotations

import json
from functools import lru_cache

from markupsafe import Markup, escape

from ..dictionary import dictionary, format_number

EVIDENCE_LABEL_CHARS = 24


@lru_cache(maxsize=1)
def _units() -> tuple[dict[str, str], dict[str, str], dict[str, str], dict[str, int]]:
    """(``table.column`` → unit or ``@column``, rule → unit of its numbers, a canned query's
    column label → the ``table.column`` it shows, ``table.column`` → characters shown in tables)."""
    d = dictionary().get("datasette", {})
    return (dict(d.get("units", {})), dict(d.get("finding_units", {})), dict(d.get("query_columns", {})),
            dict(d.get("cut", {})))


def _get(row, key):
    """``row[key]``, or None when the row (a sqlite3.Row or a dict) has no such column; a
    foreign key Datasette expanded to ``{"value", "label"}`` reads as its value."""
    try:
        value = row[key]
    except (IndexError, KeyError, TypeError):
        return None
    return value.get("value") if isinstance(value, dict) else value


def _first_evidence_type(row) -> str:
    try:
        items = json.loads(_get(row, "evidence") or "[]")
        return items[0].get("type") or ""
    except (TypeError, ValueError, IndexError, AttributeError):
        return ""


def unit_of(table: str | None, column: str, row) -> str:
    """The unit a number of ``table.column`` (or of a canned query's labelled column) is in, for
    this row ('' when unknown)."""
    columns, rules, query_columns, _ = _units()
    key = query_columns.get(column, f"{table}.{column}") if table is None else f"{table}.{column}"
    unit = columns.get(key, "")
    if unit == "@rule":
        rule = _get(row, "rule") or _get(row, "规则 rule") or ""
        return rules.get(f"{rule}.{_first_evidence_type(row)}") or rules.get(rule, "")
    if unit.startswith("@"):
        return _get(row, unit[1:]) or ""
    return unit


def number(value: float, unit: str = "") -> str:
    """``1048.772537 万元``, ``0.6 km``, ``68 人``."""
    text = format_number(value)
    return f"{text} {unit}" if unit else text


def review_url(report_id, anchor: str = "") -> str:
    """The live review page of a report (the highlighted text), at ``anchor``."""
    return f"/-/review/{report_id}" + (f"#{anchor}" if anchor else "")


def evidence_links(value: str, report_id, finding_id) -> Markup | None:
    """A finding's evidence JSON as links to its marks on the review page (``#e-<finding>-<k>``);
    None when the value is not such a list."""
    try:
        items = json.loads(value)
    except (TypeError, ValueError):
        return None
    if not isinstance(items, list):
        return None
    links = []
    for k, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        label = str(item.get("raw") or item.get("label") or item.get("type") or "?")
        if len(label) > EVIDENCE_LABEL_CHARS:
            label = label[:EVIDENCE_LABEL_CHARS - 1] + "…"
        here = item.get("report") != "previous"  # the prior-year rule also cites last year's report
        if here and report_id is not None and finding_id is not None and item.get("start") is not None:
            href = review_url(report_id, f"e-{finding_id}-{k}")
            links.append(f'<a class="evidence" href="{escape(href)}" title="{escape(item.get("type") or "")}">{escape(label)}</a>')
        else:
            links.append(f'<span class="evidence">{escape(label)}</span>')
    return Markup(" · ".join(links)) if links else Markup("")


def render(row, value, column: str, table: str | None, rendered_url: str | None = None):
    """The cell's HTML or text, or None to leave it to Datasette."""
    if column == "evidence" and isinstance(value, str):
        finding_id = _get(row, "id") if table == "findings" else _get(row, "finding_id")
        return evidence_links(value, _get(row, "report_id"), finding_id)
    if table == "reports" and column == "title" and value:
        report_id = _get(row, "id")
        extra = ""
        if rendered_url and report_id is not None:
            extra = f' <a class="small" href="{escape(rendered_url)}report-{report_id}.html">[报告 report]</a>'
        return Markup(f'<a href="{escape(review_url(report_id))}" title="原文与标注 text and marks">{escape(value)}</a>{extra}')
    if table == "reports" and column == "unit_id" and value is not None:
        return Markup(f'<a href="/-/unit/{int(value)}">单位页 unit {int(value)}</a>')
    if table == "units" and column == "canonical_name" and value:
        unit_id = _get(row, "id")
        if unit_id is not None:
            return Markup(f'<a href="/-/unit/{int(unit_id)}">{escape(value)}</a>')
    if isinstance(value, float):
        return number(value, unit_of(table, column, row))
    cut = _units()[3].get(f"{table}.{column}")
    if cut and isinstance(value, str) and len(value) > cut:
        return value[:cut] + "…"
    return None
