"""Plain records passed between stages: read → normalize → segment → recognize → facts → store.

Every record that points into text carries ``start``/``end`` offsets into the report's
normalized text (``Report.text``), so ``text[start:end] == raw`` always holds, plus the
1-based ``page`` where the source has pages.
"""
from __future__ import annotations

from dataclasses import dataclass, field


# ---------------------------------------------------------------- read stage
@dataclass
class Page:
    """One page of extracted text (a whole TXT/HTML/DOCX file is one page)."""

    number: int  # 1-based
    text: str
    # OCR pages: one extractor.read.ocr.TextBox per recognised text box (its range in text, its box)
    boxes: list = field(default_factory=list)
    ocr: bool = False  # the text was recognised from the page image


Span = tuple[int, int]


@dataclass
class Table:
    """A table as the source laid it out: rows of cell strings, merged cells not repeated.

    The readers render every table into its page's text as rows of " | "-joined cells and record
    where each cell's text went (``spans``: offsets into the page's text, None for a blank cell or
    a table they did not render); the pipeline maps them into ``Report.text`` through the
    normalization (``text_spans``), so a later stage reads a cell and its span without searching.
    """

    index: int  # 0-based, in document order
    page: int | None  # None: the document is one page (DOCX, HTML)
    rows: list[list[str]]
    spans: list[list[Span | None]] = field(default_factory=list)  # per row, per cell; in the page text
    text_spans: list[list[Span | None]] = field(default_factory=list)  # the same in Report.text

    def span(self, row: int, col: int, in_text: bool = True) -> Span | None:
        """Where cell (row, col) is: in Report.text (``in_text``) or in its page's text."""
        spans = self.text_spans if in_text else self.spans
        if row < len(spans) and col < len(spans[row]):
            return spans[row][col]
        return None


@dataclass
class RawDocument:
    """What a reader returns: text per page, tables, and hints about the layout."""

    path: str
    format: str  # txt, docx, pdf, html, xlsx, ...
    pages: list[Page]
    encoding: str | None = None
    tables: list[Table] = field(default_factory=list)
    # (text of a paragraph styled as heading, heading level) from DOCX styles.
    heading_hints: list[tuple[str, int]] = field(default_factory=list)
    ocr: bool = False
    ocr_confidence: float | None = None


# ------------------------------------------------------------- text stages
@dataclass
class Section:
    """A heading and the text it governs (its subsections included up to ``end``)."""
    ordinal: int
    level: int
    number_label: str | None  # "一、", "（一）", "1.", None for an unnumbered template heading
    heading: str
    start: int  # heading start
    end: int  # end of the section body (start of the next heading of the same or higher level)
    page: int | None = None
    template_id: str | None = None  # id of the template heading it matched, if any
    body_end: int | None = None  # end of its own text: its first subsection's heading, else end
    rule_id: str | None = None  # the rule that found the heading (headings:<numbering style>)


@dataclass
class Mention:
    """A quantity found in the text: its value in the canonical unit and the exact span it was read from."""
    kind: str  # amount, percent, length, area, volume, count, table_amount
    value: float | None  # in the canonical unit
    unit: str  # canonical unit: 万元, %, km, m2, m3, or the counter (座, 人, ...)
    raw: str
    start: int
    end: int
    rule_id: str
    page: int | None = None
    section: int | None = None  # Section.ordinal
    approx: bool = False  # 约/余/近/多/以上
    comparator: str | None = None  # ≥, ≤, >, <, =
    source_unit: str | None = None  # unit as written (元, 公里, 米, ...)
    # OCR pages: union of the boxes of the text the mention was read from (see read.ocr.TextBox),
    # and whether any of them was recognised with a confidence below the threshold.
    bbox: tuple[float, float, float, float] | None = None
    low_confidence: bool = False


@dataclass
class Fact:
    """A canonical field of the report (key, value, unit), with the label and mention that stated it."""
    key: str  # canonical key, e.g. personnel_expenditure or personnel_expenditure.yoy_pct
    value: float
    unit: str | None
    mention: int | None = None  # index into Report.mentions
    section: int | None = None
    derived: bool = False
    label: str | None = None  # the label text that named it
    start: int | None = None
    end: int | None = None
    rule_id: str | None = None
    source: str | None = None  # form | table | prose (derived facts: None)
    page: int | None = None


@dataclass
class FactCandidate:
    """A reading of a canonical key that did not become the report's fact, and why it lost.

    ``Report.facts`` keeps one value per key; the other statements of that key (a form and the
    prose disagreeing, a target beside the achieved value, last year's figure) are kept here so
    a reader can see what else the report says."""

    key: str
    value: float
    unit: str | None
    source: str  # form | table | prose
    rule_id: str | None
    why: str  # why it lost ("form before prose: form:total_line.budget_executed = 154.74")
    label: str | None = None
    mention: int | None = None  # index into Report.mentions
    section: int | None = None
    start: int | None = None
    end: int | None = None
    page: int | None = None


