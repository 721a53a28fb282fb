"""Units and projects across years: which reports are one unit's, which projects one project's.

A unit writes its name differently from year to year: 株洲市渌口区交通事务中心 / 渌口区交通事务中心 /
区交通事务中心 / 渌口区交通运输局本级, and institutional reforms rename it (卫生和计划生育局 →
卫生健康局). ``link_units`` splits each report's unit name into its region and its core, groups
reports by (county, core), resolves shorthands ("区交通事务中心") to the county their text (or their
folder) names, records every alias with the rule and confidence that put it there, and sets
``reports.unit_id``. Merges it is not sure of are returned as proposals and applied only through
an overrides file.

A project's name drifts too ("S330项目(S330淦田-古岳峰一期)" / "S330淦田至古岳峰公路一期工程").
``link_projects`` links one unit's projects year by year: same road code and stake range first,
then same road code and phase, then the same normalized name, then a fuzzy match — never across a
different vintage year, phase, batch, road code, stake range or place. Each series gets its
cumulative spending and latest progress.

Every word list, regex and threshold lives in patterns/units.toml; SQL lives in store.py.
"""
from __future__ import annotations

import csv
import json
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePath

import regex
from rapidfuzz import process
from rapidfuzz.fuzz import ratio as _ratio

from .. import rules, store
from ..interpret.metadata import region_parts


# ---------------------------------------------------------------------------- vocabulary
@lru_cache(maxsize=1)
def _conf() -> dict:
    return rules.load("units")


_re = rules.compiled
_FULL_WIDTH = {**rules.FULL_WIDTH, 0x3000: 0x20}
_SPACES = regex.compile(r"\s+")


def fold(s: str | None) -> str:
    """Full-width forms to ASCII, no spaces: names compare as reports.text writes them."""
    return _SPACES.sub("", (s or "").translate(_FULL_WIDTH))


# ---------------------------------------------------------------------------- unit names
@dataclass
class UnitName:
    """A unit name split into region and core, with the rules that normalized it."""

    alias: str  # the name as the report writes it (folded)
    county: str | None  # lowest region component after region renames (渌口区)
    city: str | None  # the components above it (株洲市), when written
    core: str  # the name without region, after renames (交通事务中心)
    shorthand: str | None = None  # the level character of a shorthand (区交通事务中心)
    rules: list[str] = field(default_factory=list)  # region_prefix, suffix, rename, region_rename


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
    changed = True
    while changed:
        changed = False
        for w in conf["drop_suffix"]:
            if s.endswith(w) and len(s) > len(w):
                s, changed = s[: -len(w)], True
                if "suffix" not in rules:
                    rules.append("suffix")
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


# ---------------------------------------------------------------------------- overrides
def load_overrides(overrides) -> dict:
    """{"merge": [{"alias", "into", "region"}], "separate": [[name, name, ...]]} from a TOML or CSV
    file, or an already parsed dict (same shape as the TOML)."""
    if overrides is None:
        return {"merge": [], "separate": []}
    if isinstance(overrides, dict):
        data = overrides
    else:
        path = Path(overrides)
        if path.suffix.lower() == ".csv":
            data = {"merge": [], "separate": []}
            with open(path, newline="", encoding="utf-8-sig") as f:
                for row in csv.DictReader(f):
                    action = (row.get("action") or "").strip().lower()
                    name, other = (row.get("name") or "").strip(), (row.get("other") or "").strip()
                    if action == "merge":
                        data["merge"].append({"alias": name, "into": other, "region": (row.get("region") or "").strip() or None})
                    elif action == "separate":
                        data["separate"].append({"names": [name, other]})
                    elif action:
                        raise ValueError(f"{path}: unknown action {action!r} (merge or separate)")
        else:
            with open(path, "rb") as f:
                data = tomllib.load(f)
    merges = [{"alias": fold(m["alias"]), "into": fold(m["into"]), "region": m.get("region")} for m in data.get("merge", [])]
    separates = [[fold(n) for n in (s["names"] if isinstance(s, dict) else s)] for s in data.get("separate", [])]
    return {"merge": merges, "separate": separates}


# ---------------------------------------------------------------------------- unit plan
@dataclass
class UnitPlan:
    units: list[dict]  # rows for the units table
    aliases: list[dict]  # rows for unit_aliases
    report_units: dict[int, int]  # report id → unit id
    proposals: list[dict]
    unlinked: list[int]  # reports without a unit name


