"""The indicator block under its header: rows of [一级] [二级] 三级 [性质] 指标值 [单位] [完成值]
分值 得分 [原因]. A real table's rows are read by column position when they fit the header; text
rows by position when a line holds one cell a column, else by content; flattened text without
row ends is read as a stream whose rows stop where the next one plausibly starts."""
from __future__ import annotations

import regex

from .cells import Cell, numeric
from .headers import IndicatorHeader
from .numbers import NUM_RE, PCT_RE, leading_number, number
from .parsed import Block, IndicatorRow
from .passes import trailing_total, two_pass_rows
from .stream import CellStream


def read_indicators(s: CellStream, head: IndicatorHeader, hi: int) -> Block:
    """The indicator rows under ``head`` up to the first cell that ends the block (or ``hi``):
    a Block of IndicatorRow, the header and row cells used, and the index where it ends."""
    cs = s.cells
    keys = head.keys
    used = [c for c in cs[head.first:head.data] if not c.empty]
    total = None  # the total row's figures among the block's (rows written in two passes)
    stop = next((i for i in range(head.data, hi) if s.ind_stop(cs[i])), hi)
    if s.rows_known:
        rows = _rows_by_table(s, head.data, stop, keys, head.by_col)
    else:
        cut = _cut_percent_runs(cs, head.data, stop)
        if cut is not None:  # read the rows with a target, an actual and points glued cut apart
            s = CellStream(cs[:head.data] + cut, False, s.v, s.constraints)
        block_end = head.data + len(cut) if cut is not None else stop
        joined = _join_level_pieces(s, head.data, block_end)
        if joined is not None:  # read the rows from the stream with the level cells made whole
            s = CellStream(s.cells[:head.data] + joined, False, s.v, s.constraints)
        end = head.data + len(joined) if joined is not None else block_end
        candidates = [_rows_by_line(s, head.data, end, keys), _rows_by_stream(s, head.data, end, keys)]
        chunks = _rows_by_chunks(s, head.data, end, keys)
        if chunks is not None:
            rows = chunks
        else:
            rows = max(candidates, key=_quality)  # ties: the line reading (first)
        # rows written in two passes (names and 指标值, then the rest), their first cells among a
        # scattered header's labels too: read when they make more whole rows
        spread = [i for i in range(head.first, head.data) if i not in head.labels] if head.labels else []
        region = spread + list(range(head.data, end))
        two = two_pass_rows(s, region, keys)
        if two is not None and _quality(two) > _quality(rows):
            rows = two
            if end < len(s.cells) and s.v.is_total(s.cells[end].key):  # the label with the names, no figure after it
                total = trailing_total(s, region, keys)
    if head.level_points:
        rows = _group_rows(rows)
    for r in rows:
        used += list(r.cells.values())
    return Block(rows, used, stop, total)


def _group_rows(rows: list[IndicatorRow]) -> list[IndicatorRow]:
    """The rows of a score table whose group cells carry their points (一级指标 | 分值 | 二级指标 |
    分值 | 三级指标 | 分值 | 得分: "项目决策 | 20 | 项目目标 | 4 | 目标内容 | 4 | 4"): a row with a name
    and a 分值 only is a group, the level of the rows after it (two in a row: 一级 then 二级; one:
    a new 二级 under the 一级 read before), not an indicator."""
    out: list[IndicatorRow] = []
    l1 = l2 = None
    k = 0
    while k < len(rows):
        run = 0
        while k + run < len(rows) and _is_group(rows[k + run]):
            run += 1
        if run >= 2:
            l1, l2 = rows[k + run - 2].cells["name"], rows[k + run - 1].cells["name"]
        elif run == 1:
            l2 = rows[k].cells["name"]
        k += run
        if k < len(rows):
            r = rows[k]
            cells = dict(r.cells)
            for key, c in (("level1", l1), ("level2", l2)):
                if c is not None and key not in cells:
                    cells[key] = c
            out.append(IndicatorRow(cells))
            k += 1
    return out


def _is_group(r: IndicatorRow) -> bool:
    return set(r.cells) - {"level1", "level2"} == {"name", "weight"}


