"""自评表 scores (``score_mismatch``): the total against the sum of the scores; the budget line's
得分 against 分值 × min(执行率, 1); the weights against 100; no indicator scored above its weight;
no full points for an indicator whose actual misses its target.

Weights are definitions (exact). Scores are judged in the readings of tolerance.judge: the score
as written (half a unit of its last digit: 9 stands for 8.5–9.5), the rate as written, then the
rate's own rounding.
"""
from __future__ import annotations

from ..model import Finding, Form
from .context import SCORE, Ctx, diff_fields, ev_form_line, ev_indicator, evidence, finding, guarded, rule, rule_config
from .doubt import block_indicators, rows_shifted
from .execution import rate_of
from .formsums import form_findings
from .goals import missed_indicators
from .sums import judge_sum
from .tolerance import Iv, Q, best_failure, finite, fmt, judge, ratio_decimals

RULE_ID = "score_mismatch"


@rule(RULE_ID)
def score_mismatch(ctx: Ctx) -> list[Finding]:
    """Every score case of every 自评表 of the report."""
    conf = rule_config(RULE_ID)
    out = []
    for form in ctx.report.forms or []:
        out += guarded(RULE_ID, _score_total, ctx, form, conf)
        out += guarded(RULE_ID, _weights, ctx, form, conf)
        # every budget line scored on its own (分值 and 得分 on the line: 年度资金总额, and 基本支出 /
        # 项目支出 when a department form scores them too), not only the one that joins the total
        # (a 其中 line restating the total's figures, 分值 and 得分 is judged once, with the total)
        judged = set()
        for i, line in enumerate(form.budget_lines or []):
            key = (line.weight, line.score, line.execution_rate, line.executed, line.budget_full_year,
                   line.budget_initial)
            if finite(line.weight) and finite(line.score) and key not in judged:
                judged.add(key)
                out += guarded(RULE_ID, _rate_score, ctx, form, i, line, conf)
        for i, ind in enumerate(getattr(form, "indicators", None) or []):
            out += guarded(RULE_ID, _score_weight, ctx, form, i, ind)
            out += guarded(RULE_ID, _rate_indicator, ctx, form, i, ind, conf)
    out += guarded(RULE_ID, _full_points_missed, ctx, conf)
    out += form_findings(ctx, RULE_ID)  # the points on the labels, by the template's constraints
    return out


def budget_line(form: Form, conf: dict):
    """(index, line) of the budget line whose 得分 joins the total (``budget_score_line``), or None."""
    budget_re = conf["budget_score_line"].regex
    return next(((i, ln) for i, ln in enumerate(form.budget_lines or [])
                 if ln.line and budget_re.search(ln.line) and (finite(ln.score) or finite(ln.weight))), None)


def _capped(ctx: Ctx, value: float, evidence_: list, conf: dict) -> Q:
    """A score as a quantity whose half-unit is at most ``max_half_unit`` (whole scores are exact)."""
    q = ctx.q_value(value, evidence=evidence_, unit=SCORE)
    q.half, q.round = min(q.half, float(conf.get("max_half_unit", 0.05))), False
    return q


def _form_ev(form: Form) -> dict:
    return {"type": "form", "index": form.index, "start": form.start, "end": form.end,
            "label": form.title or form.project_name}


def _score_total(ctx: Ctx, form: Form, conf: dict) -> list[Finding]:
    indicators = list(enumerate(form.indicators or []))
    if not finite(form.total_score) or not indicators or any(not finite(ind.score) for _, ind in indicators):
        return []
    if rows_shifted(form):
        return []
    qs = [_capped(ctx, ind.score, [ev_indicator(form, i, ind)], conf) for i, ind in indicators]
    indicator_sum = sum(q.value for q in qs)
    found = budget_line(form, conf)
    budget = None
    if found is not None and finite(found[1].score):
        i, ln = found
        budget = _capped(ctx, ln.score, [ev_form_line(ln, i)], conf)
    stated = ctx.q_value(form.total_score, unit=SCORE, evidence=[_form_ev(form)])
    options = [[*qs, budget]] if budget else []
    # without the budget score only when the budget line scores nothing, or the indicators list
    # the execution rate themselves (预算执行率 among them)
    budget_re = conf["budget_score_line"].regex
    if budget is None and found is None and not form.budget_lines and weights_short(form, conf):
        return []  # no budget line read and the weights leave room for one: its score may be in the total
    if budget is None or any(ind.name and budget_re.search(ind.name) for _, ind in indicators):
        options.append(qs)
    failed = best_failure((judge_sum(ctx, stated, parts), None) for parts in options)
    if failed is None:
        return []
    v = judge_sum(ctx, stated, options[0])  # reported: the sum with the budget score, when there is one
    return [finding(ctx, RULE_ID, ctx.msg(
        RULE_ID, "total", form=form.index + 1, indicators=fmt(indicator_sum),
        budget=fmt(budget.value) if budget else "0", **diff_fields(v)), v, evidence(stated, budget, *qs))]


