"""Rendering: the normalized report (HTML, Markdown, DOCX), the review page and the index.

Real behaviour on the example report (ingested from corpus/*.txt), plus hand-inserted facts,
projects, forms and findings so every part of the template shows even before those stages land.
"""
import html
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
import sqlite_utils

from extractor import store
from extractor.errors import NoSuchReport
from extractor.ingest import ingest_paths
from extractor.publish.render import Mark, cn_number, layered_html, md_escape, render_all, render_report, stake
from extractor.text.segment import templates

from .conftest import CORPUS, EXAMPLE_TXT

DERIVED_TABLES = ["findings", "indicators", "form_budget_lines", "forms", "outputs", "projects",
                  "project_groups", "facts"]


def ingest(db_path: Path, files) -> sqlite_utils.Database:
    db = store.open_db(db_path)
    summary = ingest_paths(db, [Path(f) for f in files])
    assert summary.errors == 0
    return db


def _mention(db, report_id, raw):
    return db.execute("select id, start, end from mentions where report_id = ? and raw = ? order by start",
                      [report_id, raw]).fetchone()


def add_hand_rows(db, report_id: int = 1) -> dict:
    """Replace the derived rows of one report by a known set: facts (one derived, one signed
    qualifier), a project group with two projects, an output, a form with a budget line and an
    indicator, and findings of each severity with evidence. Returns the ids to look for."""
    for table in DERIVED_TABLES:
        db[table].delete_where("report_id = ?", [report_id])
    text = db["reports"].get(report_id)["text"]
    personnel = _mention(db, report_id, "1048.772537万元")
    share = _mention(db, report_id, "10%")
    drop = _mention(db, report_id, "33.67%")
    p2018 = _mention(db, report_id, "125.1126万元")
    guard = _mention(db, report_id, "2315米")
    db["facts"].insert_all([
        {"id": 901, "report_id": report_id, "key": "personnel_expenditure", "value": 1048.772537, "unit": "万元",
         "mention_id": personnel[0], "derived": 0, "label": "人员经费", "start": personnel[1], "end": personnel[2],
         "rule_id": "fact:personnel"},
        {"id": 902, "report_id": report_id, "key": "personnel_expenditure.share_pct", "value": 10, "unit": "%",
         "mention_id": share[0], "derived": 0, "label": "占全年总支出", "start": share[1], "end": share[2],
         "rule_id": "fact:share"},
        {"id": 903, "report_id": report_id, "key": "three_public_total.yoy_pct", "value": -33.67, "unit": "%",
         "mention_id": drop[0], "derived": 0, "label": "同比减少", "start": drop[1], "end": drop[2],
         "rule_id": "fact:yoy"},
        {"id": 904, "report_id": report_id, "key": "total_expenditure", "value": 10488.604785, "unit": "万元",
         "mention_id": None, "derived": 1, "label": None, "start": None, "end": None, "rule_id": "derive:sum"},
    ])
    line_start = text.index("1.年初预算项目")
    db["project_groups"].insert({"id": 911, "report_id": report_id, "ordinal": 0, "label": "年初预算项目",
                                 "budget": 200, "adjustment": 0, "spent": 140.210271, "balance": 59.789729,
                                 "start": line_start, "end": text.index("\n", line_start)})
    p_start = text.index("(1)2018年大中修项目")
    db["projects"].insert_all([
        {"id": 921, "report_id": report_id, "group_label": "年初预算项目", "ordinal": 1, "name": "2018年大中修项目",
         "amount": 125.1126, "output_value": 6.6, "output_unit": "km", "goal_status": "achieved",
         "start": p_start, "end": text.index("(2)2020年第二批", p_start), "amount_mention_id": p2018[0]},
        {"id": 922, "report_id": report_id, "group_label": None, "ordinal": 2, "name": "=HYPERLINK(\"http://x\")",
         "amount": None, "goal_status": "unknown", "road_code": "X037", "stake_from": 4.137, "stake_to": 4.972},
    ])
    db["outputs"].insert({"id": 931, "report_id": report_id, "project_id": None, "activity": "护栏安装",
                          "value": 2.315, "unit": "km", "mention_id": guard[0], "start": guard[1], "end": guard[2]})
    db["forms"].insert({"id": 941, "report_id": report_id, "form_index": 0, "title": "2024年度项目支出绩效自评表",
                        "project_name": "农村公路日常养护项目", "money_unit": "万元", "total_score": 95, "grade": "优"})
    db["form_budget_lines"].insert({"id": 951, "report_id": report_id, "form_id": 941, "line": "年度资金总额",
                                    "budget_initial": 200, "budget_full_year": 200, "executed": 140.210271,
                                    "weight": 10, "execution_rate": 70.1, "score": 7, "row": 3})
    db["indicators"].insert({"id": 961, "report_id": report_id, "form_id": 941, "level1": "产出指标",
                             "level2": "数量指标", "name": "护栏安装", "target_text": "≥2000米", "target_value": 2,
                             "actual_text": "2315米", "actual_value": 2.315, "unit": "km", "weight": 10, "score": 10,
                             "row": 8})
    db["findings"].insert_all([
        {"id": 971, "report_id": report_id, "rule": "share_sum", "severity": "warning",
         "message": "人员经费占比10%与金额不符", "expected": 10.0, "actual": 10, "difference": 0.0,
         "evidence": f'[{{"type": "mention", "index": 2, "id": {share[0]}, "start": {share[1]}, "end": {share[2]}}}]'},
        {"id": 972, "report_id": report_id, "rule": "group_balance", "severity": "error",
         "message": "预算200万元−实际支出140.210271万元≠结余结转59.789729万元", "expected": 59.789729,
         "actual": 59.78, "difference": -0.009729,
         "evidence": f'[{{"type": "fact", "id": 901}}, {{"type": "section", "start": {line_start}, "end": {line_start + 9}}}]'},
        {"id": 973, "report_id": report_id, "rule": "note", "severity": "info", "message": "无证据的提示",
         "evidence": "[]"},
    ])
    return {"personnel_mention": personnel[0], "share_mention": share[0]}


