"""Every report regenerated in the canonical template of its kind, plus a review page per report.

``render_all(db, out_dir)`` writes, for each report in the database:

    report-<id>.html / .md / .docx   the report normalized: the template's sections in template
                                     order under their standard headings (patterns/sections.toml),
                                     then the facts with Chinese labels and units, the projects by
                                     budget group, the work quantities, the self-assessment forms
                                     and the cross-check findings with their evidence
    review-<id>.html                 the normalized source text with every extracted span marked
                                     by kind (in the manner of displaCy's entity visualizer), a
                                     legend with counts, and an anchor per span: #m-<mention id>,
                                     #f-<fact id>, #p-<project id>, #g-<group id>, #form-<form id>,
                                     #fbl-<budget line id>, #ind-<indicator id>,
                                     #e-<finding id>-<evidence n>, #s-<section id>

Text before the first heading comes first (原文开头), and sections that match no heading of the
template follow the template's (其他内容), so nothing of the report is lost. ``index.html`` lists
the reports. The page layout is in extractor/publish/render/templates/ (Jinja2). Every number in a rendered
report links to its place on the review page. All report text is escaped (HTML autoescaping,
Markdown backslash escapes, DOCX XML), so a report containing <script> renders inert. Output is a
pure function of the database: no timestamps, DOCX zip entries carry a fixed date, so the same
database gives the same bytes.
"""
from __future__ import annotations

import bisect
import io
import json
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from ..export import as_database, dictionary, fact_columns, fact_label, format_number, read_rows, value_label
from ...text.segment import templates

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
CN_DIGITS = "零一二三四五六七八九"
SEVERITIES = ("error", "warning", "info")
# Punctuation between a heading and body text on the same line: 一、基本情况。本单位…
HEADING_TAIL = "。．.:：;； \t"
# DOCX zip entries get this date instead of the time of writing (zip dates start in 1980).
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CSS_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


# ------------------------------------------------------------------ document model
@dataclass
class Run:
    """A piece of text; ``href`` makes it a link (numbers link to the review page)."""

    text: str
    href: str | None = None
    kind: str | None = None  # mention kind, for colouring
    title: str | None = None


@dataclass
class Block:
    """heading (level, runs) | para (runs) | note (runs: a remark such as a missing section) |
    table (header, rows of cells, each cell a list of runs)."""

    type: str
    runs: list[Run] = field(default_factory=list)
    level: int = 0
    anchor: str | None = None
    header: list[str] = field(default_factory=list)
    rows: list[list[list[Run]]] = field(default_factory=list)


