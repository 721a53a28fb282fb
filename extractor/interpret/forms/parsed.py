"""What the grammar reads out of a form's cells, still as cells (text and span): the records
build.py turns into model rows. Column keys are those of patterns/forms/lexicon.toml."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .cells import Cell
from .constraints import Tally
from .numbers import LEADING_NUMBER_RE, number, percent, rate_value, to_decimal
from .vocabulary import MONEY_KEYS, UNSTORED


@dataclass
class BudgetRow:
    """One line of the budget block: its canonical name, the label cell, column key → cell."""

    name: str
    label: Cell
    values: dict[str, Cell]
    # money cells the row holds whose column the arithmetic left open (two placements fit equally
    # and disagree: "年度资金总额 30 | 30 | 10 | 100%" under 年初预算数 | 调整预算数 | 全年执行数 | 分值 |
    # 执行率, the first 30 either budget): no column's value, still an amount the table states
    unplaced: list[Cell] = field(default_factory=list)
    # the columns each unplaced cell held in the readings left (parallel to ``unplaced``)
    open_columns: list[tuple[str, ...]] = field(default_factory=list)


def figures_of(values: dict[str, Cell], columns=None) -> dict[str, float | None]:
    """A budget row's figures by column role, as the template's constraints name them: money,
    分值, 得分, 执行率 in percent (a fraction 0.958 read as 95.8), and ``budget``, the budget the rate
    is taken of: 全年预算数 when the row has that column, else 年初预算数 ("执行率(B/A)" under 年初预算数(A) |
    全年执行数(B), or a row whose 全年预算数 is blank)."""
    out: dict[str, Decimal | None] = {}
    for key, c in values.items():
        if key in UNSTORED or key == "execution_rate":
            continue
        out[key] = number(c.key)
        if out[key] is None and key.endswith("_rate"):  # another rate column (received_rate)
            out[key] = percent(c.key)
        if out[key] is None and key in MONEY_KEYS:  # an amount naming its unit ("50万元"): its figure
            m = LEADING_NUMBER_RE.match(c.key)
            out[key] = to_decimal(m["n"]) if m and not any(ch.isdigit() for ch in c.key[m.end():]) else None
    full = "budget_full_year" in (columns if columns is not None else values)
    # the form's rate is of 全年预算数, else of 年初预算数: a row that leaves its 全年预算数 blank
    # (nothing adjusted) states its rate of the 年初预算数 it holds
    budget = out.get("budget_full_year") if full and "budget_full_year" in values else out.get("budget_initial")
    out["budget"] = budget
    if "execution_rate" in values:
        out["execution_rate"] = rate_value(values["execution_rate"].key, budget, out.get("executed"))
    return {k: (float(v) if v is not None else None) for k, v in out.items()}


@dataclass
class IndicatorRow:
    """One indicator row: column key (level1, name, target, actual, weight, ...) → cell."""

    cells: dict[str, Cell] = field(default_factory=dict)

    def get(self, key):
        """The cell of column ``key``, or None."""
        return self.cells.get(key)


@dataclass
class Block:
    """A block the grammar read: its rows, the cells it used (for the form's span), where it ended,
    and the total row's 分值 and 得分 when the block's figures held them (rows written in two passes)."""

    rows: list
    used: list[Cell]
    end: int
    total: tuple[Cell, Cell] | None = None


@dataclass
class ParsedForm:
    """One form as read: title and year, header fields, money unit, budget and indicator rows,
    the total row, and the cells read (they give the form's span)."""

    title: Cell | None = None
    year: int | None = None
    fields: dict[str, Cell] = field(default_factory=dict)
    money_unit: str | None = None
    lines: list[BudgetRow] = field(default_factory=list)
    rows: list[IndicatorRow] = field(default_factory=list)
    total_weight: Decimal | None = None
    total_score: Decimal | None = None
    grade: str | None = None
    structured: bool = False  # a budget or indicator header was found
    budget_columns: list[str] = field(default_factory=list)  # the budget header's column keys
    used: list[Cell] = field(default_factory=list)  # cells read: they give the form's span
    grids: list = field(default_factory=list)  # grid.GridRead of the template's grid blocks
    pairs: list = field(default_factory=list)  # pairs.PairValue of its label → value blocks
    points: list = field(default_factory=list)  # points.StatedPoints written on the indicator block's labels
    template: str | None = None  # the template it was read with
    tally: Tally = field(default_factory=Tally)  # the template's arithmetic on this reading
    fit: float = 0.0  # how well the template fits (choice among templates and readings)
    confidence: float | None = None

    def is_form(self) -> bool:
        """Enough to be a form: figures, or the form's own column headers with its fields."""
        return bool(self.lines or self.rows or (self.structured and self.fields) or self.pairs
                    or any(r.values for g in self.grids for r in g.rows))


# (parsed form, title cell found outside the form's cells, index of its first table)
Candidate = tuple[ParsedForm, Cell | None, int | None]
