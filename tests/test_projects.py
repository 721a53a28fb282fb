"""Projects, budget groups and outputs (extractor/projects.py, patterns/projects.toml)."""
import math

import pytest

from extractor.model import Form, FormBudgetLine, Report
from extractor.text.normalize import normalize
from extractor.pipeline import extract
from extractor.interpret.projects import (
    extract_projects,
    find_outputs,
    form_project_name,
    goal_status,
    project_name_from_title,
    road_code,
    stake_range,
)
from extractor.text.recognize import recognize
from extractor.text.segment import segment

from .conftest import EXAMPLE_TXT, ROOT, built_text, load_script


def make_report(text: str, kind: str | None = None, forms=()) -> Report:
    """A report through the text stages only (normalize, segment, recognize)."""
    norm = normalize(text).text
    report = Report(text=norm, report_kind=kind, forms=list(forms))
    report.sections = segment(norm)
    report.mentions = recognize(norm)
    return report


# ------------------------------------------------------------------ golden: the example report
EXPECTED = [
    # (group, name, amount)
    ("年初预算项目", "2018年大中修项目", 125.1126),
    ("年初预算项目", "2020年第二批国省道中修项目", 15.097671),
    ("年中追加项目", "2022年第二批中修项目", 1711.57),
    ("年中追加项目", "2020年第一批国省道中修工程", 4.606372),
    ("年中追加项目", "2020年第一批窄路加宽项目", 7.303282),
    ("年中追加项目", "2022年国省道大修", 269.78),
    ("年中追加项目", "2022年株洲市渌口区资源产业路(花田村集体经济合作社)工程", 150),
    ("年中追加项目", "渌口区朱亭镇五号山谷项目道路工程", 100),
    ("年中追加项目", "渌水流域资源产业路", 715.98),
    ("年中追加项目", "S207预防性养护", 20),
    ("年中追加项目", "株洲市渌口区交通事务中心淦田工班维修工程", 5),
    ("年中追加项目", "渌口区淦田镇新坡里至西塘湾农村道路建设项目施工图设计", 6.26296),
    ("年中追加项目", "株洲市渌口区渌口镇农村公路X009(K7+620-K8+220)修复性养护工程", 30),
    ("年中追加项目", "渌口区淦田养护站院内绿化及文化墙建设工程", 5),
    ("年中追加项目", "X037线(K4+137-K4+972)提质改造项目", 8.509275),
    ("年中追加项目", "梓湖湘庄生态园", 10),
    ("年中追加项目", "S330项目(S330淦田-古岳峰一期)", 1600),
    ("年中追加项目", "农村公路日常养护项目", 799.199732),
    ("年中追加项目", "干线公路养护项目", 321.976128),
    ("年中追加项目", "S330项目二期", 1974.46905),
    ("年中追加项目", "2023年G320路面改善工程", 680),
    ("年中追加项目", "株洲市渌口区南洲镇昭陵村古码头旅游路工程、株洲市渌口区烟棚子至S207公路资源产业路", 12.45),
    ("年中追加项目", "2017年危桥改造", 113.886135),
    ("年中追加项目", "2021年公路安防", 13.9883),
    ("年中追加项目", "2023年第一批农村公路危桥改造", 41.49),
    ("年中追加项目", "S207、S333国省道公路观景台", 40),
    ("年中追加项目", "S333观景台", 9.84),
    ("年中追加项目", "株洲市渌口区2024年农村公路安全生命防护工程", 200),
    ("年中追加项目", "2018年安防", 51.322111),
    ("年中追加项目", "2022年安防", 29.4029),
    ("年中追加项目", "不停车检测系统", 79),
]


@pytest.fixture(scope="module")
def example():
    return extract(EXAMPLE_TXT).reports[0]


def _by_name(report, name):
    [p] = [p for p in report.projects if p.name == name]
    return p


def test_example_projects_exact(example):
    got = [(p.group_label, p.name) for p in example.projects]
    assert got == [(g, n) for g, n, _ in EXPECTED]
    for p, (_, name, amount) in zip(example.projects, EXPECTED):
        assert p.amount == pytest.approx(amount, abs=1e-9), name
    assert [p.ordinal for p in example.projects] == list(range(1, 32))


def test_example_group_sums(example):
    def total(label):
        return math.fsum(p.amount for p in example.projects if p.group_label == label)

    assert abs(total("年初预算项目") - 140.210271) < 1e-6
    assert abs(total("年中追加项目") - 9011.036245) < 1e-6


def test_example_groups(example):
    g1, g2 = example.project_groups
    assert (g1.ordinal, g1.label, g1.budget, g1.adjustment) == (1, "年初预算项目", 200, 0)
    assert g1.spent == pytest.approx(140.210271) and g1.balance == pytest.approx(59.789729)
    assert (g2.label, g2.adjustment) == ("年中追加项目", None)
    assert g2.budget == pytest.approx(9011.036245) and g2.spent == pytest.approx(9011.036245)
    assert g2.balance == 0
    text = example.text
    assert text[g1.start:].startswith("1.年初预算项目200万元")
    assert text[g2.start:].startswith("2.年中追加项目金额")
    assert g1.end <= g2.start


