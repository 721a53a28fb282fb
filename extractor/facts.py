"""Canonical facts: labelled figures (年初预算数 985万元, 人员经费 …, 满意度 90%) and their qualifiers.

Rules live in patterns/facts.toml (labels, qualifiers, scope words, derived sums, form lines);
this module only applies them:

1. find every label of every ``[[fact]]`` entry in ``report.text`` (labels inside a share
   qualifier such as "占全年总支出的10%" are not labels);
2. bind each label to the first value of its kind after it, within ``max_gap`` characters and
   without crossing a clause separator or another label;
3. decide the label's scope (report / project / group) from the report kind, the text before
   the label, the sentence start and the enclosing section headings; budget figures after an
   unbound category label ("项目支出年初预算安排…", "“三公”经费预算数…,实际支出…") belong to that
   category, whose value is then its 实际支出/决算数;
4. read the qualifiers (占…X%, 较上年增加/减少…, 增长/下降X%, 与上年持平) that follow the value
   in its clause;
5. add candidates from self-assessment forms (``report.forms``);
6. keep one value per key (narrative report-level first, then forms, then group figures; lower
   rank first; exact values before targets; first in text), and the qualifiers of that value;
7. derive sums (total = basic + project) for keys the report never states.

Scores ("自评得分98分") have no quantity unit, so this stage appends them to ``report.mentions``
as kind ``score`` (unit 分) — the only change it makes to the report.
"""
from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

import regex

from . import patterns
from .errors import PatternError
from .model import Fact, Mention, Report
from .segment import section_at

SCOPE_RANK = {"report": 0, "form": 1, "group": 2}


# ------------------------------------------------------------------ configuration
@dataclass(frozen=True)
class Entry:
    id: str
    key: str
    value: str  # amount | percent | count | score
    unit: str | None
    label: regex.Pattern
    scopes: tuple[str, ...]
    rank: int
    max: float | None
    counters: tuple[str, ...]
    subject: str | None  # always | department: unbound, it is the subject of its sentence
    reject: regex.Pattern | None  # extra gap_reject of this entry


@dataclass(frozen=True)
class Qualifier:
    id: str
    suffix: str
    value: str  # percent | same
    sign: int
    lead: regex.Pattern  # anchored at the end of the text before the value


@dataclass
class Config:
    entries: list[Entry]
    qualifiers: list[Qualifier]
    flat: list[tuple[str, regex.Pattern]]
    derived: list[tuple[str, list[str]]]
    max_gap: int
    gap_stop: regex.Pattern
    gap_reject: regex.Pattern
    actual_after_target: regex.Pattern
    clause_stop: regex.Pattern
    clause_continue: regex.Pattern
    explain: regex.Pattern
    restate: regex.Pattern
    score: regex.Pattern
    department_marker: regex.Pattern
    head_chars: int
    project_prefix: regex.Pattern
    subject_keys: frozenset[str]
    subject_value_key: str | None
    project_section: regex.Pattern
    group_subject: regex.Pattern
    list_label: regex.Pattern
    share_lead: regex.Pattern | None
    form_total_line: regex.Pattern
    form_department_title: regex.Pattern
    form_project_title: regex.Pattern
    form_satisfaction: regex.Pattern
    unit_of_key: dict[str, str | None] = field(default_factory=dict)
    kind_of_key: dict[str, str] = field(default_factory=dict)


def _compile(pattern: str, where: str) -> regex.Pattern:
    try:
        return regex.compile(pattern)
    except regex.error as e:
        raise PatternError(f"facts.toml: bad regex in {where}: {e}") from e


