"""A synthetic family of reports with known metadata: how a report names its unit, its fiscal year
and its kind, in the title grammars, unit shapes and year forms met in real pages (the inventory in
docs/metadata_families.md), with the distractors that led the reader astray on pages nobody tuned to.

    python scripts/synth_metadata.py OUTDIR     # OUTDIR/*.txt and OUTDIR/gold/*.json (the scorer's format)

``family()`` gives every (file name, text, truth) of the family; ``truth`` is {"unit", "year",
"kind", "layout", "grammar", "year_form", "distractor"}. A layout is a title grammar × a year form:

* grammars: year first (2023年度X部门整体支出…), unit first (X2023年度…), 关于…的报告, the unit in
  【】 before the year, the title over two lines (unit and year, then the kind), the unit alone on
  the line over the title, a project between unit and kind (X2023年农村公路日常养护项目支出…), a
  transfer payment's 区域 self-assessment (X2023年度中央对地方转移支付区域绩效自评报告), a 关于印发…的
  通知 wrapper issued by the unit's parent, a title naming only the region, the unit named in the
  body alone ("X承担了…"), no title at all (a page fragment: the body's subject names the unit), a
  first sentence naming the report (现将X2023年度…情况报告如下), a title naming no unit under a portal
  whose 发布机构 names it (the body says only 我局), a flattened 自评表 (主管部门 the parent, 实施单位
  the unit; pipes, one cell a line, or labels glued to their values), and a title naming no unit whose
  body states the unit's role (项目组织实施单位为X, 立项与管理使用单位及实施建设单位均为X, 由X负责组织实施,
  X县财政局…分配下达到X);
* year forms: 2023年度, 2023年, 二〇二三年度, a bare 2023 before 部门/项目 (unit-first grammars only),
  no year in the title (the body's 2023年度 names it), no year in the title nor the body's
  sentences ("本年度"): only the publication date (发布时间:2024-05-10, the year after) dates it, and the
  year alone on the line under the title (二〇二三年度), the body naming none;
* unit shapes: province+city+county+body, city+district+body, 中共…委…部, 人民政府办公室, 镇/乡/街道,
  a school, a hospital, 中心, 站, 所, 大队, a bureau's 分局 and 大队;
* distractors, one per text in turn: a publication date a year later (发布时间:2024-05-10 for a 2023
  report), the unit's parent as publisher in the chrome (发布机构/来源), a verb after the unit in the
  body ("X承担了…", "根据新化县财政局关于…"), the next year's 部门预算 in the body (编制2024年部门预算
  时), a span of years in the body (2021-2023年), a last section 四、2024年工作计划 whose years look
  forward, a line of chrome opening with the publication date (2024年05月10日 来源:本站), other units
  as the subjects of body sentences (X县财政局2023年度下达我局资金…, the parent 是我局的主管部门), the firm
  a finance bureau commissioned to evaluate, calling itself 我所 (受X县财政局委托,湖南源涛联合会计师事务所(以下
  简称“我所”)对…进行了绩效评价), the unit's offices listed after 部门: (我局内设以下部门:办公室、…), or none.

The truth is the unit's full name as the title (or the body) writes it, the fiscal year the report
covers and its kind. Deterministic: the same family every run.
"""
from __future__ import annotations

import sys
from pathlib import Path

