"""Self-assessment scores ("自评得分98分", "自评总分: 95"): bound to their label, or found under
a self-score heading ("(一)自评得分"). The quantity recognizer has no 分 unit, so a score found
here becomes a new mention of kind ``score`` (see Reading.add_mention)."""
from __future__ import annotations

from ...model import Mention
from .candidates import Candidate, Label, candidate
from .reading import Reading


def bind_score(r: Reading, lab: Label, stop_at: int) -> tuple[int, Mention] | None:
    """"自评得分为98分", "自评总分: 95": only linking words between the label and the score
    (a column header "自评分" does not reach the next row's "项目决策 2 分")."""
    cfg, text = r.cfg, r.text
    m = cfg.score.search(text, lab.end, min(len(text), stop_at + 8))
    if not m or m.start() >= stop_at or not cfg.score_gap.fullmatch(text[lab.end: m.start()]):
        if not cfg.score_bare_label.fullmatch(lab.text):
            return None  # "自评分 18": a column header of per-row scores
        m = cfg.score_bare.match(text, lab.end, min(len(text), stop_at + 8))
        if not m or m.start("num") >= stop_at:
            return None
    return score_mention(r, m, lab.entry.max)


def score_mention(r: Reading, m, max_value: float | None) -> tuple[int, Mention] | None:
    """The score mention of the match ``m`` (group num): the one already at its span, else a
    new one added to the reading."""
    value = float(m.group("num"))
    if max_value is not None and value > max_value:
        return None
    start, end = m.start("num"), m.end()
    known = r.mention_at(start, end)
    if known is not None:
        return known, r.mentions[known]
    mention = Mention(
        kind="score",
        value=value,
        unit=r.cfg.score_unit,
        raw=r.text[start:end],
        start=start,
        end=end,
        rule_id="fact:score",
        page=r.report.page_at(start),
        section=r.section_at(start),
    )
    return r.add_mention(mention), mention


def heading_scores(r: Reading) -> list[Candidate]:
    """Under a heading that is a self-score label ("(一)自评得分"), the first score of its body
    ("…开展绩效评分100分,自评为优。"), unless it is a full mark or a weight (满分100分)."""
    cfg, text = r.cfg, r.text
    entry = next((e for e in cfg.entries if e.key == "self_score"), None)
    if entry is None:
        return []
    out = []
    for sec in r.sections:
        if not cfg.score_heading.fullmatch((sec.heading or "").strip()):
            continue
        body = text.find("\n", sec.start)
        if body < 0 or body >= sec.end:
            continue
        reach = min(sec.end, body + cfg.score_heading_reach)
        m = cfg.score.search(text, body, reach)
        if m is None or m.end() > reach:
            continue
        s_start, _ = r.sentence_bounds(m.start())
        if cfg.score_heading_reject.search(text[max(s_start, body): m.start()]):
            continue
        if r.kind == "department" and any(p.start <= sec.start < p.end for p in r.project_sections):
            continue
        bound = score_mention(r, m, entry.max)
        if bound is None:
            continue
        idx, mention = bound
        lab = Label(entry, sec.start, body, (sec.heading or "").strip())
        out.append(candidate(r, lab, idx, mention, "heading", rank=max(entry.rank, 1),
                             rule_id="fact:self_score_heading"))
        break
    return out
