"""Offset-safe normalization: full-width forms, stray spaces, lines broken inside a sentence.

Every rule either replaces one character by one character or deletes characters, so each
character of the normalized text keeps the offset of the source character it came from
(``Normalized.origin``). Extraction works on the normalized text; ``to_source`` maps a span back.

Traditional-character mirrors are turned into simplified characters before this, one for one,
by OpenCC (extractor/text/traditional.py, which records how it measured against the table it
replaced); ``is_traditional`` and ``to_simplified`` are re-exported here for the pipeline.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

import regex

from .. import rules
from ..errors import PatternError
from .headings import heading_start_re, major_heading_re


@dataclass
class Normalized:
    """A normalized text and, per character, the offset of the source character it came from."""

    text: str
    origin: list[int]  # origin[i] = source offset of text[i]; one extra entry for len(text)

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Source span of the normalized span [start, end)."""
        if end <= start:
            return self.origin[start], self.origin[start]
        return self.origin[start], self.origin[end - 1] + 1

    def from_source(self, offset: int) -> int:
        """First normalized offset whose source offset is at or after ``offset``."""
        return bisect.bisect_left(self.origin, offset, hi=len(self.text))



@lru_cache(maxsize=1)
def _placeholder() -> frozenset[str]:
    """The characters a placeholder cell is written with ([lines] placeholder): a line of them alone
    is a form's cell ("—" one cell a line), never a sentence going on after its dash."""
    return frozenset(_conf()["lines"].get("placeholder", ""))

@lru_cache(maxsize=1)
def _conf() -> dict:
    """patterns/normalize.toml, read once."""
    return rules.load("normalize")


@lru_cache(maxsize=1)
def _rules():
    conf = _conf()
    table = dict(rules.FULL_WIDTH)
    for src, dst in conf["chars"].items():
        if len(src) != 1 or len(dst) != 1:
            raise PatternError(f"patterns/normalize.toml: [chars] must map one character to one: {src!r}")
        table[ord(src)] = dst
    lines = conf["lines"]
    clause = lines["clause"]
    clause_re = regex.compile("[" + "".join(regex.escape(c) for c in clause) + "]")
    return _Mapper(table), set(lines["terminal"]), set(lines["continuation"]), set(clause), clause_re


@lru_cache(maxsize=1)
def _deletions() -> list[regex.Pattern]:
    """The [delete] rules of patterns/normalize.toml with the whitespace clean-up, in the order
    they apply."""
    delete = _conf()["delete"]
    return [delete["pinyin_gloss"].regex, _TRAILING, _LEADING, delete["between_han"].regex,
            delete["digit_date"].regex, delete["digit_unit"].regex, delete["thousands"].regex,
            _MULTI_SPACE]


def inside_token(source: str, at: int) -> bool:
    """Whether the whitespace at ``at`` of the source is a space the normalizer removed inside one
    token (a figure and its unit: "15.00 万元", [delete.digit_unit]), not a boundary between cells."""
    return bool(_conf()["delete"]["digit_unit"].regex.match(source, at))


def letter_spaced(source: str) -> frozenset[int]:
    """Offsets of the source's spaces that set single Han characters apart, four or more in a row
    ("绩 效 自 评 报 告", a PDF's justified title, [letter_spaced]): letter-spacing, not the border of a cell."""
    spaced = _conf()["letter_spaced"].regex
    return frozenset(m.start() + k for m in spaced.finditer(source) for k in range(1, len(m.group()), 2))


class _Mapper:
    """One-to-one character mapping. ``str.translate`` with a dict looks up every character of a
    Chinese text (slow); a stdlib ``re`` class finds the few that change, about 5x faster."""

    def __init__(self, table: dict[int, int | str]):
        self.table = {chr(k): v if isinstance(v, str) else chr(v) for k, v in table.items()}
        self.pattern = re.compile("[" + "".join(re.escape(c) for c in self.table) + "]")

    def __call__(self, text: str) -> str:
        return self.pattern.sub(lambda m: self.table[m.group()], text)


# Whitespace deletions (structural; the ones about Chinese text are in patterns/normalize.toml).
_CR = regex.compile(r"\r(?=\n)")
_TRAILING = regex.compile(r"[ \t\f\v]+(?=\n|$)")
_LEADING = regex.compile(r"(?:(?<=\n)|^)[ \t\f\v]+")
_MULTI_SPACE = regex.compile(r"(?<=[ \t])[ \t]+")
_MANY_BLANK = regex.compile(r"(?<=\n\n)\n+")
_LINE_BREAKS = regex.compile(r"\n+")
_BODY_START = regex.compile(r"[\p{Han}\d]")  # prose starts with a Han character or a digit


