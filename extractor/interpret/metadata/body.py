"""Cues in the body of a report: the unit it names itself by, and the kind of report it reads as.

Weaker than a title, a form field or page chrome, but often all there is: an alias
("山东省残疾人联合会(以下简称“省残联”)"), a signature at the end (the unit's name over a date), the
subject of a sentence ("绵阳市科学技术局主要有……"), the unit calling itself "我公路建设养护中心", and
body wording (部门基本情况 / 项目资金) for the kind. Patterns live in patterns/metadata.toml ([unit],
[kind]).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Collection

import regex

from ... import rules
from .fuller import unit_runs
from .lexicon import (branch_end, clean_unit, is_township, is_unit, level_start, region_of, suffix_ends, trim_to_unit,
                      unit_in_run)
from .stated import placed_townships, township_unit
from .title import kind_of

_re = rules.compiled


def _conf() -> dict:
    return rules.load("metadata")


def _body(text: str) -> str:
    return text[: _conf()["kind"]["body_max_chars"]]


def alias_units(text: str) -> list[tuple[str, int]]:
    """(unit, position) of each unit introducing itself: "…(以下简称…)", "…为…工作部门"."""
    body = _body(text)
    out = []
    for pattern in _conf()["unit"]["alias"]:
        for m in _re(pattern).finditer(body):
            u = unit_in_run(clean_unit(m.group("unit")))
            if u and (region_of(u) or level_start(u)):
                out.append((u, m.start()))
    return out


def dated_units(text: str) -> list[tuple[str, int]]:
    """(unit, position) of the unit named most often just before a year in the body
    ("金寨县麻埠镇人民政府2023年度下达…", "对环境监测站2021年度…项目…开展了自评")."""
    body = _body(text)
    found: dict[str, list[int]] = {}
    granting = _re(_conf()["unit"]["granting_after"])
    for m in _re(_conf()["unit"]["dated"]).finditer(body):
        g = granting.match(body, m.end())
        if g and _re(_conf()["unit"]["granting_self"]).match(body, g.end()):
            continue  # "新化县财政局2023年度下达我局资金…": who funds the unit, not the unit (but "麻埠镇人民政府
            #           2023年度下达上级资金…" names the unit the funds went to)
        u = unit_in_run(clean_unit(m.group("run")), place_needed=False)
        if u:
            found.setdefault(u, []).append(m.start("run"))
    if not found:
        return []
    best = max(found, key=lambda u: (len(found[u]), -found[u][0]))
    return [(best, found[best][0])]


def subject_unit(sentence: str) -> str | None:
    """The place-named unit a sentence opens with as its subject ("绵阳市科学技术局主要有……")."""
    m = _re(_conf()["unit"]["subject"]).match(sentence)
    if not m:
        return None
    return _subject_at(m.group("unit"), sentence[m.end("unit"):])


def _subject_at(run: str, rest: str, townships: Collection[str] = ()) -> str | None:
    """The shortest place-named unit ``run`` starts with that a subject verb follows. Every end is
    tried, not only suffix_ends of the run: a verb glued to the name may mask its suffix
    ("…驻上海联络处于2012年…设立": 处于 is no suffix in the run, 联络处 is in the name). A unit opening
    with one of ``townships`` (the text writes them after their county elsewhere: stated.placed_townships)
    is named by its place too ("双塔山镇人民政府已经对…项目进行验收" beside "双滦区双塔山镇中营子村")."""
    verbs = _re(_conf()["unit"]["subject_verbs"])
    superior = _re(_conf()["unit"]["superior_after"])
    for end in range(3, len(run) + 1):
        cand = run[:end]
        if verbs.match(run[end:] + rest[:8]) and is_unit(cand) and (region_of(cand) or township_unit(cand, townships)):
            # "新化县人民政府是我办的主管部门": the report's superior, no subject of its own
            return None if superior.match(run[end:] + rest[:12]) else cand
    return None


def subject_units(text: str) -> list[tuple[str, int]]:
    """(unit, position) of each place-named unit opening a body sentence as its subject (a township's
    unit counts as place-named when the body writes the township after its county)."""
    body = _body(text)
    townships = placed_townships(body)
    out = []
    for m in _re(_conf()["unit"]["subject"]).finditer(body):
        u = _subject_at(m.group("unit"), body[m.end("unit"):], townships)
        if u:
            out.append((u, m.start("unit")))
    return out


def self_named_unit(text: str) -> str | None:
    """The unit calling itself "我" + its name ("年初预算安排我公路建设养护中心20xx年……")."""
    u = _conf()["unit"]
    suffixes = tuple(u["self_named_suffixes"])
    for m in _re(u["self_named"]).finditer(text):
        run = m.group("unit")
        for end in suffix_ends(run):  # not_suffix words are masked on the run: 我单位所属 is no 单位所
            cand = run[:end]
            if cand.endswith(suffixes) and is_unit(cand):
                return cand
    return None


def self_word_units(text: str) -> list[tuple[str, int]]:
    """(unit, position) of the unit a report calls 我厅 / 本局 / 我院: among the place-named units of
    the body that end in that word (or its long form: 委 → 委员会), the one whose name after its place
    the text repeats most ("我厅" and "陕西省应急管理厅职能配置…", "省应急管理厅主要职责"). A unit
    whose notice the report follows (根据《保山市财政局关于…》), or that grants it funds (XX县财政局
    下达…), is not counted; a tie names none."""
    conf = _conf()["unit"]
    body = text[: _conf()["fuller"]["scan_chars"]]
    words = Counter(m.group("word") for m in _re(conf["self_word"]).finditer(body))
    if not words:
        return []
    word = words.most_common(1)[0][0]
    endings = (word, *_conf()["fuller"]["endings"].get(word, []))
    cited = _re(conf["cited_before"])
    granting = _re(conf["granting_after"])
    former = _re(conf["former"])
    superior = _re(conf["superior_after"])
    first: dict[str, int] = {}
    for start, ends in unit_runs(body):
        if cited.search(body[max(0, start - 12): start]) or former.search(body[max(0, start - 3): start]):
            continue
        for end in ends:
            end = branch_end(body[start:start + ends[-1]], end, ends)  # 株洲市生态环境局渌口分局, not its parent
            u = body[start:start + end]
            if u.endswith(endings):
                if _re(conf["project_object"]).match(body, start + end):
                    break  # "永德县义务教育薄弱学校改造补助资金": the site a project builds, no unit
                if not (_issuer(body, start, start + end) or granting.match(body, start + end)
                        or superior.match(body, start + end)):
                    first.setdefault(u, start)
                break
    if not first:
        return _self_township(body, word)
    score = {u: body.count(u[len(region_of(u) or ""):] or u) for u in first}
    ranked = sorted(first, key=lambda u: (-score[u], first[u]))
    if len(ranked) > 1 and score[ranked[0]] == score[ranked[1]]:
        return []
    return [(ranked[0], first[ranked[0]])]


def _self_township(body: str, word: str) -> list[tuple[str, int]]:
    """The township a report calling itself 我镇 / 我乡 names, when no county precedes it ("松木塘镇地处桃江
    偏远乡镇…建立健全我镇…", heldout15 x002): of the names ending in that word, the one the body repeats most
    (at least ``[unit.self_township] min_count`` times; of equal counts the name holding the others, and none when
    two towns are named as often), not a generic word (乡镇)."""
    conf = _conf()["unit"]["self_township"]
    if word not in conf["words"]:
        return []
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for m in regex.finditer(regex.escape(word), body):
        for k in range(2, conf["max_chars"]):
            name = body[m.start() - k: m.end()] if m.start() >= k else ""
            if not is_township(name):  # (a township's name is Han characters only: [region.township])
                continue
            if any(name.endswith(g) for g in conf["generic"]) or name[0] in conf["not_first"]:
                continue
            counts[name] += 1
            first.setdefault(name, m.start() - k)
    most = max(counts.values(), default=0)
    if most < conf["min_count"]:
        return []
    top = [n for n in counts if counts[n] == most]
    top = [n for n in top if not any(n != o and n in o for o in top)]  # 木塘镇 inside 松木塘镇: one name
    return [(top[0], first[top[0]])] if len(top) == 1 else []  # two towns as often: neither


def _issuer(body: str, start: int, end: int) -> bool:
    """Whether the unit at body[start:end] issues a document the report cites (《滁州市财政局 滁州市民政局
    关于分配…》) — and not one the unit says it issued itself (制发《保山市交通运输局关于做好…》)."""
    opening = body.rfind("《", max(0, start - 40), start)
    if opening == -1 or "》" in body[opening:start]:
        return False
    closing = body.find("》", end)
    if closing == -1 or "关于" not in body[end:closing]:
        return False
    return not _re(_conf()["unit"]["own_issue"]).search(body[max(0, opening - 8): opening])


def signature_unit(text: str) -> str | None:
    """The unit signing the report: its name on the line over a date among the last lines."""
    u = _conf()["unit"]
    lines = [l.strip() for l in text.rstrip().split("\n") if l.strip()][-u["signature_lines"]:]
    for i in range(len(lines) - 1, 0, -1):
        if _re(u["signature"]).match(lines[i]):
            cand = clean_unit(lines[i - 1])
            if is_unit(cand):
                return cand
    return None


def glued_signature_unit(text: str) -> str | None:
    """The unit of a cover glued into the head of the text ("…绩效自评报江西省体育局二O二二年三月"): the run
    between the title's end and a date in Chinese numerals, when it is a place-named unit ([unit] glued_signature)."""
    for m in _re(_conf()["unit"]["glued_signature"]).finditer(_body(text)):
        cand = clean_unit(m.group("run"))
        if region_of(cand) and is_unit(cand):
            return cand
    return None


def heading_kind(text: str) -> str | None:
    """department | project as the body's first level-1 heading says ("一、项目基本情况")."""
    m = _re(_conf()["kind"]["heading"]).search(_body(text))
    return kind_of(m.group("heading"), "headings") if m else None


def body_kind(text: str) -> str | None:
    """department | project as the body's wording says (cited titles 《……》 left out)."""
    body = _re(_conf()["kind"]["body_ignore"]).sub("", _body(text))
    return kind_of(body, "body")


def evaluated_unit(text: str) -> str | None:
    """The place-named unit whose funds an evaluation report covers ("对方城县动物疫病预防控制中心
    动物防疫专项经费进行了绩效评价"): the longest unit name the object starts with."""
    for m in _re(_conf()["unit"]["evaluated"]).finditer(_body(text)):
        u = trim_to_unit(m.group("run"))
        if u and region_of(u):
            return u
    return None
