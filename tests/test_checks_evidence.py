"""Evidence that points where it says (issue 14, items 6 and 7, the checks side): every evidence
item names the report it points into, and findings store numbers as people write them."""
import json
import shutil

from extractor import store
from extractor.checks import check_prior_year, check_report
from extractor.ingest import find_sources, ingest_paths
from extractor.model import Fact, Report

from .conftest import CORPUS, EXAMPLE_TXT


def test_every_evidence_item_names_its_report():
    r = Report(text="", facts=[Fact("staff_authorized", 68, "人"), Fact("staff_actual", 79, "人")])
    [f] = check_report(r)
    assert f.evidence and all(e["report"] == "current" for e in f.evidence)


def test_prior_year_evidence_names_the_previous_report_and_its_id(tmp_path):
    folder = tmp_path / "disagree"
    folder.mkdir()
    shutil.copy(EXAMPLE_TXT, folder / EXAMPLE_TXT.name)
    for f in (CORPUS / "synthetic" / "prior-year" / "disagree").iterdir():
        shutil.copy(f, folder / f.name)
    db = store.open_db(tmp_path / "disagree.db")
    ingest_paths(db, list(find_sources([folder])))
    years = dict(db.execute("select fiscal_year, id from reports").fetchall())
    [(report_id, evidence, expected, difference)] = db.execute(
        "select report_id, evidence, expected, difference from findings where rule = 'prior_year_mismatch'").fetchall()
    assert report_id == years[2024]
    items = json.loads(evidence)
    assert {e["report"] for e in items} == {"current", "previous"}
    for e in items:
        assert e["report_id"] == (years[2023] if e["report"] == "previous" else years[2024])
        if e["type"] == "mention":  # the mention id is one of the report the item names
            [(owner, raw)] = db.execute("select report_id, raw from mentions where id = ?", [e["id"]]).fetchall()
            assert owner == e["report_id"] and raw == e["raw"]
    # figures as written: six decimals, no binary noise (1000.9785880000001)
    assert expected == 1000.978588 and difference == 10.0


def test_prior_year_check_alone_marks_the_previous_items():
    current = Report(text="", fiscal_year=2024, facts=[
        Fact("personnel_expenditure", 1048.772537, "万元"), Fact("personnel_expenditure.yoy_delta", 47.793949, "万元")])
    previous = Report(text="", fiscal_year=2023, facts=[Fact("personnel_expenditure", 1010.978588, "万元")])
    [f] = check_prior_year(current, previous)
    assert [e["report"] for e in f.evidence] == ["current", "current", "previous"]
    assert (f.expected, f.actual, f.difference) == (1000.978588, 1010.978588, 10.0)


def test_findings_store_numbers_as_written():
    """The X009 stake range spans 8.22 − 7.62 km: 0.6, not 0.6000000000000005."""
    from extractor.pipeline import extract

    [stake] = [f for f in extract(EXAMPLE_TXT).reports[0].findings if f.rule == "stake_length_mismatch"]
    assert (stake.expected, stake.actual, stake.difference) == (0.6, 0.84, 0.24)