def _delete(text: str, origin: list[int], spans: list[tuple[int, int]]):
    if not spans:
        return text, origin
    parts, new_origin, pos = [], [], 0
    for s, e in spans:
        parts.append(text[pos:s])
        new_origin.extend(origin[pos:s])
        pos = e
    parts.append(text[pos:])
    new_origin.extend(origin[pos:])
    return "".join(parts), new_origin


def _delete_matches(text, origin, pattern):
    return _delete(text, origin, [m.span() for m in pattern.finditer(text)])


def normalize(source: str) -> Normalized:
    """``source`` with full-width forms folded, stray spaces removed and broken prose lines
    joined; every character keeps the offset of the source character it came from."""
    mapper, terminal, continuation, clause, clause_re = _rules()
    text, origin = _delete_matches(mapper(source), list(range(len(source))), _CR)
    text = text.replace("\r", "\n")  # old Mac line ends, 1:1
    # a page read as runs of text: its headings part from their paragraphs before the spaces between
    # Han characters go, other labels after a sentence's end once broken lines are joined (1:1)
    text, parted, pending = _runs_into_lines(text, terminal, clause)
    parted, pending = {origin[i] for i in parted}, {origin[i] for i in pending}
    # mirror pages gloss characters with pinyin (數(shù)據(jù)): no text of the report
    for pattern in _deletions():
        text, origin = _delete_matches(text, origin, pattern)
    text, origin = _delete(text, origin, _page_chrome(text))
    text, origin = _join_broken_lines(text, origin, terminal, continuation, clause, clause_re, parted)
    text = _labels_into_lines(text, origin, pending)
    text, _, _ = _runs_into_lines(text, terminal, clause, joined=True)
    text, origin = _delete_matches(text, origin, _MANY_BLANK)
    origin.append(origin[-1] + 1 if origin else 0)
    return Normalized(text, origin)


def _runs_into_lines(text: str, terminal: set[str], clause: set[str], joined: bool = False) -> tuple[str, set[int], set[int]]:
    """``text`` with blanks made line breaks again where a page was read as runs of text, one
    paragraph a line ("…报告如下: 一、基本情况 (一)项目概况 1.项目立项背景及目的 为认真贯彻…"): on a line of
    at least RUN_LINE_MIN characters, the blank before a major heading label (一、, (一): the
    run_break_styles of patterns/sections.toml) and the blank after a run that is a heading (a label
    and one run of HEADING_RUN_MIN to HEADING_RUN_MAX characters without a clause mark) when words,
    a year or a label follow ("1.2019年结余结转 29.32 万元。" stays whole). Returns the text, the
    offsets made line breaks, and the blanks before any other numbered label after a sentence's end
    ("…如下: 1.项目概况"): those wait until broken lines are joined (``_labels_into_lines``), for the
    join reads a paragraph by its clause marks. ``joined``: the text after the joins (lines a page's
    width wrapped are runs again), where every label's blank is made a break at once and heading
    runs are no longer told (the spaces between Han characters are gone). One character for one,
    so every offset holds; a label inside a sentence ("…共2. 3个") has none of these before it and
    stays."""
    heading, major = heading_start_re(), major_heading_re()
    runs = _conf()["runs"]
    contents_end, opens_paragraph = runs["contents_end"].regex, runs["opens_paragraph"].regex
    chars, parted, pending = None, set(), set()
    start = 0
    for line in text.split("\n"):
        if len(line) >= RUN_LINE_MIN:
            cut = 0  # where the line's current run starts
            for m in _BLANK_RUN.finditer(line):
                before = line[cut:m.start()].rstrip()
                if not before or m.end() == len(line) or contents_end.search(before):
                    continue  # (a table of contents' entry: its labels head no text here)
                label = heading.match(before)
                after_label = before[-1] in terminal and heading.match(line, m.end())
                if major.match(line, m.end()) or (joined and after_label) or (
                        not joined and label and label.end() + HEADING_RUN_MIN <= len(before) <= HEADING_RUN_MAX
                        and (opens_paragraph.match(line, m.end()) or heading.match(line, m.end()))
                        and not _BLANK_RUN.search(before, label.end())
                        and not any(ch in clause or ch in terminal for ch in before)):
                    if chars is None:
                        chars = list(text)
                    chars[start + m.end() - 1] = "\n"
                    parted.add(start + m.end() - 1)
                    cut = m.end()
                elif after_label:
                    pending.add(start + m.end() - 1)
                    cut = m.end()
        start += len(line) + 1
    return (text if chars is None else "".join(chars)), parted, pending


