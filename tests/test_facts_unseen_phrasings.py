"""Facts of the retired held-out sets read by general vocabulary and mechanisms (round 10): a head
count whose parts list retirees, staff on post written 实际在职 or as a bare 在职 beside the retirees,
the money passed down at the start of the year (年初下达), verbs of spending (拨付使用, 使用…资金,
实际形成支出, 实际支出总额), the year's spending (本年支出), and a total score 总评得分. Each reads a real
page of corpus/ (whole report through the pipeline), with a counterexample that must not."""
from __future__ import annotations

from extractor.interpret.facts import extract_facts

from .test_facts import report_of as bare_report
from .test_form_templates import excerpt, report_of


def facts(report) -> dict[str, float]:
    return {f.key: f.value for f in report.facts}


# ------------------------------------------------------------------ staff
def test_a_head_count_listing_retirees_yields_to_its_staff_on_post():
    """heldout6 s011: 共有职工210人,其中:在职职工184人,…退休人员22人 — 210 counts the retirees."""
    r = report_of(excerpt("heldout6/s011.txt", 1, 3))
    assert facts(r)["staff_actual"] == 184
    lost = [c for c in r.fact_candidates if c.key == "staff_actual"]
    assert [c.value for c in lost] == [210] and "retirees" in lost[0].why


def test_a_head_count_without_retirees_stands():
    """The demotion needs retirees among the parts: "共有职工21人,其中:参公19人,工勤2人" is the staff."""
    found = extract_facts(bare_report("本单位共有职工21人,其中:参公19人,工勤2人。"))
    assert {f.key: f.value for f in found.facts}["staff_actual"] == 21


def test_bare_staff_on_post_beside_the_retirees():
    """heldout7 s007 (编制数230人,在职 176人,退休119 人) and heldout5 r022 (实际人员30人(其中:在职26人,退休4人))."""
    assert facts(report_of(excerpt("heldout7/s007.txt", 1, 20)))["staff_actual"] == 176
    assert facts(report_of(excerpt("heldout5/r022.txt")))["staff_actual"] == 26


def test_one_part_on_post_is_no_staff_count():
    """heldout4 q034: "其中,局机关在职113人、离休2人" is one part's staff."""
    found = extract_facts(bare_report("现有编制人员205人。其中,局机关在职113人、离休2人、退休75人。"))
    assert "staff_actual" not in {f.key for f in found.facts}


def test_actual_staff_on_post_written_shiji():
    """heldout5 r009: 2020年末实际在职编制人员13名 beside 人员编制共14 名."""
    got = facts(report_of(excerpt("heldout5/r009.txt")))
    assert (got["staff_authorized"], got["staff_actual"]) == (14, 13)


# ------------------------------------------------------------------ budget and spending
def test_money_passed_down_at_the_start_of_the_year_is_the_initial_budget():
    """heldout7 s006 (年初财政下达资金5万元) and heldout5 r022 (年初下达预算支出910.47万元)."""
    got = facts(report_of(excerpt("heldout7/s006.txt")))
    assert (got["budget_initial"], got["budget_executed"], got["execution_rate"]) == (5, 5, 100)
    assert facts(report_of(excerpt("heldout5/r022.txt")))["budget_initial"] == 910.47


def test_a_later_allocation_is_no_initial_budget():
    found = extract_facts(bare_report("年中追加下达资金5万元,全部用于设备购置。", "project"))
    assert "budget_initial" not in {f.key for f in found.facts}


def test_verbs_of_spending_state_the_executed_amount():
    """heldout7 s012 (拨付使用16.20万元), s018 (使用救助资金113.5萬元, traditional), heldout8 t012 (实际形成支出
    14474.11553万元 over 14856.17万元 全部拨付到位), heldout6 s002 (项目实际支出总额153.550567万元)."""
    assert facts(report_of(excerpt("heldout7/s012.txt")))["budget_executed"] == 16.2
    assert facts(report_of(excerpt("heldout7/s018.txt")))["budget_executed"] == 113.5
    assert facts(report_of(excerpt("heldout8/t012.txt")))["budget_executed"] == 14474.11553
    assert facts(report_of(excerpt("heldout6/s002.txt")))["budget_executed"] == 153.550567


def test_a_plan_to_use_money_is_not_spending():
    """heldout6 s015: 计划使用财政资金3.75万元 is a plan."""
    found = extract_facts(bare_report("本项目计划使用财政资金3.75万元,为9名执法人员购置制式服装。", "project"))
    assert "budget_executed" not in {f.key for f in found.facts}


def test_the_years_spending_stated_with_its_figure():
    """heldout5 r013: 2018年本年支出1366.23万元 (its parts add to 1366.22, as published)."""
    assert facts(report_of(excerpt("heldout5/r013.txt")))["total_expenditure"] == 1366.23
    found = extract_facts(bare_report("项目资金75万元,已于本年度支出75万元,预算完成率100%。"))
    assert "total_expenditure" not in {f.key for f in found.facts}


# ------------------------------------------------------------------ scores
def test_the_overall_score_before_the_part_scores():
    """heldout7 s018: 总评得分为100分, then 项目投入情况,自评得分18分 (a part's)."""
    assert facts(report_of(excerpt("heldout7/s018.txt")))["self_score"] == 100


def test_the_budget_arranged_in_total():
    """heldout6 s002: 项目预算安排总额153.550567万元 is the year's budget (预算总额, weaker than 全年预算)."""
    got = facts(report_of(excerpt("heldout6/s002.txt")))
    assert (got["budget_full_year"], got["budget_executed"]) == (153.550567, 153.550567)
    found = extract_facts(bare_report("年初预算安排总额300万元,全部用于道路养护。", "project"))
    assert "budget_full_year" not in {f.key for f in found.facts}


def test_police_staff_on_post_over_a_count_with_retirees():
    """pool p0224: 实有警察职工139人,其中:在职警察职工115人(…)、退休警察职工24人 → 115."""
    assert facts(report_of(excerpt("pool/p0224.txt")))["staff_actual"] == 115


def test_the_money_completed_is_spent_but_not_a_parts():
    """heldout6 s022: 资金完成61.99万元 (its 绩效目标 资金完成173万元 is a target); heldout4 q012: 中央资金完成…、
    地方资金完成… are the parts' money and leave the stated 实际支出 alone."""
    assert facts(report_of(excerpt("heldout6/s022.txt")))["budget_executed"] == 61.99
    assert facts(report_of(excerpt("heldout4/q012.txt")))["budget_executed"] == 1847.85


def test_an_explicit_actual_head_count_holds_against_its_parts():
    """pool p0223: 实有人数13人,其中在职人员10人,退休人员3人 — the gold reads 13 by its label: the demotion of
    a head count listing retirees is one rank, which an explicit 实有人数 survives."""
    assert facts(report_of(excerpt("pool/p0223.txt")))["staff_actual"] == 13


def test_the_self_assessment_and_its_score_side_by_side():
    """heldout7 s007: 我局2021年度专项支出绩效自评 98分; 绩效自评工作 is no score label."""
    assert facts(report_of(excerpt("heldout7/s007.txt", 1, 20)))["self_score"] == 98
    found = extract_facts(bare_report("我局认真开展绩效自评工作,成立自评小组3个。"))
    assert "self_score" not in {f.key for f in found.facts}
