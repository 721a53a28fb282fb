"""Projects a project report names and counts without giving each its money: "共实施3个项目,分别为A、
B、C", "共实施A、B、C等3个项目", "共安排项目3个:" followed by one marked line an item. The count is the
evidence: the list stands only when it holds exactly as many items as the text says, each ending in
a project word (see [counted] in patterns/projects.toml). An item's amount is the one amount written
right after its name on its own line ("1.A项目(118.2万元)", "A项目:118.2万元"), else None: the text
gives none per item.

Marked lines under a count may carry their money anywhere in the item (its line or the lines under
it, up to the next item): "共实施5个项目,具体如下:\n1.张家村道路硬化:预算120.5万元,实际支出118.2万元。". There
the count, the one marker style the items share and each item's money vouch for names ending in any
word (a village's works, a subsidy, an activity), and each item's amount is its best labelled one
(spent or executed before budgeted, as amounts.best_amount ranks them)."""
from __future__ import annotations

from dataclasses import replace

from ... import rules
from ...model import Project, Report
from ...text.numerals import parse_number
from .amounts import best_amount
from .guard import name_refused
from .inline import _split_pieces
from .listed import in_order
from .vocabulary import vocab

_LINE_REACH = 400  # characters after the cue within which its marked item lines are looked for


def counted_projects(report: Report) -> list[Project]:
    """The first counted list of names in the report; [] when none holds exactly its count."""
    v, text = vocab(), report.text
    for cue in v.counted_cue.finditer(text):
        try:
            count = int(parse_number(cue.group("count")))
        except (ValueError, ArithmeticError):
            continue
        if not 2 <= count <= _MAX_ITEMS:
            continue
        lines = _lines(text, cue.end(), count + 1)
        more, lines = len(lines) > count, lines[:count]  # a further item of the style: the count is not theirs
        inline = _inline_marks(report, cue.end(), count)
        plain = _plain_lines(text, cue.end(), count)
        sources = ((_after(text, cue.end()), None), (_before(text, cue.start()), None),
                   (lines, _item_spans(text, [(a, b) for _, a, b in lines]) if lines and not more else None),
                   (inline, [stop for *_, stop in inline]), (plain, [stop for *_, stop in plain]))
        for items, spans in sources:
            items = [item[:3] for item in items]
            if len(items) > count and not _name_ok(items[count][0]):
                items = items[:count]  # "…分别为A、B、C,资金150万元": the sentence goes on after the list
            if len(items) != count:
                continue
            found = [_with_own_amount(report, Project(ordinal=k + 1, name=name, amount=None, start=a, end=b,
                                                      rule_id="projects:counted"))
                     for k, (name, a, b) in enumerate(items)]
            if all(_name_ok(p.name) for p in found):
                return found
            if spans is None:
                continue
            # one marked item a line, each with its own money right after its name: the count and the
            # money vouch for names that end in no project word ("1、档案整理费5万元,主要用于…")
            cut = [_cut_at_money(report, p) for p in found]
            if all(p.amount is not None and _name_ok(p.name, loose=True) for p in cut):
                return cut
            # one marked item, its money anywhere in it (its line, the lines under it, up to the next)
            if held := _vouched(report, found, spans):
                return held
    return _announced(report)


def _vouched(report: Report, found: list[Project], spans: list[int]) -> list[Project]:
    """``found`` each with the best labelled amount of its item (up to its span's end), when every
    item has money and a name holding none; [] otherwise."""
    held = [_with_item_amount(report, p, stop) for p, stop in zip(found, spans)]
    ok = all(p.amount is not None and _name_ok(p.name, loose=True) and not _holds_money(report, p) for p in held)
    return held if ok else []


