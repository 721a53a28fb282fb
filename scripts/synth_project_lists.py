"""A synthetic family of project reports that list several projects, with known truth: the ways a
report lays out its projects and their money, under four openings, so that the list readers are
measured on layouts rather than on documents.

    python scripts/synth_project_lists.py            # prints found/expected per opening × layout

``family()`` gives (opening, layout, text, truth); ``truth`` is [(name, amount in 万元 or None)].

Openings: a sentence counting the projects (共实施5个项目,具体如下:), one announcing them without a
count (项目资金使用情况如下:), none, and a title naming a fund (…民生保障专项资金项目…) above a list of
works projects. Layouts:

* tables: cells between pipes, tabs, space runs, single spaces, one cell a line (the header's
  spaces between Han cells are removed by normalization and come back as cell boundaries);
* prose: 一是…;二是…, numbered lines (1.A:预算…,实际支出…), headings with the money in the next
  line ((一)A / 该项目预算…), an inline list after 分别为:, the uses of the money (资金主要用于A118.2
  万元,B80万元…), numbered headings with the budget and the executed amount (the executed amount
  is the project's), the money in yuan, the money in brackets after a numbered name, "A:118.2万元"
  lines; and (round 15) the 一是 items one a line, 第一,… items, a ";"-separated list, one sentence a
  project, a 其中: breakdown of a total, (1) lines, headings with numbered paragraphs under them,
  "1.A。该项目…" lines, tables with a funding-source column or money in 元, one form per project, and
  marked items stating the money first (一是投入118.2万元实施A);
* marked items (round 17, ``marked_family``): seven marker styles (1. 1、 (1) ① 一是 第一, 其一,) × six
  writings of an item's money × four openings × three item ends, one a line or run into one line;
* a stated sum split into named projects (round 18, ``split_family``): a title naming one fund × the verb
  opening the list × the mark between items × how an item writes its money;
* two or three projects in one sentence of a report naming none (round 18, ``few_family``);
* a department's project spending split into projects beside its budget lines (round 18,
  ``department_split_family``);
* tables (round 18, ``table_family``): header words × the columns between name and money × where the
  unit is stated × a total row above or below × the ordinal column × columns after the money × the
  separator × a merged cell (a row under it lacks that column);
* names (round 16): under the count opening, names ending in no project word (NAME_SETS: works,
  allowances, activities), read by every layout but the known misses (NAMED_MISSES);
* known misses, kept to show them: the money before the name (支出118.2万元用于A), items written
  "①A项目支出118.2万元" without a count (in real reports "…项目支出 N万元" is mostly a budget line,
  not a project and its verb; under a count of as many items they are its projects), and names without money or count (主要实施了A、B…等项目; parts or
  projects: nothing says which).
"""
from __future__ import annotations

PROJECTS = (("城乡居民医疗保险补助项目", 120.5, 118.2), ("农村饮水安全巩固提升工程", 80, 80),
            ("乡村道路硬化项目", 45.6, 40.1), ("困难群众临时救助资金", 30, 29.5), ("学校校舍维修改造项目", 66, 66))
ORDINALS = "一二三四五"

OPENINGS = {
    "count": "某县财政局2023年度项目支出绩效自评报告\n一、项目基本情况\n2023年,我局共实施5个项目,具体如下:\n",
    "announced": "某县财政局2023年度项目支出绩效自评报告\n一、项目基本情况\n2023年项目资金使用情况如下:\n",
    "bare": "某县财政局2023年度项目支出绩效自评报告\n一、项目基本情况\n",
    "fund_title": "某县财政局2023年度民生保障专项资金项目支出绩效自评报告\n一、项目基本情况\n",
}
CLOSING = "\n二、绩效目标完成情况\n各项目均完成年度目标。\n"


def _table(sep: str, led: bool = False) -> str:
    """The projects as a table; ``led``: a 主管部门 column between the ordinal and the name (heldout7 s014)."""
    rows = [["序号", "项目名称", "预算数(万元)", "执行数(万元)", "执行率"]]
    rows += [[str(i + 1), n, f"{b:g}", f"{e:g}", f"{e / b * 100:.1f}%"] for i, (n, b, e) in enumerate(PROJECTS)]
    if led:
        rows = [r[:1] + (["主管部门(单位)"] if k == 0 else [f"某县第{k}局"]) + r[1:] for k, r in enumerate(rows)]
    if sep == "\n":
        return "\n".join(c for r in rows for c in r)
    return "\n".join(sep.join(r) for r in rows)


