"""Report-like or not (extractor/reportlike.py, patterns/reportlike.toml): a README is refused as
`not_a_report`; every real excerpt we hold still ingests as a report."""
from pathlib import Path

import pytest

from extractor import reportlike, rules
from extractor.errors import NotAReport
from extractor.ingest import find_sources
from extractor.pipeline import extract, extract_bytes

from .conftest import CORPUS, ROOT

SHARED_REAL = ROOT.parent / "shared" / "corpus" / "real"
REAL = [CORPUS / d for d in ("heldout", "heldout2", "heldout3", "pool", "findings")] + [SHARED_REAL]


@pytest.mark.parametrize("text, expected", rules.load("reportlike")["cases"])
def test_cases(text, expected):
    extraction = extract_bytes(text.encode("utf-8"), Path("case.txt"))
    if expected:
        reportlike.require_report(extraction, "case.txt")
    else:
        with pytest.raises(NotAReport, match="case.txt"):
            reportlike.require_report(extraction, "case.txt")


def _text(path: Path) -> str:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return ""


def test_every_real_excerpt_is_report_like():
    """The vocabulary alone answers for almost every file; the few it does not are extracted and
    must then have figures (or a word the conversion to simplified characters reveals)."""
    vocabulary = rules.load("reportlike")["vocabulary"].regex
    sources = [s for folder in REAL if folder.is_dir() for s in find_sources([folder])]
    assert len(sources) > 300  # 341 when written
    refused = []
    for source in sources:
        if source.path.suffix.lower() in (".txt", ".md") and vocabulary.search(_text(source.path)):
            continue
        try:
            reportlike.require_report(extract(source.path), source.name)
        except NotAReport:
            refused.append(str(source.path))
    assert not refused