@dataclass
class _Group:
    """Reports that share one written alias and one resolved region: they move together."""

    alias: str
    county: str | None
    city: str | None
    core: str
    shorthand: str | None
    rule: str
    confidence: float
    reports: list[dict] = field(default_factory=list)

    @property
    def years(self) -> list[int]:
        return sorted({r["fiscal_year"] for r in self.reports if r["fiscal_year"] is not None})


def _path_parts(path: str | None) -> set[str]:
    return set(PurePath(path).parts[:-1]) if path else set()


def _resolve_shorthand(sh: UnitName, reports: list[dict], counties: dict[str, str | None]) -> tuple[str | None, float, dict]:
    """The county a shorthand's reports name most: (county, confidence, mention counts)."""
    conf = _conf()["unit"]["shorthand"]
    counts: Counter = Counter()
    folders = [_path_parts(r.get("path")) for r in reports]
    for county, city in counties.items():
        if not county.endswith(sh.shorthand):
            continue
        for r, parts in zip(reports, folders):
            text = r.get("text") or ""
            n = text.count(county)
            if conf["path_weight"] and (county in parts or (city and city + county in parts)):
                n += conf["path_weight"]
            counts[county] += n
    ranked = counts.most_common()
    if not ranked:
        return None, 0.0, dict(counts)
    top = ranked[0][1]
    second = ranked[1][1] if len(ranked) > 1 else 0
    if top < conf["min_mentions"] or top == second:
        return None, 0.0, dict(counts)
    c = conf["confidence"]
    return ranked[0][0], c["base"] + c["spread"] * (top - second) / top, dict(counts)


