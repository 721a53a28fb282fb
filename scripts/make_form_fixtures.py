"""Write one standard 项目支出绩效自评表 as DOCX, XLSX and PDF, plus its ground truth as JSON.

    .venv/bin/python scripts/make_form_fixtures.py

Deterministic: the same bytes every run (fixed zip timestamps, reportlab invariant mode). Writes
``corpus/forms/项目支出绩效自评表.{docx,xlsx,pdf}`` and ``corpus/forms/项目支出绩效自评表.truth.json``.

The form follows the 财政部 template (财预〔2020〕10号 附件): a 10-column grid with merged cells,
so each reader meets them the way it does in the wild:

* DOCX (python-docx): 项目资金（万元） merged over 2 columns and 5 rows, the 一级指标 and 二级指标
  cells merged down their groups, 绩效指标 merged down the whole indicator block, 三级指标 over 2
  columns; the title and the year are paragraphs above the table.
* XLSX (openpyxl): the same merges; the title and year are merged rows of the sheet; amounts are
  numbers formatted "0.00" and execution rates numbers formatted "0.00%" (so the reader sees 0.9574).
* PDF (reportlab): a Table with grid lines (pdfplumber finds its cells from them), SPAN for the
  merges, the CID font STSong-Light; title and year are paragraphs above the table.

The ground truth holds the values every reader must parse to, in the extractor's normalized
text (ASCII parentheses and commas where the form writes （）and ，).
"""
from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "corpus" / "forms"
STEM = "项目支出绩效自评表"
FIXED_ZIP_TIME = (2025, 1, 1, 0, 0, 0)
NCOLS = 10

TITLE = "项目支出绩效自评表"
YEAR = "（2024年度）"
PROJECT = "430211240000000000123-农村公路日常养护项目"
DEPARTMENT = "株洲市渌口区交通运输局"
UNIT = "430211001-株洲市渌口区交通事务中心"

# (label, 年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分); rate as a fraction for XLSX.
BUDGET = [
    ("年度资金总额", "1250.00", "1318.56", "1262.41", "10", "95.74%", "9.57"),
    ("其中：当年财政拨款", "1150.00", "1218.56", "1168.90", "—", "95.92%", "—"),
    ("上年结转资金", "100.00", "100.00", "93.51", "—", "93.51%", "—"),
    ("其他资金", "0.00", "0.00", "0.00", "—", "—", "—"),
]
GOAL_PLAN = "完成全区农村公路日常养护320公里以上，定期检查桥梁45座，路况保持良好，保障群众安全便捷出行。"
GOAL_DONE = "全年完成农村公路日常养护326.5公里，检查桥梁45座，路面技术状况指数优良率83.2%，群众满意度93.6%。"
REASON = "部分路段重载交通量大，路面病害增多；下年度加强预防性养护。"
# (一级, 二级, 三级, 年度指标值, 实际完成值, 分值, 得分, 偏差原因)
INDICATORS = [
    ("产出指标", "数量指标", "农村公路日常养护里程", "≥320公里", "326.5公里", "10", "10", ""),
    ("产出指标", "数量指标", "桥梁定期检查数量", "≥45座", "45座", "5", "5", ""),
    ("产出指标", "质量指标", "路面技术状况指数（PQI）优良率", "≥85%", "83.2%", "10", "8", REASON),
    ("产出指标", "时效指标", "病害处治及时率", "100%", "100%", "5", "5", ""),
    ("产出指标", "成本指标", "每公里养护成本", "≤3.9万元", "3.87万元", "10", "10", ""),
    ("效益指标", "社会效益指标", "群众安全便捷出行", "有效保障", "有效保障", "15", "15", ""),
    ("效益指标", "可持续影响指标", "农村公路通行条件持续改善", "长期", "长期", "15", "15", ""),
    ("满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%", "93.6%", "10", "10", ""),
]
TOTAL = ("总分", "100", "87.57", "良")


