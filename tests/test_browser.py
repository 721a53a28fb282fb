"""What a person sees: headless Chromium loads Datasette pages and the rendered report.

Needs Debian's chromium (.ci/run installs it). Screenshots are saved to tests/artifacts/ as test
artefacts. Outside CI the tests skip when Chromium is missing; in CI (CI=true) they fail instead.
The findings queue is driven through the DevTools protocol (tests/cdp.py): a note typed, a button
clicked, the page reloaded.
"""
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from extractor import store
from extractor.ingest import find_sources, ingest_paths

from .cdp import Browser
from .conftest import CORPUS, EXAMPLE_TXT, ROOT

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")

if CHROMIUM is None:
    if os.environ.get("CI"):
        raise RuntimeError("CI needs Chromium for the browser tests: apt-get install chromium")
    pytest.skip("Chromium is not installed (apt-get install chromium)", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("browser")
    folder = tmp / "in"
    folder.mkdir()
    shutil.copy(EXAMPLE_TXT, folder / EXAMPLE_TXT.name)
    last_year = CORPUS / "synthetic" / "prior-year" / "disagree" / "2023年度渌口区交通事务中心整体支出绩效自评报告.txt"
    shutil.copy(last_year, folder / last_year.name)  # the unit page shows two years
    db_path = tmp / "performance.db"
    db = store.open_db(db_path)
    ingest_paths(db, list(find_sources([folder])))
    rendered = tmp / "rendered"
    try:
        from extractor.publish.render import render_all
    except ImportError:
        render_all = None
    if render_all:
        render_all(db, rendered)
    db.close()
    port = _free_port()
    cmd = [sys.executable, "-m", "extractor", "serve", "--db", str(db_path), "--port", str(port)]
    if render_all:
        cmd += ["--rendered", str(rendered)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/-/versions.json", timeout=1)
            break
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(proc.stderr.read().decode())
            time.sleep(0.2)
    yield {"base": base, "rendered": render_all is not None, "db": db_path}
    proc.terminate()
    proc.wait(timeout=10)


def chromium(*args: str) -> str:
    out = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--hide-scrollbars", *args],
        capture_output=True, text=True, timeout=60,
    )
    return out.stdout


def look(url: str, name: str) -> str:
    """The page's DOM after scripts ran, plus a screenshot saved as an artefact."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / f"{name}.png"
    chromium(f"--screenshot={shot}", "--window-size=1280,1400", url)
    assert shot.exists() and shot.stat().st_size > 5000, f"no screenshot of {url}"
    from PIL import Image

    with Image.open(shot) as img:
        colours = img.convert("L").getextrema()
    assert colours[1] - colours[0] > 100, f"screenshot of {url} looks blank"
    return chromium("--dump-dom", url)


def test_home_page(server):
    dom = look(server["base"] + "/", "home")
    assert "绩效自评报告数据库" in dom
    assert "comparable_facts" in dom and "/-/charts" in dom


def _report_id(server, year: int) -> int:
    db = store.open_db(server["db"])
    return db.execute("select id from reports where fiscal_year = ?", [year]).fetchone()[0]


def test_reports_table(server):
    dom = look(server["base"] + "/performance/reports", "reports-table")
    assert "渌口区交通事务中心" in dom and "2024" in dom
    # the text column is cut: the table reads as a table
    assert "…" in dom and dom.index("rows-and-columns") < dom.index("column-help")


def test_report_row(server):
    rid = _report_id(server, 2024)
    dom = look(server["base"] + f"/performance/reports/{rid}", "report-row")
    assert "渌口区交通事务中心" in dom and "2024" in dom and "department" in dom
    assert f'/rendered/report-{rid}.html' in dom and f'/rendered/review-{rid}.html' in dom
    assert dom.index("report-links") < dom.index("row-fields")  # the links come first


def test_unit_page(server):
    unit_id = store.open_db(server["db"]).execute("select id from units").fetchone()[0]
    dom = look(server["base"] + f"/-/unit/{unit_id}", "unit-page")
    assert "渌口区交通事务中心" in dom and "5592.788104" in dom and "10488.604785" in dom
    assert "<svg" in dom and "prior_year_mismatch" in dom


def test_findings_queue_mark_and_reload(server):
    """Type a note, click 属实 confirmed on the first finding, reload: the mark is kept."""
    browser = Browser(CHROMIUM)
    try:
        browser.open(server["base"] + "/-/findings")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        browser.screenshot(ARTIFACTS / "findings-queue.png")
        first = browser.evaluate("document.querySelector('article.finding').id")
        browser.evaluate("document.querySelector('article.finding input[name=note]').value = '已核对原文，属实'")
        browser.click_and_wait("document.querySelector('article.finding button[value=confirmed]').click()")
        browser.open(server["base"] + "/-/findings?view=all")  # reload, every finding
        kept = browser.evaluate(f"document.getElementById('{first}').innerText")
        browser.evaluate(f"document.getElementById('{first}').scrollIntoView()")
        browser.screenshot(ARTIFACTS / "findings-queue-marked.png")
        browser.open(server["base"] + "/-/findings")
        still_open = browser.evaluate(f"!!document.getElementById('{first}')")
    finally:
        browser.close()
    assert "属实" in kept and "已核对原文，属实" in kept
    assert still_open is False  # the queue hides what was reviewed
    db = store.open_db(server["db"])
    assert db.execute("select status, note from finding_reviews").fetchall() == [("confirmed", "已核对原文，属实")]


def test_comparable_facts_query(server):
    dom = look(server["base"] + "/performance/comparable_facts", "comparable-facts")
    assert "渌口区交通事务中心" in dom and "总支出（万元）" in dom
    assert "1337.358269" in dom and "1048.772537" in dom


def test_findings_query(server):
    dom = look(server["base"] + "/performance/findings_by_severity?unit=&year=", "findings")
    assert "staff_over_quota" in dom


def test_search(server):
    dom = look(server["base"] + "/performance/search_sections?q=%E5%85%AC%E8%B7%AF", "search")
    assert "S330项目二期" in dom or "公路" in dom


def test_charts_page(server):
    dom = look(server["base"] + "/-/charts", "charts")
    assert "<svg" in dom and "Total expenditure by year" in dom
    assert "/-/static/app.css" in dom  # inside Datasette's own page


def test_rendered_report(server):
    if not server["rendered"]:
        pytest.fail("extractor.publish.render is missing")
    dom = look(server["base"] + f"/rendered/report-{_report_id(server, 2024)}.html", "rendered-report")
    for name in ("2018年大中修项目", "S330项目二期", "不停车检测系统"):
        assert name in dom
    assert "stake_length_mismatch" in dom or "桩号" in dom
