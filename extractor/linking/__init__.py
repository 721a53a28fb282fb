"""Units and projects across years: which reports are one unit's, which projects one project's.

    unit_names     a unit name split into region and core (株洲市渌口区交通事务中心本级 → 渌口区 + 交通事务中心)
    overrides      manual merges and separations (--overrides, TOML or CSV)
    units          reports grouped into units; aliases, shorthands, proposals (link_units)
    project_names  a project name normalized: vintage, phase, batch, road code, stake, places
    series         one unit's projects linked year by year into series (link_projects)
    commands       link_all after an ingest batch; the `extractor units` command
    copies         copies of one report (another format, a mirror): reports.duplicate_of (mark_copies)

Every word list, regex and threshold lives in patterns/units.toml; region names are read with
extractor/interpret/metadata/lexicon.py; SQL lives in extractor/store.
"""
from .commands import link_all, units_command
from .copies import mark_copies
from .overrides import load_overrides
from .project_names import ProjectName, name_similarity, project_name
from .series import compatible, link_projects, match, names_match, plan_projects
from .unit_names import UnitName, fold, parse_region, parse_unit
from .units import UnitPlan, link_units, plan_units, units_report

__all__ = [
    "link_all", "mark_copies", "units_command", "load_overrides", "ProjectName", "name_similarity", "project_name",
    "compatible", "link_projects", "match", "names_match", "plan_projects", "UnitName", "fold",
    "parse_region", "parse_unit", "UnitPlan", "link_units", "plan_units", "units_report",
]
