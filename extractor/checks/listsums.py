"""A total stated in prose against the amounts listed after its 其中, and one funding document's
allocation stated twice (``sum_mismatch``).

"下达…中央水利发展资金2263万元。其中:中小河流治理工程1435万元,…,农业水价改革18万元。" and "项目资金总预算为
2455.5万元,其中部门预算项目支出87.5万元,专项预算支出2350万元。": the total is the money amount right
before the 其中 marker (only punctuation between), the parts are the clauses after it up to the end
of the sentence, each a label (a count may stand in it: 项目79个财政资金…) and one amount in the total's unit; an aside in brackets is
left out. A list whose clauses are not all such (a percent, a second amount, a comparison, an
approximate amount) is not judged. A list
that adds up to more than its total is a finding; one that adds up to less only when it covers at
least ``min_cover`` of it (a 其中 naming only the main lines is no inconsistency); a list whose first
parts already make the total goes on about one of them (原值…，净值…). Judged in the
readings exact, fine, round (tolerance.judge).
"""
from __future__ import annotations

import re

from ..model import Finding
from .context import MONEY, Ctx, diff_fields, evidence, finding, guarded, money_mentions, rule, rule_part
from .sums import judge_sum, sum_fails
from .tolerance import finite, fmt

RULE_ID = "sum_mismatch"


@rule(RULE_ID)
def prose_list_sums(ctx: Ctx) -> list[Finding]:
    """Every prose total followed by a 其中 list of its parts."""
    conf = rule_part(RULE_ID, "prose_list")  # [rules.sum_mismatch.prose_list]
    if not conf:
        return []
    money = money_mentions(ctx.report)
    count_units = set(conf.get("count_units", []))
    counts = sorted((m for m in ctx.report.mentions or [] if m.kind == "count" and m.unit in count_units
                     and finite(m.value)), key=lambda m: m.start)
    out = []
    for marker in conf["marker"].regex.finditer(ctx.text):
        out += guarded(RULE_ID, _one_list, ctx, marker, money, conf)
        if counts and conf.get("count_kind") is not None:
            out += guarded(RULE_ID, _one_list, ctx, marker, counts, conf, True)
    return out


def _index(ctx: Ctx, m) -> int | None:
    mentions = ctx.report.mentions or []
    try:
        return mentions.index(m)
    except ValueError:
        return None


def _one_list(ctx: Ctx, marker: re.Match, money: list, conf: dict, counted_list: bool = False) -> list[Finding]:
    """The list after one 其中 marker: of money amounts, or (``counted_list``) of counts in one unit
    whose total names staff or posts and whose every label is a kind of them (``count_total``,
    ``count_kind``: 在职人员总数25人,其中:行政编制人员7人、参公编制人员4人、事业编制人员13人; never
    overlapping attributes such as 党员 or 本科)."""
    text = ctx.text
    before = [m for m in money if m.end <= marker.start()]
    if not before:
        return []
    total_m = before[-1]
    if not conf["between"].regex.fullmatch(text[total_m.end:marker.start()]):
        total_m = None if counted_list else single_amount(ctx, marker)
        if total_m is None:
            return []
    if counted_list:
        head = text[max(0, total_m.start - int(conf.get("count_total_chars", 12))):total_m.start]
        if not conf["count_total"].regex.search(head):
            return []
    sentence_end = conf["sentence_end"].regex.search(text, marker.end())
    end = sentence_end.start() if sentence_end else len(text)
    if end - marker.end() > int(conf.get("max_list_chars", 400)):
        return []
    clause_re = conf["clause_separator"].regex
    reject_re = conf["reject"].regex
    # an aside in brackets ("(“三区”人才项目16个49万元)") is no part of the list
    asides = [(a.start(), a.end()) for a in conf["aside"].regex.finditer(text, marker.end(), end)]

    def aside(m) -> bool:
        return any(s <= m.start and m.end <= e for s, e in asides)

    inside = [m for m in money if marker.end() <= m.start and m.end <= end and not aside(m)]
    counted = set() if counted_list else set(conf.get("label_kinds", ["count"]))  # 项目79个 before its amount
    ids = {id(m) for m in inside}
    others = [m for m in ctx.report.mentions or [] if marker.end() <= m.start and m.end <= end
              and id(m) not in ids and not aside(m) and m.kind not in counted]
    if others or len(inside) < 2 or total_m.approx or any(m.approx for m in inside):
        return []
    if bare_figures(text, marker.end(), end, ctx.report.mentions or [], asides):
        return []  # a figure no mention holds may be a part the list does not show
    if (total_m.source_unit or MONEY) != (inside[0].source_unit or MONEY) or \
            any((m.source_unit or MONEY) != (inside[0].source_unit or MONEY) for m in inside):
        return []
    # each clause: a label, then exactly one amount that ends it
    pos, parts = marker.end(), []
    def unbracketed(a: int, b: int) -> str:
        out, at = [], a
        for s, e in asides:
            if a <= s and e <= b:
                out.append(text[at:s])
                at = e
        return "".join(out) + text[at:b]

    for m in inside:
        label = unbracketed(pos, m.start)
        if clause_re.search(label.strip(" \t:：,，、;；")) or reject_re.search(label) or not conf["label"].regex.search(label):
            return []
        if counted_list and not conf["count_kind"].regex.search(label):
            return []
        parts.append((label.strip(" \t:：,，、;；"), m))
        pos = m.end
    if not conf["tail"].regex.fullmatch(unbracketed(pos, end)):
        return []
    stated = ctx.q_value(total_m.value, mention=_index(ctx, total_m),
                         evidence=[_ev(ctx, total_m, "total")])
    qs = [ctx.q_value(m.value, mention=_index(ctx, m), evidence=[_ev(ctx, m, label)]) for label, m in parts]
    if stated is None or any(q is None for q in qs) or stated.value <= 0:
        return []
    if counted_list:
        for q in (stated, *qs):  # heads and posts are counted, never rounded
            q.half, q.round = 0.0, False
    v = sum_fails(ctx, stated, qs)
    if v is None:
        return []
    computed = sum(q.value for q in qs)
    # a list announced as the whole breakdown (具体是, 分别为: the marker's ``full`` group) is judged
    # from a lower cover than a 其中, which may name the main lines only
    full = marker.groupdict().get("full") or marker.groupdict().get("alone")
    cover = conf.get("full_min_cover", 0.8) if full else conf.get("min_cover", 0.95)
    if computed < stated.value and computed < float(cover) * stated.value:
        return []  # a partial list: the main lines only
    figures = "+".join(fmt(q.value) for q in qs)
    if counted_list:
        return [finding(ctx, RULE_ID, ctx.msg(RULE_ID, "prose_list_count", total=fmt(stated.value), n=len(qs),
                                              unit=total_m.unit, figures=figures, **diff_fields(v)),
                        v, evidence(stated, *qs))]
    return [finding(ctx, RULE_ID, ctx.msg(RULE_ID, "prose_list", total=fmt(stated.value), n=len(qs),
                                          figures=figures, **diff_fields(v)), v, evidence(stated, *qs))]


