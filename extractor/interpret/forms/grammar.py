"""The grammar of a 自评表, read over a cell stream: title and year → header fields → money unit →
budget block (budget.py) → indicator block (indicators.py) → total row. Column headers are found
by headers.py; all labels come from patterns/forms/lexicon.toml."""
from __future__ import annotations

from decimal import Decimal

from .budget import read_budget
from .budget_pairs import read_budget_pairs
from .cells import Cell
from .headers import find_budget_header, find_indicator_header, implied_header
from .indicators import read_indicators
from .points import stated_points
from .numbers import NUM_RE, number
from .parsed import ParsedForm
from .stream import CellStream
from .vocabulary import Vocabulary

TITLE_CELLS = 12  # a form's own title is among its first cells
YEAR_CELLS = 40  # the year "(2023年度)" is among the first YEAR_FIRST non-empty cells of these
YEAR_FIRST = 6  # (a spaced flattening may cut "( 2019 年度)" into three)
FIELD_CELLS = 40  # without a block header, header fields are read among this many cells
TOTAL_CELLS = 16  # the total row starts within this many cells after the last block
SCORE_WINDOW = 10  # cells after a header score label within which its figure is looked for


def parse_form(cells: list[Cell], rows_known: bool, vocab: Vocabulary, title: Cell | None = None,
               budget: bool = True, constraints=(), implied=None) -> ParsedForm:
    """Read one form out of ``cells``. ``rows_known``: cells carry real table rows. ``title``: the
    title found before the cells (else one is looked for among the first cells). ``budget``:
    False for an indicator table met without a form title (no budget block). ``constraints``:
    the template's arithmetic, which chooses among the readings of a budget row. ``implied``:
    (the template's title rule, its indicator column order): a flattened form with the template's
    title and no indicator header has its rows read in that order (headers.implied_header)."""
    s = CellStream(cells, rows_known, vocab, constraints)
    cs, v = s.cells, s.v
    out = ParsedForm()
    n = len(cs)
    out.title = title
    start = 0
    if title is None:
        for i, c in enumerate(cs[:TITLE_CELLS]):
            if v.is_title(c.text):
                out.title, start = c, i + 1
                break
    if out.title is not None:
        out.used.append(out.title)
        m = v.title.fullmatch(out.title.text) or v.title.search(out.title.text)
        if m and (m["year1"] or m["year2"]):
            out.year = int(m["year1"] or m["year2"])
    if out.year is None:
        first = [c for c in cs[start:start + YEAR_CELLS] if not c.empty][:YEAR_FIRST]
        for k in range(len(first)):
            # one cell, or pieces a spaced flattening cut ("(" | "2019" | "年度)")
            m = next((m for w in (1, 2, 3) if (m := v.title_year.match("".join(d.key for d in first[k:k + w])))),
                     None)
            if m:
                out.year = int(m["year"])
                break
    b_head = find_budget_header(s, start, n) if budget else None
    i_head = find_indicator_header(s, start if b_head is None else b_head.end, n)
    if i_head is None and implied and not rows_known and out.title is not None and implied[1] \
            and implied[0] is not None and implied[0].search(out.title.text):
        i_head = implied_header(s, start if b_head is None else b_head.end, n, implied[1])
    fields_end = b_head.columns[0][1] if b_head else (i_head.first if i_head else min(n, start + FIELD_CELLS))
    header_score = _fields(s, out, start, fields_end)
    out.money_unit = _money_unit(s, start, b_head.columns[0][1] if b_head else fields_end)
    if out.money_unit is None and b_head is not None and b_head.unit is not None:
        out.money_unit = b_head.unit
    if out.money_unit is None and b_head is not None:
        # a text layer that wrote the money header after the budget rows ("… 年度资金总额 项目资金
        # (元) …", a PDF mirror): the header's own words, anywhere in the form
        m = v.money.search("".join(c.key for c in cs[start:n]))
        out.money_unit = m["unit"] if m else None
    after = start
    if b_head:
        out.budget_columns = [k for k, _ in b_head.columns]
        block = read_budget(s, b_head, i_head.first if i_head else n)
        out.structured = True
        out.lines, after = block.rows, block.end
        out.used += block.used
    elif budget and (found := read_budget_pairs(s, start, i_head.first if i_head else n)) is not None:
        block, out.budget_columns = found  # column labels each with its figure, no header row
        out.structured = True
        out.lines, after = block.rows, block.end
        out.used += block.used
    block_total = None
    if i_head:
        block = read_indicators(s, i_head, n)
        out.structured = True
        out.rows, after = block.rows, block.end
        out.used += block.used
        block_total = block.total
    # a form whose headers have a score column and no weight column (湖北: 预算数 | 执行数 | 执行率 | 得分,
    # 三级指标 | 年初目标值 | 实际完成值 | 得分): its total row's lone figure is the score
    scored = bool(i_head and "score" in i_head.keys) or "score" in out.budget_columns
    unweighted = scored and "weight" not in out.budget_columns and not (i_head and "weight" in i_head.keys)
    _total(s, out, after, n, unweighted)
    if out.total_score is None and out.total_weight is None and block_total is not None:
        # the total's 分值 and 得分 written with the rows' figures, its label with their names
        out.total_weight, out.total_score = number(block_total[0].key), number(block_total[1].key)
        out.used += list(block_total)
    if out.total_score is None and header_score is not None:
        out.total_score = header_score
    if i_head:
        out.points = stated_points(s, start, n)
    return out


