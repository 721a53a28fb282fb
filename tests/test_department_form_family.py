"""The national 部门整体支出绩效自评表 (scripts/synth_department_form.py, known truth) in every
flattening of bench/form_family.py gives its budget facts and its total score."""
import pytest

from .conftest import load_script

synth = load_script("synth_department_form")
FAMILY = load_script("form_family", "bench")
NAMES = [k for k in FAMILY.FLATTENINGS if k not in ("money in 元", "label → value pairs")]  # a project form's budget rows


@pytest.mark.parametrize("name", NAMES)
def test_department_form_facts_in_every_flattening(name):
    for seed in range(3):
        text, truth = synth.synth_dept(seed)
        facts = {f.key: f.value for f in FAMILY.read(FAMILY.FLATTENINGS[name](text)).facts}
        wrong = {k: (v, facts.get(k)) for k, v in truth.items() if not FAMILY.close(facts.get(k), v)}
        assert not wrong, (seed, wrong)
