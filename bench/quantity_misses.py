"""Every quantity miss of a scored set, with the text around it, for grouping misses by cause.

    python bench/quantity_misses.py DB --gold corpus/pool/gold [--kinds amount,percent] [--context 20]

DB is a database built by ``extractor ingest`` from the set's texts (as bench/heldout.sh builds
it), ``--gold`` the set's gold folder. Values are matched per document as a multiset, exactly as
``../shared/eval/score.py`` matches them (value in the canonical unit: 万元, %, km). For each
document with a miss it prints:

* ``spurious`` values: the extractor found the value more often than the gold lists it; every
  mention of that value is shown (``raw``, ``rule_id``, the text around it), since the scorer does
  not say which of equal values is the extra one;
* ``not found`` values: the gold lists the value more often than it was found; the places where
  the text writes it are shown: the gold's ``*_raw`` strings of that value, and the digits of the
  value in its plain spellings (95 → 95, 95.0, 95.00; an amount in 万元 also as 元 / 亿元), even
  inside a longer run of digits (47.6895.00% holds 95.00). A place covered by a mention of
  another kind or value says which.

and at the end the counts per kind (spurious, not found) and per rule of the spurious mentions.
Standard library only; it reads the database (mentions, reports.text) and the gold JSON.
"""
from __future__ import annotations

import argparse
import json
import math
import sqlite3
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

KINDS = {  # kind -> (gold key, gold raw key, factor of a stored unit to the canonical one)
    "amount": ("amounts_wan", "amounts_raw", {"万元": 1.0, "元": 1e-4, "千元": 1e-1, "亿元": 1e4, "百万元": 1e2}),
    "percent": ("percents", "percents_raw", None),
    "length": ("lengths_km", "lengths_raw", {"km": 1.0, "公里": 1.0, "千米": 1.0, "m": 1e-3, "米": 1e-3}),
}
MAX_PLACES = 6  # places shown per value not found


def close(a: float, b: float) -> bool:
    """The scorer's equality of two values."""
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)


def unmatched(gold: list[float], found: list[float]) -> tuple[list[float], list[float]]:
    """(gold values not matched, found values not matched), by the scorer's greedy matching."""
    pool = sorted(found)
    missing = []
    for g in sorted(gold):
        for i, f in enumerate(pool):
            if close(g, f):
                del pool[i]
                break
        else:
            missing.append(g)
    return missing, pool


def spellings(value: float, kind: str) -> list[str]:
    """Plain digit spellings of ``value`` as a text may write it (canonical unit and, for money,
    元 and 亿元), longest first."""
    scales = [Decimal(1)]
    if kind == "amount":
        scales += [Decimal(10000), Decimal("0.0001"), Decimal(10)]
    elif kind == "length":
        scales += [Decimal(1000)]
    out = set()
    for scale in scales:
        v = (Decimal(repr(value)) * scale).normalize()
        if v != v.to_integral_value() and -v.as_tuple().exponent > 6:
            continue
        plain = f"{v:f}"
        out.add(plain)
        if "." not in plain:
            out |= {plain + ".0", plain + ".00"}
        elif len(plain.split(".")[1]) == 1:
            out.add(plain + "0")
        if abs(v) >= 1000 and v == v.to_integral_value():
            out.add(f"{int(v):,}")
    return sorted(out, key=len, reverse=True)


