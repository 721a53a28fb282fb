"""A form flattened into text, back into cells: every flattening met in real pages.

* cells between pipes: " | " rows (安徽 转移支付 forms, HTML mirrors), one cell a line ending in " |"
  (四川 "项目名称 |" / "眉山市自然资源局 |");
* one cell a line (湖南 基础数据表, 四川 区域绩效目标自评表), a label broken over two lines joined back
  when the two halves make a column label ("全年" / "执行数");
* a label and its value on one line after a colon ("项目单位:湘西州民族宗教事务局");
* cells separated by spaces or tabs (a PDF or a web page copied as text: "年度资金总额 45 45 10
  100% 10"). Normalization removes the spaces between two Han characters, so the pipeline passes
  where it removed them (``gaps``: offsets of Report.text): "项目名称 商品和服务支出" is two cells.
  A comparison sign alone ("≥ 95%") and a lone "%" stay with their number. This is the *spaced*
  reading (``spaced=True``); the default reading keeps a line whole, and the template fit chooses;
* no separator at all (a DOCX saved as text): cells cut at the labels of the lexicon, and a
  budget row's figures glued together ("194.9194.9100%") cut where the template's arithmetic agrees
  (:func:`glued_figures` with ``check``: 执行率 = 全年执行数 ÷ 全年预算数 × 100 of patterns/forms/);
  a line with one label glued to its figures ("年度资金总额12501318.56…", "上年结转资金000——") or a
  header field glued to its value ("项目名称农村公路日常养护项目") is cut the same way, a placeholder
  dash between glued figures is a cell, and a label's unit broken onto the next cell with its figure
  ("自评总分" | "(分)97.6部门联系人…") is cut into the unit, the figure and the rest;
* a whole form glued into one cell of a page's table ("内容概述 | …自评表…年度资金总额:1484631.00%…"):
  the cell is cut at its labels like a line without separators.
"""
from __future__ import annotations

from collections.abc import Callable, Collection

import regex

from ... import rules
from .cells import Cell, cell_key
from .numbers import written_places
from .vocabulary import Vocabulary

SPLIT_PIECE_MAX = 3  # characters of each later piece of a column label broken over three lines
PIPE_GLUED_CHARS = 40  # a pipe cell this long holding ...
PIPE_GLUED_LABELS = 4  # ... this many labels of the lexicon is a glued form, cut at its labels
GLUED_MAX_CHARS = 40  # three figures of a budget row: "12345678.12345678.12345678.12%" fits
# a budget row's figures glued into one run: with a percent, or with two decimal points no single
# figure has ("1.561.56120": 1.56 | 1.56 | 1 | 20, a rate written as a ratio)
_GLUED_FIGURES = regex.compile(r"[\d.]{5,}%[\d.]*|(?<![\d.])(?:\d+\.){2,}\d+")
_FIGURE = regex.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?")
_FIGURES_DASHES = regex.compile(r"(?=.*[\d])(?=.*[—–―])[\d.%—–―]+")  # figures and placeholder dashes only
_RUN_OR_DASH = regex.compile(r"[\d.%]+|[—–―]")
_SIGN = regex.compile(r"[≥≤<>=]")  # a comparison sign alone in a spaced cell joins the figure after it
_BLANK = frozenset(" \t")
# a bracketed note set apart from the label before it in a spaced row ("得分 (20分*执行率)", "资金量 (万元)",
# "扶持发展新型农业经营主体 (个)"): one cell with it; an ordinal "(二)" and a figure's bracket are not
_NOTE = regex.compile(r"\((?![一二三四五六七八九十\d]{1,3}\))[^()\s]{1,16}\)")

# (budget, spent, rate) → whether the rate agrees: the template's row arithmetic
RateCheck = Callable[[float, float, float, int], bool]


def default_check(budget: float, spent: float, rate: float, places: int) -> bool:
    """执行率 = 全年执行数 ÷ 全年预算数 × 100, to the rate's last written digit."""
    return abs(spent / budget * 100 - rate) <= 0.5 * 10 ** -places + 1e-9


def text_cells(text: str, lo: int, hi: int, vocab: Vocabulary, gaps: Collection[int] = (),
               spaced: bool = False, check: RateCheck = default_check) -> list[Cell]:
    """The cells of ``text[lo:hi]``, one text line a row; ``spaced``: spaces, tabs and ``gaps``
    separate cells too."""
    cells: list[Cell] = []
    line_no = 0
    pos = lo
    hi = min(hi, len(text))
    while pos < hi:
        nl = text.find("\n", pos, hi)
        end = hi if nl == -1 else nl
        cells += _line_cells(text, pos, end, line_no, vocab, gaps, spaced, check)
        line_no += 1
        pos = end + 1
    return _join_split_labels(text, cells, vocab)


