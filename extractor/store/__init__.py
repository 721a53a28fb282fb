"""The only module that speaks SQL: schema, one transaction per document, full-text search.

Rows are produced by the pure stages; ``save_extraction`` writes one document's rows in a single
transaction, replacing whatever that path had before, so a crash never leaves half a document.
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from .. import __version__, rules
from ..model import Extraction, Report
from .search import index_text

SCHEMA: dict[str, dict] = {
    "documents": {
        "columns": {
            "id": int, "path": str, "file_name": str, "format": str, "pages": int,
            "size_bytes": int, "mtime": float, "sha256": str, "encoding": str, "ocr": int,
            "ocr_confidence": float, "ingested_at": str, "extractor_version": str, "patterns_version": str,
        },
        "indexes": [["path"], ["sha256"]],
        "unique": [["path"]],
    },
    "reports": {
        "columns": {
            "id": int, "document_id": int, "ordinal": int, "title": str, "unit_name": str,
            "unit_name_normalized": str, "region": str, "fiscal_year": int, "report_kind": str,
            "template": str, "metadata_sources": str, "text": str,
        },
        "foreign_keys": [("document_id", "documents", "id")],
        "indexes": [["document_id"], ["unit_name"], ["fiscal_year"]],
    },
    "sections": {
        "columns": {
            "id": int, "report_id": int, "ordinal": int, "level": int, "number_label": str,
            "heading": str, "template_section": str, "start": int, "end": int, "body_end": int,
            "page": int, "body": str, "search_text": str,
        },
        "foreign_keys": [("report_id", "reports", "id")],
        "indexes": [["report_id"]],
    },
    "mentions": {
        "columns": {
            "id": int, "report_id": int, "section_id": int, "kind": str, "value": float,
            "unit": str, "raw": str, "start": int, "end": int, "page": int, "approx": int,
            "comparator": str, "source_unit": str, "pattern_id": str, "bbox": str,
            "low_confidence": int,
        },
        "foreign_keys": [("report_id", "reports", "id"), ("section_id", "sections", "id")],
        "indexes": [["report_id"], ["kind"]],
    },
    "facts": {
        "columns": {
            "id": int, "report_id": int, "key": str, "value": float, "unit": str,
            "mention_id": int, "section_id": int, "derived": int, "label": str, "start": int,
            "end": int, "pattern_id": str,
        },
        "foreign_keys": [
            ("report_id", "reports", "id"), ("mention_id", "mentions", "id"),
            ("section_id", "sections", "id"),
        ],
        "indexes": [["report_id"], ["key"]],
    },
    "project_groups": {
        "columns": {
            "id": int, "report_id": int, "ordinal": int, "label": str, "budget": float,
            "adjustment": float, "spent": float, "balance": float, "start": int, "end": int,
        },
        "foreign_keys": [("report_id", "reports", "id")],
        "indexes": [["report_id"]],
    },
    "projects": {
        "columns": {
            "id": int, "report_id": int, "group_label": str, "ordinal": int, "name": str,
            "amount": float, "purpose": str, "output_value": float, "output_unit": str,
            "output_text": str, "goal_status": str, "goal_pct": float, "road_code": str,
            "stake_from": float, "stake_to": float, "start": int, "end": int,
            "section_id": int, "amount_mention_id": int,
        },
        "foreign_keys": [("report_id", "reports", "id"), ("section_id", "sections", "id"),
                         ("amount_mention_id", "mentions", "id")],
        "indexes": [["report_id"], ["road_code"]],
    },
    "outputs": {
        "columns": {
            "id": int, "report_id": int, "project_id": int, "activity": str, "value": float,
            "unit": str, "mention_id": int, "start": int, "end": int,
        },
        "foreign_keys": [("report_id", "reports", "id"), ("project_id", "projects", "id"),
                         ("mention_id", "mentions", "id")],
        "indexes": [["report_id"]],
    },
    "forms": {
        "columns": {
            "id": int, "report_id": int, "form_index": int, "title": str, "project_name": str,
            "unit_name": str, "department": str, "fiscal_year": int, "money_unit": str,
            "total_score": float, "grade": str, "table_index": int, "start": int, "end": int,
        },
        "foreign_keys": [("report_id", "reports", "id")],
        "indexes": [["report_id"]],
    },
    "form_budget_lines": {
        "columns": {
            "id": int, "report_id": int, "form_id": int, "line": str, "budget_initial": float,
            "budget_full_year": float, "executed": float, "weight": float,
            "execution_rate": float, "score": float, "source_unit": str, "table_index": int,
            "row": int, "page": int, "start": int, "end": int,
        },
        "foreign_keys": [("report_id", "reports", "id"), ("form_id", "forms", "id")],
        "indexes": [["report_id"]],
    },
    "indicators": {
        "columns": {
            "id": int, "report_id": int, "form_id": int, "level1": str, "level2": str,
            "name": str, "target_text": str, "target_value": float, "target_comparator": str,
            "actual_text": str, "actual_value": float, "unit": str, "weight": float,
            "score": float, "deviation_reason": str, "table_index": int, "row": int,
            "page": int, "start": int, "end": int,
        },
        "foreign_keys": [("report_id", "reports", "id"), ("form_id", "forms", "id")],
        "indexes": [["report_id"]],
    },
    "findings": {
        "columns": {
            "id": int, "report_id": int, "rule": str, "severity": str, "message": str,
            "expected": float, "actual": float, "difference": float, "evidence": str,
        },
        "foreign_keys": [("report_id", "reports", "id")],
        "indexes": [["report_id"], ["rule"], ["severity"]],
    },
    "source_tables": {
        "columns": {
            "id": int, "document_id": int, "table_index": int, "page": int, "n_rows": int,
            "n_cols": int, "rows_json": str,
        },
        "foreign_keys": [("document_id", "documents", "id")],
        "indexes": [["document_id"]],
    },
    "ingest_errors": {
        "columns": {
            "id": int, "path": str, "file_name": str, "error_kind": str, "message": str,
            "at": str, "extractor_version": str,
        },
        "indexes": [["path"], ["error_kind"]],
    },
    # ---- linking across years (extractor/linking.py; see ensure_linking_shape)
    "units": {
        "columns": {
            "id": int, "canonical_name": str, "region": str, "county": str, "core": str,
            "aliases": str, "years": str, "first_year": int, "last_year": int, "n_reports": int,
            "confidence": float,
        },
        "indexes": [["canonical_name"], ["region"]],
    },
    "unit_aliases": {
        "columns": {
            "id": int, "unit_id": int, "alias": str, "region": str, "source": str,
            "confidence": float, "n_reports": int, "years": str,
        },
        "foreign_keys": [("unit_id", "units", "id")],
        "indexes": [["unit_id"], ["alias"]],
    },
    "project_series": {
        "columns": {
            "id": int, "unit_id": int, "key": str, "name": str, "names": str, "confidence": float,
            "first_year": int, "last_year": int, "years": str, "n_projects": int,
            "cumulative_amount": float, "latest_amount": float, "latest_goal_status": str,
            "latest_goal_pct": float, "road_code": str, "stake_from": float, "stake_to": float,
        },
        "foreign_keys": [("unit_id", "units", "id")],
        "indexes": [["unit_id"], ["key"]],
    },
}

FTS_AUTOMERGE = 16

# Tables whose rows belong to one report, deleted with it.
REPORT_CHILDREN = [
    "findings", "indicators", "form_budget_lines", "forms", "outputs", "projects",
    "project_groups", "facts", "mentions", "sections",
]


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) a database with the schema, WAL and foreign keys."""
    db = sqlite_utils.Database(path)
    db.conn.execute("PRAGMA busy_timeout = 30000")
    if str(path) != ":memory:":
        db.enable_wal()
        # In WAL mode NORMAL still never corrupts the file; a power cut may lose the last commits,
        # which the next run re-ingests (they are not marked current). FULL syncs every document.
        db.conn.execute("PRAGMA synchronous = NORMAL")
    ensure_db_shape(db)
    return db


