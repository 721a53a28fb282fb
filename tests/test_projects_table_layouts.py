"""Project tables however they are laid out (scripts/synth_project_lists.py ``table_family``): the
words of the headers, the columns between a name and its money, where the unit is stated, a total row
above or below the items, the ordinal column, columns after the money, the separator, and a merged
cell whose rows lack its column. Each case reads its four projects with their money and nothing else;
the counterexamples keep a rate from being money and an undecidable row from getting a guessed name."""
import pytest

from extractor.interpret.projects.tables import _aligned

from .conftest import ROOT, built_text, load_script

synth = load_script("synth_project_lists")


@pytest.mark.parametrize("text, want", [pytest.param(t, w, id=case) for case, t, w in synth.table_family()])
def test_a_project_table_reads_every_row_whatever_its_layout(text, want):
    found = [(p.name, p.amount) for p in built_text(text).projects]
    assert synth.matched(found, want) == len(want) and len(found) == len(want), found


@pytest.mark.parametrize("text", [pytest.param(t, id=case) for case, t in synth.uses_family()])
def test_a_column_that_names_no_project_gives_no_table(text):
    # 资金用途 over 道路硬化, 河道清淤…: one fund's uses; 项目名称及内容 over "name:works": where a name ends
    # is not marked. Neither is a list of projects, in any separator
    assert not built_text(text).projects


@pytest.mark.parametrize("text, want", [pytest.param(t, w, id=case) for case, t, w in synth.cell_line_family()])
def test_a_table_one_cell_a_line_with_bars_or_named_by_its_rows_is_read(text, want):
    # "1 |" lines, "| 1 |" lines, "|" lines between cells (pool p0135, p0236); a header naming no project
    # column (资金用途, 建设内容…) over rows that call themselves projects (…项目, …工程), numbered or not, in
    # every separator
    found = [(p.name, p.amount) for p in built_text(text).projects]
    assert synth.matched(found, want) == len(want) and len(found) == len(want), found


def test_an_unknown_header_is_not_stretched_over_a_caption():
    # a caption line above the header is no header cell: the header is as wide as the first row
    text = synth.table_text("资金用途", ordinal="none", sep="lines").replace("资金用途\n", "项目资金安排明细\n资金用途\n", 1)
    found = [(p.name, p.amount) for p in built_text(text).projects]
    assert found == [(n, float(a)) for n, _, _, a in synth.WORKS]


@pytest.mark.parametrize("text, want", [pytest.param(t, w, id=case) for case, t, w in synth.unstated_unit_family()])
def test_a_table_whose_unit_is_stated_nowhere_takes_the_unit_of_its_stated_sum(text, want):
    # rows of 120.5, 80, 45.6, 66 under a bare 金额: the text's 312.1万元 (or 3121000元, 0.03121亿元) is their
    # sum, so they are 万元; where no stated amount is their sum nothing says 元 or 万元, and no row is read
    report = built_text(text)
    if want:
        found = [(p.name, p.amount) for p in report.projects]
        assert synth.matched(found, want) == len(want) and len(found) == len(want), found
    else:
        assert not [p for p in report.projects if p.rule_id and p.rule_id.endswith("table")]


def test_a_column_label_after_the_name_header_names_no_project():
    # "项目名称 | 建设地点 | 金额": a header row whose table was not read (no unit, no sum); its 项目名称 is no
    # field, so no project is called 建设地点 (a project named so before round 19)
    text = synth.table_text("项目名称", "金额", middle="place", unit="none")
    assert all(p.name != "建设地点" for p in built_text(text).projects)


@pytest.mark.parametrize("text, want", [pytest.param(t, w, id=case) for case, t, w in synth.wrapped_family()])
def test_a_table_copied_from_a_pdf_is_read(text, want):
    # 金额 over "(万元)", 项目 over "名称" on a line of their own (a header wrapped in narrow columns), and
    # "1张家村道路硬化项目" (an ordinal glued to its name), under bars, tabs or spaces
    found = [(p.name, p.amount) for p in built_text(text).projects]
    assert synth.matched(found, want) == len(want) and len(found) == len(want), found


def test_a_glued_ordinal_is_no_figure_with_its_unit():
    from extractor.interpret.projects.table_cells import unglued
    header = ["序号", "项目名称", "金额(万元)"]
    assert unglued(["1张家村道路硬化项目", "120.5"], header) == ["1", "张家村道路硬化项目", "120.5"]
    # a year, a count or money opening the cell is no ordinal; a row as wide as its header is left alone
    assert unglued(["2023年道路硬化项目", "120.5"], header) == ["2023年道路硬化项目", "120.5"]
    assert unglued(["3个村道路硬化", "120.5"], header) == ["3个村道路硬化", "120.5"]
    assert unglued(["1", "张家村道路硬化项目", "120.5"], header) == ["1", "张家村道路硬化项目", "120.5"]


@pytest.mark.parametrize("text, want", [
    pytest.param(t, w, id=case, marks=[pytest.mark.xfail(strict=True, reason=(
        "the header of words alone (unit on a 单位: line) is run into the first row by normalization: lines "
        "of one width read as a wrapped sentence"))] if case in synth.GLUED_MISSES else [])
    for case, t, w in synth.glued_family()])
def test_a_row_whose_figures_are_written_together_is_cut_by_its_rate(text, want):
    # "120.5118.298.1%" under 预算数 | 执行数 | 执行率: 120.5 | 118.2 | 98.1%, the rate being 118.2 ÷ 120.5
    found = [(p.name, p.amount) for p in built_text(text).projects]
    assert synth.matched(found, want) == len(want) and len(found) == len(want), found


def test_a_glued_run_no_rate_decides_stays_whole():
    from extractor.interpret.projects.table_cells import figures_apart
    header = ["项目名称", "预算数(万元)", "执行数(万元)", "执行率"]
    # the rate pins the cut, and a rate holding more digits outranks one that holds by chance
    assert figures_apart(["A项目", "3029.598.33%"], header) == ["A项目", "30", "29.5", "98.33%"]
    # no rate column: 850830 may be 85 | 0830, 850 | 830, 8508 | 30…: nothing decides, the row stays whole
    assert figures_apart(["A项目", "850830"], ["项目名称", "预算数(万元)", "执行数(万元)"]) == ["A项目", "850830"]
    # a rate no cut makes hold: whole
    assert figures_apart(["A项目", "85083050.0%"], header) == ["A项目", "85083050.0%"]
