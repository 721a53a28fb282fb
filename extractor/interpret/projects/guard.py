"""The precision guard: a project name must read as a name. Whatever way found it, a name that
holds page chrome ("发布时间", "浏览次数"), opens with a heading number ("一、", "(二)"), holds a
sentence ("…,我局…。"), or runs past ``guard.max_chars`` is refused (see [guard] in
patterns/projects.toml). A single project's name that opens with a conjunction ("与新能源公交车运营补助
资金": the title lost a word) is a fragment: the fund the text names before the project's money
replaces it when the two are alike ("节能与新能源公交车营运补助资金")."""
from __future__ import annotations

from dataclasses import replace
from difflib import SequenceMatcher
from functools import lru_cache

import regex

from ... import rules
from ...model import Project, Report
from ..facts import config as facts_config
from .amounts import clause_prefix
from .vocabulary import vocab


def name_refused(name: str | None) -> bool:
    """The name is chrome, a heading, a sentence or too long to be a project's name."""
    v = vocab()
    if not name:
        return True
    if len(name) > v.guard_max_chars:
        return True
    return any(p.search(name) for p in v.guard_not_name) or _is_fact_label(name)


def _is_fact_label(name: str) -> bool:
    """The name is a whole label of a report's money (patterns/facts.toml: 收入合计, 财政拨款收入, 基本支出,
    人员经费…): a row of a budget table headed 项目 ("项目 | 金额(万元)"), not a project."""
    return _money_labels().fullmatch(name.strip()) is not None


@lru_cache(maxsize=1)
def _money_labels() -> regex.Pattern:
    """Every money label of the facts as one pattern (name_refused asks it of every candidate name)."""
    return regex.compile("|".join(f"(?:{e.label.pattern})" for e in facts_config().entries if e.value == "amount"))


def cleaned_name(name: str | None) -> str | None:
    """The well-formedness gate: ``name`` without what [[guard.trim]] deletes (a bullet or a label
    before it, a function character opening it, a title's unit and year, a report's time word after
    it, a bracketed kind marker), cut again until nothing more goes; None when it is refused
    (name_refused), or when a cut one keeps fewer than ``title.min_chars`` Han characters or reads as
    a generic name. "•标题:五指山市统计局2020年人口普查经费资金项目" → "人口普查经费资金项目"; "年度绩效考核" → None."""
    v = vocab()
    if name_refused(name):
        return None
    cut = name
    for _ in range(_TRIM_ROUNDS):
        before = cut
        for trim in v.guard_trim:
            cut = trim.sub("", cut, count=1).strip(" ,、:")
        if cut == before:
            break
    if cut == name:
        return name
    if (len(rules.compiled(r"\p{Han}").findall(cut)) < v.title_min_chars or v.generic_name.match(cut)
            or name_refused(cut)):
        return None
    return cut


_TRIM_ROUNDS = 4  # trims of one name: a label, then a unit and year, then a function character…


def guarded(projects: list[Project]) -> list[Project]:
    """``projects`` through the well-formedness gate (cleaned_name): each name cleaned, those refused
    dropped, the rest renumbered."""
    named = ((p, cleaned_name(p.name)) for p in projects)
    kept = [p if name == p.name else replace(p, name=name) for p, name in named if name is not None]
    if len(kept) != len(projects):
        kept = [replace(p, ordinal=i) for i, p in enumerate(kept, 1)]
    return kept


def repaired_fragment(report: Report, name: str, amount_i: int | None) -> str:
    """A name opening with a conjunction, replaced by the fund named right before the project's
    money when the two are alike (else the name without its conjunction); any other name as is."""
    v = vocab()
    head = v.guard_fragment_head.match(name)
    if not head:
        return name
    bare = name[head.end():]
    if amount_i is None:
        return bare
    before = clause_prefix(report.text, report.mentions[amount_i].start, v.window)
    m = v.guard_money_name.search(before)
    if m:
        fund = m.group("name")
        if SequenceMatcher(None, fund, name).ratio() >= v.guard_fragment_ratio and _han(fund) > _han(bare):
            return fund
    return bare


def _han(s: str) -> int:
    return len(rules.compiled(r"\p{Han}").findall(s))


def named_fund(report: Report, amount_i: int | None) -> str | None:
    """The fund named right before amount mention ``amount_i`` in its clause ("下达我县2021年残疾人事业
    发展补助资金50万元" → "残疾人事业发展补助资金"), unless it too names only a kind; None if none."""
    v = vocab()
    if amount_i is None:
        return None
    before = clause_prefix(report.text, report.mentions[amount_i].start, v.window)
    m = v.guard_money_name.search(before)
    if not m or v.title_kind_only.fullmatch(m.group("name")) or v.generic_name.match(m.group("name")):
        return None
    return m.group("name")


def fuller_name(report: Report, name: str) -> str:
    """The fuller form of a title's shortened name that the text itself uses: "乡村道路项目" (the
    title) → "乡村道路建设养护项目" when the text writes that at least ``guard.fuller_min`` times and
    the short form nowhere but in its title lines (heldout h010's form cells)."""
    v = vocab()
    word = v.item_project_word.search(name)
    if not word or word.start() < 2:
        return name
    stem, tail = name[: word.start()], word.group()
    text = report.text
    if text.count(name) > v.guard_fuller_title_uses:
        return name
    pattern = rules.compiled(regex.escape(stem) + r"\p{Han}{%d,%d}?" % (v.guard_fuller_least, v.guard_fuller_extra)
                             + regex.escape(tail))
    counts: dict[str, int] = {}
    for m in pattern.finditer(text):
        counts[m.group()] = counts.get(m.group(), 0) + 1
    best = max(counts.items(), key=lambda kv: (kv[1], -len(kv[0])), default=None)
    if best and best[1] >= v.guard_fuller_min and len(counts) == 1:
        return best[0]
    return name


