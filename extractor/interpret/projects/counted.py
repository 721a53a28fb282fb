"""Projects a project report names and counts without giving each its money: "共实施3个项目,分别为A、
B、C", "共实施A、B、C等3个项目", "共安排项目3个:" followed by one marked line an item. The count is the
evidence: the list stands only when it holds exactly as many items as the text says, each ending in
a project word (see [counted] in patterns/projects.toml). An item's amount is the one amount written
right after its name on its own line ("1.A项目(118.2万元)", "A项目:118.2万元"), else None: the text
gives none per item."""
from __future__ import annotations

from ... import rules
from ...model import Project, Report
from ...text.numerals import parse_number
from .guard import name_refused
from .inline import _split_pieces
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
        if not 2 <= count <= 20:
            continue
        sources = (_after(text, cue.end()), _before(text, cue.start()), _lines(text, cue.end(), count))
        for lines, items in zip((False, False, True), sources):
            if len(items) > count and not _name_ok(items[count][0]):
                items = items[:count]  # "…分别为A、B、C,资金150万元": the sentence goes on after the list
            if len(items) != count:
                continue
            found = [_with_own_amount(report, Project(ordinal=k + 1, name=name, amount=None, start=a, end=b,
                                                      rule_id="projects:counted"))
                     for k, (name, a, b) in enumerate(items)]
            if all(_name_ok(p.name) for p in found):
                return found
            # one marked line an item, each with its own money right after its name: the count and the
            # money vouch for names that end in no project word ("1、档案整理费5万元,主要用于…")
            cut = [_cut_at_money(report, p) for p in found] if lines else []
            if cut and all(p.amount is not None and _name_ok(p.name, loose=True) for p in cut):
                return cut
    return []


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
            name = report.text[p.start:m.start].strip(" :：,")
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
    if nl < 0 or (nl - pos > 40 and text[nl - 1] not in ":："):
        return []  # the cue's line goes on about something else, unless it announces a list ("具体如下:")
    stops = v.inline_separators + v.inline_sentence_end + ":("
    out: list[tuple[str, int, int]] = []
    for line in rules.compiled(r"[^\n]+").finditer(text, nl + 1, min(len(text), nl + 1 + _LINE_REACH)):
        m = v.counted_marker.match(line.group())
        if not m:
            continue  # an item's own lines between the marked ones
        a = line.start() + m.end()
        b = a
        while b < line.end() and text[b] not in stops:  # the name ends at its first clause mark
            b += 1
        out.append((text[a:b].strip(), a, b))
        if len(out) == count:
            break
    return out
