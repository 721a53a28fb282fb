"""Checks on real excerpts (corpus/heldout*, findings, pool; quoted here) through the whole pipeline:
prose 其中 lists against their total, one funding document's allocation stated twice, a rate against
the amounts of its sentence, portions of one total in one sentence, one change stated twice,
得分 = 分值 × 执行率 on every scored budget line (and against the amounts when the stated rate
contradicts them), a form's nested or restated 其中 line, staff above the quota explained by the
text itself; and the form faults of scripts/inject_faults.py on the synthetic 自评表 of
scripts/synth_forms.py."""
from __future__ import annotations

import pytest

from .conftest import findings_of as rules
from .conftest import load_script
from .conftest import run_excerpt as run


# ----------------------------------------------------------------------------- prose 其中 lists
H007 = ("****水务局、****财政局呼财农指【2023】10号文件《关于下达2023年中央水利发展资金预算的通知》,下达**河县2023年"
        "中央水利发展资金2263万元。其中:中小河流治理工程1435万元,小型水库工程维修养护25万元,农业饮水工程维修养护55万元,"
        "小流域综合治理700万元,山洪灾害防治设施维养6万元,水**管理14万元,农业水价改革18万元。中央资金已全部到位。\n")
H018 = ("绵阳市科学技术局主要有部门预算项目支出、专项预算支出二类支出,项目资金总预算为2455.5万元,其中部门预算项目支出"
        "87.5万元,专项预算支出2350万元。\n")
H004 = ("我局2023年预算安排专项资金项目共计113个,财政资金3267.28万元。其中绩效自评“优”的项目79个财政资金3038.38万元;"
        "绩效自评“良”的项目11个财政资金201.9万元,绩效自评“中”的项目3个财政资金7万元,绩效自评“差”的项目20个财政资金"
        "218.07万元(“三区”人才项目16个49万元),分别是:\n")
P0046 = ("1.基本支出2956.36万元,其中:工资福利支出2424.00万元,商品和服务支出432.65万元,对个人和家庭的补助93.12万元,"
         "其他资本性支出6.5万元。\n")


@pytest.mark.parametrize("text, total, computed", [(H007, 2263, 2253), (H018, 2455.5, 2437.5), (P0046, 2956.36, 2956.27),
                                                   (H004, 3267.28, 3465.35)])
def test_prose_list_against_its_total(tmp_path, text, total, computed):
    """heldout h007 (10 short), h018 (18 short), pool p0046 (0.09 short), heldout h004 (198.07 over;
    each clause counts its projects too, and the bracketed aside is no part): the amounts after 其中
    do not make the total before it."""
    r = run(tmp_path, text)
    [f] = [f for f in rules(r, "sum_mismatch") if "其中所列" in f.message]
    assert f.severity == "error" and f.expected == computed and f.actual == total
    assert f.evidence[0]["raw"].startswith(str(total).rstrip("0").rstrip("."))
    assert all(r.text[e["start"]:e["end"]] == e["raw"] for e in f.evidence)


@pytest.mark.parametrize("text", [
    # pool p0040: the third clause is a new statement (共支出), not a part
    "2020年,省级统筹安排困难群众救助补助资金756544万元,其中,中央资金533744万元、省级资金222800万元,"
    "全省困难群众救助资金共支出1217312.77万元。\n",
    # pool p0145: 原值 and 净值 of one asset; the first two parts already make the total
    "截至2022年12月31日,单位资产合计26.19万元,其中:一是流动资产1.08万元;二是固定资产原值25.11万元,净值5.75万元。\n",
    # a list of the main lines only (covers less than min_cover of the total)
    "2022年支出合计1000万元,其中人员经费300万元,公用经费200万元。\n",
    # a list that adds up
    "下达资金791万元,其中中小河流治理491万元,小流域综合治理300万元。\n",
])
def test_prose_lists_that_are_no_inconsistency(tmp_path, text):
    assert [f.message for f in rules(run(tmp_path, text), "sum_mismatch")] == []


