"""Plant known faults in clean report texts, for measuring the cross-checks (bench/checks.py).

    .venv/bin/python scripts/inject_faults.py OUT_DIR [--synthetic 20] [--forms 20] [--flows 10] [--seed 0] [--variants 3]

Writes OUT_DIR/clean/*.txt (the 2024 渌口区 report, ``--synthetic`` generated reports and ``--forms``
generated 自评表), and
OUT_DIR/faulted/*.txt with OUT_DIR/expected.json mapping each faulted file to its clean file, the
fault, the rule that must catch it and the severity its finding should have. Deterministic: the
same arguments write the same bytes.

Library use: ``inject(text, fault, seed=0) -> (faulted_text, expected_rule)``; ``synth_report(seed)``
makes a clean department report (template 部门整体支出绩效自评报告) whose arithmetic is consistent.

Every fault edits the text only, like a typo would. The "outside" faults move the number by at
least MARGIN (3) times the whole rounding tolerance of the check that should catch it (estimated
from the written digits of the numbers involved), and at least two units of its last digit: no
rounding could explain them (the finding is an error). The "inside" faults (``*_round``) move it
within the rounding interval of the round figures involved (150万元, a round budget), beyond what
the rounding of the figures written with decimals allows: only if those round figures were
themselves rounded would the report hold (issue 14: a warning that names them). ``three_public_unit``
moves one 三公 line by one unit of its last digit (the example's 2 → 3万元 against a total of 2).
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
    # inside the rounding interval of round figures
    "sum_part_round": "sum_mismatch",
    "group_balance_round": "balance_mismatch",
    "share_round": "share_mismatch",
    "growth_round": "growth_mismatch",
    "execution_rate_round": "execution_rate_mismatch",
    "three_public_unit": "sum_mismatch",
    # 自评表 faults (on the synthetic forms of scripts/synth_forms.py)
    "form_execution_rate": "execution_rate_mismatch",
    "form_execution_rate_round": "execution_rate_mismatch",
    "form_part": "sum_mismatch",
    "form_part_round": "sum_mismatch",
    "form_indicator_score": "score_mismatch",
    "form_budget_score": "score_mismatch",
    "form_weight": "score_mismatch",
    "form_total": "score_mismatch",
    "form_indicator_actual": "goal_not_met",
    # fund-flow faults (on the synthetic project excerpts of scripts/synth_flows.py)
    "flow_source": "sum_mismatch",
    "flow_spent": "balance_mismatch",
    "flow_table_row": "sum_mismatch",
}
# The severity a fault's finding should have (the reading that explains it); None: either.
SEVERITY = {fault: ("warning" if fault.endswith("_round") else None if fault == "three_public_unit" else "error")
            for fault in FAULTS}
for _rule in ("stake", "staff", "heading_number"):
    SEVERITY[_rule] = "warning"
SEVERITY["form_budget_score"] = "warning"  # checks.toml score_mismatch.rate_score_severity
SEVERITY["form_indicator_actual"] = None  # goal_not_met: info when the actual reaches 80 % of the target
# Inside faults stay above INSIDE_LOW × what the rounding of the figures with decimals explains
# and below INSIDE_HIGH × what the rounding of every figure explains.
INSIDE_LOW, INSIDE_HIGH = Decimal("1.5"), Decimal("0.8")

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
    new = perturb(rng, m["num"], (half(m["num"]) + rate_slack(text, m.start("num"))) * MARGIN, rel=(0.0, 0.1),
                  floor=Decimal(0))
    return replace_span(text, *m.span("num"), new), f"share {m['num']}% → {new}%", m.start("num")


def _growth(text: str, rng: random.Random) -> tuple[str, str, int]:
    sites = list(re.finditer(rf"{CMP}(?:增加|减少){NUM}万元{C}(?:增长|下降|减少|增幅|降幅)了?(?P<num>{NUM})%", text))
    m = _pick(rng, sites, "growth rate with a change amount")
    new = perturb(rng, m["num"], (half(m["num"]) + rate_slack(text, m.start("num"))) * MARGIN, rel=(0.0, 0.1),
                  floor=Decimal(0))
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


FLOW_SOURCES = re.compile(rf"实际到位(?P<total>{NUM})万元{C}其中[:：]中央资金(?P<a>{NUM})万元{C}县级配套资金(?P<b>{NUM})万元")
FLOW = re.compile(rf"实际到位(?P<received>{NUM})万元{C}实际支出(?P<spent>{NUM})万元")
# the same, as cells one per line
VERTICAL_SOURCES = re.compile(rf"实际到位资金\n\(万元\)\n(?P<total>{NUM})\n其中:中央资金\n(?P<a>{NUM})\n县级配套资金\n(?P<b>{NUM})\n")
VERTICAL_FLOW = re.compile(rf"实际到位资金\n\(万元\)\n(?P<received>{NUM})\n(?:[^\n]*\n{NUM}\n)*?实际支出\(万元\)\n(?P<spent>{NUM})\n")


def _flow_source(text: str, rng: random.Random) -> tuple[str, str, int]:
    """A source of the funds that arrived raised (to above its total: a short list is not judged)."""
    m = _pick(rng, list(FLOW_SOURCES.finditer(text)) + list(VERTICAL_SOURCES.finditer(text)),
              "arrived funds with their sources")
    tol = half(m["total"]) + half(m["a"]) + half(m["b"])
    new = perturb(rng, m["b"], tol * MARGIN, floor=Decimal(m["b"]))
    return replace_span(text, *m.span("b"), new), f"source {m['b']} → {new}", m.start("b")


def _flow_spent(text: str, rng: random.Random) -> tuple[str, str, int]:
    """What was spent raised above what arrived (the stated balance stays)."""
    m = _pick(rng, list(FLOW.finditer(text)) + list(VERTICAL_FLOW.finditer(text)),
              "a sentence (or cells) of arrived and spent funds")
    tol = half(m["received"]) + half(m["spent"])
    new = perturb(rng, m["received"], tol * MARGIN, rel=(0.02, 0.2), floor=Decimal(m["received"]))
    return replace_span(text, *m.span("spent"), new), f"spent {m['spent']} → {new}", m.start("spent")


TABLE_ROW = re.compile(rf"(?m)^(?P<label>[^|\n]+) \| (?P<plan>{NUM}) \| (?P<done>{NUM}) \|$")
TABLE_TOTAL = re.compile(rf"(?m)^支出合计 \| (?P<plan>{NUM}) \| (?P<done>{NUM}) \|$")


def _flow_table_row(text: str, rng: random.Random) -> tuple[str, str, int]:
    """A row of a barred 支出明细 table raised, so that its column exceeds the 支出合计 row."""
    total = TABLE_TOTAL.search(text)
    rows = [m for m in TABLE_ROW.finditer(text) if total and m.end() < total.start()]
    m = _pick(rng, rows, "a barred table with a 支出合计 row")
    column = rng.choice(["plan", "done"])
    tol = half(total[column]) + sum((half(r[column]) for r in rows), Decimal(0))
    new = perturb(rng, m[column], tol * MARGIN, floor=Decimal(m[column]))
    return replace_span(text, *m.span(column), new), f"table row {m['label']} {m[column]} → {new}", m.start(column)


def _execution_rate(text: str, rng: random.Random) -> tuple[str, str, int]:
    sites = list(re.finditer(rf"执行率(?:为|达)?(?P<num>{NUM})%", text))
    m = _pick(rng, sites, "execution rate")
    new = perturb(rng, m["num"], (half(m["num"]) + rate_slack(text, m.start("num"))) * MARGIN, rel=(0.0, 0.05),
                  floor=Decimal(0))
    return replace_span(text, *m.span("num"), new), f"执行率 {m['num']}% → {new}%", m.start("num")


# ------------------------------------------------------------------ faults inside the rounding interval
def is_round(raw: str) -> bool:
    """A round figure: written without decimals and not 0 (150万元)."""
    return decimals(raw) == 0 and Decimal(raw) != 0


def inside_delta(rng: random.Random, unit: Decimal, fine_tol: Decimal, full_tol: Decimal) -> Decimal:
    """A change, a multiple of ``unit``, that the rounding of the figures written with decimals
    cannot explain (above INSIDE_LOW × fine_tol) but that of the round figures can (below
    INSIDE_HIGH × full_tol)."""
    lo, hi = max(fine_tol * INSIDE_LOW, unit), full_tol * INSIDE_HIGH
    k_lo, k_hi = int((lo / unit).to_integral_value(rounding="ROUND_CEILING")), int(hi / unit)
    if k_lo > k_hi:
        raise FaultNotApplicable("no change fits between the rounding of the fine and of the round figures")
    return unit * rng.randint(k_lo, k_hi)



def nudged_inside(rng: random.Random, raw: str, fine_tol: Decimal, full_tol: Decimal) -> str:
    """``raw`` moved up or down (down only while it stays positive) by an :func:`inside_delta` in
    units of its own last digit, written with as many decimals."""
    delta = inside_delta(rng, Decimal(1).scaleb(-decimals(raw)), fine_tol, full_tol)
    sign = -1 if Decimal(raw) - delta > 0 and rng.random() < 0.5 else 1
    return fmt(Decimal(raw) + sign * delta, decimals(raw))

def spread(f, values: list[Decimal], halves: list[Decimal]) -> Decimal:
    """How far ``f`` of the values moves when each moves by up to its half-unit (corners)."""
    base, out = f(values), Decimal(0)
    for corner in range(2 ** len(values)):
        moved = [v + (h if corner >> i & 1 else -h) for i, (v, h) in enumerate(zip(values, halves))]
        try:
            out = max(out, abs(f(moved) - base))
        except ArithmeticError:
            continue
    return out


def _rate_inside(rng, text: str, m, key: str, f, raws: list[str]) -> tuple[str, str, int]:
    """Write the rate in group ``key`` of ``m`` inside the rounding interval of the round ``raws``
    around the rate computed from the figures as written (the stated rate is itself rounded)."""
    values = [Decimal(r) for r in raws]
    if not any(is_round(r) for r in raws):
        raise FaultNotApplicable("no round figure behind this rate")
    rate, places = m[key], decimals(m[key])
    exact, unit = f(values), Decimal(1).scaleb(-places)
    fine_tol = half(rate) + spread(f, values, [Decimal(0) if is_round(r) else half(r) for r in raws])
    full_tol = half(rate) + spread(f, values, [half(r) for r in raws])
    lo, hi = max(fine_tol * INSIDE_LOW, unit / 2), full_tol * INSIDE_HIGH
    steps = int(hi / unit) + 2
    candidates = [c for c in (Decimal(fmt(exact, places)) + k * unit for k in range(-steps, steps + 1))
                  if lo < abs(c - exact) < hi and fmt(c, places) != rate and c >= 0]
    if not candidates:
        raise FaultNotApplicable("no rate fits between the rounding of the fine and of the round figures")
    new = fmt(candidates[rng.randrange(len(candidates))], places)
    return replace_span(text, *m.span(key), new), f"{key} {rate}% → {new}% (inside the rounding)", m.start(key)


def _sum_part_round(text: str, rng: random.Random) -> tuple[str, str, int]:
    sites = []
    for group in _groups(text):
        amounts = list(re.finditer(rf"\n项目支出(?P<num>{NUM})万元", group["body"]))
        raws = [a["num"] for a in amounts]
        if len(amounts) < 2 or not any(is_round(r) for r in raws):
            continue
        fine_tol = half(group["spent"]) + sum(half(r) for r in raws if not is_round(r))
        full_tol = fine_tol + sum(half(r) for r in raws if is_round(r))
        for a in amounts:
            if not is_round(a["num"]):
                sites.append((group, a, fine_tol, full_tol))
    group, a, fine_tol, full_tol = _pick(rng, sites, "group with a round amount")
    raw = a["num"]
    new = nudged_inside(rng, raw, fine_tol, full_tol)
    s, e = a.span("num")
    at = group["offset"] + s
    return replace_span(text, at, group["offset"] + e, new), f"项目支出 {raw} → {new} (inside the rounding)", at


def _group_balance_round(text: str, rng: random.Random) -> tuple[str, str, int]:
    sites = [g["match"] for g in _groups(text) if is_round(g["match"]["budget"]) and Decimal(g["match"]["balance"])]
    g = _pick(rng, sites, "group with a round budget")
    parts = [g["spent"]] + ([g["adj"]] if g["adj"] else [])
    fine_tol = half(g["balance"]) + sum(half(r) for r in parts if not is_round(r))
    full_tol = fine_tol + half(g["budget"]) + sum(half(r) for r in parts if is_round(r))
    raw = g["balance"]
    new = nudged_inside(rng, raw, fine_tol, full_tol)
    return (replace_span(text, *g.span("balance"), new), f"group balance {raw} → {new} (inside the rounding)",
            g.start("balance"))


def rate_sites(text: str) -> list[tuple[object, str, object, list[str]]]:
    """Every stated rate whose inputs the text states beside it: (match, rate group, the rate as a
    function of the inputs, the inputs as written) — shares, growth rates, execution rates."""
    out = []
    basic = re.search(rf"基本支出(?P<num>{NUM})万元", text)
    project = re.search(rf"项目支出(?P<num>{NUM})万元", text)
    total = re.search(rf"本年支出合计(?P<num>{NUM})万元", text)
    if basic and project:
        den = [total["num"]] if total else [basic["num"], project["num"]]
        for m in re.finditer(rf"(?:人员经费|运行经费|公用经费|日常公用经费|项目支出)(?P<x>{NUM})万元{C}"
                             rf"占(?:全年)?(?:总支出|支出总额)的(?:比重为)?(?P<share>{NUM})%", text):
            out.append((m, "share", lambda v: v[0] / sum(v[1:]) * 100, [m["x"], *den]))
    for m in re.finditer(rf"(?:人员经费|运行经费|公用经费|日常公用经费|项目支出)(?P<x>{NUM})万元[^。]*?{CMP}"
                         rf"(?P<dir>增加|减少)(?P<d>{NUM})万元{C}(?:增长|增幅|下降|降幅|减少)了?(?P<rate>{NUM})%", text):
        sign = 1 if m["dir"] == "增加" else -1
        out.append((m, "rate", lambda v, sign=sign: abs(sign * v[1] / (v[0] - sign * v[1]) * 100), [m["x"], m["d"]]))
    for m in re.finditer(rf"全年预算数(?P<b>{NUM})万元{C}全年执行数(?P<e>{NUM})万元{C}预算执行率(?P<rate>{NUM})%", text):
        out.append((m, "rate", lambda v: v[1] / v[0] * 100, [m["b"], m["e"]]))
    return out


def rate_slack(text: str, at: int) -> Decimal:
    """How far the rounding of its inputs moves the rate written at ``at`` (RATE_SLACK when the
    inputs are not found beside it)."""
    for m, key, f, raws in rate_sites(text):
        if m.start(key) == at:
            return max(RATE_SLACK, spread(f, [Decimal(r) for r in raws], [half(r) for r in raws]))
    return RATE_SLACK


def _rate_round(text: str, rng: random.Random, key: str, what: str) -> tuple[str, str, int]:
    sites = [(m, k, f, raws) for m, k, f, raws in rate_sites(text) if k == key and m.re.pattern.find(what) >= 0
             and any(is_round(r) for r in raws)]
    m, k, f, raws = _pick(rng, sites, f"{what} computed from a round figure")
    return _rate_inside(rng, text, m, k, f, raws)


def _share_round(text: str, rng: random.Random) -> tuple[str, str, int]:
    return _rate_round(text, rng, "share", "占")


def _growth_round(text: str, rng: random.Random) -> tuple[str, str, int]:
    return _rate_round(text, rng, "rate", "增加")


def _execution_rate_round(text: str, rng: random.Random) -> tuple[str, str, int]:
    return _rate_round(text, rng, "rate", "预算执行率")


def _three_public_unit(text: str, rng: random.Random) -> tuple[str, str, int]:
    lines = [re.search(rf"{label}(?P<num>{NUM})万元", text)
             for label in (rf"因公出国{LP}境{RP}费", "公务用车购置及运行维护费", "公务接待费")]
    total = re.search(rf"[“\"]三公[”\"]经费支出(?P<num>{NUM})万元", text)
    sites = [m for m in lines if m and Decimal(m["num"]) != 0]
    if not total:
        raise FaultNotApplicable("no 三公 total")
    m = _pick(rng, sites, "三公 line in 万元")
    raw = m["num"]
    new = fmt(Decimal(raw) + Decimal(1).scaleb(-decimals(raw)), decimals(raw))
    return replace_span(text, *m.span("num"), new), f"三公 line {raw} → {new} (one unit)", m.start("num")


# ------------------------------------------------------------------ 自评表 faults
# Rows of a form as the readers render it (scripts/synth_forms.py): a budget line, an indicator, the total.
BUDGET_ROW = re.compile(rf"(?m)^\| (?P<name>[^|\n]+?) \| (?P<init>{NUM}) \| (?P<full>{NUM}) \| (?P<exec>{NUM}) \| "
                        rf"(?P<w>\d+|—) \| (?P<rate>{NUM})% \| (?P<score>{NUM}|—)$")
INDICATOR_ROW = re.compile(rf"(?m)^\| [^|\n]* \| [^|\n]* \| (?P<name>[^|\n]+?) \| ≥(?P<target>{NUM})(?P<unit>[^|\d\s]+) \| "
                           rf"(?P<actual>{NUM})(?P=unit) \| (?P<w>\d+) \| (?P<s>{NUM}) \|$")
TOTAL_ROW = re.compile(rf"(?m)^总分 \| 100 \| (?P<total>{NUM}) \|")


def _form_rate_f(v):
    return v[1] / v[0] * 100


def _form_execution_rate(text: str, rng: random.Random) -> tuple[str, str, int]:
    m = _pick(rng, list(BUDGET_ROW.finditer(text)), "form budget line with an execution rate")
    raws = [m["full"], m["exec"]]
    tol = half(m["rate"]) + spread(_form_rate_f, [Decimal(r) for r in raws], [half(r) for r in raws])
    new = perturb(rng, m["rate"], tol * MARGIN, rel=(0.0, 0.05), floor=Decimal(0))
    return replace_span(text, *m.span("rate"), new), f"form 执行率 {m['rate']}% → {new}%", m.start("rate")


def _form_execution_rate_round(text: str, rng: random.Random) -> tuple[str, str, int]:
    sites = [m for m in BUDGET_ROW.finditer(text) if any(is_round(m[k]) for k in ("full", "exec"))]
    m = _pick(rng, sites, "form budget line with a round amount")
    return _rate_inside(rng, text, m, "rate", _form_rate_f, [m["full"], m["exec"]])


def _form_lines(text: str) -> tuple[object, list]:
    rows = list(BUDGET_ROW.finditer(text))
    total = next((m for m in rows if "资金总额" in m["name"]), None)
    if total is None:
        raise FaultNotApplicable("no 年度资金总额 line")
    return total, [m for m in rows if m is not total]


def _form_part(text: str, rng: random.Random) -> tuple[str, str, int]:
    total, parts = _form_lines(text)
    m = _pick(rng, parts, "form 其中 line")
    tol = half(total["init"]) + sum(half(p["init"]) for p in parts)
    new = perturb(rng, m["init"], tol * MARGIN, rel=(0.0, 0.15), floor=Decimal(0))
    return replace_span(text, *m.span("init"), new), f"form 其中 年初预算数 {m['init']} → {new}", m.start("init")


def _form_part_round(text: str, rng: random.Random) -> tuple[str, str, int]:
    total, parts = _form_lines(text)
    raws = [p["init"] for p in parts]
    if not any(is_round(r) for r in raws):
        raise FaultNotApplicable("no round 其中 line")
    sites = [p for p in parts if not is_round(p["init"])]
    m = _pick(rng, sites, "form 其中 line with decimals beside a round one")
    fine_tol = half(total["init"]) + sum(half(r) for r in raws if not is_round(r))
    full_tol = fine_tol + sum(half(r) for r in raws if is_round(r))
    raw = m["init"]
    new = nudged_inside(rng, raw, fine_tol, full_tol)
    return (replace_span(text, *m.span("init"), new), f"form 其中 年初预算数 {raw} → {new} (inside the rounding)",
            m.start("init"))


def _form_indicator_score(text: str, rng: random.Random) -> tuple[str, str, int]:
    m = _pick(rng, [m for m in INDICATOR_ROW.finditer(text) if Decimal(m["s"]) >= 2], "scored indicator")
    old = Decimal(m["s"])
    new = fmt(old - rng.randint(1, min(3, int(old) - 1)), decimals(m["s"]))
    return replace_span(text, *m.span("s"), new), f"indicator 得分 {m['s']} → {new}", m.start("s")


def _form_budget_score(text: str, rng: random.Random) -> tuple[str, str, int]:
    """The 年度资金总额 line's 得分 moved off 分值 × 执行率, and the 总分 with it (so only that
    product is wrong)."""
    m = next((m for m in BUDGET_ROW.finditer(text) if m["score"] != "—"), None)
    total = TOTAL_ROW.search(text)
    if m is None or total is None:
        raise FaultNotApplicable("no scored budget line")
    old = Decimal(m["score"])
    delta = Decimal(rng.randint(50, 300)) / 100 * (-1 if old > 4 and rng.random() < 0.7 else 1)
    new = fmt(old + delta, decimals(m["score"]))
    new_total = fmt(Decimal(total["total"]) + Decimal(new) - old, decimals(total["total"]))
    text = replace_span(text, *total.span("total"), new_total)  # below the line: its spans hold
    return replace_span(text, *m.span("score"), new), f"budget 得分 {m['score']} → {new}", m.start("score")


def _form_weight(text: str, rng: random.Random) -> tuple[str, str, int]:
    m = _pick(rng, list(INDICATOR_ROW.finditer(text)), "indicator weight")
    old = int(m["w"])
    new = str(old + rng.choice([-5, 5]) if old > 5 else old + 5)
    return replace_span(text, *m.span("w"), new), f"indicator 分值 {old} → {new}", m.start("w")


def _form_total(text: str, rng: random.Random) -> tuple[str, str, int]:
    m = TOTAL_ROW.search(text)
    if not m:
        raise FaultNotApplicable("no 总分 row")
    old = Decimal(m["total"])
    step = Decimal(rng.randint(1, 5)) * (1 if old <= 95 or rng.random() < 0.3 else -1)
    new = fmt(old + step, decimals(m["total"]))
    return replace_span(text, *m.span("total"), new), f"总分 {m['total']} → {new}", m.start("total")


def _form_indicator_actual(text: str, rng: random.Random) -> tuple[str, str, int]:
    m = _pick(rng, list(INDICATOR_ROW.finditer(text)), "indicator with a ≥ target")
    target = Decimal(m["target"])
    short = max(Decimal(1), (target * Decimal(rng.randint(2, 40)) / 100).to_integral_value())
    new = fmt(target - short, max(decimals(m["actual"]), 0))
    return replace_span(text, *m.span("actual"), new), f"indicator 实际 {m['actual']} → {new} (target ≥{m['target']})", m.start("actual")


INJECTORS = {
    "sum_part": _sum_part,
    "share": _share,
    "growth": _growth,
    "group_balance": _group_balance,
    "stake": _stake,
    "staff": _staff,
    "heading_number": _heading_number,
    "execution_rate": _execution_rate,
    "sum_part_round": _sum_part_round,
    "group_balance_round": _group_balance_round,
    "share_round": _share_round,
    "growth_round": _growth_round,
    "execution_rate_round": _execution_rate_round,
    "three_public_unit": _three_public_unit,
    "form_execution_rate": _form_execution_rate,
    "form_execution_rate_round": _form_execution_rate_round,
    "form_part": _form_part,
    "form_part_round": _form_part_round,
    "form_indicator_score": _form_indicator_score,
    "form_budget_score": _form_budget_score,
    "form_weight": _form_weight,
    "form_total": _form_total,
    "form_indicator_actual": _form_indicator_actual,
    "flow_source": _flow_source,
    "flow_spent": _flow_spent,
    "flow_table_row": _flow_table_row,
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
# (scripts/synth_reports.py; re-exported: tests and the bench call inject_faults.synth_report)
sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth_flows import synth_flow  # noqa: E402
from synth_forms import synth_form  # noqa: E402
from synth_reports import synth_report  # noqa: E402


# ------------------------------------------------------------------ corpus
def clean_texts(synthetic: int, seed: int = 0, forms: int = 0, flows: int = 0) -> dict[str, str]:
    """name → clean text: the example report, ``synthetic`` generated reports, ``forms``
    generated 自评表 (scripts/synth_forms.py) and ``flows`` project excerpts stating one fund's flow
    (scripts/synth_flows.py)."""
    texts = {}
    if EXAMPLE.exists():
        texts["example"] = EXAMPLE.read_text(encoding="utf-8")
    for i in range(synthetic):
        texts[f"synth{seed + i:03d}"] = synth_report(seed + i)
    for i in range(forms):
        texts[f"form{seed + i:03d}"] = synth_form(seed + i)
    for i in range(flows):
        texts[f"flow{seed + i:03d}"] = synth_flow(seed + i)
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
    ap.add_argument("--forms", type=int, default=20, help="generated clean 自评表 (default 20)")
    ap.add_argument("--flows", type=int, default=10, help="generated project excerpts with a fund flow (default 10)")
    ap.add_argument("--variants", type=int, default=3, help="seeds per fault per report (default 3)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--margin", type=Decimal, default=MARGIN, help="fault size in tolerances (default 3)")
    args = ap.parse_args(argv)
    set_margin(args.margin)
    (args.out / "clean").mkdir(parents=True, exist_ok=True)
    (args.out / "faulted").mkdir(parents=True, exist_ok=True)
    texts = clean_texts(args.synthetic, args.seed, args.forms, args.flows)
    for name, text in texts.items():
        (args.out / "clean" / f"{name}.txt").write_text(text, encoding="utf-8")
    expected = {}
    for name, fault, s, got in faulted_variants(texts, args.variants, args.seed):
        file = f"{name}.{fault}.{s}.txt"
        (args.out / "faulted" / file).write_text(got.text, encoding="utf-8")
        expected[file] = {"clean": f"{name}.txt", "fault": fault, "rule": got.rule, "change": got.note,
                          "severity": SEVERITY.get(fault)}
    (args.out / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1, sort_keys=True),
                                            encoding="utf-8")
    print(f"{len(texts)} clean texts, {len(expected)} faulted variants → {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
