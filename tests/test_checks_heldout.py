"""Checks on real excerpts of the retired held-out sets (corpus/heldout6, heldout7, heldout8; quoted
here) through the whole pipeline, each with a counterexample: the inconsistency their findings gold
names is found, and the layout that made a false finding makes none."""
from __future__ import annotations

from .conftest import findings_of as rules
from .conftest import run_excerpt as run


# ----------------------------------------------------------------------------- in-line lists
S009_LIST = ("年度主要 工作内容 |\n1.完成全年度公益培训20场。 2.开展数字文化服务,公共文化场馆实行全年免费开放, "
             "3.完成传统文化进校园,进景区、进乡村、进机关、进工地。 4、完成送文化下乡20场次、组织开展大型群众文化活动4场次。 |\n")


def test_a_list_item_after_a_comma_is_no_skip(tmp_path):
    """heldout7 s009: "3." follows a comma (the list reader takes items after a sentence end only), so
    "4、" after "2." skips nothing; the same list without its 3 does."""
    assert rules(run(tmp_path, S009_LIST), "section_numbering") == []
    gapped = S009_LIST.replace("3.完成传统文化进校园", "完成传统文化进校园")
    [f] = rules(run(tmp_path, gapped), "section_numbering")
    assert "跳过了编号" in f.message and "应为“3、”" in f.message


# ----------------------------------------------------------------------------- execution rates
T001 = ("一、基本情况\n\n  我单位2017年专项事业费预算金额54.41万元,预算下达54万元,预算执行率99.25%。\n\n"
        "二、绩效自评工作开展情况\n\n  我单位组织财务科室及业务科室相关人员开办专题会议,制订绩效自评工作方案。\n\n"
        "四、绩效目标实现情况分析\n\n  1.项目资金到位情况分析:该项目资金2017年预算金额54.41万元,实际预算下达54万。\n\n"
        "  2.项目资金执行情况分析:该项目资金实际执行43.65万元,尚余10.35万元未支付。\n")


def test_a_rate_beside_its_budgets_against_the_one_amount_spent(tmp_path):
    """heldout8 t001: the sentence of 预算执行率99.25% gives the budgets (54.41, 54) and no spending; the
    report's one executed amount (43.65, paragraphs later) makes 80.8% of 54: 99.25% is 下达 ÷ 预算."""
    [f] = rules(run(tmp_path, T001), "execution_rate_mismatch")
    assert f.actual == 99.25 and "43.65" in f.message and f.severity == "error"
    # the same report stating the rate the amounts make: nothing
    assert rules(run(tmp_path, T001.replace("99.25%", "80.83%")), "execution_rate_mismatch") == []


def test_a_rate_whose_sentence_holds_an_amount_of_no_role_is_not_judged_elsewhere(tmp_path):
    """heldout7 s002: "结转资金合计680.315万元,实际全年执行预算资金合计233.64万元,预算执行率34.3%": 680.315 has no
    role and 233.64 (read as a budget) is the executed amount itself; the rate is right (233.64 ÷ 680.315)."""
    text = ("2024年结转2023年水稻集中育秧设施建设项目资金合计680.315万元,全年预算执行数合计233.64万元。预算执行率34.3% 。\n"
            "水稻集中育秧设施建设项目全年预算结转资金合计680.315万元,实际全年执行预算资金合计233.64万元,预算执行率34.3%。\n")
    assert rules(run(tmp_path, text), "execution_rate_mismatch") == []


S005_CLAIM = ("2024年省、市、区预算安排下达的财政示范创建专项资金共计2373.51万元,执行率100%。目前已基本完成当年度任务。"
              "全区采取先建设后申请补助的方式,目前已拨付财政补助资金1002.2739万元,其余正在完善材料申请拨付,实际支出率42.22%。\n")


