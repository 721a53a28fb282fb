"""Projects read by the general mechanisms of issue 13: the single project's name and executed
amount, sibling items naming projects, list sentences. Texts are real excerpts of corpus/pool
(file named beside each), shortened."""
from __future__ import annotations

import pytest

from extractor.interpret.projects import extract_projects, project_name_from_title
from extractor.model import Page, RawDocument
from extractor.pipeline import build_report

from .conftest import built_text
from .test_projects import make_report


built = built_text  # the whole pipeline: the single project's amount comes from the facts


def projects_of(report) -> list[tuple[str, float | None]]:
    return [(p.name, p.amount) for p in report.projects]


def single_name(report) -> str | None:
    """The name a single-project report's project takes (whether or not an amount is stated)."""
    from extractor.interpret.projects.single import title_candidates
    names = (project_name_from_title(t, report.unit_name, report.region) for t in title_candidates(report))
    return next((n for n in names if n), None)


def listed(text: str, kind: str = "project") -> list[tuple[str, float | None]]:
    projects, _, _ = extract_projects(make_report(text, kind))
    return [(p.name, p.amount) for p in projects]


# ------------------------------------------------------------------ the single project
def test_a_name_field_on_its_line_names_the_project_as_written():
    # p0221.txt (汨罗 项目基本概况 cover, one cell a line): the title names only the report type
    report = built("汨罗市财政支出项目绩效评价自评报告\n项目名称       低票价运营补贴          \n项目单位       汨罗市城市公共汽车公司\n"
                   "一、项 目 基 本 概 况\n计划安排资金\n(万元)\n89\n实际到位资金\n(万元)\n89\n实际支出\n(万元)\n89\n结余(万元)\n \n")
    assert projects_of(report) == [("低票价运营补贴", 89)]
    [p] = report.projects
    # the cover's cells now read as a form (its 项目名称 field, 实际支出 line): the form names it
    assert p.rule_id in ("projects:form", "projects:single")


def test_the_executed_amount_beats_the_allocation():
    # p0059.txt: 预算2842.5157万元, 已执行支付2668万元 beside its 执行率
    report = built("天津市雪亮工程转移支付2020年度绩效自评报告\n2020年度该项目资金2842.5157万元,已执行支付2668万元,"
                   "全部用于雪亮工程项目建设费用支出,执行率93.86%。\n")
    assert projects_of(report) == [("雪亮工程", 2668)]


@pytest.mark.parametrize("title, name", [
    ("天津市雪亮工程转移支付2020年度绩效自评报告", "雪亮工程"),  # p0059: a province, the kind 转移支付
    ("关于铜梁区转移支付2022年度中央农业生产和水利救灾资金(第八批)绩效自评报告", "中央农业生产和水利救灾资金(第八批)"),  # p0137
    # p0206 without the report's unit: a county is cut only when it is the report's own (below)
    ("名称: 绩溪县特殊教育经费补助转移支付2023年度绩效自评报告", "绩溪县特殊教育经费补助"),
    ("岳阳县财政支出项目绩效评价自评报告", None),  # p0036: a place and generic words
    ("2021年中央食品监管专项转移支付绩效自评报告", "中央食品监管专项转移支付"),  # a transfer's own name keeps 转移支付
])
def test_names_from_titles(title, name):
    assert project_name_from_title(title) == name


