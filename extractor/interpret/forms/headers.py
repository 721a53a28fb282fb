"""Column headers of a form's two blocks: the budget header ("年初预算数 | 全年预算数 | 全年执行数 |
分值 | 执行率 | 得分") and the indicator header ("一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 |
分值 | 得分"), in a real table row or flattened into text."""
from __future__ import annotations

from dataclasses import dataclass

from . import readings
from .cells import Cell, numeric
from .stream import CellStream
from .vocabulary import MONEY_KEYS, UNSTORED


@dataclass
class BudgetHeader:
    """The budget block's column labels: (column key, cell index) in written order; ``end`` the
    index after the header's last cell (labels, unit lines, split pieces); ``unit`` the money
    unit written in the header itself ("全年执行数(万元)", a "(万元)" line under the labels)."""

    columns: list[tuple[str, int]]
    end: int
    unit: str | None


@dataclass
class IndicatorHeader:
    """The indicator block's header: its first cell, the first data cell, the column keys, and
    (real tables) the column key of each column position."""

    first: int
    data: int
    keys: list[str]
    by_col: dict | None
    labels: frozenset | None = None  # a scattered header's label cells (the others are the rows')
    level_points: bool = False  # a 分值 column right after a level column (一级指标 | 分值 | 二级指标 | 分值 | …)


# ------------------------------------------------------------------ budget
OCR_CELL_MAX = 24  # characters of a header cell read for labels an OCR misread


def find_budget_header(s: CellStream, lo: int, hi: int) -> BudgetHeader | None:
    """The first budget header in ``cells[lo:hi]``: at least two column labels, one of them a
    money column, no stored column twice."""
    cs, v = s.cells, s.v
    for h in range(lo, hi):
        if not v.budget_col(cs[h].key):
            continue
        cols: list[tuple[str, int]] = []
        units: list[str] = []
        strays: list[int] = []  # figures printed among the labels
        end = h + 1
        if s.rows_known:
            for j in range(h, hi):
                if cs[j].rid != cs[h].rid:
                    break
                key = v.budget_col(cs[j].key)
                if key:
                    cols.append((key, j))
                    units.append(_label_unit(s, cs[j].key))
                end = j + 1
        else:
            j = h
            joined: set[int] = set()  # second pieces of split labels, already read
            # the cell before the first label, labels an OCR misread ("年初预匏数调整预算将,A、" |
            # "全年执行数(B)"): the header's first columns
            prev = h - 1
            while prev >= lo and cs[prev].empty:
                prev -= 1
            if prev >= lo and len(cs[prev].key) <= OCR_CELL_MAX:
                cols += [(k, prev) for k in v.ocr_budget_cols(cs[prev].key)]
                units += [None] * len(cols)
            while j < hi:
                c = cs[j]
                key = v.budget_col(c.key)
                if key and key not in UNSTORED and any(k == key for k, _ in cols):
                    break  # a column again: the header is over ("得分 | 得分计算方法")
                if key and c.key in v.budget_total_words and _figure_next(s, j, hi):
                    break  # "合计 | 479 | 512 …": the total row under the header, no 合计 column
                if key:
                    cols.append((key, j))
                    units.append(_label_unit(s, c.key))
                elif j in joined or c.empty:
                    pass
                elif v.money_cell.match(c.key):  # the unit line under the labels
                    units.append(v.money_cell.match(c.key)["unit"])
                elif v.points.fullmatch(c.key) or v.column_mark.fullmatch(c.key):
                    pass  # "分值" | "(10分)", "全年预算数" | "(A)": the label's second line
                elif numeric(c) and cols and _label_next(s, j, hi):
                    strays.append(j)  # a figure printed among the labels (OCR: "全年预算数(A)300全年执行数(B)")
                elif len(c.key) <= OCR_CELL_MAX and (ocr := v.ocr_budget_cols(c.key)):
                    cols += [(k, j) for k in ocr]  # labels an OCR misread, among the others
                    units += [None] * len(ocr)
                else:
                    rest = _label_rest(s, j, hi)
                    if rest is None:
                        break
                    cols.append((v.budget_col(c.key + cs[rest].key), j))
                    joined.add(rest)
                j += 1
                if not cs[j - 1].empty:
                    end = j
        keys = [k for k, _ in cols]
        stored = [k for k in keys if k not in UNSTORED]
        if not s.rows_known and strays and all(j - i > 1 for (_, i), (_, j) in zip(cols, cols[1:])):
            continue  # every label has its figure after it: label → value pairs, no header
        if len(cols) >= 2 and any(k in MONEY_KEYS for k in keys) and len(set(stored)) == len(stored):
            return BudgetHeader(cols, end, next((u for u in units if u), None))
    return None


def _figure_next(s: CellStream, i: int, hi: int) -> bool:
    """Whether the next non-empty cell after ``cells[i]`` is a figure or a run of glued figures."""
    nxt = next((c for c in s.cells[i + 1:hi] if not c.empty), None)
    return nxt is not None and (numeric(nxt) or readings.is_run(nxt.key))


