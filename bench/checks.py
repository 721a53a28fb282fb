"""How well do the cross-checks catch planted faults, and how quiet are they on clean reports?

    .venv/bin/python bench/checks.py [--synthetic 30] [--forms 30] [--flows 15] [--variants 3] [--seed 0] [--margin 3] [--real DIR] [-v]

Runs the full pipeline (``extractor.pipeline.extract`` on temporary files) over clean report texts
(the 2024 渌口区 report, synthetic reports and synthetic 自评表 from scripts/inject_faults.py, whose
``form_*`` faults edit a form's cells: a line's 执行率, a 其中 line, an indicator's 得分, 分值 or
actual, the 总分, the budget line's 得分; synthetic project excerpts from scripts/synth_flows.py, whose ``flow_*`` faults raise a
source of the arrived funds, the spending above what arrived, or a row of the barred 支出明细 table above its
支出合计 row) and over faulted
variants of them, and prints per rule:

* recall: the share of planted faults the expected rule catches. A fault counts as caught when
  the faulted report has a finding of that rule whose message the clean version does not have
  (the example report already carries staff_over_quota and section_numbering findings);
* not extracted: misses whose planted number no fact, project, group or form value holds — the
  extraction stages lost it, so the rule never saw it; "checks recall" leaves those out;
* false findings: arithmetic findings (sum, share, growth, balance, execution rate) on the clean
  versions, which must be none;
* per fault: faults planted outside every rounding interval (the finding should be an error) and
  inside the rounding interval of round figures (``*_round``: a warning naming them; issue 14),
  with the severities the caught faults were reported with.

``--real DIR`` also lists the findings on real reports (for reading, not scored). Targets:
recall ≥ 0.95 per rule, no arithmetic finding on a clean version; the exit status is 1 if missed.
"""
from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from inject_faults import FAULTS, SEVERITY, clean_texts, faulted_variants, set_margin  # noqa: E402

from extractor.pipeline import extract  # noqa: E402

ARITHMETIC = ["sum_mismatch", "share_mismatch", "growth_mismatch", "balance_mismatch", "execution_rate_mismatch",
              "score_mismatch"]
RECALL_TARGET = 0.95


def extracted(report, text: str, got) -> bool:
    """Did extraction pick up the planted number where it was planted (a fact's mention, a project,
    a group or form row spanning the edit, holding the planted value)?"""
    if got.value is None or got.offset is None:
        return True
    from extractor.text.normalize import normalize

    at = normalize(text).from_source(got.offset)

    def same(v):
        return v is not None and abs(abs(v) - got.value) <= 1e-9 * max(1.0, got.value)

    def spans(start, end):
        return start is not None and end is not None and start <= at < end

    for f in report.facts:
        m = report.mentions[f.mention] if f.mention is not None and f.mention < len(report.mentions) else None
        if m is not None and spans(m.start, m.end + 1) and same(f.value):
            return True
    for p in report.projects:
        if spans(p.start, p.end) and any(same(v) for v in (p.amount, p.stake_from, p.stake_to)):
            return True
    for g in report.project_groups:
        if spans(g.start, g.end) and any(same(v) for v in (g.budget, g.adjustment, g.spent, g.balance)):
            return True
    for form in report.forms:
        for line in form.budget_lines:
            if any(same(v) for v in (line.budget_initial, line.budget_full_year, line.executed, line.execution_rate)):
                return True
        for ind in form.indicators:
            if any(same(v) for v in (ind.weight, ind.score, ind.actual_value)):
                return True
        if same(form.total_score):
            return True
    return False