# (unit, shape, what it calls itself, its county's finance bureau, its parent)
UNITS = [
    ("湖南省株洲市攸县交通运输局", "province+city+county", "我局", "攸县财政局", "攸县人民政府"),
    ("株洲市渌口区交通事务中心", "city+district 中心", "我中心", "渌口区财政局", "株洲市渌口区交通运输局"),
    ("新化县教育局", "county 局", "我局", "新化县财政局", "新化县人民政府"),
    ("中共新化县委组织部", "中共…委…部", "我部", "新化县财政局", "中共新化县委员会"),
    ("新化县人民政府办公室", "人民政府办公室", "我办", "新化县财政局", "新化县人民政府"),
    ("新化县洋溪镇人民政府", "镇", "我镇", "新化县财政局", "新化县人民政府"),
    ("长沙市雨花区洞井街道办事处", "街道", "我街道", "雨花区财政局", "长沙市雨花区人民政府"),
    ("隆回县七江乡人民政府", "乡", "我乡", "隆回县财政局", "隆回县人民政府"),
    ("永德县明朗中学", "school", "我校", "永德县财政局", "永德县教育体育局"),
    ("新化县人民医院", "hospital", "我院", "新化县财政局", "新化县卫生健康局"),
    ("临湘市农业技术推广站", "站", "我站", "临湘市财政局", "临湘市农业农村局"),
    ("临湘市水利工程管理所", "所", "我所", "临湘市财政局", "临湘市水利局"),
    ("新化县城市管理综合执法大队", "大队", "我队", "新化县财政局", "新化县城市管理和综合执法局"),
    ("株洲市生态环境局渌口分局", "分局", "我局", "渌口区财政局", "株洲市生态环境局"),
    ("开远市公安局交通警察大队", "bureau's 大队", "我大队", "开远市财政局", "开远市公安局"),
    ("保山市隆阳区疾病预防控制中心", "city+district 中心", "我中心", "隆阳区财政局", "保山市隆阳区卫生健康局"),
]
# the region a unit's name starts with (a title naming only the region)
REGIONS = {u: r for u, r in [
    ("湖南省株洲市攸县交通运输局", "攸县"), ("株洲市渌口区交通事务中心", "株洲市渌口区"), ("新化县教育局", "新化县"),
    ("中共新化县委组织部", "新化县"), ("新化县人民政府办公室", "新化县"), ("新化县洋溪镇人民政府", "新化县"),
    ("长沙市雨花区洞井街道办事处", "长沙市雨花区"), ("隆回县七江乡人民政府", "隆回县"), ("永德县明朗中学", "永德县"),
    ("新化县人民医院", "新化县"), ("临湘市农业技术推广站", "临湘市"), ("临湘市水利工程管理所", "临湘市"),
    ("新化县城市管理综合执法大队", "新化县"), ("株洲市生态环境局渌口分局", "株洲市渌口区"),
    ("开远市公安局交通警察大队", "开远市"), ("保山市隆阳区疾病预防控制中心", "保山市隆阳区")]}
PROJECTS = ["农村公路日常养护", "义务教育薄弱学校改造补助资金", "困难群众基本生活救助经费", "高标准农田建设",
            "森林防火专项", "乡村振兴衔接资金产业发展"]
GRAMMARS = ["year_first", "unit_first", "about", "bracket", "two_lines", "unit_line", "project_between",
            "transfer", "notice_wrapper", "region_only", "no_title", "intro", "chrome_only", "form",
            "open_note", "placeholder", "role"]
YEAR_FORMS = ["du", "nian", "cn", "bare", "body", "implicit", "cn_line"]
DISTRACTORS = ["published", "parent_chrome", "verb_body", "budget_next", "span", "plan_section", "dated_chrome",
               "other_units", "none", "evaluator", "office"]
# a bare year is read only where it stands between the unit and the report's words
BARE_GRAMMARS = {"unit_first", "bracket", "project_between", "transfer"}
# grammars without a title line take the year forms a body or a form header can carry
ONLY_FORMS = {"no_title": {"body", "implicit"}, "intro": {"du", "nian", "cn", "body"}, "form": {"du", "body"},
              "role": {"du", "nian", "body"},
              "notice_wrapper": {"du", "nian", "cn", "body", "implicit"}}
LAYOUTS = [f"{g}/{y}" for g in GRAMMARS for y in YEAR_FORMS
           if (y != "bare" or g in BARE_GRAMMARS) and y in ONLY_FORMS.get(g, YEAR_FORMS)]
YEARS = [2019, 2020, 2021, 2022, 2023, 2024]
CN_DIGITS = "〇一二三四五六七八九"


def year_text(year: int, form: str) -> str:
    """The year as the title writes it ("" when the title names none)."""
    return {"du": f"{year}年度", "nian": f"{year}年", "cn": "".join(CN_DIGITS[int(d)] for d in str(year)) + "年度",
            "bare": str(year), "body": "", "implicit": "", "cn_line": ""}[form]


