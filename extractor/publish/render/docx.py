"""The DOCX writer: report-<id>.docx with python-docx, links as external hyperlinks to the review
page. Text is stripped of characters XML cannot hold; zip entries carry a fixed date so the same
report gives the same bytes."""
from __future__ import annotations

import io
import re
import zipfile

from .document import Block, Run

# DOCX zip entries get this date instead of the time of writing (zip dates start in 1980).
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(s: str) -> str:
    """``s`` without the characters XML 1.0 cannot hold."""
    return _XML_INVALID.sub("", s)


def _docx_runs(paragraph, runs: list[Run], bold: bool = False, rels: dict | None = None) -> None:
    """Runs into a python-docx paragraph; links become w:hyperlink to external targets
    (``rels`` caches relationship ids by target: python-docx searches them all each time)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for r in runs:
        text = _xml_text(r.text)
        if not r.href:
            run = paragraph.add_run(text)
            if bold:
                run.bold = True
            continue
        rels = {} if rels is None else rels
        if r.href not in rels:
            rels[r.href] = paragraph.part.relate_to(r.href, RT.HYPERLINK, is_external=True)
        rel = rels[r.href]
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), rel)
        run = OxmlElement("w:r")
        props = OxmlElement("w:rPr")
        color = OxmlElement("w:color")
        color.set(qn("w:val"), "0563C1")
        underline = OxmlElement("w:u")
        underline.set(qn("w:val"), "single")
        props.append(color)
        props.append(underline)
        run.append(props)
        t = OxmlElement("w:t")
        t.text = text
        t.set(qn("xml:space"), "preserve")
        run.append(t)
        link.append(run)
        paragraph._p.append(link)


def to_docx(title: str, meta: list[tuple[str, str]], blocks: list[Block]) -> bytes:
    """The whole report as a DOCX file: title, metadata table, blocks (headings, paragraphs,
    italic notes, tables)."""
    import docx
    from docx.oxml.ns import qn

    doc = docx.Document()
    normal = doc.styles["Normal"]
    normal.font.name = "SimSun"
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    props = doc.core_properties
    props.title, props.author, props.comments = _xml_text(title), "extractor", ""

    # Style ids of python-docx's default template, set directly: looking a style up by name
    # scans every style and made a long report take seconds.
    def paragraph(style_id: str | None = None):
        p = doc.add_paragraph()
        if style_id:
            p._p.style = style_id
        return p

    def table(rows: int, cols: int):
        t = doc.add_table(rows=rows, cols=cols)
        t._tbl.tblPr.style = "TableGrid"
        return t

    rels: dict[str, str] = {}
    _docx_runs(paragraph("Title"), [Run(title)])
    meta_table = table(len(meta), 2)
    for row, (name, value) in zip(meta_table.rows, meta):
        _docx_runs(row.cells[0].paragraphs[0], [Run(name)], bold=True)
        _docx_runs(row.cells[1].paragraphs[0], [Run(value)])
    for b in blocks:
        if b.type == "heading":
            _docx_runs(paragraph(f"Heading{min(b.level, 9)}"), b.runs, rels=rels)
        elif b.type == "para":
            _docx_runs(paragraph(), b.runs, rels=rels)
        elif b.type == "note":
            p = paragraph()
            _docx_runs(p, b.runs, rels=rels)
            for run in p.runs:
                run.italic = True
        elif b.type == "table":
            t = table(1 + len(b.rows), len(b.header))
            cells = t._cells  # one list, row by row: far faster than t.rows[i].cells
            width = len(b.header)
            for j, h in enumerate(b.header):
                _docx_runs(cells[j].paragraphs[0], [Run(h)], bold=True)
            for i, row in enumerate(b.rows, 1):
                for j, runs in enumerate(row):
                    _docx_runs(cells[i * width + j].paragraphs[0], runs, rels=rels)
    buf = io.BytesIO()
    doc.save(buf)
    return _fixed_zip(buf.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with every entry dated ZIP_DATE, so equal documents give equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()
