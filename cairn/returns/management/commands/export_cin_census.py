"""export_cin_census --reference-date YYYY-03-31 --out FILE.xml: the CIN census return for the
year ending on that date (cin-census.md), streamed to the file."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cairn.returns.census.export import write_census
from cairn.returns.census.period import census_year


class ProgressBar:
    """A one-line progress bar on stderr (only used when stderr is a terminal)."""

    def __init__(self, stream, label: str):
        self.stream, self.label, self.shown = stream, label, -1

    def __call__(self, done: int, total: int) -> None:
        percent = 100 * done // total if total else 100
        if percent != self.shown:
            self.shown = percent
            bar = "#" * (percent // 4)
            self.stream.write(f"\r{self.label} [{bar:<25}] {percent:3d}% ({done:,}/{total:,})")
            if done >= total:
                self.stream.write("\n")
            self.stream.flush()


class Command(BaseCommand):
    help = "Write the CIN census return (XML) for the year ending on the reference date."

    def add_arguments(self, parser):
        parser.add_argument("--reference-date", required=True, help="31 March: YYYY-03-31")
        parser.add_argument("--out", required=True, help="the XML file to write")

    def handle(self, *args, **options):
        try:
            year = census_year(options["reference_date"])
        except ValueError as exc:
            raise CommandError(f"--reference-date: {exc}.") from None
        out = Path(options["out"])
        if not out.parent.is_dir():
            raise CommandError(f"--out: the folder {out.parent} does not exist.")
        progress = ProgressBar(sys.stderr, "Children") if sys.stderr.isatty() else None
        partial = out.with_name(out.name + ".part")
        with partial.open("wb") as stream:
            written = write_census(year, stream, progress=progress)
        partial.replace(out)
        self.stdout.write(f"CIN census {year.label}: {written:,} children written to {out}")
