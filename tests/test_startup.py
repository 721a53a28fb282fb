"""Start-up that costs nothing: --help, serve, export, units and an unchanged re-run never import
spaCy, pdfplumber, pdfium or the readers (bench/ingest.py measures the time; this checks what
each command loads, in a fresh interpreter)."""
from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import EXAMPLE_TXT, ROOT

HEAVY = ("spacy", "pdfplumber", "pdfminer", "pypdfium2", "docx", "openpyxl", "jieba", "rapidocr_onnxruntime",
         "extractor.pipeline", "extractor.read.pdf", "extractor.read.docx", "extractor.text.recognize")

PROBE = """
import sys
from extractor.cli import cli
args = sys.argv[1:]
if args[0] == "serve":  # serve runs Datasette until stopped: build its app only
    from pathlib import Path
    from extractor.publish.serve import datasette_app
    datasette_app(Path(args[1]))
else:
    try:
        cli(args, standalone_mode=False)
    except SystemExit:
        pass
print("LOADED", " ".join(m for m in {heavy!r} if m in sys.modules))
"""


def _loaded(*args: str) -> list[str]:
    code = PROBE.format(heavy=HEAVY)
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT,
                         timeout=300)
    assert out.returncode == 0, out.stderr
    line = next(line for line in out.stdout.splitlines() if line.startswith("LOADED"))
    return line.split()[1:]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    from extractor import store
    from extractor.ingest import ingest_paths

    path = tmp_path_factory.mktemp("startup") / "r.db"
    ingest_paths(store.open_db(path), [EXAMPLE_TXT])
    return path


def test_help_loads_nothing_heavy():
    assert _loaded("--help") == []
    assert _loaded("ingest", "--help") == []


@pytest.mark.parametrize("command", ["units", "export", "serve", "check"])
def test_commands_on_a_database_load_nothing_heavy(db, tmp_path, command):
    args = {"units": ["units", "--db", str(db)], "export": ["export", "--db", str(db), "--out", str(tmp_path)],
            "serve": ["serve", str(db)], "check": ["check", "--db", str(db)]}[command]
    assert _loaded(*args) == []


def test_an_unchanged_rerun_loads_nothing_heavy(db):
    assert _loaded("ingest", str(EXAMPLE_TXT), "--db", str(db), "--quiet") == []


def test_a_run_with_work_does_load_the_pipeline(tmp_path):
    assert "extractor.pipeline" in _loaded("ingest", str(EXAMPLE_TXT), "--db", str(tmp_path / "new.db"), "--quiet")
