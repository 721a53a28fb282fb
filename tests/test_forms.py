"""Self-assessment forms (自评表): extractor/interpret/forms/ with patterns/forms/.

The flattened snippets below are written in the shapes the dev set shows (values and names are
made up): 四川 one cell a line ending in " |", 云南 2022 cells broken into lines at random with ≧/═
operators and money in 元, 安徽 a whole form on one line (a DOCX saved as text), 安徽 转移支付 pipe
rows with empty cells. The fixtures in corpus/forms/ (scripts/make_form_fixtures.py) are one
standard form as DOCX, XLSX and PDF with its ground truth.
"""
from __future__ import annotations

import json
from dataclasses import asdict

import pytest

from extractor.interpret.forms import extract_forms
from extractor.model import Page, RawDocument, Table
from extractor.pipeline import build_report, extract
from extractor.read.tables import render

from .conftest import ROOT, built_text, load_script
FORMS = ROOT / "corpus" / "forms"
STEM = "项目支出绩效自评表"
TRUTH = json.loads((FORMS / f"{STEM}.truth.json").read_text(encoding="utf-8"))


def report_of(text: str, tables: list[Table] | None = None):
    return build_report(RawDocument(path="snippet.txt", format="txt", pages=[Page(1, text)], tables=tables or []))


def table_report(rows, before: str = "", after: str = "", page: int | None = None):
    """The report of a text holding ``rows`` as a reader renders a table (" | " rows after
    ``before``), with the reader's Table and its cells' spans."""
    lines, spans = render(rows, len(before))
    return report_of(before + "\n".join(lines) + after, [Table(0, page, rows, spans)])


def table_amounts(report):
    return [m for m in report.mentions if m.kind == "table_amount"]


def assert_offsets(report):
    for m in report.mentions:
        assert report.text[m.start:m.end] == m.raw, m
    for form in report.forms:
        for item in [*form.budget_lines, *form.indicators]:
            if item.start is not None:
                assert 0 <= item.start < item.end <= len(report.text)


def comparable(form) -> dict:
    """A form without provenance, in the ground truth's shape."""
    d = asdict(form)
    out = {k: d[k] for k in TRUTH["form"]}
    out["budget_lines"] = [{k: b[k] for k in TRUTH["budget_lines"][0]} for b in d["budget_lines"]]
    out["indicators"] = [{k: i[k] for k in TRUTH["indicators"][0]} for i in d["indicators"]]
    return out


EXPECTED = dict(TRUTH["form"], budget_lines=TRUTH["budget_lines"], indicators=TRUTH["indicators"])


# ------------------------------------------------------------ 四川: one cell a line
SICHUAN = """报表编号:510000_0021zp |
|
|
部门预算项目支出绩效自评表(2023年度) |
项目名称 |
51000023R000000031207-机关运行保障经费 |
主管部门 |
眉山市自然资源局本级 |
实施单位 (盖章) |
眉山市自然资源局 |
项目基本情况 |
1.项目年度目标完成情况 |
保障机关正常运转,按时足额支付各项运行费用。 |
预算执行情况(10分) |
年度预算数(万元) |
年初预算 |
调整后预算数 |
预算执行数 |
预算执行率 |
权重 |
得分 |
原因 |
总额 |
120.50 |
132.80 |
129.06 |
97.18% |
10 |
9.72 |
1.预算执行率=预算执行数/调整后预算数,预算执行率未达到90%的需说明原因(100字以内). |
其中:财政资金 |
120.50 |
132.80 |
129.06 |
97.18% |
/ |
/ |
财政专户管理资金 |
0.00 |
0.00 |
0.00 |
0.00% |
/ |
/ |
单位资金 |
0.00 |
0.00 |
0.00 |
0.00% |
/ |
/ |
其他资金 |
|
|
|
|
/ |
/ |
绩效指标(90分) |
一级指标 |
二级指标 |
三级指标 |
指标性质 |
指标值 |
度量单位 |
完成值 |
权重 |
得分 |
未完成原因分析 |
产出指标 |
数量指标 |
保障在职人员数 |
≥ |
35 |
人 |
36 |
30 |
30 |
|
效益指标 |
社会效益指标 |
机关正常运转率 |
= |
100 |
% |
|
60 |
60 |
|
合计 |
100 |
99.72 |
|
评价结论 |
结合自评情况,说明项目自评总分。(200字以内) |
"""


def test_sichuan_one_cell_a_line():
    r = report_of(SICHUAN)
    assert len(r.forms) == 1
    f = r.forms[0]
    assert f.title == "部门预算项目支出绩效自评表"
    assert f.fiscal_year == 2023
    assert f.project_name == "机关运行保障经费"  # code prefix dropped
    assert f.department == "眉山市自然资源局本级"
    assert f.unit_name == "眉山市自然资源局"
    assert f.money_unit == "万元"
    lines = {b.line: b for b in f.budget_lines}
    assert list(lines) == ["年度资金总额", "财政拨款", "财政专户管理资金", "单位资金"]  # 其他资金 is blank
    total = lines["年度资金总额"]
    assert (total.budget_initial, total.budget_full_year, total.executed) == (120.5, 132.8, 129.06)
    assert (total.execution_rate, total.weight, total.score) == (97.18, 10, 9.72)
    assert lines["财政拨款"].weight is None and lines["财政拨款"].score is None  # "/" cells
    assert lines["单位资金"].executed == 0 and lines["单位资金"].execution_rate == 0
    assert [(i.level1, i.level2, i.name) for i in f.indicators] == [
        ("产出指标", "数量指标", "保障在职人员数"),
        ("效益指标", "社会效益指标", "机关正常运转率"),
    ]
    people, rate = f.indicators
    assert (people.target_comparator, people.target_value, people.unit, people.actual_value) == ("≥", 35, "人", 36)
    assert (people.weight, people.score) == (30, 30)
    # blank 完成值 cell kept its place: 60 is the weight, not the actual
    assert (rate.target_comparator, rate.target_value, rate.unit) == ("=", 100, "%")
    assert (rate.actual_text, rate.weight, rate.score) == (None, 60, 60)
    assert (f.total_score, f.grade) == (99.72, None)
    # bare budget cells: table_amount, never amount; "100 | %" is no percent
    assert [m.value for m in table_amounts(r)] == [120.5, 132.8, 129.06] * 2 + [0.0] * 6
    assert not [m for m in r.mentions if m.kind == "amount"]
    assert sorted(m.raw for m in r.mentions if m.kind == "percent") == ["0.00%", "0.00%", "90%", "97.18%", "97.18%"]
    assert_offsets(r)


