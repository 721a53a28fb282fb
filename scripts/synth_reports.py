"""Clean synthetic self-assessment reports whose arithmetic holds exactly, for the cross-check
bench (scripts/inject_faults.py plants faults in them, bench/checks.py measures).

    from synth_reports import synth_report
    text = synth_report(7)      # deterministic: the same seed gives the same text

Each report follows the 部门整体支出绩效自评报告 template and states its figures the way real
reports do: amounts in 万元 with 0, 2, 4 or 6 decimals — round ones (150万元, a whole-万元
allocation) beside figures with decimals in every project group, a round full-year budget half
the time — shares, growth rates and the execution rate rounded from the figures as written, so
that every check holds on the figures as written (issue 14: zero arithmetic findings on clean
reports) and faults can be planted inside the rounding interval of the round figures as well as
outside it.
"""
from __future__ import annotations

import random
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal


def decimals(s: str) -> int:
    """The decimals a number is written with: "1711.57" → 2."""
    return len(s.split(".")[1]) if "." in s else 0


def fmt(d: Decimal, places: int) -> str:
    """``d`` written with ``places`` decimals, rounded half up."""
    q = Decimal(1).scaleb(-places)
    return str(d.quantize(q, rounding=ROUND_HALF_UP))


REGIONS = ["渌口区", "攸县", "茶陵县", "炎陵县", "醴陵市", "荷塘区", "芦淞区", "石峰区", "天元区", "湘潭县"]
UNITS = ["交通事务中心", "公路建设养护中心", "农村公路管理站", "交通运输局", "水利事务中心", "城市管理局"]
WORKS = ["大中修项目", "国省道中修工程", "窄路加宽项目", "资源产业路工程", "旅游路工程", "安防工程",
         "危桥改造工程", "路面改善工程", "预防性养护工程", "提质改造项目", "生命防护工程", "水毁修复工程"]


def _amount(rng: random.Random, lo: float, hi: float, places: int | None = None) -> Decimal:
    """A random amount written with ``places`` decimals (default: 0, 2, 4 or 6 of them)."""
    places = rng.choice([0, 2, 2, 4, 6]) if places is None else places
    return Decimal(str(rng.uniform(lo, hi))).quantize(Decimal(1).scaleb(-places))


def _pct(x: Decimal, places: int) -> str:
    return fmt(x, places)


