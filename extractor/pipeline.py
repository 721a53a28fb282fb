"""One document, start to finish: bytes → RawDocument → Report(s). A pure function of the file.

``extract(path)`` does no database work, so it runs the same in a worker process, a test, or a
distributed engine.
"""
from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import regex

from . import __version__
from .checks import check_report
from .interpret.facts import extract_facts
from .interpret.forms import extract_forms
from .interpret.metadata import describe, fill_from_forms
from .model import DocumentInfo, Extraction, RawDocument, Report
from .text.normalize import is_traditional, normalize, to_simplified
from .interpret.projects import extract_projects
from .read import Limits, file_bytes, read_bytes
from .read.ocr import attach_boxes
from .text.recognize import recognize
from .text.segment import resolve_templates, section_at, segment

PAGE_SEPARATOR = "\n\n"


def extract(path: str | Path, limits: Limits = Limits()) -> Extraction:
    """Read and extract one file. Raises an ExtractorError subclass for bad input."""
    path = Path(path)
    data = file_bytes(path, limits)
    return extract_bytes(data, path, limits)


def extract_bytes(data: bytes, path: Path, limits: Limits = Limits()) -> Extraction:
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
    fill_from_path(report, path)
    return Extraction(document=info, reports=[report], tables=raw.tables)


def build_report(raw: RawDocument) -> Report:
    """Normalize, segment, recognize and interpret the text of one document."""
    source, source_page_starts = join_pages(raw)
    traditional = is_traditional(source)
    if traditional:  # a mirror converted to 萬元, 縣: read it as published, in simplified characters
        raw = simplified_document(raw)
        source, source_page_starts = join_pages(raw)
    norm = normalize(source)
    report = Report(text=norm.text)
    if len(raw.pages) > 1:
        report.page_starts = [norm.from_source(s) for s in source_page_starts]
    report.sections = segment(norm.text)
    for sec in report.sections:
        sec.page = report.page_at(sec.start)
    report.mentions = recognize(norm.text)
    for m in report.mentions:
        m.page = report.page_at(m.start)
        m.section = section_at(report.sections, m.start)
    describe(report, raw)
    if traditional:
        report.metadata_sources["characters"] = "traditional"  # the stored text is converted
    resolve_templates(report)
    report.forms = extract_forms(report, raw.tables)  # may add table_amount mentions
    fill_from_forms(report)  # a form's 实施单位 when the text named no unit
    report.facts, report.fact_candidates, found = extract_facts(report)
    report.mentions += found  # scores ("98分") the facts found: they refer to them by index
    report.projects, report.project_groups, report.outputs = extract_projects(report)
    # OCR pages: each mention gets the box it was read from, and a flag when OCR was unsure
    attach_boxes(report.mentions, norm, source_page_starts, raw.pages)
    report.findings = check_report(report)
    return report


_YEAR = regex.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_HAN = regex.compile(r"\p{Han}")
_REGION_SUFFIX = ("省", "市", "区", "县", "州", "旗", "盟")


def fill_from_path(report: Report, path: Path) -> None:
    """Archives are filed as year/region/unit/...: use the path where the document is silent,
    and record that the value came from the path."""
    folders = [p for p in Path(path).parent.parts if p not in ("/", ".", "..")]
    if report.fiscal_year is None:
        for part in reversed([*folders, Path(path).stem]):
            m = _YEAR.search(part)
            if m:
                report.fiscal_year = int(m.group(1))
                report.metadata_sources["fiscal_year"] = "path"
                break
    named = [p for p in folders if _HAN.search(p) and not _YEAR.fullmatch(p)]
    if report.unit_name is None and named and not named[-1].endswith(_REGION_SUFFIX):
        report.unit_name = named[-1]
        report.metadata_sources["unit_name"] = "path"
        named = named[:-1]
    if report.region is None and named and named[-1].endswith(_REGION_SUFFIX):
        report.region = named[-1]
        report.metadata_sources["region"] = "path"


def simplified_document(raw: RawDocument) -> RawDocument:
    """``raw`` with its pages and table cells in simplified characters (one for one: offsets and
    OCR boxes hold)."""
    return replace(
        raw,
        pages=[replace(p, text=to_simplified(p.text)) for p in raw.pages],
        tables=[replace(t, rows=[[to_simplified(c) if c else c for c in row] for row in t.rows]) for t in raw.tables],
    )


def join_pages(raw: RawDocument) -> tuple[str, list[int]]:
    starts, parts, pos = [], [], 0
    for page in raw.pages:
        starts.append(pos)
        parts.append(page.text)
        pos += len(page.text) + len(PAGE_SEPARATOR)
    return PAGE_SEPARATOR.join(parts), starts


def version() -> str:
    return __version__
