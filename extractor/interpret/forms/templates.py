"""Form templates as data: patterns/forms/<template>.toml, one file per template, beside the shared
label lexicon (patterns/forms/lexicon.toml, see vocabulary.py).

A template file holds (the files themselves document each key with real examples)::

    [template]          id, name, source, report_kind, engine (self_assessment | grid | pairs),
                        expects (the blocks a complete form of it has), priority (ties: lower wins),
                        markers, untitled_markers (how many markers close together make a form
                        whose title the page lost; 0: never without its title)
    [template.title]    a rule for its title ("部门整体支出绩效自评表"); a title it matches scores
    [template.locate]   optional rule that finds where such a form starts in running text when the
                        lexicon's title rule (…自评表) does not ("部门整体支出绩效评价基础数据表")
    [template.stated_unit] optional rule: the money unit a grid form states before its blocks
                        ("单位:元"; group ``unit``), for its money blocks whose label names none
    [template.markers]  labels: cells (whole, as keys) that make this template likelier
    [fields] [budget.columns] [[budget.line]] [indicator.columns] [total]
                        labels added to the lexicon's for this template (self_assessment engine)
    [budget] order      its budget columns in the order the form prints them; parents: each 其中
                        line → the line it is part of (checked by "parent = sum(children)")
    [[block]]           grid and pairs blocks: name, kind, labels, [[block.column]] / [[block.row]] /
                        [[block.pair]] with roles, labels, parents and the fact each stands for
    [[constraint]]      its arithmetic (constraints.py)

:func:`templates` loads and validates every file once; :func:`vocabulary_of` is the lexicon with a
template's own labels merged in.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from ... import rules
from ...errors import PatternError
from . import constraints as cons
from .vocabulary import FILE as LEXICON_FILE
from .vocabulary import Vocabulary, _labels

FOLDER = "forms"
LEXICON = "lexicon"
ENGINES = ("self_assessment", "grid", "pairs")
BLOCK_KINDS = ("grid", "pairs")
_MERGED = ("fields", "budget", "indicator", "total")  # tables of a template merged into the lexicon


@dataclass(frozen=True)
class Column:
    """A column of a grid block: its role, labels, and the fact its value stands for (a block
    without row labels, such as 编制数 / 实际在职人数 / 控制率)."""

    role: str
    labels: tuple[regex.Pattern, ...]
    kind: str | None = None  # final / budget: with a year or 上年/本年 the column's period is read
    fact: str | None = None
    unit: str | None = None


@dataclass(frozen=True)
class Row:
    """A row of a grid block: canonical name, labels, the row it is part of, its fact."""

    name: str
    labels: tuple[regex.Pattern, ...]
    parent: str | None = None
    fact: str | None = None
    items: bool = False  # rows under it may carry any label (a project a line: 一个项目一行)
    # facts of this row by column role, this year's columns only ("部门整体支出预算调整": its 预算数 the
    # initial budget, its 决算数 the budget after adjustment)
    column_facts: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Pair:
    """A label → value cell of a pairs block (计划安排资金(万元) | 55)."""

    role: str
    labels: tuple[regex.Pattern, ...]
    budget: str | None = None  # the total budget line's column it fills (executed, budget_full_year)
    fact: str | None = None


@dataclass(frozen=True)
class Block:
    """A grid or pairs block of a template."""

    name: str
    kind: str
    labels: tuple[regex.Pattern, ...]
    unit: str | None = None
    columns: tuple[Column, ...] = ()
    rows: tuple[Row, ...] = ()
    pairs: tuple[Pair, ...] = ()
    fact_column: str | None = None  # the column (this year's) whose values the rows' facts take
    row_header: tuple[regex.Pattern, ...] = ()  # header cells over the row labels (资金使用方向)
    # a glued run's money figures are of one order (the largest at most this × the smallest) — None:
    # the grid's default; 0: no such bound (a 结余 beside its budget may be a thousandth of it)
    run_order: float | None = None


@dataclass(frozen=True)
class Template:
    """One form template read from patterns/forms/<id>.toml."""

    id: str
    name: str
    file: str
    engine: str
    report_kind: str | None
    source: str
    priority: int
    expects: tuple[str, ...]
    title: regex.Pattern | None
    locate: regex.Pattern | None
    markers: tuple[regex.Pattern, ...]
    blocks: tuple[Block, ...]
    constraints: tuple[cons.Constraint, ...]
    extra: dict = field(default_factory=dict, compare=False, hash=False)  # labels merged into the lexicon
    prior_words: tuple[str, ...] = ()
    current_words: tuple[str, ...] = ()
    untitled_markers: int = 0  # this many of its markers close together make a form without a title
    budget_order: tuple[str, ...] = ()  # its budget columns in the order the form prints them
    line_parents: dict = field(default_factory=dict, compare=False, hash=False)  # 其中 line → its total line
    stated_unit: regex.Pattern | None = None  # a money unit stated before the grid ("单位:元"), group unit
    indicator_order: tuple[str, ...] = ()  # its indicator columns in print order (read when the header is lost)

    def __hash__(self) -> int:
        return hash(self.id)

    def title_matches(self, text: str | None) -> bool:
        """Whether ``text`` (a title) is this template's."""
        return bool(text and self.title is not None and self.title.search(text))

    def marker_hits(self, keys: set[str]) -> int:
        """How many of the template's markers are among the cell keys ``keys``."""
        return sum(1 for m in self.markers if any(m.fullmatch(k) for k in keys))


