"""One synthetic 项目支出绩效自评表 (known truth) in every flattening of bench/form_family.py: each
flattening keeps the figures, so each must read like the pipe-joined original — the form's budget
facts and its project with the executed amount."""
from __future__ import annotations

import re

import pytest

from .conftest import load_script

family = load_script("form_family", "bench")

SEEDS = range(4)


@pytest.mark.parametrize("name", sorted(family.FLATTENINGS))
def test_budget_facts_read_in_every_flattening(name):
    for seed in SEEDS:
        text = family.synth_form(seed)
        want = family.truth(text)
        report = family.read(family.FLATTENINGS[name](text))
        facts = {f.key: f.value for f in report.facts}
        for key in family.FIELDS:
            assert family.close(facts.get(key), want[key]), (name, seed, key, facts.get(key), want[key])


def _project_right(name: str, seed: int) -> bool:
    text = family.synth_form(seed)
    want = family.truth(text)
    report = family.read(family.FLATTENINGS[name](text))
    return any(p.name == want["project"] and family.close(p.amount, want["budget_executed"]) for p in report.projects)


@pytest.mark.parametrize("name", sorted(family.FLATTENINGS))
def test_project_and_its_executed_amount_in_every_flattening(name):
    """With the budget block written as prose ("label → value pairs") the form gives no budget line:
    the report's executed amount (read from the prose) is its one project's."""
    assert all(_project_right(name, seed) for seed in SEEDS)


def test_a_flattening_that_loses_the_total_is_noticed():
    """The measure can fail: with the total row's figures blanked, the facts are not read."""
    text = family.synth_form(0)
    want = family.truth(text)
    lines = [line if "年度资金总额" not in line else "| 年度资金总额 | | | | | |" for line in text.splitlines()]
    report = family.read("\n".join(lines))
    facts = {f.key: f.value for f in report.facts}
    assert not family.close(facts.get("budget_executed"), want["budget_executed"])


HUBEI_OCR = ("2021年度财政项目绩效自评表单位名称:某某市中心医院填报日期:2022年3月18日项目名称院区建设补助"
             "主管部门某某市卫生健康委项目实施单位某某市中心医院预算执行情况(万元)(20分)预算数(A)执行数(B)"
             "执行率(B/A{close}得分(20分*执行率)年度财政资金总额{run}度效标80\n")


@pytest.mark.parametrize("close, run, want", [
    (")", "10001000100%20", (1000, 1000, 100)),
    ("1", "10001000100%20", (1000, 1000, 100)),  # the closing bracket an OCR read as 1
    (")", "1.561.56120", (1.56, 1.56, 100)),  # the rate a ratio (1), no percent sign
])
def test_ocr_glued_hubei_form(close, run, want):
    """The 湖北 财政项目绩效自评表 an OCR glued into one line (doc-sharing sites): its budget line read."""
    report = family.read(HUBEI_OCR.format(close=close, run=run))
    facts = {f.key: f.value for f in report.facts}
    assert (facts.get("budget_full_year"), facts.get("budget_executed"), facts.get("execution_rate")) == want
    assert [(p.name, p.amount) for p in report.projects] == [("院区建设补助", want[1])]


@pytest.mark.parametrize("name", sorted(family.INDICATOR_FLATTENINGS))
def test_indicator_rows_read_whole_in_every_flattening(name):
    """Each indicator row (三级指标, 年度指标值, 实际完成值, 分值, 得分) is read whole in every flattening,
    the rows written in two passes too (names numbered as the national template prints them)."""
    for seed in SEEDS:
        text = family.synth_form(seed)
        want = family.indicator_truth(text)
        report = family.read(family.INDICATOR_FLATTENINGS[name](text))
        assert family.indicators_right(report, want) == len(want), (name, seed)


def test_two_passes_without_numbered_names_are_not_paired():
    """The measure can fail, and the pairing needs the template's numbers: the same two-pass layout
    with the numbers taken off the names reads no row whole."""
    text = family.synth_form(0)
    flat = re.sub(r"指标\d+:", "", family.two_passes(text))
    report = family.read(flat)
    assert family.indicators_right(report, family.indicator_truth(text)) < len(family.indicator_truth(text))


def test_counterexample_header_row_lost_under_another_title():
    """Rows are read in a template's column order only under that template's title: the same block
    without its header under a title no template with an indicator order has gives no indicator."""
    text = family.header_lost(family.synth_form(0)).replace("项目支出绩效自评表", "部门整体支出绩效自评表", 1)
    report = family.read(text)
    assert family.indicators_right(report, family.indicator_truth(family.synth_form(0))) == 0
