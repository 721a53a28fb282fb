"""Projects listed inside one sentence, tried when nothing else named a project: name + amount
pairs after a trigger word in a sentence about project spending ("项目支出包括委员活动经费36.3万元,
扫黑除恶工作经费1万元,…"), and ";"-separated lists ("X项目40万元;Y经费2.75万元;…")."""
from __future__ import annotations

import regex

from ... import rules
from ...model import Project, Report
from .amounts import best_amount
from .attributes import name_key
from .vocabulary import vocab


def _split_pieces(text: str, start: int, end: int, separators: str) -> list[tuple[int, int]]:
    """Spans of text[start:end] cut at ``separators`` outside brackets and quotes."""
    opening, closing = "(“《[", ")”》]"
    pieces, depth, piece_start = [], 0, start
    for i in range(start, end):
        ch = text[i]
        if ch in opening:
            depth += 1
        elif ch in closing:
            depth = max(depth - 1, 0)
        elif ch in separators and depth == 0:
            pieces.append((piece_start, i))
            piece_start = i + 1
    pieces.append((piece_start, end))
    return pieces


def _sentence_start(text: str, pos: int, ends: str) -> int:
    i = pos
    while i > 0 and text[i - 1] not in ends:
        i -= 1
    return i


def _inline_name_ok(raw: str, name: str) -> bool:
    v = vocab()
    if len(rules.compiled(r"\p{Han}").findall(name)) < v.inline_min_chars or v.generic_name.match(name):
        return False
    for form in {name_key(raw), name_key(name)}:
        if any(p.search(form) for p in v.inline_not_name):
            return False
    return True


def inline_list(report: Report, trigger: regex.Match) -> list[Project] | None:
    """The projects listed after one trigger word; None when the list is not a project list."""
    v, text, mentions = vocab(), report.text, report.mentions
    ends = v.inline_sentence_end
    s_start = _sentence_start(text, trigger.start(), ends)
    head = (s_start, trigger.start())
    if not text[s_start:trigger.start()].strip(" ,:;、") and s_start > 0:
        # a sentence opening with the trigger ("…287万元。其中:…") lists parts of the sentence before
        head = (_sentence_start(text, s_start - 1, ends), s_start - 1)
    # no head announcing project money: the list stands only if its items call themselves projects
    # ([inline] headless_min_items, headless_item)
    headless = not v.inline_head.search(text[head[0]:head[1]])
    s_end = trigger.end()
    while s_end < len(text) and text[s_end] not in ends:
        s_end += 1
    amounts = [
        (i, m) for i, m in enumerate(mentions) if m.kind == "amount" and m.value is not None and not m.comparator
    ]
    items: list[Project] = []
    for p_start, p_end in _split_pieces(text, trigger.end(), s_end, v.inline_separators):
        inside = [(i, m) for i, m in amounts if p_start <= m.start < p_end]
        if not inside:
            break  # the list ends (or the text breaks off) at a piece without money
        if len(inside) > 1:
            return None
        i, m = inside[0]
        if any(p_start <= o.start < m.start for o in mentions if o.value is not None):
            return None  # another quantity inside the name ("…的项目79个财政资金3038.38万元")
        raw = v.inline_lead.sub("", text[p_start:m.start]).strip()
        if v.inline_total.fullmatch(raw):
            break  # "…、市本级涉法涉诉救助资金30万元,共219万元": the list's total closes it
        # (the shorter [item.name_label], not [listed.name_tail]: an inline name keeps its 经费, pool p0260)
        name = v.item_name_label.sub("", raw).strip(" ,、:")
        name = v.inline_trail.sub("", name).strip().rstrip("(")  # "A项目(120.5万元)": its money in brackets
        if not _inline_name_ok(raw, name):
            return None
        items.append(Project(ordinal=0, name=name, amount=m.value, amount_mention=i, start=p_start, end=m.end,
                             rule_id="projects:inline"))
    if len(items) < v.inline_min_items or len({name_key(p.name) for p in items}) < len(items):
        return None
    if headless and (len(items) < v.inline_headless_min
                     or not all(v.inline_headless_item.search(p.name) for p in items)):
        return None
    totals = [m.value for _, m in amounts if head[0] <= m.start < head[1]]
    if totals and sum(p.amount for p in items) > max(totals) * (1 + 1e-9) + 1e-6:
        return None  # more than any total they are said to make up ("年初预算数…,支出数…,包括:")
    return items


