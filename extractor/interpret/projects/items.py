"""Numbered items of a report's outline ("(1)2018年大中修项目", "1、哈拉布拉乡…建设项目,…"): the
name on an item's heading line, its body, its budget-group word, and the Project an item makes.
enumerated.py and named.py decide which items are projects."""
from __future__ import annotations

from ...model import Project, Report, Section
from .attributes import goal_status, road_code, stake_range
from .vocabulary import vocab


def children(sections: list[Section], parent: Section) -> list[Section]:
    """The sections right under ``parent`` (the highest level inside it)."""
    inner = [s for s in sections if parent.start < s.start < parent.end and s.level > parent.level]
    if not inner:
        return []
    level = min(s.level for s in inner)
    return [s for s in inner if s.level == level]


def _line_end(text: str, pos: int) -> int:
    i = text.find("\n", pos)
    return len(text) if i == -1 else i


def heading_rest(text: str, sec: Section) -> tuple[int, str]:
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
    if offset == end and sec.number_label and end < len(text):
        # a number alone on its line ("(1)") heads the next line (text/segment.py)
        offset = end + 1
        if offset < len(text) and not text[offset:_line_end(text, offset)].strip():
            offset = _line_end(text, offset) + 1  # over one blank line (a web page's paragraphs)
        end = _line_end(text, offset)
        while offset < end and text[offset] in " \t":
            offset += 1
    return offset, text[offset:end]


def group_label(text: str, sec: Section) -> str | None:
    """The budget-group word opening a numbered heading ("年中追加项目"), if it opens a group."""
    if not sec.number_label:
        return None
    _, rest = heading_rest(text, sec)
    m = vocab().group_label.match(rest)
    return m.group("label") if m else None


def item_name(report: Report, sec: Section, extend: bool = False) -> str | None:
    """The project name on an item's heading line: up to the first stop character or amount.
    ``extend``: a name broken by a comma runs on to the project word that ends it in the same
    sentence ("村内干道,巷道路面硬化建设项目,…")."""
    if not sec.number_label:
        return None
    v = vocab()
    offset, rest = heading_rest(report.text, sec)
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
            rest = v.listed_name_tail.sub("", rest[:cut])
            cut = len(rest)
            break
    name = rest[:cut].strip().rstrip("、,，")
    return name or None


def item_body_end(sections: list[Section], sec: Section) -> int:
    """Where an item's own text ends: at its first child's heading, else at its end."""
    kids = children(sections, sec)
    return kids[0].start if kids else sec.end


def trim_end(text: str, start: int, end: int) -> int:
    """``end`` moved back over trailing blanks (not before ``start``)."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def item_project(report, ordinal, name, sec, body_end, amount_i, label) -> Project:
    """The project of item ``sec`` named ``name`` with amount mention ``amount_i``: its purpose,
    goal status and road code read from its body and name."""
    text, v = report.text, vocab()
    end = trim_end(text, sec.start, sec.end)
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
        rule_id="projects:enumerated",
    )
    m = v.purpose.search(body)
    if m:
        p.purpose = m.group("purpose").strip()
    p.goal_status, p.goal_pct = goal_status(body)
    p.road_code = road_code(name)
    p.stake_from, p.stake_to = stake_range(name)
    return p
