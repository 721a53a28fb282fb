"""The budget block under its header: one row per budget line ("年度资金总额 | 120.5 | 132.8 |
129.06 | 10 | 97.18% | 9.7"), cells mapped to the header's columns by count, by grid position,
or (a flattened row that lost cells) around the 执行率 percent."""
from __future__ import annotations

from . import readings
from .cells import Cell, numeric
from .headers import BudgetHeader
from .numbers import NUM_RE, PCT_RE, number, percent
from .parsed import Block, BudgetRow
from .settle import settle_by_columns, settle_open
from .stream import CellStream
from .vocabulary import MONEY_KEYS, UNSTORED

PLACEMENT_CHECKS_MAX = 120  # placements of a row's cuts tried at most
MONEY_DIGITS_MAX = 10  # integer digits of a money cell at most (10 digits of 元 are 100亿元)
OCR_LINE_WINDOW = 4  # cells after the budget header within which a misread line label is read
ANCHOR_WINDOW = 16  # non-empty cells after a budget header within which a bare percent anchors 执行率
LOOSE_MAX = 16  # non-empty cells without a line label after which the block is over
RATE_PLAUSIBLE = 200  # a bare 执行率 cell above this (percent) is no rate
RATE_SUFFIX = "_rate"  # a budget column holding a rate: execution_rate, received_rate


def read_budget(s: CellStream, header: BudgetHeader, hi: int) -> Block:
    """The budget lines under ``header`` up to ``hi`` (the indicator header or the end): a Block of
    BudgetRow, the header and row cells used, and the index where the block ends."""
    cs, v = s.cells, s.v
    cols = header.columns
    keys = [k for k, _ in cols]
    lines: list[BudgetRow] = []
    used = [cs[i] for _, i in cols]
    j = max(cols[-1][1] + 1, header.end)
    if s.rows_known:
        while j < hi and cs[j].rid == cs[cols[-1][1]].rid:
            j += 1
    skipped: set[str] = set()  # money columns a flattened row lost; later rows lost them too
    pending: list[tuple[int, list[dict[str, Cell]]]] = []  # rows whose glued run no row arithmetic settles
    open_rows: list[tuple[int, list[dict[str, Cell]]]] = []  # rows two placements fit equally (readings.agreed)
    guessed: set[int] = set()  # rows whose columns only the layout chose (no evidence for an open row)
    unlabeled, j = _unlabeled_row(s, cols, j, hi)
    loose = 0
    while j < hi:
        c = cs[j]
        if s.budget_stop(c) and not _total_row_line(s, j, hi, lines):
            break
        name = v.budget_line(c.key) or (v.total_line if c.key in v.budget_total_words else None)
        if not name and not s.rows_known and lines == [] and j - cols[-1][1] <= OCR_LINE_WINDOW:
            name = v.ocr_budget_line(c.key)  # the first line's label an OCR misread ("年度资金总額")
        if not name:
            loose += not c.empty
            if loose > LOOSE_MAX:
                break
            j += 1
            continue
        loose = 0
        k = j + 1
        # A label that starts a line of several cells owns the rest of that line only.
        row_line = s.rows_known or (
            c.col == 0 and sum(1 for d in cs[j:hi] if d.rid == c.rid) >= 2
        )
        rid = c.rid
        while k < hi:
            d = cs[k]
            if row_line and d.rid != rid:
                # a row wrapped onto the next line, which starts with a figure, goes on there
                if s.rows_known or not (numeric(d) or readings.is_run(d.key)) or d.col != 0:
                    break
                rid = d.rid
            if (v.budget_line(d.key) and d.key != c.key) or s.budget_stop(d):
                break
            k += 1
        # a row of label → value pairs: its own label written again before each figure, and the
        # cell labels (预算数 | 6.84 | 到位数 | 6.84), are no cells of its own
        row = [cs[i] for i in range(j + 1, k) if cs[i].key != c.key and cs[i].key not in v.budget_cell_labels]
        values, readings_, tied = _choose(s, cols, j, row, skipped)
        if values is not None:
            lines.append(BudgetRow(name, c, values))
            used += [c, *values.values()]
            if tied:
                open_rows.append((len(lines) - 1, [m for _, m in readings_]))
            elif len(readings_) > 1:
                pending.append((len(lines) - 1, readings_))
            elif not s.rows_known and readings.lost_cells(row, keys) and readings.row_score(s.constraints, values, keys)[0] == 0:
                guessed.add(len(lines) - 1)  # a short row its arithmetic does not confirm: laid out, not read
        j = k
    settle_by_columns(s, lines, pending, keys)
    settle_open(s, lines, open_rows, keys, guessed)
    if unlabeled is not None and not any(line.name == v.total_line for line in lines):
        values, label = unlabeled
        lines.insert(0, BudgetRow(v.total_line, label, values))
        used += list(values.values())
    return Block(lines, used, j)


