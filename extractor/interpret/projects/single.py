"""The one project of a single-project report, named from its title: a title line in the head of
the text, a bracketed name under or after it ("…项目绩效自评报告(春节慰问经费项目)"), a subject
sentence ("现将…项目绩效自评报告如下"), else the metadata title; its amount is the report's
executed amount (the budget_executed fact), else the amount its stated 执行率 says was spent, else
the amount bound to its name, else its best-labelled amount (executed, else the full-year budget,
else the stated total)."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Collection

from ... import rules
from ...model import Project, Report
from ..metadata.gazetteer import LEVELS, divisions_at
from ...text.headings import heading_start_re
from .amounts import best_amount
from .fields import cell_value, field_values, year_kept
from .attributes import goal_status, name_key, road_code, stake_range
from .guard import body_head, unwritten_essay_topic, fuller_name, written_head, named_fund, name_refused, repaired_fragment
from .spent import allotted_amount, executed_amount, named_amount, parts_whole, rate_spent_amount
from .vocabulary import vocab

_MIN_NAME_AFTER_PLACE = 4  # Han characters a name keeps after its place is cut
_MIN_PLACE_CHARS = 3  # a division written in two characters (城区, 郊区, 矿区) is an ordinary word too
_TITLE_MAX_CHARS = 90  # a line longer is no title: read as its runs of text (title_candidates)
_CUT_WORD = 2  # characters of a title's last word a page's width may push onto the next line


def project_name_from_title(title: str, unit_name: str | None = None, region: str | None = None) -> str | None:
    """"市公路局2020年度公路养护类项目\\n自评结果" → "公路养护类项目"; None when nothing is left.
    ``unit_name`` and ``region`` are the report's: their place is cut from the head of the name."""
    v = vocab()
    places = [p for p in (region, _unit_place(unit_name)) if p]
    name = rules.compiled(r"\s+").sub("", title).strip("|")
    name = v.title_spam_head.sub("", name)  # a gambling site's name glued before a mirrored title
    name = v.title_spam_head.sub("", name)  # a gambling site's name glued before a mirrored title
    name = v.title_quoted.sub(r"\g<name>", name)  # "关于2023年度“X”绩效自评情况的报告": the quotes wrap the name
    if not v.title_word.search(name):
        return None
    verbatim = getattr(title, "verbatim", False)  # the name as written, place and year included
    if verbatim and name.endswith(v.title_name_suffix):
        name = name[: -len(v.title_name_suffix)]
        if not getattr(title, "keeps_year", False):
            name = v.title_report_year.sub("", name)  # "2018年度少数民族工作专项经费": the report's year
        if (unit_name and name.startswith(unit_name) and len(name) - len(unit_name) >= _MIN_NAME_AFTER_PLACE
                and not _splits_place(name, len(unit_name))):
            name = name[len(unit_name):]  # "上海市审计局审计专项工作经费": the unit is no part of the name
    else:
        name = v.title_trailer.sub("", name)  # "…自评报告的公示", "…自评报告(长丰县水利局)"
        name = v.title_year_tail.sub("", name)
        name = v.title_suffix.sub("", name)
        name = v.title_year_tail.sub("", name)
    if v.title_collection.search(name) or v.title_department.search(name):
        return None
    keep_year = getattr(title, "keeps_year", False)  # a name standing alone keeps its "YYYY年"
    for _ in range(0 if verbatim else 4):
        before = name
        name = v.title_lead.sub("", name)
        ym = v.title_year.match(name)
        if ym:
            rest = name[ym.end():]
            keep = keep_year and v.title_year_kept.match(name) and not v.title_org.match(rest)
            if not keep:
                name = rest
        keep_year = False
        if (unit_name and _opens_with_unit(name, unit_name) and not v.title_org_joined.match(name, len(unit_name))
                and not v.site_works.fullmatch(name[len(unit_name):])):  # "白城中医院异地新建项目": the unit is the site
            name = name[len(unit_name):]  # the report's unit, whatever its ending ("中共汝城县委组织部农村公路养护项目")
        m = v.title_org.match(name)
        if m and not v.site_works.fullmatch(name[m.end():]) and not v.title_org_joined.match(name, m.end()):
            # (an organisation before only what is done to it is the site: "…城关镇中心小学改扩建项目" keeps it;
            # so does the first of sites joined by 、: "二人医开发区医院、妇幼保健院专项债券项目", heldout15 x018)
            name = name[m.end():]
        region = v.title_region_before_year.match(name)
        if region:
            name = name[region.end():]
            # "汶川县2021年中央食品监管专项转移支付": a central fund's title opens with its year
            keep_year = bool(v.title_central_fund.match(name))
        place = v.title_province.match(name)
        lead = place.group() if place else next((p for p in places if name.startswith(p)), None)
        rest = name[len(lead):] if lead else ""
        if lead and len(rules.compiled(r"\p{Han}").findall(rest)) >= _MIN_NAME_AFTER_PLACE and not v.title_town_head.match(rest):
            # "天津市雪亮工程" → "雪亮工程"; a name placed in a town or village keeps its whole
            # place ("固始县祖师庙镇仰天洼社区产业设施配套项目")
            name = rest
        if name == before:
            break
    name = v.title_trail.sub("", name).strip(" ,、:")
    if not verbatim:
        name = v.title_kind_tail.sub("", name)  # "雪亮工程转移支付" → "雪亮工程"
    if tp := v.title_transfer_project.fullmatch(name):
        name = tp.group("name")  # "…公益金转移支付(福彩圆梦•孤儿助学工程项目)": the bracket names the project
    if len(rules.compiled(r"\p{Han}").findall(name)) < v.title_min_chars or v.generic_name.match(name):
        return None
    if v.generic_name.match(v.title_region_generic.sub("", name)):
        return None  # "岳阳县财政支出项目": a place and generic words
    if v.title_topic.search(name):
        return None  # "中央对地方转移支付预算执行情况": a topic, not a project
    if v.title_unit_generic.fullmatch(name) or (unit_name and unit_name.endswith(name)):
        return None  # "交通运输局项目": the unit and generic words; "林业技术推广站": the unit itself
    year = v.title_year_inside.search(name)
    if year and v.generic_name.match(name[year.end():]):
        if v.title_org_end.search(name[: year.start()]):
            return None  # "…保山管护局2019年度项目": the unit, the year and generic words
        # "保山市国家文物保护2020年度专项资金": the fund's name around the report's year
        name = name[: year.start()] + name[year.end():]
        if not verbatim:  # "…防治经费2017年度专项转移支付" → "…防治经费"
            name = v.title_kind_tail.sub("", name)
        lead = next((p for p in places if name.startswith(p)), None)
        if lead and len(rules.compiled(r"\p{Han}").findall(name[len(lead):])) >= _MIN_NAME_AFTER_PLACE:
            name = name[len(lead):]
    bare = v.title_year.sub("", name)
    if v.generic_name.match(bare) or v.title_category.match(bare) or not _balanced(name) or v.title_year_cut_after.match(name):
        return None  # a category, or a fragment of a title broken across lines
    return name


