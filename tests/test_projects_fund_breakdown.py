"""A fund's spending broken down by sub-programme ("…就业专项资金支出25914万元,其中职业技能培训7727万元、
职业介绍2567万元、…") names one project, the fund, with its spending: the 其中 items are the fund's parts,
not enumerated projects (the gold convention of heldout h007, g002, q004, k011, r005). Real lines of
pool p0267 (an essay site's piece, its generic title 篇1:专项资金绩效评价结论) and synthetic variants
with known truth."""
import pytest

from .conftest import built_text

# pool p0267, lines as written (the title lines and the list sentence)
P0267 = ("专项资金绩效评价结论\n\n2024-04-28\n\n专项资金绩效评价结论(共8篇)\n\n篇1:专项资金绩效评价结论\n\n"
         "就业专项资金的使用为社会普遍关注。为进一步加强就业专项资金管理,福建省财政厅采取省市联动、分级评价和全省综合"
         "评价相结合的方式,对全省8个地市(不含厦门)及所属县(市、区)就业专项资金实施绩效评价。\n\n"
         "2009全省就业专项资金支出25914万元,其中职业技能培训7727万元、职业介绍2567万元、职业鉴定1125万元、"
         "社保补贴12691万元、小额担保贷款贴息1804万元,据了解,评价内容包括项目管理绩效、预算执行绩效。\n")


def _projects(text):
    return [(p.name, p.amount, p.rule_id) for p in built_text(text).projects]


def test_real_fund_breakdown_names_the_fund():
    report = built_text(P0267)
    assert [(p.name, p.amount) for p in report.projects] == [("就业专项资金", 25914.0)]
    p = report.projects[0]
    assert p.rule_id == "projects:single_fund"
    m = report.mentions[p.amount_mention]
    assert report.text[m.start:m.end].startswith("25914")


@pytest.mark.parametrize("scope, fund, verb", [
    ("全省", "就业专项资金", "支出"),
    ("本县", "农村危房改造补助资金", "实际支出"),
    ("全市", "困难群众救助补助资金", "使用"),
])
def test_synthetic_scope_spending_a_fund(scope, fund, verb):
    text = (f"专项资金绩效评价结论\n\n篇1:专项资金绩效评价结论\n\n2022{scope}{fund}{verb}1000万元,其中甲类补助600万元、"
            f"乙类补助300万元、丙类补助100万元,评价得分90分。\n")
    assert [(n, a) for n, a, _ in _projects(text)] == [(fund, 1000.0)]


def test_project_spending_list_is_no_fund():
    # "全县项目支出…其中A项目…、B项目…" lists projects: the scope reading names no fund here
    text = ("某县2022年度项目支出绩效自评报告\n2022年全县项目支出1200万元,其中城关道路建设项目500万元、"
            "河西产业发展项目700万元。\n")
    assert [(n, a) for n, a, _ in _projects(text)] == [("城关道路建设项目", 500.0), ("河西产业发展项目", 700.0)]
