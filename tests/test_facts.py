"""Facts stage: labels → values, qualifiers, scope, derived sums, facts from forms."""
from __future__ import annotations

import pytest

from extractor import rules
from extractor.interpret.facts import config, extract_facts
from extractor.model import Form, FormBudgetLine, Indicator, Report
from extractor.text.normalize import normalize
from extractor.text.recognize import recognize
from extractor.text.segment import section_at, segment


def report_of(text: str, kind: str | None = "department", forms=()) -> Report:
    """A report built the way the pipeline builds it, up to the facts stage."""
    norm = normalize(text)
    report = Report(text=norm.text, report_kind=kind)
    report.sections = segment(report.text)
    report.mentions = recognize(report.text)
    for m in report.mentions:
        m.section = section_at(report.sections, m.start)
    report.forms = list(forms)
    return report


def facts_in(report: Report) -> list:
    """The facts of ``report`` (extract_facts also returns the score mentions it found)."""
    return extract_facts(report).facts


def facts_of(text: str, kind: str | None = "department", forms=()) -> dict[str, float]:
    report = report_of(text, kind, forms)
    facts = facts_in(report)
    keys = [f.key for f in facts]
    assert len(keys) == len(set(keys)), f"two values for one key: {facts}"
    return {f.key: f.value for f in facts}


def assert_facts(got: dict, expected: dict, absent=()):
    for key, value in expected.items():
        assert key in got, f"{key} missing from {got}"
        assert got[key] == pytest.approx(value, rel=1e-12, abs=1e-9), (key, got)
    for key in absent:
        assert key not in got, f"{key} should not be a fact: {got}"


# ------------------------------------------------------------------ golden test
EXAMPLE_FACTS = {
    "basic_expenditure": 1337.358269,
    "personnel_expenditure": 1048.772537,
    "personnel_expenditure.share_pct": 10,
    "personnel_expenditure.yoy_delta": 47.793949,
    "personnel_expenditure.yoy_pct": 4.77,
    "operating_expenditure": 288.585732,
    "operating_expenditure.share_pct": 2.75,
    "operating_expenditure.yoy_delta": 100.332732,
    "operating_expenditure.yoy_pct": 53.3,
    "project_expenditure": 9151.246516,
    "project_expenditure.share_pct": 87.25,
    "project_expenditure.yoy_delta": 4757.69,
    "project_expenditure.yoy_pct": 108.29,
    "three_public_total": 2,
    "three_public_total.yoy_pct": -33.67,
    "three_public_overseas": 0,
    "three_public_vehicle": 0,
    "three_public_reception": 2,
    "three_public_reception.yoy_pct": -33.67,
    "staff_authorized": 68,
    "staff_actual": 79,
    "satisfaction_rate": 90,
    "budget_initial": 200,
    "total_expenditure": 10488.604785,
}


def test_example_report_facts(example_report):
    facts = example_report.facts
    keys = [f.key for f in facts]
    assert len(keys) == len(set(keys)), "never two values for one key"
    got = {f.key: f for f in facts}
    for key, value in EXAMPLE_FACTS.items():
        assert key in got, f"{key} missing"
        assert got[key].value == pytest.approx(value, rel=1e-12, abs=1e-9), key
    # Group figures of 项目支出绩效情况 are not report-level.
    for key in ("budget_executed", "balance", "budget_full_year", "three_public_total.yoy_delta"):
        assert key not in got, key
    assert got["total_expenditure"].derived and got["total_expenditure"].mention is None
    assert not any(f.derived for f in facts if f.key != "total_expenditure")
    assert got["budget_initial"].rule_id == "fact:budget_initial"


def test_example_report_fact_evidence(example_report):
    text, mentions = example_report.text, example_report.mentions
    sections = {s.ordinal for s in example_report.sections}
    for f in example_report.facts:
        if f.derived:
            continue
        assert f.label and f.rule_id, f
        assert f.start is not None and f.end is not None and f.start < f.end, f
        assert f.section in sections, f
        if f.mention is None:  # 与上年持平: a phrase, no number
            assert f.value == 0 and f.key.endswith((".yoy_delta", ".yoy_pct")), f
            continue
        m = mentions[f.mention]
        assert text[m.start:m.end] == m.raw, f
        assert f.start <= m.start and m.end == f.end, f
        assert abs(f.value) == pytest.approx(m.value, rel=1e-12, abs=1e-12), f  # signs live in facts
        assert f.label in text[f.start:m.start], f


def test_example_report_qualifier_signs(example_report):
    got = {f.key: f for f in example_report.facts}
    assert got["three_public_total.yoy_pct"].label == "同比减少"
    assert got["three_public_overseas.yoy_delta"].value == 0
    assert got["three_public_overseas.yoy_pct"].value == 0
    assert got["three_public_vehicle.yoy_delta"].value == 0
    assert got["personnel_expenditure.yoy_pct"].value > 0


