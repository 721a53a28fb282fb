"""Self-assessment forms (自评表) → :class:`Form`: header fields, budget block, indicator rows.

A 自评表 reaches this stage in one of two shapes, and both go through the same grammar:

* structured tables from the readers (DOCX, XLSX, PDF via pdfplumber, HTML): rows of cells, a
  merged cell written once and blank ("") where it continues;
* flattened text (TXT, or any source whose reader kept no table): cells joined by " | " one row a
  line (安徽 转移支付 forms), one cell a line ending in " |" (四川), cells broken into lines at
  random (云南 2022), or no separator at all (a DOCX saved as text: normalization removed the spaces
  between Han characters, so such a line is cut at the labels of patterns/forms.toml).

Either way the input becomes a list of :class:`Cell` (text, span in ``Report.text``, row id), and
:class:`_Parser` reads title and year → header fields → money unit → budget block → indicator
block → total row. All labels come from patterns/forms.toml.

Flattenings that scramble a form are read too: a PDF text layer that writes two-line header cells
as all first lines then all second lines (湖北 "中央 … 执行数 执行 (万元)×6 率": units under the
labels, 执行率 split in two), and a budget row with no line label or with its cells out of order
(a spreadsheet flattened to one line, other cells of the page run in between): the first bare
percent after the budget header anchors 执行率 and the numbers before it fill the columns before it
from the right. An indicator table a narrative report carries outside any titled form
(一级指标 | 二级指标 | 指标名称 | 目标值 | 实际完成值, one cell a line) becomes a form with title
None and indicators only.

The budget block's bare money cells ("387664.62" under 项目资金(元)) are added to
``report.mentions`` as kind ``table_amount`` in 万元 (never ``amount``: a bare cell under a (万元)
header is no amount mention for scoring), with exact offsets, so ``text[start:end] == raw``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

import regex

from ... import rules
from ...model import Form, FormBudgetLine, Indicator, Mention, Report, Table
from ...text.normalize import normalize
from ...text.segment import section_at

_NUM = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
NUM_RE = regex.compile(rf"(?P<n>{_NUM})")
PCT_RE = regex.compile(rf"(?P<n>{_NUM})\s*%")
MONEY_RE = regex.compile(rf"(?P<n>{_NUM})\s*(?P<u>万元|元|千元)")
# "3359.62万" in a money column: 万元 written short
WAN_RE = regex.compile(rf"(?P<n>{_NUM})\s*万")
MONEY_KEYS = ("budget_initial", "budget_full_year", "executed")
TOTAL_LINE = "年度资金总额"  # the canonical name of a budget block's total line
UNSTORED = ("reason", "source")  # budget columns read for their positions, never stored
ANCHOR_WINDOW = 16  # non-empty cells after a budget header within which a bare percent anchors 执行率
SEGMENT_MAX = 30_000  # characters of text after a title that can belong to its form
LOCATE_WINDOW = 6_000  # how far ahead the first cell of a table row is looked for in the text
LOCATE_STEP = 600  # how far after the previous cell of the same row the next one is looked for


# ------------------------------------------------------------------ vocabulary
def _any(pats) -> regex.Pattern:
    return regex.compile("|".join(f"(?:{p})" for p in pats))


class _Vocab:
    def __init__(self, conf: dict):
        self.title = regex.compile(conf["title"]["pattern"])
        self.title_literal = conf["title"]["literal"]
        self.title_year = regex.compile(conf["title"]["year"])
        self.title_max = int(conf["title"]["max_chars"])
        self.fields = [(f["key"], [regex.compile(p) for p in f["labels"]]) for f in conf["field"]]
        self.code_prefix = regex.compile(conf["fields"]["code_prefix"])
        self.money = regex.compile(conf["money"]["pattern"])
        self.money_cell = regex.compile(conf["money"]["cell"])
        self.column_suffix = regex.compile(conf["money"]["column_suffix"])
        self.factors = {unit: Decimal(f) for unit, f in conf["money"]["factors"].items()}
        budget = conf["budget"]
        self.budget_cols = [(key, _any(labels)) for key, labels in budget["columns"].items()]
        self.budget_lines = [(line["name"], _any(line["labels"])) for line in budget["line"]]
        self.budget_end = _any(budget["end"])
        ind = conf["indicator"]
        self.ind_cols = [(key, _any(labels)) for key, labels in ind["columns"].items()]
        self.ind_order = list(ind["columns"])
        self.marker = _any(ind["marker"])
        self.level1 = _any(ind["level1"])
        self.level2 = _any(ind["level2"])
        self.comparators = {w: sym for sym, words in ind["comparators"].items() for w in words}
        self.kinds = set(ind["kinds"])
        self.unit = regex.compile(ind["unit"])
        self.ind_end = _any(ind["end"])
        # An indicator table's header in running text: its 一级指标 / 三级指标 / 指标名称 column, then
        # at least two more column labels with nothing but separators between them.
        first = _any(ind["columns"]["level1"] + ind["columns"]["name"]).pattern
        any_col = _any([p for labels in ind["columns"].values() for p in labels]).pattern
        self.ind_head = regex.compile(rf"(?:{first})(?:[\s|:]*(?:{any_col})){{2,}}")
        total = conf["total"]
        self.total_ws = _any(total["weight_score"])
        self.total_s = _any(total["score"])
        self.grades = set(total["grades"])
        self.placeholder = regex.compile(conf["cells"]["placeholder"])
        glued = conf["glued"]
        self.actual_phrases = _any(glued["actual_phrases"])
        self.target_phrases = [regex.compile(f"(?:{p})$") for p in glued["target_phrases"]]
        cmp_words = sorted(self.comparators, key=len, reverse=True)
        self.target_re = regex.compile(
            rf"^(?P<cmp>{'|'.join(regex.escape(w) for w in cmp_words)})?\s*(?P<n>{_NUM})\s*(?P<unit>\S{{0,8}})$"
        )
        # Glued text is cut at every label: fields, columns, line labels, levels, block ends.
        lexicon = [p for f in conf["field"] for p in f["labels"]]
        lexicon += [p for labels in budget["columns"].values() for p in labels]
        lexicon += [p for line in budget["line"] for p in line["labels"]] + budget["end"]
        lexicon += [p for labels in ind["columns"].values() for p in labels]
        lexicon += ind["marker"] + ind["level1"] + ind["level2"] + ind["end"]
        lexicon += total["weight_score"] + total["score"] + glued["actual_phrases"]
        lexicon += [regex.escape(s) for s in glued["sections"]]
        skip = set(glued.get("skip", []))
        # POSIX: leftmost-longest, so 年度资金总额 wins over 总额 and 满意度指标(10分) over 满意度指标.
        self.lexicon = regex.compile(
            "(?:" + "|".join(f"(?:{p})" for p in lexicon if p not in skip) + r")(?::)?", flags=regex.POSIX
        )

    # -- classifiers on a cell key (text without whitespace and trailing colon)
    @staticmethod
    def _first(table, key):
        for name, pattern in table:
            if pattern.fullmatch(key):
                return name
        return None

    def budget_col(self, key: str) -> str | None:
        if not key:
            return None
        found = self._first(self.budget_cols, key)
        if found is None:
            bare = self.column_suffix.sub("", key)
            if bare and bare != key:
                found = self._first(self.budget_cols, bare)
        return found

    def budget_line(self, key: str) -> str | None:
        return self._first(self.budget_lines, key) if key else None

    def ind_col(self, key: str) -> str | None:
        return self._first(self.ind_cols, key) if key else None

    def field(self, key: str) -> tuple[str, int] | None:
        for name, labels in self.fields:
            for rank, pattern in enumerate(labels):
                if pattern.fullmatch(key):
                    return name, rank
        return None

    def titles(self, text: str) -> list:
        """Form title matches in ``text``. The pattern tries up to 40 characters at every position,
        so a text without the literal every title contains is not scanned."""
        return list(self.title.finditer(text)) if self.title_literal in text else []

    def is_title(self, text: str) -> bool:
        return 0 < len(text) <= self.title_max and bool(self.title.fullmatch(text))

    def is_total(self, key: str) -> str | None:
        if self.total_ws.fullmatch(key):
            return "weight_score"
        if self.total_s.fullmatch(key):
            return "score"
        return None

    def comparator(self, key: str) -> str | None:
        return self.comparators.get(key)

    def is_op(self, key: str) -> bool:
        return key in self.comparators or key in self.kinds


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    return _Vocab(rules.load("forms"))


# ------------------------------------------------------------------- cells
def _key(text: str) -> str:
    return rules.compiled(r"\s+").sub("", text).rstrip(":")


@dataclass
class Cell:
    text: str
    start: int | None = None  # span in Report.text, when known
    end: int | None = None
    row: int = 0  # table row, or line number of flattened text
    col: int = 0  # position in its row
    table: int | None = None
    page: int | None = None
    glued: bool = False  # cut out of a line that had no separators
    key: str = field(init=False)

    def __post_init__(self):
        self.key = _key(self.text)

    @property
    def rid(self) -> tuple:
        return (self.table, self.row)

    @property
    def empty(self) -> bool:
        return not self.key


def _number(text: str) -> Decimal | None:
    m = NUM_RE.fullmatch(text.strip())
    return Decimal(m["n"].replace(",", "")) if m else None


def _percent(text: str) -> Decimal | None:
    m = PCT_RE.fullmatch(text.strip())
    return Decimal(m["n"].replace(",", "")) if m else None


def _numeric(cell: Cell) -> bool:
    """A number or a percent: what fills 实际完成值 / 分值 / 得分."""
    return bool(NUM_RE.fullmatch(cell.key) or PCT_RE.fullmatch(cell.key))


def _leading_number(text: str) -> Decimal | None:
    m = rules.compiled(rf"\s*(?:[≥≤><=]\s*)?(?P<n>{_NUM})").match(text)
    return Decimal(m["n"].replace(",", "")) if m else None


def _float(d: Decimal | None) -> float | None:
    return None if d is None else float(d)


# --------------------------------------------------------------- the parser
@dataclass
class _Line:
    name: str
    label: Cell
    values: dict[str, Cell]


@dataclass
class _Row:
    cells: dict[str, Cell] = field(default_factory=dict)

    def get(self, key):
        return self.cells.get(key)


@dataclass
class _Parsed:
    title: Cell | None = None
    year: int | None = None
    fields: dict[str, Cell] = field(default_factory=dict)
    money_unit: str | None = None
    lines: list[_Line] = field(default_factory=list)
    rows: list[_Row] = field(default_factory=list)
    total_weight: Decimal | None = None
    total_score: Decimal | None = None
    grade: str | None = None
    structured: bool = False  # a budget or indicator header was found
    used: list[Cell] = field(default_factory=list)  # cells read: they give the form's span

    def is_form(self) -> bool:
        """Enough to be a form: figures, or the form's own column headers with its fields."""
        return bool(self.lines or self.rows or (self.structured and self.fields))