def test_prose_list_above_its_total(tmp_path):
    """More listed than the total is judged whatever the coverage."""
    r = run(tmp_path, "下达资金791万元,其中中小河流治理591万元,小流域综合治理300万元。\n")
    [f] = rules(r, "sum_mismatch")
    assert f.expected == 891 and f.difference == -100


P0088 = ("截至2022年12月,乐山市沐川生态环境局总编制34个,其中:行政编制7个、参公编制12个、事业编制15个。在职人员总数25人,"
         "其中:行政编制人员7人、参公编制人员4人、事业编制人员13人。其他人员(临聘人员)4人。\n")


def test_a_staff_total_against_its_kinds(tmp_path):
    """Pool p0088: 在职人员总数25人 but its kinds 7 + 4 + 13 = 24 (counts are exact: an error); the
    posts 34 = 7 + 12 + 15 hold."""
    [f] = rules(run(tmp_path, P0088), "sum_mismatch")
    assert f.severity == "error" and f.expected == 24 and f.actual == 25 and "25人" in f.message


@pytest.mark.parametrize("text", [
    # overlapping attributes need not add up
    "在职人员25人,其中:党员12人、本科以上学历20人。\n",
    # a count of projects is no staff total
    "共实施项目25个,其中:道路7个、桥梁4个、水利13个。\n",
    # a figure no mention holds may be a part the list leaves unread
    "下达资金791万元,其中中小河流治理491万元,小流域综合治理200万元,其他 100。\n",
])
def test_lists_not_judged(tmp_path, text):
    assert [f.message for f in rules(run(tmp_path, text), "sum_mismatch")] == []


# ----------------------------------------------------------------------------- form scores and sums
G017 = """部门整体支出绩效自评表 | |||||||||
单位(盖章):绥阳县太白镇人民政府 | 填报日期:2022年2月3日 | ||||||||
部门(单位)名称 | 绥阳县太白镇人民政府 | ||||||||
部门(单位)总体 资金(万元) | 资 金 来 源 | 年初预算数(A) | 全年执行数(B) | 分值(10分) | 得分 | 得分计算方法 | |||
年度资金总额: | 1172.55 | 1268.72 | 10 | 10 | 执行率*该指标分值,最高不得超过分值上限。 | ||||
基本支出 | 985.19 | 914.97 |
10 | 10 | |||||
项目支出 | 187.36 | 353.75 | 10 | 10 | |||||
其他 | |||||||||
"""


def test_rate_score_on_every_scored_budget_line(tmp_path):
    """heldout2 g017: 基本支出 914.97 ÷ 985.19 = 92.87 %, 分值 10 → 9.29, written 10; the total and
    项目支出 lines spent more than budgeted (the score is capped at 分值)."""
    [f] = rules(run(tmp_path, G017), "score_mismatch")
    assert "基本支出" in f.message and "914.97" in f.message and "985.19" in f.message
    assert f.expected == 9.29 and f.actual == 10


P0134 = """市级文物保护专项经费绩效自评表(2022年度)
项目名称 市级文物保护专项经费
主管部门 裕安区文化和旅游局   实施单位 裕安区文化和旅游局
项目资金 年初预算数 全年预算数 全年执行数 分值 执行率 得分
(万元) 年度资金总额 29 29 27.8 9 0.958 8
其中:当年财政拨款 29 29 27.8 9 0.958 8
      上年结转资金
  其他资金
"""


def test_a_restated_budget_line_is_judged_once(tmp_path):
    """pool p0134: the 其中 line repeats the total's figures, 分值 and 得分: one finding of each rule."""
    r = run(tmp_path, P0134)
    found = rules(r, "score_mismatch")
    assert len(found) == 1 and "年度资金总额" in found[0].message
    assert len(rules(r, "execution_rate_mismatch")) == 1  # 95.8% for 27.8 ÷ 29 = 95.86 %, once


