"""Budget execution: the balance left (``balance_mismatch``: budget + adjustment − spent) and the
execution rate (``execution_rate_mismatch``: executed / budget × 100), of the report, its project
groups and its 自评表 budget lines."""
from __future__ import annotations

from ..model import Finding, Form, ProjectGroup
from .context import MONEY, PERCENT, Ctx, diff_fields, ev_form_line, evidence, finding, guarded, rule, rule_config
from .tolerance import Q, best_failure, finite, fmt, judge, ratio_decimals, sum_decimals


def balance_of(ivs):
    """The computation of a balance: the first interval less the others' sum (budget − spent)."""
    out = ivs[0]
    for iv in ivs[1:]:
        out = out - iv
    return out


def group_balance_of(ivs):
    """A group's balance from (budget, adjustment, spent): budget + adjustment − spent."""
    budget, adjustment, spent = ivs
    return budget + adjustment - spent


def rate_of(ivs):
    """The computation of an execution rate from (executed, budget): executed / budget, in percent."""
    executed, budget = ivs
    ratio = executed.div(budget)
    return None if ratio is None else ratio.scale(100.0)


def budget_candidates(ctx: Ctx, anchor: Q, conf: dict) -> list[tuple[Q, str]]:
    """Budgets near ``anchor``: the full-year budget, else the initial one."""
    full = ctx.near_or_restated(anchor, "budget_full_year", conf)
    if full:
        return [(q, "budget_full_year") for q in full]
    return [(q, "budget_initial") for q in ctx.near_or_restated(anchor, "budget_initial", conf)]


# ----------------------------------------------------------------------------- balances
@rule("balance_mismatch")
def balance_mismatch(ctx: Ctx) -> list[Finding]:
    """Balances (结余结转) that are not budget + adjustment − spent (groups) or budget − executed."""
    conf = rule_config("balance_mismatch")
    out = []
    for g in ctx.report.project_groups or []:
        out += guarded("balance_mismatch", _balance_group, ctx, g)
    out += guarded("balance_mismatch", _balance_report, ctx, conf)
    return out


def _balance_group(ctx: Ctx, g: ProjectGroup) -> list[Finding]:
    if not isinstance(g, ProjectGroup) or not all(finite(x) for x in (g.budget, g.spent, g.balance)):
        return []
    ev = [ctx.ev_group(g)]
    budget = ctx.q_value(g.budget, g.start, g.end)
    adjustment = ctx.q_value(g.adjustment if finite(g.adjustment) else 0.0, g.start, g.end)
    spent = ctx.q_value(g.spent, g.start, g.end)
    balance = ctx.q_value(g.balance, g.start, g.end, evidence=ev)
    if not finite(g.adjustment):
        adjustment.half, adjustment.round, adjustment.decimals = 0.0, False, None
    parts = [budget, adjustment, spent]
    v = judge(balance, parts, group_balance_of, ctx.eps, sum_decimals(balance, *parts))
    if v is None or v.ok:
        return []
    return [finding(ctx, "balance_mismatch", ctx.msg(
        "balance_mismatch", "group", group=g.label, budget=fmt(budget.value), adjustment=fmt(adjustment.value),
        spent=fmt(spent.value), **diff_fields(v)), v, ev)]


def _balance_report(ctx: Ctx, conf: dict) -> list[Finding]:
    out = []
    for bal in ctx.qs("balance", True):
        budgets, executed = budget_candidates(ctx, bal, conf), ctx.near(bal, ctx.qs("budget_executed"), conf)

        def verdicts():
            for (budget, bkey), ex in ctx.combos([budgets, executed]):
                if not ctx.within([budget, ex], conf.get("max_distance", 0)):
                    continue
                yield judge(bal, [budget, ex], balance_of, ctx.eps, sum_decimals(bal, budget, ex)), (budget, bkey, ex)

        failed = best_failure(verdicts())
        if failed:
            v, (budget, bkey, ex) = failed
            out.append(finding(ctx, "balance_mismatch", ctx.msg(
                "balance_mismatch", "report", budget_label=ctx.label(bkey), budget=fmt(budget.value),
                executed_label=ctx.label("budget_executed"), executed=fmt(ex.value), **diff_fields(v)),
                v, evidence(bal, budget, ex)))
    return out


