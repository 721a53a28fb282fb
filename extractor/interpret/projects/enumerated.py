"""Enumerated projects: numbered items ("(1)2018年大中修项目" + "项目支出125.1126万元,主要用于…")
under a budget-group heading ("1.年初预算项目200万元专项资金,…,实际支出140.210271万元,结余结转
59.789729万元。") or under a project-performance heading ("(二)项目支出绩效情况"), and the groups;
and anywhere, sibling items whose headings name projects ("(一)馆藏档案全文数字化转化经费项目",
"1、哈拉布拉乡南哈拉布拉村农田道路建设项目,…实际已支付186.98万元") when two or more of them state
an amount (named_items)."""
from __future__ import annotations

from ...model import Project, ProjectGroup, Report, Section
from .amounts import amount_class, best_amount, label_of
from .attributes import goal_status, name_key, road_code, stake_range
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


def item_name(report: Report, sec: Section, extend: bool = False) -> str | None:
    """The project name on an item's heading line: up to the first stop character or amount.
    ``extend``: a name broken by a comma runs on to the project word that ends it in the same
    sentence ("村内干道,巷道路面硬化建设项目,…")."""
    if not sec.number_label:
        return None
    v = vocab()
    offset, rest = _heading_rest(report.text, sec)
    cut = len(rest)
    for ch in v.name_stop:
        i = rest.find(ch)
        if i != -1:
            cut = min(cut, i)
    if extend and cut < len(rest) and not v.item_project_word.search(rest[:cut]):
        longer = v.item_name_run.match(rest)
        if longer:
            cut = longer.end("name")
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
        pattern_id="projects:enumerated",
    )
    m = v.purpose.search(body)
    if m:
        p.purpose = m.group("purpose").strip()
    p.goal_status, p.goal_pct = goal_status(body)
    p.road_code = road_code(name)
    p.stake_from, p.stake_to = stake_range(name)
    return p


def named_items(report: Report) -> list[Project]:
    """Projects of sibling numbered items whose headings name projects (a name ending in a
    project word, after a topic tail such as "项目绩效目标完成情况综述" is cut), each with the
    best-labelled amount of its body (executed before spent before the allocation); only when at
    least ``item.min_named`` siblings qualify, and names that are budget parts never count."""
    text, sections, v = report.text, report.sections, vocab()
    out: list[Project] = []
    for siblings in _sibling_groups(sections):
        found = []
        for sec in siblings:
            name = item_name(report, sec, extend=True)
            topic = v.item_topic_tail.search(name) if name else None
            if topic:  # "X项目绩效目标完成情况综述": X names a project
                name = name[: topic.start()].strip(" ,、:")
            elif name and not v.item_project_word.search(name):
                continue
            if not name or v.item_not_name.search(name):
                continue
            if not _part_name_ok(name) or group_label(text, sec):
                continue
            body_end = _body_end(sections, sec)
            amount_i = _item_amount(report, sec, body_end)
            if amount_i is None:
                continue
            found.append(_project(report, 0, name, sec, body_end, amount_i, None))
        if len(found) >= v.item_min_named and len({name_key(p.name) for p in found}) == len(found):
            out.extend(found)
    out.sort(key=lambda p: p.start)
    for i, p in enumerate(out, 1):
        p.ordinal = i
        p.pattern_id = "projects:named_items"
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


def _heading_amount(report: Report, sec: Section) -> int | None:
    """Index of the amount that ends the name on an item's heading line, if one does."""
    v = vocab()
    offset, rest = _heading_rest(report.text, sec)
    cut = min([rest.find(ch) for ch in v.name_stop if ch in rest] or [len(rest)])
    for i, m in enumerate(report.mentions):
        if m.kind == "amount" and m.value is not None and offset <= m.start < offset + cut:
            return i
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
