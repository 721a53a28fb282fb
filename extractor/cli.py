"""Command line: a thin layer over the library. Each command checks its arguments, calls one
library function and turns failures into one or two lines that say what to do.

Exit codes: 0 done, 1 the run failed (a full disk, a busy port, a bad document for ``extract``),
2 bad usage (a missing file, a --db that cannot be a database), 130 stopped by Ctrl-C. No
traceback is printed without ``--debug`` (``extractor --debug COMMAND`` or ``COMMAND --debug``).
"""
from __future__ import annotations

import errno
import json
import os
import socket
import sqlite3
import sys
from dataclasses import asdict
from pathlib import Path

import click

from .version import __version__
from .errors import DatabaseUnusable, ExtractorError, NoSuchFinding
from .read import SUPPORTED_SUFFIXES, Limits

DEFAULT_DB = "performance.db"
INTERRUPTED = 130  # 128 + SIGINT, as a shell reports a command stopped by Ctrl-C


class UsageProblem(click.ClickException):
    """Bad usage: the message says what to give instead (exit 2)."""

    exit_code = 2


class RunFailed(click.ClickException):
    """The run failed: the message says what happened and what to do (exit 1, or ``code``)."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.exit_code = code


def limit_options(f):
    """Per-document safety limits shared by commands that read files."""
    f = click.option("--max-bytes", type=int, default=Limits.max_bytes, show_default=True,
                     help="Largest file to read, in bytes.")(f)
    f = click.option("--max-pages", type=int, default=Limits.max_pages, show_default=True,
                     help="Most pages to read from one PDF.")(f)
    f = click.option("--max-seconds", type=float, default=Limits.max_seconds, show_default=True,
                     help="Longest time to spend on one document.")(f)
    f = click.option("--max-inflated-bytes", type=int, default=Limits.max_inflated_bytes,
                     show_default=True, help="Largest uncompressed size of a DOCX/XLSX/ZIP.")(f)
    f = click.option("--ocr", type=click.Choice(["auto", "always", "never"]), default=Limits.ocr,
                     show_default=True,
                     help="OCR page images (needs pip install 'extractor[ocr]'): auto = only pages"
                          " without a usable text layer (scans, unmappable fonts), always = every page.")(f)
    return f


def _limits(kw) -> Limits:
    return Limits(
        max_bytes=kw.pop("max_bytes"), max_pages=kw.pop("max_pages"),
        max_seconds=kw.pop("max_seconds"), max_inflated_bytes=kw.pop("max_inflated_bytes"),
        ocr=kw.pop("ocr"),
    )


def db_option(create: bool = False):
    """``--db FILE``: checked by the command itself (``_db``), so every problem reads the same."""
    what = "SQLite file to write (created if missing)." if create else "Database built by `extractor ingest`."
    return click.option("--db", "db_path", required=True, type=click.Path(path_type=Path), help=what)


def _db(path: Path, create: bool = False) -> Path:
    """The --db path, or a UsageProblem saying why it cannot be a database and what to do."""
    from . import store

    try:
        return store.check_db_path(path, create=create)
    except DatabaseUnusable as e:
        raise UsageProblem(str(e)) from None


def _open(path: Path, create: bool = False):
    """Open the database at --db (checked first)."""
    from . import store

    _db(path, create)
    try:
        return store.open_db(path)
    except DatabaseUnusable as e:
        raise UsageProblem(str(e)) from None


def _existing(path: Path, what: str = "file") -> Path:
    if not path.exists():
        raise UsageProblem(f"{path}: no such {what}")
    return path


def storage_problem(e: BaseException) -> str | None:
    """'disk full' for SQLite's 'database or disk is full' and the system's no-space, quota and
    file-too-large errors; 'disk I/O error' for SQLite's (which is what a write past a file-size
    limit gives); None for anything else."""
    text = str(e).lower()
    if isinstance(e, sqlite3.Error):
        return "disk full" if "full" in text else "disk I/O error" if "disk i/o" in text else None
    if isinstance(e, OSError):
        if e.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
            return "disk full"
        if e.errno == errno.EIO:
            return "disk I/O error"
    return None


@click.group()
@click.version_option(__version__, prog_name="extractor")
@click.option("--debug", is_flag=True, help="Show a traceback when something fails unexpectedly.")
def cli(debug):
    """Turn 绩效自评报告 (budget performance self-assessment reports) into a SQLite database."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--db", "db_path", type=click.Path(path_type=Path),
              help="SQLite file to write (created if missing); or give --parquet.")
