"""validate_cin_census FILE.xml: the DfE rules (cin-census.md) over any return file. Prints each
failing rule with its code, type, count and the children affected, then `N errors, M queries`
(N and M count rule failures per child; a rule on the whole return counts once). Exits 0 when it
ran, whatever it found; non-zero only when the file cannot be read."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cairn.returns.census.validation import validate_file

SHOWN = 20  # children listed per rule; the rest are counted


class Command(BaseCommand):
    help = "Check a CIN census return file against the DfE validation rules."
    # No system checks: they import every app's URLs and views (about 2 s and 80 MB) and a
    # return needs none of them; `manage.py check` runs them.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("file", help="the return (XML)")
        parser.add_argument(
            "--all-children",
            action="store_true",
            help="list every child affected, not the first 20",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        try:
            report = validate_file(str(path))  # streamed: one child in memory at a time
        except ValueError as exc:
            raise CommandError(f"{path}: {exc}") from None
        ref = report.reference_date.isoformat() if report.reference_date else "missing"
        self.stdout.write(f"{path}: {report.children:,} children, ReferenceDate {ref}")
        for f in report.findings:
            children = f.children if options["all_children"] else f.children[:SHOWN]
            more = len(f.children) - len(children)
            listed = ", ".join(children) + (f" and {more:,} more" if more else "")
            self.stdout.write(f"{f.code:<6} {f.type:<5} {f.count:>6}  {f.message}")
            if listed:
                self.stdout.write(f"{'':<20}children: {listed}")
        self.stdout.write(report.summary())
