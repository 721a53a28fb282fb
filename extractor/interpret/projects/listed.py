"""Projects listed after a cue that says the money is split into projects: "资金共分为10个项目" then
"…省级资金转移支付124.23万元,为桂花村美丽乡村建设25万元,对村集体组织帮助0.71万元,…" (p0195), or
"分项目如下:①森林防火专业队能力建设补助应到位68万元,实际到位21万元,…;②贫困人口生态护林员项目…"
(p0133). The cue is what makes the list a list of projects: a breakdown of one fund by work type
with no such cue ("下达…水利发展资金2263万元。其中:中小河流治理工程1435万元,…") stays a breakdown.

Each sentence within ``listed.reach`` characters after a cue is cut into items, at ";" when it
has two or more ";" pieces with money (an item may then hold several clauses), else at the
[inline] separators. An item is a name and its money: the name is the text before its first
amount without its marker (①, 一是, (1)), its year, a document number in brackets and a label at its
end (应到位, 下达…); its amount is the first spent in it (executed or spent), else the first
received (实际到位), else its first amount. A piece whose amount the next piece breaks down
("市级资金260.3万元,为奖励督查10万元,…") is a subtotal, not an item. When a later list names a
project again, under a heading about execution or with a spending label, its amount replaces the
earlier one ("分别项目为…②贫困人口生态护林员项目1605万元" under "2.项目资金执行情况分析")."""
from __future__ import annotations

from bisect import bisect_left

import regex

from ... import rules
from ...model import Project, Report
from ...text.numerals import label_number, parse_number
from .amounts import amount_class, best_amount, clause_prefix
from .attributes import name_key
from .evidence import works_list
from .inline import _inline_name_ok, _split_pieces
from .vocabulary import vocab


def cued_projects(report: Report) -> list[Project]:
    """Projects of the lists after every cue (see the module docstring); [] when fewer than
    ``inline.min_items`` items are found, unless a cue counts one project and one item follows it
    ("我单位共有1个项目…。其中:河湖水系闸坝工程运行维修经费46.00万元")."""
    v, text = vocab(), report.text
    out: list[Project] = []
    by_key: dict[str, Project] = {}
    done, lone = -1, False
    for cue in v.listed_cue.finditer(text):
        if cue.end() <= done:
            continue
        count = int(parse_number(cue.group("count"))) if cue.group("count") else None
        least = 1 if count == 1 and not out else v.inline_min_items
        pos, stop = cue.end(), min(len(text), cue.end() + v.listed_reach)
        while pos < stop:
            end = pos
            while end < len(text) and text[end] not in v.inline_sentence_end:
                end += 1
            items = _items(report, pos, end, least)
            if len(items) >= least:
                lone = lone or least == 1
                restated = _about_execution(report, pos)
                for p in items:
                    key = name_key(p.name)
                    old = by_key.get(key) or next(
                        (q for k, q in by_key.items() if key.startswith(k) or k.startswith(key)), None)
                    if old is None:
                        by_key[key] = p
                        out.append(p)
                    elif restated or p.rule_id == "spent":
                        old.amount, old.amount_mention = p.amount, p.amount_mention
                done = end
                if least == 1:
                    break  # the one project counted
            pos = end + 1
    if len(out) < v.inline_min_items and not (lone and len(out) == 1):
        return []
    for i, p in enumerate(out, 1):
        p.ordinal = i
        p.rule_id = "projects:cued_list"
    return out


