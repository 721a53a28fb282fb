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
