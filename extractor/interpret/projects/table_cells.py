"""What a project table's cells say beyond its header's words (tables.py reads the tables): which column
holds the names when the header does not say (named_column), the unit when it is stated nowhere
(unit_by_sum), a header's wrapped second line (wrapped, line_after), and cells written together: a
row's ordinal glued to its name (unglued), a row's figures run into one (figures_apart)."""
from __future__ import annotations

import itertools
from dataclasses import replace
from decimal import Decimal

from ... import rules
from ...model import Project, Report
from ..forms.flatten import default_check
from ..forms.numbers import written_places
from .vocabulary import vocab

BARE_NUMBER = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
UNIT_CELL = r"\((?:万元|元|亿元|千元)\)"
NAMED_ROWS = 2  # rows that must agree before a column's cells name the table's projects


def line_after(text: str, end: int) -> str:
    """The line after the one ending at ``end`` ("" at the text's end, or when ``end`` ends no line: a
    header cut out of a line holding a whole table)."""
    if end >= len(text) or text[end] != "\n":
        return ""
    stop = text.find("\n", end + 1)
    return text[end + 1: stop if stop >= 0 else len(text)]


def wrapped(cells: list[str]) -> bool:
    """Whether a line's cells are a header's wrapped second line: units in brackets ("(万元)") and short
    words, no figure and no total ("名称", "(万元)" under 项目 | 金额 in narrow columns)."""
    cells = [c for c in cells if c]
    return bool(cells) and all(rules.compiled(UNIT_CELL).fullmatch(c)
                               or (len(c) <= WRAPPED_WORD and not any(ch.isdigit() for ch in c)
                                   and not vocab().table_not_name.search(c))
                               for c in cells)


WRAPPED_WORD = 4  # characters of a word a narrow header column pushes onto a second line


def unglued(cells: list[str], header: list[str]) -> list[str]:
    """A row whose ordinal is glued to its name ("1张家村道路硬化项目 | 张家村 | 120.5", a PDF's text under
    序号 | 项目名称 | …) as its cells: the ordinal and the name apart, when that makes it as wide as its header."""
    if not cells or len(cells) != len(header) - 1 or not header or not vocab().table_run_on_head.fullmatch(header[0]):
        return cells
    m = vocab().table_glued_ordinal.fullmatch(cells[0])
    return [m.group("ordinal"), m.group("name"), *cells[1:]] if m else cells


def figures_apart(cells: list[str], header: list[str]) -> list[str]:
    """A row whose figures were written together ("教育专项 | 85083097.6%100%" under 预算金额(万元) |
    实际支出(万元) | 资金使用率 | 项目完成率: a PDF or a spreadsheet read without its borders) with that run cut
    into the header's cells, when exactly one cut makes the first rate column after two money columns
    their quotient (资金使用率 = 实际支出 ÷ 预算金额, to the rate's last written decimal) and puts a percent
    under every rate column. The row as it is when it is as wide as its header, or when no cut, or more
    than one, does so."""
    lost = len(header) - len(cells)
    if lost <= 0 or lost + 1 > _MAX_GLUED_CELLS:
        return cells
    v = vocab()
    for i, cell in enumerate(cells):
        if not rules.compiled(_GLUED_FIGURES).fullmatch(cell):
            continue
        cols = header[i:i + lost + 1]
        if len(cols) < lost + 1:
            return cells
        rates = [k for k, h in enumerate(cols) if v.table_rate_header.search(h)]
        money = [k for k, h in enumerate(cols) if v.table_money_header.search(h)]
        # the first rate after two money columns is their quotient; a later rate (项目完成率) is another's
        checks = [(next(r for r in rates if r > b), [a, b]) for a, b in zip(money, money[1:])
                  if any(r > b for r in rates) and not any(a < r < b for r in rates)]
        if not checks:
            return cells
        fits = [parts for parts in _cuts(cell, lost + 1) if _rates_hold(parts, cols, checks)]
        if len(fits) > 1:
            # "3029.598.33%": 30 | 29.5 | 98.33%, not 3029.5 | 98.3 | 3%: a rate holding more digits is
            # less likely to hold by chance
            most = max(_rate_digits(parts, cols) for parts in fits)
            fits = [parts for parts in fits if _rate_digits(parts, cols) == most]
        return cells[:i] + fits[0] + cells[i + 1:] if len(fits) == 1 else cells
    return cells


