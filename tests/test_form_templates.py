"""Form templates as data (patterns/forms/), the cell stream of every flattening, the arithmetic that
chooses among readings, and what forms yield — on excerpts of real pages kept in corpus/ (pool,
heldout2, heldout3: mined for layouts, never the blind sets heldout5-7).

Each excerpt is read the way the pipeline reads a text file (``build_report``), so the spaces that
normalization removes between Han characters are passed to the forms stage as cell boundaries.
"""
from __future__ import annotations

import dataclasses

import pytest

from extractor import rules, store
from extractor.errors import PatternError
from extractor.interpret.forms import constraints as cons
from extractor.interpret.forms.cells import Cell
from extractor.interpret.forms.readings import is_run, run_cuts
from extractor.interpret.forms.templates import templates
from extractor.model import Page, RawDocument, Table
from extractor.pipeline import build_report
from extractor.read.tables import render

from .conftest import ROOT

CORPUS = ROOT / "corpus"


def excerpt(path: str, first: int = 1, last: int | None = None) -> str:
    """Lines ``first``..``last`` (1-based, inclusive) of a real page kept in corpus/."""
    lines = (CORPUS / path).read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(lines[first - 1:last])


def report_of(text: str, tables: list[Table] | None = None):
    return build_report(RawDocument(path="excerpt.txt", format="txt", pages=[Page(1, text)], tables=tables or []))


def only_form(report):
    [form] = report.forms
    return form


def money(line) -> tuple:
    return (line.budget_initial, line.budget_full_year, line.executed, line.weight, line.execution_rate, line.score)


def facts(report) -> dict[str, float]:
    return {f.key: f.value for f in report.facts}


# ------------------------------------------------------------------ template files
def test_every_template_file_loads_with_its_rules_and_arithmetic():
    found = {t.id: t for t in templates()}
    assert {"project", "department", "transfer", "transfer_grid", "basic_data", "guangxi_basic_info",
            "hunan_project", "scores", "indicator_table"} <= set(found)
    for t in found.values():
        assert t.file == f"forms/{t.id}.toml" and t.source and t.expects
        for c in t.constraints:
            assert c.names(), c.id
    assert "forms/lexicon" in rules.all_files()
    project = found["project"]
    assert project.budget_order[:3] == ("budget_initial", "budget_full_year", "executed")
    assert project.line_parents["财政拨款"] == "年度资金总额"
    assert found["basic_data"].untitled_markers == 4
    rate = next(c for c in found["project"].constraints if c.id == "project.rate")
    assert rate.check({"execution_rate": 95.74, "executed": 1262.41, "budget": 1318.56}) is True
    assert rate.check({"execution_rate": 95.74, "executed": 1262.41}) is None  # not checked


@pytest.mark.parametrize("expr, message", [
    ("execution_rate executed", "needs =, >= or <="),
    ("rate = __import__('os')", "only min, max, sum, abs"),
    ("rate = executed[0]", "not allowed"),
])
def test_a_malformed_constraint_is_refused(expr, message):
    with pytest.raises(PatternError, match=message):
        cons.parse({"id": "x", "block": "budget", "expr": expr}, "patterns/forms/x.toml")


def test_a_constraint_of_zeros_checks_nothing():
    score = cons.parse({"id": "s", "block": "budget", "expr": "score = weight * min(execution_rate / 100, 1)"}, "t")
    assert score.check({"score": 0, "weight": 0, "execution_rate": 0}) is None
    assert score.check({"score": 9.57, "weight": 10, "execution_rate": 95.74}, tolerance=0.01) is True


