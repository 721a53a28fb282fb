"""Ingest benchmark: documents/s, pages/s and peak memory for a folder (default: corpus/).

    python bench/ingest.py [FOLDER] [--repeat N]

Prints figures; asserts nothing (targets live in the README and the closing notes).
"""
from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor import store  # noqa: E402
from extractor.errors import ExtractorError  # noqa: E402
from extractor.ingest import find_files, ingest_paths  # noqa: E402
from extractor.pipeline import extract  # noqa: E402


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", default=str(ROOT / "corpus"))
    ap.add_argument("--repeat", type=int, default=5, help="extraction passes over the folder")
    args = ap.parse_args(argv)
    files = list(find_files([args.folder]))
    extract(files[0]) if files else None  # warm up: spaCy, jieba, regex compilation

    by_format: dict[str, list[float]] = {}
    docs = pages = errors = 0
    t0 = time.perf_counter()
    for _ in range(args.repeat):
        for f in files:
            t = time.perf_counter()
            try:
                ex = extract(f)
            except ExtractorError:
                errors += 1
                continue
            by_format.setdefault(ex.document.format, []).append(time.perf_counter() - t)
            docs += 1
            pages += ex.document.pages
    elapsed = time.perf_counter() - t0
    print(f"extract: {len(files)} files x {args.repeat} passes, {docs} documents, {pages} pages, {errors} errors")
    print(f"  {docs / elapsed:.1f} documents/s, {pages / elapsed:.1f} pages/s")
    for fmt, times in sorted(by_format.items()):
        print(f"  {fmt:5} {1000 * sum(times) / len(times):7.1f} ms/document")

    with tempfile.TemporaryDirectory() as tmp:
        db = store.open_db(Path(tmp) / "bench.db")
        t = time.perf_counter()
        summary = ingest_paths(db, files)
        first = time.perf_counter() - t
        t = time.perf_counter()
        ingest_paths(db, files)
        rerun = time.perf_counter() - t
    print(f"ingest into SQLite: {summary.line()}")
    print(f"  first run {first:.2f} s ({summary.ingested / first:.1f} documents/s), unchanged re-run {rerun:.3f} s")
    print(f"peak RSS {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
