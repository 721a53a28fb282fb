"""Cues in a document's path: archives are filed as year/region/unit/…, so the folders name what
the document may not ("2023/株洲市渌口区/渌口区交通事务中心/自评报告.docx").

The weakest cues of all: read only for a field the document leaves empty. Patterns live in
patterns/metadata.toml ([path]).
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ... import rules
from ...model import Metadata

_re = rules.compiled


def _conf() -> dict:
    return rules.load("metadata")


def from_path(meta: Metadata, path: str | Path) -> Metadata:
    """``meta`` with the year, unit and region the path names where the document is silent;
    metadata_sources records "path" for each."""
    conf = _conf()["path"]
    year_re, named_re = _re(conf["year"]), _re(conf["named"])
    region_suffixes = tuple(conf["region_suffixes"])
    folders = [p for p in Path(path).parent.parts if p not in ("/", ".", "..")]
    changes: dict = {}
    sources = dict(meta.metadata_sources)
    if meta.fiscal_year is None:
        for part in reversed([*folders, Path(path).stem]):
            m = year_re.search(part)
            if m:
                changes["fiscal_year"] = int(m.group("year"))
                sources["fiscal_year"] = "path"
                break
    named = [p for p in folders if named_re.search(p) and not year_re.fullmatch(p)]
    if meta.unit_name is None and named and not named[-1].endswith(region_suffixes):
        changes["unit_name"] = named[-1]
        sources["unit_name"] = "path"
        named = named[:-1]
    if meta.region is None and named and named[-1].endswith(region_suffixes):
        changes["region"] = named[-1]
        sources["region"] = "path"
    return replace(meta, **changes, metadata_sources=sources)
