"""Projects listed after a cue that the money is split into projects (projects:cued_list), the
project named by its allotment sentence (projects:single_allotted), and the audit's flags. Texts
are real excerpts of corpus/pool (file named beside each), shortened."""
from __future__ import annotations

from .conftest import built_text, load_script


audit = load_script("projects_audit", "bench")


built = built_text


def projects_of(report) -> list[tuple[str, float | None, str]]:
    return [(p.name, p.amount, p.rule_id) for p in report.projects]


P0195 = (
    "一、绩效目标分解下达情况\n"
    "(二)金寨县麻埠镇人民政府2023年度下达上级资金转移支付755.19万元。其中:中央级资金转移支付124.23万元,"
    "省级资金转移支付370.83万元,市级资金260.3万元,资金共分为10个项目,转移支付绩效目标设置根据10个项目实施情况设置。\n"
    "二、绩效目标完成情况分析\n(一)资金投入情况分析。\n"
    "1.金寨县麻埠镇人民政府2023年度下达中央级资金转移支付755.19万元。省级资金转移支付124.23万元,为桂花村美丽乡村建设"
    "25万元,对村集体组织帮助0.71万元,麻埠镇鲜花岭水毁河堤维修加固工程100万元,2023年度农村改厕项目资金(皖财农〔2022〕"
    "1115号)21.24万元;市级资金260.3万元,为奖励督查10万元,安徽省大别山区水环境生态补偿资金250万元等。\n"
)


def test_a_list_after_a_count_of_projects_names_them():
    # p0195: the subtotals a piece breaks down (省级…124.23万元,为…) are no items; document number
    # and 资金 after 项目 are cut from the names, the year the text writes before a name stays (as the
    # gold of p0246/p0265 copies it; p0195's own gold drops it: a known convention conflict)
    got = [(n, a) for n, a, _ in projects_of(built(P0195))]
    assert got == [("桂花村美丽乡村建设", 25), ("对村集体组织帮助", 0.71), ("麻埠镇鲜花岭水毁河堤维修加固工程", 100),
                   ("2023年度农村改厕项目", 21.24), ("奖励督查", 10), ("安徽省大别山区水环境生态补偿资金", 250)]
    report = built(P0195)
    for p in report.projects:
        assert p.rule_id == "projects:cued_list"
        assert p.name.replace("资金", "")[:4] in report.text[p.start:p.end]


def test_without_a_cue_a_breakdown_is_no_list():
    # heldout h007's shape: a fund broken down by work type, no count of projects
    text = ("下达**河县2023年中央水利发展资金2263万元。其中:中小河流治理工程1435万元,小型水库工程维修养护25万元,"
            "农村饮水工程维修养护55万元。\n")
    assert all(p.rule_id != "projects:cued_list" for p in built(text).projects)


P0133 = (
    "1.项目资金到位情况分析。\n"
    "2022年度上级安排隆阳区林业生态保护恢复资金4871.71万元,应到位4871.71万元,实际到位1696.76万元,到位率34.83%。"
    "分项目如下:①森林防火专业队能力建设补助应到位68万元,实际到位21万元,到位率30.88%;②贫困人口生态护林员项目应到位"
    "1605万元,实际到位1604.75万元,到位率100%;③草原生态修复治理补助应到位240万元,实际到位71.01万元,到位率30%。\n"
    "2.项目资金执行情况分析。\n"
    "目前共支付资金1696.76万元,资金执行率34.83%。\n"
    "分别项目为①森林防火专业队能力建设补助购买森林防火物资支付21万元,资金执行率30.88%;②贫困人口生态护林员项目1605万元,"
    "资金执行率100%;③草原生态修复治理补助支付71.01万地,资金执行率30%。\n"
)


def test_items_take_the_money_received_then_the_money_spent_restated_under_execution():
    # p0133: 实际到位 before 应到位; the list restated under "项目资金执行情况" gives the spending
    got = [(n, a) for n, a, _ in projects_of(built(P0133))]
    assert got == [("森林防火专业队能力建设补助", 21), ("贫困人口生态护林员项目", 1605), ("草原生态修复治理补助", 71.01)]


