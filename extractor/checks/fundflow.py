"""One fund's flow stated in one sentence (``balance_mismatch``): "项目资金已到位140.11万元,实际支出140.11万元,
结余0万元" — nothing is spent that did not arrive (实际支出 ≤ 到位 + 上年结转) and a stated balance is what
arrived less what was spent.

Each money amount of a sentence takes the role its label ends with (the text since the previous
amount or the sentence's start: ``received``, ``spent``, ``balance``, ``carried`` of
``[rules.balance_mismatch.prose_flow]``). Precision first: a sentence is judged only when it states
exactly one amount arrived and one spent, the arrival first, at most one balance and one carry-in,
none approximate, all in one written unit, and none of ``skip`` (a plan, a cumulative or multi-year
figure, a partial list, a 结转 of unknown direction). The checks are ``checks`` (constraints as in
the form templates), judged like a form's (formsums: the readings exact, fine, round).
"""
from __future__ import annotations

from functools import lru_cache
from types import SimpleNamespace

from ..interpret.forms import constraints as cons
from ..model import Finding
from .context import MONEY, Ctx, diff_fields, evidence, finding, guarded, rule, rule_config, rule_part
from .formsums import RELATION_SIGN, _judge, spoken
from .tolerance import finite, fmt

RULE_ID = "balance_mismatch"
ROLES = ("received", "spent", "carried", "balance")


def settings() -> dict:
    """``[rules.balance_mismatch.prose_flow]`` of checks.toml."""
    return rule_config(RULE_ID).get("prose_flow", {})


@lru_cache(maxsize=1)
def _checks() -> tuple[cons.Constraint, ...]:
    return tuple(cons.parse(t, "patterns/checks.toml: prose_flow.checks") for t in settings().get("checks", []))


@rule(RULE_ID)
def prose_flows(ctx: Ctx) -> list[Finding]:
    """Every sentence stating one fund's arrival and spending (and balance)."""
    conf = rule_part(RULE_ID, "prose_flow")
    if not conf:
        return []
    mentions = ctx.report.mentions or []
    money = sorted(((j, m) for j, m in enumerate(mentions) if m.unit == MONEY and finite(m.value)),
                   key=lambda jm: jm[1].start)
    text, out, pos = ctx.text, [], 0
    end_re = conf["sentence_end"].regex
    while pos < len(text):
        e = end_re.search(text, pos)
        end = e.start() if e else len(text)
        inside = [(j, m) for j, m in money if pos <= m.start and m.end <= end]
        if len(inside) >= 2 and end - pos <= int(conf.get("max_sentence_chars", 300)):
            out += guarded(RULE_ID, _sentence, ctx, pos, end, inside, conf)
        pos = end + 1
    return out


def roles_of(text: str, start: int, amounts: list, conf: dict) -> dict | None:
    """{role: [(label, index, mention)]} of a sentence's amounts, or None when it is not judged."""
    roles: dict = {r: [] for r in ROLES}
    covered: list = []
    prev = start
    for j, m in amounts:
        label = text[prev:m.start]
        for r in ROLES:
            hit = conf[r].regex.search(label)
            if hit and conf["plan"].regex.search(label):
                return None  # a planned figure among the roles
            if hit and r in ("spent", "balance") and conf["other_fund"].regex.search(label):
                return None  # the spending or balance of another fund or project
            if hit:
                roles[r].append((hit.group(0).strip(" \t:：,，、"), j, m))
                covered.append((prev + hit.start(), prev + hit.end()))
                break
        prev = m.end
    end = amounts[-1][1].end if amounts else start
    for w in conf["flow_word"].regex.finditer(text, start, max(end, start)):
        if not any(a <= w.start() and w.end() <= b for a, b in covered):
            return None  # 结转/结余 of a figure that is none of the roles
    return roles


def _sentence(ctx: Ctx, start: int, end: int, amounts: list, conf: dict) -> list[Finding]:
    text = ctx.text
    if conf["skip"].regex.search(text, start, end):
        return []
    if len({y.group(0) for y in conf["year"].regex.finditer(text, start, end)}) > 1:
        return []  # two years: not one year's flow
    roles = roles_of(text, start, amounts, conf)
    if roles is None or len(roles["received"]) != 1 or len(roles["spent"]) != 1 or len(roles["balance"]) > 1 \
            or len(roles["carried"]) > 1:
        return []
    spent_at = roles["spent"][0][2].start
    if roles["received"][0][2].start > spent_at or any(m.start < spent_at for _, _, m in roles["balance"]):
        return []  # not arrival, then spending, then what is left
    used = [m for r in ROLES for _, _, m in roles[r]]
    if any(m.approx for m in used) or len({m.source_unit or MONEY for m in used}) != 1:
        return []
    env: dict = {"carried": []}
    for r in ROLES:
        for label, j, m in roles[r]:
            ev = {"type": "mention", "index": j, "start": m.start, "end": m.end, "raw": m.raw, "label": label}
            q = ctx.q_value(m.value, mention=j, evidence=[ev])
            if q is None:
                return []
            if r == "carried":
                env[r].append(q)
            else:
                env[r] = q
    return flow_findings(ctx, env, "prose")


def flow_findings(ctx: Ctx, env: dict, case: str) -> list[Finding]:
    """The balance findings of one flow's figures ``env`` (role → value, carried a list): each
    constraint judged, messages of ``case`` ("prose", "vertical"; "…_over" for spent > what came)."""
    out = []
    for c in _checks():
        judged = _judge(ctx, c, env) if c.left.body.id in env else None
        if judged is None:
            continue
        v, stated, order = judged
        kind = f"{case}_over" if c.relation == "le" else case
        expr = f"{spoken(c.left.body, env)}{RELATION_SIGN[c.relation]}{spoken(c.right.body, env)}"
        figures = ctx.msg(RULE_ID, "figures", figures=spoken(c.right.body, _valued(env))) if len(order) > 1 else ""
        out.append(finding(ctx, RULE_ID, ctx.msg(RULE_ID, kind, expr=expr, figures=figures, **diff_fields(v)),
                           v, evidence(stated, *order)))
    return out


def _valued(env: dict) -> dict:
    """The environment with each figure named by its value (for spoken(): 170−179.6)."""
    def named(q):
        return SimpleNamespace(evidence=[{"label": fmt(q.value)}])
    return {k: [named(q) for q in v] if isinstance(v, list) else named(v) for k, v in env.items()}
