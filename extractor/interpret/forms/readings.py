"""The readings of one budget row that the template's arithmetic chooses among.

Two things a flattening leaves open:

* which columns an incomplete row fills: "其中:财政拨款 | 29 | 27.8 | 95.86%" under 年初预算数 |
  全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 is 全年预算数 29 and 全年执行数 27.8, because only then
  执行率 = 全年执行数 ÷ 全年预算数 holds (:func:`placements`);
* how a glued digit run splits: "年度资金总额:310.2154.741050%5" under 年初预算数(A) | 全年执行数(B) |
  分值 | 执行率(B/A) | 得分 is 310.2 | 154.74 | 10 | 50% | 5, the one cut where both 执行率 = B ÷ A and
  得分 = 分值 × 执行率 hold (:func:`run_cuts`); a run no row arithmetic decides (a 其中 line without
  a rate: "310.2154.74") is settled by the column sums (年度资金总额 = Σ its 其中 lines).

A reading is scored by :func:`row_score`: constraints that hold count, those that fail cost
twice; a constraint is checked to the written precision of the figure it states (a rate written
"50%" may be 49.88).
"""
from __future__ import annotations

from functools import lru_cache
from itertools import combinations

import regex

from . import constraints as cons
from .cells import Cell
from .numbers import NUM_RE, PCT_RE, number, percent, written_places
from .parsed import figures_of

RUN = regex.compile(r"[\d.,]+(?:%[\d.,]*)?")
# a figure a run may hold: no leading zero, thousands separators in threes ("4,790,000.005,120,000.00")
FIGURE = regex.compile(r"(?:0|[1-9]\d{0,11}|[1-9]\d{0,2}(?:,\d{3}){1,3})(?:\.\d{1,8})?")
RUN_MAX_CHARS = 64  # longer runs are not cut (the cuts are enumerated; a 元 row: "12500000.0013185600.0012624100.001095.74%9.57")
CUTS_MAX = 4000  # cut readings tried for one run at most
STEPS_MAX = 25_000  # steps of the search for them at most (a hostile run of digits stays cheap; a run of
# six figures, "479512472100.92199.22", takes some 20,000)
PIECE_MAX = 21  # characters of one figure at most (12 digits, a point, 8 decimals)
RATE_MAX = 200  # a "percent" above this is figures glued to a rate ("21182118100%")


def is_run(key: str) -> bool:
    """Whether a cell holds several figures glued together: digits with two decimal points,
    digits after a percent sign, or a "percent" too large to be a rate."""
    if len(key) > RUN_MAX_CHARS or not RUN.fullmatch(key):
        return False
    if NUM_RE.fullmatch(key) and not (len(key) > 1 and key[0] == "0" and key[1].isdigit()):
        return False  # ("000": three zeros glued, 0 | 0 | 0, is a run)
    if PCT_RE.fullmatch(key):
        value = percent(key)
        return value is not None and value > RATE_MAX
    return True


def run_cuts(cell: Cell, n: int, zeros: bool = False) -> list[list[Cell]]:
    """The ways to cut a run cell into ``n`` figures, each a cell with its own span: figures
    without leading zeros (a bare 0 allowed where :func:`_zeros_fit` says, anywhere with ``zeros``:
    a grid line's 0 | 30000 | 2503); the % stays on the figure before it. A hostile run is bounded:
    at most CUTS_MAX cuts, after at most STEPS_MAX steps of the search."""
    key = cell.text
    pct = key.find("%")
    budget = [STEPS_MAX]
    out: list[list[Cell]] = []
    if pct == -1:
        for cut in _cut(key, 0, len(key), n, budget, zeros):
            if not zeros and not _zeros_fit(key, cut):
                continue
            out.append([_piece(cell, a, b) for a, b in cut])
            if len(out) >= CUTS_MAX:
                break
        return out
    for before in range(1, n + 1):
        if not _feasible(key, pct + 1, len(key), n - before, zeros):
            continue  # the figures after the rate cannot make the rest
        for left in _cut(key, 0, pct, before, budget, zeros):
            if float(key[left[-1][0]:pct].replace(",", "")) > RATE_MAX:
                continue
            left = left[:-1] + [(left[-1][0], pct + 1)]  # the rate keeps its sign
            for right in _cut(key, pct + 1, len(key), n - before, budget, zeros):
                if not zeros and not _zeros_fit(key, left + right):
                    continue
                out.append([_piece(cell, a, b) for a, b in left + right])
                if len(out) >= CUTS_MAX:
                    return out
    return out


