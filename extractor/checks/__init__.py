"""Cross-checks: small rules over one report's facts, projects, groups, sections and forms.

``check_report(report)`` runs every rule of patterns/checks.toml and returns ``Finding`` records;
``check_prior_year(current, previous)`` compares two years of one unit. Neither ever raises: a
rule that meets data it cannot use returns nothing for that case, and an unexpected exception
inside a rule is logged as a warning and costs only that rule's findings for that item.

Tolerance is rounding-aware. A stated number is good to half a unit of its last written digit
("4.77%" ±0.005, "10%" ±0.5, "22120元" ±0.5元); a computed number is an interval carrying the
half-units of its inputs, and a stated number passes when its own interval meets the computed
one. So the 2024 渌口区 report's "占全年总支出的10%" passes against 1048.772537 / 10488.604785 =
9.9994%, while "增长4.77%" would fail against 4.79.
"""
from __future__ import annotations

import itertools
import logging
import math
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Callable, Iterable

import regex

from .. import rules
from ..model import Fact, Finding, Form, Project, ProjectGroup, Report

log = logging.getLogger(__name__)

NUMBER = regex.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?")
HAN_NUMBER = regex.compile(r"[零〇一二两三四五六七八九十百千万亿]+")
HAN_NUMERALS = "零一二三四五六七八九"


# ----------------------------------------------------------------------------- config
@lru_cache(maxsize=1)
def config() -> dict:
    return rules.load("checks")


def rule_config(rule_id: str) -> dict:
    return config().get("rules", {}).get(rule_id, {})


def label(key: str, lang: str = "zh") -> str:
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


def fmt(x: float | None, decimals: int = 6) -> str:
    """1048.772537 → "1048.772537"; 2.0 → "2"; 9.999349… → "9.9993" with decimals=4."""
    if x is None or not math.isfinite(x):
        return "?"
    s = f"{x:.{decimals}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


