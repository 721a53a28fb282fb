"""A department's income and spending in prose, each key in the ways reports write it (round 16: the
labels crossed in one synthetic department report, so that a label is measured in the reading it gets,
not in a document). Each sentence stands alone under the same head; the key must hold the figure."""
import pytest

from .conftest import built_text

HEAD = "长丰县水利局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n(一)部门收支情况\n"
TAIL = "\n二、绩效目标完成情况\n"

READ = {
    "total_income": (1234.56, ["2023年度收入合计1234.56万元。", "本年收入1234.56万元。", "2023年全年总收入1234.56万元。",
                               "2023年部门收入总计1234.56万元。", "2023年本部门收入1234.56万元。", "年度总收入为1234.56万元。",
                               "收入总额1234.56万元。", "2023年度本单位收入决算1234.56万元。", "2023年度部门收入决算数为1234.56万元。",
                               "本年度收入1234.56万元。", "2023年实际收入1234.56万元。", "本年收入合计为1234.56万元。"]),
    "fiscal_appropriation": (1000.5, ["其中:财政拨款收入1000.5万元。", "其中一般公共预算财政拨款1000.5万元。", "财政补助收入1000.5万元。",
                                      "本年财政拨款收入1000.5万元。", "财政拨款收入为1000.5万元。"]),
    "total_expenditure": (1200.3, ["2023年度支出合计1200.3万元。", "本年支出合计1200.3万元。", "2023年全年总支出1200.3万元。",
                                   "支出总计1200.3万元。", "2023年本部门支出1200.3万元。", "年度支出总额为1200.3万元。",
                                   "本年度支出1200.3万元。", "2023年度支出决算1200.3万元。", "2023年度部门支出决算数为1200.3万元。",
                                   "全年共支出1200.3万元。"]),
    "basic_expenditure": (800.1, ["其中:基本支出800.1万元。", "基本支出为800.1万元。", "基本支出决算800.1万元。", "用于基本支出800.1万元。",
                                  "基本支出共计800.1万元。"]),
    "personnel_expenditure": (600.2, ["人员经费600.2万元。", "人员支出600.2万元。", "人员类支出600.2万元。", "人员经费支出600.2万元。",
                                      "基本支出中人员经费600.2万元。"]),
    "operating_expenditure": (199.9, ["公用经费199.9万元。", "日常公用经费199.9万元。", "运行经费199.9万元。", "公用支出199.9万元。",
                                      "公用经费支出199.9万元。"]),
    "project_expenditure": (400.2, ["项目支出400.2万元。", "项目支出为400.2万元。", "用于项目支出400.2万元。", "项目支出决算400.2万元。"]),
}
# writings deliberately not read as the key, each with its reason
NOT_THE_KEY = {
    "财政拨款1000.5万元。": ("fiscal_appropriation", "a bare 财政拨款 with money is a project's fund source as often as a department's income"),
    "一般公共预算拨款收入1000.5万元。": ("fiscal_appropriation", "一般公共预算拨款 is one part of 财政拨款 (政府性基金 is the other)"),
    "工资福利支出600.2万元。": ("personnel_expenditure", "工资福利支出 is an economic class, not 人员经费 (which adds 对个人和家庭的补助)"),
    "商品和服务支出199.9万元。": ("operating_expenditure", "商品和服务支出 is an economic class, not 公用经费"),
}


def _facts(sentence: str) -> dict[str, float]:
    return {f.key: f.value for f in built_text(HEAD + sentence + TAIL).facts}


@pytest.mark.parametrize("key, value, sentence", [(k, v, s) for k, (v, ss) in READ.items() for s in ss])
def test_a_department_figure_takes_its_label(key, value, sentence):
    assert _facts(sentence).get(key) == pytest.approx(value), _facts(sentence)


@pytest.mark.parametrize("sentence", sorted(NOT_THE_KEY))
def test_a_near_label_is_not_the_key(sentence):
    key, reason = NOT_THE_KEY[sentence]
    assert key not in _facts(sentence), reason


@pytest.mark.parametrize("sentence", [
    "部门收入来源包括财政拨款和其他收入。",
    "本年度收入预算1234.56万元。",  # a budget, not the income
    "2022年“三公经费”财政拨款支出决算为0.76万元。",  # a category's final accounts (pool p0243)
    "2023年度项目支出决算400.2万元。",
])
def test_a_clause_about_income_or_a_category_is_no_total(sentence):
    got = _facts(sentence)
    assert "total_income" not in got and "total_expenditure" not in got, got


def test_in_a_project_report_public_spending_is_the_projects_share():
    # pool p0300: "此项目资金…人员费用207.33万元,公用支出142.67万元" is no department's operating spending
    text = ("某县教育局2016年学生资助专项项目绩效评价报告\n一、项目基本情况\n此项目资金统筹安排使用,人员费用207.33万元,"
            "公用支出142.67万元。\n")
    assert "operating_expenditure" not in {f.key for f in built_text(text).facts}