def grid() -> tuple[list[list[str]], list[tuple[int, int, int, int]]]:
    """The form as a 10-column grid (text in the top-left cell of a merge) and its merges
    as (first row, first col, last row, last col)."""
    rows: list[list[str]] = []
    merges: list[tuple[int, int, int, int]] = []

    def add(cells: dict[int, str]) -> int:
        rows.append([cells.get(c, "") for c in range(NCOLS)])
        return len(rows) - 1

    r = add({0: "项目名称", 2: PROJECT})
    merges += [(r, 0, r, 1), (r, 2, r, 9)]
    r = add({0: "主管部门", 2: DEPARTMENT, 6: "实施单位", 8: UNIT})
    merges += [(r, 0, r, 1), (r, 2, r, 5), (r, 6, r, 7), (r, 8, r, 9)]
    head = add({0: "项目资金（万元）", 4: "年初预算数", 5: "全年预算数", 6: "全年执行数", 7: "分值", 8: "执行率", 9: "得分"})
    merges += [(head, 0, head + len(BUDGET), 1), (head, 2, head, 3)]
    for label, *values in BUDGET:
        r = add({2: label, **{4 + k: v for k, v in enumerate(values)}})
        merges.append((r, 2, r, 3))
    r = add({0: "年度总体目标", 2: "预期目标", 6: "实际完成情况"})
    merges += [(r, 0, r + 1, 1), (r, 2, r, 5), (r, 6, r, 9)]
    r = add({2: GOAL_PLAN, 6: GOAL_DONE})
    merges += [(r, 2, r, 5), (r, 6, r, 9)]
    head = add({0: "绩效指标", 1: "一级指标", 2: "二级指标", 3: "三级指标", 5: "年度指标值", 6: "实际完成值",
                7: "分值", 8: "得分", 9: "偏差原因分析及改进措施"})
    merges += [(head, 0, head + len(INDICATORS), 0), (head, 3, head, 4)]
    first = head + 1
    for k, (l1, l2, name, target, actual, weight, score, reason) in enumerate(INDICATORS):
        cells = {3: name, 5: target, 6: actual, 7: weight, 8: score, 9: reason}
        if k == 0 or INDICATORS[k - 1][0] != l1:
            cells[1] = l1
        if k == 0 or INDICATORS[k - 1][:2] != (l1, l2):
            cells[2] = l2
        r = add(cells)
        merges.append((r, 3, r, 4))
    # 一级 / 二级 merged down their groups
    for col, width in ((1, 1), (2, 2)):
        start = 0
        for k in range(1, len(INDICATORS) + 1):
            if k == len(INDICATORS) or INDICATORS[k][:width] != INDICATORS[start][:width]:
                if k - start > 1:
                    merges.append((first + start, col, first + k - 1, col))
                start = k
    r = add({0: TOTAL[0], 7: TOTAL[1], 8: TOTAL[2], 9: TOTAL[3]})
    merges.append((r, 0, r, 6))
    return rows, merges


def normalize_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps: python-docx and openpyxl stamp the current time on the
    members, and openpyxl also writes the save time into docProps/core.xml (dcterms:modified)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            body = src.read(info)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(<)", rb"\g<1>2025-01-01T00:00:00Z\g<2>", body)
            dst.writestr(fixed, body)
    return out.getvalue()


def make_docx() -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    rows, merges = grid()
    document = docx.Document()
    document.core_properties.created = dt.datetime(2025, 1, 1)
    document.core_properties.modified = dt.datetime(2025, 1, 1)
    document.core_properties.last_modified_by = "fixtures"
    document.core_properties.author = "fixtures"
    document.add_paragraph("附件2")
    document.add_paragraph(TITLE, style="Title").alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(YEAR).alignment = WD_ALIGN_PARAGRAPH.CENTER
    table = document.add_table(rows=len(rows), cols=NCOLS)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    for r0, c0, r1, c1 in merges:
        text = rows[r0][c0]
        merged = table.cell(r0, c0).merge(table.cell(r1, c1))
        merged.text = text  # merging joins the cells' paragraphs; keep the top-left text only
    document.add_paragraph("填表人：李明    联系电话：0731-22000000    填报日期：2025年3月10日")
    buf = io.BytesIO()
    document.save(buf)
    return normalize_zip(buf.getvalue())


def make_xlsx() -> bytes:
    import openpyxl
    from openpyxl.styles import Alignment

    rows, merges = grid()
    wb = openpyxl.Workbook()
    wb.properties.created = dt.datetime(2025, 1, 1)
    wb.properties.modified = dt.datetime(2025, 1, 1)
    wb.properties.creator = "fixtures"
    ws = wb.active
    ws.title = "自评表"
    ws.cell(1, 1, TITLE)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=NCOLS)
    ws.cell(2, 1, YEAR)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=NCOLS)
    top = 3
    budget_rows = {k + 3 for k in range(len(BUDGET))}  # grid rows holding budget figures
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if not text:
                continue
            cell = ws.cell(top + r, c + 1)
            if r in budget_rows and 4 <= c <= 9 and text != "—":
                if text.endswith("%"):  # Excel keeps a rate as a fraction shown as a percent
                    cell.value = round(float(text[:-1]) / 100, 6)
                    cell.number_format = "0.00%"
                elif c in (4, 5, 6):
                    cell.value = float(text)
                    cell.number_format = "0.00"
                else:
                    cell.value = float(text) if "." in text else int(text)
            else:
                cell.value = text
            cell.alignment = Alignment(wrap_text=True, vertical="center")
    for r0, c0, r1, c1 in merges:
        ws.merge_cells(start_row=top + r0, start_column=c0 + 1, end_row=top + r1, end_column=c1 + 1)
    buf = io.BytesIO()
    wb.save(buf)
    return normalize_zip(buf.getvalue())


