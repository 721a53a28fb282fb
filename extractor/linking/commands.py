"""Entry points of linking: after an ingest batch (``link_all``) and the `extractor units` command."""
from __future__ import annotations

import csv
import tomllib

from .. import store
from ..errors import OverridesError
from .series import link_projects
from .units import link_units, plan_units, units_report


def link_all(db, overrides=None) -> list[dict]:
    """link_units then link_projects; returns the unit proposals. Call after an ingest batch."""
    proposals = link_units(db, overrides)
    link_projects(db)
    return proposals


def units_command(db, overrides=None, apply: bool = False) -> list[str]:
    """What `extractor units` prints: units with aliases and years, then the open proposals.

    Without ``apply`` nothing is written (a dry run); with it the units, aliases, reports.unit_id
    and project series are stored. Raises OverridesError for a bad overrides file.
    """
    store.ensure_linking_shape(db)
    try:
        plan = plan_units(db, overrides)
    except (OSError, tomllib.TOMLDecodeError, KeyError, csv.Error) as e:
        raise OverridesError(f"{overrides}: cannot read the overrides file ({e})") from e
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
