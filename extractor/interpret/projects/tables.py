"""Projects listed as the rows of a table: a header row with a project-name column (项目名称) and
a money column whose unit the header states ("发行金额(亿元)", or a "单位:亿元" line above it), then
one row per project. Tables from DOCX, HTML and PDF reach the text as " | "-joined rows:

    序号 | 主管部门 | 项目单位 | 项目名称 | 发行金额(亿元) | 评价得分 |
    1 | 三门县住房和城乡建设局 | 三门县市政公用工程建设事务中心 | 三门县城镇污水处理设施建设工程 | 0.4 | 87 |

Of several money columns the one of spending (执行数, 实际支出) wins over a budget or an issue.
The money cells are bare numbers, so the projects have no amount mention; their span is the row.

A table whose cells were separated by tabs or spaces (a PDF or a web page copied as text;
spaced_table_projects) is cut at its blanks and at the offsets where normalization removed a space
between two Han characters (``gaps``: "序号 项目名称 预算数(万元)" reaches the text as
"序号项目名称预算数(万元)"); a header written without any separator is cut at the column labels
of [table.header_cell]. Each row is an optional ordinal, the name, then its cells in the header's
order after the name column ("1 城乡居民医疗保险补助项目 120.5 118.2 98.1%").

A table flattened one cell a line (line_table_projects) is read the same way: the header cells
follow the 项目名称 line, each row opens with a name ending in a project word, and a row may lack
its blank trailing cells ("…(康复医院)工程 / 其他项目收益专项债券 / 0.2 / 96.5", no 自评等级).
"""
from __future__ import annotations

import itertools
from collections.abc import Collection
from decimal import Decimal

from ... import rules
from ...model import Project, Report
from .table_cells import (BARE_NUMBER, NAMED_ROWS, UNIT_CELL, figures_apart, is_figure, line_after, named_column,
                          unglued, unit_by_sum, wrapped)
from .vocabulary import vocab

_ROW = r"[^\n]*\|[^\n]*"  # a line holding at least one cell bar


def table_projects(report: Report) -> list[Project]:
    """Projects of every table whose header names a project column and a money column with its
    unit; at least ``table.min_rows`` rows are needed."""
    text = report.text
    rows = [(m.start(), m.end(), _cells(m.group())) for m in rules.compiled(_ROW).finditer(text)]

    def header_at(k: int):
        start, end, cells = rows[k]
        found = _header(text, start, cells, [r[2] for r in _next_rows(text, rows, k)], line_after(text, end))
        return None if found is None else (*found, cells)

    def row_at(k: int, header) -> tuple[str, str | None, int, int] | None:
        name_col, money_col, _, head = header
        start, end, cells = rows[k]
        cells = figures_apart(unglued(cells, head), head)
        if (total := _total_row(cells)) is not None:
            return total, _last_figure(cells), start, end
        at = _aligned(head, cells, name_col, money_col)  # a row under a merged cell lacks its column
        return None if at is None else (cells[at[0]], _money_cell(cells, *at), start, end)

    return _under_headers(len(rows), header_at, row_at, "projects:table", report, lambda k: wrapped(rows[k][2]))


def _next_rows(text: str, rows: list[tuple[int, int, list[str]]], k: int) -> list[tuple[int, int, list[str]]]:
    """The first ``NAMED_ROWS`` rows right under row ``k``, each on the line after the one before."""
    out, end = [], rows[k][1]
    for row in rows[k + 1:k + 1 + NAMED_ROWS]:
        if text[end:row[0]].strip():
            break
        out.append(row)
        end = row[1]
    return out