LAYOUTS = {
    "table_pipes": lambda: _table(" | "),
    "table_tabs": lambda: _table("\t"),
    "table_spaces": lambda: _table("   "),
    "table_single_space": lambda: _table(" "),
    "table_lines": lambda: _table("\n"),
    "table_lines_led": lambda: _table("\n", led=True),
    "table_spaces_led": lambda: _table("   ", led=True),
    "yi_shi": lambda: ";".join(f"{ORDINALS[i]}是{n},预算{b:g}万元,实际支出{e:g}万元" for i, (n, b, e) in enumerate(PROJECTS)) + "。",
    "numbered_lines": lambda: "\n".join(f"{i + 1}.{n}:预算{b:g}万元,实际支出{e:g}万元。" for i, (n, b, e) in enumerate(PROJECTS)),
    "headed_sections": lambda: "\n".join(f"({ORDINALS[i]}){n}\n该项目预算{b:g}万元,实际支出{e:g}万元,执行率{e / b * 100:.1f}%。"
                                         for i, (n, b, e) in enumerate(PROJECTS)),
    "fen_bie_wei": lambda: "分别为:" + "、".join(f"{n}{e:g}万元" for n, b, e in PROJECTS) + "。",
    "yong_yu": lambda: "资金主要用于" + ",".join(f"{n}{e:g}万元" for n, b, e in PROJECTS) + "。",
    "budget_then_executed": lambda: "\n".join(f"{i + 1}、{n}\n年初预算{b:g}万元,全年执行{e:g}万元。" for i, (n, b, e) in enumerate(PROJECTS)),
    "yuan": lambda: "\n".join(f"{i + 1}.{n},实际支出{e * 10000:.2f}元。" for i, (n, b, e) in enumerate(PROJECTS)),
    "bracketed_money": lambda: "\n".join(f"{i + 1}.{n}({e:g}万元)" for i, (n, b, e) in enumerate(PROJECTS)),
    "colon_money": lambda: "\n".join(f"{n}:{e:g}万元" for n, b, e in PROJECTS),
    # round 15: more writings of the same list, each read exactly
    "yi_shi_lines": lambda: "\n".join(f"{ORDINALS[i]}是{n},全年支出{e:g}万元。" for i, (n, b, e) in enumerate(PROJECTS)),
    "di_yi": lambda: "".join(f"第{ORDINALS[i]},{n},全年支出{e:g}万元。" for i, (n, b, e) in enumerate(PROJECTS)),
    "semicolons": lambda: ";".join(f"{n}{e:g}万元" for n, b, e in PROJECTS) + "。",
    "sentences": lambda: "".join(f"{n}年初预算{b:g}万元,全年执行{e:g}万元,执行率{e / b * 100:.1f}%。" for n, b, e in PROJECTS),
    "qi_zhong": lambda: (f"2023年共安排项目资金{sum(e for _, _, e in PROJECTS):g}万元,其中:"
                         + ",".join(f"{n}{e:g}万元" for n, b, e in PROJECTS) + "。"),
    "paren_arabic": lambda: "\n".join(f"({i + 1}){n},预算{b:g}万元,实际支出{e:g}万元。" for i, (n, b, e) in enumerate(PROJECTS)),
    "headed_nested": lambda: "\n".join(f"({ORDINALS[i]}){n}\n1.项目概况:该项目为民生项目。\n2.资金使用情况:年初预算{b:g}万元,"
                                       f"实际支出{e:g}万元。" for i, (n, b, e) in enumerate(PROJECTS)),
    "numbered_sentence": lambda: "\n".join(f"{i + 1}.{n}。该项目年初预算{b:g}万元,实际支出{e:g}万元。" for i, (n, b, e) in enumerate(PROJECTS)),
    "table_source": lambda: "\n".join(" | ".join(r) for r in [["序号", "项目名称", "资金来源", "金额(万元)"]]
                                      + [[str(i + 1), n, "县级财政", f"{e:g}"] for i, (n, b, e) in enumerate(PROJECTS)]),
    "table_yuan": lambda: "\n".join(" | ".join(r) for r in [["序号", "项目名称", "预算数(元)", "执行数(元)"]]
                                    + [[str(i + 1), n, f"{b * 10000:.2f}", f"{e * 10000:.2f}"] for i, (n, b, e) in enumerate(PROJECTS)]),
    "forms": lambda: "\n".join(f"{n}绩效自评表\n项目名称 | {n}\n主管部门 | 某县财政局 | 实施单位 | 某县财政局\n"
                               f"项目资金(万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分\n"
                               f"年度资金总额 | {b:g} | {b:g} | {e:g} | 10 | {e / b * 100:.1f}% | 9.8" for n, b, e in PROJECTS),
    "yi_shi_money_first": lambda: ";".join(f"{ORDINALS[i]}是投入{e:g}万元实施{n}" for i, (n, b, e) in enumerate(PROJECTS)) + "。",
    "money_first": lambda: ";".join(f"支出{e:g}万元用于{n}" for n, b, e in PROJECTS) + "。",
    "circled_project_spending": lambda: "".join(f"{'①②③④⑤'[i]}{n}支出{e:g}万元;" for i, (n, b, e) in enumerate(PROJECTS)),
    "names_deng": lambda: "主要实施了" + "、".join(n for n, b, e in PROJECTS[:-1]) + "和" + PROJECTS[-1][0] + "等项目。",
}

