"""Ingest benchmark: documents/s, pages/s and peak memory for a folder (default: corpus/).

    python bench/ingest.py [FOLDER] [--repeat N]
    python bench/ingest.py --archive [--units 250 --years 2021-2024 --jobs 2] [--baseline-sample 40]
                                     [--font STSong-Light|PATH.ttf]

``--archive`` generates (or reuses, from --cache) a synthetic archive of text PDFs with
scripts/make_archive.py and measures, end to end through the CLI in a subprocess: reports/s and
pages/s, peak RSS of the writer and of each worker (VmHWM polled from /proc), an unchanged re-run,
unit and project-series linking precision/recall against the generator's truth, a naive
single-process baseline (pdfplumber ``extract_text`` + the same quantity regexes) over a sample of
the PDFs extrapolated per page, and a cProfile breakdown of a few documents in-process.

The font matters: with an embedded TrueType subset (the default when fonts-wqy-microhei is
installed; what Word/WPS exports contain) pdfium loads pages about twice as fast as with
reportlab's non-embedded STSong-Light, and pdfminer (the baseline) about twice as slow.

Prints figures; asserts nothing (targets live in the README and the closing notes).
"""
from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import random
import resource
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


def run_cli(cmd: list[str]) -> tuple[float, float, dict[int, float], str]:
    """Run ``cmd``; (seconds, main process peak RSS MB, {worker pid: peak RSS MB}, stdout+stderr).
    Peaks are VmHWM polled every 50 ms until each process ends (HWM only grows, so the last poll
    is at most 50 ms of growth short)."""
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
    main_peak = peaks.pop(proc.pid, 0.0)
    return elapsed, main_peak, peaks, out


def naive_baseline(pdfs: list[Path], sample: int, seed: int = 1) -> tuple[int, int, float]:
    """pdfplumber page.extract_text() + find_quantities over ``sample`` PDFs: (files, pages, seconds)."""
    import pdfplumber

    from extractor.text.recognize import find_quantities

    chosen = random.Random(seed).sample(pdfs, min(sample, len(pdfs)))
    find_quantities("预热 1万元")  # compile the rules outside the timing
    pages = 0
    t = time.perf_counter()
    for pdf in chosen:
        with pdfplumber.open(pdf) as doc:
            for page in doc.pages:
                find_quantities(page.extract_text() or "")
                pages += 1
                page.close()
    return len(chosen), pages, time.perf_counter() - t


_STAGES = [  # (label, (module file suffix, function name), ...) - cumulative times, summed
    ("PDF reading (pypdfium2/pdfplumber)", [("extractor/read/__init__.py", "read_bytes")]),
    ("normalize", [("extractor/normalize.py", "normalize")]),
    ("spaCy + quantity rules", [("extractor/recognize.py", "recognize")]),
    ("segment/metadata/forms", [("extractor/segment.py", "segment"), ("extractor/metadata.py", "describe"),
                                ("extractor/segment.py", "resolve_templates"), ("extractor/forms.py", "extract_forms"),
                                ("extractor/metadata.py", "fill_from_forms")]),
    ("facts/projects/checks", [("extractor/facts.py", "extract_facts"), ("extractor/projects.py", "extract_projects"),
                               ("extractor/checks.py", "check_report")]),
    ("store (SQLite, without FTS text)", [("extractor/store/save.py", "save_extraction")]),
    ("FTS indexing (search.index_text)", [("extractor/store/search.py", "index_text")]),
]


