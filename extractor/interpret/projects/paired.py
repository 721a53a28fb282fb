"""Two projects named together by a single-project title ("…支持A项目和B项目2020年度绩效自评报告"):
each is a project when the text states its own money right after its name ("…A专项资金5000万元;
支持B专项资金1500万元"); otherwise the title stays one project."""
from __future__ import annotations

from ...model import Project, Report
from .vocabulary import vocab


def paired_projects(report: Report, name: str) -> list[Project]:
    """The two projects of a title name "A项目和B项目", each with the amount that follows its name in
    the text (within ``title.pair_reach`` characters, in the same clause); [] unless both have one."""
    v = vocab()
    m = v.title_pair.fullmatch(name)
    if not m:
        return []
    out: list[Project] = []
    for part in (m.group("a"), m.group("b")):
        part = v.title_pair_lead.sub("", part)
        word = v.item_project_word.search(part)
        core = part[: word.start()] if word else part
        found = _amount_after(report, core)
        if found is None:
            return []
        start, i = found
        out.append(
            Project(
                ordinal=len(out) + 1,
                name=part,
                amount=report.mentions[i].value,
                amount_mention=i,
                start=start,
                end=report.mentions[i].end,
                rule_id="projects:paired",
            )
        )
    return out


def _amount_after(report: Report, core: str) -> tuple[int, int] | None:
    """(start of ``core`` in the text, index of the amount right after it in its clause), first found."""
    v, text = vocab(), report.text
    if len(core) < 4:
        return None
    pos = text.find(core)
    while pos != -1:
        after = pos + len(core)
        for i, mt in enumerate(report.mentions):
            if mt.kind != "amount" or mt.value is None or not (after <= mt.start <= after + v.title_pair_reach):
                continue
            if not any(ch in v.clause_end for ch in text[after:mt.start]):
                return pos, i
        pos = text.find(core, after)
    return None
