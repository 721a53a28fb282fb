"""Score a run of new pool excerpts in two fixed halves, TUNE (odd numbers) and CHECK (even numbers).

A new batch of tuning texts is judged on the half the mechanisms were not read from: each half is
ingested into its own database with the code of this checkout and scored by ../shared/eval/score.py
against its own gold only (copied beside it: score.py walks every file of a gold folder). The TUNE
half may be printed with its misses (``--verbose``); the CHECK half only ever as counts.

    python bench/pool_halves.py p0300 p0307            # counts for both halves
    python bench/pool_halves.py p0300 p0307 --verbose  # and the TUNE half's misses

Blind texts (corpus/pool texts whose gold is in gold-validation) are refused.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from corpus_sets import is_blind  # noqa: E402

POOL = ROOT / "corpus" / "pool"
SCORE = ROOT.parent / "shared" / "eval" / "score.py"
if not SCORE.exists():
    SCORE = Path("/work/shared/eval/score.py")


def halves(first: str, last: str) -> dict[str, list[Path]]:
    """The pool texts from ``first`` to ``last`` (p-numbers, inclusive) with gold, split odd / even."""
    lo, hi = int(first.lstrip("p")), int(last.lstrip("p"))
    out: dict[str, list[Path]] = {"tune": [], "check": []}
    for n in range(lo, hi + 1):
        text = POOL / f"p{n:04d}.txt"
        if not text.exists() or not (POOL / "gold" / f"p{n:04d}.json").exists():
            continue
        if is_blind(text):
            sys.exit(f"{text.name} is blind; not run")
        out["tune" if n % 2 else "check"].append(text)
    return out


def score_half(texts: list[Path], verbose: bool) -> str:
    """score.py's report for ``texts`` ingested alone (its misses too when ``verbose``)."""
    with tempfile.TemporaryDirectory() as tmp:
        docs, gold, db = Path(tmp, "docs"), Path(tmp, "gold"), Path(tmp, "half.db")
        docs.mkdir()
        gold.mkdir()
        for t in texts:
            shutil.copy(t, docs / t.name)
            shutil.copy(POOL / "gold" / f"{t.stem}.json", gold / f"{t.stem}.json")
        subprocess.run([sys.executable, "-m", "extractor", "ingest", str(docs), "--db", str(db), "--quiet"],
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        args = [sys.executable, str(SCORE), str(db), "--gold", str(gold)] + (["--verbose"] if verbose else [])
        return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def main() -> None:
    """Print both halves' figures (and the TUNE half's misses with ``--verbose``)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("first")
    ap.add_argument("last")
    ap.add_argument("--verbose", action="store_true", help="list the TUNE half's misses (never the CHECK half's)")
    args = ap.parse_args()
    for name, texts in halves(args.first, args.last).items():
        print(f"== {name.upper()} ({' '.join(t.stem for t in texts)})")
        print(score_half(texts, args.verbose and name == "tune"), end="")


if __name__ == "__main__":
    main()
