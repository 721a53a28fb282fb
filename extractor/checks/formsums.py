"""自评表 figures beyond the budget lines and the indicators (``Form.values``): the arithmetic the
form's template states for its grid and pairs blocks (``[[constraint]]`` of
patterns/forms/<template>.toml: 支出总额 = 基本支出 + 项目支出, 三公经费 = the sum of its lines,
结余 = 实际到位资金 − 实际支出) and the identities of checks.toml's ``[[form_identity]]``
(实际支出 ≤ 实际到位资金), each judged in the readings exact, fine, round (tolerance.judge).

The template's constraints of the blocks other rules judge (``[form_arithmetic] skip_blocks``:
the budget lines, the indicators) and those over rates are left to those rules. A constraint
whose left side is a balance or a spending (``rule_by_name``) is a ``balance_mismatch``; any
other a ``sum_mismatch``. An inequality (a ≤ b) fails only when a exceeds b.
"""
from __future__ import annotations

import ast
import logging
from functools import lru_cache

from ..interpret.forms import constraints as cons
from ..interpret.forms.templates import template
from ..model import Finding, Form
from .context import MONEY, PERCENT, Ctx, config, diff_fields, evidence, finding, guarded, rule
from .tolerance import Iv, finite, fmt, judge, sum_decimals, total

log = logging.getLogger(__name__)


def settings() -> dict:
    """``[form_arithmetic]`` of checks.toml."""
    return config().get("form_arithmetic", {})


@lru_cache(maxsize=1)
def identities() -> tuple[cons.Constraint, ...]:
    """checks.toml's ``[[form_identity]]`` tables as constraints."""
    return tuple(cons.parse(t, "patterns/checks.toml: [[form_identity]]") for t in config().get("form_identity", []))


def constraints_of(form: Form) -> list[cons.Constraint]:
    """The template's constraints this module judges, then the checks' own identities."""
    conf = settings()
    skip = set(conf.get("skip_blocks", ["budget", "indicators"]))
    out = []
    if form.template:
        try:
            out = [c for c in template(form.template).constraints if c.block not in skip and c.scope != "form"]
        except Exception:  # an unknown template: only the identities
            out = []
    out += list(identities())
    rate = conf.get("rate_suffix", "_rate")
    return [c for c in out if not any(n.endswith(rate) for n in c.names())]


def rule_of(c: cons.Constraint) -> str:
    """The rule a constraint's failure is: by the name on its left side, else sum_mismatch."""
    by_name = settings().get("rule_by_name", {})
    left = [n.id for n in ast.walk(c.left) if isinstance(n, ast.Name)]
    return next((by_name[n] for n in left if n in by_name), "sum_mismatch")


# ----------------------------------------------------------------------------- evaluation
class Missing(Exception):
    """A name the expression needs has no figure."""