def test_example_project_fields(example):
    text, mentions = example.text, example.mentions
    for p in example.projects:
        assert text[p.start:p.end].startswith(f"({_item_number(example, p)})")
        assert example.sections[p.section].start == p.start
        m = mentions[p.amount_mention]
        assert (m.kind, m.value) == ("amount", p.amount)
        assert p.start <= m.start < p.end

    first = example.projects[0]
    assert first.purpose == "支持2018年大中修项目建设"
    assert (first.output_value, first.output_unit, first.output_text) == (6.6, "km", "改造里程6.6km")
    assert first.goal_status == "achieved" and first.goal_pct is None

    s330 = _by_name(example, "S330项目二期")
    assert (s330.goal_status, s330.goal_pct, s330.road_code) == ("partial", 40.35, "S330")
    assert (s330.output_value, s330.output_unit) == (17.6, "km")

    x009 = _by_name(example, "株洲市渌口区渌口镇农村公路X009(K7+620-K8+220)修复性养护工程")
    assert (x009.road_code, x009.stake_from, x009.stake_to) == ("X009", 7.62, 8.22)
    x037 = _by_name(example, "X037线(K4+137-K4+972)提质改造项目")
    assert (x037.road_code, x037.stake_from, x037.stake_to) == ("X037", 4.137, 4.972)
    assert _by_name(example, "2023年G320路面改善工程").road_code == "G320"

    bridges = _by_name(example, "2017年危桥改造")
    assert (bridges.output_value, bridges.output_unit) == (3, "座")
    three = _by_name(example, "2023年第一批农村公路危桥改造")
    assert (three.output_value, three.output_unit, three.output_text) == (3, "座", "三座危桥加固")
    system = _by_name(example, "不停车检测系统")
    assert (system.output_value, system.output_unit) == (1, "个")
    lookout = _by_name(example, "S333观景台")
    assert lookout.output_value is None and lookout.output_text == "S333线公路观景台建设"

    p19, p20 = example.projects[20], example.projects[21]
    assert p19.name == "2023年G320路面改善工程"
    assert (p19.output_value, p19.output_unit) == (p20.output_value, p20.output_unit) == (5.904, "km")


def _item_number(report, project):
    label = report.sections[project.section].number_label
    return label.strip("()")


def test_example_outputs(example):
    outs = {(o.activity, round(o.value, 6), o.unit) for o in example.outputs}
    for expected in [
        ("沥青调补", 241, "m3"),
        ("垮方清理", 962, "m3"),
        ("水沟清理及打草", 1406, "km"),
        ("超高路肩调整", 2300, "m2"),
        ("修复水毁边沟", 0.542, "km"),
        ("护栏安装", 2.315, "km"),
        ("标志标牌安装", 254, "块"),
        ("路面标线", 1680, "m2"),
        ("路面清灌缝", 4.5, "km"),
        ("满意度", 90, "%"),
        ("改造里程", 6.6, "km"),
        ("危桥改造", 3, "座"),
        ("淦田工班维修", 1, "处"),
        ("安全隐患治理", 55.365, "km"),
    ]:
        assert expected in outs, expected
    by_project = {o.project for o in example.outputs if o.project is not None}
    assert by_project == {p.ordinal for p in example.projects if p.output_value is not None}
    maintenance = [o for o in example.outputs if o.activity == "沥青调补"]
    assert maintenance[0].project is None
    for o in example.outputs:
        m = example.mentions[o.mention]
        assert m.value == o.value and m.unit == o.unit
        assert o.start <= m.start < o.end


# ------------------------------------------------------------------ outputs
OUTPUT_CASES = [
    (
        "list with shared scope",
        "完成国省干线及农村公路沥青调补241立方;垮方清理962立方;护栏安装2315米。",
        [("沥青调补", 241, "m3"), ("垮方清理", 962, "m3"), ("护栏安装", 2.315, "km")],
    ),
    ("length after activity", "项目完成改造里程6.6km,已按计划实现绩效目标。", [("改造里程", 6.6, "km")]),
    ("han numeral before activity", "项目完成三座危桥加固,已按计划实现绩效目标。", [("危桥加固", 3, "座")]),
    ("counter before activity", "项目完成1个不停车检测系统建设,已按计划实现绩效目标。", [("不停车检测系统建设", 1, "个")]),
    ("gongli before activity", "项目完成55.365公里安全隐患治理,已按计划实现绩效目标。", [("安全隐患治理", 55.365, "km")]),
    ("item counter", "项目完成施工图设计1项,已按计划实现绩效目标。", [("施工图设计", 1, "项")]),
    ("satisfaction", "经统计,群众满意度为90%。", [("满意度", 90, "%")]),
    ("satisfaction target is no output", "项目区群众满意度≥95%。", []),
    ("completion rate is no run", "6-7月汛期桥梁隐患排查完成率为100%。", []),
    ("money ends a run", "完成公路设施损坏赔补立案15笔,其中结案6笔共计22120元。", [("公路设施损坏赔补立案", 15, "笔")]),
    ("single road word kept", "全年完成农村公路养护320公里,桥梁维修5座。", [("农村公路养护", 320, "km"), ("桥梁维修", 5, "座")]),
    ("repeated completion verb", "完成了市直养护里程1180.5公里,完成了市直桥梁养护67座。", [("市直养护里程", 1180.5, "km"), ("市直桥梁养护", 67, "座")]),
    ("stake marks are no quantities", "项目完成S207线K133+800公路观景台建设。", []),
    ("quantities outside a completion run", "共计拆除非标93块,清理各类公路堆积物78处。", []),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in OUTPUT_CASES], ids=[c[0] for c in OUTPUT_CASES])