# an indicator's target and actual glued, and the points after them ("≥90%96%1010"), or an actual
# and its full points ("98%55": the same figure twice): cut after each %. Each percent at most 100,
# so a figure glued before the first ("595%95%5": 分值 5, then 95%) leaves the run whole.
PERCENT_RUN = regex.compile(r"(?:[≥≤]?(?:100|[1-9]?\d)(?:\.\d+)?%){2,}(?:\d+(?:\.\d+)?)?"
                            r"|(?:100|[1-9]?\d)(?:\.\d+)?%(?P<h>[1-9]\d?)(?P=h)")


def _cut_percent_runs(cs: list[Cell], lo: int, hi: int) -> list[Cell] | None:
    """The cells of ``[lo, hi)`` with each run of an indicator's percents glued together
    (PERCENT_RUN) cut after each %; None when there is none."""
    out: list[Cell] = []
    changed = False
    for c in cs[lo:hi]:
        if c.start is None or c.end is None or not PERCENT_RUN.fullmatch(c.text):
            out.append(c)
            continue
        changed, p = True, 0
        cuts = [i + 1 for i, ch in enumerate(c.text) if ch == "%"]
        for q in [*cuts, len(c.text)] if cuts[-1] < len(c.text) else cuts:
            out.append(Cell(c.text[p:q], c.start + p, c.start + q, c.row, c.col, c.table, c.page, True))
            p = q
    return out if changed else None


def _join_level_pieces(s: CellStream, lo: int, hi: int) -> list[Cell] | None:
    """The cells of ``[lo, hi)`` with a level label a narrow cell broke over two lines made whole
    ("数量 | 指标", "经济效 | 益指标" → 数量指标, 经济效益指标) and the points a level label lost to
    the next line ("产出指标 | (50)") dropped; None when there is nothing to join."""
    cs, v = s.cells, s.v
    out: list[Cell] = []
    changed, i = False, lo
    while i < hi:
        c = cs[i]
        w = _level_pieces(s, i, hi)
        if w:
            last = cs[i + w - 1]
            out.append(Cell("".join(d.text for d in cs[i:i + w]), c.start, last.end, c.row, c.col, c.table, c.page,
                            c.glued))
            changed, i = True, i + w
            continue
        if out and s.level_in(out, len(out) - 1, len(out)) and v.points_piece.fullmatch(c.key):
            changed, i = True, i + 1
            continue
        out.append(c)
        i += 1
    return out if changed else None


def _level_pieces(s: CellStream, i: int, hi: int) -> int:
    """How many cells from ``i`` (2 to 4) make one level label together, none of them one alone
    (数量 | 指标; 产 | 出 | 指 | 标 of a label written downwards); 0 when none do."""
    cs, v = s.cells, s.v
    for w in (2, 3, 4):
        pieces = cs[i:i + w]
        if len(pieces) < w or i + w > hi:
            return 0
        if any(d.empty or numeric(d) or len(d.key) > (4 if w == 2 else 2) for d in pieces):
            return 0
        if any(s.level_in(cs, k, hi) is not None for k in range(i, i + w)):
            return 0
        key = "".join(d.key for d in pieces)
        if v.level1.fullmatch(key) or v.level2.fullmatch(key):
            return w
    return 0


def _quality(rows: list[IndicatorRow]) -> int:
    """How well a reading fits: rows with a value and a score count, rows with neither cost."""
    q = 0
    for r in rows:
        if "name" not in r.cells:
            continue
        has_value = any(k in r.cells for k in ("target", "actual"))
        has_score = any(k in r.cells and numeric(r.cells[k]) for k in ("weight", "score"))
        q += 1 if has_value and has_score else (-1 if not has_value and not has_score else 0)
    return q


def _rows_by_table(s: CellStream, lo, hi, keys, by_col) -> list[IndicatorRow]:
    width = max(by_col) + 1 if by_col else 0
    rows = []
    for row in s.row_runs(lo, hi):
        mapped = None
        # Positions hold only when nothing sits in a column the header does not name (an HTML
        # row under a rowspan is shifted left: its first cell lands in the 绩效指标 column).
        if by_col and len(row) <= width and all(c.empty or c.col in by_col for c in row):
            mapped = {by_col[c.col]: c for c in row if c.col in by_col and by_col[c.col] and not c.empty}
        parsed = _positional_or_consumed(s, mapped, row, keys)
        if parsed.cells:
            rows.append(parsed)
    return rows


