"""The arithmetic a form template states, written as data and checked on a reading.

A constraint in a template file is one equation or inequality over the names of its scope::

    [[constraint]]
    id = "project.rate"
    block = "budget"                 # the block it is about
    scope = "row"                    # row: names are column roles of one row (checked on each row)
    expr = "execution_rate = executed / budget_full_year * 100"
    tolerance = 0.6                  # how far apart the two sides may be (absolute), default 0.01

``scope = "column"``: names are row names of the block, checked on each money column (a row's
value in that column); ``parent`` and ``children`` stand for every row that has rows under it and
the rows under it (年度资金总额 = Σ 其中 lines). ``scope = "form"``: names are the form's totals
(``total_score``, ``total_weight``, ``budget_score``, ``budget_weight``, ``indicator_score``,
``indicator_weight``). The expression language is Python's arithmetic: numbers, names, + - * /,
``min``, ``max``, ``sum``, ``abs``; the relation is ``=``, ``>=`` or ``<=``. A constraint whose
names are not all present is not checked: it neither holds nor fails. ``sum`` over ``children``
counts a blank child as 0 when at least one child has a value.

A reading that satisfies more of its template's constraints is the better reading: this is how
the forms stage chooses which columns an incomplete row fills, how a glued digit run splits, and
how sure it is of a form (:class:`Tally`).
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field

from ...errors import PatternError

SCOPES = ("row", "column", "form")
RELATIONS = {"=": "eq", ">=": "ge", "<=": "le"}
DEFAULT_TOLERANCE = 0.01
_ALLOWED = (ast.Expression, ast.BinOp, ast.Add, ast.Sub, ast.Mult, ast.Div, ast.UnaryOp, ast.USub,
            ast.Name, ast.Load, ast.Constant, ast.Call)
_FUNCTIONS = {"min": min, "max": max, "sum": None, "abs": abs}  # sum: see _sum


class Missing(Exception):
    """A name the expression needs has no value: the constraint is not checked."""


@dataclass(frozen=True)
class Constraint:
    """One equation (or inequality) of a template: ``left`` relation ``right`` within ``tolerance``."""

    id: str
    block: str
    scope: str
    expr: str
    relation: str
    left: ast.Expression = field(compare=False)
    right: ast.Expression = field(compare=False)
    tolerance: float = DEFAULT_TOLERANCE
    columns: tuple[str, ...] = ()  # column scope: the columns it is checked on (all money columns if empty)
    read: frozenset[str] = frozenset()  # the names the two sides read

    def names(self) -> frozenset[str]:
        """The names the two sides read."""
        return self.read

    def check(self, env: dict, tolerance: float | None = None) -> bool | None:
        """Whether the constraint holds for the values in ``env`` (name → number, or list of
        numbers for ``children``), within its tolerance or the one given (a glued run is cut to
        the written precision of its rate); None when a value it needs is missing."""
        tol = self.tolerance if tolerance is None else tolerance
        if _all_zero(self.names(), env):
            return None  # 0 = 0 × 0 says nothing about a reading
        blanks_a: list[str] = []  # terms of a sum the form did not write (read as blanks), per side
        blanks_b: list[str] = []
        try:
            a, b = _eval(self.left.body, env, blanks_a), _eval(self.right.body, env, blanks_b)
        except (Missing, ZeroDivisionError):
            return None
        blanks = blanks_a + blanks_b
        if self.relation == "ge":
            held = a >= b - tol
        elif self.relation == "le":
            held = a <= b + tol
        else:
            held = abs(a - b) <= tol
        # a sum short of a line that is not there may be short of a line not read: it confirms,
        # it never refutes; but parts already above their total refute it (a missing line only adds)
        if blanks and not held:
            if self.relation == "eq" and ((blanks_b and not blanks_a and b > a + tol) or (blanks_a and not blanks_b and a > b + tol)):
                return False
            return None
        return held


def _all_zero(names: set[str], env: dict) -> bool:
    """Whether every value the constraint reads is there and 0 (an empty line: nothing to check)."""
    values = []
    for name in names:
        value = env.get(name)
        values += value if isinstance(value, list) else [value]
    present = [v for v in values if v is not None]
    return bool(present) and all(v == 0 for v in present)


def parse(table: dict, where: str) -> Constraint:
    """A [[constraint]] table of a template file as a Constraint; PatternError when malformed."""
    for key in ("id", "block", "expr"):
        if not isinstance(table.get(key), str) or not table[key]:
            raise PatternError(f"{where}: a constraint needs a string `{key}`")
    scope = table.get("scope", "row")
    if scope not in SCOPES:
        raise PatternError(f"{where}: constraint {table['id']!r}: scope must be one of {SCOPES}")
    expr = table["expr"]
    for token, relation in (("<=", "le"), (">=", "ge"), ("=", "eq")):
        if token in expr:
            left_text, right_text = expr.split(token, 1)
            break
    else:
        raise PatternError(f"{where}: constraint {table['id']!r}: expr needs =, >= or <=")
    try:
        left = ast.parse(left_text.strip(), mode="eval")
        right = ast.parse(right_text.strip(), mode="eval")
    except SyntaxError as e:
        raise PatternError(f"{where}: constraint {table['id']!r} does not parse: {e}") from e
    for node in (*ast.walk(left), *ast.walk(right)):
        if not isinstance(node, _ALLOWED):
            raise PatternError(f"{where}: constraint {table['id']!r}: {type(node).__name__} is not allowed")
        if isinstance(node, ast.Call) and not (isinstance(node.func, ast.Name) and node.func.id in _FUNCTIONS):
            raise PatternError(f"{where}: constraint {table['id']!r}: only min, max, sum, abs may be called")
    tolerance = table.get("tolerance", DEFAULT_TOLERANCE)
    if not isinstance(tolerance, (int, float)) or tolerance < 0:
        raise PatternError(f"{where}: constraint {table['id']!r}: tolerance must be a number ≥ 0")
    columns = table.get("columns", [])
    if not isinstance(columns, list) or not all(isinstance(c, str) for c in columns):
        raise PatternError(f"{where}: constraint {table['id']!r}: columns must be a list of column roles")
    read = frozenset(n.id for side in (left, right) for n in ast.walk(side)
                     if isinstance(n, ast.Name) and n.id not in _FUNCTIONS)
    return Constraint(table["id"], table["block"], scope, expr, relation, left, right, float(tolerance),
                      tuple(columns), read)


def _eval(node, env, blanks: list | None = None):
    if isinstance(node, ast.Constant):
        if not isinstance(node.value, (int, float)):
            raise Missing(repr(node.value))
        return float(node.value)
    if isinstance(node, ast.Name):
        value = env.get(node.id)
        if value is None:
            raise Missing(node.id)
        return value
    if isinstance(node, ast.UnaryOp):
        return -_eval(node.operand, env, blanks)
    if isinstance(node, ast.BinOp):
        a, b = _eval(node.left, env, blanks), _eval(node.right, env, blanks)
        if isinstance(node.op, ast.Add):
            return a + b
        if isinstance(node.op, ast.Sub):
            return a - b
        if isinstance(node.op, ast.Mult):
            return a * b
        return a / b
    if isinstance(node, ast.Call):
        if node.func.id == "sum":  # a line the form did not write is a blank of the sum
            return _sum([_eval_or_blank(a, env, blanks) for a in node.args])
        args = [_eval(a, env, blanks) for a in node.args]
        return _FUNCTIONS[node.func.id](*args)
    raise Missing(type(node).__name__)


def _eval_or_blank(node, env, blanks: list | None):
    """A sum's term: its value, or None (a blank, noted in ``blanks``) when the name is not there."""
    try:
        return _eval(node, env, blanks)
    except Missing:
        if blanks is not None:
            blanks.append(getattr(node, "id", "?"))
        return None


