"""What every rule shares: patterns/checks.toml, one report's context (Ctx), findings, the registry.

``config()`` is patterns/checks.toml (tolerance, labels, one table per rule with its messages).
``Ctx`` wraps one report: its facts by key, read as quantities with their half-units, and the
evidence items findings point with. ``finding`` builds a ``Finding`` with the rule's severity;
``@rule(id)`` registers a rule for ``check_report``; ``guarded`` runs one rule (or one case of it)
so that an exception costs only that case's findings.
"""
from __future__ import annotations

import itertools
import logging
from decimal import Decimal
from functools import lru_cache
from typing import Callable, Iterable

from .. import rules
from ..model import Fact, Finding, Form, Project, ProjectGroup, Report
from .tolerance import (FINE, ROUND, Q, Verdict, decimals_of_half, finite, fmt, half_unit_in_span,
                        half_unit_of_raw, half_unit_of_value)

log = logging.getLogger(__name__)

# Canonical unit ids (patterns/quantities.toml, as mentions.unit stores them) of numbers that have
# no mention of their own: the unit decides whether a written 0 is exact (zero_is_exact_units).
MONEY, PERCENT, KM, SCORE = "万元", "%", "km", "分"


# ----------------------------------------------------------------------------- config
@lru_cache(maxsize=1)
def config() -> dict:
    """patterns/checks.toml, loaded and validated once per process."""
    return rules.load("checks")


def rule_config(rule_id: str) -> dict:
    """The ``[rules.<rule_id>]`` table ({} when the file has none)."""
    return config().get("rules", {}).get(rule_id, {})


def rule_part(rule_id: str, part: str) -> dict:
    """The ``[rules.<rule_id>.<part>]`` table of one way a rule is checked; {} when the file has none
    or it says ``enabled = false`` (the check then finds nothing)."""
    conf = rule_config(rule_id).get(part, {})
    return conf if conf and conf.get("enabled", True) else {}


def money_mentions(report: Report, exact: bool = False) -> list:
    """The report's money mentions with a finite value, in text order; ``exact`` leaves out the
    approximate ones (约, 近, 余)."""
    return sorted((m for m in report.mentions or [] if m.unit == MONEY and finite(m.value)
                   and not (exact and m.approx)), key=lambda m: m.start)


def label(key: str, lang: str = "zh") -> str:
    """The ``[labels]`` name of a fact key in ``lang`` (the key itself when it has none)."""
    entry = config().get("labels", {}).get(key)
    return entry.get(lang, key) if isinstance(entry, dict) else key


def message(rule_id: str, case: str, lang: str = "zh", **fields) -> str:
    """The rule's ``<case>_<lang>`` template filled in; a broken template still gives a message."""
    template = rule_config(rule_id).get("messages", {}).get(f"{case}_{lang}")
    if template is None:
        log.warning("checks.toml: rules.%s.messages has no %s_%s", rule_id, case, lang)
        return f"{rule_id}: " + ", ".join(f"{k}={v}" for k, v in fields.items())
    try:
        return template.format(**fields)
    except (KeyError, IndexError, ValueError) as e:
        log.warning("checks.toml: rules.%s.messages.%s_%s: %s", rule_id, case, lang, e)
        return f"{rule_id}: " + ", ".join(f"{k}={v}" for k, v in fields.items())


@lru_cache(maxsize=1)
def unit_factors() -> dict[str, float]:
    """quantities.toml unit id → factor (written → canonical)."""
    try:
        return {u["id"]: float(Decimal(u["factor"])) for u in rules.load("quantities").get("unit", [])}
    except Exception:  # the factor only matters for a written 0; never fail a check over it
        log.warning("checks: cannot read unit factors from quantities.toml", exc_info=True)
        return {}


def _factor_of(mention) -> float | None:
    # "quantity:percent_sign+glued.run": the unit's id, then the rule that cut a glued run
    return unit_factors().get((mention.rule_id or "").removeprefix("quantity:").split("+")[0])


