"""Candidates read from the self-assessment form that speaks for the report (``report.forms``):
the total line's budget figures, the total score, a satisfaction indicator, and in a department
form the executed column of its spending-category rows (基本支出, 项目支出 …); and the figures a
form's template maps to a fact (``Form.values``: a 基础数据表's staff and spending lines)."""
from __future__ import annotations

from ... import rules
from .candidates import Candidate, close
from .reading import Reading

_SPACE = r"\s+"


def form_candidates(r: Reading) -> list[Candidate]:
    """Candidates from the self-assessment form that speaks for the report, if one does, and the
    grid and label → value figures any read form's template maps to a fact (``Form.values``)."""
    cfg, kind = r.cfg, r.kind
    out: list[Candidate] = []

    def add(key, value, label, start, end, rule_id):
        if value is None:
            return
        idx = _mention_in(r, value, start, end)
        m = r.mentions[idx] if idx is not None else None
        out.append(
            Candidate(
                key=key, value=float(value), unit=cfg.unit_of_key.get(key), scope="form", rank=0,
                approx_target=False,
                start=m.start if m and start is None else start,
                end=m.end if m and end is None else end,
                label=label, rule_id=rule_id, mention=idx,
                section=r.section_at(start) if start is not None else None,
                kind=cfg.kind_of_key.get(key, "amount"),
                source="form",
                page=r.report.page_at(start) if start is not None else None,
            )
        )

    # 基础数据表 编制数 → staff_authorized, 本年决算数 of 基本支出 → basic_expenditure (never a 上年 column);
    # a key several forms give different values is taken from none (a report of several projects)
    values = [(f, v) for f in r.report.forms if f.status == "read" for v in f.values if v.fact and v.period != "prior"]
    for f, v in values:
        if len({w.value for _, w in values if w.fact == v.fact}) == 1 and not any(c.key == v.fact for c in out):
            add(v.fact, v.value, v.label or v.line, v.start, v.end, f"form:{f.template}.{v.block}.{v.role}")

    forms = [f for f in r.report.forms if f.budget_lines or f.total_score is not None or f.indicators]
    if not forms:
        return out
    if kind == "department":
        # A department report speaks through its 整体支出 form; a lone untitled form will do,
        # a project form never does.
        own = [f for f in forms if cfg.form_department_title.search(f.title or "")]
        if not own and len(forms) == 1 and not cfg.form_project_title.search(forms[0].title or ""):
            own = forms
        forms = own
    if len(forms) != 1:
        return out  # no form, or several and none of them the report's own: no report-level figure
    form = forms[0]
    space = rules.compiled(_SPACE)
    total = next((line for line in form.budget_lines if cfg.form_total_line.search(space.sub("", line.line or ""))), None)
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
            whole = _whole_line(form.budget_lines, total) if total.execution_rate is None else None
            if whole is not None:
                add("execution_rate", whole.execution_rate, whole.line, whole.start, whole.end,
                    "form:total_line.execution_rate_of_whole")
    if kind == "department":
        # spending-category rows of the department form: their 全年执行数 is the category's spending
        for key, pat in cfg.form_department_lines:
            line = next((ln for ln in form.budget_lines if pat.search(space.sub("", ln.line or ""))), None)
            if line is not None and line.executed is not None:
                add(key, line.executed, line.line, line.start, line.end, f"form:department_line.{key}")
    if form.total_score is not None and 0 <= form.total_score <= 100:
        add("self_score", form.total_score, cfg.form_total_score_label, form.start, form.end, "form:total_score")
    for ind in form.indicators:
        if ind.actual_value is None or ind.unit not in (None, "%"):
            continue
        if cfg.form_satisfaction.search(ind.name or ""):
            add("satisfaction_rate", ind.actual_value, ind.name, ind.start, ind.end, "form:indicator.satisfaction")
            break
    return out


def _whole_line(lines, total):
    """A 其中 line that is the whole total (the same budget and executed figures), whose 执行率 is
    therefore the total's when the total row leaves its own blank ("年度总金额 | 372 | 476 | 461 |" over
    "其中:财政拨款 | 372 | 476 | 461 | 96.85"); None when no line is."""
    budget = total.budget_full_year if total.budget_full_year is not None else total.budget_initial
    if budget in (None, 0) or total.executed is None:
        return None
    for line in lines:
        if line is total or line.execution_rate is None or line.executed is None:
            continue
        own = line.budget_full_year if total.budget_full_year is not None else line.budget_initial
        if own is not None and close(own, budget) and close(line.executed, total.executed):
            return line
    return None


def _mention_in(r: Reading, value: float, start: int | None, end: int | None) -> int | None:
    """Index of the first mention inside [start, end) with this value (the form cell's text)."""
    if start is None or end is None:
        return None
    for i, m in enumerate(r.mentions):
        if start <= m.start and m.end <= end and m.value is not None and close(m.value, value):
            return i
    return None
