"""Datasette plugin (registered through the ``datasette`` entry point in pyproject.toml).

Registers ``zh_match(query)`` so canned queries can search Chinese section text (see
extractor/store/search.py), and a ``/-/charts`` page with spending by year and findings by rule,
drawn as inline SVG so it works offline; its rows come from ``store.chart_rows``.
"""
from __future__ import annotations

from html import escape

from datasette import Response, hookimpl
from datasette.utils import sqlite_timelimit
from markupsafe import Markup

from .. import store
from .charts import chart_results, charts_page


@hookimpl
def prepare_connection(conn):
    """Every Datasette connection gets ``zh_match`` for the canned search query."""
    conn.create_function("zh_match", 1, store.zh_match, deterministic=True)


async def charts(datasette, request):
    """The /-/charts page: the store's rows of each chart, each query under Datasette's time limit
    (a database without our tables, or a query cut off, shows an empty chart)."""
    db = datasette.get_database()
    limit = datasette.setting("sql_time_limit_ms")

    def read(conn) -> dict[str, list[tuple]]:
        rows = {}
        for name in store.CHARTS:
            with sqlite_timelimit(conn, limit):
                rows[name] = store.chart_rows(conn, name)
        return rows

    rows = await db.execute_fn(read)
    return Response.html(charts_page(chart_results(rows), db.name))


@hookimpl
def register_routes():
    """The charts page's route."""
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