def make_pdf() -> bytes:
    from xml.sax.saxutils import escape

    from reportlab import rl_config
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    rl_config.invariant = 1  # fixed creation date and document ID
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    cell_style = ParagraphStyle("cell", fontName="STSong-Light", fontSize=9, leading=12, wordWrap="CJK")
    title_style = ParagraphStyle("title", fontName="STSong-Light", fontSize=16, leading=22, alignment=TA_CENTER)
    year_style = ParagraphStyle("year", fontName="STSong-Light", fontSize=11, leading=16, alignment=TA_CENTER)
    rows, merges = grid()
    data = [[Paragraph(escape(text), cell_style) if text else "" for text in row] for row in rows]
    widths = [w * mm for w in (18, 20, 24, 30, 24, 26, 26, 22, 22, 55)]
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTNAME", (0, 0), (-1, -1), "STSong-Light"),
    ]
    style += [("SPAN", (c0, r0), (c1, r1)) for r0, c0, r1, c1 in merges]
    table = Table(data, colWidths=widths, style=TableStyle(style))
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf, pagesize=landscape(A4), leftMargin=15 * mm, rightMargin=15 * mm, topMargin=12 * mm,
        bottomMargin=12 * mm, title=TITLE, author="fixtures", invariant=1,
    )
    doc.build([Paragraph(TITLE, title_style), Paragraph(YEAR, year_style), Spacer(1, 4), table])
    return buf.getvalue()


def truth() -> dict:
    """What every reader must parse to (normalized text: （）→ (), ，→ ,, ；→ ;)."""

    def norm(s: str) -> str:
        return s.translate(str.maketrans("（），；：", "(),;:"))

    def num(s: str):
        return None if s in ("—", "") else float(s.rstrip("%"))

    return {
        "files": [f"{STEM}.docx", f"{STEM}.xlsx", f"{STEM}.pdf"],
        "form": {
            "title": TITLE,
            "project_name": "农村公路日常养护项目",
            "department": DEPARTMENT,
            "unit_name": "株洲市渌口区交通事务中心",
            "fiscal_year": 2024,
            "money_unit": "万元",
            "total_score": float(TOTAL[2]),
            "grade": TOTAL[3],
        },
        "budget_lines": [
            {
                "line": {"其中：当年财政拨款": "财政拨款"}.get(label, label),
                "budget_initial": num(init),
                "budget_full_year": num(full),
                "executed": num(done),
                "weight": num(weight),
                "execution_rate": num(rate),
                "score": num(score),
                "source_unit": "万元",
            }
            for label, init, full, done, weight, rate, score in BUDGET
        ],
        "indicators": [
            {
                "level1": l1,
                "level2": l2,
                "name": norm(name),
                "target_text": target,
                "target_value": float(target.lstrip("≥≤").rstrip("%公里座万元")) if target[-1] in "%里座元" else None,
                "target_comparator": target[0] if target[0] in "≥≤" else None,
                "actual_text": actual,
                "actual_value": float(actual.rstrip("%公里座万元")) if actual[-1] in "%里座元" else None,
                "unit": next((u for u in ("%", "公里", "座", "万元") if target.endswith(u)), None),
                "weight": float(weight),
                "score": float(score),
                "deviation_reason": norm(reason) or None,
            }
            for l1, l2, name, target, actual, weight, score, reason in INDICATORS
        ],
        # bare money cells of the budget block: table_amount mentions, in 万元
        "table_amounts_wan": [float(v) for _, *vals in BUDGET for v in vals[:3]],
    }


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    outputs = {
        OUT / f"{STEM}.docx": make_docx(),
        OUT / f"{STEM}.xlsx": make_xlsx(),
        OUT / f"{STEM}.pdf": make_pdf(),
        OUT / f"{STEM}.truth.json": (json.dumps(truth(), ensure_ascii=False, indent=1) + "\n").encode("utf-8"),
    }
    for path, data in outputs.items():
        path.write_bytes(data)
        print(f"{len(data):>8}  {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
