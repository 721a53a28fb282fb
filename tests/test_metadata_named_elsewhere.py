"""Round 22: a report's unit, kind and year where its title does not state them plainly, families with known truth.

- A government named with its bonds ("江苏省政府专项债券项目绩效自评价报告") is the issuer, no reporting unit: the
  publisher the page names reports ([unit.bond_issuer]).
- A hospital's wards name a building (住院部大楼): no unit ends in them ([unit] not_suffix).
- "X预算执行情况绩效自评报告" is a unit's budget as a whole: a department report, X its unit
  ([[kind.title]], [unit] department_stops); a transfer payment's 预算执行情况 stays a project's.
- "X2017年Y绩效报告" is a title ([[title.patterns]] title.performance_report).
- A report calling itself 我镇, its town named without a county, is the town's (body._self_township).
- A title's unit running on past the unit a form field names as the project's yields to the field
  (vote.field_yields); a unit's own office (…政府办公室) does not.
- A year a forecast starts from ("自2026年起,预计…") is no year the report covers ([year.body_fallback]).
"""
import pytest

from .conftest import built_text

BODY = "\n一、项目基本情况\n该项目总投资5000万元,其中专项债券资金3000万元已全部到位。\n二、绩效目标完成情况\n项目按期推进。\n"


@pytest.mark.parametrize("issuer", ("江苏省政府", "浙江省政府", "无锡市政府", "江苏省人民政府"))
@pytest.mark.parametrize("publisher", ("霞科湾科学城管理办公室", "某县交通运输局", "某市第一人民医院"))
@pytest.mark.parametrize("bond", ("专项债券", "专项债", "一般债券"))
def test_a_government_named_with_its_bonds_is_their_issuer(issuer, publisher, bond):
    r = built_text(f"发布机构:{publisher}\n{issuer}{bond}项目绩效自评价报告\n(某某建设工程项目){BODY}")
    assert r.unit_name == publisher


@pytest.mark.parametrize("county", ("平江县", "汝城县", "某某县"))
def test_a_government_reporting_on_itself_is_read(county):
    r = built_text(f"{county}人民政府2022年度部门整体支出绩效自评报告\n一、部门基本情况\n{county}人民政府主要职能…\n")
    assert r.unit_name == f"{county}人民政府"


@pytest.mark.parametrize("hospital", ("广德市人民医院", "平江县中医医院", "某市妇幼保健院"))
@pytest.mark.parametrize("ward", ("住院部", "门诊部", "急诊部"))
@pytest.mark.parametrize("works", ("大楼(二期)建设项目建设", "大楼改扩建项目", "综合楼建设项目"))
def test_a_hospitals_wards_name_a_building(hospital, ward, works):
    r = built_text(f"{hospital}{ward}{works}2021年度绩效自评报告{BODY}")
    assert r.unit_name == hospital and r.report_kind == "project" and r.fiscal_year == 2021


@pytest.mark.parametrize("unit", ("某县消防救援大队", "某县城关镇社区卫生服务中心", "某市第二中学", "某县档案馆"))
@pytest.mark.parametrize("year", (2019, 2024))
def test_a_units_budget_execution_is_a_department_report(unit, year):
    r = built_text(f"{year}年度{unit}预算执行情况绩效自评报告\n一、基本情况\n(一)部门主要职能\n{unit}主要负责…\n")
    assert (r.unit_name, r.report_kind, r.fiscal_year) == (unit, "department", year)


@pytest.mark.parametrize("unit", ("某县林业和草原局", "某县水利局"))
def test_a_transfer_payments_budget_execution_stays_a_projects(unit):
    r = built_text(f"{unit}2021年度中央对地方转移支付预算执行情况绩效自评报告\n一、绩效目标分解下达情况\n")
    assert r.report_kind == "project"


@pytest.mark.parametrize("unit", ("昆明海口林场", "某县国有林场", "某县水利局"))
@pytest.mark.parametrize("fund", ("森林植被恢复费", "水利发展资金", "农业补贴资金"))
@pytest.mark.parametrize("year", (2017, 2022))
def test_a_performance_report_on_a_years_fund_is_a_title(unit, fund, year):
    r = built_text(f"{unit}{year}年{fund}绩效报告\n\n资源描述:\n\n1、项目概况\n资金主要用于林地保护。\n")
    assert r.title == f"{unit}{year}年{fund}绩效报告"
    assert r.fiscal_year == year