@pytest.mark.parametrize("title, name", [
    ("项目综合绩效评价报告", None),  # p0022: an essay site's generic title
    ("-2016年度全面改善义务教育薄弱学校基本办学条件项目专项资金绩效自评报告",  # p0217: a page marker "- 1 -"
     "全面改善义务教育薄弱学校基本办学条件项目"),
    ("12018年度科普宣传经费项目绩效评价自评报告", "科普宣传经费项目"),  # p0209: a doubled page number
    ("我市20xx年度中央补助地方公共文化服务体系建设--全民健身补短板工程项目自评报告",  # p0023: a masked year
     "中央补助地方公共文化服务体系建设--全民健身补短板工程项目"),
    ("保山市隆阳区林业和草原局专项转移支付2022年度绩效自评报告", None),  # only the kind is left
    ("中央新疆特大型地质灾害防治经费2017年度专项转移支付绩效评价报告", "中央新疆特大型地质灾害防治经费"),  # p0203
    ("(略)分林业改革发展资金绩效自评", "分林业改革发展资金"),  # heldout3 k011: a mirror's mask
    ("债券绩效评价报告", None),  # p0184: an essay site's generic title
    ("附件2:合肥市瑶海区农林水务局2022年度项目支出部门评价报告和绩效自评表(共15个)", None),  # p0012: a bundle
    ("我馆20xx年度项目支出绩效自评报告", None),  # p0069: the unit and a masked year
    ("县委党校2022年度整体(项目)支出绩效自评报告", None),  # p0097: the whole department
    ("贵州省民族宗教事务委员会民族工作经费专项资金(2017-2019年度)绩效评价报告", "民族工作经费专项资金"),  # p0120
])
def test_names_from_damaged_and_generic_titles(title, name):
    assert project_name_from_title(title) == name


def test_the_reports_own_county_is_cut_unless_a_town_follows():
    # p0206.txt (绩溪县) and heldout2 g001 (固始县祖师庙镇…社区: the project's place)
    assert project_name_from_title("名称: 绩溪县特殊教育经费补助转移支付2023年度绩效自评报告", "绩溪县教育体育局") == "特殊教育经费补助"
    assert project_name_from_title("固始县祖师庙镇仰天洼社区产业设施配套项目绩效目标自评报告", "固始县祖师庙镇人民政府") \
        == "固始县祖师庙镇仰天洼社区产业设施配套项目"


# ------------------------------------------------------------------ sibling items naming projects
def test_items_naming_projects_under_any_heading():
    # p0067.txt (保山市档案局 2017): two projects under 项目基本情况, each with its allocation
    text = ("保山市档案局2017年度项目绩效自评报告\n一、项目基本情况\n(一)馆藏档案全文数字化转化经费项目\n"
            "该项目自2011年4月启动以来,目前已完成现行档案的数字化加工。争取到市级馆藏档案全文数字化转化经费项目资金42万元,用于更换服务器。\n"
            "(二)馆藏档案日常维护项目\n按照规定每卷(册)2元的标准测算,争取到市级财政资金21.44万元。\n")
    assert listed(text) == [("馆藏档案全文数字化转化经费项目", 42), ("馆藏档案日常维护项目", 21.44)]


def test_an_item_takes_the_money_paid_and_its_name_runs_past_a_comma():
    # p0013.txt (裕民县 2021 重点项目): 下达197万元 ... 实际已支付186.98万元
    text = ("1、哈拉布拉乡南哈拉布拉村农田道路建设项目,铺建砂石路11公里。2021年下达财政专项扶贫资金197万元,"
            "截止到2021年12月31日,实际已支付186.98万元,支付完成率为94.91%。\n"
            "2、哈拉布拉乡北哈拉布拉村村内干道,巷道路面硬化建设项目,已修建村组道路5.7公里。2021年下达资金300万元,"
            "截至2021年12月31日,实际已支付289.14万元,支付完成率为96.38%。\n")
    assert listed(text) == [("哈拉布拉乡南哈拉布拉村农田道路建设项目", 186.98),
                            ("哈拉布拉乡北哈拉布拉村村内干道,巷道路面硬化建设项目", 289.14)]


def test_an_item_heading_with_a_topic_tail():
    # p0143.txt (信访 2021): "(2)信访事务(宣传费)项目绩效目标完成情况综述。项目全年预算数2万元,执行数为2万元"
    text = ("1.项目绩效目标完成情况。\n(2)信访事务(宣传费)项目绩效目标完成情况综述。项目全年预算数2万元,执行数为2万元,完成预算的100%。\n"
            "(3)信访事务(印刷费)项目绩效目标完成情况综述。项目全年预算数5万元,执行数为5万元,完成预算的100%。\n")
    assert listed(text, "department") == [("信访事务(宣传费)", 2), ("信访事务(印刷费)", 5)]