def _labels_into_lines(text: str, origin: list[int], pending: set[int]) -> str:
    """``text`` with the blanks at the source offsets ``pending`` (``_runs_into_lines``) that are
    still there made line breaks, one character for one."""
    chars = None
    for off in pending:
        i = bisect.bisect_left(origin, off, hi=len(text))
        if i < len(text) and origin[i] == off and text[i] in " \t":
            if chars is None:
                chars = list(text)
            chars[i] = "\n"
    return text if chars is None else "".join(chars)


RUN_LINE_MIN = 120  # characters of a line that may hold several paragraphs (a page read as runs of text)
HEADING_RUN_MAX = 20  # characters of a heading read as a run of its own (a longer one is a list item's sentence)
HEADING_RUN_MIN = 4  # ... after its label: fewer are a word a justified line spaced out ("一、项 目基本概况")
_BLANK_RUN = regex.compile(r"[ \t]+")


def _page_chrome(text: str) -> list[tuple[int, int]]:
    """Spans (each a whole line with its line break) of a copied PDF's page chrome: page-number
    lines ([delete.page_number]) and, within CHROME_REACH lines of one, a running header: a line
    of at least CHROME_MIN_CHARS characters, CHROME_MIN_HAN of them Han, the text already wrote (the title again). The first
    writing of the header stays; the chrome goes so what a page break cut reads on."""
    numbers = list(_conf()["delete"]["page_number"].regex.finditer(text))
    if not numbers:
        return []
    lines, a = [], 0
    for b in [i for i, ch in enumerate(text) if ch == "\n"] + [len(text)]:
        lines.append((a, b))
        a = b + 1
    starts = [a for a, _ in lines]
    seen: set[str] = set()
    first_seen: dict[str, int] = {}
    for k, (a, b) in enumerate(lines):
        key = text[a:b].strip()
        if (len(key) >= CHROME_MIN_CHARS and key not in seen
                and len(_HAN.findall(key)) >= CHROME_MIN_HAN):  # words, not a cell "4753.66万元" again
            seen.add(key)
            first_seen[key] = k
    # the head of the text: its first CHROME_HEAD_LINES lines with words (where a title stands)
    worded = [k for k, (a, b) in enumerate(lines) if text[a:b].strip()][:CHROME_HEAD_LINES]
    head = worded[-1] if worded else -1
    near: dict[str, set[int]] = {}  # a line written before → the page numbers it stands beside again
    repeats: list[tuple[int, str]] = []  # (line, text) of those repetitions
    chrome: set[int] = set()
    for n, m in enumerate(numbers):
        k = bisect.bisect_right(starts, m.start()) - 1
        chrome.add(k)
        for j in range(max(0, k - CHROME_REACH), min(len(lines), k + CHROME_REACH + 1)):
            key = text[lines[j][0]:lines[j][1]].strip()
            if j != k and key in first_seen and first_seen[key] < j:
                near.setdefault(key, set()).add(n)
                repeats.append((j, key))
    # a running header repeats the head's title, or stands beside two page numbers at least; a table's
    # cell written again beside one page break ("其他项目收益专项债券", pool p0180) is no header
    chrome |= {j for j, key in repeats if first_seen[key] <= head or len(near[key]) >= 2}
    return [(lines[k][0], min(len(text), lines[k][1] + 1)) for k in sorted(chrome)]


CHROME_REACH = 3  # lines between a page number and its running header (blank lines count)
CHROME_MIN_CHARS = 6  # a running header repeats at least a title's worth of text
CHROME_HEAD_LINES = 5  # lines with words at the top of a text, where the title a header repeats stands
CHROME_MIN_HAN = 4  # ... in words: a form's figure cell written twice across a page break ("4753.66万元",
# 年初预算数 then 全年预算数, heldout3 k009 with page chrome) is the form's, not the page's
_HAN = regex.compile(r"\p{Han}")


