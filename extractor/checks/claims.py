"""A report's own claim of full completion against its own figures (``claim_contradicted``).

The claim is a phrase of the ``claim`` rule (按时保质保量完成项目绩效目标任务, 已全面拨付使用 …) or a
自评表 scored in full; the figures that contradict it are an execution rate below
``max_execution_rate`` (stated in a sentence, computed from a budget and what was spent of it
stated together, or a 自评表 budget line's) and the goals, indicators and prose targets that
``goal_not_met`` finds missed. The 2020 铁路沿线环境治理 report spends 5.00 of 15.00万元 yet
"按时保质保量完成项目绩效目标任务". One finding per report, its evidence the claim's span and the
contradicting spans.
"""
from __future__ import annotations

from ..model import Finding, Form
from .context import Ctx, as_written, ev_form_line, finding, rule, rule_config
from .doubt import document_starts, same_document
from .goals import goal_not_met
from .tolerance import finite, fmt

RULE_ID = "claim_contradicted"


def text_ev(m, group: int | str = 0) -> dict:
    """An evidence item for a span of the text a regex matched."""
    return {"type": "text", "start": m.start(group), "end": m.end(group), "label": m.group(group)}


def claims(ctx: Ctx, conf: dict) -> list[tuple[str, dict]]:
    """The report's claims of full completion: (what it claims, evidence), in text order."""
    out = [(m.group(), text_ev(m)) for m in conf["claim"].regex.finditer(ctx.text)]
    spans = [(f.start, f.end) for f in ctx.report.forms or [] if finite(f.start) and finite(f.end)]
    if "full_rate" in conf:  # a full execution rate stated in a sentence, not in a form's cells: a claim
        # of money spent, which only a lower execution rate contradicts (not a goal missed)
        out += [(m.group(), {**text_ev(m), "rate_claim": True}) for m in conf["full_rate"].regex.finditer(ctx.text)
                if not any(a <= m.start() < b for a, b in spans) and not part_rate(ctx, m, conf)]
        out.sort(key=lambda c: c[1]["start"])
    full = float(conf.get("full_score", 100))
    for form in ctx.report.forms or []:
        if isinstance(form, Form) and finite(form.total_score) and form.total_score >= full:
            out.append((ctx.msg(RULE_ID, "full_score", score=fmt(form.total_score)),
                        {"type": "form", "index": form.index, "start": form.start, "end": form.end,
                         "label": form.title or form.project_name}))
    return out


def part_rate(ctx: Ctx, m, conf: dict) -> bool:
    """Whether the full rate ``m`` is a part's: its sentence names parts or holds another rate (the
    ``part_cue`` rule on the sentence without the rate itself)."""
    cue = conf.get("part_cue")
    if cue is None:
        return False
    stops = conf.get("part_stops", "。；;\n")
    start = max(ctx.text.rfind(c, 0, m.start()) for c in stops) + 1
    ends = [e for e in (ctx.text.find(c, m.end()) for c in stops) if e >= 0]
    sentence = ctx.text[start:m.start()] + " " + ctx.text[m.end():min(ends, default=len(ctx.text))]
    return bool(cue.regex.search(sentence))