# ----------------------------------------------------------------------------- context
class Ctx:
    """One report plus the helpers the rules share (its facts by key, quantities, evidence)."""

    def __init__(self, report: Report, lang: str = "zh"):
        self.report = report
        self.lang = lang
        self.text = report.text or ""
        tol = config().get("tolerance", {})
        self.eps = float(tol.get("float_epsilon", 1e-9))
        self.approx_rel = float(tol.get("approx_relative", 0.05))
        self.max_dec = int(tol.get("inferred_max_decimals", 6))
        self.max_combos = int(tol.get("max_combinations", 64))
        self.default_half = dict(tol.get("default_half_unit", {}))
        self.zero_exact_units = set(tol.get("zero_is_exact_units", [MONEY]))
        self.round_half = dict(tol.get("round_half_unit", {}))
        self.facts: dict[str, list[tuple[int, Fact]]] = {}
        for i, f in enumerate(report.facts or []):
            if isinstance(f, Fact) and isinstance(f.key, str) and finite(f.value):
                self.facts.setdefault(f.key, []).append((i, f))

    # ---- facts
    def q_fact(self, i: int, f: Fact) -> Q:
        """Fact number ``i`` as a quantity: its half-unit read from its mention's raw text."""
        m = self.mention(f.mention)
        half, written = None, False
        if m is not None and not f.derived:
            half = half_unit_of_raw(m.raw, m.value if finite(m.value) else f.value, _factor_of(m))
        if half is None and not f.derived and finite(f.start) and finite(f.end):
            half = half_unit_in_span(self.text[f.start:f.end], abs(f.value), self.max_dec)
        written = half is not None
        if half is None:
            half = self.default_half_for(f.unit)
        if f.value == 0 and f.unit in self.zero_exact_units:
            half = 0.0
        approx = bool(m is not None and getattr(m, "approx", False) and not f.derived)
        if m is not None:
            ev = {"type": "mention", "index": f.mention, "start": m.start, "end": m.end, "raw": m.raw,
                  "fact": i, "key": f.key}
            pos = m.start
        else:
            ev = {"type": "fact", "index": i, "start": f.start, "end": f.end,
                  "label": f.label or f.key, "key": f.key}
            pos = f.start if finite(f.start) else None
        return self._quantity(float(f.value), half, [ev], pos, f.unit, written, approx, derived=bool(f.derived))

    def _quantity(self, value: float, half: float, ev: list, pos, unit, written: bool, approx: bool,
                  derived: bool = False) -> Q:
        """A Q with its readings set: approximate figures widened, round ones marked (issue 14)."""
        # decimals as written; a number without text of its own (a derived fact): as its value shows
        shown = half if written else half_unit_of_value(value, self.max_dec)
        q = Q(value, half, ev, pos=pos, derived=derived, unit=unit, approx=approx,
              decimals=decimals_of_half(shown) if shown > 0 else 0)
        q.round = bool(written and not approx and value != 0 and half >= self.round_half_for(unit))
        if approx:
            q.half = max(half, self.approx_rel * abs(value))
        return q

    def round_half_for(self, unit: str | None) -> float:
        """``[tolerance.round_half_unit]``: a written figure whose half-unit reaches this is round."""
        return float(self.round_half.get(unit or "*", self.round_half.get("*", 0.5)))

    def default_half_for(self, unit: str | None) -> float:
        """The ``[tolerance.default_half_unit]`` of a canonical unit ("*" for any other)."""
        return float(self.default_half.get(unit or "*", self.default_half.get("*", 0.5)))

    def mention(self, index):
        """Mention number ``index`` of the report, or None when there is no such mention."""
        mentions = self.report.mentions or []
        if isinstance(index, int) and 0 <= index < len(mentions):
            return mentions[index]
        return None

    def money_at(self, match, group: str):
        """(index, mention) of the money mention a regex group of the text covers, (None, None) when
        none does: a check that finds money by its wording takes the value the recognizer read
        (any unit, separators, 大写), not the digits of its own pattern."""
        s, e = match.span(group)
        for j, m in enumerate(self.report.mentions or []):
            if m.unit == MONEY and finite(m.value) and m.start <= s and e <= m.end:
                return j, m
        return None, None

    def qs(self, key: str, stated_only: bool = False) -> list[Q]:
        """Every fact of ``key`` (deduplicated by value), stated ones first, in text order."""
        out, seen = [], set()
        entries = sorted(self.facts.get(key, []), key=lambda e: (bool(e[1].derived), e[0]))
        for i, f in entries:
            if stated_only and f.derived:
                continue
            marker = (round(float(f.value), 9), bool(f.derived))
            if marker in seen:
                continue
            seen.add(marker)
            out.append(self.q_fact(i, f))
        return out

    # ---- numbers without a mention of their own (form cells, projects, groups)
    def q_value(self, value, start=None, end=None, mention=None, evidence=None, unit=MONEY) -> Q | None:
        """A number without a fact (form cell, project or group amount) as a quantity: its
        half-unit from its mention, else from a mention or number of that value in its span,
        else from the value itself. None when ``value`` is not a finite number."""
        if not finite(value):
            return None
        half = None
        m = self.mention(mention)
        if m is not None:
            half = half_unit_of_raw(m.raw, m.value if finite(m.value) else value, _factor_of(m))
        approx = bool(m is not None and getattr(m, "approx", False))
        if half is None and finite(start) and finite(end) and end > start:
            for mm in self.report.mentions or []:
                same = finite(mm.value) and abs(mm.value - value) <= 1e-9 * max(1, abs(value))
                if same and start <= mm.start and mm.end <= end:
                    half = half_unit_of_raw(mm.raw, mm.value, _factor_of(mm))
                    approx = approx or bool(getattr(mm, "approx", False))
                    break
            if half is None:
                half = half_unit_in_span(self.text[start:end], value, self.max_dec)
        if half is None:
            half = half_unit_of_value(value, self.max_dec)
        if value == 0 and unit in self.zero_exact_units:
            half = 0.0
        pos = start if finite(start) else (m.start if m is not None else None)
        return self._quantity(float(value), half, list(evidence or []), pos, unit, True, approx)

    def near_or_restated(self, anchor: Q, key: str, conf: dict) -> list[Q]:
        """The facts of ``key`` near ``anchor``; else the same values where the report states them again
        near it (the facts stage keeps one mention of a value: "区级年初预算200万元" opening the report, and
        again in the paragraph stating 拨付…66.86万元 and its 拨付进度100%, heldout10 v002)."""
        found = self.near(anchor, self.qs(key), conf)
        if found:
            return found
        values = {round(float(q.value), 9) for q in self.qs(key, True)}
        again = []
        for c in getattr(self.report, "fact_candidates", None) or []:
            m = self.mention(c.mention) if c.key == key else None
            if m is None or not finite(c.value) or round(float(c.value), 9) not in values:
                continue
            ev = {"type": "mention", "index": c.mention, "start": m.start, "end": m.end, "raw": m.raw, "key": key}
            q = self.q_value(c.value, mention=c.mention, evidence=[ev])
            if q is not None and all(q.pos != x.pos for x in again):
                again.append(q)
        return self.near(anchor, again, conf)

    def within(self, qs: Iterable[Q], max_distance) -> bool:
        """Whether the positioned ones of ``qs`` lie within ``max_distance`` characters (0 = anywhere)."""
        if not max_distance or max_distance <= 0:
            return True
        pos = [q.pos for q in qs if q is not None and q.pos is not None]
        return not pos or max(pos) - min(pos) <= max_distance

    def near(self, anchor: Q, qs: list[Q], conf: dict) -> list[Q]:
        """Those of ``qs`` close enough to ``anchor`` (rule settings max_distance, same_paragraph)."""
        max_distance = conf.get("max_distance", 0) or 0
        same_paragraph = conf.get("same_paragraph", False)
        if anchor.pos is None or (max_distance <= 0 and not same_paragraph):
            return list(qs)
        out = []
        for q in qs:
            if q.pos is None:
                out.append(q)
                continue
            lo, hi = sorted((anchor.pos, q.pos))
            if max_distance > 0 and hi - lo > max_distance:
                continue
            if same_paragraph and "\n" in self.text[lo:hi]:
                continue
            out.append(q)
        return out

    def combos(self, lists: list[list[Q]]):
        """The combinations of one item from each list, at most ``max_combinations`` of them."""
        return itertools.islice(itertools.product(*lists), self.max_combos)

    def msg(self, rule_id: str, case: str, **fields) -> str:
        """The rule's message ``case`` in this context's language."""
        return message(rule_id, case, self.lang, **fields)

    def label(self, key: str) -> str:
        """The name of a fact key in this context's language."""
        return label(key, self.lang)

    # ---- evidence
    def ev_project(self, p: Project) -> dict:
        """An evidence item pointing at a project."""
        return {"type": "project", "index": p.ordinal, "start": p.start, "end": p.end, "label": p.name}

    def ev_group(self, g: ProjectGroup) -> dict:
        """An evidence item pointing at a project group."""
        return {"type": "group", "index": g.ordinal, "start": g.start, "end": g.end, "label": g.label}

    def ev_section(self, s) -> dict:
        """An evidence item pointing at a section's heading line."""
        line_end = self.text.find("\n", s.start)
        end = line_end if 0 <= line_end <= (s.end if finite(s.end) else len(self.text)) else s.end
        return {"type": "section", "index": s.ordinal, "start": s.start, "end": end,
                "label": (s.number_label or "") + (s.heading or "")}


