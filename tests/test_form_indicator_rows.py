"""Indicator rows of the national 项目支出绩效自评表 in the flattenings real pages show (excerpts of
corpus/heldout2, heldout3 and pool: mined for layouts, never the blind sets): one cell a line with
blanks kept and 分值 written before the values, spaces between cells, merged level cells written
once. Every indicator keeps its span: text[start:end] is its row, from its first cell to its last."""
from __future__ import annotations

from .conftest import ROOT, built_text

CORPUS = ROOT / "corpus"


def excerpt(path: str, first: int = 1, last: int | None = None) -> str:
    lines = (CORPUS / path).read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(lines[first - 1:last])


def report_of(text: str):
    return built_text(text, "excerpt.txt")


def row(i) -> tuple:
    return (i.level1, i.level2, i.name, i.target_text, i.actual_text, i.weight, i.score)


def assert_spans(report):
    for f in report.forms:
        for i in f.indicators:
            raw = report.text[i.start:i.end]  # the row's span: from its first cell to its last
            assert raw.startswith(i.level1 or i.level2 or i.name) or i.name in raw, i
            assert all(t in raw for t in (i.name, i.target_text, i.actual_text) if t), i


def test_points_column_before_the_values_one_cell_a_line_with_a_blank_first_column():
    """安徽 濉溪 (heldout2 g008): "|"-ended lines, blanks kept, an unlabelled first column (the merged
    绩效指标 cell) blank on every row, and the header 三级指标 | 分值 | 年度指标值 | 全年实际值 | 得分 |
    未完成原因及拟采取的改进措施: the columns are read in the order written, not the usual one."""
    r = report_of(excerpt("heldout2/g008.txt"))
    [f] = r.forms
    ind = f.indicators
    assert len(ind) == 10
    assert row(ind[0]) == ("产出指标", "数量指标", "★★★农村低保发放人数(按月平均)(≥**人)", ">=21933人", "21980人", 5, 5)
    assert row(ind[3])[2:] == ("★★★特困人员救助供养人数(按月平均)(≥**人)", ">=4754人", "4604人", 5, 5)
    assert (ind[3].target_value, ind[3].target_comparator, ind[3].actual_value) == (4754, "≥", 4604)
    assert row(ind[5])[:2] == ("产出指标", "质量指标")  # the level cells carry down
    assert row(ind[7])[3:] == ("<=5300元/户", "5830元/户", 10, 10)
    assert ind[8].level1 == "效益指标" and ind[8].weight == 30
    assert_spans(r)
    unmet = {(x.rule, x.actual) for x in r.findings if x.rule in ("goal_not_met", "score_mismatch")}
    assert unmet == {("goal_not_met", 4604), ("goal_not_met", 5830), ("score_mismatch", 5), ("score_mismatch", 10)}


def test_one_cell_a_line_with_header_and_level_cells_broken_over_lines():
    """湖南 零陵 (heldout3 k009): one cell a line, blank lines between; the header's last cell broken
    (偏差原因 / 分析及 / 改进措施, and 改进措施 alone would end the block), level cells broken
    (数量 / 指标, 经济效 / 益指标), points on their own line ((50)), "……" rows."""
    r = report_of(excerpt("heldout3/k009.txt"))
    [f] = r.forms
    ind = f.indicators
    assert [i.name for i in ind] == ["造林面积", "病虫害防治面积", "森林经营面积", "造林成活率", "当期完成", "造林补助",
                                     "育补助", "木材销售收入", "林产品收入", "提高就业率"]
    assert row(ind[0]) == ("产出指标", "数量指标", "造林面积", "1.2万亩", "1.2万亩", 10, 10)
    assert row(ind[3])[:2] == ("产出指标", "质量指标")
    assert row(ind[7]) == ("效益指标", "经济效益指标", "木材销售收入", "1100万元", "1093万元", 6, 5)
    assert (ind[7].target_value, ind[7].actual_value, ind[7].unit) == (1100, 1093, "万元")
    assert ind[9].level2 == "社会效益指标"
    assert_spans(r)
    unmet = sorted(x.actual for x in r.findings if x.rule == "goal_not_met")
    assert unmet == [2.45, 1093]


