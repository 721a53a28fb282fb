"""Projects, budget groups and work outputs of a report.

Three ways a report names its projects, tried in this order:

1. an enumerated list: numbered items ("(1)2018年大中修项目" + "项目支出125.1126万元,主要用于…。
   项目完成改造里程6.6km,已按计划实现绩效目标。") under a budget-group heading ("1.年初预算项目
   200万元专项资金,…,实际支出140.210271万元,结余结转59.789729万元。") or under a project-performance
   heading ("(二)项目支出绩效情况");
2. self-assessment forms (``report.forms``): the form's 项目名称 with its total line's executed amount;
3. a single-project report: one project named from the title, a bracketed name under or after
   the title ("…项目绩效自评报告(春节慰问经费项目)") or the subject sentence, with the executed
   amount (else the full-year budget); left out when no amount is stated;
4. an inline list, when nothing above named a project: name + amount pairs after a trigger word
   in a sentence about project spending ("项目支出包括委员活动经费36.3万元,扫黑除恶工作经费1万元,…").

Outputs are work quantities: runs opened by 完成 ("完成…沥青调补241立方;垮方清理962立方;…") and
satisfaction rates ("群众满意度为90%"). Every word list and regex lives in patterns/projects.toml.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

import regex

from .. import rules
from ..model import Form, Output, Project, ProjectGroup, Report, Section
from ..text.segment import heading_start_re


# ------------------------------------------------------------------ vocabulary
@dataclass(frozen=True)
class _Vocab:
    group_label: regex.Pattern
    group_fields: tuple[tuple[str, regex.Pattern], ...]
    item_context: regex.Pattern
    item_not_name: regex.Pattern
    name_stop: str
    item_name_label: regex.Pattern
    connector: regex.Pattern
    part: regex.Pattern
    clause_end: str
    window: int
    amount_classes: tuple[tuple[str, regex.Pattern], ...]
    after_class: str
    after_label: regex.Pattern
    inline_trigger: regex.Pattern
    inline_head: regex.Pattern
    inline_separators: str
    inline_sentence_end: str
    inline_min_items: int
    inline_lead: regex.Pattern
    inline_trail: regex.Pattern
    inline_not_name: tuple[regex.Pattern, ...]
    inline_min_chars: int
    goal: tuple[tuple[str, regex.Pattern], ...]
    road_code: regex.Pattern
    stake_range: regex.Pattern
    completion: regex.Pattern
    piece_split: regex.Pattern
    output_kinds: frozenset[str]
    lead: regex.Pattern
    trail: regex.Pattern
    scope: regex.Pattern
    satisfaction: regex.Pattern
    satisfaction_activity: str
    purpose: regex.Pattern
    title: dict
    title_suffix: regex.Pattern
    title_word: regex.Pattern
    title_subjects: tuple[regex.Pattern, ...]
    title_lead: regex.Pattern
    title_year: regex.Pattern
    title_year_tail: regex.Pattern
    title_org: regex.Pattern
    title_region_before_year: regex.Pattern
    title_trail: regex.Pattern
    title_paren: regex.Pattern
    title_file: regex.Pattern
    title_split_head: regex.Pattern
    generic_name: regex.Pattern
    title_year_kept: regex.Pattern
    title_next_line: regex.Pattern
    title_glued: regex.Pattern
    title_glued_not: regex.Pattern
    title_category: regex.Pattern
    title_collection: regex.Pattern
    title_department: regex.Pattern
    subject_keeps_year: frozenset[int]
    subject_verbatim: frozenset[int]
    semi_item: regex.Pattern
    semi_lead: regex.Pattern
    semi_opener: regex.Pattern
    semi_min_items: int
    form_code: regex.Pattern
    form_next_label: regex.Pattern
    form_total: regex.Pattern


def _words(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def vocab() -> _Vocab:
    conf = rules.load("projects")
    g, it, lab, goal, road, out, ti, fo, il = (
        conf[k] for k in ("group", "item", "labels", "goal", "road", "output", "title", "form", "inline")
    )
    region, org = ti["region"], ti["organisation"]
    return _Vocab(
        group_label=regex.compile(rf"(?P<label>{_words(g['labels'])})"),
        group_fields=tuple((k, regex.compile(v)) for k, v in g["fields"].items()),
        item_context=regex.compile(it["context"]),
        item_not_name=regex.compile(it["not_name"]),
        name_stop=it["name_stop"],
        item_name_label=regex.compile(it["name_label"]),
        connector=regex.compile(lab["connector"]),
        part=regex.compile(lab["part"]),
        clause_end=lab["clause_end"],
        window=int(lab["window"]),
        amount_classes=tuple((c["id"], regex.compile(c["pattern"])) for c in lab["class"]),
        after_class=lab["after"]["class"],
        after_label=regex.compile(lab["after"]["pattern"]),
        inline_trigger=regex.compile(il["trigger"]),
        inline_head=regex.compile(il["head"]),
        inline_separators=il["separators"],
        inline_sentence_end=il["sentence_end"],
        inline_min_items=int(il["min_items"]),
        inline_lead=regex.compile(il["lead"]),
        inline_trail=regex.compile(il["trail"]),
        inline_not_name=tuple(regex.compile(p) for p in il["not_name"]),
        inline_min_chars=int(il["min_chars"]),
        goal=tuple((k, regex.compile(goal[k])) for k in ("partial", "not_achieved", "achieved")),
        road_code=regex.compile(road["code"]),
        stake_range=regex.compile(road["stake_range"]),
        completion=regex.compile(out["completion"]),
        piece_split=regex.compile(f"[{regex.escape(out['piece_separators'])}]"),
        output_kinds=frozenset(out["kinds"]),
        lead=regex.compile(rf"^(?:{_words(out['lead'])})+"),
        trail=regex.compile(rf"(?:{_words(out['trail'])})+$"),
        scope=regex.compile(out["scope"]),
        satisfaction=regex.compile(out["satisfaction"]),
        satisfaction_activity=out["satisfaction_activity"],
        purpose=regex.compile(out["purpose"]),
        title=ti,
        title_suffix=regex.compile(ti["suffix"]),
        title_word=regex.compile(ti["title_word"]),
        title_subjects=tuple(regex.compile(p) for p in ti["subject"]),
        title_lead=regex.compile(ti["lead"]),
        title_year=regex.compile(ti["year"]),
        title_year_tail=regex.compile(ti["year_tail"]),
        title_org=regex.compile(rf"^(?:{region}+|[省市州县区]){org}"),
        title_region_before_year=regex.compile(rf"^(?:{region}|{ti['town']})+(?=(?:19|20)\d{{2}}年)"),
        title_trail=regex.compile(ti["trail"]),
        title_paren=regex.compile(ti["paren"]),
        title_file=regex.compile(ti["file_name"]),
        title_split_head=regex.compile(ti["split_head"]),
        generic_name=regex.compile(ti["generic"]),
        title_year_kept=regex.compile(ti["year_kept"]),
        title_next_line=regex.compile(ti["next_line"]),
        title_glued=regex.compile(ti["glued"]),
        title_glued_not=regex.compile(ti["glued_not"]),
        title_category=regex.compile(ti["category"]),
        title_collection=regex.compile(ti["collection"]),
        title_department=regex.compile(ti["department"]),
        subject_keeps_year=frozenset(int(i) for i in ti["subject_keeps_year"]),
        subject_verbatim=frozenset(int(i) for i in ti["subject_verbatim"]),
        semi_item=regex.compile(il["semi_item"]),
        semi_lead=regex.compile(il["semi_lead"]),
        semi_opener=regex.compile(il["semi_opener"]),
        semi_min_items=int(il["semi_min_items"]),
        form_code=regex.compile(fo["code_prefix"]),
        form_next_label=regex.compile(fo["next_label"]),
        form_total=regex.compile(fo["total_line"]),
    )


# ------------------------------------------------------------------ entry point
def extract_projects(report: Report) -> tuple[list[Project], list[ProjectGroup], list[Output]]:
    projects, groups = enumerated_projects(report)
    if not projects:
        projects = form_projects(report.forms)
    else:
        projects += _extra_form_projects(report.forms, projects)
    single = False
    if not projects and report.report_kind != "department":
        p = single_project(report)
        if p is not None:
            projects, single = [p], True
    if not projects:
        projects = inline_projects(report)
    if not projects:
        projects = semicolon_projects(report)
    runs = completion_runs(report)
    outputs = find_outputs(report, runs)
    _attach_outputs(report, projects, outputs, single, runs)
    return projects, groups, outputs


# ------------------------------------------------------------------ labelled amounts
def clause_prefix(text: str, pos: int, window: int) -> str:
    """Text of the clause before ``pos`` (at most ``window`` characters)."""
    start = max(pos - window, 0)
    ends = vocab().clause_end
    for i in range(pos - 1, start - 1, -1):
        if text[i] in ends:
            return text[i + 1:pos]
    return text[start:pos]


def label_of(text: str, pos: int, labels) -> str | None:
    """Id of the label (from ``labels``: [(id, regex)]) that ends closest before ``pos``."""
    v = vocab()
    prefix = clause_prefix(text, pos, v.window)
    best = None  # (end, -start, id)
    for label_id, pattern in labels:
        for m in pattern.finditer(prefix, overlapped=True):
            if not v.connector.match(prefix[m.end():]):
                continue
            key = (m.end(), -m.start())
            if best is None or key > best[:2]:
                best = (*key, label_id)
    return best[2] if best else None


def _said_spent_after(text: str, pos: int) -> bool:
    """The clause after an amount says it was all spent ("3728万元全部执行到位")."""
    v = vocab()
    end = pos
    while end < len(text) and end - pos < v.window and text[end] not in v.clause_end:
        end += 1
    return bool(v.after_label.match(text[pos:end]))


def best_amount(
    report: Report, start: int, end: int, require_label: bool = True, skip_parts: bool = False
) -> int | None:
    """Index of the amount mention in [start, end) with the best label class (first in text order).

    ``skip_parts`` leaves out breakdown clauses ("其中:…")."""
    v = vocab()
    rank = {cid: i for i, (cid, _) in enumerate(v.amount_classes)}
    best = None  # (rank, index)
    first = None
    for i, m in enumerate(report.mentions):
        if m.kind != "amount" or m.value is None or not (start <= m.start < end) or m.comparator:
            continue
        if skip_parts and v.part.match(clause_prefix(report.text, m.start, len(report.text))):
            continue
        if first is None:
            first = i
        label = label_of(report.text, m.start, v.amount_classes)
        if _said_spent_after(report.text, m.end):
            label = v.after_class if label is None else min(label, v.after_class, key=rank.__getitem__)
        if label is None:
            continue
        if best is None or rank[label] < best[0]:
            best = (rank[label], i)
    if best is not None:
        return best[1]
    return None if require_label else first


# ------------------------------------------------------------------ enumerated lists
def _children(sections: list[Section], parent: Section) -> list[Section]:
    inner = [s for s in sections if parent.start < s.start < parent.end and s.level > parent.level]
    if not inner:
        return []
    level = min(s.level for s in inner)
    return [s for s in inner if s.level == level]


def _line_end(text: str, pos: int) -> int:
    i = text.find("\n", pos)
    return len(text) if i == -1 else i


def _heading_rest(text: str, sec: Section) -> tuple[int, str]:
    """(offset, text) of the heading line after its number label."""
    end = _line_end(text, sec.start)
    line = text[sec.start:end]
    offset = sec.start
    if sec.number_label:
        i = line.find(sec.number_label)
        if i != -1:
            cut = i + len(sec.number_label)
            while cut < len(line) and line[cut] in "、.． \t":
                cut += 1
            offset += cut
    while offset < end and text[offset] in " \t":
        offset += 1
    return offset, text[offset:end]


def group_label(text: str, sec: Section) -> str | None:
    if not sec.number_label:
        return None
    _, rest = _heading_rest(text, sec)
    m = vocab().group_label.match(rest)
    return m.group("label") if m else None


def item_name(report: Report, sec: Section) -> str | None:
    """The project name on an item's heading line: up to the first stop character or amount."""
    if not sec.number_label:
        return None
    v = vocab()
    offset, rest = _heading_rest(report.text, sec)
    cut = len(rest)
    for ch in v.name_stop:
        i = rest.find(ch)
        if i != -1:
            cut = min(cut, i)
    for m in report.mentions:
        if m.kind == "amount" and offset <= m.start < offset + cut:
            cut = m.start - offset
            rest = v.item_name_label.sub("", rest[:cut])
            cut = len(rest)
            break
    name = rest[:cut].strip().rstrip("、,，")
    return name or None


