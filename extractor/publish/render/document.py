"""The rendered report as the writers see it: blocks of runs of text, some runs links.

blocks.py builds a list of :class:`Block`; html.py, markdown.py and docx.py each write that list
in their format, so the three stay the same document.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..dictionary import format_number


@dataclass
class Run:
    """A piece of text; ``href`` makes it a link (numbers link to the review page)."""

    text: str
    href: str | None = None
    kind: str | None = None  # mention kind, for colouring
    title: str | None = None


@dataclass
class Block:
    """heading (level, runs) | para (runs) | note (runs: a remark such as a missing section) |
    table (header, rows of cells, each cell a list of runs)."""

    type: str
    runs: list[Run] = field(default_factory=list)
    level: int = 0
    anchor: str | None = None
    header: list[str] = field(default_factory=list)
    rows: list[list[list[Run]]] = field(default_factory=list)


def plain(s) -> list[Run]:
    """A value as one unlinked run ("" for None)."""
    return [Run("" if s is None else str(s))]


def num(value) -> str:
    """A number as every output writes it ("" for None)."""
    return "" if value is None else format_number(float(value))