def _text(s) -> list[Run]:
    return [Run("" if s is None else str(s))]


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (template positions)."""
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return (CN_DIGITS[tens] if tens > 1 else "") + "十" + (CN_DIGITS[ones] if ones else "")


def stake(km: float) -> str:
    """A stake mark from km: 7.62 → K7+620 (how road reports write positions)."""
    metres = round(km * 1000)
    return f"K{metres // 1000}+{metres % 1000:03d}"


def _num(value) -> str:
    return "" if value is None else format_number(float(value))


def _css(name) -> str:
    return _CSS_UNSAFE.sub("_", str(name or "none"))


# ------------------------------------------------------------------ loading
def load_report(db, report_id: int) -> dict:
    """One report and every row that belongs to it, ordered by id."""
    db = as_database(db)
    [report] = read_rows(db, "reports", where="id = ?", args=[report_id]) or [None]
    if report is None:
        raise ValueError(f"no report with id {report_id} in the database;"
                         " `extractor render` without an id renders them all")
    where, args = "report_id = ?", [report_id]
    docs = read_rows(db, "documents", ["id", "file_name", "format", "pages"], "id = ?", [report["document_id"]])
    bundle = {"report": report, "document": docs[0] if docs else {}}
    for table in ("sections", "mentions", "facts", "project_groups", "projects", "outputs",
                  "forms", "form_budget_lines", "indicators", "findings"):
        bundle[table] = read_rows(db, table, where=where, args=args)
    for f in bundle["findings"]:
        try:
            evidence = json.loads(f["evidence"] or "[]")
        except ValueError:
            evidence = []
        f["evidence_items"] = [e for e in evidence if isinstance(e, dict)] if isinstance(evidence, list) else []
    return bundle


def _template_for(report: dict) -> dict | None:
    by_id = {t["id"]: t for t in templates()}
    if report["template"] in by_id:
        return by_id[report["template"]]
    return next((t for t in templates() if t["kind"] == report["report_kind"]), None)


# ------------------------------------------------------------------ spans and links
class Links:
    """Where each extracted row sits in the text, and the review-page link for it."""

    def __init__(self, bundle: dict):
        self.rid = bundle["report"]["id"]
        self.text = bundle["report"]["text"] or ""
        self.review = f"review-{self.rid}.html"
        self.mentions = {m["id"]: m for m in bundle["mentions"]}
        self.by_start = sorted((m for m in bundle["mentions"] if self.valid(m["start"], m["end"])),
                               key=lambda m: (m["start"], -m["end"], m["id"]))
        self.starts = [m["start"] for m in self.by_start]
        self.facts = {f["id"]: f for f in bundle["facts"]}
        self.projects = {p["id"]: p for p in bundle["projects"]}
        self.sections = {s["id"]: s for s in bundle["sections"]}

    def valid(self, start, end) -> bool:
        return start is not None and end is not None and 0 <= start <= end <= len(self.text)

    def href(self, anchor: str | None) -> str | None:
        return f"{self.review}#{anchor}" if anchor else None

    def mention_run(self, m: dict, text: str | None = None) -> Run:
        title = f"{value_label('kind', m['kind'])} {_num(m['value'])} {m['unit'] or ''}".strip()
        return Run(text if text is not None else m["raw"], self.href(f"m-{m['id']}"), m["kind"], title)

    def mention_in(self, start, end, value, used: set | None = None) -> dict | None:
        """The first mention inside [start, end) holding ``value`` and not in ``used`` (to link a
        table cell to its number; "预算9011万元,实际支出9011万元" are two mentions)."""
        if value is None or not self.valid(start, end):
            return None
        for m in self.between(start, end):
            if m["value"] is not None and abs(m["value"] - float(value)) < 1e-6 and m["id"] not in (used or ()):
                return m
        return None

    def between(self, start: int, end: int) -> list[dict]:
        """Mentions lying wholly inside [start, end), in text order."""
        lo, hi = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        return [m for m in self.by_start[lo:hi] if m["end"] <= end]

    def number(self, value, unit: str | None, *, mention_id=None, span=None, anchor=None,
               used: set | None = None) -> list[Run]:
        """A number as a run linked to its mention, else to the mention with that value inside
        ``span`` (skipping ids in ``used``, to which it adds its own), else to ``anchor`` (the
        row's own mark on the review page)."""
        if value is None:
            return []
        text = f"{_num(value)}{(' ' + unit) if unit else ''}"
        m = self.mentions.get(mention_id) if mention_id is not None else None
        if m is None and span:
            m = self.mention_in(span[0], span[1], value, used)
        if m is not None:
            if used is not None:
                used.add(m["id"])
            return [self.mention_run(m, text)]
        return [Run(text, self.href(anchor) if anchor and span and self.valid(*span) else None)]

    def written(self, text: str | None, value, unit: str | None, span, anchor: str, used: set) -> list[Run]:
        """A table cell as the form writes it ("≥320公里"), linked to the mention of its value
        inside ``span`` when there is one, else to the row's mark; the bare number without text."""
        if not text:
            return self.number(value, unit, span=span, anchor=anchor, used=used)
        m = self.mention_in(span[0], span[1], value, used)
        if m is not None:
            used.add(m["id"])
            return [self.mention_run(m, text)]
        return [Run(text, self.href(anchor) if self.valid(*span) else None)]

    def evidence_span(self, item: dict) -> tuple[int, int] | None:
        start, end = item.get("start"), item.get("end")
        if not self.valid(start, end):
            table = {"mention": self.mentions, "fact": self.facts, "project": self.projects,
                     "section": self.sections}.get(item.get("type"), {})
            row = table.get(item.get("id"))
            start, end = (row["start"], row["end"]) if row else (None, None)
        return (start, end) if self.valid(start, end) else None

    def crosses(self, offset: int) -> bool:
        """True when a mention starts before ``offset`` and ends after it."""
        hi = bisect.bisect_left(self.starts, offset)
        return any(m["end"] > offset for m in self.by_start[:hi])

    def runs(self, start: int, end: int) -> list[Run]:
        """Text [start, end) with every mention inside it as a linked run (overlaps: first wins)."""
        out, pos = [], start
        for m in self.between(start, end):
            if m["start"] < pos or m["end"] <= m["start"]:
                continue
            if m["start"] > pos:
                out.append(Run(self.text[pos:m["start"]]))
            out.append(self.mention_run(m, self.text[m["start"]:m["end"]]))
            pos = m["end"]
        if pos < end:
            out.append(Run(self.text[pos:end]))
        return out


# ------------------------------------------------------------------ the normalized document
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


def _heading_end(text: str, section: dict, line_start: int, line_end: int) -> int:
    """End of the heading text on its line (a line may go on with body text after 。)."""
    heading = section["heading"] or ""
    i = text.find(heading, line_start, line_end) if heading else -1
    return i + len(heading) if i != -1 else line_end


def _section_blocks(links: Links, section: dict, children: list[dict], skip: list[tuple[int, int]],
                    level: int, own_heading: bool) -> list[Block]:
    """A section's text as blocks: its own heading line (unless replaced by a canonical heading),
    sub-headings one level down per nesting level, paragraphs; ``skip`` ranges are left out."""
    text = links.text
    subs = {c["start"]: c for c in children}
    blocks = []
    for i, (a, b) in enumerate(_lines(text, section["start"], section["end"])):
        head = section if i == 0 else subs.get(_line_start(text, a))
        if head is not section and any(s <= a < e for s, e in skip):
            continue
        if head is None:
            blocks.append(Block("para", links.runs(a, b)))
            continue
        h_end = _heading_end(text, head, a, b)
        if h_end < b and (text[h_end] not in HEADING_TAIL or links.crosses(h_end)):
            # Cut at heading_max_chars mid-sentence: a numbered paragraph, not a heading.
            blocks.append(Block("para", links.runs(a, b), anchor=f"s-{head['id']}"))
            continue
        if head is not section:
            depth = 1 + sum(1 for c in children if _contains(c, head))
            blocks.append(Block("heading", links.runs(a, h_end), level=min(6, level + depth),
                                anchor=f"s-{head['id']}"))
        elif own_heading:
            blocks.append(Block("heading", links.runs(a, h_end), level=level, anchor=f"s-{head['id']}"))
        rest = h_end
        while rest < b and text[rest] in HEADING_TAIL:
            rest += 1
        if rest < b:
            blocks.append(Block("para", links.runs(rest, b)))
    return blocks


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _contains(outer: dict, inner: dict) -> bool:
    """True when section ``inner`` lies within ``outer`` (equal spans: the earlier one is outer)."""
    def key(s):
        return (s["start"], -s["end"], s["ordinal"] or 0)

    return outer is not inner and outer["start"] <= inner["start"] and inner["end"] <= outer["end"] \
        and key(outer) < key(inner)


def body_blocks(bundle: dict, links: Links) -> list[Block]:
    """The template's sections in template order under canonical headings, then whatever the
    report has outside them."""
    report = bundle["report"]
    sections = sorted(bundle["sections"], key=lambda s: (s["start"], s["ordinal"] or 0))
    template = _template_for(report)
    tid = template["id"] if template else None
    matched = [s for s in sections if tid and (s["template_section"] or "").startswith(f"{tid}:")]

    def inside(s, pool):
        return [c for c in pool if _contains(s, c)]

    blocks = []
    first = sections[0]["start"] if sections else len(links.text)
    preamble = [Block("para", links.runs(a, b)) for a, b in _lines(links.text, 0, first)]
    if preamble:
        # title lines, publication details, an introduction; the whole text when no heading was found
        blocks += [Block("heading", _text("原文开头（标题与引言）"), level=2, anchor="t-preamble")] + preamble
    for pos, tsec in enumerate(template["section"] if template else [], 1):
        blocks.append(Block("heading", _text(f"{cn_number(pos)}、{tsec['heading']}"), level=2,
                            anchor=f"t-{tsec['id']}"))
        found = [s for s in matched if s["template_section"] == f"{tid}:{tsec['id']}"]
        if not found:
            blocks.append(Block("note", _text("（报告未包含此部分）")))
        for s in found:
            written = f"{s['number_label'] or ''}{s['heading'] or ''}"
            if unicodedata.normalize("NFKC", s["heading"] or "") != unicodedata.normalize("NFKC", tsec["heading"]):
                blocks.append(Block("note", [Run("原文标题："), Run(written, links.href(f"s-{s['id']}"))]))
            skip = [(c["start"], c["end"]) for c in inside(s, matched)]
            children = [c for c in inside(s, sections) if not any(a <= c["start"] < b for a, b in skip)]
            blocks += _section_blocks(links, s, children, skip, 2, own_heading=False)

    covered = [(s["start"], s["end"]) for s in matched]
    loose = [s for s in sections if not any(a <= s["start"] < b for a, b in covered)]
    outer = [s for s in loose if not any(_contains(o, s) for o in loose)]
    if outer:
        if template:
            blocks.append(Block("heading", _text("其他内容（未对应模板章节）"), level=2, anchor="t-unmatched"))
        for s in outer:
            blocks += _section_blocks(links, s, inside(s, loose), [], 3 if template else 2, own_heading=True)
    return blocks


def facts_blocks(bundle: dict, links: Links) -> list[Block]:
    """The canonical facts in dictionary order, with Chinese labels and units."""
    order = {c["key"]: i for i, c in enumerate(fact_columns())}
    facts = sorted(bundle["facts"], key=lambda f: (order.get(f["key"], len(order)), f["key"], f["id"]))
    blocks = [Block("heading", _text("主要指标"), level=2, anchor="facts")]
    if not facts:
        return blocks + [Block("note", _text("（未提取到标准指标）"))]
    rows = []
    for f in facts:
        span = (f["start"], f["end"])
        value = links.number(f["value"], f["unit"], mention_id=f["mention_id"], span=span, anchor=f"f-{f['id']}")
        source = "推算" if f["derived"] else (f["label"] or "")
        rows.append([_text(fact_label(f["key"])), _text(f["key"]), value, _text(source)])
    return blocks + [Block("table", header=["指标", "键", "数值", "来源"], rows=rows)]


def _group_summary(links: Links, g: dict) -> list[Run]:
    span = (g["start"], g["end"])
    runs = [Run(f"{g['label'] or '项目分组'}：")]
    parts = [("预算", g["budget"]), ("调整", g["adjustment"]), ("实际支出", g["spent"]), ("结余结转", g["balance"])]
    used: set = set()
    for name, value in parts:
        if value is None:
            continue
        runs.append(Run(("" if len(runs) == 1 else "，") + name))
        runs += links.number(value, "万元", span=span, anchor=f"g-{g['id']}", used=used)
    return runs


def projects_blocks(bundle: dict, links: Links) -> list[Block]:
    """Projects under their budget groups, then the work quantities."""
    blocks = [Block("heading", _text("项目支出明细"), level=2, anchor="projects")]
    groups = sorted(bundle["project_groups"], key=lambda g: (g["ordinal"] or 0, g["id"]))
    projects = sorted(bundle["projects"], key=lambda p: (p["ordinal"] or 0, p["id"]))
    if not groups and not projects:
        blocks.append(Block("note", _text("（未提取到项目）")))
    labels = [g["label"] for g in groups]
    sets = [(g, [p for p in projects if p["group_label"] == g["label"]]) for g in groups]
    rest = [p for p in projects if p["group_label"] not in labels]
    if rest:
        sets.append((None, rest))
    for g, members in sets:
        if g is not None:
            blocks.append(Block("para", _group_summary(links, g), anchor=f"group-{g['id']}"))
        elif groups:
            blocks.append(Block("para", _text("未分组项目：")))
        if not members:
            continue
        rows = []
        for p in members:
            span = (p["start"], p["end"])
            name = [Run(p["name"] or "", links.href(f"p-{p['id']}") if links.valid(*span) else None)]
            output = links.number(p["output_value"], p["output_unit"], span=span, anchor=f"p-{p['id']}")
            if p["output_text"] and not output:
                output = _text(p["output_text"])
            status = value_label("goal_status", p["goal_status"])
            goal = [Run(status)] + ([Run("（")] + links.number(p["goal_pct"], "%", span=span, anchor=f"p-{p['id']}")
                                    + [Run("）")] if p["goal_pct"] is not None else [])
            stakes = [Run("–".join(stake(k) for k in (p["stake_from"], p["stake_to"]) if k is not None))]
            rows.append([
                _text(p["ordinal"]), name,
                links.number(p["amount"], None, mention_id=p["amount_mention_id"], span=span, anchor=f"p-{p['id']}"),
                output, goal, _text(p["road_code"] or ""), stakes,
            ])
        blocks.append(Block("table", header=["序号", "项目名称", "金额（万元）", "产出", "目标完成", "路线", "桩号"],
                            rows=rows))
    outputs = bundle["outputs"]
    if outputs:
        names = {p["id"]: p["name"] for p in projects}
        blocks.append(Block("heading", _text("产出数量"), level=3, anchor="outputs"))
        rows = [
            [_text(o["activity"]), links.number(o["value"], o["unit"], mention_id=o["mention_id"],
                                                 span=(o["start"], o["end"]), anchor=None),
             _text(names.get(o["project_id"], ""))]
            for o in sorted(outputs, key=lambda o: (o["start"] is None, o["start"] or 0, o["id"]))
        ]
        blocks.append(Block("table", header=["工作内容", "数量", "所属项目"], rows=rows))
    return blocks


def forms_blocks(bundle: dict, links: Links) -> list[Block]:
    """Each self-assessment form: header facts, budget lines, indicators."""
    forms = sorted(bundle["forms"], key=lambda f: (f["form_index"] or 0, f["id"]))
    if not forms:
        return []
    blocks = [Block("heading", _text("绩效自评表"), level=2, anchor="forms")]
    for form in forms:
        fspan = (form["start"], form["end"])
        title = form["title"] or f"自评表{(form['form_index'] or 0) + 1}"
        blocks.append(Block("heading", _text(title), level=3, anchor=f"form-{form['id']}"))
        meta = []
        for name, value in [("项目名称", form["project_name"]), ("实施单位", form["unit_name"]),
                            ("主管部门", form["department"]), ("年度", form["fiscal_year"]),
                            ("金额单位", form["money_unit"]), ("等级", form["grade"])]:
            if value not in (None, ""):
                meta += [Run(("；" if meta else "") + f"{name}：{value}")]
        if form["total_score"] is not None:
            meta += [Run(("；" if meta else "") + "总分：")]
            meta += links.number(form["total_score"], "分", span=fspan, anchor=f"form-{form['id']}")
        if meta:
            blocks.append(Block("para", meta))
        lines = [b for b in bundle["form_budget_lines"] if b["form_id"] == form["id"]]
        if lines:
            rows = []
            for b in sorted(lines, key=lambda b: (b["row"] is None, b["row"] or 0, b["id"])):
                span, anchor, used = (b["start"], b["end"]), f"fbl-{b['id']}", set()
                rows.append([_text(b["line"])] + [
                    links.number(b[c], None, span=span, anchor=anchor, used=used)
                    for c in ("budget_initial", "budget_full_year", "executed", "weight", "execution_rate", "score")
                ])
            blocks.append(Block("table", header=["资金", "年初预算数（万元）", "全年预算数（万元）", "全年执行数（万元）",
                                                 "分值", "执行率（%）", "得分"], rows=rows))
        indicators = [i for i in bundle["indicators"] if i["form_id"] == form["id"]]
        if indicators:
            rows = []
            for i in sorted(indicators, key=lambda i: (i["row"] is None, i["row"] or 0, i["id"])):
                span, anchor, used = (i["start"], i["end"]), f"ind-{i['id']}", set()
                target = links.written(i["target_text"], i["target_value"], i["unit"], span, anchor, used)
                actual = links.written(i["actual_text"], i["actual_value"], i["unit"], span, anchor, used)
                rows.append([
                    _text(i["level1"]), _text(i["level2"]), _text(i["name"]), target, actual,
                    links.number(i["weight"], None, span=span, anchor=anchor, used=used),
                    links.number(i["score"], None, span=span, anchor=anchor, used=used),
                    _text(i["deviation_reason"]),
                ])
            blocks.append(Block("table", header=["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值",
                                                 "分值", "得分", "偏差原因"], rows=rows))
    return blocks


def _severity_rank(f: dict) -> tuple:
    s = f["severity"]
    return (SEVERITIES.index(s) if s in SEVERITIES else len(SEVERITIES), s or "", f["id"])


def findings_blocks(bundle: dict, links: Links) -> list[Block]:
    """Cross-check findings, errors first, each with links to its evidence."""
    blocks = [Block("heading", _text("核对结果"), level=2, anchor="findings")]
    findings = sorted(bundle["findings"], key=_severity_rank)
    if not findings:
        return blocks + [Block("note", _text("（无核对结果）"))]
    rows = []
    for f in findings:
        evidence = []
        for k, item in enumerate(f["evidence_items"]):
            span = links.evidence_span(item)
            label = item.get("label") or item.get("raw") or (
                links.text[span[0]:span[1]] if span else item.get("type") or "证据")
            label = " ".join(str(label).split())
            label = label if len(label) <= 24 else label[:23] + "…"
            if evidence:
                evidence.append(Run("；"))
            evidence.append(Run(label, links.href(f"e-{f['id']}-{k}") if span else None))
        rows.append([
            _text(value_label("severity", f["severity"])), _text(f["rule"]), _text(f["message"]),
            _text(_num(f["expected"])), _text(_num(f["actual"])), _text(_num(f["difference"])), evidence,
        ])
    return blocks + [Block("table", header=["级别", "规则", "说明", "应有值", "报告值", "差额", "证据"], rows=rows)]


def severity_counts(findings: list[dict]) -> dict[str, int]:
    counts = {s: 0 for s in SEVERITIES}
    for f in findings:
        counts[f["severity"]] = counts.get(f["severity"], 0) + 1
    return counts


def report_title(bundle: dict) -> str:
    """Canonical title: 2024年度渌口区交通事务中心部门整体支出绩效自评报告."""
    r = bundle["report"]
    template = _template_for(r)
    if r["fiscal_year"] and r["unit_name"]:
        return f"{r['fiscal_year']}年度{r['unit_name']}{template['title'] if template else '绩效自评报告'}"
    return (r["title"] or bundle["document"].get("file_name") or f"报告 {r['id']}").replace("\n", "")


def metadata_rows(bundle: dict) -> list[tuple[str, str]]:
    r, doc = bundle["report"], bundle["document"]
    template = _template_for(r)
    counts = severity_counts(bundle["findings"])
    return [
        ("源文件", doc.get("file_name") or ""),
        ("单位", r["unit_name"] or ""),
        ("单位（规范化）", r["unit_name_normalized"] or ""),
        ("地区", r["region"] or ""),
        ("年度", "" if r["fiscal_year"] is None else str(r["fiscal_year"])),
        ("报告类型", value_label("report_kind", r["report_kind"])),
        ("模板", template["title"] if template else "（未识别）"),
        ("核对结果", "，".join(f"{value_label('severity', s)} {n}" for s, n in counts.items())),
    ]


def build_document(bundle: dict) -> list[Block]:
    """The normalized report as blocks, shared by the HTML, Markdown and DOCX writers."""
    links = Links(bundle)
    return (body_blocks(bundle, links) + facts_blocks(bundle, links) + projects_blocks(bundle, links)
            + forms_blocks(bundle, links) + findings_blocks(bundle, links))


# ------------------------------------------------------------------ review page
@dataclass
class Mark:
    """A highlighted span of the review page; ``label`` is shown displaCy-style after the text."""

    start: int
    end: int
    anchor: str
    cls: str
    title: str = ""
    label: str | None = None
    tag: str = "span"


def review_marks(bundle: dict, links: Links) -> list[Mark]:
    """Every span the extraction points at: mentions by kind, facts, projects and their groups,
    forms and their rows, finding evidence; plus an empty anchor at each section heading."""
    marks = []
    for s in bundle["sections"]:
        if links.valid(s["start"], s["start"]):
            marks.append(Mark(s["start"], s["start"], f"s-{s['id']}", "sec", s["heading"] or ""))
    for m in bundle["mentions"]:
        if links.valid(m["start"], m["end"]):
            page = f"，第{m['page']}页" if m["page"] else ""
            title = f"{value_label('kind', m['kind'])} = {_num(m['value'])} {m['unit'] or ''}（{m['pattern_id'] or ''}{page}）"
            marks.append(Mark(m["start"], m["end"], f"m-{m['id']}", f"ent k-{_css(m['kind'])}", title,
                              label=m["kind"] or "?", tag="mark"))
    rows = [
        ("facts", "f", "fact", lambda f: f"{fact_label(f['key'])} = {_num(f['value'])} {f['unit'] or ''}"),
        ("project_groups", "g", "grp", lambda g: f"项目分组：{g['label'] or ''}"),
        ("projects", "p", "proj", lambda p: f"项目：{p['name'] or ''}"),
        ("forms", "form", "form", lambda f: f"自评表：{f['title'] or ''}"),
        ("form_budget_lines", "fbl", "fbl", lambda b: f"自评表资金：{b['line'] or ''}"),
        ("indicators", "ind", "ind", lambda i: f"绩效指标：{i['name'] or ''}"),
    ]
    for table, prefix, cls, title in rows:
        for r in bundle[table]:
            if links.valid(r["start"], r["end"]):
                marks.append(Mark(r["start"], r["end"], f"{prefix}-{r['id']}", cls, title(r)))
    for f in bundle["findings"]:
        for k, item in enumerate(f["evidence_items"]):
            span = links.evidence_span(item)
            if span:
                marks.append(Mark(span[0], span[1], f"e-{f['id']}-{k}", f"evid sev-{_css(f['severity'])}",
                                  f"{value_label('severity', f['severity'])}：{f['message'] or ''}"))
    return marks


def layered_html(text: str, marks: list[Mark]) -> Markup:
    """``text`` escaped, with possibly overlapping marks turned into properly nested elements: a
    mark that crosses another is split, its id on the first piece and its label on the last."""
    opens: dict[int, list[Mark]] = {}
    empties: dict[int, list[Mark]] = {}
    points = {0, len(text)}
    for m in marks:
        (empties if m.end == m.start else opens).setdefault(m.start, []).append(m)
        points.update((m.start, m.end))
    for group in opens.values():
        group.sort(key=lambda m: (-m.end, m.anchor))
    out, stack = [], []

    def open_tag(m: Mark, first: bool) -> str:
        ident = f' id="{escape(m.anchor)}"' if first else ""
        title = f' title="{escape(m.title)}"' if m.title else ""
        return f'<{m.tag} class="{escape(m.cls)}"{ident}{title}>'

    def close_tag(m: Mark, final: bool) -> str:
        label = f'<span class="lbl">{escape(m.label)}</span>' if final and m.label else ""
        return f"{label}</{m.tag}>"

    ordered = sorted(points)
    for i, p in enumerate(ordered):
        ending = [k for k, m in enumerate(stack) if m.end == p]
        if ending:
            low = ending[0]
            above, stack = stack[low:], stack[:low]
            out += [close_tag(m, m.end == p) for m in reversed(above)]
            for m in above:
                if m.end != p:
                    out.append(open_tag(m, False))
                    stack.append(m)
        for m in sorted(empties.get(p, []), key=lambda m: m.anchor):
            out.append(f'<a class="anchor {escape(m.cls)}" id="{escape(m.anchor)}"></a>')
        for m in opens.get(p, []):
            out.append(open_tag(m, True))
            stack.append(m)
        if i + 1 < len(ordered):
            out.append(str(escape(text[p:ordered[i + 1]])))
    out += [close_tag(m, True) for m in reversed(stack)]
    return Markup("".join(out))


def legend(bundle: dict, marks: list[Mark]) -> list[dict]:
    """Kinds in the order of the dictionary's [values.kind], then any others, with counts."""
    known = list(_kind_labels())
    counts: dict[str, int] = {}
    for m in bundle["mentions"]:
        counts[m["kind"] or "?"] = counts.get(m["kind"] or "?", 0) + 1
    kinds = [k for k in known if k in counts] + sorted(k for k in counts if k not in known)
    items = [{"cls": f"ent k-{_css(k)}", "code": k, "label": value_label("kind", k), "count": counts[k]} for k in kinds]
    other = [("fact", "标准指标"), ("proj", "项目"), ("grp", "项目分组"), ("form", "自评表"),
             ("fbl", "自评表资金行"), ("ind", "绩效指标"), ("evid", "核对证据")]
    for cls, label in other:
        n = sum(1 for m in marks if m.cls.split()[0] == cls)
        if n:
            items.append({"cls": cls, "code": cls, "label": label, "count": n})
    return items


def _kind_labels() -> dict:
    return dictionary().get("values", {}).get("kind", {})


# ------------------------------------------------------------------ writers
def _env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)), autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
    )
    env.filters["css"] = _css
    return env


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&!$])")
_MD_LINE_START = re.compile(r"^(\d+)([.)])|^([-+=])")


