"""Do the checks fire on a form's faults in every flattening real pages give it, and stay quiet on
the clean form?

    PYTHONPATH=. python bench/form_checks_family.py [--seeds 4] [--show FAULT] [-v]

The clean form is scripts/form_faults.py ``styled_form(seed)``: a 项目支出绩效自评表 whose arithmetic
holds, whose indicators state their targets every way (≥ ≤ = 不低于 不超过 100% ≥95%, counts in
人/个/公里, 达标/有效), all met, under a claim that every goal was met. Each fault of
``form_faults.FAULTS`` is planted in it one at a time (执行率 ≠ 执行数 ÷ 预算数, 得分 ≠ 分值 × 执行率,
总分 ≠ Σ 得分, weights ≠ 100, 年度资金总额 ≠ its 其中 lines, an indicator below its target per
comparator, each inside and outside the rounding where that applies), and the faulted form is
written in each flattening of bench/form_family.py (pipes, one cell a line, spaces, tabs, glued
figures, …). A fault counts as caught by a rule when the faulted form has a finding of that rule
whose message the clean form in the same flattening does not have.

Prints recall per rule × flattening (and per fault with ``-v``: each miss), and the false alarms:
findings of any rule on the clean form per flattening. Targets: recall 1.0, no false alarm; the
exit status is 1 when missed.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "scripts"))
from form_faults import FAULTS, inject, styled_form  # noqa: E402
from form_family import FLATTENINGS, read  # noqa: E402
from inject_faults import FaultNotApplicable  # noqa: E402

RULES = ("execution_rate_mismatch", "score_mismatch", "sum_mismatch", "goal_not_met", "claim_contradicted")


def findings(text: str, flattening: str) -> list:
    """The findings of the text written in ``flattening``."""
    return read(FLATTENINGS[flattening](text)).findings


def measure(seeds: int, flattenings=None, faults=None):
    """(caught, planted, false alarms, misses): Counters keyed (rule, flattening), false alarms
    keyed flattening with their messages, misses as (flattening, seed, fault, rule, change)."""
    flattenings = flattenings or list(FLATTENINGS)
    faults = faults or list(FAULTS)
    caught, planted, false = Counter(), Counter(), defaultdict(list)
    misses = []
    for seed in range(seeds):
        clean = styled_form(seed)
        variants = []
        for fault in faults:
            try:
                variants.append((fault, *inject(clean, fault, seed)))
            except FaultNotApplicable:
                continue
        for flat in flattenings:
            base = findings(clean, flat)
            false[flat] += [f"{f.rule}: {f.message}" for f in base]
            before = {(f.rule, f.message) for f in base}
            for fault, text, note in variants:
                got = {(f.rule, f.message) for f in findings(text, flat)} - before
                for rule in FAULTS[fault]:
                    planted[rule, flat] += 1
                    hit = any(r == rule for r, _ in got)
                    caught[rule, flat] += hit
                    if not hit:
                        misses.append((flat, seed, fault, rule, note))
    return caught, planted, false, misses


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=4)
    ap.add_argument("--show", choices=sorted(FAULTS), help="print seed 0's faulted form (pipes) and exit")
    ap.add_argument("--verbose", "-v", action="store_true", help="list every miss and false alarm")
    args = ap.parse_args()
    if args.show:
        print(inject(styled_form(0), args.show, 0)[0])
        return 0
    caught, planted, false, misses = measure(args.seeds)
    flats = list(FLATTENINGS)
    print(f"recall per rule × flattening ({args.seeds} seeds, {len(FAULTS)} faults)\n")
    print(f"{'flattening':28}" + "".join(f"{r[:14]:>15}" for r in RULES) + f"{'false alarms':>14}")
    ok = True
    for flat in flats:
        cells = []
        for r in RULES:
            n = planted[r, flat]
            cells.append(f"{caught[r, flat] / n:15.3f}" if n else f"{'-':>15}")
            ok &= not n or caught[r, flat] == n
        ok &= not false[flat]
        print(f"{flat:28}" + "".join(cells) + f"{len(false[flat]):14d}")
    tot = [sum(caught[r, f] for f in flats) / max(1, sum(planted[r, f] for f in flats)) for r in RULES]
    print(f"{'all':28}" + "".join(f"{t:15.3f}" for t in tot) + f"{sum(len(v) for v in false.values()):14d}")
    by_fault = Counter((fault, rule) for _, _, fault, rule, _ in misses)
    if by_fault:
        print("\nmisses per fault and rule: " + ", ".join(f"{f}/{r} {n}" for (f, r), n in sorted(by_fault.items())))
    if args.verbose:
        for flat, seed, fault, rule, note in misses:
            print(f"MISS  {flat} #{seed} {fault} → {rule} ({note})")
        for flat, msgs in false.items():
            for m in msgs:
                print(f"FALSE {flat}: {m}")
    print("\ntargets " + ("met" if ok else "MISSED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