# ------------------------------------------------------------------ sentences
# (id, text, report kind, expected {key: value}, keys that must be absent)
CASES = [
    # expenditure
    ("总支出", "2024年全年总支出10488.6万元。", "department", {"total_expenditure": 10488.6}, ()),
    ("本年支出合计", "本年支出合计61658.08万元,预算执行率为97.10%。年末结转结余1843.7万元。", "department",
     {"total_expenditure": 61658.08, "execution_rate": 97.1, "balance": 1843.7}, ()),
    ("支出合计", "支出合计300万元", "department", {"total_expenditure": 300}, ()),
    ("部门整体支出共", "2020年部门整体支出共5426.6万元,其中纳入绩效目标管理的专项项目共13个,共5286.0",
     "department", {"total_expenditure": 5426.6}, ()),
    ("基本支出", "基本支出1337.358269万元。", "department", {"basic_expenditure": 1337.358269}, ()),
    ("人员经费", "其中人员经费1048.772537万元。", "department", {"personnel_expenditure": 1048.772537}, ()),
    ("人员支出", "人员支出为500万元。", "department", {"personnel_expenditure": 500}, ()),
    ("公用经费", "公用经费120万元。", "department", {"operating_expenditure": 120}, ()),
    ("运行经费", "运行经费288.585732万元。", "department", {"operating_expenditure": 288.585732}, ()),
    ("日常公用经费", "日常公用经费35.5万元。", "department", {"operating_expenditure": 35.5}, ()),
    ("项目支出", "项目支出47881.27万元、占比75.40%", "department",
     {"project_expenditure": 47881.27, "project_expenditure.share_pct": 75.4}, ()),
    ("经营支出", "经营支出130.93万元、占比0.21%。", "department",
     {"business_expenditure": 130.93, "business_expenditure.share_pct": 0.21}, ()),
    # income
    ("收入合计", "本年收入合计800万元,其中:财政拨款收入700万元,其他收入100万元。", "department",
     {"total_income": 800, "fiscal_appropriation": 700, "other_income": 100}, ()),
    ("总收入", "总收入2000万元。", "department", {"total_income": 2000}, ()),
    ("财政拨款为", "财政拨款为800万元。", "department", {"fiscal_appropriation": 800}, ()),
    # 三公经费
    ("三公经费", "2024年,“三公”经费支出2万元,同比减少33.67%。", "department",
     {"three_public_total": 2, "three_public_total.yoy_pct": -33.67}, ("three_public_total.yoy_delta",)),
    ("三公经费 plain quotes", '"三公"经费5.6万元。', "department", {"three_public_total": 5.6}, ()),
    ("三公经费总支出", "三公经费总支出3万元。", "department", {"three_public_total": 3}, ("total_expenditure",)),
    ("因公出国境费", "因公出国（境）费0元,与上年持平;", "department",
     {"three_public_overseas": 0, "three_public_overseas.yoy_delta": 0, "three_public_overseas.yoy_pct": 0}, ()),
    ("公务用车购置及运行维护费", "公务用车购置及运行维护费1.5万元,比上年减少0.5万元,下降25%。", "department",
     {"three_public_vehicle": 1.5, "three_public_vehicle.yoy_delta": -0.5, "three_public_vehicle.yoy_pct": -25}, ()),
    ("公务接待费", "公务接待费2万元,同比减少33.67%。", "department",
     {"three_public_reception": 2, "three_public_reception.yoy_pct": -33.67}, ()),
    # budget
    ("年初预算数", "年初预算数238.93万元,全年预算数251.89万元,全年执行数251.89万元,执行率100%。", "project",
     {"budget_initial": 238.93, "budget_full_year": 251.89, "budget_executed": 251.89, "execution_rate": 100}, ()),
    ("年初批复预算 past a count", "年初批复预算8个项目985万元(含1个年初结转结余项目50万元),调整预算后项目预算861.46万元。",
     "project", {"budget_initial": 985, "budget_full_year": 861.46}, ("balance",)),
    ("年初收支预算", "2023年度年初收支预算为50289.2万元,全年预算为63501.78万元。", "department",
     {"budget_initial": 50289.2, "budget_full_year": 63501.78}, ()),
    ("调整后预算", "调整后预算数300万元。", "project", {"budget_full_year": 300}, ()),
    ("执行数 bare", "2020年度养护类项目预算数为1132万元,执行数为1132万元,预算执行率100%。", "project",
     {"budget_executed": 1132, "execution_rate": 100}, ("budget_initial", "budget_full_year")),
    ("实际完成投资", "下达资金56万元,实际完成投资54.6万元。", "project", {"budget_executed": 54.6}, ("budget_full_year",)),
    ("实际支出", "部门实际支出500万元。", "department", {"budget_executed": 500}, ()),
    ("已完成拨付", "项目资金共2179万元,截止2022年12月8日,已完成拨付2113.63万元,执行率97%。", "project",
     {"budget_executed": 2113.63, "execution_rate": 97}, ("budget_full_year",)),
    ("完成预算的", "项目全年预算数为1050万元,执行数为1050万元,完成预算的100%。", "project",
     {"budget_full_year": 1050, "budget_executed": 1050, "execution_rate": 100}, ()),
    ("全年预算执行率 is a rate", "全年预算执行率为95.5%。", "department", {"execution_rate": 95.5}, ("budget_full_year",)),
    ("结余结转", "结余结转59.8万元。", "department", {"balance": 59.8}, ()),
    ("结转和结余", "年末结转和结余100万元。", "department", {"balance": 100}, ()),
    # staff
    ("编制人数 实有人数", "全中心编制人数68人,实有人数79人,2024年退休2人。", "department",
     {"staff_authorized": 68, "staff_actual": 79}, ()),
    ("共有编制 实有在职人员", "全局共有编制76个,其中:行政编制18个;事业编制58个。单位实有在职人员73名,离退休人员58名。",
     "department", {"staff_authorized": 76, "staff_actual": 73}, ()),
    ("人员编制 实有在职人数", "系统人员编制326名(不含自收自支事业单位),其中:行政编制43名。2019年末实有在职人数326人,实有公务用车21辆。",
     "department", {"staff_authorized": 326, "staff_actual": 326}, ()),
    ("核定编制", "核定编制45名。", "department", {"staff_authorized": 45}, ()),
    # results
    ("满意度为", "经统计,群众满意度为90%。", "department", {"satisfaction_rate": 90}, ()),
    ("满意度 target stated as achieved", "7.服务对象满意度指标。项目区群众满意度≥95%。", "project", {"satisfaction_rate": 95}, ()),
    ("满意度 target then actual", "服务对象满意度≥90%,实际完成98%。", "project", {"satisfaction_rate": 98}, ()),
    ("自评得分", "对照各项指标值进行打分,自评得分100分。", "project", {"self_score": 100}, ()),
    ("自评得分为", "2021年度市级就业资金配套项目资金绩效自评得分为98分,自评结论为“优秀”", "project", {"self_score": 98}, ()),
    ("自评分", "项目自评分:100分", "project", {"self_score": 100}, ()),
    ("综合得分", "综合得分92.5分,等级为优。", "department", {"self_score": 92.5}, ()),
    ("得分为", "经评价,该项目得分为95分,等级为优。", "project", {"self_score": 95}, ()),
    ("自评得分为 is the strong label", "本部门整体支出绩效自评得分为95.5分", "department", {"self_score": 95.5}, ()),
    # qualifiers
    ("share 占…的", "人员经费1048.772537万元,占全年总支出的10%,较上年增加47.793949万元,增长4.77%。", "department",
     {"personnel_expenditure": 1048.772537, "personnel_expenditure.share_pct": 10,
      "personnel_expenditure.yoy_delta": 47.793949, "personnel_expenditure.yoy_pct": 4.77},
     ("total_expenditure",)),
    ("share after a restated sub-item, yoy after 。", "项目支出9151.246516万元,其中基本建设类项目9151.246516万元,占全年总支出的87.25%。较上年增加4757.69万元,增长108.29%。",
     "department", {"project_expenditure": 9151.246516, "project_expenditure.share_pct": 87.25,
                    "project_expenditure.yoy_delta": 4757.69, "project_expenditure.yoy_pct": 108.29}, ()),
    ("share 占…比重", "基本支出300万元,占本年支出的比重为30%。", "department",
     {"basic_expenditure": 300, "basic_expenditure.share_pct": 30}, ()),
    ("delta down, pct down", "公用经费50万元,较上年减少10万元,下降16.67%。", "department",
     {"operating_expenditure.yoy_delta": -10, "operating_expenditure.yoy_pct": -16.67}, ()),
    ("pct 较上年度下降了", "收支总决算63501.78万元,较上年度下降了20.73%,主要是特教学院新校区建设支出较上年减少了12687.32万元。",
     "department", {"final_accounts_total": 63501.78, "final_accounts_total.yoy_pct": -20.73},
     ("final_accounts_total.yoy_delta", "budget_full_year.yoy_pct")),
    ("pct 比2022年增长", "公用经费120万元,比2022年增长5%。", "department", {"operating_expenditure.yoy_pct": 5}, ()),
    ("增幅", "人员经费100万元,同比增加10万元,增幅11.11%。", "department",
     {"personnel_expenditure.yoy_delta": 10, "personnel_expenditure.yoy_pct": 11.11}, ()),
    ("降幅", "公务接待费1万元,降幅50%。", "department", {"three_public_reception.yoy_pct": -50}, ()),
    ("同比持平", "公务接待费2万元,同比持平。", "department",
     {"three_public_reception.yoy_delta": 0, "three_public_reception.yoy_pct": 0}, ()),
    # counterexamples
    ("较年初预算 is not yoy", "公用经费120万元,较年初预算增加12%。", "department", {"operating_expenditure": 120},
     ("operating_expenditure.yoy_pct",)),
    ("another figure ends the clause", "全年预算为63501.78万元,收入合计63501.78万元,较上年度下降了20.73%。", "department",
     {"budget_full_year": 63501.78, "total_income.yoy_pct": -20.73}, ("budget_full_year.yoy_pct",)),
    ("sub-item share is not the parent's", "项目支出900万元,其中基建类项目600万元,占全部项目的66.67%。", "department",
     {"project_expenditure": 900}, ("project_expenditure.share_pct",)),
    ("100万名 is not money", "项目支出惠及残疾人100万名。", "department", {}, ("project_expenditure",)),
    ("项目支出 sub-figures are project-level", "2023年度项目支出年初预算安排37070.2万元,全年预算数49724.97万元,预算调剂比例34.14%,决算数47881.27万元,项目预算执行率96.29%。",
     "department", {"project_expenditure": 47881.27},  # 项目支出's own 决算数 is its value
     ("budget_initial", "budget_full_year", "budget_executed", "execution_rate")),
    ("subject figures in a project report are the report's", "项目支出年初预算100万元,全年预算数120万元。", "project",
     {"budget_initial": 100, "budget_full_year": 120}, ()),
    ("三公 subject owns its 实际支出", "“三公”经费预算数为5万元,实际支出3.2万元,较上年减少1.1万元。", "project",
     {"three_public_total": 3.2, "three_public_total.yoy_delta": -1.1}, ("budget_executed",)),
    ("部门整体支出 is no subject", "部门整体支出年初预算数1000万元,全年预算数1200万元,全年执行数1100万元。", "department",
     {"budget_initial": 1000, "budget_full_year": 1200, "budget_executed": 1100}, ()),
    ("项目 prefix in a department report", "项目预算执行率96.29%。", "department", {}, ("execution_rate",)),
    ("项目 prefix in a project report", "项目预算执行率96.29%。", "project", {"execution_rate": 96.29}, ()),
    ("per-project lines are not report-level",
     "(二)项目支出绩效情况\n(1)2018年大中修项目\n项目支出125.1126万元,主要用于支持2018年大中修项目建设。", "department", {},
     ("project_expenditure",)),
    ("group line: only its 年初预算",
     "(二)项目支出绩效情况\n1.年初预算项目200万元专项资金,年中执行调增(减)0万元,实际支出140.210271万元,结余结转59.789729万元。\n"
     "2.年中追加项目金额9011.036245万元,实际支出9011.036245万元,结余结转0万元。",
     "department", {"budget_initial": 200}, ("budget_executed", "balance")),
    ("report-level 年初预算 beats the group line",
     "一、部门预算\n年初预算数1500万元。\n(二)项目支出绩效情况\n1.年初预算项目200万元专项资金,实际支出140万元。",
     "department", {"budget_initial": 1500}, ()),
    ("预算数 alone is no budget label", "项目预算数为1132万元。", "project", {}, ("budget_initial", "budget_full_year")),
    ("计划投资 is no budget label", "我县2022年农村公路通村道路建设项目计划投资2179万元。", "project", {}, ("budget_full_year",)),
    ("实际到位资金 is not executed", "实际到位资金334.67万元。", "project", {}, ("budget_executed",)),
    ("年初结转结余 is not the year-end balance", "年初结转结余50万元。", "department", {}, ("balance",)),
    ("行政编制 is part of the staff", "其中:行政编制18个,事业编制58个。", "department", {}, ("staff_authorized",)),
    ("condition is not a rate", "1.预算执行率=预算执行数/调整后预算数,预算执行率未达到90%的需说明原因", "project", {},
     ("execution_rate",)),
    ("formula percent is not a rate", "预算执行率(B/A×100%) | 86%", "project", {}, ("execution_rate",)),
    ("table cells are not narrative", "养老服务对象对养老机构服务质量满意度\n | \n ≥90%\n | \n 98%", "department", {},
     ("satisfaction_rate",)),
    ("heading without value", "(一)自评得分\n对照年初部门预算进行打分。", "project", {}, ("self_score",)),
    ("score above 100 is not a score", "自评得分120分", "project", {}, ("self_score",)),
    ("first statement wins", "年初预算数100万元。年初预算数120万元。", "project", {"budget_initial": 100}, ()),
    ("exact beats target", "满意度≥90%。群众满意度为96%。", "project", {"satisfaction_rate": 96}, ()),
    # label variants
    ("执行金额", "至2023年底我局项目执行金额2856.63万元,执行率87.43%。", "project",
     {"budget_executed": 2856.63, "execution_rate": 87.43}, ()),
    ("实际总支出 is executed, not the total", "实际下达预算2596万元,全年度实际总支出2595.6208 万元,项目预算执行率99%。",
     "project", {"budget_executed": 2595.6208, "execution_rate": 99}, ("total_expenditure",)),
    ("支出规模", "2020年支出规模为532.58万元,主要体现在如下内容:工资福利支出438.94万元。", "department",
     {"total_expenditure": 532.58}, ()),
    ("支出规模 heading", "(二)、部门整体支出规模、使用方向和主要内容。\n基本支出100万元。", "department",
     {"basic_expenditure": 100}, ("total_expenditure",)),
    ("三公 parts without 购置及 / (境)",
     "2020年“三公”经费支出3.63万元(其中公务接待费1.95万元,公务用车运行维护费1.68万元,因公出国费为0元),"
     "“三公”经费比去年减少了1.44万元,主要严格执行厉行节约的制度。", "department",
     {"three_public_total": 3.63, "three_public_reception": 1.95, "three_public_vehicle": 1.68,
      "three_public_overseas": 0, "three_public_total.yoy_delta": -1.44}, ("three_public_total.yoy_pct",)),
    ("运行维护费 is not the vehicle figure beside a 购置费", "公务用车购置费20万元,公务用车运行维护费3万元。", "department",
     {}, ("three_public_vehicle",)),
    # numbered income / spending items
    ("numbered 收入 and 支出",
     "(一)部门整体支出概况。\n1、收入:792.22万元。同比上年度增加189.25万元,增加31.39%。其中:财政拨款收入792.22万元,"
     "同比上年度增加209.28万元,增加35.9%。\n2、支出:799.12万元。其中:人员经费支出434.89万元,公用经费支出77.4万元,"
     "项目支出286.83万元。", "department",
     {"total_income": 792.22, "total_income.yoy_delta": 189.25, "total_income.yoy_pct": 31.39,
      "fiscal_appropriation": 792.22, "fiscal_appropriation.yoy_delta": 209.28, "fiscal_appropriation.yoy_pct": 35.9,
      "total_expenditure": 799.12, "personnel_expenditure": 434.89, "operating_expenditure": 77.4,
      "project_expenditure": 286.83}, ()),
    ("收入 inside a sentence is no label", "主要原因是收入:财政拨款增加100万元。", "department", {}, ("total_income",)),
    # a change against last year is not the figure; a restated subject's change qualifies the figure
    ("a change is not the value", "本年收入较上年增加200万元。", "department", {},
     ("total_income", "total_income.yoy_delta")),
    ("restated subject qualifies the figure", "人员经费300万元。人员经费较上年增加20万元,增长7.14%。", "department",
     {"personnel_expenditure": 300, "personnel_expenditure.yoy_delta": 20, "personnel_expenditure.yoy_pct": 7.14}, ()),
    ("a qualifier right after the value comes first", "人员经费300万元,较上年增加20万元。人员经费比去年增加25万元。",
     "department", {"personnel_expenditure.yoy_delta": 20}, ()),
    ("a restated subject owns no budget figure", "人员经费300万元。人员经费较上年增加20万元,预算执行率95%。", "department",
     {"personnel_expenditure.yoy_delta": 20, "execution_rate": 95}, ()),
    ("a restated subject needs its lead at once", "人员经费300万元。人员经费主要用于工资,较上年增加20万元。", "department",
     {"personnel_expenditure": 300}, ("personnel_expenditure.yoy_delta",)),
    ("a restated project-level subject does not qualify the report",
     "人员经费300万元。\n(二)项目支出绩效情况\n人员经费较上年增加20万元。", "department",
     {"personnel_expenditure": 300}, ("personnel_expenditure.yoy_delta",)),
    # yoy in the next sentence
    ("yoy 较2022年 after 。", "项目支出900万元,占全年总支出的60%。较2022年增加100万元,增长12.5%。", "department",
     {"project_expenditure.share_pct": 60, "project_expenditure.yoy_delta": 100, "project_expenditure.yoy_pct": 12.5}, ()),
    ("较年初预算 after 。 is not yoy", "公用经费120万元。较年初预算增加12%。", "department", {"operating_expenditure": 120},
     ("operating_expenditure.yoy_pct",)),
    # self-score forms
    ("bare score after 自评总分", "项目名称项目主管单位自评总分: 95 项目实施单位广水市交通运输局", "project", {"self_score": 95}, ()),
    ("bare score glued to the next cell", "实施单位自评得分98财政审核评分", "project", {"self_score": 98}, ()),
    ("a bare number with a unit is no score", "自评得分 2021年度", "project", {}, ("self_score",)),
    ("a header does not reach the next row", "权重分值自评分项目决策 2 分决策依据 2 2", "project", {}, ("self_score",)),
    ("score under a 自评得分 heading", "一、自评结论\n(一)自评得分\n项目能严格按照项目实施方案开展绩效评分100分,自评为优。\n(二)绩效目标完成情况\n",
     "project", {"self_score": 100}, ()),
    ("a full mark under the heading is no score", "(一)自评得分\n本次评价满分100分,按指标逐项打分。\n(二)绩效目标\n", "project", {},
     ("self_score",)),
    ("an explicit label beats the heading", "(一)自评得分\n满分为100分,经评价,项目自评得分92分。\n", "project",
     {"self_score": 92}, ()),
    # values in the next line or cell
    ("staff counts on separate lines", "部门(单位)名称:\n\n某中心\n\n人员编制\n\n21\n\n实有人数\n\n20\n\n职能职责概述",
     "department", {"staff_authorized": 21, "staff_actual": 20}, ()),
    ("staff counts in pipe cells", "编制人数 | 45 | 实有人数 | 43 |", "department",
     {"staff_authorized": 45, "staff_actual": 43}, ()),
    # (round 21) a header of labels over its one row of figures gives each the figure under it (grid.py); over
    # several rows (a sub-unit's too) it binds nothing
    ("a header row over its one row", "编制人数 | 实有人数 |\n45 | 43 |", "department",
     {"staff_authorized": 45, "staff_actual": 43}, ()),
    ("a header row over two rows binds nothing", "编制人数 | 实有人数 |\n45 | 43 |\n12 | 11 |", "department", {},
     ("staff_authorized", "staff_actual")),
    ("a number with other text is no count cell", "人员编制\n\n21个科室\n", "department", {}, ("staff_authorized",)),
    ("satisfaction from an indicator row of a project report",
     "效益指标 |\n服务对象满意度指标 |\n资助学生满意度 |\n95% |\n95% |\n(三)存在的问题和原因", "project",
     {"satisfaction_rate": 95}, ()),
    ("indicator row target then actual", "资助学生满意度 |\n≥90% |\n93% |\n", "project", {"satisfaction_rate": 93}, ()),
    ("an indicator row of a department report is a project's", "资助学生满意度 |\n≥90% |\n93% |\n", "department", {},
     ("satisfaction_rate",)),
    # held-out 2 gaps
    ("a verb label reaches the amount closing its object",
     "年初预算安排我公路建设养护中心20xx年预算绩效评价“四好农村公路”建设工程项目174万元,实际实施并下达预算指标173.65万元。",
     "project", {"budget_initial": 174}, ()),
    ("a far reach never skips another figure", "年初预算安排我中心开展3项培训工作并完成项目建设任务共计100万元。",
     "project", {}, ("budget_initial",)),
    ("a far reach stops at a comma", "年初预算安排我中心公路养护等工作,全年支出100万元。", "project", {}, ("budget_initial",)),
    ("得分 right after 经自评", "认真组织绩效自评工作。经自评,我委得分98分,现将自评情况报告如下", "department",
     {"self_score": 98}, ()),
    ("a part score after 经自评 is not the total", "经自评,产出指标得分40分。", "project", {}, ("self_score",)),
    ("a bracketed unit between score label and value", "部门整体绩效自评表主管部门财政处室自评总分(分)97.6部门联系人",
     "department", {"self_score": 97.6}, ()),
    ("实有 followed by a head count", "截至2023年12月31日,某县委办公室在职实有32人,其中:财政全额保障32人。", "department",
     {"staff_actual": 32}, ()),
    ("an explicit 在职人员 count beats a bare 实有", "年末实有266人,其中在职人员143人,离休1人,退休122人。", "department",
     {"staff_actual": 143}, ()),
    ("a label followed by 项目 is part of a project name",
     "下达转移支付慈善会项目40万元;忠州福利院运行经费项目25.85万元;", "department", {}, ("operating_expenditure",)),
    ("money carried in from last year is no balance", "2021年度我局食品监管资金上年结转结余资金2万元,2021年中央下达预算资金3万元。",
     "project", {}, ("balance",)),
]


