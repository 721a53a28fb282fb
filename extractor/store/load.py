"""Reading reports back: rows become the model's records again, with indexes as the pipeline made them.

``load_report`` is the one loader: a :class:`~extractor.model.StoredReport` holding the Report
(``recheck`` checks it again) and the ids of its rows (``publish.render`` links to them).
``load_fact_reports`` reads many reports at once with only what the prior-year rule needs.
"""
from __future__ import annotations

import json
import sqlite3

from ..errors import NoSuchReport
from ..model import (Fact, FactCandidate, Finding, Form, FormBudgetLine, FormValue, Indicator, Mention, Output, Project,
                     ProjectGroup, Report, Section, StoredReport)
from .schema import SCHEMA


def _rows(db, sql, params) -> list[dict]:
    """The rows of a query as dicts keyed by column name."""
    return [dict(r) for r in db.query(sql, params)]


def _select(db, table: str, where: str, args: list, order: str) -> list[dict]:
    """Rows of ``table`` with every column of SCHEMA: a database of an older version lacks some
    (they read as None) and may lack a table (no rows), and it still loads."""
    try:
        cursor = db.execute(f"select * from [{table}] where {where} order by {order}", args)
    except sqlite3.OperationalError as e:
        if "no such table" in str(e):
            return []
        raise
    names = [d[0] for d in cursor.description]
    blank = dict.fromkeys(SCHEMA[table]["columns"])
    return [{**blank, **dict(zip(names, row))} for row in cursor]


def _report_of_row(r: dict) -> Report:
    """A Report with a reports row's fields (no sections, mentions, ... yet)."""
    return Report(
        text=r["text"], title=r["title"], unit_name=r["unit_name"],
        unit_name_normalized=r["unit_name_normalized"], region=r["region"],
        fiscal_year=r["fiscal_year"], report_kind=r["report_kind"], template=r["template"],
        metadata_sources=json.loads(r["metadata_sources"]) if r["metadata_sources"] else {},
    )


def _evidence(text: str | None) -> list[dict]:
    """A findings row's evidence items; stored text that is not a JSON list of objects has none."""
    try:
        evidence = json.loads(text or "[]")
    except ValueError:
        return []
    return [e for e in evidence if isinstance(e, dict)] if isinstance(evidence, list) else []


def _fields(record_type) -> set[str]:
    return set(record_type.__dataclass_fields__)


def load_report(db, report_id: int) -> StoredReport:
    """Rebuild a Report (with indexes as the pipeline made them) from the database, with the ids
    of its rows; :class:`NoSuchReport` when there is no such report."""
    found = _select(db, "reports", "id = ?", [report_id], "id")
    if not found:
        raise NoSuchReport(f"no report with id {report_id} in the database")
    r = found[0]
    report = _report_of_row(r)
    ids: dict[str, list[int]] = {}
    where = "report_id = ?"

    sections = _select(db, "sections", where, [report_id], "ordinal, id")
    ordinal_of_section = {s["id"]: s["ordinal"] for s in sections}
    report.sections = [
        Section(ordinal=s["ordinal"], level=s["level"], number_label=s["number_label"],
                heading=s["heading"], start=s["start"], end=s["end"], page=s["page"],
                template_id=s["template_section"], body_end=s["body_end"], rule_id=s.get("rule_id"))
        for s in sections
    ]
    mentions = _select(db, "mentions", where, [report_id], "id")
    index_of_mention = {m["id"]: i for i, m in enumerate(mentions)}
    report.mentions = [
        Mention(kind=m["kind"], value=m["value"], unit=m["unit"], raw=m["raw"], start=m["start"],
                end=m["end"], rule_id=m["rule_id"], page=m["page"],
                section=ordinal_of_section.get(m["section_id"]), approx=bool(m["approx"]),
                comparator=m["comparator"], source_unit=m["source_unit"],
                bbox=tuple(json.loads(m["bbox"])) if m["bbox"] else None,
                low_confidence=bool(m["low_confidence"]))
        for m in mentions
    ]
    facts = _select(db, "facts", where, [report_id], "id")
    report.facts = [
        Fact(key=f["key"], value=f["value"], unit=f["unit"], mention=index_of_mention.get(f["mention_id"]),
             section=ordinal_of_section.get(f["section_id"]), derived=bool(f["derived"]), label=f["label"],
             start=f["start"], end=f["end"], rule_id=f["rule_id"], source=f["source"], page=f["page"])
        for f in facts
    ]
    candidates = _select(db, "fact_candidates", where, [report_id], "id")
    report.fact_candidates = [
        FactCandidate(key=c["key"], value=c["value"], unit=c["unit"], source=c["source"],
                      rule_id=c["rule_id"], why=c["why"], label=c["label"],
                      mention=index_of_mention.get(c["mention_id"]),
                      section=ordinal_of_section.get(c["section_id"]), start=c["start"], end=c["end"],
                      page=c["page"])
        for c in candidates
    ]
    groups = _select(db, "project_groups", where, [report_id], "ordinal, id")
    report.project_groups = [
        ProjectGroup(ordinal=g["ordinal"], label=g["label"], budget=g["budget"], adjustment=g["adjustment"],
                     spent=g["spent"], balance=g["balance"], start=g["start"], end=g["end"],
                     rule_id=g.get("rule_id"), page=g.get("page"))
        for g in groups
    ]
    projects = _select(db, "projects", where, [report_id], "ordinal, id")
    ordinal_of_project = {p["id"]: p["ordinal"] for p in projects}
    project_fields = _fields(Project)
    report.projects = [
        Project(**{k: v for k, v in p.items() if k in project_fields},
                section=ordinal_of_section.get(p["section_id"]),
                amount_mention=index_of_mention.get(p["amount_mention_id"]))
        for p in projects
    ]
    outputs = _select(db, "outputs", where, [report_id], "id")
    report.outputs = [
        Output(activity=o["activity"], value=o["value"], unit=o["unit"],
               mention=index_of_mention.get(o["mention_id"]), project=ordinal_of_project.get(o["project_id"]),
               start=o["start"], end=o["end"], rule_id=o.get("rule_id"), page=o.get("page"))
        for o in outputs
    ]
    forms = _select(db, "forms", where, [report_id], "form_index, id")
    line_fields = _fields(FormBudgetLine) - {"form"}
    indicator_fields = _fields(Indicator) - {"form"}
    value_fields = _fields(FormValue) - {"form"}
    form_fields = _fields(Form) - {"budget_lines", "indicators", "values", "index"}
    ids["form_budget_lines"], ids["indicators"], ids["form_values"] = [], [], []
    for f in forms:
        form = Form(index=f["form_index"], **{k: v for k, v in f.items() if k in form_fields})
        form.status = form.status or "read"  # a database from before unread forms were kept
        lines = _select(db, "form_budget_lines", "form_id = ?", [f["id"]], "id")
        form.budget_lines = [
            FormBudgetLine(form=form.index, **{k: v for k, v in row.items() if k in line_fields}) for row in lines
        ]
        indicators = _select(db, "indicators", "form_id = ?", [f["id"]], "id")
        form.indicators = [
            Indicator(form=form.index, **{k: v for k, v in row.items() if k in indicator_fields})
            for row in indicators
        ]
        for ind in form.indicators:
            ind.met = None if ind.met is None else bool(ind.met)
        values = _select(db, "form_values", "form_id = ?", [f["id"]], "id")
        form.values = [FormValue(form=form.index, **{k: v for k, v in row.items() if k in value_fields})
                       for row in values]
        report.forms.append(form)
        ids["form_budget_lines"] += [row["id"] for row in lines]
        ids["indicators"] += [row["id"] for row in indicators]
        ids["form_values"] += [row["id"] for row in values]
    findings = _select(db, "findings", where, [report_id], "id")
    report.findings = [
        Finding(rule=f["rule"], severity=f["severity"], message=f["message"], expected=f["expected"],
                actual=f["actual"], difference=f["difference"], evidence=_evidence(f["evidence"]))
        for f in findings
    ]
    for table, rows in (("sections", sections), ("mentions", mentions), ("facts", facts),
                        ("fact_candidates", candidates),
                        ("project_groups", groups), ("projects", projects), ("outputs", outputs),
                        ("forms", forms), ("findings", findings)):
        ids[table] = [row["id"] for row in rows]
    docs = _select(db, "documents", "id = ?", [r["document_id"]], "id")
    return StoredReport(report=report, id=report_id, document_id=r["document_id"],
                        file_name=docs[0]["file_name"] if docs else None, row_ids=ids)