def _body_end(sections: list[Section], sec: Section) -> int:
    kids = _children(sections, sec)
    return kids[0].start if kids else sec.end


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def enumerated_projects(report: Report) -> tuple[list[Project], list[ProjectGroup]]:
    text, sections, v = report.text, report.sections, vocab()
    projects: list[Project] = []
    groups: list[ProjectGroup] = []
    taken: set[int] = set()  # item section ordinals already used

    def add_items(items, label, require_label):
        for sec in items:
            if sec.ordinal in taken:
                continue
            name = item_name(report, sec)
            if not name or v.item_not_name.search(name) or group_label(text, sec):
                continue
            body_end = _body_end(sections, sec)
            amount_i = best_amount(report, sec.start, body_end, require_label=require_label)
            if require_label and amount_i is None:
                continue
            taken.add(sec.ordinal)
            projects.append(_project(report, len(projects) + 1, name, sec, body_end, amount_i, label))

    for sec in sections:
        label = group_label(text, sec)
        if label:
            groups.append(_group(report, len(groups) + 1, label, sec))
            add_items(_children(sections, sec), label, require_label=False)
    for sec in sections:
        if group_label(text, sec) or not v.item_context.search(sec.heading):
            continue
        kids = _children(sections, sec)
        if any(group_label(text, k) for k in kids):
            continue
        add_items(kids, None, require_label=True)
    projects.sort(key=lambda p: p.start)
    for i, p in enumerate(projects, 1):
        p.ordinal = i
    return projects, groups


