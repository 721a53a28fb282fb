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
    """One consistent 项目支出绩效自评表 (see the module docstring)."""
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
    rows = ["项目支出绩效自评表", f"({2021 + seed % 3}年度)", f"项目名称 | {project}",
            f"主管部门 | {unit} | 实施单位 | {unit}",
            "项目资金(万元) | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分"]
    budget_score = Decimal(0)
    for i, (name, init, full, spent) in enumerate(lines):
        rate = q2(spent / full * 100)
        plan_round = round_ or (carried_round and name == "上年结转资金")
        cells = [_written(init, plan_round), _written(full, plan_round), _written(spent, round_)]
        if i == 0:
            budget_score = q2(Decimal(BUDGET_WEIGHT) * min(rate, Decimal(100)) / 100)
            rows.append(f"| {name} | {' | '.join(cells)} | {BUDGET_WEIGHT} | {rate}% | {budget_score}")
        else:
            rows.append(f"| {name} | {' | '.join(cells)} | — | {rate}% | —")
    rows.append("| 其他资金 | 0.00 | 0.00 | 0.00 | — | — | —")
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
    rows.append(f"总分 | 100 | {q2(total)} | {'优' if total >= 90 else '良'}")
    rows.append("填表人:张三 联系电话:0000-0000000 填报日期:2024年3月1日")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    import sys

    print(synth_form(int(sys.argv[1]) if len(sys.argv) > 1 else 0))
