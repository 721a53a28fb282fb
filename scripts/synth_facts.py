"""A synthetic family of project reports whose budget facts are written in prose, with known truth:
each way of stating a fact mined from the development texts (docs/fact_phrasings.md), crossed with
money units (万元/元), and with distractors that must NOT be read as the fact, so the facts
reader's generality is measured without tuning to a document.

    python scripts/synth_facts.py OUTDIR     # OUTDIR/*.txt and OUTDIR/gold/*.json (the scorer's format)

``family()`` gives every (file name, text, truth) of the family. ``truth`` is
{"facts": {key: value}, "phrasings": {key: phrasing id}, "unit": "万元"|"元", "distractor": id|None};
the facts are the canonical keys of ../shared/eval/README.md (money in 万元, rates in percent,
scores in points). Each text is a small project report (title, 一、项目基本情况 prose with its
资金情况, 二、绩效目标完成情况, 三、自评结论) stating budget_initial, budget_full_year,
budget_executed, execution_rate, balance and self_score, each in one phrasing: the phrasing under
test for one key, the others rotating through their own key's phrasings, so every phrasing meets
many others. The gold conventions hold: a spending verb states the executed amount; 拨付 counts
only beside a stated 执行率 (every text states one); a plan, a target, a part (其中…), another
year's or another fund's money is no fact. Deterministic: the same family every run.
"""
from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path

UNITS = ["绩溪县交通运输局", "保山市隆阳区农业农村局", "寻甸县林业和草原局", "新化县教育局",
         "永安市民政局", "临湘市水利局", "渠县文化广播电视和旅游局"]
NAMES = ["农村公路日常养护项目", "小型水库除险加固工程", "义务教育薄弱学校改造补助资金",
         "困难群众基本生活救助资金", "森林防火专项经费", "高标准农田建设项目", "非遗保护传承补助项目"]

