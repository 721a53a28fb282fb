"""Copies of one report: the candidates duplicate detection compares, and where its result goes.

extractor/checks/copies.py decides (pure); extractor/linking/copies.py runs it after a batch. A
candidate group is the reports of one unit (the linked unit, else the normalized name), fiscal year
and kind; reports.duplicate_of holds the id of the canonical copy (NULL on the canonical one and
on every report that has no copy).
"""
from __future__ import annotations

import json

from .save import save_findings
from .schema import ensure_linking_shape

RULE = "conflicting_copies"

# One row per report that names its unit and year: its group key.
_KEYS = (
    "select r.id, case when r.unit_id is not null then 'u' || r.unit_id"
    " else 'n' || coalesce(r.unit_name_normalized, r.unit_name) end as unit_key,"
    " r.fiscal_year as year, coalesce(r.report_kind, '') as kind from reports r"
    " where coalesce(r.unit_name_normalized, r.unit_name) is not null and r.fiscal_year is not null"
)


def copy_groups(db, report_ids=None) -> list[list[int]]:
    """The candidate groups (report ids, in id order) to decide again: those holding any of
    ``report_ids`` (None: every group) with two reports or more, plus any report that is marked
    (a copy, or carrying a finding of the rule) but alone now, so a group that shrank is reset."""
    ensure_linking_shape(db)
    marked = {r[0] for r in db.execute(
        "select id from reports where duplicate_of is not null union select report_id from findings where rule = ?",
        [RULE])}
    stale = sorted(i for (i,) in db.execute(
        "select id from reports where duplicate_of is not null and duplicate_of not in (select id from reports)"))
    if report_ids is None:
        where = "(unit_key, year, kind) in (select unit_key, year, kind from k group by 1, 2, 3 having count(*) > 1)"
        params = [json.dumps(sorted(marked))]
    else:
        where = "(unit_key, year, kind) in (select unit_key, year, kind from k where id in (select value from json_each(?)))"
        params = [json.dumps(sorted(set(report_ids) | set(stale))), json.dumps(sorted(marked))]
    rows = db.execute(
        f"with k as materialized ({_KEYS}) select id, unit_key, year, kind from k where {where}"
        " or id in (select value from json_each(?)) order by unit_key, year, kind, id", params)
    groups: dict[tuple, list[int]] = {}
    for report_id, *key in rows:
        groups.setdefault(tuple(key), []).append(report_id)
    out = [g for g in groups.values() if len(g) > 1 or g[0] in marked]
    # a marked report without a unit or year has no group: it is reset on its own
    keyed = {i for g in groups.values() for i in g}
    return out + [[i] for i in sorted(marked) if i not in keyed and _exists(db, i)]


def _exists(db, report_id: int) -> bool:
    return db.execute("select 1 from reports where id = ?", [report_id]).fetchone() is not None


def copy_records(db, report_ids: list[int], figure_keys: list[str]) -> list[dict]:
    """What the comparison reads of these reports: id, text, the document's format, ocr flag,
    ingested_at, path and file name, the stated main figures (key → [(value, start, end)]) and the
    project names of its forms."""
    ids = json.dumps(sorted(report_ids))
    out = {r["id"]: {**r, "figures": {}, "subjects": set()} for r in (dict(x) for x in db.query(
        "select r.id, r.text, d.format, d.ocr, d.ingested_at, d.path, d.file_name from reports r"
        " join documents d on d.id = r.document_id where r.id in (select value from json_each(?))", [ids]))}
    for report_id, key, value, start, end in db.execute(
            "select f.report_id, f.key, f.value, coalesce(f.start, m.start), coalesce(f.end, m.end)"
            " from facts f left join mentions m on m.id = f.mention_id"
            " where f.derived = 0 and f.value is not null and f.report_id in (select value from json_each(?))"
            " and f.key in (select value from json_each(?)) order by f.report_id, f.id", [ids, json.dumps(figure_keys)]):
        out[report_id]["figures"].setdefault(key, []).append((value, start, end))
    for report_id, name in db.execute(
            "select report_id, project_name from forms where project_name is not null"
            " and report_id in (select value from json_each(?))", [ids]):
        out[report_id]["subjects"].add(name)
    return [out[i] for i in sorted(out)]


def save_copies(db, duplicate_of: dict[int, int | None], findings: dict[int, list]) -> None:
    """Store the decision for these reports in one transaction: reports.duplicate_of, and their
    conflicting_copies findings replaced."""
    ensure_linking_shape(db)
    ids = json.dumps(sorted(duplicate_of))
    with db.atomic():
        db.conn.executemany("update reports set duplicate_of = ? where id = ? and duplicate_of is not ?",
                            [(head, report_id, head) for report_id, head in duplicate_of.items()])
        db.execute("delete from findings where rule = ? and report_id in (select value from json_each(?))", [RULE, ids])
        for report_id in sorted(findings):
            save_findings(db, report_id, findings[report_id])


def copies_of(db) -> dict[int, list[dict]]:
    """Canonical report id → its copies (id, file_name, format, path), for the views that list
    them; none in a database from before copies (read as it is, not upgraded)."""
    if "duplicate_of" not in db["reports"].columns_dict:
        return {}
    out: dict[int, list[dict]] = {}
    for r in db.query(
            "select r.duplicate_of as head, r.id, d.file_name, d.format, d.path from reports r"
            " join documents d on d.id = r.document_id where r.duplicate_of is not null order by r.duplicate_of, r.id"):
        out.setdefault(r["head"], []).append({k: r[k] for k in ("id", "file_name", "format", "path")})
    return out