def _join_broken_lines(text, origin, terminal, continuation, clause, clause_re, parted=frozenset()):
    """Join a line to the next when the sentence plainly goes on.

    The 2024 渌口区 report breaks "主要用于2017年危桥改造" + blank line + "项目建设。" and a project
    heading after "旅游路工程、"; a line that ends a sentence, a heading, or a table row never joins.
    A text copied from a PDF breaks every line at the page's width ("…我部门及所属二层单位2024年度" /
    "项目21个,…"): a line as wide as the page (_full_line_test) goes on into the next one, unless it
    or the next is a table's row by the blanks and bars still in it (the spaces normalization deleted
    between Han characters are a justified line's, "中共许昌市委 许昌市人民政府", not cell borders: a row
    keeps blanks between figures) or a figure before the next row's label.
    """
    heading = heading_start_re()
    full = _full_line_test(text, origin, terminal)
    spans = []
    for m in _LINE_BREAKS.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line = text[line_start:m.start()]
        nxt_end = text.find("\n", m.end())
        nxt = text[m.end(): nxt_end if nxt_end != -1 else len(text)]
        if not line or not nxt or nxt.startswith("|") or line.endswith("|") or origin[m.start()] in parted:
            continue  # (``parted``: source offsets of breaks that part a heading's run from its paragraph)
        last = line[-1]
        if m.end() - m.start() == 1 and (_unit_split(line, nxt) or _decimal_split(line, nxt) or _label_split(line, nxt)):
            spans.append(m.span())  # "1781.86万" / "元,…", "1767." / "21万元", "年初预" / "算…": one word
            continue
        if last in terminal or heading.match(nxt):
            continue
        if last in continuation and not set(line.strip()) <= _placeholder():
            spans.append(m.span())
        elif ((full(line) or full(_as_set(origin, line_start, line))) and m.end() - m.start() == 1
              and _BODY_START.match(nxt) and not _is_chrome_line(nxt) and not _is_portal_line(line)
              and not _is_portal_line(nxt)  # a title as wide as the page before "浏览次数:51 字体:【": no sentence goes on
              and not _is_row(line)
              and not _is_row(nxt)
              and not _figure_then_label(line, nxt)):
            spans.append(m.span())  # a page's full line wrapped at its width: the sentence goes on
        elif (any(ch in clause for ch in _DIGIT_GROUPS.sub("", line)) and not _is_heading_line(line, heading)
              and _is_body(nxt, clause_re) and not _figure_then_label(line, nxt)):
            # (a figure's thousands separator is no clause: "3,730.00"; a line "label(元):figure" before
            # the next label's line is a row, "基本支出合计(元):7900000.00" / "项目支出(元):3902000.00")
            spans.append(m.span())
    return _delete(text, origin, spans)


def _indent(origin: list[int], line_start: int) -> int:
    """How many characters were deleted before the line's first one (a paragraph's indent: its first
    line holds fewer characters on a page that wraps at the same width)."""
    if line_start == 0:
        return origin[0] if origin else 0
    return origin[line_start] - origin[line_start - 1] - 1


def _width(line: str) -> int:
    """A line's width on the page: a Han character or a full-width form is two, the rest one."""
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in line)


def _as_set(origin: list[int], line_start: int, line: str, indent: bool = True) -> str:
    """``line`` as it stood on the page: the characters normalization deleted inside it (spaces between
    Han characters, a mirror's pinyin glosses) and, with ``indent``, before it put back as blanks, so
    its width is the page's, not what deletions left of it."""
    inside = origin[line_start + len(line) - 1] - origin[line_start] + 1 - len(line) if line else 0
    return " " * (_indent(origin, line_start) if indent else 0) + line + " " * inside


