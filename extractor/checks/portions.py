"""Portions of one total stated in one sentence (``share_mismatch``): "总保费1293.45万元,中央财政补贴
47.5%为614.39万元,省级财政补贴32.5%为420.37元". Each portion is a percent followed by the amount it
comes to (``link``); its base is an amount stated earlier in the sentence. A base is taken only when
another portion of the same sentence holds against it (the sibling vouches for the base); a portion
that then does not hold is a finding, judged in the readings exact, fine, round (tolerance.judge).
"""
from __future__ import annotations

from ..model import Finding
from .context import MONEY, PERCENT, Ctx, diff_fields, evidence, finding, guarded, rule, rule_part
from .tolerance import Iv, best_failure, finite, fmt, judge, sum_decimals

RULE_ID = "share_mismatch"


def portion_of(ivs):
    """(percent, base) → the amount: percent × base / 100 (both positive)."""
    pct, base = ivs
    lo, hi = sorted((pct.lo * base.lo / 100, pct.hi * base.hi / 100))
    return Iv(lo, pct.v * base.v / 100, hi)


@rule(RULE_ID)
def sentence_portions(ctx: Ctx) -> list[Finding]:
    """Every sentence with at least two portions (P%为X万元) of an amount it states before them."""
    conf = rule_part(RULE_ID, "portions")
    if not conf:
        return []
    mentions = ctx.report.mentions or []
    stops = conf.get("sentence_stops", "。\n")
    out, seen = [], set()
    for i, m in enumerate(mentions):
        if m.unit != PERCENT or not finite(m.value) or m.start in seen:
            continue
        start = max(ctx.text.rfind(c, 0, m.start) for c in stops) + 1
        ends = [e for e in (ctx.text.find(c, m.start) for c in stops) if e >= 0]
        end = min(ends, default=len(ctx.text))
        sentence = [(j, mm) for j, mm in enumerate(mentions) if start <= mm.start and mm.end <= end]
        seen.update(mm.start for _, mm in sentence)
        out += guarded(RULE_ID, _one_sentence, ctx, sentence, conf)
    return out


def _ev(j, m) -> dict:
    return {"type": "mention", "index": j, "start": m.start, "end": m.end, "raw": m.raw}


def _one_sentence(ctx: Ctx, sentence: list, conf: dict) -> list[Finding]:
    link = conf["link"].regex
    portions = []  # (percent index, percent mention, amount index, amount mention)
    for k, (j, m) in enumerate(sentence):
        if m.unit != PERCENT or not finite(m.value) or m.approx or k + 1 >= len(sentence):
            continue
        j2, m2 = sentence[k + 1]
        if m2.unit == MONEY and finite(m2.value) and not m2.approx and link.fullmatch(ctx.text[m.end:m2.start]):
            portions.append((j, m, j2, m2))
    if len(portions) < 2:
        return []
    first = portions[0][1].start
    used = {p[2] for p in portions}
    bases = [(j, m) for j, m in sentence if m.unit == MONEY and finite(m.value) and m.value > 0
             and m.end <= first and j not in used and not m.approx]
    judged = []
    for jb, mb in bases:
        base = ctx.q_value(mb.value, mention=jb, evidence=[_ev(jb, mb)])
        verdicts = []
        for jp, mp, ja, ma in portions:
            pct = ctx.q_value(mp.value, mention=jp, evidence=[_ev(jp, mp)], unit=PERCENT)
            amount = ctx.q_value(ma.value, mention=ja, evidence=[_ev(ja, ma)])
            v = judge(amount, [pct, base], portion_of, ctx.eps, sum_decimals(amount))
            if v is not None:
                verdicts.append((v, pct, amount, ma.raw))
        holding = sum(1 for v, *_ in verdicts if v.ok)
        if holding:
            judged.append((holding, base, verdicts))
    if not judged:
        return []
    holding, base, verdicts = max(judged, key=lambda t: t[0])  # the base most portions hold against
    out = []
    for v, pct, amount, raw in verdicts:
        failed = best_failure([(v, None)])
        if failed is None:
            continue
        out.append(finding(ctx, RULE_ID, ctx.msg(
            RULE_ID, "portion", base=fmt(base.value), pct=fmt(pct.value), n=holding, raw=raw, **diff_fields(v)),
            v, evidence(amount, pct, base)))
    return out
