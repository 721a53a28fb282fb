"""Round 22: figures of a report read from the clause that states them, families with known truth.

- Money spent, stated after its figure: the figure's money named after it ("2.5亿元政府专项债券资金"), a time
  ("在年内"), the money's arrival ("已到位,并…") and a verb of completion with 完成 ("已全额完成支付") or after 并
  ("并已支付") — the figure is the project's executed amount ([binding.after_comma], [macros.figure_money],
  budget_executed_after.3/.4). Not when another figure follows the verb, a part is paid, or the clause has a
  subject of its own.
- A spending verb's object naming the money as budgeted ("实际支付项目预算资金63.751万元") is spent money, not a
  budget (budget_executed_paid.1).
- An amount per head, month or unit of work (2592元/月, 300元/亩) is a rate: no total label takes it
  ([binding.per_unit]).
- Head counts: a count glued to its label at the end of its line ("实有人员20"), a school's 教职工, hires on
  contract (临聘编制) no 编制 ([binding.glued_count], staff_actual_weak.5, staff_authorized_weak.1).
- The self score got out of a stated full mark ("满分100分,实得98分"; self_score.15).
"""
import pytest

from .conftest import built_text

HEAD = "某县卫生健康局2023年度{}项目绩效自评报告\n一、项目基本情况\n"
PROJECTS = ("县人民医院门诊楼建设", "城区污水管网改造", "中心小学教学楼新建")


def facts(text: str) -> dict:
    return {f.key: f.value for f in built_text(text).facts}


# ------------------------------------------------------------------ money spent, stated after its figure
FIGURES = (("2.5亿元", 25000.0), ("3200万元", 3200.0), ("86.5万元", 86.5))
NOUNS = ("政府专项债券资金", "专项资金", "的补助资金", "")
TIMES = ("在年内", "于2023年12月底前", "截至年底", "目前")
VERBS = ("已全额完成支付", "已全部支付", "已全部使用完毕", "全部支出完毕")


@pytest.mark.parametrize("project", PROJECTS)
@pytest.mark.parametrize("figure", FIGURES)
@pytest.mark.parametrize("noun", NOUNS)
@pytest.mark.parametrize("time", TIMES)
@pytest.mark.parametrize("verb", VERBS)
def test_money_named_after_its_figure_then_spent_is_executed(project, figure, noun, time, verb):
    raw, value = figure
    text = HEAD.format(project) + f"2023年,该项目获批{raw}{noun},{time}{verb}。\n二、绩效目标完成情况\n项目按期推进。\n"
    assert facts(text).get("budget_executed") == value


@pytest.mark.parametrize("project", PROJECTS)
@pytest.mark.parametrize("figure", FIGURES)
@pytest.mark.parametrize("arrived", ("已到位", "已全部到位", "已足额到位"))
@pytest.mark.parametrize("verb", ("并已支付", "并已全部使用", "并已全额支付"))
def test_money_arrived_and_then_paid_is_executed(project, figure, arrived, verb):
    raw, value = figure
    text = HEAD.format(project) + f"2023年专项债{raw}{arrived},{verb}。\n"
    assert facts(text).get("budget_executed") == value


@pytest.mark.parametrize("project", PROJECTS)
@pytest.mark.parametrize("sentence", (
    "2023年专项债3200万元已到位,并已支付1200万元。",        # the verb's own figure: read by its label, not this one
    "2023年专项债3200万元已到位,并已支付部分工程款。",      # a part paid
    "2023年专项债3200万元已到位,已支付部分工程款。",
    "下达项目资金3200万元,其中中央资金2000万元,于年底前全部支出完毕。",  # a part's money
    "下达项目资金3200万元。目前已全部使用完毕。",            # another sentence
))
def test_a_verb_that_is_not_the_figures_does_not_take_it(project, sentence):
    assert facts(HEAD.format(project) + sentence + "\n").get("budget_executed") != 3200.0


@pytest.mark.parametrize("project", PROJECTS)
@pytest.mark.parametrize("verb", ("实际支付", "累计支付", "共支付"))
@pytest.mark.parametrize("obj", ("项目预算资金", "预算资金", "财政资金", "项目资金"))
def test_a_spending_verbs_object_named_as_budget_is_spent(project, verb, obj):
    text = HEAD.format(project) + f"2023年度收到项目预算资金64.246万元,{verb}{obj}63.751万元。\n"
    got = facts(text)
    assert got.get("budget_executed") == 63.751
    assert got.get("budget_full_year") != 63.751


# ------------------------------------------------------------------ a rate is no total
@pytest.mark.parametrize("project", PROJECTS)
@pytest.mark.parametrize("rate", ("2592元/月", "300元/亩", "1200元/人", "50元每人", "2.6万元/公里"))
@pytest.mark.parametrize("verb", ("发放", "支出", "共支出"))
def test_an_amount_per_unit_is_no_executed_amount(project, rate, verb):
    text = HEAD.format(project) + f"各村补助按标准{verb}({rate}),按季度拨付。\n"
    assert "budget_executed" not in facts(text)


@pytest.mark.parametrize("rate", ("2592元/月", "300元/亩"))
def test_the_total_beside_a_rate_is_still_read(rate):
    text = HEAD.format(PROJECTS[0]) + f"补助标准为{rate}。项目共支出资金120万元,执行率100%。\n"
    assert facts(text).get("budget_executed") == 120.0


