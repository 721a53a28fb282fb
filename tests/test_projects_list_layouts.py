"""The synthetic family of project reports listing several projects (scripts/synth_project_lists.py):
every opening × layout reads exactly its five projects with their executed amounts, except the
known misses, which stay visible as strict xfails with their reason."""
import difflib
from pathlib import Path

import pytest

from .conftest import built_text, load_script

synth = load_script("synth_project_lists")
CASES = [pytest.param(text, want, id=f"{o}-{lay}",
                      marks=[pytest.mark.xfail(strict=True, reason=synth.KNOWN_MISSES[(o, lay)])]
                      if (o, lay) in synth.KNOWN_MISSES else [])
         for o, lay, text, want in synth.family()]


@pytest.mark.parametrize("text, want", CASES)
def test_list_layout_reads_every_project(text, want):
    found = [(p.name, p.amount) for p in built_text(text).projects]
    assert synth.matched(found, want) == len(want) and len(found) == len(want), found


NAMED = [pytest.param(text, want, id=f"count-{names}-{lay}",
                      marks=[pytest.mark.xfail(strict=True, reason=synth.NAMED_MISSES[lay])]
                      if lay in synth.NAMED_MISSES else [])
         for names, lay, text, want in synth.named_family()]


@pytest.mark.parametrize("text, want", NAMED)
def test_counted_list_reads_names_ending_in_any_word(text, want):
    # 共实施5个项目 and five items of one marker style, each with money: the names are projects
    # whatever word ends them (张家村道路硬化, 高龄老人津贴, 森林防火宣传)
    found = [(p.name, p.amount) for p in built_text(text).projects]
    assert synth.matched(found, want) == len(want) and len(found) == len(want), found


COUNTED_HEAD = "某县农业农村局2023年度项目支出绩效自评报告\n一、项目基本情况\n2023年,我局共实施{n}个项目,具体如下:\n"


def test_counted_items_take_their_spent_amount_not_the_budget():
    text = COUNTED_HEAD.format(n=2) + ("1.张家村道路硬化:预算50万元,实际支出48.5万元。\n"
                                       "2.李庄河道综合治理:预算30万元,实际支出30万元。\n二、绩效目标完成情况\n")
    assert [(p.name, p.amount) for p in built_text(text).projects] == [("张家村道路硬化", 48.5), ("李庄河道综合治理", 30)]


def test_counted_items_keep_the_marker_style_of_the_first():
    # the items' numbered paragraphs (1.项目概况, 2.资金使用情况) are no items; the last item's money
    # is read up to the next heading of its level or above (二、)
    text = COUNTED_HEAD.format(n=2) + ("(一)张家村道路硬化\n1.项目概况:修建道路2公里。\n2.资金使用情况:实际支出48.5万元。\n"
                                       "(二)李庄河道综合治理\n1.项目概况:治理河道3公里。\n2.资金使用情况:实际支出30万元。\n"
                                       "二、绩效目标完成情况\n群众满意度达95%,资金200万元已全部拨付。\n")
    assert [(p.name, p.amount) for p in built_text(text).projects] == [("张家村道路硬化", 48.5), ("李庄河道综合治理", 30)]


def test_a_count_that_the_items_do_not_match_lists_nothing_loose():
    # three items under a count of two: not the counted list; the names end in no project word, so
    # nothing else reads them either
    text = COUNTED_HEAD.format(n=2) + ("1.张家村道路硬化:实际支出48.5万元。\n2.李庄河道综合治理:实际支出30万元。\n"
                                       "3.城区污水管网建设:实际支出20万元。\n二、绩效目标完成情况\n")
    assert [p.name for p in built_text(text).projects] == []


def test_counted_items_without_money_need_project_words():
    # a count and two lines that are no names with money: a count of work done, not a list
    text = COUNTED_HEAD.format(n=2) + "1.严格执行资金管理办法,专款专用。\n2.加强项目日常监管,确保质量。\n二、绩效目标完成情况\n"
    assert [p.name for p in built_text(text).projects] == []


