"""drift_report --as-of YYYY-MM-DD [--format json|text]: every alert open on that date, in the
contract of shared/domain/timescales.md (a stable interface: docs and benchmarks call it)."""

import datetime as dt
import json
import sys

from django.core.management.base import BaseCommand, CommandError

from cairn.timescales.engine import Alert, alerts_as_of

TEXT_COLUMNS = [
    ("Rule", "rule"),
    ("Status", "status"),
    ("Severity", "severity"),
    ("Child", "child"),
    ("Worker", "worker"),
    ("Team", "team"),
    ("Due", "due"),
    ("Overdue by", "overdue_by"),
    ("Unit", "unit"),
    ("Explanation", "explanation"),
]


def parse_as_of(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"--as-of must be a real date written YYYY-MM-DD, e.g. 2026-03-31 (got {value!r})."
        ) from None


def render_text(as_of: dt.date, alerts: list[Alert]) -> str:
    rows = [
        [
            "" if value is None else str(value)
            for value in (a.as_contract()[key] for _, key in TEXT_COLUMNS)
        ]
        for a in alerts
    ]
    headers = [label for label, _ in TEXT_COLUMNS]
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headers[:-1])]
    lines = [f"Drift alerts as of {as_of.isoformat()}: {len(alerts)}", ""]
    for row in [headers, ["-" * w for w in widths] + ["-" * 11], *rows]:
        cells = [cell.ljust(width) for cell, width in zip(row[:-1], widths, strict=True)]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Print every drift alert open on a date (timescales.md contract)."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", required=True, help="the date, YYYY-MM-DD")
        parser.add_argument("--format", choices=["json", "text"], default="json")

    def handle(self, *args, **options):
        as_of = parse_as_of(options["as_of"])
        progress = sys.stderr.isatty()
        if progress:
            sys.stderr.write(f"Evaluating the drift rules as of {as_of.isoformat()}...\n")
        alerts = alerts_as_of(as_of=as_of)
        if progress:
            sys.stderr.write(f"{len(alerts)} alerts.\n")
        if options["format"] == "json":
            payload = {"as_of": as_of.isoformat(), "alerts": [a.as_contract() for a in alerts]}
            self.stdout.write(json.dumps(payload, indent=1))
        else:
            self.stdout.write(render_text(as_of, alerts))