def _under_headers(n: int, header_at, row_at, rule_id: str, report: Report | None = None, wrapped_at=None
                   ) -> list[Project]:
    """Projects of the rows under each header among ``n`` lines: ``header_at(k)`` gives a header
    (name column, money column, factor to 万元, …) or None, ``row_at(k, header)`` a row's (name, money
    cell, start, end) or None where the table ends; a row whose money is no bare number, or whose
    name is a total's, ends it too. A table gives its rows when it has at least ``table.min_rows``.
    ``wrapped_at(k)``: whether line ``k``, right under a header, is the header's wrapped second line."""
    v = vocab()
    out: list[Project] = []
    k = 0
    while k < n:
        header = header_at(k)
        k += 1
        if header is None:
            continue
        factor = header[2]
        found = []
        if wrapped_at is not None and k < n and wrapped_at(k):
            k += 1  # the header's second line ("| | (万元)"): its cells wrapped in a narrow column
        while k < n and (row := row_at(k, header)) is not None:
            name, money, start, end = row
            if not found and (not name or v.table_not_name.search(name)) and money is not None:
                k += 1  # a total row above the items ("合计 | | 312.1"): the table goes on under it
                continue
            if money is None or not rules.compiled(BARE_NUMBER).fullmatch(money) or not name \
                    or v.table_not_name.search(name):
                break
            name = v.form_code.sub("", name)  # "M102.战略性产业集群产业链支撑", "5100…-工资性支出"
            found.append(Project(ordinal=0, name=name, amount=_amount(money, factor),
                                 start=start, end=end, rule_id=rule_id))
            k += 1
        if len(found) >= v.table_min_rows:
            out.extend(found if factor is not None else unit_by_sum(report, found))
    for i, p in enumerate(out, 1):
        p.ordinal = i
    return out


def _money_cell(cells: list[str], name_col: int, money_col: int) -> str:
    """The row's cell under the money column; when that cell holds no figure, the nearest figure to
    its left after the name: a page that drops a blank cell shifts the row's figures left ("70.00 |
    70.00 | ||" under 预算额度 | 调整额度 | 实际安排额度 is 70 allotted, nothing adjusted)."""
    number = rules.compiled(BARE_NUMBER)
    if number.fullmatch(cells[money_col]):
        return cells[money_col]
    return next((c for c in reversed(cells[name_col + 1:money_col]) if number.fullmatch(c)), cells[money_col])


def _cells(line: str) -> list[str]:
    """The cells of a " | " row, blanks stripped, the empty cell after a closing bar dropped."""
    cells = [c.strip() for c in line.split("|")]
    if cells and not cells[-1]:
        cells.pop()
    if cells and not cells[0]:
        cells.pop(0)
    return cells


def _header(text: str, start: int, cells: list[str], rows: list[list[str]] = (), below: str = ""
            ) -> tuple[int, int, Decimal] | None:
    """(name column, money column, factor to 万元) when ``cells`` are a project table's header. A header
    naming no project column ([table.name_header]: 资金用途, 建设内容…) has one when the first ``rows``
    under it say which: see named_column. ``below``: the line under the header, whose unit is the
    header's when it is the header's wrapped second line ("金额" over "(万元)": wrapped)."""
    v = vocab()
    names = [i for i, c in enumerate(cells) if v.table_name_header.fullmatch(c)]
    if not names and (named := named_column(cells, rows)) is not None:
        names = [named]
    if not names:
        return None
    above = text[max(0, start - v.table_unit_reach): start]
    shared = v.table_unit_line.search(above)
    if shared is None and below and wrapped(_cells(below) if "|" in below else below.split()):
        shared = v.table_unit.search(below)
    money, unstated = [], []
    for i, c in enumerate(cells):
        # a second bare 资金 column after 项目名称 is the money's ("项目名称 | 资金" under 单位:万元)
        if i == names[0] or (i in names and not v.table_figure_header.search(c)) or not v.table_money_header.search(c):
            continue
        unit = v.table_unit.search(c) or shared
        rank = 2 if v.table_spent_header.search(c) else 1 if v.table_actual_header.search(c) else 0
        if unit is not None:
            money.append((i, unit.group("unit"), rank))
        elif i > names[0]:
            unstated.append((i, None, rank))
    if not money and unstated:
        # no unit stated anywhere near: the rows' sum may still say it (unit_by_sum)
        col, _, _ = max(unstated, key=lambda m: m[2])
        return names[0], col, None
    if not money:
        return None
    col, unit, _ = max(money, key=lambda m: m[2])  # a spending column, an actual one, else the first
    return names[0], col, v.table_factors[unit]