@dataclass
class Project:
    """An enumerated project: its name, amount (万元), outputs and goal status, with its span."""
    ordinal: int
    name: str
    amount: float | None  # 万元
    group_label: str | None = None
    purpose: str | None = None
    output_value: float | None = None
    output_unit: str | None = None
    output_text: str | None = None
    goal_status: str = "unknown"  # achieved, partial, not_achieved, unknown
    goal_pct: float | None = None
    road_code: str | None = None
    stake_from: float | None = None  # km
    stake_to: float | None = None
    start: int | None = None
    end: int | None = None
    section: int | None = None
    amount_mention: int | None = None
    rule_id: str | None = None  # the rule that found it (projects:<way>)
    page: int | None = None


@dataclass
class ProjectGroup:
    """A budget group's totals (年初预算项目 200万元, 调增 0, 实际支出 …, 结余结转 …)."""

    ordinal: int
    label: str
    budget: float | None = None
    adjustment: float | None = None
    spent: float | None = None
    balance: float | None = None
    start: int | None = None
    end: int | None = None
    rule_id: str | None = None
    page: int | None = None


@dataclass
class Output:
    """A work quantity: 沥青调补241立方, 护栏安装2315米."""

    activity: str
    value: float
    unit: str
    mention: int | None = None
    project: int | None = None  # Project.ordinal
    start: int | None = None
    end: int | None = None
    rule_id: str | None = None  # outputs:<way>
    page: int | None = None


@dataclass
class FormBudgetLine:
    """A row of a 自评表's budget block: 年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分."""

    form: int  # 0-based index of the form in the report
    line: str  # 年度资金总额, 其中：财政拨款, 上年结转, 其他资金, ...
    budget_initial: float | None = None  # 万元
    budget_full_year: float | None = None
    executed: float | None = None
    weight: float | None = None  # 分值
    execution_rate: float | None = None  # %
    score: float | None = None  # 得分
    source_unit: str | None = None  # 万元 or 元 as the header says
    table_index: int | None = None
    row: int | None = None
    page: int | None = None
    start: int | None = None  # span of the row in Report.text
    end: int | None = None
    confidence: float | None = None  # 0..1: how well the row fits the template's arithmetic
    rule_id: str | None = None  # forms:<template>:budget
    # figures of the row whose column the arithmetic left open, each with the columns it could be
    # ("30 → budget_full_year | budget_initial"): refused rather than guessed, shown for review
    undecided: str | None = None


@dataclass
class Indicator:
    """An indicator row of a 自评表: 一级/二级/三级指标, target, actual, weight, score, reason."""

    form: int
    level1: str | None
    level2: str | None
    name: str
    target_text: str | None = None
    target_value: float | None = None
    target_comparator: str | None = None
    actual_text: str | None = None
    actual_value: float | None = None
    unit: str | None = None
    weight: float | None = None
    score: float | None = None
    deviation_reason: str | None = None
    table_index: int | None = None
    row: int | None = None
    page: int | None = None
    start: int | None = None
    end: int | None = None
    met: bool | None = None  # the actual value reaches the target (None: cannot be told)
    rule_id: str | None = None  # forms:<template>:indicators


@dataclass
class FormValue:
    """One figure of a form's grid or label → value block, by block, line and column (its role): the 湖南
    基础数据表's 经费控制情况 / 基本支出 / 2022年决算数 = 719.99, 财政供养人员情况 / 编制数 = 52, a 湖南
    project form's 实际支出(万元) = 55, a budget block's extra column (全年到位资金(D)). ``period`` says
    which year a column is about: a 上年 column is "prior" and never gives this year's fact; ``fact``
    is the canonical fact key the template maps a current value to (None for the others)."""

    form: int  # 0-based index of the form in the report
    block: str  # the template's block: staff, spending, funds, budget, ...
    line: str  # canonical row name (支出总额, 基本支出, …), an item's own label (a project a line), or the block
    role: str  # the column's role: authorized, actual, control_rate, final, budget, spent, received, ...
    value: float  # in ``unit``: 万元 for money, 人 for staff, % for rates
    unit: str | None = None
    label: str | None = None  # the row label as written
    parent: str | None = None  # the line it is part of (其中 lines, projects under 专项资金)
    year: int | None = None  # the year its column names (2021年决算数 → 2021)
    period: str | None = None  # current | prior
    fact: str | None = None
    source_unit: str | None = None  # the unit as the form writes it (元, 万元)
    confidence: float | None = None  # how well its row fits the template's arithmetic
    table_index: int | None = None
    row: int | None = None
    page: int | None = None
    start: int | None = None  # span of the figure in Report.text
    end: int | None = None
    rule_id: str | None = None  # forms:<template>:<block>


