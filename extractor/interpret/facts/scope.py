"""Whose figure a label states: the report's, a project's, a budget group's, or a category's.

In a project report the project IS the report. In a department report a label is a project
figure right after 项目/项目支出 or inside a section about projects (项目支出绩效情况) — unless its
sentence names the department ("部门年初预算…") or the label states a total (项目支出总额) —, a group
figure in a sentence starting with a budget group (年初预算项目…), and otherwise the report's.
Budget figures after an unbound category label ("项目支出年初预算安排…", "“三公”经费预算数…,
实际支出…") belong to that category (see ``subjects``).
"""
from __future__ import annotations

from .candidates import Candidate, Label, close
from .reading import Reading


def scope(r: Reading, lab: Label) -> str:
    """report | project | group: the scope of the figure ``lab`` states."""
    if r.kind != "department":
        return "report"
    cfg, text = r.cfg, r.text
    s_start, s_end = r.sentence_bounds(lab.start)
    if cfg.group_subject.match(cfg.list_label.sub("", text[s_start:s_end], count=1)):
        return "group"
    if cfg.project_prefix.search(text[max(0, lab.start - cfg.prefix_chars): lab.start]):
        return "project"
    for sec in r.project_sections:
        if sec.start <= lab.start < sec.end:
            # "部门年初预算…", "我部门…项目支出总额…": the department's own figure in a section on projects
            if cfg.department_subject.search(text[s_start:lab.end]) or cfg.total_label.search(lab.text):
                return "report"
            return "project"
    return "report"


def subjects(r: Reading, labels: list[Label], bound: list) -> dict[int, int]:
    """Label index → index of the subject label it belongs to.

    An unbound label of a ``subject`` entry ("项目支出年初预算安排…", "“三公”经费预算数为…")
    is the subject of the rest of its sentence: the budget figures after it (年初预算,
    全年预算数, 决算数, 执行率 …) are that category's, not the report's. The reach ends at
    the sentence end or at the first label that is not a budget figure.
    """
    owner: dict[int, int] = {}
    for n, lab in enumerate(labels):
        subj = lab.entry.subject
        if bound[n] is not None or subj is None or (subj == "department" and r.kind != "department"):
            continue
        _, s_end = r.sentence_bounds(lab.start)
        for k in range(n + 1, len(labels)):
            other = labels[k]
            if other.start >= s_end or other.entry.key not in r.cfg.subject_keys:
                break
            owner[k] = n
    return owner


def heading_subject(r: Reading, lab: Label, spent: list[Label]) -> Label | None:
    """The category a section's heading names when ``lab`` (a spending figure of the subject's
    value key) is the one such figure of its section's own text: under "(二)项目支出" of a
    department report, "…其他支出20万元,实际支出51.77万元" states the project spending, not the
    report's executed amount. ``spent`` are the bound labels of the value key. None elsewhere."""
    cfg = r.cfg
    if r.kind != "department" or lab.entry.key != cfg.subject_value_key:
        return None
    k = r.section_at(lab.start)
    sec = next((s for s in r.sections if s.ordinal == k), None)
    if sec is None:
        return None
    own_end = sec.body_end if sec.body_end is not None else sec.end
    if sum(1 for o in spent if sec.start <= o.start < own_end) != 1:
        return None
    heading = (sec.heading or "").strip()
    name = cfg.list_label.sub("", heading, count=1).strip()
    for entry in cfg.entries:
        if entry.subject == "department" and entry.value == lab.entry.value and entry.label.fullmatch(name):
            at = r.text.find(heading, sec.start)
            start = at if at >= 0 else sec.start
            return Label(entry, start, start + len(heading), heading)
    return None


def part_figures(r: Reading, candidates: list[Candidate]) -> None:
    """Figures of the parts of the funds: a sentence stating one budget key (scoped_keys) two or more
    times with different values, each after a part of its own (scope.part_subject: 中央资金…, 省级资金…),
    states the parts' figures ("中央资金完成636.75万元,预算执行率81.97%,省级资金完成288.26万元,预算执
    行率99.28%"): those readings become group figures, after any report-level statement of the key."""
    by_sentence: dict[tuple[str, int], list[Candidate]] = {}
    for c in candidates:
        if c.source != "prose" or c.orphan or c.key not in r.cfg.subject_keys or c.scope != "report":
            continue
        by_sentence.setdefault((c.key, r.sentence_bounds(c.start)[0]), []).append(c)
    for (_, s_start), cands in by_sentence.items():
        if len(cands) < 2 or all(close(c.value, cands[0].value) for c in cands):
            continue
        cands.sort(key=lambda c: c.start)
        prev = s_start
        for c in cands:
            if not r.cfg.part_subject.search(r.text, prev, c.start):
                break
            prev = c.end
        else:
            for c in cands:
                c.scope = "group"