def _label_next(s: CellStream, i: int, hi: int) -> bool:
    """Whether the next non-empty cell after ``cells[i]`` is a budget column label."""
    nxt = next((c for c in s.cells[i + 1:hi] if not c.empty), None)
    return nxt is not None and s.v.budget_col(nxt.key) is not None


def _label_unit(s: CellStream, key: str) -> str | None:
    m = s.v.column_suffix.search(key)
    return m["unit"] if m else None


def _label_rest(s: CellStream, i: int, hi: int) -> int | None:
    """Where the rest of a header label split over two text lines is: ``cells[i]`` ("执行") is no
    label but with the first later cell that is neither a label nor a unit ("率") makes one."""
    cs, v = s.cells, s.v
    head = cs[i].key
    if numeric(cs[i]) or len(head) > 8:
        return None
    for k in range(i + 1, min(hi, i + 14)):
        d = cs[k]
        if d.empty or v.money_cell.match(d.key) or v.budget_col(d.key):
            continue
        return k if not numeric(d) and v.budget_col(head + d.key) else None
    return None


# -------------------------------------------------------------- indicators
def find_indicator_header(s: CellStream, lo: int, hi: int) -> IndicatorHeader | None:
    """The first indicator header in ``cells[lo:hi]``: a 一级指标 / 三级指标 / 指标名称 label in a
    run of at least three column labels (a second header row "年度指标值" over 指标性质 / 指标值 /
    度量单位 merged in)."""
    cs, v = s.cells, s.v
    for a in range(lo, hi):
        if v.ind_col(cs[a].key) not in ("level1", "name"):
            continue
        if s.rows_known:
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
                keys_by_col = _merge_header(row, nxt, keys_by_col, sub)
                end += len(nxt)
            keys = [k for _, k in sorted(keys_by_col.items())] if keys_by_col else []
            if len([k for k in keys if k]) >= 3:
                return IndicatorHeader(first, end, keys, keys_by_col, level_points=level_points(keys))
            continue
        # flattened: the run of column labels around cs[a]
        b = a
        while b - 1 >= lo and (v.ind_col(cs[b - 1].key) or v.marker.fullmatch(cs[b - 1].key)):
            b -= 1
        e = a
        joined: dict[int, str] = {}  # a two-line header cell's first line → its column ("年度" + "指标值")
        rests: set[int] = set()  # the second lines, read
        while e < hi:
            c = cs[e]
            if e in rests or v.ind_col(c.key) or v.marker.fullmatch(c.key):
                e += 1
                continue
            if e > a and v.column_mark.fullmatch(c.key) and v.ind_col(cs[e - 1].key):
                e += 1  # "年初目标值 | (A)": a glued header cut the column's letter off its label
                continue
            if c.empty:
                nxt_cell = next((d for d in cs[e:hi] if not d.empty), None)
                if nxt_cell is None or not v.ind_col(nxt_cell.key):
                    break
                e += 1
                continue
            rest = _ind_rest(s, e, hi, rests)
            if rest is None:
                break
            joined[e] = v.ind_col(c.key + cs[rest].key)
            rests.add(rest)
            e += 1
        e = max([e, *(r + 1 for r in rests)])
        e = _label_tail(s, e, hi)
        run = [joined.get(i) or v.ind_col(cs[i].key) for i in range(b, e)
               if i not in rests and (i in joined or v.ind_col(cs[i].key))]
        keys = _column_order(s, run)
        if len(keys) >= 3 and not set(keys) & VALUE_COLUMNS:
            # "一级指标 | 二级指标 | 三级指标" alone, the value labels scattered among the first rows
            scattered = _scattered_header(s, a, hi)
            if scattered is not None:
                return scattered
        if len(keys) >= 3:
            return IndicatorHeader(b, e, keys, None, level_points=level_points(run))
    return None if s.rows_known else _scattered_header(s, lo, hi)


VALUE_COLUMNS = {"target", "actual", "weight", "score"}
IMPLIED_REACH = 12  # cells after the first 一级指标 within which a row's figure must stand


def implied_header(s: CellStream, lo: int, hi: int, order: tuple[str, ...]) -> IndicatorHeader | None:
    """The indicator block of a form whose header row a flattening lost (a mirror that dropped the
    table's first row): from the first 一级指标 cell (产出指标) with a figure within IMPLIED_REACH cells,
    its rows read in the template's column ``order``; None when there is none."""
    cs = s.cells
    for a in range(lo, hi):
        if s.v.is_total(cs[a].key) or s.v.is_title(cs[a].text):
            return None  # the total row or the next form: no indicator block
        if s.level_in(cs, a, hi) == "level1":
            if any(numeric(c) for c in cs[a + 1:min(hi, a + IMPLIED_REACH)]):
                return IndicatorHeader(a, a, list(order), None)
            return None
    return None


