"""Consistent 项目支出绩效自评表 texts, for planting form faults (scripts/inject_faults.py, bench/checks.py).

``synth_form(seed)`` writes one form as the readers render a table (rows of " | "-joined cells,
the layout of corpus/forms/项目支出绩效自评表.docx): budget lines (年度资金总额 and its 其中 lines,
年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分), indicators (target, actual, 分值, 得分) and the
总分. Its arithmetic holds: the 其中 lines add up to the total in every column, each 执行率 is
执行数 ÷ 全年预算数 to two decimals, the budget line scores 分值 × 执行率, the weights add to 100, every
indicator meets its target and scores its weight, and the 总分 is the sum of the scores. About
half the forms write their amounts as round figures (150 万元), the others with two decimals.
Deterministic: one seed, one text.
"""
from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal

from dataclasses import dataclass, replace

PROJECTS = ["农村公路日常养护项目", "城乡居民医疗救助项目", "义务教育学校公用经费", "小型水库维修养护项目",
            "基层公共文化服务项目", "高标准农田建设项目", "社区养老服务补助", "森林防火专项经费"]
UNITS = ["交通事务中心", "医疗保障局", "教育局", "水利局", "文化馆", "农业农村局", "民政局", "林业局"]
# (二级指标, 三级指标, unit, target range): quantity indicators whose actual meets a ≥ target
INDICATORS = [
    ("数量指标", "养护里程", "公里", (100, 400)),
    ("数量指标", "救助人次", "人次", (500, 5000)),
    ("数量指标", "培训人数", "人", (50, 600)),
    ("数量指标", "维修座数", "座", (10, 60)),
    ("质量指标", "验收合格率", "%", (90, 100)),
    ("时效指标", "资金拨付及时率", "%", (90, 100)),
    ("社会效益指标", "受益群众覆盖率", "%", (80, 100)),
    ("服务对象满意度指标", "服务对象满意度", "%", (85, 95)),
]
LEVEL1 = {"数量指标": "产出指标", "质量指标": "产出指标", "时效指标": "产出指标", "社会效益指标": "效益指标",
          "服务对象满意度指标": "满意度指标"}
BUDGET_WEIGHT = 10


def q2(x: Decimal) -> Decimal:
    """Two decimals, half up."""
    return x.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _amount(rng: random.Random, lo: int, hi: int, round_: bool) -> Decimal:
    return Decimal(rng.randint(lo, hi)) if round_ else q2(Decimal(rng.randint(lo * 100, hi * 100)) / 100)


def _written(d: Decimal, round_: bool) -> str:
    return str(d) if round_ else f"{d:.2f}"


