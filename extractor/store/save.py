"""Writing: one document's rows in one transaction, failures, findings, and linking's results.

Rows are produced by the pure stages; ``save_extraction`` writes one document's rows in a single
transaction, replacing whatever that path had before, so a crash never leaves half a document.
Record indexes (``Fact.mention`` = position in ``Report.mentions``) become row ids here.
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict
from datetime import datetime, timezone

from .. import __version__, rules
from ..model import Extraction, Report
from .reviews import fingerprint, report_identity
from .schema import REPORT_CHILDREN, ensure_linking_shape
from .search import index_text


def _now() -> str:
    """The time of writing, UTC, to the second (documents.ingested_at, ingest_errors.at)."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _next_id(db, table: str) -> int:
    """The id the next row of ``table`` gets: ids are set here so children can point at parents."""
    return db.execute(f"select coalesce(max(id), 0) + 1 from [{table}]").fetchone()[0]


def document_state(db, path: str) -> dict | None:
    """What the database knows of ``path``: id, size, mtime, sha256, versions."""
    rows = list(db.query(
        "select id, size_bytes, mtime, sha256, extractor_version, patterns_version"
        " from documents where path = ?", [path]))
    return rows[0] if rows else None


def is_current(state: dict | None, size: int, mtime: float, sha256: str | None = None) -> bool:
    """True when ``path`` was ingested from these bytes by this extractor and these patterns."""
    if not state:
        return False
    if state["extractor_version"] != __version__ or state["patterns_version"] != rules.fingerprint():
        return False
    if sha256 is not None:
        return state["sha256"] == sha256
    return state["size_bytes"] == size and state["mtime"] == mtime


def _delete_document(db, document_id: int) -> None:
    """Delete a document, its reports and every row that belongs to them."""
    report_ids = [r[0] for r in db.execute("select id from reports where document_id = ?", [document_id])]
    if report_ids:
        marks = ",".join("?" * len(report_ids))
        for table in REPORT_CHILDREN:
            db.execute(f"delete from [{table}] where report_id in ({marks})", report_ids)
        db.execute(f"delete from reports where id in ({marks})", report_ids)
        db.execute(f"delete from pending_links where report_id in ({marks})", report_ids)
    db.execute("delete from source_tables where document_id = ?", [document_id])
    db.execute("delete from documents where id = ?", [document_id])


def save_extraction(db, extraction: Extraction, path: str, size: int | None = None,
                    mtime: float | None = None) -> int:
    """Replace ``path``'s rows with this extraction, in one transaction. Returns the document id.

    ``size``/``mtime`` are what the next run compares to skip an unchanged source.
    """
    info = extraction.document
    if mtime is None and os.path.exists(path):
        mtime = os.stat(path).st_mtime
    with db.atomic():
        old = document_state(db, path)
        if old:
            _delete_document(db, old["id"])
        db.execute("delete from ingest_errors where path = ?", [path])
        doc_id = _next_id(db, "documents")
        db["documents"].insert({
            "id": doc_id, "path": path, "file_name": info.file_name, "format": info.format,
            "pages": info.pages, "size_bytes": size if size is not None else info.size_bytes,
            "mtime": mtime, "sha256": info.sha256,
            "encoding": info.encoding, "ocr": int(info.ocr), "ocr_confidence": info.ocr_confidence,
            "ingested_at": _now(),
            "extractor_version": __version__, "patterns_version": rules.fingerprint(),
        })
        for ordinal, report in enumerate(extraction.reports):
            report_id = _save_report(db, doc_id, ordinal, report, info.sha256)
            # linking and the prior-year rule run after the batch; until then the report is pending
            db.execute("insert into pending_links (report_id) values (?)", [report_id])
        db["source_tables"].insert_all(
            {
                "document_id": doc_id, "table_index": t.index, "page": t.page, "n_rows": len(t.rows),
                "n_cols": max((len(r) for r in t.rows), default=0),
                "rows_json": json.dumps(t.rows, ensure_ascii=False),
            }
            for t in extraction.tables
        )
    return doc_id


def _insert_rows(db, table: str, rows: list[dict]) -> None:
    """Plain-valued rows straight through executemany: sqlite-utils' per-row preparation was a
    third of the writer's time on a 1,000-report archive (bench/ingest.py --archive)."""
    if rows:
        cols = list(rows[0])
        db.conn.executemany(
            f"insert into [{table}] ({', '.join(f'[{c}]' for c in cols)}) values ({', '.join('?' * len(cols))})",
            [tuple(r[c] for c in cols) for r in rows],
        )


