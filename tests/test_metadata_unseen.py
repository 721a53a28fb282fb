"""Metadata of the retired held-out sets read by general rules (round 10): a whole-year period as the
year covered (评价时间, dotted dates), a tie of the body's years settled by the publication date, a
title whose trailing note is left open, a template placeholder left in a title (部门(单位)), a
township's unit named without its township, and the parts a project's self-assessment is scored by
as a kind cue. Each on a real page of corpus/ through the pipeline, with a counterexample."""
from __future__ import annotations

from extractor.interpret.metadata.fields import offices_owner
from extractor.interpret.metadata.fuller import abbreviates
from extractor.interpret.metadata.title import is_title, parse_title
from extractor.interpret.metadata.years import body_year, period_year

from .test_form_templates import excerpt, report_of


def meta(path: str, first: int = 1, last: int | None = None):
    return report_of(excerpt(path, first, last))


def test_a_whole_year_period_is_the_year_covered():
    """heldout6 s003 (评价时间:2017年1月1日至2017年12月31日, reported 2018) and s014 (项目起止时间 |
    2019.1.1~2019.12.31, dated 2020年10月20日)."""
    assert meta("heldout6/s003.txt").fiscal_year == 2017
    assert meta("heldout6/s014.txt").fiscal_year == 2019
    # a week's evaluation is no period covered; nor a period over two years
    assert period_year("评价时间: 2016年4月20日至 2016年4月26日") is None
    assert period_year("项目起止时间:2019.1.1~2020.6.30") is None


def test_a_tie_of_body_years_goes_to_the_year_before_publication_else_the_latest():
    """heldout7 s013: "2016年新增决算、2017年新增独立预决算单位", published 2018-09-26 → 2017; heldout7 s002
    (no publication date): 2023 three times as the background (2023年中央下达…, 2023年完成支付…), 2024 three
    times as the year executed (2024年结转2023年…资金…, 执行率34.3%) → 2024, and its 2024 execution stands
    (a year right after 结转 names where the money came from, not the sentence's year)."""
    assert meta("heldout7/s013.txt").fiscal_year == 2017
    s002 = report_of(excerpt("heldout7/s002.txt"))
    assert s002.fiscal_year == 2024
    assert {f.key: f.value for f in s002.facts}["budget_executed"] == 233.64
    # a publication date naming the earlier year's successor picks the earlier
    assert body_year("发布日期:2017-03-01\n我办属2016年新增决算、2017年新增独立预决算单位。") == 2016
    assert body_year("我办属2016年新增决算、2017年新增独立预决算单位。") == 2017


def test_a_title_whose_trailing_note_is_left_open():
    """heldout7 s010: 保山市图书馆2022年度项目支出绩效自评报告(2022年中央支持地方… — the bracket never closes;
    the library's title beats its publisher (发布机构 保山市文化和旅游局)."""
    assert meta("heldout7/s010.txt").unit_name == "保山市图书馆"
    assert not is_title("部门(单位)名称: 岳阳市城市管理监督指挥中心")


def test_a_template_placeholder_left_in_a_title():
    """heldout7 s001: 中方县部门(单位)2022年度交通运输局项目支出绩效自评报告 → 中方县交通运输局."""
    assert meta("heldout7/s001.txt").unit_name == "中方县交通运输局"
    # a place and a year before a project's name make no unit
    assert parse_title("牟定县2020年第一批公路安全生命防护工程绩效自评报告").unit is None


def test_a_township_unit_named_without_its_township():
    """heldout5 r010: the title's 蚕茶卫生院 is the form's 南昌县黄马乡蚕茶卫生院."""
    assert meta("heldout5/r010.txt").unit_name == "南昌县黄马乡蚕茶卫生院"
    assert not abbreviates("蚕茶卫生院", "南昌县黄马乡中心卫生院")


def test_the_parts_of_a_project_score_say_project():
    """heldout7 s018 (an essay site's copy, no title kind): 项目投入情况 / 项目过程情况 scored."""
    assert meta("heldout7/s018.txt").report_kind == "project"


def test_a_unit_cell_listing_its_offices_names_their_owner():
    """heldout8 t009: 项目单位:塘桥街道 党政办、管理办、平安办、服务办 — the offices of 塘桥街道 (its fuller
    name 塘桥街道办事处 is the 主管部门 the page names), not its 党政办; two units listed name no owner."""
    assert offices_owner("塘桥街道党政办、管理办、平安办、服务办") == "塘桥街道"
    assert offices_owner("新化县教育局、财政局") is None
    assert offices_owner("湘潭县交通运输局、湘潭县财政局") is None
    assert meta("heldout8/t009.txt").unit_name.startswith("塘桥街道") and "党政办" not in meta("heldout8/t009.txt").unit_name


def test_the_unit_a_sentence_scores():
    """heldout6 s012: the page opens inside a department report, "…,大英县扶贫开发局整体绩效自评分95分", before
    a project report whose title names only the county: the unit scored is the subject."""
    assert meta("heldout6/s012.txt").unit_name == "大英县扶贫开发局"


def test_a_cover_glued_after_the_title():
    """heldout8 t005: "…2021年度绩效自评报江西省体育局二O二二年三月序号…" — the unit and its date, glued after
    the title's end; a sentence dating a unit (根据…局二〇二二年三月…) names no signer."""
    from extractor.interpret.metadata.body import glued_signature_unit
    assert meta("heldout8/t005.txt").unit_name == "江西省体育局"
    assert glued_signature_unit("自评报告根据江西省体育局二〇二二年三月下发的通知") is None