def _group(report: Report, ordinal: int, label: str, sec: Section) -> ProjectGroup:
    text = report.text
    end = _body_end(report.sections, sec)
    group = ProjectGroup(ordinal=ordinal, label=label, start=sec.start, end=_trim_end(text, sec.start, sec.end))
    for m in report.mentions:
        if m.kind != "amount" or not (sec.start <= m.start < end):
            continue
        field = label_of(text, m.start, vocab().group_fields)
        if field and getattr(group, field) is None:
            setattr(group, field, m.value)
    return group


def _project(report, ordinal, name, sec, body_end, amount_i, label) -> Project:
    text, v = report.text, vocab()
    end = _trim_end(text, sec.start, sec.end)
    body = text[sec.start:body_end]
    p = Project(
        ordinal=ordinal,
        name=name,
        amount=report.mentions[amount_i].value if amount_i is not None else None,
        group_label=label,
        start=sec.start,
        end=end,
        section=sec.ordinal,
        amount_mention=amount_i,
    )
    m = v.purpose.search(body)
    if m:
        p.purpose = m.group("purpose").strip()
    p.goal_status, p.goal_pct = goal_status(body)
    p.road_code = road_code(name)
    p.stake_from, p.stake_to = stake_range(name)
    return p


# ------------------------------------------------------------------ item attributes
def goal_status(text: str) -> tuple[str, float | None]:
    """("achieved" | "partial" | "not_achieved" | "unknown", share of the goal reached in %)."""
    found = []
    for status, pattern in vocab().goal:
        m = pattern.search(text)
        if m:
            found.append((m.start(), status, m))
    if not found:
        return "unknown", None
    # A partial share names its percentage; otherwise the earliest phrase decides.
    partial = [f for f in found if f[1] == "partial"]
    _, status, m = partial[0] if partial else min(found, key=lambda f: f[0])
    if status == "partial":
        pct = float(m.group("pct"))
        return ("achieved" if pct >= 100 else "partial"), pct
    return status, None