def test_an_item_whose_number_stands_alone_on_its_line():
    # p0143.txt (信访 2021): "(1)" on a line of its own, the project's heading on the next
    text = ("1.项目绩效目标完成情况。\n(1)\n信访补贴项目绩效目标完成情况综述。项目全年预算数2.03万元,执行数为2.03万元,完成预算的100%。\n"
            "(2)信访事务(宣传费)项目绩效目标完成情况综述。项目全年预算数2万元,执行数为2万元,完成预算的100%。\n")
    assert listed(text, "department") == [("信访补贴", 2.03), ("信访事务(宣传费)", 2)]


def test_items_named_after_their_fund_and_a_year():
    # p0197.txt (大坪乡 2021): "1.2021年第一批统筹整合使用财政涉农资金X项目,…已拨付270万元": X is the project
    text = ("(一)项目概况\n1.2021年第一批统筹整合使用财政涉农资金虹鳟鱼鲟鱼养殖基地建设项目,项目实施确保巩固拓展大坪乡脱贫成果。"
            "统筹整合使用财政涉农资金303万元,其中项目管理费3万元,目前项目资金已拨付270万元。\n"
            "2.2021年第一批统筹整合使用财政涉农资金基础设施建设项目,通过项目的实施,提升项目村出行条件。"
            "统筹整合使用财政涉农资金107.13万元,其中项目管理费1.07万元,目前项目资金已拨付106.36万元。\n")
    assert listed(text) == [("虹鳟鱼鲟鱼养殖基地建设项目", 270), ("基础设施建设项目", 106.36)]


def test_an_items_uses_are_not_its_amount():
    # p0110.txt (施甸县图书馆 2023): the amount after the name, not the uses after 主要用于
    text = ("2、项目支出\n(1)免费开放项目支出251384.66元,主要用于办公费支出34000.00元,维修(护)费61200.00元。\n"
            "(2)2023年地方公共文化服务体系建设专项资金项目180200.00元,主要用于办公费支出16128.00元,维修(护)费103872.00元,"
            "其他商品和服务支出15340.20元,用于疫情防控方面。\n")
    assert listed(text, "department") == [("免费开放项目", 25.138466), ("2023年地方公共文化服务体系建设专项资金项目", 18.02)]


def test_a_list_cut_after_its_first_projects_money():
    # p0103.txt: two items name projects; the money of the first sits under its sub-heading (3),
    # the excerpt ends before the second's
    text = ("1.中央和省级政法纪检监察转移支付项目\n(1)项目背景\n经常性项目。\n(2)资金投入和使用情况\n"
            "中央和省级政法纪检监察转移支付全年预算经费73.19万元,全年支出合计43.73万元,预算执行率59.75%。\n"
            "2.交通警察部门公安管理业务费项目\n(1)项目背景\n经常性项目。\n")
    assert listed(text) == [("中央和省级政法纪检监察转移支付项目", 43.73)]


def test_budget_parts_are_no_items():
    text = "1.人员经费\n全年支出人员经费300万元。\n2.公用经费\n全年支出公用经费50万元。\n"
    assert listed(text, "department") == []


def test_one_item_alone_is_no_list():
    text = "(一)馆藏档案日常维护项目\n争取到市级财政资金21.44万元。\n(二)项目绩效\n完成全部任务。\n"
    assert listed(text, "department") == []


def test_money_already_used_is_the_projects_amount():
    # p0024.txt: 总预算36,620万元 (a budget) then 资金已使用36,948.11万元 (spent)
    report = built("公共就业服务能力提升示范项目绩效自评报告\n示范项目总预算36,620万元,经调整后资金的来源为:中央财政补助"
                   "10,000万元。\n截至2024年末,示范项目资金已使用36,948.11万元,其中:中央财政补助资金9,965.68万元。\n")
    assert projects_of(report) == [("公共就业服务能力提升示范项目", 36948.11)]