# Phrasings mined from the development texts: (id, key, template). {v} is the value as written
# (amount with its unit, rate with %, score with 分); the id names the form: L_ a label before the
# figure, F_ the figure before its verb, the connector after the last underscore.
PHRASINGS = [
    # the initial budget
    ("init_年初预算数", "budget_initial", "年初预算数{v}"),
    ("init_年初预算数_为", "budget_initial", "年初预算数为{v}"),
    ("init_年初预算安排资金", "budget_initial", "年初预算安排资金{v}"),
    ("init_年初批复预算", "budget_initial", "年初批复预算{v}"),
    ("init_年初预算资金_为", "budget_initial", "年初预算资金为{v}"),
    ("init_年初安排预算资金_共计", "budget_initial", "年初安排预算资金共计{v}"),
    ("init_年初预算", "budget_initial", "年初预算{v}"),
    ("init_年初财政下达资金", "budget_initial", "年初财政下达资金{v}"),
    ("init_年初下达预算支出", "budget_initial", "年初下达预算支出{v}"),
    # the budget of the year, after adjustment
    ("full_全年预算数_为", "budget_full_year", "全年预算数为{v}"),
    ("full_全年预算资金", "budget_full_year", "全年预算资金{v}"),
    ("full_调整后预算数", "budget_full_year", "调整后预算数{v}"),
    ("full_调整后全年预算_为", "budget_full_year", "调整后全年预算为{v}"),
    ("full_预算调整后_为", "budget_full_year", "预算调整后为{v}"),
    ("full_经调整全年预算_为", "budget_full_year", "经调整,全年预算为{v}"),
    ("full_预算总额_为", "budget_full_year", "项目预算总额为{v}"),
    ("full_调整预算_为", "budget_full_year", "年中调整预算为{v}"),
    ("full_全年可用预算", "budget_full_year", "全年可用预算{v}"),
    ("full_预算安排总额", "budget_full_year", "项目预算安排总额{v}"),
    # the money spent: a label (or verb) before the figure
    ("exec_实际支出", "budget_executed", "实际支出{v}"),
    ("exec_实际支出_为", "budget_executed", "实际支出为{v}"),
    ("exec_全年执行数_为", "budget_executed", "全年执行数为{v}"),
    ("exec_执行金额_为", "budget_executed", "项目执行金额为{v}"),
    ("exec_共支出", "budget_executed", "共支出{v}"),
    ("exec_累计支出资金", "budget_executed", "累计支出资金{v}"),
    ("exec_支出资金_共计", "budget_executed", "支出资金共计{v}"),
    ("exec_累计拨付资金", "budget_executed", "累计拨付资金{v}"),
    ("exec_已拨付_到位", "budget_executed", "已拨付到位{v}"),
    ("exec_实际发放", "budget_executed", "实际发放补助资金{v}"),
    ("exec_共发放", "budget_executed", "共发放补助资金{v}"),
    ("exec_完成投资", "budget_executed", "全年完成投资{v}"),
    ("exec_累计完成投资", "budget_executed", "累计完成投资{v}"),
    ("exec_已使用资金", "budget_executed", "已使用资金{v}"),
    ("exec_实际使用资金", "budget_executed", "实际使用资金{v}"),
    ("exec_共计兑付", "budget_executed", "共计兑付补贴资金{v}"),
    ("exec_共兑现", "budget_executed", "全年共兑现补贴资金{v}"),
    ("exec_累计报账", "budget_executed", "累计报账资金{v}"),
    ("exec_实际支付", "budget_executed", "实际支付{v}"),
    ("exec_累计支付资金_合计", "budget_executed", "累计支付资金合计{v}"),
    ("exec_实际执行", "budget_executed", "实际执行{v}"),
    ("exec_决算数_为", "budget_executed", "决算数为{v}"),
    ("exec_全年执行", "budget_executed", "全年执行{v}"),
    ("exec_实际支出_达", "budget_executed", "实际支出达{v}"),
    ("exec_累计实际支出", "budget_executed", "累计实际支出{v}"),
    ("exec_支出金额_为", "budget_executed", "支出金额为{v}"),
    ("exec_全年共支出资金", "budget_executed", "全年共支出资金{v}"),
    ("exec_拨付使用", "budget_executed", "拨付使用{v}"),
    ("exec_使用救助资金", "budget_executed", "使用救助资金{v}"),
    ("exec_实际形成支出", "budget_executed", "实际形成支出{v}"),
    ("exec_已形成支出", "budget_executed", "截至年底已形成支出{v}"),
    ("exec_实际支出总额", "budget_executed", "项目实际支出总额{v}"),
    # the money spent: the figure before its verb
    ("exec_F_全部执行到位", "budget_executed", "项目资金{v}已全部执行到位"),
    ("exec_F_全部支出完毕", "budget_executed", "项目资金{v}全部支出完毕"),
    ("exec_F_使用完毕", "budget_executed", "资金{v}已使用完毕"),
    ("exec_F_全部拨付", "budget_executed", "项目资金{v}已全部拨付"),
    ("exec_F_全部兑付", "budget_executed", "补贴资金{v}已全部兑付到户"),
    ("exec_F_全部发放", "budget_executed", "补助资金{v}已全部发放到户"),
    ("exec_F_拨付使用完毕", "budget_executed", "项目资金{v}已拨付使用完毕"),
    ("exec_F_逗号_使用完毕", "budget_executed", "项目资金共计{v},截至年底已全部使用完毕"),
    # the figure, then clauses that take its subject, then the verb that completes it (heldout9 u006, u008,
    # u020; bench/completion_spent.py)
    ("exec_F_于_支出完毕", "budget_executed", "共下达项目资金{v},于次年2月1日支出完毕"),
    ("exec_F_到位_全部已使用", "budget_executed", "项目资金{v},全部已到位,全部已使用"),
    ("exec_F_用于_全部执行完毕", "budget_executed", "项目资金{v},用于道路养护、桥梁维修、安全设施更新,全部执行完毕"),
    ("exec_F_该资金_使用完毕", "budget_executed", "上级下达项目资金{v},该资金已全部使用完毕"),
    ("exec_F_已全部支付", "budget_executed", "项目资金{v}已全部支付"),
    ("exec_F_全部支付到位", "budget_executed", "项目资金{v}全部支付到位"),
    ("exec_F_截至_已全部支出", "budget_executed", "项目资金{v},截至年底已全部支出"),
    # the execution rate
    ("rate_预算执行率_为", "execution_rate", "预算执行率为{v}"),
    ("rate_资金执行率", "execution_rate", "资金执行率{v}"),
    ("rate_执行率_达", "execution_rate", "执行率达{v}"),
    ("rate_执行率_达到", "execution_rate", "执行率达到{v}"),
    ("rate_完成预算的", "execution_rate", "完成预算的{v}"),
    ("rate_预算完成率", "execution_rate", "预算完成率{v}"),
    ("rate_支出进度_为", "execution_rate", "资金支出进度为{v}"),
    ("rate_支付进度_为", "execution_rate", "资金支付进度为{v}"),
    ("rate_执行率_为", "execution_rate", "执行率为{v}"),
    ("rate_资金使用率", "execution_rate", "资金使用率{v}"),
    ("rate_预算支出率_为", "execution_rate", "预算支出率为{v}"),
    ("rate_支出率", "execution_rate", "支出率{v}"),
    # the balance
    ("bal_结余", "balance", "结余{v}"),
    ("bal_结转结余_为", "balance", "结转结余为{v}"),
    ("bal_资金结余", "balance", "资金结余{v}"),
    # the self-assessment score
    ("score_自评得分", "self_score", "经自评,该项目自评得分{v}"),
    ("score_自评得分_为", "self_score", "项目绩效自评得分为{v}"),
    ("score_自评分数_为", "self_score", "项目自评分数为{v}"),
    ("score_综合评分", "self_score", "综合评分{v}"),
    ("score_综合得分_为", "self_score", "综合得分为{v}"),
    ("score_评定为", "self_score", "经评价小组评定,该项目综合评定为{v}"),
    ("score_自评总分", "self_score", "自评总分{v}"),
    ("score_最终得分", "self_score", "最终得分{v}"),
    ("score_F_自评等级", "self_score", "该项目得分{v},自评等级为优"),
    ("score_自评得分_colon", "self_score", "自评得分:{v}"),
    ("score_结果为优_得分", "self_score", "自评结果为优秀,得分{v}"),
    ("score_评价得分_为", "self_score", "绩效评价得分为{v}"),
]
KEYS = ["budget_initial", "budget_full_year", "budget_executed", "execution_rate", "balance", "self_score"]