# ------------------------------------------------------------------ head counts
UNITS = ("攀枝花市西区第一幼儿园", "某县实验小学", "某县疾病预防控制中心")


@pytest.mark.parametrize("unit", UNITS)
@pytest.mark.parametrize("label", ("实有人员", "实有人数", "在编在岗"))
@pytest.mark.parametrize("count", (20, 135))
def test_a_count_glued_to_its_label_closing_its_line(unit, label, count):
    text = f"{unit}2021年度部门整体支出绩效自评报告\n一、部门概况\n人员情况\n\n{unit}事业编制18个,{label}{count}\n\n(三)固定资产情况。\n"
    assert facts(text).get("staff_actual") == count


@pytest.mark.parametrize("unit", UNITS)
@pytest.mark.parametrize("count", (20, 135))
def test_a_count_that_a_sentence_goes_on_after_is_no_bare_count(unit, count):
    text = f"{unit}2021年度部门整体支出绩效自评报告\n一、部门概况\n{unit}实有人员{count}与上年相比未变动。\n"
    assert "staff_actual" not in facts(text)


@pytest.mark.parametrize("school", ("铁路第一小学", "某县第二中学", "实验幼儿园"))
@pytest.mark.parametrize("phrase", ("教职工{}人", "现有教职工{}人", "在职教职工{}名", "教职员工{}人"))
def test_a_schools_staff(school, phrase):
    text = (f"2022年度{school}整体支出绩效自评报告\n一、部门概况\n{school}始建于1973年。学校现有86个教学班,学生4767人,"
            f"{phrase.format(247)},其中高级教师23人。\n")
    assert facts(text).get("staff_actual") == 247


@pytest.mark.parametrize("school", ("铁路第一小学", "某县第二中学"))
def test_retired_staff_are_no_staff(school):
    text = f"2022年度{school}整体支出绩效自评报告\n一、部门概况\n学校有退休教职工52人。\n"
    assert "staff_actual" not in facts(text)


@pytest.mark.parametrize("hired", ("政府临聘编制", "临聘编制", "外聘编制"))
def test_hires_on_contract_are_no_authorized_posts(hired):
    text = f"某县幼儿园2021年度部门整体支出绩效自评报告\n一、部门概况\n某县幼儿园事业编制18个,{hired}2个,实有人员20人。\n"
    r = built_text(text)
    assert {f.key: f.value for f in r.facts}.get("staff_authorized") not in (2, 18)  # two kinds of post: no one total
    assert not [f for f in r.findings if f.rule == "staff_over_quota"]


# ------------------------------------------------------------------ the self score out of its full mark
@pytest.mark.parametrize("project", PROJECTS)
@pytest.mark.parametrize("phrase", ("(满分100分,实得{}分)", "满分100分,得分{}分", "总分100分,实得{}分", "满分为100分,自评得分为{}分"))
@pytest.mark.parametrize("score", (98, 86.5))
def test_the_score_got_out_of_the_full_mark(project, phrase, score):
    text = HEAD.format(project) + "二、自评基本结论" + phrase.format(score) + "\n"
    assert facts(text).get("self_score") == score


@pytest.mark.parametrize("phrase", ("产出指标满分20分,得分18分。", "实得18分。"))
def test_a_parts_score_is_no_self_score(phrase):
    assert "self_score" not in facts(HEAD.format(PROJECTS[0]) + phrase + "\n")


# ------------------------------------------------------------------ a score table's total row, its cells bare
ROWS = (("产出指标", "50", "{p}"), ("效益指标", "30", "30"), ("满意度指标", "20", "20"))


def _score_table(flat: str, score: float, header: str = "分值") -> str:
    part = round(score - 50, 2)
    cells = [["一级指标", header, "得分"]] + [[n, w, s.format(p=part)] for n, w, s in ROWS] + [["合计", "100", f"{score:g}"]]
    if flat == "bars":
        return "\n".join("| " + " | ".join(r) + " |" for r in cells)
    if flat == "spaces":
        return "\n".join(" ".join(r) for r in cells)
    return "\n".join(c for r in cells for c in r)  # one cell a line


@pytest.mark.parametrize("flat", ("bars", "spaces", "cells"))
@pytest.mark.parametrize("score", (99, 92.5, 46.35))
@pytest.mark.parametrize("header", ("分值", "权重"))
def test_a_score_tables_total_row_is_the_self_score(flat, score, header):
    text = HEAD.format(PROJECTS[0]) + "二、绩效评价结果\n" + _score_table(flat, score, header) + "\n三、存在的问题\n无\n"
    assert facts(text).get("self_score") == score


@pytest.mark.parametrize("flat", ("bars", "spaces", "cells"))
def test_a_budget_tables_total_row_is_no_score(flat):
    rows = [["项目", "预算数", "执行数"], ["人员经费", "60", "58"], ["公用经费", "40", "37"], ["合计", "100", "95"]]
    table = ("\n".join("| " + " | ".join(r) + " |" for r in rows) if flat == "bars" else
             "\n".join(" ".join(r) for r in rows) if flat == "spaces" else "\n".join(c for r in rows for c in r))
    assert "self_score" not in facts(HEAD.format(PROJECTS[0]) + "单位:万元\n" + table + "\n")
