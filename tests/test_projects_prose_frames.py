"""Round 20: what heldout10 and heldout11 (blind until this round) showed about projects named in prose.

- an evaluation's object is named in "对 X <what of it> 进行/开展了自评", whatever it looks at: any run of
  words ending in 情况 ([macros.aspects]), not a fixed list (heldout10 v002, v007);
- money passed on in full after 已 ("已…及时足额拨付资金66.86万元") is executed ([[labels.class]] executed);
- a list item's head closed by a colon names it ("1、档案管理项目资金:2016年县财政安排30万元", heldout11 w008);
- a name ends before the basis written after it ("…项目根据(泸财预…)追加的…", heldout11 w003);
- fields written as a sentence end at ", label:" ("项目名称:X,项目实施地点:…") and the money of another
  fund's own clause is no item's (heldout10 v010);
- "X经费项目" is looked for as "X经费" beside its money (heldout4 q016).
"""
import itertools

import pytest

from .conftest import ROOT, built_text

NAMES = ("城区排水管网改造工程项目", "冷链物流中心建设项目(一期)", "农村饮水安全巩固提升工程", "残疾人事业发展补助资金",
         "义务教育学生营养改善计划")
ASPECTS = ("", "的", "执行情况", "实施情况", "投入和使用情况", "绩效目标完成情况等", "预算执行和绩效目标实现情况")
VERBS = ("进行了自评", "开展了绩效自评", "开展绩效评价", "进行绩效自评")
OPENERS = ("我单位对", "为强化资金管理,我局对")
BODY = "\n二、执行情况\n年度预算100万元,实际支出80万元,执行率80%。\n三、存在的问题\n无。"


def _projects(text: str, name: str = "x.txt") -> list[tuple[str, float | None]]:
    return [(p.name, p.amount) for p in built_text(text, name).projects]


@pytest.mark.parametrize("name, aspect, verb, opener", list(itertools.product(NAMES, ASPECTS, VERBS, OPENERS)))
def test_an_evaluations_object_names_the_project_whatever_it_looks_at(name, aspect, verb, opener):
    # an excerpt that lost its title (it opens at 一、自评结论), the project named only by the evaluation's object
    text = f"一、自评结论\n{opener}{name}{aspect}{verb},自评得分92分。{BODY}"
    assert _projects(text) == [(name, 80.0)]


@pytest.mark.parametrize("sentence", [
    "我单位对项目资金使用情况进行了检查,自评得分92分。",  # no evaluation, no name
    "我局组织人员力量对全局2023年市级部门专项资金和预算项目资金开展了绩效自评工作。",  # a unit's whole budget
    "我单位对资金投入情况、绩效目标完成情况等进行了自评。",  # what it looks at, no name
])
def test_no_object_named_no_project(sentence):
    assert _projects(f"一、自评结论\n{sentence}{BODY}") == []


H10, H11 = ROOT / "corpus" / "heldout10", ROOT / "corpus" / "heldout11"


def _real(folder, stem: str) -> list[tuple[str, float | None]]:
    return _projects((folder / f"{stem}.txt").read_text(encoding="utf-8"), f"{stem}.txt")


def test_money_passed_on_in_full_is_executed():
    # heldout10 v002's opening: "对城镇老旧小区改造及配套工程项目资金投入情况、绩效目标完成情况等进行了自评" and
    # "区级年初预算200万元专项资金,已严格按合同约定和施工进度及时足额拨付资金66.86万元": the 66.86 paid out, not
    # the 200 budgeted
    text = ("一、绩效自评工作开展情况\n我中心对城镇老旧小区改造及配套工程项目资金投入情况、绩效目标完成情况等进行了自评。\n"
            "二、资金执行情况\n区级年初预算200万元专项资金,已严格按合同约定和施工进度及时足额拨付资金66.86万元,资金拨付进度100%。\n")
    assert _projects(text) == [("城镇老旧小区改造及配套工程项目资金", 66.86)]
    # counterexample: not yet paid in full (the budget stays the amount)
    assert _projects(text.replace("已严格按合同约定和施工进度及时足额拨付资金", "已按合同约定尚未足额拨付")) == [
        ("城镇老旧小区改造及配套工程项目资金", 200.0)]


