"""A budget row that left a cell blank (年初预算数 or 调整预算数 not filled, 分值/得分 empty on the 其中
lines): pipes keep the blank, but one cell a line, spaces or glued runs lose it, and the row holds
fewer figures than its header has columns. The placements of its figures into the columns (in
order) are judged by the form's arithmetic (执行率 = 全年执行数 ÷ 全年预算数, else 年初预算数; 得分 =
分值 × 执行率; 年度资金总额 = Σ its 其中 lines); two placements that fit equally and disagree leave
the disputed cell in no column (settle.py ``settle_open``, readings.agreed): refused, not guessed.
A real excerpt (heldout9 u012, development since round 12) and synthetic forms with known truth."""
from __future__ import annotations

import sqlite3
import sys
from dataclasses import replace

import pytest
from click.testing import CliRunner

from extractor.cli import cli
from extractor.interpret.forms.cells import Cell
from extractor.interpret.forms.readings import agreed

from .conftest import ROOT
from .test_form_templates import excerpt, money, only_form, report_of

sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "bench"))
from form_family import FIELDS, FLATTENINGS, close  # noqa: E402
from synth_forms import BLANKS, Variant, synth_variant  # noqa: E402

HEADER = "项目支出绩效自评表\n项目名称\n某项目\n项目资金\n(万元)\n年初预算数\n全年预算数\n全年执行数\n分值\n执行率\n得分\n"


def form_facts(report) -> dict[str, float]:
    return {f.key: f.value for f in report.facts if f.source == "form"}


def test_u012_a_blank_budget_cell_one_cell_a_line_is_refused_not_guessed():
    """heldout9 u012 (乐亭, 双随机抽查委托审计费): 年初预算数 | 调整预算数 | 全年执行数 | 分值 | 执行率 | 得分
    over "年度资金总额 / 30 / 30 / 10 / 100% / 99", one cell a line, the blank lost. 30 | 30 | 10
    under the first four columns: the rate puts a 30 in 全年执行数 and 10 in 分值, but which budget
    column holds the other 30 no constraint says (the gold reads no budget either); its 其中 line
    "30 / 30 / (blank) / 100%" the same. The disputed 30s are still the table's amounts."""
    text = excerpt("heldout9/u012.txt", 61, 93)
    r = report_of(text)
    f = only_form(r)
    total, grant = f.budget_lines[:2]
    assert money(total) == (None, None, 30, 10, 100, 99)
    assert (grant.budget_initial, grant.budget_full_year, grant.executed, grant.execution_rate) == (None, None, 30, 100)
    got = form_facts(r)
    assert (got["budget_executed"], got["execution_rate"]) == (30, 100)
    assert "budget_initial" not in got and "budget_full_year" not in got
    amounts = [m for m in r.mentions if m.kind == "table_amount"]
    assert [m.value for m in amounts] == [30] * 4  # every 30 of the two rows, placed or not
    for m in r.mentions:
        assert r.text[m.start:m.end] == m.raw
    assert all(line.rule_id and line.start is not None for line in f.budget_lines)


def test_a_short_row_whose_placements_fit_equally_is_not_guessed():
    """50 | 45 | 10 | 90% | 9 under six columns: 45 ÷ 50 = 90% and 10 × 90% = 9 hold with 50 in 年初预算数
    or in 全年预算数, and no 其中 line says which: the 50 is in no column."""
    r = report_of(HEADER + "年度资金总额\n50\n45\n10\n90%\n9\n")
    [line] = only_form(r).budget_lines
    assert money(line) == (None, None, 45, 10, 90, 9)


def test_the_pipes_keep_the_blank_and_nothing_is_open():
    """The same row with its blank kept ("| | 50 |"): the cell's place says 全年预算数."""
    head = "项目支出绩效自评表\n项目名称 | 某项目\n项目资金(万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分\n"
    r = report_of(head + "年度资金总额 |  | 50 | 45 | 10 | 90% | 9\n")
    [line] = only_form(r).budget_lines
    assert money(line) == (None, 50, 45, 10, 90, 9)


def test_the_column_sums_choose_where_the_row_cannot():
    """The total row's placements tie, its 其中 lines (complete, their rates holding) sum to 512 in
    全年预算数 and 479 in 年初预算数: 512 is 全年预算数."""
    rows = ("年度资金总额\n512\n472\n10\n92.19%\n9.22\n其中:当年财政拨款\n371\n404\n401\n—\n99.26%\n—\n"
            "上年结转资金\n108\n108\n71\n—\n65.74%\n—\n")
    r = report_of(HEADER + rows)
    total = only_form(r).budget_lines[0]
    assert money(total) == (None, 512, 472, 10, 92.19, 9.22)


