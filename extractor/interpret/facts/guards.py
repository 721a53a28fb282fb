"""Readings that may not become a fact, whatever their rank: a figure of another year, a weak
label whose readings disagree (per-item figures), an entry whose readings stand only beside
another key ("支付" counts as executed only beside a stated 执行率). Each such candidate is
*barred* with the reason; choose.py keeps it as a losing reading."""
from __future__ import annotations

from .candidates import Candidate, close
from .reading import Reading


def bar_other_years(r: Reading, candidates: list[Candidate]) -> None:
    """A money, rate or score reading whose sentence names an earlier year before its label is
    that year's figure, not the report's ("2020年…: 1.2019年结余结转29.32万元" is money carried in;
    "上年同期实际支出149.6万元,执行率86%"): the year written out (scope.year_before_label) or a
    word for last year (scope.earlier_year_word), the last one before the label counting (a later
    本年/当年 gives the sentence back to the report's year). A year in brackets qualifies the
    bracketed words ("(含2023年转列暂付性款项项目5个),年初批复预算…"), and a head count is a stock,
    whatever year it is counted at ("本部门2019年人员编制42人"). A rate or a score under an earlier
    year written out is demoted, not barred (see [scope] other_year_demotion)."""
    year = r.report.fiscal_year
    if year is None:
        return
    cfg = r.cfg
    restated = _restatements(r, candidates)
    for c in candidates:
        if c.source == "form" or c.entry is None or c.barred is not None or c.entry.value == "count":
            continue
        said, relative = _year_said(r, c.start, restated)
        if said is None or said >= year:
            continue
        if c.entry.value != "amount" and not relative:
            # a rate or a score under a year written out ranks after the report year's statements of
            # the key, and stands alone (a report evaluating the previous year's funds, pool p0241)
            c.rank += cfg.other_year_demotion
            c.demoted = f"a figure of {said}, not of {year}"
            continue
        c.barred = f"a figure of {said}, not of {year}"
        for q in c.qualifiers:
            q.barred = c.barred


def _year_said(r: Reading, pos: int, restated: frozenset[int] = frozenset()) -> tuple[int | None, bool]:
    """(the year the sentence before ``pos`` speaks of, whether a word said it: 上年, 本年) or
    (None, False): the last year written out or word for a year before ``pos``, outside brackets; a
    key stated again at one of the ``restated`` positions up to ``pos`` (see _restatements) is the
    report year's, as after 本年."""
    said, relative, _ = _last_year_mark(r, pos, restated)
    return said, relative


def _last_year_mark(r: Reading, pos: int, restated: frozenset[int] = frozenset()) -> tuple[int | None, bool, int]:
    """(year, said by a word, where) of the last year mark of the sentence before ``pos`` (see _year_said);
    (None, False, -1) when there is none."""
    cfg, year = r.cfg, r.report.fiscal_year
    s_start, _ = r.sentence_bounds(pos)
    marks = [(m.start(), int(m.group("year")), False) for m in cfg.year_before_label.finditer(r.text, s_start, pos)]
    marks += [(m.start(), year - 1, True) for m in cfg.earlier_year_word.finditer(r.text, s_start, pos)]
    marks += [(m.start(), year, True) for m in cfg.this_year_word.finditer(r.text, s_start, pos)]
    marks += [(at, year, True) for at in restated if s_start <= at <= pos]
    said, relative, where = None, False, -1
    for at, named, word in sorted(marks):
        if not _in_brackets(r.text, s_start, at):
            said, relative, where = named, word, at
    return said, relative, where


def _restatements(r: Reading, candidates: list[Candidate]) -> frozenset[int]:
    """Where a sentence states a key again after an earlier year's mark already stated it there: "上年同期
    支出142.05万元,实际发放补助资金473.5万元,支出率100%" — one sentence gives one year one figure of a key,
    so the second is the report year's (and what follows it, as after 本年)."""
    year = r.report.fiscal_year
    prose = sorted((c for c in candidates if c.source != "form" and c.entry is not None and not c.orphan),
                   key=lambda c: c.start)
    out: set[int] = set()
    for n, c in enumerate(prose):
        said, _, at = _last_year_mark(r, c.start, frozenset(out))
        if said is None or year is None or said >= year:
            continue
        if any(o.key == c.key and o.mention != c.mention and at <= o.start < c.start for o in prose[:n]):
            out.add(c.start)
    return frozenset(out)