def places(text: str, needle: str) -> list[int]:
    """Start offsets of ``needle`` in ``text`` that are not inside a longer spelling of the same
    number on the left (a digit before is allowed: glued cells)."""
    out, i = [], text.find(needle)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def context(text: str, start: int, end: int, width: int) -> str:
    """``text`` around [start, end) with the span in ⟦ ⟧ and line breaks shown as ⏎."""
    a, b = max(0, start - width), min(len(text), end + width)
    s = text[a:start] + "⟦" + text[start:end] + "⟧" + text[end:b]
    return s.replace("\n", "⏎").replace("\t", "⇥")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("db")
    ap.add_argument("--gold", type=Path, required=True)
    ap.add_argument("--kinds", default="amount,percent", help="comma-separated: amount, percent, length")
    ap.add_argument("--context", type=int, default=20, help="characters shown each side")
    args = ap.parse_args(argv)
    kinds = [k for k in args.kinds.split(",") if k]
    db = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    counts: Counter = Counter()
    rules: Counter = Counter()
    for gold_path in sorted(args.gold.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        reps = db.execute("select r.id, r.text from reports r join documents d on d.id = r.document_id"
                          " where d.file_name = ?", (gold["file"],)).fetchall()
        ids = [r[0] for r in reps]
        lines = []
        for kind in kinds:
            key, raw_key, factors = KINDS[kind]
            rows = []  # (value, raw, start, end, rule_id, text)
            for rid, text in reps:
                for value, unit, raw, start, end, rule in db.execute(
                        "select value, unit, raw, start, end, rule_id from mentions"
                        " where report_id = ? and kind = ? and value is not null", (rid, kind)):
                    f = 1.0 if factors is None else factors.get(unit, 1.0)
                    rows.append((float(value) * f, raw, start, end, rule, text or ""))
            want = [float(x) for x in gold.get(key, [])]
            missing, extra = unmatched(want, [r[0] for r in rows])
            for v in sorted(set(extra)):
                n = sum(close(v, x) for x in extra)
                counts[(kind, "spurious")] += n
                same = [r for r in rows if close(r[0], v)]
                for r in same:
                    rules[(kind, r[4])] += n / len(same)
                lines.append(f"  {kind} spurious {v:g} x{n} (found {len(same)}, gold "
                             f"{sum(close(v, g) for g in want)})")
                for value, raw, start, end, rule, text in same:
                    lines.append(f"      {raw!r:14} {rule:24} {context(text, start, end, args.context)}")
            others = [(r[2], r[3], f"{kind} {r[0]:g}") for r in rows]
            for rid, _ in reps:
                others += [(s, e, f"{k} {v:g}{u or ''}") for k, v, u, s, e in db.execute(
                    "select kind, value, unit, start, end from mentions where report_id = ? and kind != ?"
                    " and value is not null", (rid, kind))]
            for v in sorted(set(missing)):
                n = sum(close(v, x) for x in missing)
                counts[(kind, "not found")] += n
                lines.append(f"  {kind} not found {v:g} x{n}")
                raws = [r for g, r in zip(gold.get(key, []), gold.get(raw_key, [])) if close(float(g), v)]
                seen: set[tuple[int, int]] = set()
                for rid, text in reps:
                    text = text or ""
                    for needle in dict.fromkeys([*raws, *spellings(v, kind)]):
                        for at in places(text, needle):
                            span = (at, at + len(needle))
                            if any(a <= span[0] and span[1] <= b for a, b in seen):
                                continue
                            seen.add(span)
                            cover = [w for s, e, w in others if s < span[1] and span[0] < e]
                            note = f" [covered: {'; '.join(cover)}]" if cover else ""
                            lines.append(f"      {needle!r:14} {context(text, *span, args.context)}{note}")
                            if len(seen) >= MAX_PLACES:
                                break
                        if len(seen) >= MAX_PLACES:
                            break
                if not seen:
                    lines.append("      (not in the text)")
        if lines:
            print(f"{gold['file']}:" + ("" if ids else " (no report)"))
            print("\n".join(lines))
    print("\ncounts")
    for kind in kinds:
        print(f"  {kind:8} spurious {counts[(kind, 'spurious')]:4d}   not found {counts[(kind, 'not found')]:4d}")
    if rules:
        print("spurious by rule (a value's extras shared among its mentions)")
        for (kind, rule), n in sorted(rules.items(), key=lambda kv: -kv[1]):
            print(f"  {n:6.1f}  {kind:8} {rule}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