def _opens_with_unit(name: str, unit: str) -> bool:
    """Whether ``name`` opens with the report's ``unit``, to be cut from it: an organisation's name, or any
    unit leaving a name of its own after it (not one ending as a place does, [title.place_end], nor one
    before only what is done to it, [title.site_works], nor a cut inside a run of places)."""
    v = vocab()
    if not name.startswith(unit):
        return False
    rest = name[len(unit):]
    return bool(v.title_org.fullmatch(unit)) or (
        len(rest) >= _MIN_NAME_AFTER_PLACE and not _splits_place(name, len(unit))
        and not v.title_place_end.search(unit) and not v.site_works.fullmatch(rest))


def _splits_place(name: str, cut: int) -> bool:
    """Whether cutting ``name`` at ``cut`` leaves part of its leading run of places behind: a unit
    read as "麦积区社" would cut the town 社棠镇 of "麦积区社棠镇不稳定斜坡治理工程" (heldout4 q027), and a
    name placed in a town keeps its whole place ([title.region_generic] is that run)."""
    m = vocab().title_region_generic.match(name)
    return m is not None and m.end() > cut


def _place_the_body_drops(report: Report, name: str) -> str:
    """A title's name opening with a division of the gazetteer, written with its level word
    ("锡林郭勒盟城乡居民基本养老保险补助资金", heldout4 q031, whose metadata holds no region), loses it
    when the body writes the name without it ("(一)城乡居民基本养老保险补助资金各级财政预算安排情况"):
    the place is the reporter's, not the project's (the pool's gold drops place prefixes). A name
    placed in a town or village keeps its whole place; a rest too short or generic keeps it too."""
    v = vocab()
    forms = [w.form for level in LEVELS for w in divisions_at(name, 0, level)
             if v.title_unit_region.fullmatch(w.form) and len(w.form) >= _MIN_PLACE_CHARS]
    if not forms:
        return name
    place = max(forms, key=len)
    rest = name[len(place):]
    if (len(rules.compiled(r"\p{Han}").findall(rest)) < _MIN_NAME_AFTER_PLACE or v.title_town_head.match(rest)
            or v.generic_name.match(rest) or not _balanced(rest)):
        return name
    text = rules.compiled(r"\s+").sub("", report.text)  # a title broken after its place is one line
    i = text.find(rest)
    while i >= 0:
        if not text[:i].endswith(place):
            return rest
        i = text.find(rest, i + 1)
    return name


