"""Batch ingest: find sources, skip unchanged ones, extract with an engine, store in one writer.

Extraction is a pure function of a file's bytes, so workers (processes or Dask tasks, see
engines.py) do all of it and return rows; this process alone stores them, one transaction per
document, in a SQLite database or in a folder of Parquet shards (store/shards.py). A bad file never
stops a batch. After the batch: units and project series are linked, copies of one report marked,
and the prior-year rule redone (recheck.after_batch).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import sqlite_utils

from . import store
from .engines import run
from .errors import ZIP_ERRORS
from .read import Limits
from .sources import (ARCHIVE_SUFFIXES, MEMBER_SEPARATOR, Source, extract_rows, find_files, find_sources,
                      source_sha256, time_limit)

__all__ = [
    "ARCHIVE_SUFFIXES", "MEMBER_SEPARATOR", "DatabaseSink", "Source", "Summary", "extract_rows",
    "find_files", "find_sources", "ingest_file", "ingest_paths", "is_unchanged", "load_shards", "time_limit",
]


@dataclass
class Summary:
    """What a batch did, counted as it goes (so a run stopped half-way can still say it)."""

    files: int = 0
    ingested: int = 0
    unchanged: int = 0
    errors: int = 0
    reports: int = 0
    mentions: int = 0
    error_kinds: dict[str, int] = field(default_factory=dict)
    error_messages: list[tuple[str, str]] = field(default_factory=list)  # (kind, message)

    def line(self) -> str:
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(self.error_kinds.items()))
        return (
            f"{self.files} files: {self.ingested} ingested, {self.unchanged} unchanged, "
            f"{self.errors} errors{f' ({kinds})' if kinds else ''}; "
            f"{self.reports} reports, {self.mentions} mentions"
        )


class DatabaseSink:
    """Where a batch's results go when it writes SQLite: one transaction per document, and after
    the batch the cross-report steps over the reports still pending."""

    def __init__(self, db):
        self.db = db
        self.touched: list[int] = []
        self.removed = False  # a failed source took a stored document with it

    def state(self, key: str) -> dict | None:
        """What the database knows of a source (documents row), or None."""
        return store.document_state(self.db, key)

    def save(self, key: str, rows, size: int, mtime: float) -> int:
        """Store one document's rows; returns how many reports it has. The first one defers the
        search index to the end of the batch (store/fts.py)."""
        if not self.touched:
            store.fts.defer(self.db)
        doc_id = store.save_rows(self.db, rows, key, size=size, mtime=mtime)
        ids = store.report_ids_of_document(self.db, doc_id)
        self.touched.extend(ids)
        return len(ids)

    def error(self, key: str, kind: str, message: str) -> None:
        """Record a failed source (its old rows go)."""
        self.removed = self.removed or self.state(key) is not None
        store.record_error(self.db, key, kind, message)

    def close(self) -> None:
        """Index the batch's sections (also when the batch stops half way)."""
        store.fts.catch_up(self.db)

    def finish(self) -> None:
        """Link units and series, mark copies, redo the prior-year rule for every report stored
        since they last ran (``pending_links``: a batch stopped half-way leaves its reports
        pending, and the next run, even one with nothing new to extract, finishes them)."""
        finish_pending(self.db, force=self.removed)


def is_unchanged(sink, source: Source, limits: Limits) -> bool:
    """Size and mtime first; when only the mtime moved, the hash decides. ``sink``: a database or
    a sink (DatabaseSink, store.shards.ShardWriter)."""
    state = _sink(sink).state(source.key)
    if not state:
        return False
    size, mtime = source.stat()
    if store.is_current(state, size, mtime):
        return True
    return size == state["size_bytes"] and store.is_current(state, size, mtime, source_sha256(source, limits))


def _sink(target):
    return DatabaseSink(target) if isinstance(target, sqlite_utils.Database) else target


def _stat_or_error(sink, source: Source) -> tuple[int, float] | None:
    try:
        return source.stat()
    except (OSError, KeyError, *ZIP_ERRORS) as e:
        sink.error(source.key, "unreadable", f"{source.name}: cannot read the file ({e})")
        return None