def _save_report(db, doc_id: int, ordinal: int, report: Report, sha256: str | None) -> int:
    """Insert one report and its records; record indexes become the row ids. Returns its id."""
    report_id = _next_id(db, "reports")
    db["reports"].insert({
        "id": report_id, "document_id": doc_id, "ordinal": ordinal, "title": report.title,
        "unit_name": report.unit_name, "unit_name_normalized": report.unit_name_normalized,
        "region": report.region, "fiscal_year": report.fiscal_year,
        "report_kind": report.report_kind, "template": report.template,
        "metadata_sources": json.dumps(report.metadata_sources, ensure_ascii=False) if report.metadata_sources else None,
        "text": report.text,
    })
    section_ids = {}
    base = _next_id(db, "sections")
    rows = []
    for i, s in enumerate(report.sections):
        section_ids[s.ordinal] = base + i
        # Own text only (up to the first subsection): nested text would be stored and indexed
        # once per level, and a search hit would name every enclosing section too.
        body_end = s.end if s.body_end is None else s.body_end
        body = report.text[s.start:body_end]
        rows.append({
            "id": base + i, "report_id": report_id, "ordinal": s.ordinal, "level": s.level,
            "number_label": s.number_label, "heading": s.heading, "template_section": s.template_id,
            "start": s.start, "end": s.end, "body_end": body_end, "page": s.page, "body": body,
            "search_text": index_text(body),
        })
    _insert_rows(db, "sections", rows)
    mention_ids = {}
    base = _next_id(db, "mentions")
    rows = []
    for i, m in enumerate(report.mentions):
        mention_ids[i] = base + i
        rows.append({
            "id": base + i, "report_id": report_id, "section_id": section_ids.get(m.section),
            "kind": m.kind, "value": m.value, "unit": m.unit, "raw": m.raw, "start": m.start,
            "end": m.end, "page": m.page, "approx": int(m.approx), "comparator": m.comparator,
            "source_unit": m.source_unit, "pattern_id": m.pattern_id,
            "bbox": json.dumps(list(m.bbox)) if m.bbox else None, "low_confidence": int(m.low_confidence),
        })
    _insert_rows(db, "mentions", rows)
    _insert_rows(db, "facts", [
        {
            "report_id": report_id, "key": f.key, "value": f.value, "unit": f.unit,
            "mention_id": mention_ids.get(f.mention), "section_id": section_ids.get(f.section),
            "derived": int(f.derived), "label": f.label, "start": f.start, "end": f.end,
            "pattern_id": f.pattern_id, "source": f.source, "page": f.page,
        }
        for f in report.facts
    ])
    _insert_rows(db, "fact_candidates", [
        {
            "report_id": report_id, "key": c.key, "value": c.value, "unit": c.unit, "source": c.source,
            "pattern_id": c.pattern_id, "label": c.label, "mention_id": mention_ids.get(c.mention),
            "section_id": section_ids.get(c.section), "start": c.start, "end": c.end, "page": c.page,
            "why": c.why,
        }
        for c in report.fact_candidates
    ])
    _insert_rows(db, "project_groups", [{"report_id": report_id, **asdict(g)} for g in report.project_groups])
    project_ids = {}
    base = _next_id(db, "projects")
    rows = []
    for i, p in enumerate(report.projects):
        project_ids[p.ordinal] = base + i
        row = asdict(p)
        row.update(
            id=base + i, report_id=report_id, section_id=section_ids.get(row.pop("section")),
            amount_mention_id=mention_ids.get(row.pop("amount_mention")),
        )
        rows.append(row)
    _insert_rows(db, "projects", rows)
    _insert_rows(db, "outputs", [
        {
            "report_id": report_id, "project_id": project_ids.get(o.project), "activity": o.activity,
            "value": o.value, "unit": o.unit, "mention_id": mention_ids.get(o.mention),
            "start": o.start, "end": o.end,
        }
        for o in report.outputs
    ])
    for form in report.forms:
        form_id = _next_id(db, "forms")
        row = {k: v for k, v in asdict(form).items() if k not in ("budget_lines", "indicators", "values", "index")}
        db["forms"].insert({"id": form_id, "report_id": report_id, "form_index": form.index, **row})
        for line in form.budget_lines:
            row = {k: v for k, v in asdict(line).items() if k != "form"}
            db["form_budget_lines"].insert({"report_id": report_id, "form_id": form_id, **row})
        for ind in form.indicators:
            row = {k: v for k, v in asdict(ind).items() if k != "form"}
            row["met"] = None if ind.met is None else int(ind.met)
            db["indicators"].insert({"report_id": report_id, "form_id": form_id, **row})
        _insert_rows(db, "form_values", [
            {"report_id": report_id, "form_id": form_id, **{k: v for k, v in asdict(value).items() if k != "form"}}
            for value in form.values
        ])
    save_findings(db, report_id, report.findings, mention_ids=mention_ids, identity=(sha256, ordinal))
    return report_id


