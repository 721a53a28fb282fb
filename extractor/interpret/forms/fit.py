"""Read one form's cells with every template and keep the reading that fits best.

A reading's fit adds what the template recognises (its title, its marker labels, the blocks it
expects and found, the rows and figures read) and what its arithmetic says (each constraint that
holds counts, each that fails costs twice). The chosen reading carries the template's id and a
confidence in 0..1: half the share of the expected blocks found, half the share of the checked
constraints that hold (constraints.Tally.share: no check at all counts as an even chance).
"""
from __future__ import annotations

from decimal import Decimal

from . import constraints as cons
from .cells import Cell
from .flatten import text_cells
from .grid_glued import cut_glued_grid
from .grammar import parse_form
from .grid import read_grids
from .numbers import number
from .pairs import read_pairs
from .parsed import BudgetRow, ParsedForm, figures_of
from .stream import CellStream
from .templates import Template, templates, vocabulary_of
from .vocabulary import Vocabulary
from .vocabulary import MONEY_KEYS

TITLE_WEIGHT = 8  # a title the template's own title rule matches: more than all markers together
MARKERS_MAX = 6  # marker labels counted at most
ROWS_MAX = 10  # budget lines / indicator rows / grid figures counted at most
HELD_WEIGHT, FAILED_WEIGHT = 2, 4
NAME_MAX = 60  # an indicator name longer than this is a paragraph read as a row
NOT_NAME_START = "(,,。;;:、*"  # a "name" starting so is a piece of a header or a note
MARKER_CELLS = 400  # cells whose keys a template's markers are looked for in
MIN_MARKERS = 2  # a template with fewer markers among the cells and not its title is not tried
TITLE_CELLS = 12  # a form's own title is among its first cells
UNTITLED_TEMPLATE = "indicator_table"  # an indicator table met without a form title


def read_best(cells: list[Cell], rows_known: bool, title: Cell | None, untitled: bool = False) -> ParsedForm:
    """The reading of ``cells`` by the template that fits it best (ties: the template's priority).
    ``untitled``: an indicator table found without a form title (its own template only)."""
    if untitled:
        return read_with(_by_id(UNTITLED_TEMPLATE), cells, rows_known, None, budget=False)
    best: ParsedForm | None = None
    keys = vocabulary_of(None).marker_keys(cells[:MARKER_CELLS])
    title_text = title.text if title is not None else next(
        (c.text for c in cells[:TITLE_CELLS] if any(t.title_matches(c.text) for t in templates())), None)
    for t in templates():
        if t.id == UNTITLED_TEMPLATE:
            continue
        if best is not None and not t.title_matches(title_text) and t.marker_hits(keys) < MIN_MARKERS:
            continue  # neither its title nor its labels: it cannot fit better
        reading = read_with(t, cells, rows_known, title)
        if best is None or reading.fit > best.fit:
            best = reading
    assert best is not None
    return best


def read_text(text: str, lo: int, hi: int, vocab: Vocabulary, gaps, title: Cell | None,
              skip_to: int = -1) -> tuple[ParsedForm, list[Cell]]:
    """The best reading of ``text[lo:hi]`` read line by line and with spaces as separators (the
    reading the templates fit better wins; ties: line by line), and its cells. Cells ending by
    ``skip_to`` (a title the region starts with) are left out."""
    body = [c for c in text_cells(text, lo, hi, vocab, check=rate_check) if c.end is None or c.end > skip_to]
    parsed = read_best(body, False, title)
    spaced = [c for c in text_cells(text, lo, hi, vocab, gaps, spaced=True, check=rate_check)
              if c.end is None or c.end > skip_to]
    if spaced != body:
        other = read_best(spaced, False, title)
        if other.fit > parsed.fit or (_read_fit(other, spaced) >= _read_fit(parsed, body)
                                      and _whole_rows(other, vocab) > _whole_rows(parsed, vocab)):
            return other, spaced
    return parsed, body


def _read_fit(p: ParsedForm, cells: list[Cell]) -> float:
    """A reading's fit without its template's markers: what two cuttings of one text read (a spaced
    cutting breaks labels such as "年初预算 | 数", so it hits fewer markers of the same template);
    a reading as good as the other one by this and with more whole indicator rows (uncounted by
    ROWS_MAX) is the better one."""
    if p.template is None:
        return p.fit
    t = _by_id(p.template)
    return p.fit - min(t.marker_hits(vocabulary_of(None).marker_keys(cells[:MARKER_CELLS])), MARKERS_MAX)