def inline_projects(report: Report) -> list[Project]:
    """Projects of every inline list in the report (see [inline] in patterns/projects.toml)."""
    v = vocab()
    out: list[Project] = []
    seen: set[str] = set()
    lists: list[list[Project]] = []
    last_end = -1
    for trigger in v.inline_trigger.finditer(report.text):
        if trigger.start() < last_end:
            continue
        items = inline_list(report, trigger)
        if not items:
            continue
        last_end = items[-1].end
        lists.append(items)
    # lists naming projects outrank lists naming none (recipients: "其中下达地市9397万元;区直…")
    if any(all(v.item_project_word.search(p.name) for p in items) for items in lists):
        lists = [items for items in lists if any(v.item_project_word.search(p.name) for p in items)]
    for items in lists:
        _append_new(out, seen, items)
    return out


def semicolon_projects(report: Report) -> list[Project]:
    """Projects of ";"-separated lists "X项目40万元;Y经费2.75万元;…" (see [inline].semi_item)."""
    v, text, mentions = vocab(), report.text, report.mentions
    amounts = [(i, m) for i, m in enumerate(mentions) if m.kind == "amount" and m.value is not None]
    out: list[Project] = []
    seen: set[str] = set()
    for line_m in rules.compiled(f"[^{regex.escape(v.inline_sentence_end)}]+").finditer(text):
        s_start, s_end = line_m.span()
        if ";" not in line_m.group() and not v.semi_opener.search(line_m.group()):
            continue
        items: list[Project] = []
        opener = False
        for k, (p_start, p_end) in enumerate(_split_pieces(text, s_start, s_end, ";")):
            inside = [(i, m) for i, m in amounts if p_start <= m.start < p_end]
            if len(inside) != 1:
                break
            i, m = inside[0]
            if text[m.end:p_end].strip(" ,"):
                break  # more text after the amount: not a bare list item
            raw = text[p_start:m.start]
            if k == 0:
                lead = v.semi_lead.match(raw)
                if lead:
                    opener = bool(v.semi_opener.search(lead.group()))
                    raw = raw[lead.end():]
                else:
                    raw = raw.rsplit(",", 1)[-1]
            im = v.semi_item.fullmatch(raw.strip())
            if not im:
                break
            name = v.inline_lead.sub("", im.group("name")).strip(" ,、:")  # "实施A项目…": the verb opens the list
            if not _inline_name_ok(name, name) or v.title_category.match(name):
                break
            items.append(Project(ordinal=0, name=name, amount=m.value, amount_mention=i, start=p_start, end=m.end,
                                 rule_id="projects:semicolon"))
        if len(items) >= v.semi_min_items or (opener and items):
            _append_new(out, seen, items)
    return out


def clause_projects(report: Report) -> list[Project]:
    """Projects of a ";"-separated list of clauses after a sentence counting the report's projects
    ("共有8个支出项目…。其中,法院执行年初预算数6万元,年末结算支出6万元,…;案件审判411.95万元,…"):
    each clause a name and its money, the project's amount the best-labelled of them (spent before
    budgeted); the list ends at the first clause without money (see [inline.clause_head])."""
    v, text = vocab(), report.text
    ends = v.inline_sentence_end
    for trigger in v.inline_trigger.finditer(text):
        s_start = _sentence_start(text, trigger.start(), ends)
        head = text[s_start:trigger.start()]
        if not head.strip(" ,:;、") and s_start > 0:
            head = text[_sentence_start(text, s_start - 1, ends):s_start]
        if not v.clause_head.search(head):
            continue
        s_end = trigger.end()
        while s_end < len(text) and text[s_end] not in ends:
            s_end += 1
        items = _clauses(report, trigger.end(), s_end)
        if len(items) >= v.inline_min_items and len({name_key(p.name) for p in items}) == len(items):
            for i, p in enumerate(items, 1):
                p.ordinal = i
            return items
    return []