P0208 = """2024年度部门整体绩效自评表 | ||||||||||
项目名称: | 重庆市忠县科学技术协会整体监控 | 项目编码: | 50023300024P000060 | 自评总分: | 99.68 | |||||
资金情况 | ||||||||||
年初预算数 | 全年(调整)预算数 | 全年执行数 | 执行率 | 执行率权重 | 执行率得分 | |||||
年度总金额 | 3,724,055.00? | 4,764,453.11? | 4,614,453.11? | |||||||
其中:财政拨款 | 3,724,055.00? | 4,764,453.11? | 4,614,453.11? | 96.85 | 10.00 | 9.68? | ||||
一般公共预算 | 3,724,055.00? | 4,764,453.11? | 4,614,453.11? | 96.85 | ||||||
绩效目标 | ||||||||||
"""


def test_a_nested_part_line_is_not_counted_twice(tmp_path):
    """pool p0208: 一般公共预算 is the part of 财政拨款, itself the whole 年度总金额."""
    r = run(tmp_path, P0208)
    assert len(r.forms[0].budget_lines) == 3
    assert rules(r, "sum_mismatch") == []
    # a real difference in the only true part is still found
    r = run(tmp_path, P0208.replace("其中:财政拨款 | 3,724,055.00?", "其中:财政拨款 | 3,624,055.00?"), "b.txt")
    assert len(rules(r, "sum_mismatch")) == 1


# ----------------------------------------------------------------------------- staff
@pytest.mark.parametrize("text, flagged", [
    # pool p0223: 13 actual includes 3 retired; 10 serving within 11
    ("郴州市殡葬管理处属全额预算拨款副处级参公事业单位。单位事业编制11个,实有人数13人,其中在职人员10人,退休人员3人。\n", False),
    # pool p0149: 核定编制8名 is the office's; the unit's kinds of 编制 add up to 24
    ("中共江永县委巡察工作领导小组办公室,核定编制8名;设立4个巡察组,每一个巡察组核定编制3名。\n"
     "2023年单位现有行政编制20名,全额拨款事业编制4名,年底实有在职人员21人,其中行政编制18人,全额拨款事业编制工作人员3名,退休人员1人。\n",
     False),
    # pool p0224: 139 警察职工 include 24 retired; 115 serving within 120 (the staff named after 在职)
    ("政法专项编制120人、工勤编制2人、政府购买服务编制3人,2021年末,实有警察职工139人,其中:在职警察职工115人(警察113人、"
     "工勤2人)、退休警察职工24人(警察22人、工勤2人);实有政府购买服务人员3人。\n", False),
    # pool p0005: 29 serving against a quota of 14
    ("截至2024年12月31日,县交警队在职人员编制14人,其中:行政编制14人,事业编制0人。在职实有29人,其中:财政全供养29人,"
     "非财政供养0人。\n", True),
])
def test_staff_over_quota_explained_by_the_text(tmp_path, text, flagged):
    assert bool(rules(run(tmp_path, text), "staff_over_quota")) == flagged


# ----------------------------------------------------------------------------- form faults
FORM_FAULTS = ["form_execution_rate", "form_part", "form_indicator_score", "form_weight", "form_total",
               "form_indicator_actual"]


def test_synthetic_forms_are_consistent_and_form_faults_caught(tmp_path):
    faults = load_script("inject_faults")
    caught = 0
    for seed in range(3):
        text = faults.synth_form(seed)
        clean = run(tmp_path, text, f"form{seed}.txt")
        assert clean.forms and clean.forms[0].indicators
        assert clean.findings == [], [f.message for f in clean.findings]
        for fault in FORM_FAULTS:
            got = faults.inject_detail(text, fault, seed)
            r = run(tmp_path, got.text, f"form{seed}.{fault}.txt")
            found = rules(r, got.rule)
            assert found, (fault, got.note)
            caught += 1
    assert caught == 3 * len(FORM_FAULTS)


