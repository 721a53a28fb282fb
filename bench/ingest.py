"""Ingest benchmark: documents/s, pages/s and peak memory for a folder (default: corpus/).

    python bench/ingest.py [FOLDER] [--repeat N]
    python bench/ingest.py --archive [--units 250 --years 2021-2024 --jobs 2 --docs 200] [--baseline-sample 40]
                                     [--font STSong-Light|PATH.ttf] [--no-dask]

``--archive`` generates (or reuses, from --cache) a synthetic archive of text PDFs with
scripts/make_archive.py, takes a batch of ``--docs`` of its PDFs (spread over it; 0 = all), and
measures in one run: start-up (``extractor --help`` against ``import sqlite_utils``); end to end
through the CLI in a subprocess, local ``--jobs N`` (reports/s, pages/s, peak RSS of the writer and
of each worker, polled from /proc), an unchanged re-run, unit and project-series linking
precision/recall against the generator's truth, and the same batch with ``--engine dask`` (a
LocalCluster of N workers, its start-up included); a naive single-process baseline (pdfplumber
``extract_text`` + the same quantity regexes) over a sample of the PDFs, extrapolated per page;
and the CPU per page of each stage, timed in-process.

The font matters: with an embedded TrueType subset (the default when fonts-wqy-microhei is
installed; what Word/WPS exports contain) pdfium loads pages about twice as fast as with
reportlab's non-embedded STSong-Light, and pdfminer (the baseline) about twice as slow.

Prints figures; asserts nothing (targets live in the README and the closing notes).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor import store# noqa: E402
from extractor.errors import ExtractorError  # noqa: E402
from extractor.ingest import find_files, ingest_paths  # noqa: E402
from extractor.pipeline import extract  # noqa: E402


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _years(s: str) -> range:
    a, _, b = s.partition("-")
    return range(int(a), int(b or a) + 1)


# Published reports are Word/WPS exports with embedded subset fonts; reportlab's STSong-Light is not
# embedded, which makes pdfium load a substitute system font per page (about twice the page cost).
EMBED_FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"


def default_font() -> str:
    return EMBED_FONT if Path(EMBED_FONT).exists() else "STSong-Light"


def _make_archive():
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_archive", ROOT / "scripts" / "make_archive.py")
    make_archive = importlib.util.module_from_spec(spec)
    sys.modules["make_archive"] = make_archive  # dataclasses look their module up there
    spec.loader.exec_module(make_archive)
    return make_archive


def ensure_archive(cache: Path, units: int, years: range, seed: int, font: str) -> Path:
    """The archive for these parameters under ``cache``, generated once (a marker file says done)."""
    tag = f"archive-u{units}-y{years.start}-{years.stop - 1}-s{seed}-{Path(font).stem}"
    out = cache / tag
    if (out / ".complete").exists():
        print(f"archive: reusing {out}")
        return out
    t = time.perf_counter()
    _make_archive().generate(out, units=units, years=years, seed=seed, formats=("pdf",), font=font)
    (out / ".complete").write_text("ok")
    print(f"archive: generated {out} in {time.perf_counter() - t:.0f} s")
    return out


def _children(pid: int) -> list[int]:
    kids = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                kids.extend(int(k) for k in f.read().split())
    except OSError:
        pass
    return kids


def _hwm_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


LAST_CPU: list[float] = [0.0]  # CPU seconds (user + system) of the last run_cli, workers included


def run_cli(cmd: list[str]) -> tuple[float, float, dict[int, float], str]:
    """Run ``cmd``; (seconds, main process peak RSS MB, {worker pid: peak RSS MB}, stdout+stderr).
    Peaks are VmHWM polled every 50 ms until each process ends (HWM only grows, so the last poll
    is at most 50 ms of growth short). The CPU time of the command and every process it waited
    for (its workers) lands in LAST_CPU: on a loaded machine it says more than the wall clock."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peaks: dict[int, float] = {}
    stop = threading.Event()

    def poll():
        while not stop.is_set():
            for pid in [proc.pid, *_children(proc.pid)]:
                hwm = _hwm_mb(pid)
                if hwm is not None:
                    peaks[pid] = max(peaks.get(pid, 0.0), hwm)
            stop.wait(0.05)

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    out, _ = proc.communicate()
    elapsed = time.perf_counter() - t
    stop.set()
    poller.join()
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{out}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    LAST_CPU[0] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    main_peak = peaks.pop(proc.pid, 0.0)
    return elapsed, main_peak, peaks, out


