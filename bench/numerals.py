"""Chinese numerals: the maintained library cn2an against the loop extractor used before it.

    .venv/bin/python bench/numerals.py [--calls 20000]

Prints, for a table of cases (the issue's, spoken and 大写 forms, malformed runs) and for every
numeral the quantity recognizer reads in corpus/*.txt and every heading label number (1–99), what
each reader returns and whether it is right; then the time per call of: the replaced loop,
cn2an (mode "normal"), extractor.text.numerals.han_to_decimal (cn2an behind a cache), int_to_han
and cn2an's import. The figures are recorded in the docstring of extractor/text/numerals.py.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import cn2an
import regex

from extractor.text.normalize import normalize
from extractor.text.numerals import HAN_NUMBER, han_to_decimal, int_to_han, label_number
from extractor.text.recognize import find_quantities

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_sets import is_blind  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
_HAN = regex.compile(HAN_NUMBER)

# (written, value; None = not a number)
CASES = [
    ("三千五百万", 35_000_000), ("十五", 15), ("一百零八", 108), ("二〇二三", 2023), ("两千", 2000),
    ("十万八千", 108_000), ("一亿零五百万", 105_000_000), ("壹万贰仟叁佰肆拾伍", 12345),
    ("肆佰叁拾萬", 4_300_000), ("貳拾萬", 200_000), ("參拾", 30), ("六十四万零一百四十三", 640_143), ("十", 10), ("两", 2),
    ("一亿二千万", 120_000_000), ("一万零三百零五", 10305), ("一千零五十", 1050),
    ("一万五", 15_000), ("三百五", 350), ("两万三", 23_000), ("一九九八", 1998),
    ("零", 0), ("万", None), ("百", None), ("十十", None), ("十四五", None),
]

_OLD_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_OLD_UNITS = {"十": 10, "百": 100, "千": 1000}
_OLD_BIG = {"万": 10_000, "亿": 100_000_000}


def old_han_to_decimal(s: str) -> Decimal:
    """The loop extractor.text.recognize used before cn2an (kept here only to compare)."""
    total, section, digit = Decimal(0), Decimal(0), None
    for ch in s:
        if ch in _OLD_DIGITS:
            digit = Decimal(_OLD_DIGITS[ch])
        elif ch in _OLD_UNITS:
            section += (digit if digit is not None else Decimal(1)) * _OLD_UNITS[ch]
            digit = None
        elif ch in _OLD_BIG:
            section += digit or 0
            total = (total + section) * _OLD_BIG[ch] if ch == "亿" else total + section * _OLD_BIG[ch]
            section, digit = Decimal(0), None
        else:
            raise ValueError(f"not a Chinese numeral: {s!r}")
    return total + section + (digit or 0)


def raw_cn2an(s: str):
    return cn2an.cn2an(s, "normal")


READERS = {"old loop": old_han_to_decimal, "cn2an": raw_cn2an, "numerals": han_to_decimal}


def _read(reader, s):
    try:
        return reader(s)
    except ValueError:
        return None


def corpus_numerals() -> dict[str, int]:
    """Every Chinese numeral the recognizer reads in corpus/**/*.txt, with how often."""
    seen: dict[str, int] = {}
    for path in sorted(p for p in (ROOT / "corpus").rglob("*.txt") if not is_blind(p)):  # blind texts are never read
        try:
            text = normalize(path.read_text(encoding="utf-8")).text
        except (UnicodeDecodeError, OSError):
            continue
        for q in find_quantities(text):
            raw = text[q.start:q.end]
            m = _HAN.search(raw)
            if m and not any(ch.isdigit() for ch in raw):
                seen[m.group()] = seen.get(m.group(), 0) + 1
    return seen


def per_call_us(fn, inputs, calls: int) -> float:
    for s in inputs:
        _read(fn, s)
    t = time.perf_counter()
    n = 0
    while n < calls:
        for s in inputs:
            _read(fn, s)
            n += 1
    return (time.perf_counter() - t) / n * 1e6


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--calls", type=int, default=20000)
    args = ap.parse_args()

    print(f"cn2an {cn2an.__version__}, Python {sys.version.split()[0]}\n")
    print(f"{'written':<14} {'expected':>11}  " + "  ".join(f"{name:>11}" for name in READERS))
    wrong = {name: 0 for name in READERS}
    for s, expected in CASES:
        cells = []
        for name, reader in READERS.items():
            got = _read(reader, s)
            ok = (got is None and expected is None) or (got is not None and expected is not None and Decimal(got) == expected)
            wrong[name] += not ok
            cells.append(f"{'-' if got is None else str(got):>10}{' ' if ok else '✗'}")
        print(f"{s:<14} {'-' if expected is None else expected:>11}  " + "  ".join(cells))
    print("wrong on the table: " + ", ".join(f"{k} {v}/{len(CASES)}" for k, v in wrong.items()))

    found = corpus_numerals()
    print(f"\ncorpus/*.txt: {sum(found.values())} Chinese numerals read by the recognizer, {len(found)} forms: "
          + " ".join(f"{k}×{v}" for k, v in sorted(found.items(), key=lambda kv: -kv[1])))
    disagree = [s for s in found if _read(old_han_to_decimal, s) != _read(han_to_decimal, s)]
    print(f"forms where the old loop and numerals disagree: {disagree or 'none'}")
    labels_ok = all(label_number(f"{int_to_han(n)}、") == n and label_number(f"({int_to_han(n)})") == n for n in range(1, 100))
    print(f"heading labels 一、 … 九十九、 and (一) … (九十九) read back: {'all' if labels_ok else 'NOT all'}")

    inputs = list(found) or [s for s, _ in CASES[:10]]
    print(f"\ntime per call over the corpus forms ({args.calls} calls):")
    print(f"  old loop              {per_call_us(old_han_to_decimal, inputs, args.calls):6.1f} µs")
    print(f"  cn2an (normal)        {per_call_us(raw_cn2an, inputs, args.calls):6.1f} µs")
    print(f"  numerals (cached)     {per_call_us(han_to_decimal, inputs, args.calls):6.1f} µs")
    issue = [s for s, v in CASES if v is not None]
    print(f"time per call over the table's numerals:")
    print(f"  old loop              {per_call_us(old_han_to_decimal, issue, args.calls):6.1f} µs")
    print(f"  cn2an (normal)        {per_call_us(raw_cn2an, issue, args.calls):6.1f} µs")
    ints = list(range(1, 100))
    t = time.perf_counter()
    for _ in range(max(1, args.calls // len(ints))):
        for n in ints:
            int_to_han(n)
    print(f"  int_to_han (an2cn)    {(time.perf_counter() - t) / (max(1, args.calls // len(ints)) * len(ints)) * 1e6:6.1f} µs")
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", "import cn2an"], capture_output=True, text=True).stderr
    total = next((line.split("|")[1].strip() for line in out.splitlines() if line.rstrip().endswith("| cn2an")), "?")
    print(f"  import cn2an          {int(total) / 1000 if total != '?' else total} ms (once per process)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
