"""Read queries: ids and counts, pairs of reports across years, linking's inputs, and the rows
that publish (export, render's index, the Datasette charts) and the CLI show.

Whole reports are loaded in load.py; everything else that reads the database is here.
"""
from __future__ import annotations

import json
import sqlite3

from .schema import ensure_linking_shape


def _rows(db, sql, params) -> list[dict]:
    """The rows of a query as dicts keyed by column name."""
    return [dict(r) for r in db.query(sql, params)]


# ------------------------------------------------------------------ ids and counts
def report_ids(db) -> list[int]:
    """Every report id, in order."""
    return [r[0] for r in db.execute("select id from reports order by id")]


def report_ids_of_document(db, document_id: int) -> list[int]:
    """The ids of one document's reports, in order."""
    return [r[0] for r in db.execute("select id from reports where document_id = ? order by id", [document_id])]


def mention_count(db, report_ids: list[int]) -> int:
    """How many mentions these reports have (the ingest summary counts them)."""
    if not report_ids:
        return 0
    marks = ",".join("?" * len(report_ids))
    return db.execute(f"select count(*) from mentions where report_id in ({marks})", report_ids).fetchone()[0]


def counts(db) -> dict[str, int]:
    """Row counts of the main tables."""
    return {t: db[t].count for t in ("documents", "reports", "mentions", "facts", "projects", "ingest_errors")}


def findings_by_rule(db) -> list[tuple[str, str, int]]:
    """(rule, severity, count) of the stored findings, by rule (``extractor check`` prints them)."""
    return db.execute(
        "select rule, severity, count(*) from findings group by rule, severity order by rule").fetchall()


# ------------------------------------------------------------------ the same unit across years
# Same unit: the linked unit when linking ran (renamed units, shorthand names), else the name.
_SAME_UNIT = (
    "(case when r.unit_id is not null and p.unit_id is not null then p.unit_id = r.unit_id"
    " else coalesce(p.unit_name_normalized, p.unit_name) = coalesce(r.unit_name_normalized, r.unit_name) end)"
)


def previous_year_report(db, report_id: int) -> int | None:
    """The same unit's report of the same kind for the year before, if ingested (of several, the
    last by path: the same whatever order they were stored in)."""
    row = db.execute(
        f"select p.id from reports r join reports p on {_SAME_UNIT}"
        " and p.fiscal_year = r.fiscal_year - 1 and coalesce(p.report_kind, '') = coalesce(r.report_kind, '')"
        " join documents d on d.id = p.document_id"
        " where r.id = ? and r.unit_name is not null order by d.path desc, p.ordinal desc limit 1",
        [report_id],
    ).fetchone()
    return row[0] if row else None


def next_year_reports(db, report_id: int) -> list[int]:
    """Reports of the same unit and kind for the year after (their prior-year check involves this one)."""
    return [r[0] for r in db.execute(
        f"select n.id from reports r join reports n on {_SAME_UNIT.replace('p.', 'n.')}"
        " and n.fiscal_year = r.fiscal_year + 1 and coalesce(n.report_kind, '') = coalesce(r.report_kind, '')"
        " where r.id = ? and r.unit_name is not null",
        [report_id],
    )]


# ------------------------------------------------------------------ prior-year rule, in bulk
# extractor/recheck.py pairs and checks many reports at once; these read what it needs in a few
# queries. Pairing reads the reports' key columns once (a reports row also holds the long text).
_REPORT_KEYS = (
    "with k as materialized (select r.id, r.unit_id, r.unit_name, r.unit_name_normalized, r.fiscal_year,"
    " coalesce(r.report_kind, '') as kind, d.path, r.ordinal from reports r join documents d on d.id = r.document_id)"
)


def previous_year_reports(db, report_ids) -> dict[int, int]:
    """previous_year_report of many reports in one query: report id → previous report id."""
    rows = db.execute(
        f"{_REPORT_KEYS} select r.id, (select p.id from k p where {_SAME_UNIT}"
        " and p.fiscal_year = r.fiscal_year - 1 and p.kind = r.kind order by p.path desc, p.ordinal desc limit 1)"
        " from k r where r.id in (select value from json_each(?)) and r.unit_name is not null",
        [json.dumps(sorted(report_ids))],
    )
    return {report_id: previous_id for report_id, previous_id in rows if previous_id is not None}


def next_year_reports_of(db, report_ids) -> set[int]:
    """next_year_reports of many reports in one query."""
    return {r[0] for r in db.execute(
        f"{_REPORT_KEYS} select n.id from k r join k n on {_SAME_UNIT.replace('p.', 'n.')}"
        " and n.fiscal_year = r.fiscal_year + 1 and n.kind = r.kind"
        " where r.id in (select value from json_each(?)) and r.unit_name is not null",
        [json.dumps(sorted(report_ids))],
    )}


def reports_with_findings(db, report_ids, rule: str) -> set[int]:
    """Those of these reports that have a finding of ``rule``."""
    return {r[0] for r in db.execute(
        "select distinct report_id from findings where rule = ? and report_id in (select value from json_each(?))",
        [rule, json.dumps(sorted(report_ids))],
    )}