def _fields(s: CellStream, out: ParsedForm, lo: int, hi: int) -> Decimal | None:
    """Header fields of ``cells[lo:hi]`` into ``out.fields`` (the best-ranked label of each wins);
    returns the total score written among them, if any."""
    cs, v = s.cells, s.v
    header_score = None
    best: dict[str, tuple[int, Cell]] = {}
    for i in range(lo, hi):
        c = cs[i]
        if c.key and v.is_total(c.key) == "score" and header_score is None:
            # 湖北-style forms write the total in the header: "自评总分: 95".
            j = s.next_value(i, hi)
            value = _score_value(v, cs[j].key) if j is not None else None
            if value is None and j is not None and (m := v.score_lead.match(cs[j].key)):
                value = number(m["n"])  # "98财政审…": the score glued to the header cells after it
            if value is None:
                j = _score_after(s, i, hi)
                value = number(cs[j].key) if j is not None else None
            if value is not None and 0 <= value <= 100:
                header_score = value
                out.used += [c, cs[j]]
            continue
        hit = v.field(c.key) if c.key else None
        label_end = i
        if not hit and c.key and not s.rows_known and (k := _broken_label_end(s, i, hi)) is not None:
            hit, label_end = v.field(c.key + cs[k].key), k  # "项目\n名称": a narrow cell broke its label
        if not hit:
            continue
        j = s.next_value(label_end, hi)
        if j is None:
            continue
        name, rank = hit
        after = j + 1
        if (v.document_number.fullmatch(cs[j].key) and after < hi and cs[after].rid == cs[j].rid
                and not cs[after].empty and not s.is_label(cs[after]) and not NUM_RE.fullmatch(cs[after].key)):
            j = after  # "项目名称 昌州财行(2022)10号 国家统计局调查队专项经费": the name follows its document
        if name not in best or rank < best[name][0]:
            best[name] = (rank, cs[j])
            out.used += [c, cs[j]]
    out.fields = {name: cell for name, (_, cell) in best.items()}
    return header_score


def _broken_label_end(s: CellStream, i: int, hi: int) -> int | None:
    """Index of the cell that completes a field label broken over two cells ("项目" | "名称"), when
    neither half is a label of its own; None otherwise."""
    nxt = next((k for k in range(i + 1, min(hi, i + 3)) if not s.cells[k].empty), None)
    if nxt is None or s.is_label(s.cells[i]) or s.is_label(s.cells[nxt]):
        return None
    return nxt if s.v.field(s.cells[i].key + s.cells[nxt].key) else None


def _score_value(v: Vocabulary, key: str) -> Decimal | None:
    """A score cell's figure: "96", or "99分" with its unit."""
    value = number(key)
    if value is None and (m := v.points_value.match(key)):
        value = number(m["n"])
    return value


def _score_after(s: CellStream, i: int, hi: int) -> int | None:
    """The score of a header score label that a flattening moved past other header cells (a
    merged cell of 四川 区域绩效目标自评表: 自评得分 | 省级财政部门 | 四川省财政厅 | … | 100): the
    first figure within SCORE_WINDOW cells that is not a header field's value."""
    cs, v = s.cells, s.v
    prev = cs[i]
    for j in range(i + 1, min(hi, i + SCORE_WINDOW)):
        c = cs[j]
        if c.empty:
            continue
        if v.budget_col(c.key) or v.budget_line(c.key) or v.ind_col(c.key) or v.money.search(c.key):
            return None  # the blocks begin: the score was not written
        if NUM_RE.fullmatch(c.key) and not v.field(prev.key):
            return j
        prev = c
    return None


def _money_unit(s: CellStream, lo: int, hi: int) -> str | None:
    """The unit the money header names ("项目资金(万元)"), or a bare "(万元)" cell before ``hi``."""
    cells = s.cells[lo:hi + 1] if hi < len(s.cells) else s.cells[lo:hi]
    joined = "".join(c.key for c in cells)
    m = s.v.money.search(joined)
    if m:
        return m["unit"]
    for k in range(len(cells) - 1, -1, -1):
        c = cells[k]
        # "金额单位:万元" in a cell, or cut by a spaced flattening into "金额单位:" | "万元"
        nxt = cells[k + 1].key if k + 1 < len(cells) else ""
        m = s.v.money_cell.match(c.key) or s.v.money_stated.match(c.key) or (
            c.key.endswith(":") and s.v.money_stated.match(c.key + nxt))
        if m:
            return m["unit"]
    return None