@click.option("--force", is_flag=True, help="Re-extract every file, changed or not.")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of recording internal errors.")
@click.option("--quiet", is_flag=True, help="No progress line.")
@click.option("--exclude", multiple=True, metavar="GLOB",
              help="Skip files whose path below a given folder matches, e.g. 'bad/*'. Repeatable.")
@click.option("--jobs", "-j", type=int, default=os.cpu_count() or 1, show_default="CPU count",
              help="Worker processes extracting in parallel (one writer stores).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where extraction runs: local worker processes, or Dask tasks (pip install 'extractor[dask]').")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="With --engine dask: the scheduler of an existing cluster (tcp://host:8786); default a"
                   " LocalCluster of --jobs workers.")
@click.option("--parquet", "parquet_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Write Parquet shards to this folder instead of a database (load them with `extractor load`).")
@limit_options
def ingest(paths, db_path, force, debug, quiet, exclude, jobs, engine, scheduler, parquet_dir, **kw):
    """Ingest files and folders (recursively) into a database, or into Parquet shards.

    Folders are walked recursively and .zip archives read member by member without unpacking.
    Unchanged files are skipped; a bad file is recorded in ingest_errors and the batch goes on.
    A second ingest into the same database waits for the first. Stopped by Ctrl-C or a full
    disk, every document stored so far stays: run the same command again to finish.

    Example: extractor ingest corpus/ --db performance.db
    """
    from . import store
    from .errors import EngineError, ShardError
    from .ingest import Summary, find_sources, ingest_paths
    from .progress import Progress

    if (db_path is None) == (parquet_dir is None):
        raise UsageProblem("give either --db FILE or --parquet DIR (a database, or shards to `extractor load` later); see `extractor ingest --help`")
    if scheduler and engine != "dask":
        raise UsageProblem("--scheduler needs --engine dask")
    limits = _limits(kw)
    try:
        files = list(find_sources(paths, exclude))
    except FileNotFoundError as e:
        raise UsageProblem(f"{e}; give files or folders of reports") from None
    if not files:
        suffixes = " ".join(sorted(SUPPORTED_SUFFIXES | {".zip"}))
        click.echo(f"warning: no report files in {' '.join(map(str, paths))} (looked for {suffixes});"
                   " nothing ingested, no database written", err=True)
        return
    summary = Summary()
    progress = Progress(len(files), enabled=not quiet and sys.stderr.isatty())

    def waiting(holder) -> None:
        click.echo(f"waiting: {store.describe_lock_holder(holder)} is writing to {db_path}", err=True)

    def run(target) -> None:
        ingest_paths(target, files, limits, force, on_file=progress.advance, debug=debug, jobs=jobs,
                     engine=engine, scheduler=scheduler, summary=summary, on_planned=progress.plan)

    try:
        if parquet_dir is not None:
            from .store.shards import ShardWriter

            run(ShardWriter(parquet_dir))
        else:
            _db(db_path, create=True)
            with store.writer_lock(db_path, on_wait=waiting):
                run(_open(db_path, create=True))
    except (EngineError, ShardError) as e:
        progress.close()
        raise RunFailed(str(e)) from None
    except KeyboardInterrupt:
        progress.close()
        raise RunFailed(f"stopped by Ctrl-C: {summary.ingested} documents stored; rerun to finish",
                        INTERRUPTED) from None
    except (sqlite3.Error, OSError) as e:
        progress.close()
        problem = storage_problem(e)
        if debug or problem is None:
            raise
        raise RunFailed(f"{problem} ({e}): {summary.ingested} documents stored; free some space"
                        " (or check the disk) and rerun to finish") from None
    progress.close()
    click.echo(summary.line())
    for kind, message in summary.error_messages:
        click.echo(f"  error {kind}: {message}", err=True)