class _Parser:
    """Reads one form out of ``cells``. ``rows_known``: cells carry real table rows."""

    def __init__(self, cells: list[Cell], rows_known: bool, vocab: _Vocab):
        self.cs = cells
        self.rows_known = rows_known
        self.v = vocab
        self.out = _Parsed()
        self.b_end = 0  # index after the budget header's last cell (labels, units, split pieces)
        self.b_unit: str | None = None  # money unit written in the budget header itself
        self.header_score: Decimal | None = None  # 自评总分 written among the header fields

    # ---------------------------------------------------------------- helpers
    def _next_value(self, i: int, hi: int) -> int | None:
        """Index of the first non-empty cell after ``i`` that is not a label."""
        for j in range(i + 1, min(hi, i + 6)):
            c = self.cs[j]
            if c.empty:
                continue
            if self._is_label(c):
                return None
            return j
        return None

    def _is_label(self, c: Cell) -> bool:
        v, k = self.v, c.key
        return bool(
            v.field(k) or v.budget_col(k) or v.budget_line(k) or v.ind_col(k) or v.money.search(k)
            or v.money_cell.match(k) or v.budget_end.fullmatch(k) or v.marker.fullmatch(k) or v.is_total(k)
        )

    def _level(self, cs: list[Cell], i: int, end: int) -> tuple[str, str] | None:
        """("level1"|"level2", label without points) when ``cs[i]`` names an indicator level."""
        k = cs[i].key
        one, two = self.v.level1.fullmatch(k), self.v.level2.fullmatch(k)
        if not (one or two):
            return None
        bare = rules.compiled(r"\(\d+(?:\.\d+)?分\)$").sub("", k)
        if one and two:
            nxt = next((c for c in cs[i + 1:end] if not c.empty), None)
            if k != bare or (nxt is not None and self.v.level2.fullmatch(nxt.key)):
                return "level1", bare
            return "level2", bare
        return ("level1" if one else "level2"), bare

    def _ind_stop(self, c: Cell) -> bool:
        k = c.key
        return bool(
            self.v.ind_end.fullmatch(k) or self.v.is_total(k) or self.v.is_title(c.text)
            or self.v.budget_end.fullmatch(k) and not self.v.marker.fullmatch(k)
        )

    def _budget_stop(self, c: Cell) -> bool:
        k = c.key
        return bool(
            self.v.budget_end.fullmatch(k) or self.v.marker.fullmatch(k) or self.v.ind_col(k) in ("level1", "name")
            or self.v.level1.fullmatch(k) or self.v.is_total(k) or self.v.is_title(c.text)
        )

    # ------------------------------------------------------------------ parse
    def parse(self, title: Cell | None = None, budget: bool = True) -> _Parsed:
        """``budget``: False for an indicator table met without a form title (no budget block)."""
        cs, out = self.cs, self.out
        n = len(cs)
        out.title = title
        start = 0
        if title is None:
            for i, c in enumerate(cs[:12]):
                if self.v.is_title(c.text):
                    out.title, start = c, i + 1
                    break
        if out.title is not None:
            out.used.append(out.title)
            m = self.v.title.fullmatch(out.title.text) or self.v.title.search(out.title.text)
            if m and (m["year1"] or m["year2"]):
                out.year = int(m["year1"] or m["year2"])
        if out.year is None:
            for c in [c for c in cs[start:start + 40] if not c.empty][:3]:
                m = self.v.title_year.match(c.key)
                if m:
                    out.year = int(m["year"])
                    break
        b_head = self._budget_header(start, n) if budget else None
        i_head = self._indicator_header(start if b_head is None else self.b_end, n)
        fields_end = b_head[0][1] if b_head else (i_head[0] if i_head else min(n, start + 40))
        self._fields(start, fields_end)
        self._money_unit(start, b_head[0][1] if b_head else fields_end)
        if out.money_unit is None and self.b_unit is not None:
            out.money_unit = self.b_unit
        after = start
        if b_head:
            after = self._budget(b_head, i_head[0] if i_head else n)
        if i_head:
            after = self._indicators(i_head, n)
        self._total(after, n)
        if out.total_score is None and self.header_score is not None:
            out.total_score = self.header_score
        return out

    # ------------------------------------------------------------- header fields
    def _fields(self, lo: int, hi: int) -> None:
        best: dict[str, tuple[int, Cell]] = {}
        for i in range(lo, hi):
            c = self.cs[i]
            if c.key and self.v.is_total(c.key) == "score" and self.header_score is None:
                # 湖北-style forms write the total in the header: "自评总分: 95".
                j = self._next_value(i, hi)
                value = _number(self.cs[j].key) if j is not None else None
                if value is not None and 0 <= value <= 100:
                    self.header_score = value
                    self.out.used += [c, self.cs[j]]
                continue
            hit = self.v.field(c.key) if c.key else None
            if not hit:
                continue
            j = self._next_value(i, hi)
            if j is None:
                continue
            name, rank = hit
            if name not in best or rank < best[name][0]:
                best[name] = (rank, self.cs[j])
                self.out.used += [c, self.cs[j]]
        self.out.fields = {name: cell for name, (_, cell) in best.items()}

    def _money_unit(self, lo: int, hi: int) -> None:
        cells = self.cs[lo:hi + 1] if hi < len(self.cs) else self.cs[lo:hi]
        joined = "".join(c.key for c in cells)
        m = self.v.money.search(joined)
        if m:
            self.out.money_unit = m["unit"]
            return
        for c in reversed(cells):
            m = self.v.money_cell.match(c.key)
            if m:
                self.out.money_unit = m["unit"]
                return

    # ------------------------------------------------------------------ budget
    def _budget_header(self, lo: int, hi: int) -> list[tuple[str, int]] | None:
        """[(column key, cell index)] of the budget block's column labels, in written order."""
        cs = self.cs
        for h in range(lo, hi):
            if not self.v.budget_col(cs[h].key):
                continue
            cols: list[tuple[str, int]] = []
            units: list[str] = []
            end = h + 1
            if self.rows_known:
                for j in range(h, hi):
                    if cs[j].rid != cs[h].rid:
                        break
                    key = self.v.budget_col(cs[j].key)
                    if key:
                        cols.append((key, j))
                        units.append(self._label_unit(cs[j].key))
                    end = j + 1
            else:
                j = h
                joined: set[int] = set()  # second pieces of split labels, already read
                while j < hi:
                    c = cs[j]
                    key = self.v.budget_col(c.key)
                    if key:
                        cols.append((key, j))
                        units.append(self._label_unit(c.key))
                    elif j in joined or c.empty:
                        pass
                    elif self.v.money_cell.match(c.key):  # the unit line under the labels
                        units.append(self.v.money_cell.match(c.key)["unit"])
                    else:
                        rest = self._label_rest(j, hi)
                        if rest is None:
                            break
                        cols.append((self.v.budget_col(c.key + cs[rest].key), j))
                        joined.add(rest)
                    j += 1
                    if not cs[j - 1].empty:
                        end = j
            keys = [k for k, _ in cols]
            stored = [k for k in keys if k not in UNSTORED]
            if len(cols) >= 2 and any(k in MONEY_KEYS for k in keys) and len(set(stored)) == len(stored):
                self.b_end = end
                self.b_unit = next((u for u in units if u), None)
                return cols
        return None

    def _label_unit(self, key: str) -> str | None:
        m = self.v.column_suffix.search(key)
        return m["unit"] if m else None

    def _label_rest(self, i: int, hi: int) -> int | None:
        """Where the rest of a header label split over two text lines is: ``cs[i]`` ("执行") is no
        label but with the first later cell that is neither a label nor a unit ("率") makes one."""
        cs, v = self.cs, self.v
        head = cs[i].key
        if _numeric(cs[i]) or len(head) > 8:
            return None
        for k in range(i + 1, min(hi, i + 14)):
            d = cs[k]
            if d.empty or v.money_cell.match(d.key) or v.budget_col(d.key):
                continue
            return k if not _numeric(d) and v.budget_col(head + d.key) else None
        return None

    def _budget(self, cols: list[tuple[str, int]], hi: int) -> int:
        cs, v = self.cs, self.v
        self.out.used += [cs[i] for _, i in cols]
        self.out.structured = True
        j = max(cols[-1][1] + 1, self.b_end)
        if self.rows_known:
            while j < hi and cs[j].rid == cs[cols[-1][1]].rid:
                j += 1
        skipped: set[str] = set()  # money columns a flattened row lost; later rows lost them too
        unlabeled, j = self._unlabeled_row(cols, j, hi)
        loose = 0
        while j < hi:
            c = cs[j]
            if self._budget_stop(c):
                break
            name = v.budget_line(c.key)
            if not name:
                loose += not c.empty
                if loose > 16:
                    break
                j += 1
                continue
            loose = 0
            k = j + 1
            # A label that starts a line of several cells owns the rest of that line only.
            row_line = self.rows_known or (
                c.col == 0 and sum(1 for d in cs[j:hi] if d.rid == c.rid) >= 2
            )
            while k < hi:
                d = cs[k]
                if row_line and d.rid != c.rid:
                    break
                if v.budget_line(d.key) or self._budget_stop(d):
                    break
                k += 1
            values = self._map_budget_row(cols, j, list(range(j + 1, k)), skipped)
            if values is not None:
                self.out.lines.append(_Line(name, c, values))
                self.out.used += [c, *values.values()]
            j = k
        if unlabeled is not None and not any(line.name == TOTAL_LINE for line in self.out.lines):
            values, label = unlabeled
            self.out.lines.insert(0, _Line(TOTAL_LINE, label, values))
            self.out.used += list(values.values())
        return j

    def _unlabeled_row(self, cols, j: int, hi: int) -> tuple[tuple[dict[str, Cell], Cell] | None, int]:
        """The budget block's first row when no line label starts it: its cells (column → cell) and
        the cell standing for its label, and where the block goes on. Read as the 年度资金总额 line:
        a block of one row under its header, or the total row of a block whose label a flattening
        moved elsewhere."""
        cs, v = self.cs, self.v
        keys = [k for k, _ in cols]
        first = next((i for i in range(j, hi) if not cs[i].empty), None)
        if first is None or not _numeric(cs[first]):
            return None, j
        if self.rows_known:  # the row right under the header row, read by column position
            row = [c for c in cs[first:hi] if c.rid == cs[first].rid]
            if any(v.budget_line(c.key) or self._budget_stop(c) for c in row):
                return None, j
            by_col = {c.col: c for c in row}
            mapped = {k: by_col[cs[i].col] for k, i in cols if cs[i].col in by_col}
            mapped = {k: c for k, c in mapped.items() if not c.empty and not v.placeholder.match(c.key)}
            if self._budget_valid(mapped) and any(k in MONEY_KEYS for k in mapped):
                return (mapped, row[0]), first + len(row)
            return None, j
        # One line holding the row, one cell a column ("| | 309 | 309 | 100% |").
        line = [i for i in range(j, hi) if cs[i].rid == cs[first].rid]
        if cs[line[0]].col == 0 and len(line) >= 2 and not cs[first].glued:
            cells = [cs[i] for i in line]
            while len(cells) > len(keys) and cells[-1].empty:
                cells.pop()
            if len(cells) == len(keys):
                mapped = {k: c for k, c in zip(keys, cells) if not c.empty and not v.placeholder.match(c.key)}
                if self._budget_valid(mapped) and any(k in MONEY_KEYS for k in mapped):
                    return (mapped, cs[first]), line[-1] + 1
        return self._anchored_row(keys, first, hi)

    def _anchored_row(self, keys: list[str], lo: int, hi: int):
        """A flattened first row out of order: the first bare percent after the header is 执行率;
        the numbers before it go to the columns before 执行率 from the right, those after it to the
        columns after it. Cells of other columns of the page that ran in between are passed over,
        but no line label, indicator header, title or second budget header."""
        cs, v = self.cs, self.v
        if "execution_rate" not in keys:
            return None, lo
        r = keys.index("execution_rate")
        before, after = keys[:r], keys[r + 1:]
        nums: list[Cell] = []
        seen = 0
        i = lo
        anchor = None
        last: Cell | None = None  # the non-empty cell before the one at hand
        while i < hi and seen < ANCHOR_WINDOW:
            c = cs[i]
            if c.empty:
                i += 1
                continue
            seen += 1
            k = c.key
            if (
                v.budget_line(k) or v.budget_col(k) or v.ind_col(k) in ("level1", "name") or v.marker.fullmatch(k)
                or v.level1.fullmatch(k) or v.is_title(c.text) or v.is_total(k)
            ):
                return None, lo
            if PCT_RE.fullmatch(k):
                anchor = c
                break
            if NUM_RE.fullmatch(k):
                nxt = i + 1
                if nxt < hi and cs[nxt].key == "%":  # "100 %": the sign a cell of its own
                    anchor = Cell(c.text + "%", c.start, cs[nxt].end, c.row, c.col, c.table, c.page, c.glued)
                    i = nxt
                    break
                nums.append(c)
            last = c
            i += 1
        # 执行数 right before 执行率: the cell before the percent is a number
        if anchor is None or last is None or not NUM_RE.fullmatch(last.key):
            return None, lo
        mapped: dict[str, Cell] = {"execution_rate": anchor}
        mapped.update(zip(reversed(before), reversed(nums)))
        i += 1
        for key in after:
            while i < hi and cs[i].empty:
                i += 1
            if i >= hi or not (NUM_RE.fullmatch(cs[i].key) or v.placeholder.match(cs[i].key)):
                break
            mapped[key] = cs[i]
            i += 1
        mapped = {k: c for k, c in mapped.items() if not v.placeholder.match(c.key)}
        if not self._budget_valid(mapped):
            return None, lo
        self._consistent(mapped)
        if not any(k in MONEY_KEYS for k in mapped):
            return None, lo
        return (mapped, nums[0]), i

    def _map_budget_row(self, cols, label: int, idx: list[int], skipped: set[str]) -> dict[str, Cell] | None:
        cs = self.cs
        keys = [k for k, _ in cols]
        values = [cs[i] for i in idx]
        while len(values) > len(keys) and values[-1].empty:
            values = values[:-1]
        if len(values) == len(keys):  # one cell a column after the label (DOCX, HTML, text rows)
            mapped = dict(zip(keys, values))
            if self._budget_valid(mapped) and any(not c.empty for c in mapped.values()):
                return {k: c for k, c in mapped.items() if not c.empty and not self.v.placeholder.match(c.key)} or None
        if self.rows_known:  # same grid as the header row (XLSX, PDF): read by column position
            header_row = [c for c in cs if c.rid == cs[cols[0][1]].rid]
            row = [c for c in cs if c.rid == cs[label].rid]
            if len(row) <= len(header_row) and cs[label].col < min(cs[i].col for _, i in cols):
                by_col = {c.col: c for c in row}
                mapped = {k: by_col[cs[i].col] for k, i in cols if cs[i].col in by_col}
                if mapped and self._budget_valid(mapped) and any(not c.empty for c in mapped.values()):
                    return {k: c for k, c in mapped.items() if not c.empty and not self.v.placeholder.match(c.key)}
        mapped = self._align(values, keys, skipped)
        mapped = {k: c for k, c in mapped.items() if not c.empty and not self.v.placeholder.match(c.key)}
        mapped = {k: c for k, c in mapped.items() if k in UNSTORED or self._budget_valid({k: c})}
        if not any(k not in UNSTORED for k in mapped):
            return None
        return mapped

    @staticmethod
    def _consistent(mapped: dict[str, Cell]) -> None:
        """Drop the money cells of an out-of-order row that the rate contradicts: 执行数 / 全年预算数
        must give 执行率; a 0 budget beside a positive 执行数 is a stray blank (年初预算数 0)."""
        rate = _percent(mapped["execution_rate"].key)
        full = mapped.get("budget_full_year")
        executed = mapped.get("executed")
        if rate is None or full is None or executed is None:
            return
        f, e = _number(full.key), _number(executed.key)
        if f is None or e is None:
            return
        if f == 0:
            if e > 0:
                del mapped["budget_full_year"]
            return
        if abs(e / f * 100 - rate) > 1:
            del mapped["budget_full_year"], mapped["executed"]

    def _budget_valid(self, mapped: dict[str, Cell]) -> bool:
        for key, c in mapped.items():
            k = c.key
            if not k or self.v.placeholder.match(k) or key in UNSTORED:
                continue
            if key in MONEY_KEYS and not (NUM_RE.fullmatch(k) or MONEY_RE.fullmatch(k) or WAN_RE.fullmatch(k)):
                return False
            if key == "execution_rate" and not (NUM_RE.fullmatch(k) or PCT_RE.fullmatch(k)):
                return False
            if key in ("weight", "score") and not NUM_RE.fullmatch(k):
                return False
        return True

    @staticmethod
    def _align(values: list[Cell], keys: list[str], skipped: set[str]) -> dict[str, Cell]:
        """Cells of one budget row → columns, tolerating the cells flattening lost."""
        n = len(keys)
        cells = list(values)
        while len(cells) > n and cells[-1].empty:
            cells.pop()
        tail = 0
        while tail < n and keys[n - 1 - tail] == "reason":
            tail += 1
        if n - tail <= len(cells) <= n:
            return dict(zip(keys, cells))
        compact = [c for c in cells if not c.empty]
        if n - tail <= len(compact):
            return dict(zip(keys, compact))
        pct = next((i for i, c in enumerate(compact) if PCT_RE.fullmatch(c.key)), None)
        if pct is not None and "execution_rate" in keys:
            r = keys.index("execution_rate")
            left, right = compact[:pct], compact[pct + 1:]
            before = keys[:r]
            out = {"execution_rate": compact[pct]}
            if len(left) <= len(before):
                lk = before[len(before) - len(left):] if left else []
                out.update(zip(lk, left))
                skipped.update(k for k in before[:len(before) - len(left)] if k in MONEY_KEYS)
            else:
                out.update(zip(before, left))
            out.update(zip(keys[r + 1:], right))
            return out
        usable = [k for k in keys if k not in skipped]
        return dict(zip(usable, compact))

    # -------------------------------------------------------------- indicators
    def _indicator_header(self, lo: int, hi: int) -> tuple[int, int, list[str], dict | None] | None:
        """(first header cell, first data cell, column keys, column map by position or None)."""
        cs, v = self.cs, self.v
        for a in range(lo, hi):
            if v.ind_col(cs[a].key) not in ("level1", "name"):
                continue
            if self.rows_known:
                first = a
                while first > 0 and cs[first - 1].rid == cs[a].rid:
                    first -= 1
                row = [c for c in cs[first:] if c.rid == cs[a].rid]
                keys_by_col = {c.col: v.ind_col(c.key) for c in row if v.ind_col(c.key)}
                end = first + len(row)
                # A second header row: 年度指标值 over 指标性质 / 指标值 / 度量单位.
                nxt = [c for c in cs[end:] if c.rid == cs[end].rid] if end < len(cs) else []
                sub = {c.col: v.ind_col(c.key) for c in nxt if v.ind_col(c.key) in ("op", "target", "unit")}
                if sub and all(c.empty or v.ind_col(c.key) for c in nxt):
                    keys_by_col = self._merge_header(row, nxt, keys_by_col, sub)
                    end += len(nxt)
                keys = [k for _, k in sorted(keys_by_col.items())] if keys_by_col else []
                if len([k for k in keys if k]) >= 3:
                    return first, end, keys, keys_by_col
                continue
            # flattened: the run of column labels around cs[a]
            s = a
            while s - 1 >= lo and (v.ind_col(cs[s - 1].key) or v.marker.fullmatch(cs[s - 1].key)):
                s -= 1
            e = a
            while e < hi and (v.ind_col(cs[e].key) or cs[e].empty or v.marker.fullmatch(cs[e].key)):
                if cs[e].empty:
                    nxt = next((c for c in cs[e:hi] if not c.empty), None)
                    if nxt is None or not v.ind_col(nxt.key):
                        break
                e += 1
            run = [v.ind_col(c.key) for c in cs[s:e] if v.ind_col(c.key)]
            keys = self._column_order(run)
            if len(keys) >= 3:
                return s, e, keys, None
        return None

    def _column_order(self, run: list[str]) -> list[str]:
        keys = list(run)
        if keys.count("target") > 1 and ("op" in keys or "unit" in keys):
            keys.remove("target")  # the group label 年度指标值 over the sub-columns
        seen, unique = set(), []
        for k in keys:
            if k not in seen:
                seen.add(k)
                unique.append(k)
        order = {k: i for i, k in enumerate(self.v.ind_order)}
        if [order[k] for k in unique] != sorted(order[k] for k in unique):
            unique.sort(key=order.__getitem__)  # a two-row header, flattened row after row
        return unique

    def _merge_header(self, row, sub_row, keys_by_col, sub) -> dict:
        if len(row) == len(sub_row):  # one grid (XLSX, PDF): sub-labels take their columns
            merged = dict(keys_by_col)
            merged.update(sub)
            return merged
        # Merged cells written once (DOCX, HTML): the sub-row's own cells are the data grid.
        group = next((c.col for c in row if keys_by_col.get(c.col) == "target"), None)
        if group is None:
            return keys_by_col
        before = [keys_by_col[c.col] for c in row if c.col < group and c.col in keys_by_col]
        after = [keys_by_col[c.col] for c in row if c.col > group and c.col in keys_by_col]
        first, last = min(sub), max(sub)
        lead = [c.col for c in sub_row if c.col < first]
        trail = [c.col for c in sub_row if c.col > last]
        merged = dict(sub)
        merged.update(zip(lead[len(lead) - len(before):], before))
        merged.update(zip(trail, after))
        return merged

    def _indicators(self, head, hi: int) -> int:
        first, data, keys, by_col = head
        cs = self.cs
        self.out.structured = True
        self.out.used += [c for c in cs[first:data] if not c.empty]
        stop = next((i for i in range(data, hi) if self._ind_stop(cs[i])), hi)
        if self.rows_known:
            rows = self._rows_by_table(data, stop, keys, by_col)
        else:
            candidates = [self._rows_by_line(data, stop, keys), self._rows_by_stream(data, stop, keys)]
            chunks = self._rows_by_chunks(data, stop, keys)
            if chunks is not None:
                rows = chunks
            else:
                rows = max(candidates, key=self._quality)  # ties: the line reading (first)
        self.out.rows = rows
        for r in rows:
            self.out.used += list(r.cells.values())
        return stop

    @staticmethod
    def _quality(rows: list[_Row]) -> int:
        q = 0
        for r in rows:
            if "name" not in r.cells:
                continue
            has_value = any(k in r.cells for k in ("target", "actual"))
            has_score = any(k in r.cells and _numeric(r.cells[k]) for k in ("weight", "score"))
            q += 1 if has_value and has_score else (-1 if not has_value and not has_score else 0)
        return q

    def _rows_by_table(self, lo, hi, keys, by_col) -> list[_Row]:
        width = max(by_col) + 1 if by_col else 0
        rows = []
        for row in self._row_runs(lo, hi):
            mapped = None
            # Positions hold only when nothing sits in a column the header does not name (an HTML
            # row under a rowspan is shifted left: its first cell lands in the 绩效指标 column).
            if by_col and len(row) <= width and all(c.empty or c.col in by_col for c in row):
                mapped = {by_col[c.col]: c for c in row if c.col in by_col and by_col[c.col] and not c.empty}
            parsed = self._positional_or_consumed(mapped, row, keys)
            if parsed.cells:
                rows.append(parsed)
        return rows

    def _rows_by_line(self, lo, hi, keys) -> list[_Row]:
        rows = []
        for line in self._row_runs(lo, hi):
            mapped = {k: c for k, c in zip(keys, line) if not c.empty} if len(line) == len(keys) else None
            parsed = self._positional_or_consumed(mapped, line, keys)
            if parsed.cells:
                rows.append(parsed)
        return rows

    def _row_runs(self, lo, hi):
        """The cells of [lo, hi) in runs of one row (table row or text line) each."""
        cs, i = self.cs, lo
        while i < hi:
            j = i
            while j < hi and cs[j].rid == cs[i].rid:
                j += 1
            yield cs[i:j]
            i = j

    def _positional_or_consumed(self, mapped, row, keys) -> _Row:
        """The row read by position when ``mapped`` (key -> cell) is a valid indicator, else by content."""
        if mapped is not None and self._ind_valid(mapped):
            return _Row({k: c for k, c in mapped.items() if not self.v.placeholder.match(c.key)})
        parsed, _ = self._consume([c for c in row if self._content(c)], 0, keys, stream=False)
        return parsed

    def _rows_by_chunks(self, lo, hi, keys) -> list[_Row] | None:
        """One cell a line with blanks kept (四川): every row has exactly len(keys) cells."""
        cs = self.cs
        lines = {c.rid for c in cs[lo:hi]}
        if not lines or hi - lo > len(lines) * 1.2 or hi - lo < len(keys):
            return None
        rows = []
        for s in range(lo, hi, len(keys)):
            chunk = cs[s:s + len(keys)]
            mapped = {k: c for k, c in zip(keys, chunk) if not c.empty}
            if not mapped:
                continue
            if not self._ind_valid(mapped) or "name" not in mapped:
                return None
            rows.append(_Row({k: c for k, c in mapped.items() if not self.v.placeholder.match(c.key)}))
        return rows

    def _rows_by_stream(self, lo, hi, keys) -> list[_Row]:
        stream = [c for c in self.cs[lo:hi] if self._content(c)]
        rows, i = [], 0
        while i < len(stream):
            row, j = self._consume(stream, i, keys, stream=True)
            if row.cells:
                rows.append(row)
            i = j if j > i else i + 1
        return rows

    def _content(self, c: Cell) -> bool:
        return not c.empty and not self.v.placeholder.match(c.key)

    def _ind_valid(self, m: dict[str, Cell]) -> bool:
        """Whether cells read by position make an indicator row (the columns are not shifted)."""
        v = self.v

        def value_like(c: Cell) -> bool:  # 100, 95%, ≥320公里, ≤3.9万元
            return _numeric(c) or bool(v.target_re.match(c.key) and v.unit.match(v.target_re.match(c.key)["unit"] or "%"))

        name = m.get("name")
        if name is None or value_like(name) or v.level1.fullmatch(name.key) or v.level2.fullmatch(name.key):
            return False
        if v.is_op(name.key):
            return False
        l1 = m.get("level1")
        if l1 is not None and (value_like(l1) or (v.level2.fullmatch(l1.key) and not v.level1.fullmatch(l1.key))):
            return False
        if "level2" in m and (value_like(m["level2"]) or v.is_op(m["level2"].key)):
            return False
        if "op" in m and not (v.is_op(m["op"].key) or v.placeholder.match(m["op"].key)):
            return False
        for k in ("weight", "score"):
            if k in m and not (NUM_RE.fullmatch(m[k].key) or v.placeholder.match(m[k].key)):
                return False
        return True

    def _consume(self, cs: list[Cell], i: int, keys: list[str], stream: bool) -> tuple[_Row, int]:
        """One indicator row from ``cs[i:]``: [一级] [二级] 三级 [性质] 指标值 [单位] [完成值] 分值 得分 [原因].

        ``stream``: row ends are unknown (flattened text without blanks); the row stops where the
        next one plausibly starts.
        """
        v, n = self.v, len(cs)
        row = _Row()
        while i < n:
            lv = self._level_in(cs, i, n)
            if lv is None:
                break
            row.cells[lv] = cs[i]
            i += 1
        if i >= n or self._ind_stop(cs[i]) or _numeric(cs[i]) or v.is_op(cs[i].key):
            return row, i
        row.cells["name"] = cs[i]
        i += 1
        if i < n and v.is_op(cs[i].key):
            row.cells["op"] = cs[i]
            i += 1
        if i < n and not self._hard_stop(cs, i, n):
            row.cells["target"] = cs[i]
            i += 1
            bare = bool(NUM_RE.fullmatch(row.cells["target"].key))
            if bare and "unit" in keys and i < n and v.unit.match(cs[i].key) and not self._hard_stop(cs, i, n):
                if not v.actual_phrases.fullmatch(cs[i].key):
                    row.cells["unit"] = cs[i]
                    i += 1
        if i < n and not self._hard_stop(cs, i, n) and not _numeric(cs[i]):
            if not stream or not self._plausible(cs, i, keys):
                row.cells["actual"] = cs[i]
                i += 1
        nums = []
        limit = 2 if "actual" in row.cells else 3
        while i < n and len(nums) < limit and _numeric(cs[i]):
            nums.append(cs[i])
            i += 1
        self._assign_numbers(row, nums, keys)
        if "reason" in keys and i < n and not self._hard_stop(cs, i, n) and not _numeric(cs[i]):
            if not stream:
                row.cells["reason"] = cs[i]
                i = n
            elif not self._plausible(cs, i, keys):
                row.cells["reason"] = cs[i]
                i += 1
        if not stream:
            i = n
        return row, i

    def _level_in(self, cs, i, n):
        lv = self._level(cs, i, n)
        return lv[0] if lv else None

    def _hard_stop(self, cs, i, n) -> bool:
        return self._ind_stop(cs[i]) or self._level_in(cs, i, n) is not None

    @staticmethod
    def _assign_numbers(row: _Row, nums: list[Cell], keys: list[str]) -> None:
        if not nums:
            return
        if "weight" not in keys and "score" not in keys:  # a table without points: 目标值 | 实际完成值
            if "actual" not in row.cells and "actual" in keys:
                row.cells["actual"] = nums[0]
            return
        if "actual" in row.cells or len(nums) == 3:
            slots = ("weight", "score") if "actual" in row.cells else ("actual", "weight", "score")
            row.cells.update(zip(slots, nums))
            return
        target = row.cells.get("target")
        tv = _leading_number(target.text) if target is not None else None
        first = nums[0]
        looks_actual = bool(PCT_RE.fullmatch(first.key)) or (tv is not None and _number(first.key) == tv)
        if len(nums) == 2:
            a, b = _number(nums[0].key), _number(nums[1].key)
            if looks_actual or a is None or b is None or b > a:
                row.cells.update(actual=nums[0], weight=nums[1])
            else:
                row.cells.update(weight=nums[0], score=nums[1])
        else:
            row.cells["actual" if looks_actual else "weight"] = first

    def _plausible(self, cs: list[Cell], i: int, keys: list[str]) -> bool:
        """Whether a whole indicator row starts at ``cs[i]``: name, [性质], 指标值, [单位], and at
        least two more cells (完成值/分值/得分), one of them a number."""
        n = len(cs)
        while i < n and self._level_in(cs, i, n):
            i += 1
        if i >= n or self._ind_stop(cs[i]) or _numeric(cs[i]) or self.v.is_op(cs[i].key):
            return False
        i += 1
        if i < n and self.v.is_op(cs[i].key):
            i += 1
        if i >= n or self._hard_stop(cs, i, n):
            return False
        bare = bool(NUM_RE.fullmatch(cs[i].key))
        i += 1
        if bare and "unit" in keys and i < n and self.v.unit.match(cs[i].key) and not _numeric(cs[i]):
            i += 1
        count = has_num = 0
        while i < n and count < 3 and not self._hard_stop(cs, i, n):
            has_num += _numeric(cs[i])
            count += 1
            i += 1
        return count >= 2 and has_num > 0

    # ------------------------------------------------------------------ total
    def _total(self, lo: int, hi: int) -> None:
        cs, v = self.cs, self.v
        for i in range(lo, min(hi, lo + 16)):
            kind = v.is_total(cs[i].key)
            if not kind:
                continue
            vals: list[Cell] = []
            j = i + 1
            # The rest of the row (a table row, or a text line the label starts), else up to four
            # values with the blanks between them (one cell a line: the blanks are real cells).
            whole_row = self.rows_known or (cs[i].col == 0 and i + 1 < hi and cs[i + 1].rid == cs[i].rid)
            while j < hi and (whole_row or sum(not c.empty for c in vals) < 4 and len(vals) < 8):
                c = cs[j]
                if whole_row and c.rid != cs[i].rid:
                    break
                if not (c.empty or NUM_RE.fullmatch(c.key) or c.key in v.grades or v.placeholder.match(c.key)):
                    break
                vals.append(c)
                j += 1
            if whole_row:  # blanks of merged cells say nothing about which slot is empty
                vals = [c for c in vals if not c.empty]
            self.out.used.append(cs[i])
            self.out.used += [c for c in vals if not c.empty]
            grade = next((c.key for c in vals if c.key in v.grades), None)
            nums = [(k, _number(c.key)) for k, c in enumerate(vals) if NUM_RE.fullmatch(c.key)]
            self.out.grade = grade
            if kind == "score":
                self.out.total_score = nums[0][1] if nums else None
            elif len(nums) >= 2:
                self.out.total_weight, self.out.total_score = nums[0][1], nums[1][1]
            elif nums:
                k, value = nums[0]
                blank_after = k + 1 < len(vals) and vals[k + 1].empty
                if blank_after or value == self._weight_sum():
                    self.out.total_weight = value
                else:
                    self.out.total_score = value
            return

    def _weight_sum(self) -> Decimal:
        total = Decimal(0)
        for line in self.out.lines:
            c = line.values.get("weight")
            if c is not None and _number(c.key) is not None:
                total += _number(c.key)
        for r in self.out.rows:
            c = r.get("weight")
            if c is not None and _number(c.key) is not None:
                total += _number(c.key)
        return total