# (opening, layout) pairs the readers miss, with the reason; every other pair must read exactly
KNOWN_MISSES = {
    **{(o, "money_first"): "the money before the name (支出…万元用于A): a use, not a list of projects"
       for o in OPENINGS},
    **{(o, "circled_project_spending"): "'A项目支出N万元' reads as a budget line in real reports"
       for o in OPENINGS if o != "count"},
    **{(o, "names_deng"): "names without money or count: parts or projects, nothing says which" for o in OPENINGS},
}


# (round 16) names ending in no project word, as lists under a count write them: a village's works,
# subsidies and allowances, activities. Under the count opening the count, the one marker style and each
# item's money vouch for them (counted.py); under the other openings a list of such names is the
# parts of one project (evidence.py), so only the count opening is crossed with them.
NAME_SETS = {
    "works": ("张家村道路硬化", "李庄河道综合治理", "城区污水管网建设", "中心小学校舍维修改造", "农贸市场提升改造"),
    "allowances": ("耕地地力保护补贴", "农机购置补贴", "高龄老人津贴", "困难残疾人生活补贴", "城乡低保补助"),
    "activities": ("农村实用技术培训", "森林防火宣传", "文化下乡演出", "农村饮用水水质监测", "安全生产检查"),
}
# count opening × layout pairs that miss for every name set, with the reason
NAMED_MISSES = {
    "sentences": "unmarked sentences, each a name and its labels: nothing marks where a name starts",
    "yi_shi_money_first": "the money before the name (一是投入…万元实施A): the name is the object of 实施",
    "money_first": KNOWN_MISSES[("count", "money_first")],
    "names_deng": KNOWN_MISSES[("count", "names_deng")],
}


# (round 17) marked items crossed: every marker style × how an item writes its money × the sentence
# opening the list × the mark between items, the items one a line or run into one line (a page whose
# list lost its line breaks). Names ending in a project word read under any opening; names ending in
# none (NAME_SETS["works"]) only under the count, which vouches for them.
MARKS = {
    "1.": lambda k: f"{k}.", "1、": lambda k: f"{k}、", "(1)": lambda k: f"({k})", "①": lambda k: "①②③④⑤"[k - 1],
    "一是": lambda k: f"{ORDINALS[k - 1]}是", "第一,": lambda k: f"第{ORDINALS[k - 1]},", "其一,": lambda k: f"其{ORDINALS[k - 1]},",
}
ITEM_MONEY = {
    "budget_spent": lambda n, b, e: f"{n},预算{b:g}万元,实际支出{e:g}万元",
    "spent_glued": lambda n, b, e: f"{n}实际支出{e:g}万元",
    "fund": lambda n, b, e: f"{n},资金{e:g}万元",
    "glued": lambda n, b, e: f"{n}{e:g}万元",
    "colon": lambda n, b, e: f"{n}:{e:g}万元",
    "invested": lambda n, b, e: f"{n},完成投资{e:g}万元",
}
LIST_OPENINGS = {
    "allotted": "2023年项目资金安排:",
    "count": "2023年共实施项目5个,具体如下:",
    "none": "2023年,",
    "named": "2023年实施的项目分别是:",
}
ITEM_ENDS = {"semicolon": ";", "comma": ",", "full_stop": "。"}


def marked_family(inline: bool) -> list[tuple[str, str, list[tuple[str, float]]]]:
    """(case id, text, truth) of marked items crossed (MARKS × ITEM_MONEY × LIST_OPENINGS × ITEM_ENDS, for
    PROJECTS' names and, under the count, NAME_SETS["works"]); ``inline``: the items run on the opening's
    line, else one a line under it. Deterministic."""
    out = []
    head = "某县财政局2023年度项目支出绩效自评报告\n一、项目基本情况\n"
    for names_id, names in (("projects", [n for n, _, _ in PROJECTS]), ("works", NAME_SETS["works"])):
        rows = [(n, b, e) for n, (_, b, e) in zip(names, PROJECTS)]
        for mark_id, mark in MARKS.items():
            for money_id, money in ITEM_MONEY.items():
                for open_id, opening in LIST_OPENINGS.items():
                    if names_id == "works" and open_id != "count":
                        continue
                    for end_id, end in ITEM_ENDS.items():
                        items = [mark(k) + money(*row) for k, row in enumerate(rows, 1)]
                        body = (end.join(items) + "。") if inline else "\n" + "\n".join(i + end for i in items)
                        out.append((f"{names_id}-{mark_id}-{money_id}-{open_id}-{end_id}", head + opening + body + CLOSING,
                                    [(n, float(e)) for n, _, e in rows]))
    return out


# (round 18) a project table's layout crossed: the words of its headers, the columns between the name
# and the money, where its unit is stated, a total row above or below the items, the ordinal column,
# columns after the money, the separator, and a merged cell (a 建设地点 spanning two rows, written in
# the first row only, so the row under it lacks that column). WORKS: name, place, content, amount.
WORKS = (("张家村道路硬化项目", "张家村", "硬化道路2.5公里", 120.5), ("李庄河道综合治理工程", "李庄村", "清淤河道3公里", 80),
         ("城区污水管网建设项目", "城关镇", "铺设管网1.2公里", 45.6), ("中心小学校舍维修改造项目", "城关镇", "维修校舍1200平方米", 66))
