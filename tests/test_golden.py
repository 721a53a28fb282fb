"""The user's report, extracted afresh, matches its hand-reviewed golden JSON field by field.

tests/golden/<format>.json is written by scripts/make_golden.py and was reviewed once against the
report text (tests/golden/REVIEW.md). A failure names the format, the record and the field:

    pdf.json mentions[57] '22120元' @2160: value: golden 2.212, got 2.2

so a change of behaviour shows up as the exact numbers it changed. If the change is meant,
regenerate with ``scripts/make_golden.py <format>``, read the git diff and justify it in the commit.

The text formats (TXT, GBK TXT, DOCX, PDF) must also agree with each other on everything but
offsets; the OCR'd scan is compared with its own golden file (and is ``slow``).
"""
from __future__ import annotations

from decimal import Decimal
from difflib import SequenceMatcher

import pytest

from extractor.read import ocr

from .conftest import load_script

make_golden = load_script("make_golden")

TEXT_FORMATS = ("txt", "gbk", "docx", "pdf")
PARTS = ("document", "report", "sections", "mentions", "facts", "projects", "project_groups", "outputs", "forms",
         "findings")
# fields that name a record in a diff and decide which records pair up when lists differ in length
IDENTITY = {
    "sections": ("heading",),
    "mentions": ("raw",),
    "facts": ("key",),
    "projects": ("name",),
    "project_groups": ("label",),
    "outputs": ("activity",),
    "forms": ("index",),
    "budget_lines": ("line",),
    "indicators": ("name",),
    "findings": ("rule",),
}
NESTED = ("budget_lines", "indicators")  # lists inside each form record
OFFSETS = ("start", "end", "page")
MAX_LINES = 40


# ------------------------------------------------------------------------- field-by-field diff
def _name(kind: str, i: int, rec: dict) -> str:
    ident = " ".join(repr(rec.get(f)) for f in IDENTITY[kind])
    where = f" @{rec['start']}" if rec.get("start") is not None else ""
    return f"{kind}[{i}] {ident}{where}"


def _fields(path: str, golden: dict, got: dict, names=("golden", "got")) -> list[str]:
    out = []
    for key in sorted(set(golden) | set(got)):
        if key in NESTED:
            out += diff_records(key, golden.get(key, []), got.get(key, []), prefix=f"{path}.", names=names)
            continue
        a, b = golden.get(key, "<absent>"), got.get(key, "<absent>")
        if a != b:
            out.append(f"{path}: {key}: {names[0]} {a!r}, {names[1]} {b!r}")
    return out


def diff_records(kind: str, golden: list[dict], got: list[dict], prefix: str = "",
                 names=("golden", "got")) -> list[str]:
    """One line per differing field of a matched record, and per record missing or extra.

    Records are aligned on their identity fields (a sequence match), so one inserted mention is
    reported as one extra record, not as every later mention having changed."""
    key = lambda rec: tuple(rec.get(f) for f in IDENTITY[kind])  # noqa: E731
    out: list[str] = []
    matcher = SequenceMatcher(None, [key(r) for r in golden], [key(r) for r in got], autojunk=False)
    for op, g0, g1, n0, n1 in matcher.get_opcodes():
        pairs = list(zip(range(g0, g1), range(n0, n1))) if op in ("equal", "replace") else []
        for gi, ni in pairs:
            out += _fields(prefix + _name(kind, gi, golden[gi]), golden[gi], got[ni], names)
        for gi in range(g0 + len(pairs), g1):
            out.append(f"{prefix}{_name(kind, gi, golden[gi])}: missing ({names[0]} has {golden[gi]})")
        for ni in range(n0 + len(pairs), n1):
            out.append(f"{prefix}{_name(kind, ni, got[ni])}: extra ({names[1]} has {got[ni]})")
    return out


def diff_part(part: str, golden, got) -> list[str]:
    """Differences of one top-level part of the golden document."""
    if isinstance(golden, dict):
        return _fields(part, golden, got)
    return diff_records(part, golden, got)


def _report(headline: str, problems: list[str], hint: str = "") -> str:
    shown = problems[:MAX_LINES]
    more = f"\n  … and {len(problems) - MAX_LINES} more" if len(problems) > MAX_LINES else ""
    return f"{headline}: {len(problems)} difference(s)\n  " + "\n  ".join(shown) + more + hint


