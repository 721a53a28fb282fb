"""Forms met without a title in the text.

* Indicator tables a narrative report carries outside any titled form ("具体完成情况如下表:" then
  一级指标 | 二级指标 | 指标名称 | 目标值 | 实际完成值): each becomes a form of its own, title None,
  indicators only (:func:`untitled_indicator_tables`).
* A template's form whose title the excerpt lost (a page cut after the cover, a mirror that dropped
  it): where at least ``untitled_markers`` of the template's marker labels occur within
  MARKER_CHARS characters (湖南 财政支出项目绩效评价自评报告: 项目单位 / 项目起止时间 / 计划安排资金 /
  实际到位资金 / 实际支出 …), the lines from a little before the first of them are read as a form
  (:func:`marked_forms`).
"""
from __future__ import annotations

from collections.abc import Collection

from ...model import Report
from .cells import span_of
from .fit import rate_check, read_best, read_text
from .flatten import text_cells
from .parsed import Candidate
from .templates import templates
from .vocabulary import Vocabulary

SEGMENT_MAX = 30_000  # characters of text a form can span
UNTITLED_MIN_ROWS = 2  # indicator rows (a name with a target or an actual) that make an untitled table
MARKER_CHARS = 1500  # characters within which a template's markers make a titleless form
LEAD_LINES = 24  # lines before the first marker that may belong to the form (its cover and header fields)
TAIL_LINES = 60  # lines after the last marker that may still belong to it
OTHER_TITLE_CHARS = 200  # characters before the first marker where another kind of form's title claims them


def untitled_indicator_tables(report: Report, titles: list, segments: list[tuple[int, int]],
                              vocab: Vocabulary) -> list[Candidate]:
    """Indicator tables a narrative report carries without any form title: each a form of its own,
    title None, indicators only (the same reading as an indicator table a reader gives alone)."""
    text = report.text
    title_starts = [m.start() for m in titles]

    def line_at(i: int) -> str:
        end = text.find("\n", i)
        return text[i: len(text) if end == -1 else end]

    # the report's own headings end such a table ("(三)存在的问题和原因"); a cell is no heading
    headings = [sec.start for sec in report.sections if "|" not in line_at(sec.start)]
    out: list[Candidate] = []
    pos = 0
    heads = [m.start() for m in vocab.ind_head.finditer(text)]
    for k, at in enumerate(heads):
        if at < pos or any(s <= at < e for s, e in segments):
            continue
        lo = text.rfind("\n", 0, at) + 1
        hi = min([t for t in title_starts if t > at] + [len(text), lo + SEGMENT_MAX])
        # the next header, a form, or the report's next heading ends the table
        hi = min([s for s, _ in segments if s > at] + [h for h in headings if h > at] + heads[k + 1:k + 2] + [hi])
        cells = text_cells(text, lo, hi, vocab, check=rate_check)
        parsed = read_best(cells, False, None, untitled=True)
        rows = [r for r in parsed.rows if "name" in r.cells and ("target" in r.cells or "actual" in r.cells)]
        if parsed.title is not None or len(rows) < UNTITLED_MIN_ROWS:
            continue
        start, end = span_of(parsed.used)
        if start is None:
            continue
        out.append((parsed, None, None))
        pos = end
    return out


def marked_forms(report: Report, covered: list[tuple[int, int]], vocab: Vocabulary,
                 gaps: Collection[int]) -> list[Candidate]:
    """Forms of templates that say how many of their markers make a form without a title, found
    where that many different markers occur within MARKER_CHARS characters (in cells of any
    flattening: one a line, between pipes, spaced or glued), outside ``covered``."""
    wanted = [t for t in templates() if t.untitled_markers]
    text = report.text
    out: list[Candidate] = []
    for t in wanted:
        hits = sorted((m.start(), k) for k, marker in enumerate(t.markers) for m in marker.finditer(text))
        start = 0
        while start < len(hits):
            first = hits[start][0]
            window = [h for h in hits[start:] if h[0] - first <= MARKER_CHARS]
            if len({k for _, k in window}) < t.untitled_markers:
                start += 1
                continue
            lo = _line_start(text, first, LEAD_LINES)
            hi = _line_end(text, window[-1][0], TAIL_LINES)
            # markers under another kind of form's title (申报表) are that form's
            other = vocab.title_other.search(text, max(lo, first - OTHER_TITLE_CHARS), first) is not None
            if not other and not any(s < hi and lo < e for s, e in covered):
                parsed, _ = read_text(text, lo, hi, vocab, gaps, None)
                if parsed.is_form() and parsed.template == t.id:
                    out.append((parsed, None, None))
                    covered = covered + [(lo, hi)]
            start += len(window)
    return out


def _line_start(text: str, at: int, lines: int) -> int:
    """The start of the line ``lines`` lines before the one holding ``at``."""
    pos = text.rfind("\n", 0, at) + 1
    for _ in range(lines):
        if pos == 0:
            break
        pos = text.rfind("\n", 0, pos - 1) + 1
    return pos


def _line_end(text: str, at: int, lines: int) -> int:
    """The end of the line ``lines`` lines after the one holding ``at``."""
    pos = at
    for _ in range(lines + 1):
        nl = text.find("\n", pos)
        if nl == -1:
            return len(text)
        pos = nl + 1
    return pos - 1