def test_plain_lines_under_a_count_are_its_items():
    text = COUNTED_HEAD.format(n=3) + "张家村道路硬化:48.5万元\n李庄河道综合治理:30万元\n城区污水管网建设:20万元\n二、绩效目标完成情况\n"
    assert [(p.name, p.amount) for p in built_text(text).projects] == [
        ("张家村道路硬化", 48.5), ("李庄河道综合治理", 30), ("城区污水管网建设", 20)]


def test_plain_lines_need_a_line_announcing_them():
    # the cue's line does not end in a colon: the lines after it are prose, not its items
    text = ("某县农业农村局2023年度项目支出绩效自评报告\n一、项目基本情况\n2023年,我局共实施3个项目。\n"
            "全年资金到位48.5万元\n支出30万元\n结余20万元\n二、绩效目标完成情况\n")
    assert [p.name for p in built_text(text).projects] == []


def test_a_tables_rows_keep_their_span_and_rule():
    text = next(t for o, lay, t, _ in synth.family() if (o, lay) == ("bare", "table_spaces"))
    report = built_text(text)
    assert {p.rule_id for p in report.projects} == {"projects:spaced_table"}
    for p in report.projects:
        assert p.name in report.text[p.start:p.end]


def test_parts_of_one_fund_are_no_works_list():
    # a fund's money split over towns: the items are not projects, the title's one project stands
    text = ("某县民政局2023年度困难群众救助补助资金项目支出绩效自评报告\n一、项目基本情况\n"
            "资金分配情况:城关镇120万元,河西镇80万元,东岭乡40万元,北山乡30万元。\n二、绩效目标完成情况\n")
    names = [p.name for p in built_text(text).projects]
    assert names == ["困难群众救助补助资金项目"], names


@pytest.mark.parametrize("stem", ["p0162", "p0265"])
def test_a_real_list_of_funds_stands_as_a_works_list_alone(stem):
    # the works-list reader alone (no cue, no other reader) gives every gold project of these
    # real project reports, each a unit's fund with its money
    import json

    from extractor.interpret.projects.listed import works_projects

    root = Path(__file__).resolve().parent.parent / "corpus" / "pool"
    gold = json.loads((root / "gold" / f"{stem}.json").read_text(encoding="utf-8"))["projects"]
    found = [(p.name, p.amount) for p in works_projects(built_text((root / f"{stem}.txt").read_text(encoding="utf-8")))]
    # the evaluation's match: names alike to 0.85 (difflib), the same amount
    missed = [g for g in gold if not any(
        difflib.SequenceMatcher(None, g["name"], n).ratio() >= 0.85 and a == g["amount_wan"] for n, a in found)]
    assert not missed and len(found) == len(gold), (missed, found)


DEPARTMENT_HEAD = ("长丰县水利局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n(一)部门预算情况\n"
                   "2023年度支出总计1450万元,其中:基本支出1000万元,项目支出450万元。\n")


@pytest.mark.parametrize("layout", ["colon_money", "yong_yu", "sentences"])
def test_a_department_reports_works_list_under_a_heading_about_its_projects_is_its_projects(layout):
    # a department report's funds with their money are budget lines, except under a heading about its projects
    text = DEPARTMENT_HEAD + "(二)项目支出情况\n" + synth.LAYOUTS[layout]() + synth.CLOSING
    found = [(p.name, p.amount) for p in built_text(text).projects]
    assert synth.matched(found, synth.truth()) == 5 and len(found) == 5, found


def test_a_department_reports_money_lines_elsewhere_are_budget_lines():
    text = DEPARTMENT_HEAD + "人员经费:800万元\n公用经费:200万元\n专项业务经费:300万元\n其他经费:150万元\n" + synth.CLOSING
    assert built_text(text).projects == []
    text = DEPARTMENT_HEAD + synth.LAYOUTS["colon_money"]() + synth.CLOSING  # the same list, no heading about projects
    assert built_text(text).projects == []