TABLE_HEAD = "某县农业农村局2023年度衔接推进乡村振兴补助资金项目支出绩效自评报告\n一、项目基本情况\n2023年,我局共实施项目4个,具体如下:\n"
TABLE_NAME_HEADS = ("项目名称", "项目", "建设项目", "工程名称", "实施项目")
TABLE_MONEY_HEADS = ("金额", "投资", "下达资金", "补助资金", "资金", "安排资金", "总投资", "资金规模", "投资额")
TABLE_MIDDLES = {"none": (), "place": ("建设地点",), "content": ("建设内容",), "place_content": ("建设地点", "建设内容")}
TABLE_UNITS = {"header": ("(万元)", "", 1), "line": ("", "单位:万元\n", 1),
               "caption": ("", "项目资金安排表(金额单位:万元)\n", 1), "yuan": ("(元)", "", 10000)}
TABLE_TOTALS = ("none", "first", "last")
TABLE_ORDINALS = {"arabic": str, "han": lambda k: ORDINALS[k - 1], "none": None}
TABLE_TRAILS = {"none": (), "rate": ("执行率",), "note": ("备注",), "rate_note": ("执行率", "备注")}
TABLE_SEPS = {"bars": " | ", "tabs": "\t", "lines": "\n"}
# header wordings naming no project column, with the rows that stay unread under them (round 18 read no
# table under them at all; round 19 reads one whose rows call themselves projects: cell_line_family)
TABLE_NAME_MISSES = {
    "资金用途": "a column of uses, none calling itself a project: one fund's uses or one project's parts",
    "项目名称及内容": "a name and its works in one cell: where the name ends is not marked",
}


def table_text(name_head: str = "项目名称", money_head: str = "金额", middle: str = "none", unit: str = "header",
               total: str = "none", ordinal: str = "arabic", trail: str = "none", sep: str = "bars",
               merged: bool = False) -> str:
    """One project table of the cross (the defaults: 序号 | 项目名称 | 金额(万元), bars, four rows)."""
    suffix, above, factor = TABLE_UNITS[unit] if unit != "none" else ("", "", 1)  # "none": stated nowhere
    mark = TABLE_ORDINALS[ordinal]
    fmt = (lambda x: f"{x * factor:.2f}") if factor != 1 else (lambda x: f"{x:g}")
    middles, trails = TABLE_MIDDLES[middle], TABLE_TRAILS[trail]
    rows = [(["序号"] if mark else []) + [name_head, *middles, money_head + suffix, *trails]]
    for k, (name, place, content, amount) in enumerate(WORKS, 1):
        cells = {"建设地点": place, "建设内容": content}
        row = ([mark(k)] if mark else []) + [name] + [cells[c] for c in middles] + [fmt(amount)]
        row += ["100%" if c == "执行率" else "" for c in trails]
        if merged and "建设地点" in middles and k > 1 and place == WORKS[k - 2][1]:
            row.remove(place)  # the place merged over this row and the one above
        rows.append(row)
    if total != "none":
        row = (["合计", ""] if mark else ["合计"]) + [""] * len(middles) + [fmt(sum(w[3] for w in WORKS))]
        rows.insert(1 if total == "first" else len(rows), row + ["100%" if c == "执行率" else "" for c in trails])
    return TABLE_HEAD + above + _table_body(rows, sep) + CLOSING


def _table_body(rows: list[list[str]], sep: str) -> str:
    """The rows written with the separator ``sep`` (TABLE_SEPS: "lines" puts each cell on a line, a
    blank cell as an empty line; TABLE_CELL_LINES: each cell a line with its bars)."""
    if sep in TABLE_CELL_LINES:
        return "\n".join(TABLE_CELL_LINES[sep](c) for r in rows for c in r)
    return "\n".join(TABLE_SEPS[sep].join(r) for r in rows)


# (round 19) a table flattened one cell a line with its bars: "cell |" lines, "| cell |" lines, or "|"
# lines between cells (pool p0135, p0236); a blank cell leaves its bar
TABLE_CELL_LINES = {"cell_bars": lambda c: f"{c} |" if c else "|", "boxed": lambda c: f"| {c} |" if c else "| |",
                    "bar_lines": lambda c: f"{c}\n|" if c else "|"}
# (round 19) header words naming no project column: the rows' names, each calling itself a project (…项目,
# …工程), say which column holds the projects
TABLE_CONTENT_HEADS = ("资金用途", "建设内容", "项目内容", "支出内容", "补助内容", "实施内容", "用途", "事项", "资金投向")
# a column of words that call themselves no project under such a header: its rows stay unread (parts of
# one project, uses of one fund)
TABLE_USES = (("道路硬化", 120.5), ("河道清淤", 80), ("管网铺设", 45.6), ("校舍维修", 66))


