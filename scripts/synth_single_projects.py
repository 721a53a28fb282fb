"""A synthetic family of single-project reports crossed on three axes, with known truth: WHERE the
text names its one project (``source``), HOW it states the project's money (``money``) and WHAT
other money stands beside it (``distractor``). Each axis value is a phrasing mined from the
non-blind development texts (corpus/pool tuning texts, corpus/heldout … heldout6, the dev set
../shared/corpus/real) or from the stored public pages (`search` corpus "pages", checked against
../shared/eval/reserved-urls.txt), named beside it.

    python scripts/synth_single_projects.py OUTDIR   # OUTDIR/*.txt and OUTDIR/gold/*.json (the scorer's format)
    python scripts/synth_single_projects.py OUTDIR --plain-names   # names ending in no project word

``family()`` gives every (file name, text, truth) of the full cross; ``truth`` is {"name",
"amount", "listed", "source", "money", "distractor", "year", "unit"}. The truth follows the gold
convention (../shared/eval/README.md; corpus/heldout8/README.md "Protocol"; corpus/pool/README.md):
the one project named as the text names it, without the report's year or unit; amount = the
executed amount where stated (实际支出, 已拨付, 累计发放, 完成投资, 已使用, 兑付, 全部执行到位, a form's
全年执行数), else the allocation when the text says it was wholly spent (下达…万元,已全部拨付到位), else
None (an allocation alone: the scorer then takes any amount); a project named only by a title or a
subject sentence in a text stating no money lists none (dev d010), one named by a 项目名称 field
lists it with amount None (pool convention, [title] field_name_only); a text that never names its
project lists none. Deterministic: the same family every run.
"""
from __future__ import annotations

import sys
from pathlib import Path

UNITS = ["绩溪县交通运输局", "保山市隆阳区农业农村局", "寻甸县林业和草原局", "新化县教育局",
         "永安市民政局", "临湘市水利局", "昌宁县卫生健康局"]
NAMES = ["农村公路日常养护项目", "困难群众救助补助资金", "森林防火专项经费", "高标准农田建设项目",
         "义务教育学生营养改善计划", "畜禽粪污资源化利用项目", "城区排水管网改造工程(二期)",
         "文化惠民演出专项资金", "残疾人两项补贴资金"]
# (round 16) names ending in a work or an activity, no project word (patterns/projects.toml
# [macros.works_end]): ``family(PLAIN_NAMES)`` crosses them with every source and money
PLAIN_NAMES = ["张家村道路硬化", "农村实用技术培训", "城区污水管网建设", "高龄老人生活津贴", "森林防火宣传",
               "乡镇卫生院标准化建设", "农产品质量安全监测", "办公设备购置", "李庄河道综合治理"]

_GENERIC = "{unit}{year}年度项目支出绩效自评报告\n"
_PORTAL = ("首页 > 信息公开 > 预算绩效\n索引号:11350481MB0000000X/{y1}-00012\n发布机构:{unit}\n"
           "发布日期:{y1}-04-20 浏览次数:128\n【字体:大 中 小】 打印本页\n")
