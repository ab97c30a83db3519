"""The fast row writer (annexa/xlsx.py) writes exactly the sheet XML XlsxWriter writes."""

import datetime as dt
import zipfile

import pytest
import xlsxwriter

from cairn.returns.annexa import xlsx
from cairn.returns.annexa.workbook import WORKBOOK_OPTIONS
from cairn.returns.annexa.xlsx import RowWorksheet

STRINGS = [
    "Child Unique ID",
    "a) Yes",
    "  leading and trailing  ",
    "tab\tand\nnew line",
    "control \x01 and \x1f characters",
    "_x0000_ looks like an escape",
    "A & B <team> \"quoted\" 'single'",
    "<r>looks rich</r>",
    "=SUM(A1:A2)",
    "ünïcödé – ½ 🙂",
    "",
]


def _write_one_by_one(sheet, row, cells, date_format):
    for col, value in cells:
        if isinstance(value, str):
            sheet.write_string(row, col, value)
        elif isinstance(value, dt.date):
            sheet.write_datetime(row, col, value, date_format)
        else:
            sheet.write_number(row, col, value)


def _write(path, worksheet_class, rows: int):
    workbook = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    bold = workbook.add_format({"bold": True})
    sheet = workbook.add_worksheet("List 1", worksheet_class=worksheet_class)
    sheet.set_column(0, 0, 20)
    sheet.set_column(3, 3, 12, bold)  # a column format applies to cells with none of their own
    sheet.set_row(5, None, bold)  # a row format: left to XlsxWriter
    sheet.write_comment(7, 1, "a comment")  # a row with a comment: left to XlsxWriter
    for row in range(rows):
        text = STRINGS[row % len(STRINGS)] + ("" if row < 40 else str(row))
        cells = [(0, text)] if text else []
        if row % 3:
            cells.append((1, row * 1.5 if row % 2 else row))
        cells.append((2, dt.date(2026, 1, 1) + dt.timedelta(days=row)))
        if STRINGS[(row * 7) % len(STRINGS)]:
            cells.append((3, STRINGS[(row * 7) % len(STRINGS)]))
        cells.append((6, 10**row if row < 30 else -row))
        cells.append((7, "x" * 20_000 if row == 11 else "last"))  # too long for the fast path
        if row == rows - 1:
            cells.append((9, "the widest row is the last"))  # the sheet's dimension grows
        if row == 8:
            cells = cells[::-1]  # columns out of order: written one by one
        if worksheet_class is RowWorksheet:
            sheet.write_cells(row, cells, date_format)
        else:
            _write_one_by_one(sheet, row, cells, date_format)
        if row % 5 == 0:
            sheet.write_boolean(row, 4, True)  # another cell type: left to XlsxWriter
        if row == 9:
            sheet.write_rich_string(row, 5, "plain ", bold, "bold")
    workbook.close()
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist() if name.startswith("xl/worksheets/")}


@pytest.mark.parametrize("rows", [0, 1, 200])
def test_the_row_writer_writes_what_xlsxwriter_writes(tmp_path, rows, monkeypatch):
    monkeypatch.setattr(xlsx, "_CACHE_LIMIT", 25)  # the cache is emptied and refilled too
    ours = _write(tmp_path / "ours.xlsx", RowWorksheet, rows)
    theirs = _write(tmp_path / "theirs.xlsx", None, rows)
    assert ours == theirs
    assert b"<sheetData>" in ours["xl/worksheets/sheet1.xml"] or rows == 0
