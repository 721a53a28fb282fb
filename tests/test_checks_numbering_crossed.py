"""section_numbering over the outlines reports are written in (round 16): restarts under each part,
lists restarting per section, an excerpt starting mid-way or cut mid-sentence, references in the text,
wrapped decimals at a line's start, page chrome, table rows, an appendix's own outline, one-line pages:
no finding. A skip or a repeat at any level: a finding."""
import pytest

from extractor.checks.runner import check_report

from .conftest import built_text

T = "长丰县水利局2023年度农村饮水工程项目支出绩效自评报告\n"
HOLDS = {
    "restart": "一、项目基本情况\n(一)项目概况\n内容。\n(二)资金情况\n内容。\n二、绩效目标完成情况\n(一)产出\n内容。\n(二)效益\n内容。\n三、存在问题\n内容。\n",
    "lists_restart": "一、项目基本情况\n1.内容。\n2.内容。\n二、绩效目标完成情况\n1.内容。\n2.内容。\n3.内容。\n三、存在问题\n1.内容。\n",
    "starts_mid": "三、绩效目标完成情况\n内容。\n四、存在问题\n内容。\n五、改进措施\n内容。\n",
    "reference": "一、项目基本情况\n按照第(三)项要求开展。\n二、绩效目标完成情况\n内容。\n三、存在问题\n内容。\n",
    "mixed_marks": "一、项目基本情况\n1、内容。\n2.内容。\n3、内容。\n二、绩效目标完成情况\n内容。\n",
    "truncated": "一、项目基本情况\n内容。\n二、绩效目标完成情况\n(一)产出指标完成情况\n1.数量指标:完成",
    "indicator_rows": "一、项目基本情况\n内容。\n二、绩效指标完成情况\n1.数量指标\n(1)新建管网10公里\n(2)改造水厂1座\n2.质量指标\n(1)验收合格率100%\n3.时效指标\n(1)按期完工\n三、存在问题\n内容。\n",
    "one_line": "一、项目基本情况 内容。二、绩效目标完成情况 内容。三、存在问题 内容。",
    "appendix": "一、项目基本情况\n内容。\n二、绩效目标完成情况\n内容。\n附件1:项目支出绩效自评表\n附件2:资金明细\n",
    "wrapped_decimals": "一、项目基本情况\n1.项目完成投资\n12.5万元,新建道路\n2.项目新建管网\n5.6公里。\n二、绩效目标完成情况\n内容。\n",
    "page_chrome": "一、项目基本情况\n内容。\n第1页 共3页\n二、绩效目标完成情况\n内容。\n三、存在问题\n内容。\n",
    "table_rows": "一、项目基本情况\n序号 | 项目 | 金额\n1 | 道路 | 100\n2 | 桥梁 | 50\n4 | 管网 | 30\n二、绩效目标完成情况\n内容。\n",
    "annex_outline": "一、项目基本情况\n内容。\n二、绩效目标完成情况\n内容。\n附件:\n项目支出绩效自评表\n一、基本信息\n二、指标\n",
}
BREAKS = {
    "skip_top": "一、项目基本情况\n内容。\n二、绩效目标完成情况\n内容。\n四、存在问题\n内容。\n",
    "repeat_sub": "一、项目基本情况\n(一)概况\n内容。\n(二)资金\n内容。\n(二)管理\n内容。\n二、绩效目标完成情况\n内容。\n",
    "skip_arabic": "一、项目基本情况\n1.内容。\n2.内容。\n4.内容。\n二、绩效目标完成情况\n内容。\n",
    "repeat_top": "一、项目基本情况\n内容。\n二、绩效目标完成情况\n内容。\n二、存在问题\n内容。\n三、改进措施\n内容。\n",
    "skip_sub": "一、项目基本情况\n(一)概况\n内容。\n(三)资金\n内容。\n二、绩效目标完成情况\n内容。\n",
}


def _numbering(body: str) -> list:
    return [f for f in check_report(built_text(T + body)) if f.rule == "section_numbering"]


@pytest.mark.parametrize("name", sorted(HOLDS))
def test_an_outline_that_holds_is_no_finding(name):
    assert not _numbering(HOLDS[name]), [f.message for f in _numbering(HOLDS[name])]


@pytest.mark.parametrize("name", sorted(BREAKS))
def test_a_skip_or_a_repeat_is_a_finding(name):
    assert len(_numbering(BREAKS[name])) == 1
