"""Report metadata: title, unit, region, fiscal year, kind and the template, each with its source.

Every cue is a candidate ``(value, source, rank)``; the lowest rank wins, ties go to the earliest
in the text. The cues, strongest first:

* title lines near the top ("2024年度渌口区交通事务中心整体支出\\n绩效自评报告"), a unit on the line
  before the title, a 自评表 header "(2023年度)";
* form fields of a flattened 自评表 (实施单位, 资金使用单位, 单位名称 … 部门:, 主管部门);
* a body sentence naming the report ("现将2022年西平县交通运输局……报告如下");
* page chrome: "发布机构: …", "来源: …", breadcrumbs "首页 >> … >> 牟定县交通运输局 >> 正文" (an
  internal office such as "来源:财务科" is never the unit);
* the unit's own report cited in the body (《大英县民政局2020年部门整体支出绩效评价报告》);
* the file name; an alias "山东省残疾人联合会(以下简称…)"; a signature at the end;
* the place-named subject of a body sentence ("绵阳市科学技术局主要有……"), a last resort;
* body counts (years written 2023年度, 部门基本情况 / 项目资金 wording).

``describe`` runs before the forms stage; ``fill_from_forms`` runs after it and takes the unit (and a
missing year) from the parsed 自评表 when describe found none or only a cue weaker than a form field.

Vocabularies (organisation suffixes, stop words, labels, region levels) live in
patterns/metadata.toml; this module only combines them.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

from .. import rules
from ..text.segment import heading_start_re, templates

# Ranks: lower is stronger (form fields carry theirs in metadata.toml: 实施单位 30 … 主管部门 120).
R_TITLE, R_TITLE_OTHER = 10, 12
# A unit alone beside a title (保山市农业农村局 over 2019年度部门整体支出绩效自评报告) may also be a web
# site's name, so page chrome that names a unit, and 实施单位, come first.
R_TITLE_NEIGHBOUR = 57
R_INTRO, R_FORM_HEADER, R_FORM_KIND = 20, 22, 25
R_REFERENCE_YEAR, R_PATH_YEAR, R_BODY_YEAR = 40, 45, 60
R_FILED_YEAR = 80  # 填报日期:2022年2月3日 → 2021: only when no text names the year
R_PATH_KIND = 30  # kinds at or below this rank are "from a title"; others yield to not_report
R_SOURCE, R_BREADCRUMB, R_REFERENCE, R_ALIAS, R_SIGNATURE, R_PATH_UNIT = 50, 55, 60, 70, 75, 90
R_SOURCE_RELAXED = 110
R_SUBJECT = 100  # a unit opening a body sentence: a last resort before weak page chrome
# "XX厅、财政厅认真组织开展了2024年度……补助资金绩效自评工作": who carried the self-assessment out; a
# 财政局 organising others' assessments may read alike, so this yields to every title, form and chrome cue.
R_UNDERTAKING = 65
R_SELF_NAMED = 105  # "我公路建设养护中心": the unit naming itself, only when nothing better
R_PERIOD_YEAR = 50  # 项目起止时间2021年1月起至2021年12月止
# A unit a form states (实施单位 / 资金使用单位) as forms.extract_forms reads it; see fill_from_forms.
R_FORM_UNIT = 30
R_BODY_KIND = 60


# ----------------------------------------------------------------------------- vocabulary
@lru_cache(maxsize=1)
def _conf() -> dict:
    return rules.load("metadata")


_re = rules.compiled


def _conf_re(section: str, key: str) -> regex.Pattern:
    return _re(_conf()[section][key])


@lru_cache(maxsize=1)
def _suffix_re() -> regex.Pattern:
    suffixes = sorted(_conf()["unit"]["suffixes"], key=len, reverse=True)
    return regex.compile("(?:" + "|".join(map(regex.escape, suffixes)) + ")$")


@lru_cache(maxsize=1)
def _title_res() -> list[regex.Pattern]:
    return [regex.compile(p) for p in _conf()["title"]["patterns"]]


# ----------------------------------------------------------------------------- names
def _year_value(raw: str) -> int | None:
    if raw.isdigit():
        return int(raw)
    digits = _conf()["year"]["numerals"]
    try:
        return int("".join(str(digits[ch]) for ch in raw))
    except KeyError:
        return None


def _strip_tail(s: str) -> str:
    """A title without the web site name after it."""
    for p in _conf()["title"]["strip_tail"]:
        s = _re(p).sub("", s)
    return s.strip()


def _strip_lead(s: str) -> str:
    """A title without 附件3 / 关于 before it and a web site name after it."""
    for p in _conf()["title"]["strip_lead"]:
        s = _re(p).sub("", s)
    return _strip_tail(s)


def _suffix_ends(s: str) -> list[int]:
    """End positions in ``s`` where an organisation suffix ends (not inside 社会, 部门 ...)."""
    masked = set()
    for word in _conf()["unit"]["not_suffix"]:
        i = s.find(word)
        while i != -1:
            masked.update(range(i, i + len(word)))
            i = s.find(word, i + 1)
    sfx = _suffix_re()
    return [e for e in range(1, len(s) + 1) if (e - 1) not in masked and sfx.search(s[:e])]


def is_unit(s: str | None) -> bool:
    """A plausible organisation name: allowed characters, ends in an organisation suffix."""
    if not s:
        return False
    u = _conf()["unit"]
    if not (u["min_chars"] <= len(s) <= u["max_chars"]):
        return False
    if not _re(f"(?:{u['chars']})+").fullmatch(s) or s[0].isdigit() or s[0] in "()":
        return False
    if s.count("(") != s.count(")") or any(s.startswith(w) for w in u["bad_start"]):
        return False
    return len(s) in _suffix_ends(s)


def clean_unit(s: str) -> str:
    """A stated name without a numeric code prefix, 本级 suffix, quotes or spaces."""
    u = _conf()["unit"]
    s = _conf_re("unit", "strip_chars").sub("", s)
    s = _re(u["code_prefix"]).sub("", s)
    changed = True
    while changed:
        changed = False
        for suffix in u["drop_suffix"]:
            if s.endswith(suffix) and len(s) > len(suffix):
                s, changed = s[: -len(suffix)], True
    return s


def _trim_to_unit(s: str) -> str | None:
    """The longest prefix of ``s`` that is a unit name (drops glued words after it)."""
    s = clean_unit(s)
    if is_unit(s):
        return s
    for end in reversed(_suffix_ends(s)):
        if is_unit(s[:end]):
            return s[:end]
    return None


def unit_in_phrase(s: str, region_needed: bool = False) -> str | None:
    """The unit at the start of a title phrase: up to a stop word, back to the last suffix.

    The first stop word that leaves a unit wins ("XX县项目评审中心部门整体支出" reads past 项目).
    With ``region_needed`` the unit must start with a region or a level word (市公路局), so a
    project named after its site ("公路养护站建设项目") is no unit.

    "渌口区交通事务中心整体支出绩效自评报告" → 渌口区交通事务中心;
    "西平县交通运输局财政衔接推进乡村振兴资金项目" → 西平县交通运输局.
    """
    s = _strip_lead(s).lstrip(" (:")
    cuts = sorted({m.start() for w in _conf()["unit"]["stop_words"] for m in _re(regex.escape(w)).finditer(s)})
    for cut in cuts + [len(s)]:
        unit = _trim_to_unit(s[:cut]) if cut else None
        if unit and (not region_needed or region_of(unit) or level_start(unit)):
            return unit
    return None


def region_parts(name: str | None) -> list[tuple[str, str]]:
    """Leading administrative components of a name: [("province"|"city"|"county", text), ...]."""
    if not name:
        return []
    conf = _conf()["region"]
    pos = 0
    for lead in conf["strip_lead"]:
        if name.startswith(lead):
            pos = len(lead)
            break
    parts = []
    for level in ("province", "city", "county"):
        m = _re(conf[level]).match(name, pos)
        if not m:
            continue
        comp = m.group(0)
        if comp.startswith(tuple(conf.get("not_start", []))):
            break  # "年度区交通事务中心": 年度 starts no place name
        if _not_region(comp):
            continue  # 攸县城市管理局: 城市 is no city, 攸县 may still be the county
        parts.append((level, comp))
        pos = m.end()
    return parts


def _not_region(comp: str) -> bool:
    """A component that ends like a region but is none: 城市, 社区; 山区 or 贫困山区 but not 洪山区."""
    conf = _conf()["region"]
    if comp.startswith(tuple(conf.get("not_start", []))):
        return True
    for w in conf["not_region"]:
        if not comp.endswith(w):
            continue
        if w not in conf["named_endings"]:
            return True
        before = comp[: -len(w)]
        if not before or before in conf["qualifiers"]:
            return True
    return False


def level_start(name: str | None) -> bool:
    """A unit written without its place name: 县司法局, 市公路局, 自治区文化和旅游厅."""
    conf = _conf()["region"]
    return bool(name) and (name[0] in conf["level_chars"] or name.startswith(tuple(conf.get("level_words", []))))


def region_of(name: str | None) -> str | None:
    parts = region_parts(name)
    return "".join(p for _, p in parts) or None


def _is_region(s: str) -> bool:
    return bool(s) and region_of(s) == s


def normalize_unit(name: str | None) -> str | None:
    """Canonical unit name: no code, no 本级, no province/city prefix above the lowest level.

    "株洲市渌口区交通事务中心" → "渌口区交通事务中心"; "219001-池州市贵池区棠溪镇人民政府" →
    "贵池区棠溪镇人民政府"; "青神县发展和改革局本级" → "青神县发展和改革局".
    """
    if not name:
        return None
    s = clean_unit(name)
    parts = region_parts(s)
    if len(parts) >= 2:
        head = "".join(p for _, p in parts[:-1])
        if s.startswith(head) and len(s) > len(head) + len(parts[-1][1]):
            s = s[len(head):]
    return s or None


# ----------------------------------------------------------------------------- titles
@dataclass
class TitleInfo:
    text: str
    start: int
    end: int
    source: str
    unit: str | None = None
    region: str | None = None
    year: int | None = None
    kind: str | None = None
    file_name: bool = False  # "….pdf": a document-sharing site's file name, yields to a title on a tie

    def score(self) -> int:
        ends = _title_core(self.text).endswith(("报告", "表", "报告书"))
        return (self.unit is not None) + (self.year is not None) + (self.kind is not None) + ends


def _strip_form_header(s: str) -> str:
    return _conf_re("year", "form_header").sub("", s).strip()


def _title_core(s: str) -> str:
    """A title without its form header "(2023年度)" and a trailing note "(整体支出和……专项支出)"."""
    s = _strip_form_header(s)
    core = _conf_re("title", "trailing_note").sub("", s)
    return core if core else s


def is_title(s: str) -> bool:
    s = _title_core(_strip_lead(s.strip()))
    if not s or len(s) > _conf()["head"]["title_max_chars"] or _conf_re("title", "never_contains").search(s):
        return False
    if heading_start_re().match(s):
        return False
    return any(p.search(s) for p in _title_res())


def kind_of(s: str, rules_key: str = "title") -> str | None:
    for rule in _conf()["kind"][rules_key]:
        if any(w in s for w in rule["words"]):
            return rule["kind"]
    return None


def parse_title(text: str, start: int = 0, source: str = "title") -> TitleInfo:
    """Unit, region, year and kind as a title states them."""
    stripped = _strip_tail(text)
    file_name = _conf_re("title", "file_extension").search(text.strip()) is not None
    text = stripped
    info = TitleInfo(text=text, start=start, end=start + len(text), source=source, file_name=file_name)
    t = _strip_lead(text)
    years = [m for m in _conf_re("year", "pattern").finditer(t)]
    if not years:
        years = [m for m in _conf_re("year", "title_bare").finditer(t)]
    if years:
        chosen = next((m for m in years if "du" in m.re.groupindex and m.group("du")), years[0])
        info.year = _year_value(chosen.group("year"))
        first = years[0]
        pre = t[: first.start()].strip(" (")
        post = t[first.end():]
        if pre:
            pre = clean_unit(pre)
            if _is_region(pre):
                info.region = pre
            else:
                info.unit = pre if is_unit(pre) else unit_in_phrase(pre)
    else:
        post = t
    if info.unit is None:
        info.unit = unit_in_phrase(post, region_needed=True)
    info.kind = kind_of(_strip_form_header(t))
    return info


def _head_titles(text: str) -> list[TitleInfo]:
    """Title lines (or table cells, or two lines joined) among the first lines of the text."""
    head = _conf()["head"]
    limit = text[: head["max_chars"]]
    lines, pos = [], 0
    for line in limit.split("\n")[: head["max_lines"]]:
        lines.append((pos, line))
        pos += len(line) + 1
    found: list[TitleInfo] = []
    nonempty = [(p, l) for p, l in lines if l.strip()]
    skip = set()
    for i, (pos, line) in enumerate(nonempty):
        if i in skip:
            continue
        cells = [c for c in _conf_re("head", "cell_separator").split(line) if c.strip()]
        if len(line) > head["wide_line_chars"]:
            cells = [w for c in cells for w in c.split()]
        hit = False
        for cell in cells:
            cell = _conf_re("head", "page_label").sub("", cell.strip())
            if is_title(cell):
                found.append(parse_title(cell, pos + line.find(cell)))
                hit = True
            elif (m := _conf_re("title", "run_into_body").match(cell)) and is_title(m.group("title")):
                found.append(parse_title(m.group("title"), pos + line.find(cell) + m.start("title")))
                hit = True
        if hit or "|" in line or i + 1 >= len(nonempty):
            continue
        nxt = nonempty[i + 1][1].strip()
        joined = line.strip() + nxt
        if "|" in nxt or len(nxt) > head["second_line_max_chars"] or not is_title(joined):
            continue
        whole = parse_title(joined, pos + line.find(line.strip()))
        if is_title(nxt) and (whole.score() <= parse_title(nxt).score() or is_unit(clean_unit(_strip_lead(line)))):
            continue  # a title under a line that adds nothing to it, or under the unit's name
        whole.end = nonempty[i + 1][0] + len(nonempty[i + 1][1])
        found.append(whole)
        skip.add(i + 1)
    return found


def _neighbour_unit(text: str, title: TitleInfo) -> str | None:
    """A unit alone on the line before (or after) a title that names none."""
    before = text[: title.start].rstrip("\n ").rsplit("\n", 1)[-1]
    after = text[title.end:].lstrip("\n ").split("\n", 1)[0]
    for line in (before, after.strip("() ")):
        cand = clean_unit(_strip_lead(line))
        if is_unit(cand):
            return cand
    return None


# ----------------------------------------------------------------------------- other cues
def _form_fields(text: str, tables) -> list[tuple[str, str, int, int]]:
    """(unit, label as written, rank, position) for each form field naming a unit."""
    form = _conf()["form"]
    out = []
    for ff in _conf()["form_field"]:
        rx = _re(f"(?P<label>{ff['label']}){form['separator']}(?P<value>{form['value']})")
        for m in rx.finditer(text):
            if _conf_re("form", "separator_must").search(text[m.end("label"): m.start("value")]):
                unit = _form_value(m.group("value"))
            else:  # "实施单位严格按照……" is prose, "实施单位稷山县翟店镇卫生院全年预算数" a glued cell
                unit = _glued_value(m.group("value"))
            if unit:
                out.append((unit, m.group("label"), ff["rank"], m.start()))
    for t in tables or []:
        for row in t.rows:
            cells = [_re(r"\s+").sub("", c or "") for c in row]
            for j, cell in enumerate(cells):
                label = _conf_re("form", "label_noise").sub("", cell)
                for ff in _conf()["form_field"]:
                    if label and _re(f"(?:{ff['label']})").fullmatch(label):
                        value = next((c for c in cells[j + 1:] if c), "")
                        unit = _form_value(value)
                        if unit:
                            out.append((unit, label, ff["rank"], len(text) + t.index))
    return out


def _cut_value(value: str) -> tuple[str, bool]:
    """A form value up to the first space or glued next label, without a repetition of itself;
    and whether it ended there (rather than running on into other words)."""
    form = _conf()["form"]
    v = _re(_conf()["unit"]["code_prefix"]).sub("", value.strip())
    words = v.split()
    # a space after the first word, or the cell or line ended before the value's length limit
    ended = len(words) > 1 or len(value) < form["value_max_chars"]
    v = words[0] if words else ""
    cut = len(v)
    for label in form["next_labels"]:
        i = v.find(label, 1)
        if i != -1:
            cut = min(cut, i)
    if cut < len(v):
        ended = True
    v = v[:cut]
    for end in _suffix_ends(v):
        if end < len(v) and v[end:].startswith(v[:end]) and is_unit(clean_unit(v[:end])):
            return v[:end], True  # "广水市交通运输局广水市交通运输局": a cell repeated by a merged table
    return v, ended


def _form_value(value: str) -> str | None:
    return _trim_to_unit(_cut_value(value)[0])


def _glued_value(value: str) -> str | None:
    """A value glued to its label: only an exact unit that starts with a place name and ends at a
    next label, a space or its own repetition ("实施单位稷山县翟店镇卫生院全年预算数")."""
    v, ended = _cut_value(value)
    v = clean_unit(v)
    if ended and is_unit(v) and region_of(v):
        return v
    return None


def _head_lines(text: str) -> list[str]:
    head = _conf()["head"]
    return text[: head["max_chars"]].split("\n")[: head["max_lines"]]


def _source_lines(text: str) -> list[tuple[str, int]]:
    conf = _conf()["source_line"]
    out = []
    for line in _head_lines(text):
        for m in _re(conf["pattern"]).finditer(line):
            v = m.group("value")
            cut = min((i for w in conf["next_labels"] if (i := v.find(w)) != -1), default=None)
            if cut is not None:
                v = v[:cut]
            elif m.group("colon"):
                continue  # "来源: 点击:" — the value is the next label
            v = clean_unit(v)
            if not v or any(w in v for w in conf["reject"]) or is_internal_office(v):
                continue
            out.append((v, R_SOURCE if is_unit(v) else R_SOURCE_RELAXED))
    return out


def is_internal_office(name: str) -> bool:
    """An office inside the unit (财务科, 办公室, 计财股) named as the publisher: not the unit."""
    if not _conf_re("source_line", "office").match(name):
        return False
    return not (region_of(name) or level_start(name))


def _breadcrumb(text: str) -> str | None:
    conf = _conf()["breadcrumb"]
    for line in _head_lines(text):
        parts = [p.strip() for p in _re(conf["separator"]).split(line)]
        if len(parts) < conf["min_parts"]:
            continue
        units = [clean_unit(p) for p in parts if is_unit(clean_unit(p))]
        if units:
            return units[-1]
    return None


def _intro_titles(text: str) -> list[TitleInfo]:
    body = text[: _conf()["kind"]["body_max_chars"]]
    out = []
    for p in _conf()["title"]["intro"]:
        for m in _re(p).finditer(body):
            out.append(parse_title(m.group("title"), m.start("title"), "body"))
    return out


def _references(text: str) -> list[TitleInfo]:
    conf = _conf()["title"]
    out = []
    for m in _re(conf["reference"]).finditer(text):
        t = _strip_tail(m.group("title").strip())  # 《……绩效自评报告.docx》 on a document-sharing site
        if any(_re(p).search(t) for p in conf["reference_must"]):
            out.append(parse_title(t, m.start("title"), "body"))
    return out


def _alias_units(text: str) -> list[tuple[str, int]]:
    body = text[: _conf()["kind"]["body_max_chars"]]
    out = []
    for pattern in _conf()["unit"]["alias"]:
        for m in _re(pattern).finditer(body):
            u = clean_unit(m.group("unit"))
            if is_unit(u) and (region_of(u) or level_start(u)):
                out.append((u, m.start()))
    return out


def subject_unit(sentence: str) -> str | None:
    """The place-named unit a sentence opens with as its subject ("绵阳市科学技术局主要有……")."""
    m = _conf_re("unit", "subject").match(sentence)
    if not m:
        return None
    return _subject_at(m.group("unit"), sentence[m.end("unit"):])


def _subject_at(run: str, rest: str) -> str | None:
    verbs = _conf_re("unit", "subject_verbs")
    for end in _suffix_ends(run):
        cand = run[:end]
        if verbs.match(run[end:] + rest[:8]) and is_unit(cand) and region_of(cand):
            return cand
    return None


def _subject_units(text: str) -> list[tuple[str, int]]:
    body = text[: _conf()["kind"]["body_max_chars"]]
    out = []
    for m in _conf_re("unit", "subject").finditer(body):
        u = _subject_at(m.group("unit"), body[m.end("unit"):])
        if u:
            out.append((u, m.start("unit")))
    return out


def undertaking(sentence: str, start: int = 0) -> list[TitleInfo]:
    """Who carried the self-assessment out, as a TitleInfo of the assessment with that unit:
    "……,广西壮族自治区住房和城乡建设厅、财政厅认真组织开展了2024年度中央财政……补助资金绩效自评工作"."""
    out = []
    for m in _conf_re("title", "undertaking").finditer(sentence):
        info = parse_title(m.group("title"), start + m.start("title"), "body")
        u = _trim_to_unit(m.group("unit"))
        info.unit = u if u and m.group("unit") == u and (region_of(u) or level_start(u)) else None
        out.append(info)
    return out


def self_named_unit(text: str) -> str | None:
    """The unit calling itself "我" + its name ("年初预算安排我公路建设养护中心20xx年……")."""
    u = _conf()["unit"]
    suffixes = tuple(u["self_named_suffixes"])
    for m in _conf_re("unit", "self_named").finditer(text):
        run = m.group("unit")
        for end in _suffix_ends(run):  # not_suffix words are masked on the run: 我单位所属 is no 单位所
            cand = run[:end]
            if cand.endswith(suffixes) and is_unit(cand):
                return cand
    return None


def _period_year(text: str) -> int | None:
    """The year of a project period that starts and ends in it (项目起止时间2021年1月起至2021年12月止)."""
    for m in _conf_re("year", "period").finditer(text):
        if m.group("start") == m.group("end"):
            return int(m.group("start"))
    return None


def _filed_year(text: str) -> int | None:
    """The year a report filed on 填报日期 covers: the year before, unless filed late in the year."""
    m = _conf_re("year", "filed").search(text)
    if not m:
        return None
    late = m.group("month") and int(m.group("month")) >= _conf()["year"]["filed_same_year_from"]
    return int(m.group("year")) - (0 if late else 1)


def _signature_unit(text: str) -> str | None:
    u = _conf()["unit"]
    lines = [l.strip() for l in text.rstrip().split("\n") if l.strip()][-u["signature_lines"]:]
    for i in range(len(lines) - 1, 0, -1):
        if _conf_re("unit", "signature").match(lines[i]):
            cand = clean_unit(lines[i - 1])
            if is_unit(cand):
                return cand
    return None


def _chrome_free(text: str) -> str:
    chrome = _conf()["year"]["chrome"]
    return "\n".join(l for l in text.split("\n") if not any(w in l for w in chrome))


def _body_year(text: str) -> int | None:
    body = _chrome_free(text)
    for key in ("body", "body_fallback"):
        years = Counter(int(m.group("year")) for m in _conf_re("year", key).finditer(body))
        if years:
            return years.most_common(1)[0][0]  # ties: the first seen
    return None


def _form_header_year(text: str, after: int | None) -> int | None:
    head = _conf()["head"]
    rx = _conf_re("year", "form_header")
    if after is not None:
        m = rx.search(text, after, after + head["form_header_window"])
        if m:
            return int(m.group("year"))
    m = rx.search(_chrome_free(text[: head["max_chars"]]))
    return int(m.group("year")) if m else None


def _body_kind(text: str) -> str | None:
    body = _conf_re("kind", "body_ignore").sub("", text[: _conf()["kind"]["body_max_chars"]])
    return kind_of(body, "body")


def expand_unit(unit: str, text: str) -> str | None:
    """A fuller name in the body for a unit that starts with a bare level word (市…局, 县…局)."""
    if not level_start(unit):
        return None
    boundary = _conf()["region"]["boundary"]
    rx = _re(f"{boundary}(?P<p>[\\p{{Han}}]{{1,12}}?){regex.escape(unit)}")
    found = Counter()
    for m in rx.finditer(text):
        full = m.group("p") + unit
        reg = region_of(full)
        if reg and len(reg) >= len(m.group("p")) + 1 and is_unit(full):
            found[full] += 1
    return found.most_common(1)[0][0] if found else None


def expand_region(region: str, text: str) -> str:
    """Prefix the higher levels the body writes before the region: 渌口区 → 株洲市渌口区."""
    parts = region_parts(region)
    if not parts or parts[0][0] == "province":
        return region
    conf = _conf()["region"]
    higher = conf["province"] if parts[0][0] == "city" else f"(?:{conf['province']})?(?:{conf['city']})"
    rx = _re(f"{conf['boundary']}(?P<p>{higher}){regex.escape(region)}")
    found = Counter()
    for m in rx.finditer(text):
        p = m.group("p")
        if region_of(p + region) == p + region and not _not_region(p):
            found[p] += 1
    return found.most_common(1)[0][0] + region if found else region


# ----------------------------------------------------------------------------- describe
class _Field:
    def __init__(self):
        self.cands: list[tuple[int, int, object, str]] = []

    def add(self, value, source: str, rank: int, order: int = 0):
        if value is not None:
            self.cands.append((rank, order, value, source))

    def best(self):
        return min(self.cands, key=lambda c: (c[0], c[1])) if self.cands else None


def describe(report, raw) -> None:
    """Set report.title, unit_name(_normalized), region, fiscal_year, report_kind, template and
    metadata_sources (field → "title", "form:<label>", "body", "source_line", "breadcrumb" or
    "path"; "+body" when a fuller name or region was found in the body; fill_from_forms adds "forms")."""
    text = report.text
    unit, year, kind, region = _Field(), _Field(), _Field(), _Field()

    # titles at the top
    titles = _head_titles(text)
    best_title = max(titles, key=lambda t: (t.score(), not t.file_name, -t.start)) if titles else None
    for t in titles:
        rank = R_TITLE if t is best_title else R_TITLE_OTHER
        unit.add(t.unit, "title", rank, t.start)
        year.add(t.year, "title", rank, t.start)
        kind.add(t.kind, "title", rank, t.start)
        region.add(t.region, "title", rank, t.start)
        if t.unit is None:
            unit.add(_neighbour_unit(text, t), "title", R_TITLE_NEIGHBOUR, t.start)
    year.add(_form_header_year(text, best_title.end if best_title else None), "title", R_FORM_HEADER)

    # form fields
    for value, name, rank, pos in _form_fields(text, getattr(raw, "tables", None)):
        unit.add(value, f"form:{name}", rank, pos)
    head = text[: _conf()["head"]["max_chars"]]
    sep = _conf()["form"]["separator"]
    for cue in _conf()["form"]["project_cues"]:
        m = _re(regex.escape(cue) + sep + r"(?=\S)").search(head)
        if m and _conf_re("form", "separator_must").search(m.group(0)[len(cue):]):
            kind.add("project", f"form:{cue}", R_FORM_KIND, m.start())

    # the report named in a body sentence
    intro = _intro_titles(text)
    for t in intro:
        unit.add(t.unit, "body", R_INTRO, t.start)
        year.add(t.year, "body", R_INTRO, t.start)
        kind.add(t.kind, "body", R_INTRO, t.start)
        region.add(t.region, "body", R_INTRO, t.start)

    # page chrome
    for i, (value, rank) in enumerate(_source_lines(text)):
        unit.add(value, "source_line", rank, i)
    unit.add(_breadcrumb(text), "breadcrumb", R_BREADCRUMB)

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
    refs = _references(text)
    for t in refs:
        unit.add(t.unit, "body", R_REFERENCE, t.start)
        year.add(t.year, "body", R_REFERENCE_YEAR, t.start)
    ref_kinds = {t.kind for t in refs}
    titled_kind = kind.best() is not None and kind.best()[0] <= R_PATH_KIND
    not_report = not titled_kind and any(w in text for w in _conf()["kind"]["not_report"])
    if not not_report:
        if len(ref_kinds) == 1:
            kind.add(next(iter(ref_kinds)), "body", R_REFERENCE)
        kind.add(_body_kind(text), "body", R_BODY_KIND)

    # body cues
    for value, pos in _alias_units(text):
        unit.add(value, "body", R_ALIAS, pos)
    unit.add(_signature_unit(text), "body", R_SIGNATURE)
    for value, pos in _subject_units(text)[:1]:
        unit.add(value, "body", R_SUBJECT, pos)
    for t in undertaking(text[: _conf()["kind"]["body_max_chars"]]):
        unit.add(t.unit, "body", R_UNDERTAKING, t.start)
        year.add(t.year, "body", R_REFERENCE_YEAR, t.start)
        if not not_report:
            kind.add(t.kind, "body", R_BODY_KIND, t.start)
    unit.add(self_named_unit(text[: _conf()["kind"]["body_max_chars"]]), "body", R_SELF_NAMED)
    year.add(_period_year(text), "body", R_PERIOD_YEAR)
    year.add(_body_year(text), "body", R_BODY_YEAR)
    year.add(_filed_year(text), "filed", R_FILED_YEAR)

    sources = {}
    title = best_title or (intro[0] if intro else None) or path_title
    if title:
        report.title = title.text
        sources["title"] = title.source
    report.unit_rank = None
    if (b := unit.best()) is not None:
        report.unit_name, sources["unit_name"] = b[2], b[3]
        report.unit_rank = b[0]
        fuller = expand_unit(report.unit_name, text)
        if fuller:
            report.unit_name = fuller
            sources["unit_name"] = f"{b[3]}+body"
        report.unit_name_normalized = normalize_unit(report.unit_name)
    if (b := year.best()) is not None:
        report.fiscal_year, sources["fiscal_year"] = b[2], b[3]
    if (b := kind.best()) is not None:
        report.report_kind, sources["report_kind"] = b[2], b[3]
    reg = region_of(report.unit_name)
    reg_source = sources.get("unit_name")
    if not reg and (b := region.best()) is not None:
        reg, reg_source = b[2], b[3]
    if reg:
        report.region = expand_region(reg, text)
        sources["region"] = reg_source if report.region == reg else f"{reg_source}+body"
    if report.title and report.report_kind:
        report.template = _template_of(report.title, report.report_kind)
        if report.template:
            sources["template"] = sources.get("title", "title")
    report.metadata_sources = sources


def _template_of(title: str, kind: str) -> str | None:
    """The template whose title (sections.toml) the report title ends with, ignoring 部门/单位."""
    fold_words = _conf()["template"]["fold_words"]

    def fold(s):
        for w in fold_words:
            s = s.replace(w, "")
        return s

    folded = fold(_title_core(title))
    for t in templates():
        if t["kind"] == kind and folded.endswith(fold(t["title"])):
            return t["id"]
    return None


# ----------------------------------------------------------------------------- after the forms stage
def _form_unit(value: str | None) -> str | None:
    """A unit as a form states it: without a code prefix, 盖章, a glued next label or a repetition,
    and then exactly a unit (a damaged cell "银川市教育局实施第位" gives none)."""
    if not value:
        return None
    v, _ = _cut_value(_conf_re("form", "label_noise").sub("", value))
    v = clean_unit(v)
    return v if is_unit(v) else None


def fill_from_forms(report) -> None:
    """After forms.extract_forms: the unit and year of the report's self-assessment forms.

    describe() runs before the forms are parsed, so a unit the forms stage reads from a 实施单位 /
    资金使用单位 cell that describe() could not cut from the flattened text is taken here — when the
    report has no unit yet, or only one from a cue weaker than a form field (page chrome, a signature,
    a 主管部门, the file name). The forms must agree on the unit (a department report with the forms of
    several units attached keeps its own). The fiscal year is taken from a form only when missing.
    metadata_sources records "forms" (the forms stage) for either.
    """
    forms = getattr(report, "forms", None) or []
    units = []
    for f in forms:
        u = _form_unit(f.unit_name)
        if u and u not in units:
            units.append(u)
    rank = report.unit_rank
    if report.unit_name is None:
        weak = True
    elif rank is not None:
        weak = rank > R_FORM_UNIT
    else:  # a report described elsewhere: judge by the source alone
        weak = report.metadata_sources.get("unit_name") in ("source_line", "path", "form:主管部门")
    sources = report.metadata_sources
    if len(units) == 1 and weak and units[0] != report.unit_name:
        report.unit_name = units[0]
        report.unit_rank = R_FORM_UNIT
        sources["unit_name"] = "forms"
        fuller = expand_unit(report.unit_name, report.text)
        if fuller:
            report.unit_name = fuller
            sources["unit_name"] += "+body"
        report.unit_name_normalized = normalize_unit(report.unit_name)
        reg = region_of(report.unit_name)
        if reg:
            report.region = expand_region(reg, report.text)
            sources["region"] = sources["unit_name"] if report.region == reg else f"{sources['unit_name']}+body"
    if report.fiscal_year is None:
        years = [f.fiscal_year for f in forms if f.fiscal_year]
        if years:
            report.fiscal_year = Counter(years).most_common(1)[0][0]
            sources["fiscal_year"] = "forms"
