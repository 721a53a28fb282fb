"""Synthetic department-wide self-assessment forms (部门整体支出绩效自评表) in the templates met on real
pages (docs/form_variants_department.md), each with known truth and its arithmetic holding.
bench/department_family.py writes each in every flattening of bench/form_family.py.

Templates (``TEMPLATES``):

* ``national``  财预〔2020〕10号 附件2: 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 over
  年度资金总额, then 按收入性质分 / 按支出性质分 (pool p0229 安徽, heldout3 k009 湖南)
* ``chongqing`` 重庆 部门整体绩效自评表: 自评总分 in the header; 资金情况 年初预算数 | 全年(调整)预算数 |
  全年执行数 | 执行率 | 执行率权重 | 执行率得分 over 年度总金额 / 其中:财政拨款 / 一般公共预算 (pool p0208)
* ``guizhou``   贵州: 部门(单位)总体资金(万元) | 资金来源 | 年初预算数(A) | 全年执行数(B) | 分值(10分) |
  得分 | 得分计算方法 over 年度资金总额: / 基本支出 / 项目支出 / 其他 (heldout2 g017)
* ``fujian``    福建: 财政资金安排和使用情况 资金结构 | 预算安排 | 拨付情况 | 结余情况 (万元), columns
  年初部门预算安排金额(含历年结余结转)① | 年中调整金额② | 小计 ③=①+② | 年度拨付金额④ |
  支出实现率(%)⑤=④/③ | 本年度结余金额⑥=③-④ | 资金结余率(%)⑦=⑥/③ over 财政资金小计 / ①项目支出 /
  ②基本支出 / 2.单位其它收入 / 合计 (heldout5 r023)
* ``jiangxi``   江西: 整体支出规模 全年预算数 | 全年执行数 | 执行率 over 资金来源:(1)财政拨款 / (2)其他资金 and
  资金结构:(1)基本支出 / (2)项目支出, no total row (heldout5 r010, whose money cells the text lost)

``synth_variant(template, seed)`` gives (text with " | " between cells, truth: the facts the form
states: budget_initial, budget_full_year, budget_executed, execution_rate, balance, self_score,
basic_expenditure and project_expenditure as the template states them). Deterministic.
"""
from __future__ import annotations

import random

UNITS = ("某县民政局", "某市地震局", "某区林业局", "某县交通运输局", "某镇人民政府")
TEMPLATES = ("national", "chongqing", "guizhou", "fujian", "jiangxi")


def _f(x: float) -> str:
    return f"{x:.2f}"


def _money(rnd: random.Random) -> dict[str, float]:
    """One year's department money whose arithmetic holds: initial + adjustment = full year,
    executed ≤ full year, basic + project = the whole in each column."""
    basic_initial = round(rnd.uniform(80, 2000), 2)
    project_initial = round(rnd.uniform(10, 800), 2)
    basic_adj = round(rnd.uniform(0, 0.3) * basic_initial, 2)
    project_adj = round(rnd.choice([0, rnd.uniform(0, 0.5)]) * project_initial, 2)
    basic_full, project_full = round(basic_initial + basic_adj, 2), round(project_initial + project_adj, 2)
    basic_exec = round(basic_full * rnd.uniform(0.9, 1.0), 2)
    project_exec = round(project_full * rnd.choice([1.0, rnd.uniform(0.8, 1.0)]), 2)
    m = {"basic_initial": basic_initial, "project_initial": project_initial, "basic_adj": basic_adj,
         "project_adj": project_adj, "basic_full": basic_full, "project_full": project_full,
         "basic_exec": basic_exec, "project_exec": project_exec}
    for k in ("initial", "adj", "full", "exec"):
        m[k] = round(m[f"basic_{k}"] + m[f"project_{k}"], 2)
    m["rate"] = round(m["exec"] / m["full"] * 100, 2)
    m["balance"] = round(m["full"] - m["exec"], 2)
    return m


def _indicators(points: list[str]) -> list[list[str]]:
    inds = [("产出指标", "数量指标", "开展宣传活动场数", "≥10场", "11场", "20"),
            ("产出指标", "质量指标", "验收合格率", "100%", "100%", "20"),
            ("效益指标", "社会效益指标", "群众知晓率", "≥90%", "93%", "30"),
            ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "95%", "20")]
    return [["", *i[:5], i[5], i[5], ""] for i in inds][: len(points)]