def _total(s: CellStream, out: ParsedForm, lo: int, hi: int, unweighted: bool = False) -> None:
    """The total row after the blocks: "总分 | 100 | 96 | 优" (weight, score, grade) or
    "自评得分 | 96 | 优"; sets out.total_weight, total_score and grade. ``unweighted``: the form has
    a score column and no weight column, so a lone figure is the score."""
    cs, v = s.cells, s.v
    for i in range(lo, min(hi, lo + TOTAL_CELLS)):
        kind = v.is_total(cs[i].key)
        # "总分(100分) | 100": the label states the full marks, so a lone figure after it is the score
        marks_in_label = not kind and bool(v.points.search(cs[i].key))
        if marks_in_label:
            kind = v.is_total(v.points.sub("", cs[i].key))
        if not kind:
            continue
        vals: list[Cell] = []
        j = i + 1
        if j < hi and v.points_piece.fullmatch(cs[j].key):  # "总分 | (100分) | 100": the marks split off
            marks_in_label = True
            out.used.append(cs[j])
            j += 1
        # The rest of the row (a table row, or a text line the label starts), else up to four
        # values with the blanks between them (one cell a line: the blanks are real cells).
        whole_row = s.rows_known or (cs[i].col == 0 and j < hi and cs[j].rid == cs[i].rid)
        while j < hi and (whole_row or sum(not c.empty for c in vals) < 4 and len(vals) < 8):
            c = cs[j]
            if whole_row and c.rid != cs[i].rid:
                break
            if not (c.empty or _score_value(v, c.key) is not None or c.key in v.grades or v.placeholder.match(c.key)
                    or _glued_total(c.key, v.full_marks)):
                break  # ("总分 | 100分 | 96.5分": points written with their unit count too)
            vals.append(c)
            j += 1
        if whole_row:  # blanks of merged cells say nothing about which slot is empty
            vals = [c for c in vals if not c.empty]
        out.used.append(cs[i])
        out.used += [c for c in vals if not c.empty]
        grade = next((c.key for c in vals if c.key in v.grades), None)
        nums = [(k, _score_value(v, c.key)) for k, c in enumerate(vals) if _score_value(v, c.key) is not None]
        if kind != "score" and len(nums) == 1:
            nums = _glued_total(vals[nums[0][0]].key, v.full_marks) or nums
        elif kind != "score" and not nums:  # "合计100.0099.22": the marks written with decimals, glued
            nums = next((g for c in vals if (g := _glued_total(c.key, v.full_marks))), [])
        out.grade = grade
        if kind == "score":
            out.total_score = nums[0][1] if nums else None
        elif len(nums) >= 2:
            out.total_weight, out.total_score = nums[0][1], nums[1][1]
        elif nums:
            k, value = nums[0]
            blank_after = k + 1 < len(vals) and vals[k + 1].empty
            if marks_in_label or unweighted:
                out.total_score = value
            elif blank_after or value == _weight_sum(out) or (value == v.full_marks and _score_sum(out) != value):
                out.total_weight = value
            else:
                out.total_score = value
        return


def _glued_total(key: str, full: Decimal) -> list[tuple[int, Decimal]] | None:
    """The full marks and the score of a total row glued by normalization ("总分10096.5": 100 |
    96.5): a lone figure above the full marks that starts with them and goes on with a score."""
    value = number(key)
    marks = str(full)
    if value is not None and value <= full or not key.startswith(marks):
        return None
    if value is None:  # "100.0099.22": the marks with their decimals ("100.00"), then the score
        rest = key[len(marks):]
        if not rest.startswith("."):
            return None
        zeros = len(rest[1:]) - len(rest[1:].lstrip("0"))
        if zeros == 0:
            return None
        rest = rest[1 + zeros:]
        score = number(rest) if rest[:1] not in ("", "0", ".") or rest.startswith("0.") else None
        return [(0, full), (1, score)] if score is not None and score <= full else None
    rest = key[len(marks):]
    score = number(rest) if rest[:1] not in ("", "0", ".") or rest.startswith("0.") else None
    if score is None or score > full:
        return None
    return [(0, full), (1, score)]


def _score_sum(out: ParsedForm) -> Decimal:
    """The scores of all budget lines and indicator rows (a lone total equal to it is the score)."""
    total = Decimal(0)
    for c in [line.values.get("score") for line in out.lines] + [r.get("score") for r in out.rows]:
        if c is not None and number(c.key) is not None:
            total += number(c.key)
    return total


def _weight_sum(out: ParsedForm) -> Decimal:
    """The points of all budget lines and indicator rows: a lone total equal to it is the weight."""
    total = Decimal(0)
    for line in out.lines:
        c = line.values.get("weight")
        if c is not None and number(c.key) is not None:
            total += number(c.key)
    for r in out.rows:
        c = r.get("weight")
        if c is not None and number(c.key) is not None:
            total += number(c.key)
    return total