def works_projects(report: Report, pick=None) -> list[Project]:
    """Projects of sentences listing works projects with their money and no cue ("分别为:A项目118.2
    万元、B工程80万元、C项目40.1万元"), or of consecutive sentences or lines of one such item each
    ("A项目:118.2万元" / "B工程:80万元" / …): items (read as after a cue) that make a works list
    (evidence.works_list: four or more, each named as a project or its fund). [] when none does, in a
    report of unknown kind, and in a department report outside a section about its projects
    ([listed.project_section]: elsewhere its funds with their money are budget lines). ``pick``: the
    items of a sentence that stand as a list instead (evidence.project_run, evidence.split_run), in
    any section."""
    v, text = vocab(), report.text
    if report.report_kind not in ("project", "department"):
        return []
    department = report.report_kind == "department" and pick is None  # evidence given stands anywhere
    if department and not any(v.listed_project_section.search(s.heading or "") for s in report.sections):
        return []  # no section about its projects: every sentence would be read for nothing
    out: list[Project] = []
    seen: set[str] = set()
    run: list[Project] = []

    def keep(items: list[Project]) -> None:
        items = pick(items) if pick else items if works_list(items) else []
        keys = {name_key(p.name) for p in items}
        if department and not all(_in_section(report, p.start, v.listed_project_section) for p in items):
            return
        if items and len(keys) == len(items) and not seen & keys:
            seen.update(keys)
            out.extend(items)

    money = _money(report)  # once: every sentence of the text is read
    start = 0
    for end in [i for i, ch in enumerate(text) if ch in v.inline_sentence_end] + [len(text)]:
        items = _items(report, start, end, 1, money) if end > start else []
        if len(items) == 1:
            run.append(items[0])
        else:
            keep(run)
            run = []
            keep(items)
        start = end + 1
    keep(run)
    for i, p in enumerate(out, 1):
        p.ordinal = i
        p.rule_id = "projects:works_list"
    return out


def _about_execution(report: Report, pos: int) -> bool:
    """The heading of the section holding ``pos`` speaks of execution ("项目资金执行情况分析")."""
    return _in_section(report, pos, vocab().listed_execution)


def _in_section(report: Report, pos: int | None, heading: regex.Pattern) -> bool:
    """Whether the heading of the innermost section holding ``pos`` matches ``heading``."""
    heads = [s for s in report.sections if pos is not None and s.start <= pos]
    if not heads:
        return False
    sec = max(heads, key=lambda s: s.start)
    return bool(heading.search(sec.heading or ""))


def _money(report: Report) -> tuple[list, list[int]]:
    """((index, mention) of the report's amounts an item may hold: a value, no comparator; their
    starts), in text order."""
    found = sorted(((i, m) for i, m in enumerate(report.mentions)
                    if m.kind == "amount" and m.value is not None and not m.comparator), key=lambda im: im[1].start)
    return found, [m.start for _, m in found]


def _items(report: Report, start: int, end: int, least: int, money: tuple | None = None) -> list[Project]:
    """The name-and-money items of text[start:end] (a sentence); [] when it has fewer than
    ``least`` amounts. ``money``: the report's _money(), when the caller reads many sentences."""
    v, text = vocab(), report.text
    found, starts = _money(report) if money is None else money
    amounts = found[bisect_left(starts, start):bisect_left(starts, end)]
    if len(amounts) < least:
        return []
    by_semi = _read(report, amounts, _split_pieces(text, start, end, ";"))
    by_clause = _read(report, amounts, _split_pieces(text, start, end, v.inline_separators))
    items = _without_total(by_semi if len(by_semi) >= len(by_clause) else by_clause)
    if len({name_key(p.name) for p in items}) < len(items):
        return []
    return items


def _without_total(items: list[Project]) -> list[Project]:
    """The items without the one opening or closing them whose money is the sum of all the others:
    "共收到衔接资金246.1万元,安排A项目120.5万元、B工程80万元、C项目45.6万元" lists three projects and their
    total, not four projects. Two items at least must remain; the sum is judged as evidence.adds_up
    judges one ([evidence] sum_tolerance, sum_share)."""
    if len(items) < 3 or any(p.amount is None for p in items):
        return items
    v, whole = vocab(), sum(p.amount for p in items)
    for k in (0, len(items) - 1):
        rest = whole - items[k].amount
        if abs(items[k].amount - rest) <= max(v.evidence_sum_tolerance, rest * v.evidence_sum_share):
            return items[:k] + items[k + 1:]
    return items


