"""The review workflow: findings' fingerprints, reviewers' marks that survive re-ingest and
re-check, the findings queue, the `extractor review` command, the export, and the write-enabled
page of the Datasette plugin (POST with Datasette's CSRF token, loopback only)."""
import asyncio
import csv
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor import store
from extractor.cli import cli
from extractor.ingest import find_sources, ingest_paths
from extractor.publish.export import export
from extractor.recheck import check_all
from extractor.store.reviews import fingerprint

from .conftest import EXAMPLE_TXT


@pytest.fixture
def db_path(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLE_TXT, folder / EXAMPLE_TXT.name)
    path = tmp_path / "performance.db"
    ingest_paths(store.open_db(path), list(find_sources([folder])))
    return path


def _first(db, rule: str) -> dict:
    return next(f for f in store.findings_queue(db, reviewed="all") if f["rule"] == rule)


def test_fingerprint_ignores_offsets_ids_and_wording():
    evidence = [{"type": "mention", "index": 3, "start": 10, "end": 20, "raw": "0.84公里", "id": 7}]
    moved = [{"type": "mention", "index": 5, "start": 110, "end": 120, "raw": "0.84公里", "id": 99}]
    a = fingerprint("abc", 0, "stake_length_mismatch", 0.6000000000000005, 0.84, evidence)
    assert a == fingerprint("abc", 0, "stake_length_mismatch", 0.6, 0.84, moved)
    assert a != fingerprint("abd", 0, "stake_length_mismatch", 0.6, 0.84, evidence)  # another document
    assert a != fingerprint("abc", 0, "sum_mismatch", 0.6, 0.84, evidence)
    assert a != fingerprint("abc", 0, "stake_length_mismatch", 0.6, 0.85, evidence)
    assert re.fullmatch(r"[0-9a-f]{32}", a)


def test_every_stored_finding_has_a_fingerprint(db_path):
    db = store.open_db(db_path)
    assert db.execute("select count(*) from findings where fingerprint is null").fetchone()[0] == 0
    assert db.execute("select count(*) from findings").fetchone()[0] > 3


def test_marks_survive_reingest_and_recheck(db_path, tmp_path):
    db = store.open_db(db_path)
    target = _first(db, "staff_over_quota")
    store.save_review(db, target["id"], "confirmed", "实有79人，编制68人，属实", "tester")
    store.save_review(db, _first(db, "stake_length_mismatch")["fingerprint"][:10], "false_alarm", "桩号含匝道")
    ingest_paths(db, list(find_sources([tmp_path / "in"])), force=True)  # every row rewritten, new ids
    check_all(db)  # and every finding again
    again = _first(db, "staff_over_quota")
    assert again["fingerprint"] == target["fingerprint"]
    assert (again["review_status"], again["review_note"]) == ("confirmed", "实有79人，编制68人，属实")
    assert _first(db, "stake_length_mismatch")["review_status"] == "false_alarm"
    counts = store.queue_counts(db)
    assert counts["reviewed"] >= 2 and counts["confirmed"] >= 1 and counts["false_alarm"] >= 1
    assert counts["open"] == counts["total"] - counts["reviewed"]


def test_queue_hides_reviewed_and_sorts_by_severity(db_path):
    db = store.open_db(db_path)
    everything = store.findings_queue(db, reviewed="all")
    order = {"error": 0, "warning": 1, "info": 2}
    assert [order[f["severity"]] for f in everything] == sorted(order[f["severity"]] for f in everything)
    marked = everything[0]
    store.save_review(db, marked["id"], "false_alarm", "")
    assert marked["id"] not in {f["id"] for f in store.findings_queue(db, reviewed="open")}
    assert [f["id"] for f in store.findings_queue(db, reviewed="reviewed")] == [marked["id"]]
    store.clear_review(db, marked["id"])
    assert store.queue_counts(db)["reviewed"] == 0