def line_table_projects(report: Report) -> list[Project]:
    """Projects of a table flattened one cell a line: a 项目名称 line, the header cells after it (one
    a line, up to the first name), then rows each opening with a name that ends in a project word;
    a row's money cell sits at the money header's position. At least ``table.min_rows`` rows. A header
    naming no project column (资金用途) is the run of short cells of words right above the first name,
    when the rows say its first column is the names' (named_column)."""
    v, text = vocab(), report.text
    lines = _cell_lines(text, bars=True)

    def rows(j: int, width: int, header) -> tuple[list[Project], int]:
        _, money_col, factor = header
        head, found = [ln[2] for ln in lines[j - width:j]], []
        while j < len(lines) and _is_name(lines[j][2]):
            nxt = j + 1
            while nxt < len(lines) and nxt - j < width and not _is_name(lines[nxt][2]):
                nxt += 1
            row = [ln[2] for ln in lines[j:nxt]]
            at = _aligned(head, row, 0, money_col) if len(row) < width else None
            money = row[at[1]] if at is not None else row[money_col] if money_col < len(row) else ""
            if not rules.compiled(BARE_NUMBER).fullmatch(money) or v.table_not_name.search(row[0]):
                break
            found.append(Project(ordinal=0, name=row[0], amount=_amount(money, factor), start=lines[j][0],
                                 end=lines[nxt - 1][1], rule_id="projects:table"))
            j = nxt
        return found, j
    def ends(i: int) -> bool:  # the first row's name ends the header
        return _is_name(lines[i][2])

    return (_line_tables(report, lines, v.table_name_header, ends, _MAX_HEADER, 2, rows)
            # a header naming no project column (资金用途 / 金额(万元)): the cells of words right above the
            # first name, as many as the first row has cells; the rows say which column is the names'
            or _line_tables(report, lines, lambda k: _opens_words(lines, k), ends, _MAX_HEADER, 2, rows,
                            first_rows=lambda j: _first_rows(lines, j, lambda i, _: _is_name(lines[i][2])),
                            name_first=True))


_MAX_HEADER = 10  # header cells read after the 项目名称 line
_HEADER_CELL_CHARS = 12  # a header cell is short: a longer line of words is a caption or a sentence


def _opens_words(lines: list[tuple[int, int, str]], k: int) -> bool:
    """Whether lines ``k``… are two or more header cells of words (short, no figure, no sentence's
    end) running up to a line that names a project (_is_name)."""
    i = k
    while i < len(lines) and i - k <= _MAX_HEADER and not _is_name(lines[i][2]):
        cell = lines[i][2]
        if len(cell) > _HEADER_CELL_CHARS or is_figure(cell) or cell[-1] in vocab().clause_end + ":" or "|" in cell:
            return False
        i += 1
    return i - k >= 2 and i < len(lines) and _is_name(lines[i][2])


def _first_rows(lines: list[tuple[int, int, str]], j: int, opens, closed: bool = False) -> list[list[str]]:
    """The cells of the first ``NAMED_ROWS`` rows from line ``j``, each from a line ``opens(i, n)`` says
    starts row ``n`` to the next such line; ``closed``: a row's end is known only at the next row's start
    (numbered rows), else a row may run to the end of the lines."""
    out, n = [], 1
    while len(out) < NAMED_ROWS and j < len(lines) and opens(j, n):
        nxt = j + 1
        while nxt < len(lines) and nxt - j <= _MAX_HEADER and not opens(nxt, n + 1):
            nxt += 1
        if closed and (nxt >= len(lines) or not opens(nxt, n + 1)):
            break
        out.append([ln[2] for ln in lines[j:nxt]])
        j, n = nxt, n + 1
    return out


