"""Build the derived test corpus from the UTF-8 example report. Deterministic: same bytes every run.

    .venv/bin/python scripts/make_corpus.py

Writes next to the TXT (same base name): ``.gbk.txt`` (GB18030 bytes), ``.docx`` (one paragraph per
line, headings styled) and ``.pdf`` (multi-page, paragraphs wrapped to the page width, so the PDF
reader must rejoin wrapped lines). Writes broken files to ``corpus/bad/``.

The PDF embeds the WenQuanYi Micro Hei font: apt-get install fonts-wqy-microhei before running.
"""
from __future__ import annotations

import io
import random
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SOURCE = CORPUS / "2024年度渌口区交通事务中心整体支出绩效自评报告.txt"

# Numbered headings as the report writes them: 一、…  and （一）…
H1 = re.compile(r"^[一二三四五六七八九十]+、")
H2 = re.compile(r"^（[一二三四五六七八九十]+）")
FIXED_ZIP_TIME = (2025, 1, 1, 0, 0, 0)
# A TrueType CJK font embedded (subset) in the PDF, as Word and WPS exports do. reportlab's built-in
# 'STSong-Light' needs no file but is not embedded: pdfium then depends on the machine's fonts and,
# without a CJK font, drops short runs such as a lone "无" (the reader falls back to pdfplumber then;
# tests/test_read.py covers that case). Debian: apt-get install fonts-wqy-microhei
CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


def line_kinds(lines: list[str]) -> list[str]:
    """Classify each line: title (before the first numbered heading, except 附件N), h1, h2, body."""
    kinds = []
    seen_heading = False
    for line in lines:
        if H1.match(line):
            kinds.append("h1")
            seen_heading = True
        elif H2.match(line):
            kinds.append("h2")
            seen_heading = True
        elif not seen_heading and line.strip() and not line.startswith("附件"):
            kinds.append("title")
        else:
            kinds.append("body")
    return kinds


def normalize_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps: python-docx stamps members with the current time."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info))
    return out.getvalue()


def make_docx(lines: list[str]) -> bytes:
    import docx

    document = docx.Document()
    styles = {"title": "Title", "h1": "Heading 1", "h2": "Heading 2", "body": None}
    for line, kind in zip(lines, line_kinds(lines)):
        document.add_paragraph(line, style=styles[kind])
    buf = io.BytesIO()
    document.save(buf)
    return normalize_zip(buf.getvalue())


def make_pdf(lines: list[str], font: str = "WenQuanYiMicroHei", indent: bool = True) -> bytes:
    """The report as a multi-page A4 PDF. ``indent``: paragraphs and headings start two characters
    in, as GB/T 9704 official documents do. ``font`` "STSong-Light" gives reportlab's built-in,
    non-embedded CJK font (the tests use it for the reader's fallback path)."""
    from reportlab import rl_config
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    rl_config.invariant = 1  # fixed creation date and document ID
    if font == "STSong-Light":
        pdfmetrics.registerFont(UnicodeCIDFont(font))
    else:
        if not CJK_FONT.exists():
            raise SystemExit(f"{CJK_FONT} is missing: apt-get install fonts-wqy-microhei")
        pdfmetrics.registerFont(TTFont(font, str(CJK_FONT), subfontIndex=0))
    size = 11
    body = ParagraphStyle(
        "body", fontName=font, fontSize=size, leading=17, wordWrap="CJK", firstLineIndent=2 * size if indent else 0
    )
    styles = {
        "body": body,
        "title": ParagraphStyle("title", parent=body, fontSize=18, leading=26, alignment=TA_CENTER, firstLineIndent=0),
        "h1": ParagraphStyle("h1", parent=body, fontSize=14, leading=22, spaceBefore=4),
        "h2": ParagraphStyle("h2", parent=body, fontSize=12, leading=19),
    }
    story = []
    for line, kind in zip(lines, line_kinds(lines)):
        if line.strip():
            story.append(Paragraph(escape(line.strip()), styles[kind]))
        else:
            story.append(Spacer(1, 6))
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf, pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm, topMargin=25 * mm, bottomMargin=25 * mm,
        title="2024年度渌口区交通事务中心整体支出绩效自评报告", author="corpus", invariant=1,
    )
    doc.build(story)
    return buf.getvalue()


def report_lines() -> list[str]:
    """The example report's lines; the final newline ends the last line, it is no extra line."""
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def main() -> None:
    text = SOURCE.read_text(encoding="utf-8")
    lines = report_lines()
    base = SOURCE.name[: -len(".txt")]
    pdf = make_pdf(lines)
    outputs = {
        CORPUS / f"{base}.gbk.txt": text.encode("gb18030"),
        CORPUS / f"{base}.docx": make_docx(lines),
        CORPUS / f"{base}.pdf": pdf,
        CORPUS / "bad" / "empty.txt": b"",
        CORPUS / "bad" / "truncated.pdf": pdf[: len(pdf) * 40 // 100],
        CORPUS / "bad" / "not-a-zip.docx": "这不是一个Word文档，只是改了扩展名的纯文本。\nThis is plain text.\n".encode("utf-8"),
        CORPUS / "bad" / "binary.txt": random.Random(20240101).randbytes(4096),
    }
    for path, data in outputs.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"{len(data):>8}  {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
