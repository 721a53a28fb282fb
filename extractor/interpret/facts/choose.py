"""One value per key: of a key's candidates the first in Candidate.order wins (form before
table before prose; report-level before group figures and heading scores; lower rank first;
exact values before targets; first in text) unless the arithmetic of 执行率 settles it (see
arithmetic.py), with the qualifiers of that value; then sums
derived for keys the report never states (total = basic + project). Every other reading of a
key is kept as a FactCandidate saying why it lost."""
from __future__ import annotations

from decimal import Decimal

from ...model import Fact, FactCandidate
from .arithmetic import settle_by_rate
from .candidates import Candidate, close
from .vocabulary import Config


def choose(candidates: list[Candidate], cfg: Config) -> tuple[list[Fact], list[FactCandidate]]:
    """The facts of a report (a winner per key with its qualifiers, then the derived sums) and
    the readings that lost, each with the reason."""
    by_key: dict[str, list[Candidate]] = {}
    orphans: dict[str, list[Candidate]] = {}
    for c in candidates:
        if c.orphan:
            orphans.setdefault(c.key.split(".")[0], []).append(c)
            continue
        by_key.setdefault(c.key, []).append(c)
    facts: list[Fact] = []
    lost: list[FactCandidate] = []
    winners: dict[str, Candidate] = {}
    ordered = {key: sorted(cands, key=Candidate.order) for key, cands in by_key.items()}
    settle_by_rate(ordered, cfg)
    for key in sorted(ordered, key=lambda k: min(c.order() for c in ordered[k])):
        cands = ordered[key]
        win = cands[0]
        if win.barred is not None:
            lost.extend(c.lost(c.barred) for c in cands)  # no reading of the key may stand
            continue
        winners[key] = win
        facts.append(win.fact())
        # Qualifiers of every statement of the winning value, the winner's own first.
        chosen: dict[str, Candidate] = {}
        for c in cands:
            if not close(c.value, win.value):
                continue
            for q in c.qualifiers:
                chosen.setdefault(q.key, q)
        if win.scope in ("report", "form"):
            for q in orphans.get(key, []):
                chosen.setdefault(q.key, q)
        facts.extend(q.fact() for q in sorted(chosen.values(), key=lambda q: q.start))
        for c in cands[1:]:
            lost.append(c.lost(c.why_lost_to(win)))
            for q in c.qualifiers:
                if chosen.get(q.key) is not q:
                    lost.append(q.lost(f"qualifies {c.value:g}, not the fact's value {win.value:g}"
                                       if not close(c.value, win.value) else "a qualifier stated again"))
    lost.sort(key=lambda c: (c.start is None, c.start or 0, c.key))
    return facts + derived_facts(winners, cfg), lost


def derived_facts(winners: dict[str, Candidate], cfg: Config) -> list[Fact]:
    """Sums of ``[[derived]]`` keys no candidate states, when every part has a winner."""
    facts = []
    for key, parts in cfg.derived:
        if key in winners or not all(p in winners for p in parts):
            continue
        total = sum((Decimal(repr(winners[p].value)) for p in parts), Decimal(0))
        facts.append(
            Fact(
                key=key,
                value=float(total),
                unit=cfg.unit_of_key.get(key),
                mention=None,
                section=None,
                derived=True,
                label=" + ".join(winners[p].label or p for p in parts),
                start=None,
                end=None,
                rule_id="derived:" + "+".join(parts),
            )
        )
    return facts