def ingest_paths(
    db,
    sources: Iterable[Source | str | Path],
    limits: Limits = Limits(),
    force: bool = False,
    on_file: Callable[[Source], None] | None = None,
    debug: bool = False,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    summary: Summary | None = None,
    on_planned: Callable[[int], None] | None = None,
) -> Summary:
    """Ingest sources into ``db`` (a database, or a sink such as store.shards.ShardWriter), with
    ``jobs`` workers of ``engine`` (engines.py: local processes, or Dask at ``scheduler``).

    Counts into ``summary`` when given (the caller can still read it when Ctrl-C or a full disk
    stops the batch); ``on_file`` is called once per source; ``on_planned(n)`` once, when the
    sources are sorted, with the number to extract."""
    sink = _sink(db)
    summary = summary if summary is not None else Summary()
    todo: list[Source] = []
    for s in sources:
        source = s if isinstance(s, Source) else Source(Path(s))
        summary.files += 1
        if _stat_or_error(sink, source) is None:
            _count_error(summary, "unreadable", f"{source.name}: cannot read the file")
            on_file and on_file(source)
        elif not force and is_unchanged(sink, source, limits):
            summary.unchanged += 1
            on_file and on_file(source)
        else:
            todo.append(source)

    if on_planned:
        on_planned(len(todo))
    try:
        for source, result in run(todo, limits, debug, jobs, engine, scheduler):
            if result[0] == "ok":
                size, mtime = source.stat()
                rows = result[1]
                summary.reports += sink.save(source.key, rows, size, mtime)
                summary.ingested += 1
                summary.mentions += rows.count("mentions")
            else:
                _, kind, message = result
                sink.error(source.key, kind, message)
                _count_error(summary, kind, message)
            if on_file:
                on_file(source)
    finally:
        getattr(sink, "close", lambda: None)()
    sink.finish()
    return summary


def _count_error(summary: Summary, kind: str, message: str) -> None:
    summary.errors += 1
    summary.error_messages.append((kind, message))
    summary.error_kinds[kind] = summary.error_kinds.get(kind, 0) + 1


def load_shards(db, folders: Iterable[str | Path], force: bool = False,
                on_file: Callable[[str], None] | None = None) -> Summary:
    """Load folders of Parquet shards (store/shards.py) into ``db``: each path's latest record,
    skipping documents the database already holds from the same bytes and versions; then the
    cross-report steps (recheck.after_batch) over what was loaded. The summary counts paths."""
    from .store import shards

    summary = Summary()
    for folder in folders:
        wanted = {}
        for path, rec in sorted(shards.current_documents(folder).items()):
            summary.files += 1
            if "error_kind" in rec:
                if force or store.error_state(db, path) != (rec["error_kind"], rec["message"]):
                    store.record_error(db, path, rec["error_kind"], rec["message"])
                _count_error(summary, rec["error_kind"], rec["message"])
                on_file and on_file(path)
            elif not force and _same_document(store.document_state(db, path), rec):
                summary.unchanged += 1
                on_file and on_file(path)
            else:
                wanted[path] = rec
        store.fts.defer(db)
        try:
            for doc, rows in shards.read_shards(folder, wanted):
                stamp = {k: doc[k] for k in ("ingested_at", "extractor_version", "patterns_version")}
                doc_id = store.save_rows(db, rows, doc["path"], size=doc["size_bytes"], mtime=doc["mtime"], stamp=stamp)
                ids = store.report_ids_of_document(db, doc_id)
                summary.ingested += 1
                summary.reports += len(ids)
                summary.mentions += rows.count("mentions")
                on_file and on_file(doc["path"])
        finally:
            store.fts.catch_up(db)
    finish_pending(db)
    return summary


def finish_pending(db, force: bool = False) -> None:
    """The cross-report steps (recheck.after_batch: linking, the prior-year rule, copies) over the
    reports stored since they last ran (``pending_links``), then none is pending. ``force``: run
    them even with nothing pending (a failed source took a stored document with it)."""
    pending = store.pending_reports(db)
    if pending or force:
        from .recheck import after_batch  # linking's rule tables load only when there is work

        after_batch(db, pending)
        store.clear_pending(db)


def _same_document(state: dict | None, rec: dict) -> bool:
    """Whether the database already holds this shard record: same bytes, size, mtime and versions."""
    return bool(state) and all(state[k] == rec[k] for k in (
        "sha256", "size_bytes", "mtime", "extractor_version", "patterns_version"))


def ingest_file(db, path: Path, limits: Limits = Limits(), force: bool = False, debug: bool = False):
    """Ingest one file; returns the summary of that single document."""
    return ingest_paths(db, [Source(Path(path))], limits, force, debug=debug)
