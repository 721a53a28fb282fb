"""A 项目支出绩效自评表 whose indicators state their targets every way real forms do, and the faults
an auditor looks for in it, planted one at a time (bench/form_checks_family.py measures the checks
on them in every flattening of bench/form_family.py).

``styled_form(seed)`` is ``synth_forms.synth_form(seed)`` (budget lines whose arithmetic holds)
with its indicator rows replaced by one row per target style of STYLES — ≥, ≤, =, 不低于, 不超过, a
bare 100%, ≥95%, counts in 人/个/公里, qualitative 达标/有效 — each met, each scored its full weight
(the weights add to 100 with the budget line's 10), the 总分 their sum, and a 实际完成情况 cell that
claims every goal was met (全面完成…均已完成). Its arithmetic holds and no indicator misses: no
check should find anything in it.

``FAULTS`` maps each fault to the rules that must catch it:

* the form faults of scripts/inject_faults.py: a line's 执行率, a 其中 line, an indicator's 得分 or
  分值, the 总分, the budget line's 得分 ≠ 分值 × min(执行率, 1) (``form_budget_score``: the 总分
  moved with it, so only that product is wrong), each ``*_round`` one inside the rounding interval
  of the round figures (a score is judged against the rate as written: no rounding interval);
* ``goal:<style>``: one indicator's actual below its target (above it for ≤ targets), still scored
  its full weight, under the claim: goal_not_met, score_mismatch (full points for an unmet
  indicator) and claim_contradicted; ``goal:<style>_round``: the same miss inside the rounding of
  the actual as written (≥90.4% against 90%).

Deterministic: one seed and fault, one text.
"""
from __future__ import annotations

import hashlib
import random
import re
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import inject_faults as inj  # noqa: E402
from synth_forms import LEVEL1, _weights, q2, synth_form  # noqa: E402


@dataclass(frozen=True)
class Style:
    """One way of stating a target: the row's levels and name, the target, a met actual, a missed
    actual, and (where rounding applies) a target and actual that miss only within the rounding
    of the actual as written."""

    key: str
    level1: str
    level2: str
    name: str
    target: str
    met: str
    missed: str
    inside: tuple[str, str] | None = None


STYLES = [
    Style("≥", "产出指标", "质量指标", "验收合格率", "≥90%", "96%", "85%", ("≥90.4%", "90%")),
    Style("≤", "成本指标", "经济成本指标", "投诉率", "≤5%", "3%", "8%", ("≤4.6%", "5%")),
    Style("=", "产出指标", "数量指标", "建档数量", "=12个", "12个", "10个"),
    Style("不低于", "产出指标", "时效指标", "资金拨付及时率", "不低于95%", "98%", "90%", ("不低于95.4%", "95%")),
    Style("不超过", "产出指标", "时效指标", "问题整改时限", "不超过3天", "2天", "5天"),
    Style("100%", "效益指标", "社会效益指标", "适龄儿童接种率", "100%", "100%", "97.3%"),
    Style("≥95%", "满意度指标", "服务对象满意度指标", "服务对象满意度", "≥95%", "97.5%", "93%", ("≥95.5%", "95%")),
    Style("人", "产出指标", "数量指标", "建册人数", "120人", "126人", "69人"),
    Style("个", "产出指标", "数量指标", "建设点位", "≥30个", "32个", "25个"),
    Style("公里", "产出指标", "数量指标", "养护里程", "50公里", "52公里", "40公里", ("50.4公里", "50公里")),
    Style("计划完成率", "产出指标", "数量指标", "计划完成率", "90%", "95%", "60%"),
    Style("达标", "产出指标", "质量指标", "工程质量", "达标", "达标", "未达标"),
    Style("有效", "效益指标", "社会效益指标", "政策实施效果", "有效", "有效", "较差"),
]
BY_KEY = {s.key: s for s in STYLES}
ORDER = ["产出指标", "成本指标", "效益指标", "满意度指标"]
CLAIM = "全面完成{project}年度各项任务,各项绩效指标均已完成。"
INDICATOR_HEADER = "绩效指标 | 一级指标 | 二级指标 | 三级指标 |"
TOTAL = re.compile(r"(?m)^总分 \| 100 \| (?P<total>\d+(?:\.\d+)?) \| (?P<grade>\S+)$")
ROW = re.compile(r"(?m)^\| [^|\n]* \| [^|\n]* \| (?P<name>[^|\n]+?) \| (?P<target>[^|\n]+?) \| (?P<actual>[^|\n]+?) \| "
                 r"(?P<w>\d+) \| (?P<s>\d+(?:\.\d+)?) \|$")