def test_export_carries_marks(db_path, tmp_path):
    db = store.open_db(db_path)
    target = _first(db, "staff_over_quota")
    store.save_review(db, target["id"], "confirmed", "属实")
    export(db, tmp_path / "out", "csv")
    with open(tmp_path / "out" / "findings.csv", encoding="utf-8-sig", newline="") as f:
        rows = {r["fingerprint"]: r for r in csv.DictReader(f)}
    row = rows[target["fingerprint"]]
    assert (row["review_status"], row["review_note"]) == ("confirmed", "属实") and row["reviewed_at"]
    assert sum(1 for r in rows.values() if r["review_status"]) == 1


def test_old_database_gets_fingerprints(db_path):
    db = store.open_db(db_path)
    db.execute("update findings set fingerprint = null")
    db.execute("drop index idx_findings_fingerprint")
    db.conn.commit()
    db["findings"].transform(drop={"fingerprint"})
    store.open_db(db_path)  # adds the column and fills it
    again = store.open_db(db_path)
    assert again.execute("select count(*) from findings where fingerprint is null").fetchone()[0] == 0


def test_review_command(db_path):
    db = store.open_db(db_path)
    target = _first(db, "staff_over_quota")
    run = lambda *a: CliRunner().invoke(cli, ["review", "--db", str(db_path), *a])  # noqa: E731
    listed = run()
    assert listed.exit_code == 0 and target["fingerprint"][:8] in listed.output
    marked = run(str(target["id"]), "false-alarm", "--note", "编制数含借调人员")
    assert marked.exit_code == 0, marked.output
    assert "marked false_alarm" in marked.output
    assert target["fingerprint"][:8] not in run().output  # the open queue no longer lists it
    assert "编制数含借调人员" in run("--all").output
    unknown = run("999999", "confirmed")
    assert unknown.exit_code == 2 and "Traceback" not in unknown.output
    assert run(target["fingerprint"][:12], "--clear").exit_code == 0
    assert target["fingerprint"][:8] in run().output


# ------------------------------------------------------------------ the write-enabled page
def _client(db_path, host="127.0.0.1"):
    from extractor.publish.serve import datasette_app

    return datasette_app(Path(db_path), host=host).client


async def _mark(client, status="confirmed", note="属实，已核对原表"):
    page = await client.get("/-/findings")
    token = re.search(r'name="csrftoken" value="([^"]+)"', page.text).group(1)
    fp = re.search(r'name="fingerprint" value="([0-9a-f]+)"', page.text).group(1)
    cookies = {"ds_csrftoken": page.cookies.get("ds_csrftoken")}
    posted = await client.post("/-/findings/mark", data={
        "csrftoken": token, "fingerprint": fp, "status": status, "note": note, "next": "/-/findings?view=all"},
        cookies=cookies)
    return fp, posted


def test_queue_page_marks_a_finding(db_path):
    async def go():
        client = _client(db_path)
        fp, posted = await _mark(client)
        assert posted.status_code == 302 and posted.headers["location"] == "/-/findings?view=all"
        page = await client.get("/-/findings?view=all")
        return fp, page.text

    fp, html = asyncio.run(go())
    assert store.open_db(db_path).execute(
        "select status, note from finding_reviews where fingerprint = ?", [fp]).fetchone() == ("confirmed", "属实，已核对原表")
    assert "属实，已核对原表" in html and "mark-confirmed" in html


def test_queue_page_refuses_a_post_without_csrf_token(db_path):
    async def go():
        client = _client(db_path)
        page = await client.get("/-/findings")
        fp = re.search(r'name="fingerprint" value="([0-9a-f]+)"', page.text).group(1)
        form = {"fingerprint": fp, "status": "confirmed"}
        no_cookie = await client.post("/-/findings/mark", data=form)  # as a cross-site form would
        wrong = await client.post("/-/findings/mark", data={**form, "csrftoken": "forged"},
                                  cookies={"ds_csrftoken": page.cookies.get("ds_csrftoken")})
        return no_cookie.status_code, wrong.status_code

    assert asyncio.run(go()) == (403, 403)
    assert store.open_db(db_path).execute("select count(*) from finding_reviews").fetchone()[0] == 0


def test_queue_page_is_read_only_when_published(db_path):
    async def go():
        client = _client(db_path, host="0.0.0.0")
        return await client.get("/-/findings")

    page = asyncio.run(go())
    assert page.status_code == 200
    assert 'action="/-/findings/mark"' not in page.text and "read-only" in page.text
