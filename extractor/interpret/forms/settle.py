"""Budget rows a reading left open, settled by the block's column sums: a glued run with several cuts
that no row constraint fails (settle_by_columns), and a flattened row that lost a blank cell whose
placements the arithmetic fits equally (settle_open: what the sums cannot decide goes in no column)."""
from __future__ import annotations

from . import constraints as cons
from . import readings
from .parsed import BudgetRow, figures_of
from .stream import CellStream
from .vocabulary import MONEY_KEYS

ROW_WEIGHT = 2  # a row constraint against the column sums, when several cuts of a run are open


def settle_by_columns(s: CellStream, lines: list[BudgetRow], pending, keys: list[str]) -> None:
    """Rows whose run has several cuts no row constraint fails take the cut that best satisfies the
    column sums (年度资金总额 = Σ its 其中 lines) and the row arithmetic together (``pending``: each
    row's index and its (row score, reading) pairs, the row's own best first: it stays on a tie)."""
    for index, options in pending:
        best, best_score = lines[index].values, None
        for row_score, option in options:
            lines[index].values = option
            table = {line.name: figures_of(line.values, keys) for line in lines}
            tally = cons.check_columns(s.constraints, "budget", table, {}, list(MONEY_KEYS))
            # the row's own arithmetic weighs double: checked to the written precision, a misread
            # other line cannot fake it ("其中 2020" read as one figure makes 年度资金总额 2020 "add up")
            score = tally.held - 2 * tally.failed + ROW_WEIGHT * row_score
            if best_score is None or score > best_score:
                best, best_score = option, score
        lines[index].values = best


def settle_open(s: CellStream, lines: list[BudgetRow], open_rows, keys: list[str], guessed: set[int]) -> None:
    """Rows whose placements fit equally and disagree (``open_rows``: index, readings): the column
    sums choose among the readings (年度资金总额 = Σ its 其中 lines; the other open rows counted with
    the cells their readings agree on, the ``guessed`` rows not at all: a layout's guess is no
    evidence); readings still equal leave the disputed cells in no column (readings.agreed):
    refused, not guessed."""
    for index, options in open_rows:
        _leave_open(lines[index], options)
    for index, options in open_rows:
        scores = []
        for option in options:
            lines[index].values = option
            table = {line.name: figures_of(line.values, keys) for k, line in enumerate(lines) if k not in guessed}
            tally = cons.check_columns(s.constraints, "budget", table, {}, list(MONEY_KEYS))
            scores.append(tally.held - 2 * tally.failed)
        _leave_open(lines[index], [o for o, score in zip(options, scores) if score == max(scores)])


def _leave_open(line: BudgetRow, options: list[dict]) -> None:
    """``line`` holds what ``options`` agree on; each disputed money cell is unplaced, with the columns
    the options gave it (what a reviewer reads instead of a guess)."""
    line.values, line.unplaced = readings.agreed(options, MONEY_KEYS)
    line.open_columns = [tuple(sorted({k for o in options for k, d in o.items() if d is c and k in MONEY_KEYS}))
                         for c in line.unplaced]