# ------------------------------------------------------------------ each template on a real page
def test_project_form_with_spaces_between_cells_and_a_fraction_rate():
    """安徽 六安 裕安区 (pool p0134): cells separated by spaces, the header split over two lines
    (项目资金 … / (万元) …), 执行率 written as a fraction 0.958, the indicator header's cells on two
    lines (年度 / 指标值, 实际 / 完成值)."""
    f = only_form(report_of(excerpt("pool/p0134.txt")))
    assert (f.template, f.status, f.title) == ("project", "read", "市级文物保护专项经费绩效自评表")
    assert (f.project_name, f.unit_name, f.fiscal_year) == ("市级文物保护专项经费", "裕安区文化和旅游局", 2022)
    total, fiscal = f.budget_lines
    assert (total.line, money(total)) == ("年度资金总额", (29, 29, 27.8, 9, 95.8, 8))
    assert (fiscal.line, fiscal.executed) == ("财政拨款", 27.8)
    assert total.confidence is not None and f.confidence > 0.5
    names = [i.name for i in f.indicators]
    assert names[:3] == ["指标1:修缮建筑数量", "指标2:修缮建筑面积", "指标3:修缮级别"]
    area = f.indicators[1]
    assert (area.target_value, area.actual_value, area.unit, area.weight, area.score, area.met) == (
        6000, 6000, "平方米", 7, 7, True)
    passed = f.indicators[3]  # 验收通过率 100% | 95% | 6 | 5
    assert (passed.name, passed.actual_value, passed.met) == ("指标1:验收通过率", 95, False)


def test_department_form_in_pipe_rows():
    """贵州 绥阳县 (heldout2 g017): 部门整体支出绩效自评表 as pipe rows; 分值(10分) is the 分值 column,
    a row broken after its figures goes on in the next line."""
    f = only_form(report_of(excerpt("heldout2/g017.txt", 1, 9)))
    assert (f.template, f.unit_name) == ("department", "绥阳县太白镇人民政府")
    lines = {b.line: b for b in f.budget_lines}
    assert money(lines["年度资金总额"]) == (1172.55, None, 1268.72, 10, None, 10)
    assert (lines["基本支出"].budget_initial, lines["基本支出"].executed) == (985.19, 914.97)
    assert (lines["项目支出"].budget_initial, lines["项目支出"].executed) == (187.36, 353.75)


def test_transfer_form_one_cell_a_line_with_label_value_budget():
    """四川 遂宁 安居区 (pool p0087): 区域绩效目标自评表 one cell a line; the budget written as label →
    value cells (预算数: | 2.38 | 执行数: | 2.38), 自评得分's 100 moved past the other header cells."""
    r = report_of(excerpt("pool/p0087.txt", 3, 130))
    f = only_form(r)
    assert (f.template, f.project_name, f.department) == ("transfer", "食品监管补助资金", "市场监管总局")
    assert f.total_score == 100
    [total] = f.budget_lines
    assert (total.line, total.budget_full_year, total.executed) == ("年度资金总额", 2.38, 2.38)
    done = f.indicators[0]  # 已完成 | 已完成: the actual equals the target, no new row
    assert (done.name, done.target_text, done.actual_text, done.met) == (
        "指标1:食品安全监管人员培训", "已完成", "已完成", True)
    assert facts(r)["self_score"] == 100 and facts(r)["budget_executed"] == 2.38


def test_basic_data_grid_by_year_column():
    """湖南 益阳 (pool p0096): 部门整体支出绩效评价基础数据表 one cell a line. 编制数 / 实际在职人数 /
    控制率; 经费控制情况 under 2021年决算数 | 2022年预算数 | 2022年决算数: only this year's 决算数
    gives facts, the 2021 column never; the projects under 2专项资金(一个项一行) are items."""
    r = report_of(excerpt("pool/p0096.txt", 13, 125))
    f = only_form(r)
    assert (f.template, f.status) == ("basic_data", "read")
    by = {(v.block, v.line, v.role, v.period): v for v in f.values}
    assert by[("staff", "staff", "authorized", "current")].value == 52
    assert by[("staff", "staff", "control_rate", "current")].unit == "%"
    prior = by[("spending", "基本支出", "final", "prior")]
    assert (prior.value, prior.year, prior.fact) == (606.44, 2021, None)
    current = by[("spending", "基本支出", "final", "current")]
    assert (current.value, current.year, current.fact) == (719.99, 2022, "basic_expenditure")
    assert by[("spending", "公用经费", "final", "current")].parent == "基本支出"
    item = by[("spending", "春节向困难职工送温暖慰问资金", "final", "current")]
    assert (item.value, item.parent) == (300, "专项资金")
    got = facts(r)
    assert (got["staff_authorized"], got["staff_actual"]) == (52, 52)
    assert (got["total_expenditure"], got["basic_expenditure"], got["operating_expenditure"],
            got["project_expenditure"]) == (1342.49, 719.99, 95.86, 622.5)
    # 公务用车 3.33 | 7 | 2.74 = 公车购置 (blank) + 公车运行维护 3.33 | 7 | 2.74: the sum holds
    assert f.confidence > 0.8


