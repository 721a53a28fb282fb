"""``check_report``: every enabled per-report rule over one report, in the order of
patterns/checks.toml, then the OCR-doubt note on findings that rest on an unsure OCR reading."""
from __future__ import annotations

import logging

from ..model import Finding, Report
from . import claims, context, execution, formsums, goals, plausibility, scores, sections, shares, sums
from .context import Ctx, config, guarded, label

log = logging.getLogger(__name__)

# The rule modules register their rules (@rule) when imported; check_report runs the rules in the
# order of patterns/checks.toml, whatever the order of registration.
RULE_MODULES = (sums, formsums, scores, shares, execution, plausibility, goals, sections, claims)


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
    return mark_ocr_doubt(report, once(findings), lang)


def once(findings: list[Finding]) -> list[Finding]:
    """Each inconsistency once: a finding of a rule whose evidence points at the same spans as an
    earlier finding of that rule (a form's total judged as a form cell and as the report's fact)
    is left out."""
    seen, out = set(), []
    for f in findings:
        spans = frozenset((e.get("start"), e.get("end")) for e in f.evidence
                          if e.get("start") is not None and e.get("end") is not None)
        key = (f.rule, spans)
        if spans and key in seen:
            continue
        seen.add(key)
        out.append(f)
    return out


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
