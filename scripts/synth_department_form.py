"""A synthetic national 部门整体支出绩效自评表 (财预〔2020〕10号 附件2) with known truth: the budget
block (年度资金总额 | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分, then 按收入性质分 and
按支出性质分 side by side), the 年度总体目标, four indicators and the 总分 row; its arithmetic holds
(执行率 = 执行数 ÷ 全年预算数, 得分 = 分值 × 执行率, 总分 = Σ 得分). tests/test_department_form_family.py
reads it in every flattening of bench/form_family.py.

``synth_dept(seed)`` gives (text with " | " between cells, truth: the form's budget facts and score).
"""
from __future__ import annotations

import random


def synth_dept(seed: int) -> tuple[str, dict[str, float]]:
    rnd = random.Random(seed)
    year = rnd.choice([2020, 2021, 2022, 2023])
    initial = round(rnd.uniform(500, 3000), 2)
    full = round(initial * rnd.uniform(1.0, 1.3), 2)
    executed = round(full * rnd.uniform(0.85, 1.0), 2)
    rate = round(executed / full * 100, 2)
    weight = 10
    score = round(weight * min(rate / 100, 1), 2)
    basic = round(executed * 0.6, 2)
    project = round(executed - basic, 2)
    general = round(full * 0.9, 2)
    other = round(full - general, 2)

    def f(x: float) -> str:
        return f"{x:.2f}"

    inds = [("产出指标", "数量指标", "培训人次", "≥500人次", "520人次", 30, 30),
            ("产出指标", "质量指标", "验收合格率", "100%", "100%", 20, 20),
            ("效益指标", "社会效益指标", "群众知晓率", "≥90%", "93%", 30, 30),
            ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "95%", 10, 10)]
    total = round(score + sum(i[6] for i in inds), 2)
    rows = [["部门(单位)整体支出绩效自评表"], [f"({year}年度)"],
            ["部门(单位)名称", "某县民政局"],
            ["年度预算执行情况(万元)", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["", "年度资金总额", f(initial), f(full), f(executed), str(weight), f"{rate:.2f}%", f(score)],
            ["", "按收入性质分:", "", "", "", "按支出性质分:", "", ""],
            ["", "其中:一般公共预算", f(general), "", "", "其中:基本支出", f(basic), ""],
            ["", "其他资金", f(other), "", "", "项目支出", f(project), ""],
            ["年度总体目标", "预期目标", "实际完成情况"],
            ["", "完成年度工作任务", "全面完成年度工作任务"],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]]
    for level1, level2, name, target, actual, points, got in inds:
        rows.append(["", level1, level2, name, target, actual, str(points), str(got), ""])
    rows.append(["总分", "", "", "", "", "", "100", f(total), ""])
    text = "\n".join(" | ".join(r) for r in rows)
    truth = {"budget_initial": initial, "budget_full_year": full, "budget_executed": executed, "execution_rate": rate,
             "self_score": total}
    return text, truth