def plan_units(db, overrides=None) -> UnitPlan:
    """Group reports into units (nothing is written). See the module docstring and units.toml."""
    uconf = _conf()["unit"]
    rconf = uconf["confidence"]
    auto_min = uconf["propose"]["auto_merge_min"]
    ov = load_overrides(overrides)
    rows = store.linking_reports(db)
    parsed: dict[int, UnitName] = {}
    unlinked = []
    for r in rows:
        u = parse_unit(r["unit_name"] or r["unit_name_normalized"] or "", r["region"])
        if u is None:
            unlinked.append(r["id"])
        else:
            parsed[r["id"]] = u
    counties: dict[str, str | None] = {}
    for u in parsed.values():
        if u.county:
            counties[u.county] = counties.get(u.county) or u.city

    # 1. groups: one per (alias, county) — shorthands resolved to a county first
    groups: dict[tuple, _Group] = {}
    proposals: list[dict] = []
    by_short: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        u = parsed.get(r["id"])
        if u is None:
            continue
        if u.shorthand:
            by_short[u.alias].append(r)
            continue
        rule = next((x for x in ("rename", "region_rename", "suffix", "region_prefix") if x in u.rules), "exact")
        conf = min([rconf.get("rename" if x == "region_rename" else x, 1.0) for x in u.rules] or [rconf["exact"]])
        key = (u.alias, u.county, u.core)
        g = groups.get(key) or groups.setdefault(key, _Group(u.alias, u.county, u.city, u.core, None, rule, conf))
        g.city = g.city or u.city
        g.reports.append(r)
    full_keys = {(g.county, g.core) for g in groups.values() if g.county}
    for alias, reports in sorted(by_short.items()):
        u = parsed[reports[0]["id"]]
        # each report resolves on its own evidence; reports that agree stay together
        by_county: dict[str | None, list[tuple[dict, float, dict]]] = defaultdict(list)
        for r in reports:
            county, conf, counts = _resolve_shorthand(u, [r], counties)
            if county is not None and conf < auto_min:
                county = None
            by_county[county].append((r, conf, counts))
        for county, items in by_county.items():
            conf = min(c for _, c, _ in items) if county else 0.0
            rule = "shorthand" if (county, u.core) in full_keys else "shorthand_new"
            if county and rule == "shorthand_new":
                conf = min(conf, uconf["shorthand"]["new_unit_confidence"])
            key = (alias, county, u.core)
            g = _Group(alias, county, counties.get(county) if county else None, u.core, u.shorthand,
                       rule if county else "unresolved", conf if county else 1.0, [r for r, _, _ in items])
            groups[key] = g
            if county is None:
                cands = sorted({c for c in counties if c.endswith(u.shorthand) and (c, u.core) in full_keys})
                totals: Counter = Counter()
                for _, _, counts in items:
                    totals.update(counts)
                for c in cands:
                    proposals.append({
                        "action": "merge", "alias": alias, "alias_region": None, "unit": c + u.core,
                        "region": _region(counties.get(c), c), "rule": "shorthand",
                        "confidence": round(uconf["shorthand"]["unresolved_confidence"] / max(1, len(cands)), 3),
                        "applied": False, "reports": len(items), "years": sorted({r["fiscal_year"] for r, _, _ in items}),
                        "reason": f"“{alias}” names no county; its text names {c} {totals.get(c, 0)} times",
                    })

    # 2. units: groups with one (county, core); unresolved shorthands alone
    unit_of: dict[tuple, tuple] = {}
    for key, g in groups.items():
        unit_of[key] = (g.county, g.core) if g.county else (None, g.alias)

    # 3. overrides: separate, then merge
    for names in ov["separate"]:
        keys = [k for k in groups if k[0] in names]
        units_hit = {unit_of[k] for k in keys}
        for ukey in units_hit:
            inside = [k for k in keys if unit_of[k] == ukey]
            present = {k[0] for k in inside}
            if len(present) < 2:
                continue
            first = names[0] if names[0] in present else sorted(present)[0]
            for k in inside:
                if k[0] == first:
                    unit_of[k] = ("override", first)
                    groups[k].rule, groups[k].confidence = "override_separate", rconf["override"]
    for m in ov["merge"]:
        targets = {unit_of[k] for k, g in groups.items()
                   if m["into"] in (g.alias, (g.county or "") + g.core, _region(g.city, g.county) + g.core)}
        if len(targets) != 1:
            proposals.append({"action": "override", "alias": m["alias"], "unit": m["into"], "applied": False,
                              "rule": "override", "confidence": None, "region": m.get("region"),
                              "reason": f"override target “{m['into']}” matches {len(targets)} units"})
            continue
        target = targets.pop()
        for k, g in groups.items():
            if g.alias != m["alias"] and (g.county or "") + g.core != m["alias"]:
                continue
            if m.get("region") and fold(m["region"]) not in (_region(g.city, g.county), g.county or ""):
                if g.county is not None:
                    continue
            unit_of[k] = target
            g.rule, g.confidence = "override", rconf["override"]

    # 4. unit rows
    members: dict[tuple, list[tuple]] = defaultdict(list)
    for k, ukey in unit_of.items():
        members[ukey].append(k)
    drafts = []
    for ukey, keys in members.items():
        gs = [groups[k] for k in keys]
        located = [g for g in gs if g.county]
        county = located[0].county if located else None
        if ukey[0] not in (None, "override") and ukey[0] is not None:
            county = ukey[0]
        city = next((g.city for g in located if g.city), None) or (counties.get(county) if county else None)
        latest = max(gs, key=lambda g: (max(g.years or [0]), g.county is not None))
        core = latest.core
        if county and ukey[0] != "override":
            canonical = (_region(city, county) if uconf["canonical"] == "full" else county) + core
        else:
            canonical = latest.alias
        reports = [r for g in gs for r in g.reports]
        years = sorted({r["fiscal_year"] for r in reports if r["fiscal_year"] is not None})
        drafts.append({
            "canonical_name": canonical, "region": _region(city, county) or None, "county": county, "core": core,
            "groups": gs, "reports": reports, "years": years,
        })
    drafts.sort(key=lambda d: (d["region"] or "~", d["canonical_name"]))
    units, aliases, report_units = [], [], {}
    for i, d in enumerate(drafts, 1):
        names = sorted({g.alias for g in d["groups"]})
        conf = min((g.confidence for g in d["groups"]), default=1.0)
        units.append({
            "id": i, "canonical_name": d["canonical_name"], "region": d["region"], "county": d["county"],
            "core": d["core"], "aliases": json.dumps(names, ensure_ascii=False),
            "years": json.dumps(d["years"]), "first_year": d["years"][0] if d["years"] else None,
            "last_year": d["years"][-1] if d["years"] else None, "n_reports": len(d["reports"]),
            "confidence": round(conf, 3),
        })
        for g in sorted(d["groups"], key=lambda g: (g.alias, g.county or "")):
            aliases.append({
                "unit_id": i, "alias": g.alias, "region": _region(g.city, g.county) or None, "source": g.rule,
                "confidence": round(g.confidence, 3), "n_reports": len(g.reports), "years": json.dumps(g.years),
            })
            if g.rule not in ("exact", "unresolved"):
                proposals.append({
                    "action": "merge", "alias": g.alias, "alias_region": _region(g.city, g.county) or None,
                    "unit": d["canonical_name"], "region": d["region"], "rule": g.rule,
                    "confidence": round(g.confidence, 3), "applied": True, "reports": len(g.reports),
                    "years": g.years, "reason": _REASONS.get(g.rule, g.rule),
                })
        for r in d["reports"]:
            report_units[r["id"]] = i
    proposals.extend(_similar_units(units))
    proposals.sort(key=lambda p: (p["applied"], -(p["confidence"] or 0)))
    return UnitPlan(units, aliases, report_units, proposals, unlinked)