NAIVE_CPU: list[float] = [0.0]  # CPU seconds of the last naive_baseline


def naive_baseline(pdfs: list[Path], sample: int, seed: int = 1) -> tuple[int, int, float]:
    """pdfplumber page.extract_text() + find_quantities over ``sample`` PDFs: (files, pages, seconds)."""
    import pdfplumber

    from extractor.text.recognize import find_quantities

    chosen = random.Random(seed).sample(pdfs, min(sample, len(pdfs)))
    find_quantities("预热 1万元")  # compile the rules outside the timing
    pages = 0
    t = time.perf_counter()
    cpu = time.process_time()
    for pdf in chosen:
        with pdfplumber.open(pdf) as doc:
            for page in doc.pages:
                find_quantities(page.extract_text() or "")
                pages += 1
                page.close()
    NAIVE_CPU[0] = time.process_time() - cpu
    return len(chosen), pages, time.perf_counter() - t


# Stage timers: (label, module, function). CPU seconds (time.process_time) spent inside each, in
# the process that runs it; nested stages are not double counted (none of these calls another).
_STAGES = [
    ("pdfium page load (get_page)", "pypdfium2", "PdfDocument.__getitem__"),
    ("pdfium text page (get_textpage)", "pypdfium2", "PdfPage.get_textpage"),
    ("line assembly (read/pdf.py _page_lines, own)", "extractor.read.pdf", "_page_lines"),
    ("page objects check (_inspect_objects)", "extractor.read.pdf", "_inspect_objects"),
    ("paragraphs (layout.page_text)", "extractor.read.pdf", "page_text"),
    ("normalize", "extractor.pipeline", "normalize"),
    ("segment", "extractor.pipeline", "segment"),
    ("recognize (spaCy + quantity rules)", "extractor.pipeline", "recognize"),
    ("metadata (describe)", "extractor.pipeline", "describe"),
    ("forms", "extractor.pipeline", "extract_forms"),
    ("facts", "extractor.pipeline", "extract_facts"),
    ("projects", "extractor.pipeline", "extract_projects"),
    ("checks", "extractor.pipeline", "check_report"),
    ("search words (rows.index_text, in the writer)", "extractor.store.rows", "index_text"),
    ("writer: SQLite + FTS (save_rows)", "extractor.store.save", "save_rows"),
]


def _timed(totals: dict, label: str, module, attr: str) -> None:
    owner = module
    *path, name = attr.split(".")
    for part in path:
        owner = getattr(owner, part)
    f = getattr(owner, name)

    def timed(*a, **k):
        t = time.process_time()
        try:
            return f(*a, **k)
        finally:
            totals[label] = totals.get(label, 0.0) + time.process_time() - t

    setattr(owner, name, timed)