def synth_report(seed: int) -> str:
    """A clean 部门整体支出绩效自评报告 with consistent arithmetic; numbers vary with ``seed``."""
    rng = random.Random(f"synth:{seed}")
    year = rng.choice([2021, 2022, 2023, 2024])
    region, unit = rng.choice(REGIONS), rng.choice(UNITS)
    pct_places = rng.choice([2, 2, 2, 1, 0])
    op_label = rng.choice(["运行经费", "公用经费", "日常公用经费"])
    cmp_word = rng.choice(["较上年", "比上年", "同比", f"较{year - 1}年"])
    share_lead = rng.choice(["占全年总支出的", "占全年总支出的", "占总支出的", "占支出总额的比重为"])
    state_total = rng.random() < 0.4

    # project groups and projects
    groups, used_lengths, road_n = [], set(), 0
    for g_label in ["年初预算项目", "年中追加项目"]:
        projects = []
        for k in range(rng.randint(2, 5)):
            work = rng.choice(WORKS)
            # every group has a round amount (150万元) and one with decimals
            amount = _amount(rng, 5, 900, 0 if k == 0 else (2 if k == 1 else None))
            length = None
            while length is None or length in used_lengths:
                length = Decimal(rng.randint(300, 25000)) / 1000
            used_lengths.add(length)
            name = f"{rng.randint(year - 4, year)}年{work}"
            last_chance = g_label == "年中追加项目" and k == 0 and road_n == 0
            if rng.random() < 0.35 or last_chance:  # a road with stake marks that fit its length (one at least)
                road_n += 1
                start = rng.randint(0, 30000)
                end = start + int(length * 1000)
                name = (f"{region}农村公路X{rng.randint(1, 99):03d}(K{start // 1000}+{start % 1000:03d}-"
                        f"K{end // 1000}+{end % 1000:03d}){work}")
            projects.append((name, amount, length))
        spent = sum((p[1] for p in projects), Decimal(0))
        balance = _amount(rng, 0, 80) if rng.random() < 0.6 else Decimal(0)
        adjustment = _amount(rng, 0, 50, 2) if g_label == "年初预算项目" and rng.random() < 0.4 else Decimal(0)
        budget = spent + balance - adjustment
        if budget < 0:
            adjustment, budget = Decimal(0), spent + balance
        if rng.random() < 0.5:  # a round budget (年初预算项目200万元); the balance is what is left
            budget = budget.to_integral_value(rounding=ROUND_CEILING)
            balance = budget + adjustment - spent
        groups.append((g_label, budget, adjustment, spent, balance, projects))

    project_total = sum((g[3] for g in groups), Decimal(0))
    personnel = _amount(rng, 200, 3000)
    operating = _amount(rng, 50, 800)
    basic = personnel + operating
    total = basic + project_total

    def yoy(value: Decimal) -> tuple[str, str]:
        while True:
            factor = _amount(rng, -0.4, 0.6, rng.choice([2, 2, 4, 6])).copy_abs()
            delta = factor * (1 if rng.random() < 0.7 else -1) * value
            delta = delta.quantize(Decimal(1).scaleb(-decimals(str(value))))
            prev = value - delta
            if prev > 0 and delta != 0:
                break
        pct = delta / prev * 100
        word_amount, word_pct = ("增加", rng.choice(["增长", "增幅"])) if delta > 0 else ("减少", rng.choice(["下降", "降幅"]))
        return (f"{cmp_word}{word_amount}{fmt(delta.copy_abs(), decimals(str(value)))}万元，"
                f"{word_pct}{_pct(pct.copy_abs(), pct_places)}%")

    def share(value: Decimal) -> str:
        return _pct(value / total * 100, pct_places)

    overseas = Decimal(0) if rng.random() < 0.6 else _amount(rng, 0.5, 5, 2)
    vehicle = _amount(rng, 0, 15, 2)
    reception = _amount(rng, 0.5, 8, 2)
    three = overseas + vehicle + reception
    authorized = rng.randint(20, 150)
    actual = authorized - rng.randint(0, 10)
    executed = total
    full_year = executed + _amount(rng, 0, 300, 2)
    if rng.random() < 0.5:  # a round full-year budget
        full_year = full_year.to_integral_value(rounding=ROUND_CEILING)
    initial = full_year - _amount(rng, 0, 200, 2)
    rate = _pct(executed / full_year * 100, 2)
    staff_line = f"{year}年年末，全中心编制人数{authorized}人，实有人数{actual}人。"

    lines = [
        "附件4",
        f"{year}年度{region}{unit}整体支出",
        "绩效自评报告",
        "一、部门（单位）基本情况",
        "（一）单位主要职能",
        f"负责全{region[-1]}公路建设、养护和管理的事务性、技术性工作。",
        "（二）机构情况。",
        f"{unit}下设{rng.randint(3, 9)}个内设机构。",
        "（三）人员情况。",
        staff_line,
        "二、一般公共预算支出情况",
        "（一）基本支出情况",
        (f"本年支出合计{total}万元。" if state_total else "")
        + f"基本支出{basic}万元。其中人员经费{personnel}万元，{share_lead}{share(personnel)}%，{yoy(personnel)}。"
        f"{op_label}{operating}万元，{share_lead}{share(operating)}%，{yoy(operating)}。",
        "（二）项目支出情况",
        f"项目支出{project_total}万元，{share_lead}{share(project_total)}%。{yoy(project_total)}。",
        "三、政府性基金预算支出情况",
        "无",
        "四、国有资本经营预算支出情况",
        "无",
        "五、社会保险基金预算支出情况",
        "无",
        "六、部门整体支出绩效情况",
        "（一）部门整体支出绩效情况",
        "1.运行成本方面",
        f"（1）严控“三公”经费支出。{year}年，“三公”经费支出{three}万元。其中：因公出国（境）费{overseas}万元；"
        f"公务用车购置及运行维护费{vehicle}万元；公务接待费{reception}万元。",
        "2.预算执行方面",
        f"{year}年年初预算数{initial}万元，全年预算数{full_year}万元，全年执行数{executed}万元，预算执行率{rate}%。",
        "3.服务对象满意度方面",
        f"经统计，群众满意度为{rng.randint(85, 99)}%。",
        "（二）项目支出绩效情况",
    ]
    for i, (label, budget, adjustment, spent, balance, projects) in enumerate(groups, 1):
        if label == "年初预算项目":
            lines.append(f"{i}.年初预算项目{budget}万元专项资金，年中执行调增（减）{adjustment}万元，"
                         f"实际支出{spent}万元，结余结转{balance}万元。项目实施及绩效情况如下：")
        else:
            lines.append(f"{i}.年中追加项目金额{budget}万元，实际支出{spent}万元，结余结转{balance}万元。"
                         "项目实施及绩效情况如下：")
        for j, (name, amount, length) in enumerate(projects, 1):
            lines += [f"（{j}）{name}",
                      f"项目支出{amount}万元，主要用于支持{name}建设。项目完成改造里程{length}km，已按计划实现绩效目标。"]
    lines += [
        "七、存在的问题及原因分析",
        "1.财务管理能力有待加强。",
        "八、下一步改进措施",
        "1.加强经费管理。",
        "九、部门整体支出绩效自评结果拟应用和公开情况",
        "此次绩效自评报告在政府门户网站上予以公布。",
        "十、其他需要说明的情况",
        "无",
    ]
    return "\n".join(lines) + "\n"