def ev_form_line(line, i: int) -> dict:
    """An evidence item pointing at budget line ``i`` of a 自评表."""
    return {"type": "form_line", "form": line.form, "index": i, "start": line.start, "end": line.end,
            "label": line.line, "row": line.row, "table": line.table_index}


def ev_indicator(form: Form, i: int, ind) -> dict:
    """An evidence item pointing at indicator ``i`` of a 自评表."""
    return {"type": "indicator", "form": form.index, "index": i, "start": ind.start, "end": ind.end,
            "label": ind.name, "row": ind.row, "table": ind.table_index}


def evidence(*qs: Q | None) -> list[dict]:
    """The evidence items of these quantities, in order (None skipped)."""
    out = []
    for q in qs:
        if q is not None:
            out.extend(q.evidence)
    return out


# ----------------------------------------------------------------------------- findings
# Figures stored with a finding keep at most this many significant digits: binary noise
# (0.6000000000000005) is not a figure anybody wrote.
SIGNIFICANT = 12


def as_written(x, decimals: int | None = None):
    """A number as people write it: rounded to ``decimals`` when known, always to SIGNIFICANT
    digits (0.6000000000000005 → 0.6); None and non-finite values pass through."""
    if not finite(x):
        return x
    x = round(float(x), decimals) if decimals is not None else float(x)
    return float(f"{x:.{SIGNIFICANT}g}")


