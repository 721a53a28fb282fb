"""Stated percentages of amounts: a share of a total (``share_mismatch``, KEY.share_pct) and a
year-on-year growth rate (``growth_mismatch``, KEY.yoy_pct from KEY and KEY.yoy_delta)."""
from __future__ import annotations

from ..model import Finding
from .context import Ctx, diff_fields, evidence, finding, guarded, rule, rule_config
from .tolerance import Q, best_failure, compare, fmt


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


def totals(ctx: Ctx, key: str) -> list[tuple[Q, str]]:
    """Candidate denominators for ``key``; total expenditure falls back to basic + project."""
    found = [(q, key) for q in ctx.qs(key)]
    if found or key != "total_expenditure":
        return found
    out = []
    for basic, project in ctx.combos([ctx.qs("basic_expenditure"), ctx.qs("project_expenditure")]):
        s = basic.iv + project.iv
        out.append((Q(s.v, s.half, basic.evidence + project.evidence, pos=None, derived=True), key))
    return out


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
            for stated_total, _ in totals(ctx, den_key):
                if den_key == base:
                    continue
                ratio = value.iv.div(stated_total.iv)
                if ratio is None:
                    continue
                yield compare(share, ratio.scale(100.0), ctx.eps), (value, stated_total, den_key)

    failed = best_failure(verdicts(denominator))
    if failed is None:
        return []
    if named is None:  # no denominator named: a share of another plausible total is not an error
        for alt in conf.get("alternate_denominators", []):
            if any(v.ok for v, _ in verdicts(alt)):
                return []
    v, (value, stated_total, den_key) = failed
    return [finding(ctx, "share_mismatch", ctx.msg(
        "share_mismatch", "share", label=ctx.label(base), value=fmt(value.value),
        total_label=ctx.label(den_key), total=fmt(stated_total.value), **diff_fields(v, 4)),
        v, evidence(share, value, stated_total))]


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
    deltas, values = ctx.near(pct, ctx.qs(f"{base}.yoy_delta"), conf), ctx.near(pct, ctx.qs(base), conf)
    if not deltas or not values:
        return []

    def verdicts():
        for value, delta in ctx.combos([values, deltas]):
            previous = value.iv - delta.iv
            growth = delta.iv.div(previous)
            if growth is None:
                continue
            yield compare(pct, growth.scale(100.0), ctx.eps), (value, delta, previous)

    failed = best_failure(verdicts())
    if failed is None:
        return []
    v, (value, delta, previous) = failed
    return [finding(ctx, "growth_mismatch", ctx.msg(
        "growth_mismatch", "growth", label=ctx.label(base), value=fmt(value.value), delta=fmt(delta.value),
        previous=fmt(previous.v), **diff_fields(v, 4)), v, evidence(pct, value, delta))]
