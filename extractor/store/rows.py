"""One document's rows, with ids local to the document: what SQLite and Parquet shards both store.

``document_rows(extraction)`` turns an Extraction into the rows of every table, ids counted from 1
within the document, and references (``report_id``, ``mention_id``, ...) pointing at those local
ids. It speaks no SQL and touches no database, so a worker process (or a Dask task) builds the rows
and the single writer only shifts the ids past the ones already stored (``REFS`` says which column
points at which table) and inserts. The search words of each section (``index_text``, jieba) are
computed here when ``search_words`` is set (a Dask task: a cluster's single client must not cut
every section); otherwise the writer fills them in (``with_search_words``): on a 2-core machine
one jieba dictionary and one cache in the writer cost less CPU than one per worker.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from ..model import Extraction, Report
from .reviews import fingerprint
from .schema import SCHEMA
from .search import index_text

# Tables of one document, in the order they are written (parents before children).
DOCUMENT_TABLES = [
    "documents", "reports", "sections", "mentions", "facts", "fact_candidates", "project_groups", "projects",
    "outputs", "forms", "form_budget_lines", "indicators", "form_values", "findings", "source_tables",
]

# Which column of a table points at which table: these ids move with the document's offset.
REFS: dict[str, dict[str, str]] = {
    "reports": {"document_id": "documents"},
    "sections": {"report_id": "reports"},
    "mentions": {"report_id": "reports", "section_id": "sections"},
    "facts": {"report_id": "reports", "mention_id": "mentions", "section_id": "sections"},
    "fact_candidates": {"report_id": "reports", "mention_id": "mentions", "section_id": "sections"},
    "project_groups": {"report_id": "reports"},
    "projects": {"report_id": "reports", "section_id": "sections", "amount_mention_id": "mentions"},
    "outputs": {"report_id": "reports", "project_id": "projects", "mention_id": "mentions"},
    "forms": {"report_id": "reports"},
    "form_budget_lines": {"report_id": "reports", "form_id": "forms"},
    "indicators": {"report_id": "reports", "form_id": "forms"},
    "form_values": {"report_id": "reports", "form_id": "forms"},
    "findings": {"report_id": "reports"},
    "source_tables": {"document_id": "documents"},
}

# Columns of the documents row that the writer fills in (where and when it was stored).
WRITER_COLUMNS = ("path", "mtime", "ingested_at", "extractor_version", "patterns_version")


def columns(table: str) -> list[str]:
    """The columns a document's rows of ``table`` carry, in SCHEMA order."""
    return list(SCHEMA[table]["columns"])


@dataclass
class DocumentRows:
    """Every row of one document: ``tables[name]`` is a list of tuples in ``columns(name)`` order,
    ids local to the document (the documents row is id 1, its first report id 1, ...)."""

    tables: dict[str, list[tuple]] = field(default_factory=dict)

    def count(self, table: str) -> int:
        """How many rows of ``table`` the document has."""
        return len(self.tables.get(table, ()))

    def years(self) -> list[int | None]:
        """The fiscal year of each report, by local report id - 1."""
        i = columns("reports").index("fiscal_year")
        return [r[i] for r in self.tables.get("reports", [])]

    def document(self) -> dict:
        """The documents row as a dict (path, mtime, ... not yet filled)."""
        return dict(zip(columns("documents"), self.tables["documents"][0]))


def _tuples(table: str, rows: list[dict]) -> list[tuple]:
    cols = columns(table)
    return [tuple(r.get(c) for c in cols) for r in rows]


def document_rows(extraction: Extraction, search_words: bool = True) -> DocumentRows:
    """The rows of every table for one extraction, ids local to the document (see module doc);
    sections.search_text is left None unless ``search_words``."""
    info = extraction.document
    out: dict[str, list[dict]] = {t: [] for t in DOCUMENT_TABLES}
    out["documents"].append({
        "id": 1, "file_name": info.file_name, "format": info.format, "pages": info.pages,
        "size_bytes": info.size_bytes, "sha256": info.sha256, "encoding": info.encoding,
        "ocr": int(info.ocr), "ocr_confidence": info.ocr_confidence,
    })
    for ordinal, report in enumerate(extraction.reports):
        _report_rows(out, 1, ordinal, report, search_words, info.sha256)
    out["source_tables"] = [
        {
            "id": i + 1, "document_id": 1, "table_index": t.index, "page": t.page, "n_rows": len(t.rows),
            "n_cols": max((len(r) for r in t.rows), default=0),
            "rows_json": json.dumps(t.rows, ensure_ascii=False),
        }
        for i, t in enumerate(extraction.tables)
    ]
    return DocumentRows({t: _tuples(t, rows) for t, rows in out.items()})


