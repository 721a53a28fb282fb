"""A synthetic family of department reports stating their income and spending in a two-column table
(a label and its value, the money unit stated once for the table), with known truth.

    python scripts/synth_budget_tables.py            # prints read/expected per layout × unit × labels

``family()`` gives (layout, unit, labels, text, truth); ``truth`` maps fact keys to 万元.

Layouts: cells between pipes, tabs, one cell a line, and "label(万元):value" lines (the unit beside each
label). Units: a statement above the table (单位:万元, 金额单位:万元, (单位:万元), 单位:元 with the values in
yuan) or a header row whose value column names it (项目 | 金额(万元), 项目 | 决算数(万元)). Labels: the
short ones (收入合计, 财政拨款收入, 支出合计…) and the long ones (本年收入合计, 本年支出合计, 其中:财政拨款收入…).

Each row is a label and one value, so nothing chooses between a budget and a final column: a table of
several value columns (年初预算数 | 全年预算数 | 决算数) is not read (tests/test_facts_budget_tables.py
keeps it as a strict xfail).
"""
from __future__ import annotations

HEAD = "某县农业农村局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n(二)部门收支情况\n"
CLOSING = "\n二、绩效目标完成情况\n各项工作均完成年度目标。\n"

MONEY = {"total_income": 1250.3, "fiscal_appropriation": 1150.0, "total_expenditure": 1180.2,
         "basic_expenditure": 790.0, "project_expenditure": 390.2, "personnel_expenditure": 650.5,
         "operating_expenditure": 139.5, "three_public_total": 12.6}

LABELS = {
    "short": {"total_income": "收入合计", "fiscal_appropriation": "财政拨款收入", "total_expenditure": "支出合计",
              "basic_expenditure": "基本支出", "project_expenditure": "项目支出", "personnel_expenditure": "人员经费",
              "operating_expenditure": "公用经费", "three_public_total": "“三公”经费"},
    "long": {"total_income": "本年收入合计", "fiscal_appropriation": "其中:财政拨款收入", "total_expenditure": "本年支出合计",
             "basic_expenditure": "基本支出合计", "project_expenditure": "项目支出", "personnel_expenditure": "人员支出",
             "operating_expenditure": "日常公用经费", "three_public_total": "“三公”经费支出"},
}

# (the statement or header row above the rows, the factor from 万元 to the table's unit, the unit's word
# in a header)
UNITS = {
    "statement": ("单位:万元", 1),
    "amount_statement": ("金额单位:万元", 1),
    "bracketed": ("(单位:万元)", 1),
    "yuan": ("单位:元", 10000),
    "header": ("项目 | 金额(万元)", 1),
    "final_header": ("项目 | 决算数(万元)", 1),
}

LAYOUTS = ("pipes", "tabs", "lines", "colon")


def _value(x: float, factor: int) -> str:
    return f"{x * factor:.2f}"


def table(layout: str, unit: str, labels: str) -> str:
    """The rows under the unit in ``layout``; a header row is laid out like the rows."""
    above, factor = UNITS[unit]
    rows = [(LABELS[labels][k], _value(v, factor)) for k, v in MONEY.items()]
    if layout == "colon":  # the unit beside each label: "收入合计(万元):1250.30"
        word = "元" if factor != 1 else "万元"
        return "\n".join(f"{name}({word}):{value}" for name, value in rows)
    if above.count("|"):
        header = [c.strip() for c in above.split("|")]
        lines = [header] + [list(r) for r in rows]
        above = ""
    else:
        lines = [list(r) for r in rows]
    if layout == "pipes":
        body = "\n".join(" | ".join(r) for r in lines)
    elif layout == "tabs":
        body = "\n".join("\t".join(r) for r in lines)
    else:
        body = "\n".join(c for r in lines for c in r)
    return (above + "\n" if above else "") + body


def family() -> list[tuple[str, str, str, str, dict[str, float]]]:
    """Every (layout, unit, labels, text, truth); the colon layout states its unit beside each label, so
    it is crossed with the 万元 and 元 units only. Deterministic."""
    out = []
    for layout in LAYOUTS:
        for unit in UNITS:
            if layout == "colon" and unit not in ("statement", "yuan"):
                continue
            for labels in LABELS:
                out.append((layout, unit, labels, HEAD + table(layout, unit, labels) + CLOSING, dict(MONEY)))
    return out


def main() -> None:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from extractor.model import Page, RawDocument
    from extractor.pipeline import build_report

    ok = total = 0
    for layout, unit, labels, text, want in family():
        report = build_report(RawDocument(path="x.txt", format="txt", pages=[Page(1, text)]))
        got = {f.key: f.value for f in report.facts}
        hits = sum(1 for k, v in want.items() if got.get(k) is not None and abs(got[k] - v) < 1e-6)
        total, ok = total + len(want), ok + hits
        print(f"{layout:6s} {unit:16s} {labels:6s} {hits}/{len(want)}")
    print(f"facts read: {ok}/{total}")


if __name__ == "__main__":
    main()
