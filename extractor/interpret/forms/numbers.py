"""The figures a form cell holds: a number ("1,200.5"), a percent ("95.74%"), a number after a
comparison sign ("≥320公里"). Structural patterns, not vocabulary: the words of a form are in
patterns/forms/lexicon.toml."""
from __future__ import annotations

from decimal import Decimal

import regex

# A number as a cell writes it; patterns/forms/lexicon.toml has the same as its `num` macro.
NUMBER = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
NUM_RE = regex.compile(rf"(?P<n>{NUMBER})")
PCT_RE = regex.compile(rf"(?P<n>{NUMBER})\s*%")
# The first number of a cell, after an optional comparison sign: "≥ 320公里" → 320.
LEADING_NUMBER_RE = regex.compile(rf"\s*(?:[≥≤><=]\s*)?(?P<n>{NUMBER})")


def to_decimal(digits: str) -> Decimal:
    """A matched number ("1,200.5") as a Decimal, its thousands separators dropped."""
    return Decimal(digits.replace(",", ""))


def number(text: str) -> Decimal | None:
    """The number ``text`` is, whole (surrounding whitespace aside), or None."""
    m = NUM_RE.fullmatch(text.strip())
    return to_decimal(m["n"]) if m else None


def percent(text: str) -> Decimal | None:
    """The percent ``text`` is ("95.74%" → 95.74), or None."""
    m = PCT_RE.fullmatch(text.strip())
    return to_decimal(m["n"]) if m else None


def written_places(key: str) -> int:
    """The decimal places a figure states: "95.74%" → 2, "100" → 0. Trailing zeros after the point
    are a spreadsheet's format (0.00%), not precision: "31.00%" typed for 46 ÷ 148 = 31.08% → 0."""
    return len(key.strip().rstrip("%").partition(".")[2].rstrip("0"))


def is_figure(key: str) -> bool:
    """A number or a percent: what fills 实际完成值 / 分值 / 得分."""
    return bool(NUM_RE.fullmatch(key) or PCT_RE.fullmatch(key))


def leading_number(text: str) -> Decimal | None:
    """The number ``text`` starts with, after an optional comparison sign ("≥320公里" → 320)."""
    m = LEADING_NUMBER_RE.match(text)
    return to_decimal(m["n"]) if m else None


def as_float(d: Decimal | None) -> float | None:
    """A Decimal as the float the model stores, None kept."""
    return None if d is None else float(d)


FRACTION_RATE_MAX = Decimal("1.5")  # a rate cell up to this may be a fraction (0.9574 = 95.74%)


def rate_value(key: str, full: Decimal | None, executed: Decimal | None) -> Decimal | None:
    """A 执行率 cell in percent; a spreadsheet keeps 95.74% as 0.9574: the reading that matches
    执行数 / 预算数 wins."""
    pct = percent(key)
    if pct is not None:
        return pct
    value = number(key)
    if value is None:
        return None
    if full and executed is not None and value <= FRACTION_RATE_MAX:
        expected = executed / full * 100
        if abs(value * 100 - expected) < abs(value - expected):
            return value * 100
    return value
