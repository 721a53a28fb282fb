"""The normalized report as blocks: the template's sections, then facts, projects, forms, findings.

Text before the first heading comes first (原文开头), and sections that match no heading of the
template follow the template's (其他内容), so nothing of the report is lost. Every number links to
its place on the review page (links.py). Headings, notes and column headers are the labels of
patterns/dictionary.toml [render.*].
"""
from __future__ import annotations

import unicodedata

from ...model import Section, StoredReport
from ...text.segment import templates
from ...text.numerals import int_to_han
from ..dictionary import fact_columns, fact_label, labels, value_label
from .document import Block, Run, num, plain
from .links import Links

SEVERITIES = ("error", "warning", "info")


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二 (template positions): the one numeral writer, text/numerals."""
    return int_to_han(n)


def stake(km: float) -> str:
    """A stake mark from km: 7.62 → K7+620 (how road reports write positions)."""
    metres = round(km * 1000)
    return labels("render.units")["stake"].format(km=metres // 1000, m=metres % 1000)


def template_for(stored: StoredReport) -> dict | None:
    """The report's template (patterns/sections.toml), else the first of its kind."""
    report = stored.report
    by_id = {t["id"]: t for t in templates()}
    if report.template in by_id:
        return by_id[report.template]
    return next((t for t in templates() if t["kind"] == report.report_kind), None)


# ------------------------------------------------------------------ the report's own text
def _lines(text: str, start: int, end: int):
    """(start, end) of each non-blank line in [start, end), stripped."""
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl == -1 else nl
        seg = text[pos:line_end]
        stripped = seg.strip()
        if stripped:
            a = pos + (len(seg) - len(seg.lstrip()))
            yield a, a + len(stripped)
        pos = line_end + 1


def _heading_end(text: str, section: Section, line_start: int, line_end: int) -> int:
    """End of the heading text on its line (a line may go on with body text after 。)."""
    heading = section.heading or ""
    i = text.find(heading, line_start, line_end) if heading else -1
    return i + len(heading) if i != -1 else line_end


def _tail_at(text: str, offset: int) -> bool:
    """Whether the punctuation between a heading and body text on its line is at ``offset``
    (dictionary.toml [render.heading_tail]: 一、基本情况。本单位…)."""
    return bool(labels("render")["heading_tail"].regex.match(text, offset, offset + 1))


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _contains(outer: tuple[int, Section], inner: tuple[int, Section]) -> bool:
    """True when section ``inner`` lies within ``outer`` (equal spans: the earlier one is outer).
    Sections are (row id, Section) pairs, compared by identity."""
    def key(s: Section):
        return (s.start, -s.end, s.ordinal or 0)

    o, i = outer[1], inner[1]
    return outer is not inner and o.start <= i.start and i.end <= o.end and key(o) < key(i)


def _section_blocks(links: Links, section: tuple[int, Section], children: list, skip: list[tuple[int, int]],
                    level: int, own_heading: bool) -> list[Block]:
    """A section's text as blocks: its own heading line (unless replaced by a canonical heading),
    sub-headings one level down per nesting level, paragraphs; ``skip`` ranges are left out."""
    text = links.text
    subs = {c[1].start: c for c in children}
    blocks = []
    for i, (a, b) in enumerate(_lines(text, section[1].start, section[1].end)):
        head = section if i == 0 else subs.get(_line_start(text, a))
        if head is not section and any(s <= a < e for s, e in skip):
            continue
        if head is None:
            blocks.append(Block("para", links.runs(a, b)))
            continue
        head_id, head_section = head
        h_end = _heading_end(text, head_section, a, b)
        if h_end < b and (not _tail_at(text, h_end) or links.crosses(h_end)):
            # Cut at heading_max_chars mid-sentence: a numbered paragraph, not a heading.
            blocks.append(Block("para", links.runs(a, b), anchor=f"s-{head_id}"))
            continue
        if head is not section:
            depth = 1 + sum(1 for c in children if _contains(c, head))
            blocks.append(Block("heading", links.runs(a, h_end), level=min(6, level + depth),
                                anchor=f"s-{head_id}"))
        elif own_heading:
            blocks.append(Block("heading", links.runs(a, h_end), level=level, anchor=f"s-{head_id}"))
        rest = h_end
        while rest < b and _tail_at(text, rest):
            rest += 1
        if rest < b:
            blocks.append(Block("para", links.runs(rest, b)))
    return blocks