def _full_line_test(text: str, origin: list[int], terminal: set[str]):
    """A test for lines as wide as the page the text was wrapped at: a sharp peak of the lines'
    widths as set on the page (``_as_set``), measured on the page (Han = 2) or in characters,
    whichever shows one (a line full by either is full). A peak holds at least WRAP_MIN_LINES lines
    and WRAP_MIN_SHARE of the lines at least WRAP_MIN_WIDTH wide within WRAP_TOLERANCE, most of them
    cut mid-sentence (WRAP_MIN_CUT), and few lines are wider on the page (a web page's paragraphs,
    one a line, have no such peak); without one the test is always False. A line holding more
    characters than the peak's is full too when it is no wider on the page: it holds narrow ones
    (digits, Latin letters) where the others hold Han characters."""
    lines, start = [], 0
    for ln in text.split("\n"):
        if ln.strip() and not _is_row(ln) and not _is_portal_line(ln):
            lines.append(_as_set(origin, start, ln, indent=False))
        start += len(ln) + 1
    tests = []
    for measure, tol, least in ((_width, WRAP_TOLERANCE, WRAP_MIN_WIDTH), (len, WRAP_TOLERANCE // 2, WRAP_MIN_WIDTH // 2)):
        sizes = sorted(measure(ln) for ln in lines if measure(ln) >= least)
        if len(sizes) < WRAP_MIN_LINES:
            continue
        best, peak = 0, 0
        for i, w in enumerate(sizes):  # the most lines within [w - tol, w]
            lo = bisect.bisect_left(sizes, w - tol)
            if i + 1 - lo >= best:
                best, peak = i + 1 - lo, w
        # wider on the page: in characters, a line past the peak holding narrow ones is not
        page = (lambda ln, p=peak: _width(ln) > 2 * (p + tol)) if measure is len else (lambda ln, p=peak: _width(ln) > p + tol)
        wider = sum(1 for ln in lines if measure(ln) > peak + tol and page(ln))
        at_peak = [ln for ln in lines if peak - tol <= measure(ln) <= peak]
        cut = sum(1 for ln in at_peak if ln.rstrip()[-1] not in terminal)
        if (best >= WRAP_MIN_LINES and best >= WRAP_MIN_SHARE * len(sizes) and wider <= WRAP_MAX_WIDER * len(sizes)
                and cut >= WRAP_MIN_CUT * len(at_peak)):
            tests.append((measure, peak, tol))
    return lambda line: any(p - t <= m(line) <= p + t or (m is len and m(line) > p and _width(line) <= 2 * (p + t)
                                                          and _width(line) - len(line) >= WRAP_WIDE_SHARE * (p - t))
                            for m, p, t in tests)


_DIGIT_GROUPS = regex.compile(r"(?<=\d),(?=\d{3}(?!\d))")  # the comma of "3,730.00"
WRAP_MIN_LINES = 4  # lines at the page's width needed to believe in it
WRAP_MIN_CUT = 0.75  # ... most of them cut mid-sentence (a wrap ends a line anywhere, a paragraph at 。)
WRAP_MIN_SHARE = 0.3  # ... and this share of the long lines
WRAP_MAX_WIDER = 0.25  # at most this share of lines wider than the page (a file name, a chrome line)
WRAP_MIN_WIDTH = 40  # page width (Han = 2) of a line counted: shorter ones are headings, cells, list items
# (no page holds fewer than 20 Han characters a line; an official document's holds 28, GB/T 9704)
WRAP_WIDE_SHARE = 0.75  # a line past the peak in characters holds this share of the peak in wide ones (a page's line
# holding digits; a cell of Latin letters and digits, "…365bet备用…", is no page's line)
WRAP_TOLERANCE = 4  # page-width units a full line may fall short of the page (punctuation, a digit)


def _is_row(line: str) -> bool:
    """A table's row, not a page's line: cells between bars or tabs, or between blanks in a line
    without a clause mark ("1 城乡居民医疗保险补助项目 120.5 118.2 98.1%")."""
    return bool(_CELL_MARK.search(line)) or (len(_BLANKS.findall(line)) >= 2 and not _CLAUSE_MARK.search(line))


def _unit_split(line: str, nxt: str) -> bool:
    """Whether a figure's unit is split between the end of ``line`` and the start of ``nxt`` ([lines]
    unit_words): the line ends in digits and a head of the unit, the next line opens with its rest
    ("1781.86万" / "元", "120" / "万元", "12.5公" / "里", "12.5" / "公里的道路"). A one-character unit
    opening the next line must end its word there ("120" / "元,…"; "120" / "元旦…" is a cell and the next one)."""
    for word in _conf()["lines"]["unit_words"]:
        for k in range(len(word)):
            head, rest = word[:k], word[k:]
            if not (nxt.startswith(rest) and line.endswith(head)
                    and line[len(line) - len(head) - 1:len(line) - len(head)].isdigit()):
                continue
            if k == 0 and len(word) == 1 and _HAN.match(nxt, len(rest)):
                continue
            return True
    return False


def _decimal_split(line: str, nxt: str) -> bool:
    """A decimal broken after its point ("全年执行数1767." / "21万元"); a list's mark alone on its line
    ("1." / "项目概况") is none, nor is a next line opening with one ("170." / "3、18…": a table's cells)."""
    return (bool(_DECIMAL_HEAD.search(line)) and nxt[:1].isdigit() and not _BARE_MARK.fullmatch(line.strip())
            and not _MARK_START.match(nxt))


_DECIMAL_HEAD = regex.compile(r"\d\.$")
_BARE_MARK = regex.compile(r"\d{1,2}\.")
_MARK_START = regex.compile(r"\d{1,2}[、.．)）]")


def _label_split(line: str, nxt: str) -> bool:
    """Whether a label of the facts runs across the break between ``line`` and ``nxt`` (two Han
    characters), neither side ending or opening it whole ([lines] label_split_min_line)."""
    if len(line) < _conf()["lines"]["label_split_min_line"] or not (_HAN.match(line[-1]) and _HAN.match(nxt[:1])):
        return False
    reach = _conf()["lines"]["label_split_reach"]
    tail, head = line[-reach:], nxt[:reach]
    window, cut = tail + head, len(tail)
    labels = _split_labels()
    # a label either side ends or opens whole at the break ("项目支出" / "合计": a cell and the next) stands
    # unless a longer one runs across it ("年初预算" / "数为…" is 年初预算数, "基本" / "支出为…" is 基本支出)
    whole = max([m.end() - m.start() for m in labels.finditer(tail, overlapped=True) if m.end() == cut]
                + [m.end() for m in labels.finditer(head, overlapped=True) if m.start() == 0] + [0])
    return any(m.start() < cut < m.end() and m.end() - m.start() > whole
               for m in labels.finditer(window, overlapped=True))


@lru_cache(maxsize=1)
def _split_labels() -> regex.Pattern:
    """Every label of patterns/facts.toml's [[fact]] entries, and the cover, form and chrome labels of
    [lines] split_labels, as one pattern."""
    conf = rules.load("facts")
    labels = [f"(?:{lab.regex.pattern})" for entry in conf["fact"] for lab in entry.get("labels", [])]
    labels += [regex.escape(word) for word in _conf()["lines"]["split_labels"]]
    return regex.compile("|".join(labels))


def _figure_then_label(line: str, nxt: str) -> bool:
    """A line ending in a figure before a line opening with words: a flattened table's row and the
    next row's label ("2、运行维护专项 21.4457.2655.07" / "公用经费 80.15…"), not a page's wrap (a
    wrapped figure goes on with its unit: "…资金12" / "万元"). A line opening with an ordinal glued to
    its name ("2李庄河道…") after a figure or a header's unit in brackets is a new row too."""
    goes_on = _conf()["lines"]["figure_goes_on"]
    label = nxt.startswith(tuple(_conf()["lines"]["figure_new_label"]))
    # a row's ordinal glued to its name ("120.5" / "2李庄河道综合治理工程…"): a new row, not the figure's digits
    ordinal = _conf()["lines"]["glued_ordinal"].regex.match(nxt)
    new_row = ordinal is not None and nxt[ordinal.end()] not in goes_on
    ends_figure = bool(line) and (line[-1].isdigit() or line[-1] == "%")
    if new_row and (ends_figure or line.endswith(")")):
        return True  # after a figure, or a header's last cell ("金额(万元)"), before the next row
    return ends_figure and (nxt[:1] not in goes_on or label) and not nxt[:1].isdigit()


def _is_portal_line(line: str) -> bool:
    """A portal page's chrome line ([lines.chrome]: a breadcrumb, the font bar, the publication time):
    no line of the report's prose, so it neither sets a page's width nor goes on into the next line."""
    return bool(_conf()["lines"]["chrome"].regex.match(line))


def _is_chrome_line(line: str) -> bool:
    """A page number between two pages' lines ("—23—", "- 4 -", "第1页", [delete.page_number]) or a
    bare number (a page's number, or a form's cell: no sentence goes on into it)."""
    line = line.strip()
    return bool(_BARE_NUMBER.fullmatch(line)) or bool(
        _conf()["delete"]["page_number"].regex.fullmatch(line))


_CELL_MARK = regex.compile(r"[|\t]")  # a table's row: its lines are rows, not a page's lines
_BLANKS = regex.compile(r" +")
_CLAUSE_MARK = regex.compile(r"[,,。;;::、]")
_BARE_NUMBER = regex.compile(r"\d{1,4}")


def _is_heading_line(line: str, heading) -> bool:
    """A numbered heading line; a long paragraph that merely opens with a number label
    ("(1)严控“三公”经费支出。2024年,…" cut by a PDF page break) is prose."""
    return bool(heading.match(line)) and len(line) <= HEADING_LINE_MAX


HEADING_LINE_MAX = 40


def _is_body(line: str, clause_re: regex.Pattern) -> bool:
    """The continuation of a prose sentence: Han text that goes on to a clause or sentence end."""
    return bool(_BODY_START.match(line)) and bool(clause_re.search(line))