def test_outputs(text, expected):
    got = [(o.activity, o.value, o.unit) for o in find_outputs(make_report(text))]
    assert len(got) == len(expected), got
    for (activity, value, unit), (e_activity, e_value, e_unit) in zip(got, expected):
        assert (activity, unit) == (e_activity, e_unit)
        assert value == pytest.approx(e_value)


# ------------------------------------------------------------------ goal status
GOAL_CASES = [
    ("as planned", "项目完成改造里程6.6km,已按计划实现绩效目标。", "achieved", None),
    ("share of goal", "项目完成路基17.6km,实现绩效目标的40.35%。", "partial", 40.35),
    ("full share", "完成年度绩效目标的100%。", "achieved", 100),
    ("not achieved", "受征地影响,未能按计划完成绩效目标。", "not_achieved", None),
    ("all done", "年度绩效目标已全部完成,具体为:完成了市直养护里程1180.5公里。", "achieved", None),
    ("unmet-goals heading is no failure", "2.完成的绩效目标。\n年度绩效目标已全部完成。\n3.未完成的绩效目标。\n无。", "achieved", None),
    ("expected goal reached", "项目达到预期目标。", "achieved", None),
    ("nothing said", "项目正在建设中。", "unknown", None),
]


@pytest.mark.parametrize("text,status,pct", [c[1:] for c in GOAL_CASES], ids=[c[0] for c in GOAL_CASES])
def test_goal_status(text, status, pct):
    assert goal_status(normalize(text).text) == (status, pct)


# ------------------------------------------------------------------ road codes and stakes
ROAD_CASES = [
    ("county road with stakes", "株洲市渌口区渌口镇农村公路X009(K7+620-K8+220)修复性养护工程", "X009", 7.62, 8.22),
    ("mixed brackets", "X037线（K4+137-K4+972)提质改造项目", "X037", 4.137, 4.972),
    ("national road", "2023年G320路面改善工程", "G320", None, None),
    ("first code wins", "S207、S333国省道公路观景台", "S207", None, None),
    ("code repeated in brackets", "S330项目(S330淦田-古岳峰一期)", "S330", None, None),
    ("至 between stakes", "G320线K10+000至K12+500段路面修复", "G320", 10.0, 12.5),
    ("tilde between stakes", "Y012线K0+050~K1+300安防工程", "Y012", 0.05, 1.3),
    ("no road", "2018年大中修项目", None, None, None),
    ("model number is no road", "采购PS2000型设备", None, None, None),
]


@pytest.mark.parametrize("name,code,stake_from,stake_to", [c[1:] for c in ROAD_CASES], ids=[c[0] for c in ROAD_CASES])
def test_road_code_and_stakes(name, code, stake_from, stake_to):
    name = normalize(name).text
    assert road_code(name) == code
    assert stake_range(name) == (stake_from, stake_to)


# ------------------------------------------------------------------ single-project titles
TITLE_CASES = [
    ("unit and year, suffix on next line", "市公路局2020年度公路养护类项目\n自评结果", "公路养护类项目"),
    ("place before a batch year", "牟定县2020年第一批公路安全生命防护工程绩效自评报告", "2020年第一批公路安全生命防护工程"),
    ("bare county office", "县司法局2020年度一村(社区)一法律顾问经费绩效自评报告", "一村(社区)一法律顾问经费"),
    ("year, unit, summary report", "2022年西平县交通运输局财政衔接推进乡村振兴资金项目绩效自评总结报告", "财政衔接推进乡村振兴资金项目"),
    ("year only", "2021年度市级就业资金配套项目资金绩效自评报告", "市级就业资金配套项目资金"),
    ("form title", "就业补助资金绩效自评表", "就业补助资金"),
    ("guan yu ... de", "关于2023年度农村公路养护中心建设项目的绩效自评报告", "农村公路养护中心建设项目"),
    ("xx项目支出 keeps 项目", "2023年度县城区道路改造项目支出绩效自评报告", "县城区道路改造项目"),
    # a "YYYY年" right after a bare region is the report's year (pool p0188, p0189), unless it
    # opens a central fund's title (heldout2 g009, "汶川县2021年中央…", test_projects_general.py)
    ("place then year", "株洲市渌口区2024年农村公路安全生命防护工程绩效自评报告", "农村公路安全生命防护工程"),
    ("place then year, transfer payment", "附件3四川省汶川县2021年中央食品监管专项转移支付绩效自评报告",
     "2021年中央食品监管专项转移支付"),
    ("unit then year drops the year", "海口市秀英区水务局2022年衔接资金项目绩效自评报告", "衔接资金项目"),
    # the year dropped, and the project's money is the project (heldout h011's gold)
    ("title-initial year dropped", "2021年美丽经济交通走廊项目专项资金绩效自评报告", "美丽经济交通走廊项目"),
    ("town before 年度", "攀枝花市仁和区同德镇2021年度部门预算项目支出绩效自评报告", None),
    ("绩效目标自评报告", "2024年固始县祖师庙镇仰天洼社区产业设施配套项目绩效目标自评报告", "固始县祖师庙镇仰天洼社区产业设施配套项目"),
    ("masked year 预算绩效评价 lead", "20xx年预算绩效评价“四好农村公路”建设工程绩效自评报告", "“四好农村公路”建设工程"),
    ("batch after a 年度 report year", "区交通事务中心2024年度2023年第三批车购税资金项目支出绩效自评报告",
     "2023年第三批车购税资金项目"),
    ("road code with bracketed section", "G220项目(G220竹石-松源二期)项目支出绩效自评报告", "G220项目(G220竹石-松源二期)项目"),
    ("fragment of a broken title", "二期)项目支出绩效自评报告", None),
    ("fragment starting 度", "度第三批车购税资金项目支出绩效自评报告", None),
    ("generic category", "农村项目绩效自评报告", None),
    ("essay collection", "建设项目绩效自评报告(通用9篇)", None),
    ("named project is no category", "乡村道路建设养护项目绩效自评报告", "乡村道路建设养护项目"),
    ("unit's project report names no project", "红河州数据发展中心2024年度项目支出绩效单位自评报告", None),
    ("generic form title", "部门预算项目支出绩效自评表(2023年度)", None),
    ("department report", "2024年度渌口区交通事务中心整体支出绩效自评报告", None),
    ("no subject", "2020年度绩效评价", None),
    ("evaluation self-assessment report", "枞阳县2023年度国家基本公共卫生服务项目绩效评价自评报告", "国家基本公共卫生服务项目"),
    ("fund suffixes stay", "县司法局2020年度一村(社区)一法律顾问经费绩效评价报告", "一村(社区)一法律顾问经费"),
    ("not a title", "市公路局2020年度公路养护类项目", None),
]