def road_code(name: str) -> str | None:
    m = vocab().road_code.search(name)
    return m.group() if m else None


def stake_range(name: str) -> tuple[float | None, float | None]:
    m = vocab().stake_range.search(name)
    if not m:
        return None, None

    def km(k, metres):
        return round(int(k) + float(metres) / 1000, 6)

    return km(m["a"], m["b"]), km(m["c"], m["d"])


# ------------------------------------------------------------------ forms
def form_project_name(name: str | None) -> str | None:
    if not name:
        return None
    v = vocab()
    name = v.form_code.sub("", name.strip()).strip()
    m = v.form_next_label.search(name)
    if m and m.start() >= 2:
        name = name[: m.start()].strip()
    return name or None


def form_amount(form: Form) -> float | None:
    """Executed amount of the form's total budget line, else its full-year budget.

    None when there is no total line (and not exactly one line), or when an all-zero total
    contradicts the lines under it (年度资金总额 0 while 本年财政拨款 was spent)."""
    total_re = vocab().form_total
    lines = form.budget_lines
    total = next((ln for ln in lines if total_re.search(ln.line or "")), None)
    if total is None:
        if len(lines) != 1:
            return None
        total = lines[0]
    others = [ln for ln in lines if ln is not total]
    value = total.executed if total.executed is not None else total.budget_full_year
    if value == 0 and any(ln.executed or ln.budget_full_year for ln in others):
        return None
    return value