def test_a_full_execution_rate_against_a_low_spending_rate(tmp_path):
    """heldout7 s005: "执行率100%" is a claim of full execution that the report's own 实际支出率42.22%
    contradicts; a rate of 100% of money arrived (到位执行率) or a spending rate above the limit does not."""
    [f] = rules(run(tmp_path, S005_CLAIM), "claim_contradicted")
    assert "执行率100%" in f.message and "42.22%" in f.message
    assert [e["label"] for e in f.evidence] == ["执行率100%", "支出率42.22%"]
    assert rules(run(tmp_path, S005_CLAIM.replace("42.22%", "92.22%")), "claim_contradicted") == []
    assert rules(run(tmp_path, S005_CLAIM.replace(",执行率100%", ",资金到位执行率100%")), "claim_contradicted") == []


# ----------------------------------------------------------------------------- indicators in prose
S016 = ("(二)绩效目标完成情况\n\n1.产出指标完成情况\n\n数量指标:年度免费开放服务天360天,指标完成率100%;"
        "年度免费开放服务25万人次,指标完成率100%。\n\n2.效益指标完成情况\n\n服务市民阅读需求有效提高,指标完成率100%。\n\n"
        "3.满意度指标完成情况\n\n读者满意度调查好评率90%,指标完成率99.14%。\n\n(三)存在的问题和原因分析\n")


def test_an_indicator_completed_in_part(tmp_path):
    """heldout6 s016: an indicator whose completion rate the prose states at 99.14% is met in part (info);
    those at 100% are met. A full execution rate is no claim a missed goal contradicts."""
    [f] = rules(run(tmp_path, S016), "goal_not_met")
    assert (f.severity, f.actual) == ("info", 99.14) and "“读者满意度调查好评率”" in f.message
    assert rules(run(tmp_path, S016.replace("99.14%", "100%")), "goal_not_met") == []
    assert rules(run(tmp_path, "项目预算执行率100%。\n" + S016), "claim_contradicted") == []


# ----------------------------------------------------------------------------- a table's total row
S005_TABLE = ("二、项目支出明细情况 | ||||||||||\n支出内容(经济科目) | 计划支出数(万元) | 实际支出数(万元) | ||||||||\n"
              "文化活动经费(文广旅体局) | 166.16 | 129.05 | ||||||||\n广电低保工程补助 | 80.00 | 62.54 | ||||||||\n"
              "非物质文化保护经费 | 100.00 | 98.21 | ||||||||\n应急广播建设工程运维补助资金 | 206.77 | 206.77 | ||||||||\n"
              "乡镇文化站免费开放补助 | 73 | 73 | ||||||||\n乡镇图书分馆运行保障经费 | 41.40 | 41.40 | ||||||||\n"
              "送书下乡经费 | 87.40 | 87.40 | ||||||||\n图书馆免费开放专项补助 | 50.00 | 49.95 | ||||||||\n"
              "编外用工人员经费 | 24 | 24 | ||||||||\n文化活动经费(文化馆) | 141.93 | 139.21 | ||||||||\n"
              "文化馆免费开放专项补助 | 50.00 | 41.16 | ||||||||\n文化馆分馆运行保障经费 | 18.00 | 18.00 | ||||||||\n"
              "农村电影公益放映补助资金 | 49.34 | 49.34 | ||||||||\n支出合计 | 1088.00 | 1020.02 | ||||||||\n"
              "三、项目绩效情况 | ||||||||||\n")


def test_a_table_total_row_against_its_rows(tmp_path):
    """heldout6 s005: the 实际支出数 column adds to 1020.03, its 支出合计 row says 1020.02 (a rounding tail);
    the 计划支出数 column adds up. Each cell of the evidence is where it says."""
    r = run(tmp_path, S005_TABLE)
    [f] = [f for f in rules(r, "sum_mismatch") if "表格" in f.message]
    assert "实际支出数(万元)1020.02" in f.message and "1020.03" in f.message and "计划支出数" not in f.message
    assert len(f.evidence) == 14 and all(r.text[e["start"]:e["end"]] == e["raw"] for e in f.evidence)


