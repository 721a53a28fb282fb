"""Rows the Datasette pages of publish/datasette_plugin show: one unit across years, its
reports, facts, findings and project series, and the list of units.

The same report published in several formats (PDF and DOCX of one text) is several documents;
these rows keep them apart (each links to its own report) and the page shows them side by side.
"""
from __future__ import annotations

import json


def _query(conn, sql: str, params) -> list[dict]:
    """Rows as dicts from a sqlite3 connection (Datasette's) or a sqlite_utils Database."""
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def unit(conn, unit_id: int) -> dict | None:
    """One row of ``units`` with its aliases as a list; None when there is no such unit."""
    rows = _query(conn, "select * from units where id = ?", [unit_id])
    if not rows:
        return None
    u = rows[0]
    try:
        u["aliases"] = json.loads(u["aliases"] or "[]")
    except ValueError:
        u["aliases"] = [u["aliases"]]
    return u


def units_list(conn) -> list[dict]:
    """Every unit with its years and counts of reports and findings, by region and name."""
    return _query(conn, (
        "select u.id, u.canonical_name, u.region, u.first_year, u.last_year, u.n_reports,"
        " (select count(*) from findings f join reports r on r.id = f.report_id where r.unit_id = u.id) as findings"
        " from units u order by u.region, u.canonical_name"), [])


def unit_reports(conn, unit_id: int) -> list[dict]:
    """The unit's reports by year and kind, with their file's name and format and their count of
    findings by severity."""
    return _query(conn, (
        "select r.id, r.title, r.unit_name, r.fiscal_year, r.report_kind, d.file_name, d.format, d.sha256,"
        " (select count(*) from findings f where f.report_id = r.id and f.severity = 'error') as errors,"
        " (select count(*) from findings f where f.report_id = r.id and f.severity = 'warning') as warnings,"
        " (select count(*) from findings f where f.report_id = r.id and f.severity = 'info') as infos"
        " from reports r join documents d on d.id = r.document_id where r.unit_id = ?"
        " order by r.fiscal_year, r.report_kind, r.id"), [unit_id])


def report_facts(conn, report_ids: list[int], keys: list[str]) -> dict[int, dict[str, dict]]:
    """report id → fact key → its first stated fact (``value``, ``unit``, ``derived``), for these
    keys: a value read from the text wins over a derived one, then the earliest in the text."""
    rows = _query(conn, (
        "select report_id, key, value, unit, derived from facts"
        " where report_id in (select value from json_each(?)) and key in (select value from json_each(?))"
        " order by report_id, key, derived, start, id"), [json.dumps(report_ids), json.dumps(keys)])
    out: dict[int, dict[str, dict]] = {}
    for r in rows:
        out.setdefault(r["report_id"], {}).setdefault(r["key"], r)
    return out


def unit_series(conn, unit_id: int) -> list[dict]:
    """The unit's project series (a project across years), largest cumulative spending first."""
    return _query(conn, (
        "select id, name, years, first_year, last_year, n_projects, cumulative_amount, latest_amount,"
        " latest_goal_status, latest_goal_pct, road_code from project_series where unit_id = ?"
        " order by cumulative_amount desc nulls last, name"), [unit_id])


def unit_projects(conn, unit_id: int) -> list[dict]:
    """Projects of the unit's reports that linking put in no series, by year."""
    return _query(conn, (
        "select p.id, p.report_id, p.name, p.amount, p.goal_status, p.goal_pct, r.fiscal_year"
        " from projects p join reports r on r.id = p.report_id where r.unit_id = ? and p.series_id is null"
        " order by r.fiscal_year, p.report_id, p.ordinal"), [unit_id])


def report_header(conn, report_id: int) -> dict | None:
    """A report's title, unit, year, kind, file and unit id (the review page's heading)."""
    rows = _query(conn, (
        "select r.id, r.title, r.unit_name, r.fiscal_year, r.report_kind, r.unit_id, d.file_name, d.format"
        " from reports r join documents d on d.id = r.document_id where r.id = ?"), [report_id])
    return rows[0] if rows else None


def mention_reports(conn, mention_ids) -> dict[int, int]:
    """mention id → the report it is in (a prior-year finding's evidence points into last year's
    report by mention id)."""
    ids = sorted({int(i) for i in mention_ids if i is not None})
    if not ids:
        return {}
    rows = _query(conn, "select id, report_id from mentions where id in (select value from json_each(?))",
                  [json.dumps(ids)])
    return {r["id"]: r["report_id"] for r in rows}
