"""Candidates stated in the report's prose: labels bound to values, in their scope, with their
qualifiers; a category's budget figures as the category's own value; scores under a heading."""
from __future__ import annotations

from .candidates import Candidate, Label, candidate
from .labels import bind, find_labels
from .qualifiers import qualifiers, subject_qualifiers
from .reading import Reading
from .scope import heading_subject, scope, subjects
from .scores import heading_scores


def narrative_candidates(r: Reading) -> list[Candidate]:
    """Every candidate the text states, in label order, then the heading scores."""
    labels = find_labels(r)
    limits = [labels[n + 1].start if n + 1 < len(labels) else len(r.text) for n in range(len(labels))]
    bound = [bind(r, lab, limit) for lab, limit in zip(labels, limits)]
    # A label restated with its change ("“三公”经费比去年减少了1.44万元") is no subject of
    # the budget figures after it: it is done once its change is read.
    restated = {
        n: quals for n, lab in enumerate(labels)
        if bound[n] is None and (quals := subject_qualifiers(r, lab, limits[n]))
    }
    owner = subjects(r, labels, [b if n not in restated else True for n, b in enumerate(bound)])
    out = []
    spent = [lab for n, lab in enumerate(labels) if bound[n] is not None and lab.entry.key == r.cfg.subject_value_key]
    for n, lab in enumerate(labels):
        if bound[n] is None:
            if n not in owner:
                out.extend(restated.get(n, []))
            continue
        idx, m = bound[n]
        if n not in owner and (head := heading_subject(r, lab, spent)) is not None:
            # the one spending figure under a category's heading ("(二)项目支出") is the category's
            if (where := scope(r, head)) in head.entry.scopes:
                out.append(candidate(r, head, idx, m, where, rank=head.entry.rank + 1,
                                     rule_id=f"fact:{head.entry.id}+heading+{lab.entry.id}",
                                     source=source_of(r, lab, m)))
            continue
        if n in owner:
            # A budget figure of a category: the category's executed amount is its value.
            subject = labels[owner[n]]
            if lab.entry.key != r.cfg.subject_value_key or subject.entry.value != lab.entry.value:
                continue
            where = scope(r, subject)
            if where not in subject.entry.scopes:
                continue
            cand = candidate(
                r, subject, idx, m, where, rank=subject.entry.rank + 1,
                rule_id=f"fact:{subject.entry.id}+{lab.entry.id}", source=source_of(r, lab, m),
            )
            cand.qualifiers = qualifiers(r, cand, m, limits[n])
            out.append(cand)
            continue
        where = scope(r, lab)
        if where not in lab.entry.scopes:
            continue
        stage = budget_stage(r, lab)
        cand = candidate(r, lab, idx, m, where, source=source_of(r, lab, m), rank=lab.entry.rank + stage)
        if stage:
            cand.demoted = "a budget figure (its sentence speaks of a budget) after a spending one"
        cand.qualifiers = qualifiers(r, cand, m, limits[n])
        out.append(cand)
        if lab.inner is not None and (inner_scope := scope(r, lab.inner)) in lab.inner.entry.scopes:
            # "财政拨款收入合计2024.05万元": the appropriation's figure too
            out.append(candidate(r, lab.inner, idx, m, inner_scope, source=cand.source,
                                 rank=lab.inner.entry.rank + stage))
    return out + heading_scores(r)


def budget_stage(r: Reading, lab: Label) -> int:
    """1 when the nearest word of a stage before the label in its sentence speaks of a budget
    (预算, 安排), not of spending (决算, 实际, 执行): a category's figure there is its budget, which
    ranks after a spending statement (see [stage])."""
    cfg = r.cfg
    if lab.entry.key not in cfg.stage_keys:
        return 0
    s_start, _ = r.sentence_bounds(lab.start)
    before = r.text[s_start:lab.start]
    budget = [m.end() for m in cfg.budget_stage.finditer(before)]
    actual = [m.end() for m in cfg.actual_stage.finditer(before)]
    return int(bool(budget) and max(budget) > max(actual, default=-1))


def source_of(r: Reading, lab: Label, m) -> str:
    """table when the value sits in a later cell or line than its label (bound across a cell
    boundary, see labels.bind_cells), else prose."""
    return "table" if r.cfg.cell_boundary.search(r.text, lab.end, max(lab.end, m.start)) else "prose"
