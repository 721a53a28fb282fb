"""One value per key: of a key's candidates the first in Candidate.order wins (narrative
report-level first, then forms, then group figures and heading scores; lower rank first; exact
values before targets; first in text), with the qualifiers of that value; then sums derived for
keys the report never states (total = basic + project)."""
from __future__ import annotations

from decimal import Decimal

from ...model import Fact
from .candidates import Candidate, close
from .vocabulary import Config


def choose(candidates: list[Candidate], cfg: Config) -> list[Fact]:
    """The facts of a report: a winner per key with its qualifiers, then the derived sums."""
    by_key: dict[str, list[Candidate]] = {}
    orphans: dict[str, list[Candidate]] = {}
    for c in candidates:
        if c.orphan:
            orphans.setdefault(c.key.split(".")[0], []).append(c)
            continue
        by_key.setdefault(c.key, []).append(c)
    facts: list[Fact] = []
    winners: dict[str, Candidate] = {}
    for key in sorted(by_key, key=lambda k: min(c.order() for c in by_key[k])):
        cands = sorted(by_key[key], key=Candidate.order)
        win = cands[0]
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
    return facts + derived_facts(winners, cfg)


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
                pattern_id="derived:" + "+".join(parts),
            )
        )
    return facts