def run(text: str, workdir: Path, name: str):
    path = workdir / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return extract(path).reports[0]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--synthetic", type=int, default=30, help="generated clean reports (default 30)")
    ap.add_argument("--forms", type=int, default=30, help="generated clean 自评表 (default 30)")
    ap.add_argument("--flows", type=int, default=15, help="generated project excerpts with a fund flow (default 15)")
    ap.add_argument("--variants", type=int, default=3, help="seeds per fault per report (default 3)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--margin", type=float, default=3.0,
                    help="fault size in tolerances of the catching check (default 3; near 1 = just outside)")
    ap.add_argument("--real", type=Path, help="also list findings on the reports in this folder")
    ap.add_argument("--verbose", "-v", action="store_true", help="print every miss and false finding")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    set_margin(args.margin)
    t0 = time.perf_counter()
    texts = clean_texts(args.synthetic, args.seed, args.forms, args.flows)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        clean = {name: run(text, work, name) for name, text in texts.items()}
        if not any(r.facts for r in clean.values()) or not any(r.projects for r in clean.values()):
            print("PENDING: the facts/projects stages are placeholders; the figures below only cover the"
                  " rules that need sections alone.\n")

        # clean versions: arithmetic findings are false alarms
        false_by_rule: Counter = Counter()
        noisy_reports = 0
        other_clean: Counter = Counter()
        for name, r in clean.items():
            arith = [f for f in r.findings if f.rule in ARITHMETIC]
            false_by_rule.update(f.rule for f in arith)
            noisy_reports += bool(arith)
            other_clean.update(f.rule for f in r.findings if f.rule not in ARITHMETIC)
            if args.verbose:
                for f in arith:
                    print(f"FALSE  {name}: {f.rule}: {f.message}")

        # faulted versions
        injected: Counter = Counter()
        caught: Counter = Counter()
        upstream: Counter = Counter()  # misses whose planted number extraction never picked up
        by_fault: dict[str, Counter] = defaultdict(Counter)
        for name, fault, seed, got in faulted_variants(texts, args.variants, args.seed):
            r = run(got.text, work, f"{name}.{fault}.{seed}")
            before = {f.message for f in clean[name].findings if f.rule == got.rule}
            new = [f for f in r.findings if f.rule == got.rule and f.message not in before]
            hit = bool(new)
            injected[got.rule] += 1
            caught[got.rule] += hit
            by_fault[fault]["injected"] += 1
            by_fault[fault]["caught"] += hit
            if hit:
                by_fault[fault]["severity " + new[0].severity] += 1
            lost = not hit and not extracted(r, got.text, got)
            upstream[got.rule] += lost
            if args.verbose and not hit:
                print(f"MISS   {name} {fault}#{seed} ({got.note}){' [not extracted]' if lost else ''}; "
                      f"findings: {[f.rule for f in r.findings]}")
        real_counts: Counter = Counter()
        real_docs = 0
        if args.real:
            for path in sorted(args.real.iterdir()):
                if path.is_file():
                    try:
                        reports = extract(path).reports
                    except Exception as e:  # a reader error is not a checks problem
                        print(f"skip {path.name}: {type(e).__name__}: {e}")
                        continue
                    real_docs += 1
                    for rep in reports:
                        for f in rep.findings:
                            real_counts[f.rule] += 1
                            if args.verbose:
                                print(f"REAL   {path.name}: {f.rule} [{f.severity}] {f.message}")

    ok = True
    n_clean = len(clean)
    print(f"margin {args.margin:g}; clean texts: {n_clean} (example + {n_clean - ('example' in clean)} synthetic); "
          f"faulted variants: {sum(injected.values())}; {time.perf_counter() - t0:.1f}s\n")
    print(f"{'rule':26} {'injected':>8} {'caught':>7} {'recall':>7} {'not extracted':>14} {'checks recall':>14}"
          f"   {'false on clean':>14}")
    for rule in sorted(set(FAULTS.values()) | set(ARITHMETIC)):
        n, c, u = injected[rule], caught[rule], upstream[rule]
        recall = c / n if n else float("nan")
        checks_recall = c / (n - u) if n - u else float("nan")
        false = false_by_rule[rule] if rule in ARITHMETIC else "-"
        flag = ""
        if n and recall < RECALL_TARGET:
            flag, ok = "  < target" + (" (extraction gap)" if checks_recall >= RECALL_TARGET else ""), False
        if rule in ARITHMETIC and false_by_rule[rule]:
            flag, ok = flag + "  false findings!", False
        print(f"{rule:26} {n:8d} {c:7d} {recall:7.3f} {u:14d} {checks_recall:14.3f}   {false!s:>14}{flag}")
    print("(not extracted: misses where no fact, project, group or form value holds the planted number, i.e."
          " upstream extraction gaps; checks recall = caught / (injected − not extracted))")
    print(f"\nclean reports with any arithmetic finding: {noisy_reports}/{n_clean} "
          f"(false-finding rate {noisy_reports / n_clean if n_clean else 0:.3f})")
    print("other findings on clean versions (expected on the example: staff_over_quota, section_numbering, "
          "stake_length_mismatch, duplicate_output, goal_not_met, claim_contradicted): "
          + (", ".join(f"{k}={v}" for k, v in sorted(other_clean.items())) or "none"))
    print(f"\n{'fault':22} {'rule':24} {'caught':>9}   severities (expected)")
    for fault, v in by_fault.items():
        severities = ", ".join(f"{k.split()[1]} {n}" for k, n in sorted(v.items()) if k.startswith("severity "))
        want = SEVERITY.get(fault)
        off = sum(n for k, n in v.items() if k.startswith("severity ") and want and k != f"severity {want}")
        print(f"{fault:22} {FAULTS[fault]:24} {v['caught']:4d}/{v['injected']:<4d}   {severities or '-'} "
              f"({want or 'any'}){'  ' + str(off) + ' off' if off else ''}")
    if args.real:
        print(f"\nreal reports ({real_docs} files), findings per rule: "
              + (", ".join(f"{k}={v}" for k, v in sorted(real_counts.items())) or "none"))
    print("\ntargets " + ("met" if ok else "MISSED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
