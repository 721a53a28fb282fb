"""Readers on real files: the corpus report in every format, broken files, and hostile inputs."""
from __future__ import annotations

import codecs
import io
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import openpyxl
import pypdfium2 as pdfium
import pytest

from extractor import errors
from extractor.read import Limits, read, read_bytes
from extractor.read import layout
from extractor.read import pdf as pdf_reader
from extractor.read.office import read_office

from .conftest import ROOT, load_script
CORPUS = ROOT / "corpus"
BASE = "2024年度渌口区交通事务中心整体支出绩效自评报告"
TXT = CORPUS / f"{BASE}.txt"
TEXT = TXT.read_text(encoding="utf-8")
CJK_PAIR_SPACED = re.compile(r"[\u4e00-\u9fff][ \t\u3000]+[\u4e00-\u9fff]")


def nows(text: str) -> str:
    return re.sub(r"\s+", "", text)


def full_text(raw) -> str:
    return "\n".join(page.text for page in raw.pages)


# ------------------------------------------------------------------------------------ text
def test_gbk_copy_decodes_to_the_utf8_text():
    raw = read(CORPUS / f"{BASE}.gbk.txt")
    assert raw.encoding == "gb18030"
    assert raw.pages[0].text == TEXT


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_bom_and_utf16_variants_decode(tmp_path, encoding):
    path = tmp_path / f"report-{encoding}.txt"
    path.write_bytes(TEXT.encode(encoding))
    assert read(path).pages[0].text == TEXT