def md_escape(text: str, line_start: bool = False) -> str:
    """Backslash-escape Markdown syntax (and raw HTML) in report text; newlines become spaces."""
    s = _MD_SPECIAL.sub(r"\\\1", text.replace("\r", " ").replace("\n", " "))
    if line_start:
        s = _MD_LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", s)
    return s


def md_runs(runs: list[Run], line_start: bool = False) -> str:
    out = []
    for i, r in enumerate(runs):
        text = md_escape(r.text, line_start and i == 0)
        out.append(f"[{text}](<{r.href}>)" if r.href else text)
    return "".join(out)


def to_markdown(title: str, meta: list[tuple[str, str]], blocks: list[Block], rid: int) -> str:
    lines = [f"# {md_escape(title)}", ""]
    for name, value in meta:
        lines.append(f"- {name}：{md_escape(value)}")
    lines += [f"- 原文审阅：[review-{rid}.html](<review-{rid}.html>)", ""]
    for b in blocks:
        if b.type == "heading":
            lines += ["#" * b.level + " " + md_runs(b.runs), ""]
        elif b.type in ("para", "note"):
            lines += [md_runs(b.runs, line_start=True), ""]
        elif b.type == "table":
            lines.append("| " + " | ".join(md_escape(h) for h in b.header) + " |")
            lines.append("|" + "---|" * len(b.header))
            for row in b.rows:
                lines.append("| " + " | ".join(md_runs(cell) for cell in row) + " |")
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _xml_text(s: str) -> str:
    return _XML_INVALID.sub("", s)


