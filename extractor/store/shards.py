"""Parquet shards: every table of a batch as Parquet files that merge across machines.

Layout of a shard folder (``extractor ingest ... --parquet DIR``)::

    DIR/<table>/year=<fiscal year>/part-<batch>-<n>.parquet    every table of store/rows.py
    DIR/ingest_errors/part-<batch>-<n>.parquet                 failed files

``<batch>`` is the UTC time the run started (to the microsecond) plus a random suffix, so folders written on many machines
(or many runs) never overwrite each other. Rows keep the ids local to their document
(store/rows.py: its first report is id 1, ...) and carry ``doc_key``: the document's SHA-256,
then a short hash of its path and batch. (table, doc_key, id) is unique across every shard ever
written, so shards merge without id clashes; join tables on doc_key plus the id columns. A year
partition holds the rows of that year's reports (documents and source_tables: the year of the
document's first report; no year: ``year=__HIVE_DEFAULT_PARTITION__``, which DuckDB and pyarrow
read as NULL).

A file ingested again (changed, or after a pattern update) gets a new documents row in a later
batch; readers take the latest row per path (the latest batch, then ``ingested_at``) and only the
rows of its doc_key. ``ShardWriter`` is the batch's sink (the same interface as ingest.DatabaseSink);
``read_shards`` gives loading (``extractor load``) each current document's rows, a part at a time.
"""
from __future__ import annotations

import hashlib
import uuid
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from .. import rules
from ..version import __version__
from ..errors import ShardError
from .rows import DOCUMENT_TABLES, DocumentRows, columns, with_search_words
from .schema import SCHEMA

NULL_YEAR = "__HIVE_DEFAULT_PARTITION__"
FLUSH_DOCUMENTS = 500  # documents buffered before a part is written: bounds the writer's memory
DOCUMENT_EXTRA = ("batch", "part")  # columns only the shard's documents rows carry
ERROR_COLUMNS = ["path", "file_name", "error_kind", "message", "at", "extractor_version", "batch"]


def _arrow():
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ModuleNotFoundError as e:
        raise ShardError("Parquet shards need pyarrow: pip install 'extractor[parquet]'") from e
    return pa, pq


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def shard_columns(table: str) -> list[str]:
    """The columns of ``table`` in a shard: doc_key, then the table's own (documents: + batch, part)."""
    if table == "ingest_errors":
        return ERROR_COLUMNS
    extra = list(DOCUMENT_EXTRA) if table == "documents" else []
    return ["doc_key", *columns(table), *extra]


def _schema(table: str):
    pa, _ = _arrow()
    kinds = {int: pa.int64(), float: pa.float64(), str: pa.string()}
    spec = SCHEMA.get(table, {}).get("columns", {})
    return pa.schema([(c, kinds[spec.get(c, str)]) for c in shard_columns(table)])


def doc_key(sha256: str, path: str, batch: str) -> str:
    """The key of one extraction of one file: its SHA-256, then 16 hex digits of path and batch."""
    tail = hashlib.sha256(f"{path}\n{batch}".encode()).hexdigest()[:16]
    return f"{sha256}-{tail}"


def _year_dir(year) -> str:
    return f"year={NULL_YEAR if year is None else int(year)}"


def _latest(rows: list[dict]) -> dict[str, dict]:
    """The latest row per path: of the latest batch (batches are named by their start time, to
    the microsecond), then the latest ingested_at / at."""
    out: dict[str, dict] = {}
    for r in rows:
        old = out.get(r["path"])
        if old is None or _stamp(r) >= _stamp(old):
            out[r["path"]] = r
    return out


def _stamp(r: dict) -> tuple[str, str]:
    return (r.get("batch") or "", r.get("ingested_at") or r.get("at") or "")


def _read_all(folder: Path, table: str) -> list[dict]:
    """Every row of ``table`` in a shard folder (all years, all batches)."""
    _, pq = _arrow()
    rows = []
    for f in sorted((folder / table).rglob("*.parquet")):
        rows.extend(pq.read_table(f).to_pylist())
    return rows


def current_documents(folder: str | Path) -> dict[str, dict]:
    """path → the latest record of that path in a shard folder: its documents row, or its
    ingest_errors row (with ``error_kind``) when the file last failed."""
    folder = Path(folder)
    docs = _latest(_read_all(folder, "documents"))
    errors = _latest(_read_all(folder, "ingest_errors"))
    for path, e in errors.items():
        d = docs.get(path)
        if d is None or _stamp(e) > _stamp(d):
            docs[path] = e
    return docs


