"""The execution-rate and balance checks on prose, crossed by the words a report states its figures with
(round 16): every budget label × every spending label, the rate label rotating, once with a rate the
figures give and once with one 15 points off; the check must flag the wrong rate and only it, and a rate
written at 0, 1 or 2 decimals of a ratio that does not end, in 万元 or 元, is never flagged. The same
for one fund's flow in one sentence (到位/下达 − spent = 结余/剩余/未支付)."""
import itertools

import pytest

from extractor.checks.runner import check_report

from .conftest import built_text

HEAD = "某县农业农村局2023年度农村公路养护项目支出绩效自评报告\n一、项目基本情况\n(一)资金使用情况\n"
TAIL = "二、绩效目标完成情况\n"
BUDGET = ["年初预算{b}万元", "全年预算数为{b}万元", "调整后预算{b}万元", "项目预算资金{b}万元", "下达资金{b}万元", "安排资金{b}万元", "批复预算{b}万元"]
SPENT = ["实际支出{e}万元", "全年执行数{e}万元", "已拨付{e}万元", "已支付{e}万元", "完成投资{e}万元", "使用资金{e}万元", "支出{e}万元"]
RATE = ["执行率{r}%", "预算执行率{r}%", "资金执行率为{r}%", "支出率{r}%", "资金支付率{r}%", "执行率达{r}%"]
CASES = [(b, e, RATE[k % len(RATE)]) for k, (b, e) in enumerate(itertools.product(BUDGET, SPENT))]


def _flagged(sentence: str) -> bool:
    report = built_text(HEAD + sentence + "\n" + TAIL)
    return any(f.rule == "execution_rate_mismatch" for f in check_report(report))


@pytest.mark.parametrize("budget, spent, rate", CASES)
def test_a_wrong_rate_is_flagged_whatever_the_labels(budget, spent, rate):
    figures = budget.format(b=100) + "," + spent.format(e=80) + ","
    assert _flagged(figures + rate.format(r=95) + "。")
    assert not _flagged(figures + rate.format(r=80) + "。")


@pytest.mark.parametrize("budget, spent", [(300, 200), (7, 6), (123.45, 98.76), (1500, 1499.5), (33.3, 11.1)])
@pytest.mark.parametrize("decimals", [0, 1, 2])
@pytest.mark.parametrize("unit", ["万元", "元"])
def test_a_rounded_rate_is_no_finding(budget, spent, decimals, unit):
    b, e = (f"{budget * 10000:.2f}", f"{spent * 10000:.2f}") if unit == "元" else (f"{budget:g}", f"{spent:g}")
    assert not _flagged(f"年初预算{b}{unit},实际支出{e}{unit},执行率{spent / budget * 100:.{decimals}f}%。")
    assert _flagged(f"年初预算{b}{unit},实际支出{e}{unit},执行率{spent / budget * 100 + 3:.{decimals}f}%。")


# one fund's flow in one sentence: what arrived (到位, 下达) − what was spent = what is left
RECEIVED = ["下达资金{b}万元", "到位资金{b}万元"]
SPENT_FLOW = ["实际支出{e}万元", "全年执行数{e}万元", "已拨付{e}万元", "已支付{e}万元", "完成投资{e}万元"]
LEFT = ["结余{x}万元", "结转结余{x}万元", "结余资金{x}万元", "剩余资金{x}万元", "未支付{x}万元", "尚未支付{x}万元"]


def _balance_flagged(sentence: str) -> bool:
    report = built_text(HEAD + sentence + "\n" + TAIL)
    return any(f.rule == "balance_mismatch" for f in check_report(report))


@pytest.mark.parametrize("received, spent, left", list(itertools.product(RECEIVED, SPENT_FLOW, LEFT)))
def test_a_wrong_balance_in_one_sentence_is_flagged_whatever_the_labels(received, spent, left):
    figures = received.format(b=100) + "," + spent.format(e=80) + ","
    assert _balance_flagged(figures + left.format(x=30) + "。")
    assert not _balance_flagged(figures + left.format(x=20) + "。")


@pytest.mark.parametrize("sentence", [
    "年初预算100万元,已拨付80万元,剩余资金30万元。",  # a budget, not what arrived: the balance may count against receipts
    "计划下达资金100万元,已拨付80万元,结余30万元。",  # a plan
    "下达资金100万元,累计拨付80万元,结余30万元。",  # a cumulative figure
])
def test_a_flow_whose_base_is_no_receipt_is_not_judged(sentence):
    assert not _balance_flagged(sentence)