def test_sichuan_weight_only_total_is_no_score():
    r = report_of(SICHUAN.replace("合计 |\n100 |\n99.72 |\n|", "合计 |\n100 |\n|\n|"))
    assert r.forms[0].total_score is None


# ------------------------------------------------- 云南 2022: random line breaks, 元
YUNNAN = """2022年度项目支出绩效自评表 | 部门:临沧市某县第一中学 |
|
|
| 公开14表 | 项目名称 | 学生资助专项资金 | 主管部门 | 某县教育体育局 | 实施单位 | 某县第一中学 | 项目资金 (元) |
| 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 | 年度资金总额 |
| 387664.62 | 387664.62 | 10 | 100% | 10 | 其中:当年财政 拨款 |
| 387664.62 | 387664.62 | — |
| — | 上年结转 资金 |
|
|
| — |
| — | 其他资金 | — | — | — | — |
| — | 年度 总体 目标 | 预期目标 | 实际完成情况 | 按标准发放学生资助资金 | 已按标准发放 | 绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 产出指标 | 数量指标 | 受助学生人数 | ≧ | 412 | 人次 | 412 | 10 | 10 |
| 质量指标 | 资助对象认定准确率 | ≧ | 100 | % | 100% | 10 | 10 |
| 时效指标 | 资金发放及时率 | ≧ | 100 | % | 100% | 10 | 8 |
| 效益指标 | 经济效益 指标 | 减轻困难家庭经济负担 |
| 有效 |
| 有效 | 10 | 10 |
| 社会效益 指标 | 政策知晓率 | ═ | 100 | % | 97% | 10 | 9 |
| 生态效益 指标 |
|
|
|
| 满意度指标 | 服务对象满意度指标等 | 学生满意度 | ≧ | 95 | % | 99% | 10 | 10 |
| 家长满意度 | ≧ | 95 | % | 98% | 10 | 10 |
| 其他需要说明事项 | 无 | 总分 | 100 | 95 | 优 |
|
"""


def test_yunnan_broken_lines_yuan_and_operators():
    r = report_of(YUNNAN)
    assert len(r.forms) == 1
    f = r.forms[0]
    assert (f.fiscal_year, f.project_name, f.department, f.unit_name) == (
        2022, "学生资助专项资金", "某县教育体育局", "某县第一中学")
    assert f.money_unit == "元"
    total, fiscal = f.budget_lines
    assert total.line == "年度资金总额" and fiscal.line == "财政拨款"
    # five cells for six columns: the rate anchors them, and 年初预算数 or 全年预算数 is the lost one —
    # both fit the arithmetic (387664.62 ÷ 387664.62 = 100%) and no column sum says which (the 其中
    # line, without a rate, is only laid out): the first 387664.62 is in no column (refused, not
    # guessed), still a table amount
    assert total.budget_initial is None and total.budget_full_year is None
    assert total.executed == 38.766462  # 387664.62元 → 万元, exactly
    assert (total.weight, total.execution_rate, total.score) == (10, 100, 10)
    assert total.source_unit == "元"
    assert fiscal.budget_initial is None and fiscal.budget_full_year == fiscal.executed == 38.766462
    amounts = table_amounts(r)
    assert [m.value for m in amounts] == [38.766462] * 4
    assert all(m.raw == "387664.62" and m.unit == "万元" and m.source_unit == "元" for m in amounts)
    names = [i.name for i in f.indicators]
    assert names == ["受助学生人数", "资助对象认定准确率", "资金发放及时率", "减轻困难家庭经济负担", "政策知晓率",
                     "学生满意度", "家长满意度"]
    by_name = {i.name: i for i in f.indicators}
    assert by_name["受助学生人数"].target_comparator == "≥"  # ≧ normalized
    assert by_name["政策知晓率"].target_comparator == "="  # ═ normalized
    assert (by_name["政策知晓率"].actual_value, by_name["政策知晓率"].score) == (97, 9)
    assert (by_name["受助学生人数"].unit, by_name["受助学生人数"].actual_value) == ("人次", 412)
    burden = by_name["减轻困难家庭经济负担"]
    assert (burden.level1, burden.level2, burden.target_text, burden.actual_text) == ("效益指标", "经济效益指标", "有效", "有效")
    assert (burden.weight, burden.score) == (10, 10)
    parents = by_name["家长满意度"]
    assert (parents.level1, parents.level2) == ("满意度指标", "服务对象满意度指标等")  # carried down
    assert (f.total_score, f.grade) == (95, "优")
    # "100 | %" targets are no percents; only the 100% / 9x% cells are
    assert sorted(m.raw for m in r.mentions if m.kind == "percent") == ["100%", "100%", "100%", "97%", "98%", "99%"]
    assert not [m for m in r.mentions if m.kind == "amount"]
    assert_offsets(r)


# ------------------------------------------------- 安徽: a whole form on one line
ANHUI_ONE_LINE = (
    "附件: 项目支出绩效自评表 (2022年度) 项目名称 档案数字化项目 主管部门 219-池州市某区某镇人民政府 "
    "实施单位 219001-池州市某区某镇人民政府 项目资金 (万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 "
    "年度资金总额: 60 60 58.5 10 97.5% 9.75 其中:本年财政拨款 60 60 58.5 上年结转资金 其他资金 "
    "年度总体目标 预期目标 实际完成情况 完成档案数字化加工。 已完成档案数字化加工。 "
    "绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施 "
    "产出指标(50分) 数量指标 数字化档案卷数 ≥3000卷 3120 20 20 "
    "质量指标 档案加工合格率 ≥98% 99 15 15 "
    "档案整理规范性 符合相关规定 达成预期指标 15 15 "
    "效益指标(30分) 社会效益指标 档案利用效率 效果明显 达成预期指标 30 28 "
    "满意度指标(10分) 满意度指标 查档群众满意度 ≥90% 95 10 10"
)


