"""Money a project report says was spent in full, in prose: every sentence of the development texts
where a verb of spending or of completion (支出完毕, 全部已使用, 已全部支付, 执行到位, 实际支出, 累计支出,
完成投资, 已拨付, 发放…) stands near a money figure, and what the extractor reads there.

    PYTHONPATH=. python bench/completion_spent.py                  # counts per set and per rule
    PYTHONPATH=. python bench/completion_spent.py --sample 40      # and 40 random firings to check by hand
    PYTHONPATH=. python bench/completion_spent.py --unread         # and every sentence read by no rule

The texts are the non-blind development texts (bench/corpus_sets.texts): corpus/pool, corpus/heldout …
corpus/heldout9, corpus/findings, and the shared development set ../shared/corpus/real. A sentence is cut at 。；;！？!? and line breaks (a figure and its verb
never bind across one). The mining regexes below are broad on purpose (a net, not a reader): the
extractor's own vocabulary is patterns/facts.toml. For each sentence the script tells whether a
budget_executed reading (the winning fact or a losing candidate, with its rule) stands on a figure of
it, and the gold's budget_executed of the document when a gold file exists.

A firing of the sample is judged by hand against the sentence and the document (the gold, where it
states budget_executed; else by reading): right when the figure is what the project spent in full.

Measured in round 12 (branch spent12; docs/fact_phrasings.md has the whole account): 472 texts, 342 read as
project reports, 66 sentences with a completion verb near a figure. Before (main at 906bdd7): 33 read (won),
23 read but lost, 10 unread; after: 36 / 23 / 7 (heldout9 u006, u008, u020 newly read, all right). Hand-checked
sample of 40 firings (--sample 40, seed 12): 32 right, 8 wrong against the gold, the 8 all winning readings the
code made before too (provincial totals 共支出…, 已拨付 beside 实际支出率, a first part of a list, doubtful totals).
"""
from __future__ import annotations

import json
import random
import re
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from corpus_sets import ROOT, texts

SETS = ["pool", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8",
        "heldout9", "findings"]
AMOUNT = r"\d[\d,]*(?:\.\d+)?\s*(?:亿元|万元|元)(?!\s*/)"
# a verb that says the money was spent, paid or used (in full), or put in
VERB = (r"(?:支出|使用|执行|支付|拨付|发放|兑付|兑现)(?:完毕|到位|完成)(?!率)"
        r"|(?:已|均已)?(?:全部|全额|足额)(?:已)?(?:支出|使用|执行|支付|拨付|发放|兑付)"
        r"|实际(?:已)?(?:支出|使用|支付|发放|执行)|(?:累计|共|合计|共计)(?:实际)?(?:支出|使用|支付|发放|拨付)"
        r"|(?:已|已经)(?:支出|使用|支付|拨付|发放)|完成(?:项目)?投资")
STOP = "。；;！？!?\n"
SHARED = ROOT.parent.parent / "shared" / "corpus" / "real"  # the shared development set (its gold apart)
NEAR = 40  # characters between a figure and a verb of its sentence (either side)


def sentences(text: str):
    """(start, end) of each sentence of ``text``."""
    start = 0
    for i, ch in enumerate(text):
        if ch in STOP:
            if i > start:
                yield start, i
            start = i + 1
    if start < len(text):
        yield start, len(text)


