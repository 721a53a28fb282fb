"""OCR benchmark: the scanned example report against its text version.

    python bench/ocr.py                      # the scanned PDF at the reader's resolution (ocr.DPI)
    python bench/ocr.py --dpi 150            # at another resolution
    python bench/ocr.py --sweep 100,150,200,250,300   # one child process per resolution, a table
    python bench/ocr.py FILE --reference TXT # another scan and its text

Prints, for each resolution: F1 of the amounts, percents and lengths found against the TXT ingest
(mentions matched by kind and value, as multisets), the projects found with an amount and how many
of those amounts the TXT also has, the character error rate of the normalized text, the mean OCR
confidence and the mentions flagged low-confidence, seconds per page (wall and CPU) and the peak
memory (RSS) of the process. Asserts nothing; tests/test_ocr.py holds the targets.

Measured with --sweep on the 2-core development machine (2 onnxruntime threads; the machine was
shared, so wall times vary by ±30 %), corpus/scanned/…(扫描件).pdf: 6 pages scanned at 180 dpi,
0.5° askew, noisy, JPEG quality 40. The reader renders at 200 dpi (extractor.read.ocr.DPI): as
accurate as anything higher, below it the character error rate climbs and a project is lost.

| dpi | amount F1 | percent F1 | length F1 | projects (amounts ok) | CER | s/page | CPU s/page | peak MB |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|
| 100 | 1.000 | 1.000 | 0.981 | 31 (31) | 2.28% | 2.5 | 4.8 | 656 |
| 120 | 1.000 | 1.000 | 1.000 | 31 (31) | 1.48% | 2.5 | 4.9 | 714 |
| 150 | 1.000 | 1.000 | 1.000 | 30 (30) | 1.29% | 2.8 | 5.5 | 848 |
| 180 | 1.000 | 1.000 | 1.000 | 31 (31) | 0.81% | 3.3 | 6.5 | 994 |
| 200 | 1.000 | 1.000 | 1.000 | 31 (31) | 0.83% | 3.3 | 6.5 | 989 |
| 250 | 1.000 | 1.000 | 1.000 | 31 (31) | 0.85% | 3.3 | 6.4 | 1060 |
| 300 | 1.000 | 1.000 | 1.000 | 31 (31) | 0.85% | 3.9 | 7.5 | 1061 |

With one thread (EXTRACTOR_OCR_THREADS=1, as in `ingest --jobs` workers): 5.5 s/page at 200 dpi.
"""
from __future__ import annotations

import argparse
import difflib
import json
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STEM = "2024年度渌口区交通事务中心整体支出绩效自评报告"
SCAN = ROOT / "corpus" / "scanned" / f"{STEM}(扫描件).pdf"
REFERENCE = ROOT / "corpus" / f"{STEM}.txt"
KINDS = ("amount", "percent", "length")


def f1(found, expected) -> tuple[float, float, float]:
    """Precision, recall and F1 of two multisets."""
    found, expected = Counter(found), Counter(expected)
    hits = sum((found & expected).values())
    n_found, n_expected = sum(found.values()), sum(expected.values())
    precision = hits / n_found if n_found else 1.0
    recall = hits / n_expected if n_expected else 1.0
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


def values(report, kind: str) -> list[tuple[float, str]]:
    return [(round(m.value, 6), m.unit) for m in report.mentions if m.kind == kind and m.value is not None]


def char_error_rate(text: str, reference: str) -> float:
    """Edits (substituted, inserted, deleted characters) per reference character, whitespace aside."""
    a, b = "".join(reference.split()), "".join(text.split())
    edits = sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in
                difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op != "equal")
    return edits / max(len(a), 1)


