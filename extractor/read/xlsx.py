"""XLSX with openpyxl (read-only, cached formula values): one page and one table per sheet."""
from __future__ import annotations

import datetime as dt
import io
import warnings
from pathlib import Path

from ..errors import CorruptFile, EmptyFile, ExtractorError, UnsupportedFormat
from ..model import Page, RawDocument, Table
from .docx import check_zip
from .tables import render


def read_xlsx(data: bytes, path: Path, limits) -> RawDocument:
    """An Excel workbook: each sheet's rows as a table and as text lines."""
    name = path.name
    try:
        import openpyxl
    except ImportError:
        raise UnsupportedFormat(f"{name}: .xlsx files need openpyxl; install it: pip install openpyxl") from None

    archive = check_zip(data, name, limits, kind="Excel (.xlsx)")
    if "xl/workbook.xml" not in archive.namelist():
        raise CorruptFile(
            f"{name}: the zip holds no Excel workbook (xl/workbook.xml is missing);"
            " check that the file is really a .xlsx"
        )
    pages: list[Page] = []
    tables: list[Table] = []
    try:
        # data_only: the value Excel last computed, not the formula text.
        with warnings.catch_warnings():  # openpyxl warns about every feature it skips
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                for number, sheet in enumerate(workbook.worksheets, 1):
                    rows = _sheet_rows(sheet)
                    lines, spans = render(rows)
                    if rows:
                        tables.append(Table(len(tables), number, rows, spans))
                    pages.append(Page(number, "\n".join(lines)))
            finally:
                workbook.close()  # read-only mode keeps the archive open until closed
    except ExtractorError:
        raise  # a Timeout from the ingest alarm
    except Exception as exc:  # noqa: BLE001 - openpyxl raises anything on a damaged workbook
        # KeyError, ValueError, TypeError, AttributeError, IndexError for damaged parts; zlib.error
        # and BadZipFile for a damaged archive; SyntaxError for xml.etree's ParseError (which is also
        # what an entity declaration in a sheet gives: expat never loads it).
        raise CorruptFile(
            f"{name}: the workbook is damaged ({type(exc).__name__}: {exc}); open and save it again in Excel"
        ) from None
    if not tables:
        raise EmptyFile(f"{name}: the workbook has no cell values; check that it is the right file")
    return RawDocument(path=str(path), format="xlsx", pages=pages, tables=tables)


def _sheet_rows(sheet) -> list[list[str]]:
    """Non-empty rows as cell texts, trailing empty cells dropped."""
    # The declared dimensions may claim 16384 columns; without them each row is as long as its data.
    sheet.reset_dimensions()
    rows = []
    for values in sheet.iter_rows(values_only=True):
        row = [_cell(v) for v in values]
        while row and not row[-1]:
            row.pop()
        if row:
            rows.append(row)
    return rows


def _cell(value) -> str:
    """Cell text: whole numbers without ".0", dates as ISO, line breaks inside a cell as spaces."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return " ".join(str(value).split())