# ----------------------------------------------------------------------------- numbers
def _finite(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


@dataclass(frozen=True)
class Iv:
    """An interval [lo, hi] around a point value v."""

    lo: float
    v: float
    hi: float

    @staticmethod
    def point(v: float, half: float = 0.0) -> "Iv":
        return Iv(v - half, v, v + half)

    @property
    def half(self) -> float:
        return (self.hi - self.lo) / 2

    def __add__(self, o: "Iv") -> "Iv":
        return Iv(self.lo + o.lo, self.v + o.v, self.hi + o.hi)

    def __sub__(self, o: "Iv") -> "Iv":
        return Iv(self.lo - o.hi, self.v - o.v, self.hi - o.lo)

    def scale(self, k: float) -> "Iv":
        a, b = self.lo * k, self.hi * k
        return Iv(min(a, b), self.v * k, max(a, b))

    def div(self, o: "Iv") -> "Iv | None":
        """self / o, or None when o may be zero."""
        if o.lo <= 0 <= o.hi or o.v == 0:
            return None
        ends = [self.lo / o.lo, self.lo / o.hi, self.hi / o.lo, self.hi / o.hi]
        return Iv(min(ends), self.v / o.v, max(ends))


@dataclass
class Q:
    """A stated or computed quantity: value, half-unit tolerance, evidence, position in the text."""

    value: float
    half: float
    evidence: list[dict] = field(default_factory=list)
    pos: int | None = None
    derived: bool = False
    unit: str | None = None

    @property
    def iv(self) -> Iv:
        return Iv.point(self.value, self.half)


@dataclass
class Verdict:
    ok: bool
    expected: float  # the computed value
    actual: float  # the stated value
    difference: float  # actual − expected
    tolerance: float  # stated half-unit + computed half-width
    gap: float  # how far outside the tolerance


def compare(stated: Q, computed: Iv, eps: float) -> Verdict:
    """Does the stated value (± its half-unit) meet the computed interval?"""
    slack = eps * max(1.0, abs(stated.value), abs(computed.lo), abs(computed.hi))
    lo, hi = stated.value - stated.half, stated.value + stated.half
    gap = max(computed.lo - hi, lo - computed.hi, 0.0)
    return Verdict(
        ok=gap <= slack,
        expected=computed.v,
        actual=stated.value,
        difference=stated.value - computed.v,
        tolerance=stated.half + computed.half,
        gap=gap,
    )


def _number_tokens(text: str) -> list[tuple[Decimal, int]]:
    """Every number written in ``text`` with its count of decimals."""
    out = []
    for m in NUMBER.finditer(text):
        tok = m.group().replace(",", "")
        try:
            out.append((Decimal(tok), len(tok.split(".")[1]) if "." in tok else 0))
        except InvalidOperation:
            continue
    return out


def half_unit_of_raw(raw: str, value: float | None, factor: float | None = None) -> float | None:
    """Half a unit of the last digit written in ``raw``, in the unit of ``value``.

    "4.77%" → 0.005; "1048.772537万元" → 5e-7; "22120元" with value 2.212 (万元) → 5e-5;
    "三座" → 0.5. ``factor`` (written → canonical) is used when the number is 0.
    """
    if not raw:
        return None
    tokens = _number_tokens(raw)
    if tokens:
        number, decimals = tokens[0]
    else:
        m = HAN_NUMBER.search(raw)
        if not m:
            return None
        from ..text.recognize import han_to_decimal

        try:
            number, decimals = han_to_decimal(m.group()), 0
        except ValueError:
            return None
    if number != 0 and _finite(value) and value != 0:
        scale = abs(float(value) / float(number))
    elif factor:
        scale = abs(factor)
    else:
        scale = 1.0
    return 0.5 * 10.0 ** (-decimals) * scale


def half_unit_in_span(text: str, value: float, max_decimals: int) -> float | None:
    """Half-unit of the number in ``text`` that writes ``value`` (as is, in 元 or in 万元)."""
    for number, decimals in _number_tokens(text):
        for factor in (1.0, 0.0001, 10000.0):
            v = float(number) * factor
            if abs(v - value) <= 1e-9 * max(1.0, abs(value)):
                return 0.5 * 10.0 ** (-min(decimals, 12)) * factor
    return None


def half_unit_of_value(value: float, max_decimals: int) -> float:
    """Decimals read from the value itself: 98.7 → 0.05, 100.0 → 0.5."""
    s = fmt(value, max_decimals)
    decimals = len(s.split(".")[1]) if "." in s else 0
    return 0.5 * 10.0 ** (-decimals)


@lru_cache(maxsize=1)
def _unit_factors() -> dict[str, float]:
    """quantities.toml unit id → factor (written → canonical)."""
    try:
        return {u["id"]: float(Decimal(u["factor"])) for u in rules.load("quantities").get("unit", [])}
    except Exception:  # the factor only matters for a written 0; never fail a check over it
        log.warning("checks: cannot read unit factors from quantities.toml", exc_info=True)
        return {}


# ----------------------------------------------------------------------------- context
class Ctx:
    """One report plus the helpers the rules share."""

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
        self.zero_exact_units = set(tol.get("zero_is_exact_units", ["万元"]))
        self.facts: dict[str, list[tuple[int, Fact]]] = {}
        for i, f in enumerate(report.facts or []):
            if isinstance(f, Fact) and isinstance(f.key, str) and _finite(f.value):
                self.facts.setdefault(f.key, []).append((i, f))

    # ---- facts
    def q_fact(self, i: int, f: Fact) -> Q:
        m = self.mention(f.mention)
        half = None
        if m is not None and not f.derived:
            factor = _unit_factors().get((m.pattern_id or "").removeprefix("quantity:"))
            half = half_unit_of_raw(m.raw, m.value if _finite(m.value) else f.value, factor)
            if half is not None and m.approx:
                half = max(half, self.approx_rel * abs(f.value))
        if half is None and not f.derived and _finite(f.start) and _finite(f.end):
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
            pos = f.start if _finite(f.start) else None
        return Q(float(f.value), half, [ev], pos=pos, derived=bool(f.derived), unit=f.unit)

    def default_half_for(self, unit: str | None) -> float:
        return float(self.default_half.get(unit or "*", self.default_half.get("*", 0.5)))

    def mention(self, index):
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
    def q_value(self, value, start=None, end=None, mention=None, evidence=None, unit="万元") -> Q | None:
        if not _finite(value):
            return None
        half = None
        m = self.mention(mention)
        if m is not None:
            factor = _unit_factors().get((m.pattern_id or "").removeprefix("quantity:"))
            half = half_unit_of_raw(m.raw, m.value if _finite(m.value) else value, factor)
        if half is None and _finite(start) and _finite(end) and end > start:
            for mm in self.report.mentions or []:
                same = _finite(mm.value) and abs(mm.value - value) <= 1e-9 * max(1, abs(value))
                if same and start <= mm.start and mm.end <= end:
                    factor = _unit_factors().get((mm.pattern_id or "").removeprefix("quantity:"))
                    half = half_unit_of_raw(mm.raw, mm.value, factor)
                    break
            if half is None:
                half = half_unit_in_span(self.text[start:end], value, self.max_dec)
        if half is None:
            half = half_unit_of_value(value, self.max_dec)
        if value == 0 and unit in self.zero_exact_units:
            half = 0.0
        pos = start if _finite(start) else (m.start if m is not None else None)
        return Q(float(value), half, list(evidence or []), pos=pos)

    def within(self, qs: Iterable[Q], max_distance) -> bool:
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
        return itertools.islice(itertools.product(*lists), self.max_combos)

    def msg(self, rule_id: str, case: str, **fields) -> str:
        return message(rule_id, case, self.lang, **fields)

    def label(self, key: str) -> str:
        return label(key, self.lang)

    # ---- evidence
    def ev_project(self, p: Project) -> dict:
        return {"type": "project", "index": p.ordinal, "start": p.start, "end": p.end, "label": p.name}

    def ev_group(self, g: ProjectGroup) -> dict:
        return {"type": "group", "index": g.ordinal, "start": g.start, "end": g.end, "label": g.label}

    def ev_section(self, s) -> dict:
        line_end = self.text.find("\n", s.start)
        end = line_end if 0 <= line_end <= (s.end if _finite(s.end) else len(self.text)) else s.end
        return {"type": "section", "index": s.ordinal, "start": s.start, "end": end,
                "label": (s.number_label or "") + (s.heading or "")}


def best_failure(verdicts: Iterable[tuple[Verdict, object] | None]) -> tuple[Verdict, object] | None:
    """None when some combination is consistent (or none could be evaluated); else the closest."""
    best = None
    for item in verdicts:
        if item is None:
            continue
        verdict, payload = item
        if verdict.ok:
            return None
        score = verdict.gap / max(verdict.tolerance, 1e-12)
        if best is None or score < best[0]:
            best = (score, verdict, payload)
    return (best[1], best[2]) if best else None


def finding(ctx: Ctx, rule_id: str, message: str, verdict: Verdict | None = None, evidence=(),
            severity: str | None = None, expected=None, actual=None, difference=None) -> Finding:
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


def _diff_fields(v: Verdict, decimals: int = 6) -> dict:
    return {"computed": fmt(v.expected, decimals), "stated": fmt(v.actual, decimals),
            "diff": fmt(v.difference, decimals), "tol": fmt(v.tolerance, max(decimals, 6))}


def _evidence(*qs: Q) -> list[dict]:
    out = []
    for q in qs:
        if q is not None:
            out.extend(q.evidence)
    return out


# ----------------------------------------------------------------------------- registry
Rule = Callable[[Ctx], Iterable[Finding]]
RULES: list[tuple[str, Rule]] = []


def rule(rule_id: str):
    def register(fn: Rule) -> Rule:
        RULES.append((rule_id, fn))
        return fn

    return register


def _guarded(rule_id: str, fn, *args) -> list[Finding]:
    """Run one rule (or one case of it); an exception becomes a logged warning and no finding."""
    try:
        return [f for f in (fn(*args) or []) if isinstance(f, Finding)]
    except Exception as e:  # a rule must never stop the pipeline
        log.warning("check %s failed (%s: %s); no finding for this case", rule_id, type(e).__name__, e,
                    exc_info=log.isEnabledFor(logging.DEBUG))
        return []


def check_report(report: Report, lang: str = "zh") -> list[Finding]:
    """Every finding of every enabled rule on one report. Never raises."""
    try:
        ctx = Ctx(report, lang)
        rules_conf = config().get("rules", {})
    except Exception as e:
        log.warning("checks not run: %s: %s", type(e).__name__, e)
        return []
    findings: list[Finding] = []
    for rule_id, fn in RULES:
        conf = rules_conf.get(rule_id)
        if conf is None:
            log.warning("checks.toml has no [rules.%s]; rule skipped", rule_id)
            continue
        if not conf.get("enabled", True):
            continue
        findings.extend(_guarded(rule_id, fn, ctx))
    return _mark_ocr_doubt(report, findings, lang)


def _mark_ocr_doubt(report: Report, findings: list[Finding], lang: str) -> list[Finding]:
    """A finding whose evidence overlaps a low-confidence OCR mention may be a misread digit,
    not the department's arithmetic: say so in the message and on the evidence item."""
    doubtful = [(m.start, m.end) for m in report.mentions or [] if getattr(m, "low_confidence", False)]
    if not doubtful:
        return findings
    note = config().get("labels", {}).get("ocr_doubt_" + lang, "(OCR识别，可能有误)")
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


# ============================================================================= rules
# ----------------------------------------------------------------------------- sums
@rule("sum_mismatch")
def sum_mismatch(ctx: Ctx) -> list[Finding]:
    conf = rule_config("sum_mismatch")
    out = []
    for identity in conf.get("identity", []):
        out += _guarded("sum_mismatch", _sum_identity, ctx, identity, conf)
    out += _guarded("sum_mismatch", _sum_groups, ctx, conf)
    for form in ctx.report.forms or []:
        out += _guarded("sum_mismatch", _sum_form, ctx, form, conf)
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
    for total in ctx.qs(total_key, stated_only=True):
        def verdicts():
            for combo in ctx.combos(lists):
                qs = [q for _, q in combo]
                if not ctx.within([total, *qs], conf.get("max_distance", 0)):
                    continue
                computed = qs[0].iv
                for q in qs[1:]:
                    computed = computed + q.iv
                yield compare(total, computed, ctx.eps), combo

        failed = best_failure(verdicts())
        if failed:
            v, combo = failed
            desc = " + ".join(f"{ctx.label(k)}{fmt(q.value)}" for k, q in combo)
            out.append(finding(ctx, "sum_mismatch", ctx.msg(
                "sum_mismatch", "facts", total_label=ctx.label(total_key), total=fmt(total.value),
                parts=desc, **_diff_fields(v)), v, _evidence(total, *[q for _, q in combo])))
    return out


def _projects_of_groups(ctx: Ctx) -> list[tuple[ProjectGroup, list[Project]]]:
    groups = [g for g in ctx.report.project_groups or [] if isinstance(g, ProjectGroup)]
    projects = [p for p in ctx.report.projects or [] if isinstance(p, Project)]
    out = []
    starts = sorted(g.start for g in groups if _finite(g.start))
    for g in groups:
        members = [p for p in projects if g.label and p.group_label == g.label]
        if not members and _finite(g.start):
            nxt = min((s for s in starts if s > g.start), default=math.inf)
            members = [p for p in projects if _finite(p.start) and g.start <= p.start < nxt]
            if nxt == math.inf and _finite(g.end):  # the last group: its own extent, when it has one
                inside = [p for p in members if p.start < g.end]
                members = inside or members
        out.append((g, members))
    return out


def _sum_groups(ctx: Ctx, conf: dict) -> list[Finding]:
    out = []
    groups = _projects_of_groups(ctx)
    lo_ratio, hi_ratio = conf.get("project_total_plausible", [0.8, 1.25])
    for g, members in groups:
        spent = ctx.q_value(g.spent, g.start, g.end, evidence=[ctx.ev_group(g)])
        if spent is None or len(members) < conf.get("min_group_projects", 1):
            continue
        if any(not _finite(p.amount) for p in members):
            continue
        amounts = [ctx.q_value(p.amount, p.start, p.end, p.amount_mention, [ctx.ev_project(p)]) for p in members]
        computed = amounts[0].iv
        for q in amounts[1:]:
            computed = computed + q.iv
        v = compare(spent, computed, ctx.eps)
        if not v.ok:
            out.append(finding(ctx, "sum_mismatch", ctx.msg(
                "sum_mismatch", "group", group=g.label, total=fmt(spent.value), n=len(members),
                **_diff_fields(v)), v, _evidence(spent, *amounts)))
    # project_expenditure against the groups (or the whole list when there are no groups)
    stated = ctx.qs("project_expenditure", stated_only=True)
    if not stated:
        return out
    if groups:
        if any(not _finite(g.spent) for g, _ in groups):
            return out
        parts = [ctx.q_value(g.spent, g.start, g.end, evidence=[ctx.ev_group(g)]) for g, _ in groups]
        what = "各项目组实际支出" if ctx.lang == "zh" else "the project groups"
    else:
        projects = [p for p in ctx.report.projects or [] if isinstance(p, Project)]
        if len(projects) < 2 or any(not _finite(p.amount) for p in projects):
            return out
        parts = [ctx.q_value(p.amount, p.start, p.end, p.amount_mention, [ctx.ev_project(p)]) for p in projects]
        what = f"所列{len(parts)}个项目" if ctx.lang == "zh" else f"the {len(parts)} listed projects"
    computed = parts[0].iv
    for q in parts[1:]:
        computed = computed + q.iv

    def verdicts():
        for total in stated:
            if total.value == 0 or not (lo_ratio <= computed.v / total.value <= hi_ratio):
                continue
            yield compare(total, computed, ctx.eps), total

    failed = best_failure(verdicts())
    if failed:
        v, total = failed
        out.append(finding(ctx, "sum_mismatch", ctx.msg(
            "sum_mismatch", "project_total", total=fmt(total.value), what=what, **_diff_fields(v)),
            v, _evidence(total, *parts)))
    return out


def _line_ev(line, i) -> dict:
    return {"type": "form_line", "form": line.form, "index": i, "start": line.start, "end": line.end,
            "label": line.line, "row": line.row, "table": line.table_index}


def _sum_form(ctx: Ctx, form: Form, conf: dict) -> list[Finding]:
    total_re = regex.compile(conf.get("form_total_line", r"^(?:年度)?资金总额"))
    part_re = regex.compile(conf.get("form_part_line", r"其中"))
    lines = list(enumerate(form.budget_lines or []))
    totals = [(i, ln) for i, ln in lines if ln.line and total_re.search(ln.line)]
    parts = [(i, ln) for i, ln in lines if ln.line and not total_re.search(ln.line) and part_re.search(ln.line)]
    if len(totals) != 1 or not parts:
        return []
    ti, total_line = totals[0]
    failures = []  # one finding per form, naming every column that does not add up
    for column in conf.get("form_columns", ["budget_initial", "budget_full_year", "executed"]):
        total_v = getattr(total_line, column, None)
        if not _finite(total_v):
            continue
        qs = []
        for i, ln in parts:
            v = getattr(ln, column, None)
            if not _finite(v):
                if conf.get("form_blank_part_is_zero", False):
                    v = 0.0
                else:
                    qs = None
                    break
            qs.append(ctx.q_value(v, ln.start, ln.end, evidence=[_line_ev(ln, i)]))
        if not qs:
            continue
        total = ctx.q_value(total_v, total_line.start, total_line.end, evidence=[_line_ev(total_line, ti)])
        computed = qs[0].iv
        for q in qs[1:]:
            computed = computed + q.iv
        v = compare(total, computed, ctx.eps)
        if not v.ok:
            failures.append((column, total, qs, v))
    if not failures:
        return []
    columns = [ctx.msg("sum_mismatch", "form_column", column=ctx.label({"executed": "budget_executed"}.get(c, c)),
                       total=fmt(t.value), **_diff_fields(v)) for c, t, _, v in failures]
    sep = conf.get("messages", {}).get(f"separator_{ctx.lang}", "；")
    evidence = _evidence(failures[0][1])
    seen = set()
    for _, _, qs, _ in failures:
        for e in _evidence(*qs):
            if (e["index"], e.get("form")) not in seen:
                seen.add((e["index"], e.get("form")))
                evidence.append(e)
    return [finding(ctx, "sum_mismatch", ctx.msg("sum_mismatch", "form", form=form.index + 1, line=total_line.line,
                                                 columns=sep.join(columns)), failures[0][3], evidence)]


# ----------------------------------------------------------------------------- shares
def _share_denominator(ctx: Ctx, q: Q, conf: dict) -> str | None:
    """The key the sentence names after 占 (占基本支出的… → basic_expenditure), if any."""
    if q.pos is None:
        return None
    window = ctx.text[max(0, q.pos - int(conf.get("context_chars", 24))):q.pos]
    at = window.rfind("占")
    if at < 0:
        return None
    phrase = window[at:]
    for pattern, key in conf.get("denominators", []):
        if rules.compiled(pattern).search(phrase):
            return key
    return None


def _totals(ctx: Ctx, key: str) -> list[tuple[Q, str]]:
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
    conf = rule_config("share_mismatch")
    out = []
    for key in list(ctx.facts):
        if key.endswith(".share_pct"):
            base = key.removesuffix(".share_pct")
            for share in ctx.qs(key, stated_only=True):
                out += _guarded("share_mismatch", _share_one, ctx, base, share, conf)
    return out


def _share_one(ctx: Ctx, base: str, share: Q, conf: dict) -> list[Finding]:
    values = ctx.qs(base)
    if not values:
        return []
    named = _share_denominator(ctx, share, conf)
    denominator = named or "total_expenditure"

    values = ctx.near(share, values, conf)

    def verdicts(den_key):
        for value in values:
            for total, _ in _totals(ctx, den_key):
                if den_key == base:
                    continue
                ratio = value.iv.div(total.iv)
                if ratio is None:
                    continue
                yield compare(share, ratio.scale(100.0), ctx.eps), (value, total, den_key)

    failed = best_failure(verdicts(denominator))
    if failed is None:
        return []
    if named is None:  # no denominator named: a share of another plausible total is not an error
        for alt in conf.get("alternate_denominators", []):
            if any(v.ok for v, _ in verdicts(alt)):
                return []
    v, (value, total, den_key) = failed
    return [finding(ctx, "share_mismatch", ctx.msg(
        "share_mismatch", "share", label=ctx.label(base), value=fmt(value.value),
        total_label=ctx.label(den_key), total=fmt(total.value), **_diff_fields(v, 4)),
        v, _evidence(share, value, total))]


# ----------------------------------------------------------------------------- growth
@rule("growth_mismatch")
def growth_mismatch(ctx: Ctx) -> list[Finding]:
    conf = rule_config("growth_mismatch")
    out = []
    for key in list(ctx.facts):
        if key.endswith(".yoy_pct"):
            base = key.removesuffix(".yoy_pct")
            for pct in ctx.qs(key, stated_only=True):
                out += _guarded("growth_mismatch", _growth_one, ctx, base, pct, conf)
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
        previous=fmt(previous.v), **_diff_fields(v, 4)), v, _evidence(pct, value, delta))]


