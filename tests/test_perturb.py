"""scripts/perturb.py lays a report out anew and keeps its figures; the checks raise on a
perturbed copy nothing its original does not (pool p0232's form, flattened and without pipes)."""
from __future__ import annotations

import pytest

from extractor.pipeline import extract_bytes

from .conftest import ROOT, load_script

P0232 = ROOT / "corpus" / "pool" / "p0232.txt"


@pytest.mark.parametrize("kind", ["rewrap", "nopipes", "flatten", "oneline"])
def test_a_perturbation_keeps_the_figures(kind):
    perturb = load_script("perturb")
    text = P0232.read_text(encoding="utf-8")
    got = perturb.perturb(text, kind)
    assert got != text and perturb.figures(got) == perturb.figures(text)


def test_chrome_adds_page_lines_only():
    perturb = load_script("perturb")
    text = "\n".join(f"第{i}行正文。" for i in range(90))
    got = perturb.chrome(text).split("\n")
    added = [ln for i, ln in enumerate(got) if ln.startswith("- ") or (i and ln == got[0])]
    assert added == ["- 1 -", "第0行正文。", "- 2 -", "第0行正文。"] and len(got) == 94
    assert [ln for i, ln in enumerate(got) if i not in (40, 41, 82, 83)] == text.split("\n")


@pytest.mark.parametrize("kind", ["nopipes", "flatten", "chrome", "footer"])
def test_no_new_arithmetic_finding_on_a_perturbed_form(kind):
    perturb = load_script("perturb")
    text = P0232.read_text(encoding="utf-8")

    def arithmetic(t):
        report = extract_bytes(t.encode("utf-8"), P0232).reports[0]
        return {f.rule for f in report.findings if f.rule.endswith("_mismatch")}

    assert arithmetic(perturb.perturb(text, kind)) <= arithmetic(text)
