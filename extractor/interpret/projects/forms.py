"""Projects named by self-assessment forms (``report.forms``): the form's 项目名称 with its total
line's executed amount (else its full-year budget)."""
from __future__ import annotations

from ... import rules
from ...model import Form, Project
from .attributes import name_key
from .fields import year_kept
from .vocabulary import vocab


def form_project_name(name: str | None) -> str | None:
    """A form's 项目名称 without its code prefix and anything glued after it; None if empty."""
    if not name:
        return None
    v = vocab()
    name = v.form_code.sub("", name.strip()).strip()
    m = v.form_next_label.search(name)
    if m and m.start() >= 2:
        name = name[: m.start()].strip()
    return name or None


def _without_report_words(name: str, unit_name: str | None, text: str = "") -> str:
    """A form's 项目名称 without the report's year and its unit: "2018年度少数民族工作专项经费" →
    "少数民族工作专项经费", "湖北工程学院年学生资助项目" (unit, then a year whose digits the page lost)
    → "学生资助项目"; a name left with fewer than four Han characters is kept whole. A "YYYY年" the
    name owns stays (fields.year_kept, read in ``text``)."""
    v = vocab()
    out = name if year_kept(text, name) else v.title_report_year.sub("", name)
    if unit_name and out.startswith(unit_name):
        rest = v.form_lost_year.sub("", out[len(unit_name):])
        if len(rules.compiled(r"\p{Han}").findall(rest)) >= 4:
            out = rest
    out = _without_place(out, unit_name)
    return out if len(rules.compiled(r"\p{Han}").findall(out)) >= 4 else name


def _without_place(name: str, unit_name: str | None) -> str:
    """The name without a province or the unit's own place at its head, as titles lose theirs
    ("广元市朝天区全民健身中心项目" of 广元市朝天区体育发展中心 → "全民健身中心项目"); a name placed in
    a town or village keeps its place."""
    v = vocab()
    places, unit = [], unit_name or ""
    while (m := v.title_unit_region.match(unit)) and m.end() < len(unit):  # 广元市, then 朝天区
        places.append(m.group())
        unit = unit[m.end():]
    for _ in range(3):
        lead = v.title_province.match(name)  # with its 省/市/自治区: 湖北工程学院 is a name
        lead = lead.group() if lead and lead.group()[-1] in "省市区" else None
        lead = lead or next((p for p in places if name.startswith(p)), None)
        rest = name[len(lead):] if lead else ""
        if not lead or len(rules.compiled(r"\p{Han}").findall(rest)) < 4 or v.title_town_head.match(rest):
            break
        name = rest
    return name


def form_amount(form: Form) -> float | None:
    """Executed amount of the form's total budget line, else its full-year budget.

    None when there is no total line (and not exactly one line), or when an all-zero total
    contradicts the lines under it (年度资金总额 0 while 本年财政拨款 was spent)."""
    total_re = vocab().form_total
    lines = form.budget_lines
    total = next((ln for ln in lines if total_re.search(ln.line or "")), None)
    if total is None:
        if len(lines) != 1:
            return None
        total = lines[0]
    others = [ln for ln in lines if ln is not total]
    value = total.executed if total.executed is not None else total.budget_full_year
    if value == 0 and any(ln.executed or ln.budget_full_year for ln in others):
        return None
    return value


def form_projects(
    forms: list[Form], start_ordinal: int = 1, known: set[str] | None = None, unit_name: str | None = None,
    text: str = "",
) -> list[Project]:
    """One project per form with a new name, numbered from ``start_ordinal``; names in ``known``
    are skipped. ``unit_name`` (the report's) and the report year are cut from the head of a name
    (``text``, the report's, says whether a "YYYY年" is the name's own: fields.year_kept)."""
    out: list[Project] = []
    seen = set(known or ())
    for form in forms:
        name = form_project_name(form.project_name)
        if name and vocab().form_whole_unit.search(name):
            continue  # the department's whole-unit form
        if name:
            name = _without_report_words(name, unit_name, text)
        if not name or name_key(name) in seen:
            continue
        seen.add(name_key(name))
        out.append(
            Project(
                ordinal=start_ordinal + len(out),
                name=name,
                amount=form_amount(form),
                start=form.start,
                end=form.end,
                rule_id="projects:form",
            )
        )
    return out + grid_projects(forms, start_ordinal + len(out), seen)


def grid_projects(forms: list[Form], start_ordinal: int = 1, known: set[str] | None = None) -> list[Project]:
    """The project lines of a form's grid, one a row under a project group ("专项资金(一个项一行)" in
    the 湖南 基础数据表: 春节向困难职工送温暖慰问资金 | 300 | 300 | 300), each with this year's final
    figure (else its budget); a line that is itself a group is none. Names in ``known`` are skipped."""
    v = vocab()
    out: list[Project] = []
    seen = set(known or ())
    for form in forms:
        parents = {fv.parent for fv in form.values if fv.parent}
        lines: dict[str, list] = {}
        for fv in form.values:
            if fv.parent and v.form_project_group.fullmatch(fv.parent) and fv.line not in parents:
                lines.setdefault(fv.line, []).append(fv)
        for line, values in lines.items():
            current = [fv for fv in values if fv.period == "current" and fv.unit == "万元"]
            pick = next((fv for fv in current if fv.role == "final"), None) or next(
                (fv for fv in current if fv.role == "budget"), None)
            name = form_project_name(line)
            if pick is None or not name or name_key(name) in seen:
                continue
            seen.add(name_key(name))
            out.append(
                Project(
                    ordinal=start_ordinal + len(out),
                    name=name,
                    amount=pick.value,
                    start=min(fv.start for fv in values if fv.start is not None) if any(
                        fv.start is not None for fv in values) else form.start,
                    end=pick.end if pick.end is not None else form.end,
                    rule_id="projects:form_grid",
                )
            )
    return out


def extra_form_projects(forms: list[Form], projects: list[Project], unit_name: str | None = None,
                        text: str = "") -> list[Project]:
    """Projects of the forms whose names ``projects`` do not already hold, numbered after them."""
    return form_projects(forms, len(projects) + 1, {name_key(p.name) for p in projects}, unit_name, text)
