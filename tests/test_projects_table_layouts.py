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


def _cell_line_cases(read: bool):
    return [pytest.param(t, w, id=case) for case, t, w in synth.cell_line_family()
            if synth.cell_line_missed(case) != read]


@pytest.mark.parametrize("text, want", _cell_line_cases(read=True))
def test_a_table_one_cell_a_line_with_bars_or_named_by_its_rows_is_read(text, want):
    # "1 |" lines, "| 1 |" lines, "|" lines between cells (pool p0135, p0236); a header naming no project
    # column (资金用途, 建设内容…) over rows that call themselves projects (…项目, …工程), numbered or in
    # piped or tabbed rows
    found = [(p.name, p.amount) for p in built_text(text).projects]
    assert synth.matched(found, want) == len(want) and len(found) == len(want), found


@pytest.mark.parametrize("sep", ["cell_bars", "boxed", "bar_lines", "lines"])
@pytest.mark.xfail(strict=True, reason="one cell a line, rows not numbered, a header naming no project column: "
                   "where the header begins is not marked, so no table is read (round 19)")
def test_an_unnumbered_table_one_cell_a_line_under_an_unknown_header(sep):
    text = synth.table_text("资金用途", ordinal="none", sep=sep)
    found = [(p.name, p.amount) for p in built_text(text).projects]
    want = [(n, float(a)) for n, _, _, a in synth.WORKS]
    assert synth.matched(found, want) == len(want), found


def test_the_unread_unnumbered_tables_give_no_wrong_project():
    # the known misses above read nothing rather than something wrong
    for _, text, want in [(c, t, w) for c, t, w in synth.cell_line_family() if synth.cell_line_missed(c)]:
        names = {n for n, _ in want}
        assert all(p.name in names for p in built_text(text).projects)


HEADER = ["序号", "项目名称", "建设地点", "建设内容", "金额(万元)"]


def test_a_row_under_a_merged_cell_is_aligned_by_its_figures():
    # the row lacks 建设地点 (merged above it): its name and money keep their places among its cells
    assert _aligned(HEADER, ["4", "中心小学校舍维修改造项目", "维修校舍", "66"], 1, 4) == (1, 3)
    # a full row is read as written; an ordinal in Han numerals stands under 序号
    assert _aligned(HEADER, ["1", "A项目", "张家村", "硬化道路", "120.5"], 1, 4) == (1, 4)
    assert _aligned(HEADER, ["四", "A项目", "维修校舍", "66"], 1, 4) == (1, 3)


def test_a_row_that_cannot_be_aligned_is_no_row():
    # words under the money column, or more columns lost than merged cells explain
    assert _aligned(HEADER, ["4", "A项目", "维修校舍", "城关镇"], 1, 4) is None
    assert _aligned(HEADER, ["A项目"], 1, 4) is None
    # two columns of words either side of the name: which was merged decides the name, so none is read
    header = ["序号", "主管部门", "项目名称", "建设地点", "金额(万元)"]
    assert _aligned(header, ["2", "某县农业农村局", "张家村道路硬化项目", "80"], 2, 4) is None


def test_an_undecidable_row_ends_the_table_without_a_guessed_name():
    text = (synth.TABLE_HEAD + "序号 | 主管部门 | 项目名称 | 建设地点 | 金额(万元)\n"
            "1 | 某县农业农村局 | 张家村道路硬化项目 | 张家村 | 120.5\n"
            "2 | 某县水利局 | 李庄河道综合治理工程 | 李庄村 | 80\n"
            "3 | 某县住建局 | 城区污水管网建设项目 | 45.6\n" + synth.CLOSING)
    found = [(p.name, p.amount) for p in built_text(text).projects]
    assert found[:2] == [("张家村道路硬化项目", 120.5), ("李庄河道综合治理工程", 80.0)]
    assert all(name != "某县住建局" for name, _ in found)


def test_a_rate_column_is_no_money_column():
    # 单位:万元 above a table whose only figures are rates: 执行率 is no column of money
    text = (synth.TABLE_HEAD + "单位:万元\n序号 | 项目名称 | 执行率\n1 | 张家村道路硬化项目 | 98\n"
            "2 | 李庄河道综合治理工程 | 100\n" + synth.CLOSING)
    assert not [p for p in built_text(text).projects if p.amount in (98, 100)]


def test_a_money_column_left_of_the_names_fails_nothing():
    # one cell a line under 单位:万元, 资金用途 read as the money column and 资金 as the names: no cell
    # after the name is under the money (round 17 raised IndexError here and lost the document)
    report = built_text(synth.table_text("资金用途", "资金", unit="line", sep="lines"))
    assert report.unit_name == "某县农业农村局"


@pytest.mark.parametrize("stem, want", [("w004", ("永嘉县巽宅镇山区共同富裕样板区建设项目", 500.0)),
                                        ("w005", ("温州市第二职业中等专业学校迁建工程", 19000.0))])
def test_a_project_reports_one_row_table_gives_its_project(stem, want):
    # heldout13 w004, w005: a bond evaluation table one cell a line, 序号 … 发行金额(亿元), one numbered row
    text = (ROOT / "corpus" / "heldout13" / f"{stem}.txt").read_text(encoding="utf-8")
    assert [(p.name, p.amount) for p in built_text(text, f"{stem}.txt").projects] == [want]


def test_a_department_reports_one_row_table_is_no_list():
    # outside a project report a table needs [table] min_rows rows
    text = ("某县教育局2023年度部门整体支出绩效自评报告\n序号\n项目名称\n金额(万元)\n1\n张家村道路硬化项目\n120.5\n"
            + synth.CLOSING)
    assert not [p for p in built_text(text).projects if p.rule_id == "projects:table"]


def test_a_header_cell_after_the_name_column_is_no_projects_name():
    # a table one cell a line whose rows were lost: 项目名称 then 发行金额(亿元) is a header, not a field and
    # its value (round 17 named the project "发行")
    text = (ROOT / "corpus" / "heldout13" / "w004.txt").read_text(encoding="utf-8").replace("\n1\n", "\n")
    assert all(p.name != "发行" for p in built_text(text, "w004.txt").projects)


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
