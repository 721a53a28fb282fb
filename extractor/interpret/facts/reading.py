"""The report as the facts stage reads it: its text, its mentions in text order (plus the score
mentions the stage finds itself), its sentences and its project sections.

The report is never changed: score mentions ("自评得分98分": the quantity recognizer has no 分 unit)
are appended to this reading's own copy of the mention list, numbered after the report's, and
handed back by the stage for the pipeline to add (``Reading.added``).
"""
from __future__ import annotations

import bisect
from collections.abc import Collection, Iterator

from ...model import Mention, Report
from ...text.segment import section_at
from .vocabulary import Config, config


def report_kind(report: Report, cfg: Config | None = None) -> str:
    """department | project: the metadata's answer, else a look at the head of the text."""
    cfg = cfg or config()
    if report.report_kind in ("department", "project"):
        return report.report_kind
    head = report.text[: cfg.head_chars]
    return "department" if cfg.department_marker.search(head) else "project"


class Reading:
    """One report under reading: text, kind, mentions by position, sentence stops."""

    def __init__(self, report: Report, cfg: Config, gaps: Collection[int] = ()):
        self.report = report
        self.cfg = cfg
        self.gaps = sorted(gaps)  # where normalization removed a space: a flattened table's cell boundaries
        self.text = report.text
        self.sections = report.sections
        self.kind = report_kind(report, cfg)
        self.mentions: list[Mention] = list(report.mentions)
        self.known = len(report.mentions)  # mentions from this index on were added here
        self._sort_mentions()
        # amounts per month, head or mu (2592元/月): rates, which no total label takes
        self.rates = frozenset(id(m) for m in self.mentions
                               if m.kind == "amount" and cfg.per_unit.match(self.text, m.end))
        self.stops = [m.start() for m in cfg.clause_stop.finditer(self.text)]
        self.project_sections = [
            s for s in report.sections if cfg.project_section.search(s.heading or "")
        ]
        title = (report.title or "").strip()
        self.title_start = max(0, self.text.find(title)) if title else 0

    @property
    def added(self) -> list[Mention]:
        """The mentions this reading added (scores), in the order their indexes were given."""
        return self.mentions[self.known:]

    def _sort_mentions(self) -> None:
        ms = self.mentions
        self.order = sorted(range(len(ms)), key=lambda i: (ms[i].start, i))
        self.starts = [ms[i].start for i in self.order]

    def mentions_from(self, pos: int) -> Iterator[tuple[int, Mention]]:
        """(index, mention) of the mentions starting at or after ``pos``, in text order."""
        for k in range(bisect.bisect_left(self.starts, pos), len(self.order)):
            i = self.order[k]
            yield i, self.mentions[i]

    def mention_before(self, pos: int) -> tuple[int, Mention] | None:
        """(index, mention) of the last mention ending at or before ``pos``, if any."""
        best = None
        for k in range(bisect.bisect_left(self.starts, pos) - 1, -1, -1):
            i = self.order[k]
            m = self.mentions[i]
            if m.end <= pos and (best is None or m.end > best[1].end):
                best = (i, m)
            if best is not None and m.start < best[1].start:
                break
        return best

    def mention_at(self, start: int, end: int) -> int | None:
        """Index of a mention spanning exactly [start, end), if there is one."""
        for i, old in enumerate(self.mentions):
            if old.start == start and old.end == end:
                return i
        return None

    def add_mention(self, mention: Mention) -> int:
        """Append a mention found by this stage; its index follows the report's mentions."""
        self.mentions.append(mention)
        self._sort_mentions()
        return len(self.mentions) - 1

    def gap_at(self, pos: int) -> bool:
        """Whether normalization removed a space right before ``pos``."""
        i = bisect.bisect_left(self.gaps, pos)
        return i < len(self.gaps) and self.gaps[i] == pos

    def gaps_in(self, lo: int, hi: int) -> list[int]:
        """The gaps strictly inside text[lo:hi]."""
        return self.gaps[bisect.bisect_right(self.gaps, lo):bisect.bisect_left(self.gaps, hi)]

    def section_at(self, pos: int) -> int | None:
        """Ordinal of the section holding ``pos``."""
        return section_at(self.sections, pos)

    def sentence_bounds(self, pos: int) -> tuple[int, int]:
        """The sentence (between clause.stop characters) holding ``pos``."""
        k = bisect.bisect_left(self.stops, pos)
        start = self.stops[k - 1] + 1 if k > 0 else 0
        end = self.stops[k] if k < len(self.stops) else len(self.text)
        return start, end
