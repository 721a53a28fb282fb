"""A page's width may break a line inside a label or a decimal ("…2024年部门年初预" / "算1022.89万元", "全年执行数
1767." / "21万元"): the fact reads the same wherever the break falls in a page's line. A table flattened one cell
a line keeps its cells apart ("项目支出" / "合计" is a cell and the next)."""
import pytest

from extractor.text.normalize import normalize

from .conftest import built_text

HEAD = "某县卫生健康局2024年度部门整体支出绩效自评报告\n一、部门基本情况\n"
LEAD = "根据预算绩效管理要求经自评2024年本部门"  # a page's line before the label (no clause mark: a wrap, not a clause, joins it)
SENTENCES = [  # (label, the rest of its sentence, key, value)
    ("年初预算数", "为1022.89万元。", "budget_initial", 1022.89),
    ("全年预算数", "为1781.86万元。", "budget_full_year", 1781.86),
    ("全年执行数", "为1767.21万元。", "budget_executed", 1767.21),
    ("预算执行率", "为99.18%。", "execution_rate", 99.18),
    ("基本支出", "为790万元。", "basic_expenditure", 790),
    ("人员经费", "为650.5万元。", "personnel_expenditure", 650.5),
    ("财政拨款收入", "为1150万元。", "fiscal_appropriation", 1150),
    ("服务对象满意度", "达到98%。", "satisfaction_rate", 98),
]
CASES = [pytest.param(label, rest, key, value, k, id=f"{key}-{k}")
         for label, rest, key, value in SENTENCES for k in range(1, len(label))]


@pytest.mark.parametrize("label, rest, key, value, k", CASES)
def test_a_label_broken_by_a_pages_width_reads_its_fact(label, rest, key, value, k):
    text = HEAD + LEAD + label[:k] + "\n" + label[k:] + rest + "\n"
    assert {f.key: f.value for f in built_text(text).facts}.get(key) == pytest.approx(value)


def test_a_decimal_broken_after_its_point_reads_whole():
    text = HEAD + LEAD + "全年执行数为1767.\n21万元,预算调整率较大。\n"
    assert {f.key: f.value for f in built_text(text).facts}.get("budget_executed") == 1767.21


@pytest.mark.parametrize("text", ["项目支出\n合计\n120", "年初预算数\n全年预算数\n全年执行数", "170.\n3、18100.00%"])
def test_cells_one_a_line_stay_apart(text):
    assert normalize(text).text == text