def body_blocks(stored: StoredReport, links: Links) -> list[Block]:
    """The template's sections in template order under canonical headings, then whatever the
    report has outside them."""
    headings, notes = labels("render.headings"), labels("render.notes")
    pairs = list(zip(stored.row_ids["sections"], stored.report.sections))
    sections = sorted(pairs, key=lambda p: (p[1].start, p[1].ordinal or 0))
    template = template_for(stored)
    tid = template["id"] if template else None
    matched = [p for p in sections if tid and (p[1].template_id or "").startswith(f"{tid}:")]

    def inside(s, pool):
        return [c for c in pool if _contains(s, c)]

    blocks = []
    first = sections[0][1].start if sections else len(links.text)
    preamble = [Block("para", links.runs(a, b)) for a, b in _lines(links.text, 0, first)]
    if preamble:
        # title lines, publication details, an introduction; the whole text when no heading was found
        blocks += [Block("heading", plain(headings["preamble"]), level=2, anchor="t-preamble")] + preamble
    for pos, tsec in enumerate(template["section"] if template else [], 1):
        blocks.append(Block("heading", plain(f"{cn_number(pos)}、{tsec['heading']}"), level=2,
                            anchor=f"t-{tsec['id']}"))
        found = [p for p in matched if p[1].template_id == f"{tid}:{tsec['id']}"]
        if not found:
            blocks.append(Block("note", plain(notes["missing_section"])))
        for p in found:
            sid, s = p
            written = f"{s.number_label or ''}{s.heading or ''}"
            if unicodedata.normalize("NFKC", s.heading or "") != unicodedata.normalize("NFKC", tsec["heading"]):
                blocks.append(Block("note", [Run(notes["original_heading"]), Run(written, links.href(f"s-{sid}"))]))
            skip = [(c[1].start, c[1].end) for c in inside(p, matched)]
            children = [c for c in inside(p, sections) if not any(a <= c[1].start < b for a, b in skip)]
            blocks += _section_blocks(links, p, children, skip, 2, own_heading=False)

    covered = [(p[1].start, p[1].end) for p in matched]
    loose = [p for p in sections if not any(a <= p[1].start < b for a, b in covered)]
    outer = [p for p in loose if not any(_contains(o, p) for o in loose)]
    if outer:
        if template:
            blocks.append(Block("heading", plain(headings["unmatched"]), level=2, anchor="t-unmatched"))
        for p in outer:
            blocks += _section_blocks(links, p, inside(p, loose), [], 3 if template else 2, own_heading=True)
    return blocks


# ------------------------------------------------------------------ what was extracted
def facts_blocks(stored: StoredReport, links: Links) -> list[Block]:
    """The canonical facts in dictionary order, with Chinese labels and units."""
    notes = labels("render.notes")
    order = {c["key"]: i for i, c in enumerate(fact_columns())}
    facts = sorted(zip(stored.row_ids["facts"], stored.report.facts),
                   key=lambda p: (order.get(p[1].key, len(order)), p[1].key, p[0]))
    blocks = [Block("heading", plain(labels("render.headings")["facts"]), level=2, anchor="facts")]
    if not facts:
        return blocks + [Block("note", plain(notes["no_facts"]))]
    rows = []
    for fid, f in facts:
        value = links.number(f.value, f.unit, mention_id=links.mention_id(f.mention), span=(f.start, f.end),
                             anchor=f"f-{fid}")
        source = notes["derived"] if f.derived else (f.label or "")
        rows.append([plain(fact_label(f.key)), plain(f.key), value, plain(source)])
    return blocks + [Block("table", header=list(labels("render.columns")["facts"]), rows=rows)]


def _group_summary(links: Links, gid: int, g) -> list[Run]:
    """A budget group's line: its label, then each amount it states, linked."""
    names, money = labels("render.group"), labels("render.units")["money"]
    span = (g.start, g.end)
    runs = [Run(f"{g.label or labels('render.notes')['group']}：")]
    parts = [("budget", g.budget), ("adjustment", g.adjustment), ("spent", g.spent), ("balance", g.balance)]
    used: set = set()
    for name, value in parts:
        if value is None:
            continue
        runs.append(Run(("" if len(runs) == 1 else "，") + names[name]))
        runs += links.number(value, money, span=span, anchor=f"g-{gid}", used=used)
    return runs


