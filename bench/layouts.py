"""Extraction on the tuning texts laid out differently: how much of what we read depends on layout.

    python bench/layouts.py [--kinds rewrap,chrome,...] [--sets pool heldout ...] [--diff]

Each non-blind tuning text with a gold file (corpus/pool, heldout … heldout9: corpus_sets.DEVELOPMENT; the blind sets and
the pool's validation texts are left out, bench/corpus_sets.py) is copied as is (``src``) and in
each layout of scripts/perturb.py (lines wrapped at a page's width, page chrome, tables without
pipes, one cell a line, paragraphs on one line, footers, traditional characters). Every copy keeps
the text's figures, names and sentences, so the same gold scores it: a figure lost between
``src`` and a layout is read by layout, not by meaning, and would be lost on an unseen report so
laid out. Prints the scorer's figures per layout; ``--diff`` lists, per layout and text, the facts,
projects and metadata the layout loses (-) or gains (+) against the published text: each is a
reading that depends on layout, the next thing to make general.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "scripts"))
from corpus_sets import DEVELOPMENT, texts  # noqa: E402
from perturb import KINDS, perturb  # noqa: E402

SCORER = ROOT.parent / "shared" / "eval" / "score.py"
SETS = DEVELOPMENT
MEASURES = ("amount", "percent", "project", "facts", "metadata")


def copies(out: Path, sets: list[str], kinds: list[str]) -> None:
    """out/gold/*.json and out/<kind>/*.txt (``src`` the texts as they are)."""
    (out / "gold").mkdir(parents=True)
    for kind in ["src", *kinds]:
        (out / kind).mkdir()
    for name in sets:
        for path in texts(ROOT / "corpus" / name):
            gold = ROOT / "corpus" / name / "gold" / f"{path.stem}.json"
            if not gold.exists():
                continue
            file = f"{name}_{path.name}"
            record = json.loads(gold.read_text(encoding="utf-8"))
            record["file"] = file
            (out / "gold" / f"{name}_{path.stem}.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
            text = path.read_text(encoding="utf-8")
            (out / "src" / file).write_text(text, encoding="utf-8")
            for kind in kinds:
                (out / kind / file).write_text(perturb(text, kind), encoding="utf-8")


def score(out: Path, kind: str) -> tuple[dict[str, str], dict[str, set[str]]]:
    """The scorer's headline figure per measure for one layout, and its misses per text (the
    scorer's --verbose lines of facts, projects and metadata)."""
    db = out / f"{kind}.db"
    subprocess.run([sys.executable, "-m", "extractor", "ingest", str(out / kind), "--db", str(db), "--quiet"],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    summary = subprocess.run([sys.executable, str(SCORER), str(db), "--gold", str(out / "gold"), "--verbose"],
                             capture_output=True, text=True, check=True).stdout
    found: dict[str, str] = {}
    misses: dict[str, set[str]] = {}
    for line in summary.splitlines():
        parts = line.split()
        if parts and parts[0] in MEASURES:
            found[parts[0]] = parts[2]
        elif (m := MISS.match(line)) and not m.group(2).startswith(("amount", "percent", "length")):
            misses.setdefault(m.group(1), set()).add(m.group(2))
    return found, misses


MISS = re.compile(r"^(\S+\.txt): (.*)$")  # a --verbose line: the text, then one miss


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--sets", nargs="+", default=list(SETS), choices=SETS)
    ap.add_argument("--diff", action="store_true",
                    help="list per text the facts, projects and metadata a layout loses or gains")
    args = ap.parse_args()
    kinds = [k for k in args.kinds.split(",") if k]
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        ap.error(f"unknown layouts {unknown}; known: {', '.join(KINDS)}")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        copies(out, args.sets, kinds)
        print(f"{'layout':12s}" + "".join(f"{m:>10s}" for m in MEASURES))
        missed = {}
        for kind in ["src", *kinds]:
            found, missed[kind] = score(out, kind)
            print(f"{kind:12s}" + "".join(f"{found.get(m, '-'):>10s}" for m in MEASURES), flush=True)
        if args.diff:
            for kind in kinds:
                print(f"\n{kind}: what the layout loses (-) or gains (+) against the texts as published")
                for text in sorted(set(missed["src"]) | set(missed[kind])):
                    a, b = missed["src"].get(text, set()), missed[kind].get(text, set())
                    for sign, lines in (("-", b - a), ("+", a - b)):
                        if lines:
                            print(f"  {sign} {text}: " + "; ".join(sorted(lines)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