def form_projects(forms: list[Form], start_ordinal: int = 1, known: set[str] | None = None) -> list[Project]:
    out: list[Project] = []
    seen = set(known or ())
    for form in forms:
        name = form_project_name(form.project_name)
        if not name or _key(name) in seen:
            continue
        seen.add(_key(name))
        out.append(
            Project(
                ordinal=start_ordinal + len(out),
                name=name,
                amount=form_amount(form),
                start=form.start,
                end=form.end,
            )
        )
    return out


def _extra_form_projects(forms, projects) -> list[Project]:
    return form_projects(forms, len(projects) + 1, {_key(p.name) for p in projects})


def _key(name: str) -> str:
    return rules.compiled(r"[\s\"'“”‘’《》]").sub("", name)


# ------------------------------------------------------------------ single-project reports
def project_name_from_title(title: str, unit_name: str | None = None) -> str | None:
    """"市公路局2020年度公路养护类项目\\n自评结果" → "公路养护类项目"; None when nothing is left."""
    v = vocab()
    name = rules.compiled(r"\s+").sub("", title).strip("|")
    if not v.title_word.search(name):
        return None
    name = v.title_year_tail.sub("", name)
    name = v.title_suffix.sub("", name)
    name = v.title_year_tail.sub("", name)
    if v.title_collection.search(name) or v.title_department.search(name):
        return None
    keep_year = getattr(title, "keeps_year", False)  # a name standing alone keeps its "YYYY年"
    for _ in range(0 if getattr(title, "verbatim", False) else 4):
        before = name
        name = v.title_lead.sub("", name)
        ym = v.title_year.match(name)
        if ym:
            rest = name[ym.end():]
            keep = keep_year and v.title_year_kept.match(name) and not v.title_org.match(rest)
            if not keep:
                name = rest
        keep_year = False
        if unit_name and v.title_org.fullmatch(unit_name) and name.startswith(unit_name):
            name = name[len(unit_name):]
        m = v.title_org.match(name)
        if m:
            name = name[m.end():]
        region = v.title_region_before_year.match(name)
        if region:
            name = name[region.end():]
            keep_year = True  # "汶川县2021年中央食品监管专项转移支付": the year opens the fund's title
        if name == before:
            break
    name = v.title_trail.sub("", name).strip(" ,、:")
    if len(rules.compiled(r"\p{Han}").findall(name)) < int(v.title["min_chars"]) or v.generic_name.match(name):
        return None
    bare = v.title_year.sub("", name)
    if v.generic_name.match(bare) or v.title_category.match(bare) or not _balanced(name) or name.startswith("度"):
        return None  # a category, or a fragment of a title broken across lines
    return name


