"""import_ssd DIR [--system NAME] [--report FILE] [--workers N]: load a Standard Safeguarding
Dataset extract (one CSV per table) from another council system. Each rejected row is listed
with its file, line and reason, printed and written to DIR/import_report.csv (or --report).
Tables that do not depend on each other load side by side (--workers; parallel.py)."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cairn.returns.ssd import spec
from cairn.returns.ssd.importer import REPORT_NAME, import_ssd, parallel, table_path


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
        parser.add_argument(
            "--workers",
            type=int,
            help=(
                "how many tables load at once (default one per core, at most "
                f"{parallel.MAX_WORKERS}; always 1 on SQLite)"
            ),
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
        workers = options["workers"]
        if workers is not None and not 1 <= workers <= parallel.MAX_WORKERS:
            raise CommandError(f"--workers must be a number from 1 to {parallel.MAX_WORKERS}.")
        report_path = Path(options["report"]) if options["report"] else directory / REPORT_NAME
        progress = _progress(sys.stderr) if sys.stderr.isatty() else None
        report = import_ssd(directory, system=system, progress=progress, workers=workers)
        if progress:
            sys.stderr.write("\r" + " " * 79 + "\r")
        report.write_csv(report_path)
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(f"Report written to {report_path}")


def _progress(out):
    """The rows read so far of the table loading; tables loading side by side, in their own
    processes, take turns on the one line."""

    def show(table: str, done: int) -> None:
        out.write(f"\r  {table:<28} {done:>10,} rows")
        out.flush()

    return show
