import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
EXAMPLE_STEM = "2024年度渌口区交通事务中心整体支出绩效自评报告"
EXAMPLE_TXT = CORPUS / f"{EXAMPLE_STEM}.txt"


def built_text(text: str, path: str = "x.txt"):
    """A report of ``text`` (one page of a .txt) through the whole pipeline."""
    from extractor.model import Page, RawDocument
    from extractor.pipeline import build_report

    return build_report(RawDocument(path=path, format="txt", pages=[Page(1, text)]))


def run_excerpt(tmp_path, text: str, name: str = "excerpt.txt"):
    """The first report of ``text`` written to a file and extracted as a user's file would be."""
    from extractor.pipeline import extract

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract(path).reports[0]


def findings_of(report, rule: str) -> list:
    """The report's findings of one rule."""
    return [f for f in report.findings if f.rule == rule]


def by_layout(family) -> dict[str, list]:
    """A synthetic family's (file, text, truth) grouped by ``truth["layout"]``, in family order."""
    out: dict[str, list] = {}
    for file, text, truth in family:
        out.setdefault(truth["layout"], []).append((file, text, truth))
    return out


def load_script(name: str, folder: str = "scripts"):
    """<folder>/<name>.py (scripts/ or bench/: neither is a package) as a module, loaded once per session."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / folder / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while a class is built
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def example_text() -> str:
    return EXAMPLE_TXT.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def example_extraction():
    from extractor import extract

    return extract(EXAMPLE_TXT)


@pytest.fixture(scope="session")
def example_report(example_extraction):
    return example_extraction.reports[0]


@pytest.fixture(scope="session")
def scan_extraction():
    """The scanned PDF (corpus/scanned/), OCR'd once for the whole session with a generous time
    limit: OCR is slow on a loaded machine and its result does not depend on the limit."""
    from extractor import extract
    from extractor.read import Limits

    return extract(CORPUS / "scanned" / f"{EXAMPLE_STEM}(扫描件).pdf", Limits(max_seconds=1800))