# ------------------------------------------------------------ text → cells
def _text_cells(text: str, lo: int, hi: int, vocab: _Vocab) -> list[Cell]:
    cells: list[Cell] = []
    line_no = 0
    pos = lo
    while pos < hi:
        nl = text.find("\n", pos, hi)
        end = hi if nl == -1 else nl
        cells += _line_cells(text, pos, end, line_no, vocab)
        line_no += 1
        pos = end + 1
    return _join_split_labels(text, cells, vocab)


def _join_split_labels(text: str, cells: list[Cell], vocab: _Vocab) -> list[Cell]:
    """A column label a narrow cell broke over two lines ("全年" / "执行数", one cell a line) is one
    cell again, when together the parts are a budget column label and the first is no label."""
    out: list[Cell] = []
    i = 0
    while i < len(cells):
        c, n = cells[i], cells[i + 1] if i + 1 < len(cells) else None
        if (n is not None and c.key and n.key and c.start is not None and n.start is not None
                and not vocab.budget_col(c.key) and not vocab.lexicon.fullmatch(c.key)
                and vocab.budget_col(c.key + n.key)):
            out.append(Cell(text[c.start:n.end], c.start, n.end, c.row, c.col, glued=c.glued))
            i += 2
        else:
            out.append(c)
            i += 1
    return out