def _read(report: Report, amounts, pieces: list[tuple[int, int]]) -> list[Project]:
    """The items of ``pieces`` (spans of one sentence): each piece with money and a name."""
    v, text, mentions = vocab(), report.text, report.mentions
    items: list[Project] = []
    joined = None  # a name holding "、" cut there ("2024年张更、张强死亡一次性抚恤金…52.94万元")
    for k, (p_start, p_end) in enumerate(pieces):
        inside = [(i, m) for i, m in amounts if p_start <= m.start < p_end]
        # money in a bracketed note is not the item's ("A项目(含社会捐赠资金132.95万元)占722.80万元")
        inside = [(i, m) for i, m in inside if not _bracketed(text, p_start, m.start)] or inside
        if not inside:
            glued = (p_end < len(text) and text[p_end] == "、" and p_end - p_start <= v.listed_joined_max
                     and not any(m.start < p_start < m.end for _, m in amounts))  # "2,000万元" cut at its comma
            joined = (joined if joined is not None else p_start) if glued else None
            continue
        if joined is not None:
            p_start, joined = joined, None
        nxt = text[pieces[k + 1][0]:pieces[k + 1][1]] if k + 1 < len(pieces) else ""
        if v.listed_breakdown.match(nxt):
            continue  # a subtotal that the next piece breaks down
        raw = text[p_start:inside[0][1].start]
        name = _clean(raw)
        if items and items[-1].rule_id != "spent" and v.listed_more.fullmatch(raw.strip(" ,、:;")):
            pick, spent = _pick(report, inside)
            if spent:  # "A项目预算10万元,实际支出9万元": the item's spending, stated after its budget
                items[-1].amount, items[-1].amount_mention = mentions[pick].value, pick
                items[-1].end, items[-1].rule_id = mentions[pick].end, "spent"
            continue
        if not name or any(ch in name for ch in v.clause_end) or not _inline_name_ok(raw.strip(), name) \
                or v.title_category.match(name):
            continue  # a clause, not a name, before the money ("批复了绩效目标,项目金额46万元")
        pick, spent = _pick(report, inside)
        m = mentions[pick]
        items.append(Project(ordinal=0, name=name, amount=m.value, amount_mention=pick,
                             start=p_start + len(raw) - len(raw.lstrip()), end=m.end,
                             rule_id="spent" if spent else None))
    return items


def _bracketed(text: str, start: int, pos: int) -> bool:
    """Whether ``pos`` stands inside brackets opened after ``start`` (the normalized text's are ASCII)."""
    depth = 0
    for ch in text[start:pos]:
        depth += ch == "("
        depth -= ch == ")" and depth > 0
    return depth > 0


def _pick(report: Report, inside) -> tuple[int, bool]:
    """(index of the item's amount, whether it is labelled as spent): spent first, else received,
    else the first."""
    v = vocab()
    for i, _ in inside:
        if amount_class(report, i) in v.spending_classes:
            return i, True
    for i, m in inside:
        if v.listed_received.search(clause_prefix(report.text, m.start, v.window)):
            return i, False
    return inside[0][0], False


def _clean(raw: str) -> str:
    """An item's name from the text before its amount: marker, year, document number and the
    label at its end dropped."""
    v = vocab()
    cues = list(v.listed_cue.finditer(raw))
    if cues:  # "分别项目为①森林防火…": the list opens after its cue
        raw = raw[cues[-1].end():]
    name = raw.strip().strip(" ,、:;")
    name = v.listed_lead.sub("", name)
    name = v.inline_lead.sub("", name)
    name = v.listed_doc_number.sub("", name)
    name = v.listed_money_note.sub("", name)  # "新冠疫情防控项目(含社会捐赠资金132.95万元)": a note on its money
    for _ in range(3):
        before = name
        name = v.listed_name_tail.sub("", name).strip(" ,、:")
        name = v.inline_trail.sub("", name).strip().rstrip("(")  # "A项目(118.2万元)": its money in brackets
        if name == before:
            break
    return name


