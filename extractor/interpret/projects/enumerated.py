"""Enumerated projects: numbered items ("(1)2018年大中修项目" + "项目支出125.1126万元,主要用于…")
under a budget-group heading ("1.年初预算项目200万元专项资金,…,实际支出140.210271万元,结余结转
59.789729万元。") or under a project-performance heading ("(二)项目支出绩效情况"), and the groups."""
from __future__ import annotations

from ...model import Project, ProjectGroup, Report, Section
from .amounts import best_amount, label_of
from .attributes import goal_status, road_code, stake_range
from .vocabulary import vocab


def _children(sections: list[Section], parent: Section) -> list[Section]:
    inner = [s for s in sections if parent.start < s.start < parent.end and s.level > parent.level]
    if not inner:
        return []
    level = min(s.level for s in inner)
    return [s for s in inner if s.level == level]


def _line_end(text: str, pos: int) -> int:
    i = text.find("\n", pos)
    return len(text) if i == -1 else i


def _heading_rest(text: str, sec: Section) -> tuple[int, str]:
    """(offset, text) of the heading line after its number label."""
    end = _line_end(text, sec.start)
    line = text[sec.start:end]
    offset = sec.start
    if sec.number_label:
        i = line.find(sec.number_label)
        if i != -1:
            cut = i + len(sec.number_label)
            while cut < len(line) and line[cut] in "、.． \t":
                cut += 1
            offset += cut
    while offset < end and text[offset] in " \t":
        offset += 1
    return offset, text[offset:end]


def group_label(text: str, sec: Section) -> str | None:
    """The budget-group word opening a numbered heading ("年中追加项目"), if it opens a group."""
    if not sec.number_label:
        return None
    _, rest = _heading_rest(text, sec)
    m = vocab().group_label.match(rest)
    return m.group("label") if m else None


def item_name(report: Report, sec: Section) -> str | None:
    """The project name on an item's heading line: up to the first stop character or amount."""
    if not sec.number_label:
        return None
    v = vocab()
    offset, rest = _heading_rest(report.text, sec)
    cut = len(rest)
    for ch in v.name_stop:
        i = rest.find(ch)
        if i != -1:
            cut = min(cut, i)
    for m in report.mentions:
        if m.kind == "amount" and offset <= m.start < offset + cut:
            cut = m.start - offset
            rest = v.item_name_label.sub("", rest[:cut])
            cut = len(rest)
            break
    name = rest[:cut].strip().rstrip("、,，")
    return name or None


def _body_end(sections: list[Section], sec: Section) -> int:
    kids = _children(sections, sec)
    return kids[0].start if kids else sec.end


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def enumerated_projects(report: Report) -> tuple[list[Project], list[ProjectGroup]]:
    """Projects of the numbered items under group or project headings, and the groups."""
    text, sections, v = report.text, report.sections, vocab()
    projects: list[Project] = []
    groups: list[ProjectGroup] = []
    taken: set[int] = set()  # item section ordinals already used

    def add_items(items, label, require_label):
        for sec in items:
            if sec.ordinal in taken:
                continue
            name = item_name(report, sec)
            if not name or v.item_not_name.search(name) or group_label(text, sec):
                continue
            body_end = _body_end(sections, sec)
            amount_i = best_amount(report, sec.start, body_end, require_label=require_label)
            if require_label and amount_i is None:
                continue
            taken.add(sec.ordinal)
            projects.append(_project(report, len(projects) + 1, name, sec, body_end, amount_i, label))

    for sec in sections:
        label = group_label(text, sec)
        if label:
            groups.append(_group(report, len(groups) + 1, label, sec))
            add_items(_children(sections, sec), label, require_label=False)
    for sec in sections:
        if group_label(text, sec) or not v.item_context.search(sec.heading):
            continue
        kids = _children(sections, sec)
        if any(group_label(text, k) for k in kids):
            continue
        add_items(kids, None, require_label=True)
    projects.sort(key=lambda p: p.start)
    for i, p in enumerate(projects, 1):
        p.ordinal = i
    return projects, groups


def _group(report: Report, ordinal: int, label: str, sec: Section) -> ProjectGroup:
    text = report.text
    end = _body_end(report.sections, sec)
    group = ProjectGroup(ordinal=ordinal, label=label, start=sec.start, end=_trim_end(text, sec.start, sec.end))
    for m in report.mentions:
        if m.kind != "amount" or not (sec.start <= m.start < end):
            continue
        field = label_of(text, m.start, vocab().group_fields)
        if field and getattr(group, field) is None:
            setattr(group, field, m.value)
    return group


def _project(report, ordinal, name, sec, body_end, amount_i, label) -> Project:
    text, v = report.text, vocab()
    end = _trim_end(text, sec.start, sec.end)
    body = text[sec.start:body_end]
    p = Project(
        ordinal=ordinal,
        name=name,
        amount=report.mentions[amount_i].value if amount_i is not None else None,
        group_label=label,
        start=sec.start,
        end=end,
        section=sec.ordinal,
        amount_mention=amount_i,
    )
    m = v.purpose.search(body)
    if m:
        p.purpose = m.group("purpose").strip()
    p.goal_status, p.goal_pct = goal_status(body)
    p.road_code = road_code(name)
    p.stake_from, p.stake_to = stake_range(name)
    return p