@dataclass
class Form:
    """One self-assessment form (自评表) found in a report, read with the template that fits it
    best (``template``, ``confidence``); a form found but not read has status "unread" and the
    reason."""

    index: int
    title: str | None = None
    project_name: str | None = None
    unit_name: str | None = None  # 实施单位 / 资金使用单位
    department: str | None = None  # 主管部门
    fiscal_year: int | None = None
    money_unit: str | None = None  # 万元 or 元, from the header
    total_score: float | None = None
    grade: str | None = None  # 优 / 良 / 中 / 差
    table_index: int | None = None
    start: int | None = None
    end: int | None = None
    budget_lines: list[FormBudgetLine] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    values: list[FormValue] = field(default_factory=list)
    template: str | None = None  # id of the patterns/forms/ template it was read with
    confidence: float | None = None  # 0..1: blocks found and the template's arithmetic holding
    status: str = "read"  # read | unread
    reason: str | None = None  # why an unread form could not be read
    rule_id: str | None = None  # forms:<template> (forms:<template>:unread for an unread form)
    page: int | None = None


@dataclass
class Finding:
    """A cross-check result an auditor can act on."""

    rule: str
    severity: str  # error, warning, info
    message: str  # Chinese, with the numbers
    expected: float | None = None
    actual: float | None = None
    difference: float | None = None
    # [{"type": "mention"|"fact"|"project"|"section", "index": i, "start": s, "end": e}, ...]
    evidence: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class Metadata:
    """What the metadata stage found about a report; the pipeline copies it onto the Report
    (the field names are the Report's)."""

    title: str | None = None
    unit_name: str | None = None
    unit_name_normalized: str | None = None
    region: str | None = None
    fiscal_year: int | None = None
    report_kind: str | None = None  # department | project
    template: str | None = None
    metadata_sources: dict[str, str] = field(default_factory=dict)  # field -> where it came from
    unit_rank: int | None = None  # see Report.unit_rank


@dataclass
class Report:
    """One report read from a document: its normalized text and everything extracted from it."""
    text: str  # normalized text; every offset points into it
    title: str | None = None
    unit_name: str | None = None
    unit_name_normalized: str | None = None
    region: str | None = None
    fiscal_year: int | None = None
    report_kind: str | None = None  # department | project
    template: str | None = None
    page_starts: list[int] = field(default_factory=list)  # offset where page i+1 starts
    sections: list[Section] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    fact_candidates: list[FactCandidate] = field(default_factory=list)  # readings that lost
    projects: list[Project] = field(default_factory=list)
    project_groups: list[ProjectGroup] = field(default_factory=list)
    outputs: list[Output] = field(default_factory=list)
    forms: list[Form] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    metadata_sources: dict[str, str] = field(default_factory=dict)  # field -> where it came from
    # Strength of the cue the unit name came from (interpret/metadata/describe.py R_*, lower is
    # stronger), so a later stage knows whether its own cue may replace it; None when not described
    # by metadata.describe.
    unit_rank: int | None = None

    def page_at(self, offset: int) -> int | None:
        """1-based page holding ``offset``, or None for sources without pages."""
        if not self.page_starts:
            return None
        page = 1
        for i, start in enumerate(self.page_starts):
            if offset >= start:
                page = i + 1
            else:
                break
        return page


@dataclass
class DocumentInfo:
    """The ingested file: path, format, size, hash, pages and how its text was obtained."""
    path: str
    file_name: str
    format: str
    pages: int
    size_bytes: int
    sha256: str
    encoding: str | None = None
    ocr: bool = False
    ocr_confidence: float | None = None  # mean OCR recognition score, when ocr


@dataclass
class Extraction:
    """Everything extracted from one file: a pure function of its bytes."""

    document: DocumentInfo
    reports: list[Report]
    tables: list[Table] = field(default_factory=list)


@dataclass
class StoredReport:
    """A Report read back from the database, with the ids of the rows it came from.

    The Report's records point at each other by index, as the pipeline made them; an output that
    links to rows (review-<id>.html#m-<mention id>) needs their ids too. ``row_ids[table]`` lists
    the ids of ``table``'s rows in the order of the matching Report list (sections, mentions,
    facts, project_groups, projects, outputs, forms, findings; form_budget_lines and indicators
    form by form, in the order of ``Report.forms``).
    """

    report: Report
    id: int
    document_id: int | None = None
    file_name: str | None = None  # of the source document
    row_ids: dict[str, list[int]] = field(default_factory=dict)
