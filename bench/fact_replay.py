"""Would the general fact mechanisms have read what earlier code missed on a set it had not seen?

    PYTHONPATH=. python bench/fact_replay.py heldout5=/tmp/r10/x_u5.db heldout6=/tmp/r10/x_u6.db ...

Each argument names a retired (non-blind) set and a database the code of an earlier round made
on it while it was still blind (bench/first_seen.sh SET COMMIT OUT.db rebuilds it). Its fact misses then (score.py's rule: the key is there and every
value equals the gold's) are the phrasings that code had not seen. The current code is run again
on the set's texts under three vocabularies:

* ``current``: patterns/facts.toml as it is;
* ``general``: without the per-document labels — every ``[[fact]]`` label rule that matches at
  most one non-blind real text (bench/rule_support.py's count), the composed labels kept;
* ``listed``: ``general`` without the composed labels (``composed = true`` entries) either: what
  the listed, multi-text vocabulary reads alone;
* ``general+`` / ``listed+``: the same, also without every label that matches texts of the replayed
  sets only (the entries written for their misses, whatever their count).

For every first-seen miss it prints whether each vocabulary reads it now and the rule that did,
then the facts accuracy of the whole set under each. A miss that ``general`` reads and ``listed``
does not is read by the composition; one only ``current`` reads, by a per-document rule.
Refuses blind sets (bench/corpus_sets.is_blind).
"""
from __future__ import annotations

import json
import math
import sqlite3
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
from corpus_sets import ROOT, is_blind, texts  # noqa: E402

from extractor import rules  # noqa: E402

_LOAD = rules.load


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)


def per_document_labels(replayed: set[str]) -> tuple[set[str], set[str]]:
    """Ids of [[fact]] label rules (composed ones aside) that match at most one non-blind real
    text, and of those that match texts of the ``replayed`` sets only (written for their misses)."""
    from rule_support import corpus
    docs = corpus()
    single, fixes = set(), set()
    for e in _LOAD("facts")["fact"]:
        if e.get("composed"):
            continue
        for lab in e["labels"]:
            hits = [name for name, text in docs if lab.regex.search(text)]
            if len(hits) <= 1:
                single.add(lab.id)
            if hits and set(hits) <= replayed:
                fixes.add(lab.id)
    return single, fixes


def use_vocabulary(off: set[str], composed: bool) -> None:
    """Make the facts stage read patterns/facts.toml without the label ids ``off`` (and without
    the composed entries unless ``composed``)."""
    from extractor.interpret.facts import vocabulary

    def load(name: str) -> dict:
        data = _LOAD(name)
        if name != "facts":
            return data
        data = dict(data)
        kept = []
        for e in data["fact"]:
            if e.get("composed") and not composed:
                continue
            labels = [lab for lab in e["labels"] if lab.id not in off]
            if labels:
                kept.append({**e, "labels": labels})
        data["fact"] = kept
        return data

    rules.load = load
    vocabulary.config.cache_clear()


def read(path: Path) -> dict[str, list[tuple[float, str]]]:
    """key → [(value, rule_id)] of every report of the document at ``path``."""
    from extractor.pipeline import extract
    out: dict[str, list[tuple[float, str]]] = {}
    for report in extract(path).reports:
        for f in report.facts:
            out.setdefault(f.key, []).append((f.value, f.rule_id))
    return out


def right(got: dict, key: str, want: float) -> bool:
    vals = got.get(key)
    return bool(vals) and all(close(v, want) for v, _ in vals)


def first_misses(db: Path, gold: Path) -> set[tuple[str, str]]:
    """(file, key) of the gold facts the database did not hold right."""
    conn = sqlite3.connect(db)
    out = set()
    for g in sorted(gold.glob("*.json")):
        truth = json.loads(g.read_text(encoding="utf-8"))
        rows = conn.execute(
            "select f.key, f.value from facts f join reports r on f.report_id = r.id "
            "join documents d on r.document_id = d.id where d.file_name = ?", (truth["file"],)).fetchall()
        got: dict[str, list] = {}
        for k, v in rows:
            got.setdefault(k, []).append((v, ""))
        for key, want in truth.get("facts", {}).items():
            if not right(got, key, want):
                out.add((truth["file"], key))
    return out


def main(argv: list[str]) -> int:
    sets = [a.split("=", 1) for a in argv]
    for name, _ in sets:
        if is_blind(ROOT / "corpus" / name):
            raise SystemExit(f"{name} is blind: refused")
    off, fixes = per_document_labels({name for name, _ in sets})
    print(f"per-document labels (at most one text) switched off in `general` and `listed`: {len(off)}: "
          f"{' '.join(sorted(off))}")
    print(f"and labels matching texts of these sets only, off in `general+` and `listed+`: {len(fixes - off)}: "
          f"{' '.join(sorted(fixes - off))}")
    modes = (("current", set(), True), ("general", off, True), ("listed", off, False),
             ("general+", off | fixes, True), ("listed+", off | fixes, False))
    results: dict[str, dict[str, dict]] = {}
    for mode, o, comp in modes:
        use_vocabulary(o, comp)
        for name, _ in sets:
            results.setdefault(name, {})[mode] = {p.name: read(p) for p in texts(ROOT / "corpus" / name)}
    total = {m: [0, 0] for m, _, _ in modes}
    for name, db in sets:
        gold = ROOT / "corpus" / name / "gold"
        misses = first_misses(Path(db), gold)
        print(f"\n{name}: {len(misses)} first-seen fact misses")
        for g in sorted(gold.glob("*.json")):
            truth = json.loads(g.read_text(encoding="utf-8"))
            for key, want in truth.get("facts", {}).items():
                for mode, _, _ in modes:
                    got = results[name][mode].get(truth["file"], {})
                    total[mode][0] += right(got, key, want)
                    total[mode][1] += 1
                if (truth["file"], key) not in misses:
                    continue
                cells = []
                for mode, _, _ in modes:
                    got = results[name][mode].get(truth["file"], {})
                    ok = right(got, key, want)
                    rid = ",".join(sorted({r for _, r in got.get(key, [])})) or "-"
                    cells.append(f"{mode}={'Y' if ok else 'n'}({rid})")
                print(f"  {truth['file']} {key} {want:g}: " + "  ".join(cells))
    print("\nfacts right / gold facts over the sets:",
          "  ".join(f"{m} {r}/{n}" for m, (r, n) in total.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