def _patterns(value, where: str, file: str) -> tuple[regex.Pattern, ...]:
    return tuple(regex.compile(p) for p in _labels(value, where, file))


def _rule(conf: dict, dotted: str, file: str) -> regex.Pattern | None:
    node = conf
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    if not isinstance(node, rules.Rule):
        raise PatternError(f"patterns/{file}: [{dotted}] must be a rule table")
    return node.regex


def _block(table: dict, where: str, file: str) -> Block:
    for key in ("name", "kind"):
        if not isinstance(table.get(key), str):
            raise PatternError(f"patterns/{file}: {where} needs a string `{key}`")
    if table["kind"] not in BLOCK_KINDS:
        raise PatternError(f"patterns/{file}: {where}: kind must be one of {BLOCK_KINDS}")
    name = table["name"]
    columns = tuple(
        Column(c["role"], _patterns(c["labels"], f"{where}.column.{c['role']}", file), c.get("kind"),
               c.get("fact"), c.get("unit"))
        for c in table.get("column", []))
    rows = tuple(
        Row(r["name"], _patterns(r["labels"], f"{where}.row.{r['name']}", file), r.get("parent"), r.get("fact"),
            bool(r.get("items", False)), tuple(sorted(r.get("column_facts", {}).items())))
        for r in table.get("row", []))
    names = {r.name for r in rows}
    for r in rows:
        if r.parent is not None and r.parent not in names:
            raise PatternError(f"patterns/{file}: {where}: row {r.name!r} names an unknown parent {r.parent!r}")
    pairs = tuple(
        Pair(p["role"], _patterns(p["labels"], f"{where}.pair.{p['role']}", file), p.get("budget"), p.get("fact"))
        for p in table.get("pair", []))
    return Block(name, table["kind"], _patterns(table.get("labels", []), f"{where}.labels", file), table.get("unit"),
                 columns, rows, pairs, table.get("fact_column"),
                 _patterns(table.get("row_header", []), f"{where}.row_header", file), table.get("run_order"))


def _budget_order(conf: dict, file: str) -> tuple[str, ...]:
    """The template's budget column order; each role a column of the lexicon or of the template."""
    order = conf.get("budget", {}).get("order", [])
    known = set(rules.load(f"{FOLDER}/{LEXICON}")["budget"]["columns"]) | set(conf.get("budget", {}).get("columns", {}))
    unknown = [role for role in order if role not in known]
    if unknown:
        raise PatternError(f"patterns/{file}: [budget] order names columns no label reads: {unknown}")
    return tuple(order)


def _template(name: str) -> Template:
    file = f"{FOLDER}/{name}.toml"
    conf = rules.load(f"{FOLDER}/{name}")
    head = rules.require(conf, "template", dict, file)
    for key in ("id", "name", "engine", "source"):
        if not isinstance(head.get(key), str) or not head[key]:
            raise PatternError(f"patterns/{file}: [template] needs a string `{key}`")
    if head["id"] != name:
        raise PatternError(f"patterns/{file}: [template] id must be the file's name {name!r}")
    if head["engine"] not in ENGINES:
        raise PatternError(f"patterns/{file}: [template] engine must be one of {ENGINES}")
    blocks = tuple(_block(b, f"[[block]] {b.get('name')}", file) for b in conf.get("block", []))
    constraints = tuple(cons.parse(c, f"patterns/{file}: [[constraint]]") for c in conf.get("constraint", []))
    block_names = {b.name for b in blocks} | {"budget", "indicators", "points"}  # points: on the labels (points.py)
    for c in constraints:
        if c.block not in block_names:
            raise PatternError(f"patterns/{file}: constraint {c.id!r} names an unknown block {c.block!r}")
    periods = conf.get("periods", {})
    return Template(
        id=head["id"], name=head["name"], file=file, engine=head["engine"], report_kind=head.get("report_kind"),
        source=head["source"], priority=int(head.get("priority", 50)), expects=tuple(head.get("expects", [])),
        title=_rule(conf, "template.title", file), locate=_rule(conf, "template.locate", file),
        markers=_patterns(head.get("markers", []), "template.markers", file),
        blocks=blocks, constraints=constraints,
        extra={k: conf[k] for k in _MERGED if k in conf},
        prior_words=tuple(periods.get("prior", ())), current_words=tuple(periods.get("current", ())),
        untitled_markers=int(head.get("untitled_markers", 0)),
        budget_order=_budget_order(conf, file), line_parents=dict(conf.get("budget", {}).get("parents", {})),
        stated_unit=_rule(conf, "template.stated_unit", file),
        indicator_order=_indicator_order(head, file),
    )