def _announced(report: Report) -> list[Project]:
    """The marked items after a line announcing projects without a count ([counted.announce]: "实施项目如下:"):
    every line of the first item's marker style up to a heading above them, at least two, each with its
    money (its best labelled amount anywhere in the item) and a name that holds none; [] otherwise."""
    v, text = vocab(), report.text
    for cue in v.counted_announce.finditer(text):
        line_end = text.find("\n", cue.start())
        line_end = len(text) if line_end < 0 else line_end
        if text[cue.end():line_end].strip():  # the items marked on the cue's own line: "用于以下项目:1、A1.5万元,2、B…"
            inline = _inline_marks(report, cue.end(), None)
            if inline and any(c in text[inline[-1][1]:inline[-1][3]] for c in ";;"):
                continue  # the last marked item is followed by another, unmarked ("④A…;5B…"): the marks miss some
            if any(_amounts_in(report, a, stop) != 1 for _, a, _, stop in inline):
                continue  # an item stating more than its money ("①A应到位68万元,实际到位21万元"): the cued lists read those
            lines, spans = [item[:3] for item in inline], [stop for *_, stop in inline]
        else:
            lines = _lines(text, line_end, _MAX_ITEMS + 1)
            spans = _item_spans(text, [(a, b) for _, a, b in lines]) if lines else []
            if len(lines) < 2:  # the items marked within the next line: "一是A,…;二是B,…"
                inline = _inline_marks(report, line_end, None)
                lines, spans = [item[:3] for item in inline], [stop for *_, stop in inline]
        if not 2 <= len(lines) <= _MAX_ITEMS:
            continue
        found = [Project(ordinal=k + 1, name=name, amount=None, start=a, end=b, rule_id="projects:counted")
                 for k, (name, a, b) in enumerate(lines)]
        # each name running into its own money is cut before it ("贫困母亲安居房援建1.5万元" → its name and 1.5)
        cut = [_cut_at_money(report, p) for p in found]
        if all(c is not p and _name_ok(c.name, loose=True) for c, p in zip(cut, found)):
            return cut
        if held := _vouched(report, found, spans):
            return held
    return []


_MAX_ITEMS = 20  # items a counted or announced list may hold
_CUE_LINE_REST = 40  # characters a cue's line may go on for before the line after it holds its items


def _name_end(text: str, a: int, end: int) -> int:
    """Where an item's name starting at ``a`` ends: its first clause mark or bracket, at most ``end``."""
    stops = vocab().inline_separators + vocab().inline_sentence_end + ":("
    b = a
    while b < end and text[b] not in stops:
        b += 1
    return b


def _amounts_in(report: Report, lo: int, hi: int) -> int:
    """How many amounts the text writes in [lo, hi)."""
    return sum(1 for m in report.mentions if m.kind == "amount" and lo <= m.start < hi)


def _holds_money(report: Report, p: Project) -> bool:
    """Whether ``p``'s name holds an amount: a clause, not a name ("投入118.2万元实施A")."""
    return _amounts_in(report, p.start, p.end) > 0


def _inline_marks(report: Report, pos: int, count: int | None) -> list[tuple[str, int, int, int]]:
    """(name, start, end, item end) of the ``count`` items of one marker kind ([[listed.marker]]:
    第一, 一是, ①, 1.) numbered in order, in the rest of the cue's line or else on the line after it:
    "具体如下:1.A,…;2.B,…", "具体如下:\n第一,A,全年支出118.2万元。第二,B,…". Each name runs from its marker
    to its first clause mark; [] when the line holds another count."""
    v, text = vocab(), report.text
    nl = text.find("\n", pos)
    nl = len(text) if nl < 0 else nl
    end = text.find("\n", nl + 1)
    end = len(text) if end < 0 else end
    # the rest of the cue's own line ("具体如下:1.A,…;2.B,…"), else the line after it (when the cue ends its line)
    regions = [(pos, nl)] + ([(nl + 1, end)] if nl - pos <= _CUE_LINE_REST else [])
    for lo, hi in regions:
        for kind in v.listed_markers:
            marks = list(kind.finditer(text, lo, hi))
            if not marks:
                continue
            marks = in_order(marks)  # numbered 1, 2, 3… from the first: a later restart is another list
            if len(marks) != count and (count is not None or len(marks) < 2):
                return []  # another count (None: any two or more)
            out = []
            for k, mark in enumerate(marks):
                a = mark.end()
                b = _name_end(text, a, hi)
                out.append((text[a:b].strip(), a, b, marks[k + 1].start() if k + 1 < len(marks) else hi))
            return out
    return []