def national(rnd: random.Random, year: int, unit: str) -> tuple[list[list[str]], dict[str, float]]:
    m = _money(rnd)
    score = round(10 * min(m["rate"] / 100, 1), 2)
    general = round(m["full"] * 0.9, 2)
    rows = [["部门(单位)整体支出绩效自评表"], [f"({year}年度)"],
            ["部门(单位)名称", unit],
            ["年度预算执行情况(万元)", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["", "年度资金总额", _f(m["initial"]), _f(m["full"]), _f(m["exec"]), "10", f"{m['rate']:.2f}%", _f(score)],
            ["", "按收入性质分:", "", "", "", "按支出性质分:", "", ""],
            ["", "其中:一般公共预算", _f(general), "", "", "其中:基本支出", _f(m["basic_exec"]), ""],
            ["", "其他资金", _f(round(m["full"] - general, 2)), "", "", "项目支出", _f(m["project_exec"]), ""],
            ["年度总体目标", "预期目标", "实际完成情况"],
            ["", "完成年度工作任务", "全面完成年度工作任务"],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
            *_indicators(["20", "20", "30", "20"])]
    total = round(score + 90, 2)
    rows.append(["总分", "", "", "", "", "", "100", _f(total), ""])
    truth = {"budget_initial": m["initial"], "budget_full_year": m["full"], "budget_executed": m["exec"],
             "execution_rate": m["rate"], "self_score": total}
    return rows, truth


def chongqing(rnd: random.Random, year: int, unit: str) -> tuple[list[list[str]], dict[str, float]]:
    m = _money(rnd)
    score = round(10 * min(m["rate"] / 100, 1), 2)
    total = round(score + rnd.uniform(80, 89.9), 2)
    rows = [[f"{year}年度部门整体绩效自评表"],
            ["主管部门", unit, "部门联系人", "张三", "自评总分(分)", _f(total)],
            ["资金情况"],
            ["", "年初预算数", "全年(调整)预算数", "全年执行数", "执行率", "执行率权重", "执行率得分"],
            ["年度总金额", _f(m["initial"]), _f(m["full"]), _f(m["exec"]), "", "", ""],
            ["其中:财政拨款", _f(m["initial"]), _f(m["full"]), _f(m["exec"]), f"{m['rate']:.2f}", "10.00", _f(score)],
            ["一般公共预算", _f(m["initial"]), _f(m["full"]), _f(m["exec"]), f"{m['rate']:.2f}", "", ""],
            ["绩效目标"],
            ["年初绩效目标", "全年(调整)绩效目标", "全年目标实际完成情况"],
            ["完成年度工作任务", "完成年度工作任务", "全面完成"]]
    truth = {"budget_initial": m["initial"], "budget_full_year": m["full"], "budget_executed": m["exec"],
             "execution_rate": m["rate"], "self_score": total}
    return rows, truth


def guizhou(rnd: random.Random, year: int, unit: str) -> tuple[list[list[str]], dict[str, float]]:
    m = _money(rnd)
    rows = [["部门整体支出绩效自评表"],
            [f"单位(盖章):{unit}", f"填报日期:{year + 1}年2月3日"],
            ["部门(单位)名称", unit],
            ["部门(单位)总体资金(万元)", "资金来源", "年初预算数(A)", "全年执行数(B)", "分值(10分)", "得分", "得分计算方法"],
            ["", "年度资金总额:", _f(m["initial"]), _f(m["exec"]), "10", "10", "执行率*该指标分值,最高不得超过分值上限。"],
            ["", "基本支出", _f(m["basic_initial"]), _f(m["basic_exec"]), "", "", ""],
            ["", "项目支出", _f(m["project_initial"]), _f(m["project_exec"]), "", "", ""],
            ["", "其他", "", "", "", "", ""],
            ["年度总体目标", "年初设定目标", "年度总体目标完成情况"],
            ["", "完成年度工作任务", "全面完成年度工作任务"]]
    truth = {"budget_initial": m["initial"], "budget_executed": m["exec"],
             "basic_expenditure": m["basic_exec"], "project_expenditure": m["project_exec"]}
    return rows, truth


def fujian(rnd: random.Random, year: int, unit: str) -> tuple[list[list[str]], dict[str, float]]:
    m = _money(rnd)
    formulas = rnd.random() < 0.5  # the header writes ③=①+② under 小计 (r023) or after it, ④ after 拨付金额

    def row(label: str, prefix: str) -> list[str]:
        full = m[f"{prefix}full"]
        execd = m[f"{prefix}exec"]
        rate = round(execd / full * 100, 2) if full else 0
        bal = round(full - execd, 2)
        return [label, _f(m[f"{prefix}initial"]), _f(m[f"{prefix}adj"]), _f(full), _f(execd),
                f"{rate:.2f}", _f(bal), f"{(bal / full * 100 if full else 0):.2f}"]

    other = rnd.random() < 0.5  # 单位其它收入: zeros (r023) or some money, then 合计 ≠ 财政资金小计
    o = {k: 0.0 for k in ("initial", "adj", "full", "exec")}
    if other:
        o["initial"] = round(rnd.uniform(1, 50), 2)
        o["full"] = o["initial"]
        o["exec"] = round(o["full"] * 0.9, 2)
    t = {k: round(m[k] + o[k], 2) for k in o}
    t_rate = round(t["exec"] / t["full"] * 100, 2)
    t_bal = round(t["full"] - t["exec"], 2)
    other_rate = round(o["exec"] / o["full"] * 100, 2) if o["full"] else 0
    other_bal = round(o["full"] - o["exec"], 2)
    full_label = "小计③=①+②" if formulas else "小计"
    rows = [["部门整体支出绩效自评表"], [f"({year}年度)"],
            ["部门(单位)名称", unit, "部门预算编码", str(rnd.randint(100000000, 999999999))],
            ["财政资金安排和使用情况", "资金结构", "预算安排", "", "", "拨付情况", "", "结余情况", ""],
            ["(万元)", "", "年初部门预算安排金额(含历年结余结转)①", "年中调整金额②", full_label,
             "年度拨付金额④" if formulas else "年度拨付金额", "支出实现率(%)⑤=④/③", "本年度结余金额⑥=③-④",
             "资金结余率(%)⑦=⑥/③"],
            *([] if formulas else [["", "", "", "", "③=①+②", "", "", "", ""]]),
            ["", *row("1.财政资金小计" if formulas else "财政资金小计", "")],
            ["", *row("①项目支出", "project_")],
            ["", *row("②基本支出", "basic_")],
            ["", "2.单位其它收入", _f(o["initial"]), _f(o["adj"]), _f(o["full"]), _f(o["exec"]), f"{other_rate:.2f}",
             _f(other_bal), f"{(other_bal / o['full'] * 100 if o['full'] else 0):.2f}"],
            ["", "合计", _f(t["initial"]), _f(t["adj"]), _f(t["full"]), _f(t["exec"]), f"{t_rate:.2f}", _f(t_bal),
             f"{t_bal / t['full'] * 100:.2f}"],
            ["年度总体目标完成情况", "预期目标", "目标实际完成情况"],
            ["", "完成年度工作任务", "完成年度目标"],
            ["年度绩效指标完成情况", "一级指标", "二级指标", "三级指标", "绩效目标值", "实际完成值", "指标分值", "自评得分", "未完成原因"],
            *_indicators(["20", "20"])]
    truth = {"budget_initial": t["initial"], "budget_full_year": t["full"], "budget_executed": t["exec"],
             "execution_rate": t_rate, "balance": t_bal,
             "basic_expenditure": m["basic_exec"], "project_expenditure": m["project_exec"]}
    return rows, truth


def jiangxi(rnd: random.Random, year: int, unit: str) -> tuple[list[list[str]], dict[str, float]]:
    m = _money(rnd)

    def rate(a: float, b: float) -> str:
        return f"{b / a * 100:.2f}%"

    rows = [[f"{unit}整体支出绩效自评表({year}年度)"],
            ["评价部门名称", unit, "下属单位个数", "0"],
            ["整体支出规模", "", "全年预算数", "全年执行数", "执行率"],
            ["", "资金来源:(1)财政拨款", _f(m["full"]), _f(m["exec"]), rate(m["full"], m["exec"])],
            ["", "(2)其他资金", "", "", ""],
            ["", "资金结构:(1)基本支出", _f(m["basic_full"]), _f(m["basic_exec"]), rate(m["basic_full"], m["basic_exec"])],
            ["", "(2)项目支出", _f(m["project_full"]), _f(m["project_exec"]), rate(m["project_full"], m["project_exec"])],
            ["年度总体目标", "年初设定目标", "全年完成情况"],
            ["", "完成年度工作任务", "全面完成年度工作任务"]]
    truth = {"basic_expenditure": m["basic_exec"], "project_expenditure": m["project_exec"]}
    return rows, truth


def synth_variant(template: str, seed: int) -> tuple[str, dict[str, float]]:
    """(form text with " | " between cells, truth) for ``template`` of TEMPLATES and ``seed``."""
    rnd = random.Random(f"{template}:{seed}")
    year = rnd.choice([2019, 2020, 2021, 2022, 2023])
    make = {"national": national, "chongqing": chongqing, "guizhou": guizhou, "fujian": fujian, "jiangxi": jiangxi}[template]
    rows, truth = make(rnd, year, rnd.choice(UNITS))
    return "\n".join(" | ".join(r) for r in rows), truth
