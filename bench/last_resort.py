"""Precision of the last-resort name (interpret/projects/lastresort.py) measured ALONE: every other
source of a project switched off, it is asked for the project of every non-blind report with gold
(corpus/pool, heldout … heldout9: corpus_sets.DEVELOPMENT; department reports too, where any name it gives is wrong) and its
answer is compared with the gold.

    PYTHONPATH=. python bench/last_resort.py [--sets pool,heldout,...] [--jobs 2] [--list]

Per report it counts: `right` (its name matches one gold project by the scorer's rule, difflib
ratio >= 0.85 after norm_name), `wrong` (it fires and matches none, or the gold lists no project),
`silent` (it does not fire: no money stated, the report not read as of the project kind, or no
title-like head line). Precision = right / fired.
It also counts, among the reports the full pipeline leaves without a project, how many it would
name rightly and wrongly (what it adds as the last resort it is).
"""
from __future__ import annotations

import argparse
import difflib
import json
import sys
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_sets import DEVELOPMENT, ROOT, is_blind, texts

SETS = DEVELOPMENT
RATIO = 0.85


def norm_name(s: str | None) -> str:
    """The scorer's name normalization (../shared/eval/score.py)."""
    s = unicodedata.normalize("NFKC", s or "")
    for ch in " \t\r\n\u3000“”\"'‘’《》<>":
        s = s.replace(ch, "")
    return s.rstrip("、，,。.；;")


def _one(path: str) -> tuple[str, str | None, str | None, bool, str | None, bool]:
    """(file name, report kind, last-resort name, whether an earlier source found a project, head line,
    whether the report states money)."""
    from extractor.interpret.projects.lastresort import last_resort_name, last_resort_project
    from extractor.interpret.projects.single import named_without_amount
    from extractor.pipeline import extract

    report = extract(path).reports[0]
    p = last_resort_project(report)
    line = last_resort_name(report)[1] if p is not None else None
    had = any(q.rule_id != "projects:last_resort" for q in report.projects)  # found by an earlier source
    return Path(path).name, report.report_kind, p.name if p else None, had, line, named_without_amount(report)


def main() -> None:
    """Run the measure and print the counts (and with --list every report it fires on)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--list", action="store_true")
    args = ap.parse_args()
    total = {"right": 0, "wrong": 0, "silent": 0, "no_money": 0, "added_right": 0, "added_wrong": 0}
    for name in args.sets.split(","):
        folder = ROOT / "corpus" / name
        if is_blind(folder):
            sys.exit(f"{folder} is blind; not read")
        gold = {}
        for g in sorted((folder / "gold").glob("*.json")):
            data = json.loads(g.read_text(encoding="utf-8"))
            gold[data["file"]] = data
        paths = [str(p) for p in texts(folder) if p.name in gold]  # every kind: firing on a department report is wrong
        with ProcessPoolExecutor(args.jobs) as pool:
            results = list(pool.map(_one, paths, chunksize=4))
        counts = dict.fromkeys(total, 0)
        for file, kind, found, had, line, money in results:
            want = [p["name"] for p in gold[file].get("projects") or []]
            if found is None:
                counts["silent"] += 1
                counts["no_money"] += not money or kind != "project"
                if args.list and money and kind == "project" and want:
                    print(f"  {name}/{file} SILENT gold={want[:3]}")
                continue
            ok = any(difflib.SequenceMatcher(None, norm_name(w), norm_name(found)).ratio() >= RATIO for w in want)
            counts["right" if ok else "wrong"] += 1
            if not had:
                counts["added_right" if ok else "added_wrong"] += 1
            if args.list:
                print(f"  {name}/{file} {'RIGHT' if ok else 'WRONG'}{'' if had else ' (added)'} {found!r} gold={want[:3]} line={line!r}")
        fired = counts["right"] + counts["wrong"]
        print(f"{name}: reports {len(paths)}, fired {fired}, right {counts['right']}, wrong {counts['wrong']}, "
              f"silent {counts['silent']} ({counts['no_money']} stating no money or not of the project kind); where the pipeline found none: right {counts['added_right']}, "
              f"wrong {counts['added_wrong']}")
        for k in total:
            total[k] += counts[k]
    fired = total["right"] + total["wrong"]
    print(f"ALL: fired {fired}, right {total['right']}, wrong {total['wrong']}, silent {total['silent']} ({total['no_money']} no money or kind), "
          f"precision {total['right'] / fired if fired else 0:.3f}; added right {total['added_right']}, "
          f"added wrong {total['added_wrong']}")


if __name__ == "__main__":
    main()
