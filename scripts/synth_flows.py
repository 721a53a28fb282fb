"""Clean synthetic project reports stating one fund's flow, for the cross-check bench
(scripts/inject_faults.py plants the ``flow_*`` faults in them, bench/checks.py measures).

    from synth_flows import synth_flow
    text = synth_flow(7)      # deterministic: the same seed gives the same text

Each states the funds that arrived and their sources (实际到位X万元，其中：中央资金A万元，县级配套资金
B万元: X = A + B exactly) and, in one sentence, what arrived, was spent and is left (结余 = 到位 − 实际
支出 exactly), with amounts in 万元 written with 0, 2 or 4 decimals; no numbered headings (the heading
faults are planted in the full reports). One in three writes the same flow as a form's label → value
cells one per line (实际到位资金 / (万元) / X / 其中:中央资金 / A / …; checks/vertical.py); the others end with
a barred 支出明细 table whose rows add up to its 支出合计 row (checks/tablesums.py).
"""
from __future__ import annotations

import random
from decimal import Decimal

from synth_reports import REGIONS, WORKS, _amount


def synth_flow(seed: int) -> str:
    """A clean 项目支出绩效自评报告 excerpt whose fund flow holds exactly; numbers vary with ``seed``."""
    rng = random.Random(f"flow:{seed}")
    year = rng.choice([2021, 2022, 2023, 2024])
    region, work = rng.choice(REGIONS), rng.choice(WORKS)
    places = rng.choice([0, 2, 2, 4])
    central = _amount(rng, 50, 900, places)
    county = _amount(rng, 5, 200, places)
    received = central + county
    spent = (received * Decimal(str(rng.uniform(0.6, 1.0)))).quantize(Decimal(1).scaleb(-places))
    balance = received - spent
    if rng.random() < 1 / 3:  # the same flow as label → value cells one per line (a flattened form)
        return "\n".join([
            f"{region}{year}年度{work}绩效自评表",
            "项目名称", f"{work}",
            "实际到位资金", "(万元)", f"{received}",
            "其中:中央资金", f"{central}",
            "县级配套资金", f"{county}",
            "实际支出(万元)", f"{spent}",
            "结余(万元)", f"{balance}",
            "",
        ])
    return "\n".join([
        f"{region}{year}年度{work}绩效自评报告",
        f"{work}由{region}交通运输局组织实施。",
        f"{year}年项目资金实际到位{received}万元，其中：中央资金{central}万元，县级配套资金{county}万元。",
        f"项目资金实际到位{received}万元，实际支出{spent}万元，结余{balance}万元。",
        *detail_table(rng, received, spent, places),
        "",
    ])


DETAIL_ROWS = ["材料费", "人工费", "机械使用费", "设计监理费", "其他费用"]


def _split(rng: random.Random, total: Decimal, k: int, places: int) -> list[Decimal]:
    """``total`` cut into ``k`` positive parts written with ``places`` decimals that add up to it exactly."""
    unit = Decimal(1).scaleb(-places)
    weights = [rng.uniform(1, 3) for _ in range(k)]
    parts = [(total * Decimal(str(w / sum(weights)))).quantize(unit) for w in weights[:-1]]
    return [*parts, total - sum(parts, Decimal(0))]


def detail_table(rng: random.Random, planned: Decimal, spent: Decimal, places: int) -> list[str]:
    """A barred 支出明细 table (checks/tablesums.py): rows of 计划支出数 and 实际支出数 adding up exactly to
    the 支出合计 row (planned = what arrived, spent)."""
    k = rng.randint(3, len(DETAIL_ROWS))
    rows = zip(DETAIL_ROWS[:k], _split(rng, planned, k, places), _split(rng, spent, k, places))
    return ["项目支出明细情况 |", "支出内容 | 计划支出数(万元) | 实际支出数(万元) |",
            *(f"{name} | {plan} | {done} |" for name, plan, done in rows), f"支出合计 | {planned} | {spent} |"]
