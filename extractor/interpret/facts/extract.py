"""The facts stage's entry point: read the report, gather candidates, keep one per key."""
from __future__ import annotations

from ...model import Fact, Mention, Report
from .choose import choose
from .forms import form_candidates
from .narrative import narrative_candidates
from .reading import Reading
from .vocabulary import config


def extract_facts(report: Report) -> tuple[list[Fact], list[Mention]]:
    """The report's facts, and the score mentions ("98分") they found, which the pipeline appends
    to ``report.mentions``: facts refer to them by index, numbered after the report's mentions.
    The report itself is left unchanged."""
    cfg = config()
    reading = Reading(report, cfg)
    candidates = narrative_candidates(reading) + form_candidates(reading)
    return choose(candidates, cfg), reading.added
