"""Numbers written together without a separator: where a glued run of form cells is cut.

Self-assessment forms flattened to text lose the borders between cells, so a row's figures run
together: "年度资金总额:880880100%10" is 880 | 880 | 100% | 10, "47.6895.00%" is 47.68 | 95.00%,
"106.5106.5 万元" is 106.5 printed twice, and OCR or a lost ≥ leaves "市民满意度调查290%100%" for
≥90% | 100%. No single number reads such a run, so the recognizer found nothing there (or one
absurd percent). This module finds the cut: the offset where the last cell, the one that carries
the unit, starts. The recognizer then reads from the cut as from the start of a number, so the
mention's span (``text[start:end] == raw``) is exactly the last cell.

The cuts, each named by its rule in patterns/quantities.toml ``[glued]``:

* ``glued.run`` (structural): a run of digits with two or more decimal points is cut where the
  decimals of the cell before end, taking every cell to have as many decimals as the last one
  (a form column prints one precision: 47.68 | 95.00, 106.5 | 106.5); a percent with more integer
  digits than a rate has (``percent_sign.max_integer_digits``) keeps the longest tail that is a
  rate of at most ``[glued] rate_max`` written without a leading zero (303010 | 100%,
  5551 | 92.73%, 310.2 | 154.74 | 10 | 50%).
* ``glued.repeat`` (a rule): a one- or two-digit weight glued before a target that the actual
  value repeats ("415万元15万元" = 4 | 15万元 | 15万元).
* ``glued.at_least`` (a rule): a ≥ read as the digit 2 before a target glued to its actual value
  ("290%100%" = ≥90% | 100%); the mention keeps the comparator ≥.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import regex

# A maximal run of digits, decimal points and thousands separators (a comma before three digits);
# \x00 marks text the recognizer masked (dates, codes), which no run may start right after.
_RUN = regex.compile(r"(?<![\d.,\x00])\d(?:\d|\.(?=\d)|,(?=\d{3}))*")
RATE_DECIMALS = 2  # a rate is printed with at most this many decimals: more after the last point are cells
_PERCENT_AFTER = regex.compile(r"[ ]?%")


@dataclass(frozen=True)
class Cut:
    """The head [start, end) of a glued run: cells before the one the recognizer should read."""

    start: int
    end: int
    rule_id: str
    comparator: str | None = None


def uniform_tail(run: str) -> int | None:
    """Offset in ``run`` (digits with two or more points) where its last number starts when every
    cell has as many decimals as the last one; None when the run cannot be read so."""
    parts = run.split(".")
    decimals = len(parts[-1])
    if len(parts) < 3 or decimals == 0:
        return None
    for middle in parts[1:-1]:
        integer = middle[decimals:]
        if not integer or (len(integer) > 1 and integer[0] == "0"):
            return None
    return len(run) - decimals - 1 - len(parts[-2][decimals:])


def rate_tail(run: str, rate_max: Decimal, whole_integer: bool) -> int | None:
    """Offset in ``run`` where the longest rate of at most ``rate_max`` starts (its integer part
    without a leading zero, its decimals those after the run's last point); ``whole_integer``:
    the last segment after a point is the rate's integer part (cells with decimals, then an
    integer rate: 310.2154.741050 → 50)."""
    if "." in run and not whole_integer:
        head, _, decimals = run.rpartition(".")
        integer_run = head.rsplit(".", 1)[-1]
        fraction = "." + decimals
    else:
        integer_run, fraction = run.rsplit(".", 1)[-1], ""
    best = None
    for k in range(1, len(integer_run)):  # a proper tail: the head keeps at least one digit
        integer = integer_run[-k:]
        if len(integer) > 1 and integer[0] == "0":
            continue
        if Decimal(integer + fraction) <= rate_max:
            best = k
    if best is None:
        return None
    return len(run) - len(fraction) - best


def run_tail(run: str, percent: bool, max_rate_digits: int, rate_max: Decimal) -> int | None:
    """Offset in ``run`` (digits, points, thousands commas) where the cell carrying the unit starts,
    None when the run is one number. ``percent``: a % follows the run."""
    clean = run.replace(",", "")
    where = [i for i, ch in enumerate(run) if ch != ","]  # clean offset → run offset
    dots = clean.count(".")
    last = clean.rsplit(".", 1)[-1]
    at = None
    if not percent:
        at = uniform_tail(clean) if dots >= 2 else None
    elif dots and len(last) <= RATE_DECIMALS:  # the rate's own decimals end the run: 47.68 | 95.00
        at = uniform_tail(clean) if dots >= 2 else None
        if at is None and (dots >= 2 or len(clean.split(".")[0]) > max_rate_digits):
            at = rate_tail(clean, rate_max, whole_integer=False)
    elif dots:  # more digits after the last point than a rate prints: cells, then an integer rate
        # (one point: only with too many integer digits; 9.9992% is a rate printed to 4 places)
        if dots >= 2 or len(clean.split(".")[0]) > max_rate_digits:
            at = rate_tail(clean, rate_max, whole_integer=True)
    elif len(clean) > max_rate_digits:
        at = rate_tail(clean, rate_max, whole_integer=False)
    return where[at] if at else None


def find_cuts(masked: str, max_rate_digits: int, rate_max: Decimal,
              rules: list[tuple[str, regex.Pattern, str | None]]) -> list[Cut]:
    """Every glued head in ``masked`` (the recognizer's text, exclusions masked), in order and
    not overlapping. ``rules``: (rule id, pattern with a ``head`` group, comparator the cut
    mention takes)."""
    cuts: list[Cut] = []
    for m in _RUN.finditer(masked):
        at = run_tail(m.group(), bool(_PERCENT_AFTER.match(masked, m.end())), max_rate_digits, rate_max)
        if at:
            cuts.append(Cut(m.start(), m.start() + at, "glued.run"))
    for rule_id, pattern, comparator in rules:
        for m in pattern.finditer(masked):
            start, end = m.span("head")
            if not any(c.start < end and start < c.end for c in cuts):
                cuts.append(Cut(start, end, rule_id, comparator))
    return sorted(cuts, key=lambda c: c.start)
