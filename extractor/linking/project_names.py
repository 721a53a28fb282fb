"""Project names normalized for comparison across years.

A project's name drifts ("S330项目(S330淦田-古岳峰一期)" / "S330淦田至古岳峰公路一期工程"); what
identifies it is kept apart: its vintage year, phase, batch, road codes, stake range and places.
The rest is folded to a normalized name (separators, generic words and suffixes out) that
series.py compares. Patterns live in patterns/units.toml [project].
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.fuzz import ratio as _ratio

from .. import rules
from ..text.numerals import numeral_key
from ..interpret.metadata.lexicon import region_parts
from .unit_names import fold, strip_suffixes

_re = rules.compiled


def _conf() -> dict:
    return rules.load("units")


@dataclass
class ProjectName:
    """What identifies a project in its name (and its stake columns)."""

    norm: str
    vintage: int | None = None
    phase: str | None = None
    batch: str | None = None
    codes: frozenset = frozenset()
    stake: tuple[float, float] | None = None
    places: tuple = ()  # ((kind, frozenset of names), ...) for the kinds the name mentions
    core: str = ""  # norm without its places

    def place_names(self) -> frozenset:
        """Every place the name mentions, of any kind."""
        return frozenset().union(*[v for _, v in self.places]) if self.places else frozenset()


def project_name(name: str, region_words: tuple[str, ...] = (), stake: tuple[float | None, float | None] = (None, None)) -> ProjectName:
    """Normalize a project name: region and unit words, vintage year, phase, batch, road codes,
    stake range and separators out; 项目/工程 suffixes off.

    "S330渌口区淦田至古岳峰公路一期工程" with region 渌口区 → norm "淦田古岳峰公路", phase 1, codes {S330}.
    """
    return normalize_project(without_words(name, region_words), stake)


def without_words(name: str, region_words: tuple[str, ...]) -> str:
    """The folded name without the region and unit words, longest first."""
    s = fold(name)
    for w in _folded_words(region_words):
        s = s.replace(w, "")
    return s


def normalize_project(s: str, stake: tuple[float | None, float | None]) -> ProjectName:
    """project_name after the region and unit words are out (the same for every unit)."""
    conf = _conf()["project"]
    parts = region_parts(s)
    if parts:
        s = s[sum(len(t) for _, t in parts):]
    m = _re(conf["stake_range"]).search(s)
    if m:
        a = int(m.group("a")) + float(m.group("b")) / 1000
        b = int(m.group("c")) + float(m.group("d")) / 1000
        found = (min(a, b), max(a, b))
        s = s[: m.start()] + s[m.end():]
    elif stake[0] is not None and stake[1] is not None:
        found = (min(stake), max(stake))
    else:
        found = None
    codes = frozenset(_re(conf["road_code"]).findall(s))
    s = _re(conf["road_code"]).sub("", s)
    vintage = None
    m = _re(conf["vintage"]).search(s)
    if m:
        vintage = int(m.group("year"))
        s = s[: m.start()] + s[m.end():]
    phase = batch = None
    m = _re(conf["phase"]).search(s)
    if m:
        phase = numeral_key(m.group("phase"))
        s = s[: m.start()] + s[m.end():]
    m = _re(conf["batch"]).search(s)
    if m:
        batch = numeral_key(m.group("batch"))
        s = s[: m.start()] + s[m.end():]
    places = []
    unmasked = s
    not_place = tuple(conf["not_place"])
    for kind, pattern in conf["place"].items():
        hits = [m for m in _re(pattern).finditer(s) if not m.group(0).endswith(not_place)]
        if hits:
            places.append((kind, frozenset(m.group(0) for m in hits)))
            for m in reversed(hits):  # cut out, so "…镇段河道" yields no river "镇段河"
                s = s[: m.start()] + "|" * len(m.group(0)) + s[m.end():]
    s = unmasked  # the masks only kept one kind's places out of the next kind's
    for p, literal in _separators():
        s = s.replace(p, "") if literal else _re(p).sub("", s)
    for syn in conf.get("synonym", []):
        for w in syn["words"]:
            if w not in syn["canonical"]:
                s = s.replace(w, syn["canonical"])
    for w in conf["generic"]:
        s = s.replace(w, "")
    s = strip_suffixes(s, conf["suffixes"])
    core = s
    for _, names in places:
        for p in names:
            core = core.replace(p, "")
    return ProjectName(s, vintage, phase, batch, codes, found, tuple(places), core)


@lru_cache(maxsize=1)
def _separators() -> list[tuple[str, bool]]:
    """(pattern or word, whether it is a word): a word is cut with str.replace, much cheaper."""
    return [(p, not isinstance(p, rules.Rule)) for p in _conf()["project"]["separators"]]


@lru_cache(maxsize=1024)
def _folded_words(region_words: tuple[str, ...]) -> tuple[str, ...]:
    """The words project_name removes, longest first, folded (once per unit, not per project)."""
    return tuple(fold(w) for w in sorted(region_words, key=lambda w: (-len(w), w)) if w)


def name_similarity(a: str, b: str) -> float:
    """0–100: rapidfuzz ratio, or subsequence_score when the shorter name is a subsequence of the longer."""
    if not a or not b:
        return 0.0
    if a == b:
        return 100.0
    conf = _conf()["project"]
    score = _ratio(a, b)
    short, long_ = sorted((a, b), key=len)
    if len(short) >= conf["subsequence_min_chars"] and len(short) >= conf["subsequence_min_ratio"] * len(long_):
        it = iter(long_)
        if all(ch in it for ch in short):
            score = max(score, float(conf["subsequence_score"]))
    return score
