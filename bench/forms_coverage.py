"""Form coverage without labels: for every text that carries a self-assessment form, what its form gave.

    PYTHONPATH=. python bench/forms_coverage.py corpus/pool/*.txt corpus/heldout corpus/heldout2 \\
        corpus/heldout3 corpus/findings corpus/forms [--jobs 2] [--all] [--json OUT]

Arguments are files or folders (a folder gives its documents; gold/, *.json and *.tsv are skipped).
Never pass a blind folder (corpus/heldout9-11, corpus/pool/gold-validation): this runs the extractor.

A text is form-bearing when it holds a form marker: "strong" (S) when a form's budget header stands
in it (three labels such as 年初预算数 / 全年执行数 / 执行率 / 得分 with no figure between them),
"weak" (w) when only a form title (…自评表) or a budget label does (often a sentence naming the
form or stating the budget in prose, or a form cut off before its budget block). For each form-bearing text one
line: the forms found (read / unread with the reason, the template), the budget facts a form gave
(budget_initial bi, budget_full_year bf, budget_executed be, execution_rate er, self_score ss), and for
a project report whether it got a project with an amount (and by which rule). A text is OK when its
form gave at least one budget fact and, for a project report, a project with an amount. The totals
are the measure: OK texts among the strong ones, and among all form-bearing ones.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # corpus_sets.py, beside this script, also when loaded by path
from corpus_sets import is_blind

# a budget header: three column labels of a form's budget block with no figure between them
HEADER_LABEL = re.compile(r"年初预算数|全年预算数|预算数|全年执行数|执行数|执行率|分值|得分|资金总额|调整后预算|实际支出")
HEADER_WINDOW = 60  # characters
WEAK = re.compile(r"自评表|评价表|评分表|年度资金总额|全年执行数|年初预算数")
BUDGET_KEYS = {"budget_initial": "bi", "budget_full_year": "bf", "budget_executed": "be",
               "execution_rate": "er", "self_score": "ss"}
SKIP_SUFFIXES = {".json", ".tsv", ".md"}


def documents(args: list[str]) -> list[Path]:
    """The documents named by ``args`` (files, or folders read one level deep), in order."""
    out: list[Path] = []
    for a in args:
        p = Path(a)
        if is_blind(p):
            if p.is_dir():
                sys.exit(f"forms_coverage: {p} is blind; not read")
            continue  # a validation excerpt of corpus/pool, named by a glob
        if p.is_dir():
            out += sorted(f for f in p.iterdir() if f.is_file() and f.suffix not in SKIP_SUFFIXES and not is_blind(f))
        elif p.is_file():
            out.append(p)
    return out


def has_header(text: str) -> bool:
    """Whether ``text`` holds a form's budget header (three distinct labels, no digit between)."""
    hits = list(HEADER_LABEL.finditer(text))
    for i, m in enumerate(hits):
        seen = {m.group()}
        for n in hits[i + 1:]:
            if n.start() - m.start() > HEADER_WINDOW or re.search(r"\d", text[m.end():n.start()]):
                break
            seen.add(n.group())
        if len(seen) >= 3:
            return True
    return False


def one(path: str) -> dict:
    """What the extractor made of one document's forms (run in a worker)."""
    from extractor.pipeline import extract

    try:
        ex = extract(path)
    except Exception as e:  # a reader error: reported, not fatal
        return {"path": path, "error": f"{type(e).__name__}: {e}"[:120]}
    rep = ex.reports[0]
    text = rep.text
    forms = [{"status": f.status, "template": f.template, "reason": f.reason, "title": f.title,
              "lines": len(f.budget_lines), "indicators": len(f.indicators), "values": len(f.values),
              "project": f.project_name, "confidence": f.confidence} for f in rep.forms]
    facts = {f.key: f.value for f in rep.facts if f.source == "form" and f.key in BUDGET_KEYS}
    projects = [{"name": p.name, "amount": p.amount, "rule": p.rule_id} for p in rep.projects]
    return {"path": path, "kind": rep.report_kind, "strong": has_header(text),
            "weak": bool(WEAK.search(text)), "forms": forms, "facts": facts, "projects": projects}


def verdict(r: dict) -> tuple[bool, bool]:
    """(the form gave a budget fact, a project report has a project with an amount)."""
    budget = bool(r["facts"])
    project = r["kind"] != "project" or any(p["amount"] is not None for p in r["projects"])
    return budget, project


def line_of(r: dict) -> str:
    """One line about one document."""
    name = Path(r["path"]).parent.name + "/" + Path(r["path"]).name
    if "error" in r:
        return f"{name:28} ERROR {r['error']}"
    budget, project = verdict(r)
    ok = "OK " if budget and project else "-- "
    forms = ",".join(
        f"{'R' if f['status'] == 'read' else 'U'}:{f['template']}[{f['lines']}b{f['indicators']}i{f['values']}v]"
        + (f"({f['reason']})" if f["reason"] else "") for f in r["forms"]) or "no form"
    facts = " ".join(f"{BUDGET_KEYS[k]}={v:g}" for k, v in r["facts"].items()) or "no budget fact"
    proj = ""
    if r["kind"] == "project":
        with_amount = [p for p in r["projects"] if p["amount"] is not None]
        p = with_amount[0] if with_amount else (r["projects"][0] if r["projects"] else None)
        proj = " | project: " + (f"{p['name'][:24]}={p['amount']} ({p['rule']})" if p else "none")
    mark = "S" if r["strong"] else "w"
    return f"{ok}{mark} {name:26} {r['kind'] or '?':10} {forms} | {facts}{proj}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--all", action="store_true", help="also list texts without a form marker")
    ap.add_argument("--json", help="write the per-document results here")
    a = ap.parse_args(argv)
    docs = [str(p) for p in documents(a.paths)]
    with ProcessPoolExecutor(a.jobs) as pool:
        results = list(pool.map(one, docs, chunksize=4))
    if a.json:
        Path(a.json).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    sets: dict[str, list[dict]] = {}
    for r in results:
        sets.setdefault(Path(r["path"]).parent.name, []).append(r)
    totals = {"strong": [0, 0, 0, 0], "weak": [0, 0, 0, 0]}  # texts, any form, form read, OK
    for name, rs in sets.items():
        print(f"== {name} ({len(rs)} documents)")
        for r in rs:
            if "error" in r:
                print(line_of(r))
                continue
            if not (r["strong"] or r["weak"] or r["forms"]) and not a.all:
                continue
            print(line_of(r))
            t = totals["strong" if r["strong"] else "weak"]
            budget, project = verdict(r)
            t[0] += 1
            t[1] += bool(r["forms"])
            t[2] += any(f["status"] == "read" for f in r["forms"])
            t[3] += budget and project
    print()
    for k, (n, anyf, read, ok) in totals.items():
        print(f"{k:6} marker texts {n:4}: a form found {anyf:4}, read {read:4}, budget facts + project {ok:4}")
    n = sum(t[0] for t in totals.values())
    ok = sum(t[3] for t in totals.values())
    print(f"all    marker texts {n:4}: budget facts + project {ok:4}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
