"""A sum the text splits into named projects (scripts/synth_project_lists.py ``split_family``): under a
title naming one fund, "共收到…资金246.1万元,安排A项目120.5万元、B项目80万元、C项目45.6万元" lists three
projects, because their money adds up to the sum the text states. The counterexamples keep one
project's parts (works, budget lines) and items that add up to nothing stated as that one project."""
import pytest

from .conftest import ROOT, built_text, load_script

synth = load_script("synth_project_lists")


@pytest.mark.parametrize("text, want", [pytest.param(t, w, id=case) for case, t, w in synth.split_family()])
def test_a_stated_sum_split_into_named_projects_lists_them(text, want):
    found = [(p.name, p.amount) for p in built_text(text).projects]
    assert synth.matched(found, want) == len(want) and len(found) == len(want), found


def _one_project(text: str) -> list[tuple[str, float]]:
    return [(p.name, p.amount) for p in built_text(text).projects]


def test_works_of_one_project_stay_its_parts():
    # 工程 items adding up to the project's money: one project's works (the [evidence] comment's example)
    items = (("土地平整工程", 80), ("灌溉与排水工程", 50), ("田间道路工程", 20))
    assert _one_project(synth.split_text("fund", "yong_yu", items=items)) == [("衔接推进乡村振兴补助资金项目", 150.0)]


def test_budget_lines_of_one_project_stay_its_parts():
    items = (("人员培训经费", 50), ("设备购置费", 196.1))
    assert _one_project(synth.split_text("fund", "yong_yu", items=items)) == [("衔接推进乡村振兴补助资金项目", 246.1)]


def test_projects_adding_up_to_nothing_stated_are_no_split():
    # the fund received 300万元 and three projects name 246.1 of it: nothing says the report is theirs
    found = _one_project(synth.split_text("fund", "an_pai", total=300))
    assert found == [("衔接推进乡村振兴补助资金项目", 300.0)]


def test_a_total_opening_a_list_is_no_item():
    # four or more projects with money stand as a list alone (evidence.works_list); the clause before them
    # stating their sum is their total, not a fifth project
    items = synth.SPLIT + (("中心小学校舍维修改造项目", 66),)
    found = _one_project(synth.split_text("generic", "an_pai", items=items))
    assert sorted(found) == sorted((n, float(a)) for n, a in items)


@pytest.mark.parametrize("text, want", [pytest.param(t, w, id=case) for case, t, w in synth.few_family()])
def test_two_or_three_named_projects_in_a_report_naming_none_are_its_projects(text, want):
    found = [(p.name, p.amount) for p in built_text(text).projects]
    assert synth.matched(found, want) == len(want) and len(found) == len(want), found


def test_the_budget_of_projects_counted_is_no_list_of_them():
    # dev d001: "年初批复预算8个项目985万元…,调整预算后项目预算861.46万元" — a count and a budget stage, no names
    text = (synth.SPLIT_TITLES["generic"] + "一、基本情况\n2024年,年初批复预算8个项目985万元(含1个年初结转结余项目50万元),"
            "调整预算后项目预算861.46万元。" + synth.CLOSING)
    assert _one_project(text) == []


def test_items_that_do_not_call_themselves_projects_are_no_list():
    # the uses of a unit's money ("办公设备购置12万元、人员培训8万元"): parts, not projects
    text = (synth.SPLIT_TITLES["generic"] + "一、项目基本情况\n2023年,资金主要用于办公设备购置12万元、人员培训8万元。"
            + synth.CLOSING)
    assert _one_project(text) == []


DEPARTMENT = [pytest.param(t, w, id=case, marks=[pytest.mark.xfail(strict=True, reason=synth.DEPARTMENT_MISSES[case.split("-")[1]])]
                           if case.split("-")[1] in synth.DEPARTMENT_MISSES else [])
              for case, t, w in synth.department_split_family()]


@pytest.mark.parametrize("text, want", DEPARTMENT)
def test_a_departments_project_spending_split_into_projects_lists_them(text, want):
    found = [(p.name, p.amount) for p in built_text(text).projects]
    assert synth.matched(found, want) == len(want) and len(found) == len(want), found


def test_a_departments_budget_lines_adding_up_are_no_projects():
    # 基本支出 + 项目支出 = the total: budget lines, no item calls itself a project
    text = ("某县疾病预防控制中心2020年度部门整体支出绩效自评报告\n一、基本情况\n2020年度我中心共计支出3307.77万元,"
            "其中基本支出1680.11万元,项目支出1627.66万元。\n" + synth.CLOSING)
    assert _one_project(text) == []


H13 = ROOT / "corpus" / "heldout13"


def _real(stem: str) -> list[tuple[str, float]]:
    return [(p.name, p.amount) for p in built_text((H13 / f"{stem}.txt").read_text(encoding="utf-8"), f"{stem}.txt").projects]


def test_a_real_departments_project_spending_split_into_projects():
    # heldout13 w001 (traditional characters): 项目支出1627.66万元, four projects each 占 its share, one with a
    # bracketed note on its money
    assert _real("w001") == [("重大公共卫生及基本公共卫生项目", 216.85), ("新冠疫情防控项目", 722.8),
                             ("疾控中心实验室能力提升项目", 678.01), ("疾控大楼建设项目", 10.0)]


def test_a_real_list_of_funds_by_town():
    # heldout13 w008: eight towns' subsidies with their money, names as the simplified text writes them
    found = _real("w008")
    assert len(found) == 8 and found[0] == ("白脑包镇补助资金", 10.0) and sum(a for _, a in found) == 118