def test_a_row_with_an_error_in_it_takes_the_placement_with_fewer_failures():
    """A 分值 cannot sit in a money column when the rate says otherwise: 30 | 30 | 10 | 100% | 10 never
    reads 10 as 全年执行数 (10 ÷ 30 is no 100%)."""
    r = report_of(HEADER + "年度资金总额\n30\n30\n10\n100%\n10\n")
    [line] = only_form(r).budget_lines
    assert (line.executed, line.weight, line.execution_rate, line.score) == (30, 10, 100, 10)


def test_agreed_keeps_what_equal_readings_share():
    a, b, w = Cell("30", 0, 2), Cell("30", 3, 5), Cell("10", 6, 8)
    one = {"budget_initial": a, "executed": b, "weight": w}
    two = {"budget_full_year": a, "executed": b, "weight": w}
    kept, unplaced = agreed([one, two], {"budget_initial", "budget_full_year", "executed"})
    assert kept == {"executed": b, "weight": w} and unplaced == [a]
    three = {"budget_initial": a, "executed": b, "score": w}  # 10 disputed between 分值 and 得分: no money
    kept, unplaced = agreed([one, three], {"budget_initial", "budget_full_year", "executed"})
    assert kept == {"budget_initial": a, "executed": b} and unplaced == []
    four = {"budget_initial": b, "executed": a, "weight": w}  # the same figures, the other 30 each time
    kept, unplaced = agreed([one, four], {"budget_initial", "budget_full_year", "executed"})
    assert kept == one and unplaced == []


def test_equal_figures_in_a_disputed_order_still_fill_the_column_they_agree_on():
    """30 | 30 | 30 | 100% under 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率: whichever 30 is the
    全年执行数, it is 30; which budget column is blank (and whether 30 is a 分值) stays open."""
    r = report_of(HEADER + "年度资金总额\n30\n30\n30\n100%\n")
    [line] = only_form(r).budget_lines
    assert (line.executed, line.execution_rate) == (30, 100)


@pytest.mark.parametrize("flattening", list(FLATTENINGS))
@pytest.mark.parametrize("blank", [b for b in BLANKS if b != "none"])
def test_synthetic_blank_cells_in_every_flattening(blank, flattening):
    """scripts/synth_forms.py's axis "blank" × every flattening of bench/form_family.py: the facts the
    form states are read (a blank 全年预算数: the rate is of 年初预算数, and the column sums say
    where the 年初预算数 is)."""
    for seed in range(2):
        text, want = synth_variant(seed, replace(Variant(), blank=blank))
        facts = {f.key: f.value for f in report_of(FLATTENINGS[flattening](text)).facts}
        for key in FIELDS:
            if key in want:
                assert close(facts.get(key), want[key]), (seed, key, facts.get(key), want[key])


# dev d005 (云南 永德, pipes), its first lines as published: the row shows two of three budget cells
D005_HEAD = (
    "2022年度项目支出绩效自评表 | 部门:临沧市永德县明朗中学 |\n"
    "| 公开14表 | 项目名称 | 义务教育营养改善计划专项资金 | 主管部门 | 永德县教育体育局 | 实施单位 | 永德县明朗中学 | 项目资金 (元) |\n"
    "| 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 | 年度资金总额 |\n"
    "| 387664.62 | 387664.62 | 10 | 100% | 10 | 其中:当年财政 拨款 |\n"
    "| 387664.62 | 387664.62 | — |\n"
    "| — | 上年结转 资金 |\n"
)


def test_a_refused_figure_is_stored_with_the_columns_it_could_be(tmp_path):
    """dev d005: the budget column of 387664.62 is refused, and the stored line says which columns
    the figure could be, so a reviewer sees the open question instead of a silent gap."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "d005.txt").write_text(D005_HEAD, encoding="utf-8")
    db = tmp_path / "p.db"
    assert CliRunner().invoke(cli, ["ingest", str(docs), "--db", str(db), "-j", "1", "--quiet"]).exit_code == 0
    rows = sqlite3.connect(db).execute(
        "select line, budget_initial, budget_full_year, executed, undecided from form_budget_lines").fetchall()
    total = next(r for r in rows if r[0] == "年度资金总额")
    assert total[1] is None and total[2] is None and total[3] == pytest.approx(38.766462)
    assert total[4] == "387664.62 → budget_full_year | budget_initial"