def ensure_db_shape(db: sqlite_utils.Database) -> None:
    for name, spec in SCHEMA.items():
        table = db[name]
        if not table.exists():
            table.create(spec["columns"], pk="id", foreign_keys=spec.get("foreign_keys"), not_null=None)
        else:
            missing = {c: t for c, t in spec["columns"].items() if c not in table.columns_dict}
            for col, typ in missing.items():
                table.add_column(col, typ)
        for cols in spec.get("indexes", []):
            table.create_index(cols, if_not_exists=True, unique=cols in spec.get("unique", []))
    if "sections_fts" not in db.table_names():
        db["sections"].enable_fts(["heading", "search_text"], create_triggers=True, tokenize="unicode61")
        # Each document's transaction adds an index segment; merging 16 of a size at a time
        # instead of 4 took a third off the time to index a 1,159-report archive.
        db.execute("insert into sections_fts(sections_fts, rank) values ('automerge', ?)", [FTS_AUTOMERGE])
    ensure_linking_shape(db)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _next_id(db, table: str) -> int:
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
    report_ids = [r[0] for r in db.execute("select id from reports where document_id = ?", [document_id])]
    if report_ids:
        marks = ",".join("?" * len(report_ids))
        for table in REPORT_CHILDREN:
            db.execute(f"delete from [{table}] where report_id in ({marks})", report_ids)
        db.execute(f"delete from reports where id in ({marks})", report_ids)
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
            _save_report(db, doc_id, ordinal, report)
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