# ----------------------------------------------------------------------------- balances
@rule("balance_mismatch")
def balance_mismatch(ctx: Ctx) -> list[Finding]:
    conf = rule_config("balance_mismatch")
    out = []
    for g in ctx.report.project_groups or []:
        out += _guarded("balance_mismatch", _balance_group, ctx, g)
    out += _guarded("balance_mismatch", _balance_report, ctx, conf)
    return out


def _balance_group(ctx: Ctx, g: ProjectGroup) -> list[Finding]:
    if not isinstance(g, ProjectGroup) or not all(_finite(x) for x in (g.budget, g.spent, g.balance)):
        return []
    ev = [ctx.ev_group(g)]
    budget = ctx.q_value(g.budget, g.start, g.end)
    adjustment = ctx.q_value(g.adjustment if _finite(g.adjustment) else 0.0, g.start, g.end)
    spent = ctx.q_value(g.spent, g.start, g.end)
    balance = ctx.q_value(g.balance, g.start, g.end, evidence=ev)
    if not _finite(g.adjustment):
        adjustment.half = 0.0
    v = compare(balance, budget.iv + adjustment.iv - spent.iv, ctx.eps)
    if v.ok:
        return []
    return [finding(ctx, "balance_mismatch", ctx.msg(
        "balance_mismatch", "group", group=g.label, budget=fmt(budget.value), adjustment=fmt(adjustment.value),
        spent=fmt(spent.value), **_diff_fields(v)), v, ev)]