def read(path: str) -> dict:
    """What the pipeline reads in one text: its kind, the budget_executed fact and candidates (span,
    value, rule, why lost), and the sentences with a completion verb near a figure."""
    from extractor.model import Page, RawDocument
    from extractor.pipeline import build_report

    p = Path(path)
    report = build_report(RawDocument(path=p.name, format="txt", pages=[Page(1, p.read_text(errors="ignore"))]))
    text = report.text
    readings = []
    for f in report.facts:
        if f.key == "budget_executed" and not f.derived:
            m = report.mentions[f.mention] if f.mention is not None and f.mention < len(report.mentions) else None
            readings.append({"value": f.value, "rule": f.rule_id, "won": True, "why": "",
                             "at": m.start if m else f.start})
    for c in report.fact_candidates:
        if c.key == "budget_executed":
            m = report.mentions[c.mention] if c.mention is not None and c.mention < len(report.mentions) else None
            readings.append({"value": c.value, "rule": c.rule_id, "won": False, "why": c.why,
                             "at": m.start if m else c.start})
    found = []
    for s, e in sentences(text):
        sent = text[s:e]
        verbs = list(re.finditer(VERB, sent))
        if not verbs:
            continue
        figures = list(re.finditer(AMOUNT, sent))
        if not any(abs(v.start() - f.end()) <= NEAR or abs(f.start() - v.end()) <= NEAR for v in verbs for f in figures):
            continue
        here = [r for r in readings if r["at"] is not None and s <= r["at"] < e]
        found.append({"sentence": sent.strip(), "verbs": [v.group() for v in verbs], "readings": here})
    return {"file": path, "kind": report.report_kind, "sentences": found}


def gold_executed(path: str):
    """The gold's budget_executed of the text (None: not stated; "-" no gold file)."""
    p = Path(path)
    gold = (p.parent.parent / "gold" if p.parent == SHARED else p.parent / "gold") / f"{p.stem}.json"
    if not gold.exists():
        return "-"
    return (json.loads(gold.read_text()).get("facts") or {}).get("budget_executed")


def main(argv: list[str]) -> None:
    """Counts per set and per rule; --sample N prints N random firings (seed 12), --unread the rest."""
    paths = [str(p) for s in SETS for p in texts(ROOT / "corpus" / s)] + [str(p) for p in texts(SHARED)]
    with ProcessPoolExecutor(2) as pool:
        docs = list(pool.map(read, paths, chunksize=4))
    rows = [(d, s) for d in docs for s in d["sentences"] if d["kind"] == "project"]
    print(f"texts {len(docs)}, project reports {sum(d['kind'] == 'project' for d in docs)}; "
          f"sentences with a completion verb near a figure in project reports: {len(rows)}")
    per_set = Counter()
    state = Counter()
    rules = Counter()
    for d, s in rows:
        per_set[Path(d["file"]).parent.name] += 1
        won = [r for r in s["readings"] if r["won"]]
        st = "read (won)" if won else "read (lost)" if s["readings"] else "not read"
        state[st] += 1
        for r in s["readings"]:
            rules[(r["rule"], "won" if r["won"] else "lost")] += 1
    print("per set:", dict(sorted(per_set.items())))
    print("state:", dict(state))
    print("readings by rule:")
    for (rule, st), n in sorted(rules.items()):
        print(f"  {rule:55} {st:5} {n}")
    firings = [(d, s, r) for d, s in rows for r in s["readings"]]
    if "--sample" in argv:
        n = int(argv[argv.index("--sample") + 1])
        only = argv[argv.index("--rule") + 1] if "--rule" in argv else ""
        pick = [f for f in firings if only in f[2]["rule"]]
        random.Random(12).shuffle(pick)
        print(f"\nsample of {min(n, len(pick))} firings of {len(pick)} (rule containing {only!r}):")
        for d, s, r in pick[:n]:
            print(f"- {Path(d['file']).parent.name}/{Path(d['file']).name} {r['rule']} {r['value']:g} "
                  f"{'WON' if r['won'] else 'lost: ' + r['why'][:60]} | gold {gold_executed(d['file'])}\n    {s['sentence'][:200]}")
    if "--unread" in argv:
        print("\nsentences no rule reads:")
        for d, s in rows:
            if not s["readings"]:
                print(f"- {Path(d['file']).parent.name}/{Path(d['file']).name} gold {gold_executed(d['file'])} "
                      f"{s['verbs']}\n    {s['sentence'][:200]}")


if __name__ == "__main__":
    main(sys.argv)
