"""What every output shares: the labels of patterns/dictionary.toml and how a number is written.

Export describes its columns with the dictionary; render labels facts, coded values and its own
headings with it; the Datasette charts take their titles from it. Numbers are written the same
way everywhere: fixed notation, at most ``DECIMALS`` places, no trailing zeros.
"""
from __future__ import annotations

from functools import lru_cache

from .. import rules
from ..errors import PatternError

FILE = "dictionary.toml"
DECIMALS = 6


def dictionary() -> dict:
    """patterns/dictionary.toml, parsed."""
    return rules.load("dictionary")


def fact_columns() -> list[dict]:
    """Every canonical fact key and qualified key, in dictionary order:
    ``{"key", "base_key", "qualifier", "zh", "en", "unit"}``."""
    return [dict(c) for c in _fact_columns()]


@lru_cache(maxsize=1)
def _fact_columns() -> tuple[dict, ...]:
    d = dictionary()
    qualifiers = {q["suffix"]: q for q in d.get("qualifier", [])}
    out = []
    for fact in d.get("fact", []):
        out.append({"key": fact["key"], "base_key": fact["key"], "qualifier": None,
                    "zh": fact["zh"], "en": fact["en"], "unit": fact["unit"]})
        for suffix in fact.get("qualifiers", []):
            q = qualifiers.get(suffix)
            if q is None:
                raise PatternError(f"{dictionary_path()}: fact {fact['key']} names unknown qualifier {suffix!r}")
            out.append({
                "key": f"{fact['key']}.{suffix}", "base_key": fact["key"], "qualifier": suffix,
                "zh": f"{fact['zh']}{q['zh']}", "en": f"{fact['en']}: {q['en']}",
                "unit": fact["unit"] if q["unit"] == "same" else q["unit"],
            })
    return tuple(out)


def dictionary_path():
    """Where the dictionary is, for error messages."""
    return rules.patterns_dir() / FILE


def fact_label(key: str) -> str:
    """Chinese label of a fact key (``personnel_expenditure.share_pct`` → 人员经费占总支出比重);
    the key itself when the dictionary does not know it."""
    return _fact_labels().get(key, key)


@lru_cache(maxsize=1)
def _fact_labels() -> dict[str, str]:
    return {c["key"]: c["zh"] for c in _fact_columns()}


def value_label(field: str, value: str | None) -> str:
    """Display label of a coded value (severity ``error`` → 错误) from [values.<field>]."""
    if value is None:
        return ""
    return dictionary().get("values", {}).get(field, {}).get(value, value)


def value_labels(field: str) -> dict[str, str]:
    """Every coded value of ``field`` with its label, in dictionary order ([values.<field>])."""
    return dictionary().get("values", {}).get(field, {})


def labels(table: str) -> dict:
    """A table of output labels (``render.headings``, ``charts.findings_by_rule``, ...); a
    PatternError naming the file and the key when the dictionary lacks it."""
    return rules.require(dictionary(), table, dict, FILE)


def format_number(x: float) -> str:
    """Fixed notation, no exponent, no trailing zeros: 1337.358269, 2, 0.000001."""
    return f"{x:.{DECIMALS}f}".rstrip("0").rstrip(".")