@pytest.mark.parametrize("title,name", [c[1:] for c in TITLE_CASES], ids=[c[0] for c in TITLE_CASES])
def test_project_name_from_title(title, name):
    assert project_name_from_title(title) == name


SINGLE_CASES = [
    (
        "executed figure",
        "市公路局2020年度公路养护类项目\n自评结果\n一、自评结论\n2020年度养护类项目预算数为1132万元,执行数为1132万元,预算执行率100%。\n"
        "年度绩效目标已全部完成,具体为:完成了市直养护里程1180.5公里,完成了市直桥梁养护67座。",
        "project",
        ("公路养护类项目", 1132, "achieved", 1180.5, "km"),
    ),
    (
        "actual investment over allotted funds",
        "牟定县人民政府\n牟定县2020年第一批公路安全生命防护工程绩效自评报告\n一、绩效目标分解下达情况\n"
        "共完成工程量波型护栏1820米,标志标牌18块。下达资金56万元,实际完成投资54.6万元。",
        "project",
        ("2020年第一批公路安全生命防护工程", 54.6, "unknown", 1.82, "km"),
    ),
    (
        "subject sentence",
        "为做好2022年财政衔接推进乡村振兴资金项目绩效管理工作,现将2022年西平县交通运输局财政衔接推进乡村振兴资金项目绩效自评总结报告如下:\n"
        "一、资金投入情况\n项目资金共2179万元,截止2022年12月8日,已完成拨付2113.63万元,执行率97%。",
        "project",
        ("财政衔接推进乡村振兴资金项目", 2113.63, "unknown", None, None),
    ),
    (
        "disbursed amount",
        "县司法局2020年度一村(社区)一法律顾问经费绩效自评报告\n一、基本情况\n指标金额是110万元,实际拨付金额是108万元。",
        "project",
        ("一村(社区)一法律顾问经费", 108, "unknown", None, None),
    ),
    (
        "full-year budget when nothing was executed",
        "2023年度农村客运补贴项目绩效自评报告\n一、基本情况\n项目全年预算数为50万元。",
        None,
        ("农村客运补贴项目", 50, "unknown", None, None),
    ),
    (  # an excerpt cut before its money names its project all the same (pool convention, p0052)
        "named but no amount", "2021年度市级就业资金配套项目资金绩效自评报告\n一、项目概况\n就业专项资金是由县级以上人民政府设立。",
        "project", ("市级就业资金配套项目资金", None, "unknown", None, None),
    ),
    ("named, no amount, kind unknown", "2021年度市级就业资金配套项目资金绩效自评报告\n一、项目概况\n就业专项资金是由县级以上人民政府设立。", None, None),
    ("never named", "2020年度绩效评价\n项目全年预算数为1050万元,执行数为1050万元,完成预算的100%。", "project", None),
    ("department report", "2020年度某县民政局某某专项资金绩效自评报告\n实际支出50万元。", "department", None),
    (
        "project in brackets at the end of the title",
        "保山市卫生健康委员会2022年度项目绩效自评报告(春节慰问经费项目)\n一、自评结论\n"
        "春节慰问经费项目市级资金配套3.6万元,全部到位并使用完毕,执行率100%。",
        "project",
        ("春节慰问经费项目", 3.6, "unknown", None, None),
    ),
    (
        "project in brackets on the line under the title",
        "2020年部门预算项目支出绩效自评报告\n( 铁路沿线环境治理经费项目)\n一、基本情况\n"
        "该项目2020年预算数为15.00 万元,决算数为5.00万元。",
        "project",
        ("铁路沿线环境治理经费项目", 5, "unknown", None, None),
    ),
    (
        "a year in brackets names no project",
        "2023年度项目支出绩效自评报告\n(2023年度)\n项目全年预算数为50万元。",
        "project",
        None,
    ),
    (
        "a total fully spent beats the first pre-allocation",
        "枞阳县2023年度国家基本公共卫生\n服务项目绩效评价自评报告\n一、项目基本情况\n"
        "我县将预拨资金3608万元(中央资金2855万元、省级资金753万元)分配到各项目实施机构,"
        "年终考核后将剩余的清算资金120万元分配到位,2023年度基本公共卫生服务资金3728万元全部执行到位。",
        "project",
        ("国家基本公共卫生服务项目", 3728, "unknown", None, None),
    ),
    (
        "a line above without a year is not the title's first part",
        "首页\n农村客运补贴项目绩效自评报告\n项目全年预算数为50万元。",
        "project",
        ("农村客运补贴项目", 50, "unknown", None, None),
    ),
    (
        "funds received in full are not spending",
        "2022年西平县交通运输局财政衔接推进乡村振兴资金项目绩效自评报告\n"
        "乡村振兴衔接资金2179万元目前已全部拨付。项目资金共2179万元,已完成拨付2113.63万元。",
        "project",
        ("财政衔接推进乡村振兴资金项目", 2113.63, "unknown", None, None),
    ),
    (
        "a mirror's file name as the title",
        "广水市交通运输局2021年度乡村道路项目自评表.pdf\n项目全年预算数为309万元,全年执行数309万元。",
        "project",
        ("乡村道路项目", 309, "unknown", None, None),
    ),
]