def marked_projects(report: Report) -> list[Project]:
    """Projects of a line enumerating them with ordinal markers ("一是农村公路建设项目,完成投资120万
    元;二是危桥改造项目,支出80万元。", "①…项目…万元;②…"): two or more items of one marker kind, each
    a name ending in a project word ([item].project_word) and its money; one item that is no project
    (a budget part: "一是人员经费…;二是…项目…") makes the line a breakdown, not a list. Tried when
    nothing else named a project (see extract.py)."""
    v, text = vocab(), report.text
    out: list[Project] = []
    for line in v.listed_line.finditer(text):
        for kind in v.listed_markers:
            marks = in_order(list(kind.finditer(text, line.start(), line.end())))
            if len(marks) < v.inline_min_items:
                continue
            items = []
            for k, mark in enumerate(marks):
                end = marks[k + 1].start() if k + 1 < len(marks) else _sentence_end(text, mark.end(), line.end())
                item = _marked_item(report, mark.end(), end)
                if item is False:
                    items = []
                    break
                if item is not None:
                    items.append(item)
            if len(items) >= v.inline_min_items and len({name_key(p.name) for p in items}) == len(items):
                out.extend(items)
                break
    for i, p in enumerate(out, 1):
        p.ordinal = i
        p.rule_id = "projects:marked_list"
    return out


def in_order(marks: list[regex.Match]) -> list[regex.Match]:
    """The marks that number 1, 2, 3… in order from the first ("1.", "2."; "其一", "其二"; "①", "②"), up to
    the first that does not: a list's marks do; a later restart ("一是…二是…。一是…") opens another list,
    and numbers that merely follow a comma in a sentence ("…,3.项…,5.项…") are none. [] when the first
    mark is not 1."""
    kept = []
    for k, m in enumerate(marks, 1):
        if _mark_number(m.group()) != k:
            break
        kept.append(m)
    return kept


def _mark_number(mark: str) -> int | None:
    """The number a list mark writes ("2." → 2, "第三," → 3, "③" → 3, "(4)" → 4), None for a mark of none."""
    circled = rules.compiled(r"[①-⑳]").search(mark)
    return ord(circled.group()) - ord("①") + 1 if circled is not None else label_number(mark)


def labelled_projects(report: Report) -> list[Project]:
    """Projects of lines opened by a project label ("项目一:…集体经济项目,项目全年预算数*元,执行数*元;
    项目二:…", [listed.labelled]): two or more, each named up to its first comma, its amount the best
    labelled one before the next label (None when masked or absent). Whether they stand as a list is
    evidence.py's (a cue counting them: "涉及…项目3个")."""
    v, text = vocab(), report.text
    # a name running to the text's very end was cut with the excerpt ("项目1:云南省…救助项目救助患“两癌”的农村贫",
    # heldout11 w003's last line): no whole name
    found = [m for m in v.listed_labelled.finditer(text) if text[m.end("name"):].strip()]
    if len(found) < v.inline_min_items:
        return []
    out = []
    for k, m in enumerate(found):
        end = found[k + 1].start() if k + 1 < len(found) else min(len(text), m.end() + v.evidence_reach)
        line_end = text.find("\n", m.end())
        i = best_amount(report, m.end("name"), end if line_end < 0 else min(end, line_end), require_label=True)
        out.append(Project(
            ordinal=k + 1, name=m.group("name").strip(), amount=report.mentions[i].value if i is not None else None,
            amount_mention=i, start=m.start("name"), end=m.end("name"), rule_id="projects:labelled_list",
        ))
    return out


def _sentence_end(text: str, pos: int, stop: int) -> int:
    ends = vocab().inline_sentence_end
    while pos < stop and text[pos] not in ends:
        pos += 1
    return pos


def _marked_item(report: Report, start: int, end: int) -> Project | None | bool:
    """The project of one marked item, None when it states no money, False when it is no project."""
    v, text = vocab(), report.text
    inside = [(i, m) for i, m in enumerate(report.mentions)
              if m.kind == "amount" and m.value is not None and not m.comparator and start <= m.start < end]
    if not inside:
        return None
    stop = inside[0][1].start
    for ch in v.clause_end:
        j = text.find(ch, start, stop)
        if j != -1:
            stop = j
    raw = text[start:stop]
    colon = raw.find(":")
    if colon > 0 and v.item_project_word.search(head := _clean(raw[:colon])) and _inline_name_ok(raw[:colon], head):
        # the item's head closed by a colon names it, what follows says where its money came from:
        # "1、档案管理项目资金:2016年县财政安排30万元…;2、县档案馆建设项目资金:…拨款427.36万元" (heldout11 w008)
        raw = raw[:colon]
    name = v.listed_verb_lead.sub("", _clean(raw))
    if not name or not v.item_project_word.search(name) or not _inline_name_ok(raw.strip(), name):
        # the money first, then what it paid for: "一是投入118.2万元实施A项目"
        first_i, first = inside[0]
        after = v.listed_money_first.match(text, first.end, end)
        if len(inside) != 1 or after is None or not _inline_name_ok(after.group("name"), after.group("name")):
            return False
        return Project(ordinal=0, name=after.group("name"), amount=first.value, amount_mention=first_i,
                       start=after.start("name"), end=after.end("name"))
    pick, _ = _pick(report, inside)
    m = report.mentions[pick]
    return Project(ordinal=0, name=name, amount=m.value, amount_mention=pick,
                   start=start + len(raw) - len(raw.lstrip()), end=m.end)