def test_utf16_with_big_endian_bom_decodes(tmp_path):
    path = tmp_path / "be.txt"
    path.write_bytes(codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"))
    assert read(path).pages[0].text == TEXT


# ------------------------------------------------------------------------------------ docx
def test_docx_rendering_has_the_txt_lines_exactly():
    raw = read(CORPUS / f"{BASE}.docx")
    assert raw.format == "docx"
    assert len(raw.pages) == 1
    assert raw.pages[0].text.split("\n") == TEXT.rstrip("\n").split("\n")
    hints = raw.heading_hints
    assert ("2024年度渌口区交通事务中心整体支出", 0) in hints  # Title style
    assert ("一、部门（单位）基本情况", 1) in hints
    assert ("（一）单位主要职能", 2) in hints
    assert ("七、存在的问题及原因分析", 1) in hints
    assert all(not text.startswith("项目支出") for text, _ in hints)  # body paragraphs are no hints


def test_docx_table_interleaved_and_merged_cells_not_repeated(tmp_path):
    document = docx.Document()
    document.add_heading("一、基本情况", level=1)
    document.add_paragraph("表前段落")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate([["项目", "预算", "支出"], ["人员经费", "1000", "1048.77"], ["合计", "", "2000"]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    table.cell(2, 0).merge(table.cell(2, 1))  # 合计 spans two columns
    table.cell(0, 2).merge(table.cell(1, 2))  # vertical merge: 支出 over 1048.77
    document.add_paragraph("表后段落")
    path = tmp_path / "table.docx"
    document.save(path)

    raw = read(path)
    lines = raw.pages[0].text.split("\n")
    assert lines[:2] == ["一、基本情况", "表前段落"]
    assert lines[-1] == "表后段落"
    table_lines = lines[2:-1]
    assert table_lines == ["项目 | 预算 | 支出 1048.77", "人员经费 | 1000 | ", "合计 | 2000"]
    assert len(raw.tables) == 1
    assert raw.tables[0].page is None
    assert raw.tables[0].rows == [["项目", "预算", "支出 1048.77"], ["人员经费", "1000", ""], ["合计", "2000"]]
    assert raw.pages[0].text.count("合计") == 1
    assert raw.heading_hints == [("一、基本情况", 1)]
    assert_cell_spans(raw)


def _zip_with_replaced_member(data: bytes, member: str, edit) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info)
            dst.writestr(info, edit(blob) if info.filename == member else blob)
    return out.getvalue()


XXE_DOCTYPE = b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def test_docx_xxe_does_not_leak_local_files(tmp_path):
    document = docx.Document()
    document.add_paragraph("MARKER")
    buf = io.BytesIO()
    document.save(buf)

    def inject(xml: bytes) -> bytes:
        xml = xml.replace(b"?>", b"?>\n" + XXE_DOCTYPE, 1)
        return xml.replace(b"MARKER", b"MARKER &xxe; END")

    path = tmp_path / "xxe.docx"
    path.write_bytes(_zip_with_replaced_member(buf.getvalue(), "word/document.xml", inject))
    text = read(path).pages[0].text
    assert "MARKER" in text
    assert "root:" not in text and "/bin/" not in text


def test_docx_zip_bomb_by_ratio(tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as member:  # streamed: 24 MB of zeros, ~25 KB stored
            chunk = b"\0" * (1 << 20)
            for _ in range(24):
                member.write(chunk)
    assert path.stat().st_size < 200_000
    with pytest.raises(errors.ZipBomb, match="bomb.docx"):
        read(path)


def test_docx_zip_bomb_by_total_size():
    data = (CORPUS / f"{BASE}.docx").read_bytes()
    with pytest.raises(errors.ZipBomb, match="max-inflated-bytes"):
        read_bytes(data, Path("big.docx"), Limits(max_inflated_bytes=100_000))


def test_zip_without_word_document_is_corrupt():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(errors.CorruptFile, match="odd.docx.*word/document.xml"):
        read_bytes(buf.getvalue(), Path("odd.docx"))


# ------------------------------------------------------------------------------------ pdf
@pytest.fixture(scope="module")
def corpus_pdf():
    return read(CORPUS / f"{BASE}.pdf")


def test_pdf_holds_exactly_the_txt_characters(corpus_pdf):
    assert nows(full_text(corpus_pdf)) == nows(TEXT)


def test_pdf_pages_numbered_and_no_space_between_cjk(corpus_pdf):
    assert len(corpus_pdf.pages) > 1
    assert [p.number for p in corpus_pdf.pages] == list(range(1, len(corpus_pdf.pages) + 1))
    assert all(p.text.strip() for p in corpus_pdf.pages)
    assert not CJK_PAIR_SPACED.search(full_text(corpus_pdf))
    # Page 2 starts where the PDF's second page starts, not where page 1 does.
    assert not corpus_pdf.pages[1].text.startswith("附件4")


def _assert_txt_lines_rebuilt(raw, sentence_breaks: bool = False) -> None:
    """Each TXT line is one PDF line, or consecutive PDF lines split only at the end of a page or,
    with ``sentence_breaks``, where a full line ended a sentence (without first-line indents the
    reader cannot tell that from a paragraph end, and keeps the break)."""
    pdf_lines = []
    for page in raw.pages:
        lines = [nows(line) for line in page.text.split("\n") if line.strip()]
        pdf_lines += [(line, k == len(lines) - 1) for k, line in enumerate(lines)]
    position = 0
    for expected in (nows(line) for line in TEXT.split("\n") if line.strip()):
        got, page_end = pdf_lines[position]
        position += 1
        while got != expected:
            assert expected.startswith(got), f"PDF line does not match TXT line:\n{got}\n{expected}"
            assert page_end or (sentence_breaks and got[-1] in layout.SENTENCE_END), f"not rejoined: {got}"
            part, page_end = pdf_lines[position]
            position += 1
            got += part
    assert position == len(pdf_lines)


def test_pdf_wrapped_lines_are_rejoined(corpus_pdf):
    _assert_txt_lines_rebuilt(corpus_pdf)
    # The PDF really is wrapped: pdfium's own text has many more lines than the result.
    document = pdfium.PdfDocument(str(CORPUS / f"{BASE}.pdf"))
    raw_lines = sum(len(document[i].get_textpage().get_text_range().splitlines()) for i in range(len(document)))
    document.close()
    result_lines = sum(len(p.text.splitlines()) for p in corpus_pdf.pages)
    assert raw_lines > result_lines + 30


def test_pdf_pdfplumber_fallback_gives_the_same_text(monkeypatch, corpus_pdf):
    """Pages whose fonts pdfium cannot size are read with pdfplumber, to the same result."""
    monkeypatch.setattr(pdf_reader, "_inspect_objects", lambda page: (True, False, False))
    raw = read(CORPUS / f"{BASE}.pdf")
    assert [nows(p.text) for p in raw.pages] == [nows(p.text) for p in corpus_pdf.pages]
    _assert_txt_lines_rebuilt(raw)
    assert not CJK_PAIR_SPACED.search(full_text(raw))


def _make_corpus_module():
    return load_script('make_corpus')


def test_pdf_without_first_line_indents_rejoins_all_but_sentence_ends():
    """The report set without indents, in reportlab's non-embedded STSong-Light font."""
    make_corpus = _make_corpus_module()
    data = make_corpus.make_pdf(make_corpus.report_lines(), font="STSong-Light", indent=False)
    raw = read_bytes(data, Path("flat.pdf"))
    assert len(raw.pages) > 1
    assert nows(full_text(raw)) == nows(TEXT)
    _assert_txt_lines_rebuilt(raw, sentence_breaks=True)
    assert not CJK_PAIR_SPACED.search(full_text(raw))


def _reportlab_pdf(draw, **canvas_args) -> bytes:
    from reportlab import rl_config
    from reportlab.pdfgen import canvas

    rl_config.invariant = 1
    buf = io.BytesIO()
    c = canvas.Canvas(buf, **canvas_args)
    draw(c)
    c.save()
    return buf.getvalue()


def test_pdf_with_non_embedded_cjk_font_keeps_lone_characters():
    """reportlab's STSong-Light is not embedded: without a system CJK font pdfium drops a lone "无"."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))

    def draw(c):
        c.setFont("STSong-Light", 12)
        for k, line in enumerate(["政府性基金预算支出情况", "无", "国有资本经营预算支出情况", "无"]):
            c.drawString(72, 750 - 20 * k, line)

    raw = read_bytes(_reportlab_pdf(draw), Path("song.pdf"))
    assert raw.pages[0].text.split("\n") == ["政府性基金预算支出情况", "无", "国有资本经营预算支出情况", "无"]


def _text_pdf(**canvas_args) -> bytes:
    def draw(c):
        c.setFont("Helvetica", 12)
        c.drawString(72, 750, "Budget 1337.36")

    return _reportlab_pdf(draw, **canvas_args)


def test_pdf_user_password_is_encrypted():
    from reportlab.lib.pdfencrypt import StandardEncryption

    data = _text_pdf(encrypt=StandardEncryption("secret", ownerPassword="owner"))
    with pytest.raises(errors.Encrypted, match="locked.pdf"):
        read_bytes(data, Path("locked.pdf"))


def test_pdf_owner_password_only_reads_normally():
    from reportlab.lib.pdfencrypt import StandardEncryption

    data = _text_pdf(encrypt=StandardEncryption("", ownerPassword="owner", canPrint=0, canCopy=0))
    assert b"/Encrypt" in data
    assert read_bytes(data, Path("restricted.pdf")).pages[0].text == "Budget 1337.36"


def test_pdf_without_text_layer_needs_ocr():
    def draw(c):
        c.rect(72, 600, 300, 100, fill=1)  # a "scan": marks but no text
        c.showPage()
        c.rect(72, 600, 300, 100, fill=1)

    with pytest.raises(errors.NeedsOCR, match=r"scan.pdf.*pip install 'extractor\[ocr\]'"):
        read_bytes(_reportlab_pdf(draw), Path("scan.pdf"))


@pytest.mark.slow
def test_pdf_font_without_unicode_map_is_unmappable():
    """A subset font with Identity-H encoding and no ToUnicode: the glyph ids mean nothing."""
    data = load_script("make_bad_corpus").cid_identity_pdf()
    with pytest.raises(errors.UnmappableFont, match="cid.pdf"):
        read_bytes(data, Path("cid.pdf"))


def test_pdf_with_more_pages_than_the_limit_is_too_large():
    with pytest.raises(errors.TooLarge, match=f"{BASE}.pdf.*max-pages"):
        read(CORPUS / f"{BASE}.pdf", Limits(max_pages=2))


def test_pdf_tables_only_from_ruled_pages():
    def draw(c):
        c.setFont("Helvetica", 10)
        c.drawString(72, 780, "Table 1")
        xs, ys = [72, 200, 330], [700, 680, 660]
        for y in ys:
            c.line(xs[0], y, xs[-1], y)
        for x in xs:
            c.line(x, ys[0], x, ys[-1])
        for (x, y, text) in [(76, 686, "item"), (204, 686, "amount"), (76, 666, "staff"), (204, 666, "1048.77")]:
            c.drawString(x, y, text)
        c.showPage()
        c.setFont("Helvetica", 10)
        c.drawString(72, 780, "no ruling lines here")

    raw = read_bytes(_reportlab_pdf(draw), Path("table.pdf"))
    assert [(t.index, t.page, t.rows) for t in raw.tables] == [(0, 1, [["item", "amount"], ["staff", "1048.77"]])]
    # In the page text the table stands where it was, one " | " line per row.
    assert raw.pages[0].text.split("\n") == ["Table 1", "item | amount", "staff | 1048.77"]
    assert raw.pages[1].text == "no ruling lines here"
    assert_cell_spans(raw)


# ------------------------------------------------------------------------------- bad files
@pytest.mark.parametrize(
    "name, error",
    [
        ("empty.txt", errors.EmptyFile),
        ("truncated.pdf", errors.CorruptFile),
        ("not-a-zip.docx", errors.CorruptFile),
        ("binary.txt", errors.DecodeError),
    ],
)
def test_bad_files_raise_the_right_error_naming_the_file(name, error):
    with pytest.raises(error) as caught:
        read(CORPUS / "bad" / name)
    assert name in str(caught.value)
    assert type(caught.value) is error


def assert_cell_spans(raw):
    """Every non-blank cell of every table is found at its recorded span in its page's text."""
    for t in raw.tables:
        page = raw.pages[(t.page or 1) - 1].text
        for r, row in enumerate(t.rows):
            for c, cell in enumerate(row):
                span = t.span(r, c, in_text=False)
                if cell.strip():
                    assert span is not None and page[span[0]:span[1]] == cell.strip(), (r, c, cell, span)
                else:
                    assert span is None


# ------------------------------------------------------------------------------------ html
def test_html_with_wrong_declared_charset_and_navigation(tmp_path):
    page = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>绩效自评报告</title>
    <script>var menu = "首页";</script><style>p {color: red}</style></head><body>
    <div class="top-nav"><a href="/">首页</a> <a href="/gk">政务公开</a></div>
    <header><a href="/">渌口区人民政府</a></header>
    <div id="content"><h1>2024年度渌口区交通事务中心整体支出绩效自评报告</h1>
    <p>一、部门（单位）基本情况</p>
    <p>　　基本支出1337.358269万元。其中<b>人员经费</b>1048.772537万元。</p>
    <table><tr><th colspan="2">项目</th><th>金额</th></tr>
    <tr><td>人员</td><td>经费</td><td>1048.77</td></tr></table>
    <p>结束语</p></div>
    <div class="footer">版权所有 渌口区人民政府</div></body></html>"""
    path = tmp_path / "report.html"
    path.write_bytes(page.encode("gbk"))
    raw = read(path)
    assert raw.format == "html"
    assert raw.encoding == "gb18030"
    assert raw.pages[0].text.split("\n") == [
        "2024年度渌口区交通事务中心整体支出绩效自评报告",
        "一、部门（单位）基本情况",
        "基本支出1337.358269万元。其中人员经费1048.772537万元。",
        "项目 | 金额",
        "人员 | 经费 | 1048.77",
        "结束语",
    ]
    assert [t.rows for t in raw.tables] == [[["项目", "金额"], ["人员", "经费", "1048.77"]]]
    assert_cell_spans(raw)


def test_html_cell_spans_survive_the_whitespace_clean_up(tmp_path):
    """Blank cells, runs of spaces and no-break spaces inside cells: the page text is cleaned after
    the walk, and each cell's span is read off the marks it was written between."""
    path = tmp_path / "form.html"
    path.write_text("<html><body><p>项目支出绩效自评表</p><table>"
                    "<tr><td>项目资金（万元）</td><td></td><td>年初预算数</td><td>全年执行数</td></tr>"
                    "<tr><td>年度资金总额 </td><td>&nbsp;</td><td>  50 </td><td>45&nbsp;&nbsp;万元</td></tr>"
                    "</table><p>说明</p></body></html>", "utf-8")
    raw = read(path)
    assert raw.pages[0].text.split("\n")[1:3] == ["项目资金（万元） | | 年初预算数 | 全年执行数", "年度资金总额 | | 50 | 45 万元"]
    assert "\ue000" not in raw.pages[0].text and "\ue001" not in raw.pages[0].text
    assert_cell_spans(raw)


def test_html_declared_gbk_but_utf8_bytes(tmp_path):
    path = tmp_path / "utf8.htm"
    path.write_bytes('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
                     "</head><body><p>项目支出9151.246516万元</p></body></html>".encode("utf-8"))
    assert read(path).pages[0].text == "项目支出9151.246516万元"


def test_html_layout_table_is_text_not_a_table(tmp_path):
    body = "".join(f"<p>第{i}段：项目完成改造里程6.6km，已按计划实现绩效目标。</p>" for i in range(12))
    path = tmp_path / "layout.html"
    path.write_text(f"<html><body><table><tr><td>{body}</td><td>侧栏</td></tr></table></body></html>", "utf-8")
    raw = read(path)
    assert raw.tables == []
    assert raw.pages[0].text.split("\n")[0] == "第0段：项目完成改造里程6.6km，已按计划实现绩效目标。"


def test_html_wrapper_named_like_chrome_is_kept_when_it_holds_the_text(tmp_path):
    prose = "项目支出1600万元，主要用于支持S330项目建设。" * 5
    path = tmp_path / "wrapper.html"
    path.write_text(f'<html><body><div class="main-header"><h1>报告</h1><p>{prose}</p></div>'
                    '<div class="menu"><a href="/">首页</a></div></body></html>', "utf-8")
    assert read(path).pages[0].text == f"报告\n{prose}"


def test_html_never_resolves_external_entities(tmp_path):
    path = tmp_path / "xxe.html"
    path.write_bytes(XXE_DOCTYPE.replace(b"x [", b"html [") + b"<html><body><p>MARKER &xxe; END</p></body></html>")
    text = read(path).pages[0].text
    assert text.startswith("MARKER")
    assert "root:" not in text


# ------------------------------------------------------------------------------------ xlsx
def _workbook_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "基础数据表"
    sheet.append(["项目", "金额（万元）"])
    sheet.append(["基本支出", 1337.358269])
    sheet.append([])
    sheet.append(["项目支出", 9151.246516, None, None])
    sheet.merge_cells("A5:B5")
    sheet["A5"] = "合计"
    sheet["B6"] = 200.0
    second = workbook.create_sheet("自评表")
    second.append(["满意度", "90%"])
    buf = io.BytesIO()
    workbook.save(buf)
    return buf.getvalue()


def test_xlsx_sheets_become_pages_and_tables(tmp_path):
    path = tmp_path / "data.xlsx"
    path.write_bytes(_workbook_bytes())
    raw = read(path)
    assert raw.format == "xlsx"
    assert [p.text for p in raw.pages] == [
        "项目 | 金额（万元）\n基本支出 | 1337.358269\n项目支出 | 9151.246516\n合计\n | 200",
        "满意度 | 90%",
    ]
    assert [(t.index, t.page) for t in raw.tables] == [(0, 1), (1, 2)]
    assert raw.tables[0].rows[3] == ["合计"]  # a merged cell's value once
    assert_cell_spans(raw)


def test_xlsx_zip_bomb_and_entities():
    data = _workbook_bytes()
    with pytest.raises(errors.ZipBomb, match="data.xlsx"):
        read_bytes(data, Path("data.xlsx"), Limits(max_inflated_bytes=1000))

    def inject(xml: bytes) -> bytes:
        xml = xml.replace(b"?>", b"?>" + XXE_DOCTYPE, 1) if xml.startswith(b"<?xml") else XXE_DOCTYPE + xml
        return xml.replace("满意度".encode(), "满意度&xxe;".encode())

    hostile = _zip_with_replaced_member(data, "xl/worksheets/sheet2.xml", inject)
    try:
        text = "\n".join(p.text for p in read_bytes(hostile, Path("xxe.xlsx")).pages)
    except errors.CorruptFile as exc:  # expat rejects the undefined entity: also safe
        text = str(exc)
    assert "root:" not in text


# ---------------------------------------------------------------------------------- office
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def test_doc_without_libreoffice_is_unsupported(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(errors.UnsupportedFormat) as caught:
        read_bytes(OLE_MAGIC + b"\0" * 512, Path("旧报告.doc"))
    assert str(caught.value) == (
        "旧报告.doc: .doc files need LibreOffice; install it (apt-get install libreoffice-writer)"
        " or save the file as .docx"
    )


def test_password_protected_office_file_is_encrypted(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: "/bin/false")  # must not even try to convert
    data = OLE_MAGIC + b"\0" * 64 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 64
    with pytest.raises(errors.Encrypted, match="secret.docx"):
        read_office(data, Path("secret.docx"), Limits())


def _fake_soffice(tmp_path: Path, body: str) -> Path:
    """A stand-in for soffice: a Python script on PATH."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "soffice"
    script.write_text(f"#!{sys.executable}\nimport sys, shutil, time, pathlib\nargs = sys.argv[1:]\n{body}\n")
    script.chmod(0o755)
    return bin_dir


def test_doc_is_converted_and_read_as_docx(tmp_path, monkeypatch):
    converted = CORPUS / f"{BASE}.docx"
    bin_dir = _fake_soffice(tmp_path, (
        "out = pathlib.Path(args[args.index('--outdir') + 1]); out.mkdir(parents=True)\n"
        f"assert args[args.index('--convert-to') + 1] == 'docx'\n"
        f"shutil.copy({str(converted)!r}, out / (pathlib.Path(args[-1]).stem + '.docx'))"
    ))
    monkeypatch.setenv("PATH", str(bin_dir))
    temp_root = tmp_path / "tmp"
    temp_root.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(temp_root))
    raw = read_bytes(OLE_MAGIC + b"\0" * 512, Path("report.doc"))
    assert raw.format == "doc"
    assert raw.pages[0].text.split("\n") == TEXT.rstrip("\n").split("\n")
    assert list(temp_root.iterdir()) == []  # the temporary directory is gone


def test_office_conversion_timeout_kills_soffice(tmp_path, monkeypatch):
    bin_dir = _fake_soffice(tmp_path, "time.sleep(30)")
    monkeypatch.setenv("PATH", str(bin_dir))
    start = time.monotonic()
    with pytest.raises(errors.Timeout, match="slow.doc"):
        read_bytes(OLE_MAGIC + b"\0" * 512, Path("slow.doc"), Limits(max_seconds=1))
    assert time.monotonic() - start < 10


def test_office_conversion_failure_is_corrupt(tmp_path, monkeypatch):
    bin_dir = _fake_soffice(tmp_path, "print('Error: source file could not be loaded', file=sys.stderr)")
    monkeypatch.setenv("PATH", str(bin_dir))
    with pytest.raises(errors.CorruptFile, match="broken.xls.*could not be loaded"):
        read_bytes(OLE_MAGIC + b"\0" * 512, Path("broken.xls"))


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_real_libreoffice_round_trip(tmp_path):
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
         "--convert-to", "doc", "--outdir", str(tmp_path), str(CORPUS / f"{BASE}.docx")],
        check=True, capture_output=True, timeout=120,
    )
    raw = read(tmp_path / f"{BASE}.doc")
    assert raw.format == "doc"
    assert raw.pages[0].text.split("\n") == TEXT.rstrip("\n").split("\n")
    assert ("一、部门（单位）基本情况", 1) in raw.heading_hints