TOTAL_ROW_FIGURES = 3  # figures (one a rate) after 合计 that make it the budget block's total line


def _total_row_line(s: CellStream, j: int, hi: int, lines: list[BudgetRow]) -> bool:
    """Whether the total-row word at ``j`` (合计, 总计) is the budget block's total line: no total
    line read yet, and its row holds at least TOTAL_ROW_FIGURES figures, one of them a percent (a
    run of glued figures with a percent in it counts as such: "合计 4795124721092.19%9.22"). One
    cell a line, the row is the figures that follow the word."""
    cs, v = s.cells, s.v
    if cs[j].key not in v.budget_total_words or any(line.name == v.total_line for line in lines):
        return False
    one_a_line = not s.rows_known and j + 1 < hi and cs[j + 1].rid != cs[j].rid
    figures = []
    for d in cs[j + 1:hi]:
        if d.rid != cs[j].rid and not one_a_line:
            break
        if d.empty or v.placeholder.match(d.key):
            continue
        if readings.is_run(d.key) and "%" in d.key:
            return True
        if not numeric(d):
            break
        figures.append(d)
    return len(figures) >= TOTAL_ROW_FIGURES and any(PCT_RE.fullmatch(d.key) for d in figures)


def _unlabeled_row(s: CellStream, cols, j: int, hi: int) -> tuple[tuple[dict[str, Cell], Cell] | None, int]:
    """The budget block's first row when no line label starts it: its cells (column → cell) and
    the cell standing for its label, and where the block goes on. Read as the 年度资金总额 line:
    a block of one row under its header, or the total row of a block whose label a flattening
    moved elsewhere."""
    cs, v = s.cells, s.v
    keys = [k for k, _ in cols]
    first = next((i for i in range(j, hi) if not cs[i].empty), None)
    if first is None:
        return None, j
    if not s.rows_known and readings.is_run(cs[first].key):
        # the row's figures glued into one run ("64.864.864.8100%" under 年初预算数 | 调整预算数 |
        # 全年执行数 | 执行率): the cut the row arithmetic confirms, none if it confirms none
        values, scored, _ = _choose(s, cols, first, [cs[first]], set())
        if values is not None and not any(score == scored[0][0] for score, _ in scored[1:]) and any(k in MONEY_KEYS for k in values):
            held, failed = readings.row_score(s.constraints, values, keys)
            if held and not failed:
                return (values, cs[first]), first + 1
    if cs[first].key in v.budget_cell_labels:
        return _pairs_row(s, cols, first, hi)
    if not numeric(cs[first]):
        # text that is no label first (an OCR'd "其中中央补助自治区补助" before the figures): only
        # the percent-anchored reading, which passes over such cells
        if s.rows_known or v.budget_line(cs[first].key) or s.budget_stop(cs[first]) or s.is_label(cs[first]):
            return None, j
        return _anchored_row(s, keys, first, hi)
    if s.rows_known:  # the row right under the header row, read by column position
        row = [c for c in cs[first:hi] if c.rid == cs[first].rid]
        if any(v.budget_line(c.key) or s.budget_stop(c) for c in row):
            return None, j
        by_col = {c.col: c for c in row}
        mapped = {k: by_col[cs[i].col] for k, i in cols if cs[i].col in by_col}
        mapped = {k: c for k, c in mapped.items() if not c.empty and not v.placeholder.match(c.key)}
        if _valid(s, mapped) and any(k in MONEY_KEYS for k in mapped):
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
            if _valid(s, mapped) and any(k in MONEY_KEYS for k in mapped):
                return (mapped, cs[first]), line[-1] + 1
    found = _anchored_row(s, keys, first, hi)
    if found[0] is None:
        found = _arithmetic_row(s, keys, first, hi) or found
    return found