def _rows_by_line(s: CellStream, lo, hi, keys) -> list[IndicatorRow]:
    rows = []
    for line in s.row_runs(lo, hi):
        mapped = {k: c for k, c in zip(keys, line) if not c.empty} if len(line) == len(keys) else None
        parsed = _positional_or_consumed(s, mapped, line, keys)
        if parsed.cells:
            rows.append(parsed)
    return rows


def _positional_or_consumed(s: CellStream, mapped, row, keys) -> IndicatorRow:
    """The row read by position when ``mapped`` (key -> cell) is a valid indicator, else by content."""
    if mapped is not None and _valid(s, mapped):
        return IndicatorRow({k: c for k, c in mapped.items() if not s.v.placeholder.match(c.key)})
    parsed, _ = _consume(s, [c for c in row if s.content(c)], 0, keys, stream=False)
    return parsed


def _rows_by_chunks(s: CellStream, lo, hi, keys) -> list[IndicatorRow] | None:
    """One cell a line with blanks kept (四川): every row has exactly len(keys) cells, or one more
    when the table has an unlabelled first column (the merged "绩效指标" cell, blank on every row
    and on the header's line before 一级指标: 安徽 "|" lines)."""
    cs = s.cells
    lines = {c.rid for c in cs[lo:hi]}
    if not lines or hi - lo > len(lines) * 1.2 or hi - lo < len(keys):
        return None
    rows = _chunks(s, lo, hi, keys, 0)
    if rows is None and lo > 0 and cs[lo].empty:
        rows = _chunks(s, lo, hi, keys, 1)
    return rows


def _chunks(s: CellStream, lo, hi, keys, lead: int) -> list[IndicatorRow] | None:
    cs, width = s.cells, len(keys) + lead
    rows = []
    for start in range(lo, hi, width):
        chunk = cs[start:start + width]
        if any(not c.empty for c in chunk[:lead]):
            return None
        mapped = {k: c for k, c in zip(keys, chunk[lead:]) if not c.empty}
        if not mapped:
            continue
        if not _valid(s, mapped) or "name" not in mapped:
            return None
        rows.append(IndicatorRow({k: c for k, c in mapped.items() if not s.v.placeholder.match(c.key)}))
    return rows


def _rows_by_stream(s: CellStream, lo, hi, keys) -> list[IndicatorRow]:
    stream = [c for c in s.cells[lo:hi] if s.content(c)]
    rows, i = [], 0
    while i < len(stream):
        row, j = _consume(s, stream, i, keys, stream=True)
        if row.cells:
            rows.append(row)
        i = j if j > i else i + 1
    return rows


def _value_like(s: CellStream, c: Cell) -> bool:
    """Whether ``c`` reads as a value, not a name: 100, 95%, ≥320公里, ≤3.9万元, 1093万元."""
    v = s.v
    m = v.target_re.match(c.key)
    return numeric(c) or bool(m and v.unit.match(m["unit"] or "%"))


def _valid(s: CellStream, m: dict[str, Cell]) -> bool:
    """Whether cells read by position make an indicator row (the columns are not shifted)."""
    v = s.v

    def value_like(c: Cell) -> bool:
        return _value_like(s, c)

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