def _report_rows(out: dict[str, list[dict]], doc_id: int, ordinal: int, report: Report,
                 search_words: bool = True, sha256: str | None = None) -> None:
    """Append one report's rows to ``out``; record indexes become local row ids."""
    report_id = len(out["reports"]) + 1
    out["reports"].append({
        "id": report_id, "document_id": doc_id, "ordinal": ordinal, "title": report.title,
        "unit_name": report.unit_name, "unit_name_normalized": report.unit_name_normalized,
        "region": report.region, "fiscal_year": report.fiscal_year,
        "report_kind": report.report_kind, "template": report.template,
        "metadata_sources": json.dumps(report.metadata_sources, ensure_ascii=False) if report.metadata_sources else None,
        "text": report.text,
    })
    section_ids = {}
    base = len(out["sections"])
    for i, s in enumerate(report.sections):
        section_ids[s.ordinal] = base + i + 1
        # Own text only (up to the first subsection): nested text would be stored and indexed
        # once per level, and a search hit would name every enclosing section too.
        body_end = s.end if s.body_end is None else s.body_end
        body = report.text[s.start:body_end]
        out["sections"].append({
            "id": base + i + 1, "report_id": report_id, "ordinal": s.ordinal, "level": s.level,
            "number_label": s.number_label, "heading": s.heading, "template_section": s.template_id,
            "start": s.start, "end": s.end, "body_end": body_end, "page": s.page, "rule_id": s.rule_id, "body": body,
            "search_text": index_text(body) if search_words else None,
        })
    mention_ids = {}
    base = len(out["mentions"])
    for i, m in enumerate(report.mentions):
        mention_ids[i] = base + i + 1
        out["mentions"].append({
            "id": base + i + 1, "report_id": report_id, "section_id": section_ids.get(m.section),
            "kind": m.kind, "value": m.value, "unit": m.unit, "raw": m.raw, "start": m.start,
            "end": m.end, "page": m.page, "approx": int(m.approx), "comparator": m.comparator,
            "source_unit": m.source_unit, "rule_id": m.rule_id,
            "bbox": json.dumps(list(m.bbox)) if m.bbox else None, "low_confidence": int(m.low_confidence),
        })
    _append(out, "facts", [
        {
            "report_id": report_id, "key": f.key, "value": f.value, "unit": f.unit,
            "mention_id": mention_ids.get(f.mention), "section_id": section_ids.get(f.section),
            "derived": int(f.derived), "label": f.label, "start": f.start, "end": f.end,
            "rule_id": f.rule_id, "source": f.source, "page": f.page,
        }
        for f in report.facts
    ])
    _append(out, "fact_candidates", [
        {
            "report_id": report_id, "key": c.key, "value": c.value, "unit": c.unit, "source": c.source,
            "rule_id": c.rule_id, "label": c.label, "mention_id": mention_ids.get(c.mention),
            "section_id": section_ids.get(c.section), "start": c.start, "end": c.end, "page": c.page,
            "why": c.why,
        }
        for c in report.fact_candidates
    ])
    _append(out, "project_groups", [{"report_id": report_id, **asdict(g)} for g in report.project_groups])
    project_ids = {}
    base = len(out["projects"])
    for i, p in enumerate(report.projects):
        project_ids[p.ordinal] = base + i + 1
        row = asdict(p)
        row.update(
            id=base + i + 1, report_id=report_id, section_id=section_ids.get(row.pop("section")),
            amount_mention_id=mention_ids.get(row.pop("amount_mention")),
        )
        out["projects"].append(row)
    _append(out, "outputs", [
        {
            "report_id": report_id, "project_id": project_ids.get(o.project), "activity": o.activity,
            "value": o.value, "unit": o.unit, "mention_id": mention_ids.get(o.mention),
            "start": o.start, "end": o.end, "page": o.page, "rule_id": o.rule_id,
        }
        for o in report.outputs
    ])
    for form in report.forms:
        form_id = len(out["forms"]) + 1
        row = {k: v for k, v in asdict(form).items() if k not in ("budget_lines", "indicators", "values", "index")}
        out["forms"].append({"id": form_id, "report_id": report_id, "form_index": form.index, **row})
        _append(out, "form_budget_lines", [
            {"report_id": report_id, "form_id": form_id, **{k: v for k, v in asdict(line).items() if k != "form"}}
            for line in form.budget_lines
        ])
        _append(out, "indicators", [
            {"report_id": report_id, "form_id": form_id, **{k: v for k, v in asdict(ind).items() if k != "form"},
             "met": None if ind.met is None else int(ind.met)}
            for ind in form.indicators
        ])
        _append(out, "form_values", [
            {"report_id": report_id, "form_id": form_id, **{k: v for k, v in asdict(value).items() if k != "form"}}
            for value in form.values
        ])
    _append(out, "findings", finding_rows(report_id, report.findings, mention_ids, sha256, ordinal))


