"""scripts/make_archive.py: deterministic, arithmetically consistent, and read back by the extractor.

The generator checks (determinism, arithmetic, hard cases present) need nothing of the pipeline;
the read-back checks ingest generated reports and compare with the ground truth.
"""
from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from .conftest import ROOT, load_script


def _make_archive():
    return load_script('make_archive')


make_archive = _make_archive()
EPS = 1e-6


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    out = tmp_path_factory.mktemp("archive")
    truth = make_archive.generate(out, units=8, years=range(2021, 2024), seed=3, formats=("txt",), faults=True,
                                  fault_share=0.3)
    return out, truth


def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


# ---------------------------------------------------------------------------- generator only
def test_same_seed_gives_identical_files(tmp_path):
    a = make_archive.generate(tmp_path / "a", units=4, years=range(2022, 2025), seed=9)
    b = make_archive.generate(tmp_path / "b", units=4, years=range(2022, 2025), seed=9)
    assert a == b
    fa, fb = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert fa.keys() == fb.keys() and fa == fb
    assert {Path(p).suffix for p in fa} == {".txt", ".docx", ".pdf", ".json"}
    c = make_archive.generate(tmp_path / "c", units=4, years=range(2022, 2025), seed=10)
    assert c["files"] != a["files"]


def test_content_does_not_depend_on_formats(tmp_path):
    """The same seed written as TXT only and as PDF only holds the same reports (so the PDF route
    can be compared with the TXT route report by report)."""
    a = make_archive.generate(tmp_path / "t", units=3, years=range(2023, 2024), seed=4, formats=("txt",))
    b = make_archive.generate(tmp_path / "p", units=3, years=range(2023, 2024), seed=4, formats=("pdf",))
    strip = lambda files: [{k: v for k, v in f.items() if k not in ("path", "format", "pages")} for f in files]
    assert strip(a["files"]) == strip(b["files"])
    assert all(f["pages"] >= 1 for f in b["files"])


def test_layout_is_year_region_unit(archive):
    out, truth = archive
    for f in truth["files"]:
        year, region, unit_folder, name = f["path"].split("/")
        assert int(year) == f["year"] and region == f["region"]
        assert (out / f["path"]).exists() and name.endswith(".txt")
        assert unit_folder in f["unit_name"] or f["kind"] == "project"
    assert (out / "ground_truth.json").exists()


def _close(a, b, tol=EPS):
    return abs(a - b) <= tol


def _dept(truth):
    return [f for f in truth["files"] if f["kind"] == "department"]


def test_figures_are_consistent(archive):
    """shares, sums and groups agree; the faulted relation (and only it) does not."""
    _, truth = archive
    checked = Counter()
    for f in _dept(truth):
        x = f["facts"]
        faulted = {fl["key"] for fl in f["faults"]}
        assert _close(x["basic_expenditure"], x["personnel_expenditure"] + x["operating_expenditure"])
        assert _close(x["total_expenditure"], x["basic_expenditure"] + x["project_expenditure"])
        for key in ("personnel_expenditure", "operating_expenditure", "project_expenditure"):
            share = round(x[key] / x["total_expenditure"] * 100 + 1e-9, 2)
            if f"{key}.share_pct" in faulted:
                assert abs(x[f"{key}.share_pct"] - share) > 1
                checked["share fault"] += 1
            else:
                assert _close(x[f"{key}.share_pct"], share, 0.0051)
        parts = x["three_public_overseas"] + x["three_public_vehicle"] + x["three_public_reception"]
        if "three_public_total" in faulted:
            assert not _close(x["three_public_total"], parts)
            checked["sum fault"] += 1
        else:
            assert _close(x["three_public_total"], parts)
        spent = [g["spent"] for g in f["groups"]]
        assert _close(x["project_expenditure"], sum(spent))
        for g in f["groups"]:
            members = [p["amount"] for p in f["projects"] if p["group"] == g["label"]]
            assert members and _close(g["spent"], sum(members))
            assert _close(g["balance"], g["budget"] + (g["adjustment"] or 0) - g["spent"]) and g["balance"] >= -EPS
        assert x["staff_authorized"] > 0 and x["staff_actual"] > 0 and 0 < x["satisfaction_rate"] <= 100
        checked["reports"] += 1
    assert checked["reports"] == len(_dept(truth)) and checked["share fault"] + checked["sum fault"] > 0


def test_figures_agree_across_years(archive):
    """this year's value − yoy_delta == last year's value; yoy_pct == delta / last year × 100."""
    _, truth = archive
    by_unit = defaultdict(dict)
    for f in _dept(truth):
        by_unit[f["unit_id"]][f["year"]] = f
    pairs = yoy_faults = 0
    for years in by_unit.values():
        for year, f in years.items():
            last = years.get(year - 1)
            if last is None:
                continue
            faulted = {fl["key"] for fl in f["faults"]}
            for key in ("personnel_expenditure", "operating_expenditure", "project_expenditure"):
                x, y = f["facts"], last["facts"]
                if f"{key}.yoy_delta" in faulted:
                    assert not _close(x[key] - x[f"{key}.yoy_delta"], y[key])
                    yoy_faults += 1
                    continue
                assert _close(x[key] - x[f"{key}.yoy_delta"], y[key])
                assert _close(x[f"{key}.yoy_pct"], round(x[f"{key}.yoy_delta"] / y[key] * 100 + 1e-12, 2), 0.0051)
            staff = f["facts"]["staff_actual"]
            assert staff >= 5
            pairs += 1
    assert pairs >= len(by_unit) * 2