def cell_line_family() -> list[tuple[str, str, list[tuple[str, float]]]]:
    """(case id, text, truth) of tables written one cell a line with their bars (TABLE_CELL_LINES) and of
    headers naming no project column (TABLE_CONTENT_HEADS) in every separator: × the ordinal column ×
    the unit's place × a total row below; deterministic."""
    want = [(n, float(a)) for n, _, _, a in WORKS]
    out = []
    for sep in (*TABLE_CELL_LINES, *TABLE_SEPS):
        for name_head in ("项目名称", *TABLE_CONTENT_HEADS):
            if sep in TABLE_SEPS and name_head == "项目名称":
                continue  # the round-18 cross
            for ordinal in ("arabic", "none"):
                for unit in ("header", "line"):
                    for total in ("none", "last"):
                        out.append((f"cells-{sep}-{name_head}-{ordinal}-{unit}-{total}",
                                    table_text(name_head, unit=unit, total=total, ordinal=ordinal, sep=sep), want))
    return out


def uses_family() -> list[tuple[str, str]]:
    """(case id, text) of tables whose header names no project column and whose rows name none either
    (uses of one fund: 道路硬化, 河道清淤…; a name and its works in one cell): no project is read from them."""
    out = []
    uses = {"uses": TABLE_USES, "works": [(f"{n}:{c}", a) for n, _, c, a in WORKS]}
    for sep in (*TABLE_CELL_LINES, *TABLE_SEPS):
        for name_head in (*TABLE_CONTENT_HEADS[:3], *TABLE_NAME_MISSES):
            items = uses["works" if name_head == "项目名称及内容" else "uses"]
            rows = [["序号", name_head, "金额(万元)"]] + [[str(k), n, f"{a:g}"] for k, (n, a) in enumerate(items, 1)]
            out.append((f"uses-{sep}-{name_head}", TABLE_HEAD + _table_body(rows, sep) + CLOSING))
    return out


# (round 19) a table whose unit is stated nowhere (金额 with no "(万元)", no 单位: line): the text states
# the rows' sum with its unit, in 万元, in 元 or in 亿元 with the rows in 万元, or states no such sum
TABLE_SUMS = {"wan": "共安排项目资金312.1万元,", "yuan": "共安排项目资金3121000元,", "yi": "共安排项目资金0.03121亿元,",
              "other": "共安排项目资金500万元,", "none": ""}


def unstated_unit_family() -> list[tuple[str, str, list[tuple[str, float]]]]:
    """(case id, text, truth) of tables whose unit is stated nowhere: × how the text states the rows'
    sum (TABLE_SUMS) × the separator × the ordinal column. Truth: the four projects where a stated
    amount is their sum, none where nothing says which unit the rows are in."""
    want = [(n, float(a)) for n, _, _, a in WORKS]
    out = []
    for sums, opening in TABLE_SUMS.items():
        head = TABLE_HEAD.replace("我局共实施项目4个", opening + "实施项目4个")
        for sep in (*TABLE_SEPS, *TABLE_CELL_LINES):
            for ordinal in ("arabic", "none"):
                if ordinal == "none" and sep in ("lines", *TABLE_CELL_LINES):
                    continue  # one cell a line under 项目名称, read by its names, is crossed above
                text = table_text("项目名称", "金额", unit="none", ordinal=ordinal, sep=sep)
                out.append((f"unstated-{sums}-{sep}-{ordinal}", text.replace(TABLE_HEAD, head),
                            want if sums in ("wan", "yuan", "yi") else []))
    return out


# (round 19) a PDF's table copied as text: a header wrapped in narrow columns (its unit, or the second half
# of 项目名称, on a line of its own under it) and rows whose ordinal is glued to the name ("1张家村…")
TABLE_WRAPS = {"none": None, "unit": ("金额", "(万元)"), "name": ("项目", "名称"), "both": None}
TABLE_PLAIN_SEPS = {"bars": " | ", "tabs": "\t", "spaces": "  "}


def wrapped_text(wrap: str = "unit", sep: str = "bars", glued: bool = True, place: bool = True) -> str:
    """One table of the wrapped cross: 序号 | 项目名称 | (建设地点) | 金额(万元), its header wrapped as ``wrap``
    says, its ordinals glued to the names or not."""
    name_head, money_head, second = "项目名称", "金额(万元)", []
    if wrap in ("unit", "both"):
        money_head, second = "金额", ["(万元)"]
    if wrap in ("name", "both"):
        name_head, second = "项目", ["名称", *second]
    cells = ["序号", name_head, *(["建设地点"] if place else []), money_head]
    lines = [TABLE_PLAIN_SEPS[sep].join(cells)] + ([TABLE_PLAIN_SEPS[sep].join(second)] if second else [])
    for k, (name, where, _, amount) in enumerate(WORKS, 1):
        row = ([f"{k}{name}"] if glued else [str(k), name]) + ([where] if place else []) + [f"{amount:g}"]
        lines.append(TABLE_PLAIN_SEPS[sep].join(row))
    return TABLE_HEAD + "\n".join(lines) + CLOSING


