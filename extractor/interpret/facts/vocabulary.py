"""The fact vocabulary of patterns/facts.toml, compiled once: label entries, qualifiers, and the
binding, clause, scope, score and form rules the other modules of the stage apply."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

import regex

from ... import rules
from ...errors import PatternError

VALUE_KINDS = ("amount", "percent", "count", "score")


@dataclass(frozen=True)
class Entry:
    """One ``[[fact]]`` entry: a way of stating a canonical key (its labels and what it binds)."""

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
    kinds: tuple[str, ...] = ()  # report kinds the entry reads (all when empty)
    requires: str | None = None  # a key the report must state for this entry's readings to stand
    unique: bool = False  # readings of the entry that disagree are per-item figures: none stands
    after: bool = False  # the label follows its value ("资金100万元全部执行到位")
    composed: bool = False  # a label composed from parts ([macros] scope + money noun + state word):
    # it yields to a listed label it only partly covers or one of its own key, and wins over listed
    # labels of other keys it wholly holds (labels.listed_first)


@dataclass(frozen=True)
class Qualifier:
    """One ``[[qualifier]]``: a figure after a fact's value that qualifies it (占…X%, 较上年增加…)."""

    id: str
    suffix: str
    value: str  # percent | same
    sign: int
    lead: regex.Pattern  # anchored at the end of the text before the value


@dataclass
class Config:
    """Everything patterns/facts.toml says, compiled (see the file's header for each key)."""

    entries: list[Entry]
    qualifiers: list[Qualifier]
    flat: list[tuple[str, regex.Pattern]]
    derived: list[tuple[str, list[str]]]
    max_gap: int
    gap_stop: regex.Pattern
    after_comma: regex.Pattern
    after_reach: int  # at most this many characters between a figure and a label after it across commas
    part_lead: regex.Pattern
    per_unit: regex.Pattern  # [binding.per_unit]: right after an amount, a rate (2592元/月), no total
    other_money: regex.Pattern
    gap_reject: regex.Pattern
    actual_after_target: regex.Pattern
    clause_stop: regex.Pattern
    clause_continue: regex.Pattern
    continued_after: str  # the sentence end clause_continue may carry on over (。)
    explain: regex.Pattern
    restate: regex.Pattern
    score: regex.Pattern
    score_unit: str
    score_bare: regex.Pattern
    score_bare_label: regex.Pattern
    score_gap: regex.Pattern
    score_heading: regex.Pattern
    score_heading_reach: int
    score_heading_reject: regex.Pattern
    change: regex.Pattern
    comparison_base: regex.Pattern
    total_tail: regex.Pattern
    total_also: frozenset[str]
    subject_filler: regex.Pattern
    cell_end: regex.Pattern
    spaced_cell: regex.Pattern
    glued_count: regex.Pattern  # [binding.glued_count]: a bare count glued to its label, closing its line
    spaced_amount: regex.Pattern
    cell_boundary: regex.Pattern
    cell_unit: regex.Pattern
    table_unit: regex.Pattern  # [binding.table_unit]: a table's money unit above its rows
    table_unit_reach: int
    money_factors: dict[str, Decimal]
    cell_reach: int
    far_label: regex.Pattern | None
    far_gap: int
    share_window: int
    amount_unit: str  # the unit of the mentions an amount entry binds (万元)
    department_marker: regex.Pattern
    head_chars: int
    project_prefix: regex.Pattern
    prefix_chars: int
    subject_keys: frozenset[str]
    subject_value_key: str | None
    project_section: regex.Pattern
    group_subject: regex.Pattern
    part_subject: regex.Pattern
    department_subject: regex.Pattern
    total_label: regex.Pattern
    year_before_label: regex.Pattern
    earlier_year_word: regex.Pattern
    this_year_word: regex.Pattern
    target_lead: regex.Pattern
    target_verb: regex.Pattern
    target_reach: int
    other_year_demotion: int
    stage_keys: frozenset[str]
    budget_stage: regex.Pattern
    actual_stage: regex.Pattern
    list_label: regex.Pattern
    share_lead: regex.Pattern | None
    form_total_line: regex.Pattern
    form_department_title: regex.Pattern
    form_project_title: regex.Pattern
    form_satisfaction: regex.Pattern
    form_total_score_label: str
    rate_keys: tuple[str, str, str] = ("budget_executed", "budget_full_year", "execution_rate")
    rate_tolerance: float = 0.0
    form_department_lines: list[tuple[str, regex.Pattern]] = field(default_factory=list)
    whole_keys: frozenset[str] = frozenset()  # keys whose head count may include retirees ([whole])
    whole_parts: regex.Pattern | None = None  # after the value: its 其中 lists retirees
    unit_of_key: dict[str, str | None] = field(default_factory=dict)
    kind_of_key: dict[str, str] = field(default_factory=dict)


