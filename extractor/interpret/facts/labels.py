"""Labels and their values: every label of every ``[[fact]]`` entry in the text, and the value
each one binds in its clause (or in the next table cell).

A label binds the first value of its kind after it, within ``max_gap`` characters and without
crossing a clause separator, a comparison (较上年…: a change, not the figure) or another figure; a
label ending in a verb ("年初预算安排<object>N万元") reaches further when no other figure lies
between; a label ending its line or cell may take the value filling the next non-empty cell
("人员编制\\n\\n21"). Scores are bound by scores.py.
"""
from __future__ import annotations

from decimal import Decimal

import regex

from ... import rules
from ...model import Mention
from .candidates import Label
from .grid import grid_cell
from .reading import Reading
from .scores import bind_score
from .vocabulary import Entry

_CELL = r"[^|\t\n]+"  # a table cell (between bars or tabs) or a line of a flattened table
_DIGIT = r"\d"
_BARE_COUNT = r"\s*(\d{1,6})\s*"  # a cell holding a bare number and nothing else
_BARE_AMOUNT = r"\s*(\d{1,12}(?:\.\d+)?)\s*"  # a cell holding a bare decimal and nothing else


def masked_spans(r: Reading) -> list[tuple[int, int]]:
    """Spans of share leads ("占全年总支出的") — a label inside one names the base, not a fact."""
    spans = []
    lead = r.cfg.share_lead
    if lead is None:
        return spans
    for m in r.mentions:
        if m.kind != "percent":
            continue
        before = r.text[max(0, m.start - r.cfg.share_window): m.start]
        hit = lead.search(before)
        if hit:
            spans.append((m.start - len(before) + hit.start(), m.start))
    return spans


def find_labels(r: Reading) -> list[Label]:
    """Every label in the text, in text order, overlaps resolved."""
    masked = masked_spans(r)
    found = []
    for entry in r.cfg.entries:
        if entry.kinds and r.kind not in entry.kinds:
            continue  # spending verbs state a project report's executed amount, not a department's
        if entry.absent is not None and entry.absent.search(r.text):
            continue  # "公务用车运行维护费" is the vehicle figure only when no 购置费 is stated
        for m in entry.label.finditer(r.text, overlapped=False):
            if m.end() == m.start():
                continue
            if any(s <= m.start() < e for s, e in masked):
                continue
            found.append(Label(entry, m.start(), m.end(), m.group()))
    found = listed_first(found)
    # Of overlapping labels of two keys the one ending last wins (head-final compounds:
    # 全年预算执行率 is an 执行率) — unless it only adds a total word ("“三公”经费支出合计" is the
    # 三公 total), where the inner label wins, or, for the keys of [binding] total_also
    # (财政拨款收入合计), is kept on it as its inner label: the figure states both keys; a total label
    # glued right after a label of another key ("“三公”经费支出合计") is that one's total; of one key,
    # the earlier and longer one (自评得分为).
    found.sort(key=lambda l: (l.start, -(l.end - l.start)))
    kept: list[Label] = []
    for lab in found:
        if (kept and lab.start == kept[-1].end and lab.entry.key != kept[-1].entry.key
                and r.cfg.total_label.search(lab.text) and not r.gap_at(lab.start)):
            # "“三公”经费支出合计5.2万元": the total of what the label before it names; not across a cell's
            # boundary the normalizer removed ("财政拨款收入 支出合计" in a header of labels)
            continue
        if kept and lab.start < kept[-1].end:
            if lab.end > kept[-1].end and lab.entry.key != kept[-1].entry.key:
                if r.cfg.total_tail.fullmatch(r.text, kept[-1].end, lab.end):
                    if kept[-1].entry.key not in r.cfg.total_also:
                        continue  # "“三公”经费支出合计": the total of the 三公 spending, no spending total
                    lab.inner = kept[-1]  # "财政拨款收入合计": the income total and the appropriation's
                kept[-1] = lab
            continue
        kept.append(lab)
    return kept


