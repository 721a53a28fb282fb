"""The title grammar: what a report title states (unit, region, year, kind) and where titles are.

"2024年度渌口区交通事务中心整体支出\\n绩效自评报告" at the head of a report is one title broken over
two lines: unit 渌口区交通事务中心, year 2024, kind department. Titles are also found in a body
sentence naming the report ("现将……报告如下"), cited in the body (《……绩效评价报告》), in an
undertaking sentence ("……厅认真组织开展了2024年度……绩效自评工作") and in the file name. The patterns
live in patterns/metadata.toml ([head], [title], [year], [kind], [template]).
"""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace

import regex

from ... import rules
from ...text.headings import heading_start_re
from ...text.segment import templates
from .chrome import head_line_spans
from .lexicon import clean_unit, is_region, is_township, is_unit, level_start, region_of, suffix_ends, trim_to_unit

_re = rules.compiled


def _conf() -> dict:
    return rules.load("metadata")


@dataclass
class TitleInfo:
    """A title found in the text (or the file name) and what it states."""

    text: str
    start: int
    end: int
    source: str
    unit: str | None = None
    region: str | None = None
    year: int | None = None
    kind: str | None = None
    year_du: bool = False  # the year written 2023年度 (not 2023年, which may name funds: 2023年…补助资金)
    file_name: bool = False  # "….pdf": a document-sharing site's file name, yields to a title on a tie
    in_run: bool = False  # read inside a longer run of text (in_runs): yields to a title line on a tie

    def score(self) -> int:
        """How complete the title is: one point each for a unit, a year, a kind and a report word
        at its end; the most complete title at the head is the report's."""
        ends = title_core(self.text).endswith(tuple(_conf()["title"]["complete_endings"]))
        return (self.unit is not None) + (self.year is not None) + (self.kind is not None) + ends


# ----------------------------------------------------------------------------- one title
def year_value(raw: str) -> int | None:
    """A year as written: "2023" or 二〇二三 → 2023; None for other characters."""
    if raw.isdigit():
        return int(raw)
    digits = _conf()["year"]["numerals"]
    try:
        return int("".join(str(digits[ch]) for ch in raw))
    except KeyError:
        return None


def strip_tail(s: str) -> str:
    """A title without the web site name (or file extension) after it."""
    for p in _conf()["title"]["strip_tail"]:
        s = _re(p).sub("", s)
    return s.strip()


def strip_lead(s: str) -> str:
    """A title without 附件3 / 关于 before it and a web site name after it."""
    for p in _conf()["title"]["strip_lead"]:
        s = _re(p).sub("", s)
    return strip_tail(s)


def strip_form_header(s: str) -> str:
    """A title without its form header "(2023年度)"."""
    return _re(_conf()["year"]["form_header"]).sub("", s).strip()


def title_core(s: str) -> str:
    """A title without its form header "(2023年度)" and a trailing note "(整体支出和……专项支出)"."""
    s = strip_form_header(s)
    core = _re(_conf()["title"]["trailing_note"]).sub("", s)
    return core if core else s


def is_title(s: str) -> bool:
    """Whether a line (or table cell, or two lines joined) reads as a report title."""
    s = title_core(strip_lead(s.strip().lstrip(_conf()["head"]["bullets"])))
    if len(s) < _conf()["head"]["title_min_chars"] or len(s) > _conf()["head"]["title_max_chars"] or _re(_conf()["title"]["never_contains"]).search(s):
        return False
    if heading_start_re().match(s):
        return False
    if (m := _re(_conf()["title"]["wrapper"]).match(s)) and is_title(m.group("title")):
        return True
    return any(_re(p).search(s) for p in _conf()["title"]["patterns"])


def kind_of(s: str, rules_key: str = "title") -> str | None:
    """department | project as the words of a title (or, with "body", of a body) select it."""
    for rule in _conf()["kind"][rules_key]:
        if any(w in s for w in rule["words"]):
            return rule["kind"]
    return None


def _inside_township(s: str, unit: str) -> bool:
    """Whether the unit ``s`` starts with ends inside a township's name written after its county
    ("麦积区社" of "麦积区社棠镇不稳定斜坡治理工程": 社棠镇 is a town, 社 no suffix there)."""
    region = region_of(unit)
    if not region or not s.startswith(unit):
        return False
    at = s.find(region) + len(region)  # after a lead such as 中共
    if len(unit) - at > 2:
        return False  # "中共新化县委组织部乡村振兴…": a unit of its own words ends there, no town's first character
    return any(is_township(s[at:end]) for end in range(len(unit) + 1, min(len(s), at + 8) + 1))


