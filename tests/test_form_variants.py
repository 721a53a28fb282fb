"""The 项目支出绩效自评表 as real pages vary it (scripts/synth_forms.py AXES, mined from real pages:
docs/form_variants.md): each value of each axis (header wording, column order, total-row label, 其中
labels, money-unit declaration, number formats, label-value layouts, total row) and each real
combination (SITES), written in the flattenings of bench/form_family.py VARIANT_FLATTENINGS, must
give the form's budget facts and its project with the executed amount; and the real pages the
axes came from."""
from __future__ import annotations

import pytest

from .conftest import load_script
from .test_form_templates import excerpt, report_of

family = load_script("form_family", "bench")
synth = load_script("synth_forms", "scripts")

SEEDS = range(2)

# What stays unread (strict xfail: the day it reads, the mark must go).
KNOWN: dict[tuple[str, str, str], str] = {}  # (axis, value, flattening) → reason; all read today


def _cases():
    for axis in [*synth.AXES, "sites"]:
        for value, variant in synth.variants(axis):
            for flat in family.VARIANT_FLATTENINGS:
                reason = KNOWN.get((axis, value, flat))
                marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
                yield pytest.param(variant, flat, id=f"{axis}-{value}-{flat}", marks=marks)


@pytest.mark.parametrize("variant, flat", list(_cases()))
def test_variant_gives_its_budget_facts_and_project(variant, flat):
    for seed in SEEDS:
        text, want = synth.synth_variant(seed, variant)
        report = family.read(family.FLATTENINGS[flat](text))
        facts = {f.key: f.value for f in report.facts}
        for key in family.FIELDS:
            if key in want:
                assert family.close(facts.get(key), want[key]), (seed, key, facts.get(key), want[key])
        assert any(p.name == want["project"] and family.close(p.amount, want["budget_executed"])
                   for p in report.projects), (seed, [(p.name, p.amount) for p in report.projects])


def test_the_national_variant_is_the_form_synth_form_writes():
    """The default variant is the family's national form, unchanged (inject_faults and the checks'
    family build on it)."""
    for seed in range(3):
        assert synth.synth_variant(seed)[0] == synth.synth_form(seed)


def test_a_variant_states_only_its_own_columns():
    """A form without a 年初预算数 column states no budget_initial; a pairs layout no 年初预算数 either."""
    _, want = synth.synth_variant(0, synth.Variant(order="no 年初预算数"))
    assert "budget_initial" not in want and "budget_full_year" in want
    _, want = synth.synth_variant(0, synth.Variant(layout="pairs row (河北)"))
    assert set(want) >= {"budget_full_year", "budget_executed", "execution_rate"} and "budget_initial" not in want


def _facts(report) -> dict:
    return {f.key: f.value for f in report.facts}


def test_hebei_pairs_row_under_column_groups():
    """heldout6 s020 (河北 成安县 预算项目绩效自评表, spaces between cells): 预算安排情况(调整后) | 资金到位情况 |
    资金执行情况 | 预算执行进度(%) over "预算数 6.84 到位数 6.84 执行数 6.84 100.00"; its one project takes
    the executed amount; every fact keeps the row's span and rule."""
    text = excerpt("heldout6/s020.txt", 1, 12)
    r = report_of(text)
    facts = _facts(r)
    assert {k: facts.get(k) for k in ("budget_full_year", "budget_executed", "execution_rate")} == {
        "budget_full_year": 6.84, "budget_executed": 6.84, "execution_rate": 100}
    assert [(p.name, p.amount) for p in r.projects] == [("19名百岁老人高龄津贴", 6.84)]
    for f in r.facts:
        if f.key in ("budget_full_year", "budget_executed", "execution_rate"):
            assert f.rule_id.startswith("form:total_line") and r.text[f.start:f.end].startswith("预算数 6.84")


def test_ningxia_ocr_unit_on_the_first_cell_and_the_rest_glued():
    """heldout5 r002 (宁夏 OCR'd 项目支出自评表): "年度资金总额50万元47.6895.00%" under 全年预算数 | 全年执行数 |
    执行率 is 50 | 47.68 | 95.00%; the project's amount is the executed 47.68."""
    r = report_of(excerpt("heldout5/r002.txt", 1, 14))
    facts = _facts(r)
    assert {k: facts.get(k) for k in ("budget_full_year", "budget_executed", "execution_rate")} == {
        "budget_full_year": 50, "budget_executed": 47.68, "execution_rate": 95}
    assert [p.amount for p in r.projects] == [47.68]


def test_hainan_form_in_yuan_with_thousands_separators():
    """heldout6 s010 (海南 资金构成(元), 分值 | 执行率(%) | 得分, 资金总额: with a colon): the first form's
    total line in 万元, its bare rate, its 合计 score."""
    r = report_of(excerpt("heldout6/s010.txt", 1, 20))
    form = r.forms[0]
    total = form.budget_lines[0]
    assert (total.line, total.budget_initial, total.budget_full_year, total.executed, total.weight,
            total.execution_rate, total.score) == ("年度资金总额", 12, 12, 3, 10, 25, 2.5)
    assert form.total_score == 46.35


def test_a_dash_cell_alone_on_its_line_stays_a_cell():
    """One cell a line: "—" under 分值 is a placeholder cell, not a sentence going on into the next
    line (the 其中 line would swallow the next line's label)."""
    text = synth.synth_form(0)
    flat = family.FLATTENINGS["one cell per line"](text)
    r = family.read(flat)
    assert "—\n" in r.text
    lines = {ln.line: ln for ln in r.forms[0].budget_lines}
    assert lines["上年结转资金"].executed is not None
