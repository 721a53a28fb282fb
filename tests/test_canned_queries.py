"""Every canned query of datasette-metadata.json returns the rows it must, on real data.

Two databases are built the way ``extractor ingest`` builds them (ingest_paths: extract, store,
link units and project series, prior-year checks), and the connection gets the SQL functions the
Datasette plugin registers (``prepare_connection``):

* ``one``: the user's 2024 report (TXT) alone;
* ``two``: the same plus corpus/synthetic/prior-year/agree/ (the 2023 report the 2024 one implies),
  so the year-over-year queries have something to compare.

Expected values are read off the report text; the year-over-year ones are computed by hand from
the two texts (see test_biggest_changes_two_years).
"""
from __future__ import annotations

import json

import pytest

from extractor import store
from extractor.ingest import ingest_paths
from extractor.publish.datasette_plugin import prepare_connection

from .conftest import CORPUS, EXAMPLE_TXT, ROOT

QUERIES = json.loads((ROOT / "datasette-metadata.json").read_text(encoding="utf-8"))["databases"]["performance"]["queries"]
PRIOR_TXT = CORPUS / "synthetic" / "prior-year" / "agree" / "2023年度渌口区交通事务中心整体支出绩效自评报告.txt"
UNIT = "渌口区交通事务中心"
# the five known anomalies, and the report's claim 圆满完成 against S330项目二期 at 40.35 %
SIX_RULES = ["claim_contradicted", "duplicate_output", "goal_not_met", "section_numbering", "staff_over_quota",
             "stake_length_mismatch"]


def _build(path, files):
    db = store.open_db(path)
    summary = ingest_paths(db, files)
    assert (summary.ingested, summary.errors) == (len(files), 0), summary.error_messages
    prepare_connection(db.conn)
    return db


@pytest.fixture(scope="module")
def one(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("canned") / "one.db", [EXAMPLE_TXT])


@pytest.fixture(scope="module")
def two(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("canned") / "two.db", [PRIOR_TXT, EXAMPLE_TXT])


# The queries label their columns for people ("总支出（万元）total"); the assertions name them by
# the model's keys. Per query, label → key (a label not listed keeps its text).
FACT_COLUMNS = {
    "总支出（万元）total": "total_expenditure", "基本支出（万元）basic": "basic_expenditure",
    "人员经费（万元）personnel": "personnel_expenditure", "公用经费（万元）operating": "operating_expenditure",
    "项目支出（万元）project": "project_expenditure", "三公经费（万元）3 public": "three_public_total",
    "年初预算（万元）initial budget": "budget_initial", "全年预算（万元）full-year budget": "budget_full_year",
    "执行数（万元）executed": "budget_executed", "执行率（%）execution": "execution_rate",
    "编制人数（人）quota": "staff_authorized", "实有人数（人）staff": "staff_actual",
    "满意度（%）satisfaction": "satisfaction_rate", "自评得分（分）score": "self_score", "核对发现 findings": "findings",
}
KEYS = {
    "comparable_facts": {"单位 unit": "unit", "年度 year": "fiscal_year", "类型 kind": "report_kind",
                         "副本 copies": "copies", **FACT_COLUMNS},
    "report_copies": {"单位 unit": "unit", "年度 year": "fiscal_year", "类型 kind": "report_kind",
                      "格式 format": "format", "文件 file": "file_name", "副本数 copies found": "n_copies",
                      "副本 copies": "copies", "不一致 conflicting": "conflicting"},
    "unit_year_by_year": {"单位 unit": "unit", "年度 year": "fiscal_year", "类型 kind": "report_kind",
                          "原文名称 as written": "name_as_written", "项目数 projects": "projects", "错误 errors": "errors",
                          "警告 warnings": "warnings", "副本 copies": "copies", **FACT_COLUMNS},
    "findings_by_severity": {"单位 unit": "unit_name", "年度 year": "fiscal_year", "严重程度 severity": "severity",
                             "规则 rule": "rule", "说明 message": "message", "应有值 expected": "expected",
                             "报告值 stated": "actual", "差额 difference": "difference"},
    "projects_ranked": {"单位 unit": "unit_name", "年度 year": "fiscal_year", "分组 group": "group_label",
                        "项目 project": "name", "金额（万元）amount": "amount_wan", "产出 output": "output_value",
                        "产出单位 output unit": "output_unit", "目标完成 goal": "goal_status",
                        "完成比例（%）goal %": "goal_pct", "路线编号 road": "road_code"},
    "biggest_changes": {"单位 unit": "unit", "指标 fact": "key", "上年 from": "from_year", "本年 to": "to_year",
                        "上年值 from value": "from_value", "本年值 to value": "to_value", "变化 change": "change",
                        "变化率（%）change %": "change_pct"},
    "search_sections": {"单位 unit": "unit_name", "年度 year": "fiscal_year", "章节 section": "heading", "正文 text": "text"},
    "project_series_progress": {"单位 unit": "unit", "地区 region": "region", "项目 project": "project",
                                "起始年 first": "first_year", "最近年 last": "last_year", "年度 years": "years",
                                "报告次数 reports": "n_projects", "累计支出（万元）cumulative": "cumulative_wan_yuan",
                                "最近一年（万元）latest": "latest_wan_yuan", "最新进度 latest status": "latest_goal_status",
                                "完成比例（%）goal %": "latest_goal_pct", "链接置信度 confidence": "confidence",
                                "名称 names": "names"},
}