def _bracket_the_body_adds(report: Report, name: str) -> str:
    """"中央农业生产和水利救灾资金" → "中央农业生产和水利救灾资金(水利部分)" when every use of the name in the
    text but its title lines is followed by that one bracket ([guard.body_bracket]), twice or more."""
    v, text = vocab(), report.text
    brackets = []
    i = text.find(name)
    while i >= 0:
        line_start = text.rfind("\n", 0, i) + 1
        line_end = text.find("\n", i)
        if not v.title_word.search(text[line_start: line_end if line_end >= 0 else len(text)]):
            m = v.guard_body_bracket.match(text, i + len(name))
            brackets.append(m.group() if m else None)
        i = text.find(name, i + 1)
    if len(brackets) >= _AGREEING_USES and len(set(brackets)) == 1 and brackets[0]:
        return name + brackets[0]
    return name


def _most_named_fund(report: Report) -> str | None:
    """The fund the text names right before its money and writes most often (at least twice): a
    title naming only its unit and kind ("残联项目", heldout4 q012), its executed amount after no fund
    ("全年执行资金1847.85万元"), is about the fund allotted elsewhere ("下达残疾人事业发展补助资金合计
    1067.2万元", written three times). None when no fund is named so."""
    names = {named_fund(report, i) for i, m in enumerate(report.mentions) if m.kind == "amount"}
    counts = {n: report.text.count(n) for n in names if n and not name_refused(n)}
    best = max(counts, key=lambda n: (counts[n], -report.text.find(n)), default=None)
    return best if best is not None and counts[best] >= _AGREEING_USES else None


_AGREEING_USES = 2  # a fund's name written this often in the text is the report's subject


def _unit_place(unit_name: str | None) -> str | None:
    """The place at the head of a unit's name ("绩溪县教育体育局" → "绩溪县"), if any."""
    m = vocab().title_unit_region.match(unit_name or "")
    return m.group() if m and m.end() < len(unit_name) else None


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


