"""Rounding-aware comparison: intervals, stated quantities, verdicts and half-unit readings.

A stated number is good to half a unit of its last written digit ("4.77%" ±0.005, "10%" ±0.5,
"22120元" ±0.5元); a computed number is an interval carrying the half-units of its inputs, and a
stated number passes when its own interval meets the computed one. So the 2024 渌口区 report's
"占全年总支出的10%" passes against 1048.772537 / 10488.604785 = 9.9994%, while "增长4.77%" would
fail against 4.79. Nothing here reads the report or the pattern files.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Iterable

import regex

from .numbering import HAN_NUMBER, han_to_decimal

# A written Arabic number, with or without thousands separators (structural, not domain).
NUMBER = regex.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?")
# A number found in a span may be written as is, in 元 for a 万元 value, or in 万元 for a 元 one.
SPAN_FACTORS = (1.0, 0.0001, 10000.0)


def finite(x) -> bool:
    """A real, finite int or float (not a bool, None, NaN or infinity): the only numbers rules use."""
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def fmt(x: float | None, decimals: int = 6) -> str:
    """A number for a message: 1048.772537 → "1048.772537"; 2.0 → "2"; 9.999349… → "9.9993" with decimals=4."""
    if x is None or not math.isfinite(x):
        return "?"
    s = f"{x:.{decimals}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


@dataclass(frozen=True)
class Iv:
    """An interval [lo, hi] around a point value v: a computed number with its inputs' rounding."""

    lo: float
    v: float
    hi: float

    @staticmethod
    def point(v: float, half: float = 0.0) -> "Iv":
        """v ± half."""
        return Iv(v - half, v, v + half)

    @property
    def half(self) -> float:
        """Half the interval's width."""
        return (self.hi - self.lo) / 2

    def __add__(self, o: "Iv") -> "Iv":
        return Iv(self.lo + o.lo, self.v + o.v, self.hi + o.hi)

    def __sub__(self, o: "Iv") -> "Iv":
        return Iv(self.lo - o.hi, self.v - o.v, self.hi - o.lo)

    def scale(self, k: float) -> "Iv":
        """The interval times a constant (× 100 for a percent)."""
        a, b = self.lo * k, self.hi * k
        return Iv(min(a, b), self.v * k, max(a, b))

    def div(self, o: "Iv") -> "Iv | None":
        """self / o, or None when o may be zero."""
        if o.lo <= 0 <= o.hi or o.v == 0:
            return None
        ends = [self.lo / o.lo, self.lo / o.hi, self.hi / o.lo, self.hi / o.hi]
        return Iv(min(ends), self.v / o.v, max(ends))


def total(ivs: Iterable[Iv]) -> Iv:
    """The sum of one or more intervals, added left to right."""
    it = iter(ivs)
    out = next(it)
    for iv in it:
        out = out + iv
    return out


@dataclass
class Q:
    """A stated or computed quantity: value, half-unit tolerance, evidence, position in the text."""

    value: float
    half: float
    evidence: list[dict] = field(default_factory=list)
    pos: int | None = None
    derived: bool = False
    unit: str | None = None

    @property
    def iv(self) -> Iv:
        """The quantity as an interval: value ± half."""
        return Iv.point(self.value, self.half)


@dataclass
class Verdict:
    """How a stated number compares with the number computed from others."""

    ok: bool
    expected: float  # the computed value
    actual: float  # the stated value
    difference: float  # actual − expected
    tolerance: float  # stated half-unit + computed half-width
    gap: float  # how far outside the tolerance


def compare(stated: Q, computed: Iv, eps: float) -> Verdict:
    """Does the stated value (± its half-unit) meet the computed interval?"""
    slack = eps * max(1.0, abs(stated.value), abs(computed.lo), abs(computed.hi))
    lo, hi = stated.value - stated.half, stated.value + stated.half
    gap = max(computed.lo - hi, lo - computed.hi, 0.0)
    return Verdict(
        ok=gap <= slack,
        expected=computed.v,
        actual=stated.value,
        difference=stated.value - computed.v,
        tolerance=stated.half + computed.half,
        gap=gap,
    )


def best_failure(verdicts: Iterable[tuple[Verdict, object] | None]) -> tuple[Verdict, object] | None:
    """None when some combination is consistent (or none could be evaluated); else the closest."""
    best = None
    for item in verdicts:
        if item is None:
            continue
        verdict, payload = item
        if verdict.ok:
            return None
        score = verdict.gap / max(verdict.tolerance, 1e-12)
        if best is None or score < best[0]:
            best = (score, verdict, payload)
    return (best[1], best[2]) if best else None


def number_tokens(text: str) -> list[tuple[Decimal, int]]:
    """Every Arabic number written in ``text`` with its count of decimals."""
    out = []
    for m in NUMBER.finditer(text):
        tok = m.group().replace(",", "")
        try:
            out.append((Decimal(tok), len(tok.split(".")[1]) if "." in tok else 0))
        except InvalidOperation:
            continue
    return out


def half_unit_of_raw(raw: str, value: float | None, factor: float | None = None) -> float | None:
    """Half a unit of the last digit written in ``raw``, in the unit of ``value``.

    "4.77%" → 0.005; "1048.772537万元" → 5e-7; "22120元" with value 2.212 (万元) → 5e-5;
    "三座" → 0.5. ``factor`` (written → canonical) is used when the number is 0.
    """
    if not raw:
        return None
    tokens = number_tokens(raw)
    if tokens:
        number, decimals = tokens[0]
    else:
        m = HAN_NUMBER.search(raw)
        if not m:
            return None
        number, decimals = han_to_decimal(m.group()), 0
        if number is None:
            return None
    if number != 0 and finite(value) and value != 0:
        scale = abs(float(value) / float(number))
    elif factor:
        scale = abs(factor)
    else:
        scale = 1.0
    return 0.5 * 10.0 ** (-decimals) * scale


def half_unit_in_span(text: str, value: float, max_decimals: int) -> float | None:
    """Half-unit of the number in ``text`` that writes ``value`` (as is, in 元 or in 万元)."""
    for number, decimals in number_tokens(text):
        for factor in SPAN_FACTORS:
            v = float(number) * factor
            if abs(v - value) <= 1e-9 * max(1.0, abs(value)):
                return 0.5 * 10.0 ** (-min(decimals, 12)) * factor
    return None


def half_unit_of_value(value: float, max_decimals: int) -> float:
    """Decimals read from the value itself: 98.7 → 0.05, 100.0 → 0.5."""
    s = fmt(value, max_decimals)
    decimals = len(s.split(".")[1]) if "." in s else 0
    return 0.5 * 10.0 ** (-decimals)


def text_half(text: str | None, value: float, max_decimals: int) -> float:
    """Half-unit of ``value`` as ``text`` writes it, else as read from the value itself."""
    half = half_unit_in_span(text or "", value, max_decimals) if text else None
    return half if half is not None else half_unit_of_value(value, max_decimals)