@pytest.fixture(scope="module")
def real_db(tmp_path_factory):
    """The example report as TXT (UTF-8 and GB18030), as the pipeline stores it today."""
    return ingest(tmp_path_factory.mktemp("real") / "r.db", sorted(CORPUS.glob("*.txt")))


@pytest.fixture(scope="module")
def hand_db(tmp_path_factory):
    db = ingest(tmp_path_factory.mktemp("hand") / "h.db", [EXAMPLE_TXT])
    add_hand_rows(db, 1)
    return db


@pytest.fixture(scope="module")
def rendered(real_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    return out, render_all(real_db, out)


@pytest.fixture(scope="module")
def hand_rendered(hand_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("hand_out")
    return out, render_all(hand_db, out)


# ------------------------------------------------------------------ HTML helpers
class Tree(HTMLParser):
    """Checks nesting and collects ids, links and headings."""

    VOID = {"meta", "br", "img", "hr", "input", "link"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.ids, self.links, self.headings, self.errors = [], [], [], [], []
        self._heading = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.append(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append((attrs["href"], attrs.get("class") or ""))
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = [tag, ""]
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] }")
            return
        self.stack.pop()
        if self._heading and tag == self._heading[0]:
            self.headings.append(tuple(self._heading))
            self._heading = None

    def handle_data(self, data):
        if self._heading:
            self._heading[1] += data


def parse(path: Path) -> Tree:
    t = Tree()
    t.feed(path.read_text(encoding="utf-8"))
    t.close()
    assert not t.errors and not t.stack, (t.errors, t.stack)
    return t


def report_ids(db):
    return [r["id"] for r in db["reports"].rows_where(order_by="id")]


def source_text_of_review(path: Path) -> str:
    """The review page's source block with marks and labels removed."""
    page = path.read_text(encoding="utf-8")
    block = page.split('<div class="source">', 1)[1].split("</div>\n<h2", 1)[0]
    block = re.sub(r'<span class="lbl">[^<]*</span>', "", block)
    return html.unescape(re.sub(r"<[^>]+>", "", block))


# ------------------------------------------------------------------ tests on the real database
def test_render_all_writes_every_report_in_every_format(real_db, rendered):
    out, paths = rendered
    expected = []
    for rid in report_ids(real_db):
        expected += [f"report-{rid}.html", f"report-{rid}.md", f"report-{rid}.docx", f"review-{rid}.html"]
    assert [p.name for p in paths] == expected + ["index.html"]
    assert all(p.parent == out and p.stat().st_size > 0 for p in paths)


def test_render_report_writes_one_report(real_db, tmp_path):
    rid = report_ids(real_db)[0]
    paths = render_report(real_db, rid, tmp_path)
    assert [p.name for p in paths] == [f"report-{rid}.html", f"report-{rid}.md", f"report-{rid}.docx",
                                       f"review-{rid}.html"]


def test_unknown_report_id_is_refused(real_db, tmp_path):
    with pytest.raises(NoSuchReport, match="no report with id 999"):
        render_report(real_db, 999, tmp_path)


def test_sections_follow_the_template_under_canonical_headings(real_db, rendered):
    out, _ = rendered
    [template] = [t for t in templates() if t["id"] == "department_overall"]
    canonical = [f"{cn_number(i)}、{s['heading']}" for i, s in enumerate(template["section"], 1)]
    for rid in report_ids(real_db):
        h2 = [text for tag, text in parse(out / f"report-{rid}.html").headings if tag == "h2"]
        # the title lines before the first heading come first, as the report wrote them
        assert h2[0] == "原文开头（标题与引言）"
        assert h2[1:1 + len(canonical)] == canonical
        # the report calls section 六 资金使用及绩效情况; the template's heading replaces it
        assert "六、部门整体支出绩效情况" in h2 and "资金使用及绩效情况" not in h2
        page = (out / f"report-{rid}.html").read_text(encoding="utf-8")
        assert re.search(rf'原文标题：<a class="num" href="review-{rid}\.html#s-\d+">资金使用及绩效情况</a>', page)
        md = (out / f"report-{rid}.md").read_text(encoding="utf-8")
        md_h2 = [line[3:] for line in md.splitlines() if line.startswith("## ")]
        assert md_h2[1:1 + len(canonical)] == canonical
    # subsections keep their own headings, one level down
    tree = parse(out / f"report-{report_ids(real_db)[-1]}.html")
    assert ("h3", "(一)单位主要职能") in tree.headings
    assert ("h3", "1.加强经费管理") in tree.headings


def test_every_mention_in_the_report_links_to_its_mark_on_the_review_page(real_db, rendered):
    out, _ = rendered
    for rid in report_ids(real_db):
        report = parse(out / f"report-{rid}.html")
        review = parse(out / f"review-{rid}.html")
        targets = {href.split("#", 1)[1] for href, _ in report.links if href.startswith(f"review-{rid}.html#")}
        assert targets <= set(review.ids)
        mention_ids = {f"m-{m['id']}" for m in real_db["mentions"].rows_where("report_id = ?", [rid])}
        assert mention_ids == {t for t in targets if t.startswith("m-")}
        md = (out / f"report-{rid}.md").read_text(encoding="utf-8")
        assert {f"m-{i}" for i in re.findall(rf"\(<review-{rid}\.html#m-(\d+)>\)", md)} == mention_ids


def test_review_page_marks_every_mention_by_kind(real_db, rendered):
    out, _ = rendered
    rid = report_ids(real_db)[0]
    page = (out / f"review-{rid}.html").read_text(encoding="utf-8")
    counts = {}
    for m in real_db["mentions"].rows_where("report_id = ?", [rid]):
        counts[m["kind"]] = counts.get(m["kind"], 0) + 1
        mark = re.search(rf'<mark class="ent k-{m["kind"]}" id="m-{m["id"]}"[^>]*>(.*?)<span class="lbl">{m["kind"]}</span></mark>', page)
        assert mark, m
        assert html.unescape(re.sub(r"<[^>]+>", "", mark.group(1))) == m["raw"]
    legend = page.split('<div class="legend">', 1)[1].split("</div>", 1)[0]
    for kind, n in counts.items():
        assert re.search(rf"<code>{kind}</code> {n}</span>", legend), kind


def test_review_page_shows_the_normalized_text_exactly(real_db, rendered):
    out, _ = rendered
    for rid in report_ids(real_db):
        assert source_text_of_review(out / f"review-{rid}.html") == real_db["reports"].get(rid)["text"]


def test_index_lists_every_report(real_db, rendered):
    """Every report is rendered; the index lists each canonical report with its four files and
    its copies (the same report as GB18030 TXT) under it, linked to their pages."""
    out, _ = rendered
    index = parse(out / "index.html")
    links = {h for h, _ in index.links}
    copies = dict(real_db.execute("select id, duplicate_of from reports where duplicate_of is not null").fetchall())
    assert copies  # the UTF-8 and GB18030 TXT are one report
    for rid in report_ids(real_db):
        assert (out / f"report-{rid}.html").exists() and f"report-{rid}.html" in links
        if rid not in copies:
            for name in (f"report-{rid}.md", f"report-{rid}.docx", f"review-{rid}.html"):
                assert name in links
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "渌口区交通事务中心" in page and "2024" in page and "部门整体支出" in page
    assert f"（{real_db['reports'].count - len(copies)} 份）" in page and "副本" in page


def test_docx_holds_the_template_and_links(real_db, rendered):
    out, _ = rendered
    rid = report_ids(real_db)[0]
    d = docx.Document(out / f"report-{rid}.docx")
    headings = [p.text for p in d.paragraphs if p.style.name.startswith("Heading")]
    assert "一、部门（单位）基本情况" in headings and "十、其他需要说明的情况" in headings
    targets = {r.target_ref for r in d.part.rels.values() if r.is_external}
    mentions = {f"review-{rid}.html#m-{m['id']}" for m in real_db["mentions"].rows_where("report_id = ?", [rid])}
    assert mentions <= targets
    with zipfile.ZipFile(out / f"report-{rid}.docx") as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_same_database_gives_identical_files(real_db, rendered, tmp_path):
    out, paths = rendered
    again = render_all(real_db, tmp_path)
    assert [p.name for p in again] == [p.name for p in paths]
    for a, b in zip(paths, again):
        assert a.read_bytes() == b.read_bytes(), a.name


# ------------------------------------------------------------------ hand-inserted rows
def test_facts_table_has_chinese_labels_units_and_links(hand_db, hand_rendered):
    out, _ = hand_rendered
    page = (out / "report-1.html").read_text(encoding="utf-8")
    facts = page.split('id="facts"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", facts, re.S)
    cells = [[html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<t[dh]>(.*?)</t[dh]>", r, re.S)] for r in rows]
    assert cells[0] == ["指标", "键", "数值", "来源"]
    # dictionary order: total_expenditure first, then personnel_expenditure and its share, then three_public
    assert [c[1] for c in cells[1:]] == ["total_expenditure", "personnel_expenditure",
                                         "personnel_expenditure.share_pct", "three_public_total.yoy_pct"]
    assert cells[1] == ["总支出", "total_expenditure", "10488.604785 万元", "推算"]
    assert cells[2][0] == "人员经费" and cells[2][2] == "1048.772537 万元"
    assert cells[3][0] == "人员经费占比" and cells[3][2] == "10 %"
    assert cells[4][2] == "-33.67 %"
    personnel = hand_db.execute("select mention_id from facts where id = 901").fetchone()[0]
    assert f'href="review-1.html#m-{personnel}"' in facts
    assert "推算" in facts and 'href="review-1.html#f-904"' not in facts  # derived: no place in the text


def test_projects_by_group_forms_and_outputs(hand_rendered):
    out, _ = hand_rendered
    page = (out / "report-1.html").read_text(encoding="utf-8")
    body = page.split('id="projects"', 1)[1]
    assert "年初预算项目：预算" in body and "未分组项目" in body
    group = body.split('id="group-911"', 1)[1].split("</p>", 1)[0]
    assert "140.210271 万元" in group and "review-1.html#m-" in group  # linked to the mention in the line
    assert "2018年大中修项目" in body and 'href="review-1.html#p-921"' in body
    assert "K4+137–K4+972" in body and "已完成" in body
    assert "护栏安装" in body.split('id="outputs"', 1)[1]
    forms = page.split('id="forms"', 1)[1]
    assert "2024年度项目支出绩效自评表" in forms and "农村公路日常养护项目" in forms
    assert "年度资金总额" in forms and "70.1" in forms and "≥2000米" in forms
    review = parse(out / "review-1.html")
    assert {"f-901", "f-902", "g-911", "p-921"} <= set(review.ids)


def test_findings_with_evidence(hand_rendered):
    out, _ = hand_rendered
    page = (out / "report-1.html").read_text(encoding="utf-8")
    findings = page.split('id="findings"', 1)[1]
    levels = re.findall(r"<tr><td>(错误|警告|提示)</td>", findings)
    assert levels == ["错误", "警告", "提示"]  # errors first
    # evidence given by fact id resolves to the fact's span; by offsets as given
    for anchor in ("e-972-0", "e-972-1", "e-971-0"):
        assert f'href="review-1.html#{anchor}"' in findings
    review = parse(out / "review-1.html")
    assert {"e-972-0", "e-972-1", "e-971-0"} <= set(review.ids)
    review_page = (out / "review-1.html").read_text(encoding="utf-8")
    assert 'class="evid sev-error"' in review_page
    index = (out / "index.html").read_text(encoding="utf-8")
    row = [r for r in re.findall(r"<tr>(.*?)</tr>", index, re.S) if "report-1.html" in r][0]
    assert re.findall(r'<td class="n[^"]*">(\d+)</td>', row)[-3:] == ["1", "1", "1"]
    md = (out / "report-1.md").read_text(encoding="utf-8")
    assert "(<review-1.html#e-972-1>)" in md


def test_review_nesting_survives_overlapping_spans(hand_db, hand_rendered):
    out, _ = hand_rendered
    parse(out / "review-1.html")  # balanced
    assert source_text_of_review(out / "review-1.html") == hand_db["reports"].get(1)["text"]


# ------------------------------------------------------------------ escaping
def test_report_text_with_markup_renders_inert(tmp_path):
    text = EXAMPLE_TXT.read_text(encoding="utf-8")
    text = text.replace("2024年度渌口区交通事务中心整体支出", "2024年度渌口区<img src=x onerror=alert(1)>整体支出", 1)
    text = text.replace("区交通事务中心下设", "区交通事务中心<script>alert('x')</script>下设", 1)
    text = text.replace("（一）单位主要职能", "（一）单位<b>主要</b>职能 [x](javascript:alert(1))", 1)
    src = tmp_path / "in" / "evil.txt"
    src.parent.mkdir()
    src.write_text(text, encoding="utf-8")
    db = ingest(tmp_path / "e.db", [src])
    db["findings"].insert({"report_id": 1, "rule": "<script>r</script>", "severity": "<script>",
                           "message": "<script>alert(2)</script>", "evidence": "not json"})
    store.record_error(db, str(tmp_path / "<script>.txt"), "corrupt", "<script>alert(3)</script> is damaged")
    out = tmp_path / "out"
    render_all(db, out)
    for name in ("report-1.html", "review-1.html", "index.html"):
        page = (out / name).read_text(encoding="utf-8")
        assert "<script" not in page and "<img" not in page and "<b>" not in page, name
        parse(out / name)
    assert "&lt;script&gt;alert(" in (out / "report-1.html").read_text(encoding="utf-8")
    index = (out / "index.html").read_text(encoding="utf-8")
    # the title as written (markup in it) is shown escaped; the index shows the canonical title when the
    # body names the unit (株洲市渌口区交通事务中心 … 我中心), so the written one is looked for in the report
    assert "&lt;img src=x onerror=alert(1)&gt;" in (out / "report-1.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(3)&lt;/script&gt; is damaged" in index
    md = (out / "report-1.md").read_text(encoding="utf-8")
    assert not re.search(r"(?<!\\)<(script|img|/script)", md) and not re.search(r"(?<!\\)\]\(javascript", md)
    assert r"\<script\>alert('x')\</script\>" in md
    with zipfile.ZipFile(out / "report-1.docx") as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert "<script" not in xml and "&lt;script&gt;" in xml


# ------------------------------------------------------------------ units
def test_layered_html_splits_crossing_marks_and_keeps_text():
    text = "a<b>c&def"
    marks = [Mark(0, 5, "x", "ent k-amount", "t", label="amount", tag="mark"), Mark(3, 9, "y", "fact"),
             Mark(4, 4, "z", "sec")]
    out = str(layered_html(text, marks))
    tree = Tree()
    tree.feed(f"<div>{out}</div>")
    assert not tree.errors
    assert tree.ids.count("x") == 1 and tree.ids.count("y") == 1 and "z" in tree.ids
    assert out.count('<span class="lbl">amount</span>') == 1
    assert html.unescape(re.sub(r'<span class="lbl">[^<]*</span>|<[^>]+>', "", out)) == text
    assert "&lt;b" in out and "&amp;def" in out


@pytest.mark.parametrize("text, line_start, expected", [
    ("<script>", False, r"\<script\>"),
    ("a*b_c[d](e)", False, r"a\*b\_c\[d\](e)"),
    ("1. 标题", True, r"1\. 标题"),
    ("1. 标题", False, "1. 标题"),
    ("- 列表", True, r"\- 列表"),
    ("# 标题", True, r"\# 标题"),
    ("a|b", False, r"a\|b"),
    ("两行\n文字", False, "两行 文字"),
], ids=["html", "emphasis", "ordered-list", "mid-line", "bullet", "heading", "table-pipe", "newline"])
def test_md_escape(text, line_start, expected):
    assert md_escape(text, line_start) == expected


@pytest.mark.parametrize("n, expected", [(1, "一"), (9, "九"), (10, "十"), (12, "十二"), (20, "二十"), (21, "二十一")])
def test_cn_number(n, expected):
    assert cn_number(n) == expected


@pytest.mark.parametrize("km, mark", [(7.62, "K7+620"), (4.137, "K4+137"), (0.005, "K0+005"), (133.8, "K133+800")])
def test_stake(km, mark):
    assert stake(km) == mark


def test_rendered_docx_opens_in_libreoffice(tmp_path):
    """LibreOffice converts the rendered DOCX (skipped where LibreOffice is not installed)."""
    import shutil
    import subprocess

    from extractor import store as _store
    from extractor.ingest import find_sources, ingest_paths
    from extractor.publish.render import render_report

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLE_TXT, folder / "r.txt")
    db = _store.open_db(tmp_path / "r.db")
    ingest_paths(db, list(find_sources([folder])))
    docx = next(p for p in render_report(db, 1, tmp_path / "out") if p.suffix == ".docx")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
                   check=True, capture_output=True, timeout=120)
    assert (tmp_path / f"{docx.stem}.pdf").stat().st_size > 10_000

