"""Write the golden extraction of the user's report, one reviewable JSON per format.

    .venv/bin/python scripts/make_golden.py            # every format (the scan takes ~1 min of OCR)
    .venv/bin/python scripts/make_golden.py txt pdf    # just these

Runs ``extractor.extract`` on corpus/2024年度渌口区交通事务中心整体支出绩效自评报告.{txt,gbk.txt,docx,pdf}
and on the scanned PDF in corpus/scanned/, and writes tests/golden/<format>.json: the report's
metadata, sections, mentions, facts, projects, project groups, outputs, forms (with budget lines
and indicators) and findings. Floats are rounded to ``DIGITS`` places, records are sorted, and
``text[start:end] == raw`` is asserted for every mention before anything is written.

The files were reviewed by hand against the report text once (tests/golden/REVIEW.md); after a
deliberate change of behaviour, regenerate them, read the git diff, and say in the commit why
each changed line is right. tests/test_golden.py compares a fresh extraction to them field by field.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
STEM = "2024年度渌口区交通事务中心整体支出绩效自评报告"
GOLDEN = ROOT / "tests" / "golden"
FORMATS = {
    "txt": CORPUS / f"{STEM}.txt",
    "gbk": CORPUS / f"{STEM}.gbk.txt",
    "docx": CORPUS / f"{STEM}.docx",
    "pdf": CORPUS / f"{STEM}.pdf",
    "scan": CORPUS / "scanned" / f"{STEM}(扫描件).pdf",  # needs the OCR extra
}
# OCR of the six scanned pages takes ~1 min, several on a busy machine: the golden content does not
# depend on the time limit, so it is generous
MAX_SECONDS = 1800.0
DIGITS = 9  # 万元 from 元 needs 4 more places than the 6 the report writes (22120元 → 2.212)

# Which fields of which record go into the golden file, in this order. A record type's first
# fields identify it in a diff (tests/test_golden.py matches records on them).
FIELDS = {
    "sections": ("ordinal", "level", "number_label", "heading", "start", "end", "page"),
    "mentions": ("start", "end", "raw", "kind", "value", "unit", "source_unit", "approx", "comparator",
                 "page", "rule_id"),
    "facts": ("key", "label", "value", "unit", "derived", "rule_id"),
    "projects": ("ordinal", "name", "group_label", "amount", "output_value", "output_unit", "output_text",
                 "goal_status", "goal_pct", "road_code", "stake_from", "stake_to", "purpose", "start", "end"),
    "project_groups": ("ordinal", "label", "budget", "adjustment", "spent", "balance", "start", "end"),
    "outputs": ("start", "end", "activity", "value", "unit", "project"),
    "forms": ("index", "title", "project_name", "unit_name", "department", "fiscal_year", "money_unit",
              "total_score", "grade", "table_index", "start", "end"),
    "budget_lines": ("form", "line", "budget_initial", "budget_full_year", "executed", "weight",
                     "execution_rate", "score", "source_unit", "row", "page"),
    "indicators": ("form", "level1", "level2", "name", "target_text", "target_value", "target_comparator",
                   "actual_text", "actual_value", "unit", "weight", "score", "deviation_reason", "row", "page"),
    "findings": ("rule", "severity", "message", "expected", "actual", "difference"),
}
REPORT_FIELDS = ("title", "unit_name", "unit_name_normalized", "region", "fiscal_year", "report_kind", "template",
                 "metadata_sources")
# the order records are written in: stable whatever order a stage happens to produce them in
SORT = {
    "sections": lambda r: r["ordinal"],
    "mentions": lambda r: (r["start"], r["end"], r["kind"]),
    "facts": lambda r: (r["key"], r["label"] or "", r["value"]),
    "projects": lambda r: r["ordinal"],
    "project_groups": lambda r: r["ordinal"],
    "outputs": lambda r: (r["start"] if r["start"] is not None else -1, r["activity"]),
    "forms": lambda r: r["index"],
    "budget_lines": lambda r: (r["form"], r["row"] if r["row"] is not None else -1, r["line"]),
    "indicators": lambda r: (r["form"], r["row"] if r["row"] is not None else -1, r["name"]),
    "findings": lambda r: (r["rule"], r["message"]),
}


def stable(value):
    """A JSON-ready value that prints the same on every run: floats rounded, -0.0 made 0.0."""
    if isinstance(value, float):
        value = round(value, DIGITS)
        return 0.0 if value == 0 else value
    if isinstance(value, dict):
        return {k: stable(v) for k, v in sorted(value.items())}
    if isinstance(value, (list, tuple)):
        return [stable(v) for v in value]
    return value


def record(obj, kind: str) -> dict:
    """The golden fields of one record (a model dataclass) as a plain dict."""
    return {name: stable(getattr(obj, name)) for name in FIELDS[kind]}


def records(objs, kind: str) -> list[dict]:
    """The golden records of one kind, in their stable order."""
    return sorted((record(o, kind) for o in objs), key=SORT[kind])


def golden_of(extraction) -> dict:
    """The golden document of one extraction (its first report). Asserts text[start:end] == raw."""
    (report,) = extraction.reports
    for m in report.mentions:
        found = report.text[m.start:m.end]
        assert found == m.raw, f"mention {m.raw!r} at {m.start}: the text there says {found!r}"
    forms = []
    for form in sorted(report.forms, key=lambda f: f.index):
        row = record(form, "forms")
        row["budget_lines"] = records(form.budget_lines, "budget_lines")
        row["indicators"] = records(form.indicators, "indicators")
        forms.append(row)
    doc = extraction.document
    return {
        "document": {"file_name": doc.file_name, "format": doc.format, "pages": doc.pages, "ocr": doc.ocr},
        "report": {**{name: stable(getattr(report, name)) for name in REPORT_FIELDS}, "text_length": len(report.text)},
        "sections": records(report.sections, "sections"),
        "mentions": records(report.mentions, "mentions"),
        "facts": records(report.facts, "facts"),
        "projects": records(report.projects, "projects"),
        "project_groups": records(report.project_groups, "project_groups"),
        "outputs": records(report.outputs, "outputs"),
        "forms": forms,
        "findings": records(report.findings, "findings"),
    }


def extract_format(name: str):
    """Extract the report in format ``name`` (a key of FORMATS)."""
    from extractor import extract
    from extractor.read import Limits

    return extract(FORMATS[name], Limits(max_seconds=MAX_SECONDS))


def golden_path(name: str) -> Path:
    """Where the golden file of format ``name`` lives."""
    return GOLDEN / f"{name}.json"


def dumps(golden: dict) -> str:
    """The file text: one record per line inside each list, so a git diff names the record."""
    lines = ["{"]
    items = list(golden.items())
    for i, (key, value) in enumerate(items):
        comma = "," if i < len(items) - 1 else ""
        if isinstance(value, list) and value:
            lines.append(f"  {json.dumps(key)}: [")
            for j, item in enumerate(value):
                tail = "," if j < len(value) - 1 else ""
                lines.append(f"    {json.dumps(item, ensure_ascii=False)}{tail}")
            lines.append(f"  ]{comma}")
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def load(name: str) -> dict:
    """The committed golden document of format ``name``."""
    return json.loads(golden_path(name).read_text(encoding="utf-8"))


def main(argv: list[str]) -> int:
    names = argv or list(FORMATS)
    unknown = [n for n in names if n not in FORMATS]
    if unknown:
        print(f"unknown format(s) {unknown}; choose from {list(FORMATS)}", file=sys.stderr)
        return 2
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for name in names:
        golden = golden_of(extract_format(name))
        golden_path(name).write_text(dumps(golden), encoding="utf-8")
        counts = ", ".join(f"{len(v)} {k}" for k, v in golden.items() if isinstance(v, list))
        print(f"{golden_path(name).relative_to(ROOT)}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
