"""``check_report``: every enabled per-report rule over one report, in the order of
patterns/checks.toml; findings that rest on a reading in doubt refused (doubt.py); then the
OCR-doubt note on findings that rest on an unsure OCR reading."""
from __future__ import annotations

import logging

from ..model import Finding, Report
from . import claims, context, doubt, execution, formsums, fundflow, goals, listsums, ordinals, plausibility, portions, scores, sections, shares, sums, tablesums, vertical
from .context import Ctx, config, guarded, label

log = logging.getLogger(__name__)

# The rule modules register their rules (@rule) when imported; check_report runs the rules in the
# order of patterns/checks.toml; the functions of one rule run in the order their modules were first
# imported (the import line above: formsums before sums, so a form's grid total is reported as the form's;
# listsums before ordinals, so a list inside an enumerated item is reported before the enumeration).
RULE_MODULES = (sums, formsums, listsums, ordinals, tablesums, vertical, scores, shares, portions, execution, plausibility, goals,
                sections, claims)


def check_report(report: Report, lang: str = "zh") -> list[Finding]:
    """Every finding of every enabled rule on one report. Never raises."""
    try:
        ctx = Ctx(report, lang)
        rules_conf = config().get("rules", {})
    except Exception as e:
        log.warning("checks not run: %s: %s", type(e).__name__, e)
        return []
    order = {rule_id: i for i, rule_id in enumerate(rules_conf)}
    findings: list[Finding] = []
    for rule_id, fn in sorted(context.RULES, key=lambda r: order.get(r[0], len(order))):
        conf = rules_conf.get(rule_id)
        if conf is None:
            log.warning("checks.toml has no [rules.%s]; rule skipped", rule_id)
            continue
        if not conf.get("enabled", True):
            continue
        findings.extend(guarded(rule_id, fn, ctx))
    return mark_ocr_doubt(report, once(doubt.without_doubt(ctx, findings)), lang)


def once(findings: list[Finding]) -> list[Finding]:
    """Each inconsistency once: a finding of a rule whose evidence points at the same spans as an
    earlier finding of that rule (a form's total judged as a form cell and as the report's fact),
    or whose spans all lie in the one row the other points at (a 自评表 line's rate judged as the
    line and as the report's fact read from it), or the reverse, is left out."""
    kept: list[tuple[Finding, list[tuple]]] = []
    for f in findings:
        items = [(e.get("start"), e.get("end"), e.get("type")) for e in f.evidence
                 if isinstance(e.get("start"), int) and isinstance(e.get("end"), int)]
        if items and any(g.rule == f.rule and (_covers(old, items) or _covers(items, old)) for g, old in kept):
            continue
        kept.append((f, items))
    return [f for f, _ in kept]


def _covers(outer: list[tuple], inner: list[tuple]) -> bool:
    """Whether ``inner``'s spans are ``outer``'s, or all lie in one row of ``outer``."""
    if not outer or not inner:
        return False
    if {(s, e) for s, e, _ in outer} == {(s, e) for s, e, _ in inner}:
        return True
    rows = [(s, e) for s, e, kind in outer if kind in ROW_EVIDENCE]
    if len(rows) != 1:  # a finding about many rows (a form's total) contains no single one
        return False
    (rs, re_), = rows
    return all(rs <= s and e <= re_ for s, e, _ in inner)


# evidence items that point at one row of a form: what lies inside one is about that row
ROW_EVIDENCE = ("form_line", "indicator", "form_value")


def mark_ocr_doubt(report: Report, findings: list[Finding], lang: str) -> list[Finding]:
    """A finding whose evidence overlaps a low-confidence OCR mention may be a misread digit,
    not the department's arithmetic: say so in the message and on the evidence item."""
    doubtful = [(m.start, m.end) for m in report.mentions or [] if getattr(m, "low_confidence", False)]
    if not doubtful:
        return findings
    note = label("ocr_doubt", lang)
    for f in findings:
        hit = False
        for item in f.evidence:
            start, end = item.get("start"), item.get("end")
            if start is None or end is None:
                continue
            if any(s < end and start < e for s, e in doubtful):
                item["low_confidence"] = True
                hit = True
        if hit and note not in f.message:
            f.message = f"{f.message}{note}"
    return findings