def _consume(s: CellStream, cs: list[Cell], i: int, keys: list[str], stream: bool) -> tuple[IndicatorRow, int]:
    """One indicator row from ``cs[i:]``: [一级] [二级] 三级 [性质] 指标值 [单位] [完成值] 分值 得分 [原因].

    ``stream``: row ends are unknown (flattened text without blanks); the row stops where the
    next one plausibly starts.
    """
    v, n = s.v, len(cs)
    row = IndicatorRow()
    while i < n:
        lv = s.level_in(cs, i, n)
        if lv is None:
            break
        row.cells[lv] = cs[i]
        i += 1
    if i >= n or s.ind_stop(cs[i]) or numeric(cs[i]) or v.is_op(cs[i].key):
        return row, i
    if stream and _value_like(s, cs[i]):  # a value astray (a scrambled text layer), no row's name
        return row, i
    if _broken_name(s, cs, i, keys):  # "问题整" / "改时限": a name a narrow cell broke
        a, b = cs[i], cs[i + 1]
        row.cells["name"] = Cell(a.text + b.text, a.start, b.end, a.row, a.col, a.table, a.page, a.glued)
        i += 2
    else:
        row.cells["name"] = cs[i]
        i += 1
    if i < n and v.is_op(cs[i].key):
        row.cells["op"] = cs[i]
        i += 1
    if _points_first(keys) and i < n and NUM_RE.fullmatch(cs[i].key):  # 三级指标 | 分值 | 年度指标值 | …
        row.cells["weight"] = cs[i]
        i += 1
    points_only = not {"target", "actual"} & set(keys)  # 三级指标 | 分值 | 得分: its figures are points
    if i < n and not s.hard_stop(cs, i, n) and not (points_only and NUM_RE.fullmatch(cs[i].key)):
        row.cells["target"] = cs[i]
        i += 1
        bare = bool(NUM_RE.fullmatch(row.cells["target"].key))
        if bare and "unit" in keys and i < n and v.unit.match(cs[i].key) and not s.hard_stop(cs, i, n):
            if not v.actual_phrases.fullmatch(cs[i].key):
                row.cells["unit"] = cs[i]
                i += 1
    if "actual" in keys and i < n and not s.hard_stop(cs, i, n) and not numeric(cs[i]):
        target = row.cells.get("target")
        # "已完成 | 已完成": done as planned; "达标 | 未达标", "达标 | 基本达标": the target's own words
        # with a short verdict before them, no row's name
        same = target is not None and (cs[i].key == target.key or _verdict_of(s, target, cs[i]))
        if not stream or same or not _plausible(s, cs, i, keys):
            row.cells["actual"] = cs[i]
            i += 1
    nums = []
    limit = 2 if "actual" in row.cells else 3
    while i < n and len(nums) < limit and numeric(cs[i]):
        nums.append(cs[i])
        i += 1
    if nums and len(nums) < limit and not points_only and (pair := _points_pair(nums[-1], keys)):
        nums = nums[:-1] + pair  # "96% | 1010": the actual, then 分值 and 得分 glued
    _assign_numbers(row, nums, keys)
    if "reason" in keys and i < n and not s.hard_stop(cs, i, n) and not numeric(cs[i]):
        if not stream:
            row.cells["reason"] = cs[i]
            i = n
        elif not _plausible(s, cs, i, keys):
            row.cells["reason"] = cs[i]
            i += 1
    if not stream:
        i = n
    return row, i


POINTS_MAX = 50  # the largest weight a glued 分值 and 得分 pair is cut into


def _points_pair(c: Cell, keys: list[str]) -> list[Cell] | None:
    """A 分值 and 得分 glued after the values ("1010", "55": no weight on its own), cut where the two
    halves are the same figure (full points: the only cut the digits alone decide); else None."""
    k = c.key
    half = len(k) // 2
    if ("weight" not in keys or "score" not in keys or c.start is None or len(k) % 2 or not k.isdigit()
            or k[:half] != k[half:] or k[0] == "0" or int(k[:half]) > POINTS_MAX or int(k) <= POINTS_MAX):
        return None
    mid = c.start + half
    return [Cell(k[:half], c.start, mid, c.row, c.col, c.table, c.page, True),
            Cell(k[half:], mid, c.end, c.row, c.col, c.table, c.page, True)]


NAME_PIECE_MAX = 6  # characters of each piece of an indicator name broken over two lines


