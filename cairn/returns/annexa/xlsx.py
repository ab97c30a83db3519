"""A faster row writer for XlsxWriter's constant-memory mode, writing the same XML.

In constant-memory mode XlsxWriter keeps one row of cells and, when the next row starts, writes
the finished row's XML cell by cell (`Worksheet._write_single_row`). For a workbook of a quarter
of a million rows that per-cell XML is most of the export's time. `RowWorksheet` writes a row
of plain strings, numbers and dates in one go: it uses XlsxWriter's own escaping functions, keeps
the escaped XML of recently written strings (labels, team and worker names repeat on most rows)
and writes the row with one call. Any row it does not handle (row formats, comments, rich
strings, formulas, booleans, errors) goes to XlsxWriter's own method, so the output is XlsxWriter's
in every case; `test_xlsx.py` checks the sheet XML is byte for byte the same as XlsxWriter's.
"""

import datetime as dt
import math

from xlsxwriter.utility import _preserve_whitespace, xl_col_to_name
from xlsxwriter.worksheet import (
    CellDatetimeTuple,
    CellNumberTuple,
    CellStringTuple,
    Worksheet,
)

_CACHE_LIMIT = 20_000  # escaped strings kept (a child ID is rarely seen twice; labels are)


class RowWorksheet(Worksheet):
    """An XlsxWriter worksheet whose constant-memory row flush is done in one pass."""

    def __init__(self):
        super().__init__()
        self._strings: dict[str, str | None] = {}
        self._prefixes: dict[tuple, tuple[str, str]] = {}

    def write_cells(self, row: int, cells: list[tuple[int, object]], date_format) -> None:
        """Write one new row of (column, value) cells, columns in order: a str as
        `write_string`, an int or float as `write_number` and a date as `write_datetime` with
        `date_format` would, in one step. Anything else (a row already started or written, a
        very long string, a value out of range) goes through those methods one cell at a time."""
        if not cells:
            return
        if not self._fits(row, cells, date_format):
            for col, value in cells:
                self._write_one(row, col, value, date_format)
            return
        self._check_dimensions(row, cells[0][0])
        self._check_dimensions(row, cells[-1][0])
        self._write_single_row(row)
        stored = self.table[row]
        for col, value in cells:
            if value.__class__ is str:
                stored[col] = CellStringTuple(value, None)
            elif isinstance(value, dt.date):
                stored[col] = CellDatetimeTuple(self._convert_date_time(value), date_format)
            else:
                stored[col] = CellNumberTuple(value, None)

    def _fits(self, row: int, cells, date_format) -> bool:
        if not (self.constant_memory and self.previous_row < row < self.xls_rowmax):
            return False
        if not (0 <= cells[0][0] and cells[-1][0] < self.xls_colmax):
            return False
        previous = -1
        for col, value in cells:
            if col <= previous or not self._plain(value, date_format):
                return False  # columns out of order, or a value for XlsxWriter's own methods
            previous = col
        return True

    def _plain(self, value, date_format) -> bool:
        kind = value.__class__
        if kind is str:
            return len(value) <= self.xls_strmax // 2
        if kind is float:
            return math.isfinite(value)
        if kind is dt.date or kind is dt.datetime:
            return date_format is not None  # else XlsxWriter uses its default date format
        return kind is int

    def _write_one(self, row: int, col: int, value, date_format) -> None:
        if isinstance(value, str):
            self.write_string(row, col, value)
        elif isinstance(value, dt.date):
            self.write_datetime(row, col, value, date_format)
        else:
            self.write_number(row, col, value)

    def set_column(self, *args, **kwargs):
        self._prefixes.clear()  # a column format changes the cells' style attribute
        return super().set_column(*args, **kwargs)

    def _write_single_row(self, current_row_num=0) -> None:
        row_num = self.previous_row
        cells = self.table.get(row_num)
        if not cells or row_num in self.row_info or row_num in self.comments:
            super()._write_single_row(current_row_num)
            return
        parts = []
        number = str(row_num + 1)
        prefixes = self._prefixes
        for col_num in sorted(cells):
            cell = cells[col_num]
            kind = cell.__class__
            key = (col_num, cell.format)
            fix = prefixes.get(key) or self._prefix(key)
            if kind is CellNumberTuple or kind is CellDatetimeTuple:
                parts.append(f"<c{fix[0]}{number}{fix[1]}><v>{cell.number:.16G}</v></c>")
                continue
            inline = self._inline(cell.string) if kind is CellStringTuple else None
            if inline is None:  # a rich string or another cell type: XlsxWriter writes it
                super()._write_single_row(current_row_num)
                return
            parts.append(f"<c{fix[0]}{number}{fix[1]}{inline}")
        self.previous_row = current_row_num
        self._write_row(row_num, None)
        self.fh.write("".join(parts))
        self._xml_end_tag("row")
        self.table.clear()

    def _prefix(self, key) -> tuple[str, str]:
        """A cell's ` r="<column>` and `"<style>` around its row number, as XlsxWriter writes
        them (the cell's own format, else its column's)."""
        col_num, cell_format = key
        style = ""
        if cell_format:
            style = f' s="{cell_format._get_xf_index()}"'
        else:
            info = self.col_info.get(col_num)
            if info is not None and info.column_format is not None:
                style = f' s="{info.column_format._get_xf_index()}"'
        fix = self._prefixes[key] = (f' r="{xl_col_to_name(col_num)}', f'"{style}')
        return fix

    def _inline(self, string: str) -> str | None:
        """The XML after a string cell's reference and style, as XlsxWriter writes an inline
        string; None for a rich string (left to XlsxWriter)."""
        try:
            return self._strings[string]
        except KeyError:
            pass
        escaped = self._escape_control_characters(string)
        if escaped.startswith("<r>") and escaped.endswith("</r>"):
            inline = None
        else:
            preserve = ' xml:space="preserve"' if _preserve_whitespace(escaped) else ""
            text = self._escape_data(escaped)
            inline = f' t="inlineStr"><is><t{preserve}>{text}</t></is></c>'
        if len(self._strings) >= _CACHE_LIMIT:
            self._strings.clear()
        self._strings[string] = inline
        return inline
