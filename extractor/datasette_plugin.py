"""Datasette plugin (registered through the ``datasette`` entry point in pyproject.toml).

Registers ``zh_match(query)`` so canned queries can search Chinese section text, see search.py.
"""
from __future__ import annotations

from datasette import hookimpl

from .search import zh_match


@hookimpl
def prepare_connection(conn):
    conn.create_function("zh_match", 1, zh_match, deterministic=True)