def profile_breakdown(pdfs: list[Path], n: int) -> None:
    """CPU per page of each stage over ``n`` documents, in-process (extract, rows, save), with
    timers around the stages rather than a profiler (a profiler's overhead distorts ms-scale
    stages). The text page's time is taken out of the line assembly that calls it, the search
    words' out of the writer's."""
    import importlib

    from extractor.read import Limits
    from extractor.sources import Source, extract_rows
    from extractor.store import save

    totals: dict[str, float] = {}
    for label, module, attr in _STAGES:
        _timed(totals, label, importlib.import_module(module), attr)
    chosen = pdfs[:: max(1, len(pdfs) // n)][:n]
    with tempfile.TemporaryDirectory() as tmp:
        db = store.open_db(Path(tmp) / "profile.db")
        extract_rows(Source(chosen[0]), Limits())  # warm up: spaCy, jieba, regex compilation
        totals.clear()
        pages = 0
        t = time.process_time()
        store.fts.defer(db)  # as a batch does: the search index is built at its end
        for i, pdf in enumerate(chosen):
            _, rows = extract_rows(Source(pdf), Limits(), search_words=False)  # as the local path does
            pages += rows.document()["pages"]
            save.save_rows(db, rows, f"doc{i}", size=0, mtime=0.0)
        t_index = time.process_time()
        store.fts.catch_up(db)
        label = "writer: SQLite + FTS (save_rows)"
        totals[label] = totals.get(label, 0.0) + time.process_time() - t_index
        total = time.process_time() - t
    own = dict(totals)
    own["line assembly (read/pdf.py _page_lines, own)"] -= own.get("pdfium text page (get_textpage)", 0.0)
    own["writer: SQLite + FTS (save_rows)"] -= own.get("search words (rows.index_text, in the writer)", 0.0)
    print(f"CPU per page by stage, in-process, {len(chosen)} documents, {pages} pages:"
          f" {1000 * total / pages:.2f} ms/page in all")
    for label, _, _ in _STAGES:
        print(f"  {label:46} {1000 * own.get(label, 0.0) / pages:5.2f} ms/page")
    print(f"  {'other (reading bytes, joining pages, rows, ...)':46} {1000 * (total - sum(own.values())) / pages:5.2f} ms/page")


def _median_time(cmd: list[str], n: int = 5) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def startup() -> None:
    """`extractor --help` against `python -c "import sqlite_utils"` (medians of 5 runs)."""
    help_s = _median_time([sys.executable, "-m", "extractor", "--help"])
    base_s = _median_time([sys.executable, "-c", "import sqlite_utils"])
    print(f"start-up: extractor --help {help_s:.3f} s, python -c 'import sqlite_utils' {base_s:.3f} s"
          f" ({help_s / base_s:.2f}x; target at most 2.5x)")


def bench_archive(args) -> None:
    load = os.getloadavg()
    print(f"machine: {os.cpu_count()} CPUs, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} before the run")
    font = args.font or default_font()
    print(f"font: {font} ({'not embedded' if font == 'STSong-Light' else 'embedded subset, as Word/WPS exports'})")
    archive = ensure_archive(Path(args.cache), args.units, args.years, args.seed, font)
    truth = json.loads((archive / "ground_truth.json").read_text())
    files = sorted((f for f in truth["files"] if f["format"] == "pdf"), key=lambda f: f["path"])
    if args.docs:
        files = files[:: max(1, len(files) // args.docs)][: args.docs]
    n_pages = sum(f["pages"] for f in files)
    pdfs = [archive / f["path"] for f in files]
    print(f"batch: {len(files)} PDF reports, {n_pages} pages, {sum(p.stat().st_size for p in pdfs) >> 20} MB"
          f" (of an archive of {len(truth['files'])})")
    startup()
    targets = [str(archive)] if not args.docs else [str(p) for p in pdfs]

    def ingest_cmd(db: Path, *extra: str) -> list[str]:
        return [sys.executable, "-m", "extractor", "ingest", *targets, "--db", str(db), "--jobs", str(args.jobs),
                "--quiet", *extra]

    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "local.db"
        first, main_peak, worker_peaks, out = run_cli(ingest_cmd(db))
        results["local"] = (first, LAST_CPU[0])
        print(f"local --jobs {args.jobs} (CLI subprocess, end to end: start-up, extraction, writing, linking, copies, checks):")
        print(f"  {out.strip().splitlines()[-1] if out.strip() else ''}")
        print(f"  first run {first:.1f} s: {len(files) / first:.1f} reports/s, {n_pages / first:.0f} pages/s;"
              f" CPU {LAST_CPU[0]:.1f} s = {1000 * LAST_CPU[0] / n_pages:.2f} ms/page (all processes)")
        print(f"  peak RSS: writer {main_peak:.0f} MB; workers "
              + ", ".join(f"{v:.0f}" for v in sorted(worker_peaks.values(), reverse=True)) + " MB")
        rerun, rerun_peak, _, out = run_cli(ingest_cmd(db))
        print(f"  unchanged re-run {rerun:.2f} s = {100 * rerun / first:.1f} % of the first run"
              f" (writer peak RSS {rerun_peak:.0f} MB; target at most 5 %)")
        print(f"  db size {db.stat().st_size >> 20} MB")
        import sqlite_utils

        m = _make_archive().score_linking(sqlite_utils.Database(db), archive, truth)
        print(f"  linking against the generator's truth ({m['reports']} reports of {m['units']} units;"
              f" {m['projects']} projects of {m['series']} series): units precision {m['unit_precision']:.3f}"
              f" recall {m['unit_recall']:.3f}; project series precision {m['series_precision']:.3f}"
              f" recall {m['series_recall']:.3f} (targets 0.98 / 0.95)")
        if args.dask:
            try:
                import distributed  # noqa: F401
            except ModuleNotFoundError:
                print("dask: not installed (pip install 'extractor[dask]'), skipped")
            else:
                ddb = Path(tmp) / "dask.db"
                t_dask, d_peak, d_workers, out = run_cli(ingest_cmd(ddb, "--engine", "dask"))
                results["dask"] = (t_dask, LAST_CPU[0])
                print(f"dask LocalCluster of {args.jobs} workers (--engine dask; start-up includes the cluster's):")
                print(f"  {out.strip().splitlines()[-1] if out.strip() else ''}")
                print(f"  first run {t_dask:.1f} s: {len(files) / t_dask:.1f} reports/s, {n_pages / t_dask:.0f} pages/s;"
                      f" CPU {LAST_CPU[0]:.1f} s = {1000 * LAST_CPU[0] / n_pages:.2f} ms/page; client peak RSS {d_peak:.0f} MB")

    n, pages, seconds = naive_baseline(pdfs, args.baseline_sample)
    naive_pps = pages / seconds
    print(f"naive baseline (1 process, pdfplumber extract_text + find_quantities), random sample of {n}"
          f" of {len(pdfs)} PDFs, {pages} pages in {seconds:.1f} s: {naive_pps:.1f} pages/s"
          f" -> whole batch ~{n_pages / naive_pps:.0f} s (extrapolated per page)")
    naive_cpu = NAIVE_CPU[0] / pages
    print(f"  naive CPU {1000 * naive_cpu:.1f} ms/page")
    for name, (t, cpu) in results.items():
        # wall clock as measured; and, for a loaded machine, what 2 idle cores would give: the run's
        # CPU spread over the cores (the naive pass uses one), start-up included in both
        idle = max(cpu / args.jobs, 1e-9)
        print(f"  speedup of {name} over the naive baseline: {n_pages / t / naive_pps:.1f}x by the wall clock;"
              f" {n_pages * naive_cpu / idle:.1f}x on {args.jobs} idle cores (CPU-time estimate) (target 10x)")
    if args.profile_docs:
        profile_breakdown(pdfs, args.profile_docs)
    load = os.getloadavg()
    print(f"load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", default=str(ROOT / "corpus"))
    ap.add_argument("--repeat", type=int, default=5, help="extraction passes over the folder")
    ap.add_argument("--archive", action="store_true", help="benchmark a synthetic archive of text PDFs instead")
    ap.add_argument("--units", type=int, default=250)
    ap.add_argument("--years", type=_years, default=range(2021, 2025), help="e.g. 2021-2024")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--font", default=None,
                    help="make_archive --font: a TrueType file to embed, or STSong-Light (not embedded);"
                         f" default {EMBED_FONT} when installed (Debian fonts-wqy-microhei), else STSong-Light")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--cache", default=str(Path(tempfile.gettempdir()) / "extractor-bench"),
                    help="folder that keeps generated archives between runs")
    ap.add_argument("--baseline-sample", type=int, default=40, help="PDFs the naive baseline reads")
    ap.add_argument("--profile-docs", type=int, default=40, help="documents timed stage by stage in-process (0: none)")
    ap.add_argument("--docs", type=int, default=200,
                    help="documents of the archive in the batch (spread over it; 0: the whole archive)")
    ap.add_argument("--no-dask", dest="dask", action="store_false", help="leave out the Dask LocalCluster run")
    args = ap.parse_args(argv)
    if args.archive:
        bench_archive(args)
        return
    files = list(find_files([args.folder]))
    extract(files[0].path) if files else None  # warm up: spaCy, jieba, regex compilation

    by_format: dict[str, list[float]] = {}
    docs = pages = errors = 0
    t0 = time.perf_counter()
    for _ in range(args.repeat):
        for f in files:
            t = time.perf_counter()
            try:
                ex = extract(f.path)
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
