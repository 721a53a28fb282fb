"""Where each stored row sits in the report's text, and the review-page link to it.

A :class:`Links` is built from a :class:`~extractor.model.StoredReport`: the Report's records
paired with their row ids (the review page's anchors are row ids: ``#m-<mention id>``). Every
number the rendered report shows goes through ``number`` or ``written``, which link it to the
mention it was read from, else to the mention with that value inside the row's span, else to the
row's own mark.
"""
from __future__ import annotations

import bisect

from ...model import Mention, StoredReport
from ..dictionary import value_label
from .document import Run, num


class Links:
    """The rows of one stored report by id, its mentions in text order, and links to the review page."""

    def __init__(self, stored: StoredReport):
        report, ids = stored.report, stored.row_ids
        self.rid = stored.id
        self.text = report.text or ""
        self.review = f"review-{self.rid}.html"
        self.mention_ids: list[int] = ids["mentions"]  # Report.mentions index → row id
        self.mentions: dict[int, Mention] = dict(zip(ids["mentions"], report.mentions))
        self.by_start = sorted(((i, m) for i, m in self.mentions.items() if self.valid(m.start, m.end)),
                               key=lambda p: (p[1].start, -p[1].end, p[0]))
        self.starts = [m.start for _, m in self.by_start]
        self.facts = dict(zip(ids["facts"], report.facts))
        self.projects = dict(zip(ids["projects"], report.projects))
        self.sections = dict(zip(ids["sections"], report.sections))

    def mention_id(self, index: int | None) -> int | None:
        """The row id of the mention at ``index`` of Report.mentions (None for None)."""
        return None if index is None else self.mention_ids[index]

    def valid(self, start, end) -> bool:
        """Whether [start, end) is a span of the text."""
        return start is not None and end is not None and 0 <= start <= end <= len(self.text)

    def href(self, anchor: str | None) -> str | None:
        """The review-page link to ``anchor``."""
        return f"{self.review}#{anchor}" if anchor else None

    def mention_run(self, mention_id: int, m: Mention, text: str | None = None) -> Run:
        """A run linked to a mention's mark, titled with its kind and value."""
        title = f"{value_label('kind', m.kind)} {num(m.value)} {m.unit or ''}".strip()
        return Run(text if text is not None else m.raw, self.href(f"m-{mention_id}"), m.kind, title)

    def mention_in(self, start, end, value, used: set | None = None) -> tuple[int, Mention] | None:
        """The first mention inside [start, end) holding ``value`` and not in ``used`` (to link a
        table cell to its number; "预算9011万元,实际支出9011万元" are two mentions)."""
        if value is None or not self.valid(start, end):
            return None
        for i, m in self.between(start, end):
            if m.value is not None and abs(m.value - float(value)) < 1e-6 and i not in (used or ()):
                return i, m
        return None

    def between(self, start: int, end: int) -> list[tuple[int, Mention]]:
        """Mentions (row id, mention) lying wholly inside [start, end), in text order."""
        lo, hi = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        return [p for p in self.by_start[lo:hi] if p[1].end <= end]

    def number(self, value, unit: str | None, *, mention_id=None, span=None, anchor=None,
               used: set | None = None) -> list[Run]:
        """A number as a run linked to its mention, else to the mention with that value inside
        ``span`` (skipping ids in ``used``, to which it adds its own), else to ``anchor`` (the
        row's own mark on the review page)."""
        if value is None:
            return []
        text = f"{num(value)}{(' ' + unit) if unit else ''}"
        found = None
        if mention_id is not None and mention_id in self.mentions:
            found = mention_id, self.mentions[mention_id]
        if found is None and span:
            found = self.mention_in(span[0], span[1], value, used)
        if found is not None:
            if used is not None:
                used.add(found[0])
            return [self.mention_run(*found, text)]
        return [Run(text, self.href(anchor) if anchor and span and self.valid(*span) else None)]

    def written(self, text: str | None, value, unit: str | None, span, anchor: str, used: set) -> list[Run]:
        """A table cell as the form writes it ("≥320公里"), linked to the mention of its value
        inside ``span`` when there is one, else to the row's mark; the bare number without text."""
        if not text:
            return self.number(value, unit, span=span, anchor=anchor, used=used)
        found = self.mention_in(span[0], span[1], value, used)
        if found is not None:
            used.add(found[0])
            return [self.mention_run(*found, text)]
        return [Run(text, self.href(anchor) if self.valid(*span) else None)]

    def evidence_span(self, item: dict) -> tuple[int, int] | None:
        """Where a finding's evidence item is: its own offsets, else those of the row it names; None
        for an item in another report (the prior-year rule's ``"report": "previous"``)."""
        if item.get("report") == "previous":
            return None
        start, end = item.get("start"), item.get("end")
        if not self.valid(start, end):
            rows = {"mention": self.mentions, "fact": self.facts, "project": self.projects,
                    "section": self.sections}.get(item.get("type"), {})
            row = rows.get(item.get("id"))
            start, end = (row.start, row.end) if row is not None else (None, None)
        return (start, end) if self.valid(start, end) else None

    def crosses(self, offset: int) -> bool:
        """True when a mention starts before ``offset`` and ends after it."""
        hi = bisect.bisect_left(self.starts, offset)
        return any(m.end > offset for _, m in self.by_start[:hi])

    def runs(self, start: int, end: int) -> list[Run]:
        """Text [start, end) with every mention inside it as a linked run (overlaps: first wins)."""
        out, pos = [], start
        for i, m in self.between(start, end):
            if m.start < pos or m.end <= m.start:
                continue
            if m.start > pos:
                out.append(Run(self.text[pos:m.start]))
            out.append(self.mention_run(i, m, self.text[m.start:m.end]))
            pos = m.end
        if pos < end:
            out.append(Run(self.text[pos:end]))
        return out
