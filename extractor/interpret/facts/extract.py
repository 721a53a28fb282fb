"""The facts stage's entry point: read the report, gather candidates, keep one per key."""
from __future__ import annotations

from collections.abc import Collection
from typing import NamedTuple

from ...model import Fact, FactCandidate, Mention, Report
from .choose import choose
from .forms import form_candidates
from .guards import (bar_disagreeing, bar_other_years, bar_targets, bar_unaccompanied, bar_unit_slips,
                     demote_wholes)
from .narrative import narrative_candidates
from .reading import Reading
from .scope import part_figures
from .vocabulary import config


class FactsFound(NamedTuple):
    """What the facts stage returns: the facts (one value per key), the readings that lost, and
    the mentions the stage found itself (scores "98分", bare table cells), which the pipeline
    appends to ``report.mentions``: facts refer to them by index, numbered after the report's."""

    facts: list[Fact]
    candidates: list[FactCandidate]
    mentions: list[Mention]


def extract_facts(report: Report, gaps: Collection[int] = ()) -> FactsFound:
    """The report's facts, the losing readings and the mentions found; the report is unchanged.
    ``gaps``: offsets where normalization removed a space (a flattened table's cell boundaries)."""
    cfg = config()
    reading = Reading(report, cfg, gaps)
    candidates = narrative_candidates(reading) + form_candidates(reading)
    part_figures(reading, candidates)
    bar_other_years(reading, candidates)
    bar_targets(reading, candidates)
    bar_unit_slips(reading, candidates)
    bar_disagreeing(candidates)
    bar_unaccompanied(candidates)
    demote_wholes(reading, candidates)
    facts, lost = choose(candidates, cfg)
    return FactsFound(facts, lost, reading.added)