@pytest.mark.parametrize("text,kind,expected", [c[1:] for c in SINGLE_CASES], ids=[c[0] for c in SINGLE_CASES])
def test_single_project(text, kind, expected):
    from extractor.interpret.projects.vocabulary import vocab
    if expected is not None and expected[1] is None and not vocab().title_name_only:
        expected = None  # [title].name_only = false: a report without money lists no project
    report = make_report(text, kind)
    projects, groups, outputs = extract_projects(report)
    assert groups == []
    if expected is None:
        assert projects == []
        return
    [p] = projects
    name, amount, status, out_value, out_unit = expected
    assert (p.ordinal, p.name, p.goal_status, p.output_unit) == (1, name, status, out_unit)
    if amount is None:  # the name alone
        assert (p.amount, p.amount_mention) == (None, None)
    else:
        assert p.amount == pytest.approx(amount)
        assert report.mentions[p.amount_mention].value == p.amount
    assert (p.output_value is None) == (out_value is None)
    if out_value is not None:
        assert p.output_value == pytest.approx(out_value)
    assert all(o.project == 1 for o in outputs)


# ------------------------------------------------------------------ forms
def _form(index, name, lines, **kw):
    return Form(
        index=index,
        project_name=name,
        budget_lines=[
            FormBudgetLine(form=index, line=line, budget_initial=b0, budget_full_year=b1, executed=ex)
            for line, b0, b1, ex in lines
        ],
        start=kw.get("start"),
        end=kw.get("end"),
    )


def test_form_project_drops_code_and_takes_total_executed():
    form = _form(
        0,
        "51000021R000000019951-工资性支出",
        [("总额", 238.93, 251.89, 251.89), ("其中:财政资金", 238.93, 251.89, 251.89), ("单位资金", 0, 0, 0)],
        start=10,
        end=200,
    )
    report = make_report("部门预算项目支出绩效自评表(2023年度)\n项目名称 | 51000021R000000019951-工资性支出 |", forms=[form])
    projects, groups, outputs = extract_projects(report)
    assert groups == [] and outputs == []
    [p] = projects
    assert (p.ordinal, p.name, p.amount, p.start, p.end) == (1, "工资性支出", 251.89, 10, 200)


def test_form_project_without_usable_total():
    # 年度资金总额 all zero while 本年财政拨款 was executed: the amount is unknown, the project still listed.
    form = _form(0, "委托业务项目", [("年度资金总额", 0, 0, 0), ("其中:本年财政拨款", 90, 89.974, 89.974)])
    [p] = extract_projects(make_report("附件: 项目支出绩效自评表 (2022年度)", forms=[form]))[0]
    assert (p.name, p.amount) == ("委托业务项目", None)


def test_form_project_budget_when_execution_blank():
    # The flattened row lost the executed cell: the full-year budget stands in (as in reports).
    form = _form(0, "义务教育营养改善计划专项资金", [("年度资金总额", None, 38.766462, None)])
    [p] = extract_projects(make_report("2022年度项目支出绩效自评表", "project", [form]))[0]
    assert p.amount == 38.766462


def test_form_projects_one_per_form():
    forms = [
        _form(0, "就业补助资金", [("年度资金总额:", None, 808.1, 692.98), ("其中:中央财政资金", None, 808.1, 692.98)]),
        _form(1, "义务教育营养改善计划专项资金", [("年度资金总额", 38.766462, 38.766462, 38.766462)]),
        _form(2, "就业补助资金", [("年度资金总额", None, 1, 1)]),  # the same project again
        _form(3, None, [("年度资金总额", None, 1, 1)]),
    ]
    projects = extract_projects(make_report("就业补助资金绩效自评表", "project", forms))[0]
    assert [(p.ordinal, p.name, p.amount) for p in projects] == [
        (1, "就业补助资金", 692.98),
        (2, "义务教育营养改善计划专项资金", 38.766462),
    ]


def test_forms_beat_the_title():
    form = _form(0, "就业补助资金", [("年度资金总额", None, 808.1, 692.98)])
    text = "2024年度就业补助资金项目绩效自评报告\n实际支出500万元。"
    projects = extract_projects(make_report(text, "project", [form]))[0]
    assert [(p.name, p.amount) for p in projects] == [("就业补助资金", 692.98)]


@pytest.mark.parametrize(
    "cell,name",
    [
        ("51000021R000000019951-工资性支出", "工资性支出"),
        ("219001-池州市贵池区棠溪镇人民政府", "池州市贵池区棠溪镇人民政府"),
        (" 委托业务项目 ", "委托业务项目"),
        ("G320路面改善工程", "G320路面改善工程"),
        ("", None),
        (None, None),
    ],
    ids=["long code", "short code", "spaces", "road code is kept", "empty", "none"],
)
def test_form_project_name(cell, name):
    assert form_project_name(cell) == name


