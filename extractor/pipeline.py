"""One document, start to finish: bytes → RawDocument → Report(s). A pure function of the file.

``extract(path)`` does no database work, so it runs the same in a worker process, a test, or a
distributed engine.
"""
from __future__ import annotations

import hashlib
from dataclasses import fields, replace
from pathlib import Path

from .version import __version__
from .checks import check_report
from .interpret.facts import extract_facts
from .interpret.forms import extract_forms
from .interpret.metadata import describe, fill_from_forms, from_path
from .model import DocumentInfo, Extraction, Metadata, RawDocument, Report, Table
from .text.normalize import Normalized, inside_token, letter_spaced, normalize
from .text.traditional import is_traditional, to_simplified
from .interpret.projects import extract_projects, spent_facts
from .read import Limits, file_bytes, read_bytes
from .read.ocr import attach_boxes
from .text.recognize import recognize
from .text.segment import resolved_templates, section_at, segment

PAGE_SEPARATOR = "\n\n"


def extract(path: str | Path, limits: Limits = Limits()) -> Extraction:
    """Read and extract one file. Raises an ExtractorError subclass for bad input."""
    path = Path(path)
    data = file_bytes(path, limits)
    return extract_bytes(data, path, limits)


def extract_bytes(data: bytes, path: Path, limits: Limits = Limits()) -> Extraction:
    """Read and extract a file's bytes already in memory; ``path`` names it (format, path cues)."""
    raw = read_bytes(data, path, limits)
    info = DocumentInfo(
        path=str(path),
        file_name=path.name,
        format=raw.format,
        pages=len(raw.pages),
        size_bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=raw.encoding,
        ocr=raw.ocr,
        ocr_confidence=raw.ocr_confidence,
    )
    report = build_report(raw)
    report = with_metadata(report, from_path(metadata_of(report), path))  # where the document is silent
    return Extraction(document=info, reports=[report], tables=raw.tables)


PAGED_FORMATS = ("pdf", "png", "jpeg", "tiff")  # formats whose pages are real pages (a TXT is one page of text)


def build_report(raw: RawDocument) -> Report:
    """Normalize, segment, recognize and interpret the text of one document."""
    source, source_page_starts = join_pages(raw)
    traditional = is_traditional(source)
    if traditional:  # a mirror converted to 萬元, 縣: read it as published, in simplified characters
        raw = simplified_document(raw)
        source, source_page_starts = join_pages(raw)
    norm = normalize(source)
    report = Report(text=norm.text)
    if len(raw.pages) > 1 or raw.format in PAGED_FORMATS:  # a one-page PDF is still page 1
        report.page_starts = [norm.from_source(s) for s in source_page_starts]
    report.sections = segment(norm.text)
    for sec in report.sections:
        sec.page = report.page_at(sec.start)
    report.mentions = recognize(norm.text)
    for m in report.mentions:
        m.page = report.page_at(m.start)
        m.section = section_at(report.sections, m.start)
    # where a flattened table had its cell boundaries (gaps), and a page read as runs of text its runs
    gaps, runs = removed_spaces(norm, source)
    gaps = frozenset(gaps)  # looked up at every character of a spaced reading, by the forms and the projects
    meta = describe(norm.text, raw, runs)
    if traditional:  # the stored text is converted
        meta = replace(meta, metadata_sources={**meta.metadata_sources, "characters": "traditional"})
    report = with_metadata(report, meta)
    report.template, report.sections = resolved_templates(report.sections, report.report_kind, report.template)
    found = extract_forms(report, tables_in_text(raw.tables, norm, source_page_starts), gaps)
    report.forms = found.forms
    report.mentions += found.mentions  # bare budget cells (table_amount), after the text's mentions
    # a form's 实施单位 when the text named no unit
    report = with_metadata(report, fill_from_forms(metadata_of(report), report.forms, report.text))
    report.facts, report.fact_candidates, scores = extract_facts(report, gaps)
    report.mentions += scores  # scores ("98分") the facts found: they refer to them by index
    report.projects, report.project_groups, report.outputs = extract_projects(report, gaps, runs)
    report.facts = [*report.facts, *spent_facts(report)]  # a single project's spent amount, when no label gave it
    # OCR pages: each mention gets the box it was read from, and a flag when OCR was unsure
    attach_boxes(report.mentions, norm, source_page_starts, raw.pages)
    report.findings = check_report(report)
    return report


def metadata_of(report: Report) -> Metadata:
    """The metadata fields of ``report`` as a Metadata record (for a stage that refines them)."""
    return Metadata(**{f.name: getattr(report, f.name) for f in fields(Metadata)})


def with_metadata(report: Report, meta: Metadata) -> Report:
    """``report`` with its metadata fields taken from ``meta`` (a new Report; lists are shared)."""
    return replace(report, **{f.name: getattr(meta, f.name) for f in fields(Metadata)})


def simplified_document(raw: RawDocument) -> RawDocument:
    """``raw`` with its pages and table cells in simplified characters (one for one: offsets and
    OCR boxes hold)."""
    return replace(
        raw,
        pages=[replace(p, text=to_simplified(p.text)) for p in raw.pages],
        tables=[replace(t, rows=[[to_simplified(c) if c else c for c in row] for row in t.rows]) for t in raw.tables],
    )


def tables_in_text(tables: list[Table], norm: Normalized, page_starts: list[int]) -> list[Table]:
    """``tables`` with their cells' spans mapped from their page's text into the normalized text
    (``Table.text_spans``); a cell normalization removed entirely has none."""
    out = []
    for t in tables:
        page = (t.page or 1) - 1
        if not t.spans or page >= len(page_starts):
            out.append(t)
            continue
        base = page_starts[page]
        mapped = []
        for row in t.spans:
            cells = []
            for span in row:
                if span is None:
                    cells.append(None)
                    continue
                a, b = norm.from_source(base + span[0]), norm.from_source(base + span[1])
                cells.append((a, b) if b > a else None)
            mapped.append(cells)
        out.append(replace(t, text_spans=mapped))
    return out


def removed_spaces(norm: Normalized, source: str) -> tuple[list[int], list[int]]:
    """(gaps, runs): offsets of the normalized text before which normalization removed whitespace.
    ``gaps``: all of them, spaces between Han characters ("项目名称 商品和服务支出" → "项目名称商品和服务
    支出") and line breaks it joined ("- - -" + "其他资金"), where a form flattened with spaces had its
    cell boundaries; ``runs``: those where no line break was removed (a page's runs of text joined by
    spaces, not the lines of a paragraph wrapped at the page's width). A title set letter-spaced
    ("成 安 县 民 政 局") has no cells: its spaces are neither. One pass over the text."""
    origin = norm.origin
    gaps, runs = [], []
    spaced = letter_spaced(source)
    for i in range(1, len(norm.text)):
        a, b = origin[i - 1], origin[i]
        if (b - a > 1 and any(ch.isspace() for ch in source[a + 1:b]) and not inside_token(source, a + 1)
                and a + 1 not in spaced):  # (a pinyin gloss may come with it)
            gaps.append(i)
            if "\n" not in source[a + 1:b]:
                runs.append(i)
    return gaps, runs


def join_pages(raw: RawDocument) -> tuple[str, list[int]]:
    """The pages' text joined by PAGE_SEPARATOR, and the offset where each page starts."""
    starts, parts, pos = [], [], 0
    for page in raw.pages:
        starts.append(pos)
        parts.append(page.text)
        pos += len(page.text) + len(PAGE_SEPARATOR)
    return PAGE_SEPARATOR.join(parts), starts


def version() -> str:
    """The extractor's version (extractor.__version__)."""
    return __version__
