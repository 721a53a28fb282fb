"""A department's income and spending stated in a two-column table under the table's money unit
(scripts/synth_budget_tables.py): every layout × unit statement × label set reads every figure, and
the table's rows are no projects."""
import pytest

from .conftest import built_text, load_script

synth = load_script("synth_budget_tables")
CASES = [pytest.param(text, want, id=f"{layout}-{unit}-{labels}") for layout, unit, labels, text, want in synth.family()]


@pytest.mark.parametrize("text, want", CASES)
def test_budget_table_rows_read_under_the_tables_unit(text, want):
    report = built_text(text)
    got = {f.key: f.value for f in report.facts}
    assert {k: got.get(k) for k in want} == pytest.approx(want)
    assert report.projects == []  # 收入合计, 基本支出…: a budget table's rows, not projects
    # the family's figures hold (支出合计 = 基本支出 + 项目支出, 基本支出 = 人员经费 + 公用经费): no arithmetic finding
    assert not [f for f in report.findings if f.rule == "sum_mismatch"]


def test_a_tables_total_that_its_rows_do_not_make_is_a_finding():
    # 支出合计 1180.20 against 基本支出 790.00 + 项目支出 380.20 = 1170.20: the check reads the table's rows
    text = _department("单位:万元\n支出合计 | 1180.20\n基本支出 | 790.00\n项目支出 | 380.20")
    found = [(f.rule, f.severity, f.expected, f.actual) for f in built_text(text).findings if f.rule == "sum_mismatch"]
    assert found == [("sum_mismatch", "error", 1170.2, 1180.2)]  # expected: the parts; actual: the stated total


def _department(body: str) -> str:
    return "某县农业农村局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n" + body + "\n二、绩效目标完成情况\n"


def test_a_table_value_carries_its_provenance():
    text = _department("单位:万元\n收入合计 | 1250.30\n财政拨款收入 | 1150.00")
    report = built_text(text)
    fact = next(f for f in report.facts if f.key == "total_income")
    # a bare cell is no mention of the recognizer: the fact's span runs from its label to its value
    assert report.text[fact.start:fact.end] == "收入合计 | 1250.30" and fact.source == "table"


def test_a_unit_above_a_sentence_is_not_the_tables():
    # the unit statement belongs to the sentence's figures; the rows after the sentence's end state none
    text = _department("单位:万元。本年度收支平衡。\n收入合计 | 1250.30\n支出合计 | 1180.20")
    got = {f.key for f in built_text(text).facts}
    assert not {"total_income", "total_expenditure"} & got


def test_a_project_report_does_not_read_a_departments_rows():
    text = ("某县农业农村局2023年度农村公路养护项目支出绩效自评报告\n一、项目基本情况\n单位:万元\n"
            "收入合计 | 1250.30\n支出合计 | 1180.20\n二、绩效目标完成情况\n")
    got = {f.key for f in built_text(text).facts}
    assert not {"total_income", "total_expenditure"} & got


def test_a_project_table_under_a_unit_still_lists_its_projects():
    text = ("某县交通运输局2023年度项目支出绩效自评报告\n一、项目基本情况\n单位:万元\n项目名称 | 执行数\n"
            "城区道路维修项目 | 78\n公园绿化提升项目 | 50\n二、绩效目标完成情况\n")
    assert [(p.name, p.amount) for p in built_text(text).projects] == [("城区道路维修项目", 78), ("公园绿化提升项目", 50)]


def test_a_table_of_several_value_columns():
    # (round 21, was a strict xfail) the header names the columns: this year's actual one is the total's (grid.py)
    text = _department("单位:万元\n项目 | 年初预算数 | 全年预算数 | 全年决算数\n收入合计 | 1200.5 | 1250.3 | 1250.3\n"
                       "支出合计 | 1200.5 | 1250.3 | 1180.2")
    got = {f.key: f.value for f in built_text(text).facts}
    assert got.get("total_income") == 1250.3 and got.get("total_expenditure") == 1180.2