@cli.command()
@click.argument("folders", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option(create=True)
@click.option("--force", is_flag=True, help="Load every document again, even those the database holds.")
@click.option("--quiet", is_flag=True, help="No progress output.")
def load(folders, db_path, force, quiet):
    """Load folders of Parquet shards (extractor ingest --parquet) into a database.

    Shards written on many machines merge: each file's latest extraction is loaded, then units
    and project series are linked, copies of one report marked and the prior-year rule run.

    Example: extractor load shards-a/ shards-b/ --db national.db
    """
    from . import store
    from .errors import ShardError
    from .ingest import load_shards

    for folder in folders:
        if not _existing(folder, "folder").is_dir():
            raise UsageProblem(f"{folder} is a file; `load` reads folders written by `ingest --parquet`")
    _db(db_path, create=True)
    try:
        with store.writer_lock(db_path):
            summary = load_shards(_open(db_path, create=True), folders, force=force)
    except ShardError as e:
        raise RunFailed(str(e)) from None
    click.echo(summary.line())


@cli.command()
@db_option()
def check(db_path):
    """Recompute every cross-check finding in a database (idempotent). Reviewers' marks stay.

    Example: extractor check --db performance.db
    """
    from . import store
    from .recheck import check_all

    _db(db_path)
    with store.writer_lock(db_path):
        db = _open(db_path)
        total = check_all(db)
    click.echo(f"{store.counts(db)['reports']} reports checked, {total} findings")
    for rule, severity, n in store.findings_by_rule(db):
        click.echo(f"  {rule} ({severity}): {n}")


@cli.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--text/--no-text", default=False, help="Include the normalized text.")
@limit_options
def extract(path, text, **kw):
    """Print one document's extraction as JSON, without a database.

    Example: extractor extract corpus/report.txt | jq '.reports[0].facts'
    """
    from .pipeline import extract as run

    if _existing(path).is_dir():
        raise UsageProblem(f"{path} is a folder; `extract` reads one file (`ingest` reads folders)")
    try:
        extraction = run(path, _limits(kw))
    except ExtractorError as e:
        raise RunFailed(f"{e.kind}: {e}") from None
    data = asdict(extraction)
    if not text:
        for r in data["reports"]:
            r.pop("text")
    click.echo(json.dumps(data, ensure_ascii=False, indent=1))


@cli.command()
@db_option()
@click.option("--overrides", type=click.Path(path_type=Path), default=None,
              help="TOML or CSV of manual decisions: merge a name into a unit, or keep two names apart.")
@click.option("--apply", "apply_", is_flag=True,
              help="Store units, aliases, reports.unit_id and project series (default: show them, write nothing).")
def units(db_path, overrides, apply_):
    """Link each unit's reports across years, and its projects across years.

    Reports whose unit is written differently (株洲市渌口区交通事务中心 / 渌口区交通事务中心 /
    区交通事务中心 / 本级) become one unit; the same project under drifting names becomes one
    series with its cumulative spending. Prints every unit with its names and years, then the
    merges that need a person's decision (write them in an --overrides file). `ingest` links
    automatically; use --overrides with --apply to correct the linker.

    Example: extractor units --db performance.db --overrides units.toml --apply
    """
    from . import linking, store

    if overrides is not None:
        _existing(overrides)
    _db(db_path)
    with store.writer_lock(db_path):
        db = _open(db_path)
        try:
            lines = linking.units_command(db, overrides, apply_)
        except ValueError as e:
            raise UsageProblem(str(e)) from None
    for line in lines:
        click.echo(line)


@cli.command()
@db_option()
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path))
@click.option("--report", "report_id", type=int, default=None, help="Render only this report id.")
def render(db_path, out_dir, report_id):
    """Regenerate reports as normalized HTML, Markdown and DOCX, plus a review page per report
    that highlights every extracted span, and an index.html.

    Example: extractor render --db performance.db --out rendered/
    """
    from .errors import NoDatabase, NoSuchReport
    from .publish.render import render_all, render_report

    _db(db_path)
    try:
        paths = render_report(db_path, report_id, out_dir) if report_id else render_all(db_path, out_dir)
    except (NoSuchReport, NoDatabase) as e:
        raise UsageProblem(str(e)) from None
    click.echo(f"{len(paths)} files written to {out_dir}")