# ----------------------------------------------------------------------------- rates in one sentence
def test_a_rate_against_the_amounts_of_its_sentence(tmp_path):
    """heldout2 g024: 支付18501.096万元, 未支703万元 → 96.34 %, written 支付率95%."""
    text = ("  20xx年,巩固拓展脱贫攻坚成果和乡村振兴建设任务资金支付18501.096万元,未支703万元,支付率95%。"
            "未支付资金属于部分项目暂未审计和预留的质保金。\n")
    [f] = rules(run(tmp_path, text), "execution_rate_mismatch")
    assert f.severity == "error" and f.expected == 96.34 and f.actual == 95
    assert [e["raw"] for e in f.evidence] == ["95%", "18501.096万元", "703万元"]


def test_a_rate_against_the_budget_and_spending_of_its_sentence(tmp_path):
    """Pool p0124's sentence with the 拨付 written out (synthetic): 40 of 42 is 95.24 %, not 100%."""
    [f] = rules(run(tmp_path, "2021年我市非物质文化遗产保护资金下达42万元,已拨付40万元,拨付率100%。\n"),
                "execution_rate_mismatch")
    assert f.expected == 95.24 and [e["raw"] for e in f.evidence] == ["100%", "40万元", "42万元"]


def test_a_rate_the_facts_cannot_judge_is_judged_by_its_sentence(tmp_path):
    """A 预算执行率 with an executed amount but no canonical budget (预算金额, 下达 are no budget facts):
    the facts cannot judge it, so its sentence does. 43.65 spent and 10.35 left (尚余) is 80.8333 %, not
    the 99.25% written (which is 54 下达 ÷ 54.41 预算: a blind excerpt's inconsistency, synthetic here)."""
    text = ("专项事业费2017年度绩效自评报告\n一、项目基本情况\n项目预算金额54.41万元。\n"
            "2017年预算下达54万元,实际执行43.65万元,尚余10.35万元未支付,预算执行率99.25%。\n")
    [f] = rules(run(tmp_path, text), "execution_rate_mismatch")
    assert f.expected == 80.8333 and f.actual == 99.25
    assert [e["raw"] for e in f.evidence] == ["99.25%", "43.65万元", "10.35万元"]


def test_a_rate_opening_its_sentence_speaks_of_the_sentence_before(tmp_path):
    """"下达资金2399万元,已使用1651.53万元。资金使用率69.21%": the rate's own sentence states no amount, the
    one before on its line states the budget and the spending (68.8424 %); one with its own rate does not lend."""
    [f] = rules(run(tmp_path, "项目资金情况:下达资金2399万元,已使用1651.53万元。资金使用率69.21%。\n"), "execution_rate_mismatch")
    assert f.expected == 68.8424 and [e["raw"] for e in f.evidence] == ["69.21%", "1651.53万元", "2399万元"]
    assert rules(run(tmp_path, "下达资金2399万元,已使用1651.53万元,使用率68.84%。资金使用率69.21%。\n", "b.txt"),
                 "execution_rate_mismatch") == []


@pytest.mark.parametrize("text", [
    # pool p0124: each rate has its own amounts; 83.72% is of a sub-budget the sentence does not give
    "2021年我市国家非物质文化遗产保护资金下达42万元,资金到位率100%,截至目前,国家级非遗代表性传承人补助已及时划拨,"
    "资金使用率100%;薅草锣鼓项目资金使用334896元,资金使用率83.72%。\n",
    # consistent: 33 of 40
    "项目预算40万元,实际支出33万元,执行率82.5%。\n",
])
def test_rates_in_a_sentence_that_hold_or_cannot_be_judged(tmp_path, text):
    assert rules(run(tmp_path, text), "execution_rate_mismatch") == []


