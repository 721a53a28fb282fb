"""The words of a 自评表, loaded once from patterns/forms/lexicon.toml: labels of header fields, budget
and indicator columns, budget lines, block ends and totals, and the tests that classify a cell key
by them (a key is a cell's text without whitespace or trailing colon: see cells.Cell)."""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

import regex

from ... import rules
from ...errors import PatternError
from .numbers import NUMBER

FILE = "forms/lexicon.toml"
MONEY_KEYS = ("budget_initial", "budget_full_year", "executed")  # budget columns holding money
UNSTORED = ("reason", "source", "row_no")  # budget columns read for their positions, never stored
OCR_LABEL_MIN = 5  # characters of a column label read with one character misread (年初预匏数)
OCR_STRAYS = "丨|lI"  # a table's rule lines an OCR read as characters ("全年执行数丨")
CACHE_MAX = 20_000  # classifier answers kept per vocabulary
# A plain-text label is a keyword; one with regex syntax must be a rule table with examples.
_REGEX_SYNTAX = regex.compile(r"[\\()\[\]{}?*+|.^$]")


def _any(pats) -> regex.Pattern:
    return regex.compile("|".join(f"(?:{p})" for p in pats))


def _labels(value, where: str, file: str = FILE) -> list[str]:
    """A list of labels from a pattern file, each plain text or a rule (a str either way)."""
    if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
        raise PatternError(f"patterns/{file}: [{where}] must be a list of labels")
    for p in value:
        if not isinstance(p, rules.Rule) and _REGEX_SYNTAX.search(p):
            raise PatternError(
                f"patterns/{file}: [{where}] label {p!r} uses regex syntax: write it as a rule table "
                "{ id, pattern, examples, counterexamples, match = \"fullmatch\" }")
    return list(value)


def _rule(conf: dict, dotted: str) -> regex.Pattern:
    """The compiled rule at ``dotted``; a PatternError when it is missing or no rule table."""
    return rules.require(conf, dotted, rules.Rule, FILE).regex


