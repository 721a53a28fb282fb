"""Grid and pairs blocks of a parsed form → :class:`FormValue` rows: each figure with its block,
line, column, the year and period its column is about, the unit (money in 万元), and the fact key
the template maps it to (this year's figures only: a 上年 column never gives a fact)."""
from __future__ import annotations

from decimal import Decimal

from ...model import FormValue, Report
from .cells import Cell
from .grid import GridRead, value_of
from .numbers import PCT_RE, number, percent
from .pairs import PairValue
from .vocabulary import MONEY_KEYS, UNSTORED, Vocabulary

PERCENT = "%"
POINTS = "分"
KNOWN_BUDGET = (*MONEY_KEYS, "weight", "score", "execution_rate")  # FormBudgetLine's own columns


def grid_values(report: Report, form: int, g: GridRead, vocab: Vocabulary) -> list[FormValue]:
    """The figures of one grid block, row by row, column by column."""
    out: list[FormValue] = []
    share = round(g.tally.share(), 2)
    for r in g.rows:
        # a row's facts by column stand only when it fills every column they name (a lone figure of
        # 预算调整 may be the adjustment itself)
        filled = {g.columns[k].spec.role for k in r.values}
        column_facts = r.column_facts if all(role in filled for role in r.column_facts) else {}
        for k, c in sorted(r.values.items()):
            col = g.columns[k]
            unit = PERCENT if (col.spec.unit == PERCENT or PCT_RE.fullmatch(c.key)) else (col.spec.unit or g.unit)
            value = value_of(c)
            if value is None:
                continue
            value, source_unit, unit = _money(value, unit, vocab)
            fact = None
            if col.period == "current":
                if col.spec.role in column_facts:
                    fact = column_facts[col.spec.role]
                elif g.block.fact_column is not None and col.spec.role == g.block.fact_column:
                    fact = r.fact
                elif not g.block.rows:
                    fact = col.spec.fact
            out.append(_value(report, form, g.block.name, r.name, col.spec.role, value, unit, c,
                              label=r.label.text if r.label is not None else None, parent=r.parent,
                              year=col.year, period=col.period, fact=fact, source_unit=source_unit,
                              confidence=share))
    return out


def pair_values(report: Report, form: int, pairs: list[PairValue], vocab: Vocabulary,
                share: float | None) -> list[FormValue]:
    """The figures of label → value blocks (one line per block, the pair's role its column)."""
    out: list[FormValue] = []
    for p in pairs:
        value = number(p.value.key)
        if value is None:
            continue
        amount, source_unit, unit = _money(float(value), p.unit, vocab)
        out.append(_value(report, form, p.block.name, p.block.name, p.spec.role, amount, unit, p.value,
                          label=p.label.text, period="current", fact=p.spec.fact, source_unit=source_unit,
                          confidence=share))
    return out


def point_values(report: Report, form: int, points: list, share: float | None) -> list[FormValue]:
    """The points written on the indicator block's labels (points.StatedPoints): block "points", the
    label its line, role "weight", unit 分; the span from the label's first piece to its last."""
    out = []
    for p in points:
        fv = _value(report, form, "points", p.label, "weight", float(p.points), POINTS, p.first,
                    label=p.label, period="current", source_unit=POINTS, confidence=share)
        fv.end = p.last.end
        out.append(fv)
    return out


def budget_values_beyond(report: Report, form: int, name: str, values: dict[str, Cell], unit: str | None,
                         vocab: Vocabulary, share: float | None) -> list[FormValue]:
    """The budget row's figures in columns FormBudgetLine has no field for (统筹整合资金数(B),
    全年到位资金(D), 预算到位(D/C)): one value each, block "budget"."""
    out: list[FormValue] = []
    for role, c in values.items():
        if role in KNOWN_BUDGET or role in UNSTORED:
            continue
        if role.endswith("_rate"):
            value = percent(c.key) if percent(c.key) is not None else number(c.key)
            if value is None:
                continue
            out.append(_value(report, form, "budget", name, role, float(value), PERCENT, c, period="current",
                              source_unit=PERCENT, confidence=share))
            continue
        value = number(c.key)
        if value is None:
            continue
        amount, source_unit, canonical = _money(float(value), unit or vocab.canonical_unit, vocab)
        out.append(_value(report, form, "budget", name, role, amount, canonical, c, period="current",
                          source_unit=source_unit, confidence=share))
    return out


def _money(value: float, unit: str | None, vocab: Vocabulary) -> tuple[float, str | None, str | None]:
    """(value in the canonical unit, unit as written, canonical unit) for a money unit; others as is."""
    if unit in vocab.factors:
        return float(Decimal(str(value)) * vocab.factors[unit]), unit, vocab.canonical_unit
    return value, unit, unit


def _value(report: Report, form: int, block: str, line: str, role: str, value: float, unit: str | None,
           c: Cell, **extra) -> FormValue:
    return FormValue(
        form=form, block=block, line=line, role=role, value=value, unit=unit,
        table_index=c.table, row=c.row if c.table is not None else None,
        page=c.page if c.page is not None else (report.page_at(c.start) if c.start is not None else None),
        start=c.start, end=c.end, **extra)
