"""The single-project reader on the synthetic family of scripts/synth_single_projects.py: every
text through the pipeline, its projects compared with the truth, results by axis (where the name
is × how the money is stated × what other money stands beside it).

    PYTHONPATH=. python bench/single_family.py            # tables by axis
    PYTHONPATH=. python bench/single_family.py --misses   # and every miss (file, axes, want, got)
    PYTHONPATH=. python bench/single_family.py --plain-names   # names ending in no project word

A text is right when the report lists exactly its one project (the scorer's name similarity ≥ 0.85
and the true amount, any amount when the truth is None), or lists none when the truth lists none.
Otherwise: ``none`` (no project listed), ``name`` (a project, another name), ``amount`` (the name,
another amount), ``extra`` (a project where none is due, or more than one).
"""
from __future__ import annotations

import difflib
import importlib.util
import math
import sys
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AXES = ("source", "money", "distractor")


def _synth():
    spec = importlib.util.spec_from_file_location("synth_single_projects", ROOT / "scripts" / "synth_single_projects.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_projects(text: str) -> list[tuple[str, float | None]]:
    """The (name, amount) of every project the pipeline lists for ``text`` (one .txt page)."""
    from extractor.model import Page, RawDocument
    from extractor.pipeline import build_report

    report = build_report(RawDocument(path="x.txt", format="txt", pages=[Page(1, text)]))
    return [(p.name, p.amount) for p in report.projects]


def _same_name(a: str, b: str) -> bool:
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.85


def verdict(truth: dict, got: list[tuple[str, float | None]]) -> str:
    """right | none | name | amount | extra."""
    if not truth["listed"]:
        return "right" if not got else "extra"
    if not got:
        return "none"
    if len(got) > 1:
        return "extra"
    name, amount = got[0]
    if not _same_name(truth["name"], name):
        return "name"
    if truth["amount"] is None:
        return "right"
    return "right" if amount is not None and math.isclose(amount, truth["amount"], abs_tol=0.005) else "amount"


def outcomes(items=None, jobs: int = 4) -> list[dict]:
    """One row per text: file, the axes, want, got, verdict."""
    items = items if items is not None else _synth().family()
    texts = [text for _, text, _ in items]
    if jobs > 1:
        with ProcessPoolExecutor(jobs) as pool:
            read = list(pool.map(read_projects, texts, chunksize=16))
    else:
        read = [read_projects(t) for t in texts]
    return [{"file": file, **{a: truth[a] for a in AXES}, "want": (truth["name"], truth["amount"]) if truth["listed"] else None,
             "got": got, "verdict": verdict(truth, got)} for (file, _, truth), got in zip(items, read)]


def table(rows: list[dict], axis: str) -> str:
    """Right / total and the kinds of miss, one line per value of ``axis``."""
    by = defaultdict(Counter)
    for r in rows:
        by[r[axis]][r["verdict"]] += 1
    kinds = ("none", "name", "amount", "extra")
    lines = [f"{axis:<16} {'right':>9}  " + " ".join(f"{k:>6}" for k in kinds)]
    for value, c in by.items():
        n = sum(c.values())
        lines.append(f"{value:<16} {c['right']:>4}/{n:<4}  " + " ".join(f"{c[k]:>6}" for k in kinds))
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    """Print the tables (and with --misses every miss)."""
    synth = _synth()
    plain = "--plain-names" in argv
    rows = outcomes(synth.family(synth.PLAIN_NAMES if plain else None))
    right = sum(r["verdict"] == "right" for r in rows)
    print(f"single-project family{' (plain names)' if plain else ''}: {right}/{len(rows)} right\n")
    for axis in AXES:
        print(table(rows, axis), end="\n\n")
    if "--misses" in argv:
        for r in rows:
            if r["verdict"] != "right":
                print(r["file"], r["source"], r["money"], r["distractor"], r["verdict"], "want", r["want"], "got", r["got"])


if __name__ == "__main__":
    main(sys.argv)