def test_a_name_statement_beats_a_monitoring_titles_fund():
    # p0117.txt: the title names the fund (…补助资金项目绩效监控总结报告); the body states 项目名称为…
    report = built("西平县民族宗教局 2022年财政衔接推进乡村振兴补助资金项目绩效监控总结报告\n"
                   "文件,项目名称为2022年西平县蔡寨乡蔡寨村养殖业基地建设项目,项目总投资39.2696万元,其中:中央财政衔接资金39万元。\n")
    [(name, amount)] = projects_of(report)
    assert name.endswith("蔡寨乡蔡寨村养殖业基地建设项目") and amount == 39.2696


@pytest.mark.parametrize("cell, unit, name", [
    ("2018年度少数民族工作专项经费", "湘西州民族宗教事务局", "少数民族工作专项经费"),  # p0122: the report year
    ("湖北工程学院年学生资助项目", "湖北工程学院", "学生资助项目"),  # p0031: the unit, a year without digits
    ("湖北工程学院", "湖北工程学院", "湖北工程学院"),  # nothing would be left: kept whole
    ("2021年中央食品监管专项转移支付", None, "2021年中央食品监管专项转移支付"),  # a central fund keeps its year
])
def test_a_form_name_without_the_report_year_and_unit(cell, unit, name):
    from extractor.interpret.projects.forms import form_projects
    from extractor.model import Form
    [p] = form_projects([Form(index=0, project_name=cell)], unit_name=unit)
    assert p.name == name


def test_a_name_cell_between_pipe_lines_names_the_project():
    # p0135.txt: an embedded 项目支出绩效目标申报表 one cell a line with "|" lines between cells
    report = built("(6)年度预算安排:2279.048 万元。\n项目支出绩效目标申报表\n(2024 年度)\n项目名称\n|\n"
                   "国家基本公共卫生服务项目\n|\n主管部门及代码\n|\n|\n实施单位\n|\n卫健委\n|\n")
    assert [name for name, _ in projects_of(report)] == ["国家基本公共卫生服务项目"]


def test_a_whole_department_form_names_no_project():
    # p0208.txt: the 项目名称 cell of a department's whole-unit monitoring form
    from extractor.interpret.projects.forms import form_projects
    from extractor.model import Form
    assert form_projects([Form(index=0, project_name="重庆市忠县科学技术协会整体监控")]) == []


def test_a_purchase_sum_is_not_the_projects_amount():
    # heldout3 k020: 资金总额1002.6万元 (the stated total) against 应采购金额650.31万元 (a purchase)
    report = built("重大公共卫生服务及重大传染病防治绩效自评报告\n资金总额及构成总额1002.6万元,其中:中央726.7万元。\n"
                   "是否实施政府采购及金额√是□否\n应采购金额650.31万元实际采购金额650.31万元。\n")
    assert projects_of(report) == [("重大公共卫生服务及重大传染病防治", 1002.6)]


def test_a_page_chunk_title_with_its_name_in_brackets():
    # p0187.txt: a document-sharing mirror's chunk "1、" opens the title, glued to the body, the
    # project named in brackets after it
    report = built("项目支出绩效评价自评报告.docx\n1、2021年项目支出绩效评价自评报告(2021年州级文化和旅游发展专项资金)"
                   "一、项目概况(一)项目资金申报及批复情况为进一步加强文化和旅游业发展,经我局向州政府申请资金。\n")
    assert single_name(report) == "2021年州级文化和旅游发展专项资金"


