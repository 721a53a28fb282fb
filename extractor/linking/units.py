"""Units across years: which reports are one unit's.

``plan_units`` splits each report's unit name into its region and its core (unit_names.py), groups
reports by (county, core), resolves shorthands ("区交通事务中心") to the county their text (or their
folder) names, records every alias with the rule and confidence that put it there, and assigns
each report a unit. Merges it is not sure of are returned as proposals and applied only through
an overrides file (overrides.py). ``link_units`` stores the plan; SQL lives in extractor/store.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import PurePath

from rapidfuzz.fuzz import ratio as _ratio

from .. import rules, store
from .overrides import load_overrides
from .unit_names import UnitName, fold, parse_unit


def _conf() -> dict:
    return rules.load("units")


@dataclass
class UnitPlan:
    """What plan_units decided, before anything is stored: the rows to write and the proposals."""

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
        """The fiscal years of the group's reports, sorted."""
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