def _balanced(name: str) -> bool:
    depth = 0
    for ch in name:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _without_file_name(cell: str) -> str:
    """"《…自评报告.docx》" → "…自评报告": a mirror site's file name read as a title."""
    m = vocab().title_file.match(cell)
    return m.group("title") if m else cell


def title_candidates(report: Report) -> list[str]:
    """Title lines, subject sentences, then the metadata title: best first."""
    v, text = vocab(), report.text
    out: list[str] = []
    cells: list[str] = []
    for line in text.split("\n"):
        for cell in line.split("|"):
            cell = cell.strip()
            if cell:
                cells.append(cell)
        if len(cells) >= int(v.title["head_lines"]):
            break
    heading = heading_start_re()
    compacts = [_without_file_name(rules.compiled(r"\s+").sub("", c)) for c in cells]
    for i, cell in enumerate(cells):
        if heading.match(cell):
            continue
        compact = compacts[i]
        paren = None  # a project named in brackets at the end of the title or on the next line
        tail = rules.compiled(r"\((?:[^()]|\([^()]*\))*\)$").search(compact)
        if tail and v.title_paren.match(tail.group()) and tail.start() > 0:
            paren = v.title_paren.match(tail.group()).group("name")
            compact = compact[: tail.start()]
        elif i + 1 < len(compacts):
            pm = v.title_paren.match(compacts[i + 1]) or v.title_next_line.match(compacts[i + 1])
            paren = pm.group("name") if pm else None
        bare = v.title_year_tail.sub("", compact)
        m = v.title_suffix.search(bare)
        if not m or not v.title_word.search(m.group()):
            g = v.title_glued.match(compact)
            if g and not v.title_glued_not.search(g.group("title")):
                out.append(g.group("title"))
            continue
        if i > 0 and (
            m.start() == 0  # the line is only the suffix: the title began a line above
            or not _balanced(compact[: m.start()])  # "二期)项目支出…": a bracket opened a line above
            or (compact.startswith("度") and compacts[i - 1].endswith("年"))  # "…2024年\n度…"
        ):
            compact = compacts[i - 1] + compact
        elif (
            i > 0
            and v.title_split_head.match(compacts[i - 1])
            and not v.title_word.search(compacts[i - 1])
            and not rules.compiled(r"(?:19|20)\d{2}年").search(compact)
        ):  # the title was broken across two lines: its first part, with the year, is above
            out.append(compacts[i - 1] + compact)
        out.append(compact)
        if paren:
            out.append(_Candidate(paren + "绩效自评报告", keeps_year=True))
    for k, pattern in enumerate(v.title_subjects):
        m = pattern.search(text)
        if m:
            out.append(
                _Candidate(m.group("subject") + "绩效自评报告", k in v.subject_keeps_year, k in v.subject_verbatim)
            )
    if report.title:
        out.append(report.title)
    return out


class _Candidate(str):
    """A title candidate; ``keeps_year``: a name standing alone, whose "YYYY年" is its own."""

    def __new__(cls, value: str, keeps_year: bool = False, verbatim: bool = False):
        obj = super().__new__(cls, value)
        obj.keeps_year = keeps_year
        obj.verbatim = verbatim  # the name as written, place and year included
        return obj