def ordinal_line_table_projects(report: Report) -> list[Project]:
    """Projects of a table flattened one cell a line whose rows are numbered: a header opening with
    序号 ([table.run_on_head]) and naming a project column and a money column, up to the line "1";
    then each row runs from its ordinal to the next one ("2", "3"… each before a cell of words), the
    last to a total or the header's width. A page drops blank cells, so the rows are found by their
    ordinals, not by counting cells (heldout5 r019, heldout7 s014 one cell a line, whose names end in
    no project word); the money is the cell under the money column, else the last of the figures
    right after the name (_row_money). At least ``table.min_rows`` rows."""
    v, text = vocab(), report.text
    lines = _cell_lines(text, bars=False)

    def rows(j: int, width: int, header) -> tuple[list[Project], int]:
        name_col, money_col, factor = header
        head, found, n = [ln[2] for ln in lines[j - width:j]], [], 1
        while j < len(lines) and _ordinal(lines, j, n):
            nxt = j + 1
            while nxt < len(lines) and nxt - j < width and not _ordinal(lines, nxt, n + 1) \
                    and not v.table_not_name.search(lines[nxt][2]):
                nxt += 1
            row = [ln[2] for ln in lines[j:nxt]]
            name = row[name_col] if name_col < len(row) else ""
            money = _row_money(row[name_col + 1:], money_col - name_col - 1)
            if money is None:
                # a row under a merged cell lacks its column, and the last such row runs into the
                # lines after the table: the longest head of the row that aligns to the header
                for cut in range(min(len(row), width - 1), name_col + 1, -1):
                    at = _aligned(head, row[:cut], name_col, money_col)
                    if at is not None and rules.compiled(BARE_NUMBER).fullmatch(row[at[1]]):
                        name, money, nxt = row[at[0]], row[at[1]], j + cut
                        break
            if money is None or not name or v.table_not_name.search(name) or is_figure(name):
                break
            found.append(Project(ordinal=0, name=v.form_code.sub("", name), amount=_amount(money, factor),
                                 start=lines[j][0], end=lines[nxt - 1][1], rule_id="projects:table"))
            j, n = nxt, n + 1
        return found, j
    # a project report's table may hold its one project: the header and the ordinal 1 vouch for the row
    # (a bond's evaluation table: 序号 / 项目单位 / 项目名称 / 发行金额(亿元) / 1 / …, heldout13 w004, w005)
    least_rows = 1 if report.report_kind == "project" else v.table_min_rows
    return _line_tables(report, lines, v.table_run_on_head, lambda i: _ordinal(lines, i, 1), _MAX_HEADER + 1, 1, rows,
                        least_rows, lambda j: _first_rows(lines, j, lambda i, n: _ordinal(lines, i, n), closed=True))


def _line_tables(report: Report, lines: list[tuple[int, int, str]], head, ends, reach: int, least: int, rows,
                 min_rows: int | None = None, first_rows=None, name_first: bool = False) -> list[Project]:
    """The projects of every table flattened one cell a line: a line ``head`` matches opens a header
    that runs up to the line ``ends(i)`` says starts the rows (at most ``reach`` on, at least
    ``least`` lines); ``rows(j, width, header)`` reads the rows from line ``j`` and says where they
    stop. A table gives its projects when it has at least ``min_rows`` rows (``table.min_rows``).
    ``first_rows(j)``: the cells of the first rows from line ``j``, for a header naming no project column;
    ``head``: a pattern a header's first line matches, or a test of a line's index; ``name_first``: the
    rows open with their names, so the header's first column must be the names'."""
    text = report.text
    out: list[Project] = []
    k = 0
    while k < len(lines):
        if not (head(k) if callable(head) else head.fullmatch(lines[k][2])):
            k += 1
            continue
        j, header = _header_block(text, lines, k, ends, reach, first_rows)
        if header is None or j >= len(lines) or j - k < least or (name_first and header[0] != 0):
            k += 1
            continue
        found, j = rows(j, j - k, header)
        if len(found) >= (min_rows or vocab().table_min_rows):
            out.extend(found if header[2] is not None else unit_by_sum(report, found))
        k = max(j, k + 1)
    for i, p in enumerate(out, 1):
        p.ordinal = i
    return out


def _aligned(header: list[str], cells: list[str], name_col: int, money_col: int) -> tuple[int, int] | None:
    """(name, money) positions in a row with fewer cells than its header: a cell merged over several
    rows (a 建设地点 or 实施单位 spanning them) is written in the first row only, so the rows under it
    lack that column. The dropped columns are columns of words ([table.figure_header] says which
    hold figures), never the name's or the money's, and what is left must put figures under figure
    columns and words under the others. None when no such reading exists, or when readings that
    place the name or the money differently fit equally (nothing says which cell was merged)."""
    lost = len(header) - len(cells)
    if lost == 0:
        return name_col, money_col
    if lost < 0 or lost > _MAX_MERGED or len(cells) < 2:
        return None
    v = vocab()
    figure = [bool(v.table_figure_header.search(h)) for h in header]
    readings = set()
    for dropped in itertools.combinations(range(len(header)), lost):
        if name_col in dropped or money_col in dropped or any(figure[d] for d in dropped):
            continue
        kept = [i for i in range(len(header)) if i not in dropped]
        if all(is_figure(c) or not c or v.table_placeholder_cell.fullmatch(c) if figure[i] else not is_figure(c)
               for i, c in zip(kept, cells)):
            readings.add((kept.index(name_col), kept.index(money_col)))
    return readings.pop() if len(readings) == 1 else None


