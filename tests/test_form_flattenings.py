"""Forms of pages we had not tuned to, one test a flattening family (bench/forms_coverage.py found
them): a whole form glued into one cell of a page's table, a label's unit and figure broken onto the
next cell, header labels an OCR misread, a budget row glued into one run under them, a transfer form
that lost its title, a project form's label → value funds, rows glued to their labels. Real excerpts
from corpus/ (findings, heldout, heldout2, heldout3: not the blind sets) and a synthetic national
form with known truth, flattened by gluing its cells."""
from __future__ import annotations

import pytest

from extractor.interpret.forms.cells import Cell
from extractor.interpret.forms.numbers import written_places
from extractor.interpret.forms.readings import is_run, run_cuts
from extractor.interpret.forms.templates import templates, vocabulary_all

from .test_form_templates import excerpt, facts, money, only_form, report_of


def form_facts(report) -> dict[str, float]:
    return {f.key: f.value for f in report.facts if f.source == "form"}


def spans_hold(report) -> None:
    for m in report.mentions:
        assert report.text[m.start:m.end] == m.raw
    for form in report.forms:
        for line in form.budget_lines:
            assert line.start is not None and line.end is not None and line.rule_id


def test_a_whole_form_glued_into_one_cell_of_a_page_table():
    """findings f001 (宣城, traditional mirror): 内容概述 | …自评表(2023年度)转移支付(项目)名称…年度资金总额:
    1484631.00%其中:中央财政资金10200%地方资金4646100%…: 148 | 46 | 31.00% (46 ÷ 148 = 31.08: the
    written .00 is a format), 102 | 0 | 0% (nothing spent), 46 | 46 | 100%."""
    r = report_of(excerpt("findings/f001.txt", 1, 5))
    f = only_form(r)
    assert f.template == "transfer" and f.status == "read"
    lines = {line.line: money(line)[1:3] + money(line)[4:5] for line in f.budget_lines}
    assert lines == {"年度资金总额": (148, 46, 31), "中央财政资金": (102, 0, 0), "地方财政资金": (46, 46, 100)}
    assert {k: form_facts(r)[k] for k in ("budget_full_year", "budget_executed", "execution_rate")} == {
        "budget_full_year": 148, "budget_executed": 46, "execution_rate": 31}
    spans_hold(r)


def test_a_label_unit_and_its_figure_broken_onto_the_next_cell():
    """heldout2 g021 / heldout3 k008 (文库 DOCX as text): 自评总分 | (分)97.6部门联系人… → the form's total."""
    assert only_form(report_of(excerpt("heldout2/g021.txt"))).total_score == 97.6
    r = report_of(excerpt("heldout3/k008.txt"))
    assert only_form(r).total_score == 97.93 and form_facts(r)["self_score"] == 97.93


def test_ocr_misread_header_labels_and_a_glued_first_row():
    """heldout h020 (银川, OCR'd DOCX): 自评得分98财政审…, 年度资金总额 | 年初预匏数调整预算将,A、 | 全年执行数(B)
    | 执行率(B/A) | 64.864.864.8100%: two misread labels, and the row cut where 执行率 = 执行数 ÷ 预算数."""
    r = report_of(excerpt("heldout/h020.txt", 1, 2))
    f = only_form(r)
    assert f.total_score == 98
    [line] = f.budget_lines
    assert (line.line, line.budget_initial, line.budget_full_year, line.executed, line.execution_rate) == (
        "年度资金总额", 64.8, 64.8, 64.8, 100)
    assert r.text[line.start:line.end] == "64.864.864.8100%"
    assert [(p.name, p.amount) for p in r.projects] == [("初中公用经费", 64.8)]
    spans_hold(r)


def test_ocr_header_labels_are_labels_with_one_character_wrong_and_nothing_else():
    v = vocabulary_all()
    assert v.ocr_budget_cols("年初预匏数调整预算将,A、") == ["budget_initial", "budget_full_year"]
    assert v.ocr_budget_cols("全年执仃数(B)") == ["executed"]
    # counterexamples: a word of the form that is no label (pool p0087 预算执行情况), a label as
    # written (the lexicon's), a cell with a figure
    assert v.ocr_budget_cols("预算执行情况") == [] and v.ocr_budget_cols("全年执行数") == []
    assert v.ocr_budget_cols("年初预匏数100") == []