def single_project(report: Report) -> Project | None:
    name = None
    for title in title_candidates(report):
        name = project_name_from_title(title, report.unit_name)
        if name:
            break
    if not name:
        return None
    amount_i = best_amount(report, 0, len(report.text), require_label=True, skip_parts=True)
    if amount_i is None:
        return None
    p = Project(
        ordinal=1,
        name=name,
        amount=report.mentions[amount_i].value,
        amount_mention=amount_i,
        start=0,
        end=len(report.text),
    )
    p.goal_status, p.goal_pct = goal_status(report.text)
    p.road_code = road_code(name)
    p.stake_from, p.stake_to = stake_range(name)
    return p


# ------------------------------------------------------------------ inline lists
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
    for form in {_key(raw), _key(name)}:
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
    if not v.inline_head.search(text[head[0]:head[1]]):
        return None
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
        name = v.item_name_label.sub("", raw).strip(" ,、:")
        name = v.inline_trail.sub("", name).strip()
        if not _inline_name_ok(raw, name):
            return None
        items.append(Project(ordinal=0, name=name, amount=m.value, amount_mention=i, start=p_start, end=m.end))
    if len(items) < v.inline_min_items or len({_key(p.name) for p in items}) < len(items):
        return None
    totals = [m for _, m in amounts if head[0] <= m.start < head[1]]
    if totals and sum(p.amount for p in items) > totals[-1].value * (1 + 1e-9) + 1e-6:
        return None  # more than the total they are said to make up
    return items


def inline_projects(report: Report) -> list[Project]:
    """Projects of every inline list in the report (see [inline] in patterns/projects.toml)."""
    out: list[Project] = []
    seen: set[str] = set()
    last_end = -1
    for trigger in vocab().inline_trigger.finditer(report.text):
        if trigger.start() < last_end:
            continue
        items = inline_list(report, trigger)
        if not items:
            continue
        last_end = items[-1].end
        _append_new(out, seen, items)
    return out


def semicolon_projects(report: Report) -> list[Project]:
    """Projects of ";"-separated lists "X项目40万元;Y经费2.75万元;…" (see [inline].semi_item)."""
    v, text, mentions = vocab(), report.text, report.mentions
    amounts = [(i, m) for i, m in enumerate(mentions) if m.kind == "amount" and m.value is not None]
    out: list[Project] = []
    seen: set[str] = set()
    pos = 0
    for line_m in rules.compiled(r"[^。\n!?]+").finditer(text):
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
            name = im.group("name").strip(" ,、:")
            if not _inline_name_ok(name, name) or v.title_category.match(name):
                break
            items.append(Project(ordinal=0, name=name, amount=m.value, amount_mention=i, start=p_start, end=m.end))
        if len(items) >= v.semi_min_items or (opener and items):
            _append_new(out, seen, items)
    return out


def _append_new(out: list[Project], seen: set[str], items: list[Project]) -> None:
    """Append the items whose names are new, numbering them after what ``out`` holds."""
    for p in items:
        if _key(p.name) not in seen:
            seen.add(_key(p.name))
            p.ordinal = len(out) + 1
            out.append(p)


# ------------------------------------------------------------------ outputs
@dataclass
class _Run:
    start: int  # where the completion phrase starts
    text_start: int  # where the quantities' text starts (after 完成)
    end: int
    outputs: list[Output]


def _clean_activity(s: str) -> str:
    v = vocab()
    s = s.strip(" 、,:")
    s = v.lead.sub("", s)
    s = v.trail.sub("", s)
    return s.strip(" 、,:")