def _line_cells(text: str, s: int, e: int, line_no: int, vocab: _Vocab) -> list[Cell]:
    line = text[s:e]
    if not line.strip():
        return []
    if "|" not in line:
        hits = list(vocab.lexicon.finditer(line))
        if len(hits) < 2:
            a = s + len(line) - len(line.lstrip())
            b = s + len(line.rstrip())
            return [Cell(text[a:b], a, b, line_no, 0)]
        return _glued_cells(text, s, e, line_no, vocab)
    # Cells between pipes; one leading and one trailing pipe are frames, not separators.
    a = s + len(line) - len(line.lstrip())
    b = s + len(line.rstrip())
    if text[a] == "|":
        a += 1
    if b > a and text[b - 1] == "|":
        b -= 1
    out = []
    col = 0
    p = a
    while True:
        q = text.find("|", p, b)
        q = b if q == -1 else q
        piece = text[p:q]
        lead = len(piece) - len(piece.lstrip())
        cs, ce = p + lead, p + len(piece.rstrip())
        out.append(Cell(text[cs:ce], cs if ce > cs else None, ce if ce > cs else None, line_no, col))
        col += 1
        if q >= b:
            break
        p = q + 1
    return out


def _glued_cells(text: str, s: int, e: int, line_no: int, vocab: _Vocab) -> list[Cell]:
    out: list[Cell] = []
    col = 0

    def add(a: int, b: int) -> None:
        nonlocal col
        piece = text[a:b]
        a2 = a + len(piece) - len(piece.lstrip(" :"))
        b2 = a + len(piece.rstrip(" :"))
        if b2 <= a2:
            return
        spans, p = [], a2
        for m in _GLUED_FIGURES.finditer(text, a2, b2):  # "…资金194.9194.9100%其中…"
            figures = _glued_figures(text, m.start(), m.end())
            if figures:
                spans += ([(p, m.start())] if m.start() > p else []) + figures
                p = m.end()
        spans += [(p, b2)] if b2 > p else []
        for x, y in spans:
            out.append(Cell(text[x:y], x, y, line_no, col, glued=True))
            col += 1

    for tok in rules.compiled(r"\S+").finditer(text[s:e]):
        ta, tb = s + tok.start(), s + tok.end()
        p = ta
        for m in vocab.lexicon.finditer(text, ta, tb):
            if m.end() == m.start():
                continue
            add(p, ta + (m.start() - ta))
            add(m.start(), m.end())
            p = m.end()
        add(p, tb)
    return out