def save_findings(db, report_id: int, findings, mention_ids: dict[int, int] | None = None,
                  identity: tuple[str | None, int | None] | None = None) -> None:
    """Store findings; evidence items pointing at this report's mention indexes get their database
    ids (an item of another report, ``"report": "previous"``, keeps the ids its own report gave),
    and each finding its fingerprint (store/reviews.py) from ``identity``, the report's (document
    sha256, ordinal), read from the database when not given."""
    sha256, ordinal = identity if identity is not None else report_identity(db, report_id)
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
    _insert_rows(db, "findings", rows)


def record_error(db, path: str, kind: str, message: str) -> None:
    """Record a failed document; its previous rows (now stale) go in the same transaction."""
    with db.atomic():
        old = document_state(db, path)
        if old:
            _delete_document(db, old["id"])
        db.execute("delete from ingest_errors where path = ?", [path])
        db["ingest_errors"].insert({
            "path": path, "file_name": os.path.basename(path), "error_kind": kind,
            "message": message, "at": _now(), "extractor_version": __version__,
        })


def mention_ids(db, report_id: int) -> dict[int, int]:
    """Index in Report.mentions → mentions.id, as load_report orders them (findings' evidence
    names mentions by index; the stored evidence also carries the id)."""
    return {i: r[0] for i, r in enumerate(db.execute("select id from mentions where report_id = ? order by id", [report_id]))}


def replace_findings(db, report_id: int, findings, rules: set[str] | None = None) -> None:
    """Replace a report's findings (or only those of ``rules``) in one transaction."""
    with db.atomic():
        if rules is None:
            db.execute("delete from findings where report_id = ?", [report_id])
        else:
            marks = ",".join("?" * len(rules))
            db.execute(f"delete from findings where report_id = ? and rule in ({marks})", [report_id, *rules])
        save_findings(db, report_id, findings, mention_ids=mention_ids(db, report_id))


def pending_reports(db) -> list[int]:
    """Reports stored by an ingest whose linking has not run yet (a run was stopped before its
    end), that still exist."""
    return [r[0] for r in db.execute(
        "select distinct p.report_id from pending_links p join reports r on r.id = p.report_id order by p.report_id")]


def clear_pending(db) -> None:
    """Linking and the prior-year rule have run for every stored report."""
    with db.atomic():
        db.execute("delete from pending_links")


# ------------------------------------------------------------------ linking across years
# extractor/linking/ decides; these write its results.
def save_units(db, units: list[dict], aliases: list[dict], report_units: dict[int, int]) -> None:
    """Replace units, unit_aliases and reports.unit_id in one transaction.

    Unit ids are reassigned on every run, so the project series (which point at units) are
    cleared too; extractor.linking.link_projects rebuilds them.
    """
    ensure_linking_shape(db)
    with db.atomic():
        db.execute("update projects set series_id = null where series_id is not null")
        db.execute("delete from project_series")
        db.execute("delete from unit_aliases")
        db.execute("update reports set unit_id = null where unit_id is not null")
        db.execute("delete from units")
        _insert_rows(db, "units", units)
        _insert_rows(db, "unit_aliases", aliases)
        db.conn.executemany("update reports set unit_id = ? where id = ?",
                            [(unit_id, report_id) for report_id, unit_id in report_units.items()])


def save_project_series(db, series: list[dict], project_series: dict[int, int]) -> None:
    """Replace project_series and projects.series_id in one transaction."""
    ensure_linking_shape(db)
    with db.atomic():
        db.execute("update projects set series_id = null where series_id is not null")
        db.execute("delete from project_series")
        _insert_rows(db, "project_series", series)
        db.conn.executemany("update projects set series_id = ? where id = ?",
                            [(series_id, project_id) for project_id, series_id in project_series.items()])