def completion_runs(report: Report) -> list[_Run]:
    """Runs of work quantities opened by a completion phrase."""
    v, text, mentions = vocab(), report.text, report.mentions
    runs: list[_Run] = []
    used: set[int] = set()
    by_start = sorted(
        (m.start, i) for i, m in enumerate(mentions) if m.value is not None
    )
    starts = [s for s, _ in by_start]
    for cm in v.completion.finditer(text):
        if runs and cm.start() < runs[-1].end:
            continue
        sentence_end = min(
            (i for i in (text.find("。", cm.end()), text.find("\n", cm.end())) if i != -1),
            default=len(text),
        )
        run = _Run(cm.start(), cm.end(), cm.end(), [])
        pos = cm.end()
        for piece in v.piece_split.split(text[cm.end():sentence_end]):
            p_start, p_end = pos, pos + len(piece)
            pos = p_end + 1
            inside = [i for _, i in by_start[bisect_left(starts, p_start):bisect_left(starts, p_end)]]
            if any(mentions[i].kind == "amount" for i in inside):
                break
            work = [i for i in inside if mentions[i].kind in v.output_kinds and not mentions[i].comparator]
            if not work or any(i in used for i in work):
                break
            prev = p_start
            for k, i in enumerate(work):
                m = mentions[i]
                activity = _clean_activity(text[prev:m.start])
                if not activity and k == 0:
                    activity = _clean_activity(text[m.end:p_end])
                if not activity and run.outputs:
                    activity = run.outputs[-1].activity
                run.outputs.append(
                    Output(activity=activity, value=m.value, unit=m.unit, mention=i, start=p_start, end=p_end)
                )
                used.add(i)
                prev = m.end
            run.end = p_end
        if not run.outputs:
            run.end = _first_clause_end(text, cm.end(), sentence_end)
        elif len(run.outputs) > 1:
            first = run.outputs[0]
            cut = v.scope.match(first.activity)
            if cut and len(first.activity) - cut.end() >= 2:
                for o in run.outputs:
                    if o.start == first.start and o.activity == first.activity:
                        o.activity = first.activity[cut.end():]
        runs.append(run)
    return runs


def _first_clause_end(text: str, start: int, limit: int) -> int:
    m = vocab().piece_split.search(text, start, limit)
    return m.start() if m else limit


def satisfaction_outputs(report: Report) -> list[Output]:
    v, text = vocab(), report.text
    out = []
    for i, m in enumerate(report.mentions):
        if m.kind != "percent" or m.value is None or m.comparator:
            continue
        prefix = clause_prefix(text, m.start, v.window)
        for sm in v.satisfaction.finditer(prefix, overlapped=True):
            if not v.connector.match(prefix[sm.end():]):
                continue
            out.append(
                Output(
                    activity=v.satisfaction_activity, value=m.value, unit=m.unit, mention=i,
                    start=m.start - len(prefix), end=m.end,
                )
            )
            break
    return out


def find_outputs(report: Report, runs: list[_Run] | None = None) -> list[Output]:
    """Work quantities of the completion runs (``runs``: completion_runs(report), if known) and
    satisfaction rates, in text order."""
    if runs is None:
        runs = completion_runs(report)
    outputs = [o for run in runs for o in run.outputs]
    outputs += satisfaction_outputs(report)
    outputs.sort(key=lambda o: (o.start, o.mention if o.mention is not None else -1))
    return outputs


def _attach_outputs(report: Report, projects: list[Project], outputs: list[Output], single: bool,
                    runs: list[_Run]) -> None:
    """Link outputs to the project whose span holds them; fill each project's output fields."""
    text, v = report.text, vocab()
    for o in outputs:
        if single:
            o.project = projects[0].ordinal
            continue
        for p in projects:
            if p.start is not None and p.end is not None and p.start <= o.start < p.end and p.section is not None:
                o.project = p.ordinal
                break
    for p in projects:
        if p.section is None and not single:
            continue
        inside = [r for r in runs if p.start <= r.start < p.end]
        run = next((r for r in inside if r.outputs), None) or next(
            (r for r in inside if text[r.text_start:r.end].strip()), None
        )
        if run is None:
            continue
        p.output_text = text[run.text_start:run.end].strip() or None
        if run.outputs:
            first = run.outputs[0]
            p.output_value, p.output_unit = first.value, first.unit