_GLUED_FIGURES = regex.compile(r"[\d.]{5,}%")
GLUED_MAX_CHARS = 40  # three figures of a budget row: "12345678.12345678.12345678.12%" fits
_FIGURE = regex.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?")


def _glued_figures(text: str, a: int, b: int) -> list[tuple[int, int]] | None:
    """Spans of budget, spent and rate in a run a flattened form glued together
    ("194.9194.9100%": 194.9 | 194.9 | 100%), when exactly one way of cutting it has
    spent / budget × 100 equal to the rate (to the rate's last digit); otherwise None."""
    if b - a > GLUED_MAX_CHARS or not _GLUED_FIGURES.fullmatch(text, a, b):
        return None  # (the cuts are tried in pairs: a hostile run of digits must stay short)
    digits = text[a:b - 1]
    found = []
    for i in range(1, len(digits) - 1):
        for j in range(i + 1, len(digits)):
            budget, spent, rate = digits[:i], digits[i:j], digits[j:]
            # nothing spent (rate 0) fits too many cuts of a long run: such a run stays whole
            if not all(_FIGURE.fullmatch(f) and float(f) > 0 for f in (budget, spent, rate)):
                continue
            places = len(rate.partition(".")[2])
            if abs(float(spent) / float(budget) * 100 - float(rate)) <= 0.5 * 10 ** -places + 1e-9:
                found.append((i, j))
    if len(found) != 1:
        return None
    i, j = found[0]
    return [(a, a + i), (a + i, a + j), (a + j, b)]


