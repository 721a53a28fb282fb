"""Totals against the sums of their parts: the report's amounts, project groups and 自评表 budget
lines (``sum_mismatch``). 自评表 scores are in scores.py."""
from __future__ import annotations

import math
import re

from ..model import Finding, Form, Project, ProjectGroup
from .context import Ctx, diff_fields, ev_form_line, evidence, finding, guarded, rule, rule_config
from .tolerance import TIERS, best_failure, finite, fmt, judge, sum_decimals, total


def summed(ivs):
    """The computation of a sum: its parts' intervals added."""
    return total(ivs)


def judge_sum(ctx: Ctx, stated, parts):
    """``stated`` against the sum of ``parts`` in the readings exact, fine, round (tolerance.judge)."""
    return judge(stated, list(parts), summed, ctx.eps, sum_decimals(stated, *parts))


def sum_fails(ctx: Ctx, stated, parts):
    """The verdict of ``stated`` (a positive total) against ``parts`` when every figure was read, the
    sum fails, and no shorter run of the first parts adds up to it either (a list that adds up
    before its end restates a part after: 原值…, 净值…); None otherwise."""
    if stated is None or stated.value <= 0 or any(q is None for q in parts):
        return None  # a figure that could not be read, or no total to judge
    v = judge_sum(ctx, stated, parts)
    if v is None or v.ok or any(judge_sum(ctx, stated, parts[:k]).ok for k in range(2, len(parts))):
        return None
    return v

# A form column's name as a [labels] key: the executed column is labelled like the executed fact.
COLUMN_LABEL = {"executed": "budget_executed"}


# ----------------------------------------------------------------------------- sum_mismatch
@rule("sum_mismatch")
def sum_mismatch(ctx: Ctx) -> list[Finding]:
    """Stated totals that are not the sum of their stated parts (identities of patterns/checks.toml,
    project groups and the project total, 自评表 budget lines)."""
    conf = rule_config("sum_mismatch")
    out = []
    for identity in conf.get("identity", []):
        out += guarded("sum_mismatch", _sum_identity, ctx, identity, conf)
    out += guarded("sum_mismatch", _sum_groups, ctx, conf)
    for form in ctx.report.forms or []:
        out += guarded("sum_mismatch", _sum_form, ctx, form, conf)
    return out


def _sum_identity(ctx: Ctx, identity: dict, conf: dict) -> list[Finding]:
    total_key = identity["total"]
    # Only stated numbers: a derived total or part was computed from these very numbers.
    lists = []
    for key in identity.get("parts", []):
        qs = ctx.qs(key, stated_only=True)
        if not qs:
            return []
        lists.append([(key, q) for q in qs])
    for key in identity.get("optional", []):
        qs = ctx.qs(key, stated_only=True)
        if qs:
            lists.append([(key, q) for q in qs])
    out = []
    for stated in ctx.qs(total_key, stated_only=True):
        def verdicts():
            for combo in ctx.combos(lists):
                qs = [q for _, q in combo]
                if not ctx.within([stated, *qs], conf.get("max_distance", 0)):
                    continue
                yield judge_sum(ctx, stated, qs), combo

        failed = best_failure(verdicts())
        if failed:
            v, combo = failed
            desc = " + ".join(f"{ctx.label(k)}{fmt(q.value)}" for k, q in combo)
            out.append(finding(ctx, "sum_mismatch", ctx.msg(
                "sum_mismatch", "facts", total_label=ctx.label(total_key), total=fmt(stated.value),
                parts=desc, **diff_fields(v)), v, evidence(stated, *[q for _, q in combo])))
    return out


def projects_of_groups(ctx: Ctx) -> list[tuple[ProjectGroup, list[Project]]]:
    """Each project group with its projects: those naming its label, else those listed between
    its header and the next group's (the last group: within its own extent when it has one)."""
    groups = [g for g in ctx.report.project_groups or [] if isinstance(g, ProjectGroup)]
    projects = [p for p in ctx.report.projects or [] if isinstance(p, Project)]
    out = []
    starts = sorted(g.start for g in groups if finite(g.start))
    for g in groups:
        members = [p for p in projects if g.label and p.group_label == g.label]
        if not members and finite(g.start):
            nxt = min((s for s in starts if s > g.start), default=math.inf)
            members = [p for p in projects if finite(p.start) and g.start <= p.start < nxt]
            if nxt == math.inf and finite(g.end):  # the last group: its own extent, when it has one
                inside = [p for p in members if p.start < g.end]
                members = inside or members
        out.append((g, members))
    return out