# Facts in load_report's order, each with the mention it cites (of its own report) and that
# mention's index in load_report's mention order (its rank by id within the report).
_FACTS_WITH_MENTIONS = (
    "select f.*,"
    " fs.ordinal as section, m.kind as m_kind, m.value as m_value, m.unit as m_unit, m.raw as m_raw,"
    " m.start as m_start, m.end as m_end, m.rule_id as m_rule_id, m.page as m_page,"
    " ms.ordinal as m_section, m.approx as m_approx, m.comparator as m_comparator,"
    " m.source_unit as m_source_unit, m.bbox as m_bbox, m.low_confidence as m_low_confidence,"
    " case when m.id is not null then"
    " (select count(*) from mentions o where o.report_id = m.report_id and o.id < m.id) end as m_index"
    " from facts f left join sections fs on fs.id = f.section_id and fs.report_id = f.report_id"
    " left join mentions m on m.id = f.mention_id and m.report_id = f.report_id"
    " left join sections ms on ms.id = m.section_id and ms.report_id = m.report_id"
    " where f.report_id in (select value from json_each(?)) order by f.report_id, f.id"
)


def load_fact_reports(db, report_ids) -> dict[int, Report]:
    """Many reports in a few queries, with only what fact rules read: the report row, its facts
    and the mentions they cite. Indexes are load_report's: Report.mentions has a slot for every
    mention of the report, and the slots no fact cites stay None."""
    ids = json.dumps(sorted(report_ids))
    reports = {
        r["id"]: _report_of_row(r)
        for r in _rows(db, "select * from reports where id in (select value from json_each(?))", [ids])
    }
    for report_id, n in db.execute(
        "select report_id, count(*) from mentions where report_id in (select value from json_each(?))"
        " group by report_id", [ids],
    ):
        reports[report_id].mentions = [None] * n
    for f in _rows(db, _FACTS_WITH_MENTIONS, [ids]):
        report, index = reports[f["report_id"]], f["m_index"]
        if index is not None and report.mentions[index] is None:
            report.mentions[index] = Mention(
                kind=f["m_kind"], value=f["m_value"], unit=f["m_unit"], raw=f["m_raw"], start=f["m_start"],
                end=f["m_end"], rule_id=f["m_rule_id"], page=f["m_page"], section=f["m_section"],
                approx=bool(f["m_approx"]), comparator=f["m_comparator"], source_unit=f["m_source_unit"],
                bbox=tuple(json.loads(f["m_bbox"])) if f["m_bbox"] else None,
                low_confidence=bool(f["m_low_confidence"]))
        report.facts.append(Fact(
            key=f["key"], value=f["value"], unit=f["unit"], mention=index, section=f["section"],
            derived=bool(f["derived"]), label=f["label"], start=f["start"], end=f["end"], rule_id=f["rule_id"],
            source=f.get("source"), page=f.get("page")))
    return reports
