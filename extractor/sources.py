"""Sources of a batch: files, folders walked recursively, members of .zip archives; and the
worker's side of ingest, which turns one source into its rows.

``extract_rows`` is what a worker process or a Dask task runs: read the bytes, extract, build the
rows of every table (store/rows.py). It never raises (unless --debug): a bad file comes back as
("error", kind, message). The pipeline (spaCy, the readers) is imported on the first document, so
a batch with nothing to do never loads it.
"""
from __future__ import annotations

import hashlib
import os
import signal
import threading
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath
from typing import Iterable, Iterator

from .errors import ZIP_ERRORS, CorruptFile, ExtractorError, Timeout, TooLarge, ZipBomb
from .read import SUPPORTED_SUFFIXES, Limits
from .store.rows import document_rows

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
        """The file name (a zip member's own name)."""
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
        """The source's bytes (a zip member read within the limits: size, inflation ratio)."""
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
    """Raise Timeout in this (main) thread when a document takes too long. A Dask worker runs
    tasks in threads, where no alarm can be set: there the limit is not enforced."""
    if seconds <= 0 or not hasattr(signal, "SIGALRM") or threading.current_thread() is not threading.main_thread():
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


def source_sha256(source: Source, limits: Limits) -> str:
    """SHA-256 of the source's bytes, read in chunks."""
    if source.member is not None:
        return hashlib.sha256(source.read_bytes(limits)).hexdigest()
    h = hashlib.sha256()
    with open(source.path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def extract_rows(source: Source, limits: Limits, debug: bool = False, search_words: bool = True) -> tuple:
    """Worker side: ("ok", DocumentRows) or ("error", kind, message). Never raises unless debug.
    ``search_words``: cut the sections' search words here (else the writer does)."""
    # Imported here, not at the top: the CLI imports this module, and an unchanged re-run, --help
    # or serve must not pay for spaCy and the readers (about 0.6 s).
    from .pipeline import extract, extract_bytes
    from .reportlike import require_report

    try:
        with time_limit(limits.max_seconds, source.name):
            if source.member is None:
                extraction = extract(source.path, limits)
            else:
                extraction = extract_bytes(source.read_bytes(limits), Path(source.member), limits)
        require_report(extraction, source.name)  # a README is no report: not_a_report
        return ("ok", document_rows(extraction, search_words))
    except ExtractorError as e:
        return ("error", e.kind, str(e))
    except OSError as e:
        return ("error", "unreadable", f"{source.name}: cannot read the file ({e.strerror or e})")
    except Exception as e:  # noqa: BLE001 - recorded as internal_error, never silent
        if debug:
            raise
        return ("error", "internal_error",
                f"{source.name}: extractor failed with {type(e).__name__}: {e}; rerun with --debug and report it")
