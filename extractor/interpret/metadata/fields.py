"""Form fields that name the unit: 实施单位, 资金使用单位, 单位名称 … 部门:, 主管部门.

A self-assessment form (自评表) states its unit in a labelled cell; flattened to text the cell reads
"实施单位 | 永德县明朗中学 |", "实施单位 (盖章)\\n青神县发展和改革局" or, when a form lost its cell
breaks, "实施单位稷山县翟店镇卫生院全年预算数". Labels, ranks and the value's shape live in
patterns/metadata.toml ([[form_field]], [form]).
"""
from __future__ import annotations

import regex

from ... import rules
from .lexicon import clean_unit, is_township, is_unit, region_of, suffix_ends, trim_to_unit

_re = rules.compiled
_SPACES = regex.compile(r"\s+")


def _conf() -> dict:
    return rules.load("metadata")


def form_fields(text: str, tables) -> list[tuple[str, str, int, int]]:
    """(unit, label as written, rank, position) for each form field naming a unit, in the text
    and then in the document's tables (positioned after the text, in table order)."""
    form = _conf()["form"]
    out = []
    for ff in _conf()["form_field"]:
        rx = _re(f"(?P<label>{ff}){form['separator']}(?P<value>{form['value']})")
        for m in rx.finditer(text):
            if _re(form["separator_must"]).search(text[m.end("label"): m.start("value")]):
                unit = form_value(m.group("value"))
                joined = wrapped_value(text, m.group("value"), m.end("value"))
                if joined and (unit is None or len(joined) > len(unit)):
                    unit = joined  # "中共南县县委组织\n部": the unit goes on past the line's end
            else:  # "实施单位严格按照……" is prose, "实施单位稷山县翟店镇卫生院全年预算数" a glued cell
                unit = glued_value(m.group("value"))
            if unit:
                out.append((unit, m.group("label"), ff["rank"], m.start()))
    for t in tables or []:
        for row in t.rows:
            cells = [_SPACES.sub("", c or "") for c in row]
            for j, cell in enumerate(cells):
                label = _re(form["label_noise"]).sub("", cell)
                for ff in _conf()["form_field"]:
                    if label and _re(f"(?:{ff})").fullmatch(label):
                        value = next((c for c in cells[j + 1:] if c), "")
                        unit = form_value(value)
                        if unit:
                            out.append((unit, label, ff["rank"], len(text) + t.index))
    return out


def project_cues(text: str) -> list[tuple[str, int]]:
    """(label, position) of each label of a project form in the head of the text (项目名称:, 资金使用单位 |)."""
    head = text[: _conf()["head"]["max_chars"]]
    form = _conf()["form"]
    out = []
    for cue in form["project_cues"]:
        m = _re(regex.escape(cue) + form["separator"] + r"(?=\S)").search(head)
        if m and _re(form["separator_must"]).search(m.group(0)[len(cue):]):
            out.append((cue, m.start()))
    return out


def cut_value(value: str) -> tuple[str, bool]:
    """A form value up to the first space or glued next label, without a repetition of itself;
    and whether it ended there (rather than running on into other words)."""
    form = _conf()["form"]
    v = _re(_conf()["unit"]["code_prefix"]).sub("", value.strip())
    words = v.split()
    # a space after the first word, or the cell or line ended before the value's length limit
    ended = len(words) > 1 or len(value) < form["value_max_chars"]
    v = words[0] if words else ""
    if "/" in v:  # 实施单位/项目负责人 | 原州区农技中心/杨勃兴: the first of two values
        v, ended = v.split("/")[0], True
    cut = len(v)
    for label in form["next_labels"]:
        i = v.find(label, 1)
        if i != -1:
            cut = min(cut, i)
    if cut < len(v):
        ended = True
    v = v[:cut]
    for end in suffix_ends(v):
        if end < len(v) and v[end:].startswith(v[:end]) and is_unit(clean_unit(v[:end])):
            return v[:end], True  # "广水市交通运输局广水市交通运输局": a cell repeated by a merged table
    return v, ended


def form_value(value: str) -> str | None:
    """The unit a form cell's value starts with, or None; of a list of one owner's offices
    ("塘桥街道党政办、管理办、平安办、服务办", heldout8 t009) the owner."""
    v = cut_value(value)[0]
    return offices_owner(v) or trim_to_unit(v)


def wrapped_value(text: str, value: str, end: int) -> str | None:
    """A value broken at the line's end by a page's width, its last characters opening the next line
    ("部门(单位)名称: 岳阳县农业农村\n局"): the unit the value and that line's first word make (the caller
    keeps it when it is longer than the value's own); None when they make none."""
    if text[end:end + 1] != "\n":
        return None
    head = _re(_conf()["form"]["wrapped_rest"]).match(text, end + 1)
    if head is None:
        return None
    whole = value.rstrip() + head.group(0)
    unit = form_value(whole)
    # the unit ends where the next line's word ends: "…交通运输局\n局长负责…" is a sentence, not the name's end
    return unit if unit is not None and whole.endswith(unit) and len(unit) > len(whole) - len(head.group(0)) else None


def offices_owner(v: str) -> str | None:
    """The unit whose offices a value lists, the owner named once before the first
    ("塘桥街道党政办、管理办、平安办" → 塘桥街道): every later item a short name without a place,
    ending as the first item's last word ends; None for any other value."""
    first, *others = v.split("、")
    if not others or not all(2 <= len(o) <= 5 and not region_of(o) for o in others):
        return None
    n = len(others[0])
    for k in (n, n + 1, n - 1):  # the first item's office as long as the next item, or about
        head, tail = first[:-k], first[-k:]
        if (tail[-1] == others[0][-1] and not region_of(tail) and is_unit(clean_unit(head))
                and (region_of(head) or is_township(head))):
            return clean_unit(head)
    return None


def glued_value(value: str) -> str | None:
    """A value glued to its label: only an exact unit that starts with a place name and ends at a
    next label, a space or its own repetition ("实施单位稷山县翟店镇卫生院全年预算数")."""
    v, ended = cut_value(value)
    v = clean_unit(v)
    if ended and is_unit(v) and region_of(v):
        return v
    return None


def form_unit(value: str | None) -> str | None:
    """A unit as a parsed form states it: without a code prefix, 盖章, a glued next label or a
    repetition, and then exactly a unit (a damaged cell "银川市教育局实施第位" gives none)."""
    if not value:
        return None
    v, _ = cut_value(_re(_conf()["form"]["label_noise"]).sub("", value))
    v = clean_unit(v)
    return v if is_unit(v) else None
