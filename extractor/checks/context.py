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
from .tolerance import (Q, Verdict, finite, fmt, half_unit_in_span, half_unit_of_raw,
                        half_unit_of_value)

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
    return unit_factors().get((mention.pattern_id or "").removeprefix("quantity:"))


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
        self.facts: dict[str, list[tuple[int, Fact]]] = {}
        for i, f in enumerate(report.facts or []):
            if isinstance(f, Fact) and isinstance(f.key, str) and finite(f.value):
                self.facts.setdefault(f.key, []).append((i, f))

    # ---- facts
    def q_fact(self, i: int, f: Fact) -> Q:
        """Fact number ``i`` as a quantity: its half-unit read from its mention's raw text."""
        m = self.mention(f.mention)
        half = None
        if m is not None and not f.derived:
            half = half_unit_of_raw(m.raw, m.value if finite(m.value) else f.value, _factor_of(m))
            if half is not None and m.approx:
                half = max(half, self.approx_rel * abs(f.value))
        if half is None and not f.derived and finite(f.start) and finite(f.end):
            half = half_unit_in_span(self.text[f.start:f.end], abs(f.value), self.max_dec)
        if half is None:
            half = self.default_half_for(f.unit)
        if f.value == 0 and f.unit in self.zero_exact_units:
            half = 0.0
        if m is not None:
            ev = {"type": "mention", "index": f.mention, "start": m.start, "end": m.end, "raw": m.raw,
                  "fact": i, "key": f.key}
            pos = m.start
        else:
            ev = {"type": "fact", "index": i, "start": f.start, "end": f.end,
                  "label": f.label or f.key, "key": f.key}
            pos = f.start if finite(f.start) else None
        return Q(float(f.value), half, [ev], pos=pos, derived=bool(f.derived), unit=f.unit)

    def default_half_for(self, unit: str | None) -> float:
        """The ``[tolerance.default_half_unit]`` of a canonical unit ("*" for any other)."""
        return float(self.default_half.get(unit or "*", self.default_half.get("*", 0.5)))

    def mention(self, index):
        """Mention number ``index`` of the report, or None when there is no such mention."""
        mentions = self.report.mentions or []
        if isinstance(index, int) and 0 <= index < len(mentions):
            return mentions[index]
        return None

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
        if half is None and finite(start) and finite(end) and end > start:
            for mm in self.report.mentions or []:
                same = finite(mm.value) and abs(mm.value - value) <= 1e-9 * max(1, abs(value))
                if same and start <= mm.start and mm.end <= end:
                    half = half_unit_of_raw(mm.raw, mm.value, _factor_of(mm))
                    break
            if half is None:
                half = half_unit_in_span(self.text[start:end], value, self.max_dec)
        if half is None:
            half = half_unit_of_value(value, self.max_dec)
        if value == 0 and unit in self.zero_exact_units:
            half = 0.0
        pos = start if finite(start) else (m.start if m is not None else None)
        return Q(float(value), half, list(evidence or []), pos=pos)

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
def finding(ctx: Ctx, rule_id: str, message: str, verdict: Verdict | None = None, evidence=(),
            severity: str | None = None, expected=None, actual=None, difference=None) -> Finding:
    """A Finding of ``rule_id``: numbers from the verdict when there is one, the rule's severity
    unless another is given, copies of the evidence items."""
    if verdict is not None:
        expected, actual, difference = verdict.expected, verdict.actual, verdict.difference
    return Finding(
        rule=rule_id,
        severity=severity or rule_config(rule_id).get("severity", "warning"),
        message=message,
        expected=expected,
        actual=actual,
        difference=difference,
        evidence=[dict(e) for e in evidence if e],
    )


def diff_fields(v: Verdict, decimals: int = 6) -> dict:
    """The message fields every arithmetic rule fills: computed, stated, diff, tol."""
    return {"computed": fmt(v.expected, decimals), "stated": fmt(v.actual, decimals),
            "diff": fmt(v.difference, decimals), "tol": fmt(v.tolerance, max(decimals, 6))}


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