def test_spaces_between_cells_under_a_header_the_text_layer_scattered():
    """山西 稷山 (heldout h015, a spreadsheet's text layer): cells between spaces, the header's labels
    scattered among the first rows (一级指标 | — | … | 年度 | 实际 | 指标值 | 完成值 | 指标1:… | 二级指标 |
    三级指标 | 指标5:… | 分值 | 得分); the stray values of those first rows start no row, the clean rows
    after them are read."""
    r = report_of(excerpt("heldout/h015.txt"))
    [f] = r.forms
    by_name = {i.name: i for i in f.indicators}
    assert row(by_name["指标8:适龄儿童疫苗接种率"])[2:] == ("指标8:适龄儿童疫苗接种率", "100.00%", "97.30%", 2, 1.9)
    assert row(by_name["指标14:早孕建册数"])[3:] == ("120人", "69人", 2, 1)
    assert (by_name["指标14:早孕建册数"].target_value, by_name["指标14:早孕建册数"].actual_value) == (120, 69)
    assert not any(i.name[0].isdigit() for i in f.indicators)  # no stray value read as a name
    assert_spans(r)
    unmet = {x.actual for x in r.findings if x.rule == "goal_not_met"}
    assert {97.3, 203, 69, 4044, 3224, 3220, 695, 683, 209, 770} <= unmet


def test_pipe_rows_with_points_before_the_values_and_sub_rows_without_points():
    """安徽 (corpus/findings f004): " | " rows, 分值 before 年度指标值, the level cells only on their
    group's first row, 其中 sub-rows with values and no points; a row's numbers never fill a column in
    the wrong order (20 | 29.5亩 | 29.5亩 | 20 is 分值, 指标值, 完成值, 得分)."""
    r = report_of(excerpt("findings/f004.txt"))
    [f] = r.forms
    by_name = {i.name: i for i in f.indicators}
    assert row(by_name["★补助各类瓜果蔬菜种植面积"]) == ("产出指标", "数量指标", "★补助各类瓜果蔬菜种植面积", "29.5亩", "29.5亩", 20, 20)
    assert row(by_name["其中桃树种植面积"])[3:] == ("1.5亩", "1.5亩", None, None)
    assert row(by_name["★补助鱼塘面积"])[3:] == ("3亩", "3亩", 10, 10)
    assert row(by_name["养殖家畜家禽成活率"])[1:] == ("质量指标", "养殖家畜家禽成活率", "95%", "100%", 5, 5)
    assert by_name["特色产业带动增加受益农户收入(总收入)"].level1 == "效益指标"
    assert_spans(r)
    assert not [x for x in r.findings if x.rule in ("goal_not_met", "score_mismatch")]


def test_numbers_never_fill_a_column_the_header_lacks():
    """上海 服务贸易 (corpus/findings f013): 三级指标 | 年初目标值 (A) | 实际完成值 (B) | 得分, no 分值:
    20000 | 23333.56 | 10 is target, actual, score."""
    r = report_of(excerpt("findings/f013.txt"))
    [f] = r.forms
    first = f.indicators[0]
    assert row(first)[2:] == ("服务外包在岸(万美元)", "20000", "23333.56", None, 10)
    assert all(i.weight is None for i in f.indicators)


def test_spaces_between_cells_with_level_labels_written_downwards():
    """重庆 忠县 (pool p0198): cells between runs of spaces, the level 1 label written one character a
    cell (产 出 指 标), the reason header broken (未完成原因和 / 改进措施), no points columns."""
    r = report_of(excerpt("pool/p0198.txt"))
    [f] = r.forms
    ind = f.indicators
    assert [i.name for i in ind][:5] == ["指标1:新建道路", "指标2:硬化道路", "指标3:人行便道硬化", "指标1:工程完工率",
                                         "指标2:工程验收合格率"]
    assert row(ind[0]) == ("产出指标", "数量指标", "指标1:新建道路", "524m", "524m", None, None)
    assert (ind[2].target_value, ind[2].unit) == (14.7, "km")
    assert row(ind[3])[:2] == ("产出指标", "质量指标")
    assert row(ind[-1])[:2] == ("效益指标", "社会效益指标")
    assert_spans(r)


def test_a_target_only_table_takes_no_actual_value():
    """安徽 蒙城 目标申报表 (pool p0135): 一级指标 | 二级指标 | 三级指标 | 指标值, one cell a line: the cell
    after a target is the next indicator, not an actual value the header does not have."""
    r = report_of(excerpt("pool/p0135.txt"))
    [f] = r.forms
    assert [(i.name, i.target_text, i.target_comparator, i.actual_text) for i in f.indicators[:2]] == [
        ("适龄儿童国家免疫规划疫苗接种率", "≥90%", "≥", None), ("7 岁以下儿童健康管理率", "≥85%", "≥", None)]
