"""Replay: what the current code does on the metadata a set's first-seen run got wrong, and which
mechanism of extractor/interpret/metadata carries each right value.

    python bench/metadata_replay.py [--first /tmp/r10/x_u{n}.db] [--sets 5,6,7,8] [--off NAME,...]
    python bench/metadata_replay.py --ablate [--support heldout,heldout2,...,pool]

Each set corpus/heldoutN (N in --sets; heldout5 … heldout9, retired, no longer blind; heldout9 was first scored by 906bdd7) was once scored
while unseen: ``--first`` is the database that run made (``{n}`` is N; bench/first_seen.sh rebuilds it
from the commit that first scored the set). The current code extracts
every text of the set in-process (extractor.pipeline.extract); for each metadata field the gold
states (unit_name, fiscal_year, report_kind, compared as ../shared/eval/score.py compares them) the
replay prints

  fixed    wrong when first seen, right now
  missed   wrong then and now
  broken   right then, wrong now

``--off NAME`` turns mechanisms off for the run (``MECHANISMS``: a cue reader of describe returns
nothing, or a rule of choice is skipped). ``--ablate`` turns each off in turn and prints, per
mechanism, how many first-seen fixes it carries (fixed now, lost without it), and over the
``--support`` sets (non-blind sets with gold; corpus_sets.is_blind filters every text) how many right
values it alone carries (``carries``) and how many values it makes wrong (``harms``: right without
it). A mechanism that carries one value on one text is a special case; one that carries many across
sets, and harms none, is general.
"""
from __future__ import annotations

import argparse
import importlib
import json
import sqlite3
import sys
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from corpus_sets import DEVELOPMENT, is_blind  # noqa: E402

FIELDS = ("unit_name", "fiscal_year", "report_kind")
RETIRED = {"5", "6", "7", "8", "9"}  # heldout5 … heldout9: scored blind once, no longer blind
SUPPORT = ",".join(DEVELOPMENT)

# name → (module, attribute, value it returns when off); lists for readers that return lists
_EMPTY, _NONE = "empty", "none"
MECHANISMS = {
    "title.neighbour": ("describe", "neighbour_unit", _NONE),
    "title.form_header_year": ("describe", "form_header_year", _NONE),
    "title.header_year": ("describe", "title_header_year", _NONE),
    "form.fields": ("describe", "form_fields", _EMPTY),
    "form.project_cues": ("describe", "project_cues", _EMPTY),
    "body.intro_titles": ("describe", "intro_titles", _EMPTY),
    "chrome.source_lines": ("describe", "source_lines", _EMPTY),
    "chrome.breadcrumb": ("describe", "breadcrumb", _NONE),
    "body.references": ("describe", "references", _EMPTY),
    "kind.heading": ("describe", "heading_kind", _NONE),
    "kind.body": ("describe", "body_kind", _NONE),
    "unit.alias": ("describe", "alias_units", _EMPTY),
    "unit.signature": ("describe", "signature_unit", _NONE),
    "unit.glued_signature": ("describe", "glued_signature_unit", _NONE),
    "unit.dated": ("describe", "dated_units", _EMPTY),
    "unit.self_word": ("describe", "self_word_units", _EMPTY),
    "unit.subject": ("describe", "subject_units", _EMPTY),
    "unit.undertaking": ("describe", "undertaking", _EMPTY),
    "unit.self_named": ("describe", "self_named_unit", _NONE),
    "unit.evaluated": ("describe", "evaluated_unit", _NONE),
    "unit.expand_level": ("describe", "expand_unit", _NONE),
    "unit.fuller": ("describe", "fuller_name", _NONE),
    "unit.giver_yields": ("describe", "giver_yields", _NONE),
    "unit.publisher_yields": ("describe", "publisher_yields", _NONE),
    "unit.role": ("describe", "role_units", _EMPTY),
    "unit.drop_evaluators": ("describe", "drop_evaluators", "same_cands"),
    "unit.office_yields": ("describe", "office_yields", _NONE),
    "year.period": ("describe", "period_year", _NONE),
    "year.body": ("describe", "body_year", _NONE),
    "year.filed": ("describe", "filed_year", _NONE),
    "year.dated_line": ("describe", "dated_line_year", _NONE),
    "year.end": ("describe", "year_end", _NONE),
    "year.forward": ("describe", "forward_year", _NONE),
    "year.published": ("describe", "published_year", _NONE),
    "year.event": ("describe", "event_year", _NONE),
    "forms.fill": ("pipeline", "fill_from_forms", "same_meta"),
}
_MODULES = {"describe": "extractor.interpret.metadata.describe", "pipeline": "extractor.pipeline"}
_OFF_VALUES = {
    _EMPTY: lambda *a, **k: [],
    _NONE: lambda *a, **k: None,
    "same_meta": lambda meta, *a, **k: meta,
    "same_cands": lambda cands, *a, **k: cands,
}


