"""Datasette plugin (registered through the ``datasette`` entry point in pyproject.toml).

Registers ``zh_match(query)`` so canned queries can search Chinese section text (see search.py),
and a ``/-/charts`` page with spending by year and findings by rule, drawn as inline SVG so it
works offline.
"""
from __future__ import annotations

from html import escape

from datasette import Response, hookimpl
from markupsafe import Markup

from .charts import CHART_QUERIES, charts_page
from ..store.search import zh_match


@hookimpl
def prepare_connection(conn):
    conn.create_function("zh_match", 1, zh_match, deterministic=True)


async def charts(datasette, request):
    db = datasette.get_database()
    results = []
    for title, sql, unit in CHART_QUERIES:
        try:
            rows = [(r[0], float(r[1] or 0)) for r in (await db.execute(sql)).rows]
        except Exception:  # noqa: BLE001 - a database without our tables shows an empty chart
            rows = []
        results.append((title, rows, unit))
    return Response.html(charts_page(results, db.name))


@hookimpl
def register_routes():
    return [(r"^/-/charts$", charts)]


@hookimpl
def render_cell(row, value, column, table, datasette):
    """In the reports table, the title links to the rendered report and its review page."""
    config = datasette.plugin_config("extractor") or {}
    base = config.get("rendered_url")
    if not base or table != "reports" or column != "title" or row is None:
        return None
    report_id = row["id"]
    label = escape(str(value)) if value else "(无标题)"
    return Markup(
        f'{label} <a href="{base}report-{report_id}.html">[报告 report]</a>'
        f' <a href="{base}review-{report_id}.html">[核对 review]</a>'
    )
