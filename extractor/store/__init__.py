"""The only package that speaks SQL: the schema, saving, loading, search words and read queries.

    schema.py   SCHEMA, open_db (creates and upgrades), check_db_path, as_database (opens as it is)
    fts.py      the sections search index built once per batch (defer, catch_up)
    copies.py   copies of one report: candidate groups, their records, reports.duplicate_of
    rows.py     one document's rows with ids local to it (built in the worker; SQLite and Parquet store them)
    save.py     one document's rows in one transaction, failed files, findings, linking's results
    load.py     load_report (the one loader: the Report and its row ids), load_fact_reports
    search.py   search words of Chinese text (index_text) and the FTS query of a search (zh_match)
    queries.py  every other read: ids, counts, reports across years, rows for publish and the CLI
    reviews.py  findings' fingerprints, reviewers' marks keyed by them, the findings queue
    browse.py   the rows of the Datasette pages: a unit across years, its reports and projects
    lock.py     the writer lock (one ingest at a time, naming its holder)

Everything above a stage of this package (linking, publish, recheck, ingest, cli) asks these
functions for rows and never writes SQL itself.
"""
from . import browse, fts
from .copies import copies_of, copy_groups, copy_records, save_copies
from .load import load_fact_reports, load_report
from .lock import describe as describe_lock_holder
from .lock import writer_lock
from .queries import (CHARTS, chart_rows, counts, error_state, findings_by_rule, ingest_errors, linked_unit_count,
                      linking_projects, linking_reports, mention_count, next_year_reports,
                      next_year_reports_of, previous_year_report, previous_year_reports, report_ids,
                      report_ids_of_document, reports_with_findings, stored_units, table_rows)
from .reviews import (STATUSES, clear_review, find_finding, finding_rules, findings_queue, fingerprint,
                      queue_counts, reviews, save_review)
from .rows import DOCUMENT_TABLES, REFS, DocumentRows, document_rows
from .save import (clear_pending, document_state, is_current, mention_ids, pending_reports, record_error,
                   replace_findings, save_extraction, save_findings, save_project_series, save_rows, save_units)
from .schema import (FTS_AUTOMERGE, REPORT_CHILDREN, SCHEMA, as_database, check_db_path, ensure_db_shape,
                     ensure_linking_shape, open_db)
from .search import index_text, zh_match

__all__ = [
    "CHARTS", "FTS_AUTOMERGE", "REPORT_CHILDREN", "SCHEMA", "STATUSES", "as_database", "browse",
    "chart_rows", "check_db_path", "clear_pending", "clear_review", "counts", "describe_lock_holder",
    "document_state", "ensure_db_shape", "ensure_linking_shape", "find_finding", "finding_rules",
    "findings_by_rule", "findings_queue", "fingerprint", "index_text", "ingest_errors", "is_current",
    "linked_unit_count", "linking_projects", "linking_reports", "load_fact_reports", "load_report",
    "mention_count", "mention_ids", "next_year_reports", "next_year_reports_of", "open_db",
    "pending_reports", "previous_year_report", "previous_year_reports", "queue_counts", "record_error",
    "replace_findings", "report_ids", "report_ids_of_document", "reports_with_findings", "reviews",
    "save_extraction", "save_findings", "save_project_series", "save_review", "save_units",
    "stored_units", "table_rows", "writer_lock", "zh_match",
    "fts", "copies_of", "copy_groups", "copy_records", "save_copies", "DOCUMENT_TABLES", "REFS",
    "DocumentRows", "document_rows", "error_state", "save_rows",
]