def title_lines(grammar: str, unit: str, y: str, kind: str, project: str, parent: str) -> tuple[list[str], str]:
    """The title's lines and the kind it states."""
    k = "部门整体支出" if kind == "department" else "项目支出"
    if grammar == "year_first":
        return [f"{y}{unit}{k}绩效自评报告"], kind
    if grammar == "unit_first":
        return [f"{unit}{y}{k}绩效自评报告"], kind
    if grammar == "about":
        return [f"{unit}关于{y}{k}绩效自评情况的报告"], kind
    if grammar == "bracket":  # the unit in 【】, or a portal's label in 【】 before the title
        if PROJECTS.index(project) % 2:
            return [f"【绩效公开】{unit}{y}{k}绩效自评报告"], kind
        return [f"【{unit}】{y}{k}绩效自评报告"], kind
    if grammar == "two_lines":
        return [f"{unit}{y}", f"{k}绩效自评报告"], kind
    if grammar == "unit_line":
        return [unit, f"{y}{k}绩效自评报告"], kind
    if grammar == "project_between":
        return [f"{unit}{y}{project}项目支出绩效自评报告"], "project"
    if grammar == "transfer":
        return [f"{unit}{y}中央对地方转移支付区域绩效自评报告"], "project"
    if grammar == "notice_wrapper":  # the parent issues the report; a notice of it; the unit sends its own
        style = PROJECTS.index(project) % 3
        if style == 0:
            return [f"{parent}关于印发《{unit}{y}{k}绩效自评报告》的通知", "各有关单位:",
                    "现将报告印发给你们,请认真抓好问题整改。"], kind
        if style == 1:
            return [f"关于{unit}{y}{k}绩效自评报告的公示"], kind
        return [f"{unit}关于报送{y}{k}绩效自评报告的报告"], kind
    if grammar == "region_only":
        return [f"{REGIONS[unit]}{y}{project}绩效自评报告"], "project"
    if grammar == "no_title":  # a page fragment: the body alone names the unit
        return [], kind
    if grammar == "intro":  # no title; the first sentence names the report
        return [f"现将{unit}{y}{k}绩效自评情况报告如下:"], kind
    if grammar == "chrome_only":  # the title names no unit; the portal's 发布机构 does, the body says 我局
        return [f"{y}{k}绩效自评报告", f"索引号:000014348-01865 发布机构:{unit}"], kind
    if grammar == "open_note":  # a trailing note whose bracket never closes (heldout7 s010)
        return [f"{unit}{y}{k}绩效自评报告({project}"], kind
    if grammar == "placeholder":  # the template's 部门(单位) left between the place and the rest (heldout7 s001)
        region = REGIONS[unit]
        if unit.startswith(region):
            return [f"{region}部门(单位){y}{unit[len(region):]}{k}绩效自评报告"], kind
        return [f"{unit}部门(单位){y}{k}绩效自评报告"], kind
    if grammar == "role":  # a title naming no unit; a body sentence states the unit's role (role_line)
        return [f"{y}{project}项目绩效自评报告"], "project"
    if grammar == "form":  # a flattened 自评表: 主管部门 the parent, 实施单位 the unit
        return [f"项目支出绩效自评表"] + ([f"({y})"] if y else []) + _form_cells(project, parent, unit), "project"
    raise ValueError(grammar)


def _form_cells(project: str, parent: str, unit: str) -> list[str]:
    """The head of a flattened project form, its cells in one of three flattenings (by the project)."""
    cells = [("项目名称", project + "项目"), ("主管部门", parent), ("实施单位", unit), ("项目负责人", "张明")]
    style = PROJECTS.index(project) % 3
    if style == 0:  # pipes
        return [" | ".join(f"{a} | {b}" for a, b in cells[:2]) + " |", " | ".join(f"{a} | {b}" for a, b in cells[2:]) + " |"]
    if style == 1:  # one cell a line
        return [c for pair in cells for c in pair]
    return ["".join(a + b for a, b in cells)]  # glued: labels and values written together


def role_line(unit: str, finance: str, project: str) -> str:
    """The sentence of the role grammar stating the unit's role in the project, in one of four
    phrasings met in real pages (heldout9 u007, u008, u020; pool p0210's 由…实施), by the project."""
    style = PROJECTS.index(project) % 4
    if style == 0:
        return f"项目组织实施单位为{unit}(以下简称“实施单位”)。"
    if style == 1:
        return f"该项目立项与管理使用单位及实施建设单位均为{unit}。"
    if style == 2:
        return f"根据上级文件要求,本项目由{unit}负责组织实施。"
    return f"{finance}及时将专项资金分配下达到{unit},按专项资金管理办法规范使用。"