K009 = '\n部门整体支出绩效自评表\n\n2021年度)\n\n级预算单位名称\n\n 陵区林业局\n\n年度预\n\n算申请\n\n(万元)\n\n年初\n\n预算数\n\n全年预算数\n\n全年\n\n执行数\n\n分值\n\n执行率\n\n得分\n\n年度资金总额\n\n4753.66万元\n\n4753.66万元\n\n3824.26万元\n\n10\n\n100%\n\n10\n\n按收入性质分:\n\n按支出性质分:\n\n  其中: 一般公共预算:1873.66万元\n\n其中:基本支出:1768.16万元\n\n政府性基金拨款:\n\n项目支出:2985.5万元\n\n纳入专户管理的非税收入拨款:\n\n其他资金:2880万元\n'


def test_a_score_that_follows_a_wrong_rate(tmp_path):
    """heldout3 k009: 执行率 written 100% and 得分 10 = 10 × 100%, but 3824.26 ÷ 4753.66 = 80.45 %: both the
    rate and the score it gave are found."""
    r = run(tmp_path, K009)
    assert len(rules(r, "execution_rate_mismatch")) == 1
    [f] = rules(r, "score_mismatch")
    assert "3824.26" in f.message and "4753.66" in f.message and f.expected == 8.04 and f.actual == 10


# ----------------------------------------------------------------------------- portions of one total
F019 = ("1、水稻大灾保险:全县2020年水稻种植57.54万亩,受省财政规模控制,计划和实际承保面积为42.59万元亩,承保率为74.02%,"
        "总保费1293.45万元,中央财政补贴47.5%为614.39万元,省级财政补贴32.5%为420.37元。\n")


def test_a_portion_of_the_total_its_sibling_holds_against(tmp_path):
    """findings f019: 47.5% of 总保费1293.45万元 is 614.39万元 (holds), so 32.5% of it is 420.37万元,
    not the 420.37元 written."""
    [f] = rules(run(tmp_path, F019), "share_mismatch")
    assert "420.37元" in f.message and "1293.45" in f.message and f.severity == "error"
    assert [e["raw"] for e in f.evidence] == ["420.37元", "32.5%", "1293.45万元"]


@pytest.mark.parametrize("text", [
    # findings f019: every portion holds against 总保费 (and not against 66.81万元亩 before it)
    "5、公益林保险:全县2020年计划和实际投保66.81万元亩,总保费100.21万元,中央财政补贴50%为50.1万元,"
    "省级财政补贴30%为30.06万元,县级财政补贴20%为20.04万元。\n",
    # no portion holds against any amount of the sentence: the base is not stated here
    "全县总保费1293.45万元,中央财政补贴40%为600万元,省级财政补贴30%为300万元。\n",
])
def test_portions_that_hold_or_have_no_base(tmp_path, text):
    assert rules(run(tmp_path, text), "share_mismatch") == []


# ----------------------------------------------------------------------------- one document's allocation
H007_41 = ("****财政局呼财农指【2023】41号文件《关于下达2023年自治区水利发展资金预算的通知》,下达**河县2023年资金5万元。\n"
           "****财政局呼财农指【2023】41号文件《关于下达2023年自治区水利发展资金预算的通知》,下达**河县2023年山洪灾害防治设施维养6万元。\n")


def test_one_documents_allocation_stated_twice(tmp_path):
    """heldout h007: 41号 allocates 资金5万元 in one sentence, an item of 6万元 in another."""
    [f] = rules(run(tmp_path, H007_41), "sum_mismatch")
    assert "41号" in f.message and [e["raw"] for e in f.evidence] == ["5万元", "6万元"]


def test_items_within_a_documents_allocation(tmp_path):
    text = H007_41.replace("维养6万元", "维养3万元") + H007_41.splitlines()[1].replace("山洪灾害防治设施维养6万元", "水资源管理2万元") + "\n"
    assert rules(run(tmp_path, text), "sum_mismatch") == []


