"""How the forms reader fares on one form written in every flattening met on real pages.

    PYTHONPATH=. python bench/form_family.py [--seeds 30] [--show FLATTENING]

Each synthetic 项目支出绩效自评表 (scripts/synth_forms.py: known truth, its arithmetic holds) is
written as the readers render a table (cells joined by " | ") and then flattened the ways real
pages flatten it: one cell per line, single spaces, tabs, space runs, figures glued to each other,
labels broken over lines, portal chrome around it, money in 元, full-width digits. For each
flattening the table gives, over all seeds, the share of the form's budget facts read right
(budget_initial, budget_full_year, budget_executed, execution_rate, self_score) and of projects
named and given their executed amount. A flattening that keeps the figures should read like the
original: a lower row is a family of layouts the reader does not read yet. ``--show`` prints the
first seed's text in one flattening, to see what the reader was given. The ``indicators`` column is
the share of indicator rows read whole (三级指标, 年度指标值, 实际完成值, 分值, 得分), also in the
flattenings only the indicator block shows: names numbered as the national template prints them
(指标1:…) and rows written in two passes (names and 指标值 of a group of rows, then their 实际完成值
分值 得分: by threes, by pairs, the whole block), as spreadsheets flattened on real pages are (稷山,
heldout h015 / heldout3 k019), and the block without its header row (read in the template's
column order, ``[template] indicator_order``).

    PYTHONPATH=. python bench/form_family.py --axes [--seeds 8] [--show-variant AXIS VALUE]

``--axes`` measures the form's VARIANTS instead (scripts/synth_forms.py ``AXES``: header wording,
column order, row labels, money-unit declaration, number formats, label-value layouts, total row,
each mined from real pages, docs/form_variants.md), one axis at a time with the others at the
national form's, and the real combinations (``SITES``); each value over the seeds in the
flattenings of VARIANT_FLATTENINGS. The facts a variant's form states are its truth (a form
without a 年初预算数 column states no budget_initial).

    PYTHONPATH=. python bench/form_family.py --blanks [--seeds 8]

``--blanks`` crosses the axis "a cell left blank" (scripts/synth_forms.py ``BLANKS``: 年初预算数 or
全年预算数 blank in the total row or a 其中 line, 分值/得分 blank on the 其中 lines) with every flattening
of FLATTENINGS: a flattening that drops the empty cell shifts the figures after it, and the row's
arithmetic must put them back (budget.py, readings.placements).
"""
from __future__ import annotations

import argparse
import re
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from synth_forms import AXES, BLANKS, Variant, synth_form, synth_variant, variants  # noqa: E402

from extractor.model import Page, RawDocument  # noqa: E402
from extractor.pipeline import build_report  # noqa: E402

NUMBER = re.compile(r"^[≥≤]?-?\d[\d,.]*%?$")
FIELDS = ("budget_initial", "budget_full_year", "budget_executed", "execution_rate", "self_score")


def rows(text: str) -> list[list[str]]:
    """The form's rows as lists of cells (the leading empty cell of a row kept as '')."""
    return [[c.strip() for c in line.split("|")] for line in text.splitlines()]


def truth(text: str) -> dict:
    """The budget facts and the project the pipe-joined form states."""
    out = {}
    for cells in rows(text):
        if len(cells) > 1 and cells[0] == "项目名称":
            out["project"] = cells[1]
        if len(cells) > 6 and cells[1] == "年度资金总额":
            out["budget_initial"], out["budget_full_year"], out["budget_executed"] = map(float, cells[2:5])
            out["execution_rate"] = float(cells[6].rstrip("%"))
        if cells and cells[0] == "总分":
            out["self_score"] = float(cells[2])
    return out


def _join(text: str, sep: str, drop_empty: bool = True) -> str:
    return "\n".join(sep.join(c for c in cells if c or not drop_empty) for cells in rows(text))


def glued(text: str) -> str:
    """Cells joined by a space, but adjacent figures glued: "287.91298.36269.991090.49%9.05"."""
    out = []
    for cells in rows(text):
        cells = [c for c in cells if c]
        line = ""
        for i, c in enumerate(cells):
            if i and not (NUMBER.match(cells[i - 1]) and NUMBER.match(c)):
                line += " "
            line += c
        out.append(line)
    return "\n".join(out)