# Distractors: a sentence that states money, a rate or a score that is NOT the report's fact; where
# it goes ("budget": after the budget sentence, "spent": after the spending sentence, "goal": in
# 二、绩效目标完成情况, "score": after the score). {x}, {y} are amounts, {r} a rate, {p} a score.
DISTRACTORS = [
    ("prior_year_before", "budget", "{prev}年该项目年初预算数{x},实际支出{y},预算执行率{r}。"),
    ("prior_year_after", "spent", "{prev}年该项目全年预算数为{x},全年执行数{y}。"),
    ("last_year_word", "spent", "上年同期实际支出{y},执行率{r}。"),
    ("parts", "budget", "其中:中央财政资金{x},省级财政资金{y}。"),
    ("parts_spent", "spent", "其中:工程款支出{y},监理费支出{z}。"),
    ("other_fund", "spent", "另有社会捐赠资金{x}用于项目配套,不纳入本次评价范围。"),
    ("plan", "budget", "项目计划投资{x},计划总投资{y}。"),
    ("goal_target", "goal", "年度绩效目标为:预算执行率≥95%,资金支出{x}。"),
    ("goal_plan_rate", "goal", "按照计划,资金支出进度应达到{r}。"),
    ("score_parts", "score", "其中项目决策得分{p}分,过程管理得分18分。"),
    ("other_fund_allotted", "spent", "此外,省级配套资金{x}已全部拨付到位,用于项目后续建设。"),
    ("parts_spent_funds", "spent", "其中中央资金支出{y},省级资金支出{z}。"),
    ("parts_F_used", "spent", "其中中央资金{x}已全部使用完毕。"),
    # in the spending sentence itself, right before the executed figure's phrase: money passed down, last
    # year's spending, a plan, a per-person rate
    ("inline_allotted", "spent_lead", "上级下达补助资金{x},"),
    ("inline_last_year", "spent_lead", "上年同期支出{y},"),
    ("inline_plan", "spent_lead", "项目计划投资{x},"),
    ("inline_per_person", "spent_lead", "按{w}元/人的标准,"),
]

