"""Forms read by template-general means where a flattening scrambled them (excerpts of corpus/heldout,
heldout3 and findings, non-blind): indicator rows written in two passes (interpret/forms/passes.py),
and score tables whose group cells carry their points (一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 |
得分: the figures are points, never 指标值 / 完成值). Each mechanism has its counterexample."""
from __future__ import annotations

import pytest

from extractor.interpret.forms.headers import level_points

from .conftest import ROOT, built_text, findings_of

CORPUS = ROOT / "corpus"


def report_of(path: str):
    return built_text((CORPUS / path).read_text(encoding="utf-8"), "excerpt.txt")


def rows(report) -> dict:
    return {i.name: (i.target_text, i.actual_text, i.weight, i.score) for f in report.forms for i in f.indicators}


def test_names_and_targets_first_then_the_rest_of_each_row():
    """稷山 (heldout h015, an XLSX flattened to spaced lines): the first rows' names and 年度指标值 stand
    among the scattered header's labels, their 实际完成值 | 分值 | 得分 after it in the same order; two
    names (指标24, 指标25) stand before their two rows. Paired in order, the shortfalls are found."""
    r = report_of("heldout/h015.txt")
    got = rows(r)
    assert got["指标1:居民健康档案"] == ("38508人", "37442人", 3, 3)
    assert got["指标2:发放健康教育资料"][1:] == ("14种", 1, 1)
    assert got["指标24:传染病及突发公共卫生事件报告"] == ("14例", "14例", 2, 2)
    assert got["指标25:家庭医生签约率"] == ("24694人", "22584人", 2, 1.7)
    assert got["指标8:适龄儿童疫苗接种率"] == ("100.00%", "97.30%", 2, 1.9)  # rows in order stay as read
    missed = {f.actual for f in findings_of(r, "goal_not_met")}
    assert {37442, 22584} <= missed
    assert any("37442" in f.message for f in findings_of(r, "score_mismatch"))
    for f in r.forms:
        for i in f.indicators:
            assert i.name in r.text[i.start:i.end]


def test_rows_of_figures_before_their_names():
    """稷山 (heldout3 k019): the first row's name and 指标值 among the header's labels, and three rows
    of figures (75元 75元 10 10 | 95% 95% 30 27 | 95% 95% 10 9) written before their three names."""
    r = report_of("heldout3/k019.txt")
    got = rows(r)
    assert got["指标1:全县参合人数"] == ("8755", "8676", 15, 13)
    assert got["指标1:配套资金每人每年"] == ("75元", "75元", 10, 10)
    assert got["指标1:是否满意"] == ("95%", "95%", 10, 9)
    assert any(f.actual == 8676 for f in findings_of(r, "goal_not_met"))


FORM = """2021年度项目支出绩效自评表
项目名称 培训项目 主管部门 某局 实施单位 某中心
一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分
产出指标 数量指标 {n1}培训人数 100人 {n2}发放手册 200册 {n3}举办讲座 30次 90人 5 4 190册 5 5
总分 100 90
"""


def test_counterexample_names_without_numbers_are_not_paired():
    """The same layout with names the template did not number: a name is not told from a qualitative
    value, so nothing is paired (no row takes 90人)."""
    r = built_text(FORM.format(n1="", n2="", n3=""), "excerpt.txt")
    assert all(i.actual_text != "90人" or i.name != "培训人数" for f in r.forms for i in f.indicators)
    assert not findings_of(r, "goal_not_met")


def test_counterexample_counts_disagree():
    """Three 指标值 left without their tails and two tails: the counts disagree, nothing is paired by
    order (指标1 does not take 90人)."""
    r = built_text(FORM.format(n1="指标1:", n2="指标2:", n3="指标3:"), "excerpt.txt")
    got = rows(r)
    assert got.get("指标1:培训人数", (None, None))[1] != "90人"
    assert not any(f.actual == 90 for f in findings_of(r, "goal_not_met"))


