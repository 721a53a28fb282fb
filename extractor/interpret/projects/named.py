"""Sibling items naming projects anywhere in a report ("(一)馆藏档案全文数字化转化经费项目",
"1、哈拉布拉乡南哈拉布拉村农田道路建设项目,…实际已支付186.98万元"): when two or more items of one
list name projects and state amounts, each is a project with the money spent in its body, else
the amount after its name."""
from __future__ import annotations

from ...model import Project, Report, Section
from .amounts import amount_class, best_amount, clause_prefix
from .attributes import name_key
from .items import group_label, heading_rest, item_body_end, item_name, item_project
from .vocabulary import vocab


def named_items(report: Report) -> list[Project]:
    """Projects of sibling numbered items whose headings name projects (a name ending in a
    project word, after a topic tail such as "项目绩效目标完成情况综述" is cut), each with the
    best-labelled amount of its body (executed before spent before the allocation; the whole item
    with its sub-headings when its own lines state none); only when at least ``item.min_named``
    siblings name projects and one states an amount (an excerpt cut after the first project's money
    lists that one), and names that are budget parts never count."""
    text, sections, v = report.text, report.sections, vocab()
    out: list[Project] = []
    for siblings in _sibling_groups(sections):
        found, named = [], 0
        for sec in siblings:
            name = item_name(report, sec, extend=True)
            topic = v.item_topic_tail.search(name) if name else None
            if topic:  # "X项目绩效目标完成情况综述": X names a project
                name = name[: topic.start()].strip(" ,、:")
            elif name and not v.item_project_word.search(name):
                continue
            lead = v.item_fund_lead.match(name) if name else None
            if lead:  # "2021年第一批统筹整合使用财政涉农资金X项目": X is the project
                name = name[lead.end():]
            if not name or v.item_not_name.search(name):
                continue
            if not _part_name_ok(name) or group_label(text, sec):
                continue
            named += 1
            body_end = item_body_end(sections, sec)
            amount_i = _item_amount(report, sec, body_end)
            if amount_i is None and body_end < sec.end:
                # the item's text sits under sub-headings ("(3)资金投入和使用情况…全年支出合计43.73万元")
                amount_i = _item_amount(report, sec, sec.end)
            if amount_i is None or _other_funds(report, amount_i, name):
                continue
            found.append(item_project(report, 0, name, sec, body_end, amount_i, None))
        # a list of projects whose excerpt states the money of only some of them (cut, p0103)
        if named >= v.item_min_named and found and len({name_key(p.name) for p in found}) == len(found):
            out.extend(found)
    out.sort(key=lambda p: p.start)
    for i, p in enumerate(out, 1):
        p.ordinal = i
        p.rule_id = "projects:named_items"
    return out


def _item_amount(report: Report, sec: Section, body_end: int) -> int | None:
    """An item's amount: money its body says was spent (实际已支付…, 支出资金…), else the amount
    right after its name on the heading line ("免费开放项目支出251384.66元"), else its best-labelled
    amount; uses listed after 主要用于 / 其中 are parts, never the item's."""
    best = best_amount(report, sec.start, body_end, require_label=True, skip_parts=True)
    if best is not None and amount_class(report, best) in vocab().spending_classes:
        return best
    heading = _heading_amount(report, sec)
    return heading if heading is not None else best


def _other_funds(report: Report, i: int, name: str) -> bool:
    """Whether amount ``i`` is the money of another fund its own clause names ([item.other_fund]: "20xx年
    X专项资金预算1110万元" closing the last item of X's list of purchases), not of the item ``name``."""
    m = vocab().item_other_fund.search(clause_prefix(report.text, report.mentions[i].start, vocab().window))
    if m is None:
        return False
    other, own = name_key(m.group("name")), name_key(name)
    return other not in own and own not in other


def _heading_amount(report: Report, sec: Section) -> int | None:
    """Index of the amount that ends the name on an item's heading line, if one does, or that follows
    the colon ending it ("1.城区道路维修项目:78万元")."""
    v = vocab()
    offset, rest = heading_rest(report.text, sec)
    cut = min([rest.find(ch) for ch in v.name_stop if ch in rest] or [len(rest)])
    colon = rest[cut:cut + 1] == ":"
    for i, m in enumerate(report.mentions):
        if m.kind != "amount" or m.value is None or m.start < offset:
            continue
        if m.start < offset + cut:
            return i
        # the first amount past the name: the heading's only when a colon ends the name right before it
        return i if colon and v.connector.match(report.text[offset + cut + 1:m.start]) else None
    return None


def _sibling_groups(sections: list[Section]) -> list[list[Section]]:
    """Numbered sections grouped by parent (the innermost enclosing section of a lower level)
    and level, in text order."""
    groups: dict[tuple, list[Section]] = {}
    for sec in sections:
        if not sec.number_label:
            continue
        parents = [p for p in sections if p.start < sec.start < p.end and p.level < sec.level]
        parent = max(parents, key=lambda p: p.start).ordinal if parents else None
        groups.setdefault((parent, sec.level), []).append(sec)
    return list(groups.values())


def _part_name_ok(name: str) -> bool:
    """A name that is no budget part, income, funding source or change (see [inline].not_name)."""
    key = name_key(name)
    return not any(p.search(key) for p in vocab().inline_not_name)
