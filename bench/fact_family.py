"""The facts reader on the synthetic family of prose project reports (scripts/synth_facts.py):
every text through the pipeline, each stated fact compared with the truth, results per phrasing,
per distractor and per money unit.

    PYTHONPATH=. python bench/fact_family.py            # summary tables
    PYTHONPATH=. python bench/fact_family.py --misses   # and every miss (text, key, want, got)

A fact is right when the report holds the key with the true value, missing when it holds no value
of the key, wrong when it holds another value (worse than missing: a reader of the dataset trusts it).
"""
from __future__ import annotations

import importlib.util
import math
import sys
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _synth():
    spec = importlib.util.spec_from_file_location("synth_facts", ROOT / "scripts" / "synth_facts.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_facts(text: str) -> dict[str, float]:
    """The facts the pipeline reads from ``text`` (one .txt page), key → value."""
    from extractor.model import Page, RawDocument
    from extractor.pipeline import build_report

    report = build_report(RawDocument(path="x.txt", format="txt", pages=[Page(1, text)]))
    return {f.key: f.value for f in report.facts}


def verdict(want: float, got: float | None) -> str:
    """right | missing | wrong."""
    if got is None:
        return "missing"
    return "right" if math.isclose(want, got, rel_tol=1e-9, abs_tol=1e-6) else "wrong"


def outcomes(items=None, jobs: int = 4) -> list[dict]:
    """One row per stated fact of the family: file, key, phrasing, unit, distractor, want, got, verdict."""
    items = items if items is not None else _synth().family()
    texts = [text for _, text, _ in items]
    if jobs > 1:
        with ProcessPoolExecutor(jobs) as pool:
            read = list(pool.map(read_facts, texts, chunksize=8))
    else:
        read = [read_facts(t) for t in texts]
    rows = []
    for (file, _, truth), facts in zip(items, read):
        for key, want in truth["facts"].items():
            got = facts.get(key)
            rows.append({"file": file, "key": key, "phrasing": truth["phrasings"][key], "unit": truth["unit"],
                         "layout": truth["layout"],
                         "distractor": truth["distractor"] or "-", "want": want, "got": got,
                         "verdict": verdict(want, got)})
    return rows


def table(rows: list[dict], by: str) -> list[str]:
    """Lines of right/missing/wrong counts grouped by the column ``by``."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        counts[r[by]][r["verdict"]] += 1
    lines = [f"{by:34} {'n':>5} {'right':>6} {'miss':>5} {'wrong':>6}"]
    for name in sorted(counts):
        c = counts[name]
        lines.append(f"{name:34} {sum(c.values()):5} {c['right']:6} {c['missing']:5} {c['wrong']:6}")
    return lines


def main(argv: list[str]) -> None:
    """Print the family's results per phrasing, per distractor, per unit, per key."""
    rows = outcomes()
    total = Counter(r["verdict"] for r in rows)
    n = sum(total.values())
    print(f"facts {n}: right {total['right']} ({total['right'] / n:.3f}), missing {total['missing']}, "
          f"wrong {total['wrong']}  — texts {len({r['file'] for r in rows})}")
    for by in ("key", "phrasing", "distractor", "unit", "layout"):
        print()
        print("\n".join(table(rows, by)))
    if "--misses" in argv:
        print()
        for r in rows:
            if r["verdict"] != "right":
                print(f"{r['file']} {r['key']} [{r['phrasing']}; {r['unit']}; {r['distractor']}] "
                      f"want {r['want']:g} got {r['got']}")


if __name__ == "__main__":
    main(sys.argv)