def _budget_candidates(ctx: Ctx, anchor: Q, conf: dict) -> list[tuple[Q, str]]:
    """Budgets near ``anchor``: the full-year budget, else the initial one."""
    full = ctx.near(anchor, ctx.qs("budget_full_year"), conf)
    if full:
        return [(q, "budget_full_year") for q in full]
    return [(q, "budget_initial") for q in ctx.near(anchor, ctx.qs("budget_initial"), conf)]


def _balance_report(ctx: Ctx, conf: dict) -> list[Finding]:
    out = []
    for bal in ctx.qs("balance", True):
        budgets, executed = _budget_candidates(ctx, bal, conf), ctx.near(bal, ctx.qs("budget_executed"), conf)

        def verdicts():
            for (budget, bkey), ex in ctx.combos([budgets, executed]):
                if not ctx.within([budget, ex], conf.get("max_distance", 0)):
                    continue
                yield compare(bal, budget.iv - ex.iv, ctx.eps), (budget, bkey, ex)

        failed = best_failure(verdicts())
        if failed:
            v, (budget, bkey, ex) = failed
            out.append(finding(ctx, "balance_mismatch", ctx.msg(
                "balance_mismatch", "report", budget_label=ctx.label(bkey), budget=fmt(budget.value),
                executed_label=ctx.label("budget_executed"), executed=fmt(ex.value), **_diff_fields(v)),
                v, _evidence(bal, budget, ex)))
    return out


