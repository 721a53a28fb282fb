"""A grid template's form glued into one line (a doc-sharing page's text, pool p0238):

    …基础数据表填报单位:…单位:元财政供养人员情况编制数2021年实际在职人数控制率555192.73%经费控制情况
    2020年决算数2021年预算数2021年决算数三公经费51003000025031、公务用车购置和维护经费000…

is cut at the template's own block, column and row labels (a label's glued item number "1、" goes
with the label), and the text between two labels into its figure runs and its words. Each run is one
cell here; :mod:`.grid` cuts it into one figure a column where the block's arithmetic agrees. Only
grid templates cut so (other forms' cells are as the lexicon cuts them).
"""
from __future__ import annotations

import regex

from .cells import Cell
from .templates import Template

GLUED_LABELS = 2  # a cell holding this many of the template's grid labels (not as a whole) is cut
FIGURE_RUN = regex.compile(r"[\d.][\d.%]*")
ITEM_NUMBER = regex.compile(r"\d、")  # "…25031、公务用车…": the next line's item number, not a figure


def _patterns(t: Template) -> list[regex.Pattern]:
    out: list[regex.Pattern] = []
    for b in t.blocks:
        if b.kind != "grid":
            continue
        out += list(b.labels)
        for c in b.columns:
            out += list(c.labels)
        for r in b.rows:
            out += list(r.labels)
    return out


def _labels(pats: list[regex.Pattern], text: str) -> list[tuple[int, int]]:
    """Spans of the labels in ``text``, left to right, the longest at each place."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        best = max((m.end() for p in pats if (m := p.match(text, i)) is not None and m.end() > i), default=None)
        if best is None:
            i += 1
            continue
        spans.append((i, best))
        i = best
    return spans


def cut_glued_grid(cells: list[Cell], t: Template) -> list[Cell]:
    """``cells`` with each cell that glues several of ``t``'s grid labels cut at them (see the module)."""
    if t.engine != "grid":
        return cells
    pats = _patterns(t)
    out: list[Cell] = []
    for c in cells:
        if c.start is None or c.end - c.start != len(c.text) or any(p.fullmatch(c.key) for p in pats):
            out.append(c)
            continue
        spans = _labels(pats, c.text)
        if len(spans) < GLUED_LABELS:
            out.append(c)
            continue
        pieces: list[tuple[int, int]] = []
        p = 0
        for a, b in spans:
            pieces += _between(c.text, p, a) + [(a, b)]
            p = b
        pieces += _between(c.text, p, len(c.text))
        for a, b in pieces:
            out.append(Cell(c.text[a:b], c.start + a, c.start + b, c.row, c.col, c.table, c.page, glued=True,
                            grid_run=bool(FIGURE_RUN.fullmatch(c.text, a, b))))
    return out


def _between(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The text between two labels: its figure runs and its words, each a piece."""
    out: list[tuple[int, int]] = []
    p = lo
    for m in FIGURE_RUN.finditer(text, lo, hi):
        a, b = m.start(), m.end()
        if ITEM_NUMBER.match(text, b - 1) and b - a > 1:
            b -= 1  # a glued item number is the next words' ("…25031、公务用车…")
        elif ITEM_NUMBER.match(text, b - 1):
            continue
        if a > p:
            out.append((p, a))
        out.append((a, b))
        p = b
    if hi > p:
        out.append((p, hi))
    return [(a, b) for a, b in out if text[a:b].strip(" :")]
