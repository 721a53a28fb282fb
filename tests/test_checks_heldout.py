"""Checks on real excerpts of the retired held-out sets (corpus/heldout6, heldout7, heldout8; quoted
here) through the whole pipeline, each with a counterexample: the inconsistency their findings gold
names is found, and the layout that made a false finding makes none."""
from __future__ import annotations

from extractor.pipeline import extract


def run(tmp_path, text: str, name: str = "excerpt.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract(path).reports[0]


def rules(report, rule: str):
    return [f for f in report.findings if f.rule == rule]


# ----------------------------------------------------------------------------- in-line lists
S009_LIST = ("年度主要 工作内容 |\n1.完成全年度公益培训20场。 2.开展数字文化服务,公共文化场馆实行全年免费开放, "
             "3.完成传统文化进校园,进景区、进乡村、进机关、进工地。 4、完成送文化下乡20场次、组织开展大型群众文化活动4场次。 |\n")


def test_a_list_item_after_a_comma_is_no_skip(tmp_path):
    """heldout7 s009: "3." follows a comma (the list reader takes items after a sentence end only), so
    "4、" after "2." skips nothing; the same list without its 3 does."""
    assert rules(run(tmp_path, S009_LIST), "section_numbering") == []
    gapped = S009_LIST.replace("3.完成传统文化进校园", "完成传统文化进校园")
    [f] = rules(run(tmp_path, gapped), "section_numbering")
    assert "跳过了编号" in f.message and "应为“3、”" in f.message


# ----------------------------------------------------------------------------- execution rates
T001 = ("一、基本情况\n\n  我单位2017年专项事业费预算金额54.41万元,预算下达54万元,预算执行率99.25%。\n\n"
        "二、绩效自评工作开展情况\n\n  我单位组织财务科室及业务科室相关人员开办专题会议,制订绩效自评工作方案。\n\n"
        "四、绩效目标实现情况分析\n\n  1.项目资金到位情况分析:该项目资金2017年预算金额54.41万元,实际预算下达54万。\n\n"
        "  2.项目资金执行情况分析:该项目资金实际执行43.65万元,尚余10.35万元未支付。\n")


def test_a_rate_beside_its_budgets_against_the_one_amount_spent(tmp_path):
    """heldout8 t001: the sentence of 预算执行率99.25% gives the budgets (54.41, 54) and no spending; the
    report's one executed amount (43.65, paragraphs later) makes 80.8% of 54: 99.25% is 下达 ÷ 预算."""
    [f] = rules(run(tmp_path, T001), "execution_rate_mismatch")
    assert f.actual == 99.25 and "43.65" in f.message and f.severity == "error"
    # the same report stating the rate the amounts make: nothing
    assert rules(run(tmp_path, T001.replace("99.25%", "80.83%")), "execution_rate_mismatch") == []


S005_CLAIM = ("2024年省、市、区预算安排下达的财政示范创建专项资金共计2373.51万元,执行率100%。目前已基本完成当年度任务。"
              "全区采取先建设后申请补助的方式,目前已拨付财政补助资金1002.2739万元,其余正在完善材料申请拨付,实际支出率42.22%。\n")


def test_a_full_execution_rate_against_a_low_spending_rate(tmp_path):
    """heldout7 s005: "执行率100%" is a claim of full execution that the report's own 实际支出率42.22%
    contradicts; a rate of 100% of money arrived (到位执行率) or a spending rate above the limit does not."""
    [f] = rules(run(tmp_path, S005_CLAIM), "claim_contradicted")
    assert "执行率100%" in f.message and "42.22%" in f.message
    assert [e["label"] for e in f.evidence] == ["执行率100%", "支出率42.22%"]
    assert rules(run(tmp_path, S005_CLAIM.replace("42.22%", "92.22%")), "claim_contradicted") == []
    assert rules(run(tmp_path, S005_CLAIM.replace(",执行率100%", ",资金到位执行率100%")), "claim_contradicted") == []


# ----------------------------------------------------------------------------- indicators in prose
S016 = ("(二)绩效目标完成情况\n\n1.产出指标完成情况\n\n数量指标:年度免费开放服务天360天,指标完成率100%;"
        "年度免费开放服务25万人次,指标完成率100%。\n\n2.效益指标完成情况\n\n服务市民阅读需求有效提高,指标完成率100%。\n\n"
        "3.满意度指标完成情况\n\n读者满意度调查好评率90%,指标完成率99.14%。\n\n(三)存在的问题和原因分析\n")


def test_an_indicator_completed_in_part(tmp_path):
    """heldout6 s016: an indicator whose completion rate the prose states at 99.14% is met in part (info);
    those at 100% are met. A full execution rate is no claim a missed goal contradicts."""
    [f] = rules(run(tmp_path, S016), "goal_not_met")
    assert (f.severity, f.actual) == ("info", 99.14) and "读者满意度调查好评率90%" in f.message
    assert rules(run(tmp_path, S016.replace("99.14%", "100%")), "goal_not_met") == []
    assert rules(run(tmp_path, "项目预算执行率100%。\n" + S016), "claim_contradicted") == []
