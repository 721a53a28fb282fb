"""Label → value blocks written one cell per line (a form flattened from a spreadsheet, a PDF read
cell by cell, a docx table copied as text): "实际到位资金(万元) / 179.6 / 其中:中央资金 / 170 / 省级资金 /
9.6 / 实际支出(万元) / 179.6 / 结余 / 0".

Two checks read such a block, as their prose counterparts do:

* ``sum_mismatch``: a total (``[rules.sum_mismatch.vertical].total``: 到位资金, 资金总额…) and the
  parts after its 其中 (到位 = its sources), judged like a prose 其中 list (listsums.py): more than
  the total always, less only when the parts cover ``min_cover`` of it;
* ``balance_mismatch``: one fund's flow (实际支出 ≤ 到位 + 上年结转, 结余 = 到位 + 结转 − 实际支出) with
  the roles and guards of ``[rules.balance_mismatch.prose_flow]`` (fundflow.py).

Precision first: a block is a run of pairs, each a label line then a line holding one figure (or
"label: figure" on one line, a unit cell "(万元)" between them); a label followed by two figures
(the columns of a grid) ends the block and nothing of it is judged, as does any line that is
neither; a block that names one label twice (columns interleaved) is not judged. Figures in 万元 and in 元 in
one block are not combined.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from ..model import Finding
from .context import Ctx, diff_fields, evidence, finding, guarded, rule, rule_part
from .fundflow import ROLES, flow_findings
from .fundflow import settings as flow_settings
from .sums import sum_fails
from .tolerance import fmt

BRACKETS = regex.compile(r"[(（][^()（）]*[)）]")
MAX_CELL = 40  # characters: a longer line is prose, never a label or a figure cell


@dataclass
class Pair:
    """One label and its figure: the label's text and span, the figure's value, raw text and span."""

    label: str
    start: int
    end: int
    value: float
    raw: str
    vstart: int
    vend: int
    unit: str | None
    marker: bool  # the label was introduced by 其中


def _cells(text: str):
    """(start, end, cell) of each line, the cell its text without table bars and spaces around."""
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        cell = line.strip().strip("|").strip()
        if cell:
            lead = line.find(cell)
            yield start + lead, start + lead + len(cell), cell
        else:
            yield start, start, ""


def blocks(text: str, conf: dict) -> list[list[Pair]]:
    """The runs of label → figure pairs of ``text`` (see the module's docstring); ``conf`` is
    ``[rules.sum_mismatch.vertical]`` (its marker, value, inline and unit_in_label rules)."""
    marker_re, value_re, inline_re = conf["marker"].regex, conf["value"].regex, conf["inline"].regex
    unit_re = conf["unit_in_label"].regex

    def unit_of(written: str | None, label: str) -> str | None:
        """The figure's own unit, else the one its label names in brackets."""
        m = unit_re.search(label)
        return written or (m["unit"] if m else None)

    out, block, label, marker = [], [], None, False

    def close():
        nonlocal block, label, marker
        names = [BRACKETS.sub("", p.label).strip() for p in block]
        if len(block) >= 2 and len(set(names)) == len(names):  # a label twice: columns interleaved
            out.append(block)
        block, label, marker = [], None, False

    for start, end, cell in _cells(text):
        if not cell:
            continue
        if len(cell) > MAX_CELL:  # a paragraph, no cell
            close()
            continue
        m = marker_re.fullmatch(cell)
        if m:
            if label is not None:
                close()
            marker = True
            continue
        v = value_re.fullmatch(cell)
        if v:
            if label is None:  # a second figure after a label: a grid's columns, not pairs
                block = []
                close()
                continue
            text_label, s, e = label
            unit = unit_of(v["unit"], text_label)
            block.append(Pair(text_label, s, e, float(v["num"]), v.group(), start + v.start("num"),
                              start + v.end("num"), unit, marker))
            label, marker = None, False
            continue
        inline = inline_re.fullmatch(cell)
        if inline and label is None:
            text_label = inline["label"].strip()
            lead = marker_re.match(text_label)
            unit = unit_of(inline["unit"], text_label)
            block.append(Pair(text_label[lead.end():] if lead else text_label, start, start + inline.end("label"),
                              float(inline["num"]), inline["num"], start + inline.start("num"),
                              start + inline.end("num"), unit, marker or bool(lead)))
            marker = False
            continue
        unit_cell = unit_re.fullmatch(cell)
        if unit_cell and label is not None:  # "计划投资额 / (万元) / 570": the unit in a cell of its own
            label = (label[0] + cell, label[1], label[2])
            continue
        bare = BRACKETS.sub("", cell)
        if label is None and regex.search(r"\p{Han}", bare) and not regex.search(r"\d", bare) and len(bare) <= 20:
            lead = marker_re.match(cell)
            if lead:
                marker, cell, start = True, cell[lead.end():], start + lead.end()
            label = (cell, start, end)
            continue
        close()  # a sentence, a heading, a label after a label: the run ends
        if label is None and regex.search(r"\p{Han}", bare) and not regex.search(r"\d", bare) and len(bare) <= 20:
            label = (cell, start, end)
    close()
    return out


@rule("sum_mismatch")
def vertical_sources(ctx: Ctx) -> list[Finding]:
    """A total written one cell per line against the parts after its 其中 (到位 = its sources)."""
    conf = rule_part("sum_mismatch", "vertical")  # [rules.sum_mismatch.vertical]
    if not conf:
        return []
    out = []
    for block in blocks(ctx.text, conf):
        out += guarded("sum_mismatch", _block_sum, ctx, block, conf)
    return out


def _ev(p: Pair) -> dict:
    return {"type": "text", "start": p.vstart, "end": p.vend, "raw": p.raw, "label": p.label}


def _block_sum(ctx: Ctx, block: list[Pair], conf: dict) -> list[Finding]:
    out = []
    for i, total in enumerate(block[:-2]):
        if not conf["total"].regex.search(total.label) or not block[i + 1].marker:
            continue
        parts, closed = [], True
        for p in block[i + 1:]:
            if (parts and p.marker) or conf["stop"].regex.search(p.label) or not conf["part"].regex.search(p.label):
                # the list is closed by what follows a fund's sources: its spending, balance or a rate;
                # any other label (上年结转, 合计, a plan) may be a part the vocabulary leaves out
                closed = bool(conf["closes"].regex.search(p.label))
                break
            parts.append(p)
        if len(parts) < 2 or len({p.unit for p in [total, *parts] if p.unit}) > 1:
            continue
        stated = ctx.q_value(total.value, total.vstart, total.vend, evidence=[_ev(total)])
        qs = [ctx.q_value(p.value, p.vstart, p.vend, evidence=[_ev(p)]) for p in parts]
        v = sum_fails(ctx, stated, qs)
        if v is None:
            continue
        computed = sum(q.value for q in qs)
        if computed < stated.value and (not closed or computed < float(conf.get("min_cover", 0.95)) * stated.value):
            continue  # short of the total: judged only for a closed list that covers most of it
        out.append(finding(ctx, "sum_mismatch", ctx.msg(
            "sum_mismatch", "vertical", total_label=total.label, total=fmt(stated.value), n=len(qs),
            figures="+".join(fmt(q.value) for q in qs), **diff_fields(v)), v, evidence(stated, *qs)))
    return out


@rule("balance_mismatch")
def vertical_flows(ctx: Ctx) -> list[Finding]:
    """One fund's flow written one cell per line: 实际支出 ≤ 到位 (+ 结转), 结余 = 到位 − 实际支出."""
    conf, flow = rule_part("sum_mismatch", "vertical"), flow_settings()
    if not conf or not flow:
        return []
    out = []
    for block in blocks(ctx.text, conf):
        out += guarded("balance_mismatch", _block_flow, ctx, block, flow)
    return out


def _block_flow(ctx: Ctx, block: list[Pair], flow: dict) -> list[Finding]:
    roles: dict = {r: [] for r in ROLES}
    for p in block:
        label = BRACKETS.sub("", p.label).strip()
        if flow["skip"].regex.search(label):
            return []
        for r in ROLES:
            if flow[r].regex.search(label):
                if flow["plan"].regex.search(label) or (r != "received" and flow["other_fund"].regex.search(label)):
                    return []
                roles[r].append(p)
                break
    if len(roles["received"]) != 1 or len(roles["spent"]) != 1 or len(roles["balance"]) > 1 or len(roles["carried"]) > 1:
        return []
    spent = roles["spent"][0]
    if roles["received"][0].vstart > spent.vstart or any(p.vstart < spent.vstart for p in roles["balance"]):
        return []
    used = [p for r in ROLES for p in roles[r]]
    if len({p.unit for p in used if p.unit}) > 1:
        return []
    env: dict = {"carried": []}
    for r in ROLES:
        for p in roles[r]:
            q = ctx.q_value(p.value, p.vstart, p.vend, evidence=[_ev(p)])
            if r == "carried":
                env[r].append(q)
            else:
                env[r] = q
    return flow_findings(ctx, env, "vertical")
