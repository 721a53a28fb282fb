"""Unit names as reports write them, split into region and core.

A unit writes its name differently from year to year: 株洲市渌口区交通事务中心 / 渌口区交通事务中心 /
区交通事务中心 / 渌口区交通运输局本级, and institutional reforms rename it (卫生和计划生育局 →
卫生健康局). ``parse_unit`` splits a name into its county, the levels above it and its core, with the
rules that normalized it (patterns/units.toml [unit]); region components are read with the
metadata lexicon (extractor/interpret/metadata/lexicon.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex

from .. import rules
from ..interpret.metadata.lexicon import region_parts

_re = rules.compiled
_FULL_WIDTH = {**rules.FULL_WIDTH, 0x3000: 0x20}
_SPACES = regex.compile(r"\s+")


def _conf() -> dict:
    return rules.load("units")


def fold(s: str | None) -> str:
    """Full-width forms to ASCII, no spaces: names compare as reports.text writes them."""
    return _SPACES.sub("", (s or "").translate(_FULL_WIDTH))


@dataclass
class UnitName:
    """A unit name split into region and core, with the rules that normalized it."""

    alias: str  # the name as the report writes it (folded)
    county: str | None  # lowest region component after region renames (渌口区)
    city: str | None  # the components above it (株洲市), when written
    core: str  # the name without region, after renames (交通事务中心)
    shorthand: str | None = None  # the level character of a shorthand (区交通事务中心)
    rules: list[str] = field(default_factory=list)  # region_prefix, suffix, rename, region_rename


def strip_suffixes(s: str, suffixes: list[str]) -> str:
    """Drop the listed endings again and again while one ends the name (never the whole name)."""
    changed = True
    while changed:
        changed = False
        for w in suffixes:
            if s.endswith(w) and len(s) > len(w):
                s, changed = s[: -len(w)], True
    return s


def parse_unit(name: str, region_hint: str | None = None) -> UnitName | None:
    """Split a unit name: "株洲市渌口区交通事务中心本级" → county 渌口区, city 株洲市, core 交通事务中心."""
    conf = _conf()["unit"]
    s = fold(name)
    if not s:
        return None
    rules: list[str] = []
    changed = True
    while changed:
        changed = False
        for p in conf["strip_lead"]:
            t = _re(p).sub("", s, count=1)
            if t != s and t:
                s, changed = t, True
    t = _re(conf["code_prefix"]).sub("", s)
    if t != s and t:
        s = t
        rules.append("suffix")
    alias = s
    t = strip_suffixes(s, conf["drop_suffix"])
    if t != s and "suffix" not in rules:
        rules.append("suffix")
    s = t
    parts = region_parts(s)
    county = city = shorthand = None
    if parts:
        core = s[sum(len(t) for _, t in parts):]
        if not core:  # the name is only a region
            return UnitName(alias, None, None, s, None, rules)
        county = parts[-1][1]
        city = "".join(t for _, t in parts[:-1]) or None
        if city:
            rules.append("region_prefix")
    elif s[0] in conf["level_chars"] and len(s) > 2:
        shorthand, core = s[0], s[1:]
    else:
        core = s
        hint = parse_region(region_hint)
        if hint:
            city, county = hint
    if county is None and city is None and shorthand is None and region_hint:
        hint = parse_region(region_hint)
        if hint:
            city, county = hint
    if county is not None:
        renamed = _region_renames().get(county)
        if renamed:
            county = renamed
            rules.append("region_rename")
    renamed = _renames().get(core)
    if renamed:
        core = renamed
        rules.append("rename")
    if county is not None and city is None and region_hint:
        hint = parse_region(region_hint)
        if hint and hint[1] == county:
            city = hint[0]
    return UnitName(alias, county, city, core, shorthand, rules)


def parse_region(region: str | None) -> tuple[str | None, str] | None:
    """(higher levels, county) of a region string; None when it is no region ("年度县")."""
    if not region:
        return None
    s = fold(region)
    for p in _conf()["unit"]["strip_lead"]:
        s = _re(p).sub("", s, count=1)
    parts = region_parts(s)
    if not parts or "".join(t for _, t in parts) != s:
        return None
    return ("".join(t for _, t in parts[:-1]) or None), parts[-1][1]


@lru_cache(maxsize=1)
def _renames() -> dict[str, str]:
    return {r["from"]: r["to"] for r in _conf()["unit"].get("rename", [])}


@lru_cache(maxsize=1)
def _region_renames() -> dict[str, str]:
    return {r["from"]: r["to"] for r in _conf()["unit"].get("region_rename", [])}
