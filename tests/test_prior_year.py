"""Two years of one unit: prior_year_mismatch exactly when last year's report disagrees with
this year's 较上年 figures (corpus/synthetic/prior-year, made by scripts/make_prior_year.py)."""
import shutil

import pytest

from extractor import store
from extractor.cli import cli
from extractor.ingest import find_sources, ingest_paths
from extractor.recheck import check_prior_years
from click.testing import CliRunner

from .conftest import CORPUS, EXAMPLE_TXT

PRIOR = CORPUS / "synthetic" / "prior-year"


def _build(tmp_path, variant):
    folder = tmp_path / variant
    folder.mkdir()
    shutil.copy(EXAMPLE_TXT, folder / EXAMPLE_TXT.name)
    for f in (PRIOR / variant).iterdir():
        shutil.copy(f, folder / f.name)
    db = store.open_db(tmp_path / f"{variant}.db")
    ingest_paths(db, list(find_sources([folder])))
    return db


def _prior_findings(db):
    return db.execute(
        "select r.fiscal_year, f.message, f.expected, f.actual from findings f join reports r on r.id = f.report_id"
        " where f.rule = 'prior_year_mismatch'"
    ).fetchall()


def test_reports_pair_up(tmp_path):
    db = _build(tmp_path, "agree")
    years = sorted(r[0] for r in db.execute("select fiscal_year from reports"))
    assert years == [2023, 2024]
    units = {r[0] for r in db.execute("select coalesce(unit_name_normalized, unit_name) from reports")}
    assert len(units) == 1


def test_agreeing_years_give_no_finding(tmp_path):
    assert _prior_findings(_build(tmp_path, "agree")) == []


def test_disagreeing_years_are_found(tmp_path):
    findings = _prior_findings(_build(tmp_path, "disagree"))
    assert len(findings) == 1
    year, message, expected, actual = findings[0]
    assert year == 2024
    assert "人员经费" in message or "personnel" in message
    assert {round(expected, 6), round(actual, 6)} == {1000.978588, 1010.978588}


@pytest.mark.parametrize("order", ["2024 first", "2023 first"])
def test_order_of_ingest_does_not_matter(tmp_path, order):
    folder_2024, folder_2023 = tmp_path / "a", tmp_path / "b"
    folder_2024.mkdir(), folder_2023.mkdir()
    shutil.copy(EXAMPLE_TXT, folder_2024 / EXAMPLE_TXT.name)
    for f in (PRIOR / "disagree").iterdir():
        shutil.copy(f, folder_2023 / f.name)
    db = store.open_db(tmp_path / "r.db")
    batches = [folder_2024, folder_2023] if order == "2024 first" else [folder_2023, folder_2024]
    for folder in batches:
        ingest_paths(db, list(find_sources([folder])))
    assert len(_prior_findings(db)) == 1


def test_check_command_is_idempotent(tmp_path):
    db = _build(tmp_path, "disagree")
    before = db.execute("select rule, message from findings order by rule, message").fetchall()
    for _ in range(2):
        result = CliRunner().invoke(cli, ["check", "--db", str(tmp_path / "disagree.db")])
        assert result.exit_code == 0, result.output
    after = db.execute("select rule, message from findings order by rule, message").fetchall()
    assert after == before
    assert "prior_year_mismatch" in result.output


@pytest.fixture()
def three_reports(tmp_path):
    """2024 and two 2023 reports of one unit (agree and disagree): the later 2023 one is the previous."""
    for variant in ("agree", "disagree"):
        (tmp_path / variant).mkdir()
        for f in (PRIOR / variant).iterdir():
            shutil.copy(f, tmp_path / variant / f.name)
    shutil.copy(EXAMPLE_TXT, tmp_path / EXAMPLE_TXT.name)
    db = store.open_db(tmp_path / "three.db")
    ingest_paths(db, list(find_sources([tmp_path])))
    return db


def test_pairs_in_bulk_are_the_pairs_one_by_one(three_reports):
    db = three_reports
    ids = store.report_ids(db)
    assert len(ids) == 3
    one_by_one = {i: store.previous_year_report(db, i) for i in ids}
    assert store.previous_year_reports(db, ids) == {i: p for i, p in one_by_one.items() if p is not None}
    assert len(store.previous_year_reports(db, ids)) == 1
    for i in ids:
        assert store.next_year_reports_of(db, [i]) == set(store.next_year_reports(db, i))


def test_fact_reports_hold_what_load_report_holds(three_reports):
    db = three_reports
    ids = store.report_ids(db)
    light = store.load_fact_reports(db, ids)
    for i in ids:
        full = store.load_report(db, i).report
        assert (light[i].text, light[i].fiscal_year, light[i].unit_name) == (full.text, full.fiscal_year, full.unit_name)
        assert light[i].facts == full.facts and len(light[i].mentions) == len(full.mentions)
        cited = {f.mention for f in full.facts if f.mention is not None}
        assert cited and all(light[i].mentions[m] == full.mentions[m] for m in cited)
        assert all(light[i].mentions[m] is None for m in set(range(len(full.mentions))) - cited)


def test_a_batch_rewrites_only_reports_with_findings_before_or_after(three_reports, monkeypatch):
    db = three_reports
    [new], older = [[r[0] for r in db.execute("select id from reports where fiscal_year = ?", [y])] for y in (2024, 2023)]
    db["findings"].insert({"report_id": older[0], "rule": "prior_year_mismatch", "message": "stale"})
    written, replace = [], store.replace_findings
    monkeypatch.setattr(store, "replace_findings", lambda db, i, *a, **k: written.append(i) or replace(db, i, *a, **k))
    check_prior_years(db, store.report_ids(db))
    assert written == sorted([new, older[0]])
    assert _prior_findings(db)[0][0] == 2024 and len(_prior_findings(db)) == 1