def profile_breakdown(pdfs: list[Path], n: int) -> None:
    """cProfile ``n`` documents in-process (extract + save) and print where the time goes."""
    from extractor.pipeline import extract as extract_one

    chosen = pdfs[:: max(1, len(pdfs) // n)][:n]
    extract_one(chosen[0])  # warm up: spaCy, jieba, regex compilation
    with tempfile.TemporaryDirectory() as tmp:
        db = store.open_db(Path(tmp) / "profile.db")
        store.save_extraction(db, extract_one(chosen[0]), "warmup")
        prof = cProfile.Profile()
        t = time.perf_counter()
        prof.enable()
        pages = 0
        for i, pdf in enumerate(chosen):
            ex = extract_one(pdf)
            pages += ex.document.pages
            store.save_extraction(db, ex, f"doc{i}")
        prof.disable()
        total = time.perf_counter() - t
    stats = pstats.Stats(prof).stats
    cum: dict[tuple[str, str], float] = {}
    for (file, _, func), (_, _, _, ct, _) in stats.items():
        for label, keys in _STAGES:
            for suffix, name in keys:
                if func == name and file.replace(os.sep, "/").endswith(suffix):
                    cum[(suffix, name)] = cum.get((suffix, name), 0.0) + ct
    print(f"profile: {len(chosen)} documents, {pages} pages in-process under cProfile, {total:.2f} s"
          f" ({1000 * total / max(pages, 1):.1f} ms/page with profiling overhead)")
    accounted = 0.0
    for label, keys in _STAGES:
        seconds = sum(cum.get(k, 0.0) for k in keys)
        if label.startswith("store"):
            seconds -= cum.get(("extractor/search.py", "index_text"), 0.0)
        accounted += seconds
        print(f"  {label:38} {100 * seconds / total:5.1f} %  {1000 * seconds / max(pages, 1):6.2f} ms/page")
    print(f"  {'other (joining pages, page_at, ...)':38} {100 * (total - accounted) / total:5.1f} %")


def bench_archive(args) -> None:
    load = os.getloadavg()
    print(f"machine: {os.cpu_count()} CPUs, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} before the run")
    font = args.font or default_font()
    print(f"font: {font} ({'not embedded' if font == 'STSong-Light' else 'embedded subset, as Word/WPS exports'})")
    archive = ensure_archive(Path(args.cache), args.units, args.years, args.seed, font)
    truth = json.loads((archive / "ground_truth.json").read_text())
    files = [f for f in truth["files"] if f["format"] == "pdf"]
    n_pages = sum(f["pages"] for f in files)
    pdfs = sorted(archive / f["path"] for f in files)
    print(f"archive: {len(files)} PDF reports, {n_pages} pages, {sum(p.stat().st_size for p in pdfs) >> 20} MB")

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        cmd = [sys.executable, "-m", "extractor", "ingest", str(archive), "--db", str(db),
               "--jobs", str(args.jobs), "--quiet"]
        first, main_peak, worker_peaks, out = run_cli(cmd)
        print(f"ingest --jobs {args.jobs} (CLI subprocess, end to end incl. linking and checks):")
        print(f"  {out.strip().splitlines()[-1] if out.strip() else ''}")
        print(f"  first run {first:.1f} s: {len(files) / first:.1f} reports/s, {n_pages / first:.0f} pages/s")
        print(f"  peak RSS: writer {main_peak:.0f} MB; workers "
              + ", ".join(f"{v:.0f}" for v in sorted(worker_peaks.values(), reverse=True)) + " MB")
        rerun, rerun_peak, _, out = run_cli(cmd)
        print(f"  unchanged re-run {rerun:.2f} s = {100 * rerun / first:.1f} % of the first run"
              f" (writer peak RSS {rerun_peak:.0f} MB)")
        print(f"  db size {db.stat().st_size >> 20} MB")
        import sqlite_utils

        m = _make_archive().score_linking(sqlite_utils.Database(db), archive, truth)
        print(f"  linking against the generator's truth ({m['reports']} reports of {m['units']} units;"
              f" {m['projects']} projects of {m['series']} series): units precision {m['unit_precision']:.3f}"
              f" recall {m['unit_recall']:.3f}; project series precision {m['series_precision']:.3f}"
              f" recall {m['series_recall']:.3f} (targets 0.98 / 0.95)")

    n, pages, seconds = naive_baseline(pdfs, args.baseline_sample)
    naive_pps = pages / seconds
    print(f"naive baseline (1 process, pdfplumber extract_text + find_quantities), random sample of {n}"
          f" of {len(pdfs)} PDFs, {pages} pages in {seconds:.1f} s: {naive_pps:.1f} pages/s"
          f" -> whole archive ~{n_pages / naive_pps:.0f} s (extrapolated per page)")
    print(f"  speedup of ingest --jobs {args.jobs} over the naive baseline: {n_pages / first / naive_pps:.1f}x")
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
    ap.add_argument("--profile-docs", type=int, default=6, help="documents profiled in-process")
    args = ap.parse_args(argv)
    if args.archive:
        bench_archive(args)
        return
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
