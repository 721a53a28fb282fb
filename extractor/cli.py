"""Command line: a thin layer over the library. Each command opens the database, calls one
library function and turns library errors into clean messages (tracebacks only with --debug)."""
from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict
from pathlib import Path

import click

from . import __version__
from .errors import ExtractorError
from .read import Limits


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


@click.group()
@click.version_option(__version__, prog_name="extractor")
def cli():
    """Turn 绩效自评报告 (budget performance self-assessment reports) into a SQLite database."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--db", "db_path", type=click.Path(path_type=Path), help="SQLite file to write.")
@click.option("--force", is_flag=True, help="Re-extract every file, changed or not.")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of recording internal errors.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
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

    Example: extractor ingest corpus/ --db reports.db
    """
    from . import store
    from .errors import EngineError, ShardError
    from .ingest import find_sources, ingest_paths

    if (db_path is None) == (parquet_dir is None):
        raise click.UsageError("give either --db FILE or --parquet DIR")
    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    limits = _limits(kw)
    try:
        files = list(find_sources(paths, exclude))
    except FileNotFoundError as e:
        raise click.ClickException(str(e))
    try:
        if parquet_dir is not None:
            from .store.shards import ShardWriter

            target = ShardWriter(parquet_dir)
        else:
            target = store.open_db(db_path)
        show = not quiet and sys.stderr.isatty()
        with click.progressbar(length=len(files), label="ingesting", file=sys.stderr,
                               hidden=not show) as bar:
            summary = ingest_paths(target, files, limits, force, on_file=lambda p: bar.update(1), debug=debug,
                                   jobs=jobs, engine=engine, scheduler=scheduler)
    except (EngineError, ShardError) as e:
        raise click.ClickException(str(e))
    click.echo(summary.line())
    for kind, message in summary.error_messages:
        click.echo(f"  error {kind}: {message}", err=True)


@cli.command()
@click.argument("folders", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--db", "db_path", required=True, type=click.Path(path_type=Path), help="SQLite file to write.")
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

    db = store.open_db(db_path)
    try:
        summary = load_shards(db, folders, force=force)
    except ShardError as e:
        raise click.ClickException(str(e))
    click.echo(summary.line())


@cli.command()
@click.option("--db", "db_path", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def check(db_path):
    """Recompute every cross-check finding in a database (idempotent).

    Example: extractor check --db reports.db
    """
    from . import store
    from .recheck import check_all

    db = store.open_db(db_path)
    total = check_all(db)
    click.echo(f"{store.counts(db)['reports']} reports checked, {total} findings")
    for rule, severity, n in store.findings_by_rule(db):
        click.echo(f"  {rule} ({severity}): {n}")


@cli.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--text/--no-text", default=False, help="Include the normalized text.")
@limit_options
def extract(path, text, **kw):
    """Print one document's extraction as JSON, without a database.

    Example: extractor extract corpus/report.txt | jq '.reports[0].facts'
    """
    from .pipeline import extract as run

    try:
        extraction = run(path, _limits(kw))
    except ExtractorError as e:
        raise click.ClickException(f"{e.kind}: {e}")
    data = asdict(extraction)
    if not text:
        for r in data["reports"]:
            r.pop("text")
    click.echo(json.dumps(data, ensure_ascii=False, indent=1))


@cli.command()
@click.option("--db", "db_path", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--overrides", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
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

    Example: extractor units --db reports.db --overrides units.toml --apply
    """
    from . import linking, store

    db = store.open_db(db_path)
    try:
        lines = linking.units_command(db, overrides, apply_)
    except ValueError as e:
        raise click.ClickException(str(e))
    for line in lines:
        click.echo(line)


@cli.command()
@click.option("--db", "db_path", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path))
@click.option("--report", "report_id", type=int, default=None, help="Render only this report id.")
def render(db_path, out_dir, report_id):
    """Regenerate reports as normalized HTML, Markdown and DOCX, plus a review page per report
    that highlights every extracted span, and an index.html.

    Example: extractor render --db reports.db --out rendered/
    """
    from .errors import NoDatabase, NoSuchReport
    from .publish.render import render_all, render_report

    try:
        paths = render_report(db_path, report_id, out_dir) if report_id else render_all(db_path, out_dir)
    except (NoSuchReport, NoDatabase) as e:
        raise click.ClickException(str(e))
    click.echo(f"{len(paths)} files written to {out_dir}")


@cli.command()
@click.option("--db", "db_path", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet"]), default="csv", show_default=True)
def export(db_path, out_dir, fmt):
    """Export the comparable dataset: reports_wide (one row per report, every fact a column), long
    tables of facts, projects, outputs, indicators and findings, and a data dictionary.

    Example: extractor export --db reports.db --out dataset/ --format parquet
    """
    from .errors import ExportError, NoDatabase, PatternError
    from .publish.export import export as run

    try:
        paths = run(db_path, out_dir, fmt)
    except ModuleNotFoundError:
        raise click.ClickException("Parquet needs pyarrow: pip install 'extractor[parquet]'")
    except (ExportError, NoDatabase, PatternError) as e:
        raise click.ClickException(str(e))
    for path in paths:
        click.echo(str(path))


def main():
    """The ``extractor`` console script."""
    cli()


@cli.command()
@click.option("--db", "db_path", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind; keep 127.0.0.1 unless you mean to publish.")
@click.option("--port", default=8001, show_default=True, type=int)
@click.option("--rendered", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder of rendered reports (extractor render) to serve under /rendered/.")
def serve(db_path, host, port, rendered):
    """Browse a database in Datasette with our metadata, canned queries and charts (read-only).

    Example: extractor serve --db reports.db --port 8001
    """
    from .publish.serve import datasette_command

    args = datasette_command(db_path, host, port, rendered)
    click.echo(f"Serving {db_path} at http://{host}:{port}/", err=True)
    os.execv(args[0], args)