def _plain_lines(text: str, pos: int, count: int) -> list[tuple[str, int, int, int]]:
    """(name, start, end, line end) of the ``count`` unmarked lines right after a cue's line that
    announces them ("…5个项目,具体如下:\nA:118.2万元\nB:80万元…"); [] when fewer follow before a blank
    or marked line."""
    nl = text.find("\n", pos)
    if nl < 0 or nl - pos > _CUE_LINE_REST or text[nl - 1] not in ":：":
        return []
    out: list[tuple[str, int, int, int]] = []
    a = nl + 1
    while len(out) < count and a < len(text):
        end = text.find("\n", a)
        end = len(text) if end < 0 else end
        line = text[a:end]
        if not line.strip() or vocab().counted_marker.match(line):
            return []
        b = _name_end(text, a, end)
        out.append((text[a:b].strip(), a, b, end))
        a = end + 1
    return out if len(out) == count else []


def _item_spans(text: str, items: list[tuple[int, int]]) -> list[int]:
    """Where each marked item's own text ends: at the next item's line; the last one at a blank line
    or a marked line of its level or above ("二、" after "(五)E", not its "1.资金使用情况"), at most
    ``_LINE_REACH`` characters on."""
    stops = [text.rfind("\n", 0, a) + 1 for a, _ in items[1:]]
    a, b = items[-1]
    level = _level(text[text.rfind("\n", 0, a) + 1:a])
    nl = text.find("\n", b)
    end = min(len(text), b + _LINE_REACH)
    pos = len(text) if nl < 0 else nl + 1
    while pos < end:
        stop = text.find("\n", pos)
        line = text[pos:len(text) if stop < 0 else stop]
        m = vocab().counted_marker.match(line)
        if not line.strip() or (m and _level(m.group()) <= level):
            return stops + [pos]
        pos = len(text) if stop < 0 else stop + 1
    return stops + [min(end, len(text))]


def _with_item_amount(report: Report, p: Project, stop: int) -> Project:
    """``p`` with the best labelled amount of its item (from its name's end to ``stop``, a breakdown
    after 其中 left out), else the item's first amount; ``p`` unchanged when the item holds none."""
    i = best_amount(report, p.end, stop, require_label=False, skip_parts=True)
    if i is None:
        return p
    return replace(p, amount=report.mentions[i].value, amount_mention=i)


def _with_own_amount(report: Report, p: Project) -> Project:
    """``p`` with the one amount its line writes right after its name, bracketed or after a colon
    ("(118.2万元)", ":118.2万元", "资金118.2万元"): the amount mention must open within
    ``_OWN_REACH`` characters of the name's end, with no clause mark or other amount between."""
    text = report.text
    stop = text.find("\n", p.end)
    stop = len(text) if stop < 0 else stop
    own = [(i, m) for i, m in enumerate(report.mentions)
           if m.kind == "amount" and m.value is not None and not m.comparator and p.end <= m.start < stop]
    if len(own) != 1:
        return p
    i, m = own[0]
    gap = text[p.end:m.start]
    if len(gap) > _OWN_REACH or rules.compiled(r"[,,;;。、]").search(gap):
        return p
    p.amount, p.amount_mention = m.value, i
    return p


