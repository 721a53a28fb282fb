"""The one project of a project report, read generally: the synthetic family of
scripts/synth_projects.py (titles in every order, bracketed and broken names, chrome before the
title, 项目名称 cells in every flattening, a subject sentence, a project's parts listed with money)
has known truth, and the reader gets each layout right; the mechanisms behind it (fields.py,
evidence.py) on real phrasings of corpus/pool."""
from __future__ import annotations

import pytest

from extractor.interpret.projects.evidence import list_stands
from extractor.interpret.projects.fields import cell_value, field_values
from extractor.model import Project

from .conftest import built_text, by_layout, load_script
from .test_projects import make_report

synth = load_script("synth_projects")

def _read(text: str):
    return built_text(text, "sp.txt")


@pytest.mark.parametrize("layout", synth.LAYOUTS)
def test_every_text_of_a_layout_gives_its_one_project(layout):
    # every text of the family, layout by layout. The first family (144 texts): 95 right before
    # fields.py and evidence.py, 139 with them; of the family of 315 (dashes, quotes, version marks,
    # portal chrome, 项目全称, codes, forms, money in seven ways, parts under a title naming the project
    # once added), 122 of its first 198 with the code before this work, all of them now
    for file, text, truth in by_layout(synth.family())[layout]:
        report = _read(text)
        assert [(p.name, p.amount) for p in report.projects] == [(truth["name"], truth["amount"])], file


def test_the_family_is_fixed_and_its_truth_is_in_its_text():
    fam = synth.family()
    assert fam == synth.family() and len({f for f, _, _ in fam}) == len(fam)
    for _, text, truth in fam:
        assert truth["name"] in text
        assert truth["amount"] is None or f"{truth['amount']:.2f}" in text


# ------------------------------------------------------------------ 项目名称 cells
@pytest.mark.parametrize("text, value", [
    ("项目名称 | 农村公路养护 | 项目单位 | 新化县教育局 |", "农村公路养护"),  # pipes
    ("项目名称\n农村公路日常养护项目\n主管部门\n永安市民政局", "农村公路日常养护项目"),  # one cell a line
    ("项目名称\n|\n国家基本公共卫生服务项目\n|\n主管部门", "国家基本公共卫生服务项目"),  # p0135
    # p0019 (traditional mirror, glued cells): the value ends where the next label starts
    ("2019年农村集体产权制度改革经费项目绩效自评价报告项目名称:农村集体产权制度改革经费项目单位:新绛县农村经济管理中心主管部门",
     "农村集体产权制度改革经费"),
    ("项目名称农村公路日常养护项目主管部门临湘市水利局", "农村公路日常养护项目"),  # spaces deleted
    # the cells the removed subject rules field_line / form_name read (汨罗, 岳阳 covers; 临湘 glued form)
    ("项目名称    森林防火专项\n", "森林防火专项"),
    ("项目名称       低票价运营补贴                                    \n项目单位", "低票价运营补贴"),
    ("项目名称公共文化服务体系运行保障经费项目单位临湘市", "公共文化服务体系运行保障经费"),
    ("项目名称 村专职委员工作补贴 项目单位 遵化市残疾人联合会", "村专职委员工作补贴"),
])
def test_a_name_cell_is_read_in_every_flattening(text, value):
    assert [v for v, _, _ in field_values(text)] == [value]
    (v, start, end), = field_values(text)
    assert text[start:end] == v


@pytest.mark.parametrize("text", ["项目名称 | 项目单位 | 主管部门 |", "2、项目名称、项目基本性质、用途和主要内容\n","项目名称为2022年西平县蔡寨乡蔡寨村养殖业基地建设项目", "子项目名称\n"])
def test_an_empty_cell_a_sentence_or_a_row_label_names_nothing(text):
    assert field_values(text) == []


def test_a_value_glued_to_the_next_label_is_cut_there():
    assert cell_value("农村公路养护项目单位临湘市交通运输局") == "农村公路养护"
    assert cell_value("单位食堂改造项目") == "单位食堂改造项目"


# ------------------------------------------------------------------ a list in a project report
def _items(*amounts: float) -> list[Project]:
    return [Project(ordinal=i + 1, name=f"第{i + 1}项工程", amount=a, rule_id="projects:named_items")
            for i, a in enumerate(amounts)]


def test_a_list_stands_on_a_cue_counting_projects():
    # p0162: "我局2023年项目支出共13个,…包括:城乡居民养老保险州级财政配套专项资金3727.00万元、…"
    report = make_report("我局2023年项目支出共13个,年初预算数16972.44万元,包括:A经费3727.00万元、B经费143.83万元。", "project")
    assert list_stands(report, _items(3727.0, 143.83))


def test_a_list_stands_when_its_items_add_up_to_a_stated_total():
    # p0144: "共安排支出项目4个,即…120万元、…,共219万元" (the sum is stated)
    report = make_report("A经费120万元、B经费59万元、C经费40万元,合计219万元。", "project")
    assert list_stands(report, _items(120, 59, 40))


def test_a_project_reports_parts_with_money_are_no_list():
    # p0020-like: a project's works, each with money, adding to no stated amount, no cue
    report = make_report("1.挡墙工程,投资20万元。2.陀螺场工程,投资15万元。全年执行数50万元。", "project")
    assert not list_stands(report, _items(20, 15))
    # the same in a department report is its list
    assert list_stands(make_report("1.挡墙工程,投资20万元。2.陀螺场工程,投资15万元。", "department"), _items(20, 15))


def test_parts_under_a_title_naming_the_project_give_the_project():
    text = ("临湘市水利局2022年度小型水库除险加固工程绩效自评报告\n一、项目基本情况\n"
            "2022年小型水库除险加固工程安排预算资金300万元,全年执行数280.00万元,执行率93.33%。\n"
            "(一)村组道路硬化工程,完成投资103.60万元,硬化道路3公里。\n(二)排水沟渠修建工程,完成投资51.80万元。\n")
    assert [(p.name, p.amount) for p in _read(text).projects] == [("小型水库除险加固工程", 280.0)]


def test_a_title_naming_no_project_keeps_its_list():
    # p0108-like (共青团武威市委): a generic title, two items each with money: the list stands
    text = ("共青团武威市委2020年度项目支出绩效评价自评报告\n三、项目资金使用及管理情况\n"
            "1.青少年管理事务工作经费。该项目财政拨入资金30万元,支出资金30万元。\n"
            "2.共青团武威市第四次代表大会费用。该项目财政拨入资金30万元,支出资金30万元。\n")
    assert len(_read(text).projects) == 2


def test_a_cue_far_from_the_list_is_no_evidence_for_it():
    # a count of the unit's projects in its overview, then a project's parts with money much later
    head = "我局2023年项目支出共13个,年初预算数16972.44万元。" + "项目实施以来,进展顺利。" * 40
    tail = "1.挡墙工程,投资20万元。2.陀螺场工程,投资15万元。"
    report = make_report(head + tail, "project")
    at = len(head)
    items = _items(20, 15)
    items[0].start, items[0].end = at, at + 12
    items[1].start, items[1].end = at + 13, at + 26
    assert not list_stands(report, items)
    items[0].start = 10  # the list opening right after the cue
    assert list_stands(report, items)