def _pairs_row(s: CellStream, cols, first: int, hi: int):
    """A first row of label → value pairs under a header of column groups ("预算数 | 6.84 | 到位数 |
    6.84 | 执行数 | 6.84 | 100.00" under 预算安排情况 | 资金到位情况 | 资金执行情况 | 预算执行进度(%),
    河北): the cell labels dropped, its figures fill the columns in order; read as the total line,
    its first cell label standing for its label. None when its figures are more than the columns or
    do not fit them."""
    cs, v = s.cells, s.v
    keys = [k for k, _ in cols]
    one_a_line = not s.rows_known and first + 1 < hi and cs[first + 1].rid != cs[first].rid
    figures: list[Cell] = []
    i = first
    while i < hi:
        c = cs[i]
        if not one_a_line and c.rid != cs[first].rid:
            break
        if c.empty or c.key in v.budget_cell_labels:
            i += 1
            continue
        if not (numeric(c) or v.placeholder.match(c.key) or _amount(v, c.key) or readings.is_run(c.key)):
            break
        figures.append(c)
        i += 1
    if not figures or len(figures) > len(keys):
        return None, first
    if len(figures) < len(keys) and not s.rows_known:
        # the last figures glued ("执行数47292.19": 472 | 92.19 under 资金执行情况 | 预算执行进度): the
        # one cut into as many figures as columns that the row arithmetic confirms
        cuts = [e for e in readings.expansions(figures, len(keys), digits=True) if len(e) == len(keys)]
        good = []
        for cut in cuts:
            m = dict(zip(keys, cut))
            held, failed = readings.row_score(s.constraints, m, keys) if _valid(s, m) else (0, 1)
            if held and not failed:
                good.append(cut)
        if len(good) == 1:
            figures = good[0]
    mapped = {k: c for k, c in zip(keys, figures) if not v.placeholder.match(c.key)}
    if not _valid(s, mapped) or not any(k in MONEY_KEYS for k in mapped):
        return None, first
    return (mapped, cs[first]), i


def _arithmetic_row(s: CellStream, keys: list[str], lo: int, hi: int):
    """A first row without a label whose figures run on into the next row's (a PDF text layer
    that wrote the rows' labels after their figures: "250000.00 250000.00 215,457.6 10 8.62
    250000.00 250000.00 215457.6 — 上年结转资金 …"): the figures from ``lo`` on, as many as the
    header has columns at most, and the longest of their leading runs that one placement into the
    columns makes hold the row arithmetic (a lost 执行率 implied by 执行数 ÷ 预算数); None when no
    placement, or more than one equally good, does."""
    cs = s.cells
    figures: list[int] = []
    for i in range(lo, hi):
        if cs[i].empty:
            continue
        if not (NUM_RE.fullmatch(cs[i].key) or PCT_RE.fullmatch(cs[i].key)) or len(figures) >= len(keys):
            break
        figures.append(i)
    for k in range(len(figures), 2, -1):
        good = []
        for mapped in readings.placements([cs[i] for i in figures[:k]], keys):
            if not _valid(s, mapped) or not {"executed"} <= set(mapped) or not any(
                    key in mapped for key in ("budget_full_year", "budget_initial")):
                continue
            held, failed = readings.row_score(s.constraints, mapped, keys)
            if held and not failed:
                good.append((held, mapped))
        if good:
            top = max(h for h, _ in good)
            best = [m for h, m in good if h == top]
            return ((best[0], cs[lo]), figures[k - 1] + 1) if len(best) == 1 else None
    return None


def _anchored_row(s: CellStream, keys: list[str], lo: int, hi: int):
    """A flattened first row out of order: the first bare percent after the header is 执行率;
    the numbers before it go to the columns before 执行率 from the right, those after it to the
    columns after it. Cells of other columns of the page that ran in between are passed over,
    but no line label, indicator header, title or second budget header."""
    cs, v = s.cells, s.v
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
        if _amount(v, k):
            nxt = i + 1
            if nxt < hi and cs[nxt].key == "%":  # "100 %": the sign a cell of its own
                anchor = Cell(c.text + "%", c.start, cs[nxt].end, c.row, c.col, c.table, c.page, c.glued)
                i = nxt
                break
            nums.append(c)
        last = c
        i += 1
    # 执行数 right before 执行率: the cell before the percent is a number
    if anchor is None or last is None or not _amount(v, last.key):
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
    if not _valid(s, mapped):
        return None, lo
    _consistent(mapped)
    if not any(k in MONEY_KEYS for k in mapped):
        return None, lo
    return (mapped, nums[0]), i


