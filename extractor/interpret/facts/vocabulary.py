"""The fact vocabulary of patterns/facts.toml, compiled once: label entries, qualifiers, and the
binding, clause, scope, score and form rules the other modules of the stage apply."""
from __future__ import annotations

from dataclasses import dataclass, field
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


def _entry(e: dict) -> Entry:
    if e["value"] not in VALUE_KINDS:
        raise PatternError(f"facts.toml: fact {e['id']}: unknown value kind {e['value']!r}")
    label = "|".join(f"(?:{p})" for p in e["labels"])
    return Entry(
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


@lru_cache(maxsize=1)
def config() -> Config:
    """patterns/facts.toml as a :class:`Config`, loaded and compiled once per process."""
    conf = rules.load("facts")
    entries = []
    seen = set()
    for e in conf["fact"]:
        if e["id"] in seen:
            raise PatternError(f"facts.toml: fact id {e['id']!r} is listed twice")
        seen.add(e["id"])
        entries.append(_entry(e))
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
