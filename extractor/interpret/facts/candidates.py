"""Working records of the facts stage: a label found in the text and a candidate value of a key
(one statement of it; the stage later keeps one candidate per key, see choose.py)."""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from ...model import Fact, Mention
from .reading import Reading
from .vocabulary import Entry

# Candidates of a key are ordered by scope first: narrative report-level, then forms, then a
# group figure or a score found under its heading.
SCOPE_RANK = {"report": 0, "form": 1, "heading": 2, "group": 2}


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
    pattern_id: str
    mention: int | None = None
    section: int | None = None
    kind: str = "amount"
    qualifiers: list["Candidate"] = field(default_factory=list)
    orphan: bool = False  # a qualifier of a restated subject, whatever value the key gets

    def order(self) -> tuple:
        """Sort key: the first candidate of a key in this order wins."""
        return (SCOPE_RANK.get(self.scope, 9), self.rank, self.approx_target, self.start)

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
            start=self.start,
            end=self.end,
            pattern_id=self.pattern_id,
        )


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
        end=m.end,
        label=lab.text,
        pattern_id=f"fact:{lab.entry.id}",
        mention=idx,
        section=m.section if m.section is not None else r.section_at(lab.start),
        kind=lab.entry.value,
    )
    fields.update(over)
    return Candidate(**fields)