_REASONS = {
    "region_prefix": "the alias adds the higher region levels",
    "suffix": "the alias adds 本级 / (本级) / a budget code",
    "rename": "pre-reform name (patterns/units.toml [[unit.rename]])",
    "region_rename": "renamed county (patterns/units.toml [[unit.region_rename]])",
    "shorthand": "shorthand name; the report's text (or folder) names this county most",
    "shorthand_new": "shorthand name; the report's text (or folder) names this county most, no full-name report yet",
    "override": "manual override",
    "override_separate": "kept apart by a manual override",
}


def _region(city: str | None, county: str | None) -> str:
    return (city or "") + (county or "")


def _similar_units(units: list[dict]) -> list[dict]:
    """Units of one region with similar cores that never report in the same year: maybe renamed."""
    conf = _conf()["unit"]["propose"]
    out = []
    by_region: dict[str, list[dict]] = defaultdict(list)
    for u in units:
        if u["county"]:
            by_region[u["county"]].append(u)
    for county, us in by_region.items():
        for i, a in enumerate(us):
            for b in us[i + 1:]:
                if set(json.loads(a["years"])) & set(json.loads(b["years"])):
                    continue
                score = _ratio(a["core"], b["core"])
                if score >= conf["similar_min"]:
                    older, newer = sorted((a, b), key=lambda u: u["last_year"] or 0)
                    out.append({
                        "action": "merge", "alias": older["canonical_name"], "alias_region": older["region"],
                        "unit": newer["canonical_name"], "region": newer["region"], "rule": "similar_name",
                        "confidence": round(score / 100 * conf["similar_confidence"], 3), "applied": False,
                        "reports": older["n_reports"], "years": json.loads(older["years"]),
                        "reason": f"same region, similar names ({score:.0f}/100), never in the same year",
                    })
    return out


def link_units(db, overrides=None) -> list[dict]:
    """Group reports into units, store units / unit_aliases / reports.unit_id, return proposals.

    ``overrides``: a TOML or CSV file (or a dict) of manual merges and separations, applied on
    top of the rules. Each proposal: action, alias, alias_region, unit, region, rule, confidence,
    applied (False: a decision for a person — add it to the overrides file), reports, years, reason.
    Rebuilds everything each run (idempotent); clears project series, which link_projects rebuilds.
    """
    plan = plan_units(db, overrides)
    store.save_units(db, plan.units, plan.aliases, plan.report_units)
    return plan.proposals


def units_report(db, plan: UnitPlan | None = None) -> list[dict]:
    """One dict per unit: id, canonical_name, region, aliases, years, missing_years, n_reports,
    n_series, confidence — from ``plan`` (a dry run) or from the stored tables."""
    rows = plan.units if plan is not None else store.stored_units(db)
    out = []
    for u in rows:
        years = json.loads(u["years"] or "[]")
        missing = [y for y in range(years[0], years[-1] + 1) if y not in years] if years else []
        out.append({
            "id": u["id"], "canonical_name": u["canonical_name"], "region": u["region"],
            "aliases": json.loads(u["aliases"] or "[]"), "years": years, "missing_years": missing,
            "n_reports": u["n_reports"], "n_series": u.get("n_series"), "confidence": u["confidence"],
        })
    return out