def test_group_cells_with_their_points():
    """海南 服务贸易项目 (findings f014, one cell a line): 一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 |
    得分. 项目决策 20 and 项目目标 4 are groups with their points (the levels of the rows after them);
    目标内容 4 4 is 分值 4, 得分 4 (no 指标值 / 完成值); 项目绩效 55 is a group's points, not 5 | 5."""
    r = report_of("findings/f014.txt")
    [f] = r.forms
    ind = {i.name: i for i in f.indicators}
    assert "项目决策" not in ind and "项目绩效" not in ind
    i = ind["目标内容"]
    assert (i.level1, i.level2, i.target_text, i.actual_text, i.weight, i.score) == ("项目决策", "项目目标", None, None, 4, 4)
    assert (ind["到位率"].level2, ind["到位率"].weight, ind["到位率"].score) == ("资金到位", 3, 3)
    assert (ind["产出数量"].level1, ind["产出数量"].level2) == ("项目绩效", "项目产出")
    assert not findings_of(r, "goal_not_met")


def test_counterexample_level_points_need_a_points_column_after_a_level():
    """A header with values (年度指标值 | 实际完成值) or 分值 only after 三级指标 has no group points."""
    assert level_points(["level1", "weight", "level2", "weight", "name", "weight", "score"])
    assert not level_points(["level1", "level2", "name", "weight", "score"])
    assert not level_points(["level1", "weight", "level2", "name", "target", "actual", "weight", "score"])


def test_counterexample_points_only_rows_without_group_points_stay_indicators():
    """三级指标 | 分值 | 得分 with no points after the level columns: a row with a 分值 and no 得分 stays
    an indicator (an unscored row), not a group."""
    text = ("2021年度项目支出绩效评价评分表\n一级指标 二级指标 三级指标 分值 得分\n"
            "产出指标 数量指标 培训人数 10 9\n质量指标 合格率 10\n总分 20 9\n")
    r = built_text(text, "excerpt.txt")
    names = [i.name for f in r.forms for i in f.indicators]
    assert "合格率" in names or not names
    assert all(i.target_text is None for f in r.forms for i in f.indicators)


def test_total_figures_in_the_figures_pass():
    """k019: the total row's 100 | 94 written after the last row of figures, its label 总分 with the
    names after them: read as the total, which the scores (9 + 13 + 15 + 10 + 10 + 27 + 9 = 93) miss."""
    r = report_of("heldout3/k019.txt")
    [f] = r.forms
    assert f.total_score == 94
    assert any("94" in x.message and "93" in x.message for x in findings_of(r, "score_mismatch"))


def test_counterexample_trailing_figures_that_are_no_total():
    """The same page with the figures after the last row not the full marks first (90 | 94): no total."""
    text = (CORPUS / "heldout3/k019.txt").read_text(encoding="utf-8").replace("10 9 100 94", "10 9 90 94")
    r = built_text(text, "excerpt.txt")
    assert all(f.total_score is None for f in r.forms)


def test_rate_indicator_scored_above_the_forms_own_rate():
    """f014: 到位率 scored 3 of 3 while the form's own 实际到位资金 398.88 ÷ 计划投资额 570 is 70%."""
    r = report_of("findings/f014.txt")
    [f] = [x for x in findings_of(r, "score_mismatch") if "到位率" in x.message]
    assert "398.88" in f.message and "570" in f.message and f.severity == "warning"


def test_counterexample_rate_indicator_at_the_forms_rate():
    """The same form with all the planned money arrived (570 of 570): full points are right; 到位时效
    is no rate of the form's figures."""
    text = (CORPUS / "findings/f014.txt").read_text(encoding="utf-8").replace("398.88", "570")
    r = built_text(text, "excerpt.txt")
    assert not [x for x in findings_of(r, "score_mismatch") if "到位" in x.message]


@pytest.mark.xfail(strict=True, reason="银川 h020 is an OCR glued into one line with its header scrambled (考值参分 for 参考分值, "
                   "IO for 10): its indicator rows are not read, so neither the 预算执行率 10 × 100% ≠ 9 row nor the "
                   "total 98 against the visible scores is judged")
def test_known_miss_ocr_scrambled_header():
    r = report_of("heldout/h020.txt")
    assert any("98" in f.message for f in findings_of(r, "score_mismatch"))
