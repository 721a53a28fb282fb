"""Indicator rows a flattening wrote in two passes: a spreadsheet or a PDF text layer that writes
the first columns of several rows before their last ones (稷山 "指标1:居民健康档案 | 38508人 |
指标2:… | 不少于12 种 | … | 37442人 | 3 | 3 | 14种 | 1 | 1 …": names and 年度指标值 first, then 实际完成值 |
分值 | 得分 of each row in the same order), two names before their two rows ("指标24:… | 指标25:… |
14例 | 14例 | 2 | 2 | 24694人 | 22584人 | 2 | 1.7"), or whole rows of figures before their names.

Read only where the form numbers its 三级指标 as the national template prints them ("指标1:",
``[indicator.numbered_name]``), so a name is told from a qualitative value by its number: the
region is cut into names and runs of figures, each run into whole rows (指标值 完成值 分值 得分),
tails (完成值 分值 得分) and lone 指标值 by the header's columns; the 指标值 are paired with the tails
in order when there are as many of each, else each with the tail right after it; then names and
rows are paired, each group of names with the rows after it (the names nearest to their rows, the
first rows to their names), and the names and rows left over in order when as many of each are
left. Nothing is paired when the counts disagree. The total row's 分值 and 得分 may close the figures'
pass while its label 总分 stands with the names (``trailing_total``)."""
from __future__ import annotations

from dataclasses import dataclass, field

from .cells import Cell, numeric
from .numbers import NUM_RE, number
from .parsed import IndicatorRow
from .stream import CellStream

VALUE_KEYS = ("target", "actual", "weight", "score")
PLAIN_KEYS = {"level1", "level2", "name", "reason", *VALUE_KEYS}
MIN_NAMES = 2  # numbered names a region needs before it is read this way


@dataclass
class _Piece:
    kind: str  # "name" | "head" (a lone 指标值) | "tail" (完成值 分值 得分) | "full" (a whole row of figures)
    cells: list[Cell]
    levels: dict = field(default_factory=dict)  # a name's level cells seen before it


def two_pass_rows(s: CellStream, idx: list[int], keys: list[str]) -> list[IndicatorRow] | None:
    """The indicator rows of the cells at ``idx`` (in reading order, header labels left out) read as
    written in two passes; None when the region has fewer than MIN_NAMES numbered names, the header
    other columns than ``PLAIN_KEYS`` or no points columns."""
    vals = [k for k in keys if k in VALUE_KEYS]
    if (not set(keys) <= PLAIN_KEYS or "target" not in vals or not {"weight", "score"} <= set(vals)
            or len(vals) < 3):
        return None
    pieces = _pieces(s, idx, vals)
    if sum(p.kind == "name" for p in pieces) < MIN_NAMES:
        return None
    seq = _pair_heads(pieces)
    return _pair_names(seq, vals)


def _value(s: CellStream, c: Cell) -> bool:
    m = s.v.target_re.match(c.key)
    return numeric(c) or bool(m and s.v.unit.match(m["unit"] or "%"))


def _pieces(s: CellStream, idx: list[int], vals: list[str]) -> list[_Piece]:
    """Names and the rows, tails and lone 指标值 of each run of figures, in reading order."""
    v, cs = s.v, s.cells
    out: list[_Piece] = []
    run: list[Cell] = []
    levels: dict = {}

    def flush():
        out.extend(_cut_run(run, vals))
        run.clear()

    for i in idx:
        c = cs[i]
        if c.empty or not s.content(c):
            continue
        lv = s.level_in(cs, i, len(cs))
        if lv is not None:
            levels[lv] = c
            flush()
        elif v.numbered_name.match(c.key) and not numeric(c):
            flush()
            out.append(_Piece("name", [c], dict(levels)))
        elif _value(s, c):
            run.append(c)
        elif run and v.unit.fullmatch(c.key):
            continue  # "不少于12 | 种": the unit a spaced flattening cut off its figure
        else:
            flush()  # other text (a broken name's second piece, a reason) ends a run of figures
    flush()
    return out