# ---------------------------------------------------------------------------- projects
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
        return frozenset().union(*[v for _, v in self.places]) if self.places else frozenset()


_CN = {c: i for i, c in enumerate("零一二三四五六七八九十")}


def _numeral(s: str) -> str:
    """一 / 1 → "1", 十二 → "12" (phases and batches compare as numbers)."""
    if s.isdigit():
        return str(int(s))
    if len(s) == 1:
        return str(_CN.get(s, s))
    if s.startswith("十"):
        return str(10 + _CN.get(s[1:], 0))
    if len(s) == 2 and s[1] == "十":
        return str(_CN.get(s[0], 0) * 10)
    if len(s) == 3 and s[1] == "十":
        return str(_CN.get(s[0], 0) * 10 + _CN.get(s[2], 0))
    return s


def project_name(name: str, region_words: tuple[str, ...] = (), stake: tuple[float | None, float | None] = (None, None)) -> ProjectName:
    """Normalize a project name: region and unit words, vintage year, phase, batch, road codes,
    stake range and separators out; 项目/工程 suffixes off.

    "S330渌口区淦田至古岳峰公路一期工程" with region 渌口区 → norm "淦田古岳峰公路", phase 1, codes {S330}.
    """
    return _normalize_project(_without_words(name, region_words), stake)


def _without_words(name: str, region_words: tuple[str, ...]) -> str:
    """The folded name without the region and unit words, longest first."""
    s = fold(name)
    for w in _folded_words(region_words):
        s = s.replace(w, "")
    return s


def _normalize_project(s: str, stake: tuple[float | None, float | None]) -> ProjectName:
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
        phase = _numeral(m.group("phase"))
        s = s[: m.start()] + s[m.end():]
    m = _re(conf["batch"]).search(s)
    if m:
        batch = _numeral(m.group("batch"))
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
    changed = True
    while changed:
        changed = False
        for w in conf["suffixes"]:
            if s.endswith(w) and len(s) > len(w):
                s, changed = s[: -len(w)], True
    core = s
    for _, names in places:
        for p in names:
            core = core.replace(p, "")
    return ProjectName(s, vintage, phase, batch, codes, found, tuple(places), core)


@lru_cache(maxsize=1)
def _separators() -> list[tuple[str, bool]]:
    """(pattern, whether it is a plain string): a plain one is cut with str.replace, much cheaper."""
    return [(p, not any(c in p for c in ".^$*+?{}[]|()\\")) for p in _conf()["project"]["separators"]]


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


def _overlap(x: tuple[float, float], y: tuple[float, float], tol: float) -> bool:
    return x[0] < y[1] + tol and y[0] < x[1] + tol


def _same_stake(x, y, tol) -> bool:
    return abs(x[0] - y[0]) <= tol and abs(x[1] - y[1]) <= tol


@dataclass
class _Series:
    members: list[tuple[dict, ProjectName, float, str]] = field(default_factory=list)  # row, name, confidence, rule
    _attrs: tuple | None = field(default=None, init=False, repr=False, compare=False)

    def add(self, member: tuple[dict, ProjectName, float, str]) -> None:
        self.members.append(member)
        self._attrs = None

    def attrs(self):
        """What match compares a project with, computed once per change of members."""
        if self._attrs is None:
            self._attrs = self._compute_attrs()
        return self._attrs

    def _compute_attrs(self):
        names = [n for _, n, _, _ in self.members]
        places: dict[str, frozenset] = {}
        for n in names:
            for kind, v in n.places:
                places[kind] = places.get(kind, frozenset()) | v
        return (
            {n.vintage for n in names if n.vintage}, {n.phase for n in names if n.phase},
            {n.batch for n in names if n.batch}, frozenset().union(*[n.codes for n in names]),
            [n.stake for n in names if n.stake], places,
            {n.norm for n in names if n.norm}, {n.core for n in names},
        )


def compatible(p: ProjectName, series_attrs) -> bool:
    vintages, phases, batches, codes, stakes, places, _, _ = series_attrs
    tol = _conf()["project"]["stake_tolerance_km"]
    if (p.stake and batches and not stakes) or (p.batch and stakes and not batches):
        return False
    if p.vintage and vintages and p.vintage not in vintages:
        return False
    if p.phase and phases and p.phase not in phases:
        return False
    if p.batch and batches and p.batch not in batches:
        return False
    if p.codes and codes and not (p.codes & codes):
        return False
    if p.stake and stakes and not any(_overlap(p.stake, s, tol) for s in stakes):
        return False
    for kind, names in p.places:
        if places.get(kind) and names != places[kind]:
            return False
    return True