# ----------------------------------------------------------------------------- execution rates
@rule("execution_rate_mismatch")
def execution_rate_mismatch(ctx: Ctx) -> list[Finding]:
    conf = rule_config("execution_rate_mismatch")
    out = _guarded("execution_rate_mismatch", _execution_report, ctx, conf)
    for form in ctx.report.forms or []:
        for i, line in enumerate(getattr(form, "budget_lines", None) or []):
            out += _guarded("execution_rate_mismatch", _execution_line, ctx, form, i, line, conf)
    return out


def _rate_ok_capped(conf: dict, stated: Q, computed: Iv) -> bool:
    return bool(conf.get("allow_cap_at_100", True)) and computed.lo >= 100 and abs(stated.value - 100) <= stated.half


def _execution_report(ctx: Ctx, conf: dict) -> list[Finding]:
    out = []
    for rate in ctx.qs("execution_rate", True):
        budgets, executed = _budget_candidates(ctx, rate, conf), ctx.near(rate, ctx.qs("budget_executed"), conf)

        def verdicts():
            for (budget, bkey), ex in ctx.combos([budgets, executed]):
                if not ctx.within([budget, ex], conf.get("max_distance", 0)):
                    continue
                r = ex.iv.div(budget.iv)
                if r is None:
                    continue
                r = r.scale(100.0)
                v = compare(rate, r, ctx.eps)
                if not v.ok and _rate_ok_capped(conf, rate, r):
                    v.ok = True
                yield v, (budget, bkey, ex)

        failed = best_failure(verdicts())
        if failed:
            v, (budget, bkey, ex) = failed
            out.append(finding(ctx, "execution_rate_mismatch", ctx.msg(
                "execution_rate_mismatch", "report", executed_label=ctx.label("budget_executed"),
                executed=fmt(ex.value), budget_label=ctx.label(bkey), budget=fmt(budget.value),
                **_diff_fields(v, 4)), v, _evidence(rate, budget, ex)))
    return out