def test_guangxi_basic_info_by_direction():
    """广西 贺州 (pool p0092): 部门整体支出绩效自评基础信息表, 按方向划分 | 资金使用方向 | 安排年度 |
    实际下达额度 | 实际支出金额 one cell a line; the header cell over the row labels is passed over
    and a row's two figures take the last two columns (安排年度 blank)."""
    r = report_of(excerpt("pool/p0092.txt", 1, 62))
    f = only_form(r)
    assert f.template == "guangxi_basic_info"
    spent = {v.line: v.value for v in f.values if v.role == "spent"}
    assert spent == {"基本支出": 2465.390098, "项目支出": 16469.959782}
    assert (facts(r)["basic_expenditure"], facts(r)["project_expenditure"]) == (2465.390098, 16469.959782)


def test_hunan_project_form_label_value_pairs():
    """湖南 汨罗市 (pool p0221): 财政支出项目绩效评价自评报告, 计划安排资金 | (万元) | 89 … one cell a
    line: the total line and the form's project."""
    r = report_of(excerpt("pool/p0221.txt", 1, 80))
    f = only_form(r)
    assert (f.template, f.project_name, f.unit_name) == ("hunan_project", "低票价运营补贴", "汨罗市城市公共汽车公司")
    [total] = f.budget_lines
    assert (total.budget_full_year, total.executed) == (89, 89)
    assert {v.role: v.value for v in f.values} == {"planned": 89, "received": 89, "spent": 89}
    assert [(p.name, p.amount) for p in r.projects] == [("低票价运营补贴", 89)]


def test_hainan_project_funds_one_cell_a_line():
    """海南 儋州市 (pool p0192): the same form's 二、项目资金情况(万元) as 计划投资 | 1963.18 | 实际到位 |
    1963.18 | 实际使用 | 1168.38, one cell a line, under a title no template names."""
    r = report_of(excerpt("pool/p0192.txt", 1, 122))
    f = only_form(r)
    assert f.template == "hunan_project"
    assert {v.role: v.value for v in f.values} == {"planned": 1963.18, "received": 1963.18, "spent": 1168.38}
    assert (facts(r)["budget_full_year"], facts(r)["budget_executed"]) == (1963.18, 1168.38)


def test_a_form_whose_title_the_page_lost_is_found_by_its_labels():
    """湖南 岳阳县 (heldout3 k004, a traditional-character mirror): the 财政支出项目绩效评价自评报告 cut
    before its title; four of the template's labels close together make the form."""
    r = report_of(excerpt("heldout3/k004.txt", 1, 60))
    f = only_form(r)
    assert (f.template, f.title, f.project_name) == ("hunan_project", None, "岳阳县农村公路养护")
    assert {v.role: v.value for v in f.values}["balance"] == 0 and facts(r)["balance"] == 0


def test_score_table_titled_as_a_self_assessment_form():
    """广东 (pool p0114): a 绩效评价自评表 laid out as a score table (序号 | 一级 | 二级 | 三级指标 | 指标分值 |
    指标解释 | 评分标准 | 自评得分): read by the scores template, its 序号 is no total."""
    f = only_form(report_of(excerpt("pool/p0114.txt", 1, 12)))
    assert f.template == "scores" and f.total_score is None
    assert f.indicators and f.indicators[0].level1 == "规划" and f.indicators[0].weight == 3