FILE = "facts.toml"


def _rule(conf: dict, dotted: str) -> regex.Pattern:
    """The compiled rule at ``dotted`` (a PatternError naming the key if it is missing or bare)."""
    return rules.require(conf, dotted, rules.Rule, FILE).regex


def _int(conf: dict, dotted: str) -> int:
    return rules.require(conf, dotted, int, FILE)


def _str(conf: dict, dotted: str) -> str:
    return rules.require(conf, dotted, str, FILE)


def _entry(e: dict, rejects: dict) -> Entry:
    where = f"patterns/{FILE}: fact {e.get('id')!r}"
    if e["value"] not in VALUE_KINDS:
        raise PatternError(f"{where}: unknown value kind {e['value']!r}")
    labels = e.get("labels")
    if not labels or not all(isinstance(p, rules.Rule) for p in labels):
        raise PatternError(f"{where}: `labels` must be a list of rule tables")
    reject = None
    if e.get("reject"):
        if not isinstance(rejects.get(e["reject"]), rules.Rule):
            raise PatternError(f"{where}: reject {e['reject']!r} is no rule of [reject]")
        reject = rejects[e["reject"]].regex
    absent = e.get("absent")
    if absent is not None and not isinstance(absent, rules.Rule):
        raise PatternError(f"{where}: `absent` must be a rule table")
    return Entry(
        id=e["id"],
        key=e["key"],
        value=e["value"],
        unit=e.get("unit"),
        label=rules.compiled("|".join(f"(?:{p})" for p in labels)),
        scopes=tuple(e.get("scopes", ["report"])),
        rank=int(e.get("rank", 0)),
        max=e.get("max"),
        counters=tuple(e.get("counters", [])),
        subject=e.get("subject"),
        reject=reject,
        cells=tuple(e.get("cells", [])),
        absent=absent.regex if absent is not None else None,
        kinds=tuple(e.get("kinds", [])),
        requires=e.get("requires"),
        unique=bool(e.get("unique", False)),
        after=bool(e.get("after", False)),
        composed=bool(e.get("composed", False)),
    )


def _qualifier(q) -> Qualifier:
    if not isinstance(q, rules.Rule):
        raise PatternError(f"patterns/{FILE}: every [[qualifier]] must be a rule table (id, pattern, …)")
    return Qualifier(q.id, q["suffix"], q["value"], int(q["sign"]), rules.compiled(f"(?:{q})\\Z"))