def quoted_projects(report: Report) -> list[Project]:
    """Projects named in quotes, each followed by its money in brackets, two or more in one sentence:
    "用于实施“内蒙古乌拉山化肥厂有限公司地块土壤污染状况初步调查项目”(723万元)和“乌拉特前旗…调查项目”
    (577万元)" (p0128); see [listed.quoted]. Tried when nothing else named a project."""
    v, text = vocab(), report.text
    amounts = {m.start: i for i, m in enumerate(report.mentions)
               if m.kind == "amount" and m.value is not None and not m.comparator}
    out: list[Project] = []
    seen: set[str] = set()
    for sentence in rules.compiled(f"[^{regex.escape(v.inline_sentence_end)}]+").finditer(text):
        found = []
        for q in v.listed_quoted.finditer(text, sentence.start(), sentence.end()):
            i = amounts.get(q.start("amount"))
            name = q.group("name").strip()
            if i is None or not _inline_name_ok(name, name) or name_key(name) in seen:
                continue
            found.append(Project(ordinal=0, name=name, amount=report.mentions[i].value, amount_mention=i,
                                 start=q.start("name"), end=report.mentions[i].end))
        if len(found) >= v.inline_min_items:
            for p in found:
                seen.add(name_key(p.name))
            out.extend(found)
    for i, p in enumerate(out, 1):
        p.ordinal = i
        p.rule_id = "projects:quoted_list"
    return out


def section_projects(report: Report) -> list[Project]:
    """Projects of a project-spending section ("(二)项目支出") whose sentences each open with a fund
    named as their subject and state what it spent: "我处殡葬执法工作经费,全部用于…,实际支出51.77万元。"
    (p0223); the amount is the sentence's spending (executed, spent), the name the subject after the
    unit's pronoun ([listed.section_head], [listed.subject]). Tried when nothing else named a project."""
    v, text = vocab(), report.text
    out: list[Project] = []
    seen: set[str] = set()
    for sec in report.sections:
        if not v.listed_section_head.search(sec.heading or ""):
            continue
        body = text.find("\n", sec.start)
        pos = sec.end if body == -1 else body + 1
        while pos < sec.end:
            end = _sentence_end(text, pos, sec.end)
            m = v.listed_subject.match(text, pos, end)
            if m and name_key(m.group("name")) not in seen and _inline_name_ok(m.group("name"), m.group("name")) \
                    and not v.generic_name.match(m.group("name")):
                i = _spent_in(report, m.end(), end)
                if i is not None:
                    seen.add(name_key(m.group("name")))
                    out.append(Project(ordinal=len(out) + 1, name=m.group("name"), amount=report.mentions[i].value,
                                       amount_mention=i, start=m.start("name"), end=report.mentions[i].end,
                                       rule_id="projects:section_subject"))
            pos = end + 1
    return out


def _spent_in(report: Report, start: int, end: int) -> int | None:
    """Index of the first amount in [start, end) labelled as spent (executed first), or None."""
    v = vocab()
    found = [(amount_class(report, i), i) for i, m in enumerate(report.mentions)
             if m.kind == "amount" and m.value is not None and not m.comparator and start <= m.start < end]
    for cls in v.spending_classes_ordered:
        for c, i in found:
            if c == cls:
                return i
    return None
