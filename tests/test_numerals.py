"""extractor.text.numerals: the one Chinese-numeral path (cn2an behind our own Decimal and
error handling), read and written."""
from decimal import Decimal

import pytest

from extractor.errors import NumeralError
from extractor.text.numerals import han_to_decimal, int_to_han, label_like, label_number, numeral_key, parse_number


@pytest.mark.parametrize("s,value", [
    ("十五", 15), ("一百零八", 108), ("三千五百万", 35_000_000), ("两", 2), ("十", 10),
    ("一亿二千万", 120_000_000), ("二〇二三", 2023), ("两千", 2000), ("十万八千", 108_000),
    ("一亿零五百万", 105_000_000), ("壹万贰仟叁佰肆拾伍", 12345), ("肆佰叁拾萬", 4_300_000),
    ("六十四万零一百四十三", 640_143), ("一万五", 15_000), ("零", 0),
])
def test_han_to_decimal(s, value):
    got = han_to_decimal(s)
    assert isinstance(got, Decimal) and got == value


@pytest.mark.parametrize("s", ["万", "百", "十十", "十四五", "", "abc"])
def test_not_a_numeral_raises_numeral_error(s):
    with pytest.raises(NumeralError):
        han_to_decimal(s)
    assert issubclass(NumeralError, ValueError)  # callers that catch ValueError keep working


@pytest.mark.parametrize("s,value", [("1,234,567.5", Decimal("1234567.5")), ("三千五百万", 35_000_000), ("0.5", Decimal("0.5"))])
def test_parse_number(s, value):
    assert parse_number(s) == value


def test_parse_number_refuses_text():
    with pytest.raises(NumeralError):
        parse_number("约")


@pytest.mark.parametrize("n,han", [(1, "一"), (7, "七"), (10, "十"), (12, "十二"), (20, "二十"), (21, "二十一"), (99, "九十九"), (108, "一百零八")])
def test_int_to_han(n, han):
    assert int_to_han(n) == han


@pytest.mark.parametrize("label,n", [("七、", 7), ("(十二)", 12), ("3.", 3), ("第二部分", 2), ("①", None), (None, None), ("", None)])
def test_label_number(label, n):
    assert label_number(label) == n


@pytest.mark.parametrize("model,n,label", [("二、", 3, "三、"), ("(2)", 3, "(3)"), ("(九)", 10, "(十)"), (None, 12, "十二、"), ("第一部分", 2, "第二部分")])
def test_label_like(model, n, label):
    assert label_like(model, n) == label
    assert label_number(label) == n


@pytest.mark.parametrize("s,key", [("一", "1"), ("1", "1"), ("01", "1"), ("十二", "12"), ("二十", "20"), ("期", "期"),
                                   ("一二", "一二"), ("十十", "十十")])
def test_numeral_key(s, key):
    assert numeral_key(s) == key


def test_round_trip_of_heading_numbers():
    for n in range(1, 100):
        assert han_to_decimal(int_to_han(n)) == n