@lru_cache(maxsize=1)
def config() -> Config:
    conf = patterns.load("facts")
    entries = []
    seen = set()
    for e in conf["fact"]:
        if e["id"] in seen:
            raise PatternError(f"facts.toml: fact id {e['id']!r} is listed twice")
        seen.add(e["id"])
        if e["value"] not in ("amount", "percent", "count", "score"):
            raise PatternError(f"facts.toml: fact {e['id']}: unknown value kind {e['value']!r}")
        label = "|".join(f"(?:{p})" for p in e["labels"])
        entries.append(
            Entry(
                id=e["id"],
                key=e["key"],
                value=e["value"],
                unit=e.get("unit"),
                label=_compile(label, f"fact {e['id']}"),
                scopes=tuple(e.get("scopes", ["report"])),
                rank=int(e.get("rank", 0)),
                max=e.get("max"),
                counters=tuple(e.get("counters", [])),
                subject=e.get("subject"),
                reject=_compile(e["reject"], f"fact {e['id']}.reject") if e.get("reject") else None,
            )
        )
    cmp, free = conf["comparison"]["cmp"], conf["comparison"].get("free", "")
    qualifiers = []
    for q in conf["qualifier"]:
        lead = q["lead"].replace("{cmp}", cmp).replace("{free}", free)
        qualifiers.append(
            Qualifier(q["id"], q["suffix"], q["value"], int(q["sign"]), _compile(f"(?:{lead})\\Z", f"qualifier {q['id']}"))
        )
    share = [q for q in qualifiers if q.suffix == "share_pct"]
    flat = [(f["id"], _compile(f["pattern"].replace("{cmp}", cmp), f"flat {f['id']}")) for f in conf.get("flat", [])]
    b, c, s, fm = conf["binding"], conf["clause"], conf["scope"], conf["forms"]
    cfg = Config(
        entries=entries,
        qualifiers=qualifiers,
        flat=flat,
        derived=[(d["key"], list(d["parts"])) for d in conf.get("derived", [])],
        max_gap=int(b["max_gap"]),
        gap_stop=_compile(b["gap_stop"], "binding.gap_stop"),
        gap_reject=_compile(b["gap_reject"], "binding.gap_reject"),
        actual_after_target=_compile(b["actual_after_target"], "binding.actual_after_target"),
        clause_stop=_compile(c["stop"], "clause.stop"),
        clause_continue=_compile(c["continue"], "clause.continue"),
        explain=_compile(c["explain"], "clause.explain"),
        restate=_compile(c["restate"], "clause.restate"),
        score=_compile(conf["values"]["score"]["pattern"], "values.score"),
        department_marker=_compile(s["department_marker"], "scope.department_marker"),
        head_chars=int(s["head_chars"]),
        project_prefix=_compile(s["project_prefix"], "scope.project_prefix"),
        subject_keys=frozenset(conf["subject"]["scoped_keys"]),
        subject_value_key=conf["subject"].get("value_key"),
        project_section=_compile(s["project_section"], "scope.project_section"),
        group_subject=_compile(s["group_subject"], "scope.group_subject"),
        list_label=_compile(s["list_label"], "scope.list_label"),
        share_lead=share[0].lead if share else None,
        form_total_line=_compile(fm["total_line"], "forms.total_line"),
        form_department_title=_compile(fm["department_title"], "forms.department_title"),
        form_project_title=_compile(fm["project_title"], "forms.project_title"),
        form_satisfaction=_compile(fm["satisfaction_indicator"], "forms.satisfaction_indicator"),
    )
    for e in entries:
        cfg.unit_of_key.setdefault(e.key, e.unit)
        cfg.kind_of_key.setdefault(e.key, e.value)
    return cfg


# ------------------------------------------------------------------ working records
@dataclass
class Label:
    entry: Entry
    start: int
    end: int
    text: str


@dataclass
class Candidate:
    key: str
    value: float
    unit: str | None
    scope: str  # report | group | form | project
    rank: int
    approx_target: bool  # a target (≥95%) rather than an exact figure
    start: int
    end: int
    label: str | None
    pattern_id: str
    mention: int | None = None
    section: int | None = None
    kind: str = "amount"
    qualifiers: list["Candidate"] = field(default_factory=list)

    def order(self) -> tuple:
        return (SCOPE_RANK.get(self.scope, 9), self.rank, self.approx_target, self.start)

    def fact(self) -> Fact:
        return Fact(
            key=self.key,
            value=self.value,
            unit=self.unit,
            mention=self.mention,
            section=self.section,
            derived=False,
            label=self.label,
            start=self.start,
            end=self.end,
            pattern_id=self.pattern_id,
        )


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


# ------------------------------------------------------------------ entry point
def extract_facts(report: Report) -> list[Fact]:
    cfg = config()
    ctx = _Context(report, cfg)
    candidates = ctx.narrative_candidates() + _form_candidates(report, cfg, ctx.kind)
    return _choose(candidates, cfg)