def _golden_report(fmt: str, part: str, problems: list[str]) -> str:
    return _report(f"{fmt}: {part} differs from the reviewed tests/golden/{fmt}.json", problems,
                   f"\nIf the change is meant: scripts/make_golden.py {fmt}, then review the git diff.")


def test_diff_names_record_and_field():
    """The harness itself: a changed value, a missing and an extra record are each named."""
    golden = [{"raw": "2万元", "start": 1, "value": 2.0}, {"raw": "3km", "start": 5, "value": 3.0}]
    got = [{"raw": "2万元", "start": 1, "value": 2.5}, {"raw": "9%", "start": 7, "value": 9.0},
           {"raw": "3km", "start": 9, "value": 3.0}]
    assert diff_records("mentions", golden, got) == [
        "mentions[0] '2万元' @1: value: golden 2.0, got 2.5",
        "mentions[1] '9%' @7: extra (got has {'raw': '9%', 'start': 7, 'value': 9.0})",
        "mentions[1] '3km' @5: start: golden 5, got 9",
    ]
    assert diff_records("mentions", golden, golden[:1]) == [
        "mentions[1] '3km' @5: missing (golden has {'raw': '3km', 'start': 5, 'value': 3.0})"]


# ------------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def fresh(request):
    """The golden document of a fresh extraction, made once per format (the scan's OCR is the
    session's, shared with tests/test_ocr.py)."""
    cache: dict[str, dict] = {}

    def get(fmt: str) -> dict:
        if fmt not in cache:
            extraction = (request.getfixturevalue("scan_extraction") if fmt == "scan"
                          else make_golden.extract_format(fmt))
            cache[fmt] = make_golden.golden_of(extraction)
        return cache[fmt]

    return get


@pytest.fixture(scope="module")
def golden():
    """The committed golden documents."""
    return {fmt: make_golden.load(fmt) for fmt in make_golden.FORMATS}


# ------------------------------------------------------------------- each format vs its file
@pytest.mark.parametrize("part", PARTS)
@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_matches_golden(fresh, golden, fmt, part):
    problems = diff_part(part, golden[fmt][part], fresh(fmt)[part])
    assert not problems, _golden_report(fmt, part, problems)


@pytest.mark.slow
@pytest.mark.skipif(not ocr.available(), reason="OCR extra not installed (pip install 'extractor[ocr]')")
def test_scan_matches_its_golden(fresh, golden):
    """The OCR'd scan against its own golden file (OCR may read differently from the text layer)."""
    got = fresh("scan")
    problems = [line for part in PARTS for line in diff_part(part, golden["scan"][part], got[part])]
    assert not problems, _golden_report("scan", "the OCR'd scan", problems)


def test_golden_files_are_written_as_the_script_writes_them(golden):
    """A hand edit of a golden file (rather than a regeneration) shows up here."""
    for fmt, doc in golden.items():
        assert make_golden.golden_path(fmt).read_text(encoding="utf-8") == make_golden.dumps(doc), fmt


# ------------------------------------------------------------- the formats agree with each other
def _without_offsets(records: list[dict]) -> list[dict]:
    return [{k: v for k, v in r.items() if k not in OFFSETS} for r in records]


@pytest.mark.parametrize("fmt", ["gbk", "docx", "pdf"])
@pytest.mark.parametrize("part", ["sections", "mentions", "facts", "projects", "project_groups", "outputs", "forms",
                                  "findings"])
def test_text_formats_agree_with_txt(golden, fmt, part):
    """Same words, same records: only offsets and pages may differ (PDF line breaks, DOCX's last newline)."""
    problems = diff_records(part, _without_offsets(golden["txt"][part]), _without_offsets(golden[fmt][part]),
                            names=("txt", fmt))
    assert not problems, _report(f"golden {fmt} and txt disagree on {part}", problems)


@pytest.mark.parametrize("fmt", ["gbk", "docx", "pdf"])
def test_text_formats_agree_on_metadata(golden, fmt):
    txt = {k: v for k, v in golden["txt"]["report"].items() if k != "text_length"}
    other = {k: v for k, v in golden[fmt]["report"].items() if k != "text_length"}
    assert other == txt


def test_pdf_golden_has_pages(golden):
    """The PDF's records carry the page they are on; the single-page formats carry none."""
    pdf, txt = golden["pdf"], golden["txt"]
    assert pdf["document"]["pages"] == 6
    assert {m["page"] for m in pdf["mentions"]} == set(range(1, 7))
    assert all(s["page"] is not None for s in pdf["sections"])
    assert {m["page"] for m in txt["mentions"]} == {None}


