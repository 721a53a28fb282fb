"""Writing: one document's rows in one transaction, failures, findings, and linking's results.

Rows are produced by the pure stages; ``save_extraction`` writes one document's rows in a single
transaction, replacing whatever that path had before, so a crash never leaves half a document.
Record indexes (``Fact.mention`` = position in ``Report.mentions``) become row ids here.
"""
from __future__ import annotations

import os
from datetime import datetime, timezone

from .. import rules
from ..version import __version__
from ..model import Extraction
from . import fts
from .reviews import report_identity
from .rows import DOCUMENT_TABLES, DocumentRows, columns, document_rows, finding_rows, shifted, with_search_words
from .schema import REPORT_CHILDREN, ensure_linking_shape


def _now() -> str:
    """The time of writing, UTC, to the second (documents.ingested_at, ingest_errors.at)."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _next_id(db, table: str) -> int:
    """The id the next row of ``table`` gets: ids are set here so children can point at parents."""
    return db.execute(f"select coalesce(max(id), 0) + 1 from [{table}]").fetchone()[0]


def document_state(db, path: str) -> dict | None:
    """What the database knows of ``path``: id, size, mtime, sha256, versions."""
    rows = list(db.query(
        "select id, size_bytes, mtime, sha256, extractor_version, patterns_version"
        " from documents where path = ?", [path]))
    return rows[0] if rows else None


def is_current(state: dict | None, size: int, mtime: float, sha256: str | None = None) -> bool:
    """True when ``path`` was ingested from these bytes by this extractor and these patterns."""
    if not state:
        return False
    if state["extractor_version"] != __version__ or state["patterns_version"] != rules.fingerprint():
        return False
    if sha256 is not None:
        return state["sha256"] == sha256
    return state["size_bytes"] == size and state["mtime"] == mtime


def _delete_document(db, document_id: int) -> None:
    """Delete a document, its reports and every row that belongs to them."""
    report_ids = [r[0] for r in db.execute("select id from reports where document_id = ?", [document_id])]
    fts.before_delete(db, report_ids)  # the search index must hold every row it is told to delete
    if report_ids:
        marks = ",".join("?" * len(report_ids))
        for table in REPORT_CHILDREN:
            db.execute(f"delete from [{table}] where report_id in ({marks})", report_ids)
        db.execute(f"delete from reports where id in ({marks})", report_ids)
        db.execute(f"delete from pending_links where report_id in ({marks})", report_ids)
    db.execute("delete from source_tables where document_id = ?", [document_id])
    db.execute("delete from documents where id = ?", [document_id])


def save_extraction(db, extraction: Extraction, path: str, size: int | None = None,
                    mtime: float | None = None) -> int:
    """Replace ``path``'s rows with this extraction, in one transaction. Returns the document id.

    ``size``/``mtime`` are what the next run compares to skip an unchanged source.
    """
    return save_rows(db, document_rows(extraction), path, size=size, mtime=mtime)


def save_rows(db, rows: DocumentRows, path: str, size: int | None = None, mtime: float | None = None,
              stamp: dict | None = None) -> int:
    """Replace ``path``'s rows with one document's rows (ids local to it, see rows.py), in one
    transaction; returns the document id. ``stamp`` keeps the ingested_at and versions a shard
    recorded (``extractor load``); by default they are now and this extractor's."""
    if mtime is None and os.path.exists(path):
        mtime = os.stat(path).st_mtime
    rows = with_search_words(rows)
    doc = rows.document()
    doc.update(path=path, mtime=mtime, ingested_at=_now(), extractor_version=__version__,
               patterns_version=rules.fingerprint())
    if size is not None:
        doc["size_bytes"] = size
    doc.update(stamp or {})
    with db.atomic():
        old = document_state(db, path)
        if old:
            _delete_document(db, old["id"])
        db.execute("delete from ingest_errors where path = ?", [path])
        offsets = {t: _next_id(db, t) - 1 for t in DOCUMENT_TABLES}
        tables = shifted(DocumentRows({**rows.tables, "documents": [tuple(doc[c] for c in columns("documents"))]}),
                         offsets)
        for table in DOCUMENT_TABLES:
            _insert_tuples(db, table, tables.get(table))
        # linking and the prior-year rule run after the batch; until then its reports are pending
        first = offsets["reports"] + 1
        db.conn.executemany("insert into pending_links (report_id) values (?)",
                            [(i,) for i in range(first, first + rows.count("reports"))])
        if fts.active(db):  # a batch indexes its sections at its end (store/fts.py)
            fts.pending(db, offsets["sections"] + 1, offsets["sections"] + rows.count("sections"))
    return offsets["documents"] + 1