def test_the_allotment_sentence_names_a_project_without_a_title():
    # p0076: the excerpt opens at 一、项目基本情况; the allotment names the project and its money
    # (9925 is the whole station's added investment, larger than the allotment: not this project's)
    text = ("一、项目基本情况\n保山市应承担保山站站房扩大规模增加投资共9925万元,还需拨付325万元,市级预算安排80%计260万元。\n"
            "二、项目绩效实现情况\n1.项目资金到位情况\n根据《保山市财政局关于2021年部门预算的批复》(保财建〔2021〕6号),"
            "市财政下达市交通运输局保山站房规模扩大工程建设经费260万元。\n")
    report = built(text)
    report.report_kind = report.report_kind or "project"
    assert projects_of(report) == [("保山站房规模扩大工程建设经费", 260, "projects:single_allotted")]


def test_a_budget_total_larger_than_the_allotment_is_not_its_amount():
    # p0027: 批复我局项目支出160万元 is the unit's whole project spending; the project got 10万元
    text = ("一、项目基本情况\n开展农村环境综合整治工作。\n三、项目绩效实现情况\n(一)项目资金情况\n"
            "1.项目资金到位情况。批复我局项目支出160万元,其中包含农村环境综合整治项目经费10万元。\n")
    assert [(n, a) for n, a, _ in projects_of(built(text))] == [("农村环境综合整治项目", 10)]


def test_the_audit_flags_fragments_and_passes_names():
    flags_of = audit.flags_of
    assert flags_of("与新能源公交车运营补助资金") == ["cut"]
    assert flags_of("发布时间:2022-04-29") == ["punctuation", "chrome"]
    assert flags_of("一、项目基本情况") == ["heading"]
    assert flags_of("保山站房规模扩大工程建设经费") == []


def test_the_guard_passes_every_gold_name_and_refuses_chrome():
    # the development gold's project names (pool, heldout 1-3) all read as names
    import json

    from extractor.interpret.projects.guard import name_refused

    from .conftest import CORPUS
    names = [p["name"] for d in ("pool", "heldout", "heldout2", "heldout3")
             for f in sorted((CORPUS / d / "gold").glob("*.json"))
             for p in json.loads(f.read_text(encoding="utf-8")).get("projects") or []]
    assert len(names) > 150
    assert [n for n in names if name_refused(n)] == []
    assert name_refused("发布时间:2022-04-29 14:59 浏览次数")
    assert name_refused("一、项目基本情况")
    assert name_refused("项目实施。我局已完成")


def test_a_title_fragment_takes_the_funds_name_before_its_money():
    # p0219: the title lost 节能 before 与; the body names the fund before its 15,244万元
    text = ("海南2021年度与新能源公交车运营补助资金转移支付绩效自评报告\n\n"
            "  20201030日,财政部提前下达我2021年度节能与新能源公交车营运补助资金15,244万元20201225日,"
            "省财政厅提前将资金下达相关市县,截止20211231日,补贴资金全部发放到相关企业。\n")
    assert [(n, a) for n, a, _ in projects_of(built(text))] == [("节能与新能源公交车营运补助资金", 15244)]


def test_a_fund_grid_names_its_projects_with_the_money_spent():
    # the transfer grid's synonyms of 项目名称 (资金名称) and of its money columns (下达, 执行)
    text = ("二、资金执行情况\n单位:万元\n序号 | 资金名称 | 下达金额 | 执行金额 | 执行率 |\n"
            "1 | 农村公路养护资金 | 120 | 118.5 | 98.75% |\n2 | 危桥改造资金 | 80 | 80 | 100% |\n合计 | | 200 | 198.5 | |\n")
    got = projects_of(built(text))
    assert got == [("农村公路养护资金", 118.5, "projects:table"), ("危桥改造资金", 80, "projects:table")]


