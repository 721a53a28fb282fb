"""Batch ingest: find sources, skip unchanged ones, extract in worker processes, store in one writer.

Extraction is a pure function of a file's bytes, so workers do all of it; the main process alone
writes, one transaction per document. A bad file never stops a batch.
"""
from __future__ import annotations

import hashlib
import os
from fnmatch import fnmatch
import signal
import zipfile
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable, Iterator

from . import store
from .errors import ZIP_ERRORS, CorruptFile, ExtractorError, Timeout, TooLarge, ZipBomb
from .pipeline import extract, extract_bytes
from .read import SUPPORTED_SUFFIXES, Limits
from .linking import link_all
from .recheck import check_prior_years
from .reportlike import require_report

ARCHIVE_SUFFIXES = {".zip"}
MEMBER_SEPARATOR = "!/"


@dataclass(frozen=True)
class Source:
    """One document to ingest: a file, or a member of a .zip archive read without unpacking."""

    path: Path
    member: str | None = None

    @property
    def key(self) -> str:
        """Identity stored in documents.path."""
        base = str(self.path.resolve()) if self.path.exists() else str(self.path.absolute())
        return f"{base}{MEMBER_SEPARATOR}{self.member}" if self.member else base

    @property
    def name(self) -> str:
        return PurePosixPath(self.member).name if self.member else self.path.name

    def stat(self) -> tuple[int, float]:
        """(size, mtime) used to skip unchanged sources without reading them."""
        if self.member is None:
            st = self.path.stat()
            return st.st_size, st.st_mtime
        with zipfile.ZipFile(self.path) as z:
            info = z.getinfo(self.member)
            try:
                stamp = datetime(*info.date_time).timestamp()
            except ValueError:  # an impossible date in a damaged or hostile directory
                stamp = 0.0
            return info.file_size, stamp + info.CRC / 2**32

    def read_bytes(self, limits: Limits) -> bytes:
        if self.member is None:
            return self.path.read_bytes()
        with zipfile.ZipFile(self.path) as z:
            info = z.getinfo(self.member)
            if info.file_size > limits.max_bytes:
                raise TooLarge(f"{self.name}: {info.file_size} bytes exceeds the limit of {limits.max_bytes} bytes;"
                               " raise --max-bytes to ingest it")
            if info.compress_size and info.file_size / info.compress_size > 1000 and info.file_size > 10 << 20:
                raise ZipBomb(f"{self.path.name}: member {self.member} inflates {info.file_size // info.compress_size}:1;"
                              " not read: the archive is not a normal download, do not open it")
            try:
                with z.open(info) as f:
                    data = f.read(limits.max_bytes + 1)
            except ZIP_ERRORS as e:  # bad CRC, a broken deflate stream, a header that lies
                raise CorruptFile(f"{self.name}: member {self.member} of {self.path.name} is damaged"
                                  f" ({type(e).__name__}: {e}); download it again") from None
            if len(data) > limits.max_bytes:
                raise TooLarge(f"{self.name}: larger than the limit of {limits.max_bytes} bytes;"
                               " raise --max-bytes to ingest it")
            return data


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


def _supported(name: str) -> bool:
    return not name.startswith(".") and PurePosixPath(name).suffix.lower() in SUPPORTED_SUFFIXES


def _zip_members(path: Path) -> list[Source] | None:
    try:
        with zipfile.ZipFile(path) as z:
            return [Source(path, i.filename) for i in z.infolist()
                    if not i.is_dir() and _supported(PurePosixPath(i.filename).name)]
    except (*ZIP_ERRORS, OSError):
        return None  # ingest_file records the error when it tries to read it as a document


