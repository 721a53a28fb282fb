"""A web page read as runs of text (scripts/perturb.py ``oneline``: each paragraph's lines joined by
spaces): normalization removes the spaces between Han characters, and the offsets where it did
(pipeline.removed_spaces where no line break went: the ``runs``) are boundaries a title, a unit name and a
single project's title do not cross. Synthetic pages with known truth and real non-blind excerpts
(bench/corpus_sets.py) re-laid out, whose gold must still be read."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.interpret.metadata.describe import runs_as_lines, unit_after_gap
from extractor.interpret.metadata.title import in_runs
from extractor.pipeline import extract_bytes

from .conftest import ROOT, load_script

CHROME = ["- 索引号000014348/2018-03641", "- 发布机构{unit}", "- 文号", "- 发布日期2017-09-30", "- 时效性有效"]
BODY = ["一、基本情况", "{unit}是市委直属事业单位,主要职责是培训干部。", "2016年度部门预算收入合计120.5万元。"]


def _page(unit: str, year: int, kind_words: str) -> str:
    lines = [c.format(unit=unit) for c in CHROME] + [f"{unit}{year}年{kind_words}绩效自评报告"]
    return "\n".join(lines + [b.format(unit=unit) for b in BODY]) + "\n"


def _read(text: str, name: str = "page.txt"):
    return extract_bytes(text.encode("utf-8"), Path(name)).reports[0]


@pytest.mark.parametrize("unit,year,kind_words,kind", [
    ("中共开远市委党校", 2016, "整体支出", "department"),
    ("红河州司法局", 2024, "部门整体支出", "department"),
    ("腾冲市林业和草原局", 2019, "林业专项行动经费项目", "project"),
])
def test_a_title_glued_to_chrome_and_its_first_heading_is_read_alone(unit, year, kind_words, kind):
    perturb = load_script("perturb")
    page = _page(unit, year, kind_words)
    for text in (page, perturb.perturb(page, "oneline")):
        report = _read(text)
        assert (report.unit_name, report.fiscal_year, report.report_kind) == (unit, year, kind)
    oneline = _read(perturb.perturb(page, "oneline"))
    assert oneline.title == f"{unit}{year}年{kind_words}绩效自评报告"


def test_in_runs_never_takes_the_chrome_before_a_title():
    text = "时效性有效中共开远市委党校2016年整体支出绩效自评报告一、基本情况"
    gaps = [text.index("中共"), text.index("一、")]
    titles = in_runs(text, 0, len(text), gaps)
    assert [(t.text, t.unit, t.year) for t in titles] == [("中共开远市委党校2016年整体支出绩效自评报告", "中共开远市委党校", 2016)]


def test_a_title_spaced_apart_is_read_whole():
    text = "中共开远市委党校2016年整体支出绩效自评报告"
    titles = in_runs(text, 0, len(text), [text.index("党校")])
    assert titles and titles[-1].unit == "中共开远市委党校"


def test_a_unit_keeps_only_what_follows_a_removed_space_when_that_is_a_place_named_unit():
    text = "项目资金执行情况市交通运输局2021年度下达资金"
    assert unit_after_gap("项目资金执行情况市交通运输局", text, [text.index("市交")]) == "市交通运输局"
    spaced = "湖南省交通运输厅2021年度"  # a space after the region: the name is kept whole
    assert unit_after_gap("湖南省交通运输厅", spaced, [3]) == "湖南省交通运输厅"
    assert unit_after_gap("中共开远市委党校", "中共开远市委党校", [6]) == "中共开远市委党校"  # 党校 names no place


def test_runs_as_lines_breaks_only_a_line_too_wide_and_never_beside_a_figure():
    wide = "发布日期2017-09-30" + "甲" * 250 + "2019年度" + "乙" * 10
    gaps = [12, 100, wide.index("年度")]
    lined = runs_as_lines(wide, gaps)
    assert lined.count("\n") == 1 and lined.replace("\n", "") == wide and lined.index("\n") == 100
    assert runs_as_lines("短行甲乙", [2]) == "短行甲乙"


def _is_blind(path: Path) -> bool:
    return load_script("corpus_sets", "bench").is_blind(path)


def _gold_texts():
    out = []
    for name, stem in (("pool", "p0072"), ("pool", "p0076"), ("pool", "p0064"), ("pool", "p0244"),
                       ("heldout", "h016"), ("heldout3", "k009")):
        path = ROOT / "corpus" / name / f"{stem}.txt"
        assert not _is_blind(path)
        out.append(pytest.param(path, json.loads((path.parent / "gold" / f"{stem}.json").read_text(encoding="utf-8")),
                                id=stem))
    return out


@pytest.mark.parametrize("path,gold", _gold_texts())
def test_real_pages_read_as_runs_of_text_keep_their_unit_year_and_kind(path, gold):
    perturb = load_script("perturb")
    report = _read(perturb.perturb(path.read_text(encoding="utf-8"), "oneline"), path.name)
    assert (report.unit_name, report.fiscal_year, report.report_kind) == (
        gold["unit_name"], gold["fiscal_year"], gold["report_kind"])


@pytest.mark.parametrize("name,stem", [("pool", "p0130"), ("heldout3", "k011"), ("pool", "p0056")])
def test_a_single_projects_title_inside_a_run_of_chrome_names_its_project(name, stem):
    perturb = load_script("perturb")
    path = ROOT / "corpus" / name / f"{stem}.txt"
    gold = json.loads((path.parent / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
    report = _read(perturb.perturb(path.read_text(encoding="utf-8"), "oneline"), path.name)
    want = gold["projects"][0]
    assert len(report.projects) == 1 and want["name"][:4] in report.projects[0].name
    assert want["amount_wan"] is None or report.projects[0].amount == want["amount_wan"]


def _scored(name: str, stem: str, layout: str):
    """(report, gold) of a real non-blind text laid out by scripts/perturb.py ``layout``."""
    path = ROOT / "corpus" / name / f"{stem}.txt"
    assert not _is_blind(path)
    gold = json.loads((path.parent / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
    return _read(load_script("perturb").perturb(path.read_text(encoding="utf-8"), layout), path.name), gold


def _same_projects(got, want) -> bool:
    """The scorer's matching in short: each gold project by its name's head and its amount."""
    pool = [(p.name, p.amount) for p in got]
    for w in want:
        hit = next((g for g in pool if g[0][:8] == w["name"][:8]
                    and (w["amount_wan"] is None or g[1] == w["amount_wan"])), None)
        if hit is None:
            return False
        pool.remove(hit)
    return not pool


@pytest.mark.parametrize("name,stem,layout", [
    ("heldout7", "s014", "oneline"),  # the blank after each row's ordinal removed ("良 2日博…")
    ("heldout7", "s014", "nopipes"),
    ("heldout5", "r019", "oneline"),  # rows that dropped their blank cells ("…支撑 70.00 70.00")
    ("heldout4", "q013", "oneline"),  # "…综述如下: 项目一:…" run into the paragraph before it
    ("pool", "p0268", "oneline"),  # a table without row numbers on one line: rows of the header's width
    ("heldout5", "r019", "nopipes"),
])
def test_a_list_of_projects_read_as_runs_of_text_keeps_every_project(name, stem, layout):
    report, gold = _scored(name, stem, layout)
    assert _same_projects(report.projects, gold["projects"]), [(p.name, p.amount) for p in report.projects]


def test_a_cover_run_into_one_line_ends_its_project_name_at_the_next_label():
    report, gold = _scored("pool", "p0178", "oneline")  # "项目名称:2023年专项区级储备粮补贴 报告编号:…"
    assert [(p.name, p.amount) for p in report.projects] == [("专项区级储备粮补贴", None)] == [
        (w["name"], w["amount_wan"]) for w in gold["projects"]]


@pytest.mark.parametrize("name,stem", [("pool", "p0227"), ("heldout7", "s015")])
def test_staff_cells_run_into_one_line_are_read_and_a_telephone_number_is_no_count(name, stem):
    # "联络电话 0730-8699916 人员编制 48 实有人数 50": each label's bare count after a blank
    report, gold = _scored(name, stem, "oneline")
    staff = {f.key: f.value for f in report.facts if f.key.startswith("staff")}
    assert staff == {k: v for k, v in gold["facts"].items() if k.startswith("staff")}
    assert not [m for m in report.mentions if m.kind == "count" and m.value > 1_000_000]
    assert "staff_over_quota" in [f.rule for f in report.findings]


@pytest.mark.parametrize("layout", ["nopipes", "oneline", "flatten"])
def test_a_forms_bracketed_notes_set_apart_by_blanks_stay_with_their_labels(layout):
    # pool p0257's 项目支出绩效自评表 without its bars: "得分 (20分*执行率)", "扶持发展新型农业经营主体 (个)"
    report, gold = _scored("pool", "p0257", layout)
    facts = {f.key: f.value for f in report.facts}
    assert {k: facts.get(k) for k in gold["facts"]} == gold["facts"]
    assert _same_projects(report.projects, gold["projects"])
    assert sorted(f.rule for f in report.findings) == ["execution_rate_mismatch", "goal_not_met", "goal_not_met"]


@pytest.mark.parametrize("name,stem", [("heldout5", "r019"), ("pool", "p0182")])
def test_a_numbered_table_one_cell_a_line_is_read_by_its_row_ordinals(name, stem):
    # the page drops blank cells ("…产业链支撑 / 70.00 / 70.00" under 预算额度 调整额度 实际安排额度),
    # so rows are found by their ordinals 1, 2, 3…, not by counting cells; names end in no project word
    report, gold = _scored(name, stem, "flatten")
    assert _same_projects(report.projects, gold["projects"]), [(p.name, p.amount) for p in report.projects]


@pytest.mark.parametrize("name,stem,layout", [
    ("pool", "p0229", "flatten"),  # "部门\n金寨县茶谷和美丽乡村建设服务中心": the form's field one cell a line
    ("pool", "p0052", "oneline"),  # "发布机构昌宁县鸡飞镇公开目录…": a portal's next label ends the value
])
def test_the_unit_a_form_field_or_the_portal_states_survives_the_layout(name, stem, layout):
    report, gold = _scored(name, stem, layout)
    assert report.unit_name == gold["unit_name"]
