"""What a reviewer sees in Datasette, read through Datasette's own test client (the browser tests
look at the same pages in Chromium): numbers at their precision with units, evidence as links,
long text cut in tables and whole on row pages, canned queries labelled in Chinese with their SQL
hidden, the unit page, the review page, the charts inside Datasette's page, /rendered/, and a
word on one-character searches."""
import asyncio
import re
import shutil
from pathlib import Path

import pytest

from extractor import store
from extractor.ingest import find_sources, ingest_paths
from extractor.publish.datasette_plugin import cells
from extractor.publish.serve import datasette_app

from .conftest import CORPUS, EXAMPLE_STEM, EXAMPLE_TXT

DOCX = CORPUS / f"{EXAMPLE_STEM}.docx"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The example report as TXT and DOCX (one report, two formats) and last year's report."""
    tmp = tmp_path_factory.mktemp("pages")
    folder = tmp / "in"
    folder.mkdir()
    for f in (EXAMPLE_TXT, DOCX, CORPUS / "synthetic" / "prior-year" / "disagree" / "2023年度渌口区交通事务中心整体支出绩效自评报告.txt"):
        shutil.copy(f, folder / f.name)
    rendered = tmp / "rendered"
    rendered.mkdir()
    (rendered / "index.html").write_text("<h1>index</h1>", encoding="utf-8")
    db_path = tmp / "performance.db"
    ingest_paths(store.open_db(db_path), list(find_sources([folder])))
    return db_path, rendered


def get(site, *paths, rendered=False):
    db_path, folder = site
    ds = datasette_app(Path(db_path), rendered=folder if rendered else None)

    async def go():
        return [await ds.client.get(p) for p in paths]

    out = asyncio.run(go())
    return out if len(out) > 1 else out[0]


def visible(html: str) -> str:
    """The page's text as shown: no <head>, no tags."""
    body = html.split("<body", 1)[-1]
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", body, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


def test_number_cells_at_their_precision_with_units():
    assert cells.number(0.6000000000000005, "km") == "0.6 km"
    assert cells.render({"unit": "万元"}, 1048.772537, "value", "facts") == "1048.772537 万元"
    assert cells.render({"rule": "stake_length_mismatch"}, 0.600000000000001, "expected", "findings") == "0.6 km"
    assert cells.render({"rule": "goal_not_met"}, 40.35, "actual", "findings") == "40.35"  # no one unit
    assert cells.render({}, 68.0, "value", None) == "68"
    assert cells.render({}, "text", "title", "documents") is None  # left to Datasette


def test_findings_table_numbers_and_evidence_links(site):
    page = get(site, "/performance/findings?rule=stake_length_mismatch")
    assert page.status_code == 200
    assert "0.6000000000000005" not in page.text and "0.600000000000001" not in page.text
    assert "0.6 km" in visible(page.text)
    assert re.search(r'href="/-/review/\d+#e-\d+-0"', page.text), "evidence should link to the review page"
    assert '"type": "project"' not in page.text  # not raw JSON


def test_reports_table_cuts_the_text_and_row_page_shows_it_whole(site):
    text = store.open_db(site[0]).execute("select text from reports where id = 3").fetchone()[0]
    table, row = get(site, "/performance/reports", "/performance/reports/3")
    assert table.status_code == 200 and row.status_code == 200
    sample = re.sub(r"\s+", " ", text[2000:2100])
    assert sample not in visible(table.text)
    assert sample[:40] in visible(row.text)
    # the first screen: the column descriptions are folded below the table, the rows come first
    assert table.text.index("rows-and-columns") < table.text.index('class="column-help"')
    # a report's row page opens with its links
    links = row.text.index('class="report-links"')
    assert links < row.text.index("row-fields")
    assert 'href="/-/review/3"' in row.text and 'href="/-/unit/' in row.text


def test_canned_queries_show_data_first_labelled_in_chinese(site):
    page = get(site, "/performance/comparable_facts")
    assert page.status_code == 200
    shown = visible(page.text)
    assert "总支出（万元）total" in shown and "10488.604785" in shown
    assert "max(case when" not in shown  # the SQL is folded away (hide_sql)
    assert "Show SQL" in shown or "show" in shown.lower()


def test_unit_page(site):
    db = store.open_db(site[0])
    unit_id = db.execute("select id from units where canonical_name like '%渌口区交通事务中心%'").fetchone()[0]
    page = get(site, f"/-/unit/{unit_id}")
    assert page.status_code == 200
    shown = visible(page.text)
    assert "渌口区交通事务中心" in shown
    # main facts side by side: 2023 and 2024 total expenditure on one row
    assert re.search(r"总支出 万元 5592\.788104 10488\.604785", shown), shown[:2000]
    assert "<svg" in page.text  # the small chart
    assert "prior_year_mismatch" in shown and "staff_over_quota" in shown  # findings
    for report_id in store.report_ids(db):
        assert f'href="/-/review/{report_id}"' in page.text  # a link to each report
    assert "项目 Projects" in shown
    assert 'class="app-css' not in page.text and "/-/static/app.css" in page.text  # Datasette's page


def test_review_page_marks_every_span(site):
    page = get(site, "/-/review/3")
    assert page.status_code == 200
    assert 'class="ent k-amount"' in page.text and 'id="e-' in page.text
    assert "/-/static/app.css" in page.text
    assert get(site, "/-/review/999").status_code == 404


def test_findings_queue_sorted_by_severity_with_quotes(site):
    page = get(site, "/-/findings?view=all")
    assert page.status_code == 200
    severities = re.findall(r'<article class="finding sev-(\w+)', page.text)
    order = {"error": 0, "warning": 1, "info": 2}
    assert severities and [order[s] for s in severities] == sorted(order[s] for s in severities)
    assert 'class="hl"' in page.text and "last year&#39;s report" in page.text  # quotes, prior-year evidence
    assert "/-/static/app.css" in page.text


def test_charts_page_inside_datasette_counts_a_report_once(site):
    page = get(site, "/-/charts")
    assert page.status_code == 200
    assert "/-/static/app.css" in page.text and 'class="crumbs"' in page.text
    shown = visible(page.text)
    # the 2024 report is here as TXT and DOCX: its total counts once
    assert "10,488.60万元" in shown and "20,977.21" not in shown


def test_rendered_index_is_not_forbidden(site):
    assert get(site, "/rendered/", rendered=True).status_code == 302
    missing = get(site, "/rendered/")
    assert missing.status_code == 404 and "extractor render" in missing.text


def test_one_character_search_says_why(site):
    table, canned = get(site, "/performance/sections?_search=%E5%85%AC", "/performance/search_sections?q=%E5%85%AC")
    assert "单字" in visible(table.text) and "search_sections?q=" in table.text
    assert canned.status_code == 200 and "0 results" not in canned.text
    assert "公路" in visible(canned.text)


def test_a_database_without_our_tables_gets_a_page_not_a_crash(tmp_path):
    import sqlite3

    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("create table t (x)")
    ds = datasette_app(other)

    async def go():
        return [await ds.client.get(p) for p in ("/-/findings", "/-/unit/1", "/-/review/1", "/-/charts")]

    findings, unit, review, charts = asyncio.run(go())
    assert "extractor ingest" in findings.text and "Traceback" not in findings.text
    assert unit.status_code in (404, 500) and review.status_code in (404, 500) and charts.status_code == 200