def test_anhui_single_line_glued_by_normalization():
    r = report_of(ANHUI_ONE_LINE)
    assert "项目名称档案数字化项目主管部门" in r.text  # normalization removed the separators
    f = r.forms[0]
    assert f.title == "项目支出绩效自评表" and f.fiscal_year == 2022
    assert (f.project_name, f.department, f.unit_name) == ("档案数字化项目", "池州市某区某镇人民政府", "池州市某区某镇人民政府")
    total, fiscal = f.budget_lines
    assert (total.budget_initial, total.budget_full_year, total.executed, total.weight, total.execution_rate,
            total.score) == (60, 60, 58.5, 10, 97.5, 9.75)
    assert (fiscal.line, fiscal.budget_initial, fiscal.budget_full_year, fiscal.executed) == ("财政拨款", 60, 60, 58.5)
    rows = [(i.level1, i.level2, i.name, i.target_text, i.actual_text, i.weight, i.score) for i in f.indicators]
    assert rows == [
        ("产出指标", "数量指标", "数字化档案卷数", "≥3000卷", "3120", 20, 20),
        ("产出指标", "质量指标", "档案加工合格率", "≥98%", "99", 15, 15),
        ("产出指标", "质量指标", "档案整理规范性", "符合相关规定", "达成预期指标", 15, 15),
        ("效益指标", "社会效益指标", "档案利用效率", "效果明显", "达成预期指标", 30, 28),
        ("满意度指标", "满意度指标", "查档群众满意度", "≥90%", "95", 10, 10),
    ]
    assert f.indicators[0].target_comparator == "≥" and f.indicators[0].target_value == 3000
    assert f.indicators[0].unit == "卷"
    assert [m.value for m in table_amounts(r)] == [60, 60, 58.5] * 2
    assert_offsets(r)


# ---------------------------------------------- 安徽 转移支付: pipe rows, empty cells
TRANSFER = """就业补助资金绩效自评表
就业补助资金绩效自评表 | |||||||
(2024年度) | |||||||
转移支付(项目)名称 | 就业补助资金 | ||||||
中央主管部门 | 人力资源社会保障部 | ||||||
地方主管部门 | 某市人力资源和社会保障局 |
资金使用单位 | 某区人力资源和社会保障局 | ||||
资金投入情况 (万元) |
全年预算数(A) | 全年执行数(B) | 预算执行率(B/A×100%) | ||||
年度资金总额: | 512.4 | 498.16 | 97.22% | ||||
其中:中央财政资金 | 412.4 | 398.16 | 96.55% | ||||
地方财政资金 | 100 | 100 | 100% | ||||
其他资金 | |||||||
资金管理情况 | 情况说明 | 存在问题和改进措施 | |||||
分配科学性 | 合理分配。 | ||||||
绩效指标 | 一级 指标 |
二级指标 | 三级指标 | 指标值 | 全年实际完成值 |
"""


def test_transfer_payment_pipe_rows_truncated():
    r = report_of(TRANSFER)
    assert len(r.forms) == 1  # the title written twice is one form
    f = r.forms[0]
    assert (f.title, f.fiscal_year, f.project_name) == ("就业补助资金绩效自评表", 2024, "就业补助资金")
    assert f.department == "某市人力资源和社会保障局"  # 地方 before 中央
    assert f.unit_name == "某区人力资源和社会保障局"
    assert [(b.line, b.budget_initial, b.budget_full_year, b.executed, b.execution_rate) for b in f.budget_lines] == [
        ("年度资金总额", None, 512.4, 498.16, 97.22),
        ("中央财政资金", None, 412.4, 398.16, 96.55),
        ("地方财政资金", None, 100, 100, 100),
    ]
    assert f.indicators == []  # cut off after the indicator header
    assert [m.raw for m in table_amounts(r)] == ["512.4", "498.16", "412.4", "398.16", "100", "100"]
    first = f.budget_lines[0]
    assert r.text[first.start:first.end] == "年度资金总额: | 512.4 | 498.16 | 97.22%"
    assert_offsets(r)


def test_two_forms_in_one_text():
    r = report_of(TRANSFER + "\n" + TRANSFER.replace("就业补助资金", "医疗救助补助资金").replace("512.4", "88"))
    assert [f.project_name for f in r.forms] == ["就业补助资金", "医疗救助补助资金"]
    assert [f.index for f in r.forms] == [0, 1]
    assert r.forms[1].budget_lines[0].budget_full_year == 88
    assert all(b.form == 1 for b in r.forms[1].budget_lines)


# ------------------------------------------------------------- not forms
def test_prose_mentions_and_headerless_tables_are_no_forms():
    prose = (
        "附件:2020年度养护类项目自评表(附后)\n"
        "该项目共编制12个绩效目标指标,其中一级指标3个,二级指标9个,三级指标12个。\n"
        "2020年度养护类项目预算数为1132万元,执行数为1132万元,预算执行率100%。\n"
    )
    assert report_of(prose).forms == []
    headerless = (
        "|   项目完成指标\n        | \n     质量指标\n        | \n     改善养老服务基础条件\n        | \n"
        "     改善条件\n        | \n     明显改善\n        | \n  ||||\n"
        "|   \n        | \n     满意度指标\n        | \n     服务对象满意度指标\n        | \n     ≥90%\n        | \n"
        "     98%\n        | \n  |||\n"
    )
    r = report_of(headerless)
    assert r.forms == [] and table_amounts(r) == []


def test_truncated_mid_row_does_not_fail():
    cut = YUNNAN[: YUNNAN.index("| 时效指标") + 12]
    f = report_of(cut).forms[0]
    assert [i.name for i in f.indicators][:2] == ["受助学生人数", "资助对象认定准确率"]
    cut = SICHUAN[: SICHUAN.index("其中:财政资金") + 20]
    f = report_of(cut).forms[0]
    assert f.budget_lines[0].budget_full_year == 132.8 and f.indicators == []


# ------------------------------------------------- structured tables, no reader
def _fixture_module():
    return load_script('make_form_fixtures')


