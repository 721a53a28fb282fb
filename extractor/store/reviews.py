"""Reviewers' marks on findings: a finding's stable fingerprint, and the marks keyed by it.

Findings are rewritten by every re-ingest (a changed file replaces its rows) and every
``extractor check``, so their row ids come and go. A mark must survive that, so it is keyed by
the finding's *fingerprint*: a hash of what makes the finding the same claim about the same
document, whatever run produced it —

    the document's SHA-256 and the report's place in it (its bytes, not its path or row id),
    the rule, the expected and actual numbers (to 6 decimals: 万元 to the 分),
    and each evidence item's type and its text (``raw`` for numbers, ``label`` for rows),

but not offsets, row ids, the severity or the message's wording, which a better extractor may
change without the finding changing. Two findings with the same fingerprint make the same claim
about the same text, and one mark answers both.
"""
from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone

from ..errors import NoSuchFinding, UsageError

STATUSES = ("confirmed", "false_alarm")
SEVERITY_ORDER = "case f.severity when 'error' then 0 when 'warning' then 1 when 'info' then 2 else 3 end"


def _number(x) -> str | None:
    """A number as the fingerprint writes it: fixed, 6 decimals (None stays None)."""
    if x is None:
        return None
    try:
        return f"{float(x):.6f}"
    except (TypeError, ValueError):
        return str(x)


def fingerprint(document_sha256: str | None, report_ordinal: int | None, rule: str,
                expected, actual, evidence: list[dict]) -> str:
    """The finding's identity across re-ingests and re-checks (see the module docstring): 16
    bytes of SHA-256, as 32 hex digits."""
    items = sorted(
        [str(e.get("type") or ""), str(e.get("raw") or e.get("label") or "")]
        for e in evidence if isinstance(e, dict)
    )
    key = [document_sha256 or "", report_ordinal or 0, rule, _number(expected), _number(actual), items]
    return hashlib.sha256(json.dumps(key, ensure_ascii=False).encode("utf-8")).hexdigest()[:32]


def report_identity(db, report_id: int) -> tuple[str | None, int | None]:
    """(document sha256, report ordinal) of a stored report: the fingerprint's document part."""
    row = db.execute(
        "select d.sha256, r.ordinal from reports r join documents d on d.id = r.document_id where r.id = ?",
        [report_id]).fetchone()
    return (row[0], row[1]) if row else (None, None)


def backfill_fingerprints(db) -> int:
    """Give findings of a database from before fingerprints theirs (open_db calls it after adding
    the column). Returns how many rows it filled."""
    rows = db.execute(
        "select f.id, f.rule, f.expected, f.actual, f.evidence, d.sha256, r.ordinal from findings f"
        " join reports r on r.id = f.report_id join documents d on d.id = r.document_id"
        " where f.fingerprint is null").fetchall()
    updates = []
    for fid, rule, expected, actual, evidence, sha, ordinal in rows:
        try:
            items = json.loads(evidence or "[]")
        except ValueError:
            items = []
        updates.append((fingerprint(sha, ordinal, rule, expected, actual, items if isinstance(items, list) else []), fid))
    with db.conn:
        db.conn.executemany("update findings set fingerprint = ? where id = ?", updates)
    return len(updates)


# ------------------------------------------------------------------ marks
def _dicts(cursor) -> list[dict]:
    """A cursor's rows as dicts keyed by column name."""
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def find_finding(db, ref: str | int) -> dict:
    """A finding by row id or by (a prefix of at least 6 hex digits of) its fingerprint, with its
    report's unit and year; :class:`NoSuchFinding` when none or several match."""
    ref = str(ref).strip()
    select = (
        "select f.id, f.report_id, f.rule, f.severity, f.message, f.fingerprint, r.unit_name, r.fiscal_year,"
        " d.sha256 as document_sha256 from findings f join reports r on r.id = f.report_id"
        " join documents d on d.id = r.document_id"
    )
    if ref.isdigit() and len(ref) < 6:
        rows = _dicts(db.execute(f"{select} where f.id = ?", [int(ref)]))
    elif len(ref) >= 6 and all(c in "0123456789abcdef" for c in ref.lower()):
        rows = _dicts(db.execute(f"{select} where f.fingerprint like ? order by f.id", [ref.lower() + "%"]))
        rows = list({r["fingerprint"]: r for r in rows}.values())  # one mark answers equal claims
    else:
        rows = []
    if not rows:
        raise NoSuchFinding(f"no finding {ref!r}: give a finding id or 6+ hex digits of its fingerprint"
                            " (`extractor review --db FILE` lists them)")
    if len(rows) > 1:
        raise NoSuchFinding(f"{ref!r} matches {len(rows)} findings; give more digits of the fingerprint")
    return rows[0]


