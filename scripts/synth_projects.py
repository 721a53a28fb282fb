"""A synthetic family of single-project reports with known truth: how a project report names its
one project, in every layout met in real pages, so the reader's generality is measured without
tuning to a document.

    python scripts/synth_projects.py OUTDIR     # OUTDIR/*.txt and OUTDIR/gold/*.json (the scorer's format)

``family()`` gives every (file name, text, truth) of the family; ``truth`` is
{"name", "amount", "unit", "year", "layout", "ending"}. The family crosses names (with and
without a 项目/工程/资金/经费/专项 ending, one opening with the unit's own place) with layouts:

* titles: unit-first, year-first, name-first (the year after the name), 关于…的报告, the name in
  brackets under a generic title, the title broken over two lines, portal chrome before the
  title (a news page's, a disclosure portal's 索引号/发布机构 lines), a mirror's file name as the
  title, the name after a dash (——), an annex number and another report word (绩效评价报告), the
  name in quotes (关于…“X”…的报告), a version mark after the title ((公开版)), the report words on
  the next line, the title in a table cell, a spaced year (2023 年度), a form's title (…自评表);
* 项目名称 cells under a generic title, in every flattening: "项目名称:X" on its line, pipes
  ("项目名称 | X | 项目单位 | …"), one cell per line, spaces, glued to the next label
  ("项目名称X项目单位…"), one cell per line with "|" lines between cells, a project code before the
  name (5303242023000100-X);
* a subject sentence only (现将…绩效自评报告如下);
* the project's parts listed with their money under the title naming it (numbered works that add
  up to no stated amount, no cue counting projects): still the one project, also when only the
  title names it (the body says 该项目);
* its money stated in several ways (已拨付, 实际支出 alone, 全部执行到位, only allotted 下达…万元, in shares
  中央补助/地方配套 before the executed amount, beside the unit's larger project total), or not at all under a 项目名称 cell (amount None).

The truth follows the gold conventions (../shared/eval/README.md, corpus/pool/README.md): the name
as the text writes it (its 项目/工程/资金 ending kept), without the report's year, the unit, or (in
a title naming the unit) a place prefix equal to the unit's place; a 项目名称 cell's value is kept as written, place
included (heldout3 k004; the pool README drops such places, the evaluation's gold does not); the amount is the executed amount the body states
(全年执行数 / 实际支出 / 已拨付), in 万元. Deterministic: the same family every run.
"""
from __future__ import annotations

import sys
from pathlib import Path

# (unit, its place) — the place is cut from a name that opens with it
UNITS = [
    ("绩溪县交通运输局", "绩溪县"),
    ("保山市隆阳区农业农村局", "保山市隆阳区"),
    ("寻甸县林业和草原局", "寻甸县"),
    ("新化县教育局", "新化县"),
    ("永安市民政局", "永安市"),
    ("临湘市水利局", "临湘市"),
]
# (name as written in the text, ending kind)
NAMES = [
    ("农村公路日常养护项目", "项目"),
    ("小型水库除险加固工程", "工程"),
    ("义务教育薄弱学校改造补助资金", "资金"),
    ("困难群众基本生活救助经费", "经费"),
    ("森林防火专项", "专项"),
    ("高标准农田建设", "none"),
    ("城乡居民养老保险补贴", "none"),
    ("乡村振兴衔接资金产业发展项目", "项目"),
]
PLACE_NAME = "{place}城区供水管网改造工程"  # a name opening with the unit's place: the place is cut
CHROME = "首页 > 信息公开 > 预算绩效\n发布时间:{y1}-05-12 09:30 来源:{unit} 浏览次数:128\n【字体:大 中 小】 打印本页\n"
BODY = ("一、项目基本情况\n(一)项目概况\n为做好{name}工作,{year}年安排预算资金{budget}万元。\n"
        "(二)资金使用情况\n截至{year}年12月31日,全年执行数{spent}万元,执行率{rate}%。\n"
        "二、绩效目标完成情况\n项目按计划完成,群众满意度95%。\n")
# the project's parts, each with money, that add up to no amount the text states and follow no cue
# counting projects: they are the one project's works, not projects of their own
PARTS_BODY = ("一、项目基本情况\n{year}年{name}安排预算资金{budget}万元,全年执行数{spent}万元,执行率{rate}%。\n"
              "(一)村组道路硬化工程,完成投资{a}万元,硬化道路3公里。\n(二)排水沟渠修建工程,完成投资{b}万元。\n")