@cli.command()
@db_option()
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet"]), default="csv", show_default=True)
def export(db_path, out_dir, fmt):
    """Export the comparable dataset: reports_wide (one row per report, every fact a column), long
    tables of facts, projects, outputs, indicators and findings (with reviewers' marks), and a
    data dictionary.

    Example: extractor export --db performance.db --out dataset/ --format parquet
    """
    from .errors import ExportError, NoDatabase, PatternError
    from .publish.export import export as run

    _db(db_path)
    try:
        paths = run(db_path, out_dir, fmt)
    except ModuleNotFoundError:
        raise RunFailed("Parquet needs pyarrow: pip install 'extractor[parquet]'") from None
    except (ExportError, NoDatabase, PatternError) as e:
        raise RunFailed(str(e)) from None
    for path in paths:
        click.echo(str(path))


@cli.command()
@db_option()
@click.argument("finding", required=False)
@click.argument("status", required=False, type=click.Choice(["confirmed", "false_alarm", "false-alarm"]))
@click.option("--note", default="", help="Why: what the reviewer found in the report.")
@click.option("--reviewer", default=lambda: os.environ.get("USER", ""), show_default="$USER",
              help="Who marks it.")
@click.option("--clear", is_flag=True, help="Remove the finding's mark.")
@click.option("--all", "show_all", is_flag=True, help="List reviewed findings too.")
def review(db_path, finding, status, note, reviewer, clear, show_all):
    """Mark findings confirmed or false alarms, or list those still to review.

    Without FINDING: the findings not yet reviewed, most severe first (--all: every finding with
    its mark). FINDING is a finding id or 6+ hex digits of its fingerprint; STATUS is
    confirmed or false_alarm. A mark is keyed by the finding's fingerprint, so re-ingest and
    `extractor check` keep it; `serve` shows the same queue at /-/findings.

    Example: extractor review --db performance.db 12 false_alarm --note "合计含上年结转"
    """
    from . import store

    db = _open(db_path)
    if finding is None:
        if status or clear or note:
            raise UsageProblem("name the finding to mark: extractor review --db FILE FINDING STATUS")
        _print_queue(db, "all" if show_all else "open")
        return
    try:
        if clear:
            gone = store.clear_review(db, finding)
            click.echo(f"finding {finding}: mark removed" if gone else f"finding {finding} had no mark")
        elif status:
            mark = store.save_review(db, finding, status.replace("-", "_"), note, reviewer)
            click.echo(f"finding {finding} ({mark['rule']}, {mark['unit_name'] or '?'} {mark['fiscal_year'] or ''})"
                       f" marked {mark['status']}; fingerprint {mark['fingerprint'][:12]}")
        else:
            f = store.find_finding(db, finding)
            click.echo(f"{f['id']} {f['fingerprint'][:12]} {f['severity']} {f['rule']}"
                       f" {f['unit_name'] or '?'} {f['fiscal_year'] or ''}\n  {f['message']}")
            click.echo("  mark it: extractor review --db FILE "
                       f"{f['id']} confirmed|false_alarm --note TEXT", err=True)
    except NoSuchFinding as e:
        raise UsageProblem(str(e)) from None