def _broken_name(s: CellStream, cs: list[Cell], i: int, keys: list[str]) -> bool:
    """Whether ``cs[i]`` and ``cs[i + 1]``, on two lines, are one indicator name a narrow cell broke:
    two short Han pieces, neither a level, a comparator, a verdict or a label, followed by exactly
    a target and an actual (no bare numbers) and the 分值 and 得分 (bare numbers), then no third."""
    if not all(k in keys for k in ("target", "actual", "weight", "score")):
        return False
    cells = cs[i:i + 7]
    if len(cells) < 6 or cells[0].row == cells[1].row:
        return False
    a, b, target, actual, weight, score = cells[:6]
    bare = [bool(NUM_RE.fullmatch(c.key)) for c in cells[2:]]
    if bare[0] or bare[1] or not (bare[2] and bare[3]) or (len(bare) > 4 and bare[4]):
        return False
    v = s.v
    for k, c in ((i, a), (i + 1, b)):
        if (not c.key or len(c.key) > NAME_PIECE_MAX or not all("\u4e00" <= ch <= "\u9fff" for ch in c.key)
                or s.level_in(cs, k, len(cs)) or v.is_op(c.key) or v.verdict.fullmatch(c.key)
                or s.ind_stop(c) or v.is_label_key(c.key)):
            return False
    return True


VERDICT_PREFIX_MAX = 2  # characters before a qualitative target's words in its actual: 未 / 不 / 基本 / 部分


def _verdict_of(s: CellStream, target: Cell, c: Cell) -> bool:
    """Whether ``c``, after a qualitative target, is its actual and not the next row's name: the
    target's own words with a short verdict before them ("未达标" after "达标") or a verdict of the
    lexicon ("较差" after "有效", ``[indicator] verdicts``)."""
    t, k = target.key, c.key
    if not t or _value_like(s, target):
        return False
    return (k.endswith(t) and 0 < len(k) - len(t) <= VERDICT_PREFIX_MAX) or bool(s.v.verdict.fullmatch(k))


def _assign_numbers(row: IndicatorRow, nums: list[Cell], keys: list[str]) -> None:
    """The bare numbers after a row's texts → 实际完成值 / 分值 / 得分, by count and by value."""
    if not nums:
        return
    if "weight" not in keys and "score" not in keys:  # a table without points: 目标值 | 实际完成值
        if "actual" not in row.cells and "actual" in keys:
            row.cells["actual"] = nums[0]
        return
    # the columns the numbers can fill, in the header's order: never one the header lacks
    slots = [k for k in keys if k in ("actual", "weight", "score") and k not in row.cells]
    if "weight" in row.cells or "weight" not in keys or "actual" in row.cells or len(nums) == 3:
        if len(nums) <= len(slots):
            row.cells.update(zip(slots[len(slots) - len(nums):] if "actual" not in slots else slots, nums))
        return
    target = row.cells.get("target")
    tv = leading_number(target.text) if target is not None else None
    first = nums[0]
    looks_actual = bool(PCT_RE.fullmatch(first.key)) or (tv is not None and number(first.key) == tv)
    if len(nums) == 2:
        a, b = number(nums[0].key), number(nums[1].key)
        if looks_actual or a is None or b is None or b > a:
            row.cells.update(actual=nums[0], weight=nums[1])
        else:
            row.cells.update(weight=nums[0], score=nums[1])
    else:
        row.cells["actual" if looks_actual else "weight"] = first


def _points_first(keys: list[str]) -> bool:
    """Whether the header writes 分值 before the values (三级指标 | 分值 | 年度指标值 | 全年实际值 | 得分)."""
    return "weight" in keys and "target" in keys and keys.index("weight") < keys.index("target")


def _plausible(s: CellStream, cs: list[Cell], i: int, keys: list[str]) -> bool:
    """Whether a whole indicator row starts at ``cs[i]``: name, [性质], 指标值, [单位], and at
    least two more cells (完成值/分值/得分), one of them a value (a number, with its unit or not)."""
    n = len(cs)
    while i < n and s.level_in(cs, i, n):
        i += 1
    if i >= n or s.ind_stop(cs[i]) or _value_like(s, cs[i]) or s.v.is_op(cs[i].key):
        return False
    i += 1
    if i < n and s.v.is_op(cs[i].key):
        i += 1
    if i >= n or s.hard_stop(cs, i, n):
        return False
    bare = bool(NUM_RE.fullmatch(cs[i].key))
    i += 1
    if bare and "unit" in keys and i < n and s.v.unit.match(cs[i].key) and not numeric(cs[i]):
        i += 1
    count = has_num = 0
    while i < n and count < 3 and not s.hard_stop(cs, i, n):
        has_num += _value_like(s, cs[i])
        count += 1
        i += 1
    return count >= 2 and has_num > 0
