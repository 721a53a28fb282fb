"""The HTML writer: the report page, the review page and the index, from the Jinja2 templates in
templates/. Autoescaping makes any report text inert (a report containing <script> shows it)."""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .document import Block
from .review import css

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


def environment() -> Environment:
    """The Jinja2 environment of the templates, with the ``css`` filter."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)), autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
    )
    env.filters["css"] = css
    return env


def report_page(env: Environment, title: str, meta: list[tuple[str, str]], blocks: list[Block], rid: int) -> str:
    """report-<id>.html: the normalized report."""
    return env.get_template("report.html").render(title=title, meta=meta, blocks=blocks, rid=rid)


def review_page(env: Environment, title: str, rid: int, text: Markup, legend: list[dict],
                findings: list[dict]) -> str:
    """review-<id>.html: the marked text (``text``, from review.layered_html), legend and findings."""
    return env.get_template("review.html").render(title=title, rid=rid, text=text, legend=legend, findings=findings)


def index_page(env: Environment, reports: list[dict], errors: list[dict], severities: list[tuple[str, str]]) -> str:
    """index.html: every report with its counts, and the files that could not be read."""
    return env.get_template("index.html").render(reports=reports, errors=errors, severities=severities)
