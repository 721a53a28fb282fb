"""Canonical facts: labelled figures (年初预算数 985万元, 人员经费 …, 满意度 90%) and their qualifiers.

Rules live in patterns/facts.toml (labels, qualifiers, scope words, derived sums, form lines);
this module only applies them:

1. find every label of every ``[[fact]]`` entry in ``report.text`` (labels inside a share
   qualifier such as "占全年总支出的10%" are not labels);
2. bind each label to the first value of its kind after it, within ``max_gap`` characters and
   without crossing a clause separator, a comparison (较上年…: a change, not the figure) or
   another label (a label ending in a verb, "年初预算安排<object>N万元", reaches further when no
   other figure lies between); a label that ends its line or table cell may take the value filling the next
   non-empty cell (``cells`` entries: "人员编制\n\n21"); a score label takes only linking words
   before its score, which may be bare after a total label ("自评总分: 95");
3. decide the label's scope (report / project / group) from the report kind, the text before
   the label, the sentence start and the enclosing section headings; budget figures after an
   unbound category label ("项目支出年初预算安排…", "“三公”经费预算数…,实际支出…") belong to that
   category, whose value is then its 实际支出/决算数;
4. read the qualifiers (占…X%, 较上年增加/减少…, 增长/下降X%, 与上年持平) that follow the value
   in its clause, and those right after a label restated without its value ("“三公”经费比去年
   减少了1.44万元"), which qualify whatever value the key gets; under a self-score heading
   ("(一)自评得分") the first score of the body is a fallback self score;
5. add candidates from self-assessment forms (``report.forms``): the total line's budget figures,
   and in a department form the executed column of its category rows (基本支出, 项目支出 …);
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

from .. import rules
from ..errors import PatternError
from ..model import Fact, Mention, Report
from ..text.segment import section_at

SCOPE_RANK = {"report": 0, "form": 1, "heading": 2, "group": 2}


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
    cells: tuple[str, ...] = ()  # report kinds where the label may take its value from the next cell
    absent: regex.Pattern | None = None  # the entry is used only when the report has no match


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
    score_bare: regex.Pattern
    score_bare_label: regex.Pattern
    score_gap: regex.Pattern
    score_heading: regex.Pattern
    score_heading_reach: int
    score_heading_reject: regex.Pattern
    change: regex.Pattern
    subject_filler: regex.Pattern
    cell_end: regex.Pattern
    cell_reach: int
    far_label: regex.Pattern | None
    far_gap: int
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
    form_department_lines: list[tuple[str, regex.Pattern]] = field(default_factory=list)
    unit_of_key: dict[str, str | None] = field(default_factory=dict)
    kind_of_key: dict[str, str] = field(default_factory=dict)


def _compile(pattern: str, where: str) -> regex.Pattern:
    try:
        return regex.compile(pattern)
    except regex.error as e:
        raise PatternError(f"facts.toml: bad regex in {where}: {e}") from e


@lru_cache(maxsize=1)
def config() -> Config:
    conf = rules.load("facts")
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
                cells=tuple(e.get("cells", [])),
                absent=_compile(e["absent"], f"fact {e['id']}.absent") if e.get("absent") else None,
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
    sc = conf["values"]["score"]
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
        score=_compile(sc["pattern"], "values.score"),
        score_bare=_compile(sc["bare"], "values.score.bare"),
        score_bare_label=_compile(sc["bare_label"], "values.score.bare_label"),
        score_gap=_compile(sc["gap"], "values.score.gap"),
        score_heading=_compile(sc["heading"], "values.score.heading"),
        score_heading_reach=int(sc["heading_reach"]),
        score_heading_reject=_compile(sc["heading_reject"], "values.score.heading_reject"),
        change=_compile(b["change"].replace("{cmp}", cmp), "binding.change"),
        subject_filler=_compile(c["subject_filler"], "clause.subject_filler"),
        cell_end=_compile(b["cell_end"], "binding.cell_end"),
        cell_reach=int(b["cell_reach"]),
        far_label=_compile(b["far_label"], "binding.far_label") if b.get("far_label") else None,
        far_gap=int(b.get("far_gap", b["max_gap"])),
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
        form_department_lines=[
            (key, _compile(pat, f"forms.department_lines.{key}"))
            for key, pat in fm.get("department_lines", {}).items()
        ],
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
    scope: str  # report | group | form | project | heading (a score found under its heading)
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
    orphan: bool = False  # a qualifier of a restated subject, whatever value the key gets

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
        title = (report.title or "").strip()
        self.title_start = max(0, self.text.find(title)) if title else 0

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
            if entry.absent is not None and entry.absent.search(self.text):
                continue  # "公务用车运行维护费" is the vehicle figure only when no 购置费 is stated
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
        near = stop_at
        if cfg.far_label is not None and cfg.far_label.search(lab.text):
            # "年初预算安排<object>N万元": the verb's object closes with its amount
            stop_at = min(limit, lab.end + max(cfg.max_gap, cfg.far_gap) + 1)
        found = self.bind_inline(lab, limit, stop_at)
        if found is not None and found[1].start >= near:
            first = next(self.mentions_from(lab.end), None)
            if first is None or first[1] is not found[1]:
                found = None  # beyond the usual gap only with no other figure between
        if found is None and self.kind in entry.cells:
            return self.bind_cells(lab, limit)
        return found

    def bind_inline(self, lab: Label, limit: int, stop_at: int) -> tuple[int, Mention] | None:
        cfg, text, entry = self.cfg, self.text, lab.entry
        for i, m in self.mentions_from(lab.end):
            if m.start >= stop_at:
                return None
            gap = text[lab.end: m.start]
            if cfg.gap_stop.search(gap):
                return None
            if cfg.change.search(gap):
                return None  # "“三公”经费比去年减少了1.44万元": a change, not the figure
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

    def bind_cells(self, lab: Label, limit: int) -> tuple[int | None, Mention] | None:
        """A label that ends its line or table cell, its value alone in the next non-empty cell.

        "人员编制\n\n21\n\n实有人数\n\n21", "资助学生满意度 |\n95% |\n95% |": one value cell binds;
        two (an indicator's target and actual value) bind the second for a percent. Anything else
        (a label, a word, a number with other text) in the next non-empty cell does not bind, nor
        does a table above the report's title (the tail of the previous page's project).
        """
        cfg, text, entry = self.cfg, self.text, lab.entry
        if lab.start < self.title_start:
            return None  # a table above the report's title ends what came before (another project)
        end = cfg.cell_end.match(text, lab.end)
        if end is None:
            return None
        reach = min(limit, len(text), end.end() + cfg.cell_reach)
        values: list[tuple[int | None, Mention]] = []
        pos = end.end()
        for cell in rules.compiled(r"[^|\n]+").finditer(text[pos:reach]):
            c_start, c_end = pos + cell.start(), pos + cell.end()
            if not cell.group().strip():
                continue
            if c_end >= reach and reach < len(text) and reach < limit:
                break  # a cell cut by the reach is not read
            value = self.cell_value(entry, c_start, c_end)
            if value is None:
                break
            values.append(value)
            if len(values) == 2:
                break
        if len(values) == 1:
            return values[0]
        if len(values) == 2 and entry.value == "percent":
            return values[1]  # target, then the achieved value
        return None

    def cell_value(self, entry: Entry, start: int, end: int) -> tuple[int | None, Mention] | None:
        """The value filling the cell text[start:end], if the cell holds nothing else."""
        text = self.text
        inside = [(i, m) for i, m in self.mentions_from(start) if m.start < end]
        if len(inside) == 1:
            i, m = inside[0]
            before, after = text[start:m.start].strip(), text[m.end:end].strip()
            if m.end <= end and not after and (not before or (m.comparator and not rules.compiled(r"\d").search(before))):
                return (i, m) if self.fits(entry, m) else None
            return None
        if inside or entry.value != "count":
            return None
        bare = rules.compiled(r"\s*(\d{1,6})\s*").fullmatch(text[start:end])
        if not bare:
            return None
        num_start, num_end = start + bare.start(1), start + bare.end(1)
        mention = Mention(
            kind="count", value=float(bare.group(1)), unit=entry.unit or "", raw=bare.group(1),
            start=num_start, end=num_end, pattern_id="fact:cell",
            page=self.report.page_at(num_start), section=section_at(self.report.sections, num_start),
        )
        if entry.max is not None and mention.value > entry.max:
            return None
        return None, mention

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
        """"自评得分为98分", "自评总分: 95": only linking words between the label and the score
        (a column header "自评分" does not reach the next row's "项目决策 2 分")."""
        cfg, text = self.cfg, self.text
        m = cfg.score.search(text, lab.end, min(len(text), stop_at + 8))
        if not m or m.start() >= stop_at or not cfg.score_gap.fullmatch(text[lab.end: m.start()]):
            if not cfg.score_bare_label.fullmatch(lab.text):
                return None  # "自评分 18": a column header of per-row scores
            m = cfg.score_bare.match(text, lab.end, min(len(text), stop_at + 8))
            if not m or m.start("num") >= stop_at:
                return None
        return self.score_mention(m, lab.entry.max)

    def score_mention(self, m, max_value: float | None) -> tuple[int, Mention] | None:
        """The score mention of the match ``m`` (group num), added to report.mentions if new."""
        text = self.text
        value = float(m.group("num"))
        if max_value is not None and value > max_value:
            return None
        start, end = m.start("num"), m.end()
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

    def qualifiers(self, base: Candidate, m: Mention, limit: int, subject_only: bool = False) -> list[Candidate]:
        """Qualifiers after the value ``m`` in its clause. ``subject_only``: ``m`` is the end of a
        label without a value of its own (a restated subject, "“三公”经费比去年减少了1.44万元"),
        so the first qualifier must follow the label at once."""
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
                if subject_only and not found and not cfg.subject_filler.fullmatch(seg):
                    break
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
                if lead and subject_only and not found and not cfg.subject_filler.fullmatch(seg[: lead.start()]):
                    lead = None
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
            if subject_only and not found:
                break
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
        # A label restated with its change ("“三公”经费比去年减少了1.44万元") is no subject of
        # the budget figures after it: it is done once its change is read.
        restated = {
            n: quals for n, lab in enumerate(labels)
            if bound[n] is None and (quals := self.subject_qualifiers(lab, limits[n]))
        }
        owner = self.subjects(labels, [b if n not in restated else True for n, b in enumerate(bound)])
        out = []
        for n, lab in enumerate(labels):
            if bound[n] is None:
                if n not in owner:
                    out.extend(restated.get(n, []))
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
        return out + self.heading_scores()

    def subject_qualifiers(self, lab: Label, limit: int) -> list[Candidate]:
        """Qualifiers of a label restated without its value ("…“三公”经费支出3.63万元…。“三公”经费
        比去年减少了1.44万元"): candidates of the qualified keys marked ``orphan``; they qualify
        whatever value the key gets (see _choose)."""
        if lab.entry.value != "amount":
            return []  # "执行率较上年提高2个百分点": a rate's change is in points, not a growth
        scope = self.scope(lab)
        if scope != "report":
            return []
        here = Mention(kind="amount", value=math.nan, unit="万元", raw="", start=lab.end,
                       end=lab.end, pattern_id="fact:subject")
        base = self.candidate(lab, None, here, scope)
        quals = self.qualifiers(base, here, limit, subject_only=True)
        for q in quals:
            q.orphan = True
        return quals

    def heading_scores(self) -> list[Candidate]:
        """Under a heading that is a self-score label ("(一)自评得分"), the first score of its body
        ("…开展绩效评分100分,自评为优。"), unless it is a full mark or a weight (满分100分)."""
        cfg, text = self.cfg, self.text
        entry = next((e for e in cfg.entries if e.key == "self_score"), None)
        if entry is None:
            return []
        out = []
        for sec in self.report.sections:
            if not cfg.score_heading.fullmatch((sec.heading or "").strip()):
                continue
            body = text.find("\n", sec.start)
            if body < 0 or body >= sec.end:
                continue
            reach = min(sec.end, body + cfg.score_heading_reach)
            m = cfg.score.search(text, body, reach)
            if m is None or m.end() > reach:
                continue
            s_start, _ = self.sentence_bounds(m.start())
            if cfg.score_heading_reject.search(text[max(s_start, body): m.start()]):
                continue
            if self.kind == "department" and any(p.start <= sec.start < p.end for p in self.project_sections):
                continue
            bound = self.score_mention(m, entry.max)
            if bound is None:
                continue
            idx, mention = bound
            lab = Label(entry, sec.start, body, (sec.heading or "").strip())
            out.append(self.candidate(lab, idx, mention, "heading", rank=max(entry.rank, 1),
                                      pattern_id="fact:self_score_heading"))
            break
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
        (line for line in form.budget_lines if cfg.form_total_line.search(rules.compiled(r"\s+").sub("", line.line or ""))),
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
    if kind == "department":
        # spending-category rows of the department form: their 全年执行数 is the category's spending
        for key, pat in cfg.form_department_lines:
            line = next(
                (ln for ln in form.budget_lines if pat.search(rules.compiled(r"\s+").sub("", ln.line or ""))), None
            )
            if line is not None and line.executed is not None:
                add(key, line.executed, line.line, line.start, line.end, f"form:department_line.{key}")
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
    orphans: dict[str, list[Candidate]] = {}
    for c in candidates:
        if c.orphan:
            orphans.setdefault(c.key.split(".")[0], []).append(c)
            continue
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
        if win.scope in ("report", "form"):
            for q in orphans.get(key, []):
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
