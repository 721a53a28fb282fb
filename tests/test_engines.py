"""One archive, three ways to the same database: the local path (--jobs 2), Dask tasks on a
LocalCluster, and Parquet shards written by Dask then loaded (extractor load). Per table the same
row counts, value sums and rows (ids aside), the same findings per rule, the same units, the same
copies of one report. Plus the shards' own promises: incremental, mergeable, readable by DuckDB.
"""
from __future__ import annotations

import json
import math
import shutil
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from extractor import store
from extractor.ingest import find_sources, ingest_paths, load_shards
from extractor.read import Limits
from extractor.store.shards import ShardWriter, current_documents

from .conftest import CORPUS, EXAMPLE_STEM, load_script

pytestmark = pytest.mark.slow
distributed = pytest.importorskip("distributed", reason="--engine dask needs pip install 'extractor[dask]'")

# Columns that differ between two runs over the same bytes (clocks, versions) or with the order in
# which documents were stored (row ids and the ids that point at them).
VOLATILE = {"ingested_at", "at", "extractor_version", "patterns_version", "evidence"}


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """A few generated reports (3 units × 2 years, TXT) plus the user's 2024 report as TXT,
    GB18030 TXT, DOCX and PDF (one report, four copies) and one broken file."""
    out = tmp_path_factory.mktemp("engines") / "archive"
    load_script("make_archive").generate(out, units=3, years=range(2023, 2025), seed=5, formats=("txt",))
    for suffix in (".txt", ".gbk.txt", ".docx", ".pdf"):
        shutil.copy(CORPUS / f"{EXAMPLE_STEM}{suffix}", out / f"{EXAMPLE_STEM}{suffix}")
    (out / "truncated.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<<")
    return out


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c


def _ingest(db_path: Path, archive: Path, **kw):
    db = store.open_db(db_path)
    return db, ingest_paths(db, list(find_sources([archive])), Limits(), **kw)