# a run of figures written together: digits, decimal points, percent signs, nothing between
_GLUED_FIGURES = r"\d[\d.]*%?(?:\d[\d.]*%?)+"
_MAX_GLUED = 24  # characters of a run cut into cells (the cuts grow fast with its length)
_MAX_GLUED_CELLS = 5  # cells one run is cut into: a row lacking more (a header's wide form row) is no glued row


def _cuts(run: str, n: int) -> list[list[str]]:
    """Every way to cut ``run`` into ``n`` figures (a figure: no leading zero but "0.…", at most one point,
    a % only at its end)."""
    if len(run) > _MAX_GLUED:
        return []
    figure = rules.compiled(r"(?:0|[1-9]\d*)(?:\.\d+)?%?")
    out = []
    for at in itertools.combinations(range(1, len(run)), n - 1):
        parts = [run[a:b] for a, b in zip((0, *at), (*at, len(run)))]
        if all(figure.fullmatch(p) for p in parts):
            out.append(parts)
    return out


def _rate_digits(parts: list[str], cols: list[str]) -> int:
    """The digits ``parts`` write under rate columns."""
    return sum(sum(ch.isdigit() for ch in p) for p, c in zip(parts, cols) if vocab().table_rate_header.search(c))


def _rates_hold(parts: list[str], cols: list[str], checks: list[tuple[int, list[int]]]) -> bool:
    """Whether ``parts`` put a percent under each rate column and plain figures under the others, each
    rate the quotient of its two money columns to its last written decimal."""
    v = vocab()
    if any(part.endswith("%") != bool(v.table_rate_header.search(col)) for part, col in zip(parts, cols)):
        return False
    for r, (budget, spent) in checks:
        rate, base = float(parts[r].rstrip("%")), float(parts[budget])
        if base == 0 or rate == 0:
            return False  # a zero rate holds for any tiny spending cut off a run ending in 0%: it decides nothing
        # the forms' rate arithmetic: 执行率 = 执行数 ÷ 预算数, to the rate's last written digit
        if not default_check(base, float(parts[spent]), rate, written_places(parts[r])):
            return False
    return True


def named_column(header: list[str], rows: list[list[str]]) -> int | None:
    """The column whose cells call themselves projects in every one of ``rows`` (at least
    ``NAMED_ROWS``, each as wide as ``header``): names ending in 项目 or 工程 ([table.content_name]) under a
    header of words, not figures. The rows then say what the header's word (资金用途, 建设内容) does
    not: its items are the table's projects. None when no column, or more than one, does so."""
    v = vocab()
    rows = [r for r in rows if len(r) == len(header)]
    if len(rows) < NAMED_ROWS:
        return None
    cols = [c for c in range(len(header)) if not v.table_figure_header.search(header[c])
            and all(v.table_content_name.search(r[c]) and not is_figure(r[c]) for r in rows)]
    return cols[0] if len(cols) == 1 else None


def unit_by_sum(report: Report | None, found: list[Project]) -> list[Project]:
    """The rows of a table whose unit is stated nowhere, when their figures add up to an amount the text
    states with its unit ("共安排资金312.1万元" over rows of 120.5, 80, 45.6, 66): the unit ([table.factors])
    that makes their sum that amount is theirs, and their amounts are scaled by it. [] when no stated
    amount is their sum (元 or 万元, nothing says)."""
    if report is None:
        return []
    v = vocab()
    figures = [Decimal(str(p.amount)) for p in found]
    total = sum(figures)
    # half a unit of the finest decimal the rows write: their sum is exact to it
    slack = Decimal(5).scaleb(min(f.as_tuple().exponent for f in figures) - 1)
    stated = [Decimal(str(m.value)) for m in report.mentions if m.kind == "amount" and m.value is not None and not m.approx]
    for factor in v.table_factors.values():
        if any(abs(value - total * factor) <= slack * factor for value in stated):
            return [replace(p, amount=float(f * factor)) for p, f in zip(found, figures)]
    return []


def is_figure(cell: str) -> bool:
    """Whether a cell is a bare figure ("1,234.5", "98.1%")."""
    return rules.compiled(BARE_NUMBER + r"%?").fullmatch(cell) is not None