def test_a_title_naming_only_the_unit_and_the_kind_gives_way_to_the_fund():
    # the blind sets' shape (counted, not read): the title's 残联中央转移支付 names the unit and the
    # kind; the text names the programme before its money
    text = ("2021年残联中央转移支付绩效自评报告\n一、基本情况\n2021年省财政厅下达我县2021年残疾人事业发展补助资金"
            "50万元,已全部执行。\n")
    [(name, amount, _)] = projects_of(built(text))
    assert name == "残疾人事业发展补助资金" and amount == 50


def test_a_kind_only_title_stays_when_the_text_names_no_fund():
    text = "2021年残联中央转移支付绩效自评报告\n一、基本情况\n项目资金共50万元,实际支出50万元。\n"
    assert [(n, a) for n, a, _ in projects_of(built(text))] == [("残联中央转移支付", 50)]


def test_a_cue_counting_one_project_takes_the_one_item_after_it():
    # heldout3 k005: 共有1个项目 … 其中:X 46.00万元; the clause before (批复了绩效目标,项目金额…) is no name
    text = ("二是项目绩效自评情况。我单位共有 1 个项目批复了绩效目标,项目金额 46.00 万元。其中: 河湖水系闸坝工程运行维修经费"
            " 46.00 万元。\n")
    assert [(n, a) for n, a, _ in projects_of(built(text))] == [("河湖水系闸坝工程运行维修经费", 46)]


def test_a_line_of_marked_items_names_projects():
    text = ("三、项目实施情况\n全年共实施项目两项:一是实施农村公路建设项目,完成投资120万元;二是危桥改造项目,实际支出80万元。\n")
    assert projects_of(built(text)) == [("农村公路建设项目", 120, "projects:marked_list"),
                                        ("危桥改造项目", 80, "projects:marked_list")]


def test_marked_budget_parts_are_no_list():
    text = "一、部门支出情况\n全年支出200万元:一是人员经费120万元;二是公用经费30万元;三是业务工作经费50万元。\n"
    # (an all-project line would list 业务工作经费; the 人员经费 and 公用经费 items make it a breakdown)
    assert all(p.rule_id != "projects:marked_list" for p in built(text).projects)


def test_a_project_report_stating_money_lists_its_project_even_when_its_amount_is_unclear():
    # p0102's shape: the title names the project, the money is stated but none is labelled as its own
    title = "中央转移支付2023年残疾人事业发展(中央专项彩票公益金)补助资金项目绩效自评报告\n"
    text = title + "一、项目基本情况\n用于残疾人康复及评定补贴1.065万元,五个一文化进家庭2.1万元。\n"
    report = built(text)
    report_kind = report.report_kind
    assert report_kind == "project"
    assert [(n, a) for n, a, _ in projects_of(report)] == [("残疾人事业发展(中央专项彩票公益金)补助资金项目", None)]


def test_a_project_report_stating_no_money_or_only_a_rate_lists_none():
    # dev d010 / heldout h019: no money, or only a per-person rate (资助标准为4000元/人): no project
    title = "南宁市困难大学新生入学补助项目绩效自评报告\n"
    assert projects_of(built(title + "一、项目概况\n资助标准为4000元/人,2018年共资助1150人。\n")) == []
    assert projects_of(built(title + "一、项目概况\n项目按时完成。\n")) == []


def test_quoted_names_with_their_money_in_brackets_are_projects():
    # p0128: no title; the fund is passed on to projects named in quotes, each with its money
    text = ("一、绩效目标分解下达情况\n我市于2023年1月6日将该笔资金下拨至乌拉特前旗,用于实施“内蒙古乌拉山化肥厂有限公司地块"
            "土壤污染状况初步调查项目”(723万元)和“乌拉特前旗蓿亥滩污水暂存池应急工程地块土壤污染状况初步调查项目”(577万元)。\n")
    assert projects_of(built(text)) == [
        ("内蒙古乌拉山化肥厂有限公司地块土壤污染状况初步调查项目", 723, "projects:quoted_list"),
        ("乌拉特前旗蓿亥滩污水暂存池应急工程地块土壤污染状况初步调查项目", 577, "projects:quoted_list")]


