"""Choosing a report's metadata among its cues: title, unit, region, fiscal year, kind, template.

Every cue is a candidate ``(value, source, rank)``; the lowest rank wins, ties go to the earliest
in the text. The cues, strongest first:

* title lines near the top ("2024年度渌口区交通事务中心整体支出\\n绩效自评报告"), a unit on the line
  before the title, a 自评表 header "(2023年度)";
* form fields of a flattened 自评表 (实施单位, 资金使用单位, 单位名称 … 部门:, 主管部门);
* a body sentence naming the report ("现将2022年西平县交通运输局……报告如下");
* page chrome: "发布机构: …", "来源: …", breadcrumbs "首页 >> … >> 牟定县交通运输局 >> 正文" (an
  internal office such as "来源:财务科" is never the unit; a publisher yields to a unit of its place the
  report names itself, and a giver of the money to the unit it gave to: vote.py, settle_unit);
* the unit's own report cited in the body (《大英县民政局2020年部门整体支出绩效评价报告》);
* a unit the body states in a role: the project's implementer or owner (项目实施单位为X, 由X实施), the
  recipient of its funds (下达到X), its superior (主管部门为X), each at its own rank (stated.py);
* the file name; an alias "山东省残疾人联合会(以下简称…)"; a signature at the end;
* the place-named subject of a body sentence ("绵阳市科学技术局主要有……"), a last resort;
* body counts (years written 2023年度, 部门基本情况 / 项目资金 wording).

``describe`` runs before the forms stage; ``fill_from_forms`` runs after it and takes the unit (and a
missing year) from the parsed 自评表 when describe found none or only a cue weaker than a form field.
Both return a :class:`~extractor.model.Metadata`; the pipeline puts it on the Report.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import replace
from pathlib import Path

from ... import rules
from ...model import Form, Metadata, RawDocument
from .body import (alias_units, body_kind, dated_units, evaluated_unit, glued_signature_unit, heading_kind, self_named_unit,
                   self_word_units, signature_unit, subject_units)
from .chrome import breadcrumb, is_chrome_line, outside_chrome, source_lines
from .fields import form_fields, form_unit, project_cues
from .fuller import fuller_name, place_of_level
from .stated import role_units
from .lexicon import (expand_region, expand_unit, is_region, is_unit, level_start, normalize_unit,
                      region_of, suffix_ends)
from .vote import Cue, drop_evaluators, field_yields, giver_yields, office_yields, publisher_yields
from .title import head_titles, in_collection, intro_titles, is_title, neighbour_unit, parse_title, references, template_of, undertaking
from .years import (body_year, dated_line_year, event_year, filed_year, form_header_year, forward_year, period_year,
                    published_year, title_header_year, year_end)

# Ranks: lower is stronger (form fields carry theirs in metadata.toml: 实施单位 30 … 主管部门 120).
R_TITLE, R_TITLE_OTHER = 10, 12
# A unit alone beside a title (保山市农业农村局 over 2019年度部门整体支出绩效自评报告) may also be a web
# site's name, so page chrome that names a unit, and 实施单位, come first.
R_TITLE_NEIGHBOUR = 57
R_INTRO, R_FORM_HEADER, R_FORM_KIND = 20, 22, 25
R_REFERENCE_YEAR, R_PATH_YEAR, R_BODY_YEAR = 40, 45, 60
R_DATED_LINE_YEAR = 81  # "2016年5月" alone on a cover's line → 2015, after a labelled filing date
R_FILED_YEAR = 80  # 填报日期:2022年2月3日 → 2021: only when no text names the year
R_YEAR_END = 62  # 截至2024年12月31日, after the body's counts
R_PUBLISHED_YEAR = 89  # 发布时间:2022-08-15 → 2021, last of all: a page is republished years later
R_FORWARD_YEAR = 83  # 编制2024年部门预算 → 2023: after a filing date, before the publication date
R_TITLE_HEADER = 9  # "(2024年度)" under a title whose 2023年 names the funds
R_PATH_KIND = 30  # kinds at or below this rank are "from a title"; others yield to not_report
R_SOURCE, R_BREADCRUMB, R_REFERENCE, R_ALIAS, R_SIGNATURE, R_PATH_UNIT = 50, 55, 60, 70, 75, 90
R_SOURCE_RELAXED = 110
# page chrome's publisher yields to a unit of its place the report names itself: vote.publisher_yields
# (it replaced the demotion of a publisher the text never names, R_CHROME_UNSEEN: 发布机构 新化县卫生健康局
# over 新化县人民医院's report)
# "责任部门 | 民乐县博物馆" beside "发布机构 | 民乐县文体广电和旅游局": the unit responsible for the page
# is the reporting one, its superior publishes it
R_SOURCE_RESPONSIBLE = 48
R_SUBJECT = 100
R_DATED = 95  # "XX支队编制2024年部门预算时": the unit named with its year, most often, in the body  # a unit opening a body sentence: a last resort before weak page chrome
# "XX厅、财政厅认真组织开展了2024年度……补助资金绩效自评工作": who carried the self-assessment out; a
# 财政局 organising others' assessments may read alike, so this yields to every title, form and chrome cue.
R_UNDERTAKING = 65
R_SELF_WORD = 97  # "我厅" and 陕西省应急管理厅 named in the body, after the units a body dates
R_EVALUATED = 102  # "对方城县动物疫病预防控制中心…经费进行了绩效评价": the unit an evaluation covers
R_EVENT_YEAR = 88  # "2020年11月10日,…改建": the one year the body's events are dated in, last of all
R_SELF_NAMED = 105  # "我公路建设养护中心": the unit naming itself, only when nothing better
R_PERIOD_YEAR = 50  # 项目起止时间2021年1月起至2021年12月止
# A unit a form states (实施单位 / 资金使用单位) as forms.extract_forms reads it; see fill_from_forms.
R_FORM_UNIT = 30
R_BODY_KIND = 60
# the kind of a title heading a site's collection of samples ("乡镇项目绩效自评报告(精选4篇)") that the
# report's own wording contradicts: it names the genre; the report's first heading and wording come
# first ([title] collection)
R_COLLECTION_KIND = 61
R_HEADING_KIND = 40  # "一、项目基本情况": the first heading of the body, as its template opens


_re = rules.compiled


def _conf() -> dict:
    return rules.load("metadata")


class _Field:
    """The candidates for one field; ``best`` is the strongest, the earliest on a tie."""

    def __init__(self, cut=None):
        self.cands: list[Cue] = []
        self.cut = cut  # mends a value (a unit name glued to the words before it)

    def add(self, value, source: str, rank: int, order: int = 0):
        """A candidate ``value`` from ``source`` (None is no candidate); ``order`` breaks rank ties."""
        if value is not None:
            self.cands.append(Cue(rank, order, self.cut(value) if self.cut else value, source))

    def best(self):
        """The winning candidate (a Cue), or None."""
        return min(self.cands, key=lambda c: (c.rank, c.order)) if self.cands else None


def describe(text: str, raw: RawDocument | None = None, gaps: Collection[int] = ()) -> Metadata:
    """The metadata of a report's normalized ``text`` (``raw`` adds its tables and file name):
    title, unit_name(_normalized), region, fiscal_year, report_kind, template, unit_rank, and
    metadata_sources (field → "title", "form:<label>", "body", "source_line", "breadcrumb",
    "filed", "chrome" (the publication date) or "path"; "+body" when a fuller name or region was
    found in the body). ``gaps``: offsets of ``text`` where normalization removed spaces or joined
    lines, boundaries a title or a unit name does not cross (a web page read as runs of text)."""
    lined = runs_as_lines(text, gaps)  # the body's cues, on a page read as runs of text
    unit, year, kind, region = _Field(cut=lambda v: unit_after_gap(v, text, gaps)), _Field(), _Field(), _Field()
    body_max = _conf()["kind"]["body_max_chars"]

    # titles at the top
    titles = [t for t in head_titles(text, gaps) if not is_chrome_line(t.text)]  # a breadcrumb is no title
    best_title = max(titles, key=lambda t: (t.score(), not t.in_run, not t.file_name, -t.start)) if titles else None
    # a site's collection of samples: its title names the genre; the report's own wording, when it says
    # otherwise, decides (a heading alone does not: 一、单位概况 opens project reports too, pool p0029)
    collection = (best_title is not None and in_collection(text, best_title)
                  and body_kind(text) not in (None, best_title.kind))
    for t in titles:
        rank = R_TITLE if t is best_title else R_TITLE_OTHER
        unit.add(t.unit, "title", rank, t.start)
        year.add(t.year, "title", rank, t.start)
        kind.add(t.kind, "title", R_COLLECTION_KIND if collection else rank, t.start)
        region.add(t.region, "title", rank, t.start)
        if t.unit is None:
            unit.add(neighbour_unit(text, t), "title", R_TITLE_NEIGHBOUR, t.start)
    year.add(form_header_year(text, best_title.end if best_title else None), "title", R_FORM_HEADER)
    if best_title and best_title.year and not best_title.year_du:
        header = title_header_year(text, best_title.end)
        if header and header != best_title.year:
            year.add(header, "title", R_TITLE_HEADER)

    # form fields
    for value, name, rank, pos in form_fields(text, getattr(raw, "tables", None)):
        unit.add(value, f"form:{name}", rank, pos)
    for cue, pos in project_cues(text):
        kind.add("project", f"form:{cue}", R_FORM_KIND, pos)

    # the report named in a body sentence
    intro = intro_titles(text)
    for t in intro:
        unit.add(t.unit, "body", R_INTRO, t.start)
        year.add(t.year, "body", R_INTRO, t.start)
        kind.add(t.kind, "body", R_INTRO, t.start)
        region.add(t.region, "body", R_INTRO, t.start)

    # page chrome
    own_text = outside_chrome(lined)
    for i, (value, named, label) in enumerate(source_lines(lined)):
        rank = R_SOURCE_RESPONSIBLE if label in _conf()["source_line"]["responsible"] else R_SOURCE
        if _re(_conf()["source_line"]["portal_owner"]).search(value):
            rank = R_SOURCE_RELAXED  # "来源: 西平县人民政府": the portal's owner, not the reporting unit
        if not named and len(value) not in suffix_ends(value):
            continue  # "来源:个人儿子成长之路" (an essay site's poster, pool p0301): no organisation's name
        unit.add(value, "source_line", rank if named else R_SOURCE_RELAXED, i)
    unit.add(breadcrumb(lined), "breadcrumb", R_BREADCRUMB)

    # the file name
    path_title = None
    if raw is not None and getattr(raw, "path", None):
        stem = Path(raw.path).name.split(".")[0]
        if is_title(stem):
            path_title = parse_title(stem, 0, "path")
            unit.add(path_title.unit, "path", R_PATH_UNIT)
            year.add(path_title.year, "path", R_PATH_YEAR)
            kind.add(path_title.kind, "path", R_PATH_KIND)
            region.add(path_title.region, "path", R_PATH_UNIT)

    # the unit's own report cited in the body
    refs = references(text)
    for t in refs:
        unit.add(t.unit, "body", R_REFERENCE, t.start)
        year.add(t.year, "body", R_REFERENCE_YEAR, t.start)
    ref_kinds = {t.kind for t in refs}
    titled_kind = kind.best() is not None and (kind.best().rank <= R_PATH_KIND or kind.best().rank == R_COLLECTION_KIND)
    kconf = _conf()["kind"]
    own = _re(kconf["body_ignore"]).sub("", text)  # a report cited 《……》 (an attachment) is not held
    not_report = (not titled_kind and any(w in text for w in kconf["not_report"])
                  and not any(w in own for w in kconf.get("holds_report", [])))
    if not not_report:
        if len(ref_kinds) == 1:
            kind.add(next(iter(ref_kinds)), "body", R_REFERENCE)
        kind.add(heading_kind(text), "body", R_HEADING_KIND)
        kind.add(body_kind(text), "body", R_BODY_KIND)

    # body cues
    for value, pos in alias_units(lined):
        unit.add(value, "body", R_ALIAS, pos)
    for value, rank, role, pos in role_units(lined):  # 项目实施单位为X, 由X实施, 下达到X, 主管部门为X
        unit.add(value, f"body:{role}", rank, pos)
    unit.add(signature_unit(lined), "body", R_SIGNATURE)
    unit.add(glued_signature_unit(lined), "body", R_SIGNATURE)
    for value, pos in dated_units(lined):
        unit.add(value, "body", R_DATED, pos)
    for value, pos in self_word_units(own_text):  # what the report calls itself, not its portal
        unit.add(value, "body", R_SELF_WORD, pos)
    for value, pos in subject_units(lined)[:1]:
        unit.add(value, "body", R_SUBJECT, pos)
    for t in undertaking(lined[:body_max]):
        unit.add(t.unit, "body", R_UNDERTAKING, t.start)
        year.add(t.year, "body", R_REFERENCE_YEAR, t.start)
        if not not_report:
            kind.add(t.kind, "body", R_BODY_KIND, t.start)
    unit.add(self_named_unit(lined[:body_max]), "body", R_SELF_NAMED)
    unit.add(evaluated_unit(lined), "body", R_EVALUATED)
    year.add(period_year(lined), "body", R_PERIOD_YEAR)
    year.add(body_year(lined), "body", R_BODY_YEAR)
    year.add(filed_year(lined), "filed", R_FILED_YEAR)
    year.add(dated_line_year(lined), "filed", R_DATED_LINE_YEAR)
    year.add(year_end(lined), "body", R_YEAR_END)
    year.add(forward_year(lined), "body", R_FORWARD_YEAR)
    year.add(published_year(lined), "chrome", R_PUBLISHED_YEAR)
    year.add(event_year(lined), "body", R_EVENT_YEAR)

    found: dict = {}
    sources: dict[str, str] = {}
    title = best_title or (intro[0] if intro else None) or path_title
    if title:
        found["title"] = title.text
        sources["title"] = title.source
    unit_name = None
    if (b := settle_unit(unit.cands, unit.best(), text)) is not None:
        unit_name, sources["unit_name"] = b.value, b.source
        found["unit_rank"] = b.rank
        fuller = expand_unit(unit_name, text) or fuller_name(unit_name, text, [c.value for c in unit.cands])
        if fuller:
            unit_name = fuller
            sources["unit_name"] = f"{b.source}+body"
        found["unit_name"] = unit_name
        found["unit_name_normalized"] = normalize_unit(unit_name)
    if (b := year.best()) is not None:
        found["fiscal_year"], sources["fiscal_year"] = b.value, b.source
    if (b := kind.best()) is not None:
        found["report_kind"], sources["report_kind"] = b.value, b.source
    reg = region_of(unit_name)
    reg_source = sources.get("unit_name")
    if not reg and (b := region.best()) is not None:
        reg, reg_source = b.value, b.source
    if not reg and unit_name and (place := place_of_level(unit_name, text)):
        reg, reg_source = place, f"{reg_source}+body"  # 区农业农村局 in a report on 五华区
    if reg:
        found["region"] = expand_region(reg, text)
        sources["region"] = reg_source if found["region"] == reg else f"{reg_source}+body"
    if found.get("title") and found.get("report_kind"):
        found["template"] = template_of(found["title"], found["report_kind"])
        if found["template"]:
            sources["template"] = sources.get("title", "title")
    return Metadata(**found, metadata_sources=sources)


def settle_unit(cands: list[Cue], winner: Cue | None, text: str) -> Cue | None:
    """The winning unit candidate once the roles the report gives its candidates are read
    (vote.py): an evaluator is no candidate (drop_evaluators); a unit that made the form or gave the
    money yields (giver_yields), then page chrome's publisher yields to a unit of its place the report
    names itself (publisher_yields), and an office inside a unit to the unit (office_yields); first, a
    title's unit running on past the unit a form field names yields to it (field_yields)."""
    kept = drop_evaluators(cands, text)
    if len(kept) < len(cands):
        cands = kept
        winner = min(cands, key=lambda c: (c.rank, c.order)) if cands else None
    if winner is None:
        return None
    winner = field_yields(cands, winner) or winner
    winner = giver_yields(cands, winner, text) or winner
    winner = publisher_yields(cands, winner, text) or winner
    return office_yields(cands, winner, text) or winner