_MAX_MERGED = 3  # columns a row may lack under merged cells; more is no row of the table


def _total_row(cells: list[str]) -> str | None:
    """The total word opening a total row ("合计 | | 312.1", "| 合计 | 312.1"), else None: _under_headers
    passes over a total row above the items and ends the table at one below them."""
    return next((c for c in cells[:2] if c and vocab().table_not_name.search(c)), None)


def _last_figure(cells: list[str]) -> str | None:
    """The row's last cell that is a bare number (a total row's total), else None."""
    return next((c for c in reversed(cells) if rules.compiled(BARE_NUMBER).fullmatch(c)), None)


def _amount(money: str, factor) -> float:
    """A money cell ("1,234.5") in 万元, by the header's unit factor (None: as written, unit unknown)."""
    return float(Decimal(money.replace(",", "")) * (factor if factor is not None else 1))


def _cell_lines(text: str, bars: bool) -> list[tuple[int, int, str]]:
    """(start, end, stripped text) of the non-empty lines of a table flattened one cell a line. A lone
    "|" is none; a line holding one cell between bars ("1 |", "| 项目名称 |": a page writing each cell a
    line with its bars) is that cell; with ``bars`` False a line holding a cell bar between two cells
    (a row of a piped table) is none, with ``bars`` True it stays whole."""
    out = []
    for m in rules.compiled(r"[^\n]+").finditer(text):
        line = m.group().strip()
        cell = line.strip("|").strip()
        if cell and "|" not in cell:
            at = m.start() + m.group().index(cell)
            out.append((at, at + len(cell), cell))
        elif line and line != "|" and bars:
            out.append((m.start(), m.end(), line))
    return out


def _header_block(text: str, lines: list[tuple[int, int, str]], k: int, ends, reach: int, first_rows=None):
    """(index of the first line after the header opening at line ``k``, the header read by _header
    or None): the header runs up to the line ``ends(i)`` says starts the rows, at most ``reach`` on;
    ``first_rows(j)`` gives the rows under it (see _line_tables)."""
    j = k + 1
    while j < len(lines) and j - k <= reach and not ends(j):
        j += 1
    rows = first_rows(j) if first_rows is not None and j < len(lines) else []
    return j, _header(text, lines[k][0], [ln[2] for ln in lines[k:j]], rows)


def _ordinal(lines: list[tuple[int, int, str]], k: int, n: int) -> bool:
    """Whether line ``k`` is the row ordinal ``n`` ("2", "2.", "2、") before a cell of words."""
    return (rules.compiled(r"(\d{1,3})[.、]?").fullmatch(lines[k][2]) is not None
            and int(lines[k][2].rstrip(".、")) == n and k + 1 < len(lines)
            and not is_figure(lines[k + 1][2]))


def spaced_table_projects(report: Report, gaps: Collection[int] = ()) -> list[Project]:
    """Projects of tables whose cells are separated by tabs, spaces or removed spaces (``gaps``):
    a header line with a project column and a money column with its unit, then rows of an ordinal
    (optional), a name and the cells after it; at least ``table.min_rows`` rows."""
    text = report.text
    gaps = frozenset(gaps)
    lines = []
    for m in rules.compiled(r"[^\n]+").finditer(text):
        lines += (_run_on_rows(text, m.start(), m.end(), gaps) or _width_rows(text, m.start(), m.end(), gaps)
                  or [(m.start(), m.end())])

    def header_at(k: int):
        s, e = lines[k]
        cells = _header_cells(text, s, e, gaps)
        if len(cells) < 2 or "|" in text[s:e]:
            return None
        under = [[text[a:b] for a, b in _pieces(text, *span, gaps)] for span in lines[k + 1:k + 1 + NAMED_ROWS]]
        found = _header(text, s, [c for c, _, _ in cells], under, line_after(text, e))
        return None if found is None or found[1] < found[0] else (*found, [c for c, _, _ in cells])

    def row_at(k: int, header) -> tuple[str, str | None, int, int] | None:
        name_col, money_col, _, head = header
        row = _spaced_row(text, *lines[k], gaps, name_col)
        if row is None:
            cells = [text[a:b] for a, b in _pieces(text, *lines[k], gaps)]
            total = _total_row(cells)
            return None if total is None else (total, _last_figure(cells), *lines[k])
        name, after, a, b = row
        after = figures_apart([name, *after], head[name_col:])[1:]
        money = _row_money(after, money_col - name_col - 1)  # (the money cell among those after the name)
        if money is None and (at := _aligned(head[name_col:], [name, *after], 0, money_col - name_col)) is not None:
            money = after[at[1] - 1]  # a row under a merged cell lacks its column
        return name, money, a, b

    return _under_headers(len(lines), header_at, row_at, "projects:spaced_table", report,
                          lambda k: wrapped([text[a:b] for a, b in _pieces(text, *lines[k], gaps)]))


