"""A project report whose money is one item of a list of funds with their money in one sentence
lists them all (projects:fund_list); a total and its parts is no such list. Texts are real
excerpts of corpus/pool (file named beside each), shortened."""
from __future__ import annotations

from .conftest import built_text


def projects_of(text: str) -> list[tuple[str, float | None, str]]:
    report = built_text(text)
    for p in report.projects:
        assert p.start is not None and p.end > p.start
    return [(p.name, p.amount, p.rule_id) for p in report.projects]


P0109 = (
    "预防控制重大疾病项目绩效自评报告\n一、专项概况\n(一)专项基本情况\n"
    "我中心的专项资金就是为了确保传染病、寄生虫病、地方病、非传染病等防治与掌控,突发性公共卫生事件应急处理"
    "等工作的顺利开展。\n(二)专项立项情况\n"
    "2022年财政预算我单位专项资金:国家不断扩大免疫系统规划经费36.4万元、非税\n"
    "成本17万元、农村饮用水项目监测6.4万元、疾病掌控等39.11万元。\n(三)专项绩效目标设定情况\n"
)

P0165 = (
    "龙南市园林绿化养护经费及城区行道树养护经费绩效评价报告一、项目概况为了推动城市园林绿化建设及林荫路的建设,"
    "改善生态环境,市财政根据龙补办下达的7号批复。2020年下达了园林绿化经费:514.56万元,行道树养护费:30.58万元。"
    "对全市绿化及行道树进行养护。二、绩效目标项目总体目标:绿化养护技术措施完善。"
)

# p0127: a total and its batches are one fund
P0127 = (
    "水污染防治资金绩效自评报告\n"
    "2021年11月9日广西财政厅收到《财政部关于提前下达2022年水污染防治资金预算的通知》(财资环〔2021〕103号),"
    "下达广西水污染防治资金共41470万元,其中第一批资金31374万元,第二批资金7096万元,第三批资金3000万元。"
    "同步下达年度总体目标:支持钦州市开展重点流域水污染防治。\n"
)


def test_the_funds_listed_with_their_money_are_the_projects():
    assert projects_of(P0109) == [
        ("国家不断扩大免疫系统规划经费", 36.4, "projects:fund_list"), ("非税成本", 17.0, "projects:fund_list"),
        ("农村饮用水项目监测", 6.4, "projects:fund_list"), ("疾病掌控", 39.11, "projects:fund_list"),
    ]
    assert projects_of(P0165) == [
        ("园林绿化经费", 514.56, "projects:fund_list"), ("行道树养护费", 30.58, "projects:fund_list"),
    ]


def test_a_total_and_its_parts_stay_one_project():
    assert [(n, a) for n, a, _ in projects_of(P0127)] == [("水污染防治资金", 41470.0)]


# p0164: the title names only the unit and 专项资金; the heading before the money names the fund
P0164 = (
    "莱西市园林管理处专项资金绩效评价报告\n"
    "一、基本情况(一)部门职能。负责城区公园及绿地的清扫保洁等养护管理工作。(二)部门组织机构及人员情况。"
    "园林处为差额事业单位,2018年底总编制人数92人,实有人数为75人。(三)2018年财政绿化包干经费:1080万元。"
    "二、社会效益\n"
)


def test_a_title_naming_only_unit_and_kind_takes_the_fund_its_heading_names():
    assert [(n, a) for n, a, _ in projects_of(P0164)] == [("财政绿化包干经费", 1080.0)]


def test_a_fund_joined_to_its_money_by_wei_is_listed_as_by_a_colon():
    # "A经费为514.56万元,B费为30.58万元": 为 joins each name to its money as ":" does (round 17)
    assert projects_of(P0165.replace("经费:514.56", "经费为514.56").replace("养护费:30.58", "养护费为30.58")) == [
        ("园林绿化经费", 514.56, "projects:fund_list"), ("行道树养护费", 30.58, "projects:fund_list"),
    ]


def test_one_funds_money_in_two_years_is_no_list():
    # heldout9 u015: "2023年度…衔接资金为64万元,2024年度…衔接资金为76万元" is one fund over two years
    text = ("海林市财政衔接推进乡村振兴补助资金项目绩效自评报告\n(一)县级履行支出责任情况\n"
            "2023年度县本级预算安排的衔接资金为64万元,2024年度县本级预算安排的衔接资金为76万元,指标评价得分7分。\n")
    found = projects_of(text)
    assert len(found) == 1 and found[0][0].endswith("财政衔接推进乡村振兴补助资金项目"), found