def test_p0087_budget_pairs_are_not_taken_for_a_misread_header():
    """pool p0087 (四川, one cell a line): 预算执行情况 | 预算数: | 2.38 | 执行数: | 2.38 stays a pairs budget."""
    r = report_of(excerpt("pool/p0087.txt"))
    assert facts(r)["budget_executed"] == 2.38 and facts(r)["budget_full_year"] == 2.38


def test_a_transfer_form_that_lost_its_title():
    """findings f015 (四川 甘孜, pipes): the excerpt starts at "(2021年度) |"; the markers make the form."""
    r = report_of(excerpt("findings/f015.txt", 1, 12))
    f = only_form(r)
    assert (f.template, f.title, f.project_name) == ("transfer", None, "重大传染病防治项目")
    assert {k: form_facts(r)[k] for k in ("budget_full_year", "budget_executed", "execution_rate")} == {
        "budget_full_year": 811.54, "budget_executed": 811.54, "execution_rate": 100}
    spans_hold(r)


def test_a_project_form_with_label_value_funds():
    """findings f014 (海南 服务贸易项目绩效自评表, one cell a line): 计划投资额 | (万元) | 570 | 实际到位资金 |
    (万元) | 398.88 | 实际使用情况(万元) | 395.86 fill the total line (no budget grid)."""
    r = report_of(excerpt("findings/f014.txt", 25, 110))
    f = only_form(r)
    assert f.template == "project"
    [line] = f.budget_lines
    assert (line.budget_full_year, line.executed) == (570, 395.86)
    assert form_facts(r)["budget_executed"] == 395.86


NATIONAL = [
    "项目支出绩效自评表", "(2023年度)", "项目名称农村公路日常养护项目", "主管部门某县交通运输局实施单位某县公路事务中心",
    "项目资金(万元)年初预算数全年预算数全年执行数分值执行率得分",
    "年度资金总额12501318.561262.411095.74%9.57",
    "其中:当年财政拨款12501318.561262.41—95.74%—",
    "上年结转资金000——", "其他资金000——",
    "年度总体目标预期目标实际完成情况", "完成全县农村公路日常养护已完成",
    "总分10097.57",
]


def test_a_national_form_glued_row_by_row():
    """Synthetic, known truth: each row of the national form glued (a DOCX saved as text): a label
    glued to its run, a placeholder dash between figures, three zeros glued (000 = 0 | 0 | 0)."""
    r = report_of("某县公路事务中心2023年度农村公路日常养护项目支出绩效自评报告\n附件\n" + "\n".join(NATIONAL) + "\n")
    f = only_form(r)
    assert f.project_name == "农村公路日常养护项目"
    lines = {line.line: money(line) for line in f.budget_lines}
    assert lines["年度资金总额"] == (1250, 1318.56, 1262.41, 10, 95.74, 9.57)
    assert lines["财政拨款"][:3] == (1250, 1318.56, 1262.41)
    assert lines["上年结转资金"][:3] == (0, 0, 0)
    got = form_facts(r)
    assert {k: got[k] for k in ("budget_initial", "budget_full_year", "budget_executed", "execution_rate")} == {
        "budget_initial": 1250, "budget_full_year": 1318.56, "budget_executed": 1262.41, "execution_rate": 95.74}
    assert [(p.name, p.amount) for p in r.projects] == [("农村公路日常养护项目", 1262.41)]
    spans_hold(r)


def test_a_national_form_glued_whole():
    """Synthetic: the same form with no line breaks at all."""
    r = report_of("某县公路事务中心2023年度农村公路日常养护项目支出绩效自评报告\n附件\n" + "".join(NATIONAL) + "\n")
    got = form_facts(r)
    assert (got["budget_full_year"], got["budget_executed"], got["execution_rate"]) == (1318.56, 1262.41, 95.74)


def test_runs_and_written_precision():
    assert written_places("31.00%") == 0 and written_places("95.74%") == 2 and written_places("100") == 0
    assert written_places("0.9574") == 4
    assert is_run("000") and not is_run("0") and not is_run("100")
    assert [[c.text for c in cut] for cut in run_cuts(Cell("000", 0, 3), 3)] == [["0", "0", "0"]]
    # a long run's right cut is found (the search spends its steps on cuts that exist)
    key = "12501318.561262.411095.74%9.57"
    assert ["1250", "1318.56", "1262.41", "10", "95.74%", "9.57"] in [
        [c.text for c in cut] for cut in run_cuts(Cell(key, 0, len(key)), 6)]


