import json
import shutil
import subprocess
import sys

from click.testing import CliRunner

from extractor.cli import cli

from .conftest import EXAMPLE_TXT, ROOT


def test_ingest_summary_and_errors(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLE_TXT, folder / "渌口 2024 报告.txt")  # spaces and Chinese in the name
    (folder / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(tmp_path / "r.db")])
    assert result.exit_code == 0, result.output
    assert "2 files: 1 ingested, 0 unchanged, 1 errors (empty 1)" in result.output
    assert "Traceback" not in result.output
    again = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(tmp_path / "r.db")])
    assert "0 ingested, 1 unchanged" in again.output


def test_ingest_missing_path_is_a_clean_error(tmp_path):
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "nope"), "--db", str(tmp_path / "r.db")])
    assert result.exit_code != 0
    assert "no such file or folder" in result.output and "Traceback" not in result.output


def test_extract_prints_json():
    result = CliRunner().invoke(cli, ["extract", str(EXAMPLE_TXT)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    report = data["reports"][0]
    assert report["fiscal_year"] == 2024
    assert sum(1 for m in report["mentions"] if m["kind"] == "amount") == 52
    assert "text" not in report


def test_extract_bad_file_is_clean(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(bytes(range(256)) * 8)
    result = CliRunner().invoke(cli, ["extract", str(bad)])
    assert result.exit_code == 1
    assert "decode_error" in result.output and "Traceback" not in result.output


def test_python_dash_m():
    out = subprocess.run([sys.executable, "-m", "extractor", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0 and "ingest" in out.stdout


def test_readme_documents_every_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"extractor {name}" in readme, f"README does not document `extractor {name}`"


def test_readme_documents_every_error_kind():
    from extractor import errors

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    kinds = {c.kind for c in vars(errors).values() if isinstance(c, type) and issubclass(c, errors.ExtractorError)}
    kinds -= {"error"}
    for kind in kinds | {"internal_error", "unreadable"}:
        assert f"`{kind}`" in readme, kind


def test_readme_catalogues_every_check_rule():
    from extractor import rules

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    conf = rules.load("checks")
    ids = [r["id"] for r in conf.get("rule", [])] or list(conf.get("rules", {}))
    assert ids, "patterns/checks.toml lists no rules"
    for rule in ids:
        assert f"`{rule}`" in readme, rule
