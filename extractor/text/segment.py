"""Sections: the heading hierarchy 第一部分 / 一、/（一）/ 1. /（1）plus unnumbered template headings.

Levels follow the order of the number styles in patterns/sections.toml among the styles a report
actually uses, so a report without 第X部分 has 一、 at level 1.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from .. import rules
from ..model import Section
from .headings import styles

__all__ = ["TemplateSection", "resolved_templates", "section_at", "segment", "template_headings", "templates"]


@dataclass(frozen=True)
class TemplateSection:
    """One section of a report template (patterns/sections.toml [[template.section]])."""

    template_id: str
    kind: str
    section_id: str
    heading: str
    position: int  # 1-based place in the template


@lru_cache(maxsize=1)
def _config():
    return rules.load("sections")


def _fold(text: str) -> str:
    """Compare headings ignoring full-width forms and brackets style."""
    return rules.fold_width(text).strip().rstrip(_config()["heading_trailing"])


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
    """The report templates of patterns/sections.toml, each with its sections in order."""
    return _config()["template"]


def _heading_text(rest: str) -> str:
    stop = _config()["heading_stop"]
    cut = len(rest)
    for ch in stop:
        i = rest.find(ch)
        if i != -1:
            cut = min(cut, i)
    return rest[: min(cut, _config()["heading_max_chars"])].strip()


def _bare_label_heading(next_line: str) -> str:
    """The heading text a number alone on its line takes from the next line: that line's text up
    to its first stop, unless the next line is empty or opens a heading of its own."""
    stripped = next_line.strip()
    if not stripped or any(p.match(stripped) for _, p in styles()):
        return ""
    return _heading_text(stripped)


def segment(text: str) -> list[Section]:
    """Find headings line by line; each section runs to the next heading of its level or higher."""
    found = []  # (start, style, label, heading, template_entries)
    index = template_headings()
    pos = 0
    lines = text.split("\n")
    for k, line in enumerate(lines):
        start, pos = pos, pos + len(line) + 1
        stripped = line.strip()
        if not stripped:
            continue
        folded = _fold(stripped)
        if folded in index:
            found.append((start, None, None, folded, index[folded]))
            continue
        for style, pattern in styles():
            m = pattern.match(stripped)
            if m and m.end() < len(stripped):
                heading = _heading_text(stripped[m.end():])
                if heading:
                    found.append((start, style, m.group("label"), heading, index.get(_fold(heading), [])))
            elif m:
                # a number alone on its line ("(1)") heads the next line's text
                # (over one blank line: a web page's paragraphs come out with a blank line after each)
                nxt = next((ln for ln in lines[k + 1:k + 3] if ln.strip()), "")
                heading = _bare_label_heading(nxt)
                if heading:
                    found.append((start, style, m.group("label"), heading, index.get(_fold(heading), [])))
            if m:
                break
    used = [s for s, _ in styles() if any(f[1] == s for f in found)]
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
                rule_id=f"headings:{style}" if style else "headings:template",
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


def resolved_templates(sections: list[Section], report_kind: str | None,
                       template: str | None) -> tuple[str | None, list[Section]]:
    """The report's template and its sections with only that template's ids kept.

    The template is ``template`` when the metadata fixed one, else the template of the report's
    kind with most headings found. Sections whose id changes come back as new records; the
    input is left alone.
    """
    candidates = [t for t in templates() if report_kind in (None, t["kind"])]
    index = template_headings()

    def matches(template_id):
        """How many sections found are headings of this template."""
        return sum(
            1 for s in sections
            if s.template_id and any(e.template_id == template_id for e in index.get(_fold(s.heading), []))
        )

    if not template and candidates:
        best = max(candidates, key=lambda t: matches(t["id"]))
        if matches(best["id"]):
            template = best["id"]
    out = []
    for sec in sections:
        if sec.template_id:
            entries = [e for e in index.get(_fold(sec.heading), []) if e.template_id == template]
            kept = f"{entries[0].template_id}:{entries[0].section_id}" if entries else None
            if kept != sec.template_id:
                sec = replace(sec, template_id=kept)
        out.append(sec)
    return template, out
