"""The money of a single project report's one project, and the fact the projects stage adds.

A single project's amount (single.py asks in this order): the executed amount the facts stage
read (executed_amount), else the amount its stated 执行率 says was spent (rate_spent_amount), else
the money allotted right after its name (allotted_amount, named_amount).

The gold conventions hold a project report's budget_executed equal to its one project's amount
whenever both are stated (59 of 59 single-project reports of the tuning sets). The facts stage
reads budget_executed from labels it knows (全年执行数, 实际支出…); the projects stage also takes a
project's amount from a spending label of its own vocabulary ([labels.class] executed and spent:
已拨付, 发放…, 资金使用) or from the amount its stated 执行率 says was spent. When the facts
stage found no budget_executed, that amount is it, with its mention's span and the rule that read
it (``projects:spent_fact``). A budget or an allotment taken as the project's amount is none, and
so is a figure the facts stage read and set aside (last year's, a target's, a part's).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from ...model import Fact, Report
from ..facts import money_doubt
from .amounts import amount_class, clause_prefix
from .vocabulary import vocab


def spent_facts(report: Report) -> list[Fact]:
    """[the budget_executed fact of the report's one project's spent amount], or [] (a report of
    another kind, several projects, a budget_executed already read, an amount not spent)."""
    if report.report_kind != "project" or len(report.projects) != 1:
        return []
    if any(f.key == "budget_executed" for f in report.facts):
        return []
    p = report.projects[0]
    i = p.amount_mention
    if i is None or p.amount is None or not 0 <= i < len(report.mentions):
        return []
    m = report.mentions[i]
    if m.kind != "amount" or m.value is None or m.start is None:
        return []
    if amount_class(report, i) not in vocab().spending_classes and i != rate_spent_amount(report):
        return []
    if any(c.mention == i for c in report.fact_candidates) or money_doubt(report, m.start):
        return []  # the facts stage set it aside or would (last year's, a target, a plan, a part)
    label = clause_prefix(report.text, m.start, vocab().window).strip() or None
    return [Fact(key="budget_executed", value=m.value, unit="万元", mention=i, section=m.section,
                 label=label, start=m.start, end=m.end, rule_id="projects:spent_fact", source="prose", page=m.page)]


def allotted_amount(report: Report, at: int | None) -> int | None:
    """Index of the amount right after a subject's name (at most a few characters on, in its clause)."""
    if at is None:
        return None
    for i, m in enumerate(report.mentions):
        if m.kind == "amount" and m.value is not None and at <= m.start <= at + _ALLOTTED_REACH:
            if not any(ch in vocab().clause_end for ch in report.text[at:m.start]):
                return i
    return None


def named_amount(report: Report, name: str) -> int | None:
    """Index of the first amount the text binds to the project's name: right after one of its
    mentions, only a fund word or a connector between ([title.bound_between]: "下达高标准农田建设资金85万元";
    not a share, "X中央补助60万元"); None when no mention of the name has one."""
    v, text = vocab(), report.text
    # "X经费项目" is as often written "X经费" beside its money ([title.bare_project_word])
    bare = v.title_bare_project_word.search(name)
    for form in [name] + ([name[: bare.start()]] if bare else []):
        i = text.find(form)
        while i >= 0:
            found = allotted_amount(report, i + len(form))
            if found is not None and v.title_bound_between.fullmatch(text[i + len(form):report.mentions[found].start]):
                return found
            i = text.find(form, i + 1)
    return None


_ALLOTTED_REACH = 6  # characters between a name and its allotted amount ("经费", "资金共计")


def executed_amount(report: Report) -> tuple[float | None, int | None]:
    """The report's executed amount as the facts stage read it (全年执行数, 实际支出, 已拨付…万元
    beside its 执行率, a form's total line), with its mention: a single project's amount."""
    fact = next((f for f in report.facts if f.key == "budget_executed" and not f.derived), None)
    if fact is None:
        return None, None
    return fact.value, fact.mention


_RATE_SLACK = 0.01  # percentage points a stated 执行率 may differ from spent ÷ budget by rounding


def rate_spent_amount(report: Report) -> int | None:
    """Index of the amount the report's stated 执行率 says was spent: with no executed figure
    labelled, the one amount that is that share of another amount it states ("收到…118.92万元,
    全年发放108.61万元…执行率91.33%": 108.61 ÷ 118.92 = 91.33%). None when the rate is 100% or
    more (spent and budget alike), absent, or when several amounts fit."""
    rate = next((f.value for f in report.facts if f.key == "execution_rate" and not f.derived), None)
    if rate is None or not 0 < rate < 100:
        return None
    amounts = [(i, m) for i, m in enumerate(report.mentions) if m.kind == "amount" and m.value and not m.comparator]
    values = sorted({m.value for _, m in amounts})
    fits = set()
    for j, b in amounts:  # a budget a with b ÷ a within the slack of the rate, found by bisection
        lo = bisect_left(values, b.value * 100 / (rate + _RATE_SLACK))
        hi = bisect_right(values, b.value * 100 / (rate - _RATE_SLACK))
        if any(a > b.value for a in values[lo:hi]):
            fits.add(j)
    if len({report.mentions[j].value for j in fits}) != 1:
        return None
    return min(fits, key=lambda j: report.mentions[j].start)


_SUM_SLACK = 0.005  # 万元 a list of parts may differ from its whole by rounding
_MIN_PARTS = 3  # amounts a list of spending parts holds, the executed one first


def parts_whole(report: Report, i: int | None) -> int | None:
    """Index of the amount a list of spending parts adds up to, when the executed amount ``i`` is
    only the first part: "2018年累计支出防火物资采购9.50万元,森林防火宣传资料印刷费用7.75万元,扑火队员
    开支30.75万元" (9.50 + 7.75 + 30.75 = the 48万元 allotted and "全部拨款到位" elsewhere, heldout5
    r024). The amounts from ``i`` to the sentence's end, at least ``_MIN_PARTS`` of them, must add up
    to one other amount the text states; None otherwise."""
    if i is None or not 0 <= i < len(report.mentions):
        return None
    v, text, mentions = vocab(), report.text, report.mentions
    first = mentions[i]
    if first.kind != "amount" or first.value is None or first.start is None:
        return None
    end = first.end
    while end < len(text) and text[end] not in v.sentence_end:
        end += 1
    parts = [m for m in mentions[i:] if m.kind == "amount" and m.value is not None and m.start is not None
             and first.start <= m.start < end]
    if len(parts) < _MIN_PARTS or any(m.comparator for m in parts):
        return None
    total = sum(m.value for m in parts)
    wholes = [k for k, m in enumerate(mentions) if m.kind == "amount" and m.value is not None
              and m.start is not None and not (first.start <= m.start < end) and abs(m.value - total) <= _SUM_SLACK]
    return wholes[0] if wholes else None
