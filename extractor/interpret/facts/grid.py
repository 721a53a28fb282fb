"""A department's statement table flattened to lines, read as a grid ([grid] in patterns/facts.toml).

Two shapes, cells set apart by bars, tabs or blanks:

    项目 上年决算数 本年预算数 本年决算数        收入合计 财政拨款收入 支出合计
    收入合计 1000.00 1200.00 1234.56            1234.56 1200.00 1230.00

In rows under a header the label takes the figure of the report's year (its actual column before its
budget's); a column of the year before is never read. Under a header of labels each label takes the
figure under it. A label's figure is a bare number in the table's money unit, returned as a new
table_amount mention (labels.bare_amount makes it); anything that does not fit the shape reads nothing.
"""
from __future__ import annotations

from functools import cache

import regex

from ... import rules
from .candidates import Label
from .reading import Reading

_BARS, _BLANKS = regex.compile(r"[ \t]*\|[ \t]*"), regex.compile(r"[ \t]+")


@cache
def _conf() -> dict:
    conf = rules.load("facts")["grid"]
    return {"keys": frozenset(conf["keys"]), "header_lines": int(conf["header_lines"]),
            **{k: rules.compiled(str(conf[k])) for k in ("figure", "empty", "year", "this_year", "prior_year",
                                                            "actual", "budget", "label_cell")}}


def _cells(r: Reading, lo: int, hi: int) -> list[tuple[int, int]]:
    """(start, end) of each non-empty cell of the line text[lo:hi]: split at bars, or else at blanks and
    where normalization removed one between Han characters ("项目 上年决算数 本年决算数" is stored
    "项目上年决算数本年决算数", its gaps kept by the pipeline)."""
    line = r.text[lo:hi]
    if "|" in line:
        bounds = [(lo + m.start(), lo + m.end()) for m in _BARS.finditer(line)]
    else:
        bounds = [(lo + m.start(), lo + m.end()) for m in _BLANKS.finditer(line)]
        bounds += [(g, g) for g in r.gaps_in(lo, hi)]
        bounds.sort()
    out, a = [], lo
    for x, y in bounds:
        if x > a:
            out.append((a, x))
        a = max(a, y)
    if a < hi:
        out.append((a, hi))
    return out


def _line(text: str, pos: int) -> tuple[int, int]:
    lo = text.rfind("\n", 0, pos) + 1
    hi = text.find("\n", pos)
    return lo, len(text) if hi < 0 else hi


def _is_value(c: dict, s: str) -> bool:
    return bool(c["figure"].fullmatch(s) or c["empty"].fullmatch(s))


def grid_cell(r: Reading, lab: Label, unit_of) -> tuple[int, int, str] | tuple[()] | None:
    """(start, end, money unit: "" for a count) of the bare figure ``lab`` takes in a grid; () when the label heads a
    row of two or more figures but none is this year's (no column chosen, or its cell is empty: nothing
    else may bind it, last year's figure beside it least of all); None when the label's line is no
    grid. ``unit_of(pos)`` gives the money unit a table states above ``pos`` (labels.table_unit)."""
    c, text = _conf(), r.text
    if lab.entry.key not in c["keys"] or lab.entry.value not in ("amount", "count"):
        return None
    lo, hi = _line(text, lab.start)
    cells = _cells(r, lo, hi)
    at = next((k for k, (a, b) in enumerate(cells) if a <= lab.start and lab.end <= b), None)
    if at is None:
        return None
    own = c["label_cell"].fullmatch(text[cells[at][0]:cells[at][1]])
    if own is None or own.group("label") != lab.text:
        return None  # the label is a part of its cell's words
    unit = _unit(r, cells[at], unit_of, lab.start) if lab.entry.value == "amount" else ""
    if unit is None:
        return None
    rest = [text[a:b] for a, b in cells[at + 1:]]
    if len(rest) >= 2 and all(_is_value(c, s) for s in rest):
        col = _column(r, c, text, lo, len(cells), len(rest))
        if col is None:
            return ()
        a, b = cells[at + 1 + col]
    elif not any(_is_value(c, text[a:b]) for a, b in cells) and len(cells) >= 2:
        under = _next_line(text, hi)
        if under is None:
            return None
        below = _cells(r, *under)
        if len(below) != len(cells) or not all(_is_value(c, text[a:b]) for a, b in below):
            return None
        if (more := _next_line(text, under[1])) is not None and _values_row(r, c, more, len(cells)):
            return None  # several rows of figures under the labels: whose they are, the header does not say
        a, b = below[at]
    else:
        return None
    return () if c["empty"].fullmatch(text[a:b]) else (a, b, unit)


def _values_row(r: Reading, c: dict, line: tuple[int, int], width: int) -> bool:
    cells = _cells(r, *line)
    return len(cells) == width and all(_is_value(c, r.text[a:b]) for a, b in cells)


def _unit(r: Reading, cell: tuple[int, int], unit_of, pos: int) -> str | None:
    """The label cell's own money unit ("收入合计(万元)", [binding.cell_unit]), else the table's above it."""
    own = r.cfg.cell_unit.search(r.text, *cell)
    if own:
        return own.group("unit")
    stated = unit_of(pos)
    return stated.group("unit") if stated is not None else None


def _next_line(text: str, hi: int) -> tuple[int, int] | None:
    pos = hi + 1
    while pos < len(text):
        lo, end = _line(text, pos)
        if text[lo:end].strip():
            return lo, end
        pos = end + 1
    return None


def _column(r: Reading, c: dict, text: str, lo: int, width: int, k: int) -> int | None:
    """The value column (0-based, of ``k``) of the report's year in the header above the row at
    ``lo``: lines above that are rows of the same width are skipped; the first other line is the
    header, its last ``k`` cells name the columns. None when no header or no single best column."""
    pos = lo - 1
    for _ in range(c["header_lines"]):
        if pos < 0:
            return None
        a, b = _line(text, pos)
        pos = a - 1
        line = text[a:b]
        if not line.strip():
            continue
        if "。" in line:
            return None
        cells = _cells(r, a, b)
        values = [text[x:y] for x, y in cells[1:]]
        if len(cells) == width and values and all(_is_value(c, s) for s in values):
            continue  # another row of the grid
        if len(cells) < k:
            return None
        heads = [text[x:y] for x, y in cells[-k:]]
        return _choose(r, c, heads)
    return None


def _choose(r: Reading, c: dict, heads: list[str]) -> int | None:
    """The column of this year's actual figure among the header cells ``heads``."""
    year = r.report.fiscal_year
    scores = []
    for h in heads:
        if c["figure"].fullmatch(h):
            return None  # a header of figures: no header at all
        years = [int(y) for y in c["year"].findall(h)]
        if c["prior_year"].search(h) or (year is not None and years and year not in years):
            scores.append(None)  # another year's column
            continue
        score = 0
        if c["this_year"].search(h) or (year is not None and year in years):
            score += 2
        if c["actual"].search(h):
            score += 1
        elif c["budget"].search(h):
            score -= 1
        scores.append(score)
    live = [s for s in scores if s is not None]
    if not live:
        return None
    best = max(live)
    if best <= 0 and len(live) > 1:
        return None  # nothing says which column is this year's
    if scores.count(best) != 1:
        return None
    return scores.index(best)
