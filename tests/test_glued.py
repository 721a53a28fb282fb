"""Glued form cells and damaged percents (extractor/text/glued.py, patterns/quantities.toml [glued]):
real excerpts from the pool and held-out sets, each with the values the hand gold lists."""
from decimal import Decimal
from pathlib import Path

import pytest

from extractor.text.glued import rate_tail, uniform_tail
from extractor.text.recognize import recognize

ROOT = Path(__file__).resolve().parent.parent

CASES = [
    # (id, real excerpt, [(kind, value, raw, rule_id)] for amounts and percents)
    ("integer cells before a rate (pool p0226)", "执行率得分年度资金总额303010100%其中:当年财政拨款303030100%上年",
     [("percent", 100, "100%", "quantity:percent_sign+glued.run")] * 2),
    ("staff counts before a rate (pool p0238)", "实际在职人数控制率555192.73%经费控制情况",
     [("percent", 92.73, "92.73%", "quantity:percent_sign+glued.run")]),
    ("mixed decimals then an integer rate (pool p0057)", "年度资金总额:310.2154.741050%5执行率*该指标分值",
     [("percent", 50, "50%", "quantity:percent_sign+glued.run")]),
    ("same decimals in every cell", "执行率(B/A)47.6895.00%10",
     [("percent", 95, "95.00%", "quantity:percent_sign+glued.run")]),
    ("amount printed twice (pool p0209)", "当年实际到位 106.5106.5 万元,支出 36.9436.94 万元。",
     [("amount", 106.5, "106.5 万元", "quantity:amount_wan+glued.run"),
      ("amount", 36.94, "36.94 万元", "quantity:amount_wan+glued.run")]),
    ("weight glued before a repeated target (heldout h020)", "办公所需成本415万元15万元4维修",
     [("amount", 15, "15万元", "quantity:amount_wan+glued.repeat"), ("amount", 15, "15万元", "quantity:amount_wan")]),
    ("weight glued before a repeated percent (pool p0210)", "化学农药量较上年减少82%2%8可持续",
     [("percent", 2, "2%", "quantity:percent_sign+glued.repeat"), ("percent", 2, "2%", "quantity:percent_sign")]),
    ("OCR ≥ read as 2 (heldout2 g010)", "市民满意度调查290%100%说明无",
     [("percent", 90, "90%", "quantity:percent_sign+glued.at_least"), ("percent", 100, "100%", "quantity:percent_sign")]),
    ("OCR 0 read as O (heldout2 g021)", "执行率得分(分)O76%107.6当年",
     [("percent", 76, "76%", "quantity:percent_sign")]),
    ("OCR ≤ read as W (pool p0111)", "在职人员控制率W100%,计5分", [("percent", 100, "100%", "quantity:percent_sign")]),
    ("percent written out", "群众满意度达到百分之九十五以上,覆盖率百分之百",
     [("percent", 95, "百分之九十五以上", "quantity:percent_sign+numbers.percent_words"),
      ("percent", 100, "百分之百", "quantity:percent_sign+numbers.percent_words")]),
    ("thousands separators in glued money cells", "年度资金总额1,234.561,234.56100%10",
     [("percent", 100, "100%", "quantity:percent_sign+glued.run")]),
    ("one decimal, then a rate with two", "年度资金总额95.5100.00%", [("percent", 100, "100.00%", "quantity:percent_sign+glued.run")]),
    # what stays as written
    ("a list of figures after commas", "金额分别为1,200万元、12,5%", [("amount", 1200, "1,200万元", "quantity:amount_wan"),
                                                      ("percent", 5, "5%", "quantity:percent_sign")]),
    ("target and actual alike", "满意度100%100%", [("percent", 100, "100%", "quantity:percent_sign")] * 2),
    ("target and a zero actual", "完成率100%0%", [("percent", 100, "100%", "quantity:percent_sign"),
                                         ("percent", 0, "0%", "quantity:percent_sign")]),
    ("a rate over 100 in prose (pool p0239)", "实际完成值为40次,目标完成率为143%,", [("percent", 143, "143%", "quantity:percent_sign")]),
    ("a rate over 100 with decimals (pool p0179)", "执行率为400.12%。", [("percent", 400.12, "400.12%", "quantity:percent_sign")]),
    ("a rate printed to four places", "占比9.9992%。", [("percent", 9.9992, "9.9992%", "quantity:percent_sign")]),
    ("OCR fragment after two letters (pool p0111)", "批准建设面积XlO0%O该指标", []),
    ("percentage points are no percent", "较上年提高2.3个百分点", []),
    ("section numbers are no glued run", "见3.1.2万元标准", []),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_glued_cells(text, expected):
    got = [(m.kind, m.value, m.raw, m.rule_id) for m in recognize(text) if m.kind in ("amount", "percent")]
    assert [(k, r, i) for k, _, r, i in got] == [(k, r, i) for k, _, r, i in expected]
    for (_, value, _, _), (_, want, _, _) in zip(got, expected):
        assert value == pytest.approx(want)
    for m in recognize(text):
        assert text[m.start:m.end] == m.raw


def test_at_least_keeps_the_comparator():
    first, second = [m for m in recognize("市民满意度调查290%100%说明") if m.kind == "percent"]
    assert (first.comparator, second.comparator) == ("≥", None)


@pytest.mark.parametrize("run,tail", [("47.6895.00", "95.00"), ("106.5106.5", "106.5"), ("338.31102.59", "102.59"),
                                      ("1.2.3", None), ("10.0010.00", "10.00")])
def test_uniform_tail(run, tail):
    at = uniform_tail(run)
    assert (run[at:] if at is not None else None) == tail


@pytest.mark.parametrize("run,whole,tail", [("303010100", False, "100"), ("555192.73", False, "92.73"),
                                            ("877383.91", False, "83.91"), ("310.2154.741050", True, "50"),
                                            ("10200", False, "0"), ("5000", False, "0")])
def test_rate_tail(run, whole, tail):
    at = rate_tail(run, Decimal(100), whole)
    assert (run[at:] if at is not None else None) == tail


def test_pool_offsets_exact():
    """Every mention of every pool excerpt keeps its exact span, glued cuts included."""
    for path in sorted((ROOT / "corpus" / "pool").glob("p*.txt")):
        text = path.read_text(encoding="utf-8")
        for m in recognize(text):
            assert text[m.start:m.end] == m.raw, (path.name, m)


def test_doubled_print_reads_each_figure_once():
    """A doc-sharing mirror whose text layer printed every character twice (pool p0209): each doubled
    figure is one mention, as the gold reads it; the same figures in a normal text stay two."""
    text = ("本项目申报金额 7070 万元,预算批复 7070 万元,当年实际到位 106.5106.5 万元,支出 36.9436.94 万元。"
            "(1)(1) 宣传范围不够广。(2)(2) 宣传氛围不够浓厚。绩效目标完成率69.23%69.23%。实际完成 7.14%,7.14%,未完成")
    got = [(m.raw, m.value) for m in recognize(text) if m.kind in ("amount", "percent")]
    assert got == [("70 万元", 70), ("70 万元", 70), ("106.5 万元", 106.5), ("36.94 万元", 36.94),
                   ("69.23%", 69.23), ("7.14%", 7.14)]
    normal = "申报金额 7070 万元。满意度100%100%。"
    assert [m.value for m in recognize(normal) if m.kind in ("amount", "percent")] == [7070, 100, 100]


def test_percent_wrapped_to_the_next_line():
    """A narrow cell wraps its % to the next line: one percent; a separate unit cell between
    borders (dev d002 "100 |\\n% |") is no percent."""
    [m] = [m for m in recognize("完成率\n95.00\n%\n10\n") if m.kind == "percent"]
    assert (m.raw, m.value) == ("95.00\n%", 95)
    assert [m for m in recognize("足额保障率 |\n= |\n100 |\n% |\n30 |") if m.kind == "percent"] == []