@pytest.mark.parametrize("text,kind,expected,absent", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_sentences(text, kind, expected, absent):
    assert_facts(facts_of(text, kind), expected, absent)


def test_unknown_kind_is_inferred():
    # No metadata: a department marker in the head makes it a department report.
    text = "一、部门基本情况\n2023年度项目支出年初预算安排37070.2万元。年初收支预算为50289.2万元。"
    assert_facts(facts_of(text, None), {"budget_initial": 50289.2})
    assert_facts(facts_of("某项目2020年度绩效自评\n项目预算执行率96%。", None), {"execution_rate": 96})


# ------------------------------------------------------------------ vocabulary examples
# End-to-end cases of patterns/facts.toml: a sentence yields (or does not yield) a fact. The
# examples and counterexamples of each rule are run by tests/test_rules.py.
def _fact_examples():
    for e in rules.load("facts")["fact"]:
        for ex in e.get("cases", []):
            kind = ex[2] if len(ex) > 2 else "department"
            yield pytest.param(e["key"], ex[0], ex[1], kind, id=f"{e['id']}+{ex[0][:20]}")


def _fact_counterexamples():
    for e in rules.load("facts")["fact"]:
        for ex in e.get("counter_cases", []):
            text, kind = (ex, "department") if isinstance(ex, str) else ex
            yield pytest.param(e["key"], text, kind, id=f"{e['id']}-{text[:20]}")


def _qualifier_examples():
    conf = rules.load("facts")
    for q in conf["qualifier"] + conf.get("flat", []):
        for text, key, value in q.get("cases", []):
            yield pytest.param(text, key, value, id=f"{q['id']}+{text[:20]}")


def _qualifier_counterexamples():
    for q in rules.load("facts")["qualifier"]:
        for text, key in q.get("counter_cases", []):
            yield pytest.param(text, key, id=f"{q['id']}-{text[:20]}")


@pytest.mark.parametrize("key,text,value,kind", list(_fact_examples()))
def test_vocabulary_examples(key, text, value, kind):
    assert_facts(facts_of(text, kind), {key: value})


@pytest.mark.parametrize("key,text,kind", list(_fact_counterexamples()))
def test_vocabulary_counterexamples(key, text, kind):
    assert key not in facts_of(text, kind)


@pytest.mark.parametrize("text,key,value", list(_qualifier_examples()))
def test_qualifier_examples(text, key, value):
    assert_facts(facts_of(text), {key: value})


@pytest.mark.parametrize("text,key", list(_qualifier_counterexamples()))
def test_qualifier_counterexamples(text, key):
    assert key not in facts_of(text)


def test_every_key_is_documented():
    conf = rules.load("facts")
    for e in conf["fact"]:
        assert e.get("cases"), f"{e['id']} has no end-to-end case"
    for q in conf["qualifier"]:
        assert q.get("cases"), f"{q.id} has no end-to-end case"
    for d in conf["derived"]:
        known = {e["key"] for e in conf["fact"]}
        assert d["key"] in known and set(d["parts"]) <= known


# ------------------------------------------------------------------ derived facts
def test_derived_total():
    report = report_of("基本支出100.123456万元。项目支出50.5万元。")
    facts = {f.key: f for f in facts_in(report)}
    total = facts["total_expenditure"]
    assert total.derived and total.mention is None and total.value == 150.623456
    assert total.rule_id == "derived:basic_expenditure+project_expenditure"


def test_derived_never_overrides_stated():
    facts = {f.key: f for f in facts_in(report_of("本年支出合计200万元。基本支出100万元。项目支出50.5万元。"))}
    assert facts["total_expenditure"].value == 200 and not facts["total_expenditure"].derived


def test_derived_needs_every_part():
    assert "total_expenditure" not in facts_of("基本支出100万元。")
    assert "three_public_total" not in facts_of("公务接待费0.3万元。")


def test_derived_three_public():
    text = "因公出国(境)费0元;公务用车购置及运行维护费1.5万元;公务接待费0.3万元。"
    facts = {f.key: f for f in facts_in(report_of(text))}
    assert facts["three_public_total"].derived and facts["three_public_total"].value == 1.8


def test_strong_label_wins_overlap():
    [fact] = facts_in(report_of("本部门整体支出绩效自评得分为95.5分", "department"))
    assert fact.rule_id == "fact:self_score" and fact.label == "自评得分"


def test_table_above_the_title_is_not_the_reports():
    text = ("满意度指标 | 满意度指标 | 项目业主满意度 |\n≥90% |\n≥90% |\n|\n2020年部门预算项目支出绩效自评报告\n"
            "人员编制\n21\n")
    report = report_of(text, "project")
    report.title = "2020年部门预算项目支出绩效自评报告"
    got = {f.key: f.value for f in facts_in(report)}
    assert_facts(got, {"staff_authorized": 21}, ("satisfaction_rate",))
    report = report_of(text, "project")  # no title known: the table is read
    assert_facts({f.key: f.value for f in facts_in(report)}, {"satisfaction_rate": 90})


def test_restated_subject_alone_gives_no_qualifier():
    # Without a figure of the key there is nothing for the change to qualify.
    assert_facts(facts_of("“三公”经费比去年减少了1.44万元。"), {}, ("three_public_total", "three_public_total.yoy_delta"))


def test_heading_score_after_form():
    form = _form([], total_score=96)
    text = "(一)自评得分\n项目开展绩效评分90分。\n"
    assert_facts(facts_of(text, "project", [form]), {"self_score": 96})


def test_bare_count_cell_fact():
    report = report_of("人员编制\n\n21\n", "department")
    [fact] = facts_in(report)
    assert (fact.key, fact.value, fact.unit, fact.mention) == ("staff_authorized", 21, "人", None)
    assert report.text[fact.start:fact.end].endswith("21")


def test_score_mention_returned():
    report = report_of("项目自评分:100分", "project")
    known = list(report.mentions)
    [fact], _, [m] = extract_facts(report)
    assert report.mentions == known  # the report is left alone: the pipeline adds the score
    assert fact.mention == len(known)  # numbered after the report's mentions
    assert (m.kind, m.value, m.unit, m.raw) == ("score", 100, "分", "100分")
    assert report.text[m.start:m.end] == m.raw


def test_pipeline_stores_the_score_mentions():
    from extractor.model import Page, RawDocument
    from extractor.pipeline import build_report

    report = build_report(RawDocument(path="s.txt", format="txt", pages=[Page(1, "项目自评得分为98分。")]))
    [fact] = [f for f in report.facts if f.key == "self_score"]
    m = report.mentions[fact.mention]
    assert (m.kind, m.value, m.raw) == ("score", 98, "98分")


# ------------------------------------------------------------------ facts from forms
def _form(lines, total_score=None, title="项目支出绩效自评表", indicators=(), index=0):
    return Form(index=index, title=title, total_score=total_score, budget_lines=list(lines),
                indicators=list(indicators))


def _line(label, initial, full, executed, rate, form=0):
    return FormBudgetLine(form=form, line=label, budget_initial=initial, budget_full_year=full,
                          executed=executed, execution_rate=rate, weight=10, score=10)


SATISFACTION = [
    Indicator(form=0, level1="满意度指标", level2="服务对象满意度指标", name="学生满意度",
              target_value=95, target_comparator="≥", actual_value=100, unit="%"),
    Indicator(form=0, level1="满意度指标", level2="服务对象满意度指标", name="家长满意度",
              target_value=95, target_comparator="≥", actual_value=100, unit="%"),
]


def test_facts_from_form():
    form = _form(
        [_line("总额", 238.93, 251.89, 251.89, 100), _line("其中:财政资金", 238.93, 251.89, 251.89, 100),
         _line("单位资金", 0, 0, 0, 0)],
        total_score=96, indicators=SATISFACTION,
    )
    facts = {f.key: f for f in facts_in(report_of("部门预算项目支出绩效自评表", "project", [form]))}
    assert_facts({k: f.value for k, f in facts.items()}, {
        "budget_initial": 238.93, "budget_full_year": 251.89, "budget_executed": 251.89,
        "execution_rate": 100, "self_score": 96, "satisfaction_rate": 100,
    })
    assert facts["budget_initial"].rule_id == "form:total_line.budget_initial"
    assert facts["budget_initial"].label == "总额"
    assert not any(f.derived for f in facts.values())


def test_form_total_line_names():
    for label in ("年度资金总额", "年度资金总额:", "合计", "年度资金 总额 :"):
        form = _form([_line(label, None, 808.1, 692.98, 86)])
        assert_facts(facts_of("自评表", "project", [form]),
                     {"budget_full_year": 808.1, "budget_executed": 692.98, "execution_rate": 86},
                     ("budget_initial",))


def test_form_beats_prose_and_the_prose_is_kept_as_a_candidate():
    # the stated priority: form > table > prose (issue 13); the losing readings are kept
    form = _form([_line("年度资金总额", 238.93, 251.89, 251.89, 100)], total_score=96)
    report = report_of("年初预算数200万元。项目自评得分为90分。", "project", [form])
    found = extract_facts(report)
    got = {f.key: f.value for f in found.facts}
    assert_facts(got, {"budget_initial": 238.93, "self_score": 96, "budget_full_year": 251.89})
    lost = {c.key: c for c in found.candidates}
    assert lost["budget_initial"].value == 200 and lost["budget_initial"].source == "prose"
    assert lost["budget_initial"].why.startswith("form before prose")
    assert lost["self_score"].value == 90
    c = lost["budget_initial"]
    assert report.text[c.start:c.end] == "年初预算数200万元"
    assert {f.source for f in found.facts} == {"form"}


def test_all_zero_total_line_is_empty():
    form = _form([_line("年度资金总额", 0, 0, 0, 0), _line("其中:本年财政拨款", 90, 89.974, 89.974, None)])
    got = facts_of("自评表", "project", [form])
    assert_facts(got, {}, ("budget_initial", "budget_full_year", "budget_executed", "execution_rate"))


def test_subline_is_not_the_total():
    form = _form([_line("其中:财政资金", 238.93, 251.89, 251.89, 100)])
    assert_facts(facts_of("自评表", "project", [form]), {}, ("budget_initial", "budget_executed"))


def test_several_forms_pick_the_department_form():
    dept = _form([_line("年度资金总额", 5000, 5200, 5100, 98.08)], total_score=95, title="部门整体支出绩效自评表")
    proj = _form([_line("年度资金总额", 200, 200, 140, 70)], total_score=80, index=1)
    assert_facts(facts_of("部门整体支出绩效自评报告", "department", [dept, proj]),
                 {"budget_initial": 5000, "execution_rate": 98.08, "self_score": 95})
    # A department report's lone project form is not the department's.
    assert_facts(facts_of("部门整体支出绩效自评报告", "department", [proj]), {}, ("budget_initial", "self_score"))
    untitled = _form([_line("年度资金总额", 10, 12, 11, 91.67)], title=None)
    assert_facts(facts_of("部门整体支出绩效自评报告", "department", [untitled]), {"budget_full_year": 12})
    # Several project forms, none the report's own: no report-level figure.
    got = facts_of("项目自评", "project", [proj, _form([_line("总额", 1, 1, 1, 100)], index=2)])
    assert_facts(got, {}, ("budget_initial", "self_score"))


def test_department_form_category_lines():
    lines = [_line("年度资金总额", 1172.55, None, 1268.72, None), _line("基本支出", 985.19, None, 914.97, None),
             _line("项目支出", 187.36, None, 353.75, None)]
    dept = _form(lines, title="部门整体支出绩效自评表")
    got = facts_of("部门整体支出绩效自评表", "department", [dept])
    # the executed column, not the budget column; the total line still gives the budget figures
    assert_facts(got, {"basic_expenditure": 914.97, "project_expenditure": 353.75, "budget_initial": 1172.55,
                       "budget_executed": 1268.72})
    # the form's rows win over prose (form > table > prose)
    got = facts_of("部门整体支出绩效自评报告。基本支出900万元。", "department", [dept])
    assert_facts(got, {"basic_expenditure": 914.97, "project_expenditure": 353.75})
    # a project report's form rows are never department categories
    proj = _form(lines, title="项目支出绩效自评表")
    got = facts_of("项目支出绩效自评表", "project", [proj])
    assert_facts(got, {"budget_initial": 1172.55}, ("basic_expenditure", "project_expenditure"))


def test_form_links_its_mention():
    text = "年度资金总额: | 808.1 | 692.98 | 86% |"
    report = report_of(text, "project")
    line = _line("年度资金总额", None, 808.1, 692.98, 86)
    line.start, line.end = 0, len(report.text)
    report.forms = [_form([line])]
    facts = {f.key: f for f in facts_in(report)}
    m = report.mentions[facts["execution_rate"].mention]
    assert m.raw == "86%"
    assert facts["budget_full_year"].mention is None  # a bare cell: no mention to link


def test_config_loads():
    cfg = config()
    assert {e.key for e in cfg.entries} >= {
        "total_expenditure", "basic_expenditure", "personnel_expenditure", "operating_expenditure",
        "project_expenditure", "total_income", "fiscal_appropriation", "three_public_total",
        "three_public_overseas", "three_public_vehicle", "three_public_reception", "budget_initial",
        "budget_full_year", "budget_executed", "execution_rate", "balance", "staff_authorized",
        "staff_actual", "satisfaction_rate", "self_score",
    }


def test_the_report_is_left_alone(example_report):
    import copy

    before = copy.deepcopy(example_report)
    facts, _, added = extract_facts(example_report)
    assert example_report == before
    assert facts == example_report.facts and not added  # the pipeline already added its scores


def test_total_row_without_rate_takes_the_rate_of_its_whole_line():
    """The total row leaves 执行率 blank; its 其中 line with the same budget and executed figures
    (the whole total) states it (重庆 部门整体绩效自评表, pool p0208)."""
    total = FormBudgetLine(form=0, line="年度资金总额", budget_initial=200, budget_full_year=250, executed=240)
    whole = FormBudgetLine(form=0, line="财政拨款", budget_initial=200, budget_full_year=250, executed=240,
                           execution_rate=96)
    part = FormBudgetLine(form=0, line="财政拨款", budget_initial=100, budget_full_year=125, executed=100,
                          execution_rate=80)
    form = Form(index=0, title="2024年度部门整体绩效自评表", budget_lines=[total, whole])
    got = facts_of("2024年度部门整体绩效自评表\n", "department", forms=[form])
    assert got["execution_rate"] == 96 and got["budget_full_year"] == 250
    form = Form(index=0, title="2024年度部门整体绩效自评表", budget_lines=[total, part])
    assert "execution_rate" not in facts_of("2024年度部门整体绩效自评表\n", "department", forms=[form])


# corpus/heldout3/k018.txt (a department report's 项目支出绩效自评结果 section, PDF line wraps kept):
# the department's own budget and its total over projects are the report's, and the initial budget
# is not the change against it ("比年初预算增加 758.97 万元")
K018 = ("一、部门基本情况\n(二)项目支出绩效自评结果。\n1.项目绩效自评总体情况:我部门及所属二层单位2024年度\n"
        "项目21个,项目支出总额656.93万元。其中,本级项目8个,本\n级项目支出385.58万元。自评发现的主要问题及原因:一\n"
        "是2024 年部门年初预算 1022.89 万元,年中调整预算为 1781.86 万\n元,比年初预算增加 758.97 万元,全年执行数 1767.21 万元。")


def test_department_figures_in_a_project_section():
    facts = facts_of(K018)
    assert facts["budget_initial"] == 1022.89
    assert facts["project_expenditure"] == 656.93
    assert facts["budget_executed"] == 1767.21


def test_a_comparison_base_states_no_value():
    assert "budget_initial" not in facts_of("年中调整预算为1781.86万元,比年初预算增加758.97万元。")


def test_a_label_closed_by_a_total_word_states_both_keys():
    # corpus/pool/p0157.txt: the appropriation's total is the income total here
    facts = facts_of("2024年度财政拨款收入合计2024.05万元(均为一般公共预算收入),财政拨款支出合计2024.05万元。")
    assert facts["total_income"] == 2024.05 and facts["fiscal_appropriation"] == 2024.05
    # a total alone states one key
    assert "fiscal_appropriation" not in facts_of("2024年度收入合计2024.05万元。")


def test_a_category_total_is_no_spending_total():
    facts = facts_of("“三公”经费支出合计5.2万元,其中:公务接待费1.2万元,公务用车购置及运行维护费4万元。")
    assert facts["three_public_total"] == 5.2 and "total_expenditure" not in facts


# ------------------------------------------------------------------ a category's heading as subject
P0223 = (
    "一、部门基本情况\n郴州市殡葬管理处。\n(一)基本支出\n"
    "2016年安排我处基本支出经费85.33万元,实际到位资金127.22万元(其中:年中追加41.89万元),基本支出为110.45万元。\n"
    "(二)项目支出\n我处殡葬执法工作经费,全部用于我处人员工资福利支出12.56万元、其他资本性支出1.28万元和"
    "其他支出20万元,实际支出51.77万元。\n(三)项目组织实施情况\n"
)


def test_spending_under_a_category_heading_is_the_categorys():
    # pool p0223: the one 实际支出 under "(二)项目支出" is the project spending, not the report's
    got = facts_of(P0223, "department")
    assert_facts(got, {"project_expenditure": 51.77, "basic_expenditure": 110.45}, absent=["budget_executed"])


def test_two_spending_figures_under_a_category_heading_stay_unassigned():
    text = P0223.replace("实际支出51.77万元。", "实际支出51.77万元。另一项目实际支出3万元。")
    assert "project_expenditure" not in facts_of(text, "department")


def test_spending_under_a_category_heading_of_a_project_report_is_the_projects():
    assert_facts(facts_of(P0223, "project"), {"budget_executed": 51.77}, absent=["project_expenditure"])