# where the name is: the head of the text (or its first sentence) for each source
SOURCES = {
    # titles (pool p0052, heldout6 s029, dev d004/d005/d008 …)
    "title_self": "{unit}{year}年度{name}绩效自评报告\n",
    "title_eval": "{unit}{year}年{name}绩效评价报告\n",  # pool p0191, p0193
    "title_form": "{unit}{year}年度{name}绩效自评表\n",  # heldout4 q009
    "title_situation": "{unit}关于{year}年度{name}绩效自评情况的报告\n",
    "title_after": "{year}年度{name}事后绩效评价报告\n",
    "title_use": "{unit}关于“{year}年{name}”管理使用情况\n",  # heldout4 q006
    "title_use_plain": "{year}年{name}使用情况公告\n",  # heldout6 s028's notice: 现将项目资金使用情况公告如下
    "title_bracket": _GENERIC + "({name})\n",
    "title_split": "{unit}{year}年度{head}\n{tail}绩效自评报告\n",  # pool p0191's cover
    "title_chrome": _PORTAL + "{unit}{year}年度{name}绩效自评报告\n",  # pool p0052, p0193
    # report kinds and portal labels first met in heldout7/8: 山东's 全周期跟踪问效 (heldout7 s020, heldout4
    # q008), an evaluation's result notice (heldout8 t015), a headline stating the grade (heldout7 s011), a
    # bulleted 标题 label (heldout7 s016), a (项目) kind marker (heldout8 t001), a department's transfer
    # report naming the fund in its part heading over the template (heldout8 t012, t014)
    "title_track": "{year}年度{name}全周期跟踪问效报告\n",
    "title_result": "{unit}{year}年度{name}绩效评价结果的说明\n",
    "title_graded": "{year}年度{name}支出绩效评价评定等次为优\n",
    "title_label": "  • 标       题: {unit}{year}年度{name}绩效自评报告\n",
    "title_kind_marker": "{unit}{name}(项目){year}年度绩效自评报告\n",
    "fund_part": "{unit}{year}年度中央转移支付资金绩效自评报告\n一、{name}\n(一)绩效目标分解下达情况\n",
    # wrappers: a document-sharing site's file name, an essay site's chrome (pool p0022, heldout6
    # s009; stored page or2.xixipi.tk/baogao/6505890: 时间 … 我要投稿, 小编为大家收集的 …(通用N篇), …1)
    "docshare": ("《{unit}{year}年度{name}绩效自评报告.docx》由会员分享,可在线阅读,更多相关《{unit}{year}年度"
                 "{name}绩效自评报告.docx》请在文档网上搜索。\n"),
    "essay": ("{name}绩效自评报告\n时间:2022-12-09 12:18:52 报告 我要投稿\n{name}绩效自评报告(通用3篇)\n"
              "在不断进步的时代,报告的用途越来越大。下面是小编为大家收集的{name}绩效自评报告(通用3篇),"
              "欢迎大家分享。\n{name}绩效自评报告1\n{year}年,{unit}{name}按计划组织实施。\n"),
    # (the page's title is the site's topic: it stands only when the body writes the name too,
    # [title.essay_site]; heldout4 q025's title names a topic its body never writes)
    # a 项目名称 field under a generic title (pool p0019, p0135; heldout3 k016)
    "field_colon": _GENERIC + "项目名称:{name}\n项目单位:{unit}\n",
    "field_pipes": _GENERIC + "项目名称 | {name} | 主管部门 | {unit} |\n",
    "field_glued": _GENERIC + "项目名称{name}主管部门{unit}\n",
    "field_spaces": _GENERIC + "项目名称    {name}    主管部门    {unit}\n",  # pool: cells apart by space runs
    # no title: a body sentence names it (heldout5 r030 "X是为…"; heldout6 s028 "X由省级福利彩票公益金
    # 支持实施"; heldout2 "为做好…资金项目绩效管理工作"; pool "现将…绩效自评报告如下"; stored page
    # domei.cn/article/377694 "我中心对xx年度…项目的支出情况进行了绩效评价")
    "subj_is": "{name}是{year}年{unit}实施的民生项目,主要解决群众急难愁盼问题。\n",
    "subj_zuohao": "为做好{year}年{name}绩效管理工作,我局组织开展了绩效自评。\n",
    "subj_dui": "按照县财政局要求,我局对{year}年度{name}开展了绩效自评。\n",
    "subj_dui_plain": "按照县财政局要求,我局对{name}进行了绩效评价。\n",  # heldout4 q015: no year
    "subj_xianjiang": "根据预算绩效管理要求,现将{year}年度{name}绩效自评报告如下:\n",
    "subj_support": "{year}年{name}由省级财政资金支持实施,{unit}负责组织实施。\n",
    "subj_guanyu": "关于{year}年{name}资金使用情况\n",
    "subj_yongyu": "我校项目资金到位后,全部足额用于{name}上,按计划组织实施。\n",  # heldout7 s003
    # never named: "该项目" only, no title
    "unnamed": "根据预算绩效管理要求,我局对该项目开展了绩效自评。\n",
}
FIELD_SOURCES = ("field_colon", "field_pipes", "field_glued", "field_spaces")
# how the money is stated: (sentence, truth) with truth "spent" (the executed S), "allot" (an
# allocation alone: None), "none" (no money in the text)
MONEY = {
    # the national template's budget block, flattened with pipes (dev d004, heldout h020)
    "form_line": ("项目资金(万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分\n"
                  "年度资金总额 | {B} | {B} | {S} | 10 | {R}% | 9.5\n", "spent"),
    "spent": ("截至{year}年12月31日,项目实际支出{S}万元。\n", "spent"),  # dev d004
    "paid": ("{year}年已拨付项目资金{S}万元。\n", "spent"),  # heldout5 r030 已拨付资金6亿元
    "issued": ("全年累计发放补助资金{S}万元。\n", "spent"),
    "invested": ("项目累计完成投资{S}万元。\n", "spent"),
    "used": ("项目资金已使用{S}万元。\n", "spent"),
    "redeemed": ("共兑付补贴资金{S}万元。\n", "spent"),
    "paid_out": ("财政预算项目资金{B}万元,支付{S}万元。\n", "spent"),  # stored page baoshan.gov.cn/info/6643/4250064
    "all_executed": ("项目资金{S}万元全部执行到位。\n", "spent"),  # heldout 基本公共卫生服务资金3728万元全部执行到位
    "allot_spent": ("{year}年上级下达项目资金{S}万元,已全部拨付到位。\n", "spent"),  # 10441万元资金全部拨付到位
    "allot_used": ("{year}年安排项目资金{S}万元,已全部使用完毕。\n", "spent"),  # heldout5 r030 已全部投入使用
    # the spending told only as its parts, which add up to the allocation received (heldout5 r024)
    "spent_parts": ("{year}年下达项目资金{S}万元,已全部到位。\n全年累计支出设备购置{p1}万元,人员培训{p2}万元,"
                    "日常运维{p3}万元。\n", "spent"),
    "arrived_only": ("{year}年项目资金{B}万元已全部到位。\n", "allot"),  # funds received, not spent
    "applied_only": ("{year}年申报项目资金{B}万元。\n", "allot"),
    "allot_only": ("{year}年上级下达项目资金{B}万元,用于项目实施。\n", "allot"),
    "no_money": ("项目实施以来,进展顺利,社会效益明显。\n", "none"),
}
# what stands beside the money: (before the money sentence, after it)
DISTRACTORS = {
    "none": ("", ""),
    "prior_year": ("{y0}年该项目支出{P}万元。\n", ""),
    "target": ("项目计划总投资{T}万元,分两年实施。\n", ""),
    "unit_total": ("{unit}{year}年部门预算总额{U}万元。\n", ""),
    "parts": ("", "其中用于设备购置{a}万元、人员培训{b}万元。\n"),
    "superior": ("全省共下达该项资金{X}万元,", ""),
}
BODY = ("{head}一、项目基本情况\n(一)项目概况\n该项目主要用于改善群众生产生活条件。\n(二)资金使用情况\n"
        "{before}{money}{after}二、绩效目标完成情况\n项目按计划完成,群众满意度95%。\n")


