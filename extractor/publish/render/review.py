"""The review page: the normalized text with every extracted span marked, as displaCy marks entities.

Each mark has an anchor the rendered report links to: #m-<mention id>, #f-<fact id>,
#p-<project id>, #g-<group id>, #form-<form id>, #fbl-<budget line id>, #ind-<indicator id>,
#e-<finding id>-<evidence n>, #s-<section id>. Marks may overlap; ``layered_html`` nests them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from ...model import StoredReport
from ..dictionary import fact_label, labels, value_label, value_labels
from .blocks import form_rows
from .document import num
from .links import Links

_CSS_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


def css(name) -> str:
    """A value as a CSS class name part (mention kinds and severities come from the data)."""
    return _CSS_UNSAFE.sub("_", str(name or "none"))


@dataclass
class Mark:
    """A highlighted span of the review page; ``label`` is shown displaCy-style after the text."""

    start: int
    end: int
    anchor: str
    cls: str
    title: str = ""
    label: str | None = None
    tag: str = "span"


def review_marks(stored: StoredReport, links: Links) -> list[Mark]:
    """Every span the extraction points at: mentions by kind, facts, projects and their groups,
    forms and their rows, finding evidence; plus an empty anchor at each section heading."""
    report, ids, titles = stored.report, stored.row_ids, labels("render.marks")
    marks = []
    for sid, s in zip(ids["sections"], report.sections):
        if links.valid(s.start, s.start):
            marks.append(Mark(s.start, s.start, f"s-{sid}", "sec", s.heading or ""))
    for mid, m in zip(ids["mentions"], report.mentions):
        if links.valid(m.start, m.end):
            page = titles["page"].format(page=m.page) if m.page else ""
            title = f"{value_label('kind', m.kind)} = {num(m.value)} {m.unit or ''}（{m.rule_id or ''}{page}）"
            marks.append(Mark(m.start, m.end, f"m-{mid}", f"ent k-{css(m.kind)}", title,
                              label=m.kind or "?", tag="mark"))
    forms = form_rows(stored)
    rows = [
        (zip(ids["facts"], report.facts), "f", "fact",
         lambda f: f"{fact_label(f.key)} = {num(f.value)} {f.unit or ''}"),
        (zip(ids["project_groups"], report.project_groups), "g", "grp",
         lambda g: f"{titles['project_groups']}{g.label or ''}"),
        (zip(ids["projects"], report.projects), "p", "proj", lambda p: f"{titles['projects']}{p.name or ''}"),
        ([(fid, form) for fid, form, _, _ in forms], "form", "form", lambda f: f"{titles['forms']}{f.title or ''}"),
        ([line for _, _, lines, _ in forms for line in lines], "fbl", "fbl",
         lambda b: f"{titles['form_budget_lines']}{b.line or ''}"),
        ([ind for _, _, _, inds in forms for ind in inds], "ind", "ind",
         lambda i: f"{titles['indicators']}{i.name or ''}"),
    ]
    for pairs, prefix, cls, title in rows:
        for rid, r in pairs:
            if links.valid(r.start, r.end):
                marks.append(Mark(r.start, r.end, f"{prefix}-{rid}", cls, title(r)))
    for fid, f in zip(ids["findings"], report.findings):
        for k, item in enumerate(f.evidence):
            span = links.evidence_span(item)
            if span:
                marks.append(Mark(span[0], span[1], f"e-{fid}-{k}", f"evid sev-{css(f.severity)}",
                                  f"{value_label('severity', f.severity)}：{f.message or ''}"))
    return marks


def layered_html(text: str, marks: list[Mark]) -> Markup:
    """``text`` escaped, with possibly overlapping marks turned into properly nested elements: a
    mark that crosses another is split, its id on the first piece and its label on the last."""
    opens: dict[int, list[Mark]] = {}
    empties: dict[int, list[Mark]] = {}
    points = {0, len(text)}
    for m in marks:
        (empties if m.end == m.start else opens).setdefault(m.start, []).append(m)
        points.update((m.start, m.end))
    for group in opens.values():
        group.sort(key=lambda m: (-m.end, m.anchor))
    out, stack = [], []

    def open_tag(m: Mark, first: bool) -> str:
        ident = f' id="{escape(m.anchor)}"' if first else ""
        title = f' title="{escape(m.title)}"' if m.title else ""
        return f'<{m.tag} class="{escape(m.cls)}"{ident}{title}>'

    def close_tag(m: Mark, final: bool) -> str:
        label = f'<span class="lbl">{escape(m.label)}</span>' if final and m.label else ""
        return f"{label}</{m.tag}>"

    ordered = sorted(points)
    for i, p in enumerate(ordered):
        ending = [k for k, m in enumerate(stack) if m.end == p]
        if ending:
            low = ending[0]
            above, stack = stack[low:], stack[:low]
            out += [close_tag(m, m.end == p) for m in reversed(above)]
            for m in above:
                if m.end != p:
                    out.append(open_tag(m, False))
                    stack.append(m)
        for m in sorted(empties.get(p, []), key=lambda m: m.anchor):
            out.append(f'<a class="anchor {escape(m.cls)}" id="{escape(m.anchor)}"></a>')
        for m in opens.get(p, []):
            out.append(open_tag(m, True))
            stack.append(m)
        if i + 1 < len(ordered):
            out.append(str(escape(text[p:ordered[i + 1]])))
    out += [close_tag(m, True) for m in reversed(stack)]
    return Markup("".join(out))


def legend(stored: StoredReport, marks: list[Mark]) -> list[dict]:
    """Kinds in the order of the dictionary's [values.kind], then any others, with counts; then
    the other kinds of mark ([render.legend])."""
    known = list(value_labels("kind"))
    counts: dict[str, int] = {}
    for m in stored.report.mentions:
        counts[m.kind or "?"] = counts.get(m.kind or "?", 0) + 1
    kinds = [k for k in known if k in counts] + sorted(k for k in counts if k not in known)
    items = [{"cls": f"ent k-{css(k)}", "code": k, "label": value_label("kind", k), "count": counts[k]} for k in kinds]
    for cls, label in labels("render.legend").items():
        n = sum(1 for m in marks if m.cls.split()[0] == cls)
        if n:
            items.append({"cls": cls, "code": cls, "label": label, "count": n})
    return items


def review_findings(links: Links, findings: list[tuple]) -> list[dict]:
    """The findings listed under the text (``findings``: (row id, Finding), in order), each with
    the anchors of its evidence marks."""
    return [{
        "severity": f.severity, "severity_label": value_label("severity", f.severity),
        "rule": f.rule, "message": f.message,
        "evidence": [f"e-{fid}-{k}" for k, item in enumerate(f.evidence) if links.evidence_span(item)],
    } for fid, f in findings]
