"""The checks over every non-blind text and over perturbed copies of them (scripts/perturb.py),
so each finding can be judged by reading it and layouts the development texts lack are stressed;
``append`` writes each text followed by the next one (two reports in one document: a finding
neither raises alone binds figures across them).

    .venv/bin/python bench/label_free.py [--kinds rewrap,chrome,nopipes,flatten] [--list] [--out F.jsonl]

Texts: bench/corpus_sets.py ``texts()`` of its DEVELOPMENT sets (corpus/pool, heldout … heldout9),
corpus/findings and ../shared/corpus/real (blind texts are never read). Prints the findings per
rule on the originals and, per perturbation, the findings a copy raises that its original does
not (``new``: a perturbation keeps every figure, so each is a false alarm of layout) and those it
loses (``lost``: recall lost to a layout). A finding is keyed by its rule and the figures of its
message (a re-wrapped heading changes the words, not the figures). ``--list`` prints every finding
of the originals and every new one, for judging by hand.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "scripts"))

from corpus_sets import DEVELOPMENT, texts  # noqa: E402
from perturb import KINDS, perturb  # noqa: E402

FOLDERS = [*(ROOT / "corpus" / name for name in DEVELOPMENT), ROOT / "corpus" / "findings",
           ROOT.parent / "shared" / "corpus" / "real"]
NUMBER = re.compile(r"\d+(?:\.\d+)?")


def all_texts() -> list[Path]:
    """Every non-blind text of the folders that exist."""
    return [p for f in FOLDERS if f.is_dir() for p in texts(f)]


def key(f: dict) -> tuple:
    """A finding's rule and the figures its message names."""
    return (f["rule"], tuple(sorted(NUMBER.findall(f["message"]))))


def findings_of(job: tuple) -> tuple[str, str, list[dict]]:
    """(text, kind, its findings) for one text laid out by one perturbation ("" = the original;
    "append": the text, then another report, as portals publish a department's report with its
    projects' reports after it)."""
    from extractor.pipeline import extract_bytes

    path, kind, *other = job
    text = Path(path).read_text(encoding="utf-8")
    if kind == "append":
        text = text.rstrip("\n") + "\n\n" + Path(other[0]).read_text(encoding="utf-8")
    elif kind:
        text = perturb(text, kind)
    try:
        report = extract_bytes(text.encode("utf-8"), Path(path)).reports[0]
    except Exception as e:  # a crash is a result too
        return path, kind, [{"rule": "CRASH", "severity": "error", "message": repr(e)}]
    return path, kind, [{"rule": f.rule, "severity": f.severity, "message": f.message} for f in report.findings]


def main(argv=None) -> int:
    """Run, compare and print."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kinds", default=",".join([*KINDS, "append"]))
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    kinds = [k for k in args.kinds.split(",") if k]
    paths = [str(p) for p in all_texts()]
    follower = {p: paths[(i + 1) % len(paths)] for i, p in enumerate(paths)}  # the report appended
    jobs = [(p, k, follower[p]) if k == "append" else (p, k) for p in paths for k in ["", *kinds]]
    with Pool(args.jobs) as pool:
        got = {(p, k): fs for p, k, fs in pool.imap_unordered(findings_of, jobs, chunksize=4)}
    if args.out:
        with args.out.open("w", encoding="utf-8") as fh:
            for (p, k), fs in sorted(got.items()):
                for f in fs:
                    fh.write(json.dumps({"text": Path(p).name, "kind": k or "original", **f}, ensure_ascii=False) + "\n")
    originals = Counter(f["rule"] for p in paths for f in got[(p, "")])
    print(f"texts {len(paths)}; findings on the originals {sum(originals.values())}: "
          + ", ".join(f"{r} {n}" for r, n in sorted(originals.items())))
    if args.list:
        for p in paths:
            for f in got[(p, "")]:
                print(f"  ORIG {Path(p).name}: {f['rule']} [{f['severity']}] {f['message']}")
    for k in kinds:
        new, lost = Counter(), Counter()
        lines = []
        for p in paths:
            base = Counter(key(f) for f in got[(p, "")])
            if k == "append":  # either report's own findings are no news
                base += Counter(key(f) for f in got[(follower[p], "")])
            mine = Counter(key(f) for f in got[(p, k)])
            for f in got[(p, k)]:
                if base[key(f)] <= 0:
                    new[f["rule"]] += 1
                    lines.append(f"  NEW  {k} {Path(p).name}: {f['rule']} [{f['severity']}] {f['message']}")
                base[key(f)] -= 1
            for f in got[(p, "")] + (got[(follower[p], "")] if k == "append" else []):
                if mine[key(f)] <= 0:
                    lost[f["rule"]] += 1
                    lines.append(f"  LOST {k} {Path(p).name}: {f['rule']} {f['message'][:120]}")
                mine[key(f)] -= 1
        print(f"{k:8s} new {sum(new.values()):3d} ({', '.join(f'{r} {n}' for r, n in sorted(new.items()))})"
              f"   lost {sum(lost.values()):3d} ({', '.join(f'{r} {n}' for r, n in sorted(lost.items()))})")
        if args.list:
            print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