def match(p: ProjectName, series_attrs) -> tuple[float, str] | None:
    """(confidence, rule) when ``p`` is the project of a series with these attributes, else None."""
    if not compatible(p, series_attrs):
        return None
    conf = _conf()["project"]
    cc = conf["confidence"]
    _, phases, _, codes, stakes, places, norms, cores = series_attrs
    tol = conf["stake_tolerance_km"]
    if p.stake and stakes and any(_same_stake(p.stake, s, tol) for s in stakes) and (not p.codes or not codes or p.codes & codes):
        return cc["road_stake"], "road_stake"
    if p.codes & codes and p.phase and p.phase in phases:
        return cc["code_phase"], "code_phase"
    if p.norm and p.norm in norms:
        return cc["same_name"], "same_name"
    mine = dict(p.places)
    n_places = len(p.place_names())
    core_min = conf["places_core_min"]["one" if n_places == 1 else "more"]
    if (n_places >= conf["same_places_min"] and set(mine) == set(places)
            and all(mine[k] == places[k] for k in mine)
            and max((name_similarity(p.core, c) if p.core and c else 100.0 for c in cores), default=0) >= core_min):
        return cc["same_places"], "same_places"
    best = max((name_similarity(p.norm, n) for n in norms), default=0.0)
    if best >= conf["fuzzy_min"]:
        return round(best / 100 * cc["fuzzy"], 3), "fuzzy"
    return None


def names_match(a: str, b: str, region_words: tuple[str, ...] = ()) -> bool:
    """Whether two project names of one unit would be linked (for examples and tests)."""
    pa, pb = project_name(a, region_words), project_name(b, region_words)
    s = _Series([({}, pb, 1.0, "first")])
    return match(pa, s.attrs()) is not None


def plan_projects(db) -> tuple[list[dict], dict[int, int]]:
    """Series rows and project id → series id, from the stored units (nothing is written)."""
    rows = store.linking_projects(db)
    units = {u["id"]: u for u in store.stored_units(db)}
    by_unit: dict[int, list[dict]] = defaultdict(list)
    for r in rows:
        by_unit[r["unit_id"]].append(r)
    series_rows, project_series, names_of = [], {}, {}
    for unit_id in sorted(by_unit):
        u = units.get(unit_id, {})
        region, county = u.get("region") or "", u.get("county") or ""
        higher = region[: len(region) - len(county)] if county and region.endswith(county) else ""
        words = tuple(sorted(w for w in {region, county, higher, u.get("canonical_name"), u.get("core"),
                                         *json.loads(u.get("aliases") or "[]")} if w))
        for s in _link_unit_projects(by_unit[unit_id], words, names_of):
            sid = len(series_rows) + 1
            series_rows.append(_series_row(sid, unit_id, s))
            for row, _, _, _ in s.members:
                project_series[row["id"]] = sid
    return series_rows, project_series


class _SeriesIndex:
    """Which of a unit's series a project could match at all, so that only those are compared.

    Every rule of ``match`` needs something to look up: road_stake a stake on both sides,
    code_phase a shared road code, same_places the very same places, same_name and fuzzy a
    normalized name that ``near`` lists. A series found here may still not match.
    """

    def __init__(self, norms: set[str]):
        self.near = _near_names(norms)
        self.by_norm: dict[str, set[int]] = defaultdict(set)
        self.by_code: dict[str, set[int]] = defaultdict(set)
        self.by_places: dict[frozenset, set[int]] = defaultdict(set)
        self.staked: set[int] = set()
        self.places_of: dict[int, frozenset] = {}  # every series → its places (its key in by_places)

    def add(self, j: int, s: _Series, n: ProjectName) -> None:
        """Series ``j`` has gained member name ``n`` (its attributes only grow, but its places change)."""
        if n.norm:
            self.by_norm[n.norm].add(j)
        for code in n.codes:
            self.by_code[code].add(j)
        if n.stake:
            self.staked.add(j)
        if j in self.places_of:
            self.by_places[self.places_of[j]].discard(j)
        self.places_of[j] = frozenset(s.attrs()[5].items())
        self.by_places[self.places_of[j]].add(j)

    def candidates(self, n: ProjectName) -> set[int]:
        """The series ``n`` may match."""
        conf = _conf()["project"]
        if conf["fuzzy_min"] <= 0:  # every pair passes the fuzzy rule
            return set(self.places_of)
        found = set().union(*(self.by_norm.get(m, ()) for m in self.near.get(n.norm, ())))
        if n.stake:
            found |= self.staked
        if n.phase:
            found = found.union(*(self.by_code.get(c, ()) for c in n.codes))
        if len(n.place_names()) >= conf["same_places_min"]:
            found |= self.by_places.get(frozenset(n.places), set())
        return found


