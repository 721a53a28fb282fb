"""Whether a list of projects found in a project report stands: strong evidence that the report is
about several projects, else the report yields its one project.

A project report (项目支出绩效自评报告) is about one project in most archives; a list read from its
prose (numbered items, an inline list, ";"-separated clauses) is then usually the parts of that
project (its works, its funds, its towns, each with money). The list stands when the text says it
is one ([evidence.cue]: 共N个项目, 分项目如下, 项目支出包括:) or when two or more of its items, each
with its own amount, add up to an amount the text states (the items are the parts of a stated
total: "共安排…A120万元、B59万元…,共219万元").
"""
from __future__ import annotations

from ...model import Project, Report
from .guard import cleaned_name
from .vocabulary import vocab

# rules whose lists come from a form or a table (structured rows), a cue (cued_list), a title naming
# two projects (paired) or a list of funds standing for the single project (fund_list): evidence enough
STRUCTURED = frozenset({
    "projects:enumerated", "projects:group", "projects:table", "projects:form", "projects:form_grid",
    "projects:cued_list", "projects:paired", "projects:fund_list",
})


def cued(report: Report, projects: list[Project]) -> bool:
    """Whether the text announces or counts several projects ([evidence.cue]) in the list itself or
    at most ``evidence.reach`` characters before its first item."""
    starts = [p.start for p in projects if p.start is not None]
    ends = [p.end for p in projects if p.end is not None]
    if not starts or not ends:
        return bool(vocab().evidence_cue.search(report.text))
    lo = max(0, min(starts) - vocab().evidence_reach)
    return bool(vocab().evidence_cue.search(report.text, lo, max(ends)))


def adds_up(report: Report, projects: list[Project]) -> bool:
    """Whether two or more projects, each with its own amount, add up to an amount the text states
    (an amount mention that is none of theirs)."""
    own = {p.amount_mention for p in projects}
    amounts = [p.amount for p in projects if p.amount is not None]
    if len(amounts) < 2 or len(amounts) < len(projects):
        return False
    total = sum(amounts)
    tol, share = vocab().evidence_sum_tolerance, vocab().evidence_sum_share
    return any(
        m.kind == "amount" and m.value is not None and i not in own
        and abs(m.value - total) <= max(tol, total * share)
        for i, m in enumerate(report.mentions)
    )


def list_stands(report: Report, projects: list[Project]) -> bool:
    """Whether ``projects`` stand as the report's list: any report but a project report, one item,
    a structured source, a cue, or items that add up to a stated total."""
    if report.report_kind != "project" or len(projects) < 2:
        return True
    if all(p.rule_id in STRUCTURED for p in projects):
        return True
    return cued(report, projects) or adds_up(report, projects) or works_list(projects)


def works_list(projects: list[Project]) -> bool:
    """Whether ``projects`` name projects themselves: at least ``evidence.works_min`` items, all
    with money, every name ending in a project word ([item].project_word) and at least
    ``evidence.works_share`` of them in a word naming a project or its fund ([evidence.works_word]:
    项目, 经费, 资金…), not the parts of one project (its works, its towns)."""
    v = vocab()
    if len(projects) < v.evidence_works_min or any(p.amount is None for p in projects):
        return False
    if not all(v.item_project_word.search(p.name) for p in projects):
        return False
    return sum(1 for p in projects if v.evidence_works_word.search(p.name)) >= v.evidence_works_share * len(projects)


def project_run(items: list[Project]) -> list[Project]:
    """The longest run of consecutive items that call themselves projects, each with its money (a name
    ending in 项目, [evidence.project_name]); [] when shorter than two. A sentence of such items in a
    report naming no project of its own lists its projects ("资金主要用于A项目120.5万元、B项目80万元"); the
    budget lines beside them (基本支出…, 日常公用支出…) are no part of the run, nor is a name the
    well-formedness gate refuses (guard.cleaned_name), so a run never leaves an orphan behind it."""
    v = vocab()
    best: list[Project] = []
    run: list[Project] = []
    for p in items:
        named = v.evidence_project_name.search(p.name) and cleaned_name(p.name) is not None  # the gate's too
        run = [*run, p] if p.amount is not None and named else []
        best = run if len(run) > len(best) else best
    return best if len(best) >= 2 else []


def split_run(report: Report, items: list[Project]) -> list[Project]:
    """The run of projects (project_run) whose money adds up to an amount the text states, else []: what
    a stated sum was split into ("共收到衔接资金246.1万元,安排A项目120.5万元、B项目80万元、C项目45.6万元";
    "项目支出1627.66万元,A项目占216.85万元,…"). A report naming one fund, or a department's, then
    reports on these projects, not on the parts of one or on budget lines."""
    run = project_run(items)
    return run if run and adds_up(report, run) else []


def split_into_projects(report: Report, projects: list[Project]) -> bool:
    """Whether all of ``projects`` are what a stated sum was split into (split_run)."""
    return len(split_run(report, projects)) == len(projects)


def instances(name: str, projects: list[Project]) -> bool:
    """Whether ``projects`` are sites of the one project ``name`` a title names: two or more, all with
    money, every name the title's name with its own place before it ("龙江镇博文村老年人日间照料中心项目",
    "阳江镇上科村老年人日间照料中心项目", … under "老年人日间照料中心项目绩效自评报告", heldout6 s022)."""
    return (len(projects) >= 2 and all(p.amount is not None for p in projects)
            and all(p.name.endswith(name) and len(p.name) > len(name) for p in projects))
