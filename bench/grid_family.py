"""How the forms reader fares on the provincial grid (部门整体支出绩效评价基础数据表) in every
flattening met on real pages.

    PYTHONPATH=. python bench/grid_family.py [--seeds 20] [--show FLATTENING]

Each synthetic grid (scripts/synth_grid.py: known truth, its arithmetic holds) is flattened the
ways of bench/form_family.py (one cell a line, spaces, tabs, figures glued, labels broken, chrome,
full-width digits, blank lines between cells; the flattenings of a project form's budget block, 元
and label → value, do not apply). Prints, per flattening, the share of the grid's facts read
right (staff, 三公经费 and its lines, 公用经费 by this year's 决算数, the budget adjustment row) and
the facts most often missed.
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
from synth_grid import synth_grid  # noqa: E402

SKIP = ("money in 元", "label → value pairs")  # a project form's budget block only


def measure(seeds: int) -> dict[str, tuple[int, int, Counter]]:
    """{flattening: (facts right, facts, missed keys)}."""
    out = {}
    for name, flatten in FLATTENINGS.items():
        if name in SKIP:
            continue
        right = total = 0
        missed: Counter = Counter()
        for seed in range(seeds):
            text, truth = synth_grid(seed)
            facts = {f.key: f.value for f in read(flatten(text)).facts}
            for key, want in truth.items():
                total += 1
                ok = close(facts.get(key), want)
                right += ok
                missed[key] += not ok
        out[name] = (right, total, +missed)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=20)
    ap.add_argument("--show", choices=sorted(k for k in FLATTENINGS if k not in SKIP))
    args = ap.parse_args()
    if args.show:
        print(FLATTENINGS[args.show](synth_grid(0)[0]))
        return 0
    print(f"{'flattening':28} {'grid facts':>10}  missed")
    for name, (right, total, missed) in measure(args.seeds).items():
        print(f"{name:28} {right / total:10.3f}  {', '.join(f'{k} {n}' for k, n in missed.most_common()) or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