def _join_split_labels(text: str, cells: list[Cell], vocab: Vocabulary) -> list[Cell]:
    """A column label a narrow cell broke over two or three lines ("全年" / "执行数", "一级" / "指标",
    "全年" / "执行" / "数", one cell a line) is one cell again, when together the parts are a column
    label and the first is none; so is any label of the lexicon broken over two lines (a budget line
    "上年结" / "转资金", a level "社会效" / "益指标") whose second part is no label itself."""
    out: list[Cell] = []
    i = 0
    while i < len(cells):
        c, n = cells[i], cells[i + 1] if i + 1 < len(cells) else None
        n2 = cells[i + 2] if i + 2 < len(cells) else None
        if (n is not None and c.key and n.key and c.start is not None and n.start is not None
                and not vocab.budget_col(c.key) and not vocab.ind_col(c.key) and not vocab.lexicon.fullmatch(c.key)):
            # a label broken over three lines ("年初" / "预算" / "数", though 年初预算 is a label too):
            # short pieces, none a label
            if (n2 is not None and n2.key and n2.start is not None and len(n.key) <= SPLIT_PIECE_MAX
                    and len(n2.key) <= SPLIT_PIECE_MAX and not vocab.lexicon.fullmatch(n.key)
                    and (vocab.budget_col(c.key + n.key + n2.key) or vocab.ind_col(c.key + n.key + n2.key))):
                out.append(Cell(text[c.start:n2.end], c.start, n2.end, c.row, c.col, glued=c.glued))
                i += 3
                continue
            joined = c.key + n.key
            if vocab.budget_col(joined) or vocab.ind_col(joined) or (
                    vocab.is_label_key(joined) and not vocab.is_label_key(n.key)):  # "上年结" / "转资金"
                out.append(Cell(text[c.start:n.end], c.start, n.end, c.row, c.col, glued=c.glued))
                i += 2
                continue
        out.append(c)
        i += 1
    return out


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    piece = text[a:b]
    return a + len(piece) - len(piece.lstrip()), a + len(piece.rstrip())


def _line_cells(text: str, s: int, e: int, line_no: int, vocab: Vocabulary, gaps: Collection[int],
                spaced: bool, check: RateCheck) -> list[Cell]:
    line = text[s:e]
    if not line.strip():
        return []
    if "|" in line:
        out = []
        for c in _pipe_cells(text, s, e, line_no):
            # a whole form glued into one cell of a page's table ("内容概述 | …自评表(2023年度)转移支付
            # (项目)名称…年度资金总额:1484631.00%其中:…"): cut at the labels like a line without separators
            if c.start is not None and len(c.text) >= PIPE_GLUED_CHARS and sum(
                    1 for _ in zip(range(PIPE_GLUED_LABELS), vocab.lexicon.finditer(c.text))) >= PIPE_GLUED_LABELS:
                out += _glued_cells(text, c.start, c.end, line_no, vocab, check)
            else:
                out.append(c)
        for k, c in enumerate(out):
            c.col = k
        return out
    if spaced:
        return _spaced_cells(text, s, e, line_no, vocab, gaps, check)
    hits = list(vocab.lexicon.finditer(line))
    a, b = _trim(text, s, e)
    if len(hits) == 1 and s + hits[0].start() == a and s + hits[0].end() < b and (
            text[s + hits[0].end()].isdigit() or (vocab.field(cell_key(hits[0].group())) and not any(
                ch.isdigit() for ch in text[s + hits[0].end():b]))):
        # a label glued to its figures ("年度资金总额12501318.561262.411095.74%9.57", "上年结转资金000——")
        # or a header field glued to a value without figures ("项目名称农村公路日常养护项目"; not
        # "项目单位法人代码00668634-9", a longer label): cut like a glued line
        return _glued_cells(text, s, e, line_no, vocab, check)
    if len(hits) < 2:
        if len(hits) == 1 and s + hits[0].start() == a and hits[0].group().endswith(":") and s + hits[0].end() < b:
            # "项目单位:湘西州民族宗教事务局": the label and its value
            cut = s + hits[0].end()
            value = _trim(text, cut, b)
            return [Cell(text[a:cut], a, cut, line_no, 0), Cell(text[value[0]:value[1]], *value, line_no, 1)]
        return [Cell(text[a:b], a, b, line_no, 0)]
    return _glued_cells(text, s, e, line_no, vocab, check)


def _pipe_cells(text: str, s: int, e: int, line_no: int) -> list[Cell]:
    """Cells between pipes; one leading and one trailing pipe are frames, not separators."""
    a, b = _trim(text, s, e)
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
        cs, ce = _trim(text, p, q)
        out.append(Cell(text[cs:ce], cs if ce > cs else None, ce if ce > cs else None, line_no, col))
        col += 1
        if q >= b:
            break
        p = q + 1
    return out