def listed_first(found: list[Label]) -> list[Label]:
    """The labels found, settled between listed and composed ones (an entry with ``composed``:
    scope + money noun + state word, read from parts). A composed label that only partly covers a
    listed label, or overlaps one of its own key, yields to it (where the vocabulary names a label,
    that is the reading, with its rank); one that holds every listed label it overlaps, all of other
    keys, is the longer compound and the head-final reading ("全年预算结转资金合计": the year's
    budget, not its 结转), so those listed labels yield to it."""
    composed = [lab for lab in found if lab.entry.composed]
    if not composed:
        return found
    listed = [lab for lab in found if not lab.entry.composed]
    dropped: set[int] = set()
    kept = []
    for c in composed:
        inside = [lab for lab in listed if lab.start < c.end and lab.end > c.start]
        if all(c.start <= lab.start and lab.end <= c.end and lab.entry.key != c.entry.key for lab in inside):
            kept.append(c)
            dropped.update(id(lab) for lab in inside)
    return [lab for lab in listed if id(lab) not in dropped] + kept


def bind(r: Reading, lab: Label, limit: int) -> tuple[int | None, Mention] | None:
    """The value of ``lab``: the first mention of its kind before ``limit`` within the gap."""
    cfg, entry = r.cfg, lab.entry
    stop_at = min(limit, lab.end + cfg.max_gap + 1)
    if entry.value == "score":
        return bind_score(r, lab, stop_at)
    if cfg.comparison_base.search(r.text, max(0, lab.start - 3), lab.start):
        return None  # "比年初预算增加758.97万元": the base of a comparison, its change follows
    if entry.after:
        return bind_before(r, lab)
    near = stop_at
    if cfg.far_label is not None and cfg.far_label.search(lab.text):
        # "年初预算安排<object>N万元": the verb's object closes with its amount
        stop_at = min(limit, lab.end + max(cfg.max_gap, cfg.far_gap) + 1)
    found = bind_inline(r, lab, limit, stop_at)
    if found is not None and found[1].start >= near:
        first = next(r.mentions_from(lab.end), None)
        if first is None or first[1] is not found[1]:
            found = None  # beyond the usual gap only with no other figure between
    if found is None and r.kind in entry.cells:
        return bind_cells(r, lab, limit)
    return found


def bind_before(r: Reading, lab: Label) -> tuple[int, Mention] | None:
    """The value right before a label that follows it ("项目资金100万元全部执行到位"): the nearest
    mention before the label, of the entry's kind, within the gap and the clause, with nothing
    between but words (no other figure, no separator, no change against last year) — or, within
    [binding] after_reach characters, the clauses of its sentence that continue the figure's subject
    and the lead of the label's clause (binding.after_comma: "资金300万元,截至年底已全部使用完毕",
    "发行2000万元,全部已到位,全部已使用")."""
    cfg, text, entry = r.cfg, r.text, lab.entry
    found = r.mention_before(lab.start)
    if found is None:
        return None
    i, m = found
    gap = text[m.end: lab.start]
    if cfg.change.search(gap):
        return None
    if cfg.gap_stop.search(gap):
        if len(gap) > cfg.after_reach or not cfg.after_comma.fullmatch(gap):
            return None  # a separator other than the commas of clauses that continue the figure's subject
    elif len(gap) > cfg.max_gap:
        return None
    lead = text[max(0, m.start - cfg.max_gap): m.start]
    stops = list(cfg.gap_stop.finditer(lead))
    if cfg.part_lead.search(lead, stops[-1].end() if stops else 0):
        return None  # "其中中央资金200万元已全部使用完毕": a part's money, not the project's
    if cfg.other_money.match(text, r.sentence_bounds(m.start)[0], m.start):
        return None  # "此外,省级配套资金212.5万元已全部拨付到位": money besides the project's
    if entry.reject is not None and entry.reject.search(gap):
        return None
    return (i, m) if fits(r, entry, m) and m.comparator is None else None


def bind_inline(r: Reading, lab: Label, limit: int, stop_at: int) -> tuple[int, Mention] | None:
    """The value following ``lab`` in its clause, before ``stop_at``."""
    cfg, text, entry = r.cfg, r.text, lab.entry
    for i, m in r.mentions_from(lab.end):
        if m.start >= stop_at:
            return None
        gap = text[lab.end: m.start]
        if cfg.gap_stop.search(gap):
            return None
        if cfg.change.search(gap):
            return None  # "“三公”经费比去年减少了1.44万元": a change, not the figure
        target = cfg.gap_reject.search(gap) or (entry.reject is not None and entry.reject.search(gap))
        if target:
            # "满意度目标≥90%,实际达到97%": a target binds only through the achieved value.
            return actual_after(r, entry, m, limit) if fits(r, entry, m) else None
        if fits(r, entry, m):
            return achieved(r, entry, i, m, limit)
        if m.kind in ("amount", "percent") or entry.value == "count":
            return None  # another figure sits between the label and its value
    return None


