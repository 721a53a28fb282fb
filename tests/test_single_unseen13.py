"""Single-project reports read on excerpts the reader was not built from (pool p0300–p0307, helper
single13): the TUNE half (odd numbers) gave the mechanisms below; each is tested on synthetic text
with other names, places and money, and on the real excerpt it was read from. The CHECK half (even
numbers) is only scored, never tuned on."""
from __future__ import annotations

from extractor.interpret.metadata.chrome import source_lines
from extractor.interpret.metadata.fields import form_fields
from extractor.interpret.projects import project_name_from_title
from extractor.interpret.projects.fields import field_values

from .test_form_templates import excerpt, report_of
from .test_projects_general import built, projects_of


def facts_of(report) -> dict[str, float]:
    return {f.key: f.value for f in report.facts}


# ---------------------------------------- a self-check report (自查报告) is a report of the kind
def test_a_self_check_title_names_its_project():
    assert project_name_from_title("生猪调出大县奖励资金项目绩效评价自查报告") == "生猪调出大县奖励资金项目"
    assert project_name_from_title("2021年度项目绩效自查报告") is None  # generic words only
    text = ("首页 > 信息公开 > 绩效管理\n旅游厕所建设补助资金项目绩效评价自查报告\n"
            "20XX年我县旅游厕所建设补助资金共计85万元,已全部拨付到位。\n")
    assert [n for n, _ in projects_of(built(text))] == ["旅游厕所建设补助资金项目"]


def test_a_breadcrumb_before_the_title_is_no_part_of_the_name():
    # pool p0307: "当前位置:文档之家› 农村文化建设专项补助项目绩效评价自查报告", the title line repeated below
    assert project_name_from_title("当前位置:文档之家› 旅游厕所建设补助资金项目绩效自评报告") == "旅游厕所建设补助资金项目"
    assert project_name_from_title("您的位置:首页>>自评报告>>2022年春节慰问经费项目绩效自评报告") == "春节慰问经费项目"
    report = built(excerpt("pool/p0307.txt"))
    assert [n for n, _ in projects_of(report)] == ["农村文化建设专项补助项目"]  # the total is masked: no amount
    assert facts_of(report).get("self_score") == 97


# ---------------------------------------- a form's title names no project; its 项目名称 cell does
def test_a_basic_data_form_title_names_no_project():
    assert project_name_from_title("2022年度项目支出绩效评价基础数据表") is None
    assert project_name_from_title("2022年度部门整体支出绩效评价基础数据表") is None


def test_a_name_cell_ends_where_the_money_rows_and_scores_begin():
    # the 湖南 基础数据表 read with its cells spaced, the spaces between Han cells deleted by normalization
    text = ("填报单位部门(盖章):新化县文化旅游广电体育局项目名称:送戏下乡工作经费小计 35 上年结余 本年拨款 35\n"
            "项目名称:送戏下乡工作经费分值自评得分 1 1 1\n")
    assert [v for v, _, _ in field_values(text)] == ["送戏下乡工作经费", "送戏下乡工作经费"]
    assert [v for v, _, _ in field_values("项目名称:乡镇综合文化站免费开放合计 12")] == ["乡镇综合文化站免费开放"]


def test_a_filing_unit_labelled_with_its_department_names_the_unit():
    text = "填报单位部门(盖章):新化县文化旅游广电体育局项目名称:送戏下乡工作经费\n"
    assert [u for u, *_ in form_fields(text, [])] == ["新化县文化旅游广电体育局"]


def test_the_real_basic_data_form_gives_its_unit_project_and_total():
    # pool p0303: 桃江县 2021 年度项目支出绩效评价基础数据表, 项目总投资额: 20 万元
    report = built(excerpt("pool/p0303.txt"))
    assert report.unit_name == "桃江县人力资源和社会保障局"
    assert projects_of(report) == [("人才考试工作经费", 20)]
    assert "self_score" not in facts_of(report)  # "分 值 自评 得分 1 1 1 …": a column of per-row scores


def test_a_score_column_header_is_no_self_score():
    assert "self_score" not in facts_of(built("送戏下乡工作经费绩效评分表\n分值 自评得分 2 2 1 1 3\n"))
    assert facts_of(built("送戏下乡工作经费绩效自评报告\n自评得分: 92 项目负责人:张三\n")).get("self_score") == 92


def test_a_total_investment_labels_the_projects_money():
    text = ("2022年度项目支出绩效评价基础数据表\n项目名称:送戏下乡工作经费\n项目总投资额: 35 万元\n"
            "二、2022年项目资金投入使用情况\n")
    assert projects_of(built(text)) == [("送戏下乡工作经费", 35)]


# ---------------------------------------- generic words are no name
def test_implementation_and_construction_alone_name_no_project():
    assert project_name_from_title("项目实施绩效自评报告") is None
    assert project_name_from_title("建设项目绩效自评报告") is None
    assert project_name_from_title("基础设施建设项目绩效自评报告") == "基础设施建设项目"


def test_an_essay_page_without_a_name_gives_no_project_but_its_score():
    # pool p0301: "项目实施绩效自评报告 篇14", the project never named; 自评绩效等级为“优”,分数为97分
    report = built(excerpt("pool/p0301.txt"))
    assert report.projects == []
    assert facts_of(report).get("self_score") == 97
    assert report.unit_name is None  # 来源:个人儿子成长之路 is a poster, no organisation


def test_a_grade_in_quotes_then_the_points_is_the_self_score():
    text = "乡村学校少年宫项目绩效自评报告\n经自评,自评绩效等级为“良”,分数为86分。\n"
    assert facts_of(built(text)).get("self_score") == 86


# ---------------------------------------- page chrome naming no organisation is no unit
def test_a_source_line_naming_no_organisation_is_no_unit_cue():
    text = "2024-07-17 来源:我的读书笔记\n乡村学校少年宫项目绩效自评报告\n该项目资金12万元已全部支出。\n"
    assert source_lines(text)[0][:2] == ("我的读书笔记", False)  # read, but no organisation's name
    assert report_of(text).unit_name is None
    assert report_of(text.replace("我的读书笔记", "县文旅局")).unit_name == "县文旅局"


def test_new_pool_excerpts_split_into_fixed_halves():
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from pool_halves import halves
    split = halves("p0300", "p0307")
    assert [t.stem for t in split["tune"]] == ["p0301", "p0303", "p0305", "p0307"]
    assert [t.stem for t in split["check"]] == ["p0300", "p0302", "p0304", "p0306"]