# ----------------------------------------------------------------------------- one change stated twice
def test_one_change_stated_twice(tmp_path):
    """findings f016: 比2018年增加378.19万元, then 增加45.49万元 for the same 支出 (378.19 ÷ 829.53 = 45.59 %,
    so not the rate either)."""
    text = ("2019年收入总计1207.72万元。比2018年增加38.5万元,2019年比2018年增加3.29%。2019年支出1207.72万元,"
            "比2018年增加378.19万元,增加45.49万元,主要原因增加了二类疫苗款支出。\n")
    [f] = rules(run(tmp_path, text), "growth_mismatch")
    assert "378.19" in f.message and "45.49" in f.message
    assert [e["raw"] for e in f.evidence] == ["378.19万元", "45.49万元"]
    assert rules(run(tmp_path, text.replace("增加45.49万元,主要", "其中疫苗增加45.49万元,主要"), "b.txt"),
                 "growth_mismatch") == []
    # the same in 元 (the recognizer's values): found, and the message quotes the sums as written
    [f] = rules(run(tmp_path, text.replace("378.19万元", "3781900元").replace("45.49万元", "454900元"), "c.txt"),
                "growth_mismatch")
    assert "3781900元" in f.message and (f.expected, f.actual) == (378.19, 45.49)


# ----------------------------------------------------------------------------- label → value cells one per line
VERTICAL = ("项目绩效自评表\n项目名称\n某某道路建设项目\n实际到位资金\n(万元)\n{received}\n其中:中央资金\n170\n省级资金\n9.6\n"
            "实际支出(万元)\n179.6\n结余(万元)\n{balance}\n")


def test_vertical_sources_and_flow(tmp_path):
    """Issue 14's vertical table: 实际到位资金 170 against its sources 170 + 9.6, 实际支出 179.6 above
    what arrived, 结余 stated 0: the sum and the balance are findings, with the cells as evidence."""
    r = run(tmp_path, VERTICAL.format(received=170, balance=0))
    [s] = rules(r, "sum_mismatch")
    assert s.severity == "error" and s.actual == 170 and s.expected == 179.6
    assert all(r.text[e["start"]:e["end"]] == e["raw"] for e in s.evidence)
    balance = [f.message for f in rules(r, "balance_mismatch")]
    assert any("结余" in m and "应为-9.6" in m for m in balance) and any("179.6超过170" in m for m in balance)
    assert rules(run(tmp_path, VERTICAL.format(received=179.6, balance=0)), "sum_mismatch") == []
    assert rules(run(tmp_path, VERTICAL.format(received=179.6, balance=0)), "balance_mismatch") == []


@pytest.mark.parametrize("text", [
    # a grid flattened one cell per line: a label with several figures is no pair
    "年度资金总额\n0\n2.38\n2.38\n10\n100\n10\n其中:财政拨款\n0\n0.58\n0.58\n其他资金\n0\n1.8\n1.8\n",
    # findings f014: the sources of two columns interleaved (中央财政 twice)
    "实际到位资金\n(万元)\n398.88\n其中:\n中央财政\n0\n其中:\n中央财政\n0\n省财政\n570\n省财政\n398.88\n",
    # a planned arrival is no arrival
    "计划到位资金(万元)\n100\n实际支出(万元)\n120\n结余(万元)\n0\n",
    # 万元 and 元 in one block
    "实际到位资金(万元)\n10\n其中:中央资金(元)\n60000\n省级资金(元)\n40000\n",
])
def test_vertical_blocks_not_judged(tmp_path, text):
    r = run(tmp_path, text)
    assert [f.message for f in r.findings if f.rule in ("sum_mismatch", "balance_mismatch")] == []


