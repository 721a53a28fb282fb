"""Readings that do not depend on layout: every development text with gold (bench/corpus_sets.py
DEVELOPMENT, blind texts never read) re-laid out by scripts/perturb.py with page chrome, footers or
traditional characters (each keeps the text's figures, names and sentences) gives the projects, facts
and unit, year and kind it gives as published (bench/layouts.py measures all of them and the other
layouts; round 13 made these three exact)."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractor.pipeline import extract_bytes

from .conftest import ROOT, load_script

LAYOUTS = ("chrome", "footer", "traditional")


def _texts() -> list[Path]:
    sets = load_script("corpus_sets", "bench")
    out = []
    for name in sets.DEVELOPMENT:
        folder = ROOT / "corpus" / name
        out += [p for p in sets.texts(folder) if (folder / "gold" / f"{p.stem}.json").exists()]
    return out


def _readings(text: str, name: str) -> tuple:
    report = extract_bytes(text.encode("utf-8"), Path(name)).reports[0]
    return (sorted((p.name, p.amount) for p in report.projects),
            sorted((f.key, f.value) for f in report.facts),
            (report.unit_name, report.fiscal_year, report.report_kind))


@pytest.mark.slow
@pytest.mark.parametrize("path", _texts(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_a_development_text_reads_the_same_with_page_chrome_footers_or_traditional_characters(path):
    perturb = load_script("perturb")
    text = path.read_text(encoding="utf-8")
    published = _readings(text, path.name)
    for layout in LAYOUTS:
        assert _readings(perturb.perturb(text, layout), path.name) == published, layout