# ----------------------------------------------------------------------------- execution rates
@rule("execution_rate_mismatch")
def execution_rate_mismatch(ctx: Ctx) -> list[Finding]:
    """Execution rates (of the report, of each 自评表 budget line) that are not executed / budget × 100."""
    conf = rule_config("execution_rate_mismatch")
    out = guarded("execution_rate_mismatch", _execution_report, ctx, conf)
    out += guarded("execution_rate_mismatch", _execution_prose, ctx, conf)
    for form in ctx.report.forms or []:
        judged = set()  # a 其中 line restating the total's figures is judged once, with the total
        for i, line in enumerate(getattr(form, "budget_lines", None) or []):
            key = (line.budget_initial, line.budget_full_year, line.executed, line.execution_rate)
            if key in judged:
                continue
            judged.add(key)
            out += guarded("execution_rate_mismatch", _execution_line, ctx, form, i, line, conf)
    return out


def _rate_ok_capped(conf: dict, stated: Q, computed: float) -> bool:
    """A rate written as 100% when more than the budget was spent (forms cap it)."""
    return bool(conf.get("allow_cap_at_100", True)) and computed >= 100 and abs(stated.value - 100) <= stated.half


def _execution_report(ctx: Ctx, conf: dict) -> list[Finding]:
    out = []
    for rate in ctx.qs("execution_rate", True):
        budgets, executed = budget_candidates(ctx, rate, conf), ctx.near(rate, ctx.qs("budget_executed"), conf)

        def verdicts():
            for (budget, bkey), ex in ctx.combos([budgets, executed]):
                if not ctx.within([budget, ex], conf.get("max_distance", 0)):
                    continue
                v = judge(rate, [ex, budget], rate_of, ctx.eps, ratio_decimals(rate))
                if v is None:
                    continue
                if not v.ok and _rate_ok_capped(conf, rate, v.expected):
                    v.ok = True
                yield v, (budget, bkey, ex)

        failed = best_failure(verdicts())
        if failed:
            v, (budget, bkey, ex) = failed
            out.append(finding(ctx, "execution_rate_mismatch", ctx.msg(
                "execution_rate_mismatch", "report", executed_label=ctx.label("budget_executed"),
                executed=fmt(ex.value), budget_label=ctx.label(bkey), budget=fmt(budget.value),
                **diff_fields(v, 4)), v, evidence(rate, budget, ex)))
    return out


def _execution_line(ctx: Ctx, form: Form, i: int, line, conf: dict) -> list[Finding]:
    # the full-year budget, else the initial one (a form whose 执行率 is B/A over 年初预算数(A))
    budget_value = line.budget_full_year if finite(line.budget_full_year) else line.budget_initial
    if not all(finite(x) for x in (line.execution_rate, line.executed, budget_value)):
        return []
    ev = [ev_form_line(line, i)]
    rate = ctx.q_value(line.execution_rate, line.start, line.end, evidence=ev, unit=PERCENT)
    ex = ctx.q_value(line.executed, line.start, line.end)
    budget = ctx.q_value(budget_value, line.start, line.end)
    v = judge(rate, [ex, budget], rate_of, ctx.eps, ratio_decimals(rate))
    if v is None or v.ok or _rate_ok_capped(conf, rate, v.expected):
        return []
    # 执行率 written as a fraction (1.00 for 100%) is the same rate
    if rate.value <= 1.5:
        as_percent = Q(rate.value * 100, rate.half * 100)
        fraction = judge(as_percent, [ex, budget], rate_of, ctx.eps)
        if fraction is not None and fraction.ok:
            return []
    return [finding(ctx, "execution_rate_mismatch", ctx.msg(
        "execution_rate_mismatch", "form", form=form.index + 1, line=line.line, executed=fmt(ex.value),
        budget_label=ctx.label("budget_full_year" if finite(line.budget_full_year) else "budget_initial"),
        budget=fmt(budget.value), **diff_fields(v, 4)), v, ev)]


# ----------------------------------------------------------------------------- rates in one sentence
def paid_share_of(ivs):
    """A rate from (spent, unspent): spent / (spent + unspent), in percent."""
    spent, unspent = ivs
    ratio = spent.div(spent + unspent)
    return None if ratio is None else ratio.scale(100.0)


