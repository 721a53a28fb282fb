"""The ingest progress line, with an ETA from the throughput measured in this run.

click's progress bar divides the time so far by the items done, so the first document, which
pays for starting the workers and loading spaCy, made a twelve-second job promise six minutes.
Here the rate is measured between completed extractions only: the clock starts when the first
extraction completes, skipped (unchanged) files do not count, and no rate or ETA is shown before
three extractions have completed over at least a second (worker processes finish their first
documents together, and a burst is no rate).
"""
from __future__ import annotations

import sys
import time
from typing import Callable, TextIO

MIN_WINDOW = 1.0  # seconds of completed extractions before a rate is trusted


def eta_text(seconds: float) -> str:
    """``about 12 s`` / ``about 3 min`` / ``about 1.5 h`` left."""
    if seconds < 90:
        return f"about {max(1, round(seconds))} s left"
    if seconds < 90 * 60:
        return f"about {round(seconds / 60)} min left"
    return f"about {seconds / 3600:.1f} h left"


class Progress:
    """Counts files as ingest reports them and draws one line on a terminal (nothing otherwise)."""

    def __init__(self, total: int, stream: TextIO | None = None, enabled: bool = True,
                 clock: Callable[[], float] = time.monotonic):
        self.total, self.stream, self.enabled, self.clock = total, stream or sys.stderr, enabled, clock
        self.done = 0          # files handled, skipped or extracted
        self.planned: int | None = None  # files to extract, once ingest has sorted them
        self.extracted = 0     # extractions completed
        self.first: float | None = None  # when the first extraction completed
        self.last: float | None = None
        self.drawn = False

    def plan(self, n: int) -> None:
        """ingest has sorted the sources: ``n`` are to be extracted, the rest were skipped."""
        self.planned = n
        self.draw()

    def advance(self, source=None) -> None:
        """One more file handled (before ``plan``: skipped; after it: extracted or failed)."""
        self.done += 1
        if self.planned is not None:
            now = self.clock()
            self.extracted += 1
            if self.first is None:
                self.first = now
            self.last = now
        self.draw()

    def rate(self) -> float | None:
        """Extractions per second measured since the first one completed, or None while too few."""
        if self.first is None or self.last is None or self.extracted < 3 or self.last - self.first < MIN_WINDOW:
            return None
        return (self.extracted - 1) / (self.last - self.first)

    def eta(self) -> float | None:
        """Seconds left for the extractions not yet done, at the measured rate."""
        rate = self.rate()
        if rate is None or self.planned is None:
            return None
        return max(0, self.planned - self.extracted) / rate

    def line(self) -> str:
        """``ingesting 35/70 files · 2.9 documents/s · about 12 s left``."""
        parts = [f"ingesting {self.done}/{self.total} files"]
        rate, eta = self.rate(), self.eta()
        if rate is not None:
            parts.append(f"{rate:.1f} documents/s")
        if eta is not None and self.done < self.total:
            parts.append(eta_text(eta))
        return " · ".join(parts)

    def draw(self) -> None:
        if self.enabled:
            self.stream.write("\r\033[K" + self.line())
            self.stream.flush()
            self.drawn = True

    def close(self) -> None:
        """End the line, so what follows starts on its own."""
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()
            self.drawn = False