def test_transfer_grid_row_that_lost_a_blank_cell():
    """四川 雅安 (heldout3 k010): 行次 | 全年预算数(A) | 统筹整合资金数(B) | 扣除后(C) | 全年到位资金(D) |
    预算到位(D/C) | 全年执行资金(E) | 预算执行(E/C), a row wrapped over two lines with B blank: the
    arithmetic places the seven figures (C ≤ A, D/C and E/C as written)."""
    f = only_form(report_of(excerpt("heldout3/k010.txt", 1, 40)))
    assert f.template == "transfer_grid"
    total = f.budget_lines[0]
    assert (total.line, total.budget_full_year, total.executed, total.execution_rate) == ("年度资金总额", 52.8, 30.8, 58.33)
    beyond = {(v.line, v.role): v.value for v in f.values}
    assert beyond[("年度资金总额", "net_budget")] == 52.8 and beyond[("年度资金总额", "received_rate")] == 100
    assert ("年度资金总额", "consolidated") not in beyond  # B was blank


# ------------------------------------------------------------------ flattenings
def test_spaces_between_han_cells_removed_by_normalization_are_cell_boundaries():
    """山东 历城区 (pool p0115): "项目名称 商品和服务支出 主管部门 济南市历城区文化和旅游局" loses its
    spaces in normalization; the pipeline passes where they were, the fields are read apart; the
    indicator header's labels broken over lines (一级 / 指标) are joined."""
    r = report_of(excerpt("pool/p0115.txt", 1, 40))
    assert "项目名称商品和服务支出主管部门" in r.text
    f = only_form(r)
    assert (f.project_name, f.department, f.unit_name) == ("商品和服务支出", "济南市历城区文化和旅游局", "济南市历城区文化馆")
    assert f.fiscal_year == 2019
    total = f.budget_lines[0]
    assert money(total) == (45, None, 45, 10, 100, 10)
    first = f.indicators[0] if f.indicators[0].name == "全年免费开放" else f.indicators[1]
    assert (first.name, first.target_value, first.actual_value, first.weight, first.score) == ("全年免费开放", 100, 100, 12.5, 12.5)


def test_label_and_value_on_one_line_after_a_colon():
    """湖南 湘西州 (pool p0122): "项目单位: 湘西州民族宗教事务局"."""
    f = only_form(report_of(excerpt("pool/p0122.txt", 1, 90)))
    assert (f.template, f.unit_name) == ("hunan_project", "湘西州民族宗教事务局")
    assert f.budget_lines[0].budget_full_year == 343.85


def test_glued_run_split_by_the_arithmetic():
    """北京 海淀 (pool p0057): every cell glued; "年度资金总额:310.2154.741050%5" under 年初预算数(A) |
    全年执行数(B) | 分值(10分) | 执行率(B/A) | 得分 is 310.2 | 154.74 | 10 | 50% | 5 — the one cut where
    执行率 = B ÷ A and 得分 = 分值 × 执行率 hold; the 其中 line's "310.2154.74" takes the cut the column
    sum agrees with (年度资金总额 = Σ its 其中 lines)."""
    r = report_of(excerpt("pool/p0057.txt"))
    f = only_form(r)
    total, fiscal = f.budget_lines
    assert money(total) == (310.2, None, 154.74, 10, 50, 5)
    assert (fiscal.line, fiscal.budget_initial, fiscal.executed) == ("财政拨款", 310.2, 154.74)
    for line in (total, fiscal):
        assert r.text[line.start:line.end].startswith(("年度资金总额", "其中"))
    assert facts(r)["budget_executed"] == 154.74 and facts(r)["execution_rate"] == 50