def compare(report, reference) -> dict:
    """Scores of an OCR report against the reference (text) report."""
    out = {}
    for kind in KINDS:
        p, r, f = f1(values(report, kind), values(reference, kind))
        out[kind] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                     "found": len(values(report, kind)), "expected": len(values(reference, kind))}
    with_amount = [p for p in report.projects if p.amount is not None]
    expected = [p.amount for p in reference.projects if p.amount is not None]
    out["projects"] = {
        "found": len(report.projects), "with_amount": len(with_amount), "expected": len(expected),
        "amounts_matching": sum((Counter(p.amount for p in with_amount) & Counter(expected)).values()),
        "names_matching": sum((Counter(p.name for p in report.projects)
                               & Counter(p.name for p in reference.projects)).values()),
    }
    out["cer"] = round(char_error_rate(report.text, reference.text), 4)
    out["facts_matching"] = sum((Counter((f.key, round(f.value, 6)) for f in report.facts)
                                 & Counter((f.key, round(f.value, 6)) for f in reference.facts)).values())
    out["facts_expected"] = len(reference.facts)
    return out


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run(path: Path, reference: Path, dpi: int | None) -> dict:
    from extractor.pipeline import extract
    from extractor.read import Limits, ocr

    if dpi:
        ocr.DPI = dpi
        ocr.MAX_SIDE = max(ocr.MAX_SIDE, int(12 * dpi))  # let the page size follow the resolution
    t = time.perf_counter()
    ocr._engine()  # load the models outside the timing
    load = time.perf_counter() - t
    ref = extract(reference).reports[0]
    wall, cpu = time.perf_counter(), cpu_seconds()
    extraction = extract(path, Limits(max_seconds=3600))
    wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
    report = extraction.reports[0]
    pages = extraction.document.pages
    result = {
        "file": path.name, "dpi": ocr.DPI, "pages": pages, "model_load_s": round(load, 2),
        "s_per_page": round(wall / pages, 2), "cpu_s_per_page": round(cpu / pages, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "ocr": extraction.document.ocr, "ocr_confidence": extraction.document.ocr_confidence,
        "low_confidence_mentions": sum(1 for m in report.mentions if getattr(m, "low_confidence", False)),
        "mentions_with_bbox": sum(1 for m in report.mentions if getattr(m, "bbox", None)),
        "mentions": len(report.mentions),
        "threads": ocr.threads(),
    }
    result.update(compare(report, ref))
    return result


def show(r: dict) -> None:
    print(f"{r['file']} at {r['dpi']} dpi: {r['pages']} pages, ocr={r['ocr']}, mean confidence {r['ocr_confidence']}")
    for kind in KINDS:
        k = r[kind]
        print(f"  {kind:8} F1 {k['f1']:.3f}  (precision {k['precision']:.3f}, recall {k['recall']:.3f};"
              f" {k['found']} found, {k['expected']} expected)")
    p = r["projects"]
    print(f"  projects {p['with_amount']}/{p['expected']} with an amount, {p['amounts_matching']} amounts and"
          f" {p['names_matching']} names as in the text; facts {r['facts_matching']}/{r['facts_expected']}")
    print(f"  character error rate {r['cer']:.2%}; {r['low_confidence_mentions']} of {r['mentions']} mentions"
          f" low-confidence, {r['mentions_with_bbox']} with a box")
    print(f"  {r['s_per_page']:.2f} s/page wall, {r['cpu_s_per_page']:.2f} s/page CPU ({r['threads']} thread(s)),"
          f" models loaded in {r['model_load_s']:.2f} s, peak memory {r['peak_rss_mb']} MB")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", type=Path, default=SCAN)
    ap.add_argument("--reference", type=Path, default=REFERENCE, help="the same report as text")
    ap.add_argument("--dpi", type=int, default=None, help="render PDF pages at this resolution")
    ap.add_argument("--sweep", default=None, help="comma-separated resolutions, one child process each")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    if args.sweep:
        rows = []
        for dpi in [int(d) for d in args.sweep.split(",")]:
            out = subprocess.run(
                [sys.executable, __file__, str(args.file), "--reference", str(args.reference), "--dpi", str(dpi),
                 "--json"], check=True, capture_output=True, text=True,
            ).stdout
            rows.append(json.loads(out))
            show(rows[-1])
        print("\n| dpi | amount F1 | percent F1 | length F1 | projects (amounts ok) | CER | s/page | CPU s/page | peak MB |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in rows:
            p = r["projects"]
            print(f"| {r['dpi']} | {r['amount']['f1']:.3f} | {r['percent']['f1']:.3f} | {r['length']['f1']:.3f} |"
                  f" {p['with_amount']} ({p['amounts_matching']}) | {r['cer']:.2%} | {r['s_per_page']:.1f} |"
                  f" {r['cpu_s_per_page']:.1f} | {r['peak_rss_mb']} |")
        return
    result = run(args.file, args.reference, args.dpi)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        show(result)


if __name__ == "__main__":
    main()
