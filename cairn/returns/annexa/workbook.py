"""Write the Annex A workbook: one sheet per list, streamed row by row (XlsxWriter in
constant-memory mode flushes each row to a temporary file as it is written, so memory does not
grow with the council). ADR 0021.

What consumers need (tooling-notes.md, the Annex A cleaner): the header is row 1; dates are real
Excel dates shown dd/mm/yyyy; no formulas (strings are never turned into formulas, numbers or
links); a blank value is no cell at all, so nothing is styled after the header; a list with no
rows is written as its header row alone (a sheet with no cells at all crashes the cleaner).
"""

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import xlsxwriter

from cairn.returns.annexa.lists import LISTS, AnnexList, Kind
from cairn.returns.annexa.period import Period
from cairn.returns.annexa.selectors import Names

DATE_FORMAT = "dd/mm/yyyy"
WORKBOOK_OPTIONS = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}

# progress(list, rows written so far, finished?)
Progress = Callable[[AnnexList, int, bool], None]


def write_annex_a(
    *,
    period: Period,
    out: Path | str | BinaryIO,
    lists: tuple[AnnexList, ...] = LISTS,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Write the workbook to `out` (a path or a binary file); return the rows per sheet."""
    names = Names()
    counts: dict[str, int] = {}
    target = str(out) if isinstance(out, str | Path) else out
    workbook = xlsxwriter.Workbook(target, WORKBOOK_OPTIONS)
    try:
        date_format = workbook.add_format({"num_format": DATE_FORMAT})
        for annex_list in lists:
            counts[annex_list.sheet_name] = _write_sheet(
                workbook, annex_list, period, names, date_format, progress
            )
    finally:
        workbook.close()
    return counts


def _write_sheet(workbook, annex_list: AnnexList, period: Period, names, date_format, progress):
    sheet = workbook.add_worksheet(annex_list.sheet_name)
    for index, column in enumerate(annex_list.columns):
        width = 12 if column.kind is not Kind.TEXT else min(max(len(column.header), 12), 40)
        sheet.set_column(index, index, width)
        sheet.write_string(0, index, column.header)
    written = 0
    for written, row in enumerate(annex_list.rows(period, names), start=1):
        for index, column in enumerate(annex_list.columns):
            _write_cell(sheet, written, index, column.kind, column.value(row, period), date_format)
        if progress and written % 500 == 0:
            progress(annex_list, written, False)
    if progress:
        progress(annex_list, written, True)
    return written


def _write_cell(sheet, row: int, col: int, kind: Kind, value, date_format) -> None:
    if value is None or value == "":
        return  # no cell: a blank is never a styled empty cell
    if kind is Kind.DATE:
        if not isinstance(value, dt.date):
            raise TypeError(f"Column {col} of row {row} should be a date, got {value!r}")
        sheet.write_datetime(row, col, value, date_format)
    elif kind is Kind.INT:
        sheet.write_number(row, col, int(value))
    else:
        sheet.write_string(row, col, str(value))