def wrapped_family() -> list[tuple[str, str, list[tuple[str, float]]]]:
    """(case id, text, truth) of the wrapped cross: header wraps × separators × glued ordinals × a place
    column between name and money; deterministic."""
    want = [(n, float(a)) for n, _, _, a in WORKS]
    return [(f"wrapped-{wrap}-{sep}-{'glued' if glued else 'apart'}-{'place' if place else 'bare'}",
             wrapped_text(wrap, sep, glued, place), want)
            for wrap in TABLE_WRAPS for sep in TABLE_PLAIN_SEPS for glued in (True, False) for place in (True, False)]


# (round 19) a row's figures written together (a PDF or a spreadsheet read without its borders: "城乡居民…项目 |
# 120.5118.298.1%"), cut where the rate is the executed amount over the budget
GLUED_TRAILS = {"none": [], "note": ["备注"], "done": ["项目完成率"]}


def glued_text(sep: str = "bars", decimals: int = 1, trail: str = "none", unit: str = "header") -> str:
    """A table 项目名称 | 预算数 | 执行数 | 执行率 (| a trailing column) whose rows' figures are written together."""
    money = "(万元)" if unit == "header" else ""
    header = ["项目名称", f"预算数{money}", f"执行数{money}", "执行率", *GLUED_TRAILS[trail]]
    lines = [TABLE_PLAIN_SEPS[sep].join(header)]
    for name, budget, spent in PROJECTS:
        run = f"{budget:g}{spent:g}{spent / budget * 100:.{decimals}f}%" + ("100%" if trail == "done" else "")
        lines.append(TABLE_PLAIN_SEPS[sep].join([name, run, *(["无"] if trail == "note" else [])]))
    return (TABLE_HEAD.replace("项目4个", "项目5个") + ("单位:万元\n" if unit == "line" else "")
            + "\n".join(lines) + CLOSING)


# known misses: a header of words alone (its unit on a 单位: line) over rows this short, with spaces, is run
# into the first row by normalization (lines of one width read as a page's wrapped sentence)
GLUED_MISSES = {"glued-spaces-0-done-line", "glued-spaces-1-done-line"}


def glued_family() -> list[tuple[str, str, list[tuple[str, float]]]]:
    """(case id, text, truth: each project with its executed amount) of the glued-figures cross."""
    want = [(n, float(e)) for n, _, e in PROJECTS]
    return [(f"glued-{sep}-{d}-{trail}-{unit}", glued_text(sep, d, trail, unit), want)
            for sep in TABLE_PLAIN_SEPS for d in (0, 1, 2) for trail in GLUED_TRAILS for unit in ("header", "line")]


def table_family() -> list[tuple[str, str, list[tuple[str, float]]]]:
    """(case id, text, truth) of the table cross: the layout axes (total × ordinal × trail × unit × sep)
    under the usual headers, and the headers' words × middle columns × merged cells × sep; deterministic."""
    want = [(n, float(a)) for n, _, _, a in WORKS]
    out = []
    for total in TABLE_TOTALS:
        for ordinal in TABLE_ORDINALS:
            for trail in TABLE_TRAILS:
                for unit in TABLE_UNITS:
                    for sep in TABLE_SEPS:
                        out.append((f"layout-{total}-{ordinal}-{trail}-{unit}-{sep}",
                                    table_text(unit=unit, total=total, ordinal=ordinal, trail=trail, sep=sep), want))
    for name_head in TABLE_NAME_HEADS:
        for money_head in TABLE_MONEY_HEADS:
            for middle in TABLE_MIDDLES:
                for unit in ("header", "line"):
                    for sep in TABLE_SEPS:
                        for merged in ((False, True) if "place" in middle else (False,)):
                            out.append((f"words-{name_head}-{money_head}-{middle}-{unit}-{sep}{'-merged' if merged else ''}",
                                        table_text(name_head, money_head, middle, unit, sep=sep, merged=merged), want))
    return out


# (round 18) a sum the text splits into named projects, in one sentence under a title naming one fund:
# "共收到…资金246.1万元,安排A项目120.5万元、B项目80万元、C项目45.6万元。" The report is about these
# projects (their money adds up to the sum it states), not about one project with parts. Crossed: the
# title × the verb opening the list × the mark between items × how an item writes its money.
SPLIT = (("张家村道路硬化项目", 120.5), ("李庄河道综合治理项目", 80), ("城区污水管网建设项目", 45.6))
SPLIT_TITLES = {"fund": "某县2023年度衔接推进乡村振兴补助资金项目绩效自评报告\n",
                "unit_fund": "某县农业农村局2023年度衔接推进乡村振兴补助资金项目支出绩效自评报告\n",
                "generic": "某县农业农村局2023年度项目支出绩效自评报告\n"}
SPLIT_OPENING = "一、项目基本情况\n2023年,我县共收到衔接推进乡村振兴补助资金{total}万元,"
SPLIT_VERBS = {"yong_yu": "主要用于", "qi_zhong": "其中:", "an_pai": "安排", "fen_bie": "分别用于", "shi_shi": "实施",
               "bo_fu": "拨付", "ju_ti": "具体为:", "tou_ru": "投入"}
