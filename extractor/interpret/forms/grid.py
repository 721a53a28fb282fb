"""Grid blocks of a template (patterns/forms/basic_data.toml): a block label, its column labels,
then rows of a label and one figure a column —

    财政供养人员情况(人) | 编制数 | 2022年实际在职人数 | 控制率 || 52 | 52 | 100%
    经费控制情况(万元) | 2021年决算数 | 2022年预算数 | 2022年决算数 || 基本支出 | 606.44 | 719.99 | 719.99

in a real table (read by column position) or flattened (one cell a line, blank cells gone: a row
keeps the figures after its label, and which columns a short row fills is chosen by the block's
arithmetic, else by the block's ``align``). A column's year or 上年 / 本年 says which year it is
about: the latest year of the header is this year's, an earlier one the year before. Rows under
a row with ``items = true`` ("2、专项资金(一个项一行)") may carry any label: one project a line.
A row whose figures are glued into one run (a form glued into one line, cut at its labels by
:mod:`.grid_glued`: "555192.73%") is cut into one figure a column by readings.run_cuts where the
block's arithmetic agrees unambiguously (55 | 51 | 92.73%: 控制率 = 实有 ÷ 编制); else it stays unread.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from itertools import combinations, product

import regex

from . import constraints as cons
from .cells import Cell, numeric
from .numbers import PCT_RE, number, percent
from .readings import RATE_MAX, run_cuts
from .stream import CellStream
from .templates import Block, Column, Row, Template

ONE_ORDER = 20  # a glued run's figures of one line (not rates): the largest non-zero at most this × the smallest
JOINT_MAX = 1024  # combinations of the open rows' cuts tried at most
ITEM_MAX_CHARS = 40  # an item label (a project's name) is at most this long; longer text ends the block
YEAR = regex.compile(r"(\d{4})年")
# a flattened row's figures glued into one cell: two or more decimal points ("8.225.436.81"), or a
# rate no table writes ("525198.08%": 52 | 51 | 98.08%); cut like a glued form's runs (_split_runs)
_GLUED_RUN = regex.compile(r"\d+(?:\.\d+){2,}")


@dataclass
class GridColumn:
    """A column of a block as its header writes it: its role, the year it is about."""

    spec: Column
    cell: Cell
    year: int | None = None
    period: str | None = None  # current | prior


@dataclass
class GridRow:
    """A row of a grid block: canonical name (or the item's label), label cell, figures by column."""

    name: str
    label: Cell | None
    parent: str | None
    fact: str | None
    raw: list[Cell] = field(default_factory=list)  # figures in written order
    values: dict[int, Cell] = field(default_factory=dict)  # column index → figure
    item: bool = False
    column_facts: dict[str, str] = field(default_factory=dict)  # column role → this row's fact there


@dataclass
class GridRead:
    """One grid block as read: its columns and rows, the cells used, the arithmetic's tally."""

    block: Block
    columns: list[GridColumn]
    rows: list[GridRow]
    used: list[Cell]
    unit: str | None
    tally: cons.Tally = field(default_factory=cons.Tally)


def read_grids(s: CellStream, t: Template, lo: int, hi: int) -> list[GridRead]:
    """Every grid block of ``t`` found in ``cells[lo:hi]``, in the order the template lists them."""
    out = []
    starts = {b.name: _block_start(s, b, lo, hi) for b in t.blocks if b.kind == "grid"}
    first = min([v for v in starts.values() if v is not None], default=hi)
    stated = _stated_unit(s, t, lo, first)
    for block in t.blocks:
        if block.kind != "grid" or starts[block.name] is None:
            continue
        start = starts[block.name]
        # the block ends where the next block of the template starts
        end = min([v for v in starts.values() if v is not None and v > start] + [hi])
        read = _read_block(s, t, block, start, end, stated)
        if read is not None:
            out.append(read)
    return out


def _block_start(s: CellStream, block: Block, lo: int, hi: int) -> int | None:
    """Index of the block's label, else of its first column label."""
    for i in range(lo, hi):
        if any(p.fullmatch(s.cells[i].key) for p in block.labels):
            return i
    for i in range(lo, hi):
        if _column_of(block, s.cells[i].key) is not None:
            return i
    return None


def _column_of(block: Block, key: str) -> Column | None:
    if not key:
        return None
    return next((c for c in block.columns if any(p.fullmatch(key) for p in c.labels)), None)


def _row_of(block: Block, key: str) -> Row | None:
    if not key:
        return None
    return next((r for r in block.rows if any(p.fullmatch(key) for p in r.labels)), None)


def _stated_unit(s: CellStream, t: Template, lo: int, hi: int) -> str | None:
    """The money unit the form states before its first block ("单位:元"), if its template has the rule."""
    if t.stated_unit is None:
        return None
    for c in s.cells[lo:hi]:
        m = t.stated_unit.search(c.key)
        if m:
            return m["unit"]
    return None


def _read_block(s: CellStream, t: Template, block: Block, start: int, hi: int,
                stated: str | None = None) -> GridRead | None:
    cs = s.cells
    used: list[Cell] = []
    i = start
    unit = stated if stated is not None and block.unit in s.v.factors else block.unit
    if any(p.fullmatch(cs[i].key) for p in block.labels):
        used.append(cs[i])
        m = s.v.column_suffix.search(cs[i].key)
        if m:
            unit = m["unit"]
        i += 1
    columns, i = _header(s, block, i, hi)
    if not columns:
        return None
    used += [c.cell for c in columns]
    _periods(t, columns)
    rows = _rows_known(s, block, columns, i, hi) if s.rows_known else _rows_flat(s, block, i, hi)
    read = GridRead(block, columns, rows, used, unit)
    _align(t, read)
    for r in rows:
        if r.values:
            used += ([r.label] if r.label is not None else []) + list(r.values.values())
    read.tally = _tally(t, read)
    return read


def _header(s: CellStream, block: Block, i: int, hi: int) -> tuple[list[GridColumn], int]:
    """The column labels from ``i``: consecutive column cells (a label broken over two cells is
    joined; unit cells such as "(万元)" and blanks are passed over)."""
    cs = s.cells
    columns: list[GridColumn] = []
    while i < hi:
        c = cs[i]
        if c.empty or s.v.money_cell.match(c.key) or any(p.fullmatch(c.key) for p in block.row_header):
            i += 1
            continue
        spec = _column_of(block, c.key)
        if spec is None and i + 1 < hi:
            joined = _column_of(block, c.key + cs[i + 1].key)
            if joined is not None and not numeric(cs[i + 1]):
                spec, c = joined, Cell(c.text + cs[i + 1].text, c.start, cs[i + 1].end, c.row, c.col, c.table, c.page)
                i += 1
        if spec is None:
            break
        year = YEAR.search(c.key)
        columns.append(GridColumn(spec, c, int(year[1]) if year else None))
        i += 1
    return columns, i


def _periods(t: Template, columns: list[GridColumn]) -> None:
    """Each column's period: 上年 → prior, 本年 → current; with years, the latest is current."""
    years = [c.year for c in columns if c.year is not None]
    latest = max(years) if years else None
    for c in columns:
        key = c.cell.key
        if any(w in key for w in t.prior_words):
            c.period = "prior"
        elif any(w in key for w in t.current_words):
            c.period = "current"
        elif c.year is not None:
            c.period = "current" if c.year == latest else "prior"
        else:
            c.period = "current"


def _rows_flat(s: CellStream, block: Block, i: int, hi: int) -> list[GridRow]:
    """Rows of a flattened grid: a label, then its figures; blank cells are gone."""
    cs, v = s.cells, s.v
    rows: list[GridRow] = []
    current: GridRow | None = None
    items_parent: str | None = None
    while i < hi:
        c = cs[i]
        i += 1
        if c.empty:
            continue
        if not c.grid_run and (_GLUED_RUN.fullmatch(c.key) or (percent(c.key) or 0) > RATE_MAX):
            c = replace(c, grid_run=True)  # a row's figures glued into one cell ("8.225.436.81", "525198.08%")
        if numeric(c) or v.placeholder.match(c.key) or c.grid_run:
            if current is None and not block.rows:  # a block without row labels: one row
                current = GridRow(block.name, None, None, None)
                rows.append(current)
            if current is not None and not v.placeholder.match(c.key):
                current.raw.append(c)
            elif current is not None:
                current.raw.append(c)  # a placeholder holds its column's place
            continue
        spec = _row_of(block, c.key)
        if spec is None and (broken := _broken_row(block, cs, i - 1, hi)) is not None:
            spec, c, i = broken  # a row label a flattening cut ("财政资金" / "小计", "合" / "计", "①" / "项目支出")
        if spec is not None:
            if current is not None and current.name == spec.name and not current.raw:
                continue  # the label's second line ("(一个项一行)")
            current = GridRow(spec.name, c, spec.parent, spec.fact, column_facts=dict(spec.column_facts))
            rows.append(current)
            items_parent = spec.name if spec.items else (items_parent if spec.parent == items_parent else None)
            continue
        if len(c.key) > ITEM_MAX_CHARS or v.budget_end.fullmatch(c.key) or v.is_title(c.text):
            break
        if s.is_label(c):
            break
        if items_parent is not None:
            current = GridRow(c.key, c, items_parent, None, item=True)
        else:
            current = GridRow(c.key, c, None, None)
        rows.append(current)
    return rows


BROKEN_PIECES = 3  # a row label cut into at most this many cells is joined back


def _broken_row(block: Block, cs: list[Cell], i: int, hi: int) -> tuple[Row, Cell, int] | None:
    """The row label that ``cs[i]`` and the next cells (at most BROKEN_PIECES, none a figure) make
    together, when ``cs[i]`` alone is none: (its row, the joined cell, the index after it)."""
    key = cs[i].key
    for k in range(i + 1, min(i + BROKEN_PIECES, hi)):
        if cs[k].empty or numeric(cs[k]) or (k == i + 1 and len(key) > 2 and _row_of(block, cs[k].key) is not None):
            return None
        key += cs[k].key
        spec = _row_of(block, key)
        if spec is not None:
            c = cs[i]
            return spec, Cell("".join(d.text for d in cs[i:k + 1]), c.start, cs[k].end, c.row, c.col, c.table,
                              c.page), k + 1
    return None


def _rows_known(s: CellStream, block: Block, columns: list[GridColumn], i: int, hi: int) -> list[GridRow]:
    """Rows of a real table: the first text cell is the label, figures by column position."""
    rows: list[GridRow] = []
    items_parent: str | None = None
    by_col = {c.cell.col: k for k, c in enumerate(columns)}
    for run in s.row_runs(i, hi):
        texts = [c for c in run if c.key and not numeric(c) and not s.v.placeholder.match(c.key)]
        figures = [c for c in run if c.key and (numeric(c) or s.v.placeholder.match(c.key))]
        label = texts[0] if texts else None
        if label is not None and (len(label.key) > ITEM_MAX_CHARS or s.v.budget_end.fullmatch(label.key)):
            break
        spec = _row_of(block, label.key) if label is not None else None
        if spec is not None:
            row = GridRow(spec.name, label, spec.parent, spec.fact, column_facts=dict(spec.column_facts))
            items_parent = spec.name if spec.items else (items_parent if spec.parent == items_parent else None)
        elif label is not None:
            row = GridRow(label.key, label, items_parent, None, item=items_parent is not None)
        elif not block.rows:
            row = GridRow(block.name, None, None, None)
        else:
            continue
        row.raw = figures
        if figures and all(f.col in by_col for f in figures):
            row.values = {by_col[f.col]: f for f in figures if not s.v.placeholder.match(f.key)}
        rows.append(row)
    return rows


def _placements(n: int, m: int) -> list[tuple[int, ...]]:
    return list(combinations(range(m), n))


def _fits(columns: list[GridColumn], placement, cells: list[Cell]) -> bool:
    """A percent goes to a percent column only, and a percent column takes a percent or a number."""
    for k, c in zip(placement, cells):
        is_pct = bool(PCT_RE.fullmatch(c.key))
        if is_pct and columns[k].spec.unit != "%":
            return False
    return True


def _align(t: Template, read: GridRead) -> None:
    """Figures of each flattened row → columns: all of them when the row is full, else the
    placement the block's arithmetic likes best (ties: the block's alignment, right by default:
    a new line has no 上年 figure; a block without row labels fills from the left)."""
    m = len(read.columns)
    right = bool(read.block.rows)
    _split_runs(t, read)
    for r in read.rows:
        if any(c.grid_run for c in r.raw):
            r.raw = []  # a glued run not cut into its figures is no figure (never read as one)
    pending = []
    for r in read.rows:
        if r.values or not r.raw:
            continue
        cells = r.raw[:m]
        if len(cells) == m:
            r.values = {k: c for k, c in enumerate(cells)}
            continue
        options = [p for p in _placements(len(cells), m) if _fits(read.columns, p, cells)]
        if not options:
            continue
        options.sort(key=lambda p: (-sum(p) if right else sum(p)))
        r.values = dict(zip(options[0], cells))
        pending.append((r, cells, options))
    for r, cells, options in pending:  # then let the arithmetic move them
        best, best_score = r.values, _score(_tally(t, read))
        for p in options[1:]:
            r.values = dict(zip(p, cells))
            score = _score(_tally(t, read))
            if score > best_score:
                best, best_score = r.values, score
        r.values = best
    for r in read.rows:
        r.values = {k: c for k, c in r.values.items() if number(c.key) is not None or percent(c.key) is not None}


def _split_runs(t: Template, read: GridRead) -> None:
    """Each row whose figures are one glued run (grid_glued) cut into one figure a column: the cuts
    that put a percent in a percent column only, whose figures are of one order (ONE_ORDER) and
    that no row constraint fails (those it holds most); several left, the block's arithmetic with the
    rows already read decides; still several (or none), the row stays unread."""
    m = len(read.columns)
    open_rows = []
    for r in read.rows:
        if len(r.raw) != 1 or not r.raw[0].grid_run or r.values:
            continue
        cuts = [cut for cut in run_cuts(r.raw[0], m, zeros=True)
                if _fits(read.columns, range(m), cut) and _one_order(read, cut)
                and _whole_counts(read.columns, range(m), cut)] or _zeros(r.raw[0], m)
        uniform = [cut for cut in cuts if _one_format(cut)]
        cuts = uniform or cuts  # a column format writes its figures to the same decimals
        run = r.raw[0]
        r.raw = []
        if not uniform and m > 2 and run.key.count(".") >= 2:
            short = _short_cut(read, run, m - 1)  # a short row in the column format beats a full one out of it
            if short is not None:
                r.raw, r.values = list(short.values()), short
                continue
        if not cuts and m > 2:
            short = _short_cut(read, run, m - 1)
            if short is not None:
                r.raw, r.values = list(short.values()), short
            continue
        scored = []
        for cut in cuts:
            env = {read.columns[k].spec.role: value_of(c) for k, c in enumerate(cut)}
            tally = cons.check_row(list(t.constraints), read.block.name, env)
            if not tally.failed:
                scored.append((tally.held, cut))
        best = max((h for h, _ in scored), default=0)
        cuts = [cut for h, cut in scored if h == best]
        if len(cuts) == 1:
            r.raw, r.values = cuts[0], dict(enumerate(cuts[0]))
        elif cuts:
            open_rows.append((r, cuts))
    _settle(t, read, open_rows)


def _settle(t: Template, read: GridRead, open_rows: list) -> None:
    """Rows with several cuts left: every combination of their cuts (at most JOINT_MAX) scored by
    the block's arithmetic; a row takes the cut all the best combinations agree on, else stays unread."""
    if not open_rows:
        return
    combos = 1
    for _, cuts in open_rows:
        combos *= len(cuts)
    if combos > JOINT_MAX:
        return
    best, tops = None, []
    for combo in product(*(cuts for _, cuts in open_rows)):
        for (r, _), cut in zip(open_rows, combo):
            r.values = dict(enumerate(cut))
        score = _score(_tally(t, read))
        if best is None or score > best:
            best, tops = score, [combo]
        elif score == best:
            tops.append(combo)
    for k, (r, _) in enumerate(open_rows):
        r.values = {}
        if all(c[k] is tops[0][k] for c in tops):
            r.raw, r.values = tops[0][k], dict(enumerate(tops[0][k]))


def _short_cut(read: GridRead, run: Cell, n: int) -> dict[int, Cell] | None:
    """A run of a row with a blank cell ("部门整体支出预算调整 512.24907.63" under three columns: no
    上年 figure) cut into ``n`` figures, placed as the block aligns a short row (right when it has
    row labels): only when exactly one cut writes every figure to the same decimals."""
    if "%" in run.key:
        return None  # a rate's run is cut by the rate's arithmetic, at full width only
    m = len(read.columns)
    place = list(range(m - n, m)) if read.block.rows else list(range(n))
    cuts = [cut for cut in run_cuts(run, n, zeros=True)
            if _fits(read.columns, place, cut) and _one_order(read, cut) and _one_format(cut)]
    return dict(zip(place, cuts[0])) if len(cuts) == 1 else None


def _whole_counts(columns: list[GridColumn], placement, cut: list[Cell]) -> bool:
    """A column of people (编制数, 实际在职人数: a staff fact) takes whole numbers only."""
    return all(not (columns[k].spec.fact or "").startswith("staff_") or "." not in c.key
               for k, c in zip(placement, cut))


def _zeros(run: Cell, m: int) -> list[list[Cell]]:
    """[the one cut of a line of zeros written to a fixed format ("0.000.000.00": 0.00 | 0.00 |
    0.00)] when ``run`` is ``m`` such zeros, else []: a figure run never opens a piece with "0."
    otherwise (readings._is_piece)."""
    key, n = run.key, len(run.key)
    if m < 1 or n % m or len(set(key[i:i + n // m] for i in range(0, n, n // m))) != 1:
        return []
    piece = key[:n // m]
    if not regex.fullmatch(r"0\.0+", piece) or run.start is None:
        return []
    w = n // m
    return [[Cell(piece, run.start + k * w, run.start + (k + 1) * w, run.row, run.col, run.table, run.page, glued=True)
             for k in range(m)]]


def _one_format(cut: list[Cell]) -> bool:
    """The money figures of a cut (not rates) are written to the same number of decimals, at
    least one ("8.22 | 5.43 | 6.81", not "8.2 | 25.4 | 36.81"): a table's money columns share a
    format. Integers only are no evidence."""
    places = {len(c.key.partition(".")[2]) for c in cut if not c.key.endswith("%")}
    return len(places) == 1 and 0 not in places


def _one_order(read: GridRead, cut: list[Cell]) -> bool:
    order = ONE_ORDER if read.block.run_order is None else read.block.run_order
    figures = [v for k, c in enumerate(cut) if read.columns[k].spec.unit != "%" and (v := value_of(c))]
    return not order or not figures or max(figures) <= order * min(figures)


def _score(tally: cons.Tally) -> int:
    return tally.held - 2 * tally.failed


def value_of(c: Cell) -> float | None:
    """A grid figure as a number (a percent as its number)."""
    v = percent(c.key)
    if v is None:
        v = number(c.key)
    return None if v is None else float(v)


def _tally(t: Template, read: GridRead) -> cons.Tally:
    """The template's constraints on this block: row scope on each row (column roles as names),
    column scope on each column (row names as names)."""
    block = read.block.name
    tally = cons.Tally()
    for r in read.rows:
        env = {read.columns[k].spec.role: value_of(c) for k, c in r.values.items()}
        tally += cons.check_row(list(t.constraints), block, env)
    table: dict[str, dict[str, float | None]] = {}
    parents: dict[str, str | None] = {}
    for r in read.rows:
        if r.item or r.name in table:
            continue
        table[r.name] = {str(k): value_of(c) for k, c in r.values.items()}
        parents[r.name] = r.parent
    columns = [str(k) for k in range(len(read.columns))]
    roles = {str(k): c.spec.role for k, c in enumerate(read.columns)}
    tally += cons.check_columns(list(t.constraints), block, table, parents, columns, roles)
    return tally