def _near_names(norms: set[str]) -> dict[str, list[str]]:
    """For each name, the names name_similarity may score at least fuzzy_min: itself and those whose
    ratio reaches fuzzy_min or the lowest ratio of a subsequence: 100 · 2r / (1 + r) with r the
    subsequence_min_ratio, as a subsequence's ratio is 100 · 2 short / (short + long)."""
    conf = _conf()["project"]
    r = max(conf["subsequence_min_ratio"], 0)
    cutoff = min(conf["fuzzy_min"], 200 * r / (1 + r)) - 1e-6
    choices = sorted(norms)
    return {a: [b for b, _, _ in process.extract(a, choices, scorer=_ratio, processor=None, limit=None,
                                                 score_cutoff=max(cutoff, 0))] + [a]
            for a in choices}


def _link_unit_projects(rows: list[dict], words: tuple[str, ...], names_of: dict[tuple, ProjectName]) -> list[_Series]:
    """The unit's series. ``names_of`` caches _normalize_project across units: a project's name
    recurs year after year, and many units name projects alike."""
    by_report: dict[int, list[tuple[dict, ProjectName]]] = defaultdict(list)
    for r in rows:
        key = (_without_words(r["name"] or "", words), (r["stake_from"], r["stake_to"]))
        if key not in names_of:
            names_of[key] = _normalize_project(*key)
        by_report[r["report_id"]].append((r, names_of[key]))
    index = _SeriesIndex({n.norm for items in by_report.values() for _, n in items if n.norm})
    series: list[_Series] = []
    for items in by_report.values():
        projs, names = [r for r, _ in items], [n for _, n in items]
        cands = []
        for i, n in enumerate(names):
            for j in index.candidates(n):
                a = series[j].attrs()
                hit = match(n, a)
                if hit:
                    last = max(m[0]["fiscal_year"] or 0 for m in series[j].members)
                    # a name without its year ("第二批…" in a 2021 report) prefers the 2021 vintage
                    same_vintage = n.vintage is None and projs[i]["fiscal_year"] in a[0]
                    cands.append((hit[0], same_vintage, last, -i, -j, i, j, hit[1]))
        cands.sort(reverse=True)
        used_p, used_s = set(), set()
        for conf, _, _, _, _, i, j, rule in cands:
            if i in used_p or j in used_s:
                continue
            used_p.add(i)
            used_s.add(j)
            series[j].add((projs[i], names[i], conf, rule))
            index.add(j, series[j], names[i])
        for i, p in enumerate(projs):
            if i not in used_p:
                series.append(_Series([(p, names[i], 1.0, "first")]))
                index.add(len(series) - 1, series[-1], names[i])
    return series