def _sum(args) -> float:
    """sum(children) or sum(a, b, …): blanks count 0 when at least one value is there."""
    values = [v for a in args for v in (a if isinstance(a, list) else [a])]
    present = [v for v in values if v is not None]
    if not present:
        raise Missing("sum of nothing")
    return float(sum(present))


@dataclass
class Tally:
    """How a reading fares against its template's constraints."""

    held: int = 0
    failed: int = 0
    failures: list[str] = field(default_factory=list)  # ids of the constraints that failed

    def add(self, result: bool | None, constraint_id: str) -> None:
        """Count one check (None: not checked)."""
        if result is True:
            self.held += 1
        elif result is False:
            self.failed += 1
            self.failures.append(constraint_id)

    def __iadd__(self, other: "Tally") -> "Tally":
        self.held += other.held
        self.failed += other.failed
        self.failures += other.failures
        return self

    @property
    def checked(self) -> int:
        """How many constraint instances could be checked."""
        return self.held + self.failed

    def share(self) -> float:
        """Share of the checks that held, with one held and one failed check assumed beforehand
        (so no check at all is 0.5, not 1)."""
        return (self.held + 1) / (self.checked + 2)


def check_row(constraints: list[Constraint], block: str, values: dict[str, float | None]) -> Tally:
    """The row-scope constraints of ``block`` on one row (column role → value)."""
    tally = Tally()
    for c in constraints:
        if c.scope == "row" and c.block == block:
            tally.add(c.check(values), c.id)
    return tally


def check_columns(constraints: list[Constraint], block: str, rows: dict[str, dict[str, float | None]],
                  parents: dict[str, str | None], columns: list[str], roles: dict[str, str] | None = None) -> Tally:
    """The column-scope constraints of ``block``: ``rows`` is row name → (column → value), ``parents``
    row name → the row it is part of; checked on each of ``columns`` (or a constraint's own). With
    ``roles`` (column → its role: a grid's columns are keyed by position), a constraint's own
    columns name roles, and it is checked on each of ``columns`` having one of them."""
    tally = Tally()
    children: dict[str, list[str]] = {}
    for name, parent in parents.items():
        if parent is not None and parent in rows and name in rows:
            children.setdefault(parent, []).append(name)
    for c in constraints:
        if c.scope != "column" or c.block != block:
            continue
        if roles is not None and c.columns:
            own = [k for k in columns if roles.get(k) in c.columns]
        else:
            own = list(c.columns or columns)
        for column in own:
            by_row = {name: vals.get(column) for name, vals in rows.items()}
            if "parent" in c.names():
                for parent, kids in children.items():
                    env = dict(by_row, parent=by_row.get(parent), children=[by_row.get(k) for k in kids])
                    tally.add(c.check(env), c.id)
            else:
                tally.add(c.check(by_row), c.id)
    return tally


def check_form(constraints: list[Constraint], totals: dict[str, float | None]) -> Tally:
    """The form-scope constraints on the form's totals."""
    tally = Tally()
    for c in constraints:
        if c.scope == "form":
            tally.add(c.check(totals), c.id)
    return tally
