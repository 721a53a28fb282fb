"""The database's shape: every table and column, opened with WAL and foreign keys.

``SCHEMA`` is the one description of the tables; ``open_db`` creates what is missing and adds
columns a database of an older version lacks, so any database opens in today's shape.
``as_database`` opens an existing file as it is, for the readers that must not write (render,
export).
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

from ..errors import DatabaseUnusable, NoDatabase
from . import fts
from .reviews import backfill_fingerprints

SCHEMA: dict[str, dict] = {
    "documents": {
        "columns": {
            "id": int, "path": str, "file_name": str, "format": str, "pages": int,
            "size_bytes": int, "mtime": float, "sha256": str, "encoding": str, "ocr": int,
            "ocr_confidence": float, "ingested_at": str, "extractor_version": str, "patterns_version": str,
        },
        "indexes": [["path"], ["sha256"]],
        "unique": [["path"]],
    },
    "reports": {
        "columns": {
            "id": int, "document_id": int, "ordinal": int, "title": str, "unit_name": str,
            "unit_name_normalized": str, "region": str, "fiscal_year": int, "report_kind": str,
            "template": str, "metadata_sources": str, "text": str,
        },
        "foreign_keys": [("document_id", "documents", "id")],
        "indexes": [["document_id"], ["unit_name"], ["fiscal_year"]],
    },
    "sections": {
        "columns": {
            "id": int, "report_id": int, "ordinal": int, "level": int, "number_label": str,
            "heading": str, "template_section": str, "start": int, "end": int, "body_end": int,
            "page": int, "rule_id": str, "body": str, "search_text": str,
        },
        "foreign_keys": [("report_id", "reports", "id")],
        "indexes": [["report_id"]],
    },
    "mentions": {
        "columns": {
            "id": int, "report_id": int, "section_id": int, "kind": str, "value": float,
            "unit": str, "raw": str, "start": int, "end": int, "page": int, "approx": int,
            "comparator": str, "source_unit": str, "rule_id": str, "bbox": str,
            "low_confidence": int,
        },
        "foreign_keys": [("report_id", "reports", "id"), ("section_id", "sections", "id")],
        "indexes": [["report_id"], ["kind"]],
    },
    "facts": {
        "columns": {
            "id": int, "report_id": int, "key": str, "value": float, "unit": str,
            "mention_id": int, "section_id": int, "derived": int, "label": str, "start": int,
            "end": int, "rule_id": str, "source": str, "page": int,
        },
        "foreign_keys": [
            ("report_id", "reports", "id"), ("mention_id", "mentions", "id"),
            ("section_id", "sections", "id"),
        ],
        "indexes": [["report_id"], ["key"]],
    },
    # Readings of a key that lost to the fact (a form and the prose disagreeing, a target, another
    # year's figure): source form | table | prose, the rule that read it, and why it lost.
    "fact_candidates": {
        "columns": {
            "id": int, "report_id": int, "key": str, "value": float, "unit": str, "source": str,
            "rule_id": str, "label": str, "mention_id": int, "section_id": int, "start": int,
            "end": int, "page": int, "why": str,
        },
        "foreign_keys": [
            ("report_id", "reports", "id"), ("mention_id", "mentions", "id"),
            ("section_id", "sections", "id"),
        ],
        "indexes": [["report_id"], ["key"]],
    },
    "project_groups": {
        "columns": {
            "id": int, "report_id": int, "ordinal": int, "label": str, "budget": float,
            "adjustment": float, "spent": float, "balance": float, "start": int, "end": int,
            "rule_id": str, "page": int,
        },
        "foreign_keys": [("report_id", "reports", "id")],
        "indexes": [["report_id"]],
    },
    "projects": {
        "columns": {
            "id": int, "report_id": int, "group_label": str, "ordinal": int, "name": str,
            "amount": float, "purpose": str, "output_value": float, "output_unit": str,
            "output_text": str, "goal_status": str, "goal_pct": float, "road_code": str,
            "stake_from": float, "stake_to": float, "start": int, "end": int,
            "section_id": int, "amount_mention_id": int, "rule_id": str, "page": int,
        },
        "foreign_keys": [("report_id", "reports", "id"), ("section_id", "sections", "id"),
                         ("amount_mention_id", "mentions", "id")],
        "indexes": [["report_id"], ["road_code"]],
    },
    "outputs": {
        "columns": {
            "id": int, "report_id": int, "project_id": int, "activity": str, "value": float,
            "unit": str, "mention_id": int, "start": int, "end": int, "page": int, "rule_id": str,
        },
        "foreign_keys": [("report_id", "reports", "id"), ("project_id", "projects", "id"),
                         ("mention_id", "mentions", "id")],
        "indexes": [["report_id"]],
    },
    "forms": {
        "columns": {
            "id": int, "report_id": int, "form_index": int, "title": str, "project_name": str,
            "unit_name": str, "department": str, "fiscal_year": int, "money_unit": str,
            "total_score": float, "grade": str, "table_index": int, "start": int, "end": int,
            "template": str, "confidence": float, "status": str, "reason": str, "rule_id": str,
            "page": int,
        },
        "foreign_keys": [("report_id", "reports", "id")],
        "indexes": [["report_id"]],
    },
    "form_budget_lines": {
        "columns": {
            "id": int, "report_id": int, "form_id": int, "line": str, "budget_initial": float,
            "budget_full_year": float, "executed": float, "weight": float,
            "execution_rate": float, "score": float, "source_unit": str, "table_index": int,
            "row": int, "page": int, "start": int, "end": int, "confidence": float, "rule_id": str,
            "undecided": str,
        },
        "foreign_keys": [("report_id", "reports", "id"), ("form_id", "forms", "id")],
        "indexes": [["report_id"]],
    },
    "indicators": {
        "columns": {
            "id": int, "report_id": int, "form_id": int, "level1": str, "level2": str,
            "name": str, "target_text": str, "target_value": float, "target_comparator": str,
            "actual_text": str, "actual_value": float, "unit": str, "weight": float,
            "score": float, "deviation_reason": str, "table_index": int, "row": int,
            "page": int, "start": int, "end": int, "met": int, "rule_id": str,
        },
        "foreign_keys": [("report_id", "reports", "id"), ("form_id", "forms", "id")],
        "indexes": [["report_id"]],
    },
    # grid and label → value figures of a form (model.FormValue): 基础数据表 staff and spending lines
    # by year column, a 湖南 project form's 实际支出, extra budget columns
    "form_values": {
        "columns": {
            "id": int, "report_id": int, "form_id": int, "block": str, "line": str, "role": str,
            "value": float, "unit": str, "label": str, "parent": str, "year": int, "period": str,
            "fact": str, "source_unit": str, "confidence": float, "table_index": int, "row": int,
            "page": int, "start": int, "end": int, "rule_id": str,
        },
        "foreign_keys": [("report_id", "reports", "id"), ("form_id", "forms", "id")],
        "indexes": [["report_id"]],
    },
    "findings": {
        "columns": {
            "id": int, "report_id": int, "rule": str, "severity": str, "message": str,
            "expected": float, "actual": float, "difference": float, "evidence": str,
            "fingerprint": str,
        },
        "foreign_keys": [("report_id", "reports", "id")],
        "indexes": [["report_id"], ["rule"], ["severity"], ["fingerprint"]],
    },
    # A reviewer's mark on a finding, keyed by the finding's fingerprint (store/reviews.py), never
    # by a row id: findings are deleted and written again by every re-ingest and re-check, marks
    # are never deleted by either. rule/message/unit_name/fiscal_year are copied at marking time
    # so a mark whose finding is gone (the report was corrected) still reads on its own.
    "finding_reviews": {
        "columns": {
            "id": int, "fingerprint": str, "status": str, "note": str, "reviewer": str,
            "reviewed_at": str, "rule": str, "message": str, "unit_name": str,
            "fiscal_year": int, "document_sha256": str,
        },
        "indexes": [["fingerprint"], ["status"]],
        "unique": [["fingerprint"]],
    },
    # Reports stored by an ingest whose linking and prior-year check have not run yet: written in
    # each document's transaction, cleared when the batch's linking is done, so a run stopped by
    # Ctrl-C or a full disk is finished by the next run (ingest.py).
    "pending_links": {
        "columns": {"id": int, "report_id": int},
        "indexes": [["report_id"]],
    },
    "source_tables": {
        "columns": {
            "id": int, "document_id": int, "table_index": int, "page": int, "n_rows": int,
            "n_cols": int, "rows_json": str,
        },
        "foreign_keys": [("document_id", "documents", "id")],
        "indexes": [["document_id"]],
    },
    "ingest_errors": {
        "columns": {
            "id": int, "path": str, "file_name": str, "error_kind": str, "message": str,
            "at": str, "extractor_version": str,
        },
        "indexes": [["path"], ["error_kind"]],
    },
    # ---- linking across years (extractor/linking/; see ensure_linking_shape)
    "units": {
        "columns": {
            "id": int, "canonical_name": str, "region": str, "county": str, "core": str,
            "aliases": str, "years": str, "first_year": int, "last_year": int, "n_reports": int,
            "confidence": float,
        },
        "indexes": [["canonical_name"], ["region"]],
    },
    "unit_aliases": {
        "columns": {
            "id": int, "unit_id": int, "alias": str, "region": str, "source": str,
            "confidence": float, "n_reports": int, "years": str,
        },
        "foreign_keys": [("unit_id", "units", "id")],
        "indexes": [["unit_id"], ["alias"]],
    },
    "project_series": {
        "columns": {
            "id": int, "unit_id": int, "key": str, "name": str, "names": str, "confidence": float,
            "first_year": int, "last_year": int, "years": str, "n_projects": int,
            "cumulative_amount": float, "latest_amount": float, "latest_goal_status": str,
            "latest_goal_pct": float, "road_code": str, "stake_from": float, "stake_to": float,
        },
        "foreign_keys": [("unit_id", "units", "id")],
        "indexes": [["unit_id"], ["key"]],
    },
}

FTS_AUTOMERGE = 16

# Tables whose rows belong to one report, deleted with it.
REPORT_CHILDREN = [
    "findings", "indicators", "form_budget_lines", "form_values", "forms", "outputs", "projects",
    "project_groups", "fact_candidates", "facts", "mentions", "sections",
]


SQLITE_HEADER = b"SQLite format 3\x00"


def check_db_path(path: str | Path, create: bool = True) -> Path:
    """``path`` if it can be (``create``) or is a database file; else :class:`DatabaseUnusable`
    saying why and what to do: its folder is missing, it is a folder, it is not SQLite."""
    path = Path(path)
    if path.is_dir():
        raise DatabaseUnusable(f"{path} is a folder, not a database file; give a file such as {path / 'performance.db'}")
    if not path.exists():
        if not create:
            raise DatabaseUnusable(f"{path}: no such database; build it with `extractor ingest FOLDER --db {path}`")
        parent = path.absolute().parent
        if not parent.is_dir():
            raise DatabaseUnusable(f"{path}: folder {parent} does not exist; create it (mkdir -p {parent}) or choose another --db")
        return path
    try:
        with open(path, "rb") as f:
            head = f.read(len(SQLITE_HEADER))
    except OSError as e:
        raise DatabaseUnusable(f"{path}: cannot read it ({e.strerror or e}); check its permissions") from None
    if head and head != SQLITE_HEADER:
        raise DatabaseUnusable(f"{path} is not a SQLite database (it holds something else); choose another --db,"
                               " this file was left untouched")
    return path


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) a database with the schema, WAL and foreign keys;
    :class:`DatabaseUnusable` when ``path`` cannot be one (check_db_path)."""
    if str(path) != ":memory:":
        check_db_path(path)
    try:
        db = sqlite_utils.Database(path)
        db.conn.execute("PRAGMA busy_timeout = 30000")
        if str(path) != ":memory:":
            db.enable_wal()
            # In WAL mode NORMAL still never corrupts the file; a power cut may lose the last commits,
            # which the next run re-ingests (they are not marked current). FULL syncs every document.
            db.conn.execute("PRAGMA synchronous = NORMAL")
        ensure_db_shape(db)
    except sqlite3.DatabaseError as e:
        if isinstance(e, sqlite3.OperationalError) and "locked" in str(e):
            raise
        if "disk is full" in str(e) or "disk I/O" in str(e):
            raise
        raise DatabaseUnusable(f"{path}: SQLite cannot use it ({e}); choose another --db") from None
    return db