def runs_as_lines(text: str, gaps: Collection[int]) -> str:
    """``text`` with each line wider than any a report writes ([head] wide_line_chars) broken again
    at the ``gaps`` inside it, where normalization removed spaces or joined lines: a web page read
    as runs of text has its title, chrome and headings back on lines of their own."""
    wide = _conf()["head"]["wide_line_chars"]
    cuts, pos = [], 0
    for line in text.split("\n"):
        if len(line) > wide:
            cuts += [g for g in gaps if pos < g < pos + len(line) and not _joins_figure(text[g - 1], text[g])]
        pos += len(line) + 1
    if not cuts:
        return text
    out, last = [], 0
    for g in sorted(cuts):
        out += [text[last:g], "\n"]
        last = g
    out.append(text[last:])
    return "".join(out)


def _joins_figure(a: str, b: str) -> bool:
    """A removed space beside a figure or a Latin word ("2019 年", "X 省"): no run's boundary."""
    return a.isascii() and a.isalnum() or b.isascii() and b.isalnum()


def unit_after_gap(value: str, text: str, gaps: Collection[int]) -> str:
    """``value`` without the words before a place where normalization removed a space or a line
    break (``gaps``), when what follows is a unit named by its place: a heading or portal chrome run
    into the unit's name ("项目资金执行情况¦市交通运输局", "时效性有效¦中共开远市委党校"). A name written
    with a space after its region ("湖南省 交通运输厅") is kept whole."""
    if not gaps or not isinstance(value, str) or (at := text.find(value)) < 0:
        return value
    for g in sorted(g for g in gaps if at < g < at + len(value)):
        head, tail = value[: g - at], value[g - at:]
        if is_unit(tail) and (region_of(tail) or level_start(tail)) and not is_region(head) \
                and not is_unit(head):
            return tail
    return value