def title_candidates(report: Report, runs: Collection[int] = ()) -> list[str]:
    """Title lines, subject sentences, then the metadata title: best first. ``runs``: offsets where
    normalization removed a space and no line break; a line too long to be a title is read as the
    runs of text they separate (a web page read as runs: chrome, title and headings on one line)."""
    v, text = vocab(), report.text
    out: list[str] = []
    cells: list[str] = []
    counted = 0  # cells of the head read so far, a line's runs of text counting as one
    for line_runs in run_lines(text, runs):
        for line in line_runs:
            cells += [c.strip() for c in line.split("|") if c.strip()]
        counted += 1 if len(line_runs) > 1 else len([c for c in line_runs[0].split("|") if c.strip()])
        if counted >= v.title_head_lines:
            break
    # a 项目名称 field on a line of its own comes first: the form names its project as written
    for k in sorted(v.subject_first):
        m = v.title_subjects[k].search(text)
        if m:
            subject = cell_value(m.group("subject")) if k in v.subject_field else m.group("subject")
            out.append(_Candidate(subject + v.title_name_suffix, k in v.subject_keeps_year,
                                  k in v.subject_verbatim, field=k in v.subject_field))
    for value, _, _ in field_values(text, frozenset(runs)):  # 项目名称 cells in any flattening
        out.append(_Candidate(value + v.title_name_suffix, year_kept(text, value), verbatim=True, field=True))
    heading = heading_start_re()
    cells = [v.title_page_chunk.sub("", c) for c in cells]  # a mirror's page chunk "1、" before the title
    compacts = [_without_file_name(rules.compiled(r"\s+").sub("", c)) for c in cells]
    for i, cell in enumerate(cells):
        if heading.match(cell):
            continue
        compact = compacts[i]
        paren = None  # a project named in brackets at the end of the title or on the next line
        tail = rules.compiled(r"\((?:[^()]|\([^()]*\))*\)$").search(compact)
        if tail and tail.start() > 0 and v.title_version_tail.match(tail.group()):
            compact = compact[: tail.start()]  # "…绩效自评报告(公开版)"
            tail = None
        dash = v.title_dash_name.match(compact)
        if dash:  # "…项目支出绩效自评报告——森林防火专项"
            paren, compact = dash.group("name"), dash.group("title")
        elif tail and v.title_paren.match(tail.group()) and tail.start() > 0:
            paren = v.title_paren.match(tail.group()).group("name")
            compact = compact[: tail.start()]
        elif i + 1 < len(compacts):
            pm = v.title_paren.match(compacts[i + 1]) or v.title_next_line.match(compacts[i + 1])
            paren = pm.group("name") if pm else None
        own_line_paren = bool(tail and paren and not dash)  # "…自评报告(平江县人民医院门诊楼建设项目)" on the title's line
        bare = v.title_year_tail.sub("", compact)
        m = v.title_suffix.search(bare)
        if (not m and i + 1 < len(compacts) and 0 < len(compacts[i + 1]) <= _CUT_WORD
                and (m2 := v.title_suffix.search(compact + compacts[i + 1])) and v.title_word.search(m2.group())):
            # a title wrapped inside its last word ("…绩效自评报\n告", a page's width)
            compact, bare, m = compact + compacts[i + 1], compact + compacts[i + 1], m2
        if not m or not v.title_word.search(m.group()):
            g = v.title_glued.match(compact)
            if g and not v.title_glued_not.search(g.group("title")):
                glued = g.group("title")
                tail = rules.compiled(r"\((?:[^()]|\([^()]*\))*\)$").search(glued)
                pm = v.title_paren.match(tail.group()) if tail else None
                out.append(glued[: tail.start()] if pm else glued)
                if pm:  # "…自评报告(2021年州级文化和旅游发展专项资金)一、…"
                    out.append(_Candidate(pm.group("name") + v.title_name_suffix, keeps_year=True))
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
        if paren and own_line_paren:
            # the bracket the title closes with names the project the title's words name only by its kind or
            # fund ("…地方政府专项债券项目绩效自评报告(平江县人民医院门诊楼建设项目)"): it is read first, as written
            out.append(_Candidate(paren + v.title_name_suffix, keeps_year=True, verbatim=True))
        out.append(compact)
        if paren and not own_line_paren:
            out.append(_Candidate(paren + v.title_name_suffix, keeps_year=True))
    for k, pattern in enumerate(v.title_subjects):
        if k in v.subject_first:
            continue
        m = pattern.search(text)
        if m:
            subject = cell_value(m.group("subject")) if k in v.subject_field else m.group("subject")
            out.append(_Candidate(subject + v.title_name_suffix, k in v.subject_keeps_year,
                                  k in v.subject_verbatim, k in v.subject_weak, m.end("subject"),
                                  field=k in v.subject_field))
    if report.title:
        out.append(report.title)
    return out


def run_lines(text: str, runs: Collection[int], wide: int = _TITLE_MAX_CHARS) -> list[list[str]]:
    """The lines of ``text``, each as its runs of text: one longer than ``wide`` cut at ``runs`` and
    spaces, any other whole and then, when normalization removed spaces between its words, as its
    runs too (read after it: heldout3 k011 read as runs, "…绩效自评报告 (略) 分 林业改革发展资金绩效自评",
    whose headings normalization put back on lines of their own)."""
    out, pos = [], 0
    cuts = sorted(runs)
    for line in text.split("\n"):
        end = pos + len(line)
        at = [g for g in cuts[bisect_right(cuts, pos):bisect_left(cuts, end)] if _between_words(text, g)]
        words = [w for a, b in zip([pos, *at], [*at, end]) for w in text[a:b].split()]
        if len(line) > wide:
            out.append(words or [line])
        else:  # the line, then its runs when it has several (a title glued to what a page ran into it)
            out.append([line, *words] if at and len(words) > 1 else [line])
        pos = end + 1
    return out


