"""What a unit name and a region are: organisation suffixes, region levels, canonical names.

"株洲市渌口区交通事务中心" is a unit (it ends in the suffix 中心) whose region is 株洲市渌口区; its
canonical name drops the city: 渌口区交通事务中心. The metadata cues and the linking of units across
years (extractor/linking/) both read names through these functions. The vocabularies live in
patterns/metadata.toml ([unit] and [region]).
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

import regex

from ... import rules
from .gazetteer import LEVELS, divisions_at, is_division, is_parent

_re = rules.compiled


def _conf() -> dict:
    return rules.load("metadata")


@lru_cache(maxsize=1)
def _suffix_re() -> regex.Pattern:
    suffixes = sorted(_conf()["unit"]["suffixes"], key=len, reverse=True)
    return regex.compile("(?:" + "|".join(map(regex.escape, suffixes)) + ")$")


def suffix_ends(s: str) -> list[int]:
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
    """A plausible organisation name: allowed characters, ends in an organisation suffix — or a
    township after its county (昌宁县鸡飞镇: the township's government), or either followed by its
    other names in brackets (宁国市财政局(市国资委、市金融监管局), 中共湖南省委党校(湖南行政学院)).
    No verb inside (…支持中小学), and not two units in a row (a list of units)."""
    if not s:
        return False
    u = _conf()["unit"]
    if not (u["min_chars"] <= len(s) <= u["max_chars"]):
        return False
    m = _re(u["other_names"]).search(s)
    if m and m.start() > 0:
        return is_unit(s[: m.start()])
    if not _re(f"(?:{u['chars']})+").fullmatch(s) or s[0].isdigit() or s[0] in "()":
        return False
    if s.count("(") != s.count(")"):
        return False
    if any(s.startswith(w) for w in u["bad_start"]) and not region_of(s):
        return False  # 我局, 本单位 — but 贵州省…, 本溪市…, 全州县… are places
    if any(w in s for w in u.get("field_labels", [])):
        return False  # 项目名称…主管部门宁乡市交通运输局: a form line, not a name
    if _re(u["report_word"]).search(s) or _re(u["year_inside"]).search(s):
        return False  # "…项目绩效自评表中江县水利局", "南县财政局2020年度机关": a title's words, not a name
    if any(w in s for w in u["verbs"]) or _re(u["self_reference"]).search(s):
        return False  # 山西省中央彩票公益金支持中小学: a project's words; 作为我校: a sentence's
    if len(s) not in suffix_ends(s):
        return region_of(s) is not None and is_township(s[len(region_of(s)):])
    return not is_unit_list(s)


def is_unit_list(s: str) -> bool:
    """Two or more place-named units in a row: a list, not a name (湘潭中环污水有限公司湘潭市污水处理
    有限责任公司, 攀枝花市财政局攀枝花市文化广播电视和旅游局; not 共青团武威市委, nor a parent and its
    branch: 随州市公安局曾都区分局, [unit] branch_suffixes); or a unit and another joined to it by a word
    ([unit] list_joiners: 平江县第一中学及第二中学; not 发展和改革局, where no unit ends before 和)."""
    branches = tuple(_conf()["unit"].get("branch_suffixes", []))
    joiners = tuple(_conf()["unit"]["list_joiners"])
    return any((region_of(s[:e]) and region_of(s[e:]) and is_unit(s[:e]) and is_unit(s[e:])
                and not (branches and s.endswith(branches)))
               # "平江县第一中学及第二中学": units joined by a word, the second named without its place
               or (s.startswith(joiners, e) and region_of(s[:e]) and is_unit(s[:e]) and is_unit(s[e + 1:]))
               for e in suffix_ends(s) if e < len(s))


def branch_end(run: str, end: int, ends) -> int:
    """``end``, or the end of the branch the unit ``run[:end]`` is the parent of: "株洲市生态环境局渌口分局",
    "开远市公安局交通警察大队" ([unit] branch_suffixes, at most branch_max_chars after the parent) when
    ``ends`` (the unit ends of ``run``) holds it."""
    conf = _conf()["unit"]
    branches = tuple(conf.get("branch_suffixes", []))
    longer = [e for e in ends if end < e <= end + conf["branch_max_chars"] and run[:e].endswith(branches)]
    return longer[0] if longer else end


def names_unit(text: str, unit: str) -> bool:
    """Whether ``text`` names ``unit`` itself somewhere, not only as the parent in one of its
    branches' names ("株洲市生态环境局" in "株洲市生态环境局渌口分局承担了…" names the branch)."""
    conf = _conf()["unit"]
    branches = tuple(conf.get("branch_suffixes", []))
    i = text.find(unit)
    while i != -1:
        after = text[i: i + len(unit) + conf["branch_max_chars"]]
        if not any(after[:e].endswith(branches) and is_unit(after[:e]) for e in range(len(unit) + 2, len(after) + 1)):
            return True
        i = text.find(unit, i + 1)
    return False


def is_township(s: str | None) -> bool:
    """A township, town or subdistrict name (鸡飞镇, 田心乡, 洞井街道, not 城乡 or 住房和城乡)."""
    if not s:
        return False
    conf = _conf()["region"]
    return bool(_re(conf["township"]).fullmatch(s)) and not s.endswith(tuple(conf["not_township"]))


def unit_in_run(run: str, place_needed: bool = True) -> str | None:
    """The unit a run of Han characters ends with: the whole run, or — when a word such as 对 or
    将 stands before a place name in it — the unit from that place name on ("2020年7月对贵州省民族宗教
    事务委员会", "重庆汇鼎会计师事务所(普通合伙)对重庆市潼南区发展和改革委员会"). Without
    ``place_needed`` the unit after the word need not start with a place ("我单位对环境监测站") —
    except after a connective ([fuller] connectives: 和, 与 …), which joins words inside one name
    (红河州粮食和物资储备局, 人力资源和社会保障局) unless a place name follows it."""
    breaks = _conf()["unit"]["run_breaks"]
    joins = set(_conf()["fuller"]["connectives"])
    words = list(_re(_conf()["unit"]["report_word"]).finditer(run))
    if words:  # "…项目绩效自评表中江县水利局": a form's title, then the unit signing it
        tail = run[words[-1].end():]
        return tail if is_unit(tail) and region_of(tail) else None
    for i in range(len(run) - 1, 0, -1):
        if run[i - 1] not in breaks or not is_unit(run[i:]):
            continue
        if region_of(run[i:]) or (not place_needed and run[i - 1] not in joins):
            return run[i:]
    return run if is_unit(run) else None


def clean_unit(s: str) -> str:
    """A stated name without a numeric code prefix, 本级 suffix, quotes or spaces."""
    u = _conf()["unit"]
    s = _re(u["strip_chars"]).sub("", s)
    s = _re(u["code_prefix"]).sub("", s)
    for label in u.get("field_labels", []):  # "主管部门宁乡市交通运输局", "实施单位:X": the value
        if s.startswith(label) and len(s) > len(label):
            s = s[len(label):].lstrip(":")
            break
    for m in _re(u["with_subordinates"]).finditer(s):
        if is_unit(s[:m.start()]):  # "…卫生健康委员会及各旗(区)卫生健康委": the unit before its subordinates
            s = s[:m.start()]
            break
    sub = _re(u["subordinate"]).fullmatch(s) if "subordinate" in u else None
    if sub and is_unit(sub.group("unit")) and is_unit(sub.group("parent")):
        s = sub.group("unit")  # 宁乡市交通运输局所属宁乡市公路事务中心: the subordinate reports
    changed = True
    while changed:
        changed = False
        for suffix in u["drop_suffix"]:
            if s.endswith(suffix) and len(s) > len(suffix):
                s, changed = s[: -len(suffix)], True
    return s


def trim_to_unit(s: str) -> str | None:
    """The longest prefix of ``s`` that is a unit name (drops glued words after it); none in a list
    of units."""
    s = clean_unit(s)
    if is_unit(s):
        return s
    if any(is_unit_list(s[:e]) for e in suffix_ends(s)):
        return None  # a list of units names none of them
    for end in reversed(suffix_ends(s)):
        if is_unit(s[:end]):
            return s[:end]
    return None


def region_parts(name: str | None) -> list[tuple[str, str]]:
    """Leading administrative components of a name: [("province"|"city"|"county", text), ...].

    Each component is a division of the gazetteer as written (湖南省, 株洲市, 寻甸县, 湖北); the
    reading that covers the most of the name wins, official names before short forms. A zone the
    gazetteer does not list (a new district, a development zone: [region] unlisted_county) counts
    only after a listed province or prefecture ("株洲市云龙示范区"). Party prefixes (中共) are skipped.
    """
    if not name:
        return []
    conf = _conf()["region"]
    pos = 0
    for lead in conf["strip_lead"]:
        if name.startswith(lead):
            pos = len(lead)
            break
    return list(_parse(name, pos, 0, ())[2])


def _parse(name: str, pos: int, level: int, parts: tuple) -> tuple[int, int, tuple]:
    """The best reading of the components from ``level`` on at ``pos``: (length, official forms,
    parts)."""
    if level == len(LEVELS):
        return 0, 0, ()
    best = _parse(name, pos, level + 1, parts)  # the level is not written
    options = [(w.form, w.full) for w in divisions_at(name, pos, LEVELS[level])]
    if not options and parts and LEVELS[level] == "county":
        m = _re(_conf()["region"]["unlisted_county"]).match(name, pos)
        if m and not not_region(m.group(0)):
            options.append((m.group(0), False))
    for form, full in options:
        if not parts and not_region(form):
            continue  # 城区, 矿区 alone start no name: "城区教育局" is no district's
        comp = (LEVELS[level], form)
        n, f, rest = _parse(name, pos + len(form), level + 1, parts + (comp,))
        cand = (len(form) + n, int(full) + f, (comp,) + rest)
        if cand[:2] > best[:2]:
            best = cand
    return best


def not_region(comp: str) -> bool:
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
    """The region a name starts with ("池州市贵池区棠溪镇人民政府" → 池州市贵池区), or None."""
    parts = region_parts(name)
    return "".join(p for _, p in parts) or None


def is_region(s: str) -> bool:
    """``s`` is a region and nothing else (牟定县, 岳阳市)."""
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


def expand_unit(unit: str, text: str) -> str | None:
    """A fuller name in the body for a unit that starts with a bare level word (市…局, 县…局)."""
    if not level_start(unit):
        return None
    conf = _conf()["region"]
    rx = _re(f"{conf['boundary']}(?P<p>{conf['fuller_prefix']}){regex.escape(unit)}")
    found = Counter()
    for m in rx.finditer(text):
        full = m.group("p") + unit
        reg = region_of(full)
        if reg and len(reg) >= len(m.group("p")) + 1 and is_unit(full):
            found[full] += 1
    return found.most_common(1)[0][0] if found else None


def expand_region(region: str, text: str) -> str:
    """Prefix the higher levels the body writes before the region: 渌口区 → 株洲市渌口区 (only a
    prefecture or province the gazetteer puts it in)."""
    parts = region_parts(region)
    if not parts or parts[0][0] == "province":
        return region
    conf = _conf()["region"]
    higher = conf["province"] if parts[0][0] == "city" else f"(?:{conf['province']})?(?:{conf['city']})"
    rx = _re(f"{conf['boundary']}(?P<p>{higher}){regex.escape(region)}")
    found = Counter()
    for m in rx.finditer(text):
        p = m.group("p")
        if region_of(p + region) == p + region and not not_region(p) and _may_contain(p, parts[0][1]):
            found[p] += 1
    return found.most_common(1)[0][0] + region if found else region


def _may_contain(higher: str, lower: str) -> bool:
    """Whether the gazetteer lets ``higher`` contain ``lower`` (株洲市, 渌口区: yes; 长沙市, 渌口区: no);
    a zone it does not list (云龙示范区) may be anywhere."""
    last = region_parts(higher)[-1][1]
    if not (is_division(last) and is_division(lower)):
        return True
    return is_parent(last, lower)
