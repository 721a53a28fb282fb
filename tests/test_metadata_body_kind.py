"""Round 21: a report without a title whose body speaks of one project or fund's evaluation is a project
report ([[kind.body]] project words 专项项目, 项目绩效评价, 项目自评, 项目名称, 项目负责人); department words are read
first (heldout11 w001, pool p0002)."""
import pytest

from extractor.interpret.metadata.body import body_kind


@pytest.mark.parametrize("text", [
    "本次绩效评价对2023年度残保金专项项目的投入、过程、产出与效益等方面进行了总体分析评价。",
    "株洲市渌口区2023年度残保金专项项目绩效评价综合评价得分80.10分。",
    "我单位组织开展了项目自评,自评得分95分。",
    "合计100 评价结论及时、足额缴纳。存在问题暂无改进措施暂无项目负责人:财务负责人:",
])
def test_a_body_speaking_of_one_projects_evaluation_is_a_project_report(text):
    assert body_kind(text) == "project"


@pytest.mark.parametrize("text", [
    "一、部门基本情况\n本部门下设项目名称为A、B的两个项目。",  # department words first
    "我部门整体支出绩效自评得分95分,项目负责人张三。",
])
def test_department_words_are_read_first(text):
    assert body_kind(text) == "department"


def test_no_word_of_either_kind_is_none():
    assert body_kind("为贯彻落实预算绩效管理的意见,现将有关情况报告如下。") is None