def test_a_counted_list_ends_at_a_heading_above_its_items():
    # heldout5 r001's shape: the list's 1、…4、 then "(二)…" and its own "1、数量指标": the count holds
    # for the four items, and their names (档案整理费, 失业保险政策宣传) need no project word
    text = ("南县就业服务中心2023年项目支出绩效自评报告\n一、项目基本情况\n(一)项目基本情况简介\n"
            "2023年参与绩效评价的项目共2个,项目支出10万元。具体如下:\n"
            "1、档案整理费5万元,主要用于档案整理方面;\n2、失业保险政策宣传5万元,主要用于失业保险政策宣传方面。\n"
            "(二)绩效目标设定及指标完成情况\n1、数量指标\n(1)失业保险参保总人数为21347人。\n")
    assert [(p.name, p.amount) for p in built_text(text).projects] == [("档案整理费", 5), ("失业保险政策宣传", 5)]


@pytest.mark.parametrize("names", sorted(synth.NAME_SETS))
@pytest.mark.parametrize("layout", ["numbered_lines", "headed_sections", "colon_money", "paren_arabic"])
def test_a_department_report_counting_its_projects_lists_them_whatever_their_names(names, layout):
    # "我局共实施5个项目,具体如下:" in a department report: the count vouches for the items as in a
    # project report (and outranks numbered items naming only four of them with a project word)
    text = next(t for k, lay, t, _ in synth.named_family() if (k, lay) == (names, layout))
    text = DEPARTMENT_HEAD + text.split("\n", 2)[2]  # the department's head instead of the project report's title
    want = [(n, float(e)) for n, (_, b, e) in zip(synth.NAME_SETS[names], synth.PROJECTS)]
    found = [(p.name, p.amount) for p in built_text(text).projects]
    assert synth.matched(found, want) == 5 and len(found) == 5, found


def _table_text(name_head: str, spent_head: str, sep: str, budget_head: str = "预算数(万元)") -> str:
    rows = [["序号", name_head, budget_head, spent_head]]
    rows += [[str(i + 1), n, f"{b:g}", f"{e:g}"] for i, (n, b, e) in enumerate(synth.PROJECTS)]
    body = "\n".join(c for r in rows for c in r) if sep == "\n" else "\n".join(sep.join(r) for r in rows)
    return synth.OPENINGS["bare"] + body + synth.CLOSING


@pytest.mark.parametrize("sep", [" | ", "\t", "\n"], ids=["pipes", "tabs", "lines"])
@pytest.mark.parametrize("spent_head", ["执行数(万元)", "实际支出(万元)", "支出金额(万元)", "拨付金额(万元)", "完成投资(万元)",
                                        "已支付(万元)", "兑付资金(万元)", "发放金额(万元)", "使用资金(万元)"])
@pytest.mark.parametrize("name_head", ["项目名称", "名称", "资金名称", "专项名称", "项目(资金)名称"])
def test_a_project_table_reads_its_spending_column_under_any_usual_header(name_head, spent_head, sep):
    found = [(p.name, p.amount) for p in built_text(_table_text(name_head, spent_head, sep)).projects]
    assert synth.matched(found, synth.truth()) == 5 and len(found) == 5, found


@pytest.mark.parametrize("budget_head", ["预算支出数(万元)", "计划投资(万元)"])
def test_a_budget_column_is_no_spending_column(budget_head):
    # 预算支出数 and 计划投资 are budgets though they hold 支出 and 投资: the 执行数 column beside them is
    # the one read (were the budget taken for spending too, the first of the two would win)
    text = _table_text("项目名称", "执行数(万元)", " | ", budget_head)
    assert [p.amount for p in built_text(text).projects] == [e for _, _, e in synth.PROJECTS]


ANNOUNCED = ["2023年实施项目如下:", "2023年主要实施了以下项目:", "资金安排的项目如下:", "项目具体实施情况如下:"]
MARKED_LAYOUTS = ["numbered_lines", "headed_sections", "budget_then_executed", "yuan", "paren_arabic", "headed_nested",
                "numbered_sentence", "yi_shi_lines", "yi_shi", "di_yi"]