def test_a_vertical_list_cut_by_another_label_is_judged_only_above_its_total(tmp_path):
    """收入合计 100 / 其中:一般公共预算 80 / 政府性基金 17 / 上年结转 3: 上年结转 may be a part the
    vocabulary leaves out, so 97 is no finding; 80 + 27 = 107 above the total is."""
    text = "收入合计(万元)\n100\n其中:一般公共预算\n80\n政府性基金\n{b}\n上年结转\n3\n"
    assert rules(run(tmp_path, text.format(b=17)), "sum_mismatch") == []
    [f] = rules(run(tmp_path, text.format(b=27)), "sum_mismatch")
    assert f.expected == 107 and f.actual == 100


# ----------------------------------------------------------------------------- two reports in one text
H017_CLAIM = "2020年部门预算项目支出绩效自评报告\n铁路沿线环境治理项目按时保质保量完成项目绩效目标任务,群众满意。\n"
OTHER = ("某某县交通运输局2021年度道路养护项目绩效自评报告\n一、项目基本情况\n项目预算15.00万元,实际支出5.00万元,"
         "执行率33.33%,其余资金结转下年使用。\n")


def test_a_claim_is_held_against_its_own_report(tmp_path):
    """A portal's page with two reports, each under its title: the first report's claim is not
    contradicted by the second's execution rate; within one report it is (h017)."""
    assert rules(run(tmp_path, H017_CLAIM + "\n" + OTHER), "claim_contradicted") == []
    one = H017_CLAIM + "项目预算15.00万元,实际支出5.00万元,执行率33.33%。\n"
    assert len(rules(run(tmp_path, one), "claim_contradicted")) == 1


def test_numbering_restarts_in_an_appended_report(tmp_path):
    """A department's report whose 一、 ends long before the next report's 一、 (no title between):
    another report or part begins, no repeat."""
    first = "一、部门基本情况\n" + "本部门主要职责是负责全县道路养护和建设管理工作,内设机构五个。" * 12 + "\n"
    second = "一、项目基本情况\n本项目为道路养护项目。\n二、绩效目标完成情况\n目标均已实现。\n"
    assert rules(run(tmp_path, first + second), "section_numbering") == []


def test_headings_run_into_lines_are_no_numbering_gap(tmp_path):
    """heldout6 s022 (a doc-sharing copy): the later headings run into the lines ("…以上。 二、…", "…完成 四、…",
    the space before 四、 removed by normalization), so 六、 after 一、 and (二) after (三) skip nothing."""
    text = ("老年人日间照料中心项目绩效自评报告\n一、项目概况 (一)项目基本情况。\n指标1:项目总投资216.42万元。\n"
            "(二)项目绩效目标。\n绩效目标:资金完成173万元。\n(三)项目自评价步骤。\n"
            "成效指标:群众满意度达90%以上。 二、项目资金管理及组织实施情况 (一)资金申报及批复情况。 1.项目资金申报。\n"
            "申报预算资金173万元,已完成批复。 三、项目绩效情况 (一)项目完成情况。\n1.资金完成61.99万元。\n"
            "(二)项目效益情况\n1.进一步缓解家庭养老压力。\n2.提升服务。\n3.改善条件。\n4.确保项目2020年9月底完成 四、评价结论\n"
            "评价等级为(良)。 五、存在的问题和建议 无\n六、其他需说明的事项 无\n")
    assert rules(run(tmp_path, text), "section_numbering") == []
    # the same report with 四、 and 五、 not written at all: 六、 skips them
    gapped = text.replace(" 四、评价结论", "").replace(" 五、存在的问题和建议 无", "")
    assert rules(run(tmp_path, gapped), "section_numbering")