def _weights(rng: random.Random, n: int, total: int) -> list[int]:
    """``n`` weights, multiples of 5 between 5 and 30, adding to ``total``."""
    while True:
        cuts = sorted(rng.sample(range(1, total // 5), n - 1))
        parts = [(b - a) * 5 for a, b in zip([0, *cuts], [*cuts, total // 5])]
        if all(5 <= p <= 30 for p in parts):
            return parts


def synth_form(seed: int) -> str:
    """One consistent 项目支出绩效自评表 (see the module docstring): the national form's wording."""
    return synth_variant(seed)[0]


def synth_variant(seed: int, variant: Variant | None = None) -> tuple[str, dict]:
    """One consistent 项目支出绩效自评表 written in ``variant`` (form_variants.py: header wording,
    column order, row labels, money unit, number formats, layout, total row), with its truth: the
    budget facts the form states (in 万元) and its project. The default variant is the national form
    (``synth_form``); the figures drawn from a seed are the same in every variant."""
    variant = variant or Variant()
    rng = random.Random(f"form:{seed}")
    round_ = rng.random() < 0.5
    project, unit = rng.choice(PROJECTS), rng.choice(UNITS)
    # budget lines: 当年财政拨款 + 上年结转资金 = 年度资金总额, in each column
    grant_init = _amount(rng, 80, 900, round_)
    carried_round = round_ or rng.random() < 0.5  # a round 上年结转 beside amounts with decimals
    carried = _amount(rng, 5, 120, carried_round)
    grant_full = grant_init + _amount(rng, 0, 60, round_)
    grant_exec = q2(grant_full * Decimal(rng.randint(8500, 10000)) / 10000)
    carried_exec = q2(carried * Decimal(rng.randint(6000, 10000)) / 10000)
    if round_:
        grant_exec, carried_exec = grant_exec.to_integral_value(), carried_exec.to_integral_value()
    lines = [("年度资金总额", grant_init + carried, grant_full + carried, grant_exec + carried_exec),
             ("其中:当年财政拨款", grant_init, grant_full, grant_exec),
             ("上年结转资金", carried, carried, carried_exec)]
    budget_rows, budget_score, want = budget_block(variant, lines, round_, carried_round)
    want["project"] = project
    rows = ["项目支出绩效自评表", f"({2021 + seed % 3}年度)", f"项目名称 | {project}",
            f"主管部门 | {unit} | 实施单位 | {unit}", *budget_rows]
    rows += ["年度总体目标 | 预期目标 | 实际完成情况",
             f"| 完成{project}年度任务,保障项目顺利实施。 | 全年完成{project}各项任务,项目运行良好。",
             "绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施"]
    chosen = rng.sample(INDICATORS, rng.randint(5, 7))
    order = list(LEVEL1)
    chosen.sort(key=lambda x: order.index(x[0]))
    weights = _weights(rng, len(chosen), 100 - BUDGET_WEIGHT)
    total = budget_score
    last1, last2 = None, None
    for (level2, name, unit_, (lo, hi)), w in zip(chosen, weights):
        target = rng.randint(lo, hi)
        if unit_ == "%":
            actual = Decimal(rng.randint(target * 10, 1000)) / 10
            actual_text = f"{actual}%"
        else:
            actual = target + rng.randint(0, max(1, target // 10))
            actual_text = f"{actual}{unit_}"
        level1 = LEVEL1[level2]
        c1 = level1 if level1 != last1 else ""
        c2 = level2 if level2 != last2 else ""
        last1, last2 = level1, level2
        rows.append(f"| {c1} | {c2} | {name} | ≥{target}{unit_} | {actual_text} | {w} | {w} |")
        total += w
    rows.append(total_row(variant, q2(total)))
    want["self_score"] = float(q2(total))
    rows.append("填表人:张三 联系电话:0000-0000000 填报日期:2024年3月1日")
    return "\n".join(rows) + "\n", want


# ------------------------------------------------------------------ variants
# Each axis is one way real forms differ (docs/form_variants.md says where each value was seen);
# the first value of each axis is the national form synth_form writes.
# Column roles: init 年初预算数, full 全年预算数, exec 全年执行数, weight 分值, rate 执行率, score 得分, reason 原因.
WORDINGS = {
    "national": dict(init="年初预算数", full="全年预算数", exec="全年执行数", weight="分值", rate="执行率", score="得分", reason="原因"),
    "四川 调整后预算数": dict(init="年初预算", full="调整后预算数", exec="预算执行数", weight="权重", rate="预算执行率", score="得分", reason="原因"),
    "(A)/(B) marks": dict(init="年初预算数", full="全年预算数(A)", exec="全年执行数(B)", weight="分值", rate="执行率(B/A)", score="得分", reason="原因"),
    "海南 执行数 执行率(%)": dict(init="年初预算数", full="全年预算数", exec="执行数", weight="分值", rate="执行率(%)", score="得分", reason="原因"),
    "重庆 全年(调整)预算数": dict(init="年初预算数", full="全年(调整)预算数", exec="全年执行数", weight="执行率权重", rate="执行率", score="执行率得分", reason="原因"),
    "湖北 预算数(A)": dict(init="年初预算数", full="预算数(A)", exec="执行数(B)", weight="分值", rate="执行率(B/A)", score="得分", reason="原因"),
    "×100% rate": dict(init="年初预算数", full="全年预算数(A)", exec="全年执行数(B)", weight="分值", rate="预算执行率(B/A×100%)", score="得分", reason="原因"),
    "北京 分值(10分)": dict(init="年初预算数", full="全年预算数(A)", exec="全年执行数(B)", weight="分值(10分)", rate="执行率(B/A)", score="得分", reason="得分计算方法"),
    "批复/调整/实际支出": dict(init="年初批复预算", full="全年调整预算数", exec="实际支出数", weight="分值权重", rate="资金执行率", score="得分", reason="原因"),
    "河北 预算执行进度(%)": dict(init="年初预算数", full="全年预算数", exec="全年执行数", weight="分值", rate="预算执行进度(%)", score="得分", reason="原因"),
    "山东 年初预算数(A)": dict(init="年初预算数(A)", full="全年预算数", exec="全年执行数(B)", weight="分值", rate="执行率(B/A)", score="得分", reason="得分计算方法"),
}
ORDERS = {
    "national": ("init", "full", "exec", "weight", "rate", "score"),
    "执行率 before 分值": ("init", "full", "exec", "rate", "weight", "score"),
    "原因 column last": ("init", "full", "exec", "rate", "weight", "score", "reason"),
    "no 年初预算数": ("full", "exec", "weight", "rate", "score"),
    "年初预算数 only": ("init", "exec", "weight", "rate", "score"),
    "no 分值": ("full", "exec", "rate", "score"),
    "money and 执行率 only": ("full", "exec", "rate"),
}
TOTAL_LABELS = ["年度资金总额", "年度资金总额:", "资金总额:", "总额", "年度财政资金总额", "年度总金额", "合计 (first row)",
                "合计 (last row)"]
LINE_LABELS = {  # the 其中 lines: (the grant, the carried-over funds, the empty line)
    "national": ("其中:当年财政拨款", "上年结转资金", "其他资金"),
    "财政资金/单位资金": ("其中:财政资金", "单位资金", "财政专户管理资金"),
    "本年财政拨款": ("其中:本年财政拨款", "上年结转资金", "其他资金"),
    "中央财政补助/地方资金": ("其中:中央财政补助", "地方资金", "其他资金"),
}
UNITS_DECLARED = ["项目资金(万元)", "项目资金(元)", "资金构成(元)", "资金情况(万元)", "(元) cell", "金额单位:元 line",
                  "单位:万元 line", "(元) in each column label", "万元 on the first money cell", "no unit (万元)"]
NUMBER_FORMATS = ["plain", "thousands separators (元)", "执行率 without %", "执行率 as a fraction", "执行率 whole %",
                  "分值/得分 with decimals", "blank placeholders"]
LAYOUTS = ["grid", "pairs row (河北)", "label: value cells", "计划投资额 pairs (湖南/海南)"]
# a cell the form left blank (乐亭 heldout9 u012: 调整预算数 empty; 其中 lines without 分值/得分): a
# flattening that drops empty cells shifts the figures after it left
BLANKS = ["none", "年初预算数 blank (total row)", "全年预算数 blank (total row)", "年初预算数 blank (其中 line)",
          "全年预算数 blank (其中 line)", "分值/得分 blank (其中 lines)"]
TOTAL_ROWS = ["总分 | 100 | s | 优", "合计 | 100.00 | s", "总分 | 100 | s", "总计 | 100 | s | 优", "自评得分 | s"]


@dataclass(frozen=True)
class Variant:
    """How one form is written: a value of each axis (the defaults: the national form)."""

    wording: str = "national"
    order: str = "national"
    total_label: str = "年度资金总额"
    lines: str = "national"
    unit: str = "项目资金(万元)"
    numbers: str = "plain"
    layout: str = "grid"
    total_row: str = "总分 | 100 | s | 优"
    blank: str = "none"


AXES = {"wording": list(WORDINGS), "order": list(ORDERS), "total_label": TOTAL_LABELS, "lines": list(LINE_LABELS),
        "unit": UNITS_DECLARED, "numbers": NUMBER_FORMATS, "layout": LAYOUTS, "total_row": TOTAL_ROWS,
        "blank": BLANKS}

# Real forms as written, each a combination of the axes above (docs/form_variants.md).
SITES = {
    "海南 资金构成(元) (heldout6 s010)": Variant("海南 执行数 执行率(%)", "national", "资金总额:", "财政资金/单位资金",
                                           "资金构成(元)", "thousands separators (元)", "grid", "合计 | 100.00 | s"),
    "四川 部门预算项目 (dev d002)": Variant("四川 调整后预算数", "原因 column last", "总额", "财政资金/单位资金"),
    "河北 成安县 (heldout6 s020)": Variant(layout="pairs row (河北)"),
    "宁夏 OCR (heldout5 r002)": Variant(order="money and 执行率 only", lines="中央财政补助/地方资金", unit="万元 on the first money cell"),
    "重庆 (pool p0208)": Variant("重庆 全年(调整)预算数", "执行率 before 分值", "年度总金额"),
    "山东 (pool p0115)": Variant("山东 年初预算数(A)", "年初预算数 only", "年度资金总额:"),
    "湖北 (pool p0257)": Variant("湖北 预算数(A)", "no 分值", "年度财政资金总额"),
    "云南 公开14表 (dev d005)": Variant(unit="项目资金(元)"),
}


def variants(axis: str) -> list[tuple[str, Variant]]:
    """(value, Variant) for each value of one axis, the others at the national form's; axis "sites": the real combinations."""
    if axis == "sites":
        return list(SITES.items())
    return [(value, replace(Variant(), **{axis: value})) for value in AXES[axis]]


def _money(v: Variant, d: Decimal, round_: bool) -> str:
    """An amount in 万元 written as the variant writes money (元, thousands separators)."""
    if _in_yuan(v):
        y = d * 10000
        return f"{y:,.2f}" if v.numbers == "thousands separators (元)" else f"{y:.2f}"
    return _written(d, round_)


def _in_yuan(v: Variant) -> bool:
    return "元" in v.unit.replace("万元", "") or v.numbers == "thousands separators (元)"


def _rate(v: Variant, spent: Decimal, budget: Decimal) -> tuple[str, float]:
    """The 执行率 cell as written and the truth it states (a percent)."""
    rate = q2(spent / budget * 100)
    if v.numbers == "执行率 as a fraction":
        f = (spent / budget).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
        return f"{f}", float(f * 100)
    if v.numbers == "执行率 whole %":
        w = rate.quantize(Decimal("1"), rounding=ROUND_HALF_UP)
        return f"{w}%", float(w)
    if v.numbers == "执行率 without %" or v.layout == "pairs row (河北)":
        return f"{rate}", float(rate)
    return f"{rate}%", float(rate)


def budget_block(v: Variant, lines, round_: bool, carried_round: bool) -> tuple[list[str], Decimal, dict]:
    """The budget block's rows as the variant writes them, the budget line's score, and the truth
    (budget_initial / budget_full_year / budget_executed / execution_rate, in 万元 and percent)."""
    if v.layout != "grid":
        return _pairs_block(v, lines, round_)
    words, roles = WORDINGS[v.wording], ORDERS[v.order]
    unit_word = "元" if _in_yuan(v) else "万元"
    head = {"项目资金(万元)": "项目资金(万元)", "项目资金(元)": "项目资金(元)", "资金构成(元)": "资金构成(元)",
            "资金情况(万元)": "资金情况(万元)", "(元) cell": "项目资金 | (元)"}.get(v.unit, "项目资金")
    if v.numbers == "thousands separators (元)" and v.unit == "项目资金(万元)":
        head = "项目资金(元)"
    labels = [words[r] + (f"({unit_word})" if v.unit == "(元) in each column label" and r in ("init", "full", "exec") else "")
              for r in roles]
    rows = []
    if v.unit == "金额单位:元 line":
        rows.append("金额单位:元")
    if v.unit == "单位:万元 line":
        rows.append("单位:万元")
    rows.append(f"{head} | " + ("| " if v.unit != "(元) cell" else "") + " | ".join(labels))
    budget_col = "full" if "full" in roles else "init"
    names = dict(zip(("grant", "carried", "other"), LINE_LABELS[v.lines]))
    total_name = v.total_label.split(" (")[0]
    weight = f"{BUDGET_WEIGHT}.00" if v.numbers == "分值/得分 with decimals" else f"{BUDGET_WEIGHT}"
    dash = "" if v.numbers == "blank placeholders" else "—"
    want: dict = {}
    body, score = [], Decimal(0)
    for i, (name, init, full, spent) in enumerate(lines):
        plan_round = round_ or (carried_round and name == "上年结转资金")
        blank = _blank_cell(v, i)
        budget = full if budget_col == "full" and blank != "full" else init
        rate_text, rate = _rate(v, spent, budget)
        cells = {"init": _money(v, init, plan_round), "full": _money(v, full, plan_round), "exec": _money(v, spent, round_),
                 "rate": rate_text, "weight": dash, "score": dash, "reason": ""}
        if blank:
            cells[blank] = ""
        if v.blank == "分值/得分 blank (其中 lines)":
            cells["weight"] = cells["score"] = ""
        if v.unit == "万元 on the first money cell":
            first = next(r for r in roles if r in ("init", "full", "exec"))
            cells[first] += "万元"
        if i == 0:
            score = q2(Decimal(BUDGET_WEIGHT) * min(q2(spent / budget * 100), Decimal(100)) / 100)
            cells["weight"] = weight
            cells["score"] = f"{score:.2f}" if v.numbers == "分值/得分 with decimals" else f"{score}"
            label = total_name
            want = {"budget_executed": float(spent), "execution_rate": rate}
            if "init" in roles and blank != "init":
                want["budget_initial"] = float(init)
            if "full" in roles and blank != "full":
                want["budget_full_year"] = float(full)
        else:
            label = names["grant"] if name.startswith("其中") else names["carried"]
        body.append(f"| {label} | {' | '.join(cells[r] for r in roles)}")
    zero = "0.00" if not _in_yuan(v) else "0.00"
    other = "" if v.blank == "分值/得分 blank (其中 lines)" else dash
    body.append(f"| {names['other']} | {' | '.join(zero if r in ('init', 'full', 'exec') else other for r in roles)}")
    if v.total_label == "合计 (last row)":
        body = body[1:] + body[:1]
    return rows + body, score, want


def _blank_cell(v: Variant, i: int) -> str:
    """The column role the variant leaves blank on budget line ``i`` (0 the total row, 1 the first
    其中 line, 2 the carried-over line), or ""."""
    if v.blank == "分值/得分 blank (其中 lines)":
        return ""
    role = "init" if v.blank.startswith("年初") else "full" if v.blank.startswith("全年") else ""
    row = 0 if "total row" in v.blank else 1
    return role if i == row else ""


def _pairs_block(v: Variant, lines, round_: bool) -> tuple[list[str], Decimal, dict]:
    """The budget as label → value pairs (no column header over the figures)."""
    (_, _, full, spent), (_, _, g_full, g_spent), (_, _, c_full, c_spent) = lines
    rate_text, rate = _rate(v, spent, full)
    w = lambda d: _written(d, round_)  # noqa: E731
    want = {"budget_full_year": float(full), "budget_executed": float(spent), "execution_rate": rate}
    score = q2(Decimal(BUDGET_WEIGHT) * min(q2(spent / full * 100), Decimal(100)) / 100)
    if v.layout == "pairs row (河北)":
        rows = ["金额单位: 万元",
                "二、预算执行情况 | 预算安排情况(调整后) | 资金到位情况 | 资金执行情况 | 预算执行进度(%)",
                f"预算数 | {w(full)} | 到位数 | {w(full)} | 执行数 | {w(spent)} | {rate_text}",
                f"其中:财政资金 | {w(g_full)} | 其中:财政资金 | {w(g_full)} | 其中:财政资金 | {w(g_spent)}",
                f"其他 | {w(c_full)} | 其他 | {w(c_full)} | 其他 | {w(c_spent)}"]
    elif v.layout == "label: value cells":
        rows = [f"全年预算数: | {w(full)} | 全年执行数: | {w(spent)} | 执行率: | {rate_text}"]
    else:
        rows = [f"计划投资额 | (万元) | {w(full)} | 实际到位资金 | (万元) | {w(full)} | 实际使用情况(万元) | {w(spent)}"]
        del want["execution_rate"]
    return rows, score, want


def total_row(v: Variant, total: Decimal) -> str:
    """The form's total row as the variant writes it."""
    grade = "优" if total >= 90 else "良"
    return {"总分 | 100 | s | 优": f"总分 | 100 | {total} | {grade}", "合计 | 100.00 | s": f"合计 | 100.00 | {total}",
            "总分 | 100 | s": f"总分 | 100 | {total}", "总计 | 100 | s | 优": f"总计 | 100 | {total} | {grade}",
            "自评得分 | s": f"自评得分 | {total}"}[v.total_row]


if __name__ == "__main__":
    import sys

    print(synth_form(int(sys.argv[1]) if len(sys.argv) > 1 else 0))
