"""Round 21: a project report's title in the usual forms names its unit, year and project (known truth: the
title's own parts). Units of any ending before or after the year ("中共汝城县委组织部" too: the report's unit is cut
from the name whatever its ending), and a name ending in 项目 run into "项目支出绩效自评报告" (one 项目 kept:
[[guard.trim]] doubled_project_word)."""
import itertools

import pytest

from .conftest import built_text

BODY = "\n一、项目基本情况\n项目年初预算100万元。\n二、项目资金使用情况\n截至2023年底,已支出85万元,预算执行率85%。\n"
UNITS = ("汝城县交通运输局", "汝城县热水镇人民政府", "中共汝城县委组织部", "汝城县卫生健康局")
NAMES = ("农村公路养护项目", "义务教育学生营养改善计划", "困难群众救助补助资金", "农村饮水安全巩固提升工程", "森林防火专项经费")
FORMS = ("{u}2023年度{p}绩效自评报告", "2023年度{u}{p}绩效自评报告", "{u}2023年{p}支出绩效自评报告",
         "{u}关于2023年度{p}绩效自评的报告")


@pytest.mark.parametrize("unit, name, form", list(itertools.product(UNITS, NAMES, FORMS)))
def test_a_titles_unit_year_and_project(unit, name, form):
    r = built_text(form.format(u=unit, p=name) + BODY)
    assert (r.unit_name, r.fiscal_year, r.report_kind) == (unit, 2023, "project")
    assert [(p.name, p.amount) for p in r.projects] == [(name, 85.0)]


@pytest.mark.parametrize("unit, name", list(itertools.product(UNITS, ("农村公路养护项目", "基本公共卫生服务项目"))))
def test_a_project_word_run_into_the_reports_kind_is_written_once(unit, name):
    r = built_text(f"{unit}2023年度{name}项目支出绩效自评报告{BODY}")
    assert [(p.name, p.amount) for p in r.projects] == [(name, 85.0)]