def low_execution(ctx: Ctx, conf: dict) -> list[tuple[str, dict]]:
    """Execution rates below ``max_execution_rate``: (what, evidence). A rate written inside a form read as
    one of its budget lines' is that line's (judged by ``total_lines``), not a sentence's."""
    limit = float(conf.get("max_execution_rate", 80))
    out = []
    forms = ctx.report.forms or []
    for m in conf["stated_rate"].regex.finditer(ctx.text):
        if float(m["rate"]) < limit and not any(line_rate(ctx, f, m.start(), float(m["rate"])) for f in forms):
            out.append((ctx.msg(RULE_ID, "stated_rate", text=m.group()), text_ev(m)))
    for m in conf["budget_spent"].regex.finditer(ctx.text):
        (_, budget), (_, spent) = ctx.money_at(m, "budget"), ctx.money_at(m, "spent")
        if budget is not None and spent is not None and budget.value > 0 and spent.value / budget.value * 100 < limit:
            rate = fmt(as_written(spent.value / budget.value * 100, 2), 2)
            out.append((ctx.msg(RULE_ID, "budget_spent", budget=budget.raw, spent=spent.raw, rate=rate),
                        text_ev(m)))
    for form in forms:
        for i, line in total_lines(form):
            rate = line.execution_rate
            if not finite(rate) and finite(line.executed) and finite(line.budget_full_year) and line.budget_full_year:
                rate = line.executed / line.budget_full_year * 100
            if finite(rate) and 0 <= rate < limit and (rate > 1.5 or rate == 0):  # 0.95 is a fraction, not 0.95%
                out.append((ctx.msg(RULE_ID, "form_rate", form=form.index + 1, line=line.line,
                                    rate=fmt(as_written(rate, 2), 2)), ev_form_line(line, i)))
    return out


def line_rate(ctx: Ctx, form, at: int, rate: float) -> bool:
    """Whether the rate written at ``at`` is a budget line's of ``form``: inside the form's span, one of
    its lines' rates, or in a line or clause (after the rate before it) that does not begin with a total
    line (上年结转资金:…执行率65.74%, a form's budget block written as label → value prose)."""
    if not (finite(form.start) and finite(form.end) and form.start <= at < form.end):
        return False
    if any(finite(ln.execution_rate) and abs(ln.execution_rate - rate) < 1e-6 for ln in form.budget_lines or []):
        return True
    lo = max(ctx.text.rfind(ch, form.start, at) for ch in "\n%。")  # the rate's own line or clause
    clause = ctx.text[lo + 1:at].lstrip(" |\t")
    return not rule_config("score_mismatch")["budget_score_line"].regex.search(clause)


def total_lines(form) -> list:
    """(index, line) of a form's budget lines whose execution rate is the form's: those of the
    ``score_mismatch.budget_score_line`` rule (年度资金总额, 合计) when the form has one, else every
    line. A 其中 line spent slowly (上年结转资金 at 65%) under a total at 92% contradicts no claim."""
    lines = list(enumerate(getattr(form, "budget_lines", None) or []))
    total_re = rule_config("score_mismatch")["budget_score_line"].regex
    totals = [(i, ln) for i, ln in lines if ln.line and total_re.search(ln.line)]
    return totals or lines


@rule(RULE_ID)
def claim_contradicted(ctx: Ctx) -> list[Finding]:
    """The first claim of full completion, with every figure of the report that contradicts it."""
    conf = rule_config(RULE_ID)
    said = claims(ctx, conf)
    if not said:
        return []
    rates = low_execution(ctx, conf)
    goals = [(ctx.msg(RULE_ID, "goal", message=f.message), contradicting(f)) for f in goal_not_met(ctx) if f.evidence]
    if not rates and not goals:
        return []
    # a claim is held against the figures of its own report (a text may hold a department's
    # report and its projects' reports after it)
    starts = [a for a in document_starts(ctx.text) if conf["report_title"].regex.match(ctx.text, a)]
    for claim, claim_ev in said:
        against = rates if claim_ev.pop("rate_claim", False) else rates + goals
        mine = [(w, e) for w, e in against if same_document(starts, claim_ev.get("start"), e.get("start"))]
        if mine:
            break
    else:
        return []
    against = mine
    sep = ctx.msg(RULE_ID, "separator")
    message = ctx.msg(RULE_ID, "claim", claim=claim, contradictions=sep.join(w for w, _ in against))
    return [finding(ctx, RULE_ID, message, evidence=[claim_ev, *(e for _, e in against)])]


def contradicting(f: Finding) -> dict:
    """The span of a goal finding that contradicts a claim: the actual cell, else its first item."""
    return next((e for e in f.evidence if e.get("cell") == "actual"), f.evidence[0])