PREV = 1
# where the money is stated: two sentences under (二)项目资金情况, numbered items with a colon, or
# one sentence holding every budget fact
LAYOUTS = ["sections", "numbered", "one_sentence"]


def _amount(wan: Decimal, unit: str, k: int) -> str:
    """The amount ``wan`` (万元) as written in ``unit``: 万元 as is, 元 with or without thousands commas."""
    if unit == "万元":
        return f"{wan:f}万元"
    yuan = wan * 10000
    text = f"{yuan:.2f}" if k % 2 else f"{int(yuan)}" if yuan == int(yuan) else f"{yuan:f}"
    if k % 3 == 0:
        whole, _, frac = text.partition(".")
        text = f"{int(whole):,}" + (f".{frac}" if frac else "")
    return text + "元"


def _figures(k: int) -> dict[str, Decimal]:
    """The facts of text ``k``: an initial budget, an adjusted one, the spending within it, the
    rate and the balance that follow, a score."""
    initial = Decimal(120 + 37 * (k % 23)) + Decimal(k % 7) / Decimal(4)
    full = initial + Decimal(10 * (k % 3))
    executed = (full * Decimal(90 + k % 10) / 100).quantize(Decimal("0.01"))
    if k % 5 == 0:
        executed = full  # all spent (执行到位, 100%)
    rate = (executed / full * 100).quantize(Decimal("0.01"))
    score = Decimal(85 + k % 15) + (Decimal("0.5") if k % 2 else 0)
    return {"budget_initial": initial, "budget_full_year": full, "budget_executed": executed,
            "execution_rate": rate, "balance": full - executed, "self_score": score}


def _written(key: str, value: Decimal, unit: str, k: int) -> str:
    if key == "execution_rate":
        return f"{value.normalize():f}%"
    if key == "self_score":
        return f"{value.normalize():f}分"
    return _amount(value.normalize(), unit, k)


