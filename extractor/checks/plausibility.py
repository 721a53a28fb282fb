"""Claims that cannot all be true: a stake range against the length built
(``stake_length_mismatch``), two projects with the identical output (``duplicate_output``), more
staff than the quota (``staff_over_quota``), goals and 自评表 targets not met (``goal_not_met``)."""
from __future__ import annotations

import math

from ..model import Finding, Form, Project
from .context import KM, Ctx, diff_fields, ev_indicator, evidence, finding, guarded, rule, rule_config
from .tolerance import Iv, compare, decimals_of_half, finite, fmt, text_half


# ----------------------------------------------------------------------------- stakes
@rule("stake_length_mismatch")
def stake_length_mismatch(ctx: Ctx) -> list[Finding]:
    """Road projects whose stake range (K7+620–K8+220) is not the length in km they claim."""
    conf = rule_config("stake_length_mismatch")
    out = []
    for p in ctx.report.projects or []:
        out += guarded("stake_length_mismatch", _stake_one, ctx, p, conf)
    return out


def stake_mark(km: float) -> str:
    """A stake position written the road way: 7.62 → K7+620."""
    whole = int(math.floor(km + 1e-9))
    return f"K{whole}+{round((km - whole) * 1000):03d}"


def project_length(ctx: Ctx, p: Project) -> tuple[float, int | None] | None:
    """The project's claimed length in km and the mention that states it."""
    if finite(p.output_value) and p.output_unit == KM:
        return float(p.output_value), None
    outs = [o for o in ctx.report.outputs or [] if o.project == p.ordinal and o.unit == KM and finite(o.value)]
    if len(outs) == 1:
        return float(outs[0].value), outs[0].mention
    return None


def _stake_one(ctx: Ctx, p: Project, conf: dict) -> list[Finding]:
    if not isinstance(p, Project) or not (finite(p.stake_from) and finite(p.stake_to)):
        return []
    span = abs(p.stake_to - p.stake_from)
    claimed = project_length(ctx, p)
    if span == 0 or claimed is None:
        return []
    length, mention = claimed
    if mention is None:  # the claimed length as written: a km/米 mention in the project's text
        for i, m in enumerate(ctx.report.mentions or []):
            if (m.kind == "length" and finite(m.value) and abs(m.value - length) <= 1e-9 * max(1, length)
                    and finite(p.start) and finite(p.end) and p.start <= m.start < p.end):
                mention = i
    stated = ctx.q_value(length, mention=mention, evidence=[ctx.ev_project(p)], unit=KM)
    m = ctx.mention(mention)
    if m is not None:
        stated.evidence.append({"type": "mention", "index": mention, "start": m.start, "end": m.end, "raw": m.raw})
    stated.half = max(stated.half, float(conf.get("min_tolerance_km", 0.005)))
    v = compare(stated, Iv.point(span), ctx.eps)
    if v.ok:
        return []
    stakes = f"{stake_mark(min(p.stake_from, p.stake_to))}-{stake_mark(max(p.stake_from, p.stake_to))}"
    return [finding(ctx, "stake_length_mismatch", ctx.msg(
        "stake_length_mismatch", "stake", project=p.name, stakes=stakes, **diff_fields(v)),
        v, stated.evidence)]


# ----------------------------------------------------------------------------- duplicates
@rule("duplicate_output")
def duplicate_output(ctx: Ctx) -> list[Finding]:
    """Projects of one report that claim the identical output (value and unit); small counts ignored."""
    conf = rule_config("duplicate_output")
    measures = set(conf.get("measure_units", []))
    by_output: dict[tuple[float, str], list[Project]] = {}
    for p in ctx.report.projects or []:
        if not isinstance(p, Project) or not finite(p.output_value) or not p.output_unit:
            continue
        value, unit = float(p.output_value), p.output_unit
        limit = conf.get("ignore_measures_up_to", 0) if unit in measures else conf.get("ignore_counts_up_to", 5)
        if value <= limit:
            continue
        by_output.setdefault((round(value, 9), unit), []).append(p)
    out = []
    for (value, unit), projects in by_output.items():
        if len(projects) < 2:
            continue
        names = ctx.msg("duplicate_output", "separator").join(
            ctx.msg("duplicate_output", "project", name=p.name) for p in projects)
        out.append(finding(ctx, "duplicate_output", ctx.msg(
            "duplicate_output", "duplicate", n=len(projects), value=fmt(value), unit=unit, projects=names),
            evidence=[ctx.ev_project(p) for p in projects], expected=None, actual=value))
    return out


# ----------------------------------------------------------------------------- staff
@rule("staff_over_quota")
def staff_over_quota(ctx: Ctx) -> list[Finding]:
    """Actual staff (实有人数) above the authorized quota (编制人数)."""
    authorized, actual = ctx.qs("staff_authorized", True), ctx.qs("staff_actual", True)
    if not authorized or not actual:
        return []
    a, q = actual[0], authorized[0]
    if a.value <= q.value:
        return []
    return [finding(ctx, "staff_over_quota", ctx.msg(
        "staff_over_quota", "over", actual=fmt(a.value), authorized=fmt(q.value), diff=fmt(a.value - q.value)),
        evidence=evidence(q, a), expected=q.value, actual=a.value, difference=a.value - q.value)]