def achieved(r: Reading, entry: Entry, i: int, m: Mention, limit: int) -> tuple[int, Mention]:
    """For a target (≥95%) followed by the achieved value (,实际完成98%), the achieved one."""
    if m.comparator is None:
        return i, m
    return actual_after(r, entry, m, limit) or (i, m)


def actual_after(r: Reading, entry: Entry, m: Mention, limit: int) -> tuple[int, Mention] | None:
    """The achieved value right after the target ``m`` ("≥90%,实际完成98%"), if one follows."""
    for j, nxt in r.mentions_from(m.end):
        if nxt.start < limit and fits(r, entry, nxt) and r.cfg.actual_after_target.search(r.text[m.end: nxt.start]):
            return j, nxt
        return None
    return None


def fits(r: Reading, entry: Entry, m: Mention) -> bool:
    """Whether mention ``m`` is a value of the entry's kind (and within its bound)."""
    if m.value is None:
        return False
    if entry.value == "amount":
        # a form's bare budget cell (table_amount) is money in 万元 too; a rate (元/月) is no sum
        ok = m.kind in ("amount", "table_amount") and m.unit == r.cfg.amount_unit and id(m) not in r.rates
    elif entry.value == "percent":
        ok = m.kind == "percent"
    elif entry.value == "count":
        ok = m.kind == "count" and (not entry.counters or m.unit in entry.counters)
    else:
        ok = m.kind == "score"
    if ok and entry.max is not None and m.value > entry.max:
        return False
    return ok


def bind_cells(r: Reading, lab: Label, limit: int) -> tuple[int | None, Mention] | None:
    """A label that ends its line or table cell, its value alone in the next non-empty cell.

    "人员编制\\n\\n21\\n\\n实有人数\\n\\n21", "资助学生满意度 |\\n95% |\\n95% |": one value cell binds;
    two (an indicator's target and actual value) bind the second for a percent. Anything else
    (a label, a word, a number with other text) in the next non-empty cell does not bind, nor
    does a table above the report's title (the tail of the previous page's project).
    """
    cfg, text, entry = r.cfg, r.text, lab.entry
    if lab.start < r.title_start:
        return None  # a table above the report's title ends what came before (another project)
    if (cell := grid_cell(r, lab, lambda pos: table_unit(r, pos))) is not None:
        # a row under a header naming its columns, or a header of labels (grid.py); () a row with no figure of this year
        if not cell:
            return None
        a, b, unit_word = cell
        return cell_value(r, entry, a, b, unit_word or None)
    # "结余(万元)\n0": the money unit of the value may close the label's own cell
    unit = cfg.cell_unit.match(text, lab.end) if entry.value == "amount" else None
    end = cfg.cell_end.match(text, unit.end() if unit else lab.end)
    if end is None and unit is not None and text[unit.end():unit.end() + 1] in (":", "："):
        # "收入合计(万元):1250.3": the label, its unit and a colon, the bare value up to the clause's end
        stop = cfg.gap_stop.search(text, unit.end() + 1)
        stop = len(text) if stop is None else stop.start()
        return cell_value(r, entry, unit.end() + 1, stop, unit.group("unit")) if stop <= limit else None
    if end is None:
        if entry.value == "count":
            return bind_spaced(r, lab)
        if entry.value == "amount" and unit is None and (stated := table_unit(r, lab.start)) is not None:
            return bind_spaced(r, lab, stated.group("unit"))  # "单位:万元\n收入合计 1234.56"
        return None
    if entry.value == "amount" and unit is None:
        unit = table_unit(r, lab.start)  # "单位:万元" above the rows: "收入合计 | 1250.3"
    reach = min(limit, len(text), end.end() + cfg.cell_reach)
    values: list[tuple[int | None, Mention]] = []
    pos = end.end()
    for cell in rules.compiled(_CELL).finditer(text[pos:reach]):
        c_start, c_end = pos + cell.start(), pos + cell.end()
        if not cell.group().strip():
            continue
        if c_end >= reach and reach < len(text) and reach < limit:
            break  # a cell cut by the reach is not read
        if entry.value == "amount" and (unit is None or unit.re is cfg.table_unit) and not values:
            # "实际支出\n(万元)\n55": the unit in a cell of its own between label and value
            own = cfg.cell_unit.fullmatch(text, c_start, c_end)
            if own is not None:
                unit = own
                continue
        value = cell_value(r, entry, c_start, c_end, unit.group("unit") if unit else None)
        if value is None:
            break
        values.append(value)
        if len(values) == 2:
            break
    if len(values) == 1:
        return values[0]
    if len(values) == 2 and entry.value == "percent":
        return values[1]  # target, then the achieved value
    return None