def report_kind(report: Report, cfg: Config | None = None) -> str:
    """department | project: the metadata's answer, else a look at the head of the text."""
    cfg = cfg or config()
    if report.report_kind in ("department", "project"):
        return report.report_kind
    head = report.text[: cfg.head_chars]
    return "department" if cfg.department_marker.search(head) else "project"


class _Context:
    def __init__(self, report: Report, cfg: Config):
        self.report = report
        self.cfg = cfg
        self.text = report.text
        self.kind = report_kind(report, cfg)
        self._sort_mentions()
        self.stops = [m.start() for m in cfg.clause_stop.finditer(self.text)]
        self.project_sections = [
            s for s in report.sections if cfg.project_section.search(s.heading or "")
        ]

    def _sort_mentions(self) -> None:
        ms = self.report.mentions
        self.order = sorted(range(len(ms)), key=lambda i: (ms[i].start, i))
        self.starts = [ms[i].start for i in self.order]

    def mentions_from(self, pos: int):
        """(index, mention) of the mentions starting at or after ``pos``, in text order."""
        for k in range(bisect.bisect_left(self.starts, pos), len(self.order)):
            i = self.order[k]
            yield i, self.report.mentions[i]

    # ---------------------------------------------------------- labels
    def masked_spans(self) -> list[tuple[int, int]]:
        """Spans of share leads ("占全年总支出的") — a label inside one names the base, not a fact."""
        spans = []
        lead = self.cfg.share_lead
        if lead is None:
            return spans
        for m in self.report.mentions:
            if m.kind != "percent":
                continue
            before = self.text[max(0, m.start - 30): m.start]
            hit = lead.search(before)
            if hit:
                spans.append((m.start - len(before) + hit.start(), m.start))
        return spans

    def labels(self) -> list[Label]:
        masked = self.masked_spans()
        found = []
        for entry in self.cfg.entries:
            for m in entry.label.finditer(self.text, overlapped=False):
                if m.end() == m.start():
                    continue
                if any(s <= m.start() < e for s, e in masked):
                    continue
                found.append(Label(entry, m.start(), m.end(), m.group()))
        # Of overlapping labels of two keys the one ending last wins (head-final compounds:
        # 全年预算执行率 is an 执行率); of one key, the earlier and longer one (自评得分为).
        found.sort(key=lambda l: (l.start, -(l.end - l.start)))
        kept: list[Label] = []
        for lab in found:
            if kept and lab.start < kept[-1].end:
                if lab.end > kept[-1].end and lab.entry.key != kept[-1].entry.key:
                    kept[-1] = lab
                continue
            kept.append(lab)
        return kept

    # ---------------------------------------------------------- values
    def bind(self, lab: Label, limit: int) -> tuple[int, Mention] | None:
        """The value of ``lab``: the first mention of its kind before ``limit`` within the gap."""
        cfg, text, entry = self.cfg, self.text, lab.entry
        stop_at = min(limit, lab.end + cfg.max_gap + 1)
        if entry.value == "score":
            return self.bind_score(lab, stop_at)
        for i, m in self.mentions_from(lab.end):
            if m.start >= stop_at:
                return None
            gap = text[lab.end: m.start]
            if cfg.gap_stop.search(gap):
                return None
            target = cfg.gap_reject.search(gap) or (entry.reject is not None and entry.reject.search(gap))
            if target:
                # "满意度目标≥90%,实际达到97%": a target binds only through the achieved value.
                return self.actual_after(entry, m, limit) if self.fits(entry, m) else None
            if self.fits(entry, m):
                return self.achieved(entry, i, m, limit)
            if m.kind in ("amount", "percent") or entry.value == "count":
                return None  # another figure sits between the label and its value
        return None

    def achieved(self, entry: Entry, i: int, m: Mention, limit: int) -> tuple[int, Mention]:
        """For a target (≥95%) followed by the achieved value (,实际完成98%), the achieved one."""
        if m.comparator is None:
            return i, m
        return self.actual_after(entry, m, limit) or (i, m)

    def actual_after(self, entry: Entry, m: Mention, limit: int) -> tuple[int, Mention] | None:
        for j, nxt in self.mentions_from(m.end):
            if nxt.start < limit and self.fits(entry, nxt) and self.cfg.actual_after_target.search(
                self.text[m.end: nxt.start]
            ):
                return j, nxt
            return None
        return None

    @staticmethod
    def fits(entry: Entry, m: Mention) -> bool:
        if m.value is None:
            return False
        if entry.value == "amount":
            ok = m.kind == "amount" and m.unit == "万元"
        elif entry.value == "percent":
            ok = m.kind == "percent"
        elif entry.value == "count":
            ok = m.kind == "count" and (not entry.counters or m.unit in entry.counters)
        else:
            ok = m.kind == "score"
        if ok and entry.max is not None and m.value > entry.max:
            return False
        return ok

    def bind_score(self, lab: Label, stop_at: int) -> tuple[int, Mention] | None:
        cfg, text = self.cfg, self.text
        m = cfg.score.search(text, lab.end, min(len(text), stop_at + 8))
        if not m or m.start() >= stop_at:
            return None
        gap = text[lab.end: m.start()]
        if cfg.gap_stop.search(gap) or cfg.gap_reject.search(gap) or regex.search(r"\d", gap):
            return None
        value = float(m.group("num"))
        if lab.entry.max is not None and value > lab.entry.max:
            return None
        start, end = m.start(), m.end()
        for i, old in enumerate(self.report.mentions):
            if old.start == start and old.end == end:
                return i, old
        mention = Mention(
            kind="score",
            value=value,
            unit="分",
            raw=text[start:end],
            start=start,
            end=end,
            pattern_id="fact:score",
            page=self.report.page_at(start),
            section=section_at(self.report.sections, start),
        )
        self.report.mentions.append(mention)
        self._sort_mentions()
        return len(self.report.mentions) - 1, mention

    # ---------------------------------------------------------- scope
    def sentence_bounds(self, pos: int) -> tuple[int, int]:
        """The sentence (between clause.stop characters) holding ``pos``."""
        k = bisect.bisect_left(self.stops, pos)
        start = self.stops[k - 1] + 1 if k > 0 else 0
        end = self.stops[k] if k < len(self.stops) else len(self.text)
        return start, end

    def scope(self, lab: Label) -> str:
        if self.kind != "department":
            return "report"
        cfg, text = self.cfg, self.text
        s_start, s_end = self.sentence_bounds(lab.start)
        if cfg.group_subject.match(cfg.list_label.sub("", text[s_start:s_end], count=1)):
            return "group"
        if cfg.project_prefix.search(text[max(0, lab.start - 6): lab.start]):
            return "project"
        for sec in self.project_sections:
            if sec.start <= lab.start < sec.end:
                return "project"
        return "report"

    # ---------------------------------------------------------- qualifiers
    def clause_end(self, pos: int, limit: int) -> int:
        cfg, text = self.cfg, self.text
        i = pos
        while i < limit:
            if cfg.clause_stop.match(text[i]):
                if text[i] == "。" and cfg.clause_continue.match(text, i + 1):
                    i += 1
                    continue
                return i
            i += 1
        return limit

    def qualifiers(self, base: Candidate, m: Mention, limit: int) -> list[Candidate]:
        cfg, text = self.cfg, self.text
        end = self.clause_end(m.end, limit)
        events = []  # (start, end, mention index or None, flat id)
        for i, q in self.mentions_from(m.end):
            if q.start >= end:
                break
            events.append((q.start, q.end, i, None))
        for fid, pat in cfg.flat:
            for f in pat.finditer(text, m.end, end):
                events.append((f.start(), f.end(), None, fid))
        events.sort(key=lambda e: e[0])
        found: dict[str, Candidate] = {}
        cursor = m.end
        for start, stop, idx, flat_id in events:
            if start < cursor:
                continue
            seg = text[cursor:start]
            if cfg.explain.search(seg):
                break
            if flat_id is not None:
                for suffix, unit in (("yoy_delta", base.unit), ("yoy_pct", "%")):
                    if suffix not in found:
                        found[suffix] = self._qualified(base, suffix, 0.0, unit, None, start, stop, text[start:stop], f"qualifier:{flat_id}")
                cursor = stop
                continue
            q = self.report.mentions[idx]
            hit = None
            for qual in cfg.qualifiers:
                if qual.suffix in found:
                    continue
                if qual.value == "percent":
                    if q.kind != "percent":
                        continue
                elif q.kind != base.kind or base.kind == "percent" or q.unit != m.unit:
                    continue
                lead = qual.lead.search(seg)
                if lead:
                    hit = (qual, lead)
                    break
            if hit:
                qual, lead = hit
                unit = "%" if qual.value == "percent" else base.unit
                lead_start = cursor + lead.start()
                found[qual.suffix] = self._qualified(
                    base, qual.suffix, qual.sign * q.value, unit, idx, lead_start, q.end,
                    lead.group(), f"qualifier:{qual.id}",
                )
                cursor = q.end
                continue
            if q.kind in ("amount", "percent", "score"):
                if q.kind == m.kind and close(q.value, m.value) and cfg.restate.search(seg):
                    cursor = q.end  # "其中基本建设类项目9151.246516万元" restates the figure
                    continue
                break  # another figure: what follows is about it
        return list(found.values())

    def _qualified(self, base, suffix, value, unit, idx, start, end, label, pattern_id) -> Candidate:
        return Candidate(
            key=f"{base.key}.{suffix}",
            value=float(value) + 0.0,  # no -0.0
            unit=unit,
            scope=base.scope,
            rank=base.rank,
            approx_target=base.approx_target,
            start=start,
            end=end,
            label=label,
            pattern_id=pattern_id,
            mention=idx,
            section=section_at(self.report.sections, start),
            kind="percent" if unit == "%" else base.kind,
        )

    # ---------------------------------------------------------- all together
    def subjects(self, labels: list[Label], bound: list) -> dict[int, int]:
        """Label index → index of the subject label it belongs to.

        An unbound label of a ``subject`` entry ("项目支出年初预算安排…", "“三公”经费预算数为…")
        is the subject of the rest of its sentence: the budget figures after it (年初预算,
        全年预算数, 决算数, 执行率 …) are that category's, not the report's. The reach ends at
        the sentence end or at the first label that is not a budget figure.
        """
        owner: dict[int, int] = {}
        for n, lab in enumerate(labels):
            subj = lab.entry.subject
            if bound[n] is not None or subj is None or (subj == "department" and self.kind != "department"):
                continue
            _, s_end = self.sentence_bounds(lab.start)
            for k in range(n + 1, len(labels)):
                other = labels[k]
                if other.start >= s_end or other.entry.key not in self.cfg.subject_keys:
                    break
                owner[k] = n
        return owner

    def candidate(self, lab: Label, idx: int, m: Mention, scope: str, **over) -> Candidate:
        fields = dict(
            key=lab.entry.key,
            value=float(m.value),
            unit=lab.entry.unit,
            scope=scope,
            rank=lab.entry.rank,
            approx_target=m.comparator in ("≥", ">", "≤", "<"),
            start=lab.start,
            end=m.end,
            label=lab.text,
            pattern_id=f"fact:{lab.entry.id}",
            mention=idx,
            section=m.section if m.section is not None else section_at(self.report.sections, lab.start),
            kind=lab.entry.value,
        )
        fields.update(over)
        return Candidate(**fields)

    def narrative_candidates(self) -> list[Candidate]:
        labels = self.labels()
        limits = [labels[n + 1].start if n + 1 < len(labels) else len(self.text) for n in range(len(labels))]
        bound = [self.bind(lab, limit) for lab, limit in zip(labels, limits)]
        owner = self.subjects(labels, bound)
        out = []
        for n, lab in enumerate(labels):
            if bound[n] is None:
                continue
            idx, m = bound[n]
            if n in owner:
                # A budget figure of a category: the category's executed amount is its value.
                subject = labels[owner[n]]
                if lab.entry.key != self.cfg.subject_value_key or subject.entry.value != lab.entry.value:
                    continue
                scope = self.scope(subject)
                if scope not in subject.entry.scopes:
                    continue
                cand = self.candidate(
                    subject, idx, m, scope, rank=subject.entry.rank + 1,
                    pattern_id=f"fact:{subject.entry.id}+{lab.entry.id}",
                )
                cand.qualifiers = self.qualifiers(cand, m, limits[n])
                out.append(cand)
                continue
            scope = self.scope(lab)
            if scope not in lab.entry.scopes:
                continue
            cand = self.candidate(lab, idx, m, scope)
            cand.qualifiers = self.qualifiers(cand, m, limits[n])
            out.append(cand)
        return out


