"""One writer at a time: a lock file beside the database that names its holder.

SQLite serializes single transactions (``busy_timeout``), but two ingests interleaving their
documents still failed with "database is locked": a transaction that read before it wrote cannot
take the write lock once the other writer has committed (WAL's snapshot rule), and no timeout
helps. So a whole ingest (or check, or units --apply) holds ``<db>.lock``: an ``flock`` on a file
holding ``{"pid", "host", "started", "command"}``. A second writer prints who holds it and waits;
the kernel releases the lock when its holder exits, however it exits, so a crash leaves no stale
lock. The holder removes the file when it is done.
"""
from __future__ import annotations

import fcntl
import json
import os
import socket
import sys
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterator


def lock_path(db_path: str | Path) -> Path:
    """The lock file of a database: ``<db>.lock`` beside it."""
    return Path(f"{db_path}.lock")


def holder(db_path: str | Path) -> dict | None:
    """Who holds (or last held) the database's writer lock, as it wrote itself down; None when
    nobody does."""
    try:
        return json.loads(lock_path(db_path).read_text(encoding="utf-8") or "null")
    except (OSError, ValueError):
        return None


def describe(h: dict | None) -> str:
    """A holder in words: ``pid 4242 on host-1 since 2025-01-02 10:11:12 (extractor ingest)``."""
    if not h:
        return "another process"
    return f"pid {h.get('pid')} on {h.get('host')} since {h.get('started')} ({h.get('command', 'extractor')})"


@contextmanager
def writer_lock(db_path: str | Path, on_wait: Callable[[dict | None], None] | None = None) -> Iterator[None]:
    """Hold the database's writer lock for the block; when another process holds it, call
    ``on_wait(holder)`` once and wait for it."""
    path = lock_path(db_path)
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait:
                on_wait(holder(db_path))
                on_wait = None
            fcntl.flock(fd, fcntl.LOCK_EX)
        # the previous holder removes the file as it leaves: a lock on the removed file locks nothing
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    try:
        me = {"pid": os.getpid(), "host": socket.gethostname(),
              "started": datetime.now().isoformat(sep=" ", timespec="seconds"),
              "command": " ".join(["extractor", *sys.argv[1:2]])}
        try:
            os.ftruncate(fd, 0)
            os.write(fd, json.dumps(me).encode("utf-8"))
        except OSError:  # a full disk: the lock holds all the same, only its label is missing
            pass
        yield
    finally:
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