@lru_cache(maxsize=1)
def config() -> Config:
    """patterns/facts.toml as a :class:`Config`, loaded and compiled once per process."""
    conf = rules.load("facts")
    entries = []
    seen = set()
    rejects = conf.get("reject", {})
    for e in conf["fact"]:
        if e["id"] in seen:
            raise PatternError(f"patterns/{FILE}: fact id {e['id']!r} is listed twice")
        seen.add(e["id"])
        entries.append(_entry(e, rejects))
    qualifiers = [_qualifier(q) for q in conf["qualifier"]]
    share = [q for q in qualifiers if q.suffix == "share_pct"]
    flat = [(f.id, f.regex) for f in conf.get("flat", [])]
    fm = conf["forms"]
    cfg = Config(
        entries=entries,
        qualifiers=qualifiers,
        flat=flat,
        derived=[(d["key"], list(d["parts"])) for d in conf.get("derived", [])],
        max_gap=_int(conf, "binding.max_gap"),
        gap_stop=_rule(conf, "binding.gap_stop"),
        after_comma=_rule(conf, "binding.after_comma"),
        after_reach=_int(conf, "binding.after_reach"),
        part_lead=_rule(conf, "binding.part_lead"),
        per_unit=_rule(conf, "binding.per_unit"),
        other_money=_rule(conf, "binding.other_money"),
        gap_reject=_rule(conf, "binding.gap_reject"),
        actual_after_target=_rule(conf, "binding.actual_after_target"),
        clause_stop=_rule(conf, "clause.stop"),
        clause_continue=_rule(conf, "clause.continue"),
        continued_after=_str(conf, "clause.continued_after"),
        explain=_rule(conf, "clause.explain"),
        restate=_rule(conf, "clause.restate"),
        score=_rule(conf, "score.value"),
        score_unit=_str(conf, "score.unit"),
        score_bare=_rule(conf, "score.bare"),
        score_bare_label=_rule(conf, "score.bare_label"),
        score_gap=_rule(conf, "score.gap"),
        score_heading=_rule(conf, "score.heading"),
        score_heading_reach=_int(conf, "score.heading_reach"),
        score_heading_reject=_rule(conf, "score.heading_reject"),
        change=_rule(conf, "binding.change"),
        comparison_base=_rule(conf, "binding.comparison_base"),
        total_tail=_rule(conf, "binding.total_tail"),
        total_also=frozenset(conf["binding"].get("total_also", [])),
        subject_filler=_rule(conf, "clause.subject_filler"),
        cell_end=_rule(conf, "binding.cell_end"),
        spaced_cell=_rule(conf, "binding.spaced_cell"),
        glued_count=_rule(conf, "binding.glued_count"),
        spaced_amount=_rule(conf, "binding.spaced_amount"),
        cell_boundary=_rule(conf, "binding.cell_boundary"),
        cell_unit=_rule(conf, "binding.cell_unit"),
        table_unit=_rule(conf, "binding.table_unit"),
        table_unit_reach=_int(conf, "binding.table_unit_reach"),
        money_factors={u: Decimal(f) for u, f in rules.require(conf, "binding.money_factors", dict, FILE).items()},
        cell_reach=_int(conf, "binding.cell_reach"),
        far_label=_rule(conf, "binding.far_label") if "far_label" in conf["binding"] else None,
        far_gap=int(conf["binding"].get("far_gap", conf["binding"]["max_gap"])),
        share_window=_int(conf, "binding.share_window"),
        amount_unit=_str(conf, "binding.amount_unit"),
        department_marker=_rule(conf, "scope.department_marker"),
        head_chars=_int(conf, "scope.head_chars"),
        project_prefix=_rule(conf, "scope.project_prefix"),
        prefix_chars=_int(conf, "scope.prefix_chars"),
        subject_keys=frozenset(conf["subject"]["scoped_keys"]),
        subject_value_key=conf["subject"].get("value_key"),
        project_section=_rule(conf, "scope.project_section"),
        group_subject=_rule(conf, "scope.group_subject"),
        part_subject=_rule(conf, "scope.part_subject"),
        department_subject=_rule(conf, "scope.department_subject"),
        total_label=_rule(conf, "scope.total_label"),
        year_before_label=_rule(conf, "scope.year_before_label"),
        earlier_year_word=_rule(conf, "scope.earlier_year_word"),
        this_year_word=_rule(conf, "scope.this_year_word"),
        target_lead=_rule(conf, "scope.target_lead"),
        target_verb=_rule(conf, "scope.target_verb"),
        target_reach=_int(conf, "scope.target_reach"),
        other_year_demotion=_int(conf, "scope.other_year_demotion"),
        stage_keys=frozenset(rules.require(conf, "stage.keys", list, FILE)),
        budget_stage=_rule(conf, "stage.budget"),
        actual_stage=_rule(conf, "stage.actual"),
        list_label=_rule(conf, "scope.list_label"),
        share_lead=share[0].lead if share else None,
        form_total_line=_rule(conf, "forms.total_line"),
        form_department_title=_rule(conf, "forms.department_title"),
        form_project_title=_rule(conf, "forms.project_title"),
        form_satisfaction=_rule(conf, "forms.satisfaction_indicator"),
        form_total_score_label=_str(conf, "forms.total_score_label"),
        rate_keys=tuple(rules.require(conf, "arithmetic.rate_keys", list, FILE)),
        rate_tolerance=float(rules.require(conf, "arithmetic.rate_tolerance", (int, float), FILE)),
        whole_keys=frozenset(conf.get("whole", {}).get("keys", [])),
        whole_parts=_rule(conf, "whole.parts") if "whole" in conf else None,
        form_department_lines=[
            (key, _rule(conf, f"forms.department_lines.{key}")) for key in fm.get("department_lines", {})
        ],
    )
    for e in entries:
        cfg.unit_of_key.setdefault(e.key, e.unit)
        cfg.kind_of_key.setdefault(e.key, e.value)
    return cfg
