"""Labelled amounts: the meaning of an amount from the label that ends closest before it in its
clause ("预算数为1132万元", "实际支出140.21万元"), and the best-labelled amount of a span (a
project's amount: executed before spent before budgets, see [labels] in patterns/projects.toml)."""
from __future__ import annotations

from ...model import Report
from ..facts import money_doubt
from .vocabulary import vocab


def clause_prefix(text: str, pos: int, window: int) -> str:
    """Text of the clause before ``pos`` (at most ``window`` characters)."""
    start = max(pos - window, 0)
    ends = vocab().clause_end
    for i in range(pos - 1, start - 1, -1):
        if text[i] in ends:
            return text[i + 1:pos]
    return text[start:pos]


def sentence_prefix(text: str, pos: int, floor: int = 0) -> str:
    """Text of the sentence before ``pos`` (from the last sentence end or numbered heading, at
    most back to ``floor``)."""
    v = vocab()
    i = pos
    while i > floor and text[i - 1] not in v.sentence_end:
        i -= 1
    prefix = text[i:pos]
    cut = None
    for cut in v.heading_break.finditer(prefix):
        pass
    return prefix[cut.start():] if cut else prefix


def _section_start(report: Report, pos: int) -> int:
    """Start of the innermost section heading at or before ``pos`` (a heading ends a sentence even
    where the page lost its line breaks: "…方面的支出三、预算支出组织实施情况我校…")."""
    starts = [s.start for s in report.sections if s.start <= pos]
    return max(starts, default=0)


def label_of(text: str, pos: int, labels) -> str | None:
    """Id of the label (from ``labels``: [(id, regex)]) that ends closest before ``pos``."""
    v = vocab()
    prefix = clause_prefix(text, pos, v.window)
    best = None  # (end, -start, id)
    for label_id, pattern in labels:
        for m in pattern.finditer(prefix, overlapped=True):
            if not v.connector.match(prefix[m.end():]):
                continue
            key = (m.end(), -m.start())
            if best is None or key > best[:2]:
                best = (*key, label_id)
    return best[2] if best else None


def said_spent_after(text: str, pos: int) -> bool:
    """The clause after an amount says it was all spent ("3728万元全部执行到位")."""
    v = vocab()
    end = pos
    while end < len(text) and end - pos < v.window and text[end] not in v.clause_end:
        end += 1
    return bool(v.after_label.match(text[pos:end]))


def amount_class(report: Report, i: int) -> str | None:
    """The label class of amount mention ``i`` (executed, spent, full_year, initial) or None."""
    v = vocab()
    m = report.mentions[i]
    label = label_of(report.text, m.start, v.amount_classes)
    if said_spent_after(report.text, m.end):
        rank = {cid: k for k, (cid, _) in enumerate(v.amount_classes)}
        label = v.after_class if label is None else min(label, v.after_class, key=rank.__getitem__)
    return label


def best_amount(
    report: Report, start: int, end: int, require_label: bool = True, skip_parts: bool = False,
    skip_doubt: bool = False,
) -> int | None:
    """Index of the amount mention in [start, end) with the best label class (first in text order).

    ``skip_parts`` leaves out the rest of a sentence once a clause opens a breakdown or the
    uses ("其中:…", "主要用于办公费支出…,维修费…"); ``skip_doubt`` first leaves out money the
    facts stage would not take for the report's year ("2019年该项目支出186.90万元" in a 2020 report,
    "项目计划总投资737万元": facts.money_doubt) and money of a wider scope ("全省共下达该项资金…",
    [labels.wider]), and takes such money only when nothing else is labelled ("计划使用财政资金3.75万元"
    alone, heldout6 s015)."""
    if skip_doubt:
        sure = _best_amount(report, start, end, require_label, skip_parts, _doubted(report))
        return sure if sure is not None else _best_amount(report, start, end, require_label, skip_parts, set())
    return _best_amount(report, start, end, require_label, skip_parts, set())


def _doubted(report: Report) -> set[int]:
    """Indices of the amounts not of the report's year or scope (see best_amount)."""
    v = vocab()
    return {i for i, m in enumerate(report.mentions)
            if m.kind == "amount" and m.start is not None
            and (money_doubt(report, m.start) or v.wider.match(clause_prefix(report.text, m.start, v.window)))}


def _best_amount(report: Report, start: int, end: int, require_label: bool, skip_parts: bool,
                 doubted: set[int]) -> int | None:
    v = vocab()
    rank = {cid: i for i, (cid, _) in enumerate(v.amount_classes)}
    best = None  # (rank, index)
    first = None
    for i, m in enumerate(report.mentions):
        if m.kind != "amount" or m.value is None or not (start <= m.start < end) or m.comparator:
            continue
        if skip_parts and (
            v.part.match(clause_prefix(report.text, m.start, len(report.text)))
            or v.uses.search(sentence_prefix(report.text, m.start, _section_start(report, m.start)))
        ):
            continue
        if i in doubted:
            continue
        if first is None:
            first = i
        label = label_of(report.text, m.start, v.amount_classes)
        if said_spent_after(report.text, m.end):
            label = v.after_class if label is None else min(label, v.after_class, key=rank.__getitem__)
        if label is None:
            continue
        if best is None or rank[label] < best[0]:
            best = (rank[label], i)
    if best is not None:
        return best[1]
    return None if require_label else first
