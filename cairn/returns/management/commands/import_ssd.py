"""import_ssd DIR [--system NAME] [--report FILE]: load a Standard Safeguarding Dataset extract
(one CSV per table) from another council system. Each rejected row is listed with its file,
line and reason, printed and written to DIR/import_report.csv (or --report)."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cairn.returns.ssd import spec
from cairn.returns.ssd.importer import REPORT_NAME, import_ssd, table_path


class Command(BaseCommand):
    help = "Load an SSD extract (CSV per table) into Cairn; rejected rows go to a report."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="the folder holding ssd_<table>.csv files")
        parser.add_argument(
            "--system",
            default="ssd",
            help="name of the source system; its ids are kept under this name (default ssd)",
        )
        parser.add_argument(
            "--report", help=f"where to write the report (default DIR/{REPORT_NAME})"
        )

    def handle(self, *args, **options):
        directory = Path(options["directory"])
        if not directory.is_dir():
            raise CommandError(f"{directory} is not a folder.")
        if not any(table_path(directory, t) for t in spec.TABLES):
            raise CommandError(
                f"{directory} holds no SSD table files (ssd_person.csv, ssd_cin_episodes.csv, ...)."
            )
        system = options["system"].strip()
        if not system or len(system) > 60:
            raise CommandError("--system must be a name of 1 to 60 characters.")
        report_path = Path(options["report"]) if options["report"] else directory / REPORT_NAME
        progress = _progress(sys.stderr) if sys.stderr.isatty() else None
        report = import_ssd(directory, system=system, progress=progress)
        if progress:
            sys.stderr.write("\r" + " " * 79 + "\r")
        report.write_csv(report_path)
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(f"Report written to {report_path}")


def _progress(out):
    def show(table: str, done: int) -> None:
        out.write(f"\r  {table:<28} {done:>10,} rows")
        out.flush()

    return show
