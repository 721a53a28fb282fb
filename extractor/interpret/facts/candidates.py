"""Working records of the facts stage: a label found in the text and a candidate value of a key
(one statement of it; the stage later keeps one candidate per key, see choose.py)."""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from ...model import Fact, FactCandidate, Mention
from .reading import Reading
from .vocabulary import Entry

# The stated priority between the sources of a key's value: what a self-assessment form says
# wins over a value read from a table cell, which wins over prose (issue 13).
SOURCE_RANK = {"form": 0, "table": 1, "prose": 2}
# Within a source, a report-level statement before a group figure or a score found under its
# heading.
SCOPE_RANK = {"report": 0, "form": 0, "heading": 1, "group": 1}


def close(a: float, b: float) -> bool:
    """Two values equal up to float noise."""
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


@dataclass
class Label:
    """A label of an entry found at text[start:end]."""

    entry: Entry
    start: int
    end: int
    text: str
    # a label of another key this one closes with a total word ("财政拨款收入合计": the 财政拨款收入
    # inside 收入合计): the figure states both (see labels.find_labels)
    inner: "Label | None" = None


@dataclass
class Candidate:
    """One statement of a key's value, with its qualifiers; becomes a Fact if it wins."""

    key: str
    value: float
    unit: str | None
    scope: str  # report | group | form | project | heading (a score found under its heading)
    rank: int
    approx_target: bool  # a target (≥95%) rather than an exact figure
    start: int
    end: int
    label: str | None
    rule_id: str
    mention: int | None = None
    section: int | None = None
    kind: str = "amount"
    qualifiers: list["Candidate"] = field(default_factory=list)
    orphan: bool = False  # a qualifier of a restated subject, whatever value the key gets
    source: str = "prose"  # form | table | prose
    page: int | None = None
    barred: str | None = None  # why this reading can never win (another year's figure, …)
    entry: Entry | None = None  # the [[fact]] entry whose label read it (None: a form or a qualifier)
    promoted: str | None = None  # why it wins out of order (arithmetic.py)
    demoted: str | None = None  # why it ranks below its label's rank (a budget figure, narrative.py)
    # where the stored span opens when the value precedes its label ("600万元,于2024年2月1日支出完毕": the figure);
    # ``start`` stays the label's, where the guards look back for a year or a plan
    first: int | None = None

    @property
    def span(self) -> tuple[int, int]:
        """(start, end) of the stored record: the label and its value, whichever comes first."""
        return (self.first if self.first is not None else self.start), self.end

    def order(self) -> tuple:
        """Sort key: the first candidate of a key in this order wins (a barred one never does)."""
        return (self.barred is not None, SOURCE_RANK.get(self.source, 9), SCOPE_RANK.get(self.scope, 9),
                self.rank, self.approx_target, self.start)

    def fact(self) -> Fact:
        """The stored record of this candidate."""
        return Fact(
            key=self.key,
            value=self.value,
            unit=self.unit,
            mention=self.mention,
            section=self.section,
            derived=False,
            label=self.label,
            start=self.span[0],
            end=self.end,
            rule_id=self.rule_id,
            source=self.source,
            page=self.page,
        )

    def lost(self, why: str) -> FactCandidate:
        """The stored record of this candidate as a losing reading of its key."""
        return FactCandidate(
            key=self.key, value=self.value, unit=self.unit, source=self.source,
            rule_id=self.rule_id, why=why, label=self.label, mention=self.mention,
            section=self.section, start=self.span[0], end=self.end, page=self.page,
        )

    def why_lost_to(self, win: "Candidate") -> str:
        """Why ``win`` and not this candidate is the key's value (the first difference in
        :meth:`order`), naming the winner."""
        if self.barred is not None:
            reason = self.barred
        elif win.promoted is not None and not close(self.value, win.value):
            reason = win.promoted
        elif close(self.value, win.value):
            reason = "the same value, stated by the winner"
        elif SOURCE_RANK.get(win.source, 9) < SOURCE_RANK.get(self.source, 9):
            reason = f"{win.source} before {self.source}"
        elif SCOPE_RANK.get(win.scope, 9) < SCOPE_RANK.get(self.scope, 9):
            reason = f"a report-level statement before a {self.scope} one"
        elif win.rank < self.rank:
            reason = self.demoted if self.demoted and win.rank == self.rank - 1 else "a stronger label"
        elif win.approx_target < self.approx_target:
            reason = "an exact value before a target"
        else:
            reason = "stated first"
        return f"{reason}: {win.rule_id} = {win.value:g}"


def candidate(r: Reading, lab: Label, idx: int | None, m: Mention, scope: str, **over) -> Candidate:
    """The candidate stated by label ``lab`` bound to mention ``m`` (index ``idx``); keyword
    arguments override fields (a subject's rank, a combined pattern id)."""
    fields = dict(
        key=lab.entry.key,
        value=float(m.value),
        unit=lab.entry.unit,
        scope=scope,
        rank=lab.entry.rank,
        approx_target=m.comparator in ("≥", ">", "≤", "<"),
        start=lab.start,
        end=max(m.end, lab.end),
        first=m.start if m.start < lab.start else None,
        label=lab.text,
        rule_id=f"fact:{lab.entry.id}",
        mention=idx,
        section=m.section if m.section is not None else r.section_at(lab.start),
        kind=lab.entry.value,
        page=r.report.page_at(lab.start),
        entry=lab.entry,
    )
    fields.update(over)
    return Candidate(**fields)