def test_grid_tables_match_truth_without_readers():
    """The structured path on Table objects built from the fixture's grid (a full grid, as XLSX
    and pdfplumber give it), with the text a reader would render."""
    rows, _ = _fixture_module().grid()
    text = "项目支出绩效自评表\n（2024年度）\n" + "\n".join(" | ".join(row) for row in rows)
    r = table_report(rows, "项目支出绩效自评表\n（2024年度）\n")
    assert comparable(r.forms[0]) == EXPECTED
    assert r.forms[0].table_index == 0
    assert r.forms[0].budget_lines[0].row == 3  # grid row 2 is the column header
    assert [m.value for m in table_amounts(r)] == TRUTH["table_amounts_wan"]
    assert_offsets(r)
    # the same text without the tables goes through the flattened path to the same result
    plain = report_of(text)
    assert comparable(plain.forms[0]) == EXPECTED
    assert plain.forms[0].budget_lines[0].row is None


def test_html_rows_with_rowspans_left_out():
    """An HTML <table> writes a rowspan cell once and leaves it out of the rows below: those rows are
    shorter and shifted left (项目资金, 绩效指标, 一级/二级指标 columns)."""
    fx = _fixture_module()
    rows = [["项目名称", fx.PROJECT], ["主管部门", fx.DEPARTMENT, "实施单位", fx.UNIT],
            ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]]
    rows += [list(line) for line in fx.BUDGET]
    rows += [["年度总体目标", "预期目标", "实际完成情况"], [fx.GOAL_PLAN, fx.GOAL_DONE],
             ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]]
    for k, (l1, l2, *rest) in enumerate(fx.INDICATORS):
        prev = fx.INDICATORS[k - 1] if k else None
        row = ([l1] if prev is None or prev[0] != l1 else []) + ([l2] if prev is None or prev[:2] != (l1, l2) else [])
        rows.append(row + rest)
    rows.append(list(fx.TOTAL))
    r = table_report(rows, "项目支出绩效自评表\n（2024年度）\n")
    assert comparable(r.forms[0]) == EXPECTED
    assert_offsets(r)


def test_text_form_beside_a_table_form():
    rows, _ = _fixture_module().grid()
    r = table_report(rows, "项目支出绩效自评表\n（2024年度）\n", "\n\n" + TRANSFER)  # no table for the second form
    assert [f.project_name for f in r.forms] == ["农村公路日常养护项目", "就业补助资金"]
    assert [f.table_index for f in r.forms] == [0, None]
    assert [f.index for f in r.forms] == [0, 1]


def test_header_only_form_keeps_its_fields():
    cut = TRANSFER[: TRANSFER.index("年度资金总额")]
    f = report_of(cut).forms[0]
    assert (f.project_name, f.unit_name, f.money_unit) == ("就业补助资金", "某区人力资源和社会保障局", "万元")
    assert f.budget_lines == [] and f.indicators == []


