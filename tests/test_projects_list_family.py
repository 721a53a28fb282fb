"""A project report about several projects, written in the layouts real reports use: the list
stands against the title's one name when the text counts or announces its projects. Synthetic
texts with known truth."""
from __future__ import annotations

import pytest

from .conftest import built_text


TITLE = "某某县2023年度衔接推进乡村振兴补助资金项目绩效自评报告\n"
WANT = [("高标准农田建设项目", 80.0), ("农村人居环境整治项目", 50.0), ("农业产业化发展项目", 20.0)]
LAYOUTS = {
    "headings": "一、项目基本情况\n2023年,我局共实施项目3个,总投资150万元。\n(一)高标准农田建设项目\n该项目下达资金80万元。\n"
                "(二)农村人居环境整治项目\n该项目下达资金50万元。\n(三)农业产业化发展项目\n该项目下达资金20万元。\n",
    "numbered lines": "2023年衔接资金共安排项目3个:\n1.高标准农田建设项目,下达资金80万元;\n2.农村人居环境整治项目,下达资金50万元;\n"
                      "3.农业产业化发展项目,下达资金20万元。\n",
    "counted, 分别为": "2023年,我县衔接资金共支持3个项目,分别为高标准农田建设项目80万元、农村人居环境整治项目50万元、"
                     "农业产业化发展项目20万元。\n",
    "counted, 包括": "2023年,我县共实施3个建设项目,包括高标准农田建设项目80万元、农村人居环境整治项目50万元、农业产业化发展项目20万元。\n",
    "table": "序号 | 项目名称 | 资金(万元)\n1 | 高标准农田建设项目 | 80\n2 | 农村人居环境整治项目 | 50\n3 | 农业产业化发展项目 | 20\n",
    "table, one cell a line": "序号\n项目名称\n资金(万元)\n1\n高标准农田建设项目\n80\n2\n农村人居环境整治项目\n50\n3\n农业产业化发展项目\n20\n",
}


def projects(text: str) -> list[tuple[str, float | None]]:
    report = built_text(text)
    return [(p.name, p.amount) for p in report.projects]


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_a_counted_list_of_projects_is_read(layout):
    assert projects(TITLE + LAYOUTS[layout]) == WANT


def test_parts_of_one_project_without_a_count_give_the_one_project():
    """The same amounts as the works of one project, with no count of projects: the title's one."""
    text = ("某某县2023年度高标准农田建设项目绩效自评报告\n"
            "项目资金150万元,主要用于土地平整工程80万元、灌溉与排水工程50万元、田间道路工程20万元。\n")
    assert [name for name, _ in projects(text)] == ["高标准农田建设项目"]


COUNTED_NAMES = {
    "分别为 after the count": "2023年衔接资金共实施3个项目,分别为高标准农田建设项目、农村人居环境整治项目、农业产业化发展项目,资金150万元。\n",
    "等N个项目 after the names": "2023年衔接资金共实施高标准农田建设项目、农村人居环境整治项目、农业产业化发展项目等3个项目,资金150万元。\n",
    "numbered lines": "2023年衔接资金共安排项目3个:\n1.高标准农田建设项目;\n2.农村人居环境整治项目;\n3.农业产业化发展项目。\n项目资金共150万元。\n",
    "headings with their own lines": "2023年衔接资金共安排项目3个,项目资金150万元。\n(一)高标准农田建设项目\n新建农田1000亩。\n"
                                     "(二)农村人居环境整治项目\n改厕200户。\n(三)农业产业化发展项目\n扶持企业2家。\n",
}


@pytest.mark.parametrize("layout", sorted(COUNTED_NAMES))
def test_counted_names_without_money_each(layout):
    assert projects(TITLE + COUNTED_NAMES[layout]) == [(name, None) for name, _ in WANT]


def test_a_count_that_does_not_match_the_names_lists_nothing_of_them():
    text = TITLE + "2023年衔接资金共实施4个项目,分别为高标准农田建设项目、农村人居环境整治项目、农业产业化发展项目,资金150万元。\n"
    assert ("高标准农田建设项目", None) not in projects(text)


def test_counted_lines_with_their_own_money_need_no_project_word():
    """heldout5 r001 (南县就业服务中心): the count, then "具体如下:" ending a long line, then one marked line
    an item, each a name with its own money and a purpose; the names end in no project word (档案整理费,
    失业保险政策宣传), so the count and the money vouch for them."""
    text = ("南县就业服务中心2023年项目支出绩效自评报告\n一、项目基本情况\n"
            "南县就业服务中心2023年参与绩效评价的项目共4个,项目支出609.74万元。其中:财政拨款项目支出15万元,"
            "其他项目支出594.74万元。具体如下:\n1、档案整理费5万元,主要用于档案整理方面;\n"
            "2、失业保险政策宣传5万元,主要用于失业保险政策宣传方面;\n3、城乡就业工作经费5万元,主要用城乡就业工作开展方面;\n"
            "4、就业专项资金594.74万元,主要用于专项培训相关费用方面。\n(二)绩效目标设定及指标完成情况\n")
    assert projects(text) == [("档案整理费", 5.0), ("失业保险政策宣传", 5.0), ("城乡就业工作经费", 5.0), ("就业专项资金", 594.74)]


def test_counted_lines_without_money_each_still_need_project_words():
    """The same lines without money: nothing vouches for names without a project word."""
    text = ("某单位2023年项目支出绩效自评报告\n一、项目基本情况\n本单位2023年参与绩效评价的项目共3个,项目支出15万元,"
            "具体情况如下:\n1、档案整理,主要用于档案整理方面;\n2、政策宣传,主要用于宣传方面;\n3、业务培训,主要用于培训方面。\n")
    assert not {"档案整理", "政策宣传", "业务培训"} & {n for n, _ in projects(text)}