def _amounts(k: int) -> dict[str, str]:
    """The figures of text ``k`` as written: budget B, spent S ≤ B, its rate R and each distractor's."""
    b = 60 + 13 * (k % 41)
    s = round(b * (0.91 + (k % 7) * 0.01), 2)
    p = round(b * 0.8 + 3.7, 2)
    a = round(s * 0.4, 2)
    p1, p2 = round(s * 0.5, 2), round(s * 0.3, 2)
    return {"p1": f"{p1:.2f}", "p2": f"{p2:.2f}", "p3": f"{s - p1 - p2:.2f}", "B": f"{b}", "S": f"{s:.2f}", "R": f"{s / b * 100:.2f}", "P": f"{p:.2f}", "T": f"{b * 3 + 11}",
            "U": f"{b * 17 + 0.35:.2f}", "X": f"{b * 40 + 120}", "a": f"{a:.2f}", "b": f"{round(s * 0.25, 2):.2f}"}


def truth_of(source: str, money: str, name: str, s: float) -> tuple[bool, float | None]:
    """(listed, amount) the gold convention gives."""
    how = MONEY[money][1]
    if source == "unnamed":
        return False, None
    if how == "none":
        return (True, None) if source in FIELD_SOURCES else (False, None)
    return True, (s if how == "spent" else None)


def family(names: list[str] | None = None) -> list[tuple[str, str, dict]]:
    """Every (file name, text, truth) of the full cross source × money × distractor, in a fixed order;
    ``names`` (default NAMES) are the projects' names, rotating."""
    names = NAMES if names is None else names
    out = []
    k = 0
    for si, source in enumerate(SOURCES):
        for mi, money in enumerate(MONEY):
            for di, distractor in enumerate(DISTRACTORS):
                unit = UNITS[(si + di) % len(UNITS)]
                name = names[(si + mi + di) % len(names)]
                year = 2019 + (k % 6)
                f = _amounts(k)
                cut = len(name) // 2
                head = SOURCES[source].format(unit=unit, year=year, y1=year + 1, name=name, head=name[:cut],
                                              tail=name[cut:])
                before, after = DISTRACTORS[distractor]
                if money == "no_money":
                    before, after = "", ""  # no money at all
                fill = dict(unit=unit, year=year, y0=year - 1, **f)
                text = BODY.format(head=head, before=before.format(**fill), money=MONEY[money][0].format(**fill),
                                   after=after.format(**fill))
                listed, amount = truth_of(source, money, name, float(f["S"]))
                # a name in quotes is written whole, its year included (heldout4 q006's gold)
                written = f"{year}年{name}" if source == "title_use" else name
                truth = {"name": written if listed else None, "amount": amount, "listed": listed, "source": source,
                         "money": money, "distractor": distractor, "year": year, "unit": unit}
                out.append((f"ss{k:04d}.txt", text, truth))
                k += 1
    return out


def gold_json(file: str, truth: dict) -> dict:
    """The scorer's gold for one text of the family (projects only are asserted)."""
    projects = [{"name": truth["name"], "amount_wan": truth["amount"]}] if truth["listed"] else []
    return {"file": file, "report_kind": "project", "fiscal_year": truth["year"], "projects": projects,
            "notes": f"synthetic ({truth['source']} × {truth['money']} × {truth['distractor']})"}


def main(argv: list[str]) -> None:
    """Write the family to OUTDIR (texts) and OUTDIR/gold (gold JSON)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from family_io import write_family

    plain = "--plain-names" in argv
    argv = [a for a in argv if a != "--plain-names"]
    write_family(Path(argv[1] if len(argv) > 1 else "synth_single_projects"),
                 family(PLAIN_NAMES if plain else None), gold_json)


if __name__ == "__main__":
    main(sys.argv)
