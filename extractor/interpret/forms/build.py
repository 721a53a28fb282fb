"""A parsed form → model rows: :class:`Form` with its :class:`FormBudgetLine` and
:class:`Indicator` rows, values converted (money to 万元, 0.9574 to 95.74%), and the budget
block's bare money cells as ``table_amount`` mentions.

A bare cell ("387664.62" under 项目资金(元)) becomes a mention of kind ``table_amount`` in 万元
(never ``amount``: a bare cell under a (万元) header is no amount mention for scoring), with exact
offsets, so ``text[start:end] == raw``. A cell that names its own unit ("90万元") is left alone:
the recognizer made it a mention already.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ...model import Form, FormBudgetLine, Indicator, Mention, Report
from ...text.segment import section_at
from . import constraints as cons
from .cells import Cell, cell_key, span_of
from .fit import budget_values
from .numbers import PCT_RE, as_float, leading_number, number, rate_value, to_decimal
from .parsed import BudgetRow, ParsedForm
from .templates import template
from .values import budget_values_beyond, grid_values, pair_values, point_values
from .vocabulary import MONEY_KEYS, Vocabulary

TABLE_AMOUNT = "table_amount"  # the mention kind of a bare budget cell
BUDGET_CELL_RULE = "form:budget_cell"  # its rule_id
PERCENT_KIND, RATE_CELL_RULE = "percent", "form:rate_cell"  # a rate cell cut out of a glued run


@dataclass
class BuiltForm:
    """One form as model rows, and the table_amount mentions its budget cells gave."""

    form: Form
    mentions: list[Mention] = field(default_factory=list)


def build_form(report: Report, p: ParsedForm, index: int, table_index: int | None, vocab: Vocabulary,
               taken: list[tuple[int, int]]) -> BuiltForm:
    """``p`` as the ``index``-th Form of ``report``. ``taken``: spans of the mentions so far; a
    budget cell overlapping one gives no table_amount mention."""
    factor = vocab.factors.get(p.money_unit or vocab.canonical_unit, Decimal(1))
    start, end = span_of(p.used)
    if p.title is not None and p.title.start is not None:
        start = p.title.start if start is None else min(start, p.title.start)
    fields = {k: _clean_value(c.text, vocab) for k, c in p.fields.items() if not vocab.placeholder.match(c.key)}
    form = Form(
        index=index,
        title=vocab.title_text(p.title.text) if p.title is not None else None,
        project_name=fields.get("project_name") or None,
        unit_name=fields.get("unit_name") or None,
        department=fields.get("department") or None,
        fiscal_year=p.year,
        money_unit=p.money_unit,
        total_score=as_float(p.total_score),
        grade=p.grade,
        table_index=table_index,
        start=start,
        end=end,
        template=p.template,
        confidence=p.confidence,
        rule_id=f"forms:{p.template}",
        page=report.page_at(start) if start is not None else None,
    )
    built = BuiltForm(form)
    constraints = list(template(p.template).constraints) if p.template else []
    for line in p.lines:
        budget_line, mentions = _budget_line(report, form, line, factor, p.money_unit, taken, vocab)
        tally = cons.check_row(constraints, "budget", budget_values(line, p.budget_columns or None))
        budget_line.confidence = round(tally.share(), 2) if tally.checked else None
        form.budget_lines.append(budget_line)
        form.values += budget_values_beyond(report, index, line.name, line.values, p.money_unit, vocab,
                                            budget_line.confidence)
        built.mentions += mentions
    form.indicators.extend(_indicators(report, form, p, vocab))
    for g in p.grids:
        form.values += grid_values(report, index, g, vocab)
    form.values += pair_values(report, index, p.pairs, vocab, p.confidence)
    form.values += point_values(report, index, p.points, p.confidence)
    # the rows were made here from this template's blocks: each names the rule that read it
    for line in form.budget_lines:
        line.rule_id = f"forms:{p.template}:budget"
    for ind in form.indicators:
        ind.rule_id = f"forms:{p.template}:indicators"
    for value in form.values:
        value.rule_id = f"forms:{p.template}:{value.block}"
    return built


def unread_form(p: ParsedForm, index: int, table_index: int | None, vocab: Vocabulary,
                page_at=None) -> Form:
    """A form found (its title on a line of its own, its template's labels after it) whose figures
    could not be read: status "unread" and the reason, never dropped."""
    start, end = span_of(p.used)
    if p.title is not None and p.title.start is not None:
        start = p.title.start if start is None else min(start, p.title.start)
    if p.structured:
        reason = "block headers found but no row under them could be read"
    elif any(g.columns for g in p.grids):
        names = ", ".join(g.block.name for g in p.grids if g.columns)
        reason = f"grid blocks found ({names}) but no figures in them"
    elif p.fields:
        reason = "header fields found but no budget, indicator or grid block"
    else:
        reason = f"labels of template {p.template} found but no block header or figures"
    return Form(
        index=index, title=vocab.title_text(p.title.text) if p.title is not None else None, fiscal_year=p.year,
        table_index=table_index, start=start, end=end, template=p.template, confidence=0.0, status="unread",
        reason=reason, rule_id=f"forms:{p.template}:unread",
        page=page_at(start) if page_at is not None and start is not None else None,
    )


def _clean_value(text: str, vocab: Vocabulary) -> str:
    """A header value without its code prefix, and written once: a merged cell that a flattening
    wrote twice ("广水市交通运输局广水市交通运输局") is one value."""
    value = vocab.code_prefix.sub("", text.strip()).strip()
    half = len(value) // 2
    if half >= 2 and len(value) % 2 == 0 and value[:half] == value[half:]:
        value = value[:half]
    return value


def _budget_line(report: Report, form: Form, line: BudgetRow, factor: Decimal, unit: str | None,
                 taken: list[tuple[int, int]], vocab: Vocabulary) -> tuple[FormBudgetLine, list[Mention]]:
    vals = line.values
    out: dict[str, Decimal] = {}
    mentions: list[Mention] = []
    for key in MONEY_KEYS:
        c = vals.get(key)
        if c is None:
            continue
        m = vocab.money_amount.fullmatch(c.key)
        if m:  # the cell names its own unit ("90万元"): the recognizer already made it a mention
            out[key] = to_decimal(m["n"]) * vocab.factors.get(m["u"], Decimal(1))
            continue
        value, cell_factor, cell_unit = number(c.key), factor, unit
        if value is None and (short := vocab.money_short.fullmatch(c.key)):
            value, cell_factor, cell_unit = to_decimal(short["n"]), Decimal(1), vocab.short_unit
        if value is None:
            continue
        out[key] = value * cell_factor
        mentions += _amount_mention(report, c, out[key], cell_unit, taken, vocab)
    for c in line.unplaced:  # an amount whose column the arithmetic left open: still the table's amount
        value = number(c.key)
        if value is not None:
            mentions += _amount_mention(report, c, value * factor, unit, taken, vocab)
    rate_cell = vals.get("execution_rate")
    rate = _rate(rate_cell, out.get("budget_full_year") or out.get("budget_initial"), out.get("executed"))
    if (rate is not None and rate_cell is not None and rate_cell.glued and rate_cell.start is not None
            and PCT_RE.fullmatch(rate_cell.key) and not any(s < rate_cell.end and rate_cell.start < e for s, e in taken)):
        # a rate cut out of a glued run ("…1050%5"): the recognizer could not see it
        mentions.append(Mention(
            kind=PERCENT_KIND, value=float(rate), unit="%", raw=report.text[rate_cell.start:rate_cell.end],
            start=rate_cell.start, end=rate_cell.end, rule_id=RATE_CELL_RULE, page=report.page_at(rate_cell.start),
            section=section_at(report.sections, rate_cell.start)))
    weight = number(vals["weight"].key) if "weight" in vals else None
    score = number(vals["score"].key) if "score" in vals else None
    # the 原因 column is often one merged note for the whole block: the span covers the figures
    start, end = span_of([line.label, *(c for k, c in vals.items() if k != "reason")])
    first = line.label
    return FormBudgetLine(
        form=form.index,
        line=line.name,
        budget_initial=as_float(out.get("budget_initial")),
        budget_full_year=as_float(out.get("budget_full_year")),
        executed=as_float(out.get("executed")),
        weight=as_float(weight),
        execution_rate=as_float(rate),
        score=as_float(score),
        source_unit=unit,
        table_index=first.table,
        row=first.row if first.table is not None else None,
        page=first.page if first.page is not None else (report.page_at(start) if start is not None else None),
        start=start,
        end=end,
        undecided="; ".join(f"{c.key} → {' | '.join(cols)}" for c, cols in zip(line.unplaced, line.open_columns)
                            if cols) or None,
    ), mentions


def _amount_mention(report: Report, c: Cell, value: Decimal, cell_unit: str | None, taken, vocab: Vocabulary) -> list[Mention]:
    """A bare budget cell as a table_amount mention (none when a mention already covers it)."""
    if c.start is None or any(s < c.end and c.start < e for s, e in taken):
        return []
    return [Mention(kind=TABLE_AMOUNT, value=float(value), unit=vocab.canonical_unit, raw=report.text[c.start:c.end],
                    start=c.start, end=c.end, rule_id=BUDGET_CELL_RULE, page=report.page_at(c.start),
                    section=section_at(report.sections, c.start), source_unit=cell_unit)]


def _rate(cell: Cell | None, full: Decimal | None, executed: Decimal | None) -> Decimal | None:
    """The 执行率 in percent (numbers.rate_value), None without a cell."""
    return None if cell is None else rate_value(cell.key, full, executed)


def _indicators(report: Report, form: Form, p: ParsedForm, vocab: Vocabulary) -> list[Indicator]:
    """The indicator rows of ``p`` with a name and a value, levels carried down from the rows above."""
    out: list[Indicator] = []
    level1 = level2 = None
    for r in p.rows:
        cells = r.cells
        if "level1" in cells:
            level1 = vocab.without_points(cells["level1"].key)
            level2 = None
        if "level2" in cells:
            level2 = vocab.without_points(cells["level2"].key)
        name = cells.get("name")
        if name is None:
            continue
        if not any(k in cells for k in ("target", "actual", "weight", "score")):
            continue
        name_text = name.text
        target = cells.get("target")
        target_text = target.text if target is not None else None
        actual_text = cells["actual"].text if "actual" in cells else None
        if name.glued and target_text and actual_text is None and vocab.actual_phrases.fullmatch(cell_key(target_text)):
            actual_text, target_text = target_text, None
            name_text, target_text = _split_glued(name_text, vocab)
        comparator, target_value, unit = None, None, None
        if "op" in cells:
            comparator = vocab.comparator(cells["op"].key)
        if target_text:
            m = vocab.target_re.match(cell_key(target_text))
            if m:
                comparator = comparator or (vocab.comparator(m["cmp"]) if m["cmp"] else None)
                target_value = to_decimal(m["n"])
                if m["unit"] and vocab.unit.match(m["unit"]):
                    unit = m["unit"]
        if "unit" in cells:
            unit = cells["unit"].text
        actual_value = leading_number(actual_text) if actual_text else None
        weight = number(cells["weight"].key) if "weight" in cells else None
        score = number(cells["score"].key) if "score" in cells else None
        reason = cells["reason"].text if "reason" in cells else None
        start, end = span_of(cells.values())
        first = name
        out.append(
            Indicator(
                form=form.index,
                level1=level1,
                level2=level2,
                name=name_text,
                target_text=target_text,
                target_value=as_float(target_value),
                target_comparator=comparator,
                actual_text=actual_text,
                actual_value=as_float(actual_value),
                unit=unit,
                weight=as_float(weight),
                score=as_float(score),
                deviation_reason=reason,
                met=_met(comparator, target_value, actual_value, weight, score, actual_text, vocab),
                table_index=first.table,
                row=first.row if first.table is not None else None,
                page=first.page if first.page is not None else (report.page_at(start) if start is not None else None),
                start=start,
                end=end,
            )
        )
    return out


def _met(comparator: str | None, target: Decimal | None, actual: Decimal | None, weight: Decimal | None,
         score: Decimal | None, actual_text: str | None, vocab: Vocabulary) -> bool | None:
    """Whether an indicator's actual value reaches its target: by the comparison when both are
    figures (no comparison sign: equal is met), else by the points (full 分值 is met, fewer is not),
    else by a standard wording of the 实际完成值 ("达到预期目标", "已完成"); None when none tells."""
    if target is not None and actual is not None:
        ops = {"≥": actual >= target, "≤": actual <= target, ">": actual > target, "<": actual < target,
               "=": actual == target}
        if comparator in ops:
            return ops[comparator]
        if actual == target:
            return True
    if weight is not None and score is not None and weight > 0:
        return score >= weight
    if actual_text and vocab.actual_phrases.fullmatch(cell_key(actual_text)):
        return True
    return None


def _split_glued(text: str, vocab: Vocabulary) -> tuple[str, str | None]:
    """Indicator name and qualitative target glued together: cut where the latest target wording
    starts ("单项业务成本符合相关规定" → 单项业务成本 / 符合相关规定): the first wording of
    [glued] target_phrases found, at its earliest place."""
    for pattern in vocab.target_phrases:
        for start in range(2, len(text)):
            if pattern.fullmatch(text, start):
                return text[:start], text[start:]
    return text, None
