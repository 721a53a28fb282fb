"""Enumerated projects: numbered items ("(1)2018年大中修项目" + "项目支出125.1126万元,主要用于…")
under a budget-group heading ("1.年初预算项目200万元专项资金,…,实际支出140.210271万元,结余结转
59.789729万元。") or under a project-performance heading ("(二)项目支出绩效情况"), and the groups."""
from __future__ import annotations

from ...model import Project, ProjectGroup, Report, Section
from .amounts import best_amount, label_of
from .items import children, group_label, item_body_end, item_name, item_project, trim_end
from .vocabulary import vocab


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
            body_end = item_body_end(sections, sec)
            amount_i = best_amount(report, sec.start, body_end, require_label=require_label)
            if require_label and amount_i is None:
                continue
            taken.add(sec.ordinal)
            projects.append(item_project(report, len(projects) + 1, name, sec, body_end, amount_i, label))

    for sec in sections:
        label = group_label(text, sec)
        if label:
            groups.append(_group(report, len(groups) + 1, label, sec))
            add_items(children(sections, sec), label, require_label=False)
    for sec in sections:
        if group_label(text, sec) or not v.item_context.search(sec.heading):
            continue
        kids = children(sections, sec)
        if any(group_label(text, k) for k in kids):
            continue
        add_items(kids, None, require_label=True)
    projects.sort(key=lambda p: p.start)
    for i, p in enumerate(projects, 1):
        p.ordinal = i
    return projects, groups


def _group(report: Report, ordinal: int, label: str, sec: Section) -> ProjectGroup:
    text = report.text
    end = item_body_end(report.sections, sec)
    group = ProjectGroup(ordinal=ordinal, label=label, start=sec.start, end=trim_end(text, sec.start, sec.end),
                         rule_id="projects:group", page=report.page_at(sec.start))
    for m in report.mentions:
        if m.kind != "amount" or not (sec.start <= m.start < end):
            continue
        field = label_of(text, m.start, vocab().group_fields)
        if field and getattr(group, field) is None:
            setattr(group, field, m.value)
    return group