def test_a_name_heading_with_the_name_on_the_next_line():
    # p0055 (a 福彩公益金 notice): the allotting document and its verb before the name are cut
    text = ("一、项目信息\n(一)项目名称\n穗财保〔2022〕129号提前下达中央财政中央集中彩票公益金支持社会福利事业专项资金\n"
            "(二)项目主要内容\n孤儿助学。\n(四)资金额度\n2024年项目结余为1.8万元,实际转移支付1.5万元,结余额度0.3万元。\n")
    assert [(n, a) for n, a, _ in projects_of(built(text))] == [("中央财政中央集中彩票公益金支持社会福利事业专项资金", 1.5)]


def test_an_allotted_fund_names_the_project_but_a_funding_source_does_not():
    # p0121: no title; the province's allotment names the fund
    text = ("一、基本情况\n(一)项目资金安排情况。2020年省级财政安排少数民族发展资金共2亿元,于2019年11月30日提前下达。\n")
    assert [(n, a) for n, a, _ in projects_of(built(text))] == [("少数民族发展资金", 20000)]
    text = "一、基本情况\n(一)项目资金安排情况。2020年县财政下达中央财政资金共200万元。\n"
    assert projects_of(built(text)) == []


def test_a_fund_as_the_subject_of_a_project_spending_section():
    # p0223 (a department report): the fund under (二)项目支出 with what it spent; the same shape
    # under (一)基本支出 is the unit's basic money, no project
    text = ("(一)基本支出\n2016年安排我处基本支出经费85.33万元。我处社会福利事业资金,全部用于我处人员工资福利支出82.71万元。\n"
            "(二)项目支出\n我处殡葬执法工作经费,全部用于我处人员工资福利支出12.56万元、其他支出20万元,实际支出51.77万元。\n"
            "(三)项目组织实施情况\n")
    assert projects_of(built(text)) == [("殡葬执法工作经费", 51.77, "projects:section_subject")]


def test_a_titles_shortened_name_gives_way_to_the_fuller_form_the_text_writes():
    # heldout h010: the title says 乡村道路项目, the form's cells 乡村道路建设养护项目 (twice)
    text = ("广水市交通运输局2021年度乡村道路项目自评表\n单位领导审签: 乡村道路建设养护项目 项目属性\n"
            "项目年度目标1:乡村道路建设养护项目完成。全年实际支出309万元。\n")
    assert [(n, a) for n, a, _ in projects_of(built(text))] == [("乡村道路建设养护项目", 309)]
    once = text.replace("项目年度目标1:乡村道路建设养护项目完成。", "")  # written once: not sure enough
    assert [n for n, _, _ in projects_of(built(once))] == ["乡村道路项目"]


def test_a_list_items_spending_stated_after_its_budget_is_its_amount():
    text = ("资金共分为2个项目:农村公路养护项目预算120万元,实际支出118.5万元,危桥改造项目预算80万元,实际支出80万元。\n")
    assert [(n, a) for n, a, _ in projects_of(built(text))] == [("农村公路养护项目", 118.5), ("危桥改造项目", 80)]


def test_with_no_title_name_the_fund_before_the_money_names_the_project():
    # p0194: the title names only the township and the kind; the fund before the money names it
    text = ("忠县金声乡人民政府转移支付2022年度绩效自评报告\n\n一、绩效目标分解下达情况\n\n"
            "2022年金声乡收到中央、市级下达农村综合改革转移支付预算共计50万元,主要用于村级集体经济发展。\n")
    assert projects_of(built(text)) == [("农村综合改革转移支付", 50, "projects:single_fund")]


def test_a_transfer_named_as_the_text_names_its_fund():
    # heldout3 k002's shape: "…专项转移支付" where the text also writes "…资金"
    text = ("一、基本情况\n中央农业生产发展资金用于糖料蔗良种推广。\n"
            "2021年中央下达我区农业生产发展专项转移支付预算共计463142万元。\n")
    [(name, amount, rule)] = projects_of(built(text))
    assert (name, amount) == ("农业生产发展资金", 463142)