class Vocabulary:
    """patterns/forms/lexicon.toml compiled: the label tables and the classifiers the grammar asks
    ("which budget column is this cell?", "does this cell end the indicator block?")."""

    def __init__(self, conf: dict):
        self._cache: dict[str, dict] = {}
        self.title = _rule(conf, "title.match")
        self.title_literal = rules.require(conf, "title.literal", str, FILE)
        self.title_year = _rule(conf, "title.year")
        self.title_other = _rule(conf, "title.other")
        self.title_max = rules.require(conf, "title.max_chars", int, FILE)
        fields = rules.require(conf, "field", list, FILE)
        self.field_labels = [(f["key"], _labels(f["labels"], f"field.{f['key']}")) for f in fields]
        self.fields = [(key, [regex.compile(p) for p in labels]) for key, labels in self.field_labels]
        self.code_prefix = _rule(conf, "fields.code_prefix")
        self._money(conf)
        self._budget(conf)
        self._indicator(conf)
        total = rules.require(conf, "total", dict, FILE)
        self.total_ws = _any(_labels(total["weight_score"], "total.weight_score"))
        self.total_s = _any(_labels(total["score"], "total.score"))
        self.grades = set(total["grades"])
        self.full_marks = Decimal(str(rules.require(conf, "total.full_marks", int, FILE)))
        self.points_value = _rule(conf, "total.points_value")
        self.restart = _rule(conf, "title.restart")
        self.score_lead = _rule(conf, "total.score_lead")
        self.document_number = _rule(conf, "cells.document_number")
        self.placeholder = _rule(conf, "cells.placeholder")
        self.column_mark = _rule(conf, "cells.column_mark")
        self.ocr_mark = _rule(conf, "cells.ocr_mark")
        self.labelled = _rule(conf, "cells.labelled")
        self.line_note = _rule(conf, "budget.line_note")
        self.stamp = _rule(conf, "fields.stamp")
        glued = rules.require(conf, "glued", dict, FILE)
        self.actual_phrases = _any(_labels(glued["actual_phrases"], "glued.actual_phrases"))
        target_phrases = _labels(glued["target_phrases"], "glued.target_phrases")
        self.target_phrases = [regex.compile(f"(?:{p})$") for p in target_phrases]
        cmp_words = sorted(self.comparators, key=len, reverse=True)
        self.target_re = regex.compile(
            rf"^(?P<cmp>{'|'.join(regex.escape(w) for w in cmp_words)})?\s*(?P<n>{NUMBER})\s*(?P<unit>\S{{0,8}})$"
        )
        self.lexicon = self._lexicon(conf, glued)

    def _money(self, conf: dict) -> None:
        self.money = _rule(conf, "money.header")
        self.money_stated = _rule(conf, "money.stated")
        self.money_cell = _rule(conf, "money.cell")
        self.column_suffix = _rule(conf, "money.column_suffix")
        self.money_amount = _rule(conf, "money.amount")
        short = rules.require(conf, "money.amount_short", rules.Rule, FILE)
        self.money_short, self.short_unit = short.regex, short["unit"]
        self.canonical_unit = rules.require(conf, "money.canonical", str, FILE)
        factors = rules.require(conf, "money.factors", dict, FILE)
        self.factors = {unit: Decimal(f) for unit, f in factors.items()}
        unstated = conf["money"].get("unstated", {})
        self.unstated_unit: str | None = unstated.get("unit")
        self.unstated_above = Decimal(str(unstated["above"])) if "above" in unstated else None
        if self.factors.get(self.canonical_unit) != 1:
            raise PatternError(f"patterns/{FILE}: [money.factors] must give the canonical unit factor 1")

    def _budget(self, conf: dict) -> None:
        budget = rules.require(conf, "budget", dict, FILE)
        columns = rules.require(conf, "budget.columns", dict, FILE)
        self.budget_col_labels = {key: _labels(labels, f"budget.columns.{key}") for key, labels in columns.items()}
        self.budget_cols = [(key, _any(labels)) for key, labels in self.budget_col_labels.items()]
        lines = rules.require(conf, "budget.line", list, FILE)
        self.budget_line_labels = [(line["name"], _labels(line["labels"], f"budget.line.{line['name']}"))
                                   for line in lines]
        self.budget_lines = [(name, _any(labels)) for name, labels in self.budget_line_labels]
        totals = [line["name"] for line in lines if line.get("total")]
        if len(totals) != 1:
            raise PatternError(f"patterns/{FILE}: exactly one [[budget.line]] must have total = true")
        self.total_line = totals[0]
        # a total-row word (合计) that, with the row's figures after it, is the budget block's total line
        self.budget_total_words = frozenset(budget.get("total_words", []))
        # labels a row of label → value pairs writes before each figure (预算数 6.84 到位数 6.84 …)
        self.budget_cell_labels = frozenset(budget.get("cell_labels", []))
        self.budget_end_labels = _labels(budget["end"], "budget.end")
        self.budget_end = _any(self.budget_end_labels)

    def _indicator(self, conf: dict) -> None:
        ind = rules.require(conf, "indicator", dict, FILE)
        columns = rules.require(conf, "indicator.columns", dict, FILE)
        self.ind_col_labels = {key: _labels(labels, f"indicator.columns.{key}") for key, labels in columns.items()}
        self.ind_cols = [(key, _any(labels)) for key, labels in self.ind_col_labels.items()]
        self.ind_order = list(columns)
        self.marker_labels = _labels(ind["marker"], "indicator.marker")
        self.level1_labels = _labels(ind["level1"], "indicator.level1")
        self.level2_labels = _labels(ind["level2"], "indicator.level2")
        self.ind_end_labels = _labels(ind["end"], "indicator.end")
        self.marker = _any(self.marker_labels)
        self.level1 = _any(self.level1_labels)
        self.level2 = _any(self.level2_labels)
        self.points = _rule(conf, "indicator.points")
        self.points_piece = _rule(conf, "indicator.points_piece")
        self.numbered_name = _rule(conf, "indicator.numbered_name")
        self.stated_points = _rule(conf, "indicator.stated_points")
        self.trailing_figure = _rule(conf, "cells.trailing_figure")
        self.leading_unit = _rule(conf, "cells.leading_unit")
        self.comparators = {w: sym for sym, words in ind["comparators"].items() for w in words}
        self.kinds = set(ind["kinds"])
        self.verdict = _any(_labels(rules.require(conf, "indicator.verdicts", list, FILE), "indicator.verdicts"))
        self.unit = _rule(conf, "indicator.unit")
        self.ind_end = _any(self.ind_end_labels)
        # An indicator table's header in running text: its 一级指标 / 三级指标 / 指标名称 column, then
        # at least two more column labels with nothing but separators between them.
        cols = self.ind_col_labels
        first = _any(cols["level1"] + cols["name"]).pattern
        any_col = _any([p for labels in cols.values() for p in labels]).pattern
        self.ind_head = regex.compile(rf"(?:{first})(?:[\s|:]*(?:{any_col})){{2,}}")

    def _lexicon(self, conf: dict, glued: dict) -> regex.Pattern:
        """Glued text is cut at every label: fields, columns, line labels, levels, block ends."""
        total = conf["total"]
        lexicon = [p for _, labels in self.field_labels for p in labels]
        lexicon += [p for labels in self.budget_col_labels.values() for p in labels]
        lexicon += [p for _, labels in self.budget_line_labels for p in labels] + self.budget_end_labels
        lexicon += [regex.escape(w) for w in sorted(self.budget_cell_labels)]  # 预算数512到位数512执行数…
        lexicon += [p for labels in self.ind_col_labels.values() for p in labels]
        lexicon += self.marker_labels + self.level1_labels + self.level2_labels + self.ind_end_labels
        lexicon += list(total["weight_score"]) + list(total["score"]) + list(glued["actual_phrases"])
        lexicon += [s if isinstance(s, rules.Rule) else regex.escape(s)
                    for s in _labels(glued["sections"], "glued.sections")]
        skip = set(_labels(glued.get("skip", []), "glued.skip"))
        # POSIX: leftmost-longest, so 年度资金总额 wins over 总额 and 满意度指标(10分) over 满意度指标.
        ocr_mark = str(rules.require(conf, "cells.ocr_mark", rules.Rule, FILE))
        return regex.compile(
            "(?:" + "|".join(f"(?:{p})" for p in lexicon if p not in skip) + rf")(?:{ocr_mark})?(?::)?",
            flags=regex.POSIX,
        )

    # -- classifiers on a cell key (text without whitespace and trailing colon)
    @staticmethod
    def _first(table, key):
        for name, pattern in table:
            if pattern.fullmatch(key):
                return name
        return None

    def _cached(self, kind: str, key: str, compute):
        """A classifier's answer for ``key``, computed once per vocabulary (keys repeat a lot)."""
        cache = self._cache.setdefault(kind, {})
        if key not in cache:
            if len(cache) > CACHE_MAX:
                cache.clear()
            cache[key] = compute(key)
        return cache[key]

    def budget_col(self, key: str) -> str | None:
        """The budget column ``key`` labels ("全年执行数(万元)" → executed), or None."""
        return self._cached("budget_col", key, self._budget_col)

    def _budget_col(self, key: str) -> str | None:
        if not key:
            return None
        found = self._first(self.budget_cols, key)
        if found is None:  # "全年执行数(万元)", "分值(10分)", "执行数(B)"
            for bare in (self.column_suffix.sub("", key), self.points.sub("", key), self.column_mark.sub("", key)):
                if bare and bare != key:
                    found = self._first(self.budget_cols, bare)
                    if found is not None:
                        break
        return found

    def ocr_budget_cols(self, key: str) -> list[str]:
        """The budget columns a header cell an OCR misread names, in written order: plain column
        labels of OCR_LABEL_MIN characters or more found in ``key`` with one character wrong and
        the rest right ("年初预匏数调整预算将,A、" → budget_initial, budget_full_year), or as written
        beside a rule line read as a character ("全年执行数丨"); [] when the cell holds a figure, Han
        text no label covers ("预算执行情况" is no misread 预算执行数: 况 is left over), or labels as
        written and nothing stray (the lexicon reads those)."""
        return self._cached("ocr_budget_cols", key, self._ocr_budget_cols)

    def _ocr_budget_cols(self, key: str) -> list[str]:
        if not key or regex.search(r"\d", key):
            return []
        labels = [(p, col) for col, ps in self.budget_col_labels.items() for p in ps
                  if not isinstance(p, rules.Rule) and len(p) >= OCR_LABEL_MIN]
        found: list[str] = []
        misread = False
        rest = []  # what no label covers: marks, letters and OCR'd rule lines only ("(B)", ",A、", "丨")
        i = 0
        while i < len(key):
            hit = next(((p, col, wrong) for p, col in labels if len(key) - i >= len(p) and (wrong := sum(
                a != b for a, b in zip(p, key[i:i + len(p)]))) <= 1), None)
            if hit is None:
                rest.append(key[i])
                i += 1
                continue
            found.append(hit[1])
            misread |= hit[2] == 1
            i += len(hit[0])
        left = "".join(ch for ch in rest if ch not in OCR_STRAYS)
        if regex.search(r"\p{Han}", left) or not (misread or len(left) < len(rest)):
            return []  # other words; or labels as written with nothing stray (the lexicon's)
        return found

    def ocr_budget_line(self, key: str) -> str | None:
        """The budget line a row label an OCR misread names: a plain line label of OCR_LABEL_MIN
        characters or more with exactly one character wrong, the whole cell ("年度资金总額" →
        年度资金总额; "其中:" before it and a colon after it allowed), or None."""
        return self._cached("ocr_budget_line", key, self._ocr_budget_line)

    def _ocr_budget_line(self, key: str) -> str | None:
        bare = key.removeprefix("其中:").removeprefix("其中").rstrip(":")
        for name, labels in self.budget_line_labels:
            for p in labels:
                if (not isinstance(p, rules.Rule) and len(p) >= OCR_LABEL_MIN and len(p) == len(bare)
                        and sum(a != b for a, b in zip(p, bare)) == 1):
                    return name
        return None

    def budget_line(self, key: str) -> str | None:
        """The canonical budget line ``key`` labels ("其中:当年财政拨款" → 财政拨款, "其中:中央财政资金(万元)"
        → 中央财政资金), or None."""
        return self._cached("budget_line", key, self._budget_line)

    def _budget_line(self, key: str) -> str | None:
        return self._first_or_bare(self.budget_lines, self.line_note, key)

    def ind_col(self, key: str) -> str | None:
        """The indicator column ``key`` labels ("指标名称" → name, "预期指标值(A)" → target), or None."""
        return self._cached("ind_col", key, self._ind_col)

    def _ind_col(self, key: str) -> str | None:
        return self._first_or_bare(self.ind_cols, self.column_mark, key)

    def _first_or_bare(self, table, note: regex.Pattern, key: str) -> str | None:
        """The first entry of ``table`` naming ``key``, else ``key`` without its ``note``."""
        if not key:
            return None
        found = self._first(table, key)
        if found is None:
            bare = note.sub("", key)
            if bare and bare != key:
                found = self._first(table, bare)
        return found

    def field(self, key: str) -> tuple[str, int] | None:
        """(form attribute, rank of the label) when ``key`` labels a header field; lower ranks win.
        A label's stamp note is left aside ("主管部门(盖章)" is 主管部门) unless a label has it."""
        return self._cached("field", key, self._field)

    def _field(self, key: str) -> tuple[str, int] | None:
        for candidate in (key, self.stamp.sub("", key)):
            for name, labels in self.fields:
                for rank, pattern in enumerate(labels):
                    if pattern.fullmatch(candidate):
                        return name, rank
        return None

    def is_label_key(self, key: str) -> bool:
        """Whether ``key`` is a whole label of the lexicon (a field, a column, a line, a level, a
        block end or a total), including those never cut at in glued text."""
        return bool(key) and bool(
            self.field(key) or self.budget_col(key) or self.budget_line(key) or self.ind_col(key)
            or self.level1.fullmatch(key) or self.level2.fullmatch(key) or self.budget_end.fullmatch(key)
            or self.marker.fullmatch(key) or self.is_total(key))

    def marker_keys(self, cells) -> set[str]:
        """The keys of ``cells`` a template's markers are looked for in, each also without the money
        unit it carries ("计划安排资金(万元)" is 计划安排资金 too)."""
        keys = {c.key for c in cells if c.key}
        return keys | {self.column_suffix.sub("", k) for k in keys}

    def titles(self, text: str) -> list:
        """Form title matches in ``text``. The pattern tries up to 40 characters at every position,
        so a text without the literal every title contains is not scanned."""
        return list(self.title.finditer(text)) if self.title_literal in text else []

    def is_title(self, text: str) -> bool:
        """Whether a whole cell or line is a form title."""
        return 0 < len(text) <= self.title_max and bool(self.title.fullmatch(text))

    def is_total(self, key: str) -> str | None:
        """"weight_score" or "score" when ``key`` labels the form's total row, else None."""
        if self.total_ws.fullmatch(key):
            return "weight_score"
        if self.total_s.fullmatch(key):
            return "score"
        return None

    def comparator(self, key: str) -> str | None:
        """The symbol (≥ ≤ > < =) a 指标性质 word or sign stands for, or None."""
        return self.comparators.get(key)

    def is_op(self, key: str) -> bool:
        """Whether ``key`` fills a 指标性质 cell (a comparator or a kind such as 定性)."""
        return key in self.comparators or key in self.kinds

    def title_text(self, text: str) -> str:
        """The title without the year that follows it: "项目支出绩效自评表(2023年度)" → 项目支出绩效自评表."""
        cut = text.rfind(self.title_literal)
        return text[: cut + len(self.title_literal)] if cut != -1 else text.strip()

    def without_points(self, key: str) -> str:
        """A level label without the points it carries: "产出指标(50分)" → 产出指标."""
        return self.points.sub("", key)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The vocabulary of patterns/forms/lexicon.toml, built once per process."""
    return Vocabulary(rules.load("forms/lexicon"))
