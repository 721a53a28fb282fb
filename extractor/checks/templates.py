"""Which template a report follows, and whether its text stops mid-sentence (issue 14, item 5).

A report is judged for its sections only against a template it visibly follows: enough of that
template's headings (patterns/sections.toml) at one heading level, mostly in the template's order.
The metadata's template (from the title) only breaks ties: a 2022 transfer-payment excerpt whose
title says 项目支出 is still a transfer-payment report when its headings are that template's, and a
report that follows none (a bare 自评表, a county's own outline) is not judged for missing sections.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import rules
from ..model import Section
from ..text.segment import templates
from .context import rule_config
from .tolerance import finite


@dataclass
class Followed:
    """The template a report follows: its sections.toml table and the headings that match it."""

    template: dict
    found: dict[str, Section] = field(default_factory=dict)  # template section id → first heading
    level: int | None = None  # the heading level the template's sections sit at
    in_order: int = 0  # how many of the found sections come in the template's order

    @property
    def id(self) -> str:
        """The template's id."""
        return self.template.get("id", "")

    def entries(self) -> list[dict]:
        """The template's sections, in order."""
        return list(self.template.get("section", []))


BRACKETS = "(（[【"  # a template heading followed by one of these and a remark still matches


def fold(text: str | None) -> str:
    """A heading as compared with the template's: full-width forms folded, no spaces, no final 。:."""
    return "".join(rules.fold_width(text or "").split()).rstrip("。:：.")


def heading_matches(heading: str | None, entry: dict) -> bool:
    """Whether a heading is this template section: its heading or an alias, exactly or followed by
    a bracketed remark ("项目基本情况(自评得分100分)")."""
    return _folded_matches(fold(heading), _entry_forms(entry))


def _entry_forms(entry: dict) -> list[str]:
    return [f for f in (fold(x) for x in [entry.get("heading", ""), *entry.get("aliases", [])]) if f]


def _folded_matches(h: str, forms: list[str]) -> bool:
    return bool(h) and any(h == f or (h.startswith(f) and h[len(f)] in BRACKETS) for f in forms)


def _longest_increasing(seq: list[int]) -> int:
    best: list[int] = []
    for x in seq:
        lo, hi = 0, len(best)
        while lo < hi:
            mid = (lo + hi) // 2
            if best[mid] < x:
                lo = mid + 1
            else:
                hi = mid
        if lo == len(best):
            best.append(x)
        else:
            best[lo] = x
    return len(best)


def _match(sections: list[Section], template: dict, folded: list[str] | None = None) -> Followed:
    """The template's sections found among the headings (``folded``: their fold(), if known), at
    the level where most are found."""
    entries = template.get("section", [])
    by_level: dict[int, Followed] = {}
    order: dict[int, list[int]] = {}
    # each folded heading form → the first entry that has it: a heading is looked up whole and cut
    # before each bracket (what heading_matches accepts), not compared with every entry
    first_of: dict[str, int] = {}
    for pos, entry in enumerate(entries):
        for f in _entry_forms(entry):
            first_of.setdefault(f, pos)
    for s, h in zip(sections, folded if folded is not None else [fold(s.heading) for s in sections]):
        hits = [first_of[c] for c in [h, *(h[:k] for k, ch in enumerate(h) if k and ch in BRACKETS)] if c in first_of]
        if not hits:
            continue
        pos = min(hits)
        got = by_level.setdefault(s.level, Followed(template, level=s.level))
        got.found.setdefault(entries[pos].get("id", str(pos)), s)
        order.setdefault(s.level, []).append(pos)
    if not by_level:
        return Followed(template)
    level = max(by_level, key=lambda lv: (len(by_level[lv].found), -lv))
    best = by_level[level]
    # headings out of the template's order count once each (a table of contents repeats them)
    best.in_order = _longest_increasing(sorted(set(order[level]), key=order[level].index))
    return best


def followed_template(report) -> Followed | None:
    """The template the report follows, or None (see the module docstring)."""
    conf = rule_config("missing_section")
    need = int(conf.get("min_template_headings", 3))
    need_named = int(conf.get("min_template_headings_named", 2))
    sections = [s for s in getattr(report, "sections", None) or [] if isinstance(s, Section) and finite(s.level)]
    if not sections:
        return None
    best, best_key = None, None
    folded = [fold(s.heading) for s in sections]
    for t in templates():
        got = _match(sections, t, folded)
        n = len(got.found)
        named = t.get("id") == getattr(report, "template", None)
        enough = need_named if named else need
        if n < min(enough, len(t.get("section", []))) or getattr(got, "in_order", 0) < min(enough, n):
            continue
        key = (n, n / max(1, len(t.get("section", []))), named)
        if best_key is None or key > best_key:
            best, best_key = got, key
    return best


def is_truncated(text: str | None, sections=()) -> bool:
    """Whether the text stops mid-sentence: its last line ends open (，、：( …), or ends on a
    character without closing punctuation while long or in a paragraph holding a comma, or is a heading with nothing under it (the
    2019 海口 excerpt ends "(1)项目实施的社会效"). Such an excerpt is not judged for the sections
    after its last heading."""
    conf = rule_config("missing_section")
    body = (text or "").rstrip()
    chrome = conf.get("tail_chrome")
    while body and chrome is not None:  # a portal's share bar and 关闭窗口 after the report
        cut = body.rfind("\n") + 1
        if not chrome.regex.match(body[cut:]):
            break
        body = body[:cut].rstrip()
    if not body:
        return False
    line_start = body.rfind("\n") + 1
    last = body[line_start:].strip()
    if any(isinstance(s, Section) and finite(s.start) and s.start >= line_start for s in sections):
        return True
    if last[-1] in conf.get("closed_endings", "。！？!?；;…"):
        return False
    if last[-1] in conf.get("open_endings", "，,、：:（(“"):
        return True
    # its last paragraph (a PDF's lines of one sentence are short)
    paragraph = "".join(body[body.rfind("\n\n") + 1:].split())
    # a sentence under way (a comma in it) or a long paragraph; a signature or a date is neither
    sentence = any(ch in paragraph for ch in conf.get("clause_marks", "，,"))
    return (sentence or len(last) >= int(conf.get("open_line_min_chars", 20))) and last[-1].isalnum()