# ------------------------------------------------------------------ forms
def _form_candidates(report: Report, cfg: Config, kind: str) -> list[Candidate]:
    """Candidates from the self-assessment form that speaks for the report, if one does."""
    forms = [f for f in report.forms if f.budget_lines or f.total_score is not None or f.indicators]
    if not forms:
        return []
    if kind == "department":
        # A department report speaks through its 整体支出 form; a lone untitled form will do,
        # a project form never does.
        own = [f for f in forms if cfg.form_department_title.search(f.title or "")]
        if not own and len(forms) == 1 and not cfg.form_project_title.search(forms[0].title or ""):
            own = forms
        forms = own
    if len(forms) != 1:
        return []  # no form, or several and none of them the report's own: no report-level figure
    form = forms[0]
    out: list[Candidate] = []

    def add(key, value, label, start, end, pattern_id):
        if value is None:
            return
        idx = _mention_in(report, value, start, end)
        m = report.mentions[idx] if idx is not None else None
        out.append(
            Candidate(
                key=key, value=float(value), unit=cfg.unit_of_key.get(key), scope="form", rank=0,
                approx_target=False,
                start=m.start if m and start is None else start,
                end=m.end if m and end is None else end,
                label=label, pattern_id=pattern_id, mention=idx,
                section=section_at(report.sections, start) if start is not None else None,
                kind=cfg.kind_of_key.get(key, "amount"),
            )
        )

    total = next(
        (line for line in form.budget_lines if cfg.form_total_line.search(regex.sub(r"\s+", "", line.line or ""))),
        None,
    )
    if total is not None:
        money = [total.budget_initial, total.budget_full_year, total.executed]
        if any(v not in (None, 0) for v in money):  # an all-zero total line is an empty form
            for key, value in (
                ("budget_initial", total.budget_initial),
                ("budget_full_year", total.budget_full_year),
                ("budget_executed", total.executed),
                ("execution_rate", total.execution_rate),
            ):
                add(key, value, total.line, total.start, total.end, f"form:total_line.{key}")
    if form.total_score is not None and 0 <= form.total_score <= 100:
        add("self_score", form.total_score, "总分", form.start, form.end, "form:total_score")
    for ind in form.indicators:
        if ind.actual_value is None or ind.unit not in (None, "%"):
            continue
        if cfg.form_satisfaction.search(ind.name or ""):
            add("satisfaction_rate", ind.actual_value, ind.name, ind.start, ind.end, "form:indicator.satisfaction")
            break
    return out


