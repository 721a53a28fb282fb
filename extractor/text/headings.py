"""Numbered heading labels (第一部分 / 一、/（一）/ 1. /（1）/ ①): the styles of patterns/sections.toml.

Both normalize (a line that starts a heading is never joined to the line before) and segment
(the heading hierarchy) need them; normalize runs first, so the styles live here, below both.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from .. import rules


@lru_cache(maxsize=1)
def styles() -> list[tuple[str, regex.Pattern]]:
    """(style id, compiled label pattern) in the order of patterns/sections.toml [[style]]: the
    order in which styles are tried, and in which they take levels."""
    return [(s["id"], regex.compile(s["pattern"])) for s in rules.load("sections")["style"]]


@lru_cache(maxsize=1)
def heading_start_re() -> regex.Pattern:
    """Matches a numbered heading label of any style at the start of a line."""
    styles_ = rules.load("sections")["style"]
    return regex.compile("|".join(f"(?:{s['pattern']})" for s in styles_).replace("(?P<label>", "(?:"))


@lru_cache(maxsize=1)
def major_heading_re() -> regex.Pattern:
    """Matches a label of the styles [run_break_styles] names (第一部分, 一、, (一)): a heading's label
    wherever a blank puts it in a run of text."""
    conf = rules.load("sections")
    styles_ = [s for s in conf["style"] if s["id"] in conf["run_break_styles"]]
    return regex.compile("|".join(f"(?:{s['pattern']})" for s in styles_).replace("(?P<label>", "(?:"))