def weights_short(form: Form, conf: dict) -> bool:
    """Whether every indicator's weight is read and together they stay below ``full_marks`` (the
    rest is a part of the form not read, such as a budget line written as prose)."""
    weights = [ind.weight for _, ind in block_indicators(form)]
    full = float(conf.get("full_marks", 100))
    return bool(weights) and all(finite(w) for w in weights) and sum(weights) < full - 1e-6


def clean_weights(form: Form, conf: dict) -> bool:
    """Whether the indicator rows read as a whole scoring table: at least ``min_indicators`` rows,
    each with a weight no larger than ``max_indicator_weight`` and a score no larger than it."""
    inds = form.indicators or []
    if len(inds) < int(conf.get("min_indicators", 3)) or rows_shifted(form):
        return False
    label = rule_config("goal_not_met").get("column_label")
    limit = float(conf.get("max_indicator_weight", 50))
    for ind in inds:
        if not finite(ind.weight) or not (0 <= ind.weight <= limit):
            return False
        if finite(ind.score) and ind.score > ind.weight:
            return False
        if label is not None and (not ind.name or label.regex.fullmatch("".join(ind.name.split()))):
            return False
    return True


def _weights(ctx: Ctx, form: Form, conf: dict) -> list[Finding]:
    """The weights of a 自评表 add to ``full_marks``: more is always a finding; less only when the
    total score is the sum of the scores read (so no row was missed)."""
    if not clean_weights(form, conf):
        return []
    full = float(conf.get("full_marks", 100))
    inds = list(enumerate(form.indicators or []))
    found = budget_line(form, conf)
    budget_weight = found[1].weight if found is not None and finite(found[1].weight) else 0.0
    if budget_weight > float(conf.get("max_budget_weight", 50)):
        return []  # the form's full marks written on the budget line
    indicator_weights = sum(ind.weight for _, ind in inds)
    weights = indicator_weights + budget_weight
    slack = ctx.eps * full
    if abs(weights - full) <= slack or (not budget_weight and abs(indicator_weights - full) <= slack):
        return []
    if weights < full:
        scores = [ind.score for _, ind in inds]
        if budget_weight and found is not None:
            scores.append(found[1].score)
        if not finite(form.total_score) or any(not finite(s) for s in scores):
            return []
        if abs(sum(scores) - form.total_score) > slack:
            return []  # some row may be missing
    items = [_form_ev(form)]
    if found is not None and budget_weight:
        items.append(ev_form_line(found[1], found[0]))
    items += [ev_indicator(form, i, ind) for i, ind in inds]
    return [finding(ctx, RULE_ID, ctx.msg(
        RULE_ID, "weights", form=form.index + 1, n=len(inds), indicators=fmt(indicator_weights),
        budget=fmt(budget_weight), weights=fmt(weights), full=fmt(full)), evidence=items,
        severity=conf.get("weights_severity"), expected=full, actual=weights, difference=weights - full)]


def _rate_score(ctx: Ctx, form: Form, i: int, line, conf: dict) -> list[Finding]:
    """A budget line's 得分 = 分值 × min(执行率, 1): against the stated rate, else executed / budget;
    and, when the score fits a stated rate that is not the rate of the line's amounts (100% for
    3824.26 of 4753.66), against the rate of its amounts (a score that follows a wrong rate is wrong
    too)."""
    if not (finite(line.weight) and finite(line.score)) or not 0 < line.weight <= float(conf.get("max_budget_weight", 50)):
        return []  # a 分值 of 100 on the budget line is the form's full marks, not a weight
    budget = line.budget_full_year if finite(line.budget_full_year) else line.budget_initial
    amounts = bool(finite(budget) and finite(line.executed) and budget > 0)
    computed, source = None, ""
    if amounts:
        computed = Q(line.executed / budget * 100, 0.0, unit="%")
        source = ctx.msg(RULE_ID, "rate_source", executed=fmt(line.executed), budget=fmt(budget),
                         budget_label=ctx.label("budget_full_year" if finite(line.budget_full_year) else "budget_initial"))
    if not finite(line.execution_rate):
        return _judge_rate_score(ctx, form, i, line, conf, computed, source) if computed else []
    rate = ctx.q_value(line.execution_rate, line.start, line.end, unit="%")
    if rate.value <= 1.5 and line.execution_rate != 0:  # a fraction (0.958) written for 95.8%
        rate = Q(rate.value * 100, rate.half * 100, decimals=None, unit="%")
    out = _judge_rate_score(ctx, form, i, line, conf, rate, "")
    if out or computed is None:
        return out
    ex, bq = ctx.q_value(line.executed, line.start, line.end), ctx.q_value(budget, line.start, line.end)
    rv = judge(rate, [ex, bq], rate_of, ctx.eps, ratio_decimals(rate))
    if rv is None or rv.ok or (rv.expected >= 100 and abs(rate.value - 100) <= rate.half):
        return []  # the stated rate is the amounts' (or 100% capping an overspend)
    return _judge_rate_score(ctx, form, i, line, conf, computed, source)


