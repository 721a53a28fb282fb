"""Families of layouts read from heldout4's misses (retired to development in round 7), each on a
synthetic text in the same phrasing with made-up figures: a rule must read any report of the family."""
from __future__ import annotations

from .conftest import built_text


def report_of(text: str):
    return built_text(text, "snippet.txt")


def facts_of(text: str) -> dict:
    return {f.key: f.value for f in report_of(text).facts}


def assert_offsets(r) -> None:
    for f in r.facts:
        if f.start is not None and f.end is not None:
            assert 0 <= f.start < f.end <= len(r.text)


# A project form glued into one line whose notes follow the 总分 row with no separator (四川 绩效目标
# 自评表 on a digest site, heldout4 q033): "总分10098注:1.…" is full marks 100 and score 98, the note apart.
GLUED_NOTE = ("绩效目标自评表(2022年度)项目名称某县小型水库水标尺安装项目主管部门某县水利局实施单位某县水利局"
              "资金情况(万元)全年预算数(A)全年执行数(B)分值执行率(B/A)得分年度资金总额:303010100.00%10"
              "其中:本年财政拨款3030其他资金年度总体目标年初设定目标完成情况综述安装水标尺"
              "绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分产出指标(70分)数量指标"
              "安装坡面水标尺10≥200米≥200米10总分10098注:1.一级指标分值统一设置为:产出指标50分\n")


def test_glued_total_before_a_note():
    r = report_of(GLUED_NOTE)
    [f] = r.forms
    assert f.total_score == 98
    assert {f.key: f.value for f in r.facts}["self_score"] == 98
    assert_offsets(r)


def test_a_plain_note_label_is_not_cut():
    # "备注:" after a figure stays the 备注 label (not 备 + 注)
    r = report_of(GLUED_NOTE.replace("总分10098注:", "总分10098备注:"))
    assert r.forms[0].total_score == 98


# 湖北 项目自评表 (OCR'd DOCX, heldout4 q024): its columns have 得分 and no 分值, so the 总分 row's one
# figure is the score; the row after it (偏差大或目标未完成原因分析) is a label of its own.
UNWEIGHTED = ("2020年度禁捕项目自评表单位名称:农业科填报日期:项目名称渔业补贴主管部门区农业局项目实施单位农业科"
              "预算执行情况(万元)(20分)预算数(A)执行数(B)执行率(B/A)得分(20分*执行率)年度财政资金总额2.502.50120"
              "二级指标三级指标年初目标值(A)实际完成值(B)得分数量指标补贴渔船数8820质量指标渔船补贴发放率100%100%20"
              "总分96偏差大或目标未完成原因分析无改进措施及结果应用方案无\n")


def test_lone_total_of_an_unweighted_form_is_the_score():
    r = report_of(UNWEIGHTED)
    f = r.forms[0]
    assert f.total_score == 96
    assert facts_of(UNWEIGHTED)["self_score"] == 96


def test_lone_total_of_a_weighted_form_stays_the_weight():
    # with a 分值 column the lone 100 is the full marks, not a score
    text = UNWEIGHTED.replace("实际完成值(B)得分", "实际完成值(B)分值得分").replace("总分96", "总分100")
    assert report_of(text).forms[0].total_score is None


def test_staff_authorized_from_bianzhi_renyuan():
    assert facts_of("一、部门基本情况\n现有编制人员36人。其中,局机关在职20人、退休16人。\n")["staff_authorized"] == 36
    assert "staff_authorized" not in facts_of("一、部门基本情况\n行政编制人员7人、事业编制人员13人。\n")


# A unit slip (安徽 农机购置补贴 report, heldout4 q018): "全年预算数2089元" stated first, the same digits
# in 万元 later for the same key ("调整后全年预算资金2089万元"): the 万元 figure is the key's value.
UNIT_SLIP = ("2024年某项目绩效自评报告\n1.项目资金到位情况分析。2024年某项目资金全年预算数1500元:其中中央资金"
             "1200万元,省级资金300万元。\n2.项目资金执行情况分析。2024年某项目资金调整后全年预算资金1500万元,"
             "全年执行数1500万元。\n")


def test_a_unit_slip_loses_to_the_figure_in_the_reports_unit():
    assert facts_of(UNIT_SLIP)["budget_full_year"] == 1500


def test_a_yuan_figure_alone_stays_as_written():
    # without the same digits in 万元 for the key, the figure in 元 is taken as written
    text = UNIT_SLIP.replace("调整后全年预算资金1500万元,", "")
    assert facts_of(text)["budget_full_year"] == 0.15


# Rates of the parts of the funds (四川 残联 report, heldout4 q012): one sentence gives each source's
# 执行率 after its own part; the report's rate is the one stated for the whole.
PART_RATES = ("某项目绩效自评报告\n实际完成情况为:截止2022年12月31日中央资金完成300万元,预算执行率75%,省级资金完成"
              "190万元,预算执行率95%。\n(一)资金投入情况分析。共投入资金600万元。全年执行资金490万元,执行率81.67%。\n")


def test_rates_of_the_parts_lose_to_the_whole():
    assert facts_of(PART_RATES)["execution_rate"] == 81.67


def test_a_rate_of_a_part_stands_when_nothing_else_is_stated():
    text = PART_RATES.replace(",执行率81.67%", "")
    assert facts_of(text)["execution_rate"] == 75


