"""export_annex_a --reference-date DATE --out FILE.xlsx: Ofsted's Annex A lists 1-8 as one
workbook (sheets `List 1` ... `List 8`; shared/domain/annex-a.md, ADR 0021)."""

import datetime as dt
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cairn.returns.annexa.lists import LISTS, AnnexList
from cairn.returns.annexa.period import DEFAULT_WINDOW_MONTHS, Period
from cairn.returns.annexa.workbook import write_annex_a


def parse_reference_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"--reference-date must be a real date written YYYY-MM-DD, e.g. 2026-03-31 "
            f"(got {value!r})."
        ) from None


class TerminalProgress:
    """A one-line bar over the lists with the rows written, on stderr when it is a terminal."""

    def __init__(self, stream):
        self.stream = stream

    def __call__(self, annex_list: AnnexList, rows: int, finished: bool) -> None:
        done = LISTS.index(annex_list) + (1 if finished else 0)
        width = 24
        bar = "#" * (width * done // len(LISTS))
        self.stream.write(
            f"\r  [{bar:<{width}}] {done}/{len(LISTS)} lists  "
            f"{annex_list.sheet_name}: {rows:,} rows   "
        )
        if finished and done == len(LISTS):
            self.stream.write("\n")
        self.stream.flush()


class Command(BaseCommand):
    help = "Write Ofsted's Annex A lists 1-8 for a reference date as an .xlsx workbook."
    # No system checks: they import every app's URLs and views (about 2 s and 80 MB) and a
    # return needs none of them; `manage.py check` runs them.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("--reference-date", required=True, help="the date, YYYY-MM-DD")
        parser.add_argument("--out", required=True, help="the .xlsx file to write")
        parser.add_argument(
            "--window-months",
            type=int,
            default=DEFAULT_WINDOW_MONTHS,
            help="the lists' look-back in months (default 6)",
        )

    def handle(self, *args, **options):
        reference_date = parse_reference_date(options["reference_date"])
        if options["window_months"] < 1:
            raise CommandError("--window-months must be 1 or more.")
        out = Path(options["out"])
        if out.suffix.lower() != ".xlsx":
            raise CommandError(f"--out must name an .xlsx file (got {str(out)!r}).")
        if not out.parent.is_dir():
            raise CommandError(f"The folder {str(out.parent)!r} does not exist.")
        period = Period(reference_date, options["window_months"])
        progress = TerminalProgress(sys.stderr) if sys.stderr.isatty() else None
        counts = write_annex_a(period=period, out=out, progress=progress)
        summary = ", ".join(f"{sheet} {n:,}" for sheet, n in counts.items())
        self.stdout.write(f"Annex A as of {reference_date.isoformat()} written to {out}: {summary}")
