"""bench/misses.py: the kinds it counts from the scorer's verbose lines, on lines with known truth
(it prints counts only, so blind sets can use it)."""
from .conftest import load_script

misses = load_script("misses", "bench")


def test_misses_are_counted_by_kind_and_a_wrong_unit_by_how_it_stands_to_the_gold():
    lines = [
        "a.txt: fact total_income: want 12 got []",
        "a.txt: fact budget_executed: want 10 got [9]",
        "b.txt: unit_name: want '临湘市水利局' got ['临湘市水利局主管部门']",
        "c.txt: unit_name: want '湖南省临湘市水利局' got ['临湘市水利局']",
        "d.txt: unit_name: want '临湘市水利局' got ['岳阳市水利局']",
        "e.txt: unit_name: want '临湘市水利局' got ['临湘市民政局']",
        "f.txt: unit_name: want '临湘市水利局' got []",
    ]
    got = misses.classify(lines, None)
    assert got["fact total_income: missing"] == 1 and got["fact budget_executed: wrong value"] == 1
    assert got["unit_name: wrong"] == 4 and got["unit_name: missing"] == 1
    assert got["  unit_name wrong: holds the gold's (longer)"] == 1
    assert got["  unit_name wrong: held in the gold's (shorter)"] == 1
    assert got["  unit_name wrong: same ending, other head"] == 1
    assert got["  unit_name wrong: same head, other ending"] == 1