def save_review(db, ref: str | int, status: str, note: str = "", reviewer: str = "") -> dict:
    """Mark a finding (by id or fingerprint) confirmed or a false alarm, with a note; a second
    mark replaces the first. Returns the mark as stored."""
    if status not in STATUSES:
        raise UsageError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
    f = find_finding(db, ref)
    row = {
        "fingerprint": f["fingerprint"], "status": status, "note": (note or "").strip(),
        "reviewer": reviewer or "", "reviewed_at": _now(), "rule": f["rule"], "message": f["message"],
        "unit_name": f["unit_name"], "fiscal_year": f["fiscal_year"], "document_sha256": f["document_sha256"],
    }
    cols = list(row)
    with db.conn:  # one short write; busy_timeout waits for an ingest's document transaction
        db.conn.execute(
            f"insert into finding_reviews ({', '.join(cols)}) values ({', '.join('?' * len(cols))})"
            f" on conflict(fingerprint) do update set {', '.join(f'{c} = excluded.{c}' for c in cols[1:])}",
            [row[c] for c in cols])
    return row


def clear_review(db, ref: str | int) -> bool:
    """Remove a finding's mark; True when there was one."""
    f = find_finding(db, ref)
    with db.conn:
        n = db.conn.execute("delete from finding_reviews where fingerprint = ?", [f["fingerprint"]]).rowcount
    return n > 0


def reviews(db) -> list[dict]:
    """Every mark, newest first, with the id of the finding it marks today (None when the
    finding is gone)."""
    return _dicts(db.execute(
        "select v.*, (select min(f.id) from findings f where f.fingerprint = v.fingerprint) as finding_id"
        " from finding_reviews v order by v.reviewed_at desc, v.id desc"))


def findings_queue(db, *, reviewed: str = "open", severity: str = "", rule: str = "", unit: str = "",
                   report_id: int | None = None, unit_id: int | None = None, limit: int = 200,
                   offset: int = 0) -> list[dict]:
    """Findings for review, most severe first, then by unit, year and rule, with their report's
    unit, year, kind and text (to quote the evidence) and their mark if any.

    ``reviewed``: ``open`` (not marked), ``reviewed`` (marked) or ``all``; ``severity``/``rule``
    filter exactly, ``unit`` by substring of the unit's name.
    """
    where, args = [], []
    if reviewed == "open":
        where.append("v.fingerprint is null")
    elif reviewed == "reviewed":
        where.append("v.fingerprint is not null")
    if severity:
        where.append("f.severity = ?")
        args.append(severity)
    if rule:
        where.append("f.rule = ?")
        args.append(rule)
    if unit:
        where.append("(r.unit_name like ? or r.unit_name_normalized like ?)")
        args += [f"%{unit}%"] * 2
    if report_id is not None:
        where.append("f.report_id = ?")
        args.append(report_id)
    if unit_id is not None:
        where.append("r.unit_id = ?")
        args.append(unit_id)
    sql = (
        "select f.id, f.report_id, f.rule, f.severity, f.message, f.expected, f.actual, f.difference,"
        " f.evidence, f.fingerprint, r.unit_name, r.unit_name_normalized, r.fiscal_year, r.report_kind,"
        " r.unit_id, r.text, v.status as review_status, v.note as review_note, v.reviewed_at"
        " from findings f join reports r on r.id = f.report_id"
        " left join finding_reviews v on v.fingerprint = f.fingerprint"
        f"{' where ' + ' and '.join(where) if where else ''}"
        f" order by {SEVERITY_ORDER}, coalesce(r.unit_name_normalized, r.unit_name), r.fiscal_year, f.rule, f.id"
        " limit ? offset ?"
    )
    return _dicts(db.execute(sql, [*args, limit, offset]))


def queue_counts(db) -> dict[str, int]:
    """How many findings are open, reviewed (and of those confirmed / false alarms)."""
    row = db.execute(
        "select count(*), count(v.fingerprint), count(case when v.status = 'confirmed' then 1 end),"
        " count(case when v.status = 'false_alarm' then 1 end)"
        " from findings f left join finding_reviews v on v.fingerprint = f.fingerprint").fetchone()
    total, reviewed, confirmed, false_alarm = row
    return {"total": total, "open": total - reviewed, "reviewed": reviewed,
            "confirmed": confirmed, "false_alarm": false_alarm}


def finding_rules(db) -> list[str]:
    """The rules that have findings, for the queue's filter."""
    return [r[0] for r in db.execute("select distinct rule from findings order by rule")]