# ----------------------------------------------------------------------------- goals
@rule("goal_not_met")
def goal_not_met(ctx: Ctx) -> list[Finding]:
    """Projects that report a partial or failed goal; 自评表 indicators and prose targets whose
    actual misses the target."""
    conf = rule_config("goal_not_met")
    out = []
    for p in ctx.report.projects or []:
        out += guarded("goal_not_met", _goal_project, ctx, p, conf)
    for form in ctx.report.forms or []:
        for i, ind in enumerate(getattr(form, "indicators", None) or []):
            out += guarded("goal_not_met", _goal_indicator, ctx, form, i, ind, conf)
    out += guarded("goal_not_met", _goal_prose, ctx, conf)
    return out


def _goal_project(ctx: Ctx, p: Project, conf: dict) -> list[Finding]:
    if not isinstance(p, Project) or p.goal_status not in ("partial", "not_achieved"):
        return []
    threshold = conf.get("info_at_or_above", 80)
    if finite(p.goal_pct):
        severity = "info" if p.goal_pct >= threshold else "warning"
        text = ctx.msg("goal_not_met", "project_pct", project=p.name, pct=fmt(p.goal_pct))
        return [finding(ctx, "goal_not_met", text, evidence=[ctx.ev_project(p)], severity=severity,
                        expected=100.0, actual=float(p.goal_pct), difference=float(p.goal_pct) - 100.0)]
    severity = conf.get("partial_severity" if p.goal_status == "partial" else "not_achieved_severity", "warning")
    return [finding(ctx, "goal_not_met", ctx.msg("goal_not_met", "project", project=p.name, status=p.goal_status),
                    evidence=[ctx.ev_project(p)], severity=severity)]


def lower_is_better(ind, conf: dict) -> bool:
    """Whether an indicator's actual should stay at or below its target: its comparator says so
    (≤ <), or, without one, its names say it is a cost (the ``lower_is_better`` rule)."""
    comparator = ind.target_comparator
    if comparator in conf["lower_comparators"]:
        return True
    if comparator in conf["higher_comparators"]:
        return False
    names = " ".join(x for x in (ind.level1, ind.level2, ind.name) if x)
    return bool(conf["lower_is_better"].regex.search(names))


def shortfall(ctx: Ctx, target: float, actual: float, target_text, actual_text, lower_better: bool,
              conf: dict) -> tuple[str, int | None] | None:
    """(severity, decimals) when ``actual`` misses ``target`` by more than the rounding of both as
    written; None when it meets it. Below ``info_at_or_above`` % of the target: a warning."""
    half_t, half_a = text_half(target_text, target, ctx.max_dec), text_half(actual_text, actual, ctx.max_dec)
    slack = ctx.eps * max(1.0, abs(target), abs(actual))
    gap = (actual - target) if lower_better else (target - actual)
    if gap <= half_t + half_a + slack:
        return None
    if target == 0 or actual == 0:
        ratio = 0.0
    else:
        ratio = (target / actual if lower_better else actual / target) * 100
    known = [d for d in (decimals_of_half(half_t), decimals_of_half(half_a)) if d is not None]
    return ("info" if ratio >= conf.get("info_at_or_above", 80) else "warning"), (max(known) if known else None)


def _goal_indicator(ctx: Ctx, form: Form, i: int, ind, conf: dict) -> list[Finding]:
    if not (finite(ind.target_value) and finite(ind.actual_value)):
        return []
    if ind.actual_text and conf["actual_is_a_target"].regex.search(ind.actual_text):
        return []  # a target read into the actual column
    target, actual = float(ind.target_value), float(ind.actual_value)
    missed = shortfall(ctx, target, actual, ind.target_text, ind.actual_text, lower_is_better(ind, conf), conf)
    if missed is None:
        return []
    severity, decimals = missed
    return [finding(ctx, "goal_not_met", ctx.msg(
        "goal_not_met", "indicator", form=form.index + 1, name=ind.name,
        actual=ind.actual_text or fmt(actual), target=ind.target_text or fmt(target)),
        evidence=[ev_indicator(form, i, ind)], severity=severity, expected=target, actual=actual,
        difference=actual - target, decimals=decimals)]


def prose_goals(ctx: Ctx, conf: dict):
    """Each target and result stated in prose (the ``prose`` rule): (match, name, target text,
    actual text, comparator or None)."""
    rule_ = conf.get("prose")
    if rule_ is None:
        return
    comparators = conf.get("prose_comparators", {})
    for m in rule_.regex.finditer(ctx.text):
        name = (m["name"] or m["what"] or "").strip()
        cmp = comparators.get(m["cmp"], m["cmp"]) if m["cmp"] else None
        yield m, name, f"{m['cmp'] or ''}{m['target']}{m['unit']}", f"{m['actual']}{m['unit']}", cmp


def _goal_prose(ctx: Ctx, conf: dict) -> list[Finding]:
    out = []
    for m, name, target_text, actual_text, cmp in prose_goals(ctx, conf):
        target, actual = float(m["target"]), float(m["actual"])
        if cmp is not None:
            lower_better = cmp in conf["lower_comparators"]
        else:
            lower_better = bool(conf["lower_is_better"].regex.search(name))
        missed = shortfall(ctx, target, actual, m["target"], m["actual"], lower_better, conf)
        if missed is None:
            continue
        severity, decimals = missed
        ev = {"type": "text", "start": m.start("name") if m["name"] else m.start(), "end": m.end(),
              "label": m.group().strip()}
        out.append(finding(ctx, "goal_not_met", ctx.msg("goal_not_met", "prose", name=name, target=target_text,
                                                         actual=actual_text),
                           evidence=[ev], severity=severity, expected=target, actual=actual,
                           difference=actual - target, decimals=decimals))
    return out