def _execution_line(ctx: Ctx, form: Form, i: int, line, conf: dict) -> list[Finding]:
    if not all(_finite(x) for x in (line.execution_rate, line.executed, line.budget_full_year)):
        return []
    ev = [_line_ev(line, i)]
    rate = ctx.q_value(line.execution_rate, line.start, line.end, evidence=ev, unit="%")
    ex = ctx.q_value(line.executed, line.start, line.end)
    budget = ctx.q_value(line.budget_full_year, line.start, line.end)
    r = ex.iv.div(budget.iv)
    if r is None:
        return []
    r = r.scale(100.0)
    v = compare(rate, r, ctx.eps)
    # 执行率 written as a fraction (1.00 for 100%) is the same rate
    if not v.ok and rate.value <= 1.5 and compare(Q(rate.value * 100, rate.half * 100), r, ctx.eps).ok:
        return []
    if v.ok or _rate_ok_capped(conf, rate, r):
        return []
    return [finding(ctx, "execution_rate_mismatch", ctx.msg(
        "execution_rate_mismatch", "form", form=form.index + 1, line=line.line, executed=fmt(ex.value),
        budget=fmt(budget.value), **_diff_fields(v, 4)), v, ev)]


# ----------------------------------------------------------------------------- stakes
@rule("stake_length_mismatch")
def stake_length_mismatch(ctx: Ctx) -> list[Finding]:
    conf = rule_config("stake_length_mismatch")
    out = []
    for p in ctx.report.projects or []:
        out += _guarded("stake_length_mismatch", _stake_one, ctx, p, conf)
    return out


def _stake_mark(km: float) -> str:
    whole = int(math.floor(km + 1e-9))
    return f"K{whole}+{round((km - whole) * 1000):03d}"


def _project_length(ctx: Ctx, p: Project) -> tuple[float, int | None] | None:
    """The project's claimed length in km and the mention that states it."""
    if _finite(p.output_value) and p.output_unit == "km":
        return float(p.output_value), None
    outs = [o for o in ctx.report.outputs or [] if o.project == p.ordinal and o.unit == "km" and _finite(o.value)]
    if len(outs) == 1:
        return float(outs[0].value), outs[0].mention
    return None


def _stake_one(ctx: Ctx, p: Project, conf: dict) -> list[Finding]:
    if not isinstance(p, Project) or not (_finite(p.stake_from) and _finite(p.stake_to)):
        return []
    span = abs(p.stake_to - p.stake_from)
    claimed = _project_length(ctx, p)
    if span == 0 or claimed is None:
        return []
    length, mention = claimed
    if mention is None:  # the claimed length as written: a km/米 mention in the project's text
        for i, m in enumerate(ctx.report.mentions or []):
            if (m.kind == "length" and _finite(m.value) and abs(m.value - length) <= 1e-9 * max(1, length)
                    and _finite(p.start) and _finite(p.end) and p.start <= m.start < p.end):
                mention = i
    stated = ctx.q_value(length, mention=mention, evidence=[ctx.ev_project(p)], unit="km")
    m = ctx.mention(mention)
    if m is not None:
        stated.evidence.append({"type": "mention", "index": mention, "start": m.start, "end": m.end, "raw": m.raw})
    stated.half = max(stated.half, float(conf.get("min_tolerance_km", 0.005)))
    v = compare(stated, Iv.point(span), ctx.eps)
    if v.ok:
        return []
    stakes = f"{_stake_mark(min(p.stake_from, p.stake_to))}-{_stake_mark(max(p.stake_from, p.stake_to))}"
    return [finding(ctx, "stake_length_mismatch", ctx.msg(
        "stake_length_mismatch", "stake", project=p.name, stakes=stakes, **_diff_fields(v)),
        v, stated.evidence)]


# ----------------------------------------------------------------------------- duplicates
@rule("duplicate_output")
def duplicate_output(ctx: Ctx) -> list[Finding]:
    conf = rule_config("duplicate_output")
    measures = set(conf.get("measure_units", []))
    by_output: dict[tuple[float, str], list[Project]] = {}
    for p in ctx.report.projects or []:
        if not isinstance(p, Project) or not _finite(p.output_value) or not p.output_unit:
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
        names = "、".join(f"“{p.name}”" for p in projects) if ctx.lang == "zh" else ", ".join(p.name for p in projects)
        out.append(finding(ctx, "duplicate_output", ctx.msg(
            "duplicate_output", "duplicate", n=len(projects), value=fmt(value), unit=unit, projects=names),
            evidence=[ctx.ev_project(p) for p in projects], expected=None, actual=value))
    return out


# ----------------------------------------------------------------------------- staff
@rule("staff_over_quota")
def staff_over_quota(ctx: Ctx) -> list[Finding]:
    authorized, actual = ctx.qs("staff_authorized", True), ctx.qs("staff_actual", True)
    if not authorized or not actual:
        return []
    a, q = actual[0], authorized[0]
    if a.value <= q.value:
        return []
    return [finding(ctx, "staff_over_quota", ctx.msg(
        "staff_over_quota", "over", actual=fmt(a.value), authorized=fmt(q.value), diff=fmt(a.value - q.value)),
        evidence=_evidence(q, a), expected=q.value, actual=a.value, difference=a.value - q.value)]