@pytest.mark.parametrize("sentence, name", [
    ("******街道对2025年中央农村综合性改革转移支付资金绩效目标实施情况开展自评,并形成绩效自评报告。", "中央农村综合性改革转移支付资金"),  # p0020
    ("我厅成立绩效评价工作组,对2023年度湖南省中小企业发展专项资金管理使用情况开展绩效评价。", "中小企业发展专项资金"),  # p0139
    ("我局对2021年预算批复的15个项目进行了绩效评价。", None),  # p0160: a count of projects
])
def test_the_evaluations_object_names_the_project(sentence, name):
    assert single_name(built(sentence + "\n一、基本情况\n")) == name


def test_money_handed_out_beats_the_allocation():
    # synthetic, after the 发放 sentences of pool single-project reports: 下达…资金 (a budget) then
    # 实际发放 (spent)
    report = built("2022年度城乡困难群众临时救助资金绩效自评报告\n下达临时救助资金60万元。\n全年实际发放52.8万元,惠及群众320户。\n")
    assert projects_of(report) == [("城乡困难群众临时救助资金", 52.8)]


def test_the_project_rows_of_a_basic_data_grid():
    # p0096.txt (益阳市总工会): the 湖南 基础数据表's 专项资金 rows, one project a row, columns
    # 2021年决算数 | 2022年预算数 | 2022年决算数: each project takes this year's final figure
    from extractor.interpret.projects.forms import form_projects
    from extractor.model import Form, FormValue

    def row(line, parent, *vals):
        roles = [("final", 2021, "prior"), ("budget", 2022, "current"), ("final", 2022, "current")]
        return [FormValue(form=0, block="spending", line=line, role=r, value=x, unit="万元", parent=parent,
                          year=y, period=p) for (r, y, p), x in zip(roles, vals)]
    values = (row("专项资金", "项目支出", 500, 500, 500) + row("春节向困难职工送温暖慰问资金", "专项资金", 300, 300, 300)
              + row("职工帮扶专项补助", "专项资金", 195.14, 149.2, 149.2) + row("公车运行维护", "三公经费", 3.33, 7, 2.74))
    projects = form_projects([Form(index=0, values=values)])
    assert [(p.name, p.amount) for p in projects] == [("春节向困难职工送温暖慰问资金", 300), ("职工帮扶专项补助", 149.2)]


def test_the_project_opening_its_description_names_it():
    # heldout h009 (no title): the first sentence under 项目基本情况 opens with the project
    report = built("一、项目基本情况\n大保高速老营至板桥段改线工程起于隆阳区瓦窑镇老营村北侧,起点顺接G56杭瑞高速。\n"
                   "二、项目资金情况\n下达资金200.00万元,实际支出项目资金200.00万元,执行率100%。\n")
    assert projects_of(report) == [("大保高速老营至板桥段改线工程", 200)]


def test_the_allotment_to_the_unit_naming_its_work():
    # p0023.txt: no execution figure; 下达我市<work>160万元 is the project's stated money
    report = built("我市2020年度中央补助地方公共文化服务体系建设--全民健身补短板工程项目绩效自评报告\n"
                   "一、绩效目标分解下达情况\n《关于下达资金预算的通知》文件下达我市全民健身场地器材补短工程160万元,"
                   "按每个街道(乡镇)20万元标准核定。\n")
    assert [a for _, a in projects_of(report)] == [160]


# ------------------------------------------------------------------ list sentences
def test_a_list_sentence_closed_by_its_total_speaks_for_the_items():
    # p0144.txt (六安市信访局 2023): the list names them; the numbered items restate them
    text = ("二、部门预算支出情况\n2023年共安排支出项目4个,即驻京驻肥工作组经费120万元、信访接待矛盾纠纷排查59万元、"
            "人民调解委员10万元、市本级涉法涉诉救助资金30万元,共219万元,具体项目情况说明如下:\n"
            "1.驻京驻肥工作组项目120万元,主要用于接劝返。\n2.市本级涉访救助资金项目30万元主要用于救助。\n")
    assert listed(text) == [("驻京驻肥工作组经费", 120), ("信访接待矛盾纠纷排查", 59), ("人民调解委员", 10),
                            ("市本级涉法涉诉救助资金", 30)]


