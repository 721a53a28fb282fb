"""Claims that cannot all be true: a stake range against the length built
(``stake_length_mismatch``), two projects with the identical output (``duplicate_output``), more
staff than the quota (``staff_over_quota``). Goals not met are in goals.py."""
from __future__ import annotations

import math

from ..text.numerals import parse_number
from ..model import Finding, Project
from .context import KM, Ctx, diff_fields, evidence, finding, guarded, rule, rule_config
from .tolerance import Iv, compare, finite, fmt


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
    if a.value <= q.value or _explained(ctx, a, q):
        return []
    return [finding(ctx, "staff_over_quota", ctx.msg(
        "staff_over_quota", "over", actual=fmt(a.value), authorized=fmt(q.value), diff=fmt(a.value - q.value)),
        evidence=evidence(q, a), expected=q.value, actual=a.value, difference=a.value - q.value)]


def _sentence(ctx: Ctx, pos: int) -> tuple[int, int]:
    """The sentence around ``pos``: from after the last 。/line break before it to the next."""
    stops = "。\n"
    start = max(ctx.text.rfind(c, 0, pos) for c in stops) + 1
    ends = [e for e in (ctx.text.find(c, pos) for c in stops) if e >= 0]
    return start, min(ends, default=len(ctx.text))


def _explained(ctx: Ctx, actual, authorized) -> bool:
    """Whether the text itself explains an actual staff above the quota: the actual's sentence
    says how many of them serve (其中在职10人) and they fit the quota, or one sentence states kinds of
    编制 (行政编制20名, 事业编制4名) adding up to at least the actual staff."""
    conf = rule_config("staff_over_quota")
    serving_re, kind_re = conf.get("serving"), conf.get("kind")
    if serving_re is not None and actual.pos is not None:
        start, end = _sentence(ctx, actual.pos)
        m = serving_re.regex.search(ctx.text, actual.pos, end)
        if m and parse_number(m["n"]) <= authorized.value:
            return True
    if kind_re is not None:
        for line in ctx.text.split("\n"):
            for sentence in line.split("。"):
                kinds = [parse_number(m["n"]) for m in kind_re.regex.finditer(sentence)]
                if len(kinds) >= 2 and sum(kinds) >= actual.value:
                    return True
    return False