def rate_check(budget: float, spent: float, rate: float, places: int) -> bool:
    """Whether a cut of a glued run (budget | spent | rate) satisfies the rate arithmetic of some
    template (执行率 = 全年执行数 ÷ 全年预算数 × 100), to the rate's last written digit."""
    env = {"budget_full_year": budget, "budget": budget, "executed": spent, "execution_rate": rate}
    tolerance = 0.5 * 10 ** -places + 1e-9
    return any(c.check(env, tolerance) for c in _rate_constraints())


def _rate_constraints() -> list[cons.Constraint]:
    return [c for t in templates() for c in t.constraints
            if c.block == "budget" and c.scope == "row" and c.names() == {"execution_rate", "executed", "budget"}]


def _by_id(template_id: str) -> Template:
    return next(t for t in templates() if t.id == template_id)


def read_with(t: Template, cells: list[Cell], rows_known: bool, title: Cell | None, budget: bool = True) -> ParsedForm:
    """``cells`` read with template ``t``: its grammar, its grid and pairs blocks, its arithmetic."""
    vocab = vocabulary_of(t)
    if not rows_known:
        cells = cut_glued_grid(cells, t)
    s = CellStream(cells, rows_known, vocab)
    parsed = parse_form(s.cells, rows_known, vocab, title, budget=budget and t.engine == "self_assessment",
                        constraints=t.constraints, implied=(t.title, t.indicator_order))
    parsed.template = t.id
    lo = 0
    for block in t.blocks:
        if block.kind == "pairs":
            parsed.pairs += read_pairs(s, block, lo, len(cells))
    if t.engine == "grid" or any(b.kind == "grid" for b in t.blocks):
        parsed.grids = read_grids(s, t, lo, len(cells))
    _pairs_budget(parsed, vocab.total_line)
    _unstated_unit(parsed, vocab)
    for g in parsed.grids:
        parsed.used += g.used
    for p in parsed.pairs:
        parsed.used += [p.label, p.value]
    parsed.tally = _tally(t, parsed)
    parsed.fit = _fit(t, parsed, cells, vocab)
    parsed.confidence = _confidence(t, parsed)
    return parsed


def _pairs_budget(parsed: ParsedForm, total_line: str) -> None:
    """Pairs that fill budget columns make the total line when the grammar read no budget line."""
    if parsed.lines:
        return
    values = {p.spec.budget: p.value for p in parsed.pairs if p.spec.budget}
    if not values:
        return
    label = next(p.label for p in parsed.pairs if p.spec.budget)
    parsed.lines.append(BudgetRow(total_line, label, values))
    if parsed.money_unit is None:
        parsed.money_unit = next((p.unit for p in parsed.pairs if p.spec.budget and p.unit), None)


def _unstated_unit(parsed: ParsedForm, vocab) -> None:
    """A form that names no money unit and writes a budget figure above [money.unstated] above
    (4,764,453.11: 476亿元 if it were 万元) keeps its money in [money.unstated] unit (元)."""
    if parsed.money_unit is not None or vocab.unstated_unit is None or vocab.unstated_above is None:
        return
    figures = [number(c.key) for line in parsed.lines for k, c in line.values.items() if k in MONEY_KEYS]
    if any(f is not None and f > vocab.unstated_above for f in figures):
        parsed.money_unit = vocab.unstated_unit


def budget_values(row: BudgetRow, columns=None) -> dict[str, float | None]:
    """A budget row's figures by column role (parsed.figures_of; ``columns``: the header's)."""
    return figures_of(row.values, columns)


def _tally(t: Template, p: ParsedForm) -> cons.Tally:
    tally = cons.Tally()
    constraints = list(t.constraints)
    rows = {}
    for line in p.lines:
        values = budget_values(line, p.budget_columns or None)
        tally += cons.check_row(constraints, "budget", values)
        rows.setdefault(line.name, values)
    parents = {name: t.line_parents.get(name) for name in rows}
    tally += cons.check_columns(constraints, "budget", rows, parents, list(MONEY_KEYS))
    for g in p.grids:
        tally += g.tally
    for block in {pv.block.name for pv in p.pairs}:
        env = {}
        for pv in p.pairs:
            if pv.block.name == block:
                env[pv.spec.role] = float(number(pv.value.key)) if number(pv.value.key) is not None else None
        tally += cons.check_row(constraints, block, env)
    tally += cons.check_form(constraints, _totals(p))
    return tally