def _cut_at_money(report: Report, p: Project) -> Project:
    """``p`` cut before the first amount its span holds ("档案整理费5万元" → "档案整理费"), with that
    amount; ``p`` with its own amount after the name when its span holds none."""
    for i, m in enumerate(report.mentions):
        if m.kind == "amount" and m.value is not None and not m.comparator and p.start < m.start < p.end:
            name = vocab().listed_name_tail.sub("", report.text[p.start:m.start]).strip(" :：,")
            return Project(ordinal=p.ordinal, name=name, amount=m.value, amount_mention=i, start=p.start,
                           end=m.end, rule_id=p.rule_id)
    return p


_OWN_REACH = 8  # characters between a counted item's name and its own amount: "(", ":", "资金", "共计"


def _name_ok(name: str, loose: bool = False) -> bool:
    """A counted item's name: it ends in a project word (``loose``: any name) and is no refused one."""
    v = vocab()
    return (loose or bool(v.counted_name_end.search(name))) and not name_refused(name) and len(name) >= 4


def _pieces(text: str, lo: int, hi: int) -> list[tuple[str, int, int]]:
    """(name, start, end) of each piece of text[lo:hi] cut at the inline separators (outside
    brackets), spaces trimmed."""
    out = []
    for a, b in _split_pieces(text, lo, hi, vocab().inline_separators):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((text[a:b], a, b))
    return out


def _after(text: str, pos: int) -> list[tuple[str, int, int]]:
    """Items after the count, in its sentence: "…3个项目,分别为A、B、C。"."""
    m = vocab().counted_after.match(text, pos)
    lo = m.end() if m else pos
    if lo == pos or text[lo:lo + 1] == "\n":
        return []  # no word opening a list (分别为, :): the sentence goes on about something else
    hi, ends = lo, vocab().inline_sentence_end
    while hi < len(text) and text[hi] not in ends:
        hi += 1
    return _pieces(text, lo, hi)


def _before(text: str, pos: int) -> list[tuple[str, int, int]]:
    """Items before "等N个项目": "共实施A、B、C等3个项目"."""
    head = text[max(0, pos - 220):pos]
    m = vocab().counted_before.search(head)
    if not m:
        return []
    base = pos - len(head)
    return _pieces(text, base + m.start("items"), base + m.end("items"))


def _lines(text: str, pos: int, count: int) -> list[tuple[str, int, int]]:
    """One marked line an item right after the cue's line: "1.A;\\n2.B;\\n3.C。"."""
    v = vocab()
    nl = text.find("\n", pos)
    if nl < 0 or (nl - pos > _CUE_LINE_REST and text[nl - 1] not in ":："):
        return []  # the cue's line goes on about something else, unless it announces a list ("具体如下:")
    out: list[tuple[str, int, int]] = []
    style = None
    for line in rules.compiled(r"[^\n]+").finditer(text, nl + 1, min(len(text), nl + 1 + _LINE_REACH)):
        m = v.counted_marker.match(line.group())
        if m and style is not None and _level(m.group()) < _level(style):
            break  # a heading above the items ends their list ("(二)…" after "1、…")
        if not m or (style is not None and _style(m.group()) != style):
            continue  # an item's own lines between the marked ones, or its numbered paragraphs
        style = _style(m.group())
        a = line.start() + m.end()
        b = _name_end(text, a, line.end())
        out.append((text[a:b].strip(), a, b))
        if len(out) == count:
            break
    return out


def _level(marker: str) -> int:
    """The outline level of a marker ([counted] levels: "(二)" → 1, "3、" → 2); a style of no level ranks last."""
    levels = vocab().counted_levels
    return levels.get(_style(marker), len(set(levels.values())))


def _style(marker: str) -> str:
    """A marker's style, its numeral aside: "(一)" and "(二)" share one, "1." and "(一)" do not."""
    s = rules.compiled(r"[一二三四五六七八九十]+").sub("C", rules.compiled(r"\d+").sub("D", marker.strip()))
    return rules.compiled(r"[①-⑳]").sub("①", s)
