"""Quantity recognizers: a spaCy component on a blank ``zh`` pipeline, rules from patterns/.

The component finds amounts, percents, lengths, areas, volumes, masses and counts with one
``regex`` pattern built from patterns/quantities.toml, and stores them as spans in
``doc.spans["quantities"]`` with a ``Quantity`` record in ``span._.quantity``. Stake marks
(K7+620), road codes (S330), dates and ordinals are masked first so they never read as numbers.

Numbers are digits (1,234.5), Chinese numerals (三千五百万) or 大写 ones before a money unit
(壹万贰仟叁佰肆拾伍元, 肆佰叁拾萬圆整); 角 and 分 may follow 元 (六十四万零一百四十三元一角七分 =
64.014317万元), and a decimal point that PDF text split with a space is read whole after a Han
character ("资金35. 3万元" = 35.3万元; "1. 3万元" at a line start is list item 1, then 3万元). A
mention's ``raw`` is always the exact text it was read from.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import regex
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import rules
from ..errors import NumeralError, PatternError
from ..model import Mention
from .glued import Cut, find_cuts
from .numerals import CAPITAL, CAPITAL_NUMBER, HAN_NUMBER, HAN_START, LOWER, MULTIPLIERS, parse_number

DIGIT_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?"
MASK = "\x00"
CUT = "\x01"  # the head of a glued run of cells (text/glued.py): a number may start right after it


@dataclass(frozen=True)
class Quantity:
    """One quantity found in a text: its value in the canonical unit and where it was written."""

    kind: str
    value: float | None
    unit: str
    start: int
    end: int
    rule_id: str
    approx: bool
    comparator: str | None
    source_unit: str


@dataclass
class _Rules:
    pattern: regex.Pattern
    mask: regex.Pattern
    unit_of_form: dict[str, dict]
    comparators: dict[str, str]
    comparators_after: dict[str, str]
    approx_before: set[str]
    han_range: regex.Pattern
    glued: dict
    percent_words: regex.Pattern
    percent_unit: dict


def _alternation(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def quantity_rules() -> _Rules:
    """The recognizer's compiled pattern and vocabularies, built once from patterns/quantities.toml."""
    conf = rules.load("quantities")
    unit_of_form: dict[str, dict] = {}
    for unit in conf["unit"]:
        for form in unit["forms"]:
            if form in unit_of_form:
                raise PatternError(f"patterns/quantities.toml: form {form!r} is listed twice")
            unit_of_form[form] = unit
        if not set(unit.get("subunit_forms", [])) <= set(unit["forms"]):
            raise PatternError(f"patterns/quantities.toml: [[unit]] {unit['id']}: subunit_forms must be among its forms")
    # Forms after which 角/分 may follow (元, 圆) are tried after all others: a longer form at the
    # same place (元整) wins first, and none of the others starts with them.
    with_subunits = {f for unit in conf["unit"] for f in unit.get("subunit_forms", [])}
    alternatives, subunit_alternatives = [], []
    for form in sorted(unit_of_form, key=len, reverse=True):
        unit = unit_of_form[form]
        # a masked run after the unit is a code the exclusions hid (万Nm3/h: "Nm3" masked as a
        # letter code), as much a refusal as the letters the guard names, where the unit says so
        refused = [str(r) for r in (unit.get("guard"), MASK if unit.get("masked_refused") else None) if r]
        alt = regex.escape(form) + (f"(?!{'|'.join(refused)})" if refused else "")
        (subunit_alternatives if form in with_subunits else alternatives).append(alt)
    capital_forms = _alternation(f for f, u in unit_of_form.items() if u.get("capital_numerals"))
    mods = conf["modifiers"]
    comparators = dict(mods["comparators"])
    comparators_after = dict(mods["comparators_after"])
    approx_after = [w for w in mods["approx_after"] if w not in comparators_after]
    pattern = regex.compile(
        rf"(?:(?P<cmp>{_alternation(comparators)})\s*)?"
        rf"(?P<approx>{_alternation(mods['approx_before'])})?"
        # A Chinese numeral starts where a run of numerals starts: trying every position inside a
        # long run (一二三四…) is quadratic, and a mid-run start is never the number meant. A
        # letter before digits makes a code (S330), unless a % follows: OCR reads ≤ as W and 0 as
        # O, and a formula writes × as X ("W100%", "O76%", "预算数X100%"); after two letters
        # ("XlO0%", OCR of ×100%) the digits are a fragment, and so are three digits after a
        # thousands comma (1,234.56100%: glued cells, read by text/glued.py). An X right after a
        # number is a times sign: "排水沟(0.3X0.4米)" reads 0.4米 with its unit.
        rf"(?<![0-9.+_/\x00])(?<!(?:[A-WYZa-wyz]|(?<![\d.])[Xx])(?![\d.,]+[ ]?%))(?<![A-Za-z]{{2}})(?<!\d,(?=\d{{3}}))(?P<num>(?P<damaged>{conf['numbers']['damaged_decimal']})|{DIGIT_NUMBER}"
        # 大写 numerals only before a unit that takes them: 陆 and 伍 are also surnames
        rf"|(?<![{LOWER}{CAPITAL}])(?P<capital>{CAPITAL_NUMBER})(?=[ ]?(?:{capital_forms}))"
        rf"|{HAN_START}{HAN_NUMBER})"
        rf"(?P<approx_mid>{_alternation(approx_after)})?"
        r"(?P<mult>[万亿](?=[^元]))?"
        rf"(?P<approx_mult>(?<=[万亿])(?:{mods['approx_after_multiplier']}))?"
        # "100 %": one space at most; a line break only before a % that a narrow cell wrapped to
        # the next line ("95.00\n%"; a separate unit cell "100 |\n% |" keeps its border)
        r"(?:[ ]|\n[ \t]*(?=%))?"
        rf"(?:(?P<unit>{'|'.join(alternatives)})"
        rf"|(?P<unit_sub>{'|'.join(subunit_alternatives) or '(?!)'})(?:{conf['subunits']['jiao_fen']})?)"
        rf"(?P<approx_post>{_alternation(approx_after)})?"
        rf"(?P<cmp_post>{_alternation(comparators_after)})?"
    )
    mask = regex.compile("|".join(f"(?:{p})" for p in conf["exclusions"].values()))
    percent_unit = next(u for u in conf["unit"] if u["id"] == "percent_sign")
    percent_words = regex.compile(
        rf"(?P<pre>{conf['numbers']['percent_words']})(?P<num>百|{DIGIT_NUMBER}|{HAN_START}{HAN_NUMBER})"
        rf"(?P<cmp_post>{_alternation(comparators_after)})?")
    return _Rules(pattern, mask, unit_of_form, comparators, comparators_after, set(mods["approx_before"]),
                  conf["numbers"]["han_range"].regex, conf["glued"], percent_words, percent_unit)


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text``, in order, with offsets into ``text``."""
    r = quantity_rules()
    masked = r.mask.sub(lambda m: MASK * len(m.group()), text)
    g = r.glued
    cut_rules = [(g["repeat"].id, g["repeat"].regex, None), (g["at_least"].id, g["at_least"].regex, "≥")]
    evidence = g["doubled_print"]
    if len(evidence.regex.findall(masked)) >= evidence["min_evidence"]:  # a text layer printed twice
        cut_rules.insert(0, (g["doubled"].id, g["doubled"].regex, None))
    cuts = find_cuts(masked, r.percent_unit["max_integer_digits"], Decimal(str(g["rate_max"])), cut_rules)
    if cuts:
        chars = list(masked)
        for c in cuts:
            chars[c.start:c.end] = CUT * (c.end - c.start)
        masked = "".join(chars)
    cut_at = {c.end: c for c in cuts}
    found = []
    for m in r.pattern.finditer(masked):
        q = _quantity(m, r, cut_at.get(m.start("num")))
        if q is not None:
            found.append(q)
    found += _percent_words(masked, r, found)
    return sorted(found, key=lambda q: q.start)


def _percent_words(masked: str, r: _Rules, found: list[Quantity]) -> list[Quantity]:
    """Percents written out: 百分之九十五, 百分之百, 百分之95 (numbers.percent_words)."""
    out = []
    for m in r.percent_words.finditer(masked):
        num = m.group("num")
        if any(q.start < m.end() and m.start() < q.end for q in found):
            continue
        try:
            value = Decimal(100) if num == "百" else parse_number(num)
        except NumeralError:
            continue
        if not num[0].isdigit() and r.han_range.search(num):
            continue
        cmp_post = m.group("cmp_post")
        out.append(Quantity(kind="percent", value=float(value), unit="%", start=m.start(), end=m.end(),
                            rule_id=f"quantity:{r.percent_unit['id']}+numbers.percent_words",
                            approx=False, comparator=r.comparators_after[cmp_post] if cmp_post else None,
                            source_unit="百分之"))
    return out


def _quantity(m: regex.Match, r: _Rules, cut: Cut | None = None) -> Quantity | None:
    num, form = m.group("num"), m.group("unit") or m.group("unit_sub")
    unit = r.unit_of_form[form]
    if m.group("capital"):
        if not unit.get("capital_numerals", False):
            return None
    elif not num[0].isdigit() and not unit.get("han_numerals", False):
        return None
    if not num[0].isdigit() and r.han_range.search(num):  # 三四个: three or four
        return None
    if "点" in num and unit["kind"] == "count":  # 这一点五个方面: "this point", then five; a count is whole
        return None
    if m.group("damaged"):  # "35. 3万元": the point's stray space is no part of the number; 、 typed for it
        num = num.replace(" ", "").replace("、", ".")
    limit = unit.get("max_integer_digits")
    if limit and len(num.replace(",", "").split(".")[0]) > limit:
        return None
    try:
        value = parse_number(num)
        mult = m.group("mult")
        if mult:
            value *= MULTIPLIERS[mult]
        groups = m.groupdict()
        for sub, share in (("jiao", Decimal("0.1")), ("fen", Decimal("0.01"))):  # 一角七分 after 元
            if groups.get(sub):
                value += parse_number(groups[sub]) * share
    except NumeralError:  # 万 alone, 十十: no number
        return None
    value *= Decimal(unit["factor"])
    canonical = form if unit["canonical"] == "*" else unit["canonical"]
    comparator = None
    if m.group("cmp"):
        comparator = r.comparators[m.group("cmp")]
    elif m.group("cmp_post"):
        comparator = r.comparators_after[m.group("cmp_post")]
    elif cut is not None and cut.comparator:  # a ≥ the text lost (glued.at_least)
        comparator = cut.comparator
    approx = bool(m.group("approx") or m.group("approx_mid") or m.group("approx_mult") or m.group("approx_post"))
    # The mention starts at the number (or at 约/近 before it): comparators are kept apart.
    start = m.start("approx") if m.group("approx") else m.start("num")
    end = m.end()
    return Quantity(
        kind=unit["kind"],
        value=float(value),
        unit=canonical,
        start=start,
        end=end,
        # a number read from the tail of a glued run names the cut's rule too: quantity:percent_sign+glued.run
        rule_id=f"quantity:{unit['id']}" + (f"+{cut.rule_id}" if cut is not None else ""),
        approx=approx,
        comparator=comparator,
        source_unit=(mult or "") + form,
    )


# ------------------------------------------------------------------- spaCy
if not Span.has_extension("quantity"):
    Span.set_extension("quantity", default=None)


_FOUND = "extractor.quantities"  # doc.user_data key: quantities the tokenizer already found
_PIECE = regex.compile(r"\s+|\S+")


class QuantityTokenizer:
    """Tokens cut at whitespace and wherever a quantity starts or ends.

    The quantity spans are the same as with spaCy's character tokenizer (a quantity starts and
    ends on non-space characters, so there every character is a token boundary), but a document
    has a few tokens per quantity instead of one per character, which is what made tokenizing the
    slowest step. The quantities found are handed to the component in ``doc.user_data``.
    """

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        found = find_quantities(text)
        words: list[str] = []
        pos = 0
        for cut in sorted({c for q in found for c in (q.start, q.end)} | {len(text)}):
            if cut > pos:
                words.extend(_PIECE.findall(text, pos, cut))
                pos = cut
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        doc.user_data[_FOUND] = found
        return doc

    # spaCy serializes a pipeline's tokenizer; ours has no state (its rules come from patterns/).
    def to_bytes(self, **kwargs) -> bytes:
        """Nothing to serialize."""
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "QuantityTokenizer":
        """Nothing to restore."""
        return self

    def to_disk(self, path, **kwargs) -> None:
        """Nothing to write."""

    def from_disk(self, path, **kwargs) -> "QuantityTokenizer":
        """Nothing to read."""
        return self


@Language.component("quantity_recognizer")
def quantity_recognizer(doc):
    """Add every quantity as a span in doc.spans["quantities"], label = kind."""
    spans = []
    found = doc.user_data.pop(_FOUND, None)
    for q in find_quantities(doc.text) if found is None else found:
        span = doc.char_span(q.start, q.end, label=q.kind, alignment_mode="expand")
        if span is None:
            continue
        span._.quantity = q
        spans.append(span)
    doc.spans["quantities"] = spans
    return doc


@lru_cache(maxsize=1)
def pipeline() -> Language:
    """A blank Chinese pipeline (nothing downloaded) with our tokenizer and components."""
    nlp = spacy.blank("zh")
    nlp.tokenizer = QuantityTokenizer(nlp.vocab)
    nlp.add_pipe("quantity_recognizer")
    return nlp


def recognize(text: str) -> list[Mention]:
    """Mentions for ``text``; offsets are exact (``text[start:end] == raw``)."""
    doc = pipeline()(text)
    mentions = []
    for span in doc.spans["quantities"]:
        q: Quantity = span._.quantity
        mentions.append(
            Mention(
                kind=q.kind,
                value=q.value,
                unit=q.unit,
                raw=text[q.start:q.end],
                start=q.start,
                end=q.end,
                rule_id=q.rule_id,
                approx=q.approx,
                comparator=q.comparator,
                source_unit=q.source_unit,
            )
        )
    return mentions