def test_run_cuts_and_what_a_run_is():
    assert is_run("310.2154.741050%5") and is_run("21182118100%") and is_run("310.2154.74")
    assert not is_run("95.74%") and not is_run("1262.41") and not is_run("2022年")
    cuts = [[c.text for c in cut] for cut in run_cuts(Cell("194.9194.9100%", 10, 24), 3)]
    assert ["194.9", "194.9", "100%"] in cuts
    # figures without leading zeros: positive, or a bare 0 ("10200%": 102 | 0 | 0%, nothing spent)
    assert all(float(x.rstrip("%")) > 0 or x.rstrip("%") == "0" for cut in cuts for x in cut)
    assert ["102", "0", "0%"] in [[c.text for c in cut] for cut in run_cuts(Cell("10200%", 0, 6), 3)]
    assert not any(x.startswith("0") and x.rstrip("%") != "0" for cut in run_cuts(Cell("10200%", 0, 6), 3)
                   for x in (c.text for c in cut))
    cut = run_cuts(Cell("194.9194.9100%", 10, 24), 3)[0]
    assert [(c.start, c.end) for c in cut] == [(10, 10 + len(cut[0].text)), (cut[1].start, cut[1].end), (cut[2].start, 24)]


def test_a_hostile_glued_run_stays_cheap(monkeypatch):
    """A run of 40 digits under a wide header: the cuts are bounded (CUTS_MAX, STEPS_MAX). Counted
    as work, not timed: every cutting of a run returns at most CUTS_MAX readings, and the steps its
    search takes (the budget every level of the search shares) never run past STEPS_MAX."""
    from extractor.interpret.forms import readings

    budgets, results = {}, []
    cut, run_cuts = readings._cut, readings.run_cuts

    def watched_cut(key, lo, hi, n, budget, zeros=False):
        budgets[id(budget)] = budget  # the recursion calls the module's _cut: this one
        yield from cut(key, lo, hi, n, budget, zeros)

    def counted_cuts(*args, **kwargs):
        out = run_cuts(*args, **kwargs)
        results.append(len(out))
        return out

    monkeypatch.setattr(readings, "_cut", watched_cut)
    monkeypatch.setattr(readings, "run_cuts", counted_cuts)
    run = "1111111111111111111111111111111111.11%11"
    text = ("项目支出绩效自评表\n项目名称 测试\n项目资金(万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n"
            f"年度资金总额:{run}\n" * 20)
    report_of(text)
    assert results and budgets, "the hostile run was never cut: the test no longer exercises the bound"
    assert max(results) <= readings.CUTS_MAX
    # a search stops at the first step past its budget, one step a level of the search at most
    # (a level is a figure cut off, so at most one a character of the run)
    assert min(b[0] for b in budgets.values()) >= -len(run)
    assert any(b[0] <= 0 for b in budgets.values()), "no search reached its budget: the run is not hostile"


def test_incomplete_row_takes_the_columns_its_arithmetic_agrees_with():
    """A flattened row that lost two cells: 29 | 27.8 | 95.86% under 年初预算数 | 全年预算数 |
    全年执行数 | 分值 | 执行率 | 得分 is 全年预算数 and 全年执行数 (27.8 ÷ 29 = 95.86%), not 年初 and 全年."""
    text = ("项目支出绩效自评表\n项目名称 测试项目\n主管部门 某局 实施单位 某中心\n"
            "项目资金(万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n"
            "年度资金总额 30 29 27.8 10 95.86% 9.59\n其中:当年财政拨款 29 27.8 95.86%\n")
    f = only_form(report_of(text))
    fiscal = f.budget_lines[1]
    assert (fiscal.budget_initial, fiscal.budget_full_year, fiscal.executed, fiscal.execution_rate) == (
        None, 29, 27.8, 95.86)


