"""Offset-safe normalization: full-width forms, stray spaces, lines broken inside a sentence.

Every rule either replaces one character by one character or deletes characters, so each
character of the normalized text keeps the offset of the source character it came from
(``Normalized.origin``). Extraction works on the normalized text; ``to_source`` maps a span back.

Traditional-character mirrors are turned into simplified characters before this, one for one,
by OpenCC (extractor/text/traditional.py, which records how it measured against the table it
replaced); ``is_traditional`` and ``to_simplified`` are re-exported here for the pipeline.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

import regex

from .. import rules
from ..errors import PatternError
from .headings import heading_start_re


@dataclass
class Normalized:
    """A normalized text and, per character, the offset of the source character it came from."""

    text: str
    origin: list[int]  # origin[i] = source offset of text[i]; one extra entry for len(text)

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Source span of the normalized span [start, end)."""
        if end <= start:
            return self.origin[start], self.origin[start]
        return self.origin[start], self.origin[end - 1] + 1

    def from_source(self, offset: int) -> int:
        """First normalized offset whose source offset is at or after ``offset``."""
        return bisect.bisect_left(self.origin, offset, hi=len(self.text))


@lru_cache(maxsize=1)
def _rules():
    conf = rules.load("normalize")
    table = dict(rules.FULL_WIDTH)
    for src, dst in conf["chars"].items():
        if len(src) != 1 or len(dst) != 1:
            raise PatternError(f"patterns/normalize.toml: [chars] must map one character to one: {src!r}")
        table[ord(src)] = dst
    lines = conf["lines"]
    clause = lines["clause"]
    clause_re = regex.compile("[" + "".join(regex.escape(c) for c in clause) + "]")
    return _Mapper(table), set(lines["terminal"]), set(lines["continuation"]), set(clause), clause_re


@lru_cache(maxsize=1)
def _deletions() -> list[regex.Pattern]:
    """The [delete] rules of patterns/normalize.toml with the whitespace clean-up, in the order
    they apply."""
    delete = rules.load("normalize")["delete"]
    return [delete["pinyin_gloss"].regex, _TRAILING, _LEADING, delete["between_han"].regex,
            delete["digit_date"].regex, _MULTI_SPACE]


class _Mapper:
    """One-to-one character mapping. ``str.translate`` with a dict looks up every character of a
    Chinese text (slow); a stdlib ``re`` class finds the few that change, about 5x faster."""

    def __init__(self, table: dict[int, int | str]):
        self.table = {chr(k): v if isinstance(v, str) else chr(v) for k, v in table.items()}
        self.pattern = re.compile("[" + "".join(re.escape(c) for c in self.table) + "]")

    def __call__(self, text: str) -> str:
        return self.pattern.sub(lambda m: self.table[m.group()], text)


# Whitespace deletions (structural; the ones about Chinese text are in patterns/normalize.toml).
_CR = regex.compile(r"\r(?=\n)")
_TRAILING = regex.compile(r"[ \t\f\v]+(?=\n|$)")
_LEADING = regex.compile(r"(?:(?<=\n)|^)[ \t\f\v]+")
_MULTI_SPACE = regex.compile(r"(?<=[ \t])[ \t]+")
_MANY_BLANK = regex.compile(r"(?<=\n\n)\n+")
_LINE_BREAKS = regex.compile(r"\n+")
_BODY_START = regex.compile(r"[\p{Han}\d]")  # prose starts with a Han character or a digit


def _delete(text: str, origin: list[int], spans: list[tuple[int, int]]):
    if not spans:
        return text, origin
    parts, new_origin, pos = [], [], 0
    for s, e in spans:
        parts.append(text[pos:s])
        new_origin.extend(origin[pos:s])
        pos = e
    parts.append(text[pos:])
    new_origin.extend(origin[pos:])
    return "".join(parts), new_origin


def _delete_matches(text, origin, pattern):
    return _delete(text, origin, [m.span() for m in pattern.finditer(text)])


def normalize(source: str) -> Normalized:
    """``source`` with full-width forms folded, stray spaces removed and broken prose lines
    joined; every character keeps the offset of the source character it came from."""
    mapper, terminal, continuation, clause, clause_re = _rules()
    text, origin = _delete_matches(mapper(source), list(range(len(source))), _CR)
    text = text.replace("\r", "\n")  # old Mac line ends, 1:1
    # mirror pages gloss characters with pinyin (數(shù)據(jù)): no text of the report
    for pattern in _deletions():
        text, origin = _delete_matches(text, origin, pattern)
    text, origin = _join_broken_lines(text, origin, terminal, continuation, clause, clause_re)
    text, origin = _delete_matches(text, origin, _MANY_BLANK)
    origin.append(origin[-1] + 1 if origin else 0)
    return Normalized(text, origin)


def _join_broken_lines(text, origin, terminal, continuation, clause, clause_re):
    """Join a line to the next when the sentence plainly goes on.

    The 2024 渌口区 report breaks "主要用于2017年危桥改造" + blank line + "项目建设。" and a project
    heading after "旅游路工程、"; a line that ends a sentence, a heading, or a table row never joins.
    """
    heading = heading_start_re()
    spans = []
    for m in _LINE_BREAKS.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line = text[line_start:m.start()]
        nxt_end = text.find("\n", m.end())
        nxt = text[m.end(): nxt_end if nxt_end != -1 else len(text)]
        if not line or not nxt or nxt.startswith("|") or line.endswith("|"):
            continue
        last = line[-1]
        if last in terminal or heading.match(nxt):
            continue
        if last in continuation:
            spans.append(m.span())
        elif any(ch in clause for ch in line) and not _is_heading_line(line, heading) and _is_body(nxt, clause_re):
            spans.append(m.span())
    return _delete(text, origin, spans)


def _is_heading_line(line: str, heading) -> bool:
    """A numbered heading line; a long paragraph that merely opens with a number label
    ("(1)严控“三公”经费支出。2024年,…" cut by a PDF page break) is prose."""
    return bool(heading.match(line)) and len(line) <= HEADING_LINE_MAX


HEADING_LINE_MAX = 40


def _is_body(line: str, clause_re: regex.Pattern) -> bool:
    """The continuation of a prose sentence: Han text that goes on to a clause or sentence end."""
    return bool(_BODY_START.match(line)) and bool(clause_re.search(line))