OLD_RULE_COLUMN = "pattern_id"  # what rule_id was called before every row carried it


def ensure_db_shape(db: sqlite_utils.Database) -> None:
    """Create missing tables, columns, indexes and the sections search index (idempotent); findings
    of a database from before fingerprints get theirs."""
    unfingerprinted = db["findings"].exists() and "fingerprint" not in db["findings"].columns_dict
    for name, spec in SCHEMA.items():
        table = db[name]
        if table.exists() and OLD_RULE_COLUMN in table.columns_dict and "rule_id" not in table.columns_dict:
            # databases from before every row named its rule called the column pattern_id
            db.execute(f'ALTER TABLE "{name}" RENAME COLUMN {OLD_RULE_COLUMN} TO rule_id')
        if not table.exists():
            table.create(spec["columns"], pk="id", foreign_keys=spec.get("foreign_keys"), not_null=None)
        else:
            missing = {c: t for c, t in spec["columns"].items() if c not in table.columns_dict}
            for col, typ in missing.items():
                table.add_column(col, typ)
        for cols in spec.get("indexes", []):
            table.create_index(cols, if_not_exists=True, unique=cols in spec.get("unique", []))
    if "sections_fts" not in db.table_names():
        db["sections"].enable_fts(["heading", "search_text"], create_triggers=True, tokenize="unicode61")
        # Each document's transaction adds an index segment; merging 16 of a size at a time
        # instead of 4 took a third off the time to index a 1,159-report archive.
        db.execute("insert into sections_fts(sections_fts, rank) values ('automerge', ?)", [FTS_AUTOMERGE])
    ensure_linking_shape(db)
    if unfingerprinted:
        backfill_fingerprints(db)
    fts.catch_up(db)  # a batch that died before indexing its sections (store/fts.py)


def ensure_linking_shape(db) -> None:
    """The linking columns on existing tables: reports.unit_id, reports.duplicate_of (the
    canonical copy of a report found more than once, see store/copies.py) and projects.series_id.

    The linking tables themselves (units, unit_aliases, project_series) are in SCHEMA, so
    open_db creates them; this adds the two columns to databases of any age. Idempotent.
    """
    for table, column in (("reports", "unit_id"), ("projects", "series_id"), ("reports", "duplicate_of")):
        if column not in db[table].columns_dict:
            db[table].add_column(column, int)
        db[table].create_index([column], if_not_exists=True)


def as_database(db) -> sqlite_utils.Database:
    """Accept an open ``sqlite_utils.Database`` or the path of an existing database file (opened
    as it is: a reader does not create tables or upgrade the file)."""
    if isinstance(db, sqlite_utils.Database):
        return db
    path = Path(db)
    if not path.is_file():
        raise NoDatabase(f"{path}: no such database; build it with `extractor ingest`")
    return sqlite_utils.Database(path)