def _sentence(text: str, pos: int, stops: str) -> tuple[int, int]:
    start = max(text.rfind(c, 0, pos) for c in stops) + 1
    ends = [e for e in (text.find(c, pos) for c in stops) if e >= 0]
    return start, min(ends, default=len(text))


def _rate_cases(ctx: Ctx, prose: dict, money: list, s: int, e: int, lead_chars: int, spent_elsewhere=(),
                budget_elsewhere=()) -> list:
    """(computation, amounts, kind) for the money of text[s:e] by role: spent ÷ (spent + unspent) and
    spent ÷ budget, each amount's role read from the words right before it. A sentence that gives
    budgets and no spending is judged against ``spent_elsewhere`` (the report's one executed amount,
    stated in another paragraph: "预算金额54.41万元,预算下达54万元,预算执行率99.25%" … "实际执行43.65万元");
    one that gives spending and no budget, against ``budget_elsewhere`` (the report's one budget:
    "项目预算金额2399万元" … "已拨付资金1677.26万元,资金使用率70.29%")."""
    roles: dict[str, list] = {"budget": [], "spent": [], "unspent": []}
    prev_end, unknown = s, 0
    for j, mm in money:
        if not (s <= mm.start and mm.end <= e):
            continue
        lead = ctx.text[max(prev_end, mm.start - lead_chars):mm.start]
        prev_end = mm.end
        role = next((r for r in ("unspent", "budget", "spent") if prose[f"{r}_label"].regex.search(lead)), None)
        unknown += role is None
        if role:
            ev = {"type": "mention", "index": j, "start": mm.start, "end": mm.end, "raw": mm.raw}
            roles[role].append(ctx.q_value(mm.value, mention=j, evidence=[ev]))
    spent_here = bool(roles["spent"])
    if not roles["spent"] and not roles["unspent"] and not unknown:  # budgets only, and another amount
        roles["spent"] = [q for q in spent_elsewhere if all(abs(q.value - b.value) > 1e-9 for b in roles["budget"])]
    far = []
    if spent_here and not roles["budget"] and not roles["unspent"] and not unknown:  # spending only
        far = [(rate_of, [sp, b], "budget_far") for sp in roles["spent"] for b in budget_elsewhere
               if abs(b.value - sp.value) > 1e-9]
    cases = [(paid_share_of, [sp, un], "unspent") for sp in roles["spent"] for un in roles["unspent"]]
    return cases + [(rate_of, [sp, b], "budget") for sp in roles["spent"] for b in roles["budget"]] + far