def _body(unit: str, self_word: str, finance: str, year: int, kind: str, project: str, distractor: str,
          names_unit: bool, implicit: bool = False, parent: str = "", role: bool = False) -> str:
    lines = []
    if distractor == "evaluator":  # a commissioned evaluation's firm, calling itself 我所 (heldout9 u007)
        lines.append(f"受{finance}委托,湖南源涛联合会计师事务所(以下简称“我所”)对本级{project}资金进行了绩效评价,"
                     "现将评价结果报告如下。")
    if kind == "department":
        lines += ["一、部门基本情况", "(一)部门概况"]
    else:
        lines += ["一、项目基本情况", "(一)项目概况"]
    if role:
        lines.append(role_line(unit, finance, project))
    if names_unit or distractor == "verb_body":
        lines.append(f"{unit}承担了本级{project}的组织实施工作,内设机构5个。")
    else:
        lines.append(f"{self_word}主要负责本级{project}的组织实施工作,内设机构5个。")
    y = "" if implicit else f"{year}年度"
    if distractor == "verb_body":
        lines.append(f"根据{finance}关于开展{y}绩效自评工作的要求,{self_word}成立了自评工作小组。")
    else:
        lines.append(f"根据《{finance}关于开展{y}绩效自评工作的通知》要求,{self_word}成立了自评工作小组。")
    if distractor == "office":  # the unit's offices listed after 部门: (heldout9 u017)
        lines.append(f"{self_word}内设以下部门:办公室、财务股、业务股。")
    lines.append("(二)预算及执行情况")
    lines.append(f"{y or '本年度'}年初预算数为1234.56万元,全年预算数为1300.00万元,全年执行数为1250.00万元,执行率为96.15%。")
    if distractor == "budget_next":
        lines.append(f"在编制{year + 1}年部门预算时,{self_word}将进一步细化绩效目标。")
    if distractor == "span":
        lines.append(f"{year - 2}-{year}年,{self_word}连续三年安排{project}资金。")
    lines += ["二、绩效目标完成情况", f"{self_word}全面完成了年度绩效目标,自评得分95分。",
              "三、存在的问题及改进措施", "部分绩效指标不够细化,下一步将加强预算绩效管理。"]
    if distractor == "other_units":  # other place-named units, subjects of the body's sentences
        lines += [f"{finance}{year}年度下达{self_word}资金500万元。", f"{parent}是{self_word}的主管部门。"]
    if distractor == "plan_section":
        lines += [f"四、{year + 1}年工作计划", f"{year + 1}年,{self_word}将继续加强预算绩效管理,{year + 1}年还将完善制度。"]
    return "\n".join(lines)


def _chrome(distractor: str, year: int, parent: str, implicit: bool = False) -> list[str]:
    if distractor == "published" or (implicit and distractor != "parent_chrome"):
        return [f"发布时间:{year + 1}-05-10 10:20 浏览次数:"]
    if distractor == "parent_chrome":
        return [f"索引号:000014348/{year + 1}-01865 发布机构:{parent}", f"来源:{parent} 发布日期:{year + 1}-05-10"]
    if distractor == "dated_chrome":
        return [f"{year + 1}年05月10日 来源:本站 浏览次数:"]
    return []


def family() -> list[tuple[str, str, dict]]:
    """Every (file name, text, truth) of the family, in a fixed order."""
    out = []
    i = 0
    for layout in LAYOUTS:
        grammar, year_form = layout.split("/")
        for j, (unit, shape, self_word, finance, parent) in enumerate(UNITS):
            year = YEARS[(i + j) % len(YEARS)]
            kind = "department" if (i + j) % 2 == 0 else "project"
            project = PROJECTS[(i + j) % len(PROJECTS)]
            distractor = DISTRACTORS[(i + 2 * j) % len(DISTRACTORS)]
            if grammar == "chrome_only" and distractor in ("parent_chrome", "verb_body"):
                distractor = "published"  # the chrome and 我局 alone name the unit here
            y = year_text(year, year_form)
            if grammar == "form" and y:
                y = f"{year}年度"  # a form header: (2023年度)
            title, kind = title_lines(grammar, unit, y, kind, project, parent)
            implicit = year_form == "implicit"
            if year_form == "cn_line":  # the year alone under the title: 二〇二三年度
                at = 2 if grammar in ("two_lines", "unit_line") else 1
                title = title[:at] + [year_text(year, "cn")] + title[at:]
            chrome = _chrome(distractor, year, parent, implicit)
            # page chrome stands under the title on a portal's page (over it for a disclosure portal)
            head = chrome + title if distractor == "parent_chrome" else title + chrome
            body = _body(unit, self_word, finance, year, kind, project, distractor,
                         grammar in ("region_only", "no_title"), implicit or year_form == "cn_line", parent,
                         grammar == "role")
            text = "\n".join(head) + "\n" + body + "\n"
            truth = {"unit": unit, "year": year, "kind": kind, "layout": layout, "grammar": grammar,
                     "year_form": year_form, "distractor": distractor, "shape": shape}
            out.append((f"m{i:03d}_{j:02d}.txt", text, truth))
        i += 1
    return out


def gold_json(file: str, truth: dict) -> dict:
    """A gold file of ../shared/eval/README.md's format holding the metadata only."""
    return {"file": file, "unit_name": truth["unit"], "fiscal_year": truth["year"], "report_kind": truth["kind"],
            "amounts_wan": [], "amounts_raw": [], "table_amounts_wan": [], "percents": [], "percents_raw": [],
            "lengths_km": [], "lengths_raw": [], "facts": {}, "projects": [], "notes": truth["layout"]}


def main(argv: list[str]) -> None:
    """Write the family's texts and gold into OUTDIR."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from family_io import write_family

    write_family(Path(argv[0]) if argv else Path("synth_metadata"), family(), gold_json)


if __name__ == "__main__":
    main(sys.argv[1:])