def table_unit(r: Reading, pos: int) -> regex.Match | None:
    """The money unit a table states above ``pos`` ([binding.table_unit]: "单位:万元", a header cell
    "金额(万元)"), the nearest within ``table_unit_reach`` characters with no sentence end between; None
    when none stands (a unit above the sentence before is that sentence's)."""
    cfg, text = r.cfg, r.text
    lo = max(0, pos - cfg.table_unit_reach)
    stop = text.rfind("。", lo, pos)
    found = None
    for m in cfg.table_unit.finditer(text, max(lo, stop + 1), pos):
        found = m
    return found


def bind_spaced(r: Reading, lab: Label, unit: str | None = None) -> tuple[None, Mention] | None:
    """A label and its bare count set apart by blanks, cells of a table run into one line ("人员编制 48
    实有人数 50", [binding.spaced_cell]): the label must open its cell (a blank, a bar or the line start
    before it), and the count be no mention of the recognizer (a counted figure binds in prose); a bare count
    glued to the label and closing its line binds wherever the label stands ("…,实有人员20", [binding.glued_count]). With the
    money ``unit`` a table states above, a bare amount alone in its row the same way ([binding.spaced_amount])."""
    text = r.text
    glued = r.cfg.glued_count.match(text, lab.end) if unit is None else None
    if glued is not None:  # "…,实有人员20\n": a count glued to its label, closing the line
        return cell_value(r, lab.entry, glued.start("value"), glued.end("value"))
    if lab.start > 0 and text[lab.start - 1] not in " \t|\n":
        return None
    m = (r.cfg.spaced_cell if unit is None else r.cfg.spaced_amount).match(text, lab.end)
    return None if m is None else cell_value(r, lab.entry, m.start("value"), m.end("value"), unit)


def cell_value(
    r: Reading, entry: Entry, start: int, end: int, unit: str | None = None
) -> tuple[int | None, Mention] | None:
    """The value filling the cell text[start:end], if the cell holds nothing else. A bare count
    ("21"), or a bare amount under a stated money unit (``unit``: "实际支出 (万元) 55"), is no
    mention of the recognizer: it is returned as a new mention without an index."""
    text = r.text
    inside = [(i, m) for i, m in r.mentions_from(start) if m.start < end]
    if len(inside) == 1:
        i, m = inside[0]
        before, after = text[start:m.start].strip(), text[m.end:end].strip()
        if m.end <= end and not after and (not before or (m.comparator and not rules.compiled(_DIGIT).search(before))):
            return (i, m) if fits(r, entry, m) else None
        return None
    if inside:
        return None
    if entry.value == "amount" and unit is not None:
        mention = bare_amount(r, start, end, unit)
        return (None, mention) if mention is not None else None
    if entry.value != "count":
        return None
    bare = rules.compiled(_BARE_COUNT).fullmatch(text[start:end])
    if not bare:
        return None
    num_start, num_end = start + bare.start(1), start + bare.end(1)
    mention = Mention(
        kind="count", value=float(bare.group(1)), unit=entry.unit or "", raw=bare.group(1),
        start=num_start, end=num_end, rule_id="fact:cell",
        page=r.report.page_at(num_start), section=r.section_at(num_start),
    )
    if entry.max is not None and mention.value > entry.max:
        return None
    return None, mention


def bare_amount(r: Reading, start: int, end: int, unit: str) -> Mention | None:
    """A bare number filling the cell text[start:end] under the money ``unit`` (万元, 元 …), as a
    table_amount mention in 万元 (like the forms' bare budget cells)."""
    bare = rules.compiled(_BARE_AMOUNT).fullmatch(r.text, start, end)
    if not bare or unit not in r.cfg.money_factors:
        return None
    num_start, num_end = bare.start(1), bare.end(1)
    value = float(Decimal(bare.group(1)) * r.cfg.money_factors[unit])
    return Mention(
        kind="table_amount", value=value, unit=r.cfg.amount_unit, raw=bare.group(1), start=num_start,
        end=num_end, rule_id="fact:cell", page=r.report.page_at(num_start),
        section=r.section_at(num_start), source_unit=unit,
    )
