"""Chinese numerals, one path for the whole code base: read them (三千五百万 → 35000000,
壹万贰仟叁佰肆拾伍 → 12345, 二〇二三 → 2023) and write them (12 → 十二).

Reading and writing use the maintained library cn2an (PyPI ``cn2an``; read in its "normal"
mode, which takes 两, 〇 and 大写 as well as the plain numerals). Our own code is kept only for
what cn2an lacks: exact ``Decimal`` results, a ``NumeralError`` instead of its bare ValueError,
a cache (cn2an is about ten times slower per call than the loop it replaced, and reports repeat
the same few numerals), and the label helpers (七、 → 7, a label written like another).

Measured with ``bench/numerals.py`` (cn2an 0.5.24, Python 3.11; figures of one run on a busy
machine, so read them as ratios):

    correctness  a table of 26 cases (the issue's 三千五百万, 十五, 一百零八, 二〇二三, 两千,
                 十万八千, 一亿零五百万, 壹万贰仟叁佰肆拾伍, 肆佰叁拾萬; spoken and traditional 大写
                 forms; malformed runs): the replaced loop wrong on 13, cn2an on 1 (參拾: 參, the
                 traditional 大写 3, is mapped to 叁 here first), han_to_decimal on none. Every
                 form the corpus reads (一 … 十五, 两, 十二) and the heading numbers 一 … 九十九:
                 all read alike. 250,000 integers written out in full by
                 tests/test_robustness.to_han (a one-off check, not in the bench): both right.
    speed        per call: the replaced loop 1.4–2.8 µs, cn2an 27–31 µs, han_to_decimal (cn2an
                 behind a cache) 0.1 µs on the corpus's repeated numerals; int_to_han 15 µs.
                 A report reads a few dozen numerals, so cn2an costs well under a millisecond;
                 importing it takes 0.15–0.25 s once per process (it builds a traditional →
                 simplified table of its own).

What cn2an reads differently from the replaced loop, none of it met in the corpus: runs of
digits without units are read digit by digit (二〇二三 → 2023, where the loop took the last
digit); spoken forms are read as spoken (一万五 → 15000); malformed runs (十十, 十四五) and a
unit alone (万) are refused (NumeralError) where the loop returned a number. Two digits side by
side before a unit are a range (三四个: three or four), which the recognizer refuses
(patterns/quantities.toml numbers.han_range) rather than read as 34, and ``numeral_key`` keeps
一二期 (phases one and two) as written.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import lru_cache

import cn2an as _cn2an
import regex

from ..errors import NumeralError

# Lower-case Chinese numerals as the quantity recognizer reads them.
LOWER = "零〇一二两三四五六七八九十百千万亿"
# A decimal written in numerals takes 点 and its digits after the integer part: 一点五亿元 is 1.5亿元,
# not 五亿元 (cn2an reads 点).
_HAN_DECIMAL = "(?:点[零〇一二两三四五六七八九]+)?"
HAN_NUMBER = f"[{LOWER}]+{_HAN_DECIMAL}"
HAN_START = f"(?<![{LOWER}]|[{LOWER}]点)"  # a Chinese numeral starts where its run starts
# 大写 (financial) numerals: 壹万贰仟叁佰肆拾伍元, 肆佰叁拾萬圆整; with their traditional forms
# (貳, 參, 陸, 萬, 億). 参 is how a traditional mirror's 參 reads after to_simplified.
CAPITAL = "壹贰貳叁參参肆伍陆陸柒捌玖拾佰仟萬億"
# A run of numerals with at least one 大写 character (lower-case ones may mix in: 壹万贰仟).
CAPITAL_NUMBER = f"(?=[{LOWER}{CAPITAL}]*[{CAPITAL}])[{LOWER}{CAPITAL}]+"
# 万 / 亿 between a number and its unit multiply it (1.5万元, 100万名).
MULTIPLIERS = {"万": 10_000, "亿": 100_000_000}
# Numerals in heading labels: 七、 / (十二) / 第二部分.
_LABEL_HAN = regex.compile("[零〇一二两三四五六七八九十百]+")
_HAN_ONLY = regex.compile(f"[{LOWER}{CAPITAL}]+{_HAN_DECIMAL}")
# What cn2an does not read: 參 becomes 参 in its own traditional → simplified step, and 参 is no digit to it.
_FOR_CN2AN = str.maketrans({"參": "叁", "参": "叁"})
_DIGITS = regex.compile(r"\d+")
_HAN_UNITS = regex.compile("[十百千万亿拾佰仟萬億]")


@lru_cache(maxsize=4096)
def han_to_decimal(s: str) -> Decimal:
    """三千五百万 → 35000000; 十五 → 15; 一百零八 → 108; 两千 → 2000; 壹万贰仟叁佰肆拾伍 → 12345.

    Raises NumeralError when ``s`` is not a Chinese numeral.
    """
    try:
        value = _cn2an.cn2an(s.translate(_FOR_CN2AN), "normal")
    except (ValueError, TypeError, KeyError, IndexError) as e:  # cn2an: ValueError, message in Chinese
        raise NumeralError(f"not a Chinese numeral: {s!r}") from e
    return Decimal(value) if isinstance(value, int) else Decimal(repr(value))


def parse_number(s: str) -> Decimal:
    """A number as written in a report: Chinese numerals (三千五百万, 壹万贰仟) or digits with
    optional thousands separators (1,234,567.5). Raises NumeralError."""
    if _HAN_ONLY.fullmatch(s):
        return han_to_decimal(s)
    try:
        return Decimal(s.replace(",", ""))
    except InvalidOperation as e:
        raise NumeralError(f"not a number: {s!r}") from e


def int_to_han(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 108 → 一百零八 (headings and template positions)."""
    try:
        return _cn2an.an2cn(int(n))
    except (ValueError, TypeError, KeyError) as e:
        raise NumeralError(f"cannot write {n!r} in Chinese numerals") from e


def label_number(label: str | None) -> int | None:
    """The number of a heading label: "七、" → 7, "(十二)" → 12, "3." → 3, "第二部分" → 2;
    None when the label holds no number."""
    if not label:
        return None
    digits = _DIGITS.search(label)
    if digits:
        return int(digits.group())
    han = _LABEL_HAN.search(label)
    if not han:
        return None
    try:
        return int(han_to_decimal(han.group()))
    except NumeralError:
        return None


def label_like(model: str | None, n: int) -> str:
    """The label of number ``n`` written like ``model``: "二、" → "三、", "(2)" → "(3)";
    "n、" in Chinese numerals without a model."""
    if not model:
        return f"{int_to_han(n)}、"
    if _DIGITS.search(model):
        return _DIGITS.sub(str(n), model, count=1)
    return _LABEL_HAN.sub(int_to_han(n), model, count=1)


def numeral_key(s: str) -> str:
    """A phase or batch number as digits, so 一期 and 1期 compare equal: "一" / "1" → "1",
    "十二" → "12"; a string that is no number (一二, 十十) comes back unchanged."""
    if s.isdigit():
        return str(int(s))
    if len(s) > 1 and not _HAN_UNITS.search(s):  # 一二期 is phases one and two, not phase 12
        return s
    try:
        return str(int(han_to_decimal(s)))
    except NumeralError:
        return s
