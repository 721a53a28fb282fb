"""Every report regenerated in the canonical template of its kind, plus a review page per report.

``render_all(db, out_dir)`` writes, for each report in the database:

    report-<id>.html / .md / .docx   the report normalized: the template's sections in template
                                     order under their standard headings (patterns/sections.toml),
                                     then the facts with Chinese labels and units, the projects by
                                     budget group, the work quantities, the self-assessment forms
                                     and the cross-check findings with their evidence
    review-<id>.html                 the normalized source text with every extracted span marked
                                     by kind (in the manner of displaCy's entity visualizer), a
                                     legend with counts, and an anchor per span (review.py)

and ``index.html`` listing the reports. Each report is read with ``store.load_report``;
blocks.py turns it into one document that html.py, markdown.py and docx.py write, so every
format says the same. Every number in a rendered report links to its place on the review page.
All report text is escaped (HTML autoescaping, Markdown backslash escapes, DOCX XML), so a
report containing <script> renders inert. Output is a pure function of the database: no
timestamps, DOCX zip entries carry a fixed date, so the same database gives the same bytes.
"""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment

from ... import store
from ...errors import NoSuchReport
from ...model import StoredReport
from ..dictionary import labels, value_label
from .blocks import (SEVERITIES, build_document, cn_number, findings_by_severity, metadata_rows,
                     report_title, severity_counts, stake)
from .docx import to_docx
from .html import environment, index_page, report_page, review_page
from .links import Links
from .markdown import md_escape, to_markdown
from .review import Mark, layered_html, legend, review_findings, review_marks

__all__ = ["Mark", "cn_number", "layered_html", "md_escape", "render_all", "render_report", "stake"]


def _write(path: Path, content: str | bytes) -> Path:
    """Write text as UTF-8 with \\n line ends, or bytes; returns the path."""
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="\n")
    return path


def _render_one(stored: StoredReport, out_dir: Path, env: Environment) -> tuple[list[Path], dict]:
    """Write one report's four files; returns their paths and the report's line of the index."""
    rid, report = stored.id, stored.report
    links = Links(stored)
    blocks = build_document(stored, links)
    title = report_title(stored)
    meta = metadata_rows(stored)
    marks = review_marks(stored, links)
    review = review_page(env, title, rid, layered_html(links.text, marks), legend(stored, marks),
                         review_findings(links, findings_by_severity(stored)))
    paths = [
        _write(out_dir / f"report-{rid}.html", report_page(env, title, meta, blocks, rid)),
        _write(out_dir / f"report-{rid}.md",
               to_markdown(title, meta, blocks, rid, labels("render.notes")["review_link"])),
        _write(out_dir / f"report-{rid}.docx", to_docx(title, meta, blocks)),
        _write(out_dir / f"review-{rid}.html", review),
    ]
    summary = {
        "id": rid, "title": title, "file_name": stored.file_name or "",
        "unit_name": report.unit_name or "", "fiscal_year": report.fiscal_year,
        "kind": value_label("report_kind", report.report_kind),
        "counts": {
            "sections": len(report.sections), "mentions": len(report.mentions), "facts": len(report.facts),
            "projects": len(report.projects), "indicators": sum(len(f.indicators) for f in report.forms),
        },
        "findings": severity_counts(stored),
    }
    return paths, summary


def render_report(db, report_id: int, out_dir: str | Path) -> list[Path]:
    """Write report-<id>.html, report-<id>.md, report-<id>.docx and review-<id>.html."""
    db = store.as_database(db)
    try:
        stored = store.load_report(db, report_id)
    except NoSuchReport as e:
        raise NoSuchReport(f"{e}; `extractor render` without an id renders them all") from None
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths, _ = _render_one(stored, out_dir, environment())
    return paths


def render_all(db, out_dir: str | Path) -> list[Path]:
    """Render every report of the database and an index.html; returns the paths written."""
    db = store.as_database(db)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    env = environment()
    paths, summaries = [], []
    copies = store.copies_of(db)
    copy_ids = {c["id"] for found in copies.values() for c in found}
    for report_id in store.report_ids(db):
        written, summary = _render_one(store.load_report(db, report_id), out_dir, env)
        paths += written
        if report_id not in copy_ids:  # a copy of one report is listed under its canonical copy
            summaries.append({**summary, "copies": copies.get(report_id, [])})
    index = index_page(env, summaries, store.ingest_errors(db),
                       [(s, value_label("severity", s)) for s in SEVERITIES])
    paths.append(_write(out_dir / "index.html", index))
    return paths