def unit_in_phrase(s: str, region_needed: bool = False) -> str | None:
    """The unit at the start of a title phrase: up to a stop word, back to the last suffix.

    The first stop word that leaves a unit wins ("XX县项目评审中心部门整体支出" reads past 项目).
    With ``region_needed`` the unit must start with a region or a level word (市公路局), or stand
    before a department's words ("第二福利院部门整体支出"), so a project named after its site
    ("公路养护站建设项目") is no unit; nor is a site followed by what the project does to it
    ("…垃圾转运站提升改造项目").

    "渌口区交通事务中心整体支出绩效自评报告" → 渌口区交通事务中心;
    "西平县交通运输局财政衔接推进乡村振兴资金项目" → 西平县交通运输局.
    """
    s = strip_lead(s).lstrip(" (:")
    conf = _conf()["unit"]
    cuts = {m.start() for w in conf["stop_words"] for m in _re(regex.escape(w)).finditer(s)}
    for m in _re(conf["document_number"]["pattern"]).finditer(s):
        cuts.update(range(m.start("head") + 1, m.end("head")))  # the issuer's short name is glued on
    cuts = sorted(cuts)
    site = False
    for cut in cuts + [len(s)]:
        unit = trim_to_unit(s[:cut]) if cut else None
        if unit and s.startswith(unit) and _re(conf["bond_issuer"]["pattern"]).match(s, len(unit) - 2):
            continue  # "江苏省政府|专项债券": the bonds' issuer, no reporting unit
        if unit and _re(conf["project_object"]).match(s, len(unit)):
            # "…垃圾转运站提升改造项目": the site a project builds, not the unit; a unit may stand before it
            # ("攸县交通运输局义务教育薄弱学校改造补助资金…")
            site = True
            unit = _before_site(s, unit)
            if unit is None:
                continue
        if unit and _inside_township(s, unit):
            continue  # "麦积区社棠镇…治理工程": 社 begins the town's name 社棠镇, no unit ends there
        named = region_of(unit) or level_start(unit) or s.startswith(tuple(conf["department_stops"]), cut)
        if unit and (not region_needed or named):
            return unit
        if cut and is_township(s[:cut]):
            return s[:cut]  # "田心乡部门整体支出绩效自评报告": the township's government
    return None if site else township_prefix(s)


def _before_site(s: str, site: str) -> str | None:
    """The longest place-named unit the name of a project's ``site`` starts with, itself no site, with a
    name of its own after it ("攸县交通运输局" before "义务教育薄弱学校"): a bare suffix word after it goes on the
    same name ("…安定镇中心" before "卫生院" is 安定镇中心卫生院, the site)."""
    for e in reversed(suffix_ends(site)):
        u = site[:e]
        if (e < len(site) - _SITE_OWN_NAME and is_unit(u) and region_of(u)
                and not _re(_conf()["unit"]["project_object"]).match(s, e)):
            return u
    return None


_SITE_OWN_NAME = 3  # characters a site's name must hold after a unit before it: more than a suffix word (卫生院, 中学)


def township_prefix(s: str) -> str | None:
    """A place and a township at the start of a phrase ("隆回县七江镇乡村振兴专项资金" → 隆回县七江镇)."""
    region = region_of(s)
    if not region:
        return None
    m = _re(_conf()["region"]["township_prefix"]).match(s, len(region))
    return s[: m.end()] if m and is_township(m.group(0)) else None


def parse_title(text: str, start: int = 0, source: str = "title") -> TitleInfo:
    """Unit, region, year and kind as a title states them."""
    stripped = strip_tail(text)
    file_name = _re(_conf()["title"]["file_extension"]).search(text.strip()) is not None
    text = stripped
    wrapped = _re(_conf()["title"]["wrapper"]).match(text)
    if wrapped and is_title(wrapped.group("title")):  # 关于印发《X2023年度…自评报告》的通知: X's report
        inner = parse_title(wrapped.group("title"), start + wrapped.start("title"), source)
        if inner.unit:  # else the issuer sends its own: "X关于报送2023年度…报告的报告"
            return replace(inner, text=text, start=start, end=start + len(text), file_name=file_name)
    info = TitleInfo(text=text, start=start, end=start + len(text), source=source, file_name=file_name)
    t = strip_lead(text)
    if m := _re(_conf()["title"]["bracketed_unit"]).match(t):  # "[中共新化县委组织部]2023年度…", "[绩效公开]…"
        t = (m.group("unit") if is_unit(clean_unit(m.group("unit"))) else "") + t[m.end():]
    t = _re(_conf()["title"]["placeholder"]).sub("", t)  # "中方县部门(单位)2022年度交通运输局…"
    years = [m for m in _re(_conf()["year"]["pattern"]).finditer(t)]
    if not years:
        years = [m for m in _re(_conf()["year"]["title_bare"]).finditer(t)]
    if years:
        chosen = next((m for m in years if "du" in m.re.groupindex and m.group("du")), years[0])
        info.year = year_value(chosen.group("year"))
        info.year_du = "du" in chosen.re.groupindex and bool(chosen.group("du"))
        first = years[0]
        pre = t[: first.start()].strip(" (")
        post = t[first.end():]
        if pre:
            pre = clean_unit(pre)
            if is_region(pre):
                info.region = pre
            else:  # a township alone names its government: "鸡飞镇2022年农村危房改造项目自评报告"
                info.unit = pre if is_unit(pre) or is_township(pre) else unit_in_phrase(pre)
    else:
        post = t
    if info.unit is None:
        info.unit = unit_in_phrase(post, region_needed=True)
        if info.region and (own := info.unit or unit_in_phrase(post)) and not region_of(own) and not level_start(own):
            info.unit = info.region + own  # "中方县2022年度交通运输局…": the place before the year, the unit after
    if info.unit is None and (m := _re(_conf()["title"]["trailing_unit"]).search(t)):
        own = clean_unit(m.group("unit"))  # "…自评报告(长丰县水利局)": the unit signs after the title
        if is_unit(own) and region_of(own):  # a short form ("市场监管经开区分局") yields to the body's full name
            info.unit = own
    info.kind = kind_of(strip_form_header(t))
    return info