def _judge_rate_score(ctx: Ctx, form: Form, i: int, line, conf: dict, rate: Q, source: str) -> list[Finding]:
    """The line's 得分 against 分值 × min(``rate``, 100%)."""
    ev = [ev_form_line(line, i)]
    weight = float(line.weight)
    stated = ctx.q_value(line.score, line.start, line.end, evidence=ev, unit=SCORE)
    stated.round = False

    def expected(ivs):
        iv = ivs[0].scale(weight / 100.0)
        return Iv(min(iv.lo, weight), min(iv.v, weight), min(iv.hi, weight))

    v = judge(stated, [rate], expected, ctx.eps, ratio_decimals(stated, 2))
    if v is None or v.ok:
        return []
    return [finding(ctx, RULE_ID, ctx.msg(
        RULE_ID, "rate_score", form=form.index + 1, line=line.line, weight=fmt(weight), rate=fmt(rate.value, 4),
        source=source, **diff_fields(v)), v, ev, severity=conf.get("rate_score_severity"))]


def _score_weight(ctx: Ctx, form: Form, i: int, ind) -> list[Finding]:
    if not (finite(ind.score) and finite(ind.weight)):
        return []
    slack = ctx.eps * max(1.0, abs(ind.weight))
    if ind.score <= ind.weight + slack:
        return []
    return [finding(ctx, RULE_ID, ctx.msg(
        RULE_ID, "over_weight", form=form.index + 1, name=ind.name, score=fmt(ind.score),
        weight=fmt(ind.weight)), evidence=[ev_indicator(form, i, ind)], expected=float(ind.weight),
        actual=float(ind.score), difference=float(ind.score - ind.weight))]


def _full_points_missed(ctx: Ctx, conf: dict) -> list[Finding]:
    """An indicator whose actual misses its target, scored its full weight."""
    out = []
    for m in missed_indicators(ctx):
        ind = m.indicator
        if not (finite(ind.weight) and finite(ind.score)) or ind.weight <= 0 or ind.score < ind.weight:
            continue
        out.append(finding(ctx, RULE_ID, ctx.msg(
            RULE_ID, "full_points_missed", form=m.form.index + 1, name=ind.name,
            target=ind.target_text or fmt(m.target), actual=ind.actual_text or fmt(m.actual),
            score=fmt(ind.score), weight=fmt(ind.weight)),
            evidence=[*m.evidence, ev_indicator(m.form, m.index, ind)], severity=conf.get("full_points_severity"),
            expected=None, actual=float(ind.score)))
    return out


def _rate_indicator(ctx: Ctx, form: Form, i: int, ind, conf: dict) -> list[Finding]:
    """An indicator that is a rate of the form's own figures (``rate_indicators``: 到位率 = received ÷
    planned) scored above 分值 × min(rate, 1) by more than half a unit of its score."""
    if not (finite(ind.weight) and finite(ind.score)) or ind.weight <= 0 or not ind.name:
        return []
    name = "".join(ind.name.split())
    spec = next((r for r in conf.get("rate_indicators", []) if r.regex.fullmatch(name)), None)
    if spec is None:
        return []
    values = [v for v in form.values or [] if v.period != "prior" and finite(v.value)]
    num = next((v for v in values if v.role == spec["numerator"]), None)
    den = next((v for v in values if v.role == spec["denominator"]), None)
    if num is None or den is None or den.value <= 0 or num.value < 0:
        return []
    rate = num.value / den.value
    computed = float(ind.weight) * min(rate, 1.0)
    stated = ctx.q_value(ind.score, ind.start, ind.end, unit=SCORE)
    if ind.score <= computed + stated.half + ctx.eps * max(1.0, float(ind.weight)):
        return []
    ev_value = [{"type": "form_value", "form": form.index, "start": v.start, "end": v.end, "label": v.label or v.line,
                 "block": v.block, "line": v.line, "role": v.role,
                 **({"raw": ctx.text[v.start:v.end]} if finite(v.start) and finite(v.end) else {})} for v in (num, den)]
    return [finding(ctx, RULE_ID, ctx.msg(
        RULE_ID, "rate_indicator", form=form.index + 1, name=ind.name, score=fmt(ind.score), weight=fmt(ind.weight),
        numerator=num.label or ctx.label(f"column.{num.role}"), num=fmt(num.value),
        denominator=den.label or ctx.label(f"column.{den.role}"), den=fmt(den.value), rate=fmt(rate * 100, 1),
        computed=fmt(computed, 2)), evidence=[ev_indicator(form, i, ind), *ev_value],
        severity=conf.get("rate_indicator_severity", "warning"), expected=round(computed, 2),
        actual=float(ind.score), difference=round(float(ind.score) - computed, 2))]
