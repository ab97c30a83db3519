"""A measure's monthly figures as CSV and as an xlsx workbook (issue 10, item 4; ADR 0028).

Both have the same columns, one row per month. The xlsx has real dates (formatted as months)
and numbers, so a spreadsheet can chart and sum them; the CSV has ISO dates.
"""

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import xlsxwriter

from cairn.insight.measures.base import Figure

HEADERS = [
    "Month",
    "Measure",
    "Area",
    "Value",
    "Unit",
    "Numerator",
    "Denominator",
    "National comparator",
    "National source",
]


@dataclass(frozen=True)
class ExportTable:
    """What an export holds: one measure's figures for one area over some months."""

    measure_key: str
    measure_title: str
    unit: str
    area: str
    months: Sequence[date]
    figures: Sequence[Figure]
    national: Decimal | None = None
    national_source: str = ""

    def rows(self) -> list[list]:
        national = self.national
        return [
            [
                month,
                self.measure_title,
                self.area,
                figure.value,
                self.unit,
                figure.numerator,
                figure.denominator,
                national,
                self.national_source if national is not None else "",
            ]
            for month, figure in zip(self.months, self.figures, strict=True)
        ]

    def filename(self, extension: str) -> str:
        end = self.months[-1] if self.months else date.today()
        area = "".join(c if c.isalnum() else "-" for c in self.area.lower()).strip("-")
        return f"{self.measure_key}-{area}-to-{end:%Y-%m}.{extension}"


def _plain(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def measure_csv(table: ExportTable) -> str:
    """The figures as CSV text (UTF-8; empty cells where there is no figure)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for row in table.rows():
        writer.writerow([_plain(v) for v in row])
    return out.getvalue()


def measure_xlsx(table: ExportTable) -> bytes:
    """The figures as one worksheet: dates as dates, numbers as numbers, a header row frozen."""
    out = io.BytesIO()
    workbook = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = workbook.add_worksheet("Figures")
    bold = workbook.add_format({"bold": True})
    month = workbook.add_format({"num_format": "mmm yyyy"})
    sheet.write_row(0, 0, HEADERS, bold)
    for r, row in enumerate(table.rows(), start=1):
        sheet.write_datetime(r, 0, _as_datetime(row[0]), month)
        for c, value in enumerate(row[1:], start=1):
            if value is None:
                sheet.write_blank(r, c, None)
            elif isinstance(value, Decimal | int | float):
                sheet.write_number(r, c, float(value))
            else:
                sheet.write_string(r, c, str(value))
    sheet.set_column(0, 0, 12)
    sheet.set_column(1, 2, 40)
    sheet.set_column(3, 8, 14)
    sheet.freeze_panes(1, 0)
    workbook.close()
    return out.getvalue()


def _as_datetime(value: date) -> datetime:
    return datetime(value.year, value.month, value.day)