def fill_from_forms(meta: Metadata, forms: list[Form], text: str) -> Metadata:
    """``meta`` with the unit and year of the report's parsed self-assessment forms.

    describe() runs before the forms are parsed, so a unit the forms stage reads from a 实施单位 /
    资金使用单位 cell that describe() could not cut from the flattened text is taken here — when the
    report has no unit yet, or only one from a cue weaker than a form field (page chrome, a signature,
    a 主管部门, the file name). The forms must agree on the unit (a department report with the forms of
    several units attached keeps its own). The fiscal year is taken from a form only when missing.
    metadata_sources records "forms" (the forms stage) for either.
    """
    units = []
    for f in forms or []:
        u = form_unit(f.unit_name)
        if u and u not in units:
            units.append(u)
    rank = meta.unit_rank
    if meta.unit_name is None:
        weak = True
    elif rank is not None:
        weak = rank > R_FORM_UNIT
    else:  # a report described elsewhere: judge by the source alone
        weak = meta.metadata_sources.get("unit_name") in _conf()["form"]["weaker_sources"]
    sources = dict(meta.metadata_sources)
    changes: dict = {}
    if len(units) == 1 and weak and units[0] != meta.unit_name:
        unit_name = units[0]
        changes["unit_rank"] = R_FORM_UNIT
        sources["unit_name"] = "forms"
        fuller = expand_unit(unit_name, text) or fuller_name(unit_name, text, units)
        if fuller:
            unit_name = fuller
            sources["unit_name"] += "+body"
        changes["unit_name"] = unit_name
        changes["unit_name_normalized"] = normalize_unit(unit_name)
        reg = region_of(unit_name)
        if reg:
            changes["region"] = expand_region(reg, text)
            sources["region"] = sources["unit_name"] if changes["region"] == reg else f"{sources['unit_name']}+body"
    if meta.fiscal_year is None:
        years = [f.fiscal_year for f in forms or [] if f.fiscal_year]
        if years:
            changes["fiscal_year"] = Counter(years).most_common(1)[0][0]
            sources["fiscal_year"] = "forms"
    return replace(meta, **changes, metadata_sources=sources)
