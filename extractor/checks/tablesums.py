"""A table's total row against the rows above it (``sum_mismatch``): a table written as rows of cells
between bars (a docx or a portal's table copied as text, "文化活动经费(文广旅体局) | 166.16 | 129.05 |") or as a
label and its figures after spaces ("文化活动经费(文广旅体局) 166.16 129.05", a table read as text),
whose row labelled as a total (``[rules.sum_mismatch.table_column].total_row``: 合计, 支出合计…) closes
rows of the same shape, each a label and as many figures as the total row. Each column of figures is
judged like a prose 其中 list (listsums.py): more than the total always, less only when the rows cover
``min_cover`` of it.

Precision first: the rows judged are the run right above the total row, each with exactly the total
row's count of figures (a row with a blank cell or a note ends the run); a run holding a subtotal or
a 其中 row (the ``nested`` rule) is not judged; a column whose header names a rate, a score or a
share (the ``not_summed`` rule), or any of whose cells is a percent, is not judged; rows inside a
form the report read are left to the form's checks.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from ..interpret.forms.numbers import NUMBER
from ..model import Finding
from .context import Ctx, diff_fields, evidence, finding, guarded, rule, rule_part
from .sums import sum_fails
from .tolerance import finite, fmt

RULE_ID = "sum_mismatch"
FIGURE = regex.compile(NUMBER)  # the forms reader's figure: a thousands comma, a decimal, a sign
SERIAL = regex.compile(r"\d{1,3}")
BAR = regex.compile(r"[^|\s\u3000](?:[^|]*[^|\s\u3000])?")  # a cell between bars, without the spaces around it
# a line without bars: a label (no figure at its end), then figures each after spaces
SPACED = regex.compile(r"[ \t\u3000]*(?P<label>\S.*?[^\d\s.,%])(?:[ \t\u3000]+" + NUMBER + r")+[ \t\u3000]*")


@dataclass
class Cell:
    """One cell of a row: its text (stripped) and span in the report's text."""

    text: str
    start: int
    end: int


@dataclass
class Row:
    """A table row read from one line: its label cell and its figure cells (None when the row is not
    a label followed by figures only), and all its non-empty cells."""

    cells: list[Cell]
    label: Cell | None
    figures: list[Cell]


def rows(text: str) -> list[tuple[int, Row | None]]:
    """(line number, row) of every line: its cells between bars, or (a line without bars) a label and
    the figures after it, each after spaces (a table read as text); a line with fewer than two
    non-empty cells is None (it ends any run of rows)."""
    out, pos = [], 0
    for k, line in enumerate(text.split("\n")):
        start, pos = pos, pos + len(line) + 1
        if "|" in line:
            cells = [Cell(m.group(), start + m.start(), start + m.end()) for m in BAR.finditer(line)]
        elif m := SPACED.fullmatch(line):  # a label, then figures after spaces
            cells = [Cell(m["label"], start + m.start("label"), start + m.end("label"))]
            cells += [Cell(f.group(), start + f.start(), start + f.end())
                      for f in FIGURE.finditer(line, m.end("label"))]
        else:
            cells = []
        if len(cells) < 2:
            out.append((k, None))
            continue
        body = cells[1:] if SERIAL.fullmatch(cells[0].text) and not FIGURE.fullmatch(cells[1].text) else cells
        label, figures = body[0], body[1:]
        plain = not FIGURE.fullmatch(label.text) and figures and all(FIGURE.fullmatch(c.text) for c in figures)
        out.append((k, Row(cells, label if plain else None, figures if plain else [])))
    return out


def value(cell: Cell) -> float:
    """The number a figure cell writes."""
    return float(cell.text.replace(",", ""))


@rule(RULE_ID)
def table_columns(ctx: Ctx) -> list[Finding]:
    """Every total row of a barred table against the rows of its shape right above it."""
    conf = rule_part(RULE_ID, "table_column")  # [rules.sum_mismatch.table_column]
    if not conf:
        return []
    forms = [(f.start, f.end) for f in ctx.report.forms or [] if finite(f.start) and finite(f.end)]
    read = rows(ctx.text)
    out = []
    for i, (_, row) in enumerate(read):
        if row is None or row.label is None or not conf["total_row"].regex.fullmatch(_folded(row.label.text)):
            continue
        if any(a <= row.label.start < b for a, b in forms):
            continue
        out += guarded(RULE_ID, _one_table, ctx, read, i, conf)
    return out


def _folded(text: str) -> str:
    return regex.sub(r"[ \t\u3000]+", "", text)


def _one_table(ctx: Ctx, read: list, i: int, conf: dict) -> list[Finding]:
    total = read[i][1]
    width = len(total.figures)
    parts, j = [], i - 1
    while j >= 0 and read[j][1] is not None and read[j][1].label is not None and len(read[j][1].figures) == width:
        parts.insert(0, read[j][1])
        j -= 1
    if len(parts) < int(conf.get("min_rows", 2)):
        return []
    if any(conf["nested"].regex.search(_folded(p.label.text)) for p in parts):
        return []  # a subtotal or a 其中 row among the parts: the rows do not simply add up
    header = [c.text for c in read[j][1].cells] if j >= 0 and read[j][1] is not None else []
    names = header[-width:] if len(header) >= width + 1 else []
    if not names and j >= 0 and conf["not_summed"].regex.search(ctx.text.split("\n")[read[j][0]]):
        return []  # a header read as text (its cells run together) that names a rate or a score somewhere
    failures = []
    for col in range(width):
        name = names[col] if names else ""
        if name and conf["not_summed"].regex.search(name):
            continue
        cells = [total.figures[col], *(p.figures[col] for p in parts)]
        stated = ctx.q_value(value(cells[0]), cells[0].start, cells[0].end,
                             evidence=[_ev(ctx, cells[0], total.label.text)])
        qs = [ctx.q_value(value(c), c.start, c.end, evidence=[_ev(ctx, c, p.label.text)])
              for c, p in zip(cells[1:], parts)]
        v = sum_fails(ctx, stated, qs)
        if v is None:
            continue
        computed = sum(q.value for q in qs)
        if computed < stated.value * float(conf.get("min_cover", 0.95)):
            continue  # far short of the total: rows the run did not take (a blank cell, a note)
        failures.append((name or ctx.msg(RULE_ID, "table_nth_column", n=col + 1), v, stated, qs))
    if not failures:
        return []
    sep = ctx.msg(RULE_ID, "table_separator")
    columns = sep.join(ctx.msg(RULE_ID, "table_column", column=name, total=fmt(stated.value), n=len(qs),
                               **diff_fields(v)) for name, v, stated, qs in failures)
    _, v, stated, qs = failures[0]
    message = ctx.msg(RULE_ID, "table", total_label=total.label.text, columns=columns)
    return [finding(ctx, RULE_ID, message, v, [e for _, _, s, q in failures for e in evidence(s, *q)])]


def _ev(ctx: Ctx, cell: Cell, label: str) -> dict:
    return {"type": "text", "start": cell.start, "end": cell.end, "raw": ctx.text[cell.start:cell.end], "label": label}
