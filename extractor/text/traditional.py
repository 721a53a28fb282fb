"""Traditional → simplified characters for mirrors of reports (萬元, 縣, 績效), one for one.

Some mirror sites republish mainland reports converted to traditional characters.
``is_traditional`` spots them (patterns/traditional.toml [detect]); ``to_simplified`` converts
them with OpenCC (PyPI ``opencc``, whose dictionaries ship in the wheel), configuration t2s
without the dictionaries whose output fonts may lack. Offsets need one character out for one in:
every entry of OpenCC's t2s dictionaries maps equal lengths (its 477 phrases, 4,148 characters,
1,002 compatibility ideographs), and ``to_simplified`` still checks each result and falls back
to OpenCC's characters one by one should a future dictionary change a length.

OpenCC replaced a table copied from its TSCharacters (2,956 characters, first candidate),
measured with ``bench/traditional.py`` (opencc 1.4.2; figures of one run):

    real mirrors   the 11 in corpus/ (10,768 characters): the same output, lengths kept.
    built mirrors  95,746 characters of simplified corpus text through OpenCC s2t / s2tw / s2hk
                   and back: the table 24 / 29 / 83 characters wrong, OpenCC 0 / 5 / 59 (the
                   table leaves 批覆 for 批复 and 瞭解 for 了解, and turns 乾 in names into 干;
                   neither maps the Taiwan 著 or the Hong Kong 衞). A round trip through OpenCC's
                   own s2t favours it; on the real mirrors the two agree.
    speed          only mirrors are converted: OpenCC 0.05 ms per 1,000 characters, the table
                   0.12 ms; building the telltales below takes about 2 ms once per process.

The telltales that mark a text as traditional are the characters OpenCC's t2s changes in the
unified CJK blocks, less those that are also ordinary simplified characters
([detect] also_simplified). On all 136 documents of corpus/ they count exactly what the table's
characters counted.
"""
from __future__ import annotations

import re
from functools import lru_cache

import opencc

from .. import rules
from ..errors import PatternError

_UNIFIED_CJK = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF))  # extension A and the unified block


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    """OpenCC's traditional → simplified converter, loaded once per process."""
    return opencc.OpenCC("t2s", include_tofu_risk_dictionaries=False)


@lru_cache(maxsize=1)
def _characters() -> tuple[dict[str, str], re.Pattern, dict]:
    """(what t2s makes of each character it changes, telltale class, detect settings)."""
    detect = rules.load("traditional")["detect"]
    for key in ("min_share", "min_chars", "also_simplified"):
        if key not in detect:
            raise PatternError(f"patterns/traditional.toml: missing [detect] {key}")
    chars = [chr(c) for start, end in _UNIFIED_CJK for c in range(start, end + 1)]
    out = _converter().convert("\n".join(chars)).split("\n")  # one line each: no phrase spans two
    if len(out) != len(chars):
        raise PatternError("OpenCC t2s turned one character into several lines")
    table = {c: s for c, s in zip(chars, out) if s != c and len(s) == 1}
    telltales = sorted(set(table) - set(detect["also_simplified"]))
    return table, re.compile("[" + "".join(re.escape(c) for c in telltales) + "]"), detect


def is_traditional(text: str) -> bool:
    """Whether ``text`` is written in traditional characters (a converted mirror of a report).
    Runs on every document: a character class counts the telltales, not a Python loop."""
    _, telltale, detect = _characters()
    n = len(telltale.findall(text))
    if n < detect["min_chars"]:
        return False
    return n >= detect["min_share"] * len(rules.compiled(r"\p{Han}").findall(text))


def to_simplified(text: str) -> str:
    """``text`` with traditional characters replaced by simplified ones, one for one (OpenCC
    t2s: phrases first, so 批覆 → 批复 and 乾安 stays)."""
    try:
        out = _converter().convert(text)
    except UnicodeEncodeError:  # a lone surrogate from a damaged file: no UTF-8 for OpenCC
        out = None
    if out is not None and len(out) == len(text):
        return out
    table = _characters()[0]
    return "".join(table.get(c, c) for c in text)