def _sum_groups(ctx: Ctx, conf: dict) -> list[Finding]:
    out = []
    groups = projects_of_groups(ctx)
    lo_ratio, hi_ratio = conf.get("project_total_plausible", [0.8, 1.25])
    for g, members in groups:
        spent = ctx.q_value(g.spent, g.start, g.end, evidence=[ctx.ev_group(g)])
        if spent is None or len(members) < conf.get("min_group_projects", 1):
            continue
        if any(not finite(p.amount) for p in members):
            continue
        amounts = [ctx.q_value(p.amount, p.start, p.end, p.amount_mention, [ctx.ev_project(p)]) for p in members]
        v = judge_sum(ctx, spent, amounts)
        if not v.ok:
            out.append(finding(ctx, "sum_mismatch", ctx.msg(
                "sum_mismatch", "group", group=g.label, total=fmt(spent.value), n=len(members),
                **diff_fields(v)), v, evidence(spent, *amounts)))
    # project_expenditure against the groups (or the whole list when there are no groups)
    stated = ctx.qs("project_expenditure", stated_only=True)
    if not stated:
        return out
    if groups:
        if any(not finite(g.spent) for g, _ in groups):
            return out
        parts = [ctx.q_value(g.spent, g.start, g.end, evidence=[ctx.ev_group(g)]) for g, _ in groups]
        what = ctx.msg("sum_mismatch", "what_groups")
    else:
        projects = [p for p in ctx.report.projects or [] if isinstance(p, Project)]
        if len(projects) < 2 or any(not finite(p.amount) for p in projects):
            return out
        parts = [ctx.q_value(p.amount, p.start, p.end, p.amount_mention, [ctx.ev_project(p)]) for p in projects]
        what = ctx.msg("sum_mismatch", "what_projects", n=len(parts))
    computed = sum(q.value for q in parts)

    def verdicts():
        for stated_total in stated:
            if stated_total.value == 0 or not (lo_ratio <= computed / stated_total.value <= hi_ratio):
                continue
            yield judge_sum(ctx, stated_total, parts), stated_total

    failed = best_failure(verdicts())
    if failed:
        v, stated_total = failed
        out.append(finding(ctx, "sum_mismatch", ctx.msg(
            "sum_mismatch", "project_total", total=fmt(stated_total.value), what=what, **diff_fields(v)),
            v, evidence(stated_total, *parts)))
    return out


def _sum_form(ctx: Ctx, form: Form, conf: dict) -> list[Finding]:
    total_re, part_re = conf["form_total_line"].regex, conf["form_part_line"].regex
    lines = list(enumerate(form.budget_lines or []))
    totals = [(i, ln) for i, ln in lines if ln.line and total_re.search(ln.line)]
    parts = [(i, ln) for i, ln in lines if ln.line and not total_re.search(ln.line) and part_re.search(ln.line)]
    if len(totals) != 1 or not parts:
        return []
    columns = conf.get("form_columns", ["budget_initial", "budget_full_year", "executed"])
    if lines_in_doubt(ctx, totals[0][1], [ln for _, ln in parts], columns, (total_re, part_re)):
        return []
    if all(not getattr(ln, c, None) for _, ln in parts for c in columns):
        return []  # every part read is 0 or blank: the line that holds the money was not read
    nested = _without_nested(parts, columns)
    if nested is not parts and not _form_failures(ctx, totals[0], nested, columns, conf):
        return []  # the lines add up once a nested 其中 line (一般公共预算 under 财政拨款) is left out
    failures = _form_failures(ctx, totals[0], parts, columns, conf)
    if unread_row_explains(ctx, form, failures):
        return []
    return _form_finding(ctx, form, totals[0][1], failures)


FIGURE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.%])")