def _totals(p: ParsedForm) -> dict[str, float | None]:
    """The form's totals the form-scope constraints name."""
    def total(values):
        present = [v for v in values if v is not None]
        return float(sum(present)) if present else None

    budget_scores = [number(line.values["score"].key) for line in p.lines if "score" in line.values]
    budget_weights = [number(line.values["weight"].key) for line in p.lines if "weight" in line.values]
    ind_scores = [number(r.cells["score"].key) for r in p.rows if "score" in r.cells]
    ind_weights = [number(r.cells["weight"].key) for r in p.rows if "weight" in r.cells]
    return {
        "total_score": float(p.total_score) if p.total_score is not None else None,
        "total_weight": float(p.total_weight) if p.total_weight is not None else None,
        "budget_score": total(budget_scores) if p.rows or budget_scores else None,
        "budget_weight": total(budget_weights) if p.rows or budget_weights else None,
        "indicator_score": total(ind_scores),
        "indicator_weight": total(ind_weights),
    }


def _found(t: Template, p: ParsedForm) -> list[str]:
    """The expected blocks of ``t`` this reading found."""
    have = set()
    if p.fields:
        have.add("fields")
    if p.lines:
        have.add("budget")
    if p.rows:
        have.add("indicators")
    if p.total_score is not None:
        have.add("total")
    have |= {g.block.name for g in p.grids if any(r.values for r in g.rows)}
    have |= {pv.block.name for pv in p.pairs}
    return [b for b in t.expects if b in have]


def _row_kinds(p: ParsedForm, vocab: Vocabulary) -> tuple[float, int]:
    """(good, bad): indicator rows that read as indicators (a name that is no label, no note and no
    paragraph, with a target or an actual value) count half, a whole if they carry their points
    too; the others (header pieces, notes read as rows) are bad."""
    good = 0.0
    bad = 0
    for r in p.rows:
        name = r.cells.get("name")
        ok = (name is not None and 1 < len(name.key) <= NAME_MAX and name.key[0] not in NOT_NAME_START
              and not vocab.is_label_key(name.key) and ("target" in r.cells or "actual" in r.cells))
        if ok:
            scored = any(k in r.cells and number(r.cells[k].key) is not None for k in ("weight", "score"))
            good += 1 if scored else 0.5
        else:
            bad += 1
    return good, bad


def _indicator_quality(p: ParsedForm, vocab: Vocabulary) -> float:
    """The indicator rows' part of a reading's fit: the good rows (at most ROWS_MAX) count half,
    the bad ones cost half."""
    good, bad = _row_kinds(p, vocab)
    return min(good, ROWS_MAX) / 2 - bad / 2


def _whole_rows(p: ParsedForm, vocab: Vocabulary) -> float:
    """The good indicator rows less the bad ones, uncounted by ROWS_MAX (a tie's decider)."""
    good, bad = _row_kinds(p, vocab)
    return good - bad


def _fit(t: Template, p: ParsedForm, cells: list[Cell], vocab: Vocabulary) -> float:
    keys = vocab.marker_keys(cells[:MARKER_CELLS])
    fit = 0.0
    if t.title_matches(p.title.text if p.title is not None else None):
        fit += TITLE_WEIGHT
    fit += min(t.marker_hits(keys), MARKERS_MAX)
    fit += len(_found(t, p))
    fit += min(sum(1 for line in p.lines if line.values), ROWS_MAX)
    fit += _in_order(t, p)
    fit += _indicator_quality(p, vocab)
    fit += min(sum(len(r.values) for g in p.grids for r in g.rows), ROWS_MAX)
    fit += min(len(p.pairs), ROWS_MAX)
    fit += HELD_WEIGHT * p.tally.held - FAILED_WEIGHT * p.tally.failed
    return fit


def _in_order(t: Template, p: ParsedForm) -> int:
    """1 when the budget header read has at least two of the template's columns, in its order."""
    read = [k for k in p.budget_columns if k in t.budget_order]
    positions = [t.budget_order.index(k) for k in read]
    return int(len(read) >= 2 and positions == sorted(positions))


def _confidence(t: Template, p: ParsedForm) -> float:
    structure = len(_found(t, p)) / len(t.expects) if t.expects else 0.5
    return round(0.5 * structure + 0.5 * p.tally.share(), 2)
