"""Facts by one mechanism (issue 13): the stated priority form > table > prose, the readings that
lose kept as fact_candidates, and the guards that bar a reading (another year's figure, a weak
verb stating several values, 支付 without an execution rate). Sentences are real excerpts of
corpus/pool (file named beside each)."""
from __future__ import annotations


from extractor import store
from extractor.ingest import find_sources, ingest_paths
from extractor.interpret.facts import extract_facts
from extractor.model import Page, RawDocument
from extractor.pipeline import build_report

from .test_facts import _form, _line, report_of


def built(text: str):
    """A report through the whole pipeline (metadata, forms, facts, projects)."""
    return build_report(RawDocument(path="x.txt", format="txt", pages=[Page(1, text)]))


def facts(report) -> dict[str, float]:
    return {f.key: f.value for f in report.facts}


# ------------------------------------------------------------------ sources and priority
def test_a_value_in_the_next_cell_is_a_table_reading():
    found = extract_facts(report_of("编制人数 | 45 | 实有人数 | 43 |"))
    assert {f.key: f.source for f in found.facts} == {"staff_authorized": "table", "staff_actual": "table"}
    found = extract_facts(report_of("全中心编制人数68人,实有人数79人"))
    assert {f.source for f in found.facts} == {"prose"}


def test_a_table_reading_beats_prose():
    found = extract_facts(report_of("编制人数 | 45 |\n单位编制人数40人。"))
    assert facts(found) == {"staff_authorized": 45}
    [lost] = found.candidates
    assert (lost.value, lost.source) == (40, "prose") and lost.why.startswith("table before prose")


def test_every_losing_reading_points_at_its_text():
    form = _form([_line("年度资金总额", 238.93, 251.89, 251.89, 100)], total_score=96)
    report = report_of("年初预算数200万元。项目自评得分为90分。", "project", [form])
    found = extract_facts(report)
    assert found.candidates
    for c in found.candidates:
        assert c.start is not None and report.text[c.start:c.end].startswith(c.label)


def test_candidates_are_stored_and_loaded(tmp_path):
    # p0202.txt (湖南 南县 2020): last year's carry-over loses to the year-end balance
    (tmp_path / "a.txt").write_text(
        "2020年度部门整体支出绩效评价报告\n(一)部门整体支出概况 2020 年,本部门决算收支完成情况如下: "
        "1.2019 年结余结转 29.32 万元。 2.收入:594.95 万元。 4.年终结转结余 28.02 万元。\n",
        encoding="utf-8")
    db = store.open_db(tmp_path / "x.db")
    ingest_paths(db, list(find_sources([tmp_path])))
    [report_id] = store.report_ids(db)
    report = store.load_report(db, report_id).report
    assert facts(report)["balance"] == 28.02
    [lost] = [c for c in report.fact_candidates if c.key == "balance"]
    assert lost.value == 29.32 and lost.why.startswith("a figure of 2019, not of 2020")
    assert report.text[lost.start:lost.end] == "结余结转 29.32万元"  # the normalizer joins a figure and its unit
    rows = list(db.query("select key, source, why from fact_candidates"))
    assert any(r["key"] == "balance" and r["source"] == "prose" for r in rows)


# ------------------------------------------------------------------ guards
def test_a_head_count_is_not_barred_by_its_year():
    # h012: "本部门2019年人员编制 42人" in a 2020 report is the unit's staff
    report = built("2020年度部门整体支出绩效自评报告\n本部门2019年人员编制 42人,实有在职人员 45人。\n")
    assert facts(report)["staff_authorized"] == 42


def test_a_year_in_brackets_does_not_bar():
    # d001: "(含2023年转列暂付性款项项目5个),年初批复预算8个项目985万元" in a 2024 report
    report = built("2024年度项目支出绩效自评报告\n2024年,实施项目共15个(含2023年转列暂付性款项项目5个),"
                   "年初批复预算8个项目985万元。\n")
    assert facts(report)["budget_initial"] == 985


