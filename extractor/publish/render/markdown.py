"""The Markdown writer: report-<id>.md, every report character escaped so it stays text."""
from __future__ import annotations

import re

from .document import Block, Run

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&!$])")
_MD_LINE_START = re.compile(r"^(\d+)([.)])|^([-+=])")


def md_escape(text: str, line_start: bool = False) -> str:
    """Backslash-escape Markdown syntax (and raw HTML) in report text; newlines become spaces."""
    s = _MD_SPECIAL.sub(r"\\\1", text.replace("\r", " ").replace("\n", " "))
    if line_start:
        s = _MD_LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", s)
    return s


def md_runs(runs: list[Run], line_start: bool = False) -> str:
    """Runs as Markdown: escaped text, links as [text](<href>)."""
    out = []
    for i, r in enumerate(runs):
        text = md_escape(r.text, line_start and i == 0)
        out.append(f"[{text}](<{r.href}>)" if r.href else text)
    return "".join(out)


def to_markdown(title: str, meta: list[tuple[str, str]], blocks: list[Block], rid: int, review_label: str) -> str:
    """The whole report as Markdown: title, metadata list, link to the review page, blocks."""
    lines = [f"# {md_escape(title)}", ""]
    for name, value in meta:
        lines.append(f"- {name}：{md_escape(value)}")
    lines += [f"- {review_label}[review-{rid}.html](<review-{rid}.html>)", ""]
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