def test_a_yuan_form_glued_row_by_row():
    """Synthetic: the national form in 元 (项目资金(元)), rows glued: a 52-character run is cut too."""
    rows = [line.replace("(万元)", "(元)") for line in NATIONAL]
    rows[5] = "年度资金总额12500000.0013185600.0012624100.001095.74%9.57"
    r = report_of("某县公路事务中心2023年度农村公路日常养护项目支出绩效自评报告\n附件\n" + "\n".join(rows) + "\n")
    got = form_facts(r)
    assert (got["budget_initial"], got["budget_full_year"], got["budget_executed"]) == (1250, 1318.56, 1262.41)


PIPES = ("项目支出绩效自评表\n(2023年度)\n项目名称 | 农村公路日常养护项目\n"
         "项目资金(万元) | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分\n"
         " | 年度资金总额 | 1250 | 1318.56 | 1262.41 | 10 | 95.74% | 9.57\n"
         " | 其中:当年财政拨款 | 1250 | 1318.56 | 1262.41 | — | 95.74% | —\n")


def test_ocr_a_misread_line_label_and_a_rule_line_read_as_a_character():
    """Synthetic OCR damage: 年度资金总額 (one character wrong) still labels the total line; 全年执行数丨
    (a table rule read as 丨) still labels its column."""
    for text in (PIPES.replace("年度资金总额", "年度资金总額"), PIPES.replace("全年执行数", "全年执行数丨")):
        got = form_facts(report_of("附件\n" + text))
        assert (got["budget_full_year"], got["budget_executed"], got["execution_rate"]) == (1318.56, 1262.41, 95.74)
    v = vocabulary_all()
    assert v.ocr_budget_line("年度资金总額") == "年度资金总额" and v.ocr_budget_line("年度资金总额合计") is None
    assert v.ocr_budget_cols("全年执行数丨") == ["executed"] and v.ocr_budget_cols("全年执行数(B)") == []


def test_a_pdf_text_layer_that_wrote_labels_after_their_figures():
    """pool p0058 (上海 普陀, PDF mirror): 年初预算数 全年预算数 全年执行数 分值 执行率 得分 250000.00
    250000.00 215,457.6 10 8.62 250000.00 … — the first row's 执行率 is lost and the next row's figures
    follow; the placement where 得分 = 分值 × 执行数 ÷ 预算数 holds is the total line, and 项目资金 (元)
    written after the rows is still the form's money unit."""
    r = report_of(excerpt("pool/p0058.txt", 1, 2))
    first = r.forms[0]
    assert first.money_unit == "元"
    total = next(line for line in first.budget_lines if line.line == "年度资金总额")
    assert money(total) == (25, 25, 21.54576, 10, None, 8.62)
    assert r.text[total.start:total.end] == "250000.00 250000.00 215457.6 10 8.62"  # the normalizer drops thousands separators
    spans_hold(r)


def test_a_lost_rate_is_implied_by_the_row():
    """A row whose 执行率 cell is blank is still checked by 得分 = 分值 × 执行数 ÷ 预算数."""
    from extractor.interpret.forms.readings import row_score
    from extractor.interpret.forms.templates import templates

    project = next(t for t in templates() if t.id == "project")
    row = {k: Cell(v, None, None) for k, v in {"budget_full_year": "250000.00", "executed": "215457.6",
                                               "weight": "10", "score": "8.62"}.items()}
    assert row_score(project.constraints, row) == (1, 0)
    row["score"] = Cell("9.62", None, None)
    assert row_score(project.constraints, row) == (0, 1)


def test_column_labels_broken_over_three_lines():
    """Synthetic, one cell a line from a narrow PDF column: 年初 / 预算 / 数 (年初预算 alone is a label
    too) and 全年 / 执行 / 数 are one label each."""
    text = ("项目支出绩效自评表\n项目名称\n测试项目\n项目资金(万元)\n年初\n预算\n数\n全年预算数\n全年\n执行\n数\n"
            "分值\n执行率\n得分\n年度资金总额\n1250\n1318.56\n1262.41\n10\n95.74%\n9.57\n")
    got = form_facts(report_of("附件\n" + text))
    assert (got["budget_initial"], got["budget_full_year"], got["budget_executed"]) == (1250, 1318.56, 1262.41)