def single_amount(ctx: Ctx, marker: re.Match):
    """The money mention of the report's one project (a single-project report), stated before a
    marker that breaks down the project's funds without restating them (the marker's ``alone`` group:
    "省下达我县…专项资金63.2万元。…" then "资金安排是:支持体育设施建设5万元,…"); else None."""
    if not marker.groupdict().get("alone"):
        return None
    projects = [p for p in ctx.report.projects or [] if finite(getattr(p, "amount", None))]
    if len(projects) != 1 or projects[0].amount_mention is None:
        return None
    mentions = ctx.report.mentions or []
    k = projects[0].amount_mention
    m = mentions[k] if 0 <= k < len(mentions) else None
    if m is None or m.unit != MONEY or m.end > marker.start() or abs(m.value - projects[0].amount) > 1e-9:
        return None
    return m


def bare_figures(text: str, start: int, end: int, mentions: list, asides: list) -> bool:
    """Whether text[start:end] writes a figure that no mention and no aside holds."""
    covered = [(m.start, m.end) for m in mentions if start <= m.end and m.start <= end] + list(asides)
    for d in re.finditer(r"\d+(?:\.\d+)?", text[start:end]):
        a, b = start + d.start(), start + d.end()
        if not any(s <= a and b <= e for s, e in covered):
            return True
    return False


def _ev(ctx: Ctx, m, label: str) -> dict:
    return {"type": "mention", "index": _index(ctx, m), "start": m.start, "end": m.end, "raw": m.raw,
            "label": label}


# ----------------------------------------------------------------------------- one document's allocation
@rule(RULE_ID)
def document_allocations(ctx: Ctx) -> list[Finding]:
    """What one funding document (呼财农指【2023】41号) allocates, stated in two sentences: each
    sentence that names the document and then exactly one amount gives that amount; the amount of
    a sentence whose label is the funds as a whole (下达…2023年资金5万元) is the document's total, and
    no other sentence may give it a different total or a single item above it (…山洪灾害防治设施维养6万元)."""
    conf = rule_part(RULE_ID, "document_allocation")
    if not conf:
        return []
    doc_re, whole_re = conf["document"].regex, conf["whole"].regex
    stops = conf.get("sentence_stops", "。\n")
    money = [(j, m) for j, m in enumerate(ctx.report.mentions or []) if m.unit == MONEY and finite(m.value)]
    by_doc: dict[str, list] = {}
    pos = 0
    text = ctx.text
    while pos < len(text):
        ends = [e for e in (text.find(c, pos) for c in stops) if e >= 0]
        end = min(ends, default=len(text))
        docs = list(doc_re.finditer(text, pos, end))
        if docs:
            doc = docs[-1]
            amounts = [(j, m) for j, m in money if doc.end() <= m.start and m.end <= end]
            if len(amounts) == 1 and not amounts[0][1].approx:
                j, m = amounts[0]
                label = text[doc.end():m.start]
                by_doc.setdefault(doc["doc"], []).append((bool(whole_re.search(label)), j, m))
        pos = end + 1
    out = []
    for doc, stated in by_doc.items():
        wholes = [(j, m) for whole, j, m in stated if whole]
        if not wholes:
            continue
        jw, mw = wholes[0]
        total = ctx.q_value(mw.value, mention=jw, evidence=[_ev(ctx, mw, doc)])
        for whole, j, m in stated:
            if j == jw or abs(m.value - mw.value) <= ctx.eps * max(1.0, abs(mw.value)):
                continue
            if not whole and m.value <= mw.value:
                continue  # an item within the total
            q = ctx.q_value(m.value, mention=j, evidence=[_ev(ctx, m, doc)])
            v = judge_sum(ctx, total, [q])
            if v is None or v.ok:
                continue
            case = "document_total" if whole else "document_item"
            out.append(finding(ctx, RULE_ID, ctx.msg(RULE_ID, case, doc=doc, total=fmt(total.value),
                                                     item=fmt(q.value), **diff_fields(v)), v, evidence(total, q)))
    return out