def test_hard_cases_are_present(archive):
    """Renamed / shortened unit names, drifting project names, same-road siblings."""
    _, truth = archive
    styles = Counter(f["unit_style"] for f in truth["files"])
    assert styles["county"] and (styles["short"] or styles["full"])
    names_per_unit = {u["id"]: {n for ns in u["names"].values() for n in ns} for u in truth["units"]}
    assert any(len(ns) > 1 for ns in names_per_unit.values())
    drifting = [s for s in truth["series"] if len(set(s["names"].values())) > 1]
    multi_year = [s for s in truth["series"] if len(s["names"]) > 1]
    assert drifting and len(multi_year) > len(truth["series"]) / 5
    kinds = Counter(f["kind"] for f in truth["files"])
    assert kinds["department"] == 8 * 3 and kinds["project"] >= 1
    assert sum(len(f["faults"]) for f in truth["files"]) >= 1


def test_pdf_is_multi_page_and_fast(tmp_path):
    import time

    t = time.perf_counter()
    truth = make_archive.generate(tmp_path, units=2, years=range(2024, 2025), seed=2, formats=("pdf",))
    elapsed = time.perf_counter() - t
    pages = [f["pages"] for f in truth["files"] if f["kind"] == "department"]
    assert min(pages) >= 5
    assert elapsed < 10


# ---------------------------------------------------------------------------- read back
def _normalized(name: str) -> str:
    return name.replace("（", "(").replace("）", ")")


@pytest.mark.slow
def test_ingested_txt_reports_recover_the_ground_truth(archive, tmp_path):
    from extractor import store
    from extractor.ingest import find_files, ingest_paths

    out, truth = archive
    db = store.open_db(tmp_path / "a.db")
    summary = ingest_paths(db, find_files([out]))
    assert summary.errors == 0 and summary.reports == len(truth["files"])
    by_path = {str((out / f["path"]).resolve()): f for f in truth["files"]}
    faulted_years = {(f["unit_id"], f["year"]) for f in truth["files"] if f["faults"]}
    problems = []
    for r in db.query("select r.id, r.fiscal_year, r.report_kind, d.path from reports r join documents d on d.id = r.document_id"):
        f = by_path[r["path"]]
        where = f["path"]
        if (r["fiscal_year"], r["report_kind"]) != (f["year"], f["kind"]):
            problems.append((where, "metadata", r["fiscal_year"], r["report_kind"]))
        facts = {x["key"]: x["value"] for x in db.query("select key, value from facts where report_id = ?", [r["id"]])}
        for key, value in f["facts"].items():
            if key not in facts or not _close(facts[key], value):
                problems.append((where, key, value, facts.get(key)))
        projects = list(db.query("select * from projects where report_id = ? order by ordinal", [r["id"]]))
        if len(projects) != len(f["projects"]):
            problems.append((where, "projects", len(f["projects"]), len(projects)))
        for want, got in zip(f["projects"], projects):
            if not _close(want["amount"], got["amount"] or -1) or (want["goal_pct"] or None) != (got["goal_pct"] or None):
                problems.append((where, want["name"], want["amount"], got["amount"], want["goal_pct"], got["goal_pct"]))
            if f["kind"] == "department" and _normalized(want["name"]) != got["name"]:
                problems.append((where, "name", want["name"], got["name"]))
            if want.get("stake_from") is not None and not _close(want["stake_from"], got["stake_from"] or -1):
                problems.append((where, "stake", want["name"], got["stake_from"]))
        errors = {x["rule"] for x in db.query("select rule from findings where report_id = ? and severity = 'error'", [r["id"]])}
        expected = {rule for fl in f["faults"] for rule in fl["rules"]}
        if (f["unit_id"], f["year"] - 1) in faulted_years:  # last year's wrong figure shows here too
            expected.add("prior_year_mismatch")
        if errors - expected:
            problems.append((where, "unexpected error findings", sorted(errors - expected)))
        if f["faults"] and not (errors & expected):
            problems.append((where, "fault not found", f["faults"]))
    assert problems == []


def test_pdf_route_gives_the_txt_mentions(tmp_path):
    """STSong-Light (not embedded): pdfium with a system CJK font, or the pdfplumber fallback
    without one, reads the same mentions, facts and projects as the TXT of the same report."""
    from extractor import extract

    a = make_archive.generate(tmp_path / "t", units=2, years=range(2024, 2025), seed=6, formats=("txt",))
    make_archive.generate(tmp_path / "p", units=2, years=range(2024, 2025), seed=6, formats=("pdf",))
    for f in a["files"]:
        txt = extract(tmp_path / "t" / f["path"]).reports[0]
        pdf = extract(tmp_path / "p" / (f["path"][: -len(".txt")] + ".pdf")).reports[0]
        assert sorted((m.kind, m.raw, m.value) for m in pdf.mentions) == sorted((m.kind, m.raw, m.value) for m in txt.mentions)
        assert sorted((x.key, x.value) for x in pdf.facts) == sorted((x.key, x.value) for x in txt.facts)
        assert [(p.name, p.amount) for p in pdf.projects] == [(p.name, p.amount) for p in txt.projects]
        assert (pdf.unit_name, pdf.fiscal_year, pdf.report_kind) == (txt.unit_name, txt.fiscal_year, txt.report_kind)
        assert len({m.page for m in pdf.mentions}) > 1 or f["kind"] == "project"


def test_command_line(tmp_path):
    import subprocess

    res = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_archive.py"), str(tmp_path / "out"), "--units", "2",
         "--years", "2023-2024", "--seed", "1", "--formats", "txt,docx"],
        capture_output=True, text=True, check=True,
    )
    truth = json.loads((tmp_path / "out" / "ground_truth.json").read_text(encoding="utf-8"))
    assert truth["years"] == [2023, 2024] and len({f["unit_id"] for f in truth["files"]}) == 2
    assert "reports/s" in res.stderr
