"""Qualifiers of a fact's value: its share (占全年总支出的10%), its change against last year
(较上年增加47.79万元, 增长4.77%, 下降20.73%) and the flat phrases (与上年持平: both changes 0).

They follow the value in its clause; the clause runs on over a 。 that a comparison continues
("…占全年总支出的87.25%。较上年增加…"), and ends at an explanation (主要是…) or at another
figure that no qualifier lead claims (what follows qualifies that figure). A label restated
without its value ("“三公”经费比去年减少了1.44万元") yields *orphan* qualifiers: they qualify
whatever value the key gets (see choose.py).
"""
from __future__ import annotations

import math

from ...model import Mention
from .candidates import Candidate, Label, candidate, close
from .reading import Reading
from .scope import scope


def clause_end(r: Reading, pos: int, limit: int) -> int:
    """Where the clause holding ``pos`` ends (a clause.stop not continued), at most ``limit``."""
    cfg, text = r.cfg, r.text
    i = pos
    while i < limit:
        if cfg.clause_stop.match(text[i]):
            if text[i] == cfg.continued_after and cfg.clause_continue.match(text, i + 1):
                i += 1
                continue
            return i
        i += 1
    return limit


def qualifiers(r: Reading, base: Candidate, m: Mention, limit: int, subject_only: bool = False) -> list[Candidate]:
    """Qualifiers after the value ``m`` in its clause. ``subject_only``: ``m`` is the end of a
    label without a value of its own (a restated subject, "“三公”经费比去年减少了1.44万元"),
    so the first qualifier must follow the label at once."""
    cfg, text = r.cfg, r.text
    end = clause_end(r, m.end, limit)
    events = []  # (start, end, mention index or None, flat id)
    for i, q in r.mentions_from(m.end):
        if q.start >= end:
            break
        events.append((q.start, q.end, i, None))
    for fid, pat in cfg.flat:
        for f in pat.finditer(text, m.end, end):
            events.append((f.start(), f.end(), None, fid))
    events.sort(key=lambda e: e[0])
    found: dict[str, Candidate] = {}
    cursor = m.end
    for start, stop, idx, flat_id in events:
        if start < cursor:
            continue
        seg = text[cursor:start]
        if cfg.explain.search(seg):
            break
        if flat_id is not None:
            if subject_only and not found and not cfg.subject_filler.fullmatch(seg):
                break
            for suffix, unit in (("yoy_delta", base.unit), ("yoy_pct", "%")):
                if suffix not in found:
                    found[suffix] = _qualified(r, base, suffix, 0.0, unit, None, start, stop, text[start:stop],
                                               f"qualifier:{flat_id}")
            cursor = stop
            continue
        q = r.mentions[idx]
        hit = None
        for qual in cfg.qualifiers:
            if qual.suffix in found:
                continue
            if qual.value == "percent":
                if q.kind != "percent":
                    continue
            elif q.kind != base.kind or base.kind == "percent" or q.unit != m.unit:
                continue
            lead = qual.lead.search(seg)
            if lead and subject_only and not found and not cfg.subject_filler.fullmatch(seg[: lead.start()]):
                lead = None
            if lead:
                hit = (qual, lead)
                break
        if hit:
            qual, lead = hit
            unit = "%" if qual.value == "percent" else base.unit
            lead_start = cursor + lead.start()
            found[qual.suffix] = _qualified(
                r, base, qual.suffix, qual.sign * q.value, unit, idx, lead_start, q.end,
                lead.group(), f"qualifier:{qual.id}",
            )
            cursor = q.end
            continue
        if subject_only and not found:
            break
        if q.kind in ("amount", "percent", "score"):
            if q.kind == m.kind and close(q.value, m.value) and cfg.restate.search(seg):
                cursor = q.end  # "其中基本建设类项目9151.246516万元" restates the figure
                continue
            break  # another figure: what follows is about it
    return list(found.values())


def _qualified(r: Reading, base: Candidate, suffix, value, unit, idx, start, end, label, rule_id) -> Candidate:
    return Candidate(
        key=f"{base.key}.{suffix}",
        value=float(value) + 0.0,  # no -0.0
        unit=unit,
        scope=base.scope,
        rank=base.rank,
        approx_target=base.approx_target,
        start=start,
        end=end,
        label=label,
        rule_id=rule_id,
        mention=idx,
        section=r.section_at(start),
        kind="percent" if unit == "%" else base.kind,
        source=base.source,
        page=r.report.page_at(start),
    )


def subject_qualifiers(r: Reading, lab: Label, limit: int) -> list[Candidate]:
    """Qualifiers of a label restated without its value ("…“三公”经费支出3.63万元…。“三公”经费
    比去年减少了1.44万元"): candidates of the qualified keys marked ``orphan``; they qualify
    whatever value the key gets (see choose.py)."""
    if lab.entry.value != "amount":
        return []  # "执行率较上年提高2个百分点": a rate's change is in points, not a growth
    where = scope(r, lab)
    if where != "report":
        return []
    here = Mention(kind="amount", value=math.nan, unit=r.cfg.amount_unit, raw="", start=lab.end,
                   end=lab.end, rule_id="fact:subject")
    base = candidate(r, lab, None, here, where)
    quals = qualifiers(r, base, here, limit, subject_only=True)
    for q in quals:
        q.orphan = True
    return quals
