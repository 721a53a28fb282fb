"""Round 21: a department's statement table flattened to lines, read as a grid (facts/grid.py).

- rows under a header naming the columns (two years; 上年/本年; 预算/决算): the label takes this year's
  actual figure, never the year before's;
- a header of labels with the figures on the line under it: each label takes the figure under it;
- a single figure after its label, set apart by a blank, under a table's stated unit ([binding.spaced_amount]).
Cells set apart by bars, tabs or blanks (blanks between Han characters are removed by normalization and
kept as gaps). Known truth: the synthetic rows below; counterexamples read nothing.
"""
import itertools

import pytest

from .conftest import built_text

TITLE = "2023年度某县民政局部门整体支出绩效自评报告\n一、部门基本情况\n(一)收支情况"
ROWS = (("收入合计", "total_income"), ("财政拨款收入", "fiscal_appropriation"), ("支出合计", "total_expenditure"),
        ("基本支出", "basic_expenditure"), ("项目支出", "project_expenditure"))
THIS_YEAR = (1234.56, 1200.0, 1230.0, 800.0, 430.0)
HEADERS = {  # the columns, and which one is this year's actual
    "two_years": (("2022年", "2023年"), 1),
    "prior_this": (("上年决算数", "本年决算数"), 1),
    "three_stages": (("上年决算数", "本年预算数", "本年决算数"), 2),
    "budget_actual": (("年初预算数", "全年预算数", "全年决算数"), 2),
    "year_stages": (("2023年预算数", "2023年决算数"), 1),
}
SEPARATORS = {"bars": " | ", "blanks": " ", "tabs": "\t", "wide": "    "}
UNITS = ("单位:万元\n", "(单位:万元)\n", "金额单位:万元\n")


def _facts(text: str) -> dict[str, float]:
    """The facts read, each from its own label: a total derived from its parts (基本支出 + 项目支出) is not read."""
    return {f.key: f.value for f in built_text(text).facts if "." not in f.key and not f.rule_id.startswith("derived:")}


def _row(sep: str, cells) -> str:
    line = sep.join(str(c) for c in cells)
    return f"| {line} |" if sep == " | " else line


def _grid(header: tuple[str, ...], col: int, sep: str) -> str:
    lines = [_row(sep, ("项目", *header))]
    for (label, _), value in zip(ROWS, THIS_YEAR):
        figures = [f"{value - 100 * (len(header) - k):.2f}" for k in range(len(header))]
        figures[col] = f"{value:.2f}"
        lines.append(_row(sep, (label, *figures)))
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("shape, sep, unit", list(itertools.product(HEADERS, SEPARATORS, UNITS)))
def test_rows_under_a_header_take_this_years_actual_figure(shape, sep, unit):
    header, col = HEADERS[shape]
    text = f"{TITLE}\n{unit}{_grid(header, col, SEPARATORS[sep])}"
    assert _facts(text) == {key: v for (_, key), v in zip(ROWS, THIS_YEAR)}


@pytest.mark.parametrize("sep, unit", list(itertools.product(SEPARATORS, UNITS)))
def test_a_header_of_labels_gives_each_the_figure_under_it(sep, unit):
    s = SEPARATORS[sep]
    text = (f"{TITLE}\n{unit}{_row(s, [label for label, _ in ROWS])}\n"
            f"{_row(s, [f'{v:.2f}' for v in THIS_YEAR])}\n")
    assert _facts(text) == {key: v for (_, key), v in zip(ROWS, THIS_YEAR)}


@pytest.mark.parametrize("sep, unit", list(itertools.product(("blanks", "tabs", "wide"), UNITS)))
def test_one_figure_after_its_label_under_a_stated_unit(sep, unit):
    s = SEPARATORS[sep]
    rows = "\n".join(f"{label}{s}{v:.2f}" for (label, _), v in zip(ROWS, THIS_YEAR))
    assert _facts(f"{TITLE}\n{unit}{rows}\n") == {key: v for (_, key), v in zip(ROWS, THIS_YEAR)}


@pytest.mark.parametrize("header", [
    ("金额", "占比"),  # nothing names this year's column
    ("2021年", "2022年"),  # neither column is the report's year
    ("上年决算数", "上年预算数"),
])
def test_a_header_naming_no_column_of_this_year_reads_nothing(header):
    text = f"{TITLE}\n单位:万元\n{_grid(header, 1, ' | ')}"
    assert _facts(text) == {}