def projects_blocks(stored: StoredReport, links: Links) -> list[Block]:
    """Projects under their budget groups, then the work quantities."""
    headings, notes, units = labels("render.headings"), labels("render.notes"), labels("render.units")
    columns = labels("render.columns")
    report, ids = stored.report, stored.row_ids
    blocks = [Block("heading", plain(headings["projects"]), level=2, anchor="projects")]
    groups = sorted(zip(ids["project_groups"], report.project_groups), key=lambda p: (p[1].ordinal or 0, p[0]))
    projects = sorted(zip(ids["projects"], report.projects), key=lambda p: (p[1].ordinal or 0, p[0]))
    if not groups and not projects:
        blocks.append(Block("note", plain(notes["no_projects"])))
    group_labels = [g.label for _, g in groups]
    sets = [(g, [p for p in projects if p[1].group_label == g[1].label]) for g in groups]
    rest = [p for p in projects if p[1].group_label not in group_labels]
    if rest:
        sets.append((None, rest))
    for g, members in sets:
        if g is not None:
            blocks.append(Block("para", _group_summary(links, *g), anchor=f"group-{g[0]}"))
        elif groups:
            blocks.append(Block("para", plain(notes["ungrouped"])))
        if not members:
            continue
        rows = []
        for pid, p in members:
            span, anchor = (p.start, p.end), f"p-{pid}"
            name = [Run(p.name or "", links.href(anchor) if links.valid(*span) else None)]
            output = links.number(p.output_value, p.output_unit, span=span, anchor=anchor)
            if p.output_text and not output:
                output = plain(p.output_text)
            status = value_label("goal_status", p.goal_status)
            goal = [Run(status)] + ([Run("（")] + links.number(p.goal_pct, units["percent"], span=span, anchor=anchor)
                                    + [Run("）")] if p.goal_pct is not None else [])
            stakes = [Run("–".join(stake(k) for k in (p.stake_from, p.stake_to) if k is not None))]
            rows.append([
                plain(p.ordinal), name,
                links.number(p.amount, None, mention_id=links.mention_id(p.amount_mention), span=span, anchor=anchor),
                output, goal, plain(p.road_code or ""), stakes,
            ])
        blocks.append(Block("table", header=list(columns["projects"]), rows=rows))
    outputs = list(zip(ids["outputs"], report.outputs))
    if outputs:
        names = {p.ordinal: p.name for _, p in projects}
        blocks.append(Block("heading", plain(headings["outputs"]), level=3, anchor="outputs"))
        rows = [
            [plain(o.activity), links.number(o.value, o.unit, mention_id=links.mention_id(o.mention),
                                             span=(o.start, o.end), anchor=None),
             plain(names.get(o.project, "") if o.project is not None else "")]
            for _, o in sorted(outputs, key=lambda p: (p[1].start is None, p[1].start or 0, p[0]))
        ]
        blocks.append(Block("table", header=list(columns["outputs"]), rows=rows))
    return blocks


def form_rows(stored: StoredReport) -> list[tuple[int, object, list, list]]:
    """Each form as (row id, Form, its budget lines, its indicators), lines and indicators as
    (row id, record) pairs."""
    line_ids, indicator_ids = iter(stored.row_ids["form_budget_lines"]), iter(stored.row_ids["indicators"])
    return [
        (fid, form, [(next(line_ids), b) for b in form.budget_lines], [(next(indicator_ids), i) for i in form.indicators])
        for fid, form in zip(stored.row_ids["forms"], stored.report.forms)
    ]


def forms_blocks(stored: StoredReport, links: Links) -> list[Block]:
    """Each self-assessment form: header facts, budget lines, indicators."""
    forms = sorted(form_rows(stored), key=lambda f: (f[1].index or 0, f[0]))
    if not forms:
        return []
    notes, fields, columns = labels("render.notes"), labels("render.form"), labels("render.columns")
    blocks = [Block("heading", plain(labels("render.headings")["forms"]), level=2, anchor="forms")]
    for fid, form, lines, indicators in forms:
        fspan = (form.start, form.end)
        title = form.title or f"{notes['form']}{(form.index or 0) + 1}"
        blocks.append(Block("heading", plain(title), level=3, anchor=f"form-{fid}"))
        meta = []
        for name in ("project_name", "unit_name", "department", "fiscal_year", "money_unit", "grade"):
            value = getattr(form, name)
            if value not in (None, ""):
                meta += [Run(("；" if meta else "") + f"{fields[name]}：{value}")]
        if form.total_score is not None:
            meta += [Run(("；" if meta else "") + notes["total_score"])]
            meta += links.number(form.total_score, labels("render.units")["score"], span=fspan, anchor=f"form-{fid}")
        if meta:
            blocks.append(Block("para", meta))
        if lines:
            rows = []
            for bid, b in sorted(lines, key=lambda p: (p[1].row is None, p[1].row or 0, p[0])):
                span, anchor, used = (b.start, b.end), f"fbl-{bid}", set()
                rows.append([plain(b.line)] + [
                    links.number(getattr(b, c), None, span=span, anchor=anchor, used=used)
                    for c in ("budget_initial", "budget_full_year", "executed", "weight", "execution_rate", "score")
                ])
            blocks.append(Block("table", header=list(columns["budget_lines"]), rows=rows))
        if indicators:
            rows = []
            for iid, i in sorted(indicators, key=lambda p: (p[1].row is None, p[1].row or 0, p[0])):
                span, anchor, used = (i.start, i.end), f"ind-{iid}", set()
                target = links.written(i.target_text, i.target_value, i.unit, span, anchor, used)
                actual = links.written(i.actual_text, i.actual_value, i.unit, span, anchor, used)
                rows.append([
                    plain(i.level1), plain(i.level2), plain(i.name), target, actual,
                    links.number(i.weight, None, span=span, anchor=anchor, used=used),
                    links.number(i.score, None, span=span, anchor=anchor, used=used),
                    plain(i.deviation_reason),
                ])
            blocks.append(Block("table", header=list(columns["indicators"]), rows=rows))
    return blocks