def _spaced_cells(text: str, s: int, e: int, line_no: int, vocab: Vocabulary, gaps: Collection[int],
                  check: RateCheck) -> list[Cell]:
    """Cells separated by spaces, tabs or removed spaces (``gaps``); each piece is cut at labels
    glued inside it too."""
    pieces: list[tuple[int, int]] = []
    p = s
    for i in range(s, e + 1):
        if i == e or text[i] in _BLANK or (i in gaps and i > p):
            if i > p:
                pieces.append((p, i))
            p = i + 1 if i < e and text[i] in _BLANK else i
    merged: list[tuple[int, int]] = []
    for a, b in pieces:
        if merged and (_SIGN.fullmatch(text[merged[-1][0]:merged[-1][1]]) or text[a:b] == "%"):
            merged[-1] = (merged[-1][0], b)  # "≥ 95%", "100 %"
        elif merged and _NOTE.fullmatch(text, a, b) and not _FIGURE.fullmatch(text[slice(*merged[-1])].rstrip("%")):
            merged[-1] = (merged[-1][0], b)  # a label's note set apart: "得分 (20分*执行率)", "资金量 (万元)"
        else:
            merged.append((a, b))
    out: list[Cell] = []
    for a, b in merged:
        # a piece that opens with a label and goes on is the label and its value
        # ("年度资金总额:372.29万元", "(万元)年度资金总额" is no such piece: it opens with no label)
        while True:
            m = vocab.lexicon.match(text, a, b)
            if m is None or m.end() >= b or vocab.is_label_key(cell_key(text[a:b])):
                break
            out.append(Cell(text[a:m.end()], a, m.end(), line_no, 0))
            a = m.end()
            while a < b and text[a] == ":":
                a += 1
        if b > a:
            out.append(Cell(text[a:b], a, b, line_no, 0))
    for k, c in enumerate(out):
        c.col = k
    return out


def _glued_cells(text: str, s: int, e: int, line_no: int, vocab: Vocabulary, check: RateCheck) -> list[Cell]:
    out: list[Cell] = []
    col = 0

    def add(a: int, b: int) -> None:
        nonlocal col
        piece = text[a:b]
        a2 = a + len(piece) - len(piece.lstrip(" :"))
        b2 = a + len(piece.rstrip(" :"))
        if b2 <= a2:
            return
        spans = []
        # a label's unit broken onto this cell, and the figure after it ("(分)97.6部门联系人…")
        if (m := vocab.leading_unit.match(text, a2, b2)) is not None:
            cut = m.start("n") if m["n"] else m.end()
            spans.append((a2, cut))
            if m["n"]:
                spans.append((m.start("n"), m.end("n")))
            a2 = m.end()
            if a2 >= b2:
                for x, y in spans:
                    out.append(Cell(text[x:y], x, y, line_no, col, glued=True))
                    col += 1
                return
        p = a2
        for m in _GLUED_FIGURES.finditer(text, a2, b2):  # "…资金194.9194.9100%其中…": the run a cell
            spans += ([(p, m.start())] if m.start() > p else []) + [(m.start(), m.end())]
            p = m.end()
        spans += [(p, b2)] if b2 > p else []
        # a figure with its unit glued to the text before it ("…自治区补助300万元") is a cell of its own
        last = spans[-1] if spans else None
        if last is not None:
            m = vocab.trailing_figure.search(text, last[0], last[1])
            if m and m.start() > last[0] and m.end() == last[1]:
                spans[-1:] = [(last[0], m.start()), (m.start(), last[1])]
        for x, y in spans:
            # a placeholder dash between glued figures is a cell ("12501318.561262.41—95.74%—")
            pieces = [(m.start(), m.end()) for m in _RUN_OR_DASH.finditer(text, x, y)] if _FIGURES_DASHES.fullmatch(
                text, x, y) else [(x, y)]
            for px, py in pieces:
                out.append(Cell(text[px:py], px, py, line_no, col, glued=True))
                col += 1

    for tok in rules.compiled(r"\S+").finditer(text, s, e):
        ta, tb = tok.start(), tok.end()
        p = ta
        for m in vocab.lexicon.finditer(text, ta, tb):
            if m.end() == m.start():
                continue
            add(p, m.start())
            add(m.start(), m.end())
            p = m.end()
        add(p, tb)
    return out


def glued_figures(text: str, a: int, b: int, check: RateCheck = default_check) -> list[tuple[int, int]] | None:
    """Spans of budget, spent and rate in a run a flattened form glued together
    ("194.9194.9100%": 194.9 | 194.9 | 100%), when exactly one way of cutting it satisfies the
    template's rate arithmetic (``check``); otherwise None."""
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
            if check(float(budget), float(spent), float(rate), written_places(rate)):
                found.append((i, j))
    if len(found) != 1:
        return None
    i, j = found[0]
    return [(a, a + i), (a + i, a + j), (a + j, b)]
