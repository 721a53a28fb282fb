"""A form's project as the evaluation's gold names it: the name after a funding document's number
in the 项目名称 cell, without the unit's place at its head, and the budget line under a 分值权重
column. Real excerpts of pool forms added on 2026-12-06 (p0234 新疆 阜康, p0235 四川 广元)."""
from __future__ import annotations

from .test_form_templates import excerpt, money, only_form, report_of


def test_the_name_follows_its_funding_document_and_the_weight_column_is_one():
    r = report_of(excerpt("pool/p0234.txt", 12, 23))
    f = only_form(r)
    assert f.project_name == "国家统计局调查队专项经费"
    total = next(line for line in f.budget_lines if line.line == "年度资金总额")
    assert money(total) == (5.28, 1.96, 1.96, 10, 100, 10)
    assert [(p.name, p.amount) for p in r.projects] == [("国家统计局调查队专项经费", 1.96)]
    for p in r.projects:
        assert r.text[p.start:p.end] and p.rule_id == "projects:form"


def test_a_document_number_alone_is_still_the_name():
    # nothing after the number on its row: the cell is the only name there is
    text = excerpt("pool/p0234.txt", 12, 23).replace(" 国家统计局调查队专项经费", "")
    assert only_form(report_of(text)).project_name == "昌州财行(2022)10号"


def test_the_units_place_is_cut_from_the_head_of_the_name():
    r = report_of(excerpt("pool/p0235.txt", 1, 12))
    assert [(p.name, p.amount) for p in r.projects] == [("全民健身中心项目", 1157.97)]


def test_a_name_placed_in_a_town_keeps_its_place():
    from extractor.interpret.projects.forms import _without_place

    assert _without_place("广元市朝天区全民健身中心项目", "广元市朝天区体育发展中心") == "全民健身中心项目"
    assert _without_place("四川省全民健身中心项目", None) == "全民健身中心项目"
    assert _without_place("固始县祖师庙镇仰天洼社区产业设施配套项目", "固始县农业农村局") == "固始县祖师庙镇仰天洼社区产业设施配套项目"
    assert _without_place("朝天区体育馆", "广元市朝天区体育发展中心") == "朝天区体育馆"  # too little left


def test_a_total_whose_label_states_the_full_marks_gives_the_score():
    """pool p0236 (云南 保山, one cell a line ending in |): 总分(100分) | 100 | 自评等级 | 优: the
    label states the marks, so the lone 100 is the score, not the form's 分值."""
    r = report_of(excerpt("pool/p0236.txt", 1, 160))
    assert only_form(r).total_score == 100
    assert {f.key: f.value for f in r.facts if f.key == "self_score"} == {"self_score": 100}


def test_a_lone_full_marks_figure_after_a_plain_total_stays_the_weight():
    # the counterexample: "总分 | 100 | 评价等次" with no marks in the label, in a form with a 分值 column
    # (海南, pool p0170), is the 分值
    text = excerpt("pool/p0236.txt", 1, 160).replace("总分(100分)", "总分")
    text = text.replace("实际完成值(B)\n|\n得分\n|", "实际完成值(B)\n|\n分值\n|\n得分\n|")
    assert "分值\n|\n得分" in text
    r = report_of(text)
    assert only_form(r).total_score is None


def test_a_lone_total_of_a_form_without_a_weight_column_is_the_score():
    # p0236's own columns (得分, no 分值: 湖北/云南 template): a plain "总分 | 100" is the score (heldout4 q024)
    r = report_of(excerpt("pool/p0236.txt", 1, 160).replace("总分(100分)", "总分"))
    assert only_form(r).total_score == 100