def _target_before(r: Reading, pos: int, labelled: bool = False) -> bool:
    """The sentence states a goal or a plan within [scope] target_reach characters before ``pos``: a goal
    (scope.target_lead) to the sentence's end, a plan (scope.target_verb) too — its parts may follow in
    later clauses ("预计总投资7450万元,其中中央财政资金6000万元,县财政配套资金1450万元") — except for a
    ``labelled`` statement, a label with its figure: a plan governs only its own clause there ("项目计划投资
    461.4万元,实际支付722.86万元": the plan, then what was paid)."""
    cfg = r.cfg
    s_start, _ = r.sentence_bounds(pos)
    lo = max(s_start, pos - cfg.target_reach)
    if cfg.target_lead.search(r.text, lo, pos):
        return True
    return any(not labelled or not cfg.gap_stop.search(r.text, m.end(), pos)
               for m in cfg.target_verb.finditer(r.text, lo, pos))


def money_in_doubt(r: Reading, pos: int) -> str | None:
    """Why money stated at ``pos`` is not the report year's result, as the guards above judge a
    reading there (an earlier year's figure, a target or a plan), or None. For a stage that reads
    money by its own labels (projects/spent.py)."""
    year = r.report.fiscal_year
    said, _ = _year_said(r, pos) if year is not None else (None, False)
    if said is not None and said < year:
        return f"a figure of {said}, not of {year}"
    return "a target or a plan, not a result" if _target_before(r, pos) else None


def bar_targets(r: Reading, candidates: list[Candidate]) -> None:
    """A prose reading of a budget key (subject.scoped_keys) whose sentence states a goal or a plan
    within [scope] target_reach characters before its label (scope.target_lead: "年度绩效目标为:预算
    执行率≥95%,资金支出300万元", "计划投资…") is a target, not a result."""
    cfg = r.cfg
    for c in candidates:
        if c.source != "prose" or c.entry is None or c.barred is not None or c.key not in cfg.subject_keys:
            continue
        if _target_before(r, c.start, labelled=True):
            c.barred = "a target or a plan, not a result"


def bar_disagreeing(candidates: list[Candidate]) -> None:
    """Readings of a ``unique`` entry (a bare spending verb) that state different values are
    figures of several items ("物资支付21万元…", "补助支付0万元"): none is the report's."""
    by_entry: dict[str, list[Candidate]] = {}
    for c in candidates:
        if c.entry is not None and c.entry.unique and c.barred is None:
            by_entry.setdefault(c.entry.id, []).append(c)
    for cands in by_entry.values():
        values = [c.value for c in cands]
        if any(not close(v, values[0]) for v in values[1:]):
            for c in cands:
                c.barred = "a weak label stating several values: per-item figures"


def bar_unaccompanied(candidates: list[Candidate]) -> None:
    """Readings of an entry that ``requires`` another key stand only when some unbarred reading
    states that key ("已执行支付2668万元,…执行率93.86%")."""
    stated = {c.key for c in candidates if c.barred is None and not c.orphan}
    for c in candidates:
        if c.entry is not None and c.entry.requires and c.entry.requires not in stated and c.barred is None:
            c.barred = f"{c.label} counts only beside a stated {c.entry.requires}"


def bar_unit_slips(r: Reading, candidates: list[Candidate]) -> None:
    """A money reading whose number, written in another unit ("全年预算数2089元"), is the figure the
    report states for the same key in its own unit ("调整后全年预算资金2089万元") is a slip of the
    unit: the number as written is the figure, in the wrong unit; the reading cannot win."""
    money = [c for c in candidates if c.kind == "amount" and c.barred is None and c.mention is not None]
    for c in money:
        m = r.mentions[c.mention]
        factor = r.cfg.money_factors.get(m.source_unit or "")
        if factor is None or m.source_unit == r.cfg.amount_unit:
            continue
        written = c.value / float(factor)  # the number as written, read in the report's unit
        if any(o is not c and o.key == c.key and close(o.value, written)
               and r.mentions[o.mention].source_unit == r.cfg.amount_unit for o in money):
            c.barred = f"a slip of the unit: {m.raw} is the {written:g}{r.cfg.amount_unit} stated for the key"


def demote_wholes(r: Reading, candidates: list[Candidate]) -> None:
    """A head count of a [whole] key whose sentence goes on to list its parts with the retirees
    ("共有职工210人,其中:在职职工184人,…退休人员22人") counts everyone on the books: it ranks one lower,
    so a statement of the staff alone (在职职工184人) wins, and it still stands when none is made."""
    cfg = r.cfg
    if cfg.whole_parts is None:
        return
    for c in candidates:
        if c.key not in cfg.whole_keys or c.source == "form" or c.barred is not None:
            continue
        _, s_end = r.sentence_bounds(c.end)
        if cfg.whole_parts.match(r.text, c.end, max(c.end, s_end)):
            c.rank += 1
            c.demoted = "a head count whose parts list retirees: everyone on the books, not the staff"


def _in_brackets(text: str, start: int, pos: int) -> bool:
    """Whether ``pos`` lies inside a bracket opened after ``start`` (and not closed before pos)."""
    depth = 0
    for ch in text[start:pos]:
        if ch == "(":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
    return depth > 0
