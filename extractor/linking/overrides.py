"""Manual corrections of the unit linking: merges and separations from an overrides file.

TOML (``[[merge]] alias = …, into = …, region = …``; ``[[separate]] names = […]``) or CSV with the
header ``action,name,other,region``. See patterns/units.toml for the format.
"""
from __future__ import annotations

import csv
import tomllib
from pathlib import Path

from ..errors import OverridesError
from .unit_names import fold


def load_overrides(overrides) -> dict:
    """{"merge": [{"alias", "into", "region"}], "separate": [[name, name, ...]]} from a TOML or CSV
    file, or an already parsed dict (same shape as the TOML). Raises OverridesError for an unknown
    CSV action."""
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
                        raise OverridesError(f"{path}: unknown action {action!r} (merge or separate)")
        else:
            with open(path, "rb") as f:
                data = tomllib.load(f)
    merges = [{"alias": fold(m["alias"]), "into": fold(m["into"]), "region": m.get("region")} for m in data.get("merge", [])]
    separates = [[fold(n) for n in (s["names"] if isinstance(s, dict) else s)] for s in data.get("separate", [])]
    return {"merge": merges, "separate": separates}