def with_search_words(rows: DocumentRows) -> DocumentRows:
    """``rows`` with every section's search_text filled in (index_text of its body) where missing."""
    cols = columns("sections")
    body, words = cols.index("body"), cols.index("search_text")
    sections = rows.tables.get("sections", [])
    if all(t[words] is not None for t in sections):
        return rows
    filled = [t if t[words] is not None else (*t[:words], index_text(t[body] or ""), *t[words + 1:]) for t in sections]
    return DocumentRows({**rows.tables, "sections": filled})


def _append(out: dict[str, list[dict]], table: str, rows: list[dict]) -> None:
    """Append rows to ``out[table]``, numbering them on from the rows already there."""
    base = len(out[table])
    for i, row in enumerate(rows):
        row["id"] = base + i + 1
        out[table].append(row)


def finding_rows(report_id: int, findings, mention_ids: dict[int, int] | None = None,
                 sha256: str | None = None, ordinal: int | None = None) -> list[dict]:
    """findings rows of one report; evidence items pointing at this report's mention indexes get
    the mention's row id (``mention_ids``: index in Report.mentions → id; an item of another
    report, ``"report": "previous"``, keeps its own), and each finding its fingerprint from the
    report's identity (document ``sha256``, ``ordinal``; store/reviews.py)."""
    rows = []
    for f in findings:
        evidence = []
        for item in f.evidence:
            item = dict(item)
            if (item.get("type") == "mention" and mention_ids is not None and "index" in item
                    and item.get("report", "current") == "current"):
                item["id"] = mention_ids.get(item["index"])
            evidence.append(item)
        rows.append({
            "report_id": report_id, "rule": f.rule, "severity": f.severity, "message": f.message,
            "expected": f.expected, "actual": f.actual, "difference": f.difference,
            "evidence": json.dumps(evidence, ensure_ascii=False),
            "fingerprint": fingerprint(sha256, ordinal, f.rule, f.expected, f.actual, f.evidence),
        })
    return rows


def shift_evidence(evidence: str | None, mention_offset: int) -> str | None:
    """A findings row's evidence JSON with its mention ids moved by ``mention_offset``."""
    if not evidence or not mention_offset or '"id"' not in evidence:
        return evidence
    items = json.loads(evidence)
    for item in items:
        if item.get("type") == "mention" and item.get("id") is not None:
            item["id"] += mention_offset
    return json.dumps(items, ensure_ascii=False)


def shifted(rows: DocumentRows, offsets: dict[str, int]) -> dict[str, list[tuple]]:
    """``rows`` with every id and reference moved past ``offsets`` (table → ids already used), as
    the writer stores them."""
    out = {}
    for table, tuples in rows.tables.items():
        if not tuples:
            out[table] = tuples
            continue
        cols = columns(table)
        moves = [(0, offsets.get(table, 0))]
        moves += [(cols.index(c), offsets.get(target, 0)) for c, target in REFS.get(table, {}).items()]
        moves = [(i, d) for i, d in moves if d]
        ev = cols.index("evidence") if table == "findings" and offsets.get("mentions") else None
        if not moves and ev is None:
            out[table] = tuples
            continue
        new = []
        for t in tuples:
            t = list(t)
            for i, d in moves:
                if t[i] is not None:
                    t[i] += d
            if ev is not None:
                t[ev] = shift_evidence(t[ev], offsets["mentions"])
            new.append(tuple(t))
        out[table] = new
    return out