def unread_row_explains(ctx: Ctx, form: Form, failures: list) -> bool:
    """Whether the shortfall of the total in every failing column (two or more) is written, in
    column order, as consecutive figures of the form outside every budget line read: a 其中 line
    the reader lost ("上年结" / "转资金" / 108 / 108 / 71, a label broken over lines), not a total
    that disagrees with its lines."""
    if len(failures) < 2 or not (finite(form.start) and finite(form.end)):
        return False
    wanted = [v.difference for _, _, _, v in failures]
    read = [(ln.start, ln.end) for ln in form.budget_lines or [] if finite(ln.start) and finite(ln.end)]
    figures = [float(m.group()) for m in FIGURE.finditer(ctx.text, form.start, form.end)
               if not any(a <= m.start() < b for a, b in read)]
    n = len(wanted)
    return any(all(abs(figures[k + j] - wanted[j]) <= 1e-6 * max(1.0, abs(wanted[j])) for j in range(n))
               for k in range(len(figures) - n + 1))


def lines_in_doubt(ctx: Ctx, total_line, parts: list, columns: list, label_res) -> bool:
    """Whether the reading of a form's total and 其中 lines is in doubt, so their sum is not
    judged: a line whose span holds another line's label after its first figure (two rows read
    as one: a flattened form whose row ends were lost), a negative amount, or a part that fills
    one column, not zero, where the total fills several (a stray figure, such as a page number,
    taken for the part's cell)."""
    filled_total = [c for c in columns if finite(getattr(total_line, c, None))]
    for ln in [total_line, *parts]:
        values = [getattr(ln, c, None) for c in columns]
        if any(finite(v) and v < 0 for v in values):
            return True
        if finite(ln.start) and finite(ln.end):
            span = ctx.text[ln.start:ln.end]
            digit = next((i for i, ch in enumerate(span) if ch.isdigit()), None)
            if digit is not None and any(r.search(span, digit) for r in label_res):
                return True
        if ln is not total_line and len(filled_total) >= 2:
            filled = [v for v in values if finite(v)]
            if len(filled) == 1 and filled[0] != 0:
                return True
    return False


def _without_nested(parts: list, columns: list) -> list:
    """The part lines without those that restate the line before them: the same name, or the same
    figure in every filled column (a nested 其中, 财政拨款 → 一般公共预算, read as a second part).
    ``parts`` itself when there are none."""
    out = []
    for i, ln in parts:
        if out:
            prev = out[-1][1]
            values = [(getattr(ln, c, None), getattr(prev, c, None)) for c in columns]
            filled = [(a, b) for a, b in values if finite(a)]
            if ln.line == prev.line or (filled and all(finite(b) and abs(a - b) <= 1e-9 * max(1.0, abs(a))
                                                       for a, b in filled)):
                continue
        out.append((i, ln))
    return out if len(out) < len(parts) else parts


def _form_failures(ctx: Ctx, total: tuple, parts: list, columns: list, conf: dict) -> list:
    """(column, stated, parts, verdict) of each column where the total line is not the sum of ``parts``."""
    ti, total_line = total
    failures = []
    for column in columns:
        total_v = getattr(total_line, column, None)
        if not finite(total_v):
            continue
        qs = []
        for i, ln in parts:
            v = getattr(ln, column, None)
            if not finite(v):
                if conf.get("form_blank_part_is_zero", False):
                    v = 0.0
                else:
                    qs = None
                    break
            qs.append(ctx.q_value(v, ln.start, ln.end, evidence=[ev_form_line(ln, i)]))
        if not qs:
            continue
        stated = ctx.q_value(total_v, total_line.start, total_line.end, evidence=[ev_form_line(total_line, ti)])
        v = judge_sum(ctx, stated, qs)
        if not v.ok:
            failures.append((column, stated, qs, v))
    return failures


def _form_finding(ctx: Ctx, form: Form, total_line, failures: list) -> list[Finding]:
    """One finding naming every column of ``failures`` (none when it is empty)."""
    if not failures:
        return []
    columns = [ctx.msg("sum_mismatch", "form_column", column=ctx.label(COLUMN_LABEL.get(c, c)),
                       total=fmt(t.value), **diff_fields(v)) for c, t, _, v in failures]
    sep = ctx.msg("sum_mismatch", "separator")
    items = evidence(failures[0][1])
    seen = set()
    for _, _, qs, _ in failures:
        for e in evidence(*qs):
            if (e["index"], e.get("form")) not in seen:
                seen.add((e["index"], e.get("form")))
                items.append(e)
    worst = max((v for _, _, _, v in failures), key=lambda v: TIERS.index(v.tier))  # its severity
    return [finding(ctx, "sum_mismatch", ctx.msg("sum_mismatch", "form", form=form.index + 1, line=total_line.line,
                                                 columns=sep.join(columns)), worst, items)]