@pytest.mark.parametrize("town", ("松木塘镇", "七江镇", "田心乡", "和平乡", "洞井镇", "大坪乡"))
@pytest.mark.parametrize("lead", ("", "建立健全", "今年"))
def test_a_report_calling_itself_by_its_town(town, lead):
    self_word = "我" + town[-1]
    text = (f"一、项目概况\n(一)项目单位基本情况\n村级转移支付办公费用于村级工作运转。{town}地处偏远,距县城39公里,辖14个行政村。\n"
            f"{lead}{self_word}村级组织运转经费保障机制逐步健全。\n(二)项目绩效目标\n{town}共有行政村14个。\n")
    assert built_text(text).unit_name == town


@pytest.mark.parametrize("self_word", ("我镇", "我乡"))
def test_two_towns_named_as_often_name_none(self_word):
    text = ("一、项目概况\n七江镇、八江镇各有行政村10个。七江镇道路已修通,八江镇道路在建。\n"
            f"{self_word}加强资金管理。\n")
    assert built_text(text).unit_name is None


def test_a_town_named_once_names_none():
    text = "一、项目概况\n资金用于七江镇村级组织运转。我镇加强资金管理。\n"
    assert built_text(text).unit_name is None


@pytest.mark.parametrize("unit", ("焦作市人民医院", "某县第一中学", "某市疾病预防控制中心"))
@pytest.mark.parametrize("building", ("门急诊楼及医学研究中心项目", "教学楼及实训中心项目", "综合楼建设项目"))
@pytest.mark.parametrize("label", ("项目单位", "实施单位", "项目实施单位"))
def test_a_title_running_on_past_the_units_field_yields_to_it(unit, building, label):
    r = built_text(f"{unit}{building}专项债绩效自评\n一、项目概况\n项目名称:{unit}{building}\n{label}:{unit}\n"
                   f"主管部门:某市卫生健康委员会\n项目总投资:46580.62万元。\n")
    assert r.unit_name == unit


def test_a_units_office_keeps_its_title():
    r = built_text("某县人民政府办公室2022年度部门整体支出绩效自评报告\n一、部门基本情况\n单位名称:某县人民政府\n")
    assert r.unit_name == "某县人民政府办公室"


@pytest.mark.parametrize("start", (2026, 2030))
def test_a_forecasts_start_is_no_year_covered(start):
    text = ("某市中心人民医院建设项目专项债资金绩效评价报告\n一、项目概要\n本年度目标:2023年12月底前完成主体结构施工。\n"
            f"项目收入预计*万元(其中,自{start}年起,预计每年门诊收入*万元)。二是2023年完成投资3亿元。\n")
    assert built_text(text).fiscal_year == 2023


@pytest.mark.parametrize("site", ("中国体彩网", "某某资讯网", "ABC网"))
@pytest.mark.parametrize("unit", ("铁路第一小学", "实验幼儿园", "某县教育局"))
@pytest.mark.parametrize("kind", ("整体支出", "部门整体支出"))
def test_a_sites_name_before_the_unit_is_no_part_of_it(site, unit, kind):
    # a mirror putting its own name where the city's stood (heldout15 x005; [[title.strip_lead]] site_name)
    r = built_text(f"2022年度{site}:{unit}{kind}绩效自评报告\n发布时间:2023-06-20\n一、部门概况\n")
    assert (r.unit_name, r.fiscal_year, r.report_kind) == (unit, 2022, "department")


@pytest.mark.parametrize("place", ("昆明", "曲靖", "株洲"))
@pytest.mark.parametrize("unit", ("海口林场", "第一中学", "林业局"))
def test_a_place_written_without_its_level_word_stays_as_the_title_writes_it(place, unit):
    # the body's 昆明市海口林场 adds only 市: no fuller name (heldout15 x001; [fuller] level_only)
    r = built_text(f"{place}{unit}2017年森林植被恢复费绩效自评报告\n一、项目概况\n{place}市{unit}积极开展相关工作。"
                   f"2017年,{place}市{unit}收森林植被恢复费专项资金315万元。\n")
    assert r.unit_name == f"{place}{unit}"