def _text(k: int, chosen: dict[str, str], unit: str, distractor: tuple | None) -> tuple[str, dict]:
    fig = _figures(k)
    year = 2019 + k % 6
    unit_name, name = UNITS[k % len(UNITS)], NAMES[k % len(NAMES)]
    phr = {p[0]: p for p in PHRASINGS}

    def say(key: str) -> str:
        lead = extra["spent_lead"] if key == "budget_executed" else ""
        return lead + phr[chosen[key]][2].format(v=_written(key, fig[key], unit, k))

    extra = {"budget": "", "spent": "", "goal": "", "score": "", "spent_lead": ""}
    if distractor is not None:
        _, where, template = distractor
        x = _amount((fig["budget_full_year"] * Decimal("0.6")).quantize(Decimal("0.01")).normalize(), unit, k + 1)
        y = _amount((fig["budget_executed"] * Decimal("0.3")).quantize(Decimal("0.01")).normalize(), unit, k + 1)
        z = _amount(Decimal(k % 9 + 3), unit, k)
        extra[where] = template.format(prev=year - PREV, x=x, y=y, z=z, r=f"{80 + k % 7}%", p=15 + k % 4,
                                       w=600 + 50 * (k % 9))
    layout = LAYOUTS[(k + k // 3) % len(LAYOUTS)]
    kind = "" if name.endswith("项目") else "项目"
    head = f"{unit_name}{year}年度{name}{kind}支出绩效自评报告\n"
    if layout == "sections":  # the facts in two sentences under 资金情况
        joiner = "," if k % 2 else "。"
        money = (f"(二)项目资金情况\n{year}年{name}{say('budget_initial')}{joiner}{say('budget_full_year')}。"
                 f"{extra['budget']}\n截至{year}年12月31日,{say('budget_executed')},{say('execution_rate')},"
                 f"{say('balance')}。{extra['spent']}\n")
    elif layout == "numbered":  # numbered items with a colon: 1.资金到位情况:… 2.资金执行情况:…
        money = (f"(二)项目资金情况\n1.资金到位情况:{year}年该项目{say('budget_initial')},{say('budget_full_year')}。"
                 f"{extra['budget']}\n2.资金执行情况:截至12月底,{say('budget_executed')},{say('execution_rate')}。"
                 f"{extra['spent']}\n3.资金结余情况:{say('balance')}。\n")
    else:  # "one_sentence": every budget fact in one sentence of the 项目概况
        money = (f"{year}年,该项目{say('budget_initial')},{say('budget_full_year')},{say('budget_executed')},"
                 f"{say('execution_rate')},{say('balance')}。{extra['budget']}{extra['spent']}\n")
    text = (
        head + "一、项目基本情况\n"
        f"(一)项目概况\n{name}是{unit_name}{year}年度实施的民生项目,主要用于改善群众生产生活条件。\n"
        + money +
        "二、绩效目标完成情况\n"
        f"{extra['goal']}项目按计划完成各项建设任务,达到预期效果。\n"
        "三、自评结论\n"
        f"{say('self_score')}。{extra['score']}\n"
    )
    facts = {key: float(fig[key]) for key in KEYS}
    return text, facts


def family() -> list[tuple[str, str, dict]]:
    """Every (file name, text, truth) of the family: each phrasing of each key, in 万元 and in 元,
    without a distractor and with two of them (rotating), the other keys in rotating phrasings."""
    by_key = {key: [p[0] for p in PHRASINGS if p[1] == key] for key in KEYS}
    out = []
    k = 0
    n = len(DISTRACTORS)
    for pid, key, _ in PHRASINGS:
        for unit in ("万元", "元"):
            j = k // 3
            for d in (None, DISTRACTORS[j % n], DISTRACTORS[(j + n // 2 + 1) % n]):
                chosen = {other: by_key[other][(k + 7 * i) % len(by_key[other])] for i, other in enumerate(KEYS)}
                chosen[key] = pid
                text, facts = _text(k, chosen, unit, d)
                truth = {"facts": facts, "phrasings": chosen, "unit": unit, "layout": LAYOUTS[(k + k // 3) % len(LAYOUTS)],
                         "distractor": d[0] if d else None, "tested": key}
                out.append((f"f{k:04d}.txt", text, truth))
                k += 1
    return out


def gold_json(file: str, truth: dict) -> dict:
    """The scorer's gold for one text of the family (facts only are asserted)."""
    return {"file": file, "report_kind": "project", "amounts_wan": [], "percents": [], "lengths_km": [],
            "facts": truth["facts"], "projects": [], "notes": json.dumps(truth["phrasings"], ensure_ascii=False)}


def main(argv: list[str]) -> None:
    """Write the family to OUTDIR (texts) and OUTDIR/gold (gold JSON)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from family_io import write_family

    write_family(Path(argv[1] if len(argv) > 1 else "synthetic-facts"), family(), gold_json)


if __name__ == "__main__":
    main(sys.argv)