assert set(LEVEL1.values()) <= set(ORDER)


def styled_form(seed: int) -> str:
    """The clean form (see the module docstring)."""
    text = synth_form(seed)
    rng = random.Random(f"styled:{seed}")
    lines = text.splitlines()
    head = next(i for i, ln in enumerate(lines) if ln.startswith(INDICATOR_HEADER))
    total_at = next(i for i, ln in enumerate(lines) if TOTAL.match(ln))
    budget_score = Decimal(TOTAL.match(lines[total_at])["total"]) - sum(
        Decimal(m["s"]) for m in ROW.finditer("\n".join(lines[head + 1:total_at])))
    styles = sorted(STYLES, key=lambda s: (ORDER.index(s.level1), s.level2, rng.random()))
    weights = _weights(rng, len(styles), 90)
    rows, last1, last2 = [], None, None
    for s, w in zip(styles, weights):
        c1, c2 = (s.level1 if s.level1 != last1 else ""), (s.level2 if (s.level1, s.level2) != (last1, last2) else "")
        last1, last2 = s.level1, s.level2
        rows.append(f"| {c1} | {c2} | {s.name} | {s.target} | {s.met} | {w} | {w} |")
    total = q2(budget_score + sum(weights))
    lines[total_at] = f"总分 | 100 | {total} | {'优' if total >= 90 else '良'}"
    lines[head + 1:total_at] = rows
    project = re.search(r"(?m)^项目名称 \| (.+)$", text)[1]
    out = "\n".join(lines) + "\n"
    return re.sub(r"(?m)^(\| 完成[^|\n]+ \| )[^|\n]+$", lambda m: m[1] + CLAIM.format(project=project), out, count=1)


# ------------------------------------------------------------------ faults
def _row_of(text: str, style: Style):
    m = next((m for m in ROW.finditer(text) if m["name"] == style.name), None)
    if m is None:
        raise inj.FaultNotApplicable(f"no {style.name} row")
    return m


def _goal(style: Style, inside: bool):
    def plant(text: str, rng: random.Random) -> tuple[str, str, int]:
        m = _row_of(text, style)
        if not inside:
            return (inj.replace_span(text, *m.span("actual"), style.missed),
                    f"{style.name} 实际 {m['actual']} → {style.missed} (target {style.target})", m.start("actual"))
        target, actual = style.inside
        text = inj.replace_span(text, *m.span("actual"), actual)
        return (inj.replace_span(text, *m.span("target"), target),
                f"{style.name} 目标 {target}, 实际 {actual} (inside the rounding)", m.start("target"))
    return plant


GOAL_RULES = ("goal_not_met", "score_mismatch", "claim_contradicted")
FAULTS: dict[str, tuple[str, ...]] = {
    "form_execution_rate": ("execution_rate_mismatch",),
    "form_execution_rate_round": ("execution_rate_mismatch",),
    "form_budget_score": ("score_mismatch",),
    "form_indicator_score": ("score_mismatch",),
    "form_total": ("score_mismatch",),
    "form_weight": ("score_mismatch",),
    "form_part": ("sum_mismatch",),
    "form_part_round": ("sum_mismatch",),
}
INJECTORS = {}
for _s in STYLES:
    FAULTS[f"goal:{_s.key}"] = GOAL_RULES
    INJECTORS[f"goal:{_s.key}"] = _goal(_s, False)
    if _s.inside:
        FAULTS[f"goal:{_s.key}_round"] = GOAL_RULES
        INJECTORS[f"goal:{_s.key}_round"] = _goal(_s, True)


def inject(text: str, fault: str, seed: int = 0) -> tuple[str, str]:
    """(faulted text, what was changed) for ``fault`` of FAULTS planted in the pipe-joined ``text``.

    Raises inject_faults.FaultNotApplicable when the text has no place for it."""
    if fault in inj.INJECTORS:
        got = inj.inject_detail(text, fault, seed)
        return got.text, got.note
    rng = random.Random(f"{fault}:{seed}:{hashlib.sha1(text.encode()).hexdigest()[:12]}")
    new, note, _ = INJECTORS[fault](text, rng)
    if new == text:
        raise inj.FaultNotApplicable(f"{fault}: the edit changed nothing")
    return new, note


if __name__ == "__main__":
    print(styled_form(int(sys.argv[1]) if len(sys.argv) > 1 else 0))
