"""The synthetic metadata family (scripts/synth_metadata.py) read by the pipeline, layout by layout.

    python bench/metadata_family.py [--misses] [--by grammar|year_form|distractor|shape|layout]

Every text of the family goes through extractor.pipeline.build_report; unit_name, fiscal_year and
report_kind are compared with the family's truth. Prints right/total per field for each group
(default: each layout, a title grammar × a year form), the totals, and with ``--misses`` every
miss as "file layout distractor field: want … got …".
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIELDS = (("unit_name", "unit"), ("fiscal_year", "year"), ("report_kind", "kind"))


def _synth():
    spec = importlib.util.spec_from_file_location("synth_metadata", ROOT / "scripts" / "synth_metadata.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read(text: str):
    """The report the pipeline builds from ``text`` (one page of a .txt)."""
    from extractor.model import Page, RawDocument
    from extractor.pipeline import build_report

    return build_report(RawDocument(path="m.txt", format="txt", pages=[Page(1, text)]))


def run(by: str = "layout") -> tuple[dict, list[str]]:
    """{group: {field: [right, total]}} and the misses."""
    groups: dict = defaultdict(lambda: {f: [0, 0] for f, _ in FIELDS})
    misses = []
    for file, text, truth in _synth().family():
        report = read(text)
        for field, key in FIELDS:
            got = getattr(report, field)
            g = groups[truth[by]][field]
            g[1] += 1
            if got == truth[key]:
                g[0] += 1
            else:
                misses.append(f"{file} {truth['layout']} {truth['distractor']} {field}: want {truth[key]!r} got {got!r}")
    return groups, misses


def main(argv=None) -> int:
    """Print the family's figures per group and in all."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--misses", action="store_true", help="list every miss")
    ap.add_argument("--by", default="layout", choices=["layout", "grammar", "year_form", "distractor", "shape"])
    args = ap.parse_args(argv)
    groups, misses = run(args.by)
    total = {f: [0, 0] for f, _ in FIELDS}
    print(f"{args.by:28} " + " ".join(f"{f:>12}" for f, _ in FIELDS))
    for name, g in groups.items():
        print(f"{name:28} " + " ".join(f"{g[f][0]:>5}/{g[f][1]:<6}" for f, _ in FIELDS))
        for f, _ in FIELDS:
            total[f][0] += g[f][0]
            total[f][1] += g[f][1]
    print(f"{'all':28} " + " ".join(f"{total[f][0]:>5}/{total[f][1]:<6}" for f, _ in FIELDS))
    texts = len(_synth().family())
    print(f"texts {texts}, all three right: {texts - len({m.split()[0] for m in misses})}")
    if args.misses:
        for m in misses:
            print(m)
    return 0


if __name__ == "__main__":
    sys.exit(main())