def test_rows_without_a_stated_unit_read_nothing():
    assert _facts(f"{TITLE}\n{_grid(('上年决算数', '本年决算数'), 1, ' | ')}") == {}


def test_a_row_of_two_figures_without_a_header_reads_nothing():
    text = f"{TITLE}\n单位:万元\n收入合计 1000.00 1234.56\n支出合计 990.00 1230.00\n"
    assert _facts(text) == {}


def test_a_header_of_labels_over_a_line_of_another_width_reads_nothing():
    text = f"{TITLE}\n单位:万元\n收入合计 财政拨款收入 支出合计\n1234.56 1200.00\n"
    assert _facts(text) == {}


def test_an_empty_cell_of_this_year_reads_nothing():
    text = f"{TITLE}\n单位:万元\n| 项目 | 上年决算数 | 本年决算数 |\n| 收入合计 | 1000.00 | - |\n"
    assert "total_income" not in _facts(text)


THREE_PUBLIC = (("“三公”经费", "three_public_total", 10.2), ("因公出国(境)费", "three_public_overseas", 0.0),
                ("公务用车购置及运行维护费", "three_public_vehicle", 7.2), ("公务接待费", "three_public_reception", 3.0))


@pytest.mark.parametrize("sep, change", list(itertools.product(SEPARATORS, ("增减", "增减率"))))
def test_three_public_lines_by_year_column_beside_a_change_column(sep, change):
    s = SEPARATORS[sep]
    rows = [_row(s, ("项目", "2022年", "2023年", change))]
    for label, _, v in THREE_PUBLIC:
        delta = f"{v - (v + 1.5):.1f}" if change == "增减" else "-12.8%"
        rows.append(_row(s, (label, f"{v + 1.5:.1f}", f"{v:.1f}", delta)))
    text = f"{TITLE}\n(单位:万元)\n" + "\n".join(rows) + "\n"
    assert _facts(text) == {key: v for _, key, v in THREE_PUBLIC}


@pytest.mark.parametrize("sep", SEPARATORS)
def test_staff_under_a_header_of_labels_beside_a_rate(sep):
    s = SEPARATORS[sep]
    text = f"{TITLE}\n{_row(s, ('编制人数', '实有人数', '控制率'))}\n{_row(s, ('45', '43', '95.56%'))}\n"
    assert _facts(text) == {"staff_authorized": 45, "staff_actual": 43}


def test_a_header_of_labels_over_several_rows_reads_nothing():
    text = f"{TITLE}\n单位:万元\n收入合计 财政拨款收入 支出合计\n1234.56 1200.00 1230.00\n234.56 200.00 230.00\n"
    assert _facts(text) == {}


@pytest.mark.parametrize("sep", SEPARATORS)
def test_a_grids_total_that_its_parts_do_not_make_is_a_finding(sep):
    # the statement's 支出合计 1230 against 基本支出 800 + 项目支出 400 = 1200: read from the grid, checked like prose
    s = SEPARATORS[sep]
    text = (f"{TITLE}\n单位:万元\n{_row(s, ('项目', '上年决算数', '本年决算数'))}\n{_row(s, ('支出合计', '990.00', '1230.00'))}\n"
            f"{_row(s, ('基本支出', '700.00', '800.00'))}\n{_row(s, ('项目支出', '290.00', '400.00'))}\n")
    found = [(f.rule, f.expected, f.actual) for f in built_text(text).findings if f.rule == "sum_mismatch"]
    assert len(found) == 1 and {found[0][1], found[0][2]} == {1230.0, 1200.0}


def test_a_grids_total_its_parts_make_is_no_finding():
    s = SEPARATORS["bars"]
    text = (f"{TITLE}\n单位:万元\n{_row(s, ('项目', '上年决算数', '本年决算数'))}\n{_row(s, ('支出合计', '990.00', '1200.00'))}\n"
            f"{_row(s, ('基本支出', '700.00', '800.00'))}\n{_row(s, ('项目支出', '290.00', '400.00'))}\n")
    assert [f.rule for f in built_text(text).findings if f.rule == "sum_mismatch"] == []