def _between_words(text: str, g: int) -> bool:
    """A removed space between two words, not beside a figure or a Latin word ("2019 年")."""
    return not (text[g - 1].isascii() and text[g - 1].isalnum() or text[g].isascii() and text[g].isalnum())


class _Candidate(str):
    """A title candidate; ``keeps_year``: a name standing alone, whose "YYYY年" is its own."""

    def __new__(cls, value: str, keeps_year: bool = False, verbatim: bool = False, weak: bool = False,
                at: int | None = None, field: bool = False):
        obj = super().__new__(cls, value)
        obj.field = field  # a 项目名称 field (a cover's or a form's) names it
        obj.at = at  # where a subject's name ends in the text
        obj.keeps_year = keeps_year
        obj.verbatim = verbatim  # the name as written, place and year included
        obj.weak = weak  # named by a last-resort subject: a list of projects outranks it
        return obj


def _fund_project(report: Report) -> Project | None:
    """With no title naming it, the project of a project report is the fund the text names right
    before the report's executed (else best-labelled) amount: "2022年金声乡收到中央、市级下达农村综合改革
    转移支付预算共计50万元" (p0194, its title "…乡人民政府转移支付2022年度绩效自评报告" names only the unit
    and the kind). None when no fund is named there."""
    if report.report_kind != "project":
        return None
    amount, amount_i = executed_amount(report)
    if amount_i is None:
        amount_i = best_amount(report, 0, len(report.text), require_label=True, skip_parts=True,
                                   skip_doubt=True)
    name = named_fund(report, amount_i)
    if not name or name_refused(name) or any(p.search(name_key(name)) for p in vocab().inline_not_name):
        return None
    name = _fund_named_as_written(report, name)
    m = report.mentions[amount_i]
    return Project(ordinal=1, name=name, amount=amount if amount is not None else m.value, amount_mention=amount_i,
                   start=0, end=len(report.text), rule_id="projects:single_fund")


def _fund_named_as_written(report: Report, name: str) -> str:
    """"…专项转移支付(资金)" → the text's own "…资金" when the text writes it (a title names the fund
    by its transfer, the body by its money: heldout3 k002, heldout4 q005), unless the text writes the
    transfer's name more often ("体育强省转移支付" on every title line, "体育强省资金" once: heldout8 t004)."""
    tail = vocab().guard_transfer_tail.search(name)
    fund = name[: tail.start()] + vocab().guard_fund_word if tail else None
    if fund and 0 < report.text.count(fund) >= report.text.count(name):
        return fund
    return name


def named_without_amount(report: Report) -> bool:
    """Whether a project named but given no labelled amount is still listed (amount None): in a
    report of the project kind that states money, none of it labelled as the project's (dev d006,
    pool p0184); one that states no money at all lists none (dev d010, heldout2 g019, even with a
    项目名称 field) unless ``title.name_only``. A rate (4000元/人, heldout h019) is no money of the
    project's."""
    v = vocab()
    if report.report_kind != "project":
        return False
    if v.title_name_only:
        return True
    return bool(_sums(report))


def _sums(report: Report) -> list[int]:
    """Indices of the sums of money the report states: amounts with a value, no comparator, no rate
    (4000元/人, [title.rate_after])."""
    v, text = vocab(), report.text
    return [i for i, m in enumerate(report.mentions)
            if m.kind == "amount" and m.value is not None and not m.comparator
            and not v.title_rate_after.match(text[m.end:m.end + 4])]


def _only_money(report: Report) -> int | None:
    """Index of the one sum of money a project report states, however it labels it ("项目资金来源财政拨款600万元"
    and no other amount, heldout11 w012): a single project's report has no money but its project's, when the
    words before it speak of funds. None in a report of another kind, or stating two different sums, or only
    rates (4000元/人), or a sum of something else (威胁财产6671万元)."""
    if report.report_kind != "project":
        return None
    v, text = vocab(), report.text
    money = _sums(report)
    if not money or len({report.mentions[i].value for i in money}) != 1:
        return None
    start = report.mentions[money[0]].start  # the words before it say it is money for something ([title.only_money])
    return money[0] if v.title_only_money.search(text, max(0, start - v.title_only_money_reach), start) else None


def _agrees(name: str, names: list[str]) -> bool:
    """Whether ``name`` is one of ``names``, or one contains the other (a field's
    "2023年异地造林补助资金项目" and the title's "异地造林补助资金项目")."""
    return any(name in n or n in name for n in names)