GLUED_HEAD = "附件\n项目支出绩效自评表\n项目名称农村公路养护项目\n项目资金(万元)年初预算数全年预算数全年执行数分值执行率得分\n"


def test_a_glued_row_short_of_the_header_takes_the_columns_its_arithmetic_agrees_with():
    """Synthetic rows glued under the national header (issue 13's examples): 880880100%10 is 880 |
    880 | 100% | 10 (全年预算数, 全年执行数, 执行率: not the first three columns); 50.247.6895.00% is
    50.2 | 47.68 | 95.00% (the cut with fewer figures among equally good ones); a run cuts a 0 only
    for nothing spent (102 | 0 | 0%); twelve glued digits are no amount."""
    # which budget column the one budget figure fills, 年初预算数 or 全年预算数, the arithmetic cannot
    # say (the rate is of 全年预算数, else of 年初预算数): refused, not guessed (readings.agreed)
    got = form_facts(report_of(GLUED_HEAD + "年度资金总额:880880100%10\n"))
    assert (got["budget_executed"], got["execution_rate"]) == (880, 100)
    assert "budget_full_year" not in got and "budget_initial" not in got
    got = form_facts(report_of(GLUED_HEAD + "年度资金总额:50.247.6895.00%\n"))
    assert (got["budget_executed"], got["execution_rate"]) == (47.68, 95)
    assert "budget_full_year" not in got and "budget_initial" not in got
    assert not form_facts(report_of(GLUED_HEAD + "年度资金总额120012001150\n其中:财政拨款120012001150\n"))
    cuts = [[c.text for c in cut] for cut in run_cuts(Cell("880880100%10", 0, 12), 6)]
    for cut in cuts:  # zeros only side by side as 0 | 0% (nothing spent)
        zeros = [i for i, x in enumerate(cut) if x.rstrip("%") == "0"]
        assert not zeros or (len(zeros) == 2 and cut[zeros[0]] == "0" and cut[zeros[0] + 1] == "0%")


def test_a_transfer_form_writing_its_budget_label_then_value_on_lines():
    """pool p0237 (遂宁 区域绩效目标自评表 2021, spaces between cells): 转移支付预算数(A) 5.8万 预算执行率(B/A)
    100% / 转移支付执行数(B) 5.8万: the pairs fill the total line, 万 written short, the rate with them."""
    r = report_of(excerpt("pool/p0237.txt", 1, 12))
    f = only_form(r)
    assert f.template == "transfer"
    [line] = f.budget_lines
    assert (line.budget_full_year, line.executed, line.execution_rate) == (5.8, 5.8, 100)
    assert {k: form_facts(r)[k] for k in ("budget_executed", "execution_rate")} == {
        "budget_executed": 5.8, "execution_rate": 100}
    spans_hold(r)


def test_a_second_project_form_glued_after_the_first_forms_total_row():
    """pool p0226 (淘文阁 mirror, every cell glued): two 项目支出绩效自评表 under one title, the second
    starting right after the first's 总分 row (…指标2:总分10098项目名称中青年演员培训经费主管部门…), with the
    header 全年执行 (数 left off): each form is read, with its project and its money."""
    r = report_of(excerpt("pool/p0226.txt"))
    assert [(f.template, f.project_name) for f in r.forms] == [
        ("project", "演出设备更新专项经费"), ("project", "中青年演员培训经费")]
    assert [(p.name, p.amount) for p in r.projects] == [("演出设备更新专项经费", 30), ("中青年演员培训经费", 40)]
    totals = [next(line for line in f.budget_lines if line.line == "年度资金总额") for f in r.forms]
    assert [(line.executed, line.execution_rate) for line in totals] == [(30, 100), (40, 100)]
    assert "self_score" not in form_facts(r)  # two projects of equal standing: no report-level score
    spans_hold(r)


def test_a_basic_data_title_glued_into_a_line_before_its_filling_unit_is_located():
    """pool p0238 (优知文库 mirror, one line): 1、部门整体支出绩效评价基础数据表填报单位:浏阳市… — the title glued
    mid-line before 填报单位 is where the basic-data form starts; a sentence naming it is not."""
    t = next(t for t in templates() if t.id == "basic_data")
    line = excerpt("pool/p0238.txt", 30, 30)
    [m] = list(t.locate.finditer(line))
    assert m.group() == "部门整体支出绩效评价基础数据表" and line[m.end():].startswith("填报单位")
    assert not list(t.locate.finditer("详见部门整体支出绩效评价基础数据表。"))


