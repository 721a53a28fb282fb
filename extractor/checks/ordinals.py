"""A total against the items of the enumeration that breaks it down (``sum_mismatch``): "…;区直文博系统
12774.00万元。区直文博系统项目有:一是布达拉宫管理处,下达预算资金9378万元。…二是西藏博物馆,下达预算资金5009万元,…"
(heldout6 s026: the items add to 14387).

Precision first: the enumeration's introduction (``[rules.sum_mismatch.enumeration].intro``: "区直文博系统项目有:")
follows the total with only a sentence end between, and its subject (the Han words before 项目有) ends
the words right before the total too, so the items are that total's; the items are the ordinals of the
``item`` rule (一是, 二是 …) in order from the first, on the introduction's line; each item's amount is
the first amount after its ordinal, in the total's unit. Judged like a prose 其中 list (listsums.py):
more than the total always, less only when the items cover ``min_cover`` of it.
"""
from __future__ import annotations

from ..model import Finding
from ..text.numerals import label_number
from .context import MONEY, Ctx, diff_fields, evidence, finding, guarded, money_mentions, rule, rule_part
from .sums import judge_sum
from .tolerance import fmt

RULE_ID = "sum_mismatch"


@rule(RULE_ID)
def enumerated_items(ctx: Ctx) -> list[Finding]:
    """Every total followed by an enumeration (…项目有:一是…,二是…) of its items, each with its amount."""
    conf = rule_part(RULE_ID, "enumeration")  # [rules.sum_mismatch.enumeration]
    if not conf:
        return []
    money = money_mentions(ctx.report, exact=True)
    out = []
    for intro in conf["intro"].regex.finditer(ctx.text):
        out += guarded(RULE_ID, _one, ctx, intro, money, conf)
    return out


def _one(ctx: Ctx, intro, money: list, conf: dict) -> list[Finding]:
    text = ctx.text
    before = [m for m in money if m.end <= intro.start()]
    if not before or not conf["between"].regex.fullmatch(text[before[-1].end:intro.start()]):
        return []
    total = before[-1]
    subject = intro["subject"]
    lead = text[max(0, total.start - len(subject) - 2):total.start]
    if not lead.rstrip(conf.get("lead_trim", "")).endswith(subject):
        return []  # the total is not the subject's
    line_end = text.find("\n", intro.end())
    line_end = len(text) if line_end < 0 else line_end
    items = [m for m in conf["item"].regex.finditer(text, intro.end(), line_end)]
    if len(items) < 2 or any(label_number(m["n"] + "、") != k + 1 for k, m in enumerate(items)):
        return []
    if text[intro.end():items[0].start()].strip():
        return []  # the first item opens the enumeration
    amounts = []
    for k, item in enumerate(items):
        stop = items[k + 1].start() if k + 1 < len(items) else line_end
        first = next((m for m in money if item.end() <= m.start and m.end <= stop), None)
        if first is None or (first.source_unit or MONEY) != (total.source_unit or MONEY):
            return []
        amounts.append((text[item.end():first.start].strip(" ,，:：") or item.group(), first))
    stated = ctx.q_value(total.value, mention=_index(ctx, total), evidence=[_ev(ctx, total, subject)])
    qs = [ctx.q_value(m.value, mention=_index(ctx, m), evidence=[_ev(ctx, m, label)]) for label, m in amounts]
    if stated is None or stated.value <= 0 or any(q is None for q in qs):
        return []
    v = judge_sum(ctx, stated, qs)
    computed = sum(q.value for q in qs)
    if v is None or v.ok or (computed < stated.value and computed < float(conf.get("min_cover", 0.95)) * stated.value):
        return []
    return [finding(ctx, RULE_ID, ctx.msg(RULE_ID, "enumeration", subject=subject, total=fmt(stated.value),
                                          n=len(qs), figures="+".join(fmt(q.value) for q in qs), **diff_fields(v)),
                    v, evidence(stated, *qs))]


def _index(ctx: Ctx, m) -> int | None:
    try:
        return (ctx.report.mentions or []).index(m)
    except ValueError:
        return None


def _ev(ctx: Ctx, m, label: str) -> dict:
    return {"type": "mention", "index": _index(ctx, m), "start": m.start, "end": m.end, "raw": m.raw, "label": label}