SPLIT_MARKS = {"dun": "、", "comma": ",", "semicolon": ";"}
SPLIT_MONEY = {"glued": lambda n, a: f"{n}{a:g}万元", "fund": lambda n, a: f"{n}资金{a:g}万元",
               "bracket": lambda n, a: f"{n}({a:g}万元)", "invested": lambda n, a: f"{n}投资{a:g}万元"}


def split_text(title: str = "fund", verb: str = "an_pai", mark: str = "dun", money: str = "glued",
               items=SPLIT, total: float | None = None) -> str:
    """One report of the split cross; ``total``: the sum the text states (the items' own sum unless given)."""
    whole = sum(a for _, a in items) if total is None else total
    listed = SPLIT_MARKS[mark].join(SPLIT_MONEY[money](n, a) for n, a in items)
    return (SPLIT_TITLES[title] + SPLIT_OPENING.format(total=f"{whole:g}") + SPLIT_VERBS[verb] + listed + "。"
            + CLOSING)


def split_family() -> list[tuple[str, str, list[tuple[str, float]]]]:
    """(case id, text, truth) of the split cross; deterministic."""
    want = [(n, float(a)) for n, a in SPLIT]
    return [(f"{t}-{v}-{m}-{money}", split_text(t, v, m, money), want)
            for t in SPLIT_TITLES for v in SPLIT_VERBS for m in SPLIT_MARKS for money in SPLIT_MONEY]


# (round 18) two or three projects in one sentence of a report naming no project of its own (a generic
# title), each calling itself a project with its money: "2023年,资金主要用于A项目120.5万元、B项目80万元。"
# Crossed: how many × the sentence's opening (none, a subject, a stated sum) × the verb × the mark × the
# money's writing. "A项目资金120.5万元" is left out: one reader keeps 资金 in the name, another drops it,
# and the gold keeps such names as written (体育产业扶持项目资金), which the scorer's 0.85 takes either way.
FEW_OPENINGS = {"none": "一、项目基本情况\n2023年,", "subject": "一、项目基本情况\n2023年,我局",
                "sum": "一、项目基本情况\n2023年,我局共安排项目资金{total}万元,"}


def few_family() -> list[tuple[str, str, list[tuple[str, float]]]]:
    """(case id, text, truth) of the few-projects cross; a subject before 其中:/具体为: is no sentence."""
    out = []
    for n in (2, 3):
        items = SPLIT[:n]
        whole = sum(a for _, a in items)
        for open_id, opening in FEW_OPENINGS.items():
            for verb_id, verb in SPLIT_VERBS.items():
                if open_id == "subject" and verb_id in ("qi_zhong", "ju_ti"):
                    continue
                for mark_id, mark in SPLIT_MARKS.items():
                    for money_id, money in SPLIT_MONEY.items():
                        if money_id == "fund":
                            continue
                        listed = mark.join(money(name, a) for name, a in items)
                        text = (SPLIT_TITLES["generic"] + opening.format(total=f"{whole:g}") + verb + listed + "。"
                                + CLOSING)
                        out.append((f"{n}-{open_id}-{verb_id}-{mark_id}-{money_id}", text,
                                    [(name, float(a)) for name, a in items]))
    return out


# (round 18) a department's project spending split into projects in the sentence that states it, beside
# its budget lines: "…其中基本支出1680.11万元,日常公用支出占826.11万元;项目支出246.1万元,A项目占120.5万元,
# B项目(含社会捐赠资金32.95万元)占80万元,C项目占45.6万元。" (heldout13 w001's layout). Crossed: how an item
# writes its money × the mark between items × a note on one item's money in brackets.
DEPARTMENT_HEAD = ("某县疾病预防控制中心2020年度部门整体支出绩效自评报告\n一、基本情况\n1、部门支出情况:2020年度我中心共计支出"
                   "{whole}万元,其中基本支出1680.11万元,职工工资福利支出占854万元,日常公用支出占826.11万元;项目支出{total}万元,")
DEPARTMENT_MONEY = {"share": lambda n, a: f"{n}占{a:g}万元", "glued": lambda n, a: f"{n}{a:g}万元",
                    "spent": lambda n, a: f"{n}支出{a:g}万元", "fund": lambda n, a: f"{n}资金{a:g}万元"}


# money writings the department split does not read, with the reason
DEPARTMENT_MISSES = {"spent": KNOWN_MISSES[("announced", "circled_project_spending")]}


def department_split_family() -> list[tuple[str, str, list[tuple[str, float]]]]:
    """(case id, text, truth) of a department's project spending split into projects; deterministic."""
    out = []
    total = sum(a for _, a in SPLIT)
    for money_id, money in DEPARTMENT_MONEY.items():
        for mark_id, mark in SPLIT_MARKS.items():
            for noted in (False, True):
                items = [money(n + ("(含社会捐赠资金32.95万元)" if noted and k == 1 else ""), a)
                         for k, (n, a) in enumerate(SPLIT)]
                text = (DEPARTMENT_HEAD.format(whole=f"{1680.11 + total:g}", total=f"{total:g}") + mark.join(items)
                        + "。\n二、绩效目标完成情况\n各项目均完成年度目标。\n")
                out.append((f"department-{money_id}-{mark_id}{'-noted' if noted else ''}", text,
                            [(n, float(a)) for n, a in SPLIT]))
    return out


