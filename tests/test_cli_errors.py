"""A CLI that explains itself: every user error in one or two lines with the fix, exit 2 for bad
usage, 1 for a failed run, 130 for Ctrl-C, no traceback without --debug; a full disk or Ctrl-C
says how many documents were stored and that a rerun finishes; concurrent ingests wait for each
other; an empty input warns; a file that is no report is `not_a_report`; the ETA comes from
measured throughput; serve checks its port first and leaves no temporary file."""
import glob
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from io import StringIO

import pytest
from click.testing import CliRunner

from extractor import cli as cli_module
from extractor import store
from extractor.cli import cli, main
from extractor.progress import Progress

from .conftest import CORPUS, EXAMPLE_TXT, ROOT, load_script

HELDOUT = CORPUS / "heldout"


def run(*args, **kw) -> subprocess.CompletedProcess:
    """``python -m extractor ARGS`` as a user runs it."""
    return subprocess.run([sys.executable, "-m", "extractor", *map(str, args)], capture_output=True,
                          text=True, cwd=kw.pop("cwd", ROOT), timeout=kw.pop("timeout", 300), **kw)


def short_error(p: subprocess.CompletedProcess, code: int) -> str:
    assert p.returncode == code, (p.returncode, p.stdout, p.stderr)
    assert "Traceback" not in p.stderr + p.stdout
    lines = [line for line in p.stderr.splitlines() if line.strip()]
    assert 1 <= len(lines) <= 2, p.stderr
    return p.stderr


@pytest.fixture
def reports(tmp_path):
    """A folder of six small real reports."""
    folder = tmp_path / "in"
    folder.mkdir()
    for f in sorted(HELDOUT.glob("*.txt"))[:6]:
        shutil.copy(f, folder / f.name)
    return folder


# ------------------------------------------------------------------ bad usage: exit 2, two lines at most
@pytest.mark.slow
def test_bad_db_paths(tmp_path):
    not_db = tmp_path / "notes.db"
    not_db.write_text("these are my notes, not a database\n" * 20)
    cases = {
        tmp_path / "no" / "such" / "folder" / "x.db": "mkdir -p",
        tmp_path: "is a folder",
        not_db: "not a SQLite database",
    }
    for db, hint in cases.items():
        assert hint in short_error(run("ingest", EXAMPLE_TXT, "--db", db), 2)
    assert not_db.read_text().startswith("these are my notes")  # left untouched
    assert "extractor ingest" in short_error(run("check", "--db", tmp_path / "missing.db"), 2)
    assert "is a folder" in short_error(run("export", "--db", tmp_path, "--out", tmp_path / "o"), 2)
    assert "not a SQLite database" in short_error(run("serve", "--db", not_db), 2)


def test_click_usage_errors_are_two_lines(tmp_path):
    err = short_error(run("ingest", EXAMPLE_TXT), 2)
    assert "--db" in err and "--help" in err
    assert "no such file or folder" in short_error(run("ingest", tmp_path / "nope", "--db", tmp_path / "r.db"), 2)


def test_an_unexpected_error_is_one_line_without_debug(monkeypatch, capsys):
    def boom(*a, **k):
        raise RuntimeError("something we did not foresee")

    monkeypatch.setattr("extractor.pipeline.extract", boom)
    with pytest.raises(SystemExit) as exit_:
        main(["extract", str(EXAMPLE_TXT)])
    err = capsys.readouterr().err
    assert exit_.value.code == 1 and "Traceback" not in err and "--debug" in err
    with pytest.raises(RuntimeError):
        main(["--debug", "extract", str(EXAMPLE_TXT)])


# ------------------------------------------------------------------ a run stopped half-way
def _stop_after(monkeypatch, n: int, exc: BaseException):
    real = store.save_rows  # what the writer calls for each document
    calls = []

    def save(*a, **k):
        calls.append(1)
        if len(calls) > n:
            raise exc
        return real(*a, **k)

    monkeypatch.setattr(store, "save_rows", save)


