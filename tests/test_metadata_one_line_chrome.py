"""Round 21: a portal page read as one run of chrome (bench/layouts.py oneline): a breadcrumb run into the title
([[title.strip_lead]] breadcrumb) and a 发布机构 label after another cell's words, closed by the next cell's label
([source_line.pattern]), as heldout11 w012 and heldout13 w006 read when laid out on one line."""
import itertools

import pytest

from extractor.interpret.metadata.chrome import source_lines

from .conftest import built_text

TITLE = "黄石市第二中学2018年财政项目支出绩效评价报告"
BODY = "\n一、项目概况\n项目名称:校园建设和设备采购\n二、资金使用情况\n截至2018年底,已支出85万元。\n"


@pytest.mark.parametrize("crumbs, sep", list(itertools.product(
    (("首页", "学校部门", "总务处"), ("首页", "信息公开", "财政预决算"), ("当前位置", "首页", "部门动态", "办公室")),
    (" >> ", " > ", ">"))))
def test_a_breadcrumb_run_into_the_title(crumbs, sep):
    r = built_text(sep.join(crumbs) + sep + "正文 " + TITLE + BODY)
    assert r.title == TITLE and r.unit_name == "黄石市第二中学"


@pytest.mark.parametrize("before, after", list(itertools.product(
    ("公开范围面向全社会", "主题分类农业、畜牧业、渔业"), ("发文日期 2023-03-28", "主题分类 农业", "文号 奉农〔2023〕3号"))))
def test_a_publisher_label_after_another_cells_words(before, after):
    text = (f"索引号 113302837369622371/2023-139341 {before}发布机构宁波市奉化区农业农村局{after}\n\n"
            "溪口雷笋地理标志农产品保护工程建设专项资金使用情况绩效自评报告\n根据宁波市财政局通知要求开展自评。\n")
    assert built_text(text).unit_name == "宁波市奉化区农业农村局"


def test_a_publisher_label_in_prose_is_no_chrome():
    # counterexample: a sentence's 发布机构 after other words, no next cell's label closing its value
    assert source_lines("项目绩效自评报告\n本报告经发布机构宁波市奉化区农业农村局审核后公开。\n") == []
    assert source_lines("公开范围面向全社会发布机构宁波市奉化区农业农村局发文日期 2023-03-28\n") == [
        ("宁波市奉化区农业农村局", True, "发布机构")]


def test_the_department_forms_first_row_run_together_names_its_unit():
    # heldout5 r010 laid out on one line: "…评价部门名称南昌县黄马乡蚕茶卫生院下属单位个数0整体支出规模全年预算数…" (the
    # national 部门整体支出绩效自评表's first row): the unit ends at the next label ([form] next_labels)
    text = ("蚕茶卫生院整体支出绩效自评表.docx 《蚕茶卫生院整体支出绩效自评表.docx》由会员分享,可在线阅读。 1、蚕茶卫生院整体支出绩效"
            "自评表(2021年度)评价部门名称南昌县黄马乡蚕茶卫生院下属单位个数0整体支出规模全年预算数全年执行数执行率资金来源:"
            "(1)财政拨款103.21%\n")
    assert built_text(text).unit_name == "南昌县黄马乡蚕茶卫生院"
