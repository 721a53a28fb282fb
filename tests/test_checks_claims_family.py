"""claim_contradicted crossed by how a report claims full completion and how its own figures fall short
(round 16): every claim × every shortfall is a finding, the same claims beside figures that hold are
none, and a hedged or negated claim is no claim."""
import itertools

import pytest

from extractor.checks.runner import check_report

from .conftest import built_text

HEAD = "长丰县水利局2023年度农村饮水工程项目支出绩效自评报告\n一、项目基本情况\n"
CLAIMS = ["项目全面完成了年度绩效目标。", "各项绩效指标均已完成。", "项目实现了预期绩效目标。", "各项指标均达到预期。",
          "圆满完成了各项任务。", "绩效目标全部实现。", "年度目标均按时按量完成。", "所有指标均已达标。", "项目绩效目标已全部完成。"]
SHORT = ["计划新建管网10公里,实际完成8公里。", "群众满意度目标值≥95%,实际完成值90%。", "计划治理面积500亩,实际完成治理面积420亩。",
         "项目年初预算100万元,实际支出60万元,执行率60%。"]
HOLD = "项目年初预算100万元,实际支出100万元,执行率100%。\n计划新建管网10公里,实际完成10公里。\n"


def _claims(figures: str, claim: str) -> list:
    text = HEAD + figures + "\n二、绩效目标完成情况\n" + claim + "\n三、存在问题\n无。\n"
    return [f for f in check_report(built_text(text)) if f.rule == "claim_contradicted"]


@pytest.mark.parametrize("claim, short", list(itertools.product(CLAIMS, SHORT)))
def test_a_claim_of_full_completion_against_a_shortfall_is_a_finding(claim, short):
    assert _claims(short, claim)


@pytest.mark.parametrize("claim", CLAIMS)
def test_the_claim_beside_figures_that_hold_is_none(claim):
    assert not _claims(HOLD, claim)


@pytest.mark.parametrize("claim", ["较好实现了年度目标。", "基本完成了年度目标。", "部分指标未能全部实现。", "个别指标未全部达标。"])
def test_a_hedged_or_negated_claim_is_no_claim(claim):
    assert not _claims(SHORT[0], claim)