def test_table_rows_that_add_up_or_are_not_summed(tmp_path):
    """The same table with its tail mended adds up; a column of rates is no sum; a subtotal among the
    rows, or a blank cell that ends the run short of the total, leaves the table unjudged."""
    mended = S005_TABLE.replace("| 1020.02 |", "| 1020.03 |")
    assert [f for f in rules(run(tmp_path, mended), "sum_mismatch") if "表格" in f.message] == []
    rates = ("项目 | 预算数 | 执行率(%) |\n甲项目 | 10 | 90 |\n乙项目 | 20 | 95 |\n丙项目 | 30 | 100 |\n合计 | 60 | 96.7 |\n")
    assert rules(run(tmp_path, rates), "sum_mismatch") == []
    nested = ("项目 | 金额 |\n人员经费 | 10 |\n小计 | 10 |\n公用经费 | 20 |\n办公费 | 5 |\n合计 | 30 |\n")
    assert rules(run(tmp_path, nested), "sum_mismatch") == []
    short = S005_TABLE.replace("编外用工人员经费 | 24 | 24 |", "编外用工人员经费 | 24 | |")
    assert [f for f in rules(run(tmp_path, short), "sum_mismatch") if "表格" in f.message] == []


def test_a_part_rate_is_no_claim_of_full_execution(tmp_path):
    """pool p0098 and p0133: "基本支出…执行率达100.00%,项目支出…执行率达47.72%" and "②…项目1605万元,资金执行率100%"
    are the rates of parts, so the lower rates beside them contradict no claim."""
    p0098 = ("施甸县文化和旅游局2024年度收入合计9570171.39元,支出合计7686456.33元,执行率为80.32%,其中:基本支出就5967100.39元,"
             "执行率达100.00%,项目支出1719355.94元,执行率达47.72%。\n")
    p0133 = ("目前共支付资金1696.76万元,资金执行率34.83%。\n分别项目为①森林防火专业队能力建设补助购买森林防火物资支付21万元,"
             "资金执行率30.88%;②贫困人口生态护林员项目1605万元,资金执行率100%;③草原生态修复治理补助支付71.01万元,资金执行率30%。\n")
    assert rules(run(tmp_path, p0098), "claim_contradicted") == []
    assert rules(run(tmp_path, p0133), "claim_contradicted") == []


def test_a_completion_rate_after_its_target_and_result_is_one_miss(tmp_path):
    """pool p0239: "目标值是10万元,实际完成值为0万元,目标完成率为0%": the target and its result make the finding;
    the completion rate after them is the same miss, not a second one."""
    text = ("(2)成本目标:项目资金投入绩效目标值是10万元,实际完成值为0万元,目标完成率为0%,(3)数量目标:当年人才驿站组织活动数量"
            "绩效目标值是28次,实际完成值为40次,目标完成率为143%。\n")
    [f] = rules(run(tmp_path, text), "goal_not_met")
    assert "目标10万元" in f.message


# ----------------------------------------------------------------------------- prose lists
S026 = ("区直文博系统项目有:一是布达拉宫管理处,下达预算资金9378万元。具体是:布达拉宫雪城修缮展示工程项目3005万元;"
        "布达拉宫二期结构检测工程项目1235万元;布达拉宫古籍文献保护数字化与编目二期项目255万元;布达拉宫古籍文献保护预防性"
        "保护二期项目429万元;布达拉宫古籍文献保护抢救性保护二期项目1228万元;布达拉宫消防提升工程项目1613万元。\n")


def test_a_breakdown_announced_as_whole_against_its_total(tmp_path):
    """heldout6 s026: "下达预算资金9378万元。具体是:" six projects adding to 7765 (83 % of it): a list announced
    as the breakdown (具体是, 分别为) is judged from 80 % cover; a 其中 list covering as much names the main
    lines only; "包括" after a spending total (pool p0162, a list of budgets) is no such announcement."""
    [f] = rules(run(tmp_path, S026), "sum_mismatch")
    assert (f.actual, f.expected) == (9378, 7765)
    assert rules(run(tmp_path, S026.replace("。具体是:", ",其中:")), "sum_mismatch") == []
    assert rules(run(tmp_path, S026.replace("。具体是:", ",包括:")), "sum_mismatch") == []