def _amount(v, key: str) -> bool:
    """A bare number or a money amount with its unit ("259.45万元", "150万")."""
    return bool(NUM_RE.fullmatch(key) or v.money_amount.fullmatch(key) or v.money_short.fullmatch(key))


def _choose(s: CellStream, cols, label: int, values: list[Cell], skipped: set[str]):
    """The reading of a row's cells the template's arithmetic likes best (readings.py): the
    cells as they stand, each cut of a glued run, each placement of an incomplete row. Returns
    (mapping, [(its row score, mapping), then (score, reading) for the other readings of a cut
    run that are as good or that no row constraint fails]), or (None, []) when none fits. A row
    that no reading makes hold its arithmetic and that holds a long number beside its rate
    ("371404401 | — | 99.26%": whole figures glued) is read again with that number as a run, kept
    when that reading makes the arithmetic hold. A third value says the readings given fit equally
    well and disagree (a row that lost a blank cell: which column it lost is open)."""
    mapped, scored, tied = _choose_once(s, cols, label, values, skipped, False)
    if s.rows_known or (mapped is not None and _score(s, mapped, [k for k, _ in cols]) > 0):
        return mapped, scored, tied
    if not any(readings.digit_run(c.key) for c in values):
        return mapped, scored, tied
    trial = set(skipped)
    again, again_scored, again_tied = _choose_once(s, cols, label, values, trial, True)
    if again is not None and _score(s, again, [k for k, _ in cols]) > 0:
        skipped.update(trial)
        return again, again_scored, again_tied
    return mapped, scored, tied


def _choose_once(s: CellStream, cols, label: int, values: list[Cell], skipped: set[str], digits: bool):
    keys = [k for k, _ in cols]
    stored = [k for k in keys if k not in UNSTORED or k == "row_no"]
    first_skipped = set(skipped)  # the columns the row as it stands lost: kept if that reading wins
    first = _map_row(s, cols, label, values, first_skipped)
    options: list[dict[str, Cell]] = [first] if first is not None else []
    cut = False
    # a run's cuts: the row's figures are the figure cells it starts with (text after them is the
    # 得分计算方法 column: "年度资金总额:310.2154.741050%5执行率*该指标分值…")
    lead = []
    for c in values:
        if c.empty or not (numeric(c) or readings.is_run(c.key) or s.v.placeholder.match(c.key)
                           or _amount(s.v, c.key)):
            break  # (an amount with its unit leads too: "479万元 | 5124721092.19%9.22", 宁夏 OCR)
        lead.append(c)
    checks = 0  # placements of cuts tried (a hostile run stays cheap)
    for expanded in readings.expansions(lead, len(keys), digits):
        if expanded is lead:
            continue
        cut = True
        mapped = _map_row(s, cols, label, expanded, set(skipped))
        if mapped is None:
            continue
        pieces = [c for c in expanded if c not in lead]
        zeros = [c for c in pieces if c.key.rstrip("%") == "0"]
        if not _zeros_fit(s, mapped, pieces, zeros, keys):
            continue
        # a cut places every figure it makes (none dropped as unfit for its column: "880 | 880 |
        # 100% | 10" as the columns stand puts 880 under 分值); else only its placements below
        if all(any(c is d for d in mapped.values()) for c in pieces):
            options.append(mapped)
        # a cut into fewer figures than columns: the placements the arithmetic confirms too
        # ("50.247.6895.00%" is 50.2 | 47.68 | 95.00% under 全年预算数 | 全年执行数 | 执行率, not
        # under the first three columns); past the checks' budget, those of a cut its own reading
        # confirms twice over (执行率 and 得分 both hold: no coincidence of one equation)
        if not s.rows_known and len(expanded) < len(stored) and (checks < PLACEMENT_CHECKS_MAX or _score(
                s, mapped, keys) >= 2) and not any(s.v.placeholder.match(c.key) or c.empty for c in expanded):
            for m in readings.placements(expanded, stored):
                checks += 1
                if _valid(s, m) and m != mapped:
                    held, failed = readings.row_score(s.constraints, m, keys)
                    if held and not failed:
                        options.append(m)
    # the figures (placeholders hold their column's place); text after them is a note column
    figures = [c for c in values if not c.empty and (numeric(c) or s.v.placeholder.match(c.key)
                                                     or s.v.money_amount.fullmatch(c.key)
                                                     or s.v.money_short.fullmatch(c.key))]
    compact = [c for c in figures if not s.v.placeholder.match(c.key)]
    if first is not None and not cut and not s.rows_known and 1 < len(compact) and len(figures) < len(stored):
        options += [m for m in readings.placements(compact, stored) if _valid(s, m)]
    if not options:
        return None, [], False
    scored = [(_score(s, m, keys), k, m) for k, m in enumerate(options)]
    # equally good readings: the one with fewer figures (a cut that explains the run with fewer
    # pieces), then a cut whose money figures share one format (a column format writes "474.11 |
    # 467.19", not "474.1 | 1467.19"), then the first
    best = max(scored, key=lambda x: (x[0], -len(x[2]), cut and _one_format(x[2]), -x[1]))
    if first is not None and best[2] is first:
        skipped.update(first_skipped)
    if not s.rows_known and (cut or readings.lost_cells(values, stored)):
        # a row that lost a blank cell: placements of the same cells that fit as well as the best and
        # put them elsewhere leave open which column was blank (the column sums may still say)
        cells = {id(c) for c in best[2].values()}
        tied = readings.distinct([m for score, _, m in scored if score == best[0] and {id(c) for c in m.values()} == cells])
        if len(tied) > 1 and readings.row_score(s.constraints, best[2], keys)[0]:  # (arithmetic silent: the layout's reading)
            return best[2], [(best[0], m) for m in tied], True
    # the other readings of a cut run that no row constraint fails: the column sums may still prefer
    # one (a coincidence of the row arithmetic: "332.05332.05" cut 3 | 3 | 2.0533 | 2.05 holds
    # 得分 = 分值 × 执行率 while 年度资金总额 = 基本支出 + 项目支出 fails), each with its row score
    money = {k for k in best[2] if k in MONEY_KEYS}  # a reading that loses one of its money figures is none
    others = [(score, m) for score, k, m in scored if m is not best[2] and (score == best[0] or (
        money <= set(m) and readings.row_score(s.constraints, m, keys)[1] == 0))] if cut else []
    return best[2], [(best[0], best[2]), *others], False