def test_a_basic_data_grid_glued_into_one_line():
    """pool p0238: staff 55 | 51 | 92.73% (控制率 = 实有 ÷ 编制), 三公经费 and 公用经费 by year column, in 元
    (单位:元 glued after the 填报单位): this year's 决算数 only, the 上年 column never a fact."""
    r = report_of(excerpt("pool/p0238.txt", 30, 30))
    assert form_facts(r) == {
        "staff_authorized": 55, "staff_actual": 51, "three_public_total": 0.2503, "three_public_vehicle": 0,
        "three_public_overseas": 0, "three_public_reception": 0.2503, "operating_expenditure": 51.8}
    spans_hold(r)
    for v in only_form(r).values:
        assert r.text[v.start:v.end] == ("92.73%" if v.unit == "%" else r.text[v.start:v.end]) and v.rule_id
    assert {r.text[f.start:f.end] for f in r.facts if f.source == "form"} == {"55", "51", "2503", "0", "518000"}


def test_a_synthetic_basic_data_grid_glued_into_one_line():
    """A basic-data grid with known truth, its cells glued into one line: each row's run is cut
    where the block's arithmetic agrees (控制率 = 实有 ÷ 编制; 三公经费 = Σ its lines by column); a
    row no arithmetic decides unambiguously stays unread."""
    line = ("2022年度部门整体支出绩效评价基础数据表填报单位:某县文化馆单位:元财政供养人员情况编制数"
            "2022年实际在职人数控制率403895%经费控制情况2021年决算数2022年预算数2022年决算数"
            "三公经费1201501401、公务用车购置和维护经费608070其中:公车购置000公车运行维护608070"
            "2、出国经费0003、公务接待607070公用经费1205政府采购金额")
    r = report_of(line + "\n")
    # 公务接待 alone: 60 | 70 | 70, 607 | 0 | 70 or 60 | 707 | 0; only the first makes 三公经费 the sum
    assert form_facts(r) == {
        "staff_authorized": 40, "staff_actual": 38, "three_public_total": 0.014, "three_public_vehicle": 0.007,
        "three_public_overseas": 0, "three_public_reception": 0.007}  # 公用经费 1 | 20 | 5 or 12 | 0 | 5: unread
    spans_hold(r)
    values = {(v.line, v.role, v.year): v for v in only_form(r).values}
    assert values[("三公经费", "final", 2021)].value == 0.012 and values[("三公经费", "final", 2021)].fact is None
    assert not any(line == "公用经费" for line, _, _ in values)
    for v in values.values():
        raw = r.text[v.start:v.end]
        assert v.rule_id and (raw == "95%" if v.unit == "%" else float(raw) in (v.value, v.value * 10000))


def test_a_national_project_form_that_lost_its_title():
    """heldout9 u003 (安徽, a portal page whose title is its 名称 field; spaced cells): the form's
    markers (项目名称 / 实施单位 / 年度资金总额 / 全年执行数 / 年度总体目标 / 三级指标) make it a project
    form, read whole before its indicator block is taken for an untitled indicator table."""
    r = report_of(excerpt("heldout9/u003.txt", 1, 40))
    f = only_form(r)
    assert (f.template, f.title, f.project_name) == ("project", None, "2023年杨楼社区特色种养殖补贴到户项目")
    assert {k: form_facts(r)[k] for k in ("budget_full_year", "budget_executed", "execution_rate")} == {
        "budget_full_year": 8.408, "budget_executed": 8.408, "execution_rate": 100}
    spans_hold(r)


def test_markers_under_another_kind_of_forms_title_are_that_forms():
    """pool p0135 (安徽 蒙城): a 项目支出绩效目标申报表 pasted under the narrative carries the project
    template's markers; it is no self-assessment form that lost its title, so no project form."""
    r = report_of(excerpt("pool/p0135.txt", 1, 120))
    assert all(f.template != "project" for f in r.forms)


def test_markers_under_another_kind_of_forms_title_inside_a_paragraph_on_one_line():
    """The same page laid out with its paragraphs on one line (scripts/perturb.py oneline): the
    申报表 title stands inside a line, still within reach of the markers."""
    lines = excerpt("pool/p0135.txt", 1, 120).splitlines()
    r = report_of(" ".join(lines[:40]) + "\n" + "\n".join(lines[40:]) + "\n")
    assert all(f.template != "project" for f in r.forms)
