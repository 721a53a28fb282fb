"""Round 21: titles of building projects named after their site (a hospital's campus, a township health centre) and
of bond-funded projects named in brackets. Known truth from the title grammar:

- 院区 (a hospital's campus) ends no unit and opens no district: "平江县人民医院新院区建设项目" is the hospital's
  project on its new campus ([unit] not_suffix, [macros.region]);
- an organisation's ending followed by another's word goes on into it: "安定镇中心卫生院改扩建项目" is a site's
  project named in full, no unit ([macros.organisation], title._before_site);
- a title naming only a bond's kind closes with the project in brackets: that name, as written, is the project's
  ("…地方政府专项债券项目绩效自评报告(平江县人民医院门诊楼建设项目)"); 地方政府 names no unit.
"""
import pytest

from .conftest import built_text

BODY = ("\n一、项目基本情况\n该项目总投资5000万元,其中申请专项债券资金3000万元。\n二、项目资金使用情况\n"
        "截至2023年底,专项债券资金3000万元已全部到位,已支出2800万元,预算执行率93.33%。\n")
PLACES = ("平江县", "汝城县", "龙山县")
HOSPITALS = ("人民医院", "中医医院", "妇幼保健院")


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("hospital", HOSPITALS)
@pytest.mark.parametrize("campus", ("新院区", "东院区", "院区"))
def test_a_hospitals_campus_is_no_district(place, hospital, campus):
    r = built_text(f"{place}{hospital}{campus}建设项目绩效自评报告{BODY}")
    assert r.unit_name == f"{place}{hospital}"
    assert [(p.name, p.amount) for p in r.projects] == [(f"{campus}建设项目", 2800.0)]


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("site", ("安定镇中心卫生院", "城关镇中心小学", "三江镇中心学校"))
def test_a_site_whose_name_runs_on_past_a_suffix_is_named_in_full(place, site):
    r = built_text(f"{place}{site}改扩建项目绩效自评报告{BODY}")
    assert [(p.name, p.amount) for p in r.projects] == [(f"{place}{site}改扩建项目", 2800.0)]
    assert r.unit_name is None


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("project", ("人民医院门诊楼建设项目", "第一中学教学楼建设项目"))
def test_a_bond_title_names_its_project_in_brackets(place, project):
    r = built_text(f"{place}2023年地方政府专项债券项目绩效自评报告({place}{project}){BODY}")
    assert [(p.name, p.amount) for p in r.projects] == [(f"{place}{project}", 2800.0)]
    assert r.unit_name != f"{place}地方政府"


def test_a_unit_in_brackets_after_the_title_is_no_project():
    # counterexample: the bracket names the unit ([title.trailer])
    r = built_text(f"平江县农村公路养护项目绩效自评报告(平江县交通运输局){BODY}")
    assert [p.name for p in r.projects] == ["平江县农村公路养护项目"] and r.unit_name == "平江县交通运输局"


# (round 22) sites named together: the first organisation of a title is no unit to cut when another is joined to
# it by 、/及 ("二人医开发区医院、妇幼保健院专项债券项目", heldout15 x018; [title.organisation_joined])
@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("first, second", (("第一中学", "第二中学"), ("人民医院", "妇幼保健院"), ("中心小学", "实验幼儿园")))
@pytest.mark.parametrize("works", ("改扩建项目", "专项债券项目"))
@pytest.mark.parametrize("join", ("、", "及"))  # (和 joins words inside a unit's name too: 发展和改革局)
def test_sites_named_together_stay_in_the_name(place, first, second, works, join):
    r = built_text(f"{place}{first}{join}{second}{works}绩效自评报告{BODY}")
    # no unit: the sites are a list of units, which names none ([unit] list_joiners); the name keeps its place
    assert [(p.name, p.amount) for p in r.projects] == [(f"{place}{first}{join}{second}{works}", 2800.0)]
    assert r.unit_name is None


# (round 22) a year's fund reported on with 自评 unsaid ("昆明海口林场2017年森林植被恢复费绩效报告", heldout15 x001)
@pytest.mark.parametrize("unit", ("昆明海口林场", "某县国有林场"))
@pytest.mark.parametrize("fund", ("森林植被恢复费", "林业改革发展资金", "生态公益林补偿资金"))
def test_a_funds_performance_report_names_the_fund(unit, fund):
    r = built_text(f"{unit}2017年{fund}绩效报告\n一、项目概况\n2017年,{unit}收{fund}专项资金315万元,已全部使用完毕。\n")
    assert [(p.name, p.amount) for p in r.projects] == [(fund, 315.0)]


# (round 22) the works said again after 项目 ("…住院部大楼(二期)建设项目建设2021年度绩效自评报告", heldout15 x019)
@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("works", ("建设", "改造", "维修"))
def test_works_said_again_after_the_project_word_end_no_name(place, works):
    r = built_text(f"{place}{HOSPITALS[0]}综合楼(二期){works}项目{works}2021年度绩效自评报告{BODY}")
    assert [p.name for p in r.projects] == [f"综合楼(二期){works}项目"]


# (round 22) the report's own unit before only what is done to it is the site ("白城中医院异地新建项目", heldout15 x016)
@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("hospital", HOSPITALS)
@pytest.mark.parametrize("works", ("异地新建项目", "原址新建项目", "迁建工程"))
def test_the_units_own_site_stays_in_the_name(place, hospital, works):
    r = built_text(f"{place}{hospital}{works}绩效自评报告{BODY}")
    # the unit reports on its own site: it stays in the project's name, its county goes as from any name
    assert r.unit_name == f"{place}{hospital}"
    assert [p.name for p in r.projects] == [f"{hospital}{works}"]