def _execution_prose(ctx: Ctx, conf: dict) -> list[Finding]:
    """A rate stated in a sentence (支付率95%) against the amounts the same sentence gives: spent ÷
    budget, or spent ÷ (spent + unspent) ("资金支付18501.096万元,未支703万元,支付率95%"). Rates the
    report's facts already judge (an execution_rate fact, an executed amount and a budget) are left to them."""
    prose = conf.get("prose", {})
    if not prose:
        return []
    mentions = ctx.report.mentions or []
    judged = set()
    if ctx.qs("budget_executed") and (ctx.qs("budget_full_year") or ctx.qs("budget_initial")):
        # the facts judge these rates; with no budget fact they cannot (预算金额 is no canonical label)
        judged = {f.mention for _, f in ctx.facts.get("execution_rate", [])}
    stops, lead_chars = prose.get("sentence_stops", "。\n"), int(prose.get("lead_chars", 16))
    period_stops = prose.get("period_stops", "。\n")
    executed = ctx.qs("budget_executed", True)
    elsewhere = executed if len(executed) == 1 and not judged else []  # the report's one executed amount
    money = [(j, m) for j, m in enumerate(mentions) if m.unit == MONEY and finite(m.value) and not m.approx]
    budgets = _one_budget(ctx, prose, money, lead_chars) if not judged else []
    out = []
    for i, m in enumerate(mentions):
        if m.unit != PERCENT or not finite(m.value) or m.approx or i in judged:
            continue
        if not prose["rate_label"].regex.search(ctx.text[max(0, m.start - lead_chars):m.start]):
            continue
        s, e = _sentence(ctx.text, m.start, stops)
        period, _ = _sentence(ctx.text, m.start, period_stops)
        # the amounts of this rate: after the sentence's previous rate (渠县: 到位率100%, …使用率100%;
        # …使用334896元,资金使用率83.72%), up to the next one
        s = max([s] + [p.end for p in mentions if p.unit == PERCENT and s <= p.end <= m.start and p is not m])
        e = min([e] + [p.start for p in mentions if p.unit == PERCENT and m.end <= p.start < e])
        cases = _rate_cases(ctx, prose, money, s, e, lead_chars,
                            [q for q in elsewhere if q.pos is None or not s <= q.pos < e],
                            # the report's budget from another sentence: one stated in this sentence,
                            # before rates of its parts, is the whole's (渠县: 下达42万元,…使用率100%;
                            # 薅草锣鼓…使用334896元,资金使用率83.72%), no base of this rate
                            [q for q in budgets if q.pos is None or not period <= q.pos < e])
        if not cases and s > 0 and ctx.text[s - 1] in stops.replace("\n", ""):
            # a rate opening its sentence speaks of the sentence before, on the same line, when that
            # one states no rate of its own ("到位2399万元,已使用1651.53万元。资金使用率69.21%")
            before, _ = _sentence(ctx.text, s - 1, stops)
            if not any(p.unit == PERCENT and before <= p.start < s for p in mentions):
                cases = _rate_cases(ctx, prose, money, before, e, lead_chars)
        if not cases:
            continue
        ev = {"type": "mention", "index": i, "start": m.start, "end": m.end, "raw": m.raw}
        rate = ctx.q_value(m.value, mention=i, evidence=[ev], unit=PERCENT)

        def verdicts():
            for fn, qs, kind in cases[:ctx.max_combos]:
                v = judge(rate, qs, fn, ctx.eps, ratio_decimals(rate))
                if v is None:
                    continue
                if not v.ok and kind == "budget_far" and _explained(ctx, rate, qs[0], money):
                    continue  # a budget from another sentence is a guess: any stated base that fits wins
                if not v.ok and _rate_ok_capped(conf, rate, v.expected):
                    v.ok = True
                yield v, (qs, kind)

        failed = best_failure(verdicts())
        if failed:
            v, (qs, kind) = failed
            out.append(finding(ctx, "execution_rate_mismatch", ctx.msg(
                "execution_rate_mismatch", "prose_budget" if kind == "budget_far" else f"prose_{kind}", spent=fmt(qs[0].value), other=fmt(qs[1].value),
                **diff_fields(v, 4)), v, evidence(rate, *qs)))
    return out


def _one_budget(ctx: Ctx, prose: dict, money: list, lead_chars: int) -> list[Q]:
    """The report's one budget, for a rate whose sentence states only what was spent: its budget
    facts (full-year, else initial) when they agree on one value, else the one value that the
    prose's budget words label ("项目预算金额2399万元"). Several budgets are no base: [] then."""
    for key in ("budget_full_year", "budget_initial"):
        qs = ctx.qs(key, True)
        if qs:
            return qs if len({round(q.value, 6) for q in qs}) == 1 else []
    labelled = []
    for j, mm in money:
        lead = ctx.text[max(0, mm.start - lead_chars):mm.start]
        if prose["budget_label"].regex.search(lead):
            ev = {"type": "mention", "index": j, "start": mm.start, "end": mm.end, "raw": mm.raw}
            labelled.append(ctx.q_value(mm.value, mention=j, evidence=[ev]))
    return labelled if len({round(q.value, 6) for q in labelled}) == 1 else []


def _explained(ctx: Ctx, rate: Q, spent: Q, money: list) -> bool:
    """Whether some amount the report states is the base of ``rate`` for ``spent`` (a part's own
    allotment: 薅草锣鼓 40万元 of the 42 下达, pool p0124)."""
    for j, mm in money:
        if abs(mm.value - spent.value) <= 1e-9:
            continue
        v = judge(rate, [spent, ctx.q_value(mm.value, mention=j)], rate_of, ctx.eps, ratio_decimals(rate))
        if v is not None and v.ok:
            return True
    return False
