"""Chinese numerals as the checks read and write them: 三千五百万 → 35000000, "七、" → 7, 12 → 十二.

Moves to text/numerals.py: this module is the checks' one copy of the numeral helpers until the
single numeral module exists (text/recognize has its own ``han_to_decimal``; checks must not
import recognize, a sibling stage's internals). Behaviour is identical to the code it replaces.
"""
from __future__ import annotations

from decimal import Decimal

import regex

# moves to text/numerals.py -------------------------------------------------------------------
# The numeral alphabet is a fact of written Chinese, not a domain vocabulary: it stays in code.
HAN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
HAN_UNITS = {"十": 10, "百": 100, "千": 1000}
HAN_BIG = {"万": 10_000, "亿": 100_000_000}
HAN_NUMERALS = "零一二三四五六七八九"  # n → its digit character, for writing numbers back
# A Chinese number anywhere in a written quantity ("三座", "两千万元").
HAN_NUMBER = regex.compile(r"[零〇一二两三四五六七八九十百千万亿]+")
# A heading number ("七、", "(十二)", "第二部分"): headings never count past 百.
HEADING_HAN = regex.compile(r"[零〇一二两三四五六七八九十百]+")
DIGITS = regex.compile(r"\d+")
DIGIT = regex.compile(r"\d")


def han_to_decimal(s: str) -> Decimal | None:
    """三千五百万 → 35000000; 十五 → 15; 一百零八 → 108; None when ``s`` is not a Chinese numeral.

    The same arithmetic as text/recognize's ``han_to_decimal``, which raises instead of
    returning None; every caller here turned that error into None.
    """
    total, section, digit = Decimal(0), Decimal(0), None
    for ch in s:
        if ch in HAN_DIGITS:
            digit = Decimal(HAN_DIGITS[ch])
        elif ch in HAN_UNITS:
            section += (digit if digit is not None else Decimal(1)) * HAN_UNITS[ch]
            digit = None
        elif ch in HAN_BIG:
            section += digit or 0
            total = (total + section) * HAN_BIG[ch] if ch == "亿" else total + section * HAN_BIG[ch]
            section, digit = Decimal(0), None
        else:
            return None
    return total + section + (digit or 0)


def label_number(label: str | None) -> int | None:
    """The number a heading label writes: "七、" → 7, "(十二)" → 12, "3." → 3, "第二部分" → 2."""
    if not label:
        return None
    digits = DIGITS.search(label)
    if digits:
        return int(digits.group())
    han = HEADING_HAN.search(label)
    if not han:
        return None
    value = han_to_decimal(han.group())
    return None if value is None else int(value)


def han_numeral(n: int) -> str:
    """``n`` in Chinese numerals as headings write it: 7 → 七, 10 → 十, 12 → 十二, 20 → 二十 (1..99)."""
    if n <= 0 or n >= 100:
        return str(n)
    tens, ones = divmod(n, 10)
    s = ("" if tens <= 1 else HAN_NUMERALS[tens]) + ("十" if tens else "")
    return s + (HAN_NUMERALS[ones] if ones else "")


def expected_label(model: str | None, n: int) -> str:
    """The label of number ``n`` written like ``model`` ("二、" → "三、"; "(2)" → "(3)")."""
    if not model:
        return f"{han_numeral(n)}、"
    if DIGIT.search(model):
        return DIGITS.sub(str(n), model, count=1)
    return HEADING_HAN.sub(han_numeral(n), model, count=1)
# end of what moves to text/numerals.py --------------------------------------------------------