def run(db, name: str, **params) -> list[dict]:
    """Rows of canned query ``name`` as dicts keyed as KEYS says; parameters default to '' as
    Datasette's form sends them."""
    sql = QUERIES[name]["sql"]
    defaults = {p: "" for p in ("unit", "year") if f":{p}" in sql}
    cur = db.conn.execute(sql, {**defaults, **params})
    cols = [KEYS.get(name, {}).get(d[0], d[0]) for d in cur.description]
    return [dict(zip(cols, row)) for row in cur.fetchall()]


def test_every_canned_query_is_tested_here():
    """A new canned query needs a test here saying which rows it must return."""
    tested = {"findings_by_severity", "projects_ranked", "comparable_facts", "biggest_changes", "search_sections",
              "project_series_progress", "unit_year_by_year", "report_copies"}
    assert set(QUERIES) == tested


# ----------------------------------------------------------------------------- comparable_facts
MAIN_FACTS_2024 = {
    "unit": UNIT, "fiscal_year": 2024, "report_kind": "department",
    "total_expenditure": 10488.604785,  # 基本支出1337.358269 + 项目支出9151.246516 (derived)
    "basic_expenditure": 1337.358269, "personnel_expenditure": 1048.772537, "operating_expenditure": 288.585732,
    "project_expenditure": 9151.246516, "three_public_total": 2.0,  # “三公”经费支出2万元
    "budget_initial": 200.0,  # 年初预算项目200万元: the project group's budget (REVIEW.md questions this)
    "budget_full_year": None, "budget_executed": None, "execution_rate": None,  # the report states none
    "staff_authorized": 68.0, "staff_actual": 79.0, "satisfaction_rate": 90.0, "self_score": None,
    "findings": 6,
}


def test_comparable_facts_one_row_for_the_report(one):
    rows = run(one, "comparable_facts")
    assert len(rows) == 1
    row = rows[0]
    assert {k: row[k] for k in MAIN_FACTS_2024} == MAIN_FACTS_2024


def test_comparable_facts_two_years(two):
    rows = run(two, "comparable_facts")
    assert [(r["unit"], r["fiscal_year"]) for r in rows] == [(UNIT, 2023), (UNIT, 2024)]
    prior, current = rows
    assert {k: current[k] for k in MAIN_FACTS_2024} == MAIN_FACTS_2024
    # 2023: 基本支出1189.231588万元。其中人员经费1000.978588万元，运行经费188.253万元。项目支出4393.556516万元
    assert (prior["basic_expenditure"], prior["personnel_expenditure"], prior["operating_expenditure"],
            prior["project_expenditure"]) == (1189.231588, 1000.978588, 188.253, 4393.556516)
    assert prior["total_expenditure"] == pytest.approx(1189.231588 + 4393.556516, abs=1e-9)
    assert (prior["staff_authorized"], prior["staff_actual"], prior["satisfaction_rate"]) == (68.0, 77.0, 90.0)
    assert prior["three_public_total"] is None and prior["findings"] == 1  # 77 > 68: staff_over_quota