# ----------------------------------------------------------------------------- sections
def label_number(label: str | None) -> int | None:
    """"七、" → 7, "(十二)" → 12, "3." → 3, "第二部分" → 2."""
    if not label:
        return None
    digits = rules.compiled(r"\d+").search(label)
    if digits:
        return int(digits.group())
    han = rules.compiled(r"[零〇一二两三四五六七八九十百]+").search(label)
    if not han:
        return None
    from ..text.recognize import han_to_decimal

    try:
        return int(han_to_decimal(han.group()))
    except ValueError:
        return None


def han_numeral(n: int) -> str:
    """7 → 七, 10 → 十, 12 → 十二, 20 → 二十 (1..99)."""
    if n <= 0 or n >= 100:
        return str(n)
    tens, ones = divmod(n, 10)
    s = ("" if tens <= 1 else HAN_NUMERALS[tens]) + ("十" if tens else "")
    return s + (HAN_NUMERALS[ones] if ones else "")


def expected_label(model: str | None, n: int) -> str:
    """The label of number ``n`` written like ``model`` ("二、" → "三、"; "(2)" → "(3)")."""
    if not model:
        return f"{han_numeral(n)}、"
    if rules.compiled(r"\d").search(model):
        return rules.compiled(r"\d+").sub(str(n), model, count=1)
    return rules.compiled(r"[零〇一二两三四五六七八九十百]+").sub(han_numeral(n), model, count=1)


@rule("section_numbering")
def section_numbering(ctx: Ctx) -> list[Finding]:
    report = ctx.report
    if not report.template:
        return []
    sections = [s for s in report.sections or [] if _finite(s.level)]
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
        sep = rule_config("section_numbering").get("messages", {}).get(f"separator_{ctx.lang}", "；")
        out.append(finding(ctx, "section_numbering", ctx.msg("section_numbering", "numbering",
                                                             problems=sep.join(problems)),
                           evidence=evidence, actual=float(len(problems))))
    out += _guarded("section_numbering", _missing_sections, ctx, templated)
    return out


def _missing_sections(ctx: Ctx, templated) -> list[Finding]:
    from ..text.segment import templates

    conf = rule_config("section_numbering")
    template = next((t for t in templates() if t.get("id") == ctx.report.template), None)
    if template is None:
        return []
    present = {s.template_id.split(":", 1)[-1] for s in templated}
    entries = template.get("section", [])
    missing = [e for e in entries if e.get("id") not in present]
    if not missing or not entries or len(present) / len(entries) < conf.get("min_template_share", 0.5):
        return []
    sep = conf.get("messages", {}).get(f"separator_{ctx.lang}", "；")
    return [finding(ctx, "section_numbering", ctx.msg("section_numbering", "missing",
                                                      headings=sep.join(f"“{e['heading']}”" for e in missing)),
                    severity=conf.get("missing_severity", "info"), actual=float(len(missing)))]


# ----------------------------------------------------------------------------- goals
@rule("goal_not_met")
def goal_not_met(ctx: Ctx) -> list[Finding]:
    conf = rule_config("goal_not_met")
    out = []
    for p in ctx.report.projects or []:
        out += _guarded("goal_not_met", _goal_project, ctx, p, conf)
    for form in ctx.report.forms or []:
        for i, ind in enumerate(getattr(form, "indicators", None) or []):
            out += _guarded("goal_not_met", _goal_indicator, ctx, form, i, ind, conf)
    return out


def _goal_project(ctx: Ctx, p: Project, conf: dict) -> list[Finding]:
    if not isinstance(p, Project) or p.goal_status not in ("partial", "not_achieved"):
        return []
    threshold = conf.get("info_at_or_above", 80)
    if _finite(p.goal_pct):
        severity = "info" if p.goal_pct >= threshold else "warning"
        text = ctx.msg("goal_not_met", "project_pct", project=p.name, pct=fmt(p.goal_pct))
        return [finding(ctx, "goal_not_met", text, evidence=[ctx.ev_project(p)], severity=severity,
                        expected=100.0, actual=float(p.goal_pct), difference=float(p.goal_pct) - 100.0)]
    severity = conf.get("partial_severity" if p.goal_status == "partial" else "not_achieved_severity", "warning")
    return [finding(ctx, "goal_not_met", ctx.msg("goal_not_met", "project", project=p.name, status=p.goal_status),
                    evidence=[ctx.ev_project(p)], severity=severity)]


def _text_half(text: str | None, value: float, max_dec: int) -> float:
    half = half_unit_in_span(text or "", value, max_dec) if text else None
    return half if half is not None else half_unit_of_value(value, max_dec)


def _goal_indicator(ctx: Ctx, form: Form, i: int, ind, conf: dict) -> list[Finding]:
    if not (_finite(ind.target_value) and _finite(ind.actual_value)):
        return []
    target, actual = float(ind.target_value), float(ind.actual_value)
    comparator = ind.target_comparator
    if comparator in ("≤", "<"):
        lower_better = True
    elif comparator in ("≥", ">", "="):
        lower_better = False
    else:
        names = " ".join(x for x in (ind.level1, ind.level2, ind.name) if x)
        lower_better = bool(rules.compiled(conf.get("lower_is_better", r"成本")).search(names))
    tol = _text_half(ind.target_text, target, ctx.max_dec) + _text_half(ind.actual_text, actual, ctx.max_dec)
    slack = ctx.eps * max(1.0, abs(target), abs(actual))
    shortfall = (actual - target) if lower_better else (target - actual)
    if shortfall <= tol + slack:
        return []
    if target == 0 or actual == 0:
        ratio = 0.0
    else:
        ratio = (target / actual if lower_better else actual / target) * 100
    severity = "info" if ratio >= conf.get("info_at_or_above", 80) else "warning"
    ev = {"type": "indicator", "form": form.index, "index": i, "start": ind.start, "end": ind.end,
          "label": ind.name, "row": ind.row, "table": ind.table_index}
    return [finding(ctx, "goal_not_met", ctx.msg(
        "goal_not_met", "indicator", form=form.index + 1, name=ind.name,
        actual=ind.actual_text or fmt(actual), target=ind.target_text or fmt(target)),
        evidence=[ev], severity=severity, expected=target, actual=actual, difference=actual - target)]