def test_a_list_may_add_up_to_the_largest_total_of_its_head():
    # p0162.txt (红河州人社局 2023): the items add up to neither 年初预算数 nor 支出数, below the larger
    text = ("我局2023年项目支出共13个,年初预算数100万元,支出数60万元,包括:城乡居民养老保险州级财政配套专项资金37万元、"
            "高校毕业生就业见习生活补助经费29.6万元。\n")
    assert listed(text) == [("城乡居民养老保险州级财政配套专项资金", 37), ("高校毕业生就业见习生活补助经费", 29.6)]


# ------------------------------------------------------------------ known misses
def test_a_year_after_a_region_opens_only_a_central_funds_title():
    # p0188.txt, p0189.txt: the report's year; heldout2 g009: a central fund's title keeps it
    assert project_name_from_title("称: 埇桥区2021年省级旅游发展资金绩效自评报告") == "省级旅游发展资金"
    assert project_name_from_title("五华区2023年高标准农田建设项目重点绩效评价报告摘要") == "高标准农田建设项目"
    assert project_name_from_title("附件3四川省汶川县2021年中央食品监管专项转移支付绩效自评报告") == "2021年中央食品监管专项转移支付"


def test_a_transfer_template_heading_names_the_fund():
    # p0127.txt (广西 2022 水污染防治资金): no title, the MoF template's heading names the fund
    text = ("一、绩效目标分解下达情况\n(一)中央下达广西水污染防治资金预算和区域绩效目标情况\n"
            "2022年6月28日收到财政部通知,下达广西水污染防治资金共41470万元,其中第一批资金31374万元。\n")
    assert listed(text) == [("水污染防治资金", 41470)]


def test_a_budget_sentence_names_the_project():
    # p0141.txt (腾冲 孤儿补助): no title; the executed amount is the 决算 spending
    report = built("一、自评结论\n(二)绩效目标完成情况\n1.执行率情况\n腾冲市孤儿补助资金项目总预算458.96万元,"
                   "2022年决算财政资金支出458.96万元。\n")
    assert projects_of(report) == [("腾冲市孤儿补助资金项目", 458.96)]
    # d001 (dev): a budget word is no name
    assert listed("调整预算后项目预算861.46万元。\n") == []


def test_table_rows_name_projects():
    # p0182.txt (三门县 2024 专项债券): a " | " table, the money column's unit in its header
    text = ("单位:亿元\n序号 | 主管部门 | 项目单位 | 项目名称 | 发行金额(亿元) | 评价得分 |\n"
            "1 | 三门县住房和城乡建设局 | 三门县市政公用工程建设事务中心 | 三门县城镇污水处理设施建设工程 | 0.4 | 87 |\n"
            "2 | 三门县住房和城乡建设局 | 三门县市政公用工程建设事务中心 | 三门县石羊溪水质提升工程 | 1.36 | 91 |\n")
    assert listed(text) == [("三门县城镇污水处理设施建设工程", 4000), ("三门县石羊溪水质提升工程", 13600)]
    # a spending column wins over the budget; the unit may stand on a line above; totals are no rows
    text = ("单位:万元\n项目名称 | 预算数 | 执行数 |\n乡村道路养护 | 300 | 280.5 |\n危桥改造 | 120 | 118 |\n"
            "合计 | 420 | 398.5 |\n")
    assert listed(text, "department") == [("乡村道路养护", 280.5), ("危桥改造", 118)]
    # one row is no list; a header without a unit names no money
    assert listed("项目名称 | 预算数(万元) |\n乡村道路养护 | 300 |\n") == []
    assert listed("项目名称 | 预算数 |\n乡村道路养护 | 300 |\n危桥改造 | 120 |\n") == []


