"""The user's example report in TXT, GBK TXT, DOCX and PDF yields the same quantities.

Golden counts from the issue: 52 amounts (22120元 stored as 2.212 万元), 11 percents, 27 lengths
(2315米 → 2.315 km); text[start:end] == raw for every mention in every format.
"""
from collections import Counter

import pytest

from extractor import extract

from .conftest import CORPUS, EXAMPLE_STEM

FORMATS = {
    "txt": CORPUS / f"{EXAMPLE_STEM}.txt",
    "gbk": CORPUS / f"{EXAMPLE_STEM}.gbk.txt",
    "docx": CORPUS / f"{EXAMPLE_STEM}.docx",
    "pdf": CORPUS / f"{EXAMPLE_STEM}.pdf",
}
SCORED = ("amount", "percent", "length")


@pytest.fixture(scope="module")
def reports():
    return {name: extract(path).reports[0] for name, path in FORMATS.items()}


def _values(report, kind):
    return sorted(round(m.value, 9) for m in report.mentions if m.kind == kind)


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden_counts(reports, fmt):
    counts = Counter(m.kind for m in reports[fmt].mentions)
    assert (counts["amount"], counts["percent"], counts["length"]) == (52, 11, 27)


@pytest.mark.parametrize("fmt", FORMATS)
def test_offsets_exact(reports, fmt):
    report = reports[fmt]
    for m in report.mentions:
        assert report.text[m.start:m.end] == m.raw


@pytest.mark.parametrize("fmt", ["gbk", "docx", "pdf"])
@pytest.mark.parametrize("kind", SCORED)
def test_same_values_as_txt(reports, fmt, kind):
    assert _values(reports[fmt], kind) == _values(reports["txt"], kind)


def test_unit_conversions(reports):
    txt = reports["txt"]
    by_raw = {m.raw: m for m in txt.mentions}
    assert (by_raw["22120元"].value, by_raw["22120元"].unit) == (2.212, "万元")
    assert (by_raw["2315米"].value, by_raw["2315米"].unit) == (2.315, "km")
    assert by_raw["31472元"].value == 3.1472


def test_pdf_mentions_have_pages(reports):
    pdf = reports["pdf"]
    pages = {m.page for m in pdf.mentions}
    assert None not in pages and len(pages) > 1
    first_amount = next(m for m in pdf.mentions if m.kind == "amount")
    assert first_amount.raw == "1337.358269万元" and first_amount.page == 1
    assert pdf.mentions[-1].page == max(pages)


@pytest.mark.parametrize("fmt", ["gbk", "docx", "pdf"])
def test_same_metadata_and_sections(reports, fmt):
    txt, other = reports["txt"], reports[fmt]
    assert (other.unit_name, other.fiscal_year, other.report_kind) == (txt.unit_name, txt.fiscal_year, txt.report_kind)
    assert [(s.number_label, s.heading) for s in other.sections if s.level == 1] == [
        (s.number_label, s.heading) for s in txt.sections if s.level == 1
    ]


@pytest.mark.parametrize("fmt", ["gbk", "docx", "pdf"])
def test_same_facts_projects_and_findings(reports, fmt):
    txt, other = reports["txt"], reports[fmt]
    assert sorted((f.key, round(f.value, 6), f.derived) for f in other.facts) == sorted(
        (f.key, round(f.value, 6), f.derived) for f in txt.facts
    )
    assert [(p.group_label, p.name, p.amount, p.output_value, p.output_unit, p.goal_status) for p in other.projects] == [
        (p.group_label, p.name, p.amount, p.output_value, p.output_unit, p.goal_status) for p in txt.projects
    ]
    assert sorted((f.rule, f.message) for f in other.findings) == sorted((f.rule, f.message) for f in txt.findings)


def test_example_findings(reports):
    rules = sorted(f.rule for f in reports["txt"].findings)
    assert rules == ["claim_contradicted", "duplicate_output", "goal_not_met", "section_numbering", "staff_over_quota",
                     "stake_length_mismatch"]