# ------------------------------------------------------------------ enumerated lists elsewhere
def test_items_under_a_project_heading_without_groups():
    text = (
        "二、部门整体支出绩效情况\n(一)部门整体绩效\n全年完成农村公路养护320公里,桥梁维修5座。\n"
        "(二)项目支出绩效情况\n1.农村公路养护项目\n该项目年初预算50万元,全年预算数60万元,实际支出55.5万元,主要用于农村公路日常养护。"
        "项目完成养护里程320公里,已按计划实现绩效目标。\n"
        "2.危桥改造工程:全年预算数30万元,执行数28万元,完成危桥改造2座,未完成绩效目标。\n"
        "3.项目资金管理情况\n项目资金支出100万元,管理规范。\n三、存在的问题\n1.预算编制不够精细。\n"
    )
    projects, groups, outputs = extract_projects(make_report(text, "department"))
    assert groups == []
    assert [(p.name, p.amount, p.group_label, p.goal_status) for p in projects] == [
        ("农村公路养护项目", 55.5, None, "achieved"),
        ("危桥改造工程", 28, None, "not_achieved"),
    ]
    assert (projects[1].output_value, projects[1].output_unit) == (2, "座")


def test_topics_with_money_are_not_projects():
    text = "(一)部门整体支出绩效情况\n1.运行成本方面\n(1)严控“三公”经费支出。2024年,“三公”经费支出2万元,同比减少33.67%。\n"
    assert extract_projects(make_report(text, "department"))[0] == []


# ------------------------------------------------------------------ inline lists
INLINE_CASES = [
    (
        "list after 项目支出包括, cut off at a piece without money",
        "(三)部门整体支出或项目实施情况分析。\n本项目由基本支出和项目支出两个部分构成。基本支出主要包括人员经费及日常公用经费支出等。"
        "项目支出包括委员活动经费36.3万元,扫黑除恶工作经费1万元,信息网络运行经费5万元,调研协商",
        [("委员活动经费", 36.3), ("扫黑除恶工作经费", 1), ("信息网络运行经费", 5)],
    ),
    (
        "list after 分别是 under a stated total",
        "2021年部门预算项目支出87.5万元,分别是科技活动交流经费5万元,科技项目评审及系统维护费18万元,"
        "科技型中小企业办公室(双创办)工作经费18万元,科",
        [("科技活动交流经费", 5), ("科技项目评审及系统维护费", 18), ("科技型中小企业办公室(双创办)工作经费", 18)],
    ),
    (
        "sentence-initial 其中 after a project-spending total",
        "2021年项目支出287万元。其中:委员活动经费36.3万元、老干部活动经费10.5万元。",
        [("委员活动经费", 36.3), ("老干部活动经费", 10.5)],
    ),
    (
        "trailing 共 dropped, 共 of 公共 and 计 of 设计 kept",
        "专项经费共计500万元,分别为:公共卫生宣传经费共100万元,工程设计费200万元。",
        [("公共卫生宣传经费", 100), ("工程设计费", 200)],
    ),
    (
        # heldout6 s026 (西藏 文物局): no head names project money, but every item calls itself a project
        "items that call themselves projects stand without a head",
        "区直文博系统项目有:一是布达拉宫管理处,下达预算资金9378万元。具体是:布达拉宫雪城修缮展示工程项目3005万元;"
        "布达拉宫二期结构检测工程项目1235万元;布达拉宫消防提升工程项目1613万元。",
        [("布达拉宫雪城修缮展示工程项目", 3005), ("布达拉宫二期结构检测工程项目", 1235), ("布达拉宫消防提升工程项目", 1613)],
    ),
    (
        "recipients give way to a list of projects",
        "分解下达专项资金共22171万元,其中下达地市9397万元;区直文博系统12774.00万元。区直文博系统项目有:一是管理处,"
        "下达预算资金9378万元。具体是:雪城修缮展示工程项目3005万元;二期结构检测工程项目1235万元;消防提升工程项目1613万元。",
        [("雪城修缮展示工程项目", 3005), ("二期结构检测工程项目", 1235), ("消防提升工程项目", 1613)],
    ),
    # counterexamples
    ("two headless items are no list", "下达预算资金9378万元。具体是:雪城修缮展示工程项目3005万元;消防提升工程项目1613万元。", []),
    ("budget components", "2、支出:799.12万元。其中:人员经费支出434.89万元,公用经费支出77.4万元,项目支出286.83万元。", []),
    ("budget categories", "项目资金总预算为2455.5万元,其中部门预算项目支出87.5万元,专项预算支出2350万元。", []),
    ("funding-source split", "项目资金100万元,其中中央资金80万元、省级资金20万元。", []),
    ("funding sources with a grant", "项目支出50万元,其中:财政拨款40万元,自筹资金10万元。", []),
    ("economic classes", "项目支出主要包括:工资福利支出10万元,商品和服务支出20万元,其他资本性支出5万元。", []),
    ("budget stages", "项目资金200万元,其中年初预算150万元,追加预算50万元。", []),
    ("paid and unpaid", "项目支出100万元,其中已支付80万元,未支付20万元。", []),
    ("income sources", "项目资金收入合计50万元,其中财政拨款收入40万元,事业收入10万元。", []),
    ("three public expenses", "“三公”经费支出3.63万元(其中公务接待费1.95万元,公务用车运行维护费1.68万元)。", []),
    (
        "a fund allocation broken down by work type",
        "下达2023年中央水利发展资金2263万元。其中:中小河流治理工程1435万元,小型水库工程维修养护25万元。",
        [],
    ),
    ("a spending total broken down", "2021年预算安排2700万元,全年实际支出1723.62万元,其中溪南线提升改造工程支出1078.81万元,其他路域环境提升工程支出644.81万元。", []),
    (
        "groups of projects with counts",
        "我局预算安排专项资金项目共计113个,财政资金3267.28万元。其中绩效自评“优”的项目79个财政资金3038.38万元;"
        "绩效自评“良”的项目11个财政资金201.9万元。",
        [],
    ),
    ("parts larger than the total", "项目支出10万元,包括办公设备购置经费6万元,档案整理经费6万元。", []),
    ("a single item is no list", "项目支出包括办公设备购置经费5万元。", []),
    ("changes, not projects", "项目支出同比增加20万元,包括委员活动经费增加10万元,老干部活动经费增加10万元。", []),
    ("amount before the purpose", "项目支出90万元。其中:30万元用于基建工程项目预算编制;30万元用于基建工程项目审计。", []),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in INLINE_CASES], ids=[c[0] for c in INLINE_CASES])
