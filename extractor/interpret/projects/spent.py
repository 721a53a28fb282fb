"""The executed amount a single project report states only through its project: the fact the
projects stage adds.

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

from ...model import Fact, Report
from ..facts import money_doubt
from .amounts import amount_class, clause_prefix
from .single import rate_spent_amount
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