def _docx_runs(paragraph, runs: list[Run], bold: bool = False, rels: dict | None = None) -> None:
    """Runs into a python-docx paragraph; links become w:hyperlink to external targets
    (``rels`` caches relationship ids by target: python-docx searches them all each time)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for r in runs:
        text = _xml_text(r.text)
        if not r.href:
            run = paragraph.add_run(text)
            if bold:
                run.bold = True
            continue
        rels = {} if rels is None else rels
        if r.href not in rels:
            rels[r.href] = paragraph.part.relate_to(r.href, RT.HYPERLINK, is_external=True)
        rel = rels[r.href]
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), rel)
        run = OxmlElement("w:r")
        props = OxmlElement("w:rPr")
        color = OxmlElement("w:color")
        color.set(qn("w:val"), "0563C1")
        underline = OxmlElement("w:u")
        underline.set(qn("w:val"), "single")
        props.append(color)
        props.append(underline)
        run.append(props)
        t = OxmlElement("w:t")
        t.text = text
        t.set(qn("xml:space"), "preserve")
        run.append(t)
        link.append(run)
        paragraph._p.append(link)


def to_docx(title: str, meta: list[tuple[str, str]], blocks: list[Block]) -> bytes:
    import docx
    from docx.oxml.ns import qn

    doc = docx.Document()
    normal = doc.styles["Normal"]
    normal.font.name = "SimSun"
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    props = doc.core_properties
    props.title, props.author, props.comments = _xml_text(title), "extractor", ""

    # Style ids of python-docx's default template, set directly: looking a style up by name
    # scans every style and made a long report take seconds.
    def paragraph(style_id: str | None = None):
        p = doc.add_paragraph()
        if style_id:
            p._p.style = style_id
        return p

    def table(rows: int, cols: int):
        t = doc.add_table(rows=rows, cols=cols)
        t._tbl.tblPr.style = "TableGrid"
        return t

    rels: dict[str, str] = {}
    _docx_runs(paragraph("Title"), [Run(title)])
    meta_table = table(len(meta), 2)
    for row, (name, value) in zip(meta_table.rows, meta):
        _docx_runs(row.cells[0].paragraphs[0], [Run(name)], bold=True)
        _docx_runs(row.cells[1].paragraphs[0], [Run(value)])
    for b in blocks:
        if b.type == "heading":
            _docx_runs(paragraph(f"Heading{min(b.level, 9)}"), b.runs, rels=rels)
        elif b.type == "para":
            _docx_runs(paragraph(), b.runs, rels=rels)
        elif b.type == "note":
            p = paragraph()
            _docx_runs(p, b.runs, rels=rels)
            for run in p.runs:
                run.italic = True
        elif b.type == "table":
            t = table(1 + len(b.rows), len(b.header))
            cells = t._cells  # one list, row by row: far faster than t.rows[i].cells
            width = len(b.header)
            for j, h in enumerate(b.header):
                _docx_runs(cells[j].paragraphs[0], [Run(h)], bold=True)
            for i, row in enumerate(b.rows, 1):
                for j, runs in enumerate(row):
                    _docx_runs(cells[i * width + j].paragraphs[0], runs, rels=rels)
    buf = io.BytesIO()
    doc.save(buf)
    return _fixed_zip(buf.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with every entry dated ZIP_DATE, so equal documents give equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def _write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="\n")
    return path


# ------------------------------------------------------------------ entry points
def _render_bundle(bundle: dict, out_dir: Path, env: Environment) -> tuple[list[Path], dict]:
    rid = bundle["report"]["id"]
    links = Links(bundle)
    blocks = build_document(bundle)
    title = report_title(bundle)
    meta = metadata_rows(bundle)
    html = env.get_template("report.html").render(
        title=title, meta=meta, blocks=blocks, rid=rid, kinds=list(_kind_labels()))
    marks = review_marks(bundle, links)
    findings = sorted(bundle["findings"], key=_severity_rank)
    review = env.get_template("review.html").render(
        title=title, rid=rid, text=layered_html(links.text, marks), legend=legend(bundle, marks),
        findings=[{
            "severity": f["severity"], "severity_label": value_label("severity", f["severity"]),
            "rule": f["rule"], "message": f["message"],
            "evidence": [f"e-{f['id']}-{k}" for k, item in enumerate(f["evidence_items"])
                         if links.evidence_span(item)],
        } for f in findings],
    )
    paths = [
        _write(out_dir / f"report-{rid}.html", html),
        _write(out_dir / f"report-{rid}.md", to_markdown(title, meta, blocks, rid)),
        _write(out_dir / f"report-{rid}.docx", to_docx(title, meta, blocks)),
        _write(out_dir / f"review-{rid}.html", review),
    ]
    r = bundle["report"]
    summary = {
        "id": rid, "title": title, "file_name": bundle["document"].get("file_name") or "",
        "unit_name": r["unit_name"] or "", "fiscal_year": r["fiscal_year"],
        "kind": value_label("report_kind", r["report_kind"]),
        "counts": {t: len(bundle[t]) for t in ("sections", "mentions", "facts", "projects", "indicators")},
        "findings": severity_counts(bundle["findings"]),
    }
    return paths, summary


def render_report(db, report_id: int, out_dir: str | Path) -> list[Path]:
    """Write report-<id>.html, report-<id>.md, report-<id>.docx and review-<id>.html."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths, _ = _render_bundle(load_report(db, report_id), out_dir, _env())
    return paths


def render_all(db, out_dir: str | Path) -> list[Path]:
    """Render every report of the database and an index.html; returns the paths written."""
    db = as_database(db)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    env = _env()
    paths, summaries = [], []
    for row in read_rows(db, "reports", ["id"]):
        written, summary = _render_bundle(load_report(db, row["id"]), out_dir, env)
        paths += written
        summaries.append(summary)
    errors = read_rows(db, "ingest_errors", ["id", "file_name", "error_kind", "message"])
    index = env.get_template("index.html").render(
        reports=summaries, errors=errors, severities=[(s, value_label("severity", s)) for s in SEVERITIES])
    paths.append(_write(out_dir / "index.html", index))
    return paths
