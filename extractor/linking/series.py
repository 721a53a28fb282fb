"""Project series: the same project of one unit, year after year.

``link_projects`` links one unit's projects year by year: same road code and stake range first,
then same road code and phase, then the same normalized name, then the same places, then a fuzzy
match — never across a different vintage year, phase, batch, road code, stake range or place.
Each series gets its cumulative spending and latest progress. Thresholds live in
patterns/units.toml [project]; SQL lives in extractor/store.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.fuzz import ratio as _ratio

from .. import rules, store
from .project_names import ProjectName, name_similarity, normalize_project, project_name, without_words
from .units import link_units


def _conf() -> dict:
    return rules.load("units")


def _overlap(x: tuple[float, float], y: tuple[float, float], tol: float) -> bool:
    return x[0] < y[1] + tol and y[0] < x[1] + tol


def _same_stake(x, y, tol) -> bool:
    return abs(x[0] - y[0]) <= tol and abs(x[1] - y[1]) <= tol


@dataclass
class _Series:
    """One project across years: its member projects with the confidence and rule that linked each."""

    members: list[tuple[dict, ProjectName, float, str]] = field(default_factory=list)  # row, name, confidence, rule
    _attrs: tuple | None = field(default=None, init=False, repr=False, compare=False)

    def add(self, member: tuple[dict, ProjectName, float, str]) -> None:
        """A project joins the series (its attributes are computed anew)."""
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
    """Whether ``p`` may be the project of a series at all: no different vintage, phase, batch,
    road code, stake range or place."""
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
    """The unit's series. ``names_of`` caches normalize_project across units: a project's name
    recurs year after year, and many units name projects alike."""
    by_report: dict[int, list[tuple[dict, ProjectName]]] = defaultdict(list)
    for r in rows:
        key = (without_words(r["name"] or "", words), (r["stake_from"], r["stake_to"]))
        if key not in names_of:
            names_of[key] = normalize_project(*key)
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
        return sorted(ms, key=lambda m: (m[0]["report_kind"] != "department", m[0].get("path") or "",
                                         m[0].get("report_ordinal") or 0, m[0]["ordinal"], m[0]["id"]))[0]

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