def test_inline_lists(text, expected):
    report = make_report(text, "department")
    projects = extract_projects(report)[0]
    assert [(p.name, p.amount) for p in projects] == [(n, pytest.approx(a)) for n, a in expected]
    assert [p.ordinal for p in projects] == list(range(1, len(expected) + 1))
    for p in projects:
        m = report.mentions[p.amount_mention]
        assert (m.kind, m.value) == ("amount", p.amount)
        assert p.name in report.text[p.start:p.end]


def test_inline_list_only_when_nothing_else_names_a_project():
    # A single-project report: its breakdown under 项目支出 belongs to the one project.
    text = (
        "2023年度农村公路养护项目绩效自评报告\n一、基本情况\n全年执行数为70万元。"
        "项目支出包括日常养护经费50万元,应急抢险经费20万元。"
    )
    projects = extract_projects(make_report(text, "project"))[0]
    assert [(p.name, p.amount) for p in projects] == [("农村公路养护项目", 70)]
    # A report with a generic title: the list names the projects.
    text = "2021年度项目支出绩效自评报告\n2021年部门预算项目支出70万元,分别是日常养护经费50万元,应急抢险经费20万元。"
    projects = extract_projects(make_report(text, "project"))[0]
    assert [(p.name, p.amount) for p in projects] == [("日常养护经费", 50), ("应急抢险经费", 20)]


# ------------------------------------------------------------------ heldout2 rules
def test_form_name_cut_at_next_label():
    assert form_project_name("县级储备粮负责人及电话旷建成、向建军县级") == "县级储备粮"
    assert form_project_name("公共文化服务体系运行保障经费项目单位临湘市") == "公共文化服务体系运行保障经费"
    assert form_project_name("城乡供水工程") == "城乡供水工程"


def _names(text, kind="project"):
    projects, _, _ = extract_projects(make_report(text, kind))
    return [(p.name, p.amount) for p in projects]


def test_semicolon_list():
    text = ("2024年度,中央、市级下达转移支付慈善会项目40万元;城乡低保、特困供养、临时救助项目2.75万元;"
            "民政管理工作经费17万元;城乡公益性公墓建设补助130万元。共计下达资金189.75万元。\n")
    assert _names(text) == [("慈善会项目", 40), ("城乡低保、特困供养、临时救助项目", 2.75),
                            ("民政管理工作经费", 17), ("城乡公益性公墓建设补助", 130)]


def test_semicolon_list_opener_one_item():
    text = "资金到位情况。具体到位情况如下:儋州大皇岭休闲农庄建设项目到位资金629.5万元;热带水果种植\n"
    assert _names(text) == [("儋州大皇岭休闲农庄建设项目", 629.5)]


def test_semicolon_list_counterexamples():
    # budget components are not projects; two items without an opener are too few, and a run of two
    # projects (evidence.project_run) holds no name the gate refuses, so no orphan 乙项目 is left
    assert _names("全年支出:人员经费20万元;公用经费5万元;项目支出8万元。\n") == []
    assert _names("下达甲项目40万元;乙项目2万元。\n") == []


def test_subject_kai_zhan_le():
    text = ("广西壮族自治区住房和城乡建设厅、财政厅认真组织开展了2024年度中央财政城镇保障性安居工程补助资金"
            "绩效自评工作,自评情况如下:\n全年预算数40957万元。\n")
    assert _names(text) == [("中央财政城镇保障性安居工程补助资金", 40957)]


def test_subject_xiang_mu_wei():
    text = "一、基本情况我校2022年项目为一个:生均公用经费项目(二)资金情况,实际支出87.06万元。\n"
    assert _names(text) == [("生均公用经费项目", 87.06)]


def test_subject_xia_da_fund_keeps_year():
    text = "一、绩效目标分解下达情况湖南省财政厅下达2022年湖南省文化和旅游专项资金20万元,二、完成情况\n"
    assert _names(text) == [("2022年湖南省文化和旅游专项资金", 20)]


def test_generic_title_then_name_on_next_line():
    text = ("攀枝花市仁和区同德镇2021年度部门预算项目支出绩效自评报告\n2021年城乡临时救助备用金\n"
            "一、项目概况\n全年执行数1.428万元。\n")
    assert _names(text) == [("2021年城乡临时救助备用金", 1.428)]