# ----------------------------------------------------------------------------- titles in a text
def head_titles(text: str, gaps: Collection[int] = ()) -> list[TitleInfo]:
    """Title lines (or table cells, or two lines joined) among the first lines of the text; in a line
    too long to be a title (a web page read as runs of text), a title of one to three of its runs
    (``gaps``: offsets where normalization removed spaces, the line breaks it had)."""
    head = _conf()["head"]
    found: list[TitleInfo] = []
    nonempty = [(p, l) for p, l in head_line_spans(text) if l.strip()]
    skip = set()
    for i, (pos, line) in enumerate(nonempty):
        if i in skip:
            continue
        cells = [c for c in _re(head["cell_separator"]).split(line) if c.strip()]
        if len(line) > head["wide_line_chars"]:
            cells = [w for c in cells for w in c.split()]
        hit = False
        for cell in cells:
            cell = _re(head["page_label"]).sub("", cell.strip())
            at = pos + line.find(cell)
            if any(at < g < at + len(cell) for g in gaps) and (runs := in_runs(text, at, at + len(cell), gaps)):
                found += runs  # runs of text joined by normalization: a title is read within them
                hit = True
            elif chrome_line(cell):
                continue  # "梅州教育局 edu.meizhou.gov.cn时间:… 浏览次数:-绩效自评报告": a portal's header
            elif is_title(cell):
                found.append(parse_title(cell, at))
                hit = True
            elif (m := _re(_conf()["title"]["run_into_body"]).match(cell)) and is_title(m.group("title")):
                found.append(parse_title(m.group("title"), at + m.start("title")))
                hit = True
        if "|" in line or i + 1 >= len(nonempty) or chrome_line(line) or _re(head["imprint"]).match(line.strip()):
            continue
        nxt = nonempty[i + 1][1].strip()
        joined = line.strip() + nxt
        if "|" in nxt or len(nxt) > head["second_line_max_chars"] or not is_title(joined):
            continue
        whole = parse_title(joined, pos + line.find(line.strip()))
        # a line read as a title takes its next line only for the report words it lacks, a cover's
        # title set on two lines ("河北省…资金转移支付2022年度" / "绩效自评报告")
        if hit and not (whole.kind and not found[-1].kind and whole.score() > found[-1].score()):
            continue
        if is_title(nxt) and (whole.score() <= parse_title(nxt).score() or is_unit(clean_unit(strip_lead(line)))):
            continue  # a title under a line that adds nothing to it, or under the unit's name
        whole.end = nonempty[i + 1][0] + len(nonempty[i + 1][1])
        found.append(whole)
        skip.add(i + 1)
    return found