def written_head(report: Report, name: str, title: str) -> str:
    """A title's name that lost its head to the unit or the place cut before it, given back as the
    body writes it: "改造补助资金" (the title "…新化县教育局义务教育薄弱学校改造补助资金绩效自评报告", its
    unit read as "新化县教育局义务教育薄弱学校") → "义务教育薄弱学校改造补助资金", the longest stretch of the
    title ending with the name that the text writes outside its title lines. A head holding a place,
    an organisation or a year word ([guard.head_not]) or a province is never added; any other name as is."""
    v = vocab()
    compact = rules.compiled(r"\s+").sub("", str(title))
    at = compact.rfind(name)
    if at <= 0:
        return name
    # the body: no title line, no form label, no part of a title set on two lines ("关于…资金的" / "绩效评价报告")
    body = "\n".join(line for line in report.text.split("\n")
                     if not v.title_word.search(line) and not v.field_label.search(line)
                     and not _part_of_title(line, compact))
    best = name
    for k in range(1, min(at, v.guard_head_reach) + 1):
        head = compact[at - k: at]
        if v.guard_head_not.search(head) or v.title_province.match(head):
            break
        if _maximal_in(body, head + name, compact[at - k - 1] if at - k > 0 else ""):
            best = head + name
    return best


def body_lines(report: Report) -> tuple[str, ...]:
    """The lines of the text but its title lines (short, with a report word, or a part of the title
    set on two lines: "学校工程项目" / "绩效自评报告"), form labels and chrome."""
    return _body_lines_of(report.text, rules.compiled(r"\s+").sub("", report.title or ""))


@lru_cache(maxsize=8)  # asked once a name by several guards and the last resort, for one text
def _body_lines_of(text: str, title: str) -> tuple[str, ...]:
    v = vocab()
    return tuple(line for line in text.split("\n")
                 if not ((v.title_word.search(line) and len(line) <= _TITLE_LINE) or v.field_label.search(line)
                         or v.guard_chrome_line.search(line) or _part_of_title(line, title)))


def _part_of_title(line: str, title: str) -> bool:
    """Whether ``line`` is a part of ``title`` (without blanks) set on a line of its own: "学校工程项目"
    above "绩效自评报告" is no body line."""
    return bool(title and line.strip() and rules.compiled(r"\s+").sub("", line) in title)


def heads_before(report: Report, name: str) -> list[str]:
    """The run of Han characters (at most ``guard.head.reach``) before each use of ``name`` in the body
    lines, in order; an empty string where a use stands bare."""
    v = vocab()
    han = rules.compiled(r"\p{Han}")
    heads = []
    for line in body_lines(report):
        i = line.find(name)
        while i >= 0:
            k = i
            while k > 0 and i - k < v.guard_head_reach and han.match(line[k - 1]):
                k -= 1
            heads.append(line[k:i])
            i = line.find(name, i + 1)
    return heads


def head_cut(head: str) -> str:
    """``head`` after its last place, organisation or year word ([guard.head_not])."""
    cut = None
    for cut in vocab().guard_head_not.finditer(head):
        pass
    return head[cut.end():] if cut else head


def unwritten_essay_topic(report: Report, name: str) -> bool:
    """Whether ``name`` comes from an essay site's page title ([title.essay_site] in the text) that
    its body never writes: the site's topic, not the report's project (heldout4 q025)."""
    if not vocab().title_essay_site.search(report.text):
        return False
    return not any(name in line for line in body_lines(report))


def body_head(report: Report, name: str) -> str:
    """A title's name the body never writes bare, always after one same head, given that head:
    "营养改善计划" (an essay site's title "营养改善计划绩效评估报告", heldout6 s009) → "农村义务教育学生营养改善计划",
    the body writing "全县农村义务教育学生营养改善计划", "霍邱县农村义务教育学生营养改善计划"…: the longest run of
    Han characters before every body use, at least ``guard.fuller_min`` uses, cut at a place, an
    organisation or a year word ([guard.head_not]). The name as is when any body use stands bare."""
    v = vocab()
    heads = heads_before(report, name)
    if len(heads) < v.guard_fuller_min or not all(heads):
        return name
    common = heads[0]
    for h in heads[1:]:
        n = 0
        while n < min(len(common), len(h)) and common[-1 - n] == h[-1 - n]:
            n += 1
        common = common[len(common) - n:]
    head = head_cut(common)
    if len(head) < MIN_HEAD or v.title_province.match(head):
        return name
    return head + name


MIN_HEAD = 2  # Han characters of a head worth adding
_TITLE_LINE = 90  # characters of the longest title line (single._TITLE_MAX_CHARS)


def _maximal_in(body: str, ext: str, before: str) -> bool:
    """Whether ``body`` writes ``ext`` with another character than ``before`` in front of it (the
    title's next character to the left): the body's name starts there too, it is no cut word."""
    i = body.find(ext)
    while i >= 0:
        if i == 0 or body[i - 1] != before:
            return True
        i = body.find(ext, i + 1)
    return False