def _mention_in(report: Report, value: float, start: int | None, end: int | None) -> int | None:
    if start is None or end is None:
        return None
    for i, m in enumerate(report.mentions):
        if start <= m.start and m.end <= end and m.value is not None and close(m.value, value):
            return i
    return None


# ------------------------------------------------------------------ choosing
def _choose(candidates: list[Candidate], cfg: Config) -> list[Fact]:
    by_key: dict[str, list[Candidate]] = {}
    for c in candidates:
        by_key.setdefault(c.key, []).append(c)
    facts: list[Fact] = []
    winners: dict[str, Candidate] = {}
    for key in sorted(by_key, key=lambda k: min(c.order() for c in by_key[k])):
        cands = sorted(by_key[key], key=Candidate.order)
        win = cands[0]
        winners[key] = win
        facts.append(win.fact())
        # Qualifiers of every statement of the winning value, the winner's own first.
        chosen: dict[str, Candidate] = {}
        for c in cands:
            if not close(c.value, win.value):
                continue
            for q in c.qualifiers:
                chosen.setdefault(q.key, q)
        facts.extend(q.fact() for q in sorted(chosen.values(), key=lambda q: q.start))
    for key, parts in cfg.derived:
        if key in winners or not all(p in winners for p in parts):
            continue
        total = sum((Decimal(repr(winners[p].value)) for p in parts), Decimal(0))
        facts.append(
            Fact(
                key=key,
                value=float(total),
                unit=cfg.unit_of_key.get(key),
                mention=None,
                section=None,
                derived=True,
                label=" + ".join(winners[p].label or p for p in parts),
                start=None,
                end=None,
                pattern_id="derived:" + "+".join(parts),
            )
        )
    return facts