def _cut(key: str, lo: int, hi: int, n: int, budget: list[int], zeros: bool = False):
    """The ways to cut ``key[lo:hi]`` into ``n`` figures (positive, or a bare 0; with ``zeros`` a zero
    written to a format too, "0.00") (a generator; ``budget`` counts the steps left, shared by the
    whole search)."""
    if n == 0:
        if lo == hi:
            yield []
        return
    if not _feasible(key, lo, hi, n, zeros):
        return  # no way to cut the rest: not searched (the steps go to cuts that exist)
    for end in range(lo + 1, min(hi - n + 1, lo + PIECE_MAX) + 1):
        budget[0] -= 1
        if budget[0] < 0:
            return
        if not _is_piece(key[lo:end], zeros) or not _feasible(key, end, hi, n - 1, zeros):
            continue
        for tail in _cut(key, end, hi, n - 1, budget, zeros):
            yield [(lo, end)] + tail


def _zeros_fit(key: str, cut: list[tuple[int, int]]) -> bool:
    """Where a run may hold a bare 0: nothing spent (the 执行数 0 and 执行率 0% side by side,
    "10200%": 102 | 0 | 0%) or a line of zeros ("000": 0 | 0 | 0); nowhere else."""
    pieces = [key[a:b].rstrip("%") for a, b in cut]
    zeros = [i for i, p in enumerate(pieces) if p == "0"]
    if not zeros or len(zeros) == len(pieces):
        return True
    return len(zeros) == 2 and zeros[1] == zeros[0] + 1 and key[cut[zeros[1]][0]:cut[zeros[1]][1]] == "0%"


def _is_piece(piece: str, zeros: bool = False) -> bool:
    """A figure as a run may hold it: no leading zero; a bare 0 is one ("10200%": 102 | 0 | 0%,
    nothing spent), "0.0" none unless ``zeros`` (a grid row in a column format: "…100.000.000.00",
    nothing left: 100.00 | 0.00 | 0.00)."""
    return bool(FIGURE.fullmatch(piece)) and (float(piece.replace(",", "")) != 0 or piece == "0"
                                              or (zeros and "." in piece))


@lru_cache(maxsize=4096)
def _feasible(key: str, lo: int, hi: int, n: int, zeros: bool = False) -> bool:
    """Whether ``key[lo:hi]`` can be cut into ``n`` figures (bounded: a run is at most RUN_MAX_CHARS)."""
    if n == 0:
        return lo == hi
    rest = hi - lo
    if rest < n or rest > n * PIECE_MAX:
        return False
    return any(_is_piece(key[lo:end], zeros) and _feasible(key, end, hi, n - 1, zeros)
               for end in range(lo + 1, min(hi - n + 1, lo + PIECE_MAX) + 1))


def _piece(cell: Cell, a: int, b: int) -> Cell:
    start = cell.start + a if cell.start is not None else None
    end = cell.start + b if cell.start is not None else None
    return Cell(cell.text[a:b], start, end, cell.row, cell.col, cell.table, cell.page, glued=True)


DIGITS_MIN = 4  # integer digits of a number that may be figures glued ("371404401": 371 | 404 | 401)


def digit_run(key: str) -> bool:
    """Whether a number's integer part is long enough to be several figures glued together
    ("371404401", "202015.67": 20 | 20 | 15.67); tried as a run only when no reading of its row
    as it stands satisfies the row arithmetic."""
    whole, _, decimals = key.partition(".")
    return whole.isdigit() and len(whole) >= DIGITS_MIN and (not decimals or decimals.isdigit())


def expansions(values: list[Cell], width: int, digits: bool = False) -> list[list[Cell]]:
    """``values`` with their one run cut into figures, every way that makes at most ``width``
    cells (a row with no run, or several, as it is); ``digits``: a long whole number is a run too."""
    runs = [k for k, c in enumerate(values) if is_run(c.key) or (digits and digit_run(c.key))]
    if len(runs) != 1:
        return [values]
    k = runs[0]
    out: list[list[Cell]] = []
    for n in range(2, width - len(values) + 2):
        for cut in run_cuts(values[k], n):
            out.append(values[:k] + cut + values[k + 1:])
    return out


def placements(cells: list[Cell], keys: list[str]) -> list[dict[str, Cell]]:
    """Every order-keeping placement of ``cells`` into the columns ``keys`` (fewer cells than
    columns: which columns the row fills)."""
    if len(cells) > len(keys):
        return []
    return [dict(zip((keys[i] for i in chosen), cells)) for chosen in combinations(range(len(keys)), len(cells))]


def _places(key: str, text: str, env: dict) -> int:
    """The decimal places a figure states in the unit the constraint reads it in: a 执行率 written as
    a fraction (0.9926, read as 99.26%) states two places fewer."""
    places = written_places(text)
    value = number(text)
    read = env.get(key)
    if key == "execution_rate" and value is not None and read is not None and "%" not in text \
            and abs(float(value) - read) > 1e-9:
        return max(0, places - 2)
    return places