_RUN_ON_MIN = 120  # characters of a line that may hold a whole table (a web page read as runs of text)


def _run_on_rows(text: str, s: int, e: int, gaps: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """A whole table written on one line ("…情况表 序号   主管部门   项目名称   发行金额(亿元) …  1   三门县…
    0.4 …  2   …"): the line cut before its first header cell ([table.run_on_head]) and before each row ordinal 1, 2, 3… that
    stands alone before a Han cell, in sequence; [] when the line holds no such table (two rows at
    least). A blank normalization removed (``gaps``: "良 2日博…" was "良 2 日博…") parts an ordinal
    from its row's first cell as a written one does."""
    if e - s < _RUN_ON_MIN:
        return []
    found = vocab().table_run_on_head.search(text, s, e)
    if found is None:
        return []
    head = found.start()
    starts, k = [head], 1
    for m in rules.compiled(r"(?<=\s)(\d{1,3})(?=\s+[\p{Han}A-Za-z]|[\p{Han}])").finditer(text, head, e):
        if not text[m.end()].isspace() and m.end() not in gaps:
            continue  # "2日博" with no blank, written or removed: a figure of the cell, no ordinal
        if int(m.group(1)) == k:
            starts.append(m.start())
            k += 1
    if k < 3:
        return []
    spans = [(s, head)] if text[s:head].strip() else []
    for a, b in zip(starts, [*starts[1:], e]):
        while b > a and text[b - 1].isspace():
            b -= 1
        spans.append((a, b))
    return spans


def _width_rows(text: str, s: int, e: int, gaps: frozenset[int]) -> list[tuple[int, int]]:
    """A whole table on one line whose rows are not numbered ("项目名称 预算金额(万元) 实际支出(万元) 资金使用率 …
    存在问题 教育专项 850 830 97.6% … 资金拨付周期较长 医疗保障专项 620 …", pool p0268 read as one line): the
    header opens with its project column ([table.name_header]) and runs to the cell before the first
    figure (the first row's name); the cells after it are cut into rows of the header's width, each with
    a name first and a bare figure under the money column, the table ending at the first that has not.
    [] when the line holds no such table (two rows at least)."""
    if e - s < _RUN_ON_MIN:
        return []
    v, number = vocab(), rules.compiled(BARE_NUMBER)
    pieces = _pieces(text, s, e, gaps)
    cells = [text[a:b] for a, b in pieces]
    head = next((i for i, c in enumerate(cells) if v.table_name_header.fullmatch(c)), None)
    first = next((i for i in range(head + 1, len(cells)) if number.fullmatch(cells[i])), None) if head is not None else None
    if first is None or first - head < 3:
        return []
    width = first - 1 - head
    found = _header(text, pieces[head][0], cells[head:head + width])  # (its name column is the first)
    if found is None or found[2] is None:
        return []  # (a unit stated nowhere: rows cut by width alone are too weak to be judged by their sum)
    money = found[1]
    rows = []
    for r in range(first - 1, len(cells) - width + 1, width):
        row = cells[r:r + width]
        if number.fullmatch(row[0]) or not number.fullmatch(row[money]):
            break
        rows.append((pieces[r][0], pieces[r + width - 1][1]))
    if len(rows) < 2:
        return []
    spans = [(s, pieces[head][0])] if text[s:pieces[head][0]].strip() else []
    return spans + [(pieces[head][0], pieces[first - 2][1])] + rows


def _row_money(after: list[str], at: int) -> str | None:
    """The figure under the money column, ``at`` cells after the name, else _dropped_blanks'."""
    if at < 0:
        return None  # a money column left of the name column: no cell of the row's tail is under it
    if at < len(after) and rules.compiled(BARE_NUMBER).fullmatch(after[at]):
        return after[at]
    return _dropped_blanks(after, at)


def _dropped_blanks(after: list[str], at: int) -> str | None:
    """The money of a spaced row that dropped its blank cells, so that no figure stands under the money
    column (``at``): "…产业集群产业链支撑 70.00 70.00" under 预算额度 调整额度 实际安排额度 (heldout5
    r019 without pipes) is 70 allotted. The figures right after the name must be at least two (a
    budget and what became of it) and end before the column; the last of them is its figure. A lone
    figure before words ("项目决策 2 分…", a form's score) is no row."""
    number = rules.compiled(BARE_NUMBER)
    run = 0
    while run < len(after) and number.fullmatch(after[run]):
        run += 1
    return after[run - 1] if 2 <= run <= at else None


def _pieces(text: str, s: int, e: int, gaps: frozenset[int]) -> list[tuple[int, int]]:
    """Spans of ``text[s:e]`` cut at tabs, spaces and ``gaps``; a lone "%" joins the figure before it."""
    out: list[tuple[int, int]] = []
    p = s
    for i in range(s, e + 1):
        if i == e or text[i] in " \t" or (i in gaps and i > p):
            if i > p:
                if text[p:i] == "%" and out:
                    out[-1] = (out[-1][0], i)
                else:
                    out.append((p, i))
            p = i + 1 if i < e and text[i] in " \t" else i
    return out


def _header_cells(text: str, s: int, e: int, gaps: frozenset[int]) -> list[tuple[str, int, int]]:
    """The header's cells: its pieces, each cut further at the column labels of
    [table.header_cell] when it is nothing but such labels glued together."""
    v = vocab()
    out = []
    for a, b in _pieces(text, s, e, gaps):
        piece = text[a:b]
        if v.table_header_run.fullmatch(piece):
            out += [(m.group(), a + m.start(), a + m.end()) for m in v.table_header_cell.finditer(piece)]
        elif out and rules.compiled(UNIT_CELL).fullmatch(piece):
            # "资金量 (万元)": a unit in brackets set apart from its label is that label's cell (heldout7 s014 without pipes)
            label, la, _ = out[-1]
            out[-1] = (text[la:b], la, b)
        else:
            out.append((piece, a, b))
    return out


def _spaced_row(text: str, s: int, e: int, gaps: frozenset[int], name_col: int
                ) -> tuple[str, list[str], int, int] | None:
    """(name, the cells after it, start, end) of a row: an optional ordinal and other leading
    cells, then the name (Han characters, no figure alone), then the rest; None when the line is
    no row (a total, prose, a heading)."""
    pieces = _pieces(text, s, e, gaps)
    cells = [text[a:b] for a, b in pieces]
    i = 0
    if name_col and cells and (glued := vocab().table_glued_ordinal.fullmatch(cells[0])):
        # "1张家村道路硬化项目  张家村  120.5": the ordinal glued to the name, apart as two cells
        a, b = pieces[0]
        pieces[0:1] = [(a, a + glued.start("name")), (a + glued.start("name"), b)]
        cells[0:1] = [glued.group("ordinal"), glued.group("name")]
    if cells and rules.compiled(r"\d{1,3}[.、]?").fullmatch(cells[0]):
        i = 1  # the ordinal
    # a numbered row's name may hold a comma ("4  …信安湖堤防、码头…设施维护,白蚂蚁防治…项目  318  良",
    # heldout7 s014 without pipes); a line with none is prose when it does
    stops = set(vocab().clause_end) - ({","} if i else set())
    i = max(i, min(name_col, len(cells)))  # leading cells (主管部门, 实施单位) as the header has them
    if i >= len(cells):
        return None
    name = cells[i]
    if (rules.compiled(BARE_NUMBER).fullmatch(name) or len(rules.compiled(r"\p{Han}").findall(name)) < 2
            or len(name) > 60 or vocab().table_not_name.search(name) or any(ch in stops for ch in name)):
        return None
    return name, cells[i + 1:], pieces[i][0], pieces[-1][1]


def _is_name(cell: str) -> bool:
    """A project's name opening a row: no cell bar, at most 60 characters, ending in a project word."""
    return "|" not in cell and len(cell) <= 60 and bool(vocab().item_project_word.search(cell))
