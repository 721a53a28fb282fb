"""Where a report's 自评表 are: the reader's tables that open or continue a form, the form titles
of the text (the lexicon's …自评表 titles and the titles templates locate, such as 部门整体支出绩效
评价基础数据表) with the text after each, and indicator tables a narrative report carries without a
title. Each candidate is read with the template that fits it best (fit.py) and built into model
rows; a form whose title stands on its own line and whose labels are a template's, but whose
figures cannot be read, is kept as an unread form with the reason. :func:`extract_forms` returns
them with the table_amount mentions they gave, and leaves the report alone."""
from __future__ import annotations

from dataclasses import dataclass, field

from collections.abc import Collection

from ...model import Form, Mention, Report, Table
from .build import build_form, unread_form

from .cells import Cell, span_of, table_cells
from .fit import read_best, read_text
from .grammar import TITLE_CELLS
from .parsed import Candidate, ParsedForm
from .templates import templates, vocabulary_all
from .untitled import marked_forms, untitled_indicator_tables
from .vocabulary import MONEY_KEYS, Vocabulary

SEGMENT_MAX = 30_000  # characters of text after a title that can belong to its form
TITLE_GAP = 400  # a title found in the text at most this far before a table is that table's title
TITLE_LINE_TAIL = 40  # a title line may go on this long after the title (a year, a code)
UNREAD_MARKERS = 2  # marker labels of the best template that make an unreadable title a form



@dataclass
class FormsFound:
    """What extract_forms found: the forms in text order, and the table_amount mentions of their
    bare budget cells, to be appended to the report's mentions in this order."""

    forms: list[Form] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


def extract_forms(report: Report, tables: list[Table] | None, gaps: Collection[int] = ()) -> FormsFound:
    """The 自评表 of ``report``: from the reader's tables when it gave any form table, else from
    the flattened text (``gaps``: offsets of Report.text where normalization removed spaces, cell
    boundaries of a form flattened with spaces); with the table_amount mentions of their bare
    budget cells (a cell that overlaps none of ``report.mentions`` nor an earlier form's)."""
    vocab = vocabulary_all()
    gaps = frozenset(gaps)  # looked up at every character of a spaced reading
    titles = _titles(report.text, vocab)  # one scan serves both readings
    built, unread = _from_tables(report, tables or [], vocab, titles)
    from_text = _from_text(report, vocab, titles, gaps)
    if not built:
        built = from_text
    else:
        # A form the reader kept no table of (a PDF page without ruling lines) is still read from
        # the text, unless it overlaps a table form; if some table form could not be placed in the
        # text, overlap cannot be told and the text is left alone.
        spans = [span_of(parsed.used) for parsed, _, _ in built]
        if all(start is not None for start, _ in spans):
            for parsed, title, table_index in from_text:
                start, end = span_of(parsed.used)
                if start is not None and not any(start < e and s < end for s, e in spans):
                    built.append((parsed, title, table_index))
        built.sort(key=_start)
    spans = [span_of(parsed.used) for parsed, _, _ in built]
    for parsed, title, table_index in unread:  # unless another reading covers the same text
        start, end = span_of(parsed.used)
        if start is None or not any(s is not None and start < e and s < end for s, e in spans):
            built.append((parsed, title, table_index))
    built.sort(key=_start)
    found = FormsFound()
    for parsed, _, table_index in built:
        if parsed.is_form():
            taken = sorted((m.start, m.end) for m in [*report.mentions, *found.mentions])
            form = build_form(report, parsed, len(found.forms), table_index, vocab, taken)
            found.forms.append(form.form)
            found.mentions += form.mentions
        else:
            found.forms.append(unread_form(parsed, len(found.forms), table_index, vocab, report.page_at))
    return found


def _titles(text: str, vocab: Vocabulary) -> list:
    """Form titles in ``text``: the lexicon's (…自评表) and those the templates locate, in text
    order; of two overlapping matches the earlier (then longer) one."""
    found = list(vocab.titles(text))
    for t in templates():
        if t.locate is not None:
            found += list(t.locate.finditer(text))
    found.sort(key=lambda m: (m.start(), -m.end()))
    out = []
    for m in found:
        if out and m.start() < out[-1].end():
            continue
        out.append(m)
    return out


def _start(candidate: Candidate) -> int:
    start = span_of(candidate[0].used)[0]
    return start if start is not None else -1


def _table_kind(cells: list[Cell], vocab: Vocabulary) -> str | None:
    """"start" for a table (its cells) that opens a form, "cont" for one that continues it, else None."""
    opens = conts = 0
    rows: dict[int, list[Cell]] = {}
    for c in cells:
        rows.setdefault(c.row, []).append(c)
    for row in rows.values():
        keys = [c.key for c in row if c.key]
        budget = [k for k in keys if vocab.budget_col(k)]
        ind = [k for k in keys if vocab.ind_col(k)]
        if any(vocab.is_title(c.text) for c in row if c.key):
            opens += 1
        if any(vocab.field(k) for k in keys):
            opens += 1
        if any(p.fullmatch(k) for t in templates() for b in t.blocks for p in b.labels for k in keys):
            opens += 2  # a grid block's own label (财政供养人员情况, 经费控制情况)
        if len(budget) >= 2 and any(vocab.budget_col(k) in MONEY_KEYS for k in keys):
            opens += 1
        if len(ind) >= 3 and any(vocab.ind_col(k) in ("level1", "name") for k in ind):
            conts += 1
        if keys and (vocab.level1.fullmatch(keys[0]) or (len(keys) > 1 and vocab.level2.fullmatch(keys[1]))):
            conts += 1
    if opens >= 2:
        return "start"
    if conts >= 1:
        return "cont"
    return None


