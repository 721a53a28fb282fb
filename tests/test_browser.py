"""What a person sees: headless Chromium loads Datasette pages and the rendered report.

Needs Debian's chromium (.ci/run installs it). Screenshots are saved to tests/artifacts/ as test
artefacts. Outside CI the tests skip when Chromium is missing; in CI (CI=true) they fail instead.
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

from .conftest import EXAMPLE_TXT, ROOT

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
    db_path = tmp / "reports.db"
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
    yield {"base": base, "rendered": render_all is not None}
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


def test_report_row(server):
    dom = look(server["base"] + "/reports/reports/1", "report-row")
    assert "渌口区交通事务中心" in dom and "2024" in dom and "department" in dom
    assert '/rendered/report-1.html' in dom and '/rendered/review-1.html' in dom


def test_comparable_facts_query(server):
    dom = look(server["base"] + "/reports/comparable_facts", "comparable-facts")
    assert "渌口区交通事务中心" in dom
    assert "1337.358269" in dom and "1048.772537" in dom


def test_findings_query(server):
    dom = look(server["base"] + "/reports/findings_by_severity?unit=&year=", "findings")
    assert "staff_over_quota" in dom


def test_search(server):
    dom = look(server["base"] + "/reports/search_sections?q=%E5%85%AC%E8%B7%AF", "search")
    assert "S330项目二期" in dom or "公路" in dom


def test_charts_page(server):
    dom = look(server["base"] + "/-/charts", "charts")
    assert "<svg" in dom and "Total expenditure by year" in dom


def test_rendered_report(server):
    if not server["rendered"]:
        pytest.fail("extractor.publish.render is missing")
    dom = look(server["base"] + "/rendered/report-1.html", "rendered-report")
    for name in ("2018年大中修项目", "S330项目二期", "不停车检测系统"):
        assert name in dom
    assert "stake_length_mismatch" in dom or "桩号" in dom