# ------------------------------------------------------------ tables → cells
@lru_cache(maxsize=16384)
def _norm_cell(raw: str) -> str:
    """A table cell as it reads in the normalized text (（）→ (), ≧ → ≥, spaces between Han gone)."""
    return normalize(raw).text.strip().replace("\n", " ") if raw else ""


def _table_cells(table: Table) -> list[Cell]:
    cells = []
    for r, row in enumerate(table.rows):
        for c, raw in enumerate(row):
            cells.append(Cell(_norm_cell(raw or ""), None, None, r, c, table.index, table.page))
    return cells


def _locate(text: str, cells: list[Cell], cursor: int) -> int:
    """Find each cell of ``cells`` (rows in order) in ``text`` from ``cursor``; set its span."""
    i = 0
    while i < len(cells):
        j = i
        while j < len(cells) and cells[j].rid == cells[i].rid:
            j += 1
        prev = None
        for c in cells[i:j]:
            if c.empty:
                continue
            lo = cursor if prev is None else prev
            limit = LOCATE_WINDOW if prev is None else LOCATE_STEP
            m = _cell_pattern(c.text).search(text, lo, min(len(text), lo + limit + len(c.text) * 2))
            if m:
                c.start, c.end = m.start(), m.end()
                prev = m.end()
        if prev is not None:
            cursor = prev
        i = j
    return cursor