def test_glued_title():
    text = ("附件3四川省汶川县2021年中央食品监管专项转移支付绩效自评报告为进一步规范和提高中央对地方转移支付"
            "专项资金管理,全年预算数3万元。\n")
    assert _names(text) == [("2021年中央食品监管专项转移支付", 3)]


def test_title_broken_inside_brackets():
    text = "G220项目(G220竹石-松源\n二期)项目支出绩效自评报告\n全年执行数5万元。\n"
    assert _names(text) == [("G220项目(G220竹石-松源二期)项目", 5)]


def test_title_broken_after_year():
    text = "区交通事务中心2024年\n度2023年第三批车购税资金项目支出绩效自评报告\n全年执行数5万元。\n"
    assert _names(text) == [("2023年第三批车购税资金项目", 5)]


def test_subject_cheng_dan_task_verbatim():
    text = "一、县级批复资金情况\n我局承担临城县2021年度财政衔接资金统筹整合使用道路建设项目实施任务,县级批复总投资3374.3万元。\n"
    assert _names(text) == [("临城县2021年度财政衔接资金统筹整合使用道路建设项目", 3374.3)]
    assert _names("我局承担了大量工作,全年执行数5万元。\n") == []


@pytest.mark.parametrize("title, name", [
    ("河湖水系2022年整体绩效自评总结报告", None),  # the whole department: no project
    ("许昌市河湖水系水源调度中心2022年整体和项目支出绩效自评总结报告", None),
    ("攸县2022年城区居民整体搬迁项目绩效自评报告", "城区居民整体搬迁项目"),  # ends in 项目
])
def test_a_department_wide_title_names_no_project(title, name):
    from extractor.interpret.projects import project_name_from_title

    assert project_name_from_title(title) == name


def test_a_glued_form_names_its_project_before_its_main_content():
    from extractor.model import Page, RawDocument
    from extractor.pipeline import build_report

    text = ("2021年项目绩效自评报告表_第1页\n2021年项目绩效自评报告表(实施单位用)填报单位:邵阳市疾病预防控制中心"
            "填报日期:2022年9月18日基本情况项目名称重大公共卫生服务及重大传染病防治项目主要内容预防和控制新冠等传染病的发生。"
            "资金总额及构成总额1002.6万元,其中:中央726.7万元。实际支出650.31万元。")
    report = build_report(RawDocument(path="k.txt", format="txt", pages=[Page(1, text)]))
    assert report.report_kind == "project"
    assert [p.name for p in report.projects] == ["重大公共卫生服务及重大传染病防治"]


def test_the_report_is_left_alone(example):
    import copy

    before = copy.deepcopy(example)
    projects, groups, outputs = extract_projects(example)
    assert example == before
    assert [p.name for p in projects] == [p.name for p in example.projects]  # same answer again


def test_a_fund_grid_reads_its_actual_column_and_shifted_rows():
    """heldout5 r019 (广东 省级专项资金): the 政策任务 column names the lines, 实际安排额度 (the actual
    allocation) wins over 预算额度, a task code is no part of the name, and a row whose blank 调整额度
    cell the page dropped (its figures shifted left) still gives its allocation."""
    text = (
        "珠海市工业和信息化局2021年度省级财政专项资金绩效评价报告\n表2-1 总体安排情况表 单位:万元\n"
        "序号 | 财政事权 | 政策任务 | 预算额度 | 调整额度 | 实际安排额度 | 资金下达及调整文件 |\n"
        "1 | M1.工业企业转型升级 | M102.战略性产业集群产业链支撑 | 70.00 | 70.00 | ||\n"
        "2 | M1.工业企业转型升级 | M103.产业创新能力和平台建设 | 618.66 | 36.01 | 654.67 | 注2 |\n"
        "3 | M3.民营经济及中小微企业发展 | M301.民营经济及中小微企业发展 | 3,730.00 | 3,730.00 | 注1 | |\n"
        "合计 | 4,418.66 | 36.01 | 4,454.67 |\n"
    )
    projects = extract_projects(make_report(text, "project"))[0]
    assert [(p.name, p.amount) for p in projects] == [
        ("战略性产业集群产业链支撑", 70.0), ("产业创新能力和平台建设", 654.67), ("民营经济及中小微企业发展", 3730.0)]


def test_a_whole_table_on_one_line_is_read_row_by_row():
    """pool p0182's table as a page read as runs of text writes it (scripts/perturb.py oneline: header
    and rows on one line, cells apart by spaces): cut before 序号 and before each row ordinal, it reads
    as the table does."""
    text = load_script("perturb").perturb((ROOT / "corpus" / "pool" / "p0182.txt").read_text(encoding="utf-8"), "oneline")
    assert "备注  1   三门县住房和城乡建设局" in text
    names = [p.name for p in built_text(text).projects]
    assert names[:3] == ["三门县城镇污水处理设施建设工程", "三门县石羊溪水质提升工程", "三门县老旧小区改造项目"]


def test_a_long_line_naming_序号_without_rows_is_no_table():
    text = ("某县2023年度项目支出绩效自评报告\n一、项目基本情况\n" + "按序号排列的各项工作均已完成,共计完成3项任务,涉及资金120万元,"
            "其中1 项为新建项目,2 项为续建项目,全部按期完成并通过验收,群众满意度达到95%以上,较好地实现了年度绩效目标。\n")
    assert all(p.rule_id != "projects:spaced_table" for p in built_text(text).projects)
