"""Batch ingest: find files, skip unchanged ones, extract, store; a bad file never stops a batch."""
from __future__ import annotations

import hashlib
import os
import signal
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import store
from .errors import ExtractorError, Timeout
from .pipeline import extract
from .read import SUPPORTED_SUFFIXES, Limits
from .recheck import check_prior_years


@dataclass
class Summary:
    files: int = 0
    ingested: int = 0
    unchanged: int = 0
    errors: int = 0
    reports: int = 0
    mentions: int = 0
    error_kinds: dict[str, int] = field(default_factory=dict)

    def line(self) -> str:
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(self.error_kinds.items()))
        return (
            f"{self.files} files: {self.ingested} ingested, {self.unchanged} unchanged, "
            f"{self.errors} errors{f' ({kinds})' if kinds else ''}; "
            f"{self.reports} reports, {self.mentions} mentions"
        )


def find_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named directly, and supported files below folders (symlinked folders not followed)."""
    seen = set()
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for root, dirs, files in os.walk(p, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    f = Path(root) / name
                    if name.startswith(".") or f.suffix.lower() not in SUPPORTED_SUFFIXES:
                        continue
                    if f.is_symlink() and not f.exists():
                        continue
                    key = str(f.resolve())
                    if key not in seen:
                        seen.add(key)
                        yield f
        elif p.exists() or p.is_symlink():
            key = str(p.resolve())
            if key not in seen:
                seen.add(key)
                yield p
        else:
            raise FileNotFoundError(f"{p}: no such file or folder")


@contextmanager
def time_limit(seconds: float, name: str):
    """Raise Timeout in this (main) thread when a document takes too long."""
    if seconds <= 0 or not hasattr(signal, "SIGALRM"):
        yield
        return

    def on_alarm(signum, frame):
        raise Timeout(f"{name}: extraction took longer than {seconds:g} s; raise --max-seconds")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def ingest_file(
    db, path: Path, limits: Limits = Limits(), force: bool = False, debug: bool = False
) -> tuple[str, object]:
    """Ingest one file. Returns ("unchanged", None), ("ingested", document id) or ("error", kind).

    A bug of ours on one document is recorded as ``internal_error`` so the batch goes on;
    ``debug=True`` re-raises it with its traceback instead.
    """
    key = str(path.resolve()) if path.exists() else str(path.absolute())
    try:
        st = path.stat()
    except OSError as e:
        store.record_error(db, key, "unreadable", f"{path.name}: cannot read the file ({e.strerror})")
        return "error", "unreadable"
    state = store.document_state(db, key)
    if not force and state:
        if store.is_current(state, st.st_size, st.st_mtime):
            return "unchanged", None
        if st.st_size == state["size_bytes"] and store.is_current(state, st.st_size, st.st_mtime, _sha256(path)):
            return "unchanged", None
    try:
        with time_limit(limits.max_seconds, path.name):
            extraction = extract(path, limits)
    except ExtractorError as e:
        store.record_error(db, key, e.kind, str(e))
        return "error", e.kind
    except OSError as e:
        store.record_error(db, key, "unreadable", f"{path.name}: cannot read the file ({e.strerror})")
        return "error", "unreadable"
    except Exception as e:  # noqa: BLE001 - recorded, never silent; see docstring
        if debug:
            raise
        message = f"{path.name}: extractor failed with {type(e).__name__}: {e}; rerun with --debug and report it"
        store.record_error(db, key, "internal_error", message)
        return "error", "internal_error"
    doc_id = store.save_extraction(db, extraction, key)
    return "ingested", doc_id


def ingest_paths(
    db,
    paths: Iterable[str | Path],
    limits: Limits = Limits(),
    force: bool = False,
    on_file: Callable[[Path], None] | None = None,
    debug: bool = False,
) -> Summary:
    summary = Summary()
    touched = []
    for path in paths:
        path = Path(path)
        summary.files += 1
        status, result = ingest_file(db, path, limits, force, debug)
        if status == "unchanged":
            summary.unchanged += 1
        elif status == "error":
            summary.errors += 1
            summary.error_kinds[result] = summary.error_kinds.get(result, 0) + 1
        else:
            summary.ingested += 1
            ids = store.report_ids_of_document(db, result)
            touched.extend(ids)
            summary.reports += len(ids)
            summary.mentions += store.mention_count(db, ids)
        if on_file:
            on_file(path)
    if touched:
        check_prior_years(db, touched)
    return summary