@lru_cache(maxsize=4096)
def _cell_pattern(cell: str) -> regex.Pattern:
    chars = [ch for ch in cell if not ch.isspace()]
    body = r"\s*".join(regex.escape(ch) for ch in chars)
    if chars and (chars[0].isdigit() or chars[0] in "+-."):
        body = r"(?<![\d.])" + body
    if chars and chars[-1].isdigit():
        body += r"(?![\d.%])"
    return regex.compile(body)


def _table_kind(table: Table, vocab: _Vocab) -> str | None:
    """"start" for a table that opens a form, "cont" for one that continues it, else None."""
    opens = conts = 0
    for row in table.rows:
        keys = [_key(_norm_cell(c)) for c in row if c]
        budget = [k for k in keys if vocab.budget_col(k)]
        ind = [k for k in keys if vocab.ind_col(k)]
        if any(vocab.is_title(_norm_cell(c)) for c in row if c):
            opens += 1
        if any(vocab.field(k) for k in keys):
            opens += 1
        if len(budget) >= 2 and any(vocab.budget_col(k) in MONEY_KEYS for k in keys):
            opens += 1
        if len(ind) >= 3 and any(vocab.ind_col(k) in ("level1", "name") for k in ind):
            conts += 1
        if keys and (vocab.level1.fullmatch(keys[0]) or (len(keys) > 1 and vocab.level2.fullmatch(keys[1]))):
            conts += 1
    if opens >= 2:
        return "start"
    if conts >= 1:
        return "cont"
    return None


# -------------------------------------------------------------- public entry
def extract_forms(report: Report, tables: list[Table] | None) -> list[Form]:
    """The 自评表 of ``report``: from the reader's tables when it gave any form table, else from
    the flattened text. Bare budget cells are appended to ``report.mentions`` as table_amount."""
    vocab = _vocab()
    titles = vocab.titles(report.text)  # one scan serves both readings
    built = _from_tables(report, tables or [], vocab, titles)
    from_text = _from_text(report, vocab, titles)
    if not built:
        built = from_text
    else:
        # A form the reader kept no table of (a PDF page without ruling lines) is still read from
        # the text, unless it overlaps a table form; if some table form could not be placed in the
        # text, overlap cannot be told and the text is left alone.
        spans = [_span(parsed.used) for parsed, _, _ in built]
        if all(start is not None for start, _ in spans):
            for parsed, title, table_index in from_text:
                start, end = _span(parsed.used)
                if start is not None and not any(start < e and s < end for s, e in spans):
                    built.append((parsed, title, table_index))
        built.sort(key=lambda b: _span(b[0].used)[0] if _span(b[0].used)[0] is not None else -1)
    forms = []
    for parsed, title, table_index in built:
        form = _to_form(report, parsed, len(forms), title, table_index, vocab)
        if form is not None:
            forms.append(form)
    return forms


def _from_tables(report: Report, tables: list[Table], vocab: _Vocab, titles: list):
    groups: list[list[Table]] = []
    for table in tables:
        kind = _table_kind(table, vocab)
        if kind == "start" or (kind == "cont" and not groups):
            groups.append([table])
        elif kind == "cont":
            groups[-1].append(table)
    built = []
    cursor = 0
    titles = [m for m in titles if _title_is_line(report.text, m)]
    for group in groups:
        cells = [c for t in group for c in _table_cells(t)]
        cursor = _locate(report.text, cells, cursor)
        parser = _Parser(cells, True, vocab)
        title = None
        if not any(vocab.is_title(c.text) for c in cells[:12]):
            first = next((c.start for c in cells if c.start is not None), None)
            before = [m for m in titles if first is not None and m.end() <= first and first - m.end() < 400]
            if before:
                m = before[-1]
                title = Cell(m.group(), m.start(), m.end())
            elif first is None and len(titles) > len(built):
                m = titles[len(built)]
                title = Cell(m.group(), m.start(), m.end())
        parsed = parser.parse(title)
        if parsed.is_form():
            built.append((parsed, title, group[0].index))
    return built


def _title_is_line(text: str, m) -> bool:
    """A title that stands as its own line or cell (not a mention inside a sentence)."""
    before = text[text.rfind("\n", 0, m.start()) + 1:m.start()].strip()
    after_end = text.find("\n", m.end())
    after = text[m.end(): len(text) if after_end == -1 else after_end].strip()
    return (not before or before.endswith(("|", ":"))) and (not after or after.startswith("|") or len(after) < 40)


def _from_text(report: Report, vocab: _Vocab, titles: list):
    text = report.text
    built = []
    segments = []  # text after each title that made a form: an indicator table there is that form's
    for k, m in enumerate(titles):
        hi = titles[k + 1].start() if k + 1 < len(titles) else len(text)
        hi = min(hi, m.start() + SEGMENT_MAX)
        cells = _text_cells(text, m.start(), hi, vocab)
        if not cells:
            continue
        # The cells the title covers are the title (glued text cuts "项目支出绩效自评表" in pieces).
        title = Cell(m.group(), m.start(), m.end())
        body = [c for c in cells if c.end is None or c.end > m.end()]
        parsed = _Parser(body, False, vocab).parse(title)
        if parsed.is_form():
            built.append((parsed, title, None))
            segments.append((m.start(), hi))
    built += _untitled_indicator_tables(report, titles, segments, vocab)
    built.sort(key=lambda b: _span(b[0].used)[0] if _span(b[0].used)[0] is not None else -1)
    return built


UNTITLED_MIN_ROWS = 2  # indicator rows (a name with a target or an actual) that make an untitled table


def _untitled_indicator_tables(report: Report, titles: list, segments: list[tuple[int, int]], vocab: _Vocab):
    """Indicator tables a narrative report carries without any form title ("具体完成情况如下表:"
    then 一级指标 | 二级指标 | 指标名称 | 目标值 | 实际完成值): each becomes a form of its own,
    title None, indicators only (the same reading as an indicator table a reader gives alone)."""
    text = report.text
    title_starts = [m.start() for m in titles]

    def line_at(i: int) -> str:
        end = text.find("\n", i)
        return text[i: len(text) if end == -1 else end]

    # the report's own headings end such a table ("(三)存在的问题和原因"); a cell is no heading
    headings = [sec.start for sec in report.sections if "|" not in line_at(sec.start)]
    out = []
    pos = 0
    heads = [m.start() for m in vocab.ind_head.finditer(text)]
    for k, at in enumerate(heads):
        if at < pos or any(s <= at < e for s, e in segments):
            continue
        lo = text.rfind("\n", 0, at) + 1
        hi = min([t for t in title_starts if t > at] + [len(text), lo + SEGMENT_MAX])
        # the next header, a form, or the report's next heading ends the table
        hi = min([s for s, _ in segments if s > at] + [h for h in headings if h > at] + heads[k + 1:k + 2] + [hi])
        cells = _text_cells(text, lo, hi, vocab)
        parsed = _Parser(cells, False, vocab).parse(None, budget=False)
        rows = [r for r in parsed.rows if "name" in r.cells and ("target" in r.cells or "actual" in r.cells)]
        if parsed.title is not None or len(rows) < UNTITLED_MIN_ROWS:
            continue
        start, end = _span(parsed.used)
        if start is None:
            continue
        out.append((parsed, None, None))
        pos = end
    return out