def finding(ctx: Ctx, rule_id: str, message: str, verdict: Verdict | None = None, evidence=(),
            severity: str | None = None, expected=None, actual=None, difference=None,
            decimals: int | None = None) -> Finding:
    """A Finding of ``rule_id``: numbers from the verdict when there is one (rounded to the
    precision of the inputs), the severity of the verdict's reading or else the rule's unless
    another is given, the reading's explanation after the message, copies of the evidence items
    each naming its report ("current" unless it already says "previous")."""
    if verdict is not None:
        expected, actual, difference = verdict.expected, verdict.actual, verdict.difference
        decimals = verdict.decimals if verdict.decimals is not None else decimals
        if severity is None:
            severity = reading_severity(verdict)
        message += explanation(ctx, verdict)
    items = []
    for e in evidence:
        if e:
            item = dict(e)
            item.setdefault("report", "current")
            items.append(item)
    return Finding(
        rule=rule_id,
        severity=severity or rule_config(rule_id).get("severity", "warning"),
        message=message,
        expected=as_written(expected, decimals),
        actual=as_written(actual, decimals) if decimals is not None and verdict is None else as_written(actual),
        difference=as_written(difference, decimals),
        evidence=items,
    )


def reading_severity(verdict: Verdict) -> str | None:
    """``[tolerance.reading_severity]`` of the verdict's tier (None: the rule's own severity)."""
    return config().get("tolerance", {}).get("reading_severity", {}).get(verdict.tier or "")


def explanation(ctx: Ctx, verdict: Verdict) -> str:
    """What rounding would have to be assumed for the stated number to hold ("" when none can)."""
    texts = config().get("tolerance", {}).get("messages", {})
    if verdict.tier == FINE:
        return texts.get(f"fine_{ctx.lang}", "")
    if verdict.tier == ROUND and verdict.rounded:
        shown = int(config().get("tolerance", {}).get("max_figures_shown", 10))
        figures = [fmt(q.value, q.decimals if q.decimals is not None else 6) for q in verdict.rounded]
        listed = texts.get(f"figure_separator_{ctx.lang}", "、").join(figures[:shown])
        if len(figures) > shown:
            listed += texts.get(f"more_{ctx.lang}", "…")
        template = texts.get(f"round_{ctx.lang}", "")
        try:
            return template.format(n=len(figures), figures=listed)
        except (KeyError, IndexError, ValueError):
            return ""
    return ""


def diff_fields(v: Verdict, decimals: int = 6) -> dict:
    """The message fields every arithmetic rule fills: computed, stated, diff, tol (figures at
    the verdict's precision when it has one)."""
    if v.decimals is not None:
        decimals = v.decimals
    return {"computed": fmt(v.expected, decimals), "stated": fmt(v.actual, max(decimals, 6)),
            "diff": fmt(v.difference, decimals), "tol": fmt(v.tolerance, max(decimals, 6) + 1)}


# ----------------------------------------------------------------------------- registry
RuleFn = Callable[[Ctx], Iterable[Finding]]
# (rule id, function) as registered; check_report runs them in the order of patterns/checks.toml.
RULES: list[tuple[str, RuleFn]] = []


def rule(rule_id: str):
    """Register the decorated function as the per-report rule ``rule_id``."""
    def register(fn: RuleFn) -> RuleFn:
        RULES.append((rule_id, fn))
        return fn

    return register


def guarded(rule_id: str, fn, *args) -> list[Finding]:
    """Run one rule (or one case of it); an exception becomes a logged warning and no finding."""
    try:
        return [f for f in (fn(*args) or []) if isinstance(f, Finding)]
    except Exception as e:  # a rule must never stop the pipeline
        log.warning("check %s failed (%s: %s); no finding for this case", rule_id, type(e).__name__, e,
                    exc_info=log.isEnabledFor(logging.DEBUG))
        return []
