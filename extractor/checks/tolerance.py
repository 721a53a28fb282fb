"""Rounding-aware comparison: intervals, stated quantities, verdicts and half-unit readings.

A stated number is good to half a unit of its last written digit ("4.77%" ±0.005, "10%" ±0.5,
"22120元" ±0.5元). ``judge`` tries a stated result (a total, a share, a balance) against the
figures it is computed from in up to three readings (issue 14, item 1):

* exact: the figures as written are exact (unless written with 约/近/余/多), the result is good to
  half a unit of its own last digit. So the 2024 渌口区 report's "占全年总支出的10%" passes against
  1048.772537 / 10488.604785 = 9.9992%, while "增长4.77%" would fail against 4.79;
* fine: the figures written with decimals may themselves be rounded (a rounding tail, 尾差);
* round: round figures too (150万元), which are normally exact allocations.

The first reading that holds is the verdict's ``tier``; the rule's findings take their severity
from it. Nothing here reads the report or the pattern files.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Iterable

import regex

from ..errors import NumeralError
from ..text.numerals import CAPITAL, LOWER, han_to_decimal

# A written Arabic number, with or without thousands separators (structural, not domain).
NUMBER = regex.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?")
# A number found in a span may be written as is, in 元 for a 万元 value, or in 万元 for a 元 one.
SPAN_FACTORS = (1.0, 0.0001, 10000.0)

# a Chinese number written in a quantity, small or 大写 ("三座", "壹万贰仟元")
_HAN_NUMBER = regex.compile(f"[{LOWER}{CAPITAL}]+")


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
    half: float  # half a unit of the last written digit (widened when approx)
    evidence: list[dict] = field(default_factory=list)
    pos: int | None = None
    derived: bool = False
    unit: str | None = None
    approx: bool = False  # written with 约/近/余/多: its tolerance holds in every reading
    round: bool = False  # a round figure (150万元): exact unless only its rounding explains a gap
    decimals: int | None = None  # decimals as written, in the canonical unit (None: unknown)

    @property
    def iv(self) -> Iv:
        """The quantity as an interval: value ± half."""
        return Iv.point(self.value, self.half)


# The readings judge() tries, best first; a verdict's tier is the first that holds ("none": none).
EXACT, FINE, ROUND, NONE = "exact", "fine", "round", "none"
TIERS = (EXACT, FINE, ROUND, NONE)


@dataclass
class Verdict:
    """How a stated number compares with the number computed from others."""

    ok: bool
    expected: float  # the computed value
    actual: float  # the stated value
    difference: float  # actual − expected
    tolerance: float  # stated half-unit + computed half-width
    gap: float  # how far outside the tolerance
    tier: str | None = None  # judge(): the first reading that holds (TIERS); compare(): None
    rounded: list = field(default_factory=list)  # the round figures (Q) the "round" reading needs
    decimals: int | None = None  # the precision expected and difference were rounded to


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


def meets(stated: Q, computed: Iv, eps: float) -> bool:
    """Could rounding explain it: do [stated ± half) and [computed) share more than an end point?

    Strict, since a figure and its rounding cannot both sit on the same half-way point: the
    example's "“三公”经费支出2万元" against 0 + 0 + 3万元 (2.5 would round to 2 and to 3) does not.
    """
    slack = eps * max(1.0, abs(stated.value), abs(computed.lo), abs(computed.hi))
    return computed.lo < stated.value + stated.half - slack and stated.value - stated.half < computed.hi - slack


def judge(stated: Q, inputs: list[Q], compute, eps: float, decimals: int | None = None) -> Verdict | None:
    """Try ``stated`` against ``compute`` (a function of the inputs' intervals, in their order;
    it returns an Iv, or None when undefined) in the readings exact, fine, round.

    The verdict's numbers are those of the exact reading, rounded to ``decimals`` (the precision
    of the inputs: 0.6, not 0.6000000000000005); ``ok`` is True when the exact reading holds.
    None when the computation is undefined (a zero denominator).
    """
    def reading(carries) -> Iv | None:
        return compute([Iv.point(q.value, q.half if (q.approx or carries(q)) else 0.0) for q in inputs])

    exact = reading(lambda q: False)
    if exact is None:
        return None
    v = compare(stated, exact, eps)
    v.tier = EXACT if v.ok else NONE
    if decimals is not None:
        v.decimals = decimals
        v.expected, v.difference = round(v.expected, decimals), round(v.difference, decimals)
    if stated.decimals is not None:
        v.actual = round(v.actual, max(stated.decimals, decimals or 0))
    if v.ok:
        return v
    fine = reading(lambda q: not q.round)
    if fine is not None and meets(stated, fine, eps):
        v.tier = FINE
        return v
    every = reading(lambda q: True)
    if every is not None and meets(stated, every, eps):
        v.tier = ROUND
        v.rounded = [q for q in inputs if q.round and not q.approx]
    return v


def sum_decimals(*qs: Q | None) -> int | None:
    """The precision of a sum or difference: the most decimals among its figures (None: unknown)."""
    known = [q.decimals for q in qs if q is not None and q.decimals is not None]
    return max(known) if known else None


def ratio_decimals(stated: Q, extra: int = 2) -> int:
    """The precision of a computed rate: two decimals more than the stated one (80.45% → 80.4487)."""
    return (stated.decimals if stated.decimals is not None else 2) + extra


def decimals_of_half(half: float | None) -> int | None:
    """The decimals a half-unit stands for: 0.005 → 2; 0.5 → 0; 500 (2.6亿元 in 万元) → 0."""
    if half is None or not math.isfinite(half) or half <= 0:
        return None
    return max(0, round(-math.log10(2 * half)))


def best_failure(verdicts: Iterable[tuple[Verdict, object] | None]) -> tuple[Verdict, object] | None:
    """None when some combination is consistent (or none could be evaluated); else the closest:
    the one whose reading is best (exact < fine < round < none), then the nearest."""
    best = None
    for item in verdicts:
        if item is None:
            continue
        verdict, payload = item
        if verdict.ok:
            return None
        tier = TIERS.index(verdict.tier) if verdict.tier in TIERS else len(TIERS)
        score = (tier, verdict.gap / max(verdict.tolerance, 1e-12))
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
        m = _HAN_NUMBER.search(raw)
        if not m:
            return None
        try:
            number, decimals = han_to_decimal(m.group()), 0
        except NumeralError:
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
