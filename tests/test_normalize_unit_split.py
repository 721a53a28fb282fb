"""A page's width may break a line inside a figure's unit ("1781.86万" / "元,…", "共计120" / "万元", "12.5公" /
"里"): the figure reads the same wherever the break falls, and so does the fact it states."""
import pytest

from extractor.text.normalize import normalize
from extractor.text.recognize import recognize

from .conftest import built_text

SENTENCES = [
    ("年中调整预算为1781.86", "万元", ",比年初预算增加758.97万元。"),
    ("项目资金共计120", "万元", ",已全部拨付到位。"),
    ("下达中央资金1.2", "亿元", ",全部用于道路建设。"),
    ("实际支出资金22120.50", "元", ",主要用于设备购置。"),
    ("新建农村公路12.5", "公里", ",完成年度目标。"),
    ("改造老旧小区面积3.6", "平方米", ",惠及群众。"),
    ("执行率较上年提高2.5", "个百分点", ",主要原因是项目提前实施。"),
]
CASES = [pytest.param(head, unit, tail, k, id=f"{unit}-{k}") for head, unit, tail in SENTENCES for k in range(len(unit))]


def _quantities(text: str) -> list[tuple[str, float]]:
    return [(m.kind, m.value) for m in recognize(normalize(text).text)]


@pytest.mark.parametrize("head, unit, tail, k", CASES)
def test_a_line_break_inside_a_figures_unit_reads_the_same(head, unit, tail, k):
    whole = head + unit + tail
    broken = head + unit[:k] + "\n" + unit[k:] + tail
    assert _quantities(broken) == _quantities(whole) != []


@pytest.mark.parametrize("k", range(3))
def test_the_fact_reads_across_the_break(k):
    unit = "万元"
    text = ("某县卫生健康局2024年度部门整体支出绩效自评报告\n一、部门基本情况\n2024年部门年初预算1022.89万元,全年执行数1767.21"
            + unit[:k] + "\n" + unit[k:] + ",预算调整率较大。\n")
    assert {f.key: f.value for f in built_text(text).facts}.get("budget_executed") == 1767.21


@pytest.mark.parametrize("text", ["共有120\n元宵节活动参与人数众多。", "序号\n1\n元旦慰问\n2\n春节慰问"])
def test_a_word_opening_with_a_units_character_is_no_unit(text):
    # 元宵节 and 元旦 open with 元: the figure before the break is a count or a cell, not money
    assert [kind for kind, _ in _quantities(text)].count("amount") == 0


def test_a_figures_comparator_on_the_next_line_stays_with_it():
    # "…达到95%" / "以上,…": the line after a figure goes on with its comparator (a row's next label would not)
    text = "根据要求,受益群众满意度达到95%\n以上,项目全部完工。"
    assert [(m.kind, m.value, m.comparator) for m in recognize(normalize(text).text)] == [("percent", 95.0, "≥")]


@pytest.mark.parametrize("text, want", [
    ("新建道路,总长12.5\n公里的道路已完工。", [("length", 12.5)]),
    ("资金共计120\n万元用于道路建设。", [("amount", 120.0)]),
])
def test_a_whole_unit_of_two_characters_or_more_opens_the_next_line(text, want):
    # a unit of two characters or more can open no other word: the words after it go on with the sentence
    assert _quantities(text) == want