# how the project's money is stated, each under a unit-first title: the truth is the executed
# amount, else the amount allotted to the project in its own clause, else None (no money at all)
AMOUNT_BODIES = {
    "amount_paid": "一、项目基本情况\n{year}年下达{name}资金{budget}万元,已拨付{spent}万元,执行率{rate}%。\n",
    "amount_spent_only": "一、项目基本情况\n截至{year}年底,{name}实际支出{spent}万元,项目已完工。\n",
    "amount_all_executed": "一、项目资金情况\n{year}年{name}资金{spent}万元全部执行到位。\n",
    "amount_funding_only": "一、项目基本情况\n{year}年市财政下达{name}{spent}万元,用于项目实施。\n",
    "amount_shares": ("一、项目基本情况\n{year}年{name}中央补助{share}万元,地方配套{rest}万元,"
                      "全年执行数{spent}万元,执行率{rate}%。\n"),
    "amount_beside_total": ("一、项目基本情况\n我局{year}年项目支出共{total}万元。\n{name}全年预算数{budget}万元,"
                            "全年执行数{spent}万元,执行率{rate}%。\n"),
}
# the same, the body calling it only 该项目: the title alone names it
PARTS_ONCE_BODY = ("一、项目基本情况\n该项目{year}年安排预算资金{budget}万元,全年执行数{spent}万元,执行率{rate}%。\n"
                   "1.村组道路硬化工程,完成投资{a}万元。\n2.排水沟渠修建工程,完成投资{b}万元。\n")
SUBJECT_BODY = ("按照绩效管理工作要求,我局组织开展了自评工作,现将{year}年度{name}绩效自评报告如下:\n"
                "一、项目基本情况\n{year}年安排预算资金{budget}万元,实际支出{spent}万元,执行率{rate}%。\n")


def _with_project(name: str) -> str:
    """The name as a "…项目支出绩效自评报告" title writes it: its 项目 ends it ("森林防火专项项目")."""
    return name if name.endswith("项目") else name + "项目"


# the head of the text (title or cover) in each layout, formatted with the unit, the year, the
# name ({head}/{tail}: its halves; {project}: as a "…项目支出" title writes it; {y1}: the year after)
_GENERIC = "{unit}{year}年度项目支出绩效自评报告\n"
TITLES = {
    "unit_first": "{unit}{year}年度{name}绩效自评报告\n",
    "year_first": "{year}年度{unit}{name}绩效自评报告\n",
    "name_first": "{name}{year}年度绩效自评报告\n",
    "guanyu": "关于{unit}{year}年{name}绩效自评情况的报告\n",
    "bracketed": _GENERIC + "({name})\n",
    "two_lines": "{unit}{year}年度{head}\n{tail}绩效自评报告\n",
    "chrome_title": CHROME + "{unit}{year}年度{name}绩效自评报告\n",
    "file_name": "《{unit}{year}年度{name}绩效自评报告.docx》\n",
    "dash": "{unit}{year}年度项目支出绩效自评报告——{name}\n",
    "annex_kind": "附件2\n{year}年度{unit}{name}绩效评价报告\n",
    "quoted": "{unit}关于{year}年度“{name}”绩效自评情况的报告\n",
    "public_version": "{unit}{year}年度{name}绩效自评报告(公开版)\n",
    "portal": ("索引号:11350481MB0000000X/{y1}-00012\n发布机构:{unit}\n公开方式:主动公开\n"
               "发布日期:{y1}-04-20\n{unit}{year}年度{project}支出绩效自评报告\n"),
    "kind_next_line": "{unit}{year}年度{name}\n绩效自评报告\n",
    "title_cell": "| {unit}{year}年度{name}绩效自评报告 |\n",
    "spaced_year": "{unit} {year} 年度{name}绩效自评报告\n",
    "self_form": "{unit}{year}年度{name}绩效自评表\n",
}
CELLS = {  # a generic title, then the 项目名称 cell in each flattening
    "cell_colon": "项目名称:{name}\n项目单位:{unit}\n主管部门:{unit}\n",
    "cell_pipes": "项目名称 | {name} | 项目单位 | {unit} |\n主管部门 | {unit} | 实施单位 | {unit} |\n",
    "cell_lines": "项目名称\n{name}\n主管部门\n{unit}\n实施单位\n{unit}\n",
    "cell_spaces": "项目名称    {name}    主管部门    {unit}\n",
    "cell_glued": "项目名称{name}项目单位{unit}主管部门{unit}\n",
    "cell_pipe_lines": "项目名称\n|\n{name}\n|\n主管部门\n|\n{unit}\n|\n",
    "cell_fullname": "项目全称 | {name} |\n项目主管部门 | {unit} |\n",
    "cell_code": "项目名称 | 5303242023000100-{name} | 项目单位 | {unit} |\n",  # a code the gold drops
}
CELLS = {k: _GENERIC + v for k, v in CELLS.items()}