def _eval(node, env: dict, order: list, top: bool = True):
    """The expression ``node`` over ``env`` (name → Q, or list of Q for children) as a function of
    the interval list of ``order`` (the Qs it reads, appended as met). A ``sum`` of nothing is 0
    inside a larger expression (an optional term: received + sum(carried)), missing as a whole."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        k = float(node.value)
        return lambda ivs: Iv.point(k)
    if isinstance(node, ast.Name):
        q = env.get(node.id)
        if q is None or isinstance(q, list):
            raise Missing(node.id)
        i = len(order)
        order.append(q)
        return lambda ivs: ivs[i]
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)):
        a, b = _eval(node.left, env, order, False), _eval(node.right, env, order, False)
        if isinstance(node.op, ast.Add):
            return lambda ivs: a(ivs) + b(ivs)
        return lambda ivs: a(ivs) - b(ivs)
    if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "sum":
        parts = []
        for arg in node.args:
            value = env.get(arg.id) if isinstance(arg, ast.Name) else None
            for q in (value if isinstance(value, list) else [value]):
                if q is not None:
                    parts.append(len(order))
                    order.append(q)
        if not parts:
            if top:
                raise Missing("sum of nothing")
            return lambda ivs: Iv.point(0.0)
        return lambda ivs: total(ivs[i] for i in parts)
    raise Missing(type(node).__name__)  # products, quotients: not this module's


def _judge(ctx: Ctx, c: cons.Constraint, env: dict):
    """(verdict, stated, inputs) of one constraint on one environment, or None when not checked."""
    if not isinstance(c.left.body, ast.Name):
        return None
    stated = env.get(c.left.body.id)
    if stated is None or isinstance(stated, list):
        return None
    order: list = []
    try:
        compute = _eval(c.right.body, env, order)
    except Missing:
        return None
    if stated.value == 0 and all(q.value == 0 for q in order):
        return None  # 0 = 0 + 0 says nothing
    exact = compute([Iv.point(q.value) for q in order])
    if c.relation == "le" and stated.value <= exact.v + ctx.eps * max(1.0, abs(exact.v)):
        return None
    if c.relation == "ge" and stated.value >= exact.v - ctx.eps * max(1.0, abs(exact.v)):
        return None
    v = judge(stated, order, compute, ctx.eps, sum_decimals(stated, *order))
    if v is None or v.ok:
        return None
    return v, stated, order


def spoken(node, env: dict) -> str:
    """The expression as the form names its figures: 实际支出 ≤ 实际到位资金 (empty sums left out)."""
    def name(q, fallback):
        return (q.evidence[0].get("label") if q is not None and q.evidence else None) or fallback

    if isinstance(node, ast.Name):
        return name(env.get(node.id) if not isinstance(env.get(node.id), list) else None, node.id)
    if isinstance(node, ast.Constant):
        return fmt(float(node.value))
    if isinstance(node, ast.BinOp):
        a, b = spoken(node.left, env), spoken(node.right, env)
        if not b:
            return a
        if not a:
            return b if isinstance(node.op, ast.Add) else f"−{b}"
        return f"{a}{'+' if isinstance(node.op, ast.Add) else '−'}{b}"
    if isinstance(node, ast.Call):
        parts = []
        for arg in node.args:
            value = env.get(arg.id) if isinstance(arg, ast.Name) else None
            parts += [name(q, "") for q in (value if isinstance(value, list) else [value]) if q is not None]
        return "+".join(p for p in parts if p)
    return ""


RELATION_SIGN = {"eq": "=", "le": "≤", "ge": "≥"}


def _q(ctx: Ctx, form: Form, fv) -> object:
    ev = {"type": "form_value", "form": form.index, "start": fv.start, "end": fv.end, "label": fv.label or fv.line,
          "block": fv.block, "line": fv.line, "role": fv.role}
    if finite(fv.start) and finite(fv.end):
        ev["raw"] = ctx.text[fv.start:fv.end]
    unit = PERCENT if fv.unit == PERCENT else (MONEY if fv.unit in (MONEY, None) else fv.unit)
    return ctx.q_value(fv.value, fv.start, fv.end, evidence=[ev], unit=unit)


def environments(ctx: Ctx, form: Form, c: cons.Constraint):
    """(where, env) for each place the constraint applies: each line of its block (row scope:
    names are column roles) or each column (column scope: names are line names, with parent and
    children)."""
    values = [v for v in form.values or [] if v.block == c.block and v.period != "prior" and finite(v.value)]
    groups: dict = {}
    if c.scope == "row":
        for v in values:
            groups.setdefault((v.line, v.year), {}).setdefault(v.role, v)
        for (line, _), roles in groups.items():
            yield line, {role: _q(ctx, form, v) for role, v in roles.items()}
        return
    for v in values:
        groups.setdefault((v.role, v.year), []).append(v)
    for (role, _), column in groups.items():
        by_line = {}
        for v in column:
            by_line.setdefault(v.line, v)
        env = {line: _q(ctx, form, v) for line, v in by_line.items()}
        if "parent" in c.names():
            for parent in sorted({v.parent for v in by_line.values() if v.parent in by_line}):
                kids = [env[line] for line, v in by_line.items() if v.parent == parent]
                yield f"{parent}/{role}", dict(env, parent=env[parent], children=kids)
        else:
            yield role, env


def form_findings(ctx: Ctx, rule_id: str) -> list[Finding]:
    """The findings of ``rule_id`` over every form's values."""
    out = []
    for form in ctx.report.forms or []:
        if getattr(form, "status", "read") != "read" or not form.values:
            continue
        for c in constraints_of(form):
            if rule_of(c) != rule_id:
                continue
            for where, env in environments(ctx, form, c):
                out += guarded(rule_id, _one, ctx, form, c, where, env, rule_id)
    return out


def _one(ctx: Ctx, form: Form, c: cons.Constraint, where: str, env: dict, rule_id: str) -> list[Finding]:
    judged = _judge(ctx, c, env)
    if judged is None:
        return []
    v, stated, order = judged
    case = {"eq": "form_value", "le": "form_value_over", "ge": "form_value_under"}[c.relation]
    expr = f"{spoken(c.left.body, env)}{RELATION_SIGN[c.relation]}{spoken(c.right.body, env)}"
    if c.scope == "column":
        where = "/".join(ctx.label(f"column.{part}") if part in {c_.role for c_ in form.values} else part
                         for part in where.split("/"))
    where = "" if where == c.block else f"“{where}”"
    figures = ctx.msg(rule_id, "figures", figures="+".join(fmt(q.value) for q in order)) if len(order) > 1 else ""
    return [finding(ctx, rule_id, ctx.msg(rule_id, case, form=form.index + 1, where=where, expr=expr,
                                          figures=figures, **diff_fields(v)),
                    v, evidence(stated, *order))]


@rule("sum_mismatch")
def form_sums(ctx: Ctx) -> list[Finding]:
    """Totals of a form's grid and pairs blocks against their lines (the template's arithmetic)."""
    return form_findings(ctx, "sum_mismatch")


@rule("balance_mismatch")
def form_balances(ctx: Ctx) -> list[Finding]:
    """A form's 结余 against 到位 − 实际支出; 实际支出 not above 到位."""
    return form_findings(ctx, "balance_mismatch")