def level_points(run: list[str]) -> bool:
    """Whether a header written in ``run``'s order (column keys, repeats kept) has a 分值 column right
    after a level column and no value column: a score table whose group cells carry their points
    (一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 得分)."""
    if set(run) & {"target", "actual"}:
        return False
    return any(a in ("level1", "level2") and b == "weight" for a, b in zip(run, run[1:]))


SCATTER = 24  # cells a scattered header's labels may spread over


def _scattered_header(s: CellStream, lo: int, hi: int) -> IndicatorHeader | None:
    """A flattened header whose labels a PDF text layer scattered among other cells (稷山
    "一级指标 | — | … | 年度 | 实际 | 指标值 | 完成值 | 指标1:… | 二级指标 | 三级指标 | 指标5:… | 分值 | 得分"):
    the labels within SCATTER cells of the first 一级指标 / 三级指标, two-line labels joined, read
    as the header when they name 三级指标, both values and a points column; rows start after the
    last label."""
    cs, v = s.cells, s.v
    a = next((i for i in range(lo, hi) if v.ind_col(cs[i].key) in ("level1", "name")), None)
    if a is None:
        return None
    found: dict[str, int] = {}
    taken: set[int] = set()
    last = a
    for i in range(a, min(hi, a + SCATTER)):
        if i in taken or cs[i].empty:
            continue
        k = v.ind_col(cs[i].key)
        if k is None and not numeric(cs[i]):
            rest = _ind_rest(s, i, min(hi, a + SCATTER), taken)
            if rest is not None:
                k = v.ind_col(cs[i].key + cs[rest].key)
                taken |= {i, rest} if k is not None else {rest}
                i = max(i, rest)
        if k is not None:
            found.setdefault(k, i)
            last = max(last, i)
    if not ({"name", "target", "actual"} <= set(found) and ({"weight", "score"} & set(found))):
        return None
    order = {k: n for n, k in enumerate(v.ind_order)}
    labels = frozenset(i for i in range(a, last + 1) if v.ind_col(cs[i].key)) | taken | frozenset(found.values())
    return IndicatorHeader(a, last + 1, sorted(found, key=order.__getitem__), None, labels)


def _label_tail(s: CellStream, e: int, hi: int) -> int:
    """The end of a header run whose last label goes on over the next lines ("偏差原因 | 分析及 |
    改进措施": a narrow cell broken into pieces): the pieces that make one longer label with it."""
    cs, v = s.cells, s.v
    if e == 0 or e >= hi or not v.ind_col(cs[e - 1].key):
        return e
    label = cs[e - 1].key
    for w in (1, 2):
        pieces = cs[e:min(hi, e + w)]
        if len(pieces) < w or any(c.empty or numeric(c) for c in pieces):
            break
        if v.ind_col(label + "".join(c.key for c in pieces)) == v.ind_col(label):
            return e + w
    return e


def _ind_rest(s: CellStream, i: int, hi: int, taken: set[int]) -> int | None:
    """Where the second line of an indicator header cell is when a flattening wrote the header's
    first lines before its second ones ("年度 | 实际 | 分值 | 得分 | … | 指标值 | 完成值"): the first
    later cell not yet taken that makes a column label with ``cells[i]`` (指标值 is a label alone too)."""
    cs, v = s.cells, s.v
    head = cs[i].key
    if numeric(cs[i]) or len(head) > 8:
        return None
    for k in range(i + 1, min(hi, i + 16)):
        if k in taken or cs[k].empty:
            continue
        if v.ind_col(head + cs[k].key):
            return k
        if v.level1.fullmatch(cs[k].key) or v.level2.fullmatch(cs[k].key) or numeric(cs[k]):
            return None  # the rows have begun
    return None


def _column_order(s: CellStream, run: list[str]) -> list[str]:
    keys = list(run)
    if keys.count("target") > 1 and ("op" in keys or "unit" in keys):
        keys.remove("target")  # the group label 年度指标值 over the sub-columns
    seen, unique = set(), []
    for k in keys:
        if k not in seen:
            seen.add(k)
            unique.append(k)
    order = {k: i for i, k in enumerate(s.v.ind_order)}
    if [order[k] for k in unique] != sorted(order[k] for k in unique) and not _points_first(unique, order):
        unique.sort(key=order.__getitem__)  # a two-row header, flattened row after row
    return unique


def _points_first(keys: list[str], order: dict) -> bool:
    """Whether ``keys`` are in canonical order but for 分值 written before the values (one header
    row "三级指标 | 分值 | 年度指标值 | 全年实际值 | 得分"): the written order is the columns' order."""
    if "weight" not in keys or "op" in keys or "unit" in keys:
        return False
    rest = [k for k in keys if k != "weight"]
    if [order[k] for k in rest] != sorted(order[k] for k in rest):
        return False
    w = keys.index("weight")
    return w > 0 and keys[w - 1] == "name"



def _merge_header(row: list[Cell], sub_row: list[Cell], keys_by_col: dict, sub: dict) -> dict:
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