@pytest.mark.parametrize("layout", MARKED_LAYOUTS)
@pytest.mark.parametrize("cue", ANNOUNCED)
def test_a_line_announcing_projects_vouches_for_its_marked_items(cue, layout):
    # no count: the announcement, one marker style and each item's money make the items projects,
    # whatever word ends their names
    works = next(t for k, lay, t, _ in synth.named_family() if (k, lay) == ("works", layout))
    text = "某县财政局2023年度项目支出绩效自评报告\n一、项目基本情况\n" + cue + "\n" + works.split("\n", 3)[3]
    want = [(n, float(e)) for n, (_, b, e) in zip(synth.NAME_SETS["works"], synth.PROJECTS)]
    found = [(p.name, p.amount) for p in built_text(text).projects]
    assert synth.matched(found, want) == 5 and len(found) == 5, found


def test_a_line_announcing_money_is_no_list_of_projects():
    # 项目资金使用情况如下: announces the money's uses: the works under it are the project's parts
    works = next(t for k, lay, t, _ in synth.named_family() if (k, lay) == ("works", "numbered_lines"))
    text = "某县财政局2023年度项目支出绩效自评报告\n一、项目基本情况\n2023年项目资金使用情况如下:\n" + works.split("\n", 3)[3]
    assert [p.name for p in built_text(text).projects] == []


def test_an_announced_item_without_money_breaks_the_list():
    text = ("某县财政局2023年度项目支出绩效自评报告\n一、项目基本情况\n2023年实施项目如下:\n1.张家村道路硬化,实际支出48.5万元。\n"
            "2.李庄河道综合治理,正在实施。\n二、绩效目标完成情况\n")
    assert [p.name for p in built_text(text).projects] == []


MARKED = [pytest.param(text, want, id=f"{'inline' if inline else 'lines'}-{case}")
          for inline in (False, True) for case, text, want in synth.marked_family(inline)]


@pytest.mark.parametrize("text, want", MARKED)
def test_marked_items_read_one_a_line_or_run_into_one_line(text, want):
    # 1. 1、 (1) ① 一是 第一, 其一, marking items with their money, on their own lines or run into the line
    # that opens the list (a page that lost its line breaks): the same projects either way
    found = [(p.name, p.amount) for p in built_text(text).projects]
    assert sorted(found) == sorted(want), found


MARKED_HEAD = "某县交通运输局2023年度农村公路养护项目支出绩效自评报告\n一、项目基本情况\n"


@pytest.mark.parametrize("body", [
    # the budget's parts, not projects
    "项目资金安排:1.人员经费支出20万元;2.公用经费支出5万元。实际支出25万元。",
    # the works of the one project, no money each
    "主要建设内容:1.道路硬化2公里;2.修建排水沟500米;3.安装护栏300米。项目总投资120万元,实际支出118万元。",
    # funding sources
    "年初预算100万元,资金来源:1.中央资金60万元;2.省级资金30万元;3.县级配套资金10万元。实际支出98万元。",
    # the uses of the one project's money
    "该项目资金主要用于:1.路面修补项目40万元;2.桥梁维护工程30万元;3.安全设施项目28万元。项目实际支出98万元。",
])
def test_marked_parts_of_one_project_stay_its_parts(body):
    found = [(p.name, p.amount) for p in built_text(MARKED_HEAD + body + "\n二、绩效目标完成情况\n").projects]
    assert len(found) <= 1 and all(name == "农村公路养护项目" for name, _ in found), found


def test_numbers_out_of_order_mark_no_list():
    # "3." then "5.": numbers after commas in a sentence, not one list's marks
    text = ("某县交通运输局2023年度项目支出绩效自评报告\n一、项目基本情况\n"
            "全年完成投资情况:3.城区道路维修项目实际支出78万元;5.公园绿化提升项目实际支出50万元。\n")
    assert built_text(text).projects == []


def test_a_list_restarting_its_numbers_ends_where_they_restart():
    # "一是A…;二是B…。一是加强管理,二是…": the second 一是 opens another list (measures, not projects)
    text = ("某县交通运输局2023年度项目支出绩效自评报告\n一、项目基本情况\n2023年项目资金安排:一是城区道路维修项目,"
            "实际支出78万元;二是公园绿化提升项目,实际支出50万元。一是加强资金管理,二是强化监督,三是完善台账。\n")
    assert [(p.name, p.amount) for p in built_text(text).projects] == [("城区道路维修项目", 78), ("公园绿化提升项目", 50)]