def in_runs(text: str, lo: int, hi: int, gaps: Collection[int], most: int = 6) -> list[TitleInfo]:
    """Titles inside ``text[lo:hi]``, cut into runs at spaces and at ``gaps`` (where normalization
    removed the spaces or line breaks between them): for each run, the title of it and up to
    ``most - 1`` runs before it that states the most, with a unit named by its place (fewest runs on
    a tie), so a title never takes in the portal chrome or heading glued before it
    ("时效性有效¦中共开远市委党校2016年整体支出绩效自评报告¦一、基本情况") and a name spaced apart
    ("中共开远市委 党校2016年…") is read whole."""
    cuts = sorted({lo, hi, *(g for g in gaps if lo < g < hi and not _beside_figure(text, g))})
    runs = []
    for a, b in zip(cuts, cuts[1:]):
        runs += [(a + m.start(), a + m.end()) for m in regex.finditer(r"\S+", text[a:b])]
    found = []
    for j in range(len(runs)):
        best = None
        for i in range(j, max(-1, j - most), -1):
            s, e = runs[i][0], runs[j][1]
            piece = text[s:e]
            if chrome_line(piece) or not is_title(piece):
                continue
            info = replace(parse_title(piece, s), in_run=True)
            key = (info.score(), bool(region_of(info.unit) or level_start(info.unit)))
            if best is None or key > best[0]:
                best = (key, info)
        if best is not None:
            found.append(best[1])
    return found


def _beside_figure(text: str, g: int) -> bool:
    """A removed space beside a figure or a Latin word ("2020 年度"): inside a run, not between two."""
    return any(ch.isascii() and ch.isalnum() for ch in text[g - 1:g + 1])


def chrome_line(line: str) -> bool:
    """A line of page chrome (a web address, 浏览次数, 发布日期 …): never a title nor the first half of
    one ("梅州教育局 edu.meizhou.gov.cn时间:2022-06-17 浏览次数:-" over, or glued to, "绩效自评报告")."""
    return _re(_conf()["head"]["web_address"]).search(line) is not None or any(
        w in line for w in _conf()["year"]["chrome"])


def neighbour_unit(text: str, title: TitleInfo) -> str | None:
    """A unit alone on the line before (or after) a title that names none."""
    before = text[: title.start].rstrip("\n ").rsplit("\n", 1)[-1]
    after_lines = [l.strip() for l in text[title.end:].lstrip("\n ").split("\n", 3)[:3] if l.strip()]
    after = after_lines[0] if after_lines else ""
    if len(after_lines) > 1 and _re(_conf()["unit"]["year_line"]).fullmatch(after):
        after = after_lines[1]  # "(2022年度)" under the title, the unit on the line after it
    for line in (before, after.strip("() ")):
        cand = clean_unit(strip_lead(line))
        if is_unit(cand):
            return cand
    return None


def intro_titles(text: str) -> list[TitleInfo]:
    """The report named in a body sentence: "现将2022年西平县交通运输局……绩效自评总结报告如下"."""
    body = text[: _conf()["kind"]["body_max_chars"]]
    out = []
    for p in _conf()["title"]["intro"]:
        for m in _re(p).finditer(body):
            out.append(parse_title(m.group("title"), m.start("title"), "body"))
    return out


def references(text: str) -> list[TitleInfo]:
    """The unit's own report cited in the body: 《大英县民政局2020年部门整体支出绩效评价报告》."""
    conf = _conf()["title"]
    out = []
    for m in _re(conf["reference"]).finditer(text):
        t = strip_tail(m.group("title").strip())  # 《……绩效自评报告.docx》 on a document-sharing site
        if any(_re(p).search(t) for p in conf["reference_must"]):
            out.append(parse_title(t, m.start("title"), "body"))
    return out


def undertaking(sentence: str, start: int = 0) -> list[TitleInfo]:
    """Who carried the self-assessment out, as a TitleInfo of the assessment with that unit:
    "……,广西壮族自治区住房和城乡建设厅、财政厅认真组织开展了2024年度中央财政……补助资金绩效自评工作"."""
    out = []
    for m in _re(_conf()["title"]["undertaking"]).finditer(sentence):
        info = parse_title(m.group("title"), start + m.start("title"), "body")
        u = trim_to_unit(m.group("unit"))
        info.unit = u if u and m.group("unit") == u and (region_of(u) or level_start(u)) else None
        out.append(info)
    return out


def template_of(title: str, kind: str) -> str | None:
    """The template whose title (sections.toml) the report title ends with, ignoring 部门/单位."""
    fold_words = _conf()["template"]["fold_words"]

    def fold(s):  # 部门整体支出绩效自评报告 and 整体支出绩效自评报告 are one template title
        for w in fold_words:
            s = s.replace(w, "")
        return s

    folded = fold(title_core(title))
    for t in templates():
        if t["kind"] == kind and folded.endswith(fold(t["title"])):
            return t["id"]
    return None


def in_collection(text: str, title: TitleInfo) -> bool:
    """Whether ``title`` heads a site's collection of sample reports: its line, or another line of the
    head writing its words, carries a count of samples ("(精选4篇)", "篇1": ``[title.collection]``)."""
    rx = _re(_conf()["title"]["collection"])
    head = text[: _conf()["head"]["max_chars"]]
    words = title.text.strip()
    for line in head.split("\n"):
        if words and words in line and rx.search(line):
            return True
    return False
