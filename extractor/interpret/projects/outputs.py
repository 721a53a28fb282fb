"""Outputs: work quantities in runs opened by 完成 ("完成…沥青调补241立方;垮方清理962立方;…") and
satisfaction rates ("群众满意度为90%"), linked to the project whose span holds them."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from ...model import Output, Project, Report
from .amounts import clause_prefix
from .vocabulary import vocab


@dataclass
class Run:
    """A run of work quantities after one completion phrase."""

    start: int  # where the completion phrase starts
    text_start: int  # where the quantities' text starts (after 完成)
    end: int
    outputs: list[Output]


def _clean_activity(s: str) -> str:
    v = vocab()
    s = s.strip(" 、,:")
    s = v.lead.sub("", s)
    s = v.trail.sub("", s)
    return s.strip(" 、,:")


def completion_runs(report: Report) -> list[Run]:
    """Runs of work quantities opened by a completion phrase."""
    v, text, mentions = vocab(), report.text, report.mentions
    runs: list[Run] = []
    used: set[int] = set()
    by_start = sorted(
        (m.start, i) for i, m in enumerate(mentions) if m.value is not None
    )
    starts = [s for s, _ in by_start]
    for cm in v.completion.finditer(text):
        if runs and cm.start() < runs[-1].end:
            continue
        sentence_end = min(
            (i for i in (text.find("。", cm.end()), text.find("\n", cm.end())) if i != -1),
            default=len(text),
        )
        run = Run(cm.start(), cm.end(), cm.end(), [])
        pos = cm.end()
        for piece in v.piece_split.split(text[cm.end():sentence_end]):
            p_start, p_end = pos, pos + len(piece)
            pos = p_end + 1
            inside = [i for _, i in by_start[bisect_left(starts, p_start):bisect_left(starts, p_end)]]
            if any(mentions[i].kind == "amount" for i in inside):
                break
            work = [i for i in inside if mentions[i].kind in v.output_kinds and not mentions[i].comparator]
            if not work or any(i in used for i in work):
                break
            prev = p_start
            for k, i in enumerate(work):
                m = mentions[i]
                activity = _clean_activity(text[prev:m.start])
                if not activity and k == 0:
                    activity = _clean_activity(text[m.end:p_end])
                if not activity and run.outputs:
                    activity = run.outputs[-1].activity
                run.outputs.append(
                    Output(activity=activity, value=m.value, unit=m.unit, mention=i, start=p_start, end=p_end,
                           rule_id="outputs:completion", page=m.page)
                )
                used.add(i)
                prev = m.end
            run.end = p_end
        if not run.outputs:
            run.end = _first_clause_end(text, cm.end(), sentence_end)
        elif len(run.outputs) > 1:
            first = run.outputs[0]
            cut = v.scope.match(first.activity)
            if cut and len(first.activity) - cut.end() >= 2:
                for o in run.outputs:
                    if o.start == first.start and o.activity == first.activity:
                        o.activity = first.activity[cut.end():]
        runs.append(run)
    return runs


def _first_clause_end(text: str, start: int, limit: int) -> int:
    m = vocab().piece_split.search(text, start, limit)
    return m.start() if m else limit


def satisfaction_outputs(report: Report) -> list[Output]:
    """Satisfaction rates ("群众满意度为90%") as outputs named satisfaction_activity."""
    v, text = vocab(), report.text
    out = []
    for i, m in enumerate(report.mentions):
        if m.kind != "percent" or m.value is None or m.comparator:
            continue
        prefix = clause_prefix(text, m.start, v.window)
        for sm in v.satisfaction.finditer(prefix, overlapped=True):
            if not v.connector.match(prefix[sm.end():]):
                continue
            out.append(
                Output(
                    activity=v.satisfaction_activity, value=m.value, unit=m.unit, mention=i,
                    start=m.start - len(prefix), end=m.end, rule_id="outputs:satisfaction", page=m.page,
                )
            )
            break
    return out


def find_outputs(report: Report, runs: list[Run] | None = None) -> list[Output]:
    """Work quantities of the completion runs (``runs``: completion_runs(report), if known) and
    satisfaction rates, in text order."""
    if runs is None:
        runs = completion_runs(report)
    outputs = [o for run in runs for o in run.outputs]
    outputs += satisfaction_outputs(report)
    outputs.sort(key=lambda o: (o.start, o.mention if o.mention is not None else -1))
    return outputs


def attach_outputs(report: Report, projects: list[Project], outputs: list[Output], single: bool,
                    runs: list[Run]) -> None:
    """Link outputs to the project whose span holds them; fill each project's output fields."""
    text = report.text
    for o in outputs:
        if single:
            o.project = projects[0].ordinal
            continue
        for p in projects:
            if p.start is not None and p.end is not None and p.start <= o.start < p.end and p.section is not None:
                o.project = p.ordinal
                break
    for p in projects:
        if p.section is None and not single:
            continue
        inside = [r for r in runs if p.start <= r.start < p.end]
        run = next((r for r in inside if r.outputs), None) or next(
            (r for r in inside if text[r.text_start:r.end].strip()), None
        )
        if run is None:
            continue
        p.output_text = text[run.text_start:run.end].strip() or None
        if run.outputs:
            first = run.outputs[0]
            p.output_value, p.output_unit = first.value, first.unit