def _clauses(report: Report, start: int, end: int) -> list[Project]:
    """The projects of the clauses of text[start:end]; [] when a clause is no name and money."""
    v, text, mentions = vocab(), report.text, report.mentions
    items: list[Project] = []
    for p_start, p_end in _split_pieces(text, start, end, ";"):
        inside = [m for m in mentions if m.kind == "amount" and m.value is not None and p_start <= m.start < p_end]
        if not inside:
            break
        first = inside[0]
        raw = v.inline_lead.sub("", text[p_start:first.start].strip(" ,:;、")).strip(" ,:、")
        if any(ch in raw for ch in ",、"):
            return []  # a clause that is no name before its money
        name = v.clause_name_label.sub("", raw).strip(" ,、:")
        if not _inline_name_ok(raw, name):
            return []
        i = best_amount(report, p_start, p_end, require_label=False)
        if i is None:
            return []
        items.append(Project(ordinal=0, name=name, amount=mentions[i].value, amount_mention=i, start=p_start,
                             end=mentions[i].end, rule_id="projects:clause"))
    return items


def _append_new(out: list[Project], seen: set[str], items: list[Project]) -> None:
    """Append the items whose names are new, numbering them after what ``out`` holds."""
    for p in items:
        if name_key(p.name) not in seen:
            seen.add(name_key(p.name))
            p.ordinal = len(out) + 1
            out.append(p)


def fund_list(report: Report, amount_i: int | None) -> list[Project]:
    """The funds listed with their money in the sentence holding mention ``amount_i`` (a single
    project's amount) when it is one item of such a list: "专项资金:A经费36.4万元、B17万元、C等39.11万元",
    "下达了A经费:514.56万元,B费:30.58万元" (see [inline.fund_list_lead]); [] otherwise."""
    v, text, mentions = vocab(), report.text, report.mentions
    if amount_i is None or not 0 <= amount_i < len(mentions):
        return []
    target = mentions[amount_i]
    ends = v.inline_sentence_end.replace("\n", "")  # a hard line break inside a list does not end it
    s_start = _sentence_start(text, target.start, ends)
    s_end = target.end
    while s_end < len(text) and text[s_end] not in ends:
        s_end += 1
    amounts = [(i, m) for i, m in enumerate(mentions) if m.kind == "amount" and m.value is not None]
    items: list[Project] = []
    for p_start, p_end in _split_pieces(text, s_start, s_end, v.inline_separators):
        inside = [(i, m) for i, m in amounts if p_start <= m.start < p_end]
        if not inside:
            if items:
                break
            continue
        if len(inside) > 1 or text[inside[0][1].end:p_end].strip():
            if items:
                break
            return []  # a total or a figure before the list: its items are parts of it
        i, m = inside[0]
        if any(p_start <= o.start < m.start for o in mentions if o.value is not None):
            return []
        raw = text[p_start:m.start].strip().rstrip("::").strip()
        if v.inline_trigger.search(raw) or v.inline_total_trail.search(raw):
            return []  # "…资金共41470万元,其中第一批资金31374万元,…": a total and its parts
        raw = v.inline_trail.sub("", raw)  # "园林绿化经费为514.56万元": 为 joins the name to its money
        if not items:
            lead = v.fund_list_lead.match(raw)
            if not lead:
                return []
            raw = raw[lead.end():]
        raw = rules.compiled(r"\s+").sub("", v.inline_lead.sub("", raw))
        name = v.fund_list_trail.sub("", raw).strip(" ,、:")
        if not _inline_name_ok(raw, name):
            return []
        items.append(Project(ordinal=len(items) + 1, name=name, amount=m.value, amount_mention=i, start=p_start,
                             end=m.end, rule_id="projects:fund_list"))
    if (len(items) < v.inline_min_items or len({name_key(p.name) for p in items}) < len(items)
            or all(p.amount_mention != amount_i for p in items)):
        return []
    whole = sum(p.amount for p in items)
    if any(abs(2 * p.amount - whole) <= 1e-6 * max(whole, 1) for p in items):
        return []  # one item is the sum of the others: a total and its parts
    years = {found[-1] for p in items
             if (found := v.title_year_anywhere.findall(text, p.start, mentions[p.amount_mention].start))}
    if len(years) > 1:
        return []  # "2023年度…资金为64万元,2024年度…资金为76万元": one fund's money in two years
    return items