def find_sources(paths: Iterable[str | Path], exclude: Iterable[str] = ()) -> Iterator[Source]:
    """Files named directly, supported files below folders (symlinked folders not followed),
    and the supported members of .zip archives. ``exclude``: glob patterns matched against each
    file's path relative to the folder given (``bad/*``, ``*.doc``)."""
    seen = set()
    exclude = list(exclude)

    def emit(f: Path) -> Iterator[Source]:
        if f.suffix.lower() in ARCHIVE_SUFFIXES:
            members = _zip_members(f)
            if members is not None:
                yield from members
                return
        yield Source(f)

    for p in paths:
        p = Path(p)
        if p.is_dir():
            for root, dirs, files in os.walk(p, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    f = Path(root) / name
                    if not (_supported(name) or f.suffix.lower() in ARCHIVE_SUFFIXES):
                        continue
                    if any(fnmatch(f.relative_to(p).as_posix(), pattern) for pattern in exclude):
                        continue
                    if f.is_symlink() and not f.exists():
                        continue
                    key = str(f.resolve())
                    if key not in seen:
                        seen.add(key)
                        yield from emit(f)
        elif p.exists() or p.is_symlink():
            key = str(p.resolve())
            if key not in seen:
                seen.add(key)
                yield from emit(p)
        else:
            raise FileNotFoundError(f"{p}: no such file or folder")


def find_files(paths: Iterable[str | Path]) -> Iterator[Source]:
    """Alias of find_sources (every source, files and archive members)."""
    return find_sources(paths)


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


def _sha256(source: Source, limits: Limits) -> str:
    if source.member is not None:
        return hashlib.sha256(source.read_bytes(limits)).hexdigest()
    h = hashlib.sha256()
    with open(source.path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def is_unchanged(db, source: Source, limits: Limits) -> bool:
    """Size and mtime first; when only the mtime moved, the hash decides."""
    state = store.document_state(db, source.key)
    if not state:
        return False
    size, mtime = source.stat()
    if store.is_current(state, size, mtime):
        return True
    return size == state["size_bytes"] and store.is_current(state, size, mtime, _sha256(source, limits))


def extract_source(source: Source, limits: Limits, debug: bool = False) -> tuple:
    """Worker side: ("ok", Extraction) or ("error", kind, message). Never raises unless debug."""
    try:
        with time_limit(limits.max_seconds, source.name):
            if source.member is None:
                extraction = extract(source.path, limits)
            else:
                extraction = extract_bytes(source.read_bytes(limits), Path(source.member), limits)
        require_report(extraction, source.name)  # a README is no report: not_a_report
        return ("ok", extraction)
    except ExtractorError as e:
        return ("error", e.kind, str(e))
    except OSError as e:
        return ("error", "unreadable", f"{source.name}: cannot read the file ({e.strerror or e})")
    except Exception as e:  # noqa: BLE001 - recorded as internal_error, never silent
        if debug:
            raise
        return ("error", "internal_error",
                f"{source.name}: extractor failed with {type(e).__name__}: {e}; rerun with --debug and report it")


def _stat_or_error(db, source: Source) -> tuple[int, float] | None:
    try:
        return source.stat()
    except (OSError, KeyError, *ZIP_ERRORS) as e:
        store.record_error(db, source.key, "unreadable", f"{source.name}: cannot read the file ({e})")
        return None


def ingest_paths(
    db,
    sources: Iterable[Source | str | Path],
    limits: Limits = Limits(),
    force: bool = False,
    on_file: Callable[[Source], None] | None = None,
    debug: bool = False,
    jobs: int = 1,
    summary: Summary | None = None,
    on_planned: Callable[[int], None] | None = None,
) -> Summary:
    """Ingest sources with ``jobs`` worker processes (1: in this process). Returns the summary,
    counted into ``summary`` when given (the caller can still read it when Ctrl-C or a full disk
    stops the batch). ``on_file`` is called once per source; ``on_planned(n)`` once, when the
    sources are sorted, with the number to extract.

    Linking and the prior-year rule run after the batch, for every report stored since they last
    ran (``pending_links``): a batch stopped half-way leaves its reports pending, and the next
    run, even one with nothing new to extract, finishes them.
    """
    summary = summary if summary is not None else Summary()
    todo: list[Source] = []
    for s in sources:
        source = s if isinstance(s, Source) else Source(Path(s))
        summary.files += 1
        if _stat_or_error(db, source) is None:
            _count_error(summary, "unreadable", f"{source.name}: cannot read the file")
            on_file and on_file(source)
        elif not force and is_unchanged(db, source, limits):
            summary.unchanged += 1
            on_file and on_file(source)
        else:
            todo.append(source)

    def store_result(source: Source, result: tuple) -> None:
        if result[0] == "ok":
            size, mtime = source.stat()
            doc_id = store.save_extraction(db, result[1], source.key, size=size, mtime=mtime)
            ids = store.report_ids_of_document(db, doc_id)
            summary.ingested += 1
            summary.reports += len(ids)
            summary.mentions += store.mention_count(db, ids)
        else:
            _, kind, message = result
            store.record_error(db, source.key, kind, message)
            _count_error(summary, kind, message)
        if on_file:
            on_file(source)

    if on_planned:
        on_planned(len(todo))
    if jobs <= 1 or len(todo) <= 1:
        for source in todo:
            store_result(source, extract_source(source, limits, debug))
    else:
        _run_parallel(todo, limits, debug, jobs, store_result)
    pending = store.pending_reports(db)
    if pending:
        link_all(db)  # units and project series across years, before the prior-year rule uses them
        check_prior_years(db, pending)
        store.clear_pending(db)
    return summary


def _count_error(summary: Summary, kind: str, message: str) -> None:
    summary.errors += 1
    summary.error_messages.append((kind, message))
    summary.error_kinds[kind] = summary.error_kinds.get(kind, 0) + 1


def _ignore_sigint() -> None:
    """Workers leave Ctrl-C to the main process, which stops the batch and says what it stored."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_parallel(todo, limits, debug, jobs, store_result) -> None:
    """Keep a bounded window of documents in flight; store each result as it arrives. When the
    batch stops (Ctrl-C, a full disk), documents not yet started are cancelled."""
    window = jobs * 4
    pending = {}
    queue = iter(todo)
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_sigint)
    try:
        for source in queue:
            pending[pool.submit(extract_source, source, limits, debug)] = source
            if len(pending) >= window:
                break
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                source = pending.pop(future)
                store_result(source, future.result())
                nxt = next(queue, None)
                if nxt is not None:
                    pending[pool.submit(extract_source, nxt, limits, debug)] = nxt
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def ingest_file(db, path: Path, limits: Limits = Limits(), force: bool = False, debug: bool = False):
    """Ingest one file; returns the summary of that single document."""
    return ingest_paths(db, [Source(Path(path))], limits, force, debug=debug)