def _implied_rate(env: dict, mapped: dict[str, Cell]) -> float | None:
    """执行数 ÷ 预算数 × 100 when the written 执行率 is that figure rounded to its written places
    (the rate the form's other figures were computed with), else None."""
    rate, spent, budget = env.get("execution_rate"), env.get("executed"), env.get("budget")
    if rate is None or spent is None or not budget or "execution_rate" not in mapped:
        return None
    exact = spent / budget * 100
    places = _places("execution_rate", mapped["execution_rate"].key, env)
    return exact if abs(exact - rate) <= 0.5 * 10 ** -places + 1e-9 and exact != rate else None


def row_score(constraints: list[cons.Constraint], mapped: dict[str, Cell], columns=None) -> tuple[int, int]:
    """(held, failed) of the budget block's row constraints on one reading (``columns``: the
    header's), each checked to the written precision of the figure on its left side (no looser
    than the constraint allows)."""
    env = figures_of(mapped, columns)
    implied = _implied_rate(env, mapped)
    held = failed = 0
    for c in constraints:
        if c.scope != "row" or c.block != "budget":
            continue
        left = c.left.body
        tolerance = None
        if hasattr(left, "id") and left.id in mapped:
            tolerance = min(c.tolerance, 0.5 * 10 ** -_places(left.id, mapped[left.id].key, env) + 1e-9)
        result = c.check(env, tolerance)
        if result is False and implied is not None and "execution_rate" in c.names() and getattr(left, "id", None) != "execution_rate":
            # 得分 = 分值 × 执行率 scored with the rate before the form rounded it for print ("92%" for
            # 472 ÷ 512 = 92.19%: 10 × 92.19% = 9.22)
            result = c.check({**env, "execution_rate": implied}, tolerance)
        held += result is True
        failed += result is False
    if env.get("execution_rate") is None and env.get("executed") is not None and env.get("budget") and not (
            env.get("weight") == env["budget"] and env.get("score") == env["executed"]):
        # a row without its 执行率 (a flattening lost it): the rate its figures imply still checks
        # 得分 = 分值 × 执行率 ("250000.00 | 250000.00 | 215457.6 | 10 | 8.62": 86.18%, 8.618); not
        # when 分值 is the budget and 得分 the spending (a run "755.59755.59" cut 75 | 5.59 | 75 | 5.59):
        # it holds then whatever the figures, and says nothing
        env = {**env, "execution_rate": env["executed"] / env["budget"] * 100}
        for c in constraints:
            if c.scope != "row" or c.block != "budget" or "execution_rate" not in c.names():
                continue
            left = c.left.body
            if not hasattr(left, "id") or left.id == "execution_rate" or left.id not in mapped:
                continue
            tolerance = min(c.tolerance, 0.5 * 10 ** -_places(left.id, mapped[left.id].key, env) + 1e-9)
            result = c.check(env, tolerance)
            held += result is True
            failed += result is False
    return held, failed


def distinct(options: list[dict[str, Cell]]) -> list[dict[str, Cell]]:
    """``options`` without repeats: two readings are the same when they put the same cells in the
    same columns."""
    seen: set[tuple] = set()
    out = []
    for m in options:
        key = tuple(sorted((k, id(c)) for k, c in m.items()))
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


def agreed(options: list[dict[str, Cell]], money: frozenset[str] | set[str]) -> tuple[dict[str, Cell], list[Cell]]:
    """What readings that fit equally well agree on: the columns every one fills with the same
    figure (the first reading's cell: "30 | 30 | 30 | 100%" is 全年执行数 30 whichever 30 it is), the
    row's reading, a column they dispute left out rather than guessed; and the cells left out that
    are money in every reading (an amount the table states, in no column: "30 | 30 | 10 | 100%"
    under 年初预算数 | 调整预算数 | 全年执行数 | 分值 | 执行率 is 全年执行数 30, 分值 10, 执行率 100%, and
    a 30 in one of the budget columns)."""
    first, rest = options[0], options[1:]
    kept = {k: c for k, c in first.items() if all(k in m and m[k].key == c.key for m in rest)}
    placed = {id(c) for c in kept.values()}
    unplaced: list[Cell] = []
    for c in first.values():
        if id(c) in placed or any(c2 is c for c2 in unplaced):
            continue
        if all(any(d is c and k in money for k, d in m.items()) for m in options):
            unplaced.append(c)
    return kept, unplaced


def lost_cells(values: list[Cell], columns: list[str]) -> bool:
    """Whether a flattened row holds fewer cells than its header has columns (blank cells kept as
    empty cells count: "| 30 | | 30 |" lost none; one cell a line without the blank lines, it did)."""
    return len(values) < len(columns)