def _print_queue(db, reviewed: str) -> None:
    """One line per finding: id, fingerprint, severity, rule, unit and year, message, mark."""
    from . import store

    rows = store.findings_queue(db, reviewed=reviewed, limit=10_000)
    counts = store.queue_counts(db)
    for f in rows:
        mark = f"  [{f['review_status']}: {f['review_note']}]" if f["review_status"] else ""
        message = (f["message"] or "").replace("\n", " ")
        message = message if len(message) <= 70 else message[:69] + "…"
        click.echo(f"{f['id']:>5} {f['fingerprint'][:8]} {f['severity']:<7} {f['rule']:<24}"
                   f" {f['unit_name'] or '?'} {f['fiscal_year'] or ''}  {message}{mark}")
    click.echo(f"{counts['open']} to review, {counts['reviewed']} reviewed ({counts['confirmed']} confirmed,"
               f" {counts['false_alarm']} false alarms) of {counts['total']} findings", err=True)


@cli.command()
@db_option()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; keep 127.0.0.1 unless you mean to publish (marking findings is then off).")
@click.option("--port", default=8001, show_default=True, type=int)
@click.option("--rendered", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder of rendered reports (extractor render) to serve under /rendered/.")
def serve(db_path, host, port, rendered):
    """Browse a database in Datasette with our metadata, pages, canned queries and charts.

    Reviewers mark findings at /-/findings; marking is on only when bound to 127.0.0.1.

    Example: extractor serve --db performance.db --port 8001
    """
    from .publish.serve import serve as run

    _db(db_path)
    if rendered is not None and not (rendered / "index.html").is_file():
        raise UsageProblem(f"{rendered}: no rendered reports there; make them with"
                           f" `extractor render --db {db_path} --out {rendered}`")
    problem = port_problem(host, port)
    if problem:
        raise RunFailed(problem)
    click.echo(f"Serving {db_path} at http://{host}:{port}/ (Ctrl-C stops)", err=True)
    run(db_path, host, port, rendered)


def port_problem(host: str, port: int) -> str | None:
    """Why ``host:port`` cannot be served (in use, not an address of this machine), with the next
    free port to try; None when it can."""
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
            s.bind((host, port))
    except OSError as e:
        if e.errno != errno.EADDRINUSE:
            return f"cannot listen on {host}:{port} ({e.strerror or e}); try --host 127.0.0.1"
        return f"port {port} is in use on {host} (another extractor serve?); try --port {_free_port(host, port)}"
    return None


def _free_port(host: str, after: int) -> int:
    for port in range(after + 1, after + 100):
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
            try:
                s.bind((host, port))
                return port
            except OSError:
                continue
    return 0


def main(argv: list[str] | None = None) -> None:
    """The ``extractor`` console script: click's own usage errors in two lines, library and
    unexpected errors without a traceback unless --debug, Ctrl-C as exit 130."""
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    try:
        code = cli.main(args=args, prog_name="extractor", standalone_mode=False)
    except click.exceptions.Exit as e:
        sys.exit(e.exit_code)
    except click.UsageError as e:
        where = e.ctx.command_path if e.ctx else "extractor"
        click.echo(f"Error: {e.format_message()}\n  (see: {where} --help)", err=True)
        sys.exit(2)
    except click.ClickException as e:
        e.show()
        sys.exit(e.exit_code)
    except (KeyboardInterrupt, click.Abort):
        click.echo("stopped by Ctrl-C", err=True)
        sys.exit(INTERRUPTED)
    except BrokenPipeError:  # `extractor extract … | head`
        sys.stderr.close()
        sys.exit(1)
    except Exception as e:  # noqa: BLE001 - a bug of ours: one line and how to report it
        if debug:
            raise
        if storage_problem(e):
            click.echo(f"Error: {storage_problem(e)} ({e}); free some space (or check the disk) and rerun", err=True)
        else:
            click.echo(f"Error: {type(e).__name__}: {e}\n  this is a bug of extractor: rerun with --debug and report it",
                       err=True)
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)
