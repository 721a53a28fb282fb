"""A synthetic 部门整体支出绩效评价基础数据表 (the provincial grid of a department report) with known
truth: staff (编制数, 实际在职人数, 控制率), the 经费控制情况 block by year column (上年决算数 | 本年预算数 |
本年决算数: 三公经费 and its lines, project lines, 公用经费, 政府采购金额) and the 部门整体支出预算调整
row (its two figures: the budget set at the start of the year and the budget adjusted). Its
arithmetic holds (三公经费 = its lines; 控制率 = 在职 ÷ 编制), money is written to two decimals as the
template's cells are. bench/grid_family.py writes it in every flattening of bench/form_family.py.

``synth_grid(seed)`` gives (text with " | " between cells, truth: the canonical facts this year's
columns state). Deterministic.
"""
from __future__ import annotations

import random

UNITS = ("某县民政局", "某市自然资源局", "某区教育局", "某县交通运输局")


def synth_grid(seed: int) -> tuple[str, dict[str, float]]:
    rnd = random.Random(seed)
    year = rnd.choice([2019, 2020, 2021, 2022, 2023])
    authorized = rnd.randint(20, 120)
    actual = authorized - rnd.randint(0, 8)

    def money() -> float:
        return round(rnd.uniform(0.5, 9), 2)

    vehicle, overseas, reception = [money() for _ in range(3)], [0.0] * 3, [money() for _ in range(3)]
    three = [round(a + b + c, 2) for a, b, c in zip(vehicle, overseas, reception)]
    operating = [round(rnd.uniform(30, 90), 2) for _ in range(3)]
    work, upkeep = [round(rnd.uniform(50, 200), 2) for _ in range(3)], [round(rnd.uniform(10, 60), 2) for _ in range(3)]
    purchase = [round(rnd.uniform(10, 30), 2) for _ in range(2)]
    initial, adjusted = round(rnd.uniform(500, 900), 2), round(rnd.uniform(900, 1200), 2)

    def f(x: float) -> str:
        return f"{x:.2f}"

    rows = [
        ["部门整体支出绩效评价基础数据表"],
        [f"填报单位:{rnd.choice(UNITS)}", "单位:万元"],
        ["财政供养人员情况", "编制数", f"{year}年实际在职人数", "控制率"],
        ["", str(authorized), str(actual), f"{actual / authorized * 100:.2f}%"],
        ["经费控制情况", f"{year - 1}年决算数", f"{year}年预算数", f"{year}年决算数"],
        ["三公经费", *map(f, three)],
        ["1、公务用车购置和维护经费", *map(f, vehicle)],
        ["2、出国经费", *map(f, overseas)],
        ["3、公务接待", *map(f, reception)],
        ["项目支出:", "", "", ""],
        ["1、业务工作专项", *map(f, work)],
        ["2、运行维护专项", *map(f, upkeep)],
        ["公用经费", *map(f, operating)],
        ["政府采购金额", "", *map(f, purchase)],
        ["部门整体支出预算调整", "", f(initial), f(adjusted)],
    ]
    truth = {"staff_authorized": authorized, "staff_actual": actual, "three_public_total": three[2],
             "three_public_vehicle": vehicle[2], "three_public_overseas": 0.0, "three_public_reception": reception[2],
             "operating_expenditure": operating[2], "budget_initial": initial, "budget_full_year": adjusted}
    return "\n".join(" | ".join(row) for row in rows), truth