# ------------------------------------------------------------------ unread forms
def test_a_form_that_cannot_be_read_is_kept_with_its_reason():
    """湖南 益阳 (pool p0096) cut before its figures: the 基础数据表 title on its own line and its
    labels, no figure — an unread form with the reason, never dropped; it gives no fact."""
    r = report_of(excerpt("pool/p0096.txt", 13, 20))
    f = only_form(r)
    assert (f.status, f.template, f.title) == ("unread", "basic_data", "2022年度部门整体支出绩效评价基础数据表")
    assert f.reason and f.values == [] and f.budget_lines == []
    assert not any(fact.rule_id and fact.rule_id.startswith("form:") for fact in r.facts)


def test_a_reader_table_that_opens_a_form_but_has_no_figures_is_unread():
    rows = [["项目支出绩效自评表"], ["项目资金(万元)", "年初预算数", "全年预算数", "全年执行数"],
            ["年度资金总额", "—", "—", "—"]]
    lines, spans = render(rows)
    r = report_of("\n".join(lines), [Table(0, None, rows, spans)])
    f = only_form(r)
    assert (f.status, f.template) == ("unread", "project")
    assert f.reason == "block headers found but no row under them could be read"


def test_a_title_in_a_sentence_is_no_unread_form():
    r = report_of("按照要求填写了项目支出绩效自评表,对项目资金的使用情况进行了梳理。\n项目名称 年初预算数\n")
    assert r.forms == []


# ------------------------------------------------------------------ tables and the store
def test_table_cells_are_read_at_their_spans_after_normalization():
    """A reader's table rendered with spaces between Han characters and full-width brackets: the
    pipeline maps each cell's span into Report.text, where the cell is read as normalized."""
    rows = [["项目名称", "农村 公路 养护"], ["主管部门", "某县 交通运输局", "实施单位", "某县 公路 中心"],
            ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "执行率"],
            ["年度资金总额", "100", "120", "114", "95%"]]
    before = "项目支出绩效自评表\n"
    lines, spans = render(rows, len(before))
    r = report_of(before + "\n".join(lines), [Table(0, None, rows, spans)])
    f = only_form(r)
    assert (f.project_name, f.department, f.money_unit) == ("农村公路养护", "某县交通运输局", "万元")
    line = f.budget_lines[0]
    assert r.text[line.start:line.end].startswith("年度资金总额") and line.table_index == 0 and line.row == 3


def test_new_form_columns_survive_the_store(tmp_path):
    r = report_of(excerpt("pool/p0096.txt", 13, 125))
    db = store.open_db(tmp_path / "forms.db")
    report_id = store.save_report(db, None, 0, r) if hasattr(store, "save_report") else None
    if report_id is None:
        from extractor.model import DocumentInfo, Extraction
        info = DocumentInfo(path="x.txt", file_name="x.txt", format="txt", pages=1, size_bytes=1, sha256="0")
        store.save_extraction(db, Extraction(info, [r]), "x.txt", size=1, mtime=0.0)
        report_id = db.execute("select id from reports").fetchone()[0]
    loaded = store.load_report(db, report_id).report
    [f] = loaded.forms
    assert (f.template, f.status, f.confidence) == ("basic_data", "read", r.forms[0].confidence)
    assert [dataclasses.astuple(v) for v in f.values] == [dataclasses.astuple(v) for v in r.forms[0].values]
    unread = report_of(excerpt("pool/p0096.txt", 13, 20))
    assert unread.forms[0].status == "unread"


def test_indicator_met_is_stored(tmp_path):
    r = report_of(excerpt("pool/p0134.txt"))
    from extractor.model import DocumentInfo, Extraction
    db = store.open_db(tmp_path / "met.db")
    info = DocumentInfo(path="x.txt", file_name="x.txt", format="txt", pages=1, size_bytes=1, sha256="0")
    store.save_extraction(db, Extraction(info, [r]), "x.txt", size=1, mtime=0.0)
    report_id = db.execute("select id from reports").fetchone()[0]
    loaded = store.load_report(db, report_id).report
    assert [i.met for i in loaded.forms[0].indicators] == [i.met for i in r.forms[0].indicators]
    assert {True, False} <= {i.met for i in r.forms[0].indicators}
