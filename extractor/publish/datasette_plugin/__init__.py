"""Datasette plugin (registered through the ``datasette`` entry point in pyproject.toml).

    prepare_connection   ``zh_match(query)`` for the canned search query (store/search.py)
    render_cell          numbers at their precision with units, evidence as links (cells.py)
    register_routes      the findings queue, unit page, review page and charts (pages.py)
    extra_css_urls       /-/extractor.css for those pages and the cells
    extra_template_vars  ``rendered_url`` for the templates (the row page's links)
    menu_links           the pages in Datasette's menu

templates/ holds our pages (inside Datasette's base.html) and two overrides of Datasette's own:
``_table.html`` (column descriptions below the table, a row page one field per line, a word on
one-character searches) and ``row.html`` (a report's links at the top of its row page).
"""
from __future__ import annotations

from datasette import hookimpl

from ... import store
from . import cells
from .pages import ROUTES


@hookimpl
def prepare_connection(conn):
    """Every Datasette connection gets ``zh_match`` for the canned search query."""
    conn.create_function("zh_match", 1, store.zh_match, deterministic=True)


@hookimpl
def register_routes():
    """The plugin's pages (pages.py)."""
    return ROUTES


@hookimpl(tryfirst=True)
def render_cell(row, value, column, table, database, datasette):
    """Numbers with their units, evidence as links, links to the unit and review pages (cells.py)."""
    config = datasette.plugin_config("extractor") or {}
    return cells.render(row, value, column, table, config.get("rendered_url"))


@hookimpl
def extra_css_urls():
    """The stylesheet of our pages and cells."""
    return ["/-/extractor.css"]


@hookimpl
def extra_template_vars(datasette):
    """Where the rendered reports are (serve --rendered), for the row page's links."""
    return {"rendered_url": (datasette.plugin_config("extractor") or {}).get("rendered_url")}


@hookimpl
def menu_links(datasette):
    """Our pages in Datasette's menu."""
    return [
        {"href": "/-/findings", "label": "核对队列 Findings queue"},
        {"href": "/-/charts", "label": "图表 Charts"},
    ]