# what OCR must read exactly as the text layer has it: every number, and what is computed from them
# (names differ: the scan reads 渌口区 as 录口区, 淦田 as 涂田 and 干线 as 千线, see REVIEW.md)
SCAN_SAME = {
    "mentions": ("kind", "value", "unit", "raw", "approx", "rule_id"),
    "facts": ("key", "label", "value", "unit", "derived", "rule_id"),
    "projects": ("ordinal", "group_label", "amount", "output_value", "output_unit", "goal_status", "goal_pct",
                 "road_code", "stake_from", "stake_to"),
    "project_groups": ("ordinal", "label", "budget", "adjustment", "spent", "balance"),
    "findings": ("rule", "severity", "expected", "actual", "difference"),
}


@pytest.mark.parametrize("part", SCAN_SAME)
def test_scan_agrees_with_text_on_numbers(golden, part):
    """The reviewed scan golden: OCR of the scanned PDF yields the text version's numbers, facts,
    projects, groups and findings; only names and offsets differ."""
    assert golden["scan"]["document"]["ocr"] is True
    pick = lambda records: [{k: r[k] for k in SCAN_SAME[part]} for r in records]  # noqa: E731
    problems = diff_records(part, pick(golden["txt"][part]), pick(golden["scan"][part]), names=("txt", "scan"))
    assert not problems, _report(f"golden scan and txt disagree on {part}", problems)


# ------------------------------------------------------ what the review checked, kept as tests
def test_reviewed_arithmetic_holds_in_the_golden_file(golden):
    """The sums checked by hand (REVIEW.md) hold in the golden TXT file, so a careless regeneration
    that breaks them fails here too."""
    g = golden["txt"]
    projects, groups = g["projects"], {grp["label"]: grp for grp in g["project_groups"]}
    assert len(projects) == 31
    assert [p["ordinal"] for p in projects] == list(range(1, 32))
    for label, n, spent in (("年初预算项目", 2, "140.210271"), ("年中追加项目", 29, "9011.036245")):
        members = [p for p in projects if p["group_label"] == label]
        assert len(members) == n
        assert sum(Decimal(str(p["amount"])) for p in members) == Decimal(spent)
        assert Decimal(str(groups[label]["spent"])) == Decimal(spent)
    first = groups["年初预算项目"]
    assert Decimal(str(first["budget"])) - Decimal(str(first["spent"])) == Decimal(str(first["balance"]))
    facts = {f["key"]: f["value"] for f in g["facts"]}
    assert Decimal(str(facts["basic_expenditure"])) == Decimal(str(facts["personnel_expenditure"])) + Decimal(
        str(facts["operating_expenditure"]))
    assert Decimal(str(facts["project_expenditure"])) == sum(Decimal(str(p["amount"])) for p in projects)
    assert Decimal(str(facts["total_expenditure"])) == Decimal("1337.358269") + Decimal("9151.246516")


def test_reviewed_findings_are_the_five_known_anomalies_and_the_claim(golden):
    findings = {f["rule"]: f for f in golden["txt"]["findings"]}
    assert sorted(findings) == ["claim_contradicted", "duplicate_output", "goal_not_met", "section_numbering",
                                "staff_over_quota", "stake_length_mismatch"]
    assert "圆满完成" in findings["claim_contradicted"]["message"]  # the report's claim against S330 at 40.35 %
    assert all(f["severity"] == "warning" for f in findings.values())
    stake = findings["stake_length_mismatch"]
    assert "X009" in stake["message"] and (stake["expected"], stake["actual"]) == (0.6, 0.84)
    dup = findings["duplicate_output"]
    assert dup["actual"] == 5.904 and "2023年G320路面改善工程" in dup["message"] and "昭陵村" in dup["message"]
    assert (findings["staff_over_quota"]["expected"], findings["staff_over_quota"]["actual"]) == (68.0, 79.0)
    numbering = findings["section_numbering"]["message"]
    for heading, label in (("政府性基金预算支出情况", "三、"), ("国有资本经营预算支出情况", "四、"),
                           ("社会保险基金预算支出情况", "五、"), ("资金使用及绩效情况", "六、"), ("下一步改进措施", "八、")):
        assert f"“{heading}”未编号（应为“{label}”）" in numbering
    goal = findings["goal_not_met"]
    assert "S330项目二期" in goal["message"] and goal["actual"] == 40.35
