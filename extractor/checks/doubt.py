"""Findings that rest on a reading in doubt are refused, not reported (issue 14: precision on
layouts the development texts lack). The readers and interpreters bind figures to labels by
layout; when the layout around a figure is ambiguous the binding may be wrong, and an arithmetic
finding built on it would accuse the report of the reader's mistake.

``refused(ctx, finding)`` says whether a finding of a rule named in ``[evidence].rules`` of
patterns/checks.toml has an evidence span that crosses page chrome (a page number line inside a
form row: a row cut by a page break, whose figure may be the page's number) or holds figures of
cells written together that no reader cut (387664.62387664.62). Rule modules add
their own doubts where they bind their inputs (sums.py: a form's lines whose shapes disagree).
"""
from __future__ import annotations

from ..model import Finding
from .context import Ctx, config


def evidence_config() -> dict:
    """The ``[evidence]`` table of patterns/checks.toml ({} when there is none)."""
    return config().get("evidence", {})


def chrome_in(text: str, start, end) -> bool:
    """Whether the lines that ``text[start:end]`` touches hold a page chrome line
    (``[evidence.page_chrome]``): a row cut by a page break, or a figure read from the chrome
    itself (a footer's "第 2 页 共 5 页" taken for a project of 2)."""
    rule = evidence_config().get("page_chrome")
    if rule is None or not isinstance(start, int) or not isinstance(end, int) or end <= start:
        return False
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    return rule.regex.search(text, first, len(text) if last < 0 else last) is not None


def glued_in(text: str, start, end) -> bool:
    """Whether ``text[start:end]`` holds figures of cells written together and not cut
    (``[evidence.glued_run]``)."""
    rule = evidence_config().get("glued_run")
    if rule is None or not isinstance(start, int) or not isinstance(end, int) or end <= start:
        return False
    return rule.regex.search(text, start, end) is not None


def refused(ctx: Ctx, finding: Finding) -> bool:
    """Whether ``finding`` rests on a span whose reading is in doubt (and its rule is guarded)."""
    if finding.rule not in set(evidence_config().get("rules", [])):
        return False
    return any(chrome_in(ctx.text, e.get("start"), e.get("end")) or glued_in(ctx.text, e.get("start"), e.get("end"))
               for e in finding.evidence if e.get("report", "current") == "current")


def without_doubt(ctx: Ctx, findings: list[Finding]) -> list[Finding]:
    """``findings`` without those ``refused``."""
    return [f for f in findings if not refused(ctx, f)]


def rows_shifted(form) -> bool:
    """Whether a form's indicator rows were read shifted by a cell: a row whose name is a figure
    with its unit (``[evidence.value_as_name]``), so names, targets, weights and scores may belong
    to other rows; its weights and scores are then not judged."""
    rule = evidence_config().get("value_as_name")
    if rule is None:
        return False
    return any(ind.name and rule.regex.fullmatch("".join(ind.name.split())) for ind in form.indicators or [])


def block_indicators(form) -> list:
    """(index, indicator) of a form's indicator rows up to its total-score row
    (``[evidence.total_row]``): rows read after it (自评等级 / 优, notes under the form) are no
    indicators."""
    rule = evidence_config().get("total_row")
    out = []
    for i, ind in enumerate(form.indicators or []):
        if rule is not None and ind.name and rule.regex.search(ind.name):
            break
        out.append((i, ind))
    return out


def document_starts(text: str) -> list[int]:
    """Where each report of a text begins after the first: the start of each title line
    (``[evidence.document_title]``) with body text between it and the title before it (or the
    text's start). A title right after another (a heading block: 附件3 / 田心乡…自评报告 /
    (2022年度)) starts nothing new."""
    rule = evidence_config().get("document_title")
    if rule is None:
        return []
    out, last_end, seen = [], 0, set()
    for m in rule.regex.finditer(text):
        title = "".join(m.group().split()).strip("|")
        if len("".join(text[last_end:m.start()].split())) > 20 and title not in seen:
            out.append(m.start())  # (the same title again, after a portal's chrome, is the same report)
        seen.add(title)
        last_end = m.end()
    return out


def same_document(starts: list[int], a, b) -> bool:
    """Whether positions ``a`` and ``b`` lie in the same report of the text (no document start
    between them); positions that are not numbers are taken to agree."""
    if not isinstance(a, int) or not isinstance(b, int):
        return True
    lo, hi = min(a, b), max(a, b)
    return not any(lo < s <= hi for s in starts)
