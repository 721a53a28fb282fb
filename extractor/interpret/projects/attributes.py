"""Attributes of a project read from its name or text: goal attainment, road code, stake range,
and the key under which two names are the same project."""
from __future__ import annotations

from ... import rules
from .vocabulary import vocab

_BLANKS_AND_QUOTES = r"[\s\"'“”‘’《》]"


def goal_status(text: str) -> tuple[str, float | None]:
    """("achieved" | "partial" | "not_achieved" | "unknown", share of the goal reached in %)."""
    found = []
    for status, pattern in vocab().goal:
        m = pattern.search(text)
        if m:
            found.append((m.start(), status, m))
    if not found:
        return "unknown", None
    # A partial share names its percentage; otherwise the earliest phrase decides.
    partial = [f for f in found if f[1] == "partial"]
    _, status, m = partial[0] if partial else min(found, key=lambda f: f[0])
    if status == "partial":
        pct = float(m.group("pct"))
        return ("achieved" if pct >= 100 else "partial"), pct
    return status, None


def road_code(name: str) -> str | None:
    """The road code in a project name ("S207预防性养护" → "S207"), if any."""
    m = vocab().road_code.search(name)
    return m.group() if m else None


def stake_range(name: str) -> tuple[float | None, float | None]:
    """(from, to) in km of a stake range in a project name ("K7+620-K8+220" → 7.62, 8.22)."""
    m = vocab().stake_range.search(name)
    if not m:
        return None, None

    def km(k, metres):
        return round(int(k) + float(metres) / 1000, 6)

    return km(m["a"], m["b"]), km(m["c"], m["d"])



def name_key(name: str) -> str:
    """The name without blanks and quotes: two names with one key are one project."""
    return rules.compiled(_BLANKS_AND_QUOTES).sub("", name)
