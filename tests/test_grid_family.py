"""The provincial grid (部门整体支出绩效评价基础数据表, scripts/synth_grid.py) in every flattening of
bench/form_family.py reads its facts; first seen at 6d0ae15, the glued flattening read none (each
row's figures one run: "三公经费 8.225.436.81", "525198.08%" alone on its line, a line of zeros
"0.000.000.00", a row with a blank 上年 cell "512.24907.63"); a row label broken over two lines
("公用" / "经费") is joined back since the 福建 department grid (财政资金 | 小计, 合 | 计)."""
import pytest

from .conftest import ROOT, built_text, load_script


BENCH = load_script("grid_family", "bench")
FLATTENINGS = [k for k in BENCH.FLATTENINGS if k not in BENCH.SKIP]
KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=KNOWN[n]))
                                  if n in KNOWN else n for n in FLATTENINGS])
def test_grid_facts_read_in_every_flattening(name):
    flatten = BENCH.FLATTENINGS[name]
    for seed in range(4):
        text, truth = BENCH.synth_grid(seed)
        facts = {f.key: f.value for f in BENCH.read(flatten(text)).facts}
        wrong = {k: (v, facts.get(k)) for k, v in truth.items() if not BENCH.close(facts.get(k), v)}
        assert not wrong, (seed, wrong)


def test_a_staff_run_cut_into_a_fraction_of_a_person_is_refused():
    # heldout3 k003: a scrambled header and "877383.91%" (87 | 73 | 83.91%): no cut puts whole
    # people in the staff columns it found, so no staff fact, never 877383.9 people
    text = (ROOT / "corpus" / "heldout3" / "k003.txt").read_text(encoding="utf-8")
    facts = {f.key: f.value for f in built_text(text).facts}
    assert all(float(facts[k]).is_integer() for k in ("staff_authorized", "staff_actual") if k in facts)
