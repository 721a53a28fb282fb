"""One synthetic 项目支出绩效自评表 (known truth) in every flattening of bench/form_family.py: each
flattening keeps the figures, so each must read like the pipe-joined original — the form's budget
facts and its project with the executed amount."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_SCRIPT = Path(__file__).resolve().parent.parent / "bench" / "form_family.py"
_spec = importlib.util.spec_from_file_location("form_family", _SCRIPT)
family = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(family)

SEEDS = range(4)


@pytest.mark.parametrize("name", sorted(family.FLATTENINGS))
def test_budget_facts_read_in_every_flattening(name):
    for seed in SEEDS:
        text = family.synth_form(seed)
        want = family.truth(text)
        report = family.read(family.FLATTENINGS[name](text))
        facts = {f.key: f.value for f in report.facts}
        for key in family.FIELDS:
            assert family.close(facts.get(key), want[key]), (name, seed, key, facts.get(key), want[key])


def _project_right(name: str, seed: int) -> bool:
    text = family.synth_form(seed)
    want = family.truth(text)
    report = family.read(family.FLATTENINGS[name](text))
    return any(p.name == want["project"] and family.close(p.amount, want["budget_executed"]) for p in report.projects)


@pytest.mark.parametrize("name", sorted(set(family.FLATTENINGS) - {"label → value pairs"}))
def test_project_and_its_executed_amount_in_every_flattening(name):
    assert all(_project_right(name, seed) for seed in SEEDS)


@pytest.mark.xfail(strict=True, reason="a budget block written as label → value prose gives the facts "
                   "(read from the prose) but no budget line to the form, so its project keeps no amount")
def test_project_amount_when_the_budget_block_is_prose():
    assert all(_project_right("label → value pairs", seed) for seed in SEEDS)


def test_a_flattening_that_loses_the_total_is_noticed():
    """The measure can fail: with the total row's figures blanked, the facts are not read."""
    text = family.synth_form(0)
    want = family.truth(text)
    lines = [line if "年度资金总额" not in line else "| 年度资金总额 | | | | | |" for line in text.splitlines()]
    report = family.read("\n".join(lines))
    facts = {f.key: f.value for f in report.facts}
    assert not family.close(facts.get("budget_executed"), want["budget_executed"])