def test_table_one_cell_a_line():
    # p0180: a project table one cell a line, its rows one cell short of the header (the blank 自评等级)
    text = ("单位:亿元\n\n项目名称\n\n债券性质\n\n截至2023年底已发债券规模\n\n自评分数\n\n自评等级\n\n"
            "绍兴二院兰亭院区(康复医院)工程\n\n其他项目收益专项债券\n\n0.2\n\n96.5\n\n"
            "绍兴市柯桥区马鞍医院建设工程\n\n其他项目收益专项债券\n\n1.0\n\n92\n")
    assert listed(text) == [("绍兴二院兰亭院区(康复医院)工程", 2000), ("绍兴市柯桥区马鞍医院建设工程", 10000)]


def test_two_projects_of_one_title():
    text = ("山西省中央彩票公益金支持中小学乡村教师能力提升培训项目和改善普通高中办学条件项目2020年度绩效自评报告\n"
            "2020年,省财政厅安排中央彩票公益金支持中小学乡村教师能力提升培训专项资金5000万元,主要支持培训项目;"
            "支持改善普通高中办学条件专项资金1500万元,主要支持附属设施建设。\n")
    # p0171: the title names two projects (A项目和B项目), their allocations follow their names in one
    # sentence. (The first loses 中小学, cut as an organisation from the title: the gold's
    # 中小学乡村教师能力提升培训项目 still matches at the scorer's 0.85.)
    assert listed(text) == [("乡村教师能力提升培训项目", 5000), ("改善普通高中办学条件项目", 1500)]


# ------------------------------------------------------------------ provenance
def test_every_fact_and_project_carries_its_rule_span_and_page():
    # two pages: the second holds the project's figures (p0108.txt, 共青团武威市委 2020)
    pages = [Page(1, "共青团武威市委2020年度项目支出绩效评价自评报告\n一、单位基本情况\n现有事业编制(参公)11名。"),
             Page(2, "三、项目资金使用及管理情况\n1.青少年管理事务工作经费。该项目财政拨入资金30万元,支出资金30万元。\n"
                     "2.共青团武威市第四次代表大会费用。该项目财政拨入资金30万元,支出资金30万元。\n")]
    report = build_report(RawDocument(path="x.txt", format="txt", pages=pages))
    assert report.projects and report.facts
    for p in report.projects:
        assert p.rule_id and p.rule_id.startswith("projects:") and p.page == 2
        assert report.text[p.start:p.end].startswith(p.name[:2]) or p.name in report.text[p.start:p.end]
    for f in report.facts:
        if f.derived:
            continue
        assert f.rule_id and f.source in ("form", "table", "prose")
        assert report.text[f.start:f.end].startswith(f.label) and f.page == report.page_at(f.start)
    assert {f.key: f.page for f in report.facts}["staff_authorized"] == 1


def test_clauses_after_a_count_of_projects_speak_for_them():
    # p0046.txt (法院 2018): the 项目支出 breakdown after 其中 is not the project list; the clauses
    # after "共有8个支出项目" are, each with its spent amount
    text = ("2.项目支出2604.1万元,其中:案件审判414.35万元;案件执行6.25万元;“两庭”建设411.27万元;其他法院支出1772.23万元。\n"
            "我院2018年共有8个支出项目,所有项目皆按照年初预算执行。其中,法院执行年初预算数6万元,年末结算支出6万元,"
            "项目资金支出进度比率为100%;案件审判411.95万元,年末结算支出411.95万元,项目资金支出进度比率为100%;"
            "两庭及装备更新维护195.00万元,年末结算支出195万元,项目资金支出进度比率为100%;信息系统")
    assert listed(text, "department") == [("法院执行", 6), ("案件审判", 411.95), ("两庭及装备更新维护", 195)]


def test_clauses_without_a_count_of_projects_are_no_project_list():
    # the same clauses after a plain spending total are a breakdown (inline.py decides), not clauses
    text = ("全年实际支出612.95万元,其中,法院执行年初预算数6万元,年末结算支出6万元,项目资金支出进度比率为100%;"
            "案件审判411.95万元,年末结算支出411.95万元,项目资金支出进度比率为100%。\n")
    assert [p for p in listed(text, "department") if p[0] == "法院执行"] == []