def _one_format(mapped: dict[str, Cell]) -> bool:
    """Whether the money figures of a reading (two at least) are written to the same number of
    decimals, one at least: the pieces of a glued run cut where a column format cuts them."""
    places = {len(c.key.partition(".")[2]) for k, c in mapped.items() if k in MONEY_KEYS and NUM_RE.fullmatch(c.key)}
    money = sum(1 for k in mapped if k in MONEY_KEYS)
    return money >= 2 and len(places) == 1 and 0 not in places


def _zeros_fit(s: CellStream, mapped: dict[str, Cell], pieces: list[Cell], zeros: list[Cell], keys) -> bool:
    """Whether the 0s a cut makes are confirmed by the arithmetic (102 | 0 | 0%: nothing spent;
    never a 0% beside a positive 执行数)."""
    if zeros and _spent_at_zero_rate(mapped):
        return False
    if zeros and len(zeros) < len(pieces):
        held, failed = readings.row_score(s.constraints, mapped, keys)
        return bool(held) and not failed
    return True


def _spent_at_zero_rate(mapped: dict[str, Cell]) -> bool:
    """Whether a reading puts a 0 执行率 beside a positive 执行数."""
    rate, spent = mapped.get("execution_rate"), mapped.get("executed")
    if rate is None or spent is None or rate.key.rstrip("%") != "0":
        return False
    value = number(spent.key)
    return value is not None and value > 0


def _score(s: CellStream, mapped: dict[str, Cell], keys: list[str]) -> int:
    held, failed = readings.row_score(s.constraints, mapped, keys)
    return held - 2 * failed


def _map_row(s: CellStream, cols, label: int, values: list[Cell], skipped: set[str]) -> dict[str, Cell] | None:
    """The cells ``values`` after a line label → columns, or None when none fits."""
    cs, v = s.cells, s.v
    keys = [k for k, _ in cols]
    while len(values) > len(keys) and values[-1].empty:
        values = values[:-1]
    if len(values) == len(keys):  # one cell a column after the label (DOCX, HTML, text rows)
        mapped = dict(zip(keys, values))
        if _valid(s, mapped) and any(not c.empty for c in mapped.values()):
            return {k: c for k, c in mapped.items() if not c.empty and not v.placeholder.match(c.key)} or None
    if s.rows_known:  # same grid as the header row (XLSX, PDF): read by column position
        header_row = [c for c in cs if c.rid == cs[cols[0][1]].rid]
        row = [c for c in cs if c.rid == cs[label].rid]
        if len(row) <= len(header_row) and cs[label].col < min(cs[i].col for _, i in cols):
            by_col = {c.col: c for c in row}
            mapped = {k: by_col[cs[i].col] for k, i in cols if cs[i].col in by_col}
            if mapped and _valid(s, mapped) and any(not c.empty for c in mapped.values()):
                return {k: c for k, c in mapped.items() if not c.empty and not v.placeholder.match(c.key)}
    mapped = _align(values, keys, skipped)
    mapped = {k: c for k, c in mapped.items() if not c.empty and not v.placeholder.match(c.key)}
    mapped = {k: c for k, c in mapped.items() if k in UNSTORED or _valid(s, {k: c})}
    if not any(k not in UNSTORED for k in mapped):
        return None
    return mapped