# -------------------------------------------------------------------------- findings_by_severity
def test_findings_by_severity_counts(one):
    rows = run(one, "findings_by_severity")
    assert [(r["severity"], r["rule"]) for r in rows] == [("warning", rule) for rule in SIX_RULES]
    assert {r["unit_name"] for r in rows} == {UNIT} and {r["fiscal_year"] for r in rows} == {2024}
    by_rule = {r["rule"]: r for r in rows}
    assert (by_rule["staff_over_quota"]["expected"], by_rule["staff_over_quota"]["actual"],
            by_rule["staff_over_quota"]["difference"]) == (68.0, 79.0, 11.0)
    stake = by_rule["stake_length_mismatch"]  # X009 K7+620-K8+220 is 0.6 km, the report says 0.84km
    assert (round(stake["expected"], 6), stake["actual"], round(stake["difference"], 6)) == (0.6, 0.84, 0.24)
    assert (by_rule["goal_not_met"]["expected"], by_rule["goal_not_met"]["actual"]) == (100.0, 40.35)
    assert "S330项目二期" in by_rule["goal_not_met"]["message"]


def test_findings_by_severity_filters_unit_and_year(two):
    assert len(run(two, "findings_by_severity")) == 7
    assert len(run(two, "findings_by_severity", unit="渌口", year="2024")) == 6
    (prior,) = run(two, "findings_by_severity", year="2023")
    assert (prior["rule"], prior["message"]) == ("staff_over_quota", "实有人数77人超过编制人数68人，超编9人")
    assert run(two, "findings_by_severity", unit="醴陵市") == []
    # the 2023 report agrees with what 2024 says of it: no prior-year finding in either
    assert not [r for r in run(two, "findings_by_severity") if r["rule"] not in SIX_RULES + ["staff_over_quota"]]


# ------------------------------------------------------------------------------ projects_ranked
def test_projects_ranked_first_and_last_rows(one):
    rows = run(one, "projects_ranked")
    assert len(rows) == 31
    top = [(r["name"], r["amount_wan"], r["output_value"], r["output_unit"], r["goal_status"], r["goal_pct"],
            r["road_code"]) for r in rows[:3]]
    assert top == [
        ("S330项目二期", 1974.46905, 17.6, "km", "partial", 40.35, "S330"),
        ("2022年第二批中修项目", 1711.57, 27.255, "km", "achieved", None, None),
        ("S330项目(S330淦田-古岳峰一期)", 1600.0, 5.511, "km", "achieved", None, "S330"),
    ]
    assert (rows[-1]["name"], rows[-1]["amount_wan"]) == ("2020年第一批国省道中修工程", 4.606372)
    amounts = [r["amount_wan"] for r in rows]
    assert amounts == sorted(amounts, reverse=True)
    assert round(sum(amounts), 6) == 9151.246516  # = 项目支出, = 140.210271 + 9011.036245
    assert {r["group_label"] for r in rows[:3]} == {"年中追加项目"}


def test_projects_ranked_unit_filter(one):
    assert len(run(one, "projects_ranked", unit="交通事务")) == 31
    assert run(one, "projects_ranked", unit="教育局") == []


# ------------------------------------------------------------------------------ search_sections
def test_search_sections_three_public(one):
    rows = run(one, "search_sections", q="三公经费")
    assert len(rows) == 1
    (row,) = rows
    assert (row["unit_name"], row["fiscal_year"], row["heading"]) == (UNIT, 2024, "严控“三公”经费支出")
    assert row["text"].startswith("(1)严控“三公”经费支出。2024年,“三公”经费支出2万元,同比减少33.67%。")
    heading = one.conn.execute("select heading from sections where id = ?", [row["section_id"]]).fetchone()[0]
    assert heading == row["heading"]


def test_search_sections_finds_project_sections(one):
    """危桥改造 names two projects: (21) 2017年危桥改造 and (23) 2023年第一批农村公路危桥改造."""
    headings = {r["heading"] for r in run(one, "search_sections", q="危桥改造")}
    assert {"2017年危桥改造", "2023年第一批农村公路危桥改造"} <= headings
    assert run(one, "search_sections", q="核电站") == []


# ------------------------------------------------------------------------------ biggest_changes
def test_biggest_changes_needs_two_years(one):
    assert run(one, "biggest_changes") == []