def norm(s) -> str:
    """score.py's norm_name."""
    s = unicodedata.normalize("NFKC", str(s) if s is not None else "")
    for ch in " \t\r\n\u3000“”\"'‘’《》<>":
        s = s.replace(ch, "")
    return s.rstrip("、，,。.；;")


def _metadata(path: str, off: list[str]) -> list[list]:
    """The (unit, year, kind) of each report the current code reads from ``path`` with ``off`` off."""
    saved = []
    for name in off:
        mod, attr, how = MECHANISMS[name]
        module = importlib.import_module(_MODULES[mod])
        if hasattr(module, attr):
            saved.append((module, attr, getattr(module, attr)))
            setattr(module, attr, _OFF_VALUES[how])
    try:
        from extractor.pipeline import extract
        return [[getattr(r, f) for f in FIELDS] for r in extract(path).reports]
    except Exception:  # noqa: BLE001 — a replay reports, never stops
        return []
    finally:
        for module, attr, value in saved:
            setattr(module, attr, value)


def _run(args):
    path, offs = args
    return path, [_metadata(path, off) for off in offs]


def first_seen(db: Path, name: str) -> list[list]:
    """(unit, year, kind) of each report the first-seen run stored for ``name``."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    rows = con.execute("select r.unit_name, r.fiscal_year, r.report_kind from reports r join documents d"
                       " on d.id = r.document_id where d.file_name = ?", (name,)).fetchall()
    return [list(r) for r in rows]


def _right(reps: list[list], i: int, want) -> bool:
    return any(norm(r[i]) == norm(want) for r in reps if r[i] is not None)


def _golds(sets: list[str]) -> dict[str, dict]:
    """path → gold for every non-blind text with gold in corpus/<set>."""
    out = {}
    for s in sets:
        folder = ROOT / "corpus" / s
        if not (folder / "gold").is_dir():
            continue
        for g in sorted((folder / "gold").glob("*.json")):
            gold = json.loads(g.read_text(encoding="utf-8"))
            p = folder / gold["file"]
            if p.exists() and not is_blind(p):
                out[str(p)] = gold
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--first", default="/tmp/r10/x_u{n}.db")
    ap.add_argument("--sets", default="5,6,7,8")
    ap.add_argument("--off", default="")
    ap.add_argument("--ablate", action="store_true")
    ap.add_argument("--support", default=SUPPORT)
    ap.add_argument("--jobs", type=int, default=4)
    a = ap.parse_args(argv)
    off = [o for o in a.off.split(",") if o]
    firsts = {}
    for n in (s for s in a.sets.split(",") if s in RETIRED):  # never a blind set
        for p in _golds([f"heldout{n}"]):
            firsts[p] = first_seen(Path(a.first.format(n=n)), Path(p).name)
    golds = _golds(sorted(set(a.support.split(",")) | {Path(p).parent.name for p in firsts})) if a.ablate \
        else {p: g for p, g in _golds([Path(p).parent.name for p in firsts]).items()}
    offs = [off] + ([[*off, m] for m in MECHANISMS] if a.ablate else [])
    with ProcessPoolExecutor(a.jobs) as ex:
        now = dict(ex.map(_run, [(p, offs) for p in golds], chunksize=2))
    tally = {k: 0 for k in ("fixed", "missed", "broken", "kept")}
    for p, then in firsts.items():
        gold, reps = golds[p], now[p][0]
        for i, f in enumerate(FIELDS):
            if gold.get(f) in (None, ""):
                continue
            state = {(False, True): "fixed", (False, False): "missed", (True, False): "broken",
                     (True, True): "kept"}[(_right(then, i, gold[f]), _right(reps, i, gold[f]))]
            tally[state] += 1
            if state != "kept":
                print(f"{state:7s} {Path(p).parent.name}/{Path(p).name} {f}: want {gold[f]!r} then "
                      f"{[r[i] for r in then]} now {[r[i] for r in reps]}")
    print(" ".join(f"{k} {v}" for k, v in tally.items()), f"(off: {','.join(off) or 'none'})")
    if not a.ablate:
        return 0
    print(f"\n{'mechanism':24s} {'first-seen fixes carried':>24s} {'carries':>8s} {'harms':>6s}  texts it carries")
    for j, m in enumerate(MECHANISMS, start=1):
        carried = carries = harms = 0
        where = set()
        for p, gold in golds.items():
            base, without = now[p][0], now[p][j]
            for i, f in enumerate(FIELDS):
                if gold.get(f) in (None, ""):
                    continue
                r0, r1 = _right(base, i, gold[f]), _right(without, i, gold[f])
                carries += r0 and not r1
                harms += r1 and not r0
                if r0 and not r1:
                    where.add(f"{Path(p).parent.name}/{Path(p).stem}")
                    if p in firsts and not _right(firsts[p], i, gold[f]):
                        carried += 1
        print(f"{m:24s} {carried:24d} {carries:8d} {harms:6d}  {' '.join(sorted(where)[:8])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
