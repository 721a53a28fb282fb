"""The checks on one styled 自评表 (scripts/form_faults.py: every target comparator, a completion
claim; known truth) in every flattening of bench/form_family.py: the clean form raises no finding,
and each planted fault is caught by its rules (bench/form_checks_family.py measures it over seeds)."""
from __future__ import annotations

import pytest

from .conftest import load_script

family = load_script("form_checks_family", "bench")

# Flattenings whose reading still loses cells the checks need (bench/form_checks_family.py -v lists
# each miss): a budget row's figures glued ("4795124721092.19%9.22"), the budget block written as
# label → value prose (no budget line read). (A faulted 执行率 under labels broken over lines is caught
# since a lone "—" line is a placeholder cell, not a sentence going on into the next line, and a sum
# over named lines counts a line the form lacks as blank.)
KNOWN = {
    "figures glued": ("a budget row's glued figures are cut by the template's arithmetic, which a fault breaks; "
                      "a score resting on a row with a glued run (85%1010) is refused by checks/doubt.py"),
    "label → value pairs": "the budget block as label → value prose gives no budget line to judge",
}


@pytest.mark.parametrize("name", sorted(family.FLATTENINGS))
def test_clean_form_raises_nothing(name):
    """No finding of any rule on a form whose arithmetic holds and whose indicators are met."""
    for seed in range(2):
        assert family.findings(family.styled_form(seed), name) == [], (name, seed)


@pytest.mark.parametrize("name", [
    pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=KNOWN[n])) if n in KNOWN else n
    for n in sorted(family.FLATTENINGS)])
def test_every_fault_caught(name):
    caught, planted, _, misses = family.measure(2, [name])
    assert not misses, misses[:5]
    assert sum(planted.values()) >= 120  # every fault applied, three rules for each goal fault


def test_a_fault_the_checks_cannot_see_is_a_miss(monkeypatch):
    """The measure can fail: a 'fault' that leaves the text as it was is counted missed."""
    monkeypatch.setattr(family, "inject", lambda text, fault, seed: (text, "nothing"))
    caught, planted, _, misses = family.measure(1, ["pipes"], ["form_total", "goal:≥"])
    assert sum(caught.values()) == 0 and len(misses) == sum(planted.values()) == 4


def test_claim_not_contradicted_by_a_slow_part_line():
    """A 其中 line spent at 65 % under a total at 92 % contradicts no claim of completion; the same
    rate on the total line does."""
    text = family.styled_form(0)
    assert "65.74%" in text and family.findings(text, "pipes") == []
    slow = text.replace("| 10 | 92.19% | 9.22", "| 10 | 65.74% | 6.57").replace("| 472 |", "| 336.6 |", 1)
    rules = {f.rule for f in family.findings(slow, "pipes")}
    assert "claim_contradicted" in rules


def test_broken_budget_line_label_joined():
    """"上年结" / "转资金" one cell a line is the 上年结转资金 line again, so the 其中 lines add up."""
    text = family.FLATTENINGS["labels broken, one per line"](family.styled_form(0))
    assert "上年结\n转资金" in text
    report = family.read(text)
    assert [ln.line for ln in report.forms[0].budget_lines][:3] == ["年度资金总额", "财政拨款", "上年结转资金"]
    assert not [f for f in report.findings if f.rule == "sum_mismatch"]


@pytest.mark.parametrize("flattening", ["one cell per line", "pipes"])
def test_qualitative_actual_with_a_verdict(flattening):
    """"达标" against "未达标": the actual of its row in a stream too, a goal not met."""
    text, _ = family.inject(family.styled_form(1), "goal:达标", 1)
    got = [f for f in family.findings(text, flattening) if f.rule == "goal_not_met"]
    assert got and "工程质量" in got[0].message


def test_a_lost_part_line_whose_figures_are_the_shortfall_is_no_finding():
    """A 其中 line the reader lost (its label unknown) whose figures are exactly what the total lacks,
    column by column, is a reading gap, not a total that disagrees; other figures there are a finding."""
    text = family.styled_form(0).replace("| 上年结转资金 |", "| 上年结 |")
    report = family.read(text)
    assert "上年结转资金" not in [ln.line for ln in report.forms[0].budget_lines]
    assert not [f for f in report.findings if f.rule == "sum_mismatch"]
    other = family.read(text.replace("| 108 | 108 | 71 |", "| 100 | 100 | 60 |"))
    assert [f for f in other.findings if f.rule == "sum_mismatch"]


def test_parts_all_zero_is_a_lost_line_not_a_finding():
    """With the 当年财政拨款 row lost and the 其中 lines read all 0 (上年结转资金 0, 其他资金 0, a
    scrambled PDF, pool p0058), the total is not judged against them; one part read non-zero is."""
    text = family.styled_form(0)
    lost = "\n".join(ln for ln in text.splitlines() if "当年财政拨款" not in ln)
    zero = lost.replace("| 上年结转资金 | 108 | 108 | 71 | — | 65.74% | —", "| 上年结转资金 | 0 | 0 | 0 | — | — | —")
    assert not [f for f in family.read(zero).findings if f.rule == "sum_mismatch"]
    assert [f for f in family.read(lost).findings if f.rule == "sum_mismatch"]


def test_glued_percents_and_points_cut_apart():
    """"≥90%96%1010" (target, actual, 分值 and 得分 glued) is read as its four cells, so a missed
    percent target is found in the glued flattening too."""
    text = family.FLATTENINGS["figures glued"](family.styled_form(0))
    assert "≥90%96%1010" in text
    rows = {i.name: i for i in family.read(text).forms[0].indicators}
    got = rows["验收合格率"]
    assert (got.target_text, got.actual_text, got.weight, got.score) == ("≥90%", "96%", 10, 10)
    faulted, _ = family.inject(family.styled_form(0), "goal:≥", 0)
    assert [f for f in family.findings(faulted, "figures glued") if f.rule == "goal_not_met"]