T004 = ("体育强省转移支付2023年度绩效自评报告\n\n一、绩效目标分解下达情况\n\n(一)下达2023年体育强省(快乐健身)转移支付预算和绩效目标情况。\n\n"
        "2023年,省下达我县安徽省体育强省(快乐健身)专项资金63.2万元。年度绩效目标为:继续深化全民健身,以快乐健身为抓手,"
        "推进全民健身事业发展。\n\n(二)资金安排、分解下达预算和绩效目标情况。\n\n"
        "2023年我县体育强省资金安排是:支持体育设施建设5万元,支持青少年竞技体育13万元,支持体育产业发展5万元,支持口袋公园5万元、"
        "百姓健身房5万元、健身步道10万元,支持体育项目培训1.2万元,支持体育赛事活动3万元,支持快乐健身点位器材维护12万元。"
        "总体绩效目标是:继续深化全民健身。\n")


def test_a_single_projects_funds_broken_down_without_their_total(tmp_path):
    """heldout8 t004: "资金安排是:" nine lines adding to 59.2 break down the 63.2万元 the report's one project
    received (a warning: only if its round lines were rounded could they make it); lines adding to it are
    consistent, and a report naming no single project's money has no total for them."""
    r = run(tmp_path, T004)
    [f] = rules(r, "sum_mismatch")
    assert (f.actual, f.expected, f.severity) == (63.2, 59.2, "warning")
    assert rules(run(tmp_path, T004.replace("器材维护12万元", "器材维护16万元")), "sum_mismatch") == []
    assert rules(run(tmp_path, T004.replace("专项资金63.2万元", "专项资金")), "sum_mismatch") == []


def test_a_table_read_as_text_against_its_total_row(tmp_path):
    """The same table with its cells after spaces (a table read as text, bench/label_free.py's
    nopipes): the 实际支出数 column is judged; its header still names a column of rates as no sum."""
    spaced = "\n".join(" ".join(c.strip() for c in line.split("|") if c.strip()) for line in S005_TABLE.splitlines()) + "\n"
    [f] = [f for f in rules(run(tmp_path, spaced), "sum_mismatch") if "表格" in f.message]
    assert "1020.03" in f.message and "计划支出数" not in f.message
    rates = "项目 预算数 执行率(%)\n甲项目 10 90\n乙项目 20 95\n丙项目 30 100\n合计 60 96.7\n"
    assert rules(run(tmp_path, rates), "sum_mismatch") == []


S026_LINE = ("2020年度自治区财政厅分解下达中央转移支付全区文物保护专项资金共22171万元,其中下达地市9397万元;区直文博系统"
             "12774.00万元。区直文博系统项目有:一是布达拉宫管理处,下达预算资金9378万元。具体是:布达拉宫雪城修缮展示工程项目3005万元;"
             "布达拉宫二期结构检测工程项目1235万元;布达拉宫古籍文献保护数字化与编目二期项目255万元;布达拉宫古籍文献保护预防性保护"
             "二期项目429万元;布达拉宫古籍文献保护抢救性保护二期项目1228万元;布达拉宫消防提升工程项目1613万元。二是西藏博物馆,"
             "下达预算资金5009万元,项目是西藏博物馆新馆展陈环境可移动文物预防保护项目。\n")


def test_a_total_against_the_enumeration_of_its_items(tmp_path):
    """heldout6 s026: "区直文博系统12774.00万元。区直文博系统项目有:一是…9378万元…二是…5009万元": the items add to 14387
    (and the six projects of the first to 7765, not 9378). With 7765 stated for the first item both hold;
    an enumeration whose subject is not the total's is not its breakdown."""
    found = [f.message for f in rules(run(tmp_path, S026_LINE), "sum_mismatch")]
    assert any("12774" in m and "14387" in m for m in found) and any("9378" in m and "7765" in m for m in found)
    assert rules(run(tmp_path, S026_LINE.replace("9378", "7765")), "sum_mismatch") == []
    other = S026_LINE.replace("区直文博系统项目有", "地市文博单位项目有")
    assert not any("12774" in f.message for f in rules(run(tmp_path, other), "sum_mismatch"))
