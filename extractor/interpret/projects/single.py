"""The one project of a single-project report, named from its title: a title line in the head of
the text, a bracketed name under or after it ("…项目绩效自评报告(春节慰问经费项目)"), a subject
sentence ("现将…项目绩效自评报告如下"), else the metadata title; its amount is the report's
best-labelled amount (executed, else the full-year budget)."""
from __future__ import annotations

from ... import rules
from ...model import Project, Report
from ...text.headings import heading_start_re
from .amounts import best_amount
from .attributes import goal_status, road_code, stake_range
from .vocabulary import vocab


def project_name_from_title(title: str, unit_name: str | None = None) -> str | None:
    """"市公路局2020年度公路养护类项目\\n自评结果" → "公路养护类项目"; None when nothing is left."""
    v = vocab()
    name = rules.compiled(r"\s+").sub("", title).strip("|")
    if not v.title_word.search(name):
        return None
    name = v.title_year_tail.sub("", name)
    name = v.title_suffix.sub("", name)
    name = v.title_year_tail.sub("", name)
    if v.title_collection.search(name) or v.title_department.search(name):
        return None
    keep_year = getattr(title, "keeps_year", False)  # a name standing alone keeps its "YYYY年"
    for _ in range(0 if getattr(title, "verbatim", False) else 4):
        before = name
        name = v.title_lead.sub("", name)
        ym = v.title_year.match(name)
        if ym:
            rest = name[ym.end():]
            keep = keep_year and v.title_year_kept.match(name) and not v.title_org.match(rest)
            if not keep:
                name = rest
        keep_year = False
        if unit_name and v.title_org.fullmatch(unit_name) and name.startswith(unit_name):
            name = name[len(unit_name):]
        m = v.title_org.match(name)
        if m:
            name = name[m.end():]
        region = v.title_region_before_year.match(name)
        if region:
            name = name[region.end():]
            keep_year = True  # "汶川县2021年中央食品监管专项转移支付": the year opens the fund's title
        if name == before:
            break
    name = v.title_trail.sub("", name).strip(" ,、:")
    if len(rules.compiled(r"\p{Han}").findall(name)) < v.title_min_chars or v.generic_name.match(name):
        return None
    bare = v.title_year.sub("", name)
    if v.generic_name.match(bare) or v.title_category.match(bare) or not _balanced(name) or v.title_year_cut_after.match(name):
        return None  # a category, or a fragment of a title broken across lines
    return name


def _balanced(name: str) -> bool:
    depth = 0
    for ch in name:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _without_file_name(cell: str) -> str:
    """"《…自评报告.docx》" → "…自评报告": a mirror site's file name read as a title."""
    m = vocab().title_file.match(cell)
    return m.group("title") if m else cell


def title_candidates(report: Report) -> list[str]:
    """Title lines, subject sentences, then the metadata title: best first."""
    v, text = vocab(), report.text
    out: list[str] = []
    cells: list[str] = []
    for line in text.split("\n"):
        for cell in line.split("|"):
            cell = cell.strip()
            if cell:
                cells.append(cell)
        if len(cells) >= v.title_head_lines:
            break
    heading = heading_start_re()
    compacts = [_without_file_name(rules.compiled(r"\s+").sub("", c)) for c in cells]
    for i, cell in enumerate(cells):
        if heading.match(cell):
            continue
        compact = compacts[i]
        paren = None  # a project named in brackets at the end of the title or on the next line
        tail = rules.compiled(r"\((?:[^()]|\([^()]*\))*\)$").search(compact)
        if tail and v.title_paren.match(tail.group()) and tail.start() > 0:
            paren = v.title_paren.match(tail.group()).group("name")
            compact = compact[: tail.start()]
        elif i + 1 < len(compacts):
            pm = v.title_paren.match(compacts[i + 1]) or v.title_next_line.match(compacts[i + 1])
            paren = pm.group("name") if pm else None
        bare = v.title_year_tail.sub("", compact)
        m = v.title_suffix.search(bare)
        if not m or not v.title_word.search(m.group()):
            g = v.title_glued.match(compact)
            if g and not v.title_glued_not.search(g.group("title")):
                out.append(g.group("title"))
            continue
        if i > 0 and (
            m.start() == 0  # the line is only the suffix: the title began a line above
            or not _balanced(compact[: m.start()])  # "二期)项目支出…": a bracket opened a line above
            or (v.title_year_cut_after.match(compact) and v.title_year_cut_before.search(compacts[i - 1]))  # "…2024年\n度…"
        ):
            compact = compacts[i - 1] + compact
        elif (
            i > 0
            and v.title_split_head.match(compacts[i - 1])
            and not v.title_word.search(compacts[i - 1])
            and not v.title_year_anywhere.search(compact)
        ):  # the title was broken across two lines: its first part, with the year, is above
            out.append(compacts[i - 1] + compact)
        out.append(compact)
        if paren:
            out.append(_Candidate(paren + v.title_name_suffix, keeps_year=True))
    for k, pattern in enumerate(v.title_subjects):
        m = pattern.search(text)
        if m:
            out.append(
                _Candidate(m.group("subject") + v.title_name_suffix, k in v.subject_keeps_year, k in v.subject_verbatim)
            )
    if report.title:
        out.append(report.title)
    return out


class _Candidate(str):
    """A title candidate; ``keeps_year``: a name standing alone, whose "YYYY年" is its own."""

    def __new__(cls, value: str, keeps_year: bool = False, verbatim: bool = False):
        obj = super().__new__(cls, value)
        obj.keeps_year = keeps_year
        obj.verbatim = verbatim  # the name as written, place and year included
        return obj


def single_project(report: Report) -> Project | None:
    """The one project of a single-project report, named from its title candidates; None when
    no candidate names a project or the report states no labelled amount."""
    name = None
    for title in title_candidates(report):
        name = project_name_from_title(title, report.unit_name)
        if name:
            break
    if not name:
        return None
    amount_i = best_amount(report, 0, len(report.text), require_label=True, skip_parts=True)
    if amount_i is None:
        return None
    p = Project(
        ordinal=1,
        name=name,
        amount=report.mentions[amount_i].value,
        amount_mention=amount_i,
        start=0,
        end=len(report.text),
    )
    p.goal_status, p.goal_pct = goal_status(report.text)
    p.road_code = road_code(name)
    p.stake_from, p.stake_to = stake_range(name)
    return p
