"""Score every blind set at once and print only counts: what a blind set may show.

    python bench/blind.py [--sets heldout12 heldout14 heldout16 validation] [--jobs 2]

For each set it ingests the texts into a temporary database, prints the scorer's summary, the
causes of project misses (bench/project_misses.py), the stage that lost each fact
(bench/fact_misses.py) and the misses by kind (bench/misses.py: which
fact keys or metadata fields were missed or wrong). No name, figure or text of a blind document is
printed, so running it does not expose the set; it is the integrator's measure at merge time, not a
tuning loop. A set with a findings gold (findings/) also gets the findings scorer's summary.
heldout4 was retired to development in round 7, heldout5 and heldout6 in round 9, heldout7 and
heldout8 in round 10, heldout9 in round 12, heldout13 in round 18, heldout10 and heldout11 in round 20, heldout15 in round 22 (their misses were read); bench/heldoutN.sh scores them.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from misses import classify  # noqa: E402
from fact_misses import causes as fact_causes  # noqa: E402
from project_misses import causes  # noqa: E402

ROOT = HERE.parent
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
SETS = ("heldout12", "heldout14", "heldout16", "validation")
FINDINGS_SCORER = ROOT.parent / "shared" / "eval" / "score_findings.py"


def set_files(name: str) -> tuple[list[Path], Path] | None:
    """(texts, gold folder) of a blind set, None when the set is not there."""
    if name == "validation":
        gold = ROOT / "corpus" / "pool" / "gold-validation"
        texts = [ROOT / "corpus" / "pool" / f"{g.stem}.txt" for g in sorted(gold.glob("*.json"))]
    else:
        gold = ROOT / "corpus" / name / "gold"
        texts = sorted((ROOT / "corpus" / name).glob("*.txt"))
    return (texts, gold) if gold.is_dir() and texts else None


def score(name: str, tmp: Path) -> str:
    """The counts for one set, as printable text."""
    found = set_files(name)
    if found is None:
        return f"== {name}: not there, skipped\n"
    texts, gold = found
    docs, db = tmp / name, tmp / f"{name}.db"
    docs.mkdir()
    for t in texts:
        shutil.copy(t, docs / t.name)
    subprocess.run([sys.executable, "-m", "extractor", "ingest", str(docs), "--db", str(db), "--quiet"],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    summary = subprocess.run([sys.executable, str(SCORER), str(db), "--gold", str(gold)],
                             capture_output=True, text=True, check=True).stdout
    verbose = subprocess.run([sys.executable, str(SCORER), str(db), "--gold", str(gold), "--verbose"],
                             capture_output=True, text=True, check=True).stdout.splitlines()
    import sqlite3

    with sqlite3.connect(db) as conn:
        projects = causes(conn, gold)
        facts, fact_rows = fact_causes(conn, gold)
    lines = [f"== {name} ({len(texts)} texts)", summary.rstrip(), "-- projects"]
    lines += [f"{n:4d}  {c}" for c, n in sorted(projects.items())]
    lines += ["-- facts missed, by the stage that lost them (bench/fact_misses.py)"]
    lines += [f"{n:4d}  {c}" for c, n in sorted(facts.items(), key=lambda kv: (-kv[1], kv[0]))]
    by_key = Counter((key, cause) for _, key, cause in fact_rows)
    lines += [f"{n:4d}  {key}: {cause}" for (key, cause), n in sorted(by_key.items(), key=lambda kv: (-kv[1], kv[0]))]
    findings = gold.parent / "findings"
    if findings.is_dir() and FINDINGS_SCORER.exists():
        out = subprocess.run([sys.executable, str(FINDINGS_SCORER), str(db), "--gold", str(findings)],
                             capture_output=True, text=True, check=True).stdout
        lines += ["-- findings", out.rstrip()]
    lines.append("-- facts and metadata missed")
    misses = classify(verbose, gold)
    lines += [f"{n:4d}  {w}" for w, n in sorted(misses.items(), key=lambda kv: (-kv[1], kv[0]))
              if w.lstrip().startswith(("fact ", "unit_name", "fiscal_year", "report_kind"))]
    return "\n".join(lines) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", nargs="+", default=list(SETS), choices=SETS)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    if not SCORER.exists():
        print("blind: scorer not found at ../shared/eval/score.py; nothing scored.")
        return 0
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(args.jobs) as pool:
        for out in pool.map(lambda s: score(s, Path(tmp)), args.sets):
            print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