def _save_report(db, doc_id: int, ordinal: int, report: Report) -> int:
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
            "pattern_id": f.pattern_id,
        }
        for f in report.facts
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
        row = {k: v for k, v in asdict(form).items() if k not in ("budget_lines", "indicators", "index")}
        db["forms"].insert({"id": form_id, "report_id": report_id, "form_index": form.index, **row})
        for line in form.budget_lines:
            row = {k: v for k, v in asdict(line).items() if k != "form"}
            db["form_budget_lines"].insert({"report_id": report_id, "form_id": form_id, **row})
        for ind in form.indicators:
            row = {k: v for k, v in asdict(ind).items() if k != "form"}
            db["indicators"].insert({"report_id": report_id, "form_id": form_id, **row})
    save_findings(db, report_id, report.findings, mention_ids=mention_ids)
    return report_id


def save_findings(db, report_id: int, findings, mention_ids: dict[int, int] | None = None) -> None:
    """Store findings; evidence items pointing at mention indexes get their database ids."""
    rows = []
    for f in findings:
        evidence = []
        for item in f.evidence:
            item = dict(item)
            if item.get("type") == "mention" and mention_ids is not None and "index" in item:
                item["id"] = mention_ids.get(item["index"])
            evidence.append(item)
        rows.append({
            "report_id": report_id, "rule": f.rule, "severity": f.severity, "message": f.message,
            "expected": f.expected, "actual": f.actual, "difference": f.difference,
            "evidence": json.dumps(evidence, ensure_ascii=False),
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


def counts(db) -> dict[str, int]:
    return {t: db[t].count for t in ("documents", "reports", "mentions", "facts", "projects", "ingest_errors")}


# ------------------------------------------------------------------ reading back
def _rows(db, sql, params):
    return [dict(r) for r in db.query(sql, params)]


def _report_of_row(r: dict) -> Report:
    """A Report with a reports row's fields (no sections, mentions, ... yet)."""
    return Report(
        text=r["text"], title=r["title"], unit_name=r["unit_name"],
        unit_name_normalized=r["unit_name_normalized"], region=r["region"],
        fiscal_year=r["fiscal_year"], report_kind=r["report_kind"], template=r["template"],
        metadata_sources=json.loads(r["metadata_sources"]) if r["metadata_sources"] else {},
    )


def load_report(db, report_id: int) -> Report:
    """Rebuild a Report (with indexes as the pipeline made them) from the database."""
    from ..model import (Fact, Form, FormBudgetLine, Indicator, Mention, Output, Project,
                        ProjectGroup, Section)

    [r] = _rows(db, "select * from reports where id = ?", [report_id])
    report = _report_of_row(r)
    sections = _rows(db, "select * from sections where report_id = ? order by ordinal", [report_id])
    ordinal_of_section = {s["id"]: s["ordinal"] for s in sections}
    report.sections = [
        Section(ordinal=s["ordinal"], level=s["level"], number_label=s["number_label"],
                heading=s["heading"], start=s["start"], end=s["end"], page=s["page"],
                template_id=s["template_section"], body_end=s["body_end"])
        for s in sections
    ]
    mentions = _rows(db, "select * from mentions where report_id = ? order by id", [report_id])
    index_of_mention = {m["id"]: i for i, m in enumerate(mentions)}
    report.mentions = [
        Mention(kind=m["kind"], value=m["value"], unit=m["unit"], raw=m["raw"], start=m["start"],
                end=m["end"], pattern_id=m["pattern_id"], page=m["page"],
                section=ordinal_of_section.get(m["section_id"]), approx=bool(m["approx"]),
                comparator=m["comparator"], source_unit=m["source_unit"],
                bbox=tuple(json.loads(m["bbox"])) if m.get("bbox") else None,
                low_confidence=bool(m.get("low_confidence")))
        for m in mentions
    ]
    report.facts = [
        Fact(key=f["key"], value=f["value"], unit=f["unit"], mention=index_of_mention.get(f["mention_id"]),
             section=ordinal_of_section.get(f["section_id"]), derived=bool(f["derived"]), label=f["label"],
             start=f["start"], end=f["end"], pattern_id=f["pattern_id"])
        for f in _rows(db, "select * from facts where report_id = ? order by id", [report_id])
    ]
    report.project_groups = [
        ProjectGroup(ordinal=g["ordinal"], label=g["label"], budget=g["budget"], adjustment=g["adjustment"],
                     spent=g["spent"], balance=g["balance"], start=g["start"], end=g["end"])
        for g in _rows(db, "select * from project_groups where report_id = ? order by ordinal", [report_id])
    ]
    projects = _rows(db, "select * from projects where report_id = ? order by ordinal", [report_id])
    ordinal_of_project = {p["id"]: p["ordinal"] for p in projects}
    project_fields = set(Project.__dataclass_fields__)
    for p in projects:
        p["section"] = ordinal_of_section.get(p.pop("section_id"))
        p["amount_mention"] = index_of_mention.get(p.pop("amount_mention_id"))
    report.projects = [Project(**{k: v for k, v in p.items() if k in project_fields}) for p in projects]
    report.outputs = [
        Output(activity=o["activity"], value=o["value"], unit=o["unit"],
               mention=index_of_mention.get(o["mention_id"]), project=ordinal_of_project.get(o["project_id"]),
               start=o["start"], end=o["end"])
        for o in _rows(db, "select * from outputs where report_id = ? order by id", [report_id])
    ]
    line_fields = set(FormBudgetLine.__dataclass_fields__)
    indicator_fields = set(Indicator.__dataclass_fields__)
    form_fields = set(Form.__dataclass_fields__) - {"budget_lines", "indicators", "index"}
    for f in _rows(db, "select * from forms where report_id = ? order by form_index", [report_id]):
        form = Form(index=f["form_index"], **{k: v for k, v in f.items() if k in form_fields})
        form.budget_lines = [
            FormBudgetLine(form=form.index, **{k: v for k, v in row.items() if k in line_fields - {"form"}})
            for row in _rows(db, "select * from form_budget_lines where form_id = ? order by id", [f["id"]])
        ]
        form.indicators = [
            Indicator(form=form.index, **{k: v for k, v in row.items() if k in indicator_fields - {"form"}})
            for row in _rows(db, "select * from indicators where form_id = ? order by id", [f["id"]])
        ]
        report.forms.append(form)
    return report


def mention_ids(db, report_id: int) -> dict[int, int]:
    """Index in Report.mentions → mentions.id, as load_report orders them."""
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


def report_ids_of_document(db, document_id: int) -> list[int]:
    return [r[0] for r in db.execute("select id from reports where document_id = ? order by id", [document_id])]


def mention_count(db, report_ids: list[int]) -> int:
    if not report_ids:
        return 0
    marks = ",".join("?" * len(report_ids))
    return db.execute(f"select count(*) from mentions where report_id in ({marks})", report_ids).fetchone()[0]


def report_ids(db) -> list[int]:
    return [r[0] for r in db.execute("select id from reports order by id")]


# Same unit: the linked unit when linking ran (renamed units, shorthand names), else the name.
_SAME_UNIT = (
    "(case when r.unit_id is not null and p.unit_id is not null then p.unit_id = r.unit_id"
    " else coalesce(p.unit_name_normalized, p.unit_name) = coalesce(r.unit_name_normalized, r.unit_name) end)"
)


def previous_year_report(db, report_id: int) -> int | None:
    """The same unit's report of the same kind for the year before, if ingested."""
    row = db.execute(
        f"select p.id from reports r join reports p on {_SAME_UNIT}"
        " and p.fiscal_year = r.fiscal_year - 1 and coalesce(p.report_kind, '') = coalesce(r.report_kind, '')"
        " where r.id = ? and r.unit_name is not null order by p.id desc limit 1",
        [report_id],
    ).fetchone()
    return row[0] if row else None


def next_year_reports(db, report_id: int) -> list[int]:
    """Reports of the same unit and kind for the year after (their prior-year check involves this one)."""
    return [r[0] for r in db.execute(
        f"select n.id from reports r join reports n on {_SAME_UNIT.replace('p.', 'n.')}"
        " and n.fiscal_year = r.fiscal_year + 1 and coalesce(n.report_kind, '') = coalesce(r.report_kind, '')"
        " where r.id = ? and r.unit_name is not null",
        [report_id],
    )]


# ------------------------------------------------------------------ linking across years
# extractor/linking.py decides; these functions read its inputs and write its results.
def ensure_linking_shape(db) -> None:
    """The linking columns on existing tables: reports.unit_id and projects.series_id.

    The linking tables themselves (units, unit_aliases, project_series) are in SCHEMA, so
    open_db creates them; this adds the two columns to databases of any age. Idempotent.
    """
    for table, column in (("reports", "unit_id"), ("projects", "series_id")):
        if column not in db[table].columns_dict:
            db[table].add_column(column, int)
        db[table].create_index([column], if_not_exists=True)


def linking_reports(db) -> list[dict]:
    """Every report with what unit linking reads: names, region, year, kind, text and file path."""
    return _rows(db, (
        "select r.id, r.unit_name, r.unit_name_normalized, r.region, r.fiscal_year, r.report_kind,"
        " r.text, d.path from reports r join documents d on d.id = r.document_id order by r.id"
    ), [])


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


def linking_projects(db) -> list[dict]:
    """Projects of linked reports, with their report's unit, year and kind, in linking order."""
    return _rows(db, (
        "select p.id, p.report_id, p.ordinal, p.name, p.amount, p.goal_status, p.goal_pct, p.road_code,"
        " p.stake_from, p.stake_to, r.unit_id, r.fiscal_year, r.report_kind"
        " from projects p join reports r on r.id = p.report_id where r.unit_id is not null"
        " order by r.unit_id, r.fiscal_year, case r.report_kind when 'department' then 0 else 1 end, r.id, p.ordinal"
    ), [])


def linked_unit_count(db) -> int:
    ensure_linking_shape(db)
    return db.execute("select count(*) from reports where unit_id is not null").fetchone()[0]


def save_project_series(db, series: list[dict], project_series: dict[int, int]) -> None:
    """Replace project_series and projects.series_id in one transaction."""
    ensure_linking_shape(db)
    with db.atomic():
        db.execute("update projects set series_id = null where series_id is not null")
        db.execute("delete from project_series")
        _insert_rows(db, "project_series", series)
        db.conn.executemany("update projects set series_id = ? where id = ?",
                            [(series_id, project_id) for project_id, series_id in project_series.items()])


def stored_units(db) -> list[dict]:
    """Units as stored, with how many project series each has."""
    ensure_linking_shape(db)
    return _rows(db, (
        "select u.*, (select count(*) from project_series s where s.unit_id = u.id) as n_series"
        " from units u order by u.region, u.canonical_name"
    ), [])


# ------------------------------------------------------------------ prior-year rule, in bulk
# extractor/recheck.py pairs and checks many reports at once; these read what it needs in a few
# queries. Pairing reads the reports' key columns once (a reports row also holds the long text).
_REPORT_KEYS = (
    "with k as materialized (select id, unit_id, unit_name, unit_name_normalized, fiscal_year,"
    " coalesce(report_kind, '') as kind from reports)"
)


def previous_year_reports(db, report_ids) -> dict[int, int]:
    """previous_year_report of many reports in one query: report id → previous report id."""
    rows = db.execute(
        f"{_REPORT_KEYS} select r.id, (select p.id from k p where {_SAME_UNIT}"
        " and p.fiscal_year = r.fiscal_year - 1 and p.kind = r.kind order by p.id desc limit 1)"
        " from k r where r.id in (select value from json_each(?)) and r.unit_name is not null",
        [json.dumps(sorted(report_ids))],
    )
    return {report_id: previous_id for report_id, previous_id in rows if previous_id is not None}


def next_year_reports_of(db, report_ids) -> set[int]:
    """next_year_reports of many reports in one query."""
    return {r[0] for r in db.execute(
        f"{_REPORT_KEYS} select n.id from k r join k n on {_SAME_UNIT.replace('p.', 'n.')}"
        " and n.fiscal_year = r.fiscal_year + 1 and n.kind = r.kind"
        " where r.id in (select value from json_each(?)) and r.unit_name is not null",
        [json.dumps(sorted(report_ids))],
    )}


def reports_with_findings(db, report_ids, rule: str) -> set[int]:
    """Those of these reports that have a finding of ``rule``."""
    return {r[0] for r in db.execute(
        "select distinct report_id from findings where rule = ? and report_id in (select value from json_each(?))",
        [rule, json.dumps(sorted(report_ids))],
    )}


# Facts in load_report's order, each with the mention it cites (of its own report) and that
# mention's index in load_report's mention order (its rank by id within the report).
_FACTS_WITH_MENTIONS = (
    "select f.report_id, f.key, f.value, f.unit, f.derived, f.label, f.start, f.end, f.pattern_id,"
    " fs.ordinal as section, m.kind as m_kind, m.value as m_value, m.unit as m_unit, m.raw as m_raw,"
    " m.start as m_start, m.end as m_end, m.pattern_id as m_pattern_id, m.page as m_page,"
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
    from ..model import Fact, Mention

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
                end=f["m_end"], pattern_id=f["m_pattern_id"], page=f["m_page"], section=f["m_section"],
                approx=bool(f["m_approx"]), comparator=f["m_comparator"], source_unit=f["m_source_unit"],
                bbox=tuple(json.loads(f["m_bbox"])) if f["m_bbox"] else None,
                low_confidence=bool(f["m_low_confidence"]))
        report.facts.append(Fact(
            key=f["key"], value=f["value"], unit=f["unit"], mention=index, section=f["section"],
            derived=bool(f["derived"]), label=f["label"], start=f["start"], end=f["end"], pattern_id=f["pattern_id"]))
    return reports