def _title(layout: str, unit: str, year: int, name: str) -> str:
    """The head of the text (title or cover) in ``layout``."""
    cut = len(name) // 2
    return {**TITLES, **CELLS}[layout].format(unit=unit, year=year, name=name, y1=year + 1, head=name[:cut],
                                             tail=name[cut:], project=_with_project(name))


TITLE_LAYOUTS = tuple(TITLES)
CELL_LAYOUTS = tuple(CELLS)
LAYOUTS = TITLE_LAYOUTS + CELL_LAYOUTS + ("subject", "parts", "parts_once", "no_money") + tuple(AMOUNT_BODIES)


def _money(k: int) -> tuple[str, str, str, float]:
    """(budget, spent, rate) as written and the spent amount, from an index: spent ≤ budget."""
    budget = 40 + 37 * k
    spent = round(budget * (0.9 + (k % 5) * 0.02), 2)
    return f"{budget}", f"{spent:.2f}", f"{spent / budget * 100:.2f}", spent


def family() -> list[tuple[str, str, dict]]:
    """Every (file name, text, truth) of the family, in a fixed order."""
    out = []
    k = 0
    names = [(n, e, None) for n, e in NAMES] + [(PLACE_NAME, "工程", "place")]
    for layout in LAYOUTS:
        for j, (name, ending, how) in enumerate(names):
            unit, place = UNITS[(j + LAYOUTS.index(layout)) % len(UNITS)]
            year = 2019 + (j + k) % 6
            written = name.format(place=place)
            # a place equal to the unit's is cut from a title's name; a 项目名称 cell's name is kept as
            # written (heldout3 k004 "岳阳县农村公路养护"; the gold sets disagree here, see the docstring);
            # a text that names no unit keeps the place (nothing says it is the unit's)
            budget, spent, rate, value = _money(k)
            named = layout not in ("name_first", "subject")
            cut = how == "place" and layout not in CELL_LAYOUTS + ("no_money",) and named
            truth_name = written[len(place):] if cut else written
            if layout == "portal":  # "…森林防火专项项目支出绩效自评报告": the title's name ends with its 项目
                truth_name = _with_project(truth_name)
            if layout == "subject":
                text = SUBJECT_BODY.format(year=year, name=written, budget=budget, spent=spent, rate=rate)
            elif layout in AMOUNT_BODIES:
                text = _title("unit_first", unit, year, written) + AMOUNT_BODIES[layout].format(
                    year=year, name=truth_name, budget=budget, spent=spent, rate=rate, total=f"{value * 3 + 17:.2f}",
                    share=f"{int(budget) * 0.6:.2f}", rest=f"{int(budget) * 0.4:.2f}")
            elif layout == "no_money":  # a cover with its 项目名称 cell, cut before any money
                text = (_title("cell_colon", unit, year, written)
                        + "一、项目基本情况\n项目实施以来,进展顺利,社会效益明显。\n")
                value = None
            elif layout in ("parts", "parts_once"):
                a = round(value * 0.37, 2)
                text = _title("unit_first", unit, year, written) + (PARTS_BODY if layout == "parts" else PARTS_ONCE_BODY).format(
                    year=year, name=truth_name, budget=budget, spent=spent, rate=rate, a=f"{a:.2f}", b=f"{a / 2:.2f}")
            else:
                text = _title(layout, unit, year, written) + BODY.format(
                    name=truth_name, year=year, budget=budget, spent=spent, rate=rate)
            truth = {"name": truth_name, "amount": value, "unit": unit, "year": year, "layout": layout,
                     "ending": ending}
            out.append((f"sp{k:03d}.txt", text, truth))
            k += 1
    return out


def gold_json(file: str, truth: dict) -> dict:
    """The scorer's gold for one text of the family (projects only are asserted)."""
    return {"file": file, "report_kind": "project", "fiscal_year": truth["year"],
            "projects": [{"name": truth["name"], "amount_wan": truth["amount"]}],
            "notes": f"synthetic ({truth['layout']}, ending {truth['ending']})"}


def main(argv: list[str]) -> None:
    """Write the family to OUTDIR (texts) and OUTDIR/gold (gold JSON)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from family_io import write_family

    write_family(Path(argv[1] if len(argv) > 1 else "synth_projects"), family(), gold_json)


if __name__ == "__main__":
    main(sys.argv)