class ShardWriter:
    """A batch's sink that writes Parquet shards (see the module doc); the same interface as
    ingest.DatabaseSink: state, save, error, finish."""

    def __init__(self, folder: str | Path, flush_every: int = FLUSH_DOCUMENTS):
        _arrow()  # fail before any work when pyarrow is missing
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.batch = f"{datetime.now(timezone.utc):%Y%m%dT%H%M%S%fZ}-{uuid.uuid4().hex[:8]}"
        self.flush_every = flush_every
        self.parts = 0
        self._known: dict[str, dict] | None = None
        self._reset()

    def _reset(self) -> None:
        self.buffer: dict[tuple[str, str], list[tuple]] = defaultdict(list)  # (table, year dir) → rows
        self.errors: list[tuple] = []
        self.documents = 0

    @property
    def part(self) -> str:
        """The name of the part being filled: <batch>-<n>."""
        return f"{self.batch}-{self.parts:04d}"

    def state(self, key: str) -> dict | None:
        """What the folder knows of a source: its latest documents row (None when it last failed)."""
        if self._known is None:
            self._known = current_documents(self.folder)
        state = self._known.get(key)
        return None if state is None or "error_kind" in state else state

    def save(self, key: str, rows: DocumentRows, size: int, mtime: float) -> int:
        """Buffer one document's rows (written with the next part); returns how many reports it has."""
        rows = with_search_words(rows)
        doc = rows.document()
        doc.update(path=key, size_bytes=size, mtime=mtime, ingested_at=_now(), extractor_version=__version__,
                   patterns_version=rules.fingerprint())
        dk = doc_key(doc["sha256"], key, self.batch)
        years = rows.years()
        doc_year = _year_dir(years[0] if years else None)
        self.buffer[("documents", doc_year)].append(
            (dk, *(doc[c] for c in columns("documents")), self.batch, self.part))
        for table in DOCUMENT_TABLES[1:]:
            cols = columns(table)
            if table == "source_tables":
                where = lambda t: doc_year  # noqa: E731
            else:
                ri = cols.index("id" if table == "reports" else "report_id")
                where = lambda t: _year_dir(years[t[ri] - 1])  # noqa: E731
            for t in rows.tables.get(table, ()):
                self.buffer[(table, where(t))].append((dk, *t))
        self.documents += 1
        if self.documents >= self.flush_every:
            self.flush()
        return rows.count("reports")

    def error(self, key: str, kind: str, message: str) -> None:
        """Buffer an ingest_errors row for a failed source."""
        self.errors.append((key, Path(key.split("!/")[-1]).name, kind, message, _now(), __version__, self.batch))

    def flush(self) -> list[Path]:
        """Write the buffered rows as one part per table and year; returns the files written."""
        pa, pq = _arrow()
        written = []
        name = f"part-{self.part}.parquet"
        for (table, year), tuples in sorted(self.buffer.items()):
            written.append(self._write(pa, pq, table, self.folder / table / year / name, tuples))
        if self.errors:
            written.append(self._write(pa, pq, "ingest_errors", self.folder / "ingest_errors" / name, self.errors))
        if written:
            self.parts += 1
        self._reset()
        return written

    @staticmethod
    def _write(pa, pq, table: str, path: Path, tuples: list[tuple]) -> Path:
        schema = _schema(table)
        arrays = [pa.array([t[i] for t in tuples], type=schema.field(i).type) for i in range(len(schema))]
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        pq.write_table(pa.Table.from_arrays(arrays, schema=schema), tmp)
        tmp.replace(path)  # a reader never sees half a file
        return path

    def finish(self) -> None:
        """Write what is still buffered."""
        self.flush()


def read_shards(folder: str | Path, wanted: dict[str, dict]) -> Iterator[tuple[dict, DocumentRows]]:
    """(documents row, its DocumentRows) of each document in ``wanted`` (path → the documents row
    from current_documents), read one part at a time, in path order within a part."""
    _, pq = _arrow()
    folder = Path(folder)
    if not (folder / "documents").is_dir():
        raise ShardError(f"{folder}: not a folder of Parquet shards (no documents/ in it);"
                         " write one with `extractor ingest ... --parquet DIR`")
    by_part: dict[str, dict[str, dict]] = defaultdict(dict)
    for doc in wanted.values():
        by_part[doc["part"]][doc["doc_key"]] = doc
    for part, docs in sorted(by_part.items()):
        tables: dict[str, dict[str, list[tuple]]] = {t: defaultdict(list) for t in DOCUMENT_TABLES}
        for table in DOCUMENT_TABLES:
            n = len(columns(table))
            for f in sorted((folder / table).glob(f"*/part-{part}.parquet")):
                data = pq.read_table(f).to_pydict()
                keys = data["doc_key"]
                cols = [data[c] for c in columns(table)]
                for i, k in enumerate(keys):
                    if k in docs:
                        tables[table][k].append(tuple(cols[j][i] for j in range(n)))
        for key, doc in sorted(docs.items(), key=lambda kv: kv[1]["path"]):
            rows = DocumentRows({t: sorted(tables[t].get(key, []), key=lambda r: r[0]) for t in DOCUMENT_TABLES})
            if rows.tables["documents"]:
                yield doc, rows