@pytest.mark.parametrize("exc, code, said", [
    (sqlite3.OperationalError("database or disk is full"), 1, "disk full"),
    (KeyboardInterrupt(), 130, "stopped by Ctrl-C"),
])
def test_stopped_ingest_says_what_is_stored_and_a_rerun_finishes(reports, tmp_path, monkeypatch, exc, code, said):
    db_path = tmp_path / "performance.db"
    _stop_after(monkeypatch, 2, exc)
    result = CliRunner().invoke(cli, ["ingest", str(reports), "--db", str(db_path), "-j", "1"])
    assert result.exit_code == code, result.output
    assert f"{said}" in result.output and "2 documents stored; " in result.output and "rerun to finish" in result.output
    db = sqlite3.connect(db_path)
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert db.execute("select count(*) from documents").fetchone()[0] == 2
    assert db.execute("select count(*) from pending_links").fetchone()[0] >= 1  # linking still to do
    monkeypatch.undo()
    again = CliRunner().invoke(cli, ["ingest", str(reports), "--db", str(db_path), "-j", "1"])
    assert again.exit_code == 0 and "4 ingested, 2 unchanged" in again.output, again.output
    assert db.execute("select count(*) from pending_links").fetchone()[0] == 0
    assert db.execute("select count(*) from reports where unit_id is null and unit_name is not null").fetchone()[0] == 0


def test_a_full_disk_for_real(reports, tmp_path):
    """A 1 MB tmpfs (needs root and mount): the ingest fills it, says so, and a rerun elsewhere works."""
    mnt = tmp_path / "small"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mnt)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here (not root?)")
    try:
        is_blind = load_script("corpus_sets", "bench").is_blind  # blind sets are never ingested here
        for f in [f for f in sorted(CORPUS.glob("heldout*/*.txt")) if not is_blind(f)][:40]:
            shutil.copy(f, reports / f"{f.parent.name}-{f.name}")
        p = run("ingest", reports, "--db", mnt / "performance.db", "-j", "1")
        err = short_error(p, 1)
        assert "disk full" in err and "documents stored; free some space" in err and "rerun to finish" in err
        stored = sqlite3.connect(mnt / "performance.db")
        try:
            assert stored.execute("pragma integrity_check").fetchone()[0] == "ok"
            assert stored.execute("select count(*) from documents").fetchone()[0] >= 1
        finally:
            stored.close()
    finally:
        if subprocess.run(["umount", str(mnt)], capture_output=True).returncode:
            subprocess.run(["umount", "-l", str(mnt)], capture_output=True)  # still busy: detach it


