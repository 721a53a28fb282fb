"""Sections: the heading hierarchy 第一部分 / 一、/（一）/ 1. /（1）plus unnumbered template headings.

Levels follow the order of the number styles in patterns/sections.toml among the styles a report
actually uses, so a report without 第X部分 has 一、 at level 1.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from .. import rules
from ..model import Section


@dataclass(frozen=True)
class TemplateSection:
    template_id: str
    kind: str
    section_id: str
    heading: str
    position: int  # 1-based place in the template


@lru_cache(maxsize=1)
def _config():
    return rules.load("sections")


@lru_cache(maxsize=1)
def _styles() -> list[tuple[str, regex.Pattern]]:
    return [(s["id"], regex.compile(s["pattern"])) for s in _config()["style"]]


@lru_cache(maxsize=1)
def heading_start_re() -> regex.Pattern:
    """Matches a numbered heading at the start of a line (also used by normalize)."""
    return regex.compile("|".join(f"(?:{s['pattern']})" for s in _config()["style"]).replace("(?P<label>", "(?:"))


def _fold(text: str) -> str:
    """Compare headings ignoring full-width forms and brackets style."""
    return rules.fold_width(text).strip().rstrip("。:：")


@lru_cache(maxsize=1)
def template_headings() -> dict[str, list[TemplateSection]]:
    """Folded heading text → the template sections it may stand for."""
    index: dict[str, list[TemplateSection]] = {}
    for template in _config()["template"]:
        for pos, sec in enumerate(template["section"], 1):
            entry = TemplateSection(template["id"], template["kind"], sec["id"], sec["heading"], pos)
            for form in [sec["heading"], *sec.get("aliases", [])]:
                index.setdefault(_fold(form), []).append(entry)
    return index


def templates() -> list[dict]:
    return _config()["template"]


def _heading_text(rest: str) -> str:
    stop = _config()["heading_stop"]
    cut = len(rest)
    for ch in stop:
        i = rest.find(ch)
        if i != -1:
            cut = min(cut, i)
    return rest[: min(cut, _config()["heading_max_chars"])].strip()


def segment(text: str) -> list[Section]:
    """Find headings line by line; each section runs to the next heading of its level or higher."""
    found = []  # (start, style, label, heading, template_entries)
    index = template_headings()
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        stripped = line.strip()
        if not stripped:
            continue
        folded = _fold(stripped)
        if folded in index:
            found.append((start, None, None, folded, index[folded]))
            continue
        for style, pattern in _styles():
            m = pattern.match(stripped)
            if m and m.end() < len(stripped):
                heading = _heading_text(stripped[m.end():])
                if heading:
                    found.append((start, style, m.group("label"), heading, index.get(_fold(heading), [])))
                break
    used = [s for s, _ in _styles() if any(f[1] == s for f in found)]
    top = used.index("cn") + 1 if "cn" in used else 1
    sections = []
    for ordinal, (start, style, label, heading, entries) in enumerate(found):
        level = used.index(style) + 1 if style else top
        if level != top:
            entries = []  # template sections are top-level; （一）部门整体支出绩效情况 is a subsection
        sections.append(
            Section(
                ordinal=ordinal,
                level=level,
                number_label=label,
                heading=heading,
                start=start,
                end=len(text),
                template_id=f"{entries[0].template_id}:{entries[0].section_id}" if entries else None,
            )
        )
    for i, sec in enumerate(sections):
        for later in sections[i + 1:]:
            if later.level <= sec.level:
                sec.end = later.start
                break
        sec.body_end = sections[i + 1].start if i + 1 < len(sections) else sec.end
    return sections


def section_at(sections: list[Section], offset: int) -> int | None:
    """Ordinal of the innermost section containing ``offset``."""
    best = None
    for sec in sections:
        if sec.start <= offset < sec.end and (best is None or sec.level >= best.level):
            best = sec
    return best.ordinal if best else None


def resolve_templates(report) -> None:
    """Pick the report's template (the kind's template with most headings found, if the
    metadata did not fix one) and keep only that template's ids on the sections."""
    candidates = [t for t in templates() if report.report_kind in (None, t["kind"])]
    index = template_headings()

    def matches(template_id):
        return sum(
            1 for s in report.sections
            if s.template_id and any(e.template_id == template_id for e in index.get(_fold(s.heading), []))
        )

    if not report.template and candidates:
        best = max(candidates, key=lambda t: matches(t["id"]))
        if matches(best["id"]):
            report.template = best["id"]
    for sec in report.sections:
        if not sec.template_id:
            continue
        entries = [e for e in index.get(_fold(sec.heading), []) if e.template_id == report.template]
        sec.template_id = f"{entries[0].template_id}:{entries[0].section_id}" if entries else None
