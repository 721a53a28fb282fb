"""growth_mismatch crossed by the figure a report compares with (round 16): the change amount beside the
rate (比上年增加200万元,增长20%) or last year's own figure (比上年1000万元增长20%, 上年为1000万元, (上年1000万元)),
for every kind of total; a rate 10 points off is flagged, the right one is not."""
import itertools

import pytest

from extractor.checks.runner import check_report

from .conftest import built_text

HEAD = "长丰县水利局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n"
SUBJECTS = ["2023年度支出合计{a}万元", "本年收入合计{a}万元", "“三公”经费支出{a}万元", "基本支出{a}万元", "项目支出{a}万元"]
COMPARED = ["比上年{b}万元增长{p}%", "较上年的{b}万元增加{p}%", "同比增长{p}%(上年{b}万元)", ",上年为{b}万元,增长{p}%",
            "较上年度{b}万元增长{p}%", ",比上年增加{d}万元,增长{p}%", ",较上年增加{d}万元,增幅{p}%", ",同比增加{d}万元,增长{p}%"]


def _growth(sentence: str) -> list:
    report = built_text(HEAD + sentence + "\n二、绩效目标完成情况\n")
    return [f for f in check_report(report) if f.rule == "growth_mismatch"]


@pytest.mark.parametrize("subject, compared", list(itertools.product(SUBJECTS, COMPARED)))
def test_a_wrong_growth_rate_is_flagged_against_the_change_or_last_years_figure(subject, compared):
    stated = subject.format(a=1200)
    assert _growth(stated + compared.format(b=1000, d=200, p=30) + "。")
    assert not _growth(stated + compared.format(b=1000, d=200, p=20) + "。")


def test_the_finding_names_last_years_figure_and_the_change():
    (f,) = _growth("2023年度支出合计1200万元,比上年1000万元增长30%。")
    assert "上年1000万元" in f.message and "变动200万元" in f.message and f.expected == pytest.approx(20)