# ----------------------------------------------------------------------------- scores
@rule("score_mismatch")
def score_mismatch(ctx: Ctx) -> list[Finding]:
    conf = rule_config("score_mismatch")
    out = []
    for form in ctx.report.forms or []:
        out += _guarded("score_mismatch", _score_total, ctx, form, conf)
        for i, ind in enumerate(getattr(form, "indicators", None) or []):
            out += _guarded("score_mismatch", _score_weight, ctx, form, i, ind)
    return out


def _ind_ev(form: Form, i: int, ind) -> dict:
    return {"type": "indicator", "form": form.index, "index": i, "start": ind.start, "end": ind.end,
            "label": ind.name, "row": ind.row, "table": ind.table_index}


def _score_total(ctx: Ctx, form: Form, conf: dict) -> list[Finding]:
    indicators = list(enumerate(form.indicators or []))
    if not _finite(form.total_score) or not indicators or any(not _finite(ind.score) for _, ind in indicators):
        return []
    cap = float(conf.get("max_half_unit", 0.05))
    qs = [ctx.q_value(ind.score, evidence=[_ind_ev(form, i, ind)], unit="分") for i, ind in indicators]
    for q in qs:
        q.half = min(q.half, cap)
    indicator_sum = qs[0].iv
    for q in qs[1:]:
        indicator_sum = indicator_sum + q.iv
    budget_re = regex.compile(conf.get("budget_score_line", r"^(?:年度)?资金总额"))
    budget_lines = [(i, ln) for i, ln in enumerate(form.budget_lines or [])
                    if ln.line and budget_re.search(ln.line) and _finite(ln.score)]
    budget = None
    if budget_lines:
        i, ln = budget_lines[0]
        budget = ctx.q_value(ln.score, evidence=[_line_ev(ln, i)], unit="分")
        budget.half = min(budget.half, cap)
    form_ev = {"type": "form", "index": form.index, "start": form.start, "end": form.end,
               "label": form.title or form.project_name}
    total = ctx.q_value(form.total_score, unit="分", evidence=[form_ev])
    # with the budget score; or without it, for forms that list 预算执行率 among the indicators
    options = [(indicator_sum + budget.iv, budget)] if budget else []
    options.append((indicator_sum, None))
    failed = best_failure((compare(total, computed, ctx.eps), b) for computed, b in options)
    if failed is None:
        return []
    v, _ = (compare(total, options[0][0], ctx.eps), options[0][1])
    return [finding(ctx, "score_mismatch", ctx.msg(
        "score_mismatch", "total", form=form.index + 1, indicators=fmt(indicator_sum.v),
        budget=fmt(budget.value) if budget else "0", **_diff_fields(v)), v, _evidence(total, budget, *qs))]


def _score_weight(ctx: Ctx, form: Form, i: int, ind) -> list[Finding]:
    if not (_finite(ind.score) and _finite(ind.weight)):
        return []
    slack = ctx.eps * max(1.0, abs(ind.weight))
    if ind.score <= ind.weight + slack:
        return []
    return [finding(ctx, "score_mismatch", ctx.msg(
        "score_mismatch", "over_weight", form=form.index + 1, name=ind.name, score=fmt(ind.score),
        weight=fmt(ind.weight)), evidence=[_ind_ev(form, i, ind)], expected=float(ind.weight),
        actual=float(ind.score), difference=float(ind.score - ind.weight))]


# ============================================================================= across years
def check_prior_year(current: Report, previous: Report, lang: str = "zh") -> list[Finding]:
    """Last year's stated KEY against this year's KEY − KEY.yoy_delta. Never raises.

    ``previous`` is the same unit's report for the year before (the database layer pairs them).
    Evidence items pointing into ``previous`` carry ``"report": "previous"``.
    """
    try:
        conf = rule_config("prior_year_mismatch")
        if not conf.get("enabled", True):
            return []
        cur, prev = Ctx(current, lang), Ctx(previous, lang)
    except Exception as e:
        log.warning("prior-year check not run: %s: %s", type(e).__name__, e)
        return []
    out = []
    for key in list(cur.facts):
        if key.endswith(".yoy_delta"):
            out += _guarded("prior_year_mismatch", _prior_one, cur, prev, key.removesuffix(".yoy_delta"))
    return out


def _prior_one(cur: Ctx, prev: Ctx, base: str) -> list[Finding]:
    values, deltas, before = cur.qs(base), cur.qs(f"{base}.yoy_delta", True), prev.qs(base, True)
    if not (values and deltas and before):
        return []
    for q in before:
        for e in q.evidence:
            e["report"] = "previous"

    def verdicts():
        for value, delta, stated in cur.combos([values, deltas, before]):
            yield compare(stated, value.iv - delta.iv, cur.eps), (value, delta, stated)

    failed = best_failure(verdicts())
    if failed is None:
        return []
    v, (value, delta, stated) = failed
    year = prev.report.fiscal_year if prev.report.fiscal_year else ("上" if cur.lang == "zh" else "previous")
    return [finding(cur, "prior_year_mismatch", cur.msg(
        "prior_year_mismatch", "prior", label=cur.label(base), value=fmt(value.value), delta=fmt(delta.value),
        year=year, unit=value.unit or "", **_diff_fields(v)), v, _evidence(value, delta, stated))]
