"""The 项目名称 cells of a report's covers and forms, in any flattening: "项目名称:X" on its line,
pipes ("项目名称 | X | 项目单位 | …"), one cell a line ("项目名称\\nX\\n主管部门"), "|" lines between
cells, spaces (deleted by the normalizer between Han cells) or the value glued to the next label
("项目名称X项目单位…"), or a blank (written, or removed: ``runs``) before another "label:" of a cover run into one line
([field.spaced_label]). Each value comes with its span in the text; its cell ends at "|", a line
break or the next label of the form ([field.next_label]); a project code before it is dropped
([form.code_prefix]); a value that is itself a label (an empty cell) names nothing. Labels and the reach are in patterns/projects.toml [field].
"""
from __future__ import annotations

from collections.abc import Collection

from ... import rules
from .vocabulary import vocab

_SEPARATORS = " \t::|\n"
_BLANKS = " \t\u3000"
_MAX_BREAKS = 3  # line breaks between a label and its value (one cell a line with "|" lines between)
_MIN_HAN = 2
_NOT_A_VALUE = "、,,;;。.)"  # a label followed by these is a heading or a sentence, no cell
# a cell ends at a bar or a line break; a cover's fields run into one sentence end at ";" or "。"
# ("(一)项目名称:X;(二)项目单位:…"): no name holds them
_CELL_ENDS = "|\n;;。"


def field_values(text: str, runs: Collection[int] = ()) -> list[tuple[str, int, int]]:
    """(value, start, end) of every 项目名称 cell with a value, in the order of the text. ``runs``:
    offsets where normalization removed a blank (no line break) between two runs of text."""
    v = vocab()
    out: list[tuple[str, int, int]] = []
    for m in v.field_label.finditer(text):
        i = m.end()
        while i < len(text) and text[i] in _SEPARATORS:
            i += 1
        breaks = _breaks(text, m.end(), i)
        if breaks > _MAX_BREAKS or i >= len(text) or text[i] in _NOT_A_VALUE:
            continue  # "项目名称、项目基本性质…": a heading listing labels
        end = i
        limit = min(len(text), i + v.field_reach)
        while end < limit and text[end] not in _CELL_ENDS:
            end += 1
        if v.table_money_header.search(text[i:end]) and v.table_unit.search(text, i, end):
            continue  # a table's header: the next cell is its money column (发行金额(亿元)), no name
        if (stop := v.field_value_end.search(text, i, end)) is not None and stop.start() > i:
            end = stop.start()  # a note mark or money after the name
        cut = v.field_next_label.search(text, i, end)
        if cut is not None:
            if cut.start() == i:
                continue  # an empty cell: the next label right after 项目名称
            end = cut.start()
        # a cover run into one line: the value's first blank, written or removed, then a "label:" ends it
        # ("2023年专项区级储备粮补贴 报告编号:…"); a blank inside the value ("…项目[注 ] 6229.432万元") does not
        blank = next((j for j in range(i + 1, end) if text[j - 1] in _BLANKS or j in runs), None)
        if blank is not None and v.field_spaced_label.match(text, blank):
            end = blank
        # fields written as a sentence: a comma then the next "label:" ends it ("项目名称:X,项目实施地点:Y",
        # heldout10 v010, whose cut at 实施地点 had left "X,项目")
        comma = next((j for j in range(i + 1, end) if text[j] in ",," and v.field_spaced_label.match(text, j + 1)), None)
        if comma is not None:
            end = comma
        while end > i and text[end - 1] in " \t::,,;。":
            end -= 1
        code = v.form_code.match(text[i:end])  # "5303242023000100-X": codes are no part of a name
        if code is not None:
            i += code.end()
        if (year := v.title_year_tail.search(text, i, end)) is not None and year.group().startswith("("):
            end = year.start()  # "X(2023年)": the report's year in brackets is no part of the name
        value = text[i:end]
        if cut is None and end < len(text) and text[end] in " \t\n":
            value, end = _continued(text, value, end)
        if len(rules.compiled(r"\p{Han}").findall(value)) >= _MIN_HAN:
            out.append((value, i, end))
    return out


def _breaks(text: str, start: int, end: int) -> int:
    """Line breaks in ``text[start:end]``, blank lines not counted: a web page's paragraphs come out
    with a blank line after each ("项目名称\n\n|\n\nX" holds two breaks, as "项目名称\n|\nX")."""
    return len(rules.compiled(r"\n(?:[ \t]*\n)*").findall(text, start, end))


def _continued(text: str, value: str, end: int) -> tuple[str, int]:
    """A value wrapped onto a later line of its cell ([field.continued]: "麦积区社棠镇不稳定斜坡治理工程"
    then, after blank lines, "(二期)治理工程"): the value joined with that line, and its new end."""
    j = end
    while j < len(text) and text[j] in " \t\n":
        j += 1
    breaks = _breaks(text, end, j)
    if not 1 <= breaks <= _MAX_BREAKS:
        return value, end
    m = vocab().field_continued.match(text, j)
    if m is None or vocab().field_next_label.search(m.group()):
        return value, end
    return value + m.group().strip(), m.end()


def cell_value(value: str) -> str:
    """A field's value cut at the next label of its form glued to it ("农村公路养护项目单位临湘市…"
    → "农村公路养护"; the normalizer deletes the spaces between Han cells)."""
    cut = vocab().field_next_label.search(value)
    return value[: cut.start()] if cut is not None and cut.start() > 0 else value


_ORG_REACH = 20  # characters before a name searched for the organisation a title writes there


def year_kept(text: str, value: str) -> bool:
    """Whether a 项目名称 field's leading "YYYY年" (not 年度) is the project's own and stays in its name
    ("项目名称 2020年公共文化活动专项资金", heldout6 s005; "项目名称 | 2019年新型农业经营主体扶持项目", p0257):
    not when the text writes the same "YYYY年…" right after an organisation, a title's unit and its
    report year ("寻甸县林业和草原局2023年异地造林补助资金项目支出绩效自评报告", p0035), nor a 年度 year
    ("项目名称:2018年度少数民族工作专项经费", p0122), nor a year before the unit ("2018年上海市审计局审计
    专项工作经费", p0095: a title's grammar)."""
    v = vocab()
    year = v.title_year_kept.match(value)
    if not year or v.title_org.match(value[year.end():]):
        return False
    i = text.find(value)
    while i >= 0:
        if v.title_org_end.search(text[max(0, i - _ORG_REACH):i]):
            return False
        i = text.find(value, i + 1)
    return True