def test_two_row_indicator_header_in_tables():
    """年度指标值 over 指标性质/指标值/度量单位: full grid (XLSX) and merged-once (DOCX) layouts."""
    head1 = ["一级指标", "二级指标", "三级指标", "年度指标值", "", "", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    head2 = ["", "", "", "指标性质", "指标值", "度量单位", "", "", "", ""]
    data = [
        ["产出指标", "数量指标", "新建公厕数量", "≥", "12", "座", "12", "20", "20", ""],
        ["", "质量指标", "验收合格率", "=", "100", "%", "100%", "20", "18", "个别项目整改后验收"],
    ]
    top = [["项目名称", "农村公厕改造"], ["主管部门", "某县农业农村局", "实施单位", "某县农业农村局"],
           ["项目资金(万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
           ["年度资金总额", "50", "50", "45", "10", "90%", "9"]]
    docx_head1 = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    for rows in (top + [head1, head2] + data, top + [docx_head1, head2] + data):
        f = table_report(rows).forms[0]
        got = [(i.level1, i.level2, i.name, i.target_comparator, i.target_value, i.unit, i.actual_value, i.weight,
                i.score, i.deviation_reason) for i in f.indicators]
        assert got == [
            ("产出指标", "数量指标", "新建公厕数量", "≥", 12, "座", 12, 20, 20, None),
            ("产出指标", "质量指标", "验收合格率", "=", 100, "%", 100, 20, 18, "个别项目整改后验收"),
        ]


def test_cell_with_its_own_unit_is_no_table_amount():
    rows = [["项目名称", "某项目"], ["主管部门", "某局", "实施单位", "某中心"],
            ["项目资金", "年初预算数", "全年预算数", "全年执行数", "执行率"],
            ["年度资金总额", "90万元", "90万元", "89.97万元", "99.97%"]]
    r = table_report(rows)
    line = r.forms[0].budget_lines[0]
    assert (line.budget_initial, line.executed) == (90, 89.97)
    assert table_amounts(r) == []
    assert sorted(m.raw for m in r.mentions if m.kind == "amount") == ["89.97万元", "90万元", "90万元"]


def test_spreadsheet_rate_fraction():
    rows = [["项目名称", "某项目"], ["主管部门", "某局", "实施单位", "某中心"],
            ["项目资金(万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["年度资金总额", "1000", "1200", "1150", "10", "0.9583", "9.58"]]
    r = table_report(rows, page=1)
    assert r.forms[0].budget_lines[0].execution_rate == 95.83
    assert r.forms[0].budget_lines[0].page == 1


# ------------------------------------- 湖北 PDF flattened: (万元) lines, split labels
# A PDF text layer writes a two-line header cell ("执行数\n(万元)", "执行\n率") as the first lines
# of all header cells, then their second lines; the value row comes with cells of the page's left
# column (来源, 项目年度目标, …) run in between.
HUBEI_PDF = (
    "某市财政预算支出项目绩效目标自评表 填报日期:2023 年 3 月 1 项目名称 项目主管单 位 自评总分: 92 "
    "项目实施单位 某县农业农村局 某县农业农村局 项目负责人 张某 1、常年性 2、延续性□ "
    "中央 省、地 本级 其他 合计 执行数 执行 (万元) (万元) (万元) (万元) (万元) (万元) 率 80 80 "
    "来源 项目年度目标 单位领导审签: 高标准农田建设项目 项目属性 项目资金 日 76 95 % "
    "1.完成高标准农田建设 2000 亩; 2. 3. 项目权重 评价内容 分值 自评分"
)


def test_hubei_pdf_units_under_labels_and_split_rate_header():
    r = report_of(HUBEI_PDF)
    f = r.forms[0]
    assert f.title == "某市财政预算支出项目绩效目标自评表"
    assert f.money_unit == "万元"  # from the (万元) line under the labels
    assert f.total_score == 92  # 自评总分 written among the header fields
    assert f.unit_name == "某县农业农村局"  # a merged cell written twice is one value
    assert f.project_name is None and f.department is None  # 项目名称 / 项目主管单位 are empty
    [line] = f.budget_lines
    # 执行 … 率 is 执行率; 中央…合计 are source columns, not stored; 76 sits right before the rate
    assert (line.line, line.budget_initial, line.budget_full_year, line.executed, line.execution_rate) == (
        "年度资金总额", None, None, 76, 95)
    assert [(m.raw, m.value) for m in table_amounts(r)] == [("76", 76)]
    assert not any(m.kind == "amount" and m.value in (80, 76) for m in r.mentions)
    facts = {x.key: x.value for x in r.facts}
    assert facts["budget_executed"] == 76 and facts["execution_rate"] == 95
    assert_offsets(r)


def test_hubei_no_bare_percent_no_line():
    # counterexamples: the rate is written inside a sentence, or a number is no cell of its own
    no_cell = HUBEI_PDF.replace("日 76 95 % 1.完成", "日 完成率达到95% 1.完成")
    assert report_of(no_cell).forms[0].budget_lines == []
    text_before = HUBEI_PDF.replace("日 76 95 %", "日 全部执行 95%")
    assert report_of(text_before).forms[0].budget_lines == []
    past_indicators = HUBEI_PDF.replace("项目属性 项目资金 日 76 95 %", "一级指标 二级指标 三级指标 76 95 %")
    assert report_of(past_indicators).forms[0].budget_lines == []
    # a header score needs a number of at most 100 after its label
    assert report_of(HUBEI_PDF.replace("自评总分: 92", "自评总分: 优")).forms[0].total_score is None
    assert report_of(HUBEI_PDF.replace("自评总分: 92", "自评总分: 920")).forms[0].total_score is None


def test_source_columns_with_unit_suffix_in_pipe_rows():
    text = (
        "某县项目支出绩效自评表\n项目名称 | 农村饮水安全巩固提升 |\n实施单位 | 某县水利局 |\n"
        "资金来源 | 中央(元) | 省、地(元) | 本级(元) | 其他(元) | 合计(元) | 执行数(元) | 执行率 |\n"
        "| | | | 500000 | | 500000 | 480000 | 96% |\n"
    )
    r = report_of(text)
    f = r.forms[0]
    assert f.money_unit == "元"
    [line] = f.budget_lines
    assert (line.executed, line.execution_rate, line.budget_full_year) == (48, 96, None)
    assert [m.value for m in table_amounts(r)] == [48]
    assert_offsets(r)


# ------------------------------------ XLSX flattened to one line, budget cells out of order
XLSX_ONE_LINE = (
    "某县项目支出绩效自评表 (2022年度) 项目名称 乡村医生补助 主管部门 某县卫生健康局 年初预算 数 0 "
    "项目资金 (万元) 年度资金总额 实施单位 某镇卫生院 全年预算数 全年执行数 分值 执行率 得分 "
    "0 56.2 10 100% 10 56.2 — 100% — 其中:当年财政拨款 上年结转资金 其他资金 年度 总体 目标"
)


def test_scrambled_budget_row_anchored_at_the_rate():
    r = report_of(XLSX_ONE_LINE)
    f = r.forms[0]
    assert (f.project_name, f.unit_name, f.fiscal_year) == ("乡村医生补助", "某镇卫生院", 2022)
    [line] = f.budget_lines
    # 0 56.2 10 | 100% | 10: from the right of the rate, 分值 10, 执行数 56.2; a 0 全年预算数 under a
    # positive 执行数 at 100% is a stray blank and is dropped
    assert (line.line, line.budget_full_year, line.executed, line.weight, line.execution_rate, line.score) == (
        "年度资金总额", None, 56.2, 10, 100, 10)
    assert [m.value for m in table_amounts(r)] == [56.2]
    assert [(p.name, p.amount) for p in r.projects] == [("乡村医生补助", 56.2)]
    assert_offsets(r)


def test_scrambled_row_keeps_money_only_when_the_rate_agrees():
    agree = XLSX_ONE_LINE.replace("0 56.2 10 100% 10 56.2", "50 45 10 90% 9 45")
    line = report_of(agree).forms[0].budget_lines[0]
    assert (line.budget_full_year, line.executed, line.execution_rate) == (50, 45, 90)
    # 48 / 50 is not 90%: the money cells are misplaced; without them there is no line
    disagree = XLSX_ONE_LINE.replace("0 56.2 10 100% 10 56.2", "50 48 10 90% 9 48")
    assert report_of(disagree).forms[0].budget_lines == []


def test_single_unlabeled_budget_row_in_a_table():
    rows = [["项目名称", "某项目"], ["主管部门", "某局", "实施单位", "某中心"],
            ["项目资金(万元)", "年初预算数", "全年预算数", "全年执行数", "执行率"],
            ["", "100", "120", "114", "95%"]]
    r = table_report(rows)
    [line] = r.forms[0].budget_lines
    assert (line.line, line.budget_initial, line.budget_full_year, line.executed, line.execution_rate) == (
        "年度资金总额", 100, 120, 114, 95)
    # counterexample: a labelled row is read under its own label, no extra total line
    rows[-1][0] = "其中:财政拨款"
    r = table_report(rows)
    assert [b.line for b in r.forms[0].budget_lines] == ["财政拨款"]


# --------------------------------------- an indicator table without a form title
NARRATIVE_TABLE = """2022年度学生资助项目自评结果
一、自评结论
经过自评,本项目较好完成年初预定的各项绩效目标。具体完成情况如下表:
一级指标 |
二级指标 |
指标名称 |
目标值 |
实际完成值 |
|
产出指标 |
数量指标 |
受资助学生人数 |
1200 |
1268 |
产出指标 |
质量指标 |
资助政策知晓率 |
100% |
98% |
|
效益指标 |
服务对象满意度指标 |
受助学生满意度 |
95% |
96% |
(三)存在的问题和原因
1、个别学生资助申请材料不齐全。
"""


def test_untitled_indicator_table_in_a_narrative_report():
    r = report_of(NARRATIVE_TABLE)
    [f] = r.forms
    assert f.title is None and f.budget_lines == []
    got = [(i.level1, i.level2, i.name, i.target_text, i.actual_value) for i in f.indicators]
    assert got == [
        ("产出指标", "数量指标", "受资助学生人数", "1200", 1268),
        ("产出指标", "质量指标", "资助政策知晓率", "100%", 98),
        ("效益指标", "服务对象满意度指标", "受助学生满意度", "95%", 96),  # the heading below ends it
    ]
    assert {x.key: x.value for x in r.facts}["satisfaction_rate"] == 96


def test_indicator_header_without_rows_is_no_form():
    head_only = NARRATIVE_TABLE[: NARRATIVE_TABLE.index("产出指标 |")] + "(三)存在的问题和原因\n"
    assert report_of(head_only).forms == []
    # an indicator table inside a titled form is that form's, not a second one
    assert len(report_of(ANHUI_ONE_LINE).forms) == 1


# ------------------------------------------------------ the three fixture files
@pytest.fixture(scope="module")
def fixture_reports():
    return {ext: extract(FORMS / f"{STEM}.{ext}").reports[0] for ext in ("docx", "xlsx", "pdf")}


@pytest.mark.parametrize("ext", ["docx", "xlsx", "pdf"])
def test_fixture_file_matches_truth(fixture_reports, ext):
    r = fixture_reports[ext]
    assert len(r.forms) == 1
    f = r.forms[0]
    assert comparable(f) == EXPECTED
    assert f.table_index == 0
    assert all(b.table_index == 0 and b.row is not None for b in f.budget_lines)
    assert all(i.table_index == 0 and i.row is not None for i in f.indicators)
    amounts = table_amounts(r)
    assert [m.value for m in amounts] == TRUTH["table_amounts_wan"]
    assert all(m.rule_id.startswith("form:") and m.unit == "万元" for m in amounts)
    assert_offsets(r)


def test_fixture_formats_parse_to_identical_rows(fixture_reports):
    docx, xlsx, pdf = (comparable(fixture_reports[ext].forms[0]) for ext in ("docx", "xlsx", "pdf"))
    assert docx == xlsx == pdf
    # the same template, the same arithmetic: the same confidence, per form and per row
    got = {(f.template, f.status, f.confidence, tuple(b.confidence for b in f.budget_lines),
            tuple(i.met for i in f.indicators))
           for f in (fixture_reports[ext].forms[0] for ext in ("docx", "xlsx", "pdf"))}
    assert len(got) == 1 and next(iter(got))[:2] == ("project", "read")


def test_fixture_cells_are_read_where_the_reader_put_them(fixture_reports):
    """A table form's rows point at the text their cells were rendered to (no search)."""
    for ext in ("docx", "xlsx", "pdf"):
        r = fixture_reports[ext]
        for line in r.forms[0].budget_lines:
            assert r.text[line.start:line.end].startswith(line.line[:2]) or "其中" in r.text[line.start:line.end]


@pytest.mark.parametrize("ext", ["docx", "xlsx", "pdf"])
def test_fixture_text_alone_parses_the_same(fixture_reports, ext):
    """Path (b): the reader's text without its tables gives the same form."""
    r = fixture_reports[ext]
    text_only = report_of(r.text)
    assert comparable(text_only.forms[0]) == EXPECTED


def test_forms_vocabulary_loads():
    from extractor.interpret.forms.vocabulary import vocabulary

    v = vocabulary()
    assert v.budget_line("其中:当年财政拨款") == "财政拨款"
    assert v.budget_col("预算执行率(B/A×100%)") == "execution_rate"
    assert v.ind_col("偏差原因分析及改进措施") == "reason"
    assert v.budget_col("全年执行数(万元)") == "executed" and v.budget_col("中央省、地本级其他") == "source"
    assert v.budget_col("年度资金总额(万元)") is None and v.budget_line("年度资金总额(万元)") == "年度资金总额"
    assert v.budget_col("中央财政资金") is None
    assert extract_forms(report_of("没有自评表的正文。"), []).forms == []


def test_extract_forms_returns_its_mentions_and_leaves_the_report_alone():
    """The table_amount mentions come back with the forms; the pipeline appends them, in order,
    after the text's own mentions (later stages index mentions by position; the scores the facts
    stage binds come after them: the form's 总分 row read as prose too)."""
    from dataclasses import replace

    r = report_of(SICHUAN)
    amounts = table_amounts(r)
    before_scores = [m for m in r.mentions if m.kind != "score"]
    assert amounts and before_scores[-len(amounts):] == amounts
    assert all(m.kind == "score" for m in r.mentions[len(before_scores):])
    before = [m for m in r.mentions if m.kind != "table_amount"]
    fresh = replace(r, mentions=list(before), forms=[])
    found = extract_forms(fresh, [])
    assert fresh.mentions == before and fresh.forms == []
    assert found.mentions == amounts and found.forms == r.forms


def test_forms_number_macro_is_the_number_constant():
    from extractor import rules
    from extractor.interpret.forms.numbers import NUMBER

    assert rules.load("forms/lexicon")["macros"]["num"] == NUMBER


def test_a_plain_label_with_regex_syntax_is_refused():
    """A label needing regex syntax must be a rule table with examples, not bare text."""
    from extractor import rules
    from extractor.errors import PatternError
    from extractor.interpret.forms.vocabulary import Vocabulary

    text = (rules.patterns_dir() / "forms" / "lexicon.toml").read_text(encoding="utf-8")
    assert "'转移支付名称'," in text
    conf = rules.parse(text.replace("'转移支付名称',", "'转移支付(?:项目)?名称',", 1), "forms/lexicon.toml")
    with pytest.raises(PatternError, match=r"patterns/forms/lexicon.toml: \[field.project_name\] label"):
        Vocabulary(conf)


# ------------------------------------------------- figures glued together by a flattened page
@pytest.mark.parametrize("run, cut", [
    ("194.9194.9100%", ["194.9", "194.9", "100%"]),
    ("21182118100%", ["2118", "2118", "100%"]),  # not also 2118211 | 810 | 0%: nothing spent stays whole
    ("200180.590.25%", ["200", "180.5", "90.25%"]),
    ("10009609%", None),  # 1000 | 960 | 96% would need 96, the run says 9: no cut fits
    ("2000%", None),  # too short to hold three figures
    ("12.512.5100", None),  # no % sign: not a budget row's run
    ("110110100%1", None),  # the run does not end the cell's figures
])
def test_glued_budget_figures_are_cut_only_where_the_rate_agrees(run, cut):
    from extractor.interpret.forms.flatten import glued_figures

    spans = glued_figures(run, 0, len(run))
    assert ([run[a:b] for a, b in spans] if spans else None) == cut


def test_a_flattened_form_with_glued_figures_gives_its_budget_line():
    text = (
        "2020年度县级专项资金绩效目标自评表专项资金名称县级储备粮县级主管部门衡山县商务和粮食局"
        "项目资金(万元)全年预算数(A)全年执行数(B)执行率(B/A)年度资金总额194.9180.592.61%"
        "其他资金年度总体目标年初设定目标全年实际完成情况保持地方粮食储备"
    )
    report = build_report(RawDocument(path="glued.txt", format="txt", pages=[Page(1, text)]))
    [form] = report.forms
    [line] = form.budget_lines
    assert (line.line, line.budget_full_year, line.executed, line.execution_rate) == ("年度资金总额", 194.9, 180.5, 92.61)
    assert report.text[line.start:line.end] == "年度资金总额194.9180.592.61%"
    facts = {f.key: f for f in report.facts}
    assert (facts["budget_full_year"].value, facts["budget_executed"].value, facts["execution_rate"].value) == (194.9, 180.5, 92.61)
    for m in report.mentions:
        assert report.text[m.start:m.end] == m.raw


def test_a_long_glued_run_is_not_cut():
    """Cuts are tried in pairs; a hostile run of digits stays whole (and fast)."""
    from extractor.interpret.forms.flatten import GLUED_MAX_CHARS, glued_figures

    run = "1" * 5000 + "%"
    assert glued_figures(run, 0, len(run)) is None
    wide = "12345678.512345678.5100%"  # a budget row of tens of millions of 元 still fits
    assert len(wide) <= GLUED_MAX_CHARS
    assert [wide[a:b] for a, b in glued_figures(wide, 0, len(wide))] == ["12345678.5", "12345678.5", "100%"]


def test_money_cells_written_with_wan_alone_fill_the_budget_line():
    text = (
        "医疗救助补助资金转移支付项目绩效目标自评表 | |||\n(2024年度) | |||\n"
        "转移支付(项目)名称 | 医疗救助补助资金 | ||\n"
        "资金投入情况(万元) | 全年预算数(A) | 全年执行数(B) | 预算执行率(B/A×100%) |\n"
        "年度资金总额: | 3359.62万 | 3300万 | 98.22% |\n"
        "其中:中央财政资金 | 829.3万 | 829.3万 | 100% |\n"
    )
    report = build_report(RawDocument(path="wan.txt", format="txt", pages=[Page(1, text)]))
    [form] = report.forms
    got = [(line.line, line.budget_full_year, line.executed, line.execution_rate) for line in form.budget_lines]
    assert got == [("年度资金总额", 3359.62, 3300.0, 98.22), ("中央财政资金", 829.3, 829.3, 100.0)]
    facts = {f.key: f.value for f in report.facts}
    assert (facts["budget_full_year"], facts["budget_executed"], facts["execution_rate"]) == (3359.62, 3300.0, 98.22)


def test_column_labels_broken_over_two_lines_are_joined():
    """One cell a line, and narrow header cells broke 全年预算数 into 全年 / 预算数."""
    cells = ["项目支出绩效自评表", "(2019年度)", "项目名称", "暖通改造经费", "主管部门", "廊坊市发改委",
             "项目资金\n(万元)", "年初", "预算数", "全年", "预算数", "全年", "执行数", "分值", "执行率", "得分",
             "年度资金总额", "43.2", "43.2", "37.24", "10", "86%", "9"]
    text = "\n\n".join(cells) + "\n"
    report = build_report(RawDocument(path="split.txt", format="txt", pages=[Page(1, text)]))
    [form] = report.forms
    [line] = form.budget_lines
    got = (line.line, line.budget_initial, line.budget_full_year, line.executed, line.execution_rate, line.score)
    assert got == ("年度资金总额", 43.2, 43.2, 37.24, 86.0, 9.0)


# 重庆 2024年度部门整体绩效自评表 as a portal prints it (pool p0208, figures made up): no money unit
# anywhere, figures in 元 with a lost character "?" after each, the 年度总金额 row without its rate,
# which its one 其中 line (the whole of it) states.
CHONGQING_DEPARTMENT = """2024年度部门整体绩效自评表 | ||||||||||
项目名称: | 某县某协会整体监控 | 项目编码: | 50023300024P000060 | 自评总分: | 98.5 | |||||
项目主管部门: | 705-某县某协会 | 财政归口处室: | 部门联系人: | 张三 | 联系电话: | 85801577 | ||||
资金情况 | ||||||||||
年初预算数 | 全年(调整)预算数 | 全年执行数 | 执行率 | 执行率权重 | 执行率得分 | |||||
年度总金额 | 2,000,000.00? | 2,500,000.00? | 2,400,000.00? | |||||||
其中:财政拨款 | 2,000,000.00? | 2,500,000.00? | 2,400,000.00? | 96.00 | 10.00 | 9.60? | ||||
绩效目标 | ||||||||||
"""


def test_unstated_money_unit_of_large_figures_is_yuan():
    r = report_of(CHONGQING_DEPARTMENT)
    [f] = r.forms
    assert f.money_unit == "元"
    total = f.budget_lines[0]
    assert (total.line, total.budget_initial, total.budget_full_year, total.executed, total.execution_rate) == (
        "年度资金总额", 200, 250, 240, None)
    assert f.budget_lines[1].execution_rate == 96
    assert_offsets(r)


def test_small_figures_without_a_unit_stay_wan():
    text = CHONGQING_DEPARTMENT.replace("2,000,000.00?", "200").replace("2,500,000.00?", "250").replace(
        "2,400,000.00?", "240")
    f = report_of(text).forms[0]
    assert f.money_unit is None
    assert f.budget_lines[0].budget_full_year == 250


# A project form saved as text with every space removed (made-up figures): "分值执行率得分" is three
# column labels, the row's figures one run cut where 执行率 = 执行数 ÷ 全年预算数 and 得分 = 分值 ×
# 执行率 hold, and the total row's full marks glued to the score.
GLUED_PROJECT = ("2023年度项目支出绩效自评表项目名称乡村公路养护主管部门某县交通运输局实施单位某县公路事务中心"
                 "项目资金(万元)年初预算数全年预算数全年执行数分值执行率得分年度资金总额1001201141095%9.5"
                 "其中:当年财政拨款100120114—95%—年度总体目标总分10096.5\n")


def test_glued_project_form_run_and_total():
    r = report_of(GLUED_PROJECT)
    [f] = r.forms
    total = f.budget_lines[0]
    assert (total.line, total.budget_initial, total.budget_full_year, total.executed, total.weight,
            total.execution_rate, total.score) == ("年度资金总额", 100, 120, 114, 10, 95, 9.5)
    assert f.total_score == 96.5
    facts = {x.key: x.value for x in r.facts}
    assert (facts["self_score"], facts["budget_executed"], facts["execution_rate"]) == (96.5, 114, 95)
    assert_offsets(r)


def test_total_row_word_after_the_lines_is_the_budget_total():
    """合计 written last in the budget block, with the row's figures and rate after it, is the
    年度资金总额 line, not the form's 总分 row (made-up figures)."""
    text = ("项目支出绩效自评表\n(2022年度)\n项目名称:农村公路养护\n实施单位:宁乡市公路建设养护中心\n"
            "项目资金(万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n"
            "其中:财政拨款 800 800 791.2 — 98.9% —\n其他资金 80 80 80 — 100% —\n合计 880 880 871.2 10 99% 9.9\n")
    r = report_of(text)
    [f] = r.forms
    assert f.total_score is None
    total = next(line for line in f.budget_lines if line.line == "年度资金总额")
    assert (total.budget_full_year, total.executed, total.execution_rate, total.score) == (880, 871.2, 99, 9.9)
    facts = {x.key: x.value for x in r.facts}
    assert (facts["budget_full_year"], facts["budget_executed"], facts["execution_rate"]) == (880, 871.2, 99)
    # a 合计 row of weight and score only stays the form's total
    r = report_of(text.replace("合计 880 880 871.2 10 99% 9.9", "合计 100 96"))
    assert r.forms[0].total_score == 96


def test_total_row_points_with_their_unit():
    """"总分 | 100分 | 96.5分": the full marks and the score written with 分 (made-up figures)."""
    text = ("项目支出绩效自评表\n(2022年度)\n项目名称:农村公路养护\n"
            "项目资金(万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分\n"
            "年度资金总额 | 880 | 880 | 871.2 | 10 | 99% | 9.9\n"
            "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分\n"
            "产出指标 | 数量指标 | 养护里程 | ≥100公里 | 120公里 | 20 | 20\n总分 | 100分 | 96.5分\n")
    assert report_of(text).forms[0].total_score == 96.5


@pytest.mark.parametrize("header, row, expected", [
    # 湖北 预算数 | 执行数 | 执行率, 重庆 全年(调整)预算数 in a project form, 批复预算数 | 实际执行数
    ("预算数 | 执行数 | 执行率 | 分值 | 得分", "880 | 871.2 | 99% | 10 | 9.9", (880, 871.2, 99)),
    ("年初预算数 | 全年(调整)预算数 | 全年执行数 | 分值 | 执行率 | 得分", "880 | 880 | 871.2 | 10 | 99% | 9.9", (880, 871.2, 99)),
    ("批复预算数 | 实际执行数 | 执行率 | 分值 | 得分", "880 | 871.2 | 99% | 10 | 9.9", (880, 871.2, 99)),
    ("年初预算数 | 调整后预算数 | 全年实际支出数 | 分值 | 执行率 | 得分", "880 | 880 | 871.2 | 10 | 99% | 9.9", (880, 871.2, 99)),
    # a column label no vocabulary reads: the figures around the rate keep their places, the
    # budget is not read as the executed amount
    ("年度预算数 | 实际支出数 | 预算执行率 | 分值 | 得分", "880 | 871.2 | 99% | 10 | 9.9", (None, 871.2, 99)),
])
def test_budget_column_variants(header, row, expected):
    text = f"项目支出绩效自评表\n(2022年度)\n项目名称:农村公路养护\n项目资金(万元) | {header}\n年度资金总额 | {row}\n"
    line = report_of(text).forms[0].budget_lines[0]
    assert (line.budget_full_year, line.executed, line.execution_rate) == expected


def test_a_money_header_worded_by_its_site_converts_yuan():
    """heldout6 s010 (海南): the money header reads 资金构成(元), not 项目资金(元); its 元 still apply
    (30,000.00 元 is 3 万元, not 30000)."""
    text = (
        "海南省农垦实验中学2023年项目绩效自评表公开\n项目支出绩效自评表\n"
        "项目名称: 46000021T000000002749-学生事务补助 填报人: 李姣\n主管部门: 203-省教育厅 实施单位: 203045-省农垦实验中学\n"
        "资金构成(元) 年初预算数 全年预算数 执行数 分值 执行率(%) 得分\n"
        "资金总额: 120,000.00 120,000.00 30,000.00 10.00  25 2.5\n"
        "其中:财政资金: 0.00 0.00 0.00   0\n单位资金: 120,000.00 120,000.00 30,000.00   25\n"
    )
    report = built_text(text)
    assert [(p.name, p.amount) for p in report.projects] == [("学生事务补助", 3.0)]