def test_paid_counts_as_executed_only_beside_an_execution_rate():
    # p0059.txt / p0197.txt
    with_rate = built("雪亮工程转移支付2020年度绩效自评报告\n2020年度该项目资金2842.5157万元,已执行支付2668万元,"
                      "执行率93.86%。\n")
    assert facts(with_rate)["budget_executed"] == 2668
    alone = built("2021年度项目支出绩效自评报告\n目前项目资金已拨付270万元。项目本年未整体竣工验收。\n")
    assert "budget_executed" not in facts(alone)
    assert any("counts only beside a stated execution_rate" in c.why for c in alone.fact_candidates)


def test_a_bare_verb_stating_several_values_is_per_item():
    # p0133.txt: the total (共支付) stands, the per-item 支付 do not
    report = built("林业生态保护恢复资金绩效自评报告\n目前共支付资金1696.76万元,资金执行率34.83%。"
                   "①森林防火物资支付21万元,资金执行率30.88%;②护林员补助支付1605万元,资金执行率100%。\n")
    assert facts(report)["budget_executed"] == 1696.76
    barred = [c for c in report.fact_candidates if c.why.startswith("a weak label stating several values")]
    assert sorted(c.value for c in barred) == [21, 1605]


def test_a_budget_breakdown_ranks_after_the_spending_one():
    # p0216.txt (湖南 桃源县路灯管理站 2022)
    report = built("2022年度整体支出绩效自评报告\n2022年部门年初预算支出1020.31万元,其中:基本支出162.31万元,"
                   "项目支出858万元。部门决算支出860.92万元,其中:基本支出126.61万元,项目支出734.31万元。\n")
    got = facts(report)
    assert (got["basic_expenditure"], got["project_expenditure"], got["total_expenditure"]) == (126.61, 734.31, 860.92)


def test_the_nearest_stage_word_decides():
    # p0223.txt (郴州市殡葬管理处 2016): 安排 (budget), then 实际到位 (spending) in one sentence
    got = facts(extract_facts(report_of(
        "2016年安排我处基本支出经费85.33万元,实际到位资金127.22万元(其中:年中追加41.89万元),基本支出为110.45万元。")))
    assert got["basic_expenditure"] == 110.45


def test_the_execution_rate_settles_the_budget():
    # p0064.txt (山东省红十字会 2021): the income budget is read first; the rate agrees with the approved one
    found = extract_facts(report_of(
        "经调整,2021年度省红十字会全年预算安排收入为1449.54万元。2021年度省红十字会批复支出预算1824.15万元,"
        "实际执行支出预算1711.15万元,部门整体预算执行率为93.81%。"))
    assert facts(found)["budget_full_year"] == 1824.15
    [lost] = [c for c in found.candidates if c.key == "budget_full_year"]
    assert lost.value == 1449.54 and lost.why.startswith("agrees with execution_rate")


def test_spending_verbs_are_a_project_reports_only():
    text = "2022年腾冲市孤儿补助共支出458.96万元。"
    assert facts(extract_facts(report_of(text, "project")))["budget_executed"] == 458.96
    assert "budget_executed" not in facts(extract_facts(report_of(text, "department")))


# ------------------------------------------------------------------ known misses
def test_initial_income_budget_with_the_subject_between():
    """p0064: 收入预算 after 年初 with the subject between (年初省红十字会收入预算为…) is the initial
    budget (facts.toml budget_initial.5; a known miss until then)."""
    got = facts(extract_facts(report_of("2021年初省红十字会收入预算为1116.20万元,经调整,全年预算安排收入为1449.54万元。")))
    assert got.get("budget_initial") == 1116.2


def test_fiscal_income_total_is_also_the_appropriation():
    """p0088: 财政资金收入合计 is both total_income and (all of it being 财政拨款) fiscal_appropriation
    ([binding] total_also; a known miss until then)."""
    got = facts(extract_facts(report_of("2022年本年财政资金收入合计833.84万元,其中:基本支出财政拨款收入121.86万元。")))
    assert got.get("total_income") == 833.84 and got.get("fiscal_appropriation") == 833.84