# ------------------------------------------------------------ parsed → Form
def _clean_value(text: str, vocab: _Vocab) -> str:
    """A header value without its code prefix, and written once: a merged cell that a flattening
    wrote twice ("广水市交通运输局广水市交通运输局") is one value."""
    value = vocab.code_prefix.sub("", text.strip()).strip()
    half = len(value) // 2
    if half >= 2 and len(value) % 2 == 0 and value[:half] == value[half:]:
        value = value[:half]
    return value


def _title_text(text: str) -> str:
    """The title without the year that follows it: "项目支出绩效自评表(2023年度)" → 项目支出绩效自评表."""
    cut = text.rfind("自评表")
    return text[: cut + 3] if cut != -1 else text.strip()


def _span(cells) -> tuple[int | None, int | None]:
    located = [c for c in cells if c is not None and c.start is not None]
    if not located:
        return None, None
    return min(c.start for c in located), max(c.end for c in located)


def _to_form(report: Report, p: _Parsed, index: int, title: Cell | None, table_index, vocab: _Vocab) -> Form | None:
    factor = vocab.factors.get(p.money_unit or "万元", Decimal(1))
    start, end = _span(p.used)
    if p.title is not None and p.title.start is not None:
        start = p.title.start if start is None else min(start, p.title.start)
    fields = {k: _clean_value(c.text, vocab) for k, c in p.fields.items()}
    form = Form(
        index=index,
        title=_title_text(p.title.text) if p.title is not None else None,
        project_name=fields.get("project_name") or None,
        unit_name=fields.get("unit_name") or None,
        department=fields.get("department") or None,
        fiscal_year=p.year,
        money_unit=p.money_unit,
        total_score=_float(p.total_score),
        grade=p.grade,
        table_index=table_index,
        start=start,
        end=end,
    )
    existing = sorted((m.start, m.end) for m in report.mentions)
    for line in p.lines:
        form.budget_lines.append(_budget_line(report, form, line, factor, p.money_unit, existing))
    _indicators_to_form(report, form, p, vocab)
    return form


def _budget_line(report, form, line: _Line, factor, unit, existing) -> FormBudgetLine:
    vals = line.values
    out = {}
    for key in MONEY_KEYS:
        c = vals.get(key)
        if c is None:
            continue
        m = MONEY_RE.fullmatch(c.key)
        if m:  # the cell names its own unit ("90万元"): the recognizer already made it a mention
            out[key] = Decimal(m["n"].replace(",", "")) * _vocab().factors.get(m["u"], Decimal(1))
            continue
        number, cell_factor, cell_unit = _number(c.key), factor, unit
        if number is None and (short := WAN_RE.fullmatch(c.key)):
            number, cell_factor, cell_unit = Decimal(short["n"].replace(",", "")), Decimal(1), "万"
        if number is None:
            continue
        out[key] = number * cell_factor
        if c.start is not None and not any(s < c.end and c.start < e for s, e in existing):
            report.mentions.append(
                Mention(
                    kind="table_amount",
                    value=float(out[key]),
                    unit="万元",
                    raw=report.text[c.start:c.end],
                    start=c.start,
                    end=c.end,
                    pattern_id="form:budget_cell",
                    page=report.page_at(c.start),
                    section=section_at(report.sections, c.start),
                    source_unit=cell_unit,
                )
            )
    rate = _rate(vals.get("execution_rate"), out.get("budget_full_year"), out.get("executed"))
    weight = _number(vals["weight"].key) if "weight" in vals else None
    score = _number(vals["score"].key) if "score" in vals else None
    # the 原因 column is often one merged note for the whole block: the span covers the figures
    start, end = _span([line.label, *(c for k, c in vals.items() if k != "reason")])
    first = line.label
    return FormBudgetLine(
        form=form.index,
        line=line.name,
        budget_initial=_float(out.get("budget_initial")),
        budget_full_year=_float(out.get("budget_full_year")),
        executed=_float(out.get("executed")),
        weight=_float(weight),
        execution_rate=_float(rate),
        score=_float(score),
        source_unit=unit,
        table_index=first.table,
        row=first.row if first.table is not None else None,
        page=first.page if first.page is not None else (report.page_at(start) if start is not None else None),
        start=start,
        end=end,
    )


def _rate(cell: Cell | None, full: Decimal | None, executed: Decimal | None) -> Decimal | None:
    if cell is None:
        return None
    pct = _percent(cell.key)
    if pct is not None:
        return pct
    value = _number(cell.key)
    if value is None:
        return None
    # A spreadsheet keeps 95.74% as 0.9574: choose the reading that matches 执行数 / 预算数.
    if full and executed is not None and value <= Decimal("1.5"):
        expected = executed / full * 100
        if abs(value * 100 - expected) < abs(value - expected):
            return value * 100
    return value


def _indicators_to_form(report: Report, form: Form, p: _Parsed, vocab: _Vocab) -> None:
    level1 = level2 = None
    for r in p.rows:
        cells = r.cells
        if "level1" in cells:
            level1 = rules.compiled(r"\(\d+(?:\.\d+)?分\)$").sub("", cells["level1"].key)
            level2 = None
        if "level2" in cells:
            level2 = rules.compiled(r"\(\d+(?:\.\d+)?分\)$").sub("", cells["level2"].key)
        name = cells.get("name")
        if name is None:
            continue
        if not any(k in cells for k in ("target", "actual", "weight", "score")):
            continue
        name_text = name.text
        target = cells.get("target")
        target_text = target.text if target is not None else None
        actual_text = cells["actual"].text if "actual" in cells else None
        if name.glued and target_text and actual_text is None and vocab.actual_phrases.fullmatch(_key(target_text)):
            actual_text, target_text = target_text, None
            name_text, target_text = _split_glued(name_text, vocab)
        comparator, target_value, unit = None, None, None
        if "op" in cells:
            comparator = vocab.comparator(cells["op"].key)
        if target_text:
            m = vocab.target_re.match(_key(target_text))
            if m:
                comparator = comparator or (vocab.comparator(m["cmp"]) if m["cmp"] else None)
                target_value = Decimal(m["n"].replace(",", ""))
                if m["unit"] and vocab.unit.match(m["unit"]):
                    unit = m["unit"]
        if "unit" in cells:
            unit = cells["unit"].text
        actual_value = _leading_number(actual_text) if actual_text else None
        weight = _number(cells["weight"].key) if "weight" in cells else None
        score = _number(cells["score"].key) if "score" in cells else None
        reason = cells["reason"].text if "reason" in cells else None
        start, end = _span(cells.values())
        first = name
        form.indicators.append(
            Indicator(
                form=form.index,
                level1=level1,
                level2=level2,
                name=name_text,
                target_text=target_text,
                target_value=_float(target_value),
                target_comparator=comparator,
                actual_text=actual_text,
                actual_value=_float(actual_value),
                unit=unit,
                weight=_float(weight),
                score=_float(score),
                deviation_reason=reason,
                table_index=first.table,
                row=first.row if first.table is not None else None,
                page=first.page if first.page is not None else (report.page_at(start) if start is not None else None),
                start=start,
                end=end,
            )
        )


def _split_glued(text: str, vocab: _Vocab) -> tuple[str, str | None]:
    """Indicator name and qualitative target glued together: cut where the latest target wording
    starts ("单项业务成本符合相关规定" → 单项业务成本 / 符合相关规定): the first wording of
    [glued] target_phrases found, at its earliest place."""
    for pattern in vocab.target_phrases:
        for start in range(2, len(text)):
            if pattern.fullmatch(text, start):
                return text[:start], text[start:]
    return text, None
