"""Plant known faults in clean report texts, for measuring the cross-checks (bench/checks.py).

    .venv/bin/python scripts/inject_faults.py OUT_DIR [--synthetic 20] [--seed 0] [--variants 3]

Writes OUT_DIR/clean/*.txt (the 2024 渌口区 report and ``--synthetic`` generated reports), and
OUT_DIR/faulted/*.txt with OUT_DIR/expected.json mapping each faulted file to its clean file, the
fault and the rule that must catch it. Deterministic: the same arguments write the same bytes.

Library use: ``inject(text, fault, seed=0) -> (faulted_text, expected_rule)``; ``synth_report(seed)``
makes a clean department report (template 部门整体支出绩效自评报告) whose arithmetic is consistent.

Every fault edits the text only, like a typo would, and moves the number by at least MARGIN (3)
times the rounding tolerance of the check that should catch it (estimated from the written digits
of the numbers involved), and at least two units of its last digit: a change that rounding could
explain is not a fault.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "corpus" / "2024年度渌口区交通事务中心整体支出绩效自评报告.txt"

# fault id → the rule that must catch it
FAULTS = {
    "sum_part": "sum_mismatch",
    "share": "share_mismatch",
    "growth": "growth_mismatch",
    "group_balance": "balance_mismatch",
    "stake": "stake_length_mismatch",
    "staff": "staff_over_quota",
    "heading_number": "section_numbering",
    "execution_rate": "execution_rate_mismatch",
}

# Both the raw example (full-width ，（）) and normalized text (, ()) are accepted.
C = "[,，]"
LP, RP = "[(（]", "[)）]"
NUM = r"\d+(?:\.\d+)?"
AMOUNT = rf"(?P<num>{NUM})(?P<unit>万元|元)"
CMP = r"(?:较上年|比上年|同比|较\d{4}年)"


# A planted number moves by at least MARGIN × the tolerance of the check that should catch it
# (bench/checks.py --margin sets it; near 1 the faults sit just outside the rounding tolerance).
MARGIN = Decimal(3)
# A rate computed from amounts carries their rounding too; for amounts written to 2+ decimals it
# stays below this (in percentage points).
RATE_SLACK = Decimal("0.002")


class FaultNotApplicable(ValueError):
    """The text has no site for this fault (the example report states no execution rate)."""


@dataclass
class Injected:
    text: str
    rule: str
    fault: str
    note: str  # what was changed, for expected.json
    value: float | None = None  # the planted number (in its canonical unit), to tell whether it was extracted
    offset: int | None = None  # where the edit starts in the faulted text


# ------------------------------------------------------------------ numbers
def decimals(s: str) -> int:
    return len(s.split(".")[1]) if "." in s else 0


def half(s: str, unit: str = "万元") -> Decimal:
    """Half a unit of the last written digit, in 万元 for amounts written in 元."""
    h = Decimal(5) * Decimal(10) ** (-(decimals(s) + 1))
    if Decimal(s) == 0:
        return Decimal(0)  # a written 0 is exact (checks.toml zero_is_exact_units)
    return h / 10000 if unit == "元" else h


def fmt(d: Decimal, places: int) -> str:
    q = Decimal(1).scaleb(-places)
    return str(d.quantize(q, rounding=ROUND_HALF_UP))


def perturb(rng: random.Random, raw: str, min_delta: Decimal, rel=(0.08, 0.35), floor: Decimal | None = None) -> str:
    """A different number written with the same decimals, at least ``min_delta`` away (not below ``floor``)."""
    value, places = Decimal(raw), decimals(raw)
    unit = Decimal(1).scaleb(-places)
    delta = max(min_delta, abs(value) * Decimal(str(round(rng.uniform(*rel), 3))),
                unit * (rng.randint(2, 20) if value == 0 else 2))
    delta = (delta / unit).to_integral_value(rounding="ROUND_CEILING") * unit
    sign = rng.choice([1, -1])
    if floor is not None and value - delta < floor:
        sign = 1
    new = value + sign * delta
    if new < 0:
        new = value + delta
    return fmt(new, places)


def replace_span(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def _pick(rng: random.Random, sites: list, what: str):
    if not sites:
        raise FaultNotApplicable(f"no {what} in this text")
    return sites[rng.randrange(len(sites))]


# ------------------------------------------------------------------ faults
# Each injector takes (text, rng) and returns (faulted text, note, offset of the edit).
def _sum_part(text: str, rng: random.Random) -> tuple[str, str, int]:
    sites = []
    # a part of 基本支出 = 人员经费 + 公用经费
    basic = re.search(rf"基本支出(?P<num>{NUM})万元", text)
    parts = [re.search(rf"(?:人员经费|人员支出)(?P<num>{NUM})万元", text),
             re.search(rf"(?:运行经费|公用经费|日常公用经费)(?P<num>{NUM})万元", text)]
    if basic and all(parts):
        tol = half(basic["num"]) + sum(half(p["num"]) for p in parts)
        sites.append((parts[1].span("num"), parts[1]["num"], tol, "运行/公用经费"))
    # a stated total expenditure (total = basic + project)
    total = re.search(rf"本年支出合计(?P<num>{NUM})万元", text)
    project = re.search(rf"项目支出(?P<num>{NUM})万元", text)
    if total and basic and project:
        tol = half(total["num"]) + half(basic["num"]) + half(project["num"])
        sites.append((total.span("num"), total["num"], tol, "本年支出合计"))
    # 公务接待费 in the 三公 sentence
    three = [re.search(rf"{label}{AMOUNT}", text)
             for label in (r"[“\"]三公[”\"]经费支出", r"因公出国{LP}境{RP}费", "公务用车购置及运行维护费", "公务接待费")]
    if all(three):
        reception = three[-1]
        tol = sum(half(m["num"], m["unit"]) for m in three)  # in 万元
        tol = tol * 10000 if reception["unit"] == "元" else tol  # in the unit the fee is written in
        sites.append((reception.span("num"), reception["num"], tol, "公务接待费"))
    # a project's amount inside a project group (the group's 实际支出 stays)
    for group in _groups(text):
        amounts = list(re.finditer(rf"\n项目支出(?P<num>{NUM})万元", group["body"]))
        if len(amounts) < 2:
            continue
        tol = half(group["spent"]) + sum(half(a["num"]) for a in amounts)
        big = sorted(amounts, key=lambda a: Decimal(a["num"]), reverse=True)[:3]
        for a in big:
            s, e = a.span("num")
            sites.append(((group["offset"] + s, group["offset"] + e), a["num"], tol, "项目支出"))
    (s, e), raw, tol, what = _pick(rng, sites, "sum site")
    new = perturb(rng, raw, tol * MARGIN, rel=(0.0, 0.15), floor=Decimal(0))
    return replace_span(text, s, e, new), f"{what} {raw} → {new}", s


def _groups(text: str) -> list[dict]:
    """Project-group headers (1.年初预算项目…实际支出X万元, 结余结转Y万元) and the text up to the next one."""
    header = re.compile(
        rf"(?m)^\s*\d[.．、](?P<label>年初预算项目|年中追加项目)[^\n]*?(?P<budget>{NUM})万元"
        rf"(?:[^\n]*?调增{LP}减{RP}(?P<adj>{NUM})万元)?[^\n]*?实际支出(?P<spent>{NUM})万元{C}"
        rf"结余结转(?P<balance>{NUM})万元")
    found = list(header.finditer(text))
    end_all = re.search(r"(?m)^\s*[七八九十][、.]|^存在的问题", text)
    out = []
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else (end_all.start() if end_all else len(text))
        out.append({"match": m, "spent": m["spent"], "offset": m.end(), "body": text[m.end():end]})
    return out


def _share(text: str, rng: random.Random) -> tuple[str, str, int]:
    sites = list(re.finditer(rf"(?:占[^,，。%\d]{{0,12}}?的?(?:比重|比例)?(?:为)?|占比)(?P<num>{NUM})%", text))
    m = _pick(rng, sites, "share")
    new = perturb(rng, m["num"], (half(m["num"]) + RATE_SLACK) * MARGIN, rel=(0.0, 0.1), floor=Decimal(0))
    return replace_span(text, *m.span("num"), new), f"share {m['num']}% → {new}%", m.start("num")


def _growth(text: str, rng: random.Random) -> tuple[str, str, int]:
    sites = list(re.finditer(rf"{CMP}(?:增加|减少){NUM}万元{C}(?:增长|下降|减少|增幅|降幅)了?(?P<num>{NUM})%", text))
    m = _pick(rng, sites, "growth rate with a change amount")
    new = perturb(rng, m["num"], (half(m["num"]) + RATE_SLACK) * MARGIN, rel=(0.0, 0.1), floor=Decimal(0))
    return replace_span(text, *m.span("num"), new), f"growth {m['num']}% → {new}%", m.start("num")


def _group_balance(text: str, rng: random.Random) -> tuple[str, str, int]:
    groups = _groups(text)
    g = _pick(rng, groups, "project group")["match"]
    raw = g["balance"] if Decimal(g["balance"]) else "0.00"  # a 0 balance becomes a 2-decimal number
    written = half(raw) if Decimal(raw) else Decimal("0.005")  # the half-unit of the number written instead
    tol = half(g["budget"]) + half(g["spent"]) + written + (half(g["adj"]) if g["adj"] else 0)
    new = perturb(rng, raw, tol * MARGIN, rel=(0.0, 0.15), floor=Decimal(0))
    return replace_span(text, *g.span("balance"), new), f"group balance {g['balance']} → {new}", g.start("balance")


STAKES = re.compile(r"K(?P<a>\d+)\+(?P<am>\d{3})-K(?P<b>\d+)\+(?P<bm>\d{3})")


def _stake(text: str, rng: random.Random) -> tuple[str, str, int]:
    sites = []
    for m in STAKES.finditer(text):
        span = abs((int(m["b"]) * 1000 + int(m["bm"])) - (int(m["a"]) * 1000 + int(m["am"]))) / 1000
        after = text[m.end():m.end() + 300]
        claimed = re.search(rf"(?:里程|长度|全长){NUM}(?:km|公里)", after)
        length = re.search(rf"({NUM})(?:km|公里)", claimed.group()) if claimed else None
        if length and abs(float(length[1]) - span) <= 0.005 and m.group() not in [s.group() for s in sites]:
            sites.append(m)  # a clean range: its stakes fit its claimed length
    m = _pick(rng, sites, "stake range that fits its length")
    end = int(m["b"]) * 1000 + int(m["bm"])
    shift = rng.choice([-1, 1]) * rng.randint(50, 400)
    start = int(m["a"]) * 1000 + int(m["am"])
    if end + shift <= start + 10:
        shift = abs(shift)
    new_end = end + shift
    new = f"K{m['a']}+{m['am']}-K{new_end // 1000}+{new_end % 1000:03d}"
    return text.replace(m.group(), new), f"stakes {m.group()} → {new}", m.start()


def _staff(text: str, rng: random.Random) -> tuple[str, str, int]:
    m = re.search(r"编制人数(?P<a>\d+)人" + C + r"实有人数(?P<b>\d+)人", text)
    if not m:
        raise FaultNotApplicable("no 编制人数…实有人数 sentence")
    authorized = int(m["a"])
    new = authorized + rng.randint(1, max(2, authorized // 5))
    if str(new) == m["b"]:
        new += 1
    return replace_span(text, *m.span("b"), str(new)), f"实有人数 {m['b']} → {new} (编制 {authorized})", m.start("b")


def _template_headings() -> set[str]:
    import tomllib

    with open(ROOT / "patterns" / "sections.toml", "rb") as f:
        conf = tomllib.load(f)
    out = set()
    for t in conf["template"]:
        for s in t["section"]:
            out.update([s["heading"], *s.get("aliases", [])])
    return out


def _heading_number(text: str, rng: random.Random) -> tuple[str, str, int]:
    known = {h.replace("（", "(").replace("）", ")") for h in _template_headings()}
    sites = [m for m in re.finditer(r"(?m)^(?P<label>[一二三四五六七八九十]{1,3}、)(?P<heading>[^\n]+)$", text)
             if m["heading"].strip().rstrip("。:：").replace("（", "(").replace("）", ")") in known]
    m = _pick(rng, sites, "numbered template heading")
    return replace_span(text, *m.span("label"), ""), f"heading {m['label']}{m['heading']} → {m['heading']}", m.start()


def _execution_rate(text: str, rng: random.Random) -> tuple[str, str, int]:
    sites = list(re.finditer(rf"执行率(?:为|达)?(?P<num>{NUM})%", text))
    m = _pick(rng, sites, "execution rate")
    new = perturb(rng, m["num"], (half(m["num"]) + RATE_SLACK) * MARGIN, rel=(0.0, 0.05), floor=Decimal(0))
    return replace_span(text, *m.span("num"), new), f"执行率 {m['num']}% → {new}%", m.start("num")


INJECTORS = {
    "sum_part": _sum_part,
    "share": _share,
    "growth": _growth,
    "group_balance": _group_balance,
    "stake": _stake,
    "staff": _staff,
    "heading_number": _heading_number,
    "execution_rate": _execution_rate,
}


def set_margin(margin) -> None:
    global MARGIN
    MARGIN = Decimal(str(margin))


def inject_detail(text: str, fault: str, seed: int = 0) -> Injected:
    if fault not in INJECTORS:
        raise KeyError(f"unknown fault {fault!r}; known: {', '.join(INJECTORS)}")
    # seeded by the text too, so one seed picks different sites in different reports
    rng = random.Random(f"{fault}:{seed}:{hashlib.sha1(text.encode()).hexdigest()[:12]}")
    new, note, offset = INJECTORS[fault](text, rng)
    if new == text:
        raise FaultNotApplicable(f"{fault}: the edit changed nothing")
    return Injected(new, FAULTS[fault], fault, note, _planted_value(note), offset)


def _planted_value(note: str) -> float | None:
    """The number after → in a note: "share 10% → 12%" → 12.0; "K4+137-K4+882" → 4.882 (km)."""
    after = note.split("→", 1)[-1]
    stake = STAKES.search(after)
    if stake:
        return int(stake["b"]) + int(stake["bm"]) / 1000
    m = re.search(NUM, after)
    return float(m.group()) if m and "heading" not in note else None


def inject(text: str, fault: str, seed: int = 0) -> tuple[str, str]:
    """Plant ``fault`` (a key of FAULTS) in ``text``; returns (faulted text, rule that must catch it).

    Raises FaultNotApplicable when the text has no place for that fault."""
    got = inject_detail(text, fault, seed)
    return got.text, got.rule


# ------------------------------------------------------------------ synthetic clean reports
REGIONS = ["渌口区", "攸县", "茶陵县", "炎陵县", "醴陵市", "荷塘区", "芦淞区", "石峰区", "天元区", "湘潭县"]
UNITS = ["交通事务中心", "公路建设养护中心", "农村公路管理站", "交通运输局", "水利事务中心", "城市管理局"]
WORKS = ["大中修项目", "国省道中修工程", "窄路加宽项目", "资源产业路工程", "旅游路工程", "安防工程",
         "危桥改造工程", "路面改善工程", "预防性养护工程", "提质改造项目", "生命防护工程", "水毁修复工程"]


def _amount(rng: random.Random, lo: float, hi: float, places: int | None = None) -> Decimal:
    places = rng.choice([2, 2, 4, 6]) if places is None else places
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
            amount = _amount(rng, 5, 900)
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
        groups.append((g_label, budget, adjustment, spent, balance, projects))

    project_total = sum((g[3] for g in groups), Decimal(0))
    personnel = _amount(rng, 200, 3000)
    operating = _amount(rng, 50, 800)
    basic = personnel + operating
    total = basic + project_total

    def yoy(value: Decimal) -> tuple[str, str]:
        while True:
            delta = _amount(rng, -0.4, 0.6).copy_abs() * (1 if rng.random() < 0.7 else -1) * value
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


# ------------------------------------------------------------------ corpus
def clean_texts(synthetic: int, seed: int = 0) -> dict[str, str]:
    """name → clean text: the example report and ``synthetic`` generated ones."""
    texts = {}
    if EXAMPLE.exists():
        texts["example"] = EXAMPLE.read_text(encoding="utf-8")
    for i in range(synthetic):
        texts[f"synth{seed + i:03d}"] = synth_report(seed + i)
    return texts


def faulted_variants(texts: dict[str, str], variants: int = 3, seed: int = 0):
    """Yield (clean name, fault id, variant seed, Injected) for every applicable fault."""
    for name, text in texts.items():
        for fault in FAULTS:
            for v in range(variants):
                s = seed * 1000 + v
                try:
                    yield name, fault, s, inject_detail(text, fault, s)
                except FaultNotApplicable:
                    break


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path, help="folder to write clean/, faulted/ and expected.json into")
    ap.add_argument("--synthetic", type=int, default=20, help="generated clean reports (default 20)")
    ap.add_argument("--variants", type=int, default=3, help="seeds per fault per report (default 3)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--margin", type=Decimal, default=MARGIN, help="fault size in tolerances (default 3)")
    args = ap.parse_args(argv)
    set_margin(args.margin)
    (args.out / "clean").mkdir(parents=True, exist_ok=True)
    (args.out / "faulted").mkdir(parents=True, exist_ok=True)
    texts = clean_texts(args.synthetic, args.seed)
    for name, text in texts.items():
        (args.out / "clean" / f"{name}.txt").write_text(text, encoding="utf-8")
    expected = {}
    for name, fault, s, got in faulted_variants(texts, args.variants, args.seed):
        file = f"{name}.{fault}.{s}.txt"
        (args.out / "faulted" / file).write_text(got.text, encoding="utf-8")
        expected[file] = {"clean": f"{name}.txt", "fault": fault, "rule": got.rule, "change": got.note}
    (args.out / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1, sort_keys=True),
                                            encoding="utf-8")
    print(f"{len(texts)} clean texts, {len(expected)} faulted variants → {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