# ------------------------------------------------------------------ linking across years
# extractor/linking/ decides; these read its inputs (save.py writes its results).
def linking_reports(db) -> list[dict]:
    """Every report with what unit linking reads: names, region, year, kind, text and file path;
    in path order, so that linking does not depend on the order documents were stored in (a
    parallel or distributed ingest stores them as they finish)."""
    return _rows(db, (
        "select r.id, r.unit_name, r.unit_name_normalized, r.region, r.fiscal_year, r.report_kind,"
        " r.text, d.path from reports r join documents d on d.id = r.document_id order by d.path, r.ordinal"
    ), [])


def linking_projects(db) -> list[dict]:
    """Projects of linked reports, with their report's unit, year, kind and path, in linking order
    (path, not row id: the same archive links alike whatever order it was stored in)."""
    return _rows(db, (
        "select p.id, p.report_id, p.ordinal, p.name, p.amount, p.goal_status, p.goal_pct, p.road_code,"
        " p.stake_from, p.stake_to, r.unit_id, r.fiscal_year, r.report_kind, d.path, r.ordinal as report_ordinal"
        " from projects p join reports r on r.id = p.report_id join documents d on d.id = r.document_id"
        " where r.unit_id is not null order by r.unit_id, r.fiscal_year,"
        " case r.report_kind when 'department' then 0 else 1 end, d.path, r.ordinal, p.ordinal"
    ), [])


def linked_unit_count(db) -> int:
    """How many reports linking has given a unit (none: linking has not run)."""
    ensure_linking_shape(db)
    return db.execute("select count(*) from reports where unit_id is not null").fetchone()[0]


def stored_units(db) -> list[dict]:
    """Units as stored, with how many project series each has."""
    ensure_linking_shape(db)
    return _rows(db, (
        "select u.*, (select count(*) from project_series s where s.unit_id = u.id) as n_series"
        " from units u order by u.region, u.canonical_name"
    ), [])


# ------------------------------------------------------------------ rows that publish shows
def table_rows(db, table: str, columns: list[str] | None = None) -> list[dict]:
    """Rows of ``table`` ordered by id (all columns, or ``columns``); columns the database lacks (an
    older schema) read as None, and a missing table has no rows."""
    if not db[table].exists():
        return []
    have = db[table].columns_dict
    wanted = columns or list(have)
    select = ", ".join(f"[{c}]" for c in wanted if c in have)
    rows = db[table].rows_where(select=select, order_by="id")
    return [{c: r.get(c) for c in wanted} for r in rows]


def error_state(db, path: str) -> tuple[str, str] | None:
    """(error_kind, message) of the failure recorded for ``path``, or None."""
    row = db.execute("select error_kind, message from ingest_errors where path = ? order by id desc limit 1",
                     [path]).fetchone()
    return tuple(row) if row else None


def ingest_errors(db) -> list[dict]:
    """The files that failed: id, file_name, error_kind, message, in order."""
    return table_rows(db, "ingest_errors", ["id", "file_name", "error_kind", "message"])


# Each chart of the Datasette charts page: its (label, value) rows. Copies of one report
# (reports.duplicate_of set) are left out: a report found as TXT, DOCX and PDF counts once.
CANONICAL = "r.duplicate_of is null"
CHARTS: dict[str, str] = {
    "expenditure_by_year": (
        "select cast(r.fiscal_year as text), sum(f.value) from facts f join reports r on r.id = f.report_id"
        " where f.key = 'total_expenditure' and r.fiscal_year is not null and {canonical}"
        " group by r.fiscal_year order by r.fiscal_year"
    ),
    "expenditure_by_unit": (
        "select coalesce(r.unit_name_normalized, r.unit_name, '?') || ' ' || coalesce(r.fiscal_year, ''), f.value"
        " from facts f join reports r on r.id = f.report_id where f.key = 'total_expenditure' and {canonical}"
        " order by f.value desc limit 20"
    ),
    "findings_by_rule": (
        "select rule || ' (' || severity || ')', count(*) from findings f join reports r on r.id = f.report_id"
        " where {canonical} group by rule, severity order by count(*) desc"
    ),
    "mentions_by_kind": (
        "select kind, count(*) from mentions m join reports r on r.id = m.report_id where {canonical}"
        " group by kind order by count(*) desc"
    ),
}


def chart_rows(conn, name: str) -> list[tuple]:
    """The (label, value) rows of chart ``name`` (a key of CHARTS); none when the database lacks
    our tables or the query is interrupted (Datasette's time limit). ``conn`` is a sqlite3
    connection (Datasette's) or a sqlite_utils Database."""
    try:
        columns = {r[1] for r in conn.execute("pragma table_info(reports)").fetchall()}
        canonical = CANONICAL if "duplicate_of" in columns else "1"  # a database from before copies
        return [tuple(r) for r in conn.execute(CHARTS[name].format(canonical=canonical)).fetchall()]
    except sqlite3.Error:
        return []