def findings_by_severity(stored: StoredReport) -> list[tuple]:
    """The report's findings as (row id, Finding), errors first, then warnings, then the rest."""
    def rank(p):
        s = p[1].severity
        return (SEVERITIES.index(s) if s in SEVERITIES else len(SEVERITIES), s or "", p[0])

    return sorted(zip(stored.row_ids["findings"], stored.report.findings), key=rank)


def findings_blocks(stored: StoredReport, links: Links) -> list[Block]:
    """Cross-check findings, errors first, each with links to its evidence."""
    notes = labels("render.notes")
    blocks = [Block("heading", plain(labels("render.headings")["findings"]), level=2, anchor="findings")]
    findings = findings_by_severity(stored)
    if not findings:
        return blocks + [Block("note", plain(notes["no_findings"]))]
    rows = []
    for fid, f in findings:
        evidence = []
        for k, item in enumerate(f.evidence):
            span = links.evidence_span(item)
            label = item.get("label") or item.get("raw") or (
                links.text[span[0]:span[1]] if span else item.get("type") or notes["evidence"])
            label = " ".join(str(label).split())
            label = label if len(label) <= 24 else label[:23] + "…"
            if evidence:
                evidence.append(Run("；"))
            evidence.append(Run(label, links.href(f"e-{fid}-{k}") if span else None))
        rows.append([
            plain(value_label("severity", f.severity)), plain(f.rule), plain(f.message),
            plain(num(f.expected)), plain(num(f.actual)), plain(num(f.difference)), evidence,
        ])
    return blocks + [Block("table", header=list(labels("render.columns")["findings"]), rows=rows)]


# ------------------------------------------------------------------ the whole document
def severity_counts(stored: StoredReport) -> dict[str, int]:
    """How many findings of each severity (error, warning, info first, even when 0)."""
    counts = {s: 0 for s in SEVERITIES}
    for f in stored.report.findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    return counts


def report_title(stored: StoredReport) -> str:
    """Canonical title: 2024年度渌口区交通事务中心部门整体支出绩效自评报告."""
    r, titles = stored.report, labels("render.titles")
    template = template_for(stored)
    if r.fiscal_year and r.unit_name:
        kind = template["title"] if template else titles["unknown_kind"]
        return titles["canonical"].format(fiscal_year=r.fiscal_year, unit_name=r.unit_name, kind=kind)
    return (r.title or stored.file_name or titles["untitled"].format(id=stored.id)).replace("\n", "")


def metadata_rows(stored: StoredReport) -> list[tuple[str, str]]:
    """The table under the title: source file, unit, region, year, kind, template, findings."""
    r, names = stored.report, labels("render.metadata")
    template = template_for(stored)
    counts = severity_counts(stored)
    return [
        (names["file_name"], stored.file_name or ""),
        (names["unit_name"], r.unit_name or ""),
        (names["unit_name_normalized"], r.unit_name_normalized or ""),
        (names["region"], r.region or ""),
        (names["fiscal_year"], "" if r.fiscal_year is None else str(r.fiscal_year)),
        (names["report_kind"], value_label("report_kind", r.report_kind)),
        (names["template"], template["title"] if template else labels("render.notes")["unknown_template"]),
        (names["findings"], "，".join(f"{value_label('severity', s)} {n}" for s, n in counts.items())),
    ]


def build_document(stored: StoredReport, links: Links | None = None) -> list[Block]:
    """The normalized report as blocks, shared by the HTML, Markdown and DOCX writers."""
    links = links or Links(stored)
    return (body_blocks(stored, links) + facts_blocks(stored, links) + projects_blocks(stored, links)
            + forms_blocks(stored, links) + findings_blocks(stored, links))