def _insert_tuples(db, table: str, tuples: list[tuple] | None) -> None:
    """Rows in ``columns(table)`` order straight through executemany."""
    if tuples:
        cols = columns(table)
        db.conn.executemany(
            f"insert into [{table}] ({', '.join(f'[{c}]' for c in cols)}) values ({', '.join('?' * len(cols))})",
            tuples,
        )


def _insert_rows(db, table: str, rows: list[dict]) -> None:
    """Plain-valued rows straight through executemany: sqlite-utils' per-row preparation was a
    third of the writer's time on a 1,000-report archive (bench/ingest.py --archive)."""
    if rows:
        cols = list(rows[0])
        db.conn.executemany(
            f"insert into [{table}] ({', '.join(f'[{c}]' for c in cols)}) values ({', '.join('?' * len(cols))})",
            [tuple(r[c] for c in cols) for r in rows],
        )


def save_findings(db, report_id: int, findings, mention_ids: dict[int, int] | None = None,
                  identity: tuple[str | None, int | None] | None = None) -> None:
    """Store findings; evidence items pointing at this report's mention indexes get their database
    ids (an item of another report, ``"report": "previous"``, keeps the ids its own report gave),
    and each finding its fingerprint (store/reviews.py) from ``identity``, the report's (document
    sha256, ordinal), read from the database when not given."""
    sha256, ordinal = identity if identity is not None else report_identity(db, report_id)
    _insert_rows(db, "findings", finding_rows(report_id, findings, mention_ids, sha256, ordinal))


def record_error(db, path: str, kind: str, message: str) -> None:
    """Record a failed document; its previous rows (now stale) go in the same transaction."""
    with db.atomic():
        old = document_state(db, path)
        if old:
            _delete_document(db, old["id"])
        db.execute("delete from ingest_errors where path = ?", [path])
        db["ingest_errors"].insert({
            "path": path, "file_name": os.path.basename(path), "error_kind": kind,
            "message": message, "at": _now(), "extractor_version": __version__,
        })


def mention_ids(db, report_id: int) -> dict[int, int]:
    """Index in Report.mentions → mentions.id, as load_report orders them (findings' evidence
    names mentions by index; the stored evidence also carries the id)."""
    return {i: r[0] for i, r in enumerate(db.execute("select id from mentions where report_id = ? order by id", [report_id]))}


def replace_findings(db, report_id: int, findings, rules: set[str] | None = None) -> None:
    """Replace a report's findings (or only those of ``rules``) in one transaction."""
    with db.atomic():
        if rules is None:
            db.execute("delete from findings where report_id = ?", [report_id])
        else:
            marks = ",".join("?" * len(rules))
            db.execute(f"delete from findings where report_id = ? and rule in ({marks})", [report_id, *rules])
        save_findings(db, report_id, findings, mention_ids=mention_ids(db, report_id))


def pending_reports(db) -> list[int]:
    """Reports stored by an ingest whose linking has not run yet (a run was stopped before its
    end), that still exist."""
    return [r[0] for r in db.execute(
        "select distinct p.report_id from pending_links p join reports r on r.id = p.report_id order by p.report_id")]


def clear_pending(db) -> None:
    """Linking and the prior-year rule have run for every stored report."""
    with db.atomic():
        db.execute("delete from pending_links")


# ------------------------------------------------------------------ linking across years
# extractor/linking/ decides; these write its results.
def save_units(db, units: list[dict], aliases: list[dict], report_units: dict[int, int]) -> None:
    """Replace units, unit_aliases and reports.unit_id in one transaction.

    Unit ids are reassigned on every run, so the project series (which point at units) are
    cleared too; extractor.linking.link_projects rebuilds them.
    """
    ensure_linking_shape(db)
    with db.atomic():
        db.execute("update projects set series_id = null where series_id is not null")
        db.execute("delete from project_series")
        db.execute("delete from unit_aliases")
        db.execute("update reports set unit_id = null where unit_id is not null")
        db.execute("delete from units")
        _insert_rows(db, "units", units)
        _insert_rows(db, "unit_aliases", aliases)
        db.conn.executemany("update reports set unit_id = ? where id = ?",
                            [(unit_id, report_id) for report_id, unit_id in report_units.items()])


def save_project_series(db, series: list[dict], project_series: dict[int, int]) -> None:
    """Replace project_series and projects.series_id in one transaction."""
    ensure_linking_shape(db)
    with db.atomic():
        db.execute("update projects set series_id = null where series_id is not null")
        db.execute("delete from project_series")
        _insert_rows(db, "project_series", series)
        db.conn.executemany("update projects set series_id = ? where id = ?",
                            [(series_id, project_id) for project_id, series_id in project_series.items()])

