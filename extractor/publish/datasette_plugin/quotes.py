"""A finding as a reviewer reads it: its evidence quoted from the report's text, each quote
linked to its mark on the review page, and its numbers with their units."""
from __future__ import annotations

import json

from ..dictionary import value_label
from .cells import number, review_url, unit_of

CONTEXT_CHARS = 24   # characters of text shown on each side of a quoted span
SPAN_CHARS = 90      # a longer span (a whole project paragraph) is cut in the middle


def previous_mentions(rows: list[dict]) -> set[int]:
    """The mention ids that findings' evidence cites in last year's report (``"report":
    "previous"``): their report is looked up to link them."""
    out = set()
    for row in rows:
        for item in _items(row):
            if item.get("report") == "previous" and isinstance(item.get("id"), int):
                out.add(item["id"])
    return out


def _items(row: dict) -> list[dict]:
    try:
        items = json.loads(row.get("evidence") or "[]")
    except ValueError:
        return []
    return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []


def quote(text: str, item: dict, report_id: int, finding_id: int, k: int,
          previous: dict[int, int] | None = None) -> dict | None:
    """One evidence item as ``{before, span, after, href, type}``; None without a valid span.
    An item in last year's report is quoted by its raw text, linked to its mark there."""
    if item.get("report") == "previous":
        other = (previous or {}).get(item.get("id"))
        return {"before": "上年报告 last year's report: ", "span": str(item.get("raw") or item.get("label") or "?"),
                "after": "", "href": review_url(other, f"m-{item['id']}") if other else "", "type": item.get("type") or ""}
    start, end = item.get("start"), item.get("end")
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start <= end <= len(text):
        return None
    span = text[start:end]
    if len(span) > SPAN_CHARS:
        span = span[:SPAN_CHARS // 2] + " … " + span[-SPAN_CHARS // 3:]
    before = text[max(0, start - CONTEXT_CHARS):start]
    after = text[end:end + CONTEXT_CHARS]
    # a quote reads on one line; a line break becomes a visible mark
    flat = lambda s: s.replace("\n", " ⏎ ")  # noqa: E731
    return {
        "before": ("…" if start > CONTEXT_CHARS else "") + flat(before), "span": flat(span),
        "after": flat(after) + ("…" if end + CONTEXT_CHARS < len(text) else ""),
        "href": review_url(report_id, f"e-{finding_id}-{k}"), "type": item.get("type") or "",
    }


def finding_card(row: dict, previous: dict[int, int] | None = None) -> dict:
    """A findings_queue row (store/reviews.py) ready for the templates: severity label, numbers
    with units, evidence quotes, the mark. ``previous``: mention id → report, for evidence in
    last year's report."""
    text = row.get("text") or ""
    quotes = [q for k, item in enumerate(_items(row))
              for q in [quote(text, item, row["report_id"], row["id"], k, previous)] if q]
    numbers = []
    for column, label in (("expected", "应有 expected"), ("actual", "报告 stated"), ("difference", "差额 difference")):
        if row.get(column) is not None:
            numbers.append((label, number(float(row[column]), unit_of("findings", column, row))))
    return {
        "id": row["id"], "report_id": row["report_id"], "rule": row["rule"], "severity": row["severity"],
        "severity_label": value_label("severity", row["severity"]), "message": row["message"] or "",
        "unit_name": row.get("unit_name_normalized") or row.get("unit_name") or "?",
        "fiscal_year": row.get("fiscal_year"), "unit_id": row.get("unit_id"),
        "kind_label": value_label("report_kind", row.get("report_kind")),
        "fingerprint": row["fingerprint"] or "", "numbers": numbers, "quotes": quotes,
        "review_status": row.get("review_status"), "review_note": row.get("review_note") or "",
        "reviewed_at": row.get("reviewed_at") or "",
        "review_label": value_label("review_status", row.get("review_status")) if row.get("review_status") else "",
    }