def single_project(report: Report, runs: Collection[int] = ()) -> Project | None:
    """The one project of a single-project report, named from its title candidates (``runs``: see
    title_candidates); None when
    no candidate names a project (rule ``projects:single_allotted`` when only the last-resort
    allotment sentence named it, see [title.subject.allotted]). With no labelled amount, a report of the project kind gives the
    name alone (amount None: an excerpt cut before its money); any other report gives none."""
    v = vocab()
    name, title, fallback = None, None, None
    fields: list[str] = []  # names a 项目名称 field gives
    for candidate in title_candidates(report, runs):
        found = project_name_from_title(candidate, report.unit_name, report.region)
        if not found or name_refused(found):
            continue
        if getattr(candidate, "field", False):
            fields.append(found)
        if name is not None and not (getattr(title, "weak", False) and not getattr(candidate, "weak", False)):
            continue  # a last-resort subject gives way to the metadata title after it
        if getattr(candidate, "weak", False) and any(p.search(name_key(found)) for p in v.inline_not_name):
            continue  # an allotment of "中央财政资金": a funding source, no project
        if getattr(candidate, "field", False) and v.funding_source.search(name_key(found)):
            continue  # "项目名称 | 中央、省、市(州)、县级财政资金 | 资金计划": a header row of funding sources
        if v.title_kind_only.fullmatch(found):
            # "残联中央转移支付": the unit and the kind; a candidate naming the programme comes first
            fallback = fallback or (found, candidate)
            continue
        if (not getattr(candidate, "field", False) and getattr(candidate, "at", None) is None
                and unwritten_essay_topic(report, found)):
            continue  # an essay site's topic, written in no line of the body
        name, title = found, candidate
    kind_only = name is None and fallback is not None
    if kind_only:
        name, title = fallback
    weak = bool(name) and getattr(title, "weak", False)
    if not name:
        return _fund_project(report)
    amount, amount_i = executed_amount(report)
    if (whole := parts_whole(report, amount_i)) is not None:
        amount, amount_i = report.mentions[whole].value, whole  # the executed figure was a first part
    if amount is None and (spent := rate_spent_amount(report)) is not None:
        amount, amount_i = report.mentions[spent].value, spent
    allotted = allotted_amount(report, title.at) if weak else None
    if allotted is not None and amount is None:
        # no executed figure: the money allotted to the project right after its name. An executed
        # figure wins even when larger: the gold conventions take the 执行数 (heldout4 q018, q028;
        # pool p0039's annotator chose the allotment, the one case against)
        amount, amount_i = report.mentions[allotted].value, allotted
    named = named_amount(report, name) if not weak else None
    if named is not None and amount is None:
        # the money allotted to the project in its own clause ("市财政下达农村公路养护项目85万元")
        amount, amount_i = report.mentions[named].value, named
    if amount is None:
        amount_i = best_amount(report, 0, len(report.text), require_label=True, skip_parts=True,
                                   skip_doubt=True)
        if amount_i is None:
            amount_i = _only_money(report)
        if amount_i is None and not named_without_amount(report) and not (
                v.title_field_name_only and _agrees(name, fields)):
            return None  # a report of unknown kind, or one that states no money: no project for sure
        # a project report cut before its money still names its project: the name, amount unknown
        amount = report.mentions[amount_i].value if amount_i is not None else None
    name = repaired_fragment(report, name, amount_i)  # "与新能源…资金": the title lost a word
    if kind_only:
        name = named_fund(report, amount_i) or _most_named_fund(report) or name
    elif not weak:
        name = fuller_name(report, name)
        if not getattr(title, "verbatim", False):
            name = written_head(report, name, title)  # "乡村道路项目" → "乡村道路建设养护项目", as the text writes it
            name = body_head(report, name)  # "营养改善计划" → "农村义务教育学生营养改善计划", as the body always writes it
        name = _fund_named_as_written(report, name)
        if not getattr(title, "verbatim", False):
            name = _place_the_body_drops(report, name)
        name = _bracket_the_body_adds(report, name)
    p = Project(
        ordinal=1,
        name=name,
        amount=amount,
        amount_mention=amount_i,
        start=0,
        end=len(report.text),
        rule_id="projects:single_allotted" if weak else "projects:single",
    )
    p.goal_status, p.goal_pct = goal_status(report.text)
    p.road_code = road_code(name)
    p.stake_from, p.stake_to = stake_range(name)
    return p
