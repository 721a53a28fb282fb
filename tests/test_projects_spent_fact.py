"""A single project report's spent amount, read by the projects stage only, is its budget_executed
(the gold conventions: a project report's budget_executed equals its one project's amount whenever
both are stated, 59 of 59 in the tuning sets); an allotment or a budget is none."""
from .conftest import built_text

TITLE = "某县人社局2023年度就业补助资金项目支出绩效自评报告\n一、项目基本情况\n"
CLOSE = "\n二、绩效目标完成情况\n"


def executed(body: str) -> list[tuple[float, str]]:
    report = built_text(TITLE + body + CLOSE)
    return [(f.value, f.rule_id) for f in report.facts if f.key == "budget_executed"], report


def test_spent_by_the_rate_it_states_is_the_executed_fact_with_its_span():
    facts, report = executed("收到上级下达困难群众救助补助资金118.92万元,全年使用108.61万元,执行率91.33%。")
    assert facts == [(108.61, "projects:spent_fact")]
    fact = next(f for f in report.facts if f.key == "budget_executed")
    assert report.text[fact.start:fact.end] == "108.61万元" and fact.mention is not None


def test_a_spending_label_only_the_projects_stage_knows():
    assert executed("下达农村公路养护资金85万元,资金使用85万元。")[0] == [(85.0, "projects:spent_fact")]


def test_an_allotment_is_no_executed_amount():
    facts, report = executed("2023年中央财政下达就业补助资金692.98万元,已按进度拨付用于职业培训补贴等。")
    assert facts == [] and [p.amount for p in report.projects] == [692.98]


def test_a_label_the_facts_stage_read_is_not_doubled():
    facts, _ = executed("项目总投资120万元,累计支付资金96.5万元,项目已完工。")
    assert [v for v, _ in facts] == [96.5] and all(r != "projects:spent_fact" for _, r in facts)