def test_a_budgets_uses_named_as_projects_with_what_part_of_their_money():
    # heldout10 v002: "具体用于支付:①大石围小区提质改造项目工程尾款43.96万元,…;②…第二批次项目缺口资金105.04万元…;③…
    # 配套基础设施项目前期费用45万元…;④梅苑路老旧小区改造项目缺口资金6万" (the excerpt cut there); 43.96 + 105.04 +
    # 45 + 6 = the 200 budgeted: the report lists them ([listed.name_tail] cuts 工程尾款, 缺口资金, 前期费用)
    assert _real(H10, "v002") == [("大石围小区提质改造项目", 43.96), ("渌口区老旧小区提质改造第二批次项目", 105.04),
                                  ("渌口区杨家山片区老旧小区改造配套基础设施项目", 45.0), ("梅苑路老旧小区改造项目", 6.0)]


def test_a_real_projects_phase_and_what_was_evaluated():
    # heldout10 v007: "我单位对龙陵县勐糯镇冷链物流中心建设项目(一期)执行情况开展了自评"; "执行425万元"
    assert _real(H10, "v007") == [("龙陵县勐糯镇冷链物流中心建设项目(一期)", 425.0)]


def test_items_named_by_their_heads_before_a_colon():
    # heldout11 w008: "1、档案管理项目资金:2016年县财政安排30万元…;2、县档案馆建设项目资金:2016年县财政拨款427.36万元"
    assert _real(H11, "w008") == [("档案管理项目", 30.0), ("县档案馆建设项目", 427.36)]


def test_a_name_ends_before_its_basis():
    # heldout11 w003: "项目3:人力资源和社会保障专项补助资金项目根据(泸财预〔2021〕464 号)追加的…"; its last line, cut with
    # the excerpt ("项目1:云南省农村贫困妇女两癌检查救助项目救助患“两癌”的农村贫"), names nothing whole
    found = [name for name, _ in _real(H11, "w003")]
    assert found == ["人力资源和社会保障专项补助资金项目", "泸西县妇女儿童关爱救助及维权项目"]


def test_a_field_in_a_sentence_and_another_funds_money():
    # heldout10 v010: "项目名称:海南省平山医院卫生健康发展专项资金项目,项目实施地点:…其中包括:1、…6.医院农疗基地扩建
    # 修缮工程\n,7.…。20xx年海南省平山医院卫生健康发展专项资金预算1110万元": the fund's budget, no item's
    assert _real(H10, "v010") == [("海南省平山医院卫生健康发展专项资金项目", 1110.0)]


def test_a_named_projects_money_written_without_its_project_word():
    # heldout4 q016 (traditional): "对2023年城乡义务教育补助经费项目实施情况开展了自评"; "全年下达城乡义务教育补助经费
    # 6153.46万元,其中中央专项资金4605万元,自治区专项资金963万元": the whole, not a part
    assert _real(ROOT / "corpus" / "heldout4", "q016") == [("城乡义务教育补助经费项目", 6153.46)]


def test_the_one_sum_a_project_report_states_is_its_projects():
    # heldout11 w012 (a spam mirror's synonyms): 项目名称:校园建设和设备采购 and one sum, "项目资产来源财政拨款600万元"
    assert _real(H11, "w012") == [("校园建设和设备采购", 600.0)]
    # heldout6 s028: its one sum under a heading, "四、资金额度\n6万元"
    assert _real(ROOT / "corpus" / "heldout6", "s028") == [("2024年睢县孤儿助学项目", 6.0)]


@pytest.mark.parametrize("folder, stem", [("heldout4", "q026"), ("pool", "p0245")])
def test_a_sum_of_something_else_is_no_projects_money(folder, stem):
    # q026: "威胁财产6671万元" (property at risk); p0245: a document site's price "[人民币15元]"
    assert all(amount is None for _, amount in _real(ROOT / "corpus" / folder, stem))


def test_a_project_called_by_its_quoted_name():
    # heldout10 v008 (an essay site): "下达三亚市业余体育学校的经常性项目“教学管理”,我校主管部门为…"
    assert [name for name, _ in _real(H10, "v008")] == ["教学管理"]


def test_a_title_spaced_letter_by_letter_glued_to_its_first_heading():
    # heldout11 w005: "2016 年 妇 女 儿 童 发 展 专 项 资 金 绩 效 评 价 报 告一、项目基本情况": the space before 告
    # is letter-spacing, not a cell's border (it had named the project "…绩效评价报")
    assert _real(H11, "w005") == [("妇女儿童发展专项资金", 1000.0)]