@pytest.mark.slow
def test_ctrl_c_for_real(reports, tmp_path):
    """SIGINT to a running ingest: exit 130, the count, and a rerun finishes."""
    # enough work that the signal lands mid-batch on a fast or a loaded machine alike
    for f in sorted(CORPUS.glob("heldout2/*.txt")) + sorted(CORPUS.glob("pool/p01*.txt")):
        shutil.copy(f, reports / f"{f.parent.name}-{f.name}")
    db_path = tmp_path / "performance.db"
    proc = subprocess.Popen([sys.executable, "-m", "extractor", "ingest", str(reports), "--db", str(db_path), "-j", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    deadline = time.time() + 240
    while time.time() < deadline and proc.poll() is None:
        try:
            if sqlite3.connect(db_path).execute("select count(*) from documents").fetchone()[0] >= 1:
                break
        except sqlite3.Error:
            pass
        time.sleep(0.05)
    if proc.poll() is not None:
        pytest.skip("the ingest finished before it could be interrupted")
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    if proc.returncode == 0 and "documents stored; rerun to finish" not in err:
        pytest.skip("the ingest finished between the last look and the signal")
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "documents stored; rerun to finish" in err
    again = run("ingest", reports, "--db", db_path, "-j", "1")
    assert again.returncode == 0 and "unchanged" in again.stdout
    assert sqlite3.connect(db_path).execute("select count(*) from pending_links").fetchone()[0] == 0


# ------------------------------------------------------------------ two writers, one database
@pytest.mark.slow
def test_concurrent_ingests_wait_for_each_other(reports, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    for f in sorted(CORPUS.glob("heldout3/*.txt"))[:6]:
        shutil.copy(f, other / f.name)
    db_path = tmp_path / "performance.db"
    cmd = [sys.executable, "-m", "extractor", "ingest", "--db", str(db_path), "-j", "1"]
    first = subprocess.Popen(cmd + [str(reports)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    deadline = time.time() + 120
    while not store.lock.lock_path(db_path).exists() and time.time() < deadline and first.poll() is None:
        time.sleep(0.02)
    second = subprocess.Popen(cmd + [str(other)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    out1, err1 = first.communicate(timeout=300)
    out2, err2 = second.communicate(timeout=300)
    assert first.returncode == 0 and second.returncode == 0, (err1, err2)
    assert "6 ingested" in out1 and "6 ingested" in out2
    if first.returncode == 0 and "waiting:" in err2:
        assert f"pid {first.pid} on {socket.gethostname()} since" in err2
    assert sqlite3.connect(db_path).execute("select count(*) from documents").fetchone()[0] == 12
    assert not store.lock.lock_path(db_path).exists()


def test_writer_lock_names_its_holder(tmp_path):
    db_path = tmp_path / "x.db"
    seen = []
    with store.writer_lock(db_path):
        holder = store.lock.holder(db_path)
        assert holder["pid"] == os.getpid() and holder["host"] == socket.gethostname() and holder["started"]
        # another process reads who holds it from the lock file
        child = subprocess.run([sys.executable, "-c", (
            "from extractor import store\n"
            f"print(store.describe_lock_holder(store.lock.holder({str(db_path)!r})))")],
            capture_output=True, text=True, cwd=ROOT)
        seen.append(child.stdout)
    assert f"pid {os.getpid()} on {socket.gethostname()}" in seen[0]
    assert not store.lock.lock_path(db_path).exists()


# ------------------------------------------------------------------ what goes in
def test_empty_input_warns_and_writes_nothing(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    p = run("ingest", empty, "--db", tmp_path / "performance.db")
    assert p.returncode == 0 and "warning: no report files" in p.stderr and ".pdf" in p.stderr
    assert not (tmp_path / "performance.db").exists()


def test_a_readme_is_not_a_report(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "readme.md").write_text("hello\n", encoding="utf-8")
    shutil.copy(EXAMPLE_TXT, folder / EXAMPLE_TXT.name)
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(tmp_path / "p.db")])
    assert "1 ingested" in result.output and "not_a_report 1" in result.output
    db = sqlite3.connect(tmp_path / "p.db")
    assert db.execute("select error_kind from ingest_errors where file_name = 'readme.md'").fetchone() == ("not_a_report",)
    assert db.execute("select count(*) from reports").fetchone()[0] == 1


def test_eta_comes_from_measured_throughput():
    # planned at t=0; the first extraction completes at t=10 (it paid for starting the workers)
    clock = iter([10.0, 10.5, 11.0, 11.5]).__next__
    p = Progress(10, stream=StringIO(), clock=clock)
    p.advance()  # a skipped, unchanged file
    p.advance()
    p.plan(8)
    assert p.eta() is None  # nothing measured yet: no guess
    for _ in range(4):
        p.advance()
    # 3 documents in 1.5 s after the first: 2 per second, 4 left → 2 s (time so far / done: 11.5 s)
    assert p.rate() == pytest.approx(2.0) and p.eta() == pytest.approx(2.0)
    assert "about 2 s left" in p.line() and "6/10 files" in p.line()


# ------------------------------------------------------------------ serve
@pytest.mark.slow
def test_serve_checks_the_port_first(tmp_path):
    db = tmp_path / "performance.db"
    store.open_db(db)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        p = run("serve", "--db", db, "--port", port, timeout=60)
    err = short_error(p, 1)
    assert f"port {port} is in use" in err and "try --port" in err and "Serving" not in err
    assert "extractor render" in short_error(run("serve", "--db", db, "--rendered", tmp_path / "none"), 2)


def test_serve_leaves_no_temporary_files(tmp_path):
    db = tmp_path / "performance.db"
    store.open_db(db)
    before = set(glob.glob("/tmp/extractor-metadata-*"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "extractor", "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/-/versions.json", timeout=1)
                break
            except OSError:
                assert proc.poll() is None, proc.stderr.read()
                time.sleep(0.2)
        assert set(glob.glob("/tmp/extractor-metadata-*")) == before
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=20)
    assert set(glob.glob("/tmp/extractor-metadata-*")) == before


def test_storage_problems_are_named():
    assert cli_module.storage_problem(sqlite3.OperationalError("database or disk is full")) == "disk full"
    assert cli_module.storage_problem(sqlite3.OperationalError("disk I/O error")) == "disk I/O error"
    assert cli_module.storage_problem(OSError(28, "No space left on device")) == "disk full"
    assert cli_module.storage_problem(sqlite3.OperationalError("no such table: x")) is None
