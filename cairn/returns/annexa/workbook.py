"""Write the Annex A workbook: one sheet per list, streamed row by row (XlsxWriter in
constant-memory mode flushes each row to a temporary file as it is written, so memory does not
grow with the council). ADR 0021.

What consumers need (tooling-notes.md, the Annex A cleaner): the header is row 1; dates are real
Excel dates shown dd/mm/yyyy; no formulas (strings are never turned into formulas, numbers or
links); a blank value is no cell at all, so nothing is styled after the header; a list with no
rows is written as its header row alone (a sheet with no cells at all crashes the cleaner).
"""

import datetime as dt
import queue
import threading
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import xlsxwriter

from cairn.returns.annexa.lists import LISTS, AnnexList, Kind
from cairn.returns.annexa.period import Period
from cairn.returns.annexa.selectors import Names
from cairn.returns.annexa.xlsx import RowWorksheet

DATE_FORMAT = "dd/mm/yyyy"
WORKBOOK_OPTIONS = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}

BATCH = 500  # rows handed to the writer thread at a time (and between progress reports)

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
    sheet = workbook.add_worksheet(annex_list.sheet_name, worksheet_class=RowWorksheet)
    for index, column in enumerate(annex_list.columns):
        width = 12 if column.kind is not Kind.TEXT else min(max(len(column.header), 12), 40)
        sheet.set_column(index, index, width)
        sheet.write_string(0, index, column.header)
    writer = _SheetWriter(sheet, annex_list, period, date_format)
    writer.start()
    written, batch = 0, []
    try:
        for written, row in enumerate(annex_list.rows(period, names), start=1):
            batch.append(row)
            if len(batch) == BATCH:
                writer.put(written - BATCH + 1, batch)
                batch = []
                if progress:
                    progress(annex_list, written, False)
        writer.put(written - len(batch) + 1, batch)
    except BaseException:
        writer.finish(raise_error=False)  # the reader's error is the one to report
        raise
    writer.finish()
    if progress:
        progress(annex_list, written, True)
    return written


class _SheetWriter(threading.Thread):
    """Derives and writes a sheet's cells in its own thread while the main thread reads the
    next rows: the database's time and the writing overlap. Only this thread touches the sheet
    after its header; the rows it is given are not changed by the reader afterwards. An error
    here is raised again in the main thread."""

    def __init__(self, sheet, annex_list: AnnexList, period: Period, date_format):
        super().__init__(name=f"annex-a {annex_list.sheet_name}", daemon=True)
        self.sheet, self.period, self.date_format = sheet, period, date_format
        self.columns = [(i, c.kind, c.value) for i, c in enumerate(annex_list.columns)]
        self.batches: queue.Queue = queue.Queue(maxsize=4)  # bounded: memory stays flat
        self.error: BaseException | None = None

    def put(self, first: int, rows: list[dict]) -> None:
        if self.error is not None:
            raise self.error
        self.batches.put((first, rows))

    def finish(self, *, raise_error: bool = True) -> None:
        self.batches.put(None)
        self.join()
        if self.error is not None and raise_error:
            raise self.error

    def run(self) -> None:
        while (item := self.batches.get()) is not None:
            if self.error is None:  # after an error, only drain the queue
                try:
                    self._write(*item)
                except BaseException as exc:  # raised again in the main thread
                    self.error = exc

    def _write(self, first: int, rows: list[dict]) -> None:
        sheet, period, date_format, columns = (
            self.sheet,
            self.period,
            self.date_format,
            self.columns,
        )
        for number, row in enumerate(rows, start=first):
            cells = [(i, _cell(number, i, kind, value(row, period))) for i, kind, value in columns]
            sheet.write_cells(number, [cell for cell in cells if cell[1] is not None], date_format)


def _cell(row: int, col: int, kind: Kind, value):
    """The value to write: a date, an int or a str; None for a blank (no cell at all, so a
    blank is never a styled empty cell)."""
    if value is None or value == "":
        return None
    if kind is Kind.DATE:
        if not isinstance(value, dt.date):
            raise TypeError(f"Column {col} of row {row} should be a date, got {value!r}")
        return value
    if kind is Kind.INT:
        return int(value)
    return str(value)