def test_biggest_changes_two_years(two):
    """By hand from the two texts (2023 → 2024), ordered by |change %|:
    项目支出 4393.556516 → 9151.246516: +4757.69, 4757.69 / 4393.556516 = 108.29 % (the 2024 report says 108.29%)
    总支出 (基本+项目) 5582.788104 → 10488.604785: +4905.816681, 87.87 %
    基本支出 1189.231588 → 1337.358269: +148.126681, 12.46 %
    实有人数 77 → 79: +2, 2.6 %
    (“三公”经费 is stated only in 2024, so it has no row.)"""
    rows = run(two, "biggest_changes")
    got = [(r["unit"], r["key"], r["from_year"], r["to_year"], r["from_value"], r["to_value"], r["change"],
            r["change_pct"]) for r in rows]
    assert got == [
        (UNIT, "project_expenditure", 2023, 2024, 4393.556516, 9151.246516, 4757.69, 108.29),
        (UNIT, "total_expenditure", 2023, 2024, 5582.788104, 10488.604785, 4905.816681, 87.87),
        (UNIT, "basic_expenditure", 2023, 2024, 1189.231588, 1337.358269, 148.126681, 12.46),
        (UNIT, "staff_actual", 2023, 2024, 77.0, 79.0, 2.0, 2.6),
    ]


# ---------------------------------------------------------------------- project_series_progress
def test_project_series_progress(one):
    rows = run(one, "project_series_progress")
    assert len(rows) == 31  # one series per project: a single year links nothing across years
    first = rows[0]
    assert (first["unit"], first["region"], first["project"], first["first_year"], first["last_year"],
            first["n_projects"], first["cumulative_wan_yuan"], first["latest_wan_yuan"], first["latest_goal_status"],
            first["latest_goal_pct"]) == (UNIT, "株洲市渌口区", "S330项目二期", 2024, 2024, 1, 1974.46905, 1974.46905,
                                          "partial", 40.35)
    assert json.loads(first["years"]) == [2024] and json.loads(first["names"]) == ["S330项目二期"]
    assert round(sum(r["cumulative_wan_yuan"] for r in rows), 6) == 9151.246516
    assert [r["project"] for r in run(one, "project_series_progress", unit="渌口", year="2024")][:2] == [
        "S330项目二期", "2022年第二批中修项目"]
    assert run(one, "project_series_progress", year="2023") == []


# ---------------------------------------------------------------------------- unit_year_by_year
def test_unit_year_by_year(two):
    rows = run(two, "unit_year_by_year", unit="渌口区交通事务中心")
    assert [(r["unit"], r["fiscal_year"], r["name_as_written"]) for r in rows] == [
        (UNIT, 2023, UNIT), (UNIT, 2024, UNIT)]
    assert len({r["unit_id"] for r in rows}) == 1  # both years linked to one unit
    prior, current = rows
    assert (prior["projects"], prior["errors"], prior["warnings"]) == (0, 0, 1)
    assert prior["findings"] == "staff_over_quota: 实有人数77人超过编制人数68人，超编9人"
    assert (current["projects"], current["errors"], current["warnings"]) == (31, 0, 6)
    assert sorted(line.split(":")[0] for line in current["findings"].split("\n")) == SIX_RULES
    assert (current["total_expenditure"], current["staff_actual"], current["three_public_total"]) == (
        10488.604785, 79.0, 2.0)
    assert [r["fiscal_year"] for r in run(two, "unit_year_by_year", year="2024")] == [2024]
    assert run(two, "unit_year_by_year", unit="醴陵市") == []


# ------------------------------------------------------------------------------- report_copies
@pytest.fixture(scope="module")
def copies(tmp_path_factory):
    """The 2024 report as UTF-8 TXT and as its GB18030 copy: one report, found twice."""
    return _build(tmp_path_factory.mktemp("canned") / "copies.db",
                  [EXAMPLE_TXT, CORPUS / "2024年度渌口区交通事务中心整体支出绩效自评报告.gbk.txt"])


def test_report_copies_lists_the_copy_and_every_view_counts_once(copies, one):
    (row,) = run(copies, "report_copies")
    assert (row["unit"], row["fiscal_year"], row["n_copies"], row["conflicting"]) == (UNIT, 2024, 1, None)
    # both are TXT: the canonical copy is the one ingested first (the UTF-8 file, listed first),
    # whether or not the two ingests fall within the same second
    assert row["file_name"].endswith("整体支出绩效自评报告.txt") and row["copies"].endswith(".gbk.txt")
    # the copy is counted once: the same rows as the database holding the report alone
    assert len(run(copies, "comparable_facts")) == 1
    assert len(run(copies, "findings_by_severity")) == len(run(one, "findings_by_severity"))
    assert len(run(copies, "projects_ranked")) == len(run(one, "projects_ranked")) == 31
    assert run(one, "report_copies") == []