def broken_labels(text: str) -> str:
    """Header labels of four or more characters broken over two lines, one cell per line."""
    out = []
    for cells in rows(text):
        for c in cells:
            if not c:
                continue
            if not NUMBER.match(c) and 4 <= len(c) <= 6 and re.fullmatch(r"[\u4e00-\u9fff]+", c):
                out.append(c[: len(c) // 2])
                out.append(c[len(c) // 2:])
            else:
                out.append(c)
    return "\n".join(out)


def chrome(text: str) -> str:
    """A portal page around the form: navigation, a title, the source line, a footer."""
    head = ("首页 > 政务公开 > 财政资金 > 绩效评价\n"
            "关于2021年度项目支出绩效自评情况的公示\n"
            "发布时间:2022-03-15 来源:本站 浏览次数:128\n"
            "附件:\n")
    return head + text + "\n【打印本页】【关闭窗口】\n版权所有 技术支持\n"


def yuan(text: str) -> str:
    """Money in 元: the header says so and every money cell of the budget block is × 10000."""
    out = []
    for cells in rows(text):
        if len(cells) > 1 and (cells[1] == "年度资金总额" or cells[1].startswith("其中") or cells[1] in ("上年结转资金", "其他资金")):
            cells = cells[:2] + [f"{float(c) * 10000:.2f}" if re.fullmatch(r"\d+(\.\d+)?", c) else c for c in cells[2:5]] + cells[5:]
        out.append(" | ".join(cells).replace("项目资金(万元)", "项目资金(元)"))
    return "\n".join(out)


def fullwidth(text: str) -> str:
    """Full-width digits, points and percent signs, as some Word exports write them."""
    return text.translate(str.maketrans("0123456789.%", "０１２３４５６７８９．％"))


def label_value(text: str) -> str:
    """The budget block written as label → value prose, a row a line ("年度资金总额:年初预算数287.91万元,
    全年预算数…,执行率90.49%,得分9.05"), as forms copied without their grid are; the rest one cell a line."""
    out, header = [], None
    for cells in rows(text):
        if cells and cells[0].startswith("项目资金"):
            header = cells[2:]
            continue
        if header and len(cells) > 2 and (cells[1] == "年度资金总额" or cells[1].startswith("其中")
                                          or cells[1] in ("上年结转资金", "其他资金")):
            pairs = [f"{h}{c}{'万元' if h.endswith('数') else ''}"
                     for h, c in zip(header, cells[2:]) if c and c != "—"]
            out.append(f"{cells[1]}:{','.join(pairs)}")
            continue
        out.extend(c for c in cells if c)
    return "\n".join(out)


def blank_lines(text: str) -> str:
    """One cell per line with a blank line between cells (an HTML table copied as text)."""
    return _join(text, "\n\n")


FLATTENINGS = {
    "pipes": lambda t: t,
    "one cell per line": lambda t: _join(t, "\n"),
    "single spaces": lambda t: _join(t, " "),
    "tabs": lambda t: _join(t, "\t"),
    "space runs": lambda t: _join(t, "   "),
    "figures glued": glued,
    "labels broken, one per line": broken_labels,
    "portal chrome": chrome,
    "money in 元": yuan,
    "full-width": fullwidth,
    "label → value pairs": label_value,
    "blank lines between cells": blank_lines,
}


def numbered(text: str) -> str:
    """The indicator names numbered as the national template prints its 三级指标 cells ("指标1:培训人数")."""
    out, k = [], 0
    for cells in rows(text):
        if _indicator_row(cells):
            k += 1
            cells = cells[:3] + [f"指标{k}:{cells[3]}"] + cells[4:]
        out.append(" | ".join(cells))
    return "\n".join(out)


def two_passes(text: str, group: int = 3) -> str:
    """Single spaces, the indicator rows numbered and written in two passes by groups of ``group``
    rows: the level cells, names and 年度指标值 of the group's rows, then their 实际完成值 分值 得分 (a
    spreadsheet whose merged cells a text layer wrote column block by column block)."""
    out, pending = [], []

    def flush():
        out.append(" ".join(c for cells in pending for c in cells[:5] if c))
        out.append(" ".join(c for cells in pending for c in cells[5:8] if c))
        pending.clear()

    for cells in rows(numbered(text)):
        if _indicator_row(cells):
            pending.append(cells)
            if len(pending) == group:
                flush()
            continue
        if pending:
            flush()
        out.append(" ".join(c for c in cells if c))
    if pending:
        flush()
    return "\n".join(out)


def _indicator_row(cells: list[str]) -> bool:
    return len(cells) >= 9 and not cells[0] and cells[3] not in ("", "三级指标") and NUMBER.match(cells[6] or "x") is not None


# the indicator measure also reads the rows written in two passes (names numbered as the national
# template prints them): a flattening only the indicators show
INDICATOR_FLATTENINGS = {**{k: v for k, v in FLATTENINGS.items() if k != "label → value pairs"},
                         "numbered names": numbered, "two passes (numbered)": two_passes,
                         "two passes, whole block": lambda t: two_passes(t, group=99),
                         "two passes, by pairs": lambda t: two_passes(t, group=2),
                         "header row lost": lambda t: header_lost(t),
                         "header row lost, spaces": lambda t: _join(header_lost(t), " ")}


def header_lost(text: str) -> str:
    """The indicator block without its header row (一级指标 | 二级指标 | 三级指标 | 年度指标值 | …), as a
    mirror that dropped a table's first row gives it: read in the template's column order."""
    return "\n".join(line for line in text.splitlines() if not line.startswith("绩效指标 |"))


def indicator_truth(text: str) -> list[tuple]:
    """(三级指标, 年度指标值, 实际完成值, 分值, 得分) of each indicator row of the pipe-joined form."""
    return [(c[3], c[4], c[5], float(c[6]), float(c[7])) for c in rows(text) if _indicator_row(c)]


WIDE = str.maketrans("０１２３４５６７８９．％", "0123456789.%")


def indicators_right(report, want: list[tuple]) -> int:
    """How many of ``want`` the report's forms read whole: name, 指标值, 完成值, 分值 and 得分."""
    def norm(t):
        return "".join((t or "").translate(WIDE).split())
    got = {(norm(i.name).split(":", 1)[-1], norm(i.target_text), norm(i.actual_text), i.weight, i.score)
           for f in report.forms for i in f.indicators}
    return sum((norm(n), norm(t), norm(a), w, sc) in got for n, t, a, w, sc in want)


def measure_indicators(seeds: int) -> dict[str, tuple[int, int]]:
    """{flattening: (indicator rows read whole, rows)} over ``seeds`` forms."""
    out = {}
    for name, flatten in INDICATOR_FLATTENINGS.items():
        right = total = 0
        for seed in range(seeds):
            text = synth_form(seed)
            want = indicator_truth(text)
            right += indicators_right(read(flatten(text)), want)
            total += len(want)
        out[name] = (right, total)
    return out


def read(text: str):
    return build_report(RawDocument(path="form.txt", format="txt", pages=[Page(1, text)]))


def close(a, b) -> bool:
    return a is not None and b is not None and abs(float(a) - float(b)) < 0.006


def measure(seeds: int) -> dict[str, tuple[int, int, int, int]]:
    """{flattening: (facts right, facts, projects right, projects)} over ``seeds`` forms."""
    out = {}
    for name, flatten in FLATTENINGS.items():
        right = total = p_right = p_total = 0
        for seed in range(seeds):
            text = synth_form(seed)
            want = truth(text)
            counts = _tally(read(flatten(text)), want)
            right, total, p_right, p_total = (a + b for a, b in zip((right, total, p_right, p_total), counts))
        out[name] = (right, total, p_right, p_total)
    return out


VARIANT_FLATTENINGS = ("pipes", "one cell per line", "single spaces", "figures glued")


def measure_variant(variant, seeds: int) -> tuple[int, int, int, int]:
    """(facts right, facts, projects right, projects) of one variant over ``seeds`` forms in each
    of VARIANT_FLATTENINGS."""
    right = total = p_right = p_total = 0
    for seed in range(seeds):
        text, want = synth_variant(seed, variant)
        for name in VARIANT_FLATTENINGS:
            counts = _tally(read(FLATTENINGS[name](text)), want)
            right, total, p_right, p_total = (a + b for a, b in zip((right, total, p_right, p_total), counts))
    return right, total, p_right, p_total


def _tally(report, want: dict) -> tuple[int, int, int, int]:
    """(facts right, facts stated, project right, 1) of one read form against its truth: each of FIELDS
    the truth states, and the project named and given its executed amount."""
    facts = {f.key: f.value for f in report.facts}
    stated = [key for key in FIELDS if key in want]
    right = sum(close(facts.get(key), want[key]) for key in stated)
    project = any(p.name == want["project"] and close(p.amount, want["budget_executed"]) for p in report.projects)
    return right, len(stated), int(project), 1


def measure_blanks(seeds: int) -> dict[str, dict[str, tuple[int, int, int, int]]]:
    """{blank value: {flattening: (facts right, facts, projects right, projects)}} over ``seeds`` forms."""
    out: dict[str, dict[str, tuple[int, int, int, int]]] = {}
    for value in BLANKS:
        v = replace(Variant(), blank=value)
        out[value] = {}
        for name, flatten in FLATTENINGS.items():
            counts = [0, 0, 0, 0]
            for seed in range(seeds):
                text, want = synth_variant(seed, v)
                counts = [a + b for a, b in zip(counts, _tally(read(flatten(text)), want))]
            out[value][name] = tuple(counts)
    return out


def measure_axes(seeds: int) -> dict[str, list[tuple[str, tuple[int, int, int, int]]]]:
    """{axis: [(value, counts)]} for every axis and the real combinations ("sites")."""
    return {axis: [(value, measure_variant(v, seeds)) for value, v in variants(axis)] for axis in [*AXES, "sites"]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=30)
    ap.add_argument("--show", choices=sorted(INDICATOR_FLATTENINGS.keys() | FLATTENINGS.keys()))
    ap.add_argument("--axes", action="store_true", help="measure the variant axes instead of the flattenings")
    ap.add_argument("--show-variant", nargs=2, metavar=("AXIS", "VALUE"))
    ap.add_argument("--blanks", action="store_true", help="a blank cell in a budget row, in every flattening")
    args = ap.parse_args()
    if args.blanks:
        seeds = min(args.seeds, 8) if args.seeds == 30 else args.seeds
        table = measure_blanks(seeds)
        print(f"{'flattening':28} " + " ".join(f"{b[:14]:>14}" for b in BLANKS))
        for name in FLATTENINGS:
            print(f"{name:28} " + " ".join(f"{table[b][name][0] / table[b][name][1]:14.3f}" for b in BLANKS))
        return 0
    if args.show_variant:
        axis, value = args.show_variant
        print(synth_variant(0, dict(variants(axis))[value])[0])
        return 0
    if args.axes:
        seeds = min(args.seeds, 8) if args.seeds == 30 else args.seeds
        print(f"{'axis':12} {'value':36} {'budget facts':>12} {'project':>8}")
        for axis, rows_ in measure_axes(seeds).items():
            for value, (r, t, pr, pt) in rows_:
                print(f"{axis:12} {value:36} {r / t:12.3f} {pr / pt:8.3f}")
        return 0
    if args.show:
        print({**FLATTENINGS, **INDICATOR_FLATTENINGS}[args.show](synth_form(0)))
        return 0
    print(f"{'flattening':28} {'budget facts':>14} {'project':>10} {'indicators':>11}")
    budget = measure(args.seeds)
    for name, (ir, it) in measure_indicators(args.seeds).items():
        b = f"{budget[name][0] / budget[name][1]:14.3f} {budget[name][2] / budget[name][3]:10.3f}" if name in budget else f"{'':14} {'':10}"
        print(f"{name:28} {b} {ir / it:11.3f}")
    for name in budget.keys() - INDICATOR_FLATTENINGS.keys():
        r, t, pr, pt = budget[name]
        print(f"{name:28} {r / t:14.3f} {pr / pt:10.3f} {'':>11}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