def _series_row(sid: int, unit_id: int, s: _Series) -> dict:
    members = s.members
    by_year: dict[int, list[tuple]] = defaultdict(list)
    for m in members:
        by_year[m[0]["fiscal_year"]].append(m)

    def pick(ms):  # the department report's line speaks for the year; else a project report
        return sorted(ms, key=lambda m: (m[0]["report_kind"] != "department", m[0]["id"]))[0]

    years = sorted(y for y in by_year if y is not None)
    per_year = {y: pick(by_year[y]) for y in years}
    amounts = [per_year[y][0]["amount"] for y in years if per_year[y][0]["amount"] is not None]
    latest = per_year[years[-1]] if years else members[-1]
    vintages, phases, batches, codes, stakes, _, norms, _ = s.attrs()
    stake = stakes[0] if stakes else None
    if stake:
        key = f"{sorted(codes)[0] if codes else ''} K{stake[0]:.3f}-K{stake[1]:.3f}".strip()
    elif codes and phases:
        key = f"{sorted(codes)[0]} {sorted(phases)[0]}期"
    else:
        bits = [str(min(vintages)) if vintages else "", f"第{min(batches)}批" if batches else "",
                "/".join(sorted(codes)), latest[1].norm or ""]
        key = " ".join(b for b in bits if b)
    names = []
    for y in years:
        for m in by_year[y]:
            if m[0]["name"] and m[0]["name"] not in names:
                names.append(m[0]["name"])
    return {
        "id": sid, "unit_id": unit_id, "key": key, "name": latest[0]["name"],
        "names": json.dumps(names, ensure_ascii=False), "confidence": round(min(m[2] for m in members), 3),
        "first_year": years[0] if years else None, "last_year": years[-1] if years else None,
        "years": json.dumps(years), "n_projects": len(members),
        "cumulative_amount": round(sum(amounts), 6) if amounts else None,
        "latest_amount": latest[0]["amount"], "latest_goal_status": latest[0]["goal_status"],
        "latest_goal_pct": latest[0]["goal_pct"], "road_code": sorted(codes)[0] if codes else None,
        "stake_from": stake[0] if stake else None, "stake_to": stake[1] if stake else None,
    }


def link_projects(db) -> int:
    """Link each unit's projects across years; store project_series and projects.series_id.

    Runs link_units first when no report has a unit yet. Returns the number of series.
    """
    store.ensure_linking_shape(db)
    if not store.linked_unit_count(db):
        link_units(db)
    series, project_series = plan_projects(db)
    store.save_project_series(db, series, project_series)
    return len(series)


def link_all(db, overrides=None) -> list[dict]:
    """link_units then link_projects; returns the unit proposals. Call after an ingest batch."""
    proposals = link_units(db, overrides)
    link_projects(db)
    return proposals


# ---------------------------------------------------------------------------- command line
def units_command(db, overrides=None, apply: bool = False) -> list[str]:
    """What `extractor units` prints: units with aliases and years, then the open proposals.

    Without ``apply`` nothing is written (a dry run); with it the units, aliases, reports.unit_id
    and project series are stored. Raises ValueError for a bad overrides file.
    """
    store.ensure_linking_shape(db)
    try:
        plan = plan_units(db, overrides)
    except (OSError, tomllib.TOMLDecodeError, KeyError, csv.Error) as e:
        raise ValueError(f"{overrides}: cannot read the overrides file ({e})") from e
    n_series = None
    if apply:
        store.save_units(db, plan.units, plan.aliases, plan.report_units)
        n_series = link_projects(db)
    rows = units_report(db, None if apply else plan)
    n_reports = sum(u["n_reports"] for u in rows)
    head = f"{len(rows)} units from {n_reports} reports"
    if plan.unlinked:
        head += f" ({len(plan.unlinked)} reports name no unit)"
    head += f"; stored, {n_series} project series" if apply else "; dry run, nothing stored (--apply stores)"
    lines = [head]
    for u in rows:
        years = (f"{u['years'][0]}–{u['years'][-1]}" if len(u["years"]) > 1 else str(u["years"][0])) if u["years"] else "no year"
        missing = f", missing {', '.join(map(str, u['missing_years']))}" if u["missing_years"] else ""
        others = [a for a in u["aliases"] if a != u["canonical_name"]]
        alias = f"; also written {', '.join(others)}" if others else ""
        conf = f" (confidence {u['confidence']:.2f})" if u["confidence"] is not None and u["confidence"] < 1 else ""
        series = f", {u['n_series']} project series" if u.get("n_series") is not None else ""
        n = f"{u['n_reports']} report{'s' if u['n_reports'] != 1 else ''}"
        lines.append(f"  [{u['id']}] {u['canonical_name']} {u['region'] or '(region unknown)'}: "
                     f"{n} {years}{missing}{series}{alias}{conf}")
    open_ = [p for p in plan.proposals if not p["applied"]]
    if open_:
        lines.append(f"{len(open_)} merges need a decision (write them in an --overrides file):")
        for p in open_:
            conf = f"{p['confidence']:.2f}" if p["confidence"] is not None else "-"
            lines.append(f"  {p['alias']} → {p['unit']} ({p['rule']}, {conf}): {p['reason']}")
    return lines