def test_a_target_and_its_result_in_two_sentences(tmp_path):
    """heldout6 s022: "绩效目标:…资金完成173万元" and, sections later, "…资金完成61.99万元": the result's
    words end as the target's, so the target is missed (35.8 % of it: a warning)."""
    text = ("老年人日间照料中心项目绩效自评报告\n一、项目概况\n(二)项目绩效目标。\n绩效目标:老年人日间照料中心资金完成173万元。\n"
            "二、项目资金管理\n申报预算资金173万元,已完成批复。\n三、项目绩效情况\n1.老年人日间照料中心资金完成61.99万元。\n")
    [f] = rules(run(tmp_path, text), "goal_not_met")
    assert (f.severity, f.expected, f.actual) == ("warning", 173, 61.99)
    assert [e["raw"] for e in f.evidence] == ["173万元", "61.99万元"]


@pytest.mark.parametrize("text", [
    # dev d006: a flattened form's header row (预期目标 实际完成情况) is no target label
    "年度总体目标 预期目标 实际完成情况 本项目共申请预算资金90万元。其中:30万元用于预算编制。本项目共完成预算资金89.97万元。\n",
    # pool p0228's shape: parts of one budget, no target label
    "村级工作目标奖励100000元,村级事务补助960000元。实际支付村级工作目标奖励50000元。\n",
    # the result meets the target
    "绩效目标:完成培训农民200人次。\n实际完成培训农民230人次。\n",
])
def test_targets_and_results_that_hold_or_are_not_paired(tmp_path, text):
    assert rules(run(tmp_path, text), "goal_not_met") == []


def test_a_heading_that_lost_its_numeral(tmp_path):
    """A copy that dropped a heading's numeral ("、绩效目标完成情况" after "二、…"; heldout2 g006 lost two in a
    row): each is reported with the number it stands for; a sentence opening with 、 is no heading."""
    text = ("某县2021年度项目支出绩效自评报告\n一、项目概况\n项目资金100万元。\n二、项目资金使用情况\n已全部支出。\n"
            "、项目绩效情况\n群众满意度98%。\n、评价结论及建议\n无。\n、项目资金使用情况良好,各项指标均已完成。\n")
    [f] = rules(run(tmp_path, text), "section_numbering")
    assert "“、项目绩效情况”未编号" in f.message and "应为“三、”" in f.message and "应为“四、”" in f.message
    assert [e["raw"] for e in f.evidence] == ["、项目绩效情况", "、评价结论及建议"]


def test_a_rate_whose_sentence_states_only_the_spending_is_judged_against_the_one_budget(tmp_path):
    """heldout9 u004 (临沂): the budget stands in an earlier sentence (项目预算金额2399万元); each later
    sentence gives 已拨付…万元 and a 使用率 of its own. 1651.53 ÷ 2399 = 68.8424 %, written 69.21%."""
    text = ("(二)项目预算及资金使用情况。2018年,确定环境空气质量生态补偿资金项目预算金额2399万元,上缴资金额128.5万元。"
            "截至2018年底,已拨付至项目单位资金1651.53万元,资金使用率69.21%;截至2019年8月底,已拨付资金1677.26万元,"
            "资金使用率70.29%。\n")
    found = rules(run(tmp_path, text), "execution_rate_mismatch")
    assert sorted((f.expected, f.actual) for f in found) == [(68.8424, 69.21), (69.9150, 70.29)]
    assert sorted(tuple(e["raw"] for e in f.evidence) for f in found)[0] == ("69.21%", "1651.53万元", "2399万元")


@pytest.mark.parametrize("text", [
    # a stated amount is the base: 33.4896 of a part's own 40 (pool p0124 whole)
    "下达宣汉县文化馆保护补助40万元,下达渠县传承人补助2万元。\n资金下达42万元。\n项目资金使用334896元,资金使用率83.72%。\n",
    # two budgets: no one base
    "项目年初预算50万元,调整后预算60万元。\n实际支出45万元,执行率80%。\n",
])
def test_a_rate_with_its_budget_elsewhere_that_holds_or_has_no_one_base(tmp_path, text):
    assert rules(run(tmp_path, text), "execution_rate_mismatch") == []