def _indicator_order(head: dict, file: str) -> tuple[str, ...]:
    """``[template] indicator_order``: the indicator columns in the order the form prints them, each
    a column of the lexicon's ``[indicator.columns]``."""
    order = tuple(head.get("indicator_order", ()))
    known = set(rules.load(f"{FOLDER}/{LEXICON}")["indicator"]["columns"])
    unknown = [k for k in order if k not in known]
    if unknown:
        raise PatternError(f"patterns/{file}: [template] indicator_order names unknown columns {unknown}")
    return order


@lru_cache(maxsize=1)
def templates() -> tuple[Template, ...]:
    """Every template of patterns/forms/, in priority order (then by id)."""
    names = [n.split("/", 1)[1] for n in rules.all_files() if n.startswith(f"{FOLDER}/") and n != f"{FOLDER}/{LEXICON}"]
    found = [_template(n) for n in names]
    return tuple(sorted(found, key=lambda t: (t.priority, t.id)))


def template(template_id: str) -> Template:
    """The template named ``template_id``; PatternError when there is none."""
    for t in templates():
        if t.id == template_id:
            return t
    raise PatternError(f"patterns/{FOLDER}/: no template {template_id!r}")


@lru_cache(maxsize=None)
def vocabulary_of(t: Template | None) -> Vocabulary:
    """The lexicon with ``t``'s own labels merged in (the lexicon alone for None)."""
    conf = rules.load(f"{FOLDER}/{LEXICON}")
    if t is None or not t.extra:
        return Vocabulary(conf)
    try:
        return Vocabulary(_merged(conf, [t.extra]))
    except PatternError as e:
        raise PatternError(f"patterns/{t.file} merged into {LEXICON_FILE}: {e}") from e


@lru_cache(maxsize=1)
def vocabulary_all() -> Vocabulary:
    """The lexicon with every template's field and column labels merged in: where flattened text is
    cut into cells before a template is chosen. Templates' line and level labels are left out: they
    are words of ordinary names ("建档立卡个人缴费县级配套资金" is one name, not a name and 县级配套资金)."""
    extras = []
    for t in templates():
        extra = dict(t.extra)
        if "budget" in extra:
            extra["budget"] = {k: v for k, v in extra["budget"].items() if k != "line"}
        if "indicator" in extra:  # nor its level names ("效果" of 效果明显)
            extra["indicator"] = {k: v for k, v in extra["indicator"].items() if k not in ("level1", "level2")}
        extras.append(extra)
    return Vocabulary(_merged(rules.load(f"{FOLDER}/{LEXICON}"), extras))


def _merged(conf: dict, extras: list[dict]) -> dict:
    """The lexicon ``conf`` with the labels of ``extras`` (templates' own tables) added."""
    merged = copy.copy(conf)
    for extra in extras:
        merged = _merge_one(merged, extra)
    return merged


def _add_labels(entries: list[dict], id_key: str, ident: str, labels) -> None:
    """Extend the labels of the entry whose ``id_key`` is ``ident`` (a copy), or add that entry."""
    entry = next((e for e in entries if e[id_key] == ident), None)
    if entry is None:
        entries.append({id_key: ident, "labels": list(labels)})
    else:
        entry["labels"] = list(entry["labels"]) + list(labels)


def _merge_one(conf: dict, extra: dict) -> dict:
    merged = copy.copy(conf)
    if "fields" in extra:
        fields = [dict(f) for f in conf["field"]]
        for key, labels in extra["fields"].items():
            _add_labels(fields, "key", key, labels)
        merged["field"] = fields
    if "budget" in extra:
        budget = dict(conf["budget"])
        columns = {k: list(v) for k, v in budget["columns"].items()}
        for key, labels in extra["budget"].get("columns", {}).items():
            columns[key] = columns.get(key, []) + list(labels)
        budget["columns"] = columns
        lines = [dict(line) for line in budget["line"]]
        for line in extra["budget"].get("line", []):
            _add_labels(lines, "name", line["name"], line["labels"])
        budget["line"] = lines
        budget["end"] = list(budget["end"]) + list(extra["budget"].get("end", []))
        merged["budget"] = budget
    if "indicator" in extra:
        ind = dict(conf["indicator"])
        columns = {k: list(v) for k, v in ind["columns"].items()}
        for key, labels in extra["indicator"].get("columns", {}).items():
            columns[key] = columns.get(key, []) + list(labels)
        if "seq" in columns:  # the 序号 column comes first in the canonical order
            columns = {"seq": columns.pop("seq"), **columns}
        ind["columns"] = columns
        for key in ("level1", "level2"):
            ind[key] = list(ind[key]) + list(extra["indicator"].get(key, []))
        merged["indicator"] = ind
    if "total" in extra:
        total = dict(conf["total"])
        for key in ("weight_score", "score"):
            total[key] = list(total[key]) + list(extra["total"].get(key, []))
        merged["total"] = total
    return merged