def _from_tables(report: Report, tables: list[Table], vocab: Vocabulary,
                 titles: list) -> tuple[list[Candidate], list[Candidate]]:
    """Forms from the reader's tables: a table that opens a form and the tables continuing it; and
    those that open a form but cannot be read (kept unread unless the text reads them)."""
    groups: list[list[tuple[Table, list[Cell]]]] = []
    for table in tables:
        cells = table_cells(table, report.text)
        kind = _table_kind(cells, vocab)
        if kind == "start" or (kind == "cont" and not groups):
            groups.append([(table, cells)])
        elif kind == "cont":
            groups[-1].append((table, cells))
    built: list[Candidate] = []
    unread: list[Candidate] = []
    titles = [m for m in titles if _title_is_line(report.text, m)]
    for group in groups:
        cells = [c for _, table_cells_ in group for c in table_cells_]
        title = None
        if not any(vocab.is_title(c.text) for c in cells[:TITLE_CELLS]):
            first = next((c.start for c in cells if c.start is not None), None)
            before = [m for m in titles if first is not None and m.end() <= first and first - m.end() < TITLE_GAP]
            if before:
                m = before[-1]
                title = Cell(m.group(), m.start(), m.end())
            elif first is None and len(titles) > len(built):
                m = titles[len(built)]
                title = Cell(m.group(), m.start(), m.end())
        parsed = read_best(cells, True, title)
        if parsed.is_form():
            built.append((parsed, title, group[0][0].index))
        elif _table_kind(cells, vocab) == "start":
            unread.append((parsed, title, group[0][0].index))  # a table that opens a form, unreadable
    return built, unread


def _title_is_line(text: str, m) -> bool:
    """A title that stands as its own line or cell (not a mention inside a sentence)."""
    before = text[text.rfind("\n", 0, m.start()) + 1:m.start()].strip()
    after_end = text.find("\n", m.end())
    after = text[m.end(): len(text) if after_end == -1 else after_end].strip()
    return (not before or before.endswith(("|", ":"))) and (
        not after or after.startswith("|") or len(after) < TITLE_LINE_TAIL)


def _from_text(report: Report, vocab: Vocabulary, titles: list, gaps: Collection[int]) -> list[Candidate]:
    """Forms from the flattened text: the text after each title, read line by line and with spaces
    as separators (the reading the templates fit better wins), and untitled indicator tables."""
    text = report.text
    built: list[Candidate] = []
    segments = []  # text after each title that made a form: an indicator table there is that form's
    for k, m in enumerate(titles):
        end = titles[k + 1].start() if k + 1 < len(titles) else len(text)
        end = min(end, m.start() + SEGMENT_MAX)
        # The cells the title covers are the title (glued text cuts "项目支出绩效自评表" in pieces).
        title = Cell(m.group(), m.start(), m.end())
        for lo, hi, skip in _restarts(text, m, end, vocab):
            this = title if lo == m.start() else Cell(m.group())  # a glued next form: the title's words
            parsed, body = read_text(text, lo, hi, vocab, gaps, this, skip_to=skip)
            if not body:
                continue
            if parsed.is_form():
                built.append((parsed, this, None))
                segments.append((lo, hi))
            elif lo == m.start() and _unread(report.text, m, parsed, body):
                built.append((parsed, this, None))
    # A template's form that lost its title holds its own indicator block: it is looked for before
    # the untitled indicator tables, which would otherwise cover that block and hide the form.
    covered = segments + [span for span in (span_of(p.used) for p, _, _ in built) if span[0] is not None]
    marked = marked_forms(report, covered, vocab, gaps)
    built += marked
    spans = segments + [span for span in (span_of(p.used) for p, _, _ in marked) if span[0] is not None]
    built += untitled_indicator_tables(report, titles, spans, vocab)
    built.sort(key=_start)
    return built


def _restarts(text: str, m, end: int, vocab: Vocabulary) -> list[tuple[int, int, int]]:
    """The regions (lo, hi, skip_to) of the forms after title ``m`` up to ``end``: one, or more when
    a next form is glued after a form's 总分 row without its own title (lexicon [title.restart])."""
    cuts = [r.start("at") for r in vocab.restart.finditer(text, m.end(), end)]
    los = [m.start(), *cuts]
    return [(lo, hi, m.end() if lo == m.start() else lo) for lo, hi in zip(los, [*cuts, end])]


def _unread(text: str, m, parsed: ParsedForm, cells: list[Cell]) -> bool:
    """Whether a title that gave no reading is still a form: it stands alone on its line and the
    cells after it carry a block header or labels of the template that fit best (a form we cannot
    read, kept with the reason, never dropped)."""
    if not _title_alone(text, m):
        return False
    t = next((t for t in templates() if t.id == parsed.template), None)
    keys = vocabulary_all().marker_keys(cells[:200])
    headers = parsed.structured or any(g.columns for g in parsed.grids)
    return t is not None and (headers or t.marker_hits(keys) >= UNREAD_MARKERS)


def _title_alone(text: str, m) -> bool:
    """A title on a line of its own (or with its year after it): not the name of a form in a
    sentence ("按照要求填写了项目支出绩效自评表,对…")."""
    line_start = text.rfind("\n", 0, m.start()) + 1
    line_end = text.find("\n", m.end())
    before = text[line_start:m.start()].strip()
    after = text[m.end(): len(text) if line_end == -1 else line_end].strip()
    return (not before or before.endswith(("|", ":"))) and (not after or after[0] in "(|")