def truth() -> list[tuple[str, float]]:
    """The projects every layout states: (name, executed amount in 万元)."""
    return [(n, float(e)) for n, b, e in PROJECTS]


def family() -> list[tuple[str, str, str, list[tuple[str, float]]]]:
    """Every (opening, layout, text, truth) of the family; deterministic."""
    return [(o, lay, head + make() + CLOSING, truth()) for o, head in OPENINGS.items() for lay, make in LAYOUTS.items()]


def named_family() -> list[tuple[str, str, str, list[tuple[str, float]]]]:
    """(name set, layout, text, truth) of the count opening with every other name set: PROJECTS'
    money, the set's names; deterministic."""
    global PROJECTS
    kept, out = PROJECTS, []
    try:
        for key, names in NAME_SETS.items():
            PROJECTS = tuple((n, b, e) for n, (_, b, e) in zip(names, kept))
            out += [(key, lay, OPENINGS["count"] + make() + CLOSING, truth()) for lay, make in LAYOUTS.items()]
    finally:
        PROJECTS = kept
    return out


def matched(found: list[tuple[str, float | None]], want: list[tuple[str, float]]) -> int:
    """How many wanted projects are found with their exact name and amount."""
    return sum(1 for n, a in want if any(fn == n and fa is not None and abs(fa - a) < 1e-6 for fn, fa in found))


def main() -> None:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from extractor.model import Page, RawDocument
    from extractor.pipeline import build_report

    def run(cases, known, label) -> tuple[int, int]:
        """Print each case's hits; (exact, total)."""
        total = ok = 0
        for first, layout, text, want in cases:
            report = build_report(RawDocument(path="x.txt", format="txt", pages=[Page(1, text)]))
            found = [(p.name, p.amount) for p in report.projects]
            hits = matched(found, want)
            if not want:  # a counterexample: no row of a table is read (the report's own project may be)
                exact = not [p for p in report.projects if (p.rule_id or "").endswith("table")]
            else:
                exact = hits == len(want) and len(found) == len(want)
            total, ok = total + 1, ok + exact
            print(f"{label(first):40s} {layout:26s} {hits}/{len(want)} found {len(found)}  {'known miss' if known(first, layout) else ''}")
        return ok, total

    ok, total = run(family(), lambda o, lay: (o, lay) in KNOWN_MISSES, str)
    print(f"layouts read exactly: {ok}/{total}")
    ok, total = run(named_family(), lambda _, lay: lay in NAMED_MISSES, lambda k: f"count×{k}")
    print(f"count opening × other names, read exactly: {ok}/{total}")
    for inline in (False, True):
        ok, total = run([(case, "", text, want) for case, text, want in marked_family(inline)], lambda *_: False,
                        lambda k: k[:40])
        print(f"marked items {'run into one line' if inline else 'one a line'}, read exactly: {ok}/{total}")
    ok, total = run([(case, "", text, want) for case, text, want in split_family()], lambda *_: False, lambda k: k[:60])
    print(f"a stated sum split into named projects, read exactly: {ok}/{total}")
    ok, total = run([(case, "", text, want) for case, text, want in few_family()], lambda *_: False, lambda k: k[:60])
    print(f"two or three named projects in a report naming none, read exactly: {ok}/{total}")
    ok, total = run([(case, "", text, want) for case, text, want in department_split_family()], lambda *_: False,
                    lambda k: k[:60])
    print(f"a department's project spending split into projects, read exactly: {ok}/{total}")
    ok, total = run([(case, "", text, want) for case, text, want in table_family()], lambda *_: False, lambda k: k[:60])
    print(f"project tables (layouts, header words, merged cells), read exactly: {ok}/{total}")
    ok, total = run([(case, "", text, want) for case, text, want in cell_line_family()], lambda *_: False, lambda k: k[:60])
    print(f"tables one cell a line with bars, headers naming no project column, read exactly: {ok}/{total}")
    ok, total = run([(case, "", text, want) for case, text, want in unstated_unit_family()], lambda *_: False, lambda k: k[:60])
    print(f"tables whose unit is stated nowhere, read exactly (none where no sum says it): {ok}/{total}")
    ok, total = run([(case, "", text, want) for case, text, want in wrapped_family()], lambda *_: False, lambda k: k[:60])
    print(f"tables copied from a PDF (header wrapped, ordinals glued to names), read exactly: {ok}/{total}")
    ok, total = run([(case, "", text, want) for case, text, want in glued_family()], lambda c, _: c in GLUED_MISSES,
                    lambda k: k[:60])
    print(f"tables whose rows' figures are written together, read exactly: {ok}/{total}")


if __name__ == "__main__":
    main()
