"""How the forms reader fares on department-wide self-assessment forms (部门整体支出绩效自评表) in
each template met on real pages × every flattening met on real pages.

    PYTHONPATH=. python bench/department_family.py [--seeds 10] [--show TEMPLATE FLATTENING]

Each synthetic form (scripts/synth_department_variants.py: national, 重庆, 贵州, 福建 templates,
known truth, arithmetic holding) is flattened the ways of bench/form_family.py (the project form's
元 and label → value flattenings do not apply). Prints a table: per template, per flattening, the
share of the form's facts read right (budget_initial / budget_full_year / budget_executed /
execution_rate / balance / self_score / basic_expenditure / project_expenditure, as each template
states them), then the facts most often missed per template.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "bench"))
from form_family import FLATTENINGS, close, read  # noqa: E402
from synth_department_variants import TEMPLATES, synth_variant  # noqa: E402

SKIP = ("money in 元", "label → value pairs")  # a project form's budget block only
NAMES = [k for k in FLATTENINGS if k not in SKIP]
# the portal page around a department form announces a department report (form_family's page
# announces a project report: the report's kind would be project, whose facts a department
# form's 基本支出 / 项目支出 lines do not give)
FLATTENINGS = {**FLATTENINGS, "portal chrome": lambda t, _chrome=FLATTENINGS["portal chrome"]: _chrome(t).replace(
    "项目支出绩效自评情况的公示", "部门整体支出绩效自评情况的公示")}


def measure_one(template: str, name: str, seeds: int) -> tuple[int, int, Counter]:
    """(facts right, facts, missed keys) of ``template`` in flattening ``name`` over ``seeds`` forms."""
    right = total = 0
    missed: Counter = Counter()
    for seed in range(seeds):
        text, truth = synth_variant(template, seed)
        facts = {f.key: f.value for f in read(FLATTENINGS[name](text)).facts}
        for key, want in truth.items():
            total += 1
            ok = close(facts.get(key), want)
            right += ok
            missed[key] += not ok
    return right, total, missed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--show", nargs=2, metavar=("TEMPLATE", "FLATTENING"))
    args = ap.parse_args()
    if args.show:
        print(FLATTENINGS[args.show[1]](synth_variant(args.show[0], 0)[0]))
        return 0
    short = {n: n.split(",")[0][:10] for n in NAMES}
    print(f"{'template':10} " + " ".join(f"{short[n]:>10}" for n in NAMES) + f" {'all':>6}")
    misses: dict[str, Counter] = {}
    for t in TEMPLATES:
        cells, r_all, t_all = [], 0, 0
        misses[t] = Counter()
        for n in NAMES:
            r, tot, missed = measure_one(t, n, args.seeds)
            cells.append(f"{r / tot:10.2f}")
            r_all, t_all = r_all + r, t_all + tot
            misses[t] += missed
        print(f"{t:10} " + " ".join(cells) + f" {r_all / t_all:6.2f}")
    for t, missed in misses.items():
        print(f"missed {t}: {', '.join(f'{k} {n}' for k, n in missed.most_common()) or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
