"""export_ssd --out DIR: the Standard Safeguarding Dataset as one CSV per table (ADR 22)."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cairn.returns.ssd import spec
from cairn.returns.ssd.export import export_ssd


class TableProgress:
    """One line per table on stderr, updated in place (only on a terminal)."""

    def __init__(self, out):
        self.out = out
        self.current = None

    def __call__(self, table: str, rows: int) -> None:
        if table != self.current and self.current is not None:
            self.out.write("\n")
        self.current = table
        done = spec.TABLES.index(spec.table(table)) + 1
        self.out.write(f"\r  [{done:>2}/{len(spec.TABLES)}] {table:<28} {rows:>10,} rows")
        self.out.flush()

    def finish(self) -> None:
        if self.current is not None:
            self.out.write("\n")
            self.out.flush()


class Command(BaseCommand):
    help = "Write the Standard Safeguarding Dataset: one <table>.csv per SSD table in DIR."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="directory to write the CSV files to")

    def handle(self, *args, **options):
        out_dir = Path(options["out"])
        if out_dir.exists() and not out_dir.is_dir():
            raise CommandError(f"--out must be a directory; {out_dir} is a file.")
        if not out_dir.exists():
            if not out_dir.parent.is_dir():
                raise CommandError(
                    f"--out {out_dir}: the parent directory {out_dir.parent} does not exist."
                )
            try:
                out_dir.mkdir()
            except OSError as error:
                raise CommandError(f"--out {out_dir}: cannot create it ({error}).") from None
        progress = TableProgress(sys.stderr) if sys.stderr.isatty() else None
        try:
            counts = export_ssd(out_dir, progress=progress)
        except PermissionError as error:
            raise CommandError(f"--out {out_dir}: cannot write there ({error}).") from None
        finally:
            if progress is not None:
                progress.finish()
        total = sum(counts.values())
        self.stdout.write(f"Wrote {len(counts)} SSD tables ({total:,} rows) to {out_dir}.")
