"""Copies of one report (``conflicting_copies``): the same document in another format, a mirror, a
re-post under another header. Pure decisions over plain records; the database layer
(extractor/linking/copies.py) gathers the candidates and stores what this decides.

Two reports of one unit, fiscal year and kind are **the same document** when the text of the
smaller one is contained in the other: at least ``same_text`` of its 4-character shingles (letters,
digits and Han characters only, so line breaks, spaces, punctuation and page furniture that differ
between TXT, DOCX, PDF and HTML do not count) appear in the other. Digits stay in: two different
reports from one template (two years of one unit) share their wording but not their numbers
(at most 0.80 on the synthetic archive), while copies of one report reach 0.98-1.0. Project
reports whose self-assessment forms name different projects are never the same document.

The same document whose **main figures** (``main_figures``: total spending, budget, staff, score,
...) agree is a **duplicate**; whose main figures disagree, a ``conflicting_copies`` finding: two
published versions that disagree are what oversight wants to know. Both stay in the counts then.

The **canonical copy** of duplicates is the first by: the whole text before an excerpt (a copy
with fewer than ``same_text`` of the longest copy's shingles is an excerpt), then the richest
source format (``format_order``: DOCX keeps the tables as cells, HTML the page's markup, PDF the
layout; TXT keeps only text; an image only what OCR read), a text layer before OCR, the earliest
ingested, then the path. Every other copy points at it (reports.duplicate_of).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Finding
from .context import config, label, message, rule_config
from .tolerance import fmt

RULE_ID = "conflicting_copies"
SHINGLE = 4
_NOT_WORD = re.compile(r"[\W_]+")  # structural: keep letters, digits and Han characters only


@dataclass
class Copy:
    """What the comparison reads of one report: where it came from, its text, its main figures."""

    report_id: int
    text: str
    format: str | None = None
    ocr: bool = False
    ingested_at: str | None = None
    path: str = ""
    file_name: str | None = None
    figures: dict[str, list[tuple[float, int | None, int | None]]] = field(default_factory=dict)  # key → (value, start, end)
    subjects: frozenset[str] = frozenset()  # project names its forms name
    _shingles: frozenset[str] | None = None

    @property
    def shingles(self) -> frozenset[str]:
        """The 4-character shingles of the text's letters, digits and Han characters."""
        if self._shingles is None:
            t = _NOT_WORD.sub("", self.text or "")
            self._shingles = frozenset(t[i:i + SHINGLE] for i in range(len(t) - SHINGLE + 1))
        return self._shingles


@lru_cache(maxsize=1)
def settings() -> dict:
    """[rules.conflicting_copies] of patterns/checks.toml with its defaults."""
    conf = rule_config(RULE_ID)
    return {
        "same_text": float(conf.get("same_text", 0.9)),
        "min_shingles": int(conf.get("min_shingles", 50)),
        "main_figures": list(conf.get("main_figures", [])),
        "format_order": list(conf.get("format_order", [])),
        "enabled": conf.get("enabled", True),
    }


def containment(a: Copy, b: Copy) -> float:
    """The share of the smaller text's shingles found in the other (0 when either is too short)."""
    small, large = sorted((a.shingles, b.shingles), key=len)
    if len(small) < settings()["min_shingles"]:
        return 0.0
    return len(small & large) / len(small)


def _decimals(x: float) -> int:
    s = fmt(x)
    return len(s.partition(".")[2])


def agree(x: float, y: float) -> bool:
    """Two stated figures agree to half a unit of the last digit of the less precise one
    (1048.77 and 1048.772537 agree; 1189.23 and 1199.23 do not)."""
    d = min(_decimals(x), _decimals(y), 6)
    return abs(x - y) <= 0.5 * 10 ** -d + 1e-9 * max(abs(x), abs(y), 1)


def differences(a: Copy, b: Copy) -> list[str]:
    """The main figures both state and no value of which agrees between the two, in catalogue order."""
    out = []
    for key in settings()["main_figures"]:
        xs, ys = a.figures.get(key), b.figures.get(key)
        if xs and ys and not any(agree(x[0], y[0]) for x in xs for y in ys):
            out.append(key)
    return out


def relation(a: Copy, b: Copy) -> str | None:
    """"duplicate", "conflict" (the same document, figures disagree) or None (different reports).
    The caller compares only reports of one unit, fiscal year and kind."""
    if a.subjects and b.subjects and not (a.subjects & b.subjects):
        return None  # forms of two different projects
    if containment(a, b) < settings()["same_text"]:
        return None
    return "conflict" if differences(a, b) else "duplicate"


def canonical_order(c: Copy, longest: int = 0) -> tuple:
    """Sort key: the canonical copy comes first (whole text before an excerpt of it, richest
    format, text layer, earliest ingested: the ingest time, then the report id, which breaks a tie
    within the same second in ingest order). ``longest``: the most shingles of the group."""
    order = settings()["format_order"]
    rank = order.index(c.format) if c.format in order else len(order)
    excerpt = len(c.shingles) < settings()["same_text"] * longest
    return (excerpt, rank, bool(c.ocr), c.ingested_at or "", c.report_id, c.path)


def resolve(copies: list[Copy], lang: str = "zh") -> tuple[dict[int, int | None], dict[int, list[Finding]]]:
    """For the reports of one unit, year and kind: report id → the id of its canonical copy (None
    for a canonical one), and the conflicting_copies findings by report id. Each report, in
    canonical order, becomes a copy of the first canonical report it duplicates; else it is
    canonical itself, with a finding for each earlier canonical report it conflicts with."""
    duplicate_of: dict[int, int | None] = {}
    findings: dict[int, list[Finding]] = {}
    heads: list[Copy] = []
    longest = max((len(c.shingles) for c in copies), default=0)
    for c in sorted(copies, key=lambda c: canonical_order(c, longest)):
        relations = [(h, relation(c, h)) for h in heads]
        head = next((h for h, r in relations if r == "duplicate"), None)
        duplicate_of[c.report_id] = head.report_id if head else None
        if head is None:
            heads.append(c)
            found = [conflict_finding(c, h, lang) for h, r in relations if r == "conflict"]
            if found and settings()["enabled"]:
                findings[c.report_id] = found
    return duplicate_of, findings


def conflict_finding(mine: Copy, other: Copy, lang: str = "zh") -> Finding:
    """The finding on ``mine``: which main figures ``other`` (the same document) states otherwise."""
    keys = differences(mine, other)
    parts, evidence = [], []
    for key in keys:
        m, o = mine.figures[key][0], other.figures[key][0]
        parts.append(message(RULE_ID, "figure", lang, label=label(key, lang), mine=fmt(m[0]), other=fmt(o[0])))
        evidence.append({"type": "fact", "key": key, "start": m[1], "end": m[2], "value": m[0]})
        evidence.append({"type": "copy", "report_id": other.report_id, "key": key, "start": o[1], "end": o[2],
                         "value": o[0], "report": "copy"})
    first_mine, first_other = mine.figures[keys[0]][0][0], other.figures[keys[0]][0][0]
    text = message(RULE_ID, "conflict", lang, file=other.file_name or other.path, report_id=other.report_id,
                   figures=message(RULE_ID, "separator", lang).join(parts))
    return Finding(rule=RULE_ID, severity=rule_config(RULE_ID).get("severity", "warning"), message=text,
                   expected=first_other, actual=first_mine, difference=first_mine - first_other,
                   evidence=evidence)


def main_figure_keys() -> list[str]:
    """The fact keys compared between copies ([rules.conflicting_copies] main_figures)."""
    return list(config().get("rules", {}).get(RULE_ID, {}).get("main_figures", []))
