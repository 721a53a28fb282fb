"""Stated percentages of amounts: a share of a total (``share_mismatch``, KEY.share_pct) and a
year-on-year growth rate (``growth_mismatch``, KEY.yoy_pct from KEY and KEY.yoy_delta)."""
from __future__ import annotations

from ..model import Finding
from .context import Ctx, diff_fields, evidence, finding, guarded, rule, rule_config
from .tolerance import Q, best_failure, fmt, judge, ratio_decimals, total


# ----------------------------------------------------------------------------- shares
def share_denominator(ctx: Ctx, q: Q, conf: dict) -> str | None:
    """The key the sentence names after 占 (占基本支出的… → basic_expenditure), if any."""
    if q.pos is None:
        return None
    window = ctx.text[max(0, q.pos - int(conf.get("context_chars", 24))):q.pos]
    at = window.rfind(conf["denominator_marker"])
    if at < 0:
        return None
    phrase = window[at:]
    for denominator in conf.get("denominators", []):
        if denominator.regex.search(phrase):
            return denominator["key"]
    return None


def totals(ctx: Ctx, key: str) -> list[list[Q]]:
    """Candidate denominators for ``key``, each as the figures it adds up (one, or for total
    expenditure without a stated total, basic + project)."""
    found = [[q] for q in ctx.qs(key)]
    if found or key != "total_expenditure":
        return found
    return [[basic, project] for basic, project in
            ctx.combos([ctx.qs("basic_expenditure"), ctx.qs("project_expenditure")])]


def share_of(ivs):
    """The computation of a share: the first interval over the sum of the others, in percent."""
    ratio = ivs[0].div(total(ivs[1:]))
    return None if ratio is None else ratio.scale(100.0)


def growth_of(ivs):
    """The computation of a growth rate from (value, change): change / (value − change), in percent."""
    value, delta = ivs
    ratio = delta.div(value - delta)
    return None if ratio is None else ratio.scale(100.0)


def growth_from_prev(ivs):
    """The computation of a growth rate from (value, last year's value): (value − prev) / prev, in percent."""
    value, prev = ivs
    ratio = (value - prev).div(prev)
    return None if ratio is None else ratio.scale(100.0)


@rule("share_mismatch")
def share_mismatch(ctx: Ctx) -> list[Finding]:
    """Stated shares (KEY.share_pct) that are not KEY / the named total × 100."""
    conf = rule_config("share_mismatch")
    out = []
    for key in list(ctx.facts):
        if key.endswith(".share_pct"):
            base = key.removesuffix(".share_pct")
            for share in ctx.qs(key, stated_only=True):
                out += guarded("share_mismatch", _share_one, ctx, base, share, conf)
    return out


def _share_one(ctx: Ctx, base: str, share: Q, conf: dict) -> list[Finding]:
    values = ctx.qs(base)
    if not values:
        return []
    named = share_denominator(ctx, share, conf)
    denominator = named or "total_expenditure"

    values = ctx.near(share, values, conf)

    def verdicts(den_key):
        for value in values:
            for parts in totals(ctx, den_key):
                if den_key == base:
                    continue
                v = judge(share, [value, *parts], share_of, ctx.eps, ratio_decimals(share))
                if v is not None:
                    yield v, (value, parts, den_key)

    failed = best_failure(verdicts(denominator))
    if failed is None:
        return []
    if named is None:  # no denominator named: a share of another plausible total is not an error
        for alt in conf.get("alternate_denominators", []):
            if any(v.ok for v, _ in verdicts(alt)):
                return []
    v, (value, parts, den_key) = failed
    return [finding(ctx, "share_mismatch", ctx.msg(
        "share_mismatch", "share", label=ctx.label(base), value=fmt(value.value),
        total_label=ctx.label(den_key), total=fmt(sum(q.value for q in parts)), **diff_fields(v, 4)),
        v, evidence(share, value, *parts))]


# ----------------------------------------------------------------------------- growth
@rule("growth_mismatch")
def growth_mismatch(ctx: Ctx) -> list[Finding]:
    """Stated growth rates (KEY.yoy_pct) that are not yoy_delta / (KEY − yoy_delta) × 100."""
    conf = rule_config("growth_mismatch")
    out = []
    for key in list(ctx.facts):
        if key.endswith(".yoy_pct"):
            base = key.removesuffix(".yoy_pct")
            for pct in ctx.qs(key, stated_only=True):
                out += guarded("growth_mismatch", _growth_one, ctx, base, pct, conf)
    return out


def _growth_one(ctx: Ctx, base: str, pct: Q, conf: dict) -> list[Finding]:
    """The rate against the change stated beside it, else against last year's figure stated beside it
    ("比上年1000万元增长30%")."""
    values = ctx.near(pct, ctx.qs(base), conf)
    deltas = ctx.near(pct, ctx.qs(f"{base}.yoy_delta"), conf)
    prevs = [] if deltas else ctx.near(pct, ctx.qs(f"{base}.yoy_prev"), conf)
    if not values or not (deltas or prevs):
        return []
    fn = growth_of if deltas else growth_from_prev

    def verdicts():
        for value, other in ctx.combos([values, deltas or prevs]):
            v = judge(pct, [value, other], fn, ctx.eps, ratio_decimals(pct))
            if v is not None:
                yield v, (value, other)

    failed = best_failure(verdicts())
    if failed is None:
        return []
    v, (value, other) = failed
    delta, previous = (other.value, value.value - other.value) if deltas else (value.value - other.value, other.value)
    return [finding(ctx, "growth_mismatch", ctx.msg(
        "growth_mismatch", "growth", label=ctx.label(base), value=fmt(value.value), delta=fmt(delta, 6),
        previous=fmt(previous, 6), **diff_fields(v, 4)), v, evidence(pct, value, other))]


@rule("growth_mismatch")
def restated_change(ctx: Ctx) -> list[Finding]:
    """One change stated twice in a row with two values: "比2018年增加378.19万元,增加45.49万元"
    (``[rules.growth_mismatch.restated]``: the second change follows the first with only a comma
    between, so it has no subject of its own)."""
    rx = rule_config("growth_mismatch").get("restated")
    if rx is None:
        return []
    out = []
    for m in rx.regex.finditer(ctx.text):
        (i, a), (j, b) = ctx.money_at(m, "first"), ctx.money_at(m, "second")
        if a is None or b is None or abs(a.value - b.value) <= ctx.eps * max(1.0, a.value):
            continue
        items = [{"type": "mention", "index": k, "start": mm.start, "end": mm.end, "raw": mm.raw}
                 for k, mm in ((i, a), (j, b))]
        first, second = a.value, b.value
        out.append(finding(ctx, "growth_mismatch", ctx.msg(
            "growth_mismatch", "restated", change=m["dir"], first=a.raw, second=b.raw),
            evidence=items, expected=first, actual=second, difference=second - first))
    return out
