"""Headings of a templated report (``section_numbering``): top-level numbers that are missing,
skipped or out of order, and template sections the report lacks."""
from __future__ import annotations

from ..model import Finding
from ..text.segment import templates
from .context import Ctx, finding, guarded, rule, rule_config
from .numbering import expected_label, label_number
from .tolerance import finite


@rule("section_numbering")
def section_numbering(ctx: Ctx) -> list[Finding]:
    """One warning listing every top-level heading that is unnumbered, skips a number or goes
    back; then the template sections missing from the report (info)."""
    report = ctx.report
    if not report.template:
        return []
    sections = [s for s in report.sections or [] if finite(s.level)]
    templated = [s for s in sections if s.template_id]
    if not templated:
        return []
    top = min(s.level for s in templated)
    model = next((s.number_label for s in sections if s.level == top and s.number_label), None)
    problems, evidence, counter = [], [], 0
    for s in sections:
        if s.level < top:
            counter = 0
            continue
        if s.level != top:
            continue
        n = label_number(s.number_label)
        if s.number_label is None or n is None:
            counter += 1
            problems.append(ctx.msg("section_numbering", "unnumbered", heading=s.heading,
                                    expected=expected_label(model, counter)))
            evidence.append(ctx.ev_section(s))
            continue
        if n != counter + 1:
            case = "skipped" if n > counter + 1 else "out_of_order"
            problems.append(ctx.msg("section_numbering", case, label=s.number_label, heading=s.heading,
                                    expected=expected_label(model, counter + 1)))
            evidence.append(ctx.ev_section(s))
        counter = n
    out = []
    if problems:
        sep = ctx.msg("section_numbering", "separator")
        out.append(finding(ctx, "section_numbering", ctx.msg("section_numbering", "numbering",
                                                             problems=sep.join(problems)),
                           evidence=evidence, actual=float(len(problems))))
    out += guarded("section_numbering", missing_sections, ctx, templated)
    return out


def missing_sections(ctx: Ctx, templated) -> list[Finding]:
    """The report's template sections that no heading found, when enough of the template was found."""
    conf = rule_config("section_numbering")
    template = next((t for t in templates() if t.get("id") == ctx.report.template), None)
    if template is None:
        return []
    present = {s.template_id.split(":", 1)[-1] for s in templated}
    entries = template.get("section", [])
    missing = [e for e in entries if e.get("id") not in present]
    if not missing or not entries or len(present) / len(entries) < conf.get("min_template_share", 0.5):
        return []
    sep = ctx.msg("section_numbering", "separator")
    headings = sep.join(ctx.msg("section_numbering", "heading", heading=e["heading"]) for e in missing)
    return [finding(ctx, "section_numbering", ctx.msg("section_numbering", "missing", headings=headings),
                    severity=conf.get("missing_severity", "info"), actual=float(len(missing)))]