def test_unit_named_with_the_bodies_under_it():
    # a form's 实施主体 naming the unit and its subordinates (内蒙古, heldout4 q010): the unit is the first
    text = ("某盟2023年度中央对地方转移支付计划生育项目绩效自评报告\n一、项目基本情况\n(一)项目概况。\n"
            "项目实施主体:巴彦淖尔市卫生健康委员会及各旗(区)卫生健康委(社管局)\n覆盖地区:全市7个旗(区)。\n")
    assert report_of(text).unit_name == "巴彦淖尔市卫生健康委员会"


def test_unit_after_a_form_title_over_its_date():
    # an attachment's form title, the unit signing it and the date glued in one line (四川, heldout4 q033)
    text = ("现已完成绩效目标自评,意见收集人:张三附件:2022年财政衔接资金实施项目绩效自评表什邡市水利局2022年12月30日"
            "绩效目标自评表(2022年度)项目名称某水库水标尺安装项目\n")
    assert report_of(text).unit_name == "什邡市水利局"


def test_unit_of_a_notice_style_report_on_a_funds_use():
    # "UNIT关于“FUND”管理使用情况" heading a district portal's page (广东, heldout4 q006)
    text = ("首页 > 区部门网站 > 区民政局 > 通知公告\n\n广州市天河区民政局关于“2021年中央财政困难群众救助补助资金”管理使用情况\n\n"
            "信息提供日期 : 2023-03-27 16:25来源 : 天河区民政局\n\n  根据相关文件规定,现将上级转移支付资金使用情况报告如下:\n"
            "  一、资金基本情况\n  2021年中央财政困难群众救助补助资金下达我区50万元。\n")
    r = report_of(text)
    assert (r.unit_name, r.fiscal_year) == ("广州市天河区民政局", 2021)


def test_unit_opening_a_sentence_after_a_long_citation():
    # "根据《…的通知》(文号)文件要求,UNIT开展并完成了…" (内蒙古, heldout4 q013): the citation runs past 60 characters
    text = ("根据《额济纳旗财政局关于开展2023年度中央对地方转移支付预算执行情况绩效自评工作的通知》(额财发〔2024〕12号)文件要求,"
            "额济纳旗达来呼布镇人民政府开展并完成了本部门涉及中央对地方转移支付预算执行情况绩效自评工作,"
            "涉及2023年度中央对地方转移支付项目2个,项目绩效自评结果综述如下:\n")
    assert report_of(text).unit_name == "额济纳旗达来呼布镇人民政府"


def test_no_unit_ends_inside_a_township_name():
    # "麦积区社棠镇…": 社 is a unit suffix (合作社) but here begins the town 社棠镇 (甘肃, heldout4 q027)
    from extractor.interpret.metadata.title import unit_in_phrase
    assert unit_in_phrase("麦积区社棠镇不稳定斜坡治理工程(二期)治理工程支出绩效评价报告") != "麦积区社"
    assert unit_in_phrase("麦积区供销合作社2023年度部门整体支出绩效评价报告") == "麦积区供销合作社"


# The provincial 部门整体支出绩效评价基础数据表 with its 部门整体支出预算调整 row, flattened with cells
# split over blank lines (云南 forum repost, heldout4 q001): this year's 预算数 is the initial budget, its
# 决算数 the budget after adjustment.
BASIC_DATA_ADJUSTED = ("附件3: 部门整体支出绩效评价基础数据表 填报单位: 单位:万元 财政供养人员情况 编制数 2018年实际在职人数 控制率\n\n"
                       "50 48 96%\n\n经费控制情况 2017年决算数 2018年预算数 2018年决算数 三公经费 10 12 11\n\n"
                       "政府采购金额 5 6 6 部门整体支出预算调整 800.5 900.5 部门整体支出绩效评价指标表 一级指标 得分\n")


def test_budget_adjustment_row_gives_initial_and_full_year_budget():
    facts = facts_of(BASIC_DATA_ADJUSTED)
    assert (facts["budget_initial"], facts["budget_full_year"]) == (800.5, 900.5)
    assert (facts["staff_authorized"], facts["staff_actual"]) == (50, 48)


def test_a_lone_adjustment_figure_gives_no_budget():
    facts = facts_of(BASIC_DATA_ADJUSTED.replace("800.5 900.5", "100"))
    assert "budget_initial" not in facts and "budget_full_year" not in facts


def test_year_of_the_bodys_dated_events():
    # a report naming no year but the date of its work (heldout4 q020; pool p0239 reads the same way)
    text = ("财政专项扶贫资金绩效自评报告\n一、绩效目标分解下达情况\n年度资金20.5万元,执行率100%。\n"
            "2021年9月8日,某村扶贫茶厂因生产需要扩大规模,改建厂房一间。\n")
    assert report_of(text).fiscal_year == 2021
    two = text + "2022年3月1日,茶厂投产。\n"
    assert report_of(two).fiscal_year is None  # events of two years name none


def test_unit_whose_funds_an_evaluation_covers():
    # a county finance bureau's evaluation of a unit's funds (河南, heldout4 q015)
    text = ("为支持做好动物防疫工作,2021年度省级财政资金共下达我县动物防疫专项补助经费300万元。"
            "按照有关要求,我们对唐河县动物疫病预防控制中心动物防疫专项经费进行了绩效评价,现将评价结果报告如下:\n"
            "一、项目绩效评价工作情况\n")
    assert report_of(text).unit_name == "唐河县动物疫病预防控制中心"