def _consistent(mapped: dict[str, Cell]) -> None:
    """Drop the money cells of an out-of-order row that the rate contradicts: 执行数 / 全年预算数
    must give 执行率; a 0 budget beside a positive 执行数 is a stray blank (年初预算数 0)."""
    rate = percent(mapped["execution_rate"].key)
    full = mapped.get("budget_full_year")
    executed = mapped.get("executed")
    if rate is None or full is None or executed is None:
        return
    f, e = number(full.key), number(executed.key)
    if f is None or e is None:
        return
    if f == 0:
        if e > 0:
            del mapped["budget_full_year"]
        return
    if abs(e / f * 100 - rate) > 1:
        del mapped["budget_full_year"], mapped["executed"]


def _valid(s: CellStream, mapped: dict[str, Cell]) -> bool:
    """Whether each cell fits its column: money columns hold amounts, 执行率 a number or percent,
    分值 / 得分 a number, a percent goes to a rate column only (a column key ending in "_rate":
    execution_rate, received_rate); blanks and placeholders fit anywhere."""
    v = s.v
    for key, c in mapped.items():
        k = c.key
        if not k or v.placeholder.match(k) or key in UNSTORED:
            continue
        if readings.is_run(k):
            return False  # figures glued together ("000", "1484631.00%") fill no column uncut
        if PCT_RE.fullmatch(k) and not key.endswith(RATE_SUFFIX):
            return False
        if key.endswith(RATE_SUFFIX) and not (NUM_RE.fullmatch(k) or PCT_RE.fullmatch(k)):
            return False
        if key in MONEY_KEYS and not (NUM_RE.fullmatch(k) or v.money_amount.fullmatch(k) or v.money_short.fullmatch(k)):
            return False
        if key in MONEY_KEYS and len(k.split(".")[0].replace(",", "").lstrip("+-")) > MONEY_DIGITS_MAX:
            return False  # figures glued into one number ("120012001150"): no form's amount
        if key == "execution_rate" and not (NUM_RE.fullmatch(k) or PCT_RE.fullmatch(k)):
            return False
        if key == "execution_rate" and NUM_RE.fullmatch(k) and number(k) > RATE_PLAUSIBLE:
            return False  # a money figure a column short of the header moved under 执行率
        if key == "execution_rate" and PCT_RE.fullmatch(k) and percent(k) > RATE_PLAUSIBLE:
            return False  # figures glued to the rate ("1484631.00%": 148 | 46 | 31.00%), uncut
        if key in ("weight", "score") and not NUM_RE.fullmatch(k):
            return False
        if key in ("weight", "score") and number(k) > s.v.full_marks:
            return False  # points out of the form's full marks (a cut of glued figures: "472109" no 分值,
            # "230.44267.40" no 23 | 0.4 | 426 | 7.40)
    return True


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
    pct = next((i for i, c in enumerate(compact) if PCT_RE.fullmatch(c.key)), None)
    if len(compact) > n and pct is not None and "execution_rate" in keys:
        # more figures than columns: a column whose label was not read; the figures around the
        # 执行率 percent are its neighbours' ("880 | 871.2 | 99% | 10 | 9.9" under 实际支出数 | 预算执行率
        # | 分值 | 得分 with an unread 年度预算数 first)
        r = keys.index("execution_rate")
        out = {"execution_rate": compact[pct]}
        before = compact[max(0, pct - r):pct]
        out.update(zip(keys[r - len(before):r], before))
        out.update(zip(keys[r + 1:], compact[pct + 1:]))
        return out
    if n - tail <= len(compact):
        return dict(zip(keys, compact))
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