def _cut_run(run: list[Cell], vals: list[str]) -> list[_Piece]:
    """A run of figures cut into whole rows, tails and lone 指标值 (the 分值 and 得分 places of a row or
    a tail hold bare numbers): of one shape when it can be (whole rows; tails; a 指标值, the last of a
    first pass, then tails), else greedily, whole rows before tails before lone 指标值."""
    full, tail = len(vals), len(vals) - 1
    points = [k for k, key in enumerate(vals) if key in ("weight", "score")]

    def fits(p: int, width: int) -> bool:
        lead = full - width  # a tail's places are a row's less its 指标值
        return p + width <= len(run) and all(NUM_RE.fullmatch(run[p + k - lead].key) for k in points)

    n = len(run)
    for lead, width, kind in ((0, full, "full"), (0, tail, "tail"), (1, tail, "tail")):
        if n > lead and (n - lead) % width == 0 and all(fits(p, width) for p in range(lead, n, width)):
            return [_Piece("head", run[:lead])] * lead + [_Piece(kind, run[p:p + width]) for p in range(lead, n, width)]
    out, p = [], 0
    while p < n:
        if fits(p, full):
            out.append(_Piece("full", run[p:p + full]))
            p += full
        elif fits(p, tail):
            out.append(_Piece("tail", run[p:p + tail]))
            p += tail
        else:
            out.append(_Piece("head", [run[p]]))
            p += 1
    return out


def _pair_heads(pieces: list[_Piece]) -> list[_Piece]:
    """Each lone 指标值 joined to its tail: in order when there are as many of each (several 指标值
    before their tails: "≥424人 | … | ≥3976人次 | 451人 25 25 | 4267人次 10 10"), else each to the tail
    right after it; the joined rows stand where their 指标值 stood."""
    seq = list(pieces)
    heads = [k for k, p in enumerate(seq) if p.kind == "head"]
    tails = [k for k, p in enumerate(seq) if p.kind == "tail"]
    if heads and len(heads) == len(tails):
        pairs = list(zip(heads, tails))
    else:
        pairs = [(k, k + 1) for k in range(len(seq) - 1) if seq[k].kind == "head" and seq[k + 1].kind == "tail"]
    for h, t in pairs:
        seq[h] = _Piece("full", seq[h].cells + seq[t].cells)
    return [p for p in seq if p.kind in ("name", "full")]


def _pair_names(seq: list[_Piece], vals: list[str]) -> list[IndicatorRow]:
    """Names paired with the rows after them (see the module's docstring)."""
    groups: list[tuple[list[_Piece], list[_Piece]]] = []
    for p in seq:
        if p.kind == "name":
            if not groups or groups[-1][1]:
                groups.append(([], []))
            groups[-1][0].append(p)
        elif groups:
            groups[-1][1].append(p)
    pairs: list[tuple[_Piece, _Piece]] = []
    free_names: list[_Piece] = []
    free_rows: list[_Piece] = []
    for names, rows in groups:
        n = min(len(names), len(rows))
        pairs += zip(names[len(names) - n:], rows[:n])
        free_names += names[:len(names) - n]
        free_rows += rows[n:]
    if free_names and len(free_names) == len(free_rows):
        pairs += zip(free_names, free_rows)
    pairs.sort(key=lambda nr: nr[0].cells[0].start or 0)
    out = []
    for name, row in pairs:
        cells = {**name.levels, "name": name.cells[0]}
        cells.update(zip(vals, row.cells))
        out.append(IndicatorRow(cells))
    return out


def trailing_total(s: CellStream, idx: list[int], keys: list[str]) -> tuple[Cell, Cell] | None:
    """The total row's 分值 and 得分 written at the end of the figures' pass ("… 95% 95% 10 9 | 100 |
    94 | 成本指标 | 指标1:… | 总分": its label with the names): the last two figures of the region,
    lone bare numbers after a whole row, the first the full marks and the second not above them."""
    vals = [k for k in keys if k in VALUE_KEYS]
    figs = [p for p in _pieces(s, idx, vals) if p.kind != "name"]
    if len(figs) < 3 or [p.kind for p in figs[-3:]] not in (["full", "head", "head"], ["tail", "head", "head"]):
        return None
    a, b = figs[-2].cells[0], figs[-1].cells[0]
    if not (NUM_RE.fullmatch(a.key) and NUM_RE.fullmatch(b.key)):
        return None
    full, score = number(a.key), number(b.key)
    if full != s.v.full_marks or score is None or score > full:
        return None
    return a, b