@pytest.fixture(scope="module")
def databases(archive, cluster, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("dbs")
    local, s_local = _ingest(tmp / "local.db", archive, jobs=2)
    dask, s_dask = _ingest(tmp / "dask.db", archive, jobs=2, engine="dask", scheduler=cluster.scheduler_address)
    shards = tmp / "shards"
    s_shards = ingest_paths(ShardWriter(shards), list(find_sources([archive])), Limits(), jobs=2,
                            engine="dask", scheduler=cluster.scheduler_address)
    loaded = store.open_db(tmp / "loaded.db")
    s_load = load_shards(loaded, [shards])
    return {"local": (local, s_local), "dask": (dask, s_dask), "parquet": (loaded, s_load)}, shards, s_shards


def _numeric(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def profile(db) -> dict:
    """What must agree between the paths: per table the row count, the sum of every numeric column
    that is not an id, and the sorted rows without ids; findings per rule; units; copies."""
    conn = db.conn
    out = {}
    tables = [r[0] for r in conn.execute(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '%_fts%'")]
    for table in sorted(tables):
        cols = [r[1] for r in conn.execute(f"pragma table_info([{table}])")]
        keep = [c for c in cols if c not in VOLATILE and c != "id" and not c.endswith("_id") and c != "duplicate_of"]
        if not keep:  # a table of ids only (pending_links): its count says enough
            out[table] = conn.execute(f"select count(*) from [{table}]").fetchone()[0]
            continue
        rows = conn.execute(f"select {', '.join(f'[{c}]' for c in keep)} from [{table}]").fetchall()
        sums = {c: round(math.fsum(r[i] for r in rows if _numeric(r[i])), 6) for i, c in enumerate(keep)}
        out[table] = {"count": len(rows), "sums": sums,
                      "rows": sorted(json.dumps(r, ensure_ascii=False, default=str) for r in rows)}
    out["findings_by_rule"] = Counter(r[0] for r in conn.execute("select rule from findings"))
    out["units"] = sorted(conn.execute("select canonical_name, region, years, n_reports from units").fetchall())
    out["copies"] = sorted(conn.execute(
        "select d.file_name, h.file_name from reports r join documents d on d.id = r.document_id"
        " join reports c on c.id = r.duplicate_of join documents h on h.id = c.document_id").fetchall())
    return out


def test_the_three_paths_give_the_same_database(databases):
    dbs, _, _ = databases
    profiles = {name: profile(db) for name, (db, _) in dbs.items()}
    local = profiles["local"]
    assert local["documents"]["count"] == _n_good(dbs) and local["ingest_errors"]["count"] == 1
    assert local["findings_by_rule"]  # the generated reports have findings to compare
    for name in ("dask", "parquet"):
        other = profiles[name]
        for table in local:
            if isinstance(local[table], dict) and "count" in local[table]:
                assert other[table]["count"] == local[table]["count"], (name, table)
                assert other[table]["sums"] == local[table]["sums"], (name, table)
                assert other[table]["rows"] == local[table]["rows"], (name, table)
        for key in ("findings_by_rule", "units", "copies"):
            assert other[key] == local[key], (name, key)


def _n_good(dbs) -> int:
    """How many documents of the archive read well (all but the broken PDF)."""
    return dbs["local"][1].ingested


def test_the_users_report_is_one_canonical_and_three_copies(databases):
    dbs, _, _ = databases
    for name, (db, _) in dbs.items():
        rows = db.execute(
            "select d.format, r.duplicate_of is null from reports r join documents d on d.id = r.document_id"
            " where d.file_name like ?", [f"{EXAMPLE_STEM}%"]).fetchall()
        assert sorted(rows) == [("docx", 1), ("pdf", 0), ("txt", 0), ("txt", 0)], name


def test_summaries_agree(databases):
    dbs, _, s_shards = databases
    lines = {name: s.line() for name, (_, s) in dbs.items()}
    assert lines["local"] == lines["dask"] == s_shards.line()
    n = _n_good(dbs)
    assert n >= 10 and lines["parquet"].startswith(f"{n + 1} files: {n} ingested, 0 unchanged, 1 errors")


def test_shards_are_incremental_and_load_is_idempotent(archive, databases, cluster):
    dbs, shards, _ = databases
    again = ingest_paths(ShardWriter(shards), list(find_sources([archive])), Limits(), jobs=1)
    n = _n_good(dbs)
    assert (again.ingested, again.unchanged, again.errors) == (0, n, 1)  # the broken file is tried again
    db, _ = dbs["parquet"]
    before = profile(db)
    summary = load_shards(db, [shards])
    assert (summary.ingested, summary.unchanged) == (0, n)
    assert profile(db) == before


def test_shards_from_two_machines_merge(archive, databases, tmp_path):
    """Two folders written separately (two machines, each half of the archive) load into one
    database with every document once: rows are keyed by the document's SHA-256, not by an id."""
    sources = list(find_sources([archive]))
    a, b = tmp_path / "a", tmp_path / "b"
    ingest_paths(ShardWriter(a), sources[::2], Limits(), jobs=1)
    ingest_paths(ShardWriter(b), sources[1::2], Limits(), jobs=1)
    db = store.open_db(tmp_path / "merged.db")
    summary = load_shards(db, [a, b])
    assert summary.ingested == _n_good(databases[0]) and summary.errors == 1
    whole = store.open_db(tmp_path / "whole.db")
    ingest_paths(whole, sources, Limits(), jobs=1)
    assert profile(db) == profile(whole)
    keys = [d["doc_key"] for d in current_documents(a).values() if "doc_key" in d]
    assert all(len(k) == 64 + 1 + 16 for k in keys)


def test_a_changed_file_replaces_its_rows_in_the_shards(archive, databases, tmp_path):
    folder = tmp_path / "copy"
    shutil.copytree(archive, folder)
    shards = tmp_path / "shards"
    ingest_paths(ShardWriter(shards), list(find_sources([folder])), Limits(), jobs=1)
    target = next(folder.rglob("*.txt"))
    target.write_text(target.read_text(encoding="utf-8").replace("万元", "万元 ", 1), encoding="utf-8")
    again = ingest_paths(ShardWriter(shards), list(find_sources([folder])), Limits(), jobs=1)
    assert again.ingested == 1
    db = store.open_db(tmp_path / "db.db")
    load_shards(db, [shards])
    assert db["documents"].count == _n_good(databases[0])
    [(sha,)] = db.execute("select sha256 from documents where path = ?", [str(target.resolve())]).fetchall()
    import hashlib

    assert sha == hashlib.sha256(target.read_bytes()).hexdigest()


def test_duckdb_reads_the_shards_directly(databases):
    duckdb = pytest.importorskip("duckdb")
    dbs, shards, _ = databases
    con = duckdb.connect()
    glob = lambda t: str(shards / t / "*" / "*.parquet")  # noqa: E731
    n_reports, total = con.execute(
        f"select count(distinct r.doc_key), sum(f.value) from read_parquet('{glob('reports')}', hive_partitioning = true) r"
        f" join read_parquet('{glob('facts')}', hive_partitioning = true) f on f.doc_key = r.doc_key and f.report_id = r.id"
        " where f.key = 'total_expenditure'").fetchone()
    db, _ = dbs["local"]
    expected = db.execute("select count(distinct report_id), sum(value) from facts where key = 'total_expenditure'").fetchone()
    assert n_reports == expected[0] and total == pytest.approx(expected[1])
    years = dict(con.execute(f"select year, count(*) from read_parquet('{glob('reports')}', hive_partitioning = true)"
                             " group by year").fetchall())
    assert years == dict(db.execute("select fiscal_year, count(*) from reports group by fiscal_year").fetchall())


def test_cli_ingest_dask_and_load(archive, cluster, tmp_path):
    from click.testing import CliRunner

    from extractor.cli import cli

    runner = CliRunner()
    one = [str(p) for p in sorted(archive.rglob("*.txt"))[:2]]
    result = runner.invoke(cli, ["ingest", *one, "--parquet", str(tmp_path / "s"), "--engine", "dask",
                                 "--scheduler", cluster.scheduler_address, "--quiet"])
    assert result.exit_code == 0, result.output
    assert "2 files: 2 ingested" in result.output
    result = runner.invoke(cli, ["load", str(tmp_path / "s"), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 0 and "2 ingested" in result.output, result.output
    result = runner.invoke(cli, ["ingest", *one, "--db", str(tmp_path / "y.db"), "--parquet", str(tmp_path / "s")])
    assert result.exit_code != 0 and "either --db FILE or --parquet DIR" in result.output
    result = runner.invoke(cli, ["load", str(tmp_path), "--db", str(tmp_path / "z.db")])
    assert result.exit_code != 0 and "not a folder of Parquet shards" in result.output
    with sqlite3.connect(tmp_path / "x.db") as conn:
        assert conn.execute("select count(*) from reports").fetchone()[0] == 2


def test_the_readme_duckdb_query_runs_on_shards(databases):
    duckdb = pytest.importorskip("duckdb")
    from .conftest import ROOT

    dbs, shards, _ = databases
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sql = readme.split("```sql\n", 1)[1].split("```", 1)[0]
    rows = duckdb.connect().execute(sql.replace("shards/*/", f"{shards.parent}/*/")).fetchall()
    db, _ = dbs["local"]
    expected = db.execute("select r.fiscal_year, r.report_kind, count(*), sum(f.value) from reports r join facts f"
                          " on f.report_id = r.id where f.key = 'total_expenditure' group by 1, 2 order by 1, 2").fetchall()
    assert [(y, k, n) for y, k, n, _ in rows] == [(y, k, n) for y, k, n, _ in expected]
    assert [t for *_, t in rows] == pytest.approx([t for *_, t in expected])


def test_engine_errors_are_clean(tmp_path, monkeypatch):
    """Without dask installed, or with a scheduler nobody runs, --engine dask says what to do."""
    import builtins

    from click.testing import CliRunner

    from extractor.cli import cli

    real_import = builtins.__import__

    def no_distributed(name, *args, **kw):
        if name.split(".")[0] == "distributed":
            raise ModuleNotFoundError(f"No module named {name!r}")
        return real_import(name, *args, **kw)

    monkeypatch.setattr(builtins, "__import__", no_distributed)
    result = CliRunner().invoke(cli, ["ingest", str(CORPUS / f"{EXAMPLE_STEM}.txt"), "--db", str(tmp_path / "a.db"),
                                      "--engine", "dask"])
    assert result.exit_code != 0 and "pip install 'extractor[dask]'" in result.output, result.output
    monkeypatch.setattr(builtins, "__import__", real_import)
    result = CliRunner().invoke(cli, ["ingest", str(CORPUS / f"{EXAMPLE_STEM}.txt"), "--db", str(tmp_path / "b.db"),
                                      "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code != 0 and "--scheduler needs --engine dask" in result.output
