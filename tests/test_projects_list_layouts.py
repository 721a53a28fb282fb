"""The synthetic family of project reports listing several projects (scripts/synth_project_lists.py):
every opening × layout reads exactly its five projects with their executed amounts, except the
known misses, which stay visible as strict xfails with their reason."""
import pytest

from .conftest import built_text, load_script

synth = load_script("synth_project_lists")
CASES = [pytest.param(text, want, id=f"{o}-{lay}",
                      marks=[pytest.mark.xfail(strict=True, reason=synth.KNOWN_MISSES[(o, lay)])]
                      if (o, lay) in synth.KNOWN_MISSES else [])
         for o, lay, text, want in synth.family()]


@pytest.mark.parametrize("text, want", CASES)
def test_list_layout_reads_every_project(text, want):
    found = [(p.name, p.amount) for p in built_text(text).projects]
    assert synth.matched(found, want) == len(want) and len(found) == len(want), found


def test_a_tables_rows_keep_their_span_and_rule():
    text = next(t for o, lay, t, _ in synth.family() if (o, lay) == ("bare", "table_spaces"))
    report = built_text(text)
    assert {p.rule_id for p in report.projects} == {"projects:spaced_table"}
    for p in report.projects:
        assert p.name in report.text[p.start:p.end]


def test_parts_of_one_fund_are_no_works_list():
    # a fund's money split over towns: the items are not projects, the title's one project stands
    text = ("某县民政局2023年度困难群众救助补助资金项目支出绩效自评报告\n一、项目基本情况\n"
            "资金分配情况:城关镇120万元,河西镇80万元,东岭乡40万元,北山乡30万元。\n二、绩效目标完成情况\n")
    names = [p.name for p in built_text(text).projects]
    assert names == ["困难群众救助补助资金项目"], names
