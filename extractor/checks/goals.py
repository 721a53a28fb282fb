"""Goals not met (``goal_not_met``): a project that reports a partial or failed goal; a 自评表
indicator whose actual misses its target; a target and its result stated in prose.

An indicator is compared only when both cells are plain values (the ``value`` rule: an optional
comparator, a number, an optional unit, an optional 及以上/以内): "≥95%" against "93.2%",
"不少于800篇" against "780篇", "≤104万元" against "103.97万元". The units must agree (or be
convertible money units, or one side leave its unit out); dates and deadlines are not compared.
The comparator decides the direction (≥ 不低于 及以上: at least; ≤ 不超过 以内: at most); without
one, a cost-like name (成本, 投诉率: the ``lower_is_better`` rule) is at most, any other at least.
A qualitative actual that says it was not done (未完成, 不达标, 未能及时…: the ``negated`` rule)
misses its target too. ``missed_indicators`` is shared with score_mismatch (full points for a
missed indicator).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

import regex

from .. import rules
from ..model import Finding, Form, Project
from .context import Ctx, ev_indicator, finding, guarded, rule, rule_config
from .doubt import block_indicators
from .tolerance import decimals_of_half, finite, fmt, text_half

log = logging.getLogger(__name__)

RULE_ID = "goal_not_met"


@dataclass
class Reading:
    """A value cell read: its comparator (≥ ≤ = or None), number as written, unit."""

    cmp: str | None
    number: str
    unit: str | None

    @property
    def value(self) -> float:
        """The number."""
        return float(self.number)


@dataclass
class Missed:
    """An indicator (or prose target) whose actual misses its target."""

    form: Form | None
    index: int
    indicator: object
    target: float | None
    actual: float | None
    severity: str
    decimals: int | None
    evidence: list
    qualitative: bool = False


def read_value(text: str | None, conf: dict) -> Reading | None:
    """A plain value cell ("≥95%", "不少于800篇", "60%及以上") as a Reading; None for anything else."""
    if not text:
        return None
    key = "".join(text.split())
    m = conf["value"].regex.fullmatch(key)
    if not m:
        return None
    words = conf.get("comparators", {})
    cmp = words.get(m["pre"], m["pre"]) if m["pre"] else None
    if m["post"]:
        cmp = cmp or words.get(m["post"])
    unit = m["unit"] or None
    unit = conf.get("unit_aliases", {}).get(unit, unit)
    return Reading(cmp, m["n"].replace(",", ""), unit)


def comparable(target: Reading, actual: Reading, unit_cell: str | None, conf: dict) -> tuple[float, float] | None:
    """(target, actual) in one unit, or None when the units differ or name a date."""
    tu, au = target.unit, actual.unit
    if unit_cell and not (tu or au):
        tu = au = conf.get("unit_aliases", {}).get(unit_cell.strip(), unit_cell.strip())
    date = conf["date_unit"].regex
    if any(u and date.search(u) for u in (tu, au)):
        return None
    t, a = target.value, actual.value
    if tu and au and tu != au:
        money = conf.get("money_factors", {})
        if tu in money and au in money:
            return t * float(money[tu]), a * float(money[au])
        return None
    return t, a


def lower_is_better(cmp: str | None, names: str, conf: dict) -> bool:
    """Whether the actual should stay at or below the target: the comparator says so, or, without
    one, the names say it is a cost (the ``lower_is_better`` rule)."""
    if cmp in conf["lower_comparators"]:
        return True
    if cmp in conf["higher_comparators"]:
        return False
    return bool(conf["lower_is_better"].regex.search(names))


def shortfall(ctx: Ctx, target: float, actual: float, target_text, actual_text, lower_better: bool,
              conf: dict) -> tuple[str, int | None] | None:
    """(severity, decimals) when ``actual`` misses ``target``; None when it meets it.

    Two tiers, as the arithmetic rules: the target is a definition (exact), the actual is taken as
    written first, so 9场 misses 10场 and 99.8% misses 100%. A miss that the rounding of the
    actual as written could explain (95% against ≥95.3%) is ``rounding_severity``; any other is
    info from ``info_at_or_above`` % of the target, a warning below it."""
    half_t, half_a = text_half(target_text, target, ctx.max_dec), text_half(actual_text, actual, ctx.max_dec)
    slack = ctx.eps * max(1.0, abs(target), abs(actual))
    gap = (actual - target) if lower_better else (target - actual)
    if gap <= slack:
        return None
    known = [d for d in (decimals_of_half(half_t), decimals_of_half(half_a)) if d is not None]
    decimals = max(known) if known else None
    if gap < half_a - slack:
        return conf.get("rounding_severity", "info"), decimals
    if target == 0 or actual == 0:
        ratio = 0.0
    else:
        ratio = (target / actual if lower_better else actual / target) * 100
    return ("info" if ratio >= conf.get("info_at_or_above", 80) else "warning"), decimals


def cell_evidence(ctx: Ctx, form: Form, i: int, ind, target_text, actual_text) -> list[dict]:
    """The target cell and the actual cell as evidence items (found in the row's span, the actual
    after the target); the whole row when a cell cannot be found."""
    row = ev_indicator(form, i, ind)
    if not (finite(ind.start) and finite(ind.end)):
        return [row]
    out, at = [], ind.start
    for role, text in (("target", target_text), ("actual", actual_text)):
        if not text:
            continue
        pos = ctx.text.find(text, at, ind.end)
        if pos < 0:
            pos = ctx.text.find(text, ind.start, ind.end)
        if pos < 0:
            return [row]
        out.append({**row, "start": pos, "end": pos + len(text), "raw": text, "cell": role})
        at = pos + len(text)
    return out or [row]


def indicator_missed(ctx: Ctx, form: Form, i: int, ind, conf: dict) -> Missed | None:
    """Whether indicator ``i`` of ``form`` misses its target, by its figures or by its words."""
    target_text = ind.target_text or (fmt(ind.target_value) if finite(ind.target_value) else None)
    actual_text = ind.actual_text or (fmt(ind.actual_value) if finite(ind.actual_value) else None)
    if not target_text or not actual_text:
        return None
    if conf["actual_is_a_target"].regex.search(actual_text):
        return None  # a target read into the actual column
    if not ind.name or conf["column_label"].regex.fullmatch("".join(ind.name.split())):
        return None  # a column label read as an indicator
    names = " ".join(x for x in (ind.level1, ind.level2, ind.name) if x)
    target, actual = read_value(target_text, conf), read_value(actual_text, conf)
    if target is not None and actual is not None:
        pair = comparable(target, actual, ind.unit, conf)
        if pair is None:
            return None
        t, a = pair
        cmp = target.cmp or ind.target_comparator
        missed = shortfall(ctx, t, a, target.number, actual.number, lower_is_better(cmp, names, conf), conf)
        if missed is None:
            return None
        severity, decimals = missed
        return Missed(form, i, ind, t, a, severity, decimals,
                      cell_evidence(ctx, form, i, ind, ind.target_text, ind.actual_text))
    negated = conf["negated"].regex
    if target is None and negated.search(actual_text) and not negated.search(target_text):
        return Missed(form, i, ind, None, None, conf.get("negated_severity", "warning"), None,
                      cell_evidence(ctx, form, i, ind, target_text, actual_text), qualitative=True)
    return None


def missed_indicators(ctx: Ctx) -> list[Missed]:
    """Every 自评表 indicator of the report whose actual misses its target."""
    conf = rule_config(RULE_ID)
    out = []
    for form in ctx.report.forms or []:
        for i, ind in block_indicators(form):
            try:
                missed = indicator_missed(ctx, form, i, ind, conf)
            except Exception as e:  # a rule must never stop the pipeline
                log.warning("check %s failed on an indicator (%s: %s)", RULE_ID, type(e).__name__, e)
                continue
            if missed is not None:
                out.append(missed)
    return out


@rule(RULE_ID)
def goal_not_met(ctx: Ctx) -> list[Finding]:
    """Projects that report a partial or failed goal; 自评表 indicators and prose targets whose
    actual misses the target."""
    conf = rule_config(RULE_ID)
    out = []
    for p in ctx.report.projects or []:
        out += guarded(RULE_ID, _goal_project, ctx, p, conf)
    for m in missed_indicators(ctx):
        out += guarded(RULE_ID, _goal_indicator, ctx, m)
    out += guarded(RULE_ID, _goal_prose, ctx, conf)
    out += guarded(RULE_ID, _goal_paired, ctx, conf)
    out += guarded(RULE_ID, _goal_completion, ctx, conf, out)
    return out


def _goal_completion(ctx: Ctx, conf: dict, found: list[Finding] = ()) -> list[Finding]:
    """Indicators whose completion rate the prose states below 100% (the ``completion_rate`` rule:
    "…好评率90%,指标完成率99.14%"), outside the forms read and the spans of the goals ``found`` already
    (a target and its result, then 目标完成率为0%): info from ``info_at_or_above``, else a warning."""
    rule_ = conf.get("completion_rate")
    if rule_ is None:
        return []
    spans = [(f.start, f.end) for f in ctx.report.forms or [] if finite(f.start) and finite(f.end)]
    spans += [(e["start"], e["end"]) for f in found for e in f.evidence or []
              if finite(e.get("start")) and finite(e.get("end"))]
    threshold, out = float(conf.get("info_at_or_above", 80)), []
    for m in rule_.regex.finditer(ctx.text):
        pct = float(m["pct"])
        if pct >= 100 or any(a < m.end("name") and m.start("name") < b for a, b in spans):
            continue
        # the indicator's words: without a list label before them nor its figures after them
        name = regex.split(r"\d", regex.sub(r"^[\s(（]*\d{1,2}[)）、.．]\s*", "", m["name"]), 1)[0].strip(" \t,，:：、") \
            or m["name"].strip()
        evidence = [{"type": "text", "start": m.start("name"), "end": m.end(), "label": m.group().strip()},
                    {"type": "text", "start": m.start("pct"), "end": m.end(), "label": name,
                     "raw": ctx.text[m.start("pct"):m.end()], "cell": "actual"}]
        out.append(finding(ctx, RULE_ID, ctx.msg(RULE_ID, "completion", name=name, pct=m["pct"]), evidence=evidence,
                           severity="info" if pct >= threshold else "warning", expected=100.0, actual=pct,
                           difference=pct - 100.0))
    return out


def _goal_project(ctx: Ctx, p: Project, conf: dict) -> list[Finding]:
    if not isinstance(p, Project) or p.goal_status not in ("partial", "not_achieved"):
        return []
    threshold = conf.get("info_at_or_above", 80)
    if finite(p.goal_pct):
        severity = "info" if p.goal_pct >= threshold else "warning"
        text = ctx.msg(RULE_ID, "project_pct", project=p.name, pct=fmt(p.goal_pct))
        return [finding(ctx, RULE_ID, text, evidence=[ctx.ev_project(p)], severity=severity,
                        expected=100.0, actual=float(p.goal_pct), difference=float(p.goal_pct) - 100.0)]
    severity = conf.get("partial_severity" if p.goal_status == "partial" else "not_achieved_severity", "warning")
    return [finding(ctx, RULE_ID, ctx.msg(RULE_ID, "project", project=p.name, status=p.goal_status),
                    evidence=[ctx.ev_project(p)], severity=severity)]


def _goal_indicator(ctx: Ctx, m: Missed) -> list[Finding]:
    ind = m.indicator
    fields = dict(form=m.form.index + 1, name=ind.name, actual=ind.actual_text or fmt(m.actual),
                  target=ind.target_text or fmt(m.target))
    if m.qualitative:
        return [finding(ctx, RULE_ID, ctx.msg(RULE_ID, "indicator_text", **fields), evidence=m.evidence,
                        severity=m.severity)]
    return [finding(ctx, RULE_ID, ctx.msg(RULE_ID, "indicator", **fields), evidence=m.evidence,
                    severity=m.severity, expected=m.target, actual=m.actual, difference=m.actual - m.target,
                    decimals=m.decimals)]


def prose_goals(ctx: Ctx, conf: dict):
    """Each target and result stated in prose (the ``prose`` rule): (match, name, target text,
    actual text, comparator or None)."""
    rule_ = conf.get("prose")
    if rule_ is None:
        return
    comparators = conf.get("comparators", {})
    for m in anchored_matches(rule_, ctx.text):
        name = (m["name"] or m["what"] or "").strip()
        cmp = comparators.get(m["cmp"], m["cmp"]) if m["cmp"] else None
        yield m, name, f"{m['cmp'] or ''}{m['target']}{m['unit']}", f"{m['actual']}{m['unit']}", cmp


def anchored_matches(rule_, text: str):
    """``rule_.regex.finditer(text)``, trying only the starts a match can have: at most
    ``name_span`` characters before an ``anchor`` word (a report of 20 pages has few of them; trying
    the lazy name at every character cost several ms per page)."""
    anchor_re, stop_re = rules.compiled(rule_["anchor"]), rules.compiled(rule_["name_stop"])
    span = int(rule_["name_span"])
    pos, n = 0, len(text)
    while pos < n:
        a = anchor_re.search(text, pos)
        if a is None:
            return
        lo = max(pos, a.start() - span)
        stops = [m.end() for m in stop_re.finditer(text, lo, a.start())]  # the name holds none of them
        for start in range(stops[-1] if stops else lo, a.start() + 1):
            m = rule_.regex.match(text, start)
            if m:
                yield m
                pos = max(m.end(), start + 1)
                break
        else:
            pos = a.start() + 1


def _goal_prose(ctx: Ctx, conf: dict) -> list[Finding]:
    out = []
    for m, name, target_text, actual_text, cmp in prose_goals(ctx, conf):
        target, actual = float(m["target"]), float(m["actual"])
        missed = shortfall(ctx, target, actual, m["target"], m["actual"], lower_is_better(cmp, name, conf), conf)
        if missed is None:
            continue
        severity, decimals = missed
        evidence = [{"type": "text", "start": m.start(g), "end": m.end(g), "label": m.group().strip(),
                     "raw": m.group(g), "cell": cell} for g, cell in (("target", "target"), ("actual", "actual"))]
        start = m.start("name") if m["name"] else m.start()
        evidence.insert(0, {"type": "text", "start": start, "end": m.end(), "label": m.group().strip()})
        out.append(finding(ctx, RULE_ID, ctx.msg(RULE_ID, "prose", name=name, target=target_text, actual=actual_text),
                           evidence=evidence, severity=severity, expected=target, actual=actual,
                           difference=actual - target, decimals=decimals))
    return out


def _goal_paired(ctx: Ctx, conf: dict) -> list[Finding]:
    """A target stated in one sentence and its result in a later one, the words before both figures
    ending alike ([rules.goal_not_met.paired]): the first result after each target is judged."""
    rule_ = conf.get("paired")
    if not rule_:
        return []
    text, mentions = ctx.text, ctx.report.mentions or []
    stops, width, need = rule_["sentence_stops"], int(rule_["key_chars"]), int(rule_["min_key_chars"])
    cue, han = rule_["target_cue"].regex, rules.compiled(r"\p{Han}+$")
    judged = set()  # prose targets the one-sentence rule already read
    for m, *_ in prose_goals(ctx, conf):
        judged.update((m.start("target"), m.start("actual")))
    stated = []  # (mention, key, is_target)
    for m in mentions:
        if not finite(m.value) or m.approx or m.comparator or not m.unit or m.start in judged:
            continue
        s = max(text.rfind(c, 0, m.start) for c in stops) + 1
        key = han.search(text, max(s, m.start - width), m.start)
        if key is None or len(key.group()) < need:
            continue
        stated.append((m, key.group(), _cued(cue, text, max(s, m.start - 2 * width), m.start)))
    out = []
    for k, (t, t_key, is_target) in enumerate(stated):
        if not is_target:
            continue
        for a, a_key, a_target in stated[k + 1:]:
            if a_target or a.unit != t.unit or _common_tail(t_key, a_key) < need:
                continue
            missed = shortfall(ctx, t.value, a.value, t.raw, a.raw, lower_is_better(None, t_key, conf), conf)
            if missed is not None:
                severity, decimals = missed
                evidence = [{"type": "text", "start": x.start, "end": x.end, "raw": x.raw, "cell": cell,
                             "label": f"{key}{x.raw}"} for x, key, cell in ((t, t_key, "target"), (a, a_key, "actual"))]
                out.append(finding(ctx, RULE_ID, ctx.msg(RULE_ID, "paired", target_text=f"{t_key}{t.raw}",
                                                          actual_text=f"{a_key}{a.raw}"),
                                   evidence=evidence, severity=severity, expected=t.value, actual=a.value,
                                   difference=a.value - t.value, decimals=decimals))
            break  # the first result of a target answers it
    return out


def _cued(cue, text: str, lo: int, hi: int) -> bool:
    """Whether a target cue opens the clause that ends at ``hi`` ("绩效目标:…资金完成" before 173万元):
    between the cue and the figure only its colon and words, no clause mark or cell bar."""
    return any(not rules.compiled(r"[,，、;；|]").search(text, c.end(), hi)
               for c in cue.finditer(text, lo, hi))


def _common_tail(a: str, b: str) -> int:
    """How many characters ``a`` and ``b`` share at their end."""
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n
